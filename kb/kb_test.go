package kb

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// -update is accepted by every package so that 'go test ./... -update' works.
var _ = flag.Bool("update", false, "rewrite golden files")

// base is a small valid knowledge base that the cases below break one rule at a time.
const base = `
[[crises]]
id = "pollution"
name = "Pollution"
aliases = ["dirt"]

[[crises]]
id = "climate-change"
name = "Climate change"
aliases = ["climate"]

[[sdgs]]
number = 6
name = "Clean water and sanitation"
url = "https://sdgs.un.org/goals/goal6"

[[themes]]
id = "water"
name = "Water"
summary = "Shared rivers."
crises = ["pollution"]
sdgs = [6]
url = "https://example.org/water"
aliases = ["rivers"]
as_of = 2026-01-01
[[themes.sources]]
url = "https://example.org/water"
supports = ["summary"]

[[agreements]]
id = "helsinki"
name = "Water Convention"
full_name = "Convention on Transboundary Watercourses"
type = "convention"
binding = true
themes = ["water"]
crises = ["pollution"]
sdgs = [6]
adopted = 1992-03-17
adopted_place = "Helsinki"
entry_into_force = 1996-10-06
status = "in-force"
parties = 57
parties_as_of = 2025-09-01
summary = "Rules for shared rivers."
as_of = 2026-01-01
[agreements.eu]
status = "party"
signed = 1992-03-18
joined = 1995-09-14
instrument = "approval"
[[agreements.milestones]]
date = "2016"
event = "opened to all UN members"
[[agreements.sources]]
url = "https://example.org/helsinki"
supports = ["adopted", "adopted_place", "entry_into_force", "status", "parties", "eu", "milestones"]
`

func load(t *testing.T, files ...string) (*KB, Problems, error) {
	t.Helper()
	var ins []Input
	for i, f := range files {
		ins = append(ins, Input{Name: []string{"a.toml", "b.toml", "c.toml"}[i], Data: []byte(f)})
	}
	return Load(ins, LoadOptions{Today: "2026-11-27"})
}

func TestBaseIsValid(t *testing.T) {
	_, ps, err := load(t, base)
	if err != nil || len(ps) != 0 {
		t.Fatalf("base: err %v, problems %v", err, ps)
	}
}

// TestValidationRules breaks one rule per case and checks the exact problem.
func TestValidationRules(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(string) string
		extra   string // appended
		want    string // one problem, as printed
		warning bool
	}{
		{name: "duplicate id across kinds", extra: "\n[[themes]]\nid = \"helsinki\"\nname = \"X\"\nsummary = \"x\"\nas_of = 2026-01-01\n[[themes.sources]]\nurl = \"https://x.org\"\n",
			want: `a.toml:60: theme #2 "helsinki": id: "helsinki" is already defined at a.toml:30`},
		{name: "dangling theme", edit: r(`themes = ["water"]`, `themes = ["watr"]`), want: `a.toml:36: agreement #1 "helsinki": themes: unknown theme "watr" (did you mean "water"?)`},
		{name: "dangling crisis", edit: r(`crises = ["pollution"]
sdgs = [6]
url`, `crises = ["polution"]
sdgs = [6]
url`), want: `a.toml:21: theme #1 "water": crises: unknown crisis "polution" (did you mean "pollution"?)`},
		{name: "theme listed twice", edit: r(`themes = ["water"]`, `themes = ["water", "water"]`), want: `a.toml:36: agreement #1 "helsinki": themes: "water" is listed twice`},
		{name: "supported field listed twice", edit: r(`supports = ["adopted", "adopted_place"`, `supports = ["adopted", "adopted", "adopted_place"`), want: `a.toml:57: agreement #1 "helsinki": sources[1].supports: "adopted" is listed twice`},
		{name: "sdg listed twice", edit: r("sdgs = [6]\nadopted", "sdgs = [6, 6]\nadopted"), want: `a.toml:38: agreement #1 "helsinki": sdgs: 6 is listed twice`},
		{name: "dangling sdg", edit: r("sdgs = [6]\nadopted", "sdgs = [7]\nadopted"), want: `a.toml:38: agreement #1 "helsinki": sdgs: unknown SDG 7`},
		{name: "dangling parent", edit: r(`type = "convention"`, "type = \"convention\"\nparent = \"espoo\""), want: `a.toml:35: agreement #1 "helsinki": parent: unknown agreement "espoo"`},
		{name: "own parent", edit: r(`type = "convention"`, "type = \"convention\"\nparent = \"helsinki\""), want: `a.toml:35: agreement #1 "helsinki": parent: an agreement cannot be its own parent`},
		{name: "required name", edit: r(`name = "Water Convention"`, ""), want: `a.toml:30: agreement #1 "helsinki": name: required field is missing`},
		{name: "required themes", edit: r(`themes = ["water"]`, ""), want: `a.toml:30: agreement #1 "helsinki": themes: required field is missing (at least one theme)`},
		{name: "bad type", edit: r(`type = "convention"`, `type = "treaty"`), want: `a.toml:34: agreement #1 "helsinki": type: "treaty" is not one of convention, protocol, amendment, agreement, framework, decision, resolution, regulation, action-plan, partnership, panel, conference, negotiation`},
		{name: "bad status", edit: r(`status = "in-force"`, `status = "inforce"`), want: `a.toml:42: agreement #1 "helsinki": status: "inforce" is not one of in-force, not-in-force, adopted, negotiating, active, scheduled, concluded, superseded, expired (did you mean "in-force"?)`},
		{name: "bad eu status", edit: r(`status = "party"`, `status = "member-state"`), want: `a.toml:48: agreement #1 "helsinki": eu.status: "member-state" is not one of party, signatory, participant, member, observer, eu-instrument, former-party, not-party (did you mean "member"?)`},
		{name: "entry into force before adoption", edit: r(`entry_into_force = 1996-10-06`, `entry_into_force = 1991-10-06`), want: `a.toml:41: agreement #1 "helsinki": entry_into_force: 1991-10-06 is before adopted 1992-03-17`},
		{name: "joined before signed", edit: r(`joined = 1995-09-14`, `joined = 1991-09-14`), want: `a.toml:50: agreement #1 "helsinki": eu.joined: 1991-09-14 is before eu.signed 1992-03-18`},
		{name: "as_of in the future", edit: r("as_of = 2026-01-01\n[agreements.eu]", "as_of = 2027-01-01\n[agreements.eu]"), want: `a.toml:46: agreement #1 "helsinki": as_of: 2027-01-01 is in the future`},
		{name: "relative url", edit: r(`url = "https://example.org/water"
aliases`, `url = "example.org/water"
aliases`), want: `a.toml:23: theme #1 "water": url: "example.org/water" is not an absolute http(s) URL`},
		{name: "no source", edit: r("[[agreements.sources]]\nurl = \"https://example.org/helsinki\"\nsupports = [\"adopted\", \"adopted_place\", \"entry_into_force\", \"status\", \"parties\", \"eu\", \"milestones\"]\n", ""),
			want: `a.toml:30: agreement #1 "helsinki": sources: at least one source is required`},
		{name: "supports an unknown field", edit: r(`"eu", "milestones"]`, `"eu", "milestone"]`), want: `a.toml:57: agreement #1 "helsinki": sources[1].supports: unknown field "milestone" (did you mean "milestones"?)`},
		{name: "bad id", edit: r(`id = "helsinki"`, `id = "Helsinki Convention"`), want: `a.toml:31: agreement #1 "Helsinki Convention": id: "Helsinki Convention" is not a lower-case slug (a-z, 0-9 and single hyphens)`},
		{name: "old as_of warns", edit: r("as_of = 2026-01-01\n[[themes.sources]]", "as_of = 2024-11-26\n[[themes.sources]]"), want: `a.toml:25: theme #1 "water": warning: as_of: 2024-11-26 is more than two years old`, warning: true},
		{name: "unsupported date warns", edit: r(`supports = ["adopted", "adopted_place",`, `supports = ["adopted_place",`), want: `a.toml:39: agreement #1 "helsinki": warning: adopted: no source supports it`, warning: true},
		{name: "sdg out of range", extra: "\n[[sdgs]]\nnumber = 18\nname = \"Eighteen\"\n", want: `a.toml:60: sdg #2 "sdg-18": number: 18 is not an SDG (1-17)`},
		{name: "cycle", extra: "\n[[agreements]]\nid = \"p1\"\nname = \"P1\"\ntype = \"protocol\"\nstatus = \"in-force\"\nthemes = [\"water\"]\nparent = \"p1x\"\nas_of = 2026-01-01\n[[agreements.sources]]\nurl = \"https://x.org\"\n[[agreements]]\nid = \"p1x\"\nname = \"P1x\"\ntype = \"protocol\"\nstatus = \"in-force\"\nthemes = [\"water\"]\nparent = \"p1\"\nas_of = 2026-01-01\n[[agreements.sources]]\nurl = \"https://x.org\"\n",
			want: "a.toml:65: agreement #2 \"p1\": parent: cycle in parent chain through \"p1x\"\na.toml:75: agreement #3 \"p1x\": parent: cycle in parent chain through \"p1\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := base
			if tt.edit != nil {
				src = tt.edit(src)
				if src == base {
					t.Fatal("the edit changed nothing")
				}
			}
			src += tt.extra
			_, ps, err := load(t, src)
			got := ps.Errors().Error()
			if tt.warning {
				got = ps.Warnings().Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if tt.warning != (err == nil) {
				t.Errorf("warning=%v but err=%v", tt.warning, err)
			}
		})
	}
}

func r(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key with suggestion", "[[themes]]\nid = \"a\"\nnmae = \"A\"\n", `x.toml:3: theme #1 "a": unknown key "nmae" (did you mean "name"?)`},
		{"case variant", "[[themes]]\nid = \"a\"\nName = \"A\"\n", `x.toml:3: theme #1 "a": unknown key "Name" (keys are case-sensitive: did you mean "name"?)`},
		{"unknown table", "[[theme]]\nid = \"a\"\n", `x.toml:1: unknown table "theme" (did you mean "themes"?)`},
		{"table instead of array", "[themes]\nid = \"a\"\n", `x.toml:1: "themes" must be an array of tables: write [[themes]] before each theme`},
		{"wrong type", "[[agreements]]\nid = \"a\"\nname = 7\n", `x.toml:3: agreement #1 "a": name: want a string, got an integer`},
		{"negative count", "[[agreements]]\nid = \"a\"\nparties = -1\n", `x.toml:3: agreement #1 "a": parties: -1 is out of range (want 0 or more)`},
		{"float count", "[[agreements]]\nid = \"a\"\nparties = nan\n", `x.toml:3: agreement #1 "a": parties: want an integer, got a non-finite float`},
		{"time only", "[[agreements]]\nid = \"a\"\nadopted = 10:00:00\n", `x.toml:3: agreement #1 "a": adopted: want a date like 2022-08-31, got a date-time or time`},
		{"impossible date string", "[[agreements]]\nid = \"a\"\nadopted = \"2023-02-29\"\n", `x.toml:3: agreement #1 "a": adopted: invalid date "2023-02-29": no such day`},
		{"bad error entry is the right one", "[[themes]]\nid = \"a\"\nas_of = \"x\"\n[[themes]]\nid = \"b\"\nas_of = 2020-01-01\n", `x.toml:3: theme #1 "a": as_of: invalid date "x": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"nested unknown key", "[[agreements]]\nid = \"a\"\n[agreements.eu]\nstaus = \"party\"\n", `x.toml:4: agreement #1 "a": unknown key "eu.staus" (did you mean "status"?)`},
		{"milestone key", "[[agreements]]\nid = \"a\"\n[[agreements.milestones]]\ndate = 2020-01-01\n[[agreements.milestones]]\nwhen = 2021-01-01\n", `x.toml:6: agreement #1 "a": unknown key "milestones[2].when"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(Input{Name: "x.toml", Data: []byte(tt.src)})
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("want Problems, got %v", err)
			}
			if diff := cmp.Diff(tt.want, ps.Error()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src       string
		line, col       int
		message, prefix string
	}{
		{"unterminated string", "[[themes]]\nid = \"a\nname = \"b\"\n", 2, 8, "strings cannot contain newlines", ""},
		{"one-line file ending in a backslash", "a = \"\\", 1, 0, "", ""},
		{"CRLF string at EOF", "a = \"\r\n", 1, 0, "", ""},
		{"deep arrays", "a = " + strings.Repeat("[", 100000), 1, 0, "nested deeper than 32 levels", ""},
		{"deep inline tables", "a = " + strings.Repeat("{b = ", 10000), 1, 0, "nested deeper than 32 levels", ""},
		{"long dotted key", strings.Repeat("a.", 1000) + "a = 1", 1, 0, "dotted key with more than 32 parts", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(Input{Name: "x.toml", Data: []byte(tt.src)})
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("want *SyntaxError, got %T %v", err, err)
			}
			if se.File != "x.toml" || se.Line != tt.line || se.Line < 1 || (tt.col > 0 && se.Col != tt.col) {
				t.Errorf("got %s:%d:%d, want x.toml:%d:%d", se.File, se.Line, se.Col, tt.line, tt.col)
			}
			if tt.message != "" && se.Message != tt.message {
				t.Errorf("message %q, want %q", se.Message, tt.message)
			}
			if len(se.Error()) > 1000 {
				t.Errorf("error is %d bytes long", len(se.Error()))
			}
		})
	}
}

func TestNestingAllowsBracketsInStringsAndComments(t *testing.T) {
	src := "a = \"" + strings.Repeat("[{", 100) + "\" # " + strings.Repeat("[", 100) + "\nb = '''\n" + strings.Repeat("{", 100) + "'''\nc = [[[1]]]\n"
	if _, err := scan([]byte(src)); err != nil {
		t.Fatal(err)
	}
}

func TestParseDate(t *testing.T) {
	for _, ok := range []string{"2022", "2022-08", "2022-08-31", "2024-02-29"} {
		if _, err := ParseDate(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "22", "2022-8", "2022-13", "2023-02-29", "2022-08-32", "2022/08/01", "0999", "2022-08-31T00:00:00Z"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestDateOrder(t *testing.T) {
	if Date("2022").Before("2022-08") || Date("2022-08").Before("2022") {
		t.Error("dates at different precision in the same year are not ordered")
	}
	if !Date("2021-12-31").Before("2022") {
		t.Error("2021-12-31 should be before 2022")
	}
	if Date("").Compare("1990") != 1 || Date("1990").Compare("") != -1 {
		t.Error("unknown dates sort last")
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Göteborg": "goteborg", "ÉCOLE": "ecole", "Plain": "plain", "Łódź": "łodz"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func mustLoad(t *testing.T, src string) *KB {
	t.Helper()
	k, _, err := load(t, src)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestLookup(t *testing.T) {
	k := mustLoad(t, base)
	for q, want := range map[string]string{
		"helsinki": "helsinki", "HELSINKI": "helsinki", "Water Convention": "helsinki",
		"rivers": "water", "water": "water", "climate": "climate-change", "sdg-6": "sdg-6", "6": "sdg-6", "SDG 6": "sdg-6",
	} {
		r, err := k.Lookup(q)
		if err != nil {
			t.Errorf("Lookup(%q): %v", q, err)
			continue
		}
		if got := k.IDOf(r); got != want {
			t.Errorf("Lookup(%q) = %s, want %s", q, got, want)
		}
	}
	_, err := k.Lookup("helsinky")
	var nf *NotFoundError
	if !errors.As(err, &nf) || len(nf.Suggestions) == 0 || nf.Suggestions[0] != "helsinki" {
		t.Errorf("Lookup(helsinky) = %v", err)
	}
}

func TestFilter(t *testing.T) {
	k := mustLoad(t, base+`
[[agreements]]
id = "talks"
name = "Talks"
type = "negotiation"
binding = false
status = "negotiating"
themes = ["water"]
crises = ["climate-change"]
adopted = "2022-08"
as_of = 2026-01-01
[[agreements.sources]]
url = "https://x.org"
supports = ["adopted", "status"]
`)
	yes, no := true, false
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"none", Filter{}, []string{"helsinki", "talks"}},
		{"crisis or", Filter{Crises: []string{"pollution", "climate-change"}}, []string{"helsinki", "talks"}},
		{"crisis and type", Filter{Crises: []string{"climate-change"}, Types: []string{"convention"}}, nil},
		{"binding", Filter{Binding: &yes}, []string{"helsinki"}},
		{"non-binding", Filter{Binding: &no}, []string{"talks"}},
		{"after excludes the year", Filter{AdoptedAfter: 1992}, []string{"talks"}},
		{"before excludes the year", Filter{AdoptedBefore: 2022}, []string{"helsinki"}},
		{"sdg", Filter{SDGs: []int{6}}, []string{"helsinki"}},
		{"eu status", Filter{EUStatuses: []string{"party"}}, []string{"helsinki"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, i := range k.FilterAgreements(tt.f) {
				got = append(got, k.Agreements[i].ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSearchRanksNameAboveSummary(t *testing.T) {
	k := mustLoad(t, base)
	hits := k.Search([]string{"rivers"})
	var got []string
	for _, h := range hits {
		got = append(got, h.ID)
	}
	// "rivers" is the water theme's alias (weight 8) and in both summaries (2)
	if diff := cmp.Diff([]string{"water", "helsinki"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// heaviest first
	if diff := cmp.Diff([]string{"aliases", "summary"}, hits[0].Matched); diff != "" {
		t.Errorf("matched (-want +got):\n%s", diff)
	}
	if len(k.Search([]string{"rivers", "nothere"})) != 0 {
		t.Error("every term must match")
	}
	// "helsínki" finds the agreement adopted in Helsinki, and only it
	if hits := k.Search([]string{"HELSÍNKI"}); len(hits) != 1 || hits[0].ID != "helsinki" {
		t.Errorf("accents and case must not matter: %v", hits)
	}
}

// TestSearchBuiltin pins the ranking on the built-in data.
func TestSearchBuiltin(t *testing.T) {
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	k, _, err := Load([]Input{{Name: "themes.toml", Data: data}}, LoadOptions{Today: "2026-11-29"})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(args ...string) []string {
		var out []string
		for _, h := range k.Search(args) {
			out = append(out, h.ID)
		}
		return out
	}
	for _, tt := range []struct {
		query []string
		top   []string // the first hits, in order
	}{
		{[]string{"ozone"}, []string{"montreal", "vienna", "gothenburg"}},
		{[]string{"paris agreement"}, []string{"paris"}},
		{[]string{`"paris agreement"`}, []string{"paris"}},
		{[]string{"mercurry"}, []string{"minamata"}}, // one typing error
		{[]string{"pfas"}, []string{"stockholm"}},
		{[]string{"hfcs"}, []string{"kigali", "montreal"}},
	} {
		got := ids(tt.query...)
		if len(got) > len(tt.top) {
			got = got[:len(tt.top)]
		}
		if diff := cmp.Diff(tt.top, got); diff != "" {
			t.Errorf("Search(%q) (-want +got):\n%s", tt.query, diff)
		}
	}
	if len(ids("mercurry", "zzzzzzzz")) != 0 {
		t.Error("every term must match, typo or not")
	}
	if got := ids("watr"); len(got) != 0 {
		t.Errorf("a four-letter term has no typo tolerance: %v", got)
	}
}

func TestSnippet(t *testing.T) {
	text := "Global treaty covering the whole life cycle of mercury: it bans new primary mercury mines, restricts trade, phases out mercury-added products"
	got, marks := cutSnippet(text, []string{"mercury"})
	if len(got) > snippetWidth+2*len("…") || !strings.HasPrefix(got, "…the whole") || !strings.HasSuffix(got, "restricts…") || len(marks) != 2 {
		t.Errorf("snippet %q, marks %v", got, marks)
	}
	for _, m := range marks {
		if got[m[0]:m[1]] != "mercury" {
			t.Errorf("mark %v is %q in %q", m, got[m[0]:m[1]], got)
		}
	}
	got, marks = cutSnippet("Göteborg protocol", []string{"goteborg"})
	if diff := cmp.Diff([][2]int{{0, len("Göteborg")}}, marks); got != "Göteborg protocol" || diff != "" {
		t.Errorf("accents: %q %v", got, marks)
	}
}

func TestTimeline(t *testing.T) {
	k := mustLoad(t, base)
	var got []string
	for _, e := range k.Timeline([]int{0}, 1992, 2016) {
		got = append(got, e.Date.String()+" "+e.Kind)
	}
	want := []string{"1992-03-17 adopted", "1992-03-18 eu-signed", "1995-09-14 eu-joined", "1996-10-06 entry-into-force", "2016 milestone"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	k := mustLoad(t, base)
	again, err := Decode(Input{Name: "a.toml", Data: EncodeTOML(k)})
	if err != nil {
		t.Fatalf("%v\n%s", err, EncodeTOML(k))
	}
	if diff := cmp.Diff(k, again, cmpopts.IgnoreUnexported(KB{}), cmpIgnorePos()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func cmpIgnorePos() cmp.Option {
	return cmp.FilterPath(func(p cmp.Path) bool {
		s := p.String()
		return strings.HasSuffix(s, ".Pos")
	}, cmp.Ignore())
}

func TestAddedRecordsResolveAcrossFiles(t *testing.T) {
	added := `
[[agreements]]
id = "rhine"
name = "Rhine"
type = "agreement"
status = "in-force"
parent = "helsinki"
themes = ["water"]
as_of = 2026-01-01
[[agreements.sources]]
url = "https://x.org"
supports = ["status"]
`
	if _, _, err := load(t, base, added); err != nil {
		t.Fatal(err)
	}
	_, _, err := load(t, base, strings.Replace(added, "id = \"rhine\"\nname = \"Rhine\"\ntype = \"agreement\"\nstatus = \"in-force\"\nparent = \"helsinki\"", "id = \"helsinki\"\nname = \"Rhine\"\ntype = \"agreement\"\nstatus = \"in-force\"", 1))
	if err == nil || err.Error() != `b.toml:3: agreement #1 "helsinki": id: "helsinki" is already defined at a.toml:30` {
		t.Errorf("conflict: %v", err)
	}
}

func TestDecodeNeverPanics(t *testing.T) {
	for _, src := range []string{"", "\x00", "a = \"\\", "[[agreements]]\n[[agreements]]\nid = 1", "agreements = [1, 2]", "agreements = [{id = \"a\", eu = 3}]", "\xef\xbb\xbf[[themes]]\nid = \"a\""} {
		_, _ = Decode(Input{Name: "x", Data: []byte(src)})
	}
}

// Records read back from the cache know their lines as well as decoded
// ones: the later of two definitions is still the duplicate, at its line.
func TestDuplicateOrderFromCache(t *testing.T) {
	// CRLF: a file the fast path gives up on
	first := "\r\n\r\n\r\n\r\n[[themes]]\r\nid = \"x\"\r\nname = \"X\"\r\nsummary = \"x\"\r\n" + strings.Repeat("# padding\r\n", CacheMinBytes/10)
	second := "[[agreements]]\nid = \"x\"\nname = \"Y\"\ntype = \"convention\"\nstatus = \"in-force\"\nthemes = [\"x\"]\n[[agreements.sources]]\nurl = \"https://example.org\"\n"
	c := &Cache{Dir: t.TempDir(), Program: func() ([]byte, error) { return []byte("test"), nil }}
	// a.toml alone is valid: loaded twice, it is cached
	a := []Input{{Name: "a.toml", Data: []byte(first)}}
	for range 2 {
		if _, _, err := Load(a, LoadOptions{Cache: c}); err != nil {
			t.Fatal(err)
		}
		c.Wait()
	}
	if _, ok := c.read(Input{Name: "a.toml", Data: []byte(first)}); !ok {
		t.Fatal("a.toml was not cached")
	}
	ins := []Input{{Name: "a.toml", Data: []byte(first)}, {Name: "b.toml", Data: []byte(second)}}
	_, _, err := Load(ins, LoadOptions{Cache: c})
	if err == nil || !strings.HasPrefix(err.Error(), `b.toml:2: agreement #1 "x": id: "x" is already defined at a.toml:5`) {
		t.Errorf("got %v", err)
	}
}

// TestTOMLExportEscapesC1AndBidiControls: issue 11, finding 6. A value
// holding C1, bidi or invisible separator characters is written as \u
// escapes, and decodes back to the same text.
func TestTOMLExportEscapesC1AndBidiControls(t *testing.T) {
	evil := "a\u009bb\u202ec\u2066d\u0085e\u2028f\ufefFg\u061ch"
	k := &KB{Crises: []Crisis{{ID: "c", Name: evil}}}
	out := EncodeTOML(k)
	for _, r := range evil {
		if r > 0x7f && strings.ContainsRune(string(out), r) {
			t.Errorf("raw U+%04X in %q", r, out)
		}
	}
	back, err := Decode(Input{Name: "x.toml", Data: out})
	if err != nil {
		t.Fatal(err)
	}
	if back.Crises[0].Name != evil {
		t.Errorf("round trip: %q", back.Crises[0].Name)
	}
}

// TestSchemaFieldsRoundTrip: every field the schema reads from TOML is
// written by EncodeTOML and read back by the decoder, so adding a field to
// the schema is enough for both.
func TestSchemaFieldsRoundTrip(t *testing.T) {
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	k, err := Decode(Input{Name: "themes.toml", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(Input{Name: "export.toml", Data: EncodeTOML(k)})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Schemas() {
		if s.Len(k) != s.Len(back) {
			t.Fatalf("%s: %d records, %d back", s.Plural, s.Len(k), s.Len(back))
		}
		for i := 0; i < s.Len(k); i++ {
			for _, f := range s.Fields {
				if diff := cmp.Diff(f.Value(k, s.Record(k, i)), f.Value(back, s.Record(back, i))); diff != "" {
					t.Errorf("%s #%d %s: (-want +got)\n%s", s.Kind, i+1, f.Name, diff)
				}
			}
		}
	}
}

// Prune keeps the agreements asked for and those above them, and drops a
// subtree, or a theme, left without one.
func TestPrune(t *testing.T) {
	k := &KB{
		Themes: []Theme{{ID: "t"}, {ID: "u"}},
		Agreements: []Agreement{
			{ID: "a", Themes: []string{"t"}, Adopted: "1980"},
			{ID: "b", Parent: "a", Themes: []string{"t"}, Adopted: "1990"},
			{ID: "c", Parent: "b", Themes: []string{"t"}, Adopted: "2000"},
			{ID: "d", Parent: "a", Themes: []string{"t"}, Adopted: "2010"},
			{ID: "e", Themes: []string{"u"}, Adopted: "2020"},
		},
	}
	ids := func(nodes []Node) []string {
		var out []string
		var walk func(ns []Node)
		walk = func(ns []Node) {
			for _, n := range ns {
				out = append(out, fmt.Sprintf("%d:%s<%s", n.Depth, k.IDOf(n.Ref), n.Parent))
				walk(n.Children)
			}
		}
		walk(nodes)
		return out
	}
	keep := func(want ...string) func(Ref) bool {
		return func(r Ref) bool { return slices.Contains(want, k.Agreements[r.Index].ID) }
	}
	for _, tt := range []struct {
		keep []string
		want []string
	}{
		{[]string{"c"}, []string{"0:t<", "1:a<t", "2:b<a", "3:c<b"}},
		{[]string{"d", "e"}, []string{"0:t<", "1:a<t", "2:d<a", "0:u<", "1:e<u"}},
		{[]string{"a"}, []string{"0:t<", "1:a<t"}},
		{nil, nil},
	} {
		if got := ids(Prune(k.Forest(), keep(tt.keep...))); !slices.Equal(got, tt.want) {
			t.Errorf("keep %v: %v, want %v", tt.keep, got, tt.want)
		}
	}
}
