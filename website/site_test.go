package website

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"envcoop/kb"
	"envcoop/kb/builtin"

	"github.com/google/go-cmp/cmp"
)

func loadFixture(t *testing.T) *kb.KB {
	t.Helper()
	data, err := os.ReadFile("../testdata/fixtures/small.toml")
	if err != nil {
		t.Fatal(err)
	}
	k, _, err := kb.Load([]kb.Input{{Name: "small.toml", Data: data}}, kb.LoadOptions{Today: "2026-11-29"})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func build(t *testing.T, k *kb.KB) map[string][]byte {
	t.Helper()
	files, err := Build(k)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

func TestBuildPaths(t *testing.T) {
	k := loadFixture(t)
	files, err := Build(k)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	want := []string{
		"agreements/clean-air-talks.html", "agreements/gothenburg.html", "agreements/helsinki.html", "agreements/index.html",
		"agreements/water-health.html", "assets/search-index.js", "assets/search.js", "assets/style.css",
		"crises/biodiversity-loss.html", "crises/climate-change.html", "crises/pollution.html",
		"families.html", "index.html", "sdgs/sdg-3.html", "sdgs/sdg-6.html", "search.html",
		"themes/air.html", "themes/water.html", "timeline.html",
	}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	again, err := Build(k)
	if err != nil {
		t.Fatal(err)
	}
	for i := range files {
		if !bytes.Equal(files[i].Data, again[i].Data) {
			t.Errorf("%s differs between two builds", files[i].Path)
		}
	}
}

var (
	linkAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	idAttr   = regexp.MustCompile(` id="([^"]*)"`)
)

// TestInternalLinks checks, without a browser, that every relative link of
// every page of the built-in data's site names a file of the site, and its
// fragment an id on that page. (TestBrowser follows them in Chromium.)
func TestInternalLinks(t *testing.T) {
	files := build(t, builtin.KB())
	ids := map[string][]string{}
	for p, data := range files {
		for _, m := range idAttr.FindAllSubmatch(data, -1) {
			ids[p] = append(ids[p], string(m[1]))
		}
	}
	links := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range linkAttr.FindAllSubmatch(data, -1) {
			ref := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") || ref == "data:," {
				continue
			}
			links++
			file, frag, _ := strings.Cut(ref, "#")
			target := p
			if file != "" {
				target = path.Join(path.Dir(p), file)
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q: no file %s", p, ref, target)
				continue
			}
			if frag != "" && !slices.Contains(ids[target], frag) {
				t.Errorf("%s: link %q: no id %q in %s", p, ref, frag, target)
			}
		}
	}
	if links < 1000 {
		t.Errorf("only %d internal links: the pattern no longer finds them", links)
	}
}

// TestHostileTextStaysText builds a site from records whose text is HTML
// and script, and checks that it arrives escaped.
func TestHostileTextStaysText(t *testing.T) {
	evil := "<script>alert(1)</script>"
	k := &kb.KB{
		Themes: []kb.Theme{{ID: "t", Name: `T"><img src=x onerror=alert(2)>`, Summary: "</p>" + evil, EUPolicy: []string{evil}}},
		Agreements: []kb.Agreement{{ID: "a", Name: evil, FullName: "</title>" + evil, Type: "convention", Themes: []string{"t"}, Status: "in-force",
			Adopted: "2020", Summary: "\u2028</script>" + evil, Milestones: []kb.Milestone{{Date: "2021", Event: evil}},
			Sources: []kb.Source{{URL: "javascript:alert(3)", Title: evil}}}},
	}
	files := build(t, k)
	for p, data := range files {
		switch {
		case strings.HasSuffix(p, ".html"):
			for _, bad := range []string{"<script>alert", "<img", "</script><script>", `href="javascript:`} {
				if bytes.Contains(data, []byte(bad)) {
					t.Errorf("%s holds %q", p, bad)
				}
			}
		case p == searchIndex:
			if bytes.ContainsAny(data, "<>\u2028") {
				t.Errorf("%s holds <, > or U+2028 unescaped", p)
			}
		}
	}
	page := string(files[AgreementPath("a")])
	for _, want := range []string{
		"<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>",
		"<title>&lt;script&gt;alert(1)&lt;/script&gt; · EU environmental cooperation</title>",
		`<li id="source-1"><a href="#ZgotmplZ">&lt;script&gt;alert(1)&lt;/script&gt;</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the agreement's page lacks %q", want)
		}
	}
	// the index is a script whose data reads back exactly
	js := string(files[searchIndex])
	_, data, ok := strings.Cut(js, "var ENVCOOP_SEARCH = ")
	if !ok {
		t.Fatalf("no ENVCOOP_SEARCH in %q", js)
	}
	var idx struct{ Records []searchRecord }
	if err := json.Unmarshal([]byte(strings.TrimSuffix(data, ";\n")), &idx); err != nil {
		t.Fatal(err)
	}
	if got := idx.Records[1].Name; got != evil {
		t.Errorf("the index holds the name %q, want %q", got, evil)
	}
}

func TestChart(t *testing.T) {
	k := loadFixture(t)
	c := newChart(k)
	if c == nil {
		t.Fatal("no chart")
	}
	// adopted 1992, 1999, 1999, 2022-08; the EU joined the Water Convention in 1995
	if c.From != 1990 || c.Last != 2022 {
		t.Errorf("years %d-%d, want 1990-2022", c.From, c.Last)
	}
	want := []series{
		{Label: "Agreements adopted (4)", Class: "adopted", Total: 4},
		{Label: "Joined by the EU (1)", Class: "joined", Total: 1},
	}
	for i := range want {
		want[i].D, want[i].LegendY = c.Series[i].D, c.Series[i].LegendY
	}
	if diff := cmp.Diff(want, c.Series, cmp.AllowUnexported(series{})); diff != "" {
		t.Errorf("series (-want +got):\n%s", diff)
	}
	// x: 1990 at 48, the end of 2022 at 624, so 1995 at 48+5*576/33 = 135;
	// y: 0 at 300, 10 at 16, so 1 at 300-284/10 = 272
	if got := c.Series[1].D; got != "M48 300H135V272H624" {
		t.Errorf("EU line %q", got)
	}
	if newChart(&kb.KB{}) != nil {
		t.Error("a chart for no data")
	}
}
