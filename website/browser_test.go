package website_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"envcoop/commands"
	"envcoop/kb"
	"envcoop/kb/builtin"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

var (
	// -update is accepted by every package so that 'go test ./... -update' works.
	_          = flag.Bool("update", false, "rewrite golden files")
	screenshot = flag.String("screenshot", "", "write a PNG screenshot of the built-in data's index page to `FILE` (docs/site.png)")
)

// chromium finds a Chromium or Chrome to drive: $ENVCOOP_CHROMIUM, else the
// usual names on $PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ENVCOOP_CHROMIUM"); p != "" {
		return p
	}
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Skipf("browser tests skipped: no Chromium found (looked for $ENVCOOP_CHROMIUM and %s on $PATH); "+
		".ci/run installs Debian's chromium package", strings.Join(names, ", "))
	return ""
}

// buildSite runs 'envcoop [args] site -o DIR' in-process and returns DIR.
func buildSite(t *testing.T, args ...string) string {
	t.Helper()
	embedded, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	code := commands.Run(commands.Env{
		Args:     append(append([]string{"envcoop"}, args...), "site", "-o", dir),
		Stdin:    strings.NewReader(""),
		Stdout:   &stdout,
		Stderr:   &stderr,
		Embedded: embedded,
		Builtin:  builtin.KB,
		Getenv: func(k string) string {
			if k == "ENVCOOP_TODAY" {
				return "2026-11-29"
			}
			return ""
		},
	})
	if code != 0 || stdout.Len() > 0 || stderr.Len() > 0 {
		t.Fatalf("envcoop site: exit %d\nstdout: %s\nstderr: %s", code, &stdout, &stderr)
	}
	return dir
}

// browser starts headless Chromium with the flags this machine needs (no
// sandbox as root, no GPU, no network of its own) and a fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	profile, err := os.MkdirTemp("", "envcoop-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
	)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancel()
		// Chromium's helpers may still write to the profile for a moment.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	// start the browser on a context without a deadline of its own
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("browser tests skipped: Chromium (%s) did not start: %v", exe, err)
	}
	return ctx
}

// console records what a page reports as wrong: console errors, uncaught
// exceptions, error log entries (such as a file that fails to load) and
// dialogs (alert() from injected script).
type console struct {
	mu       sync.Mutex
	problems []string
}

func (c *console) add(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *console) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.problems
	c.problems = nil
	return p
}

func listen(t *testing.T, ctx context.Context) *console {
	t.Helper()
	c := &console{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				c.add("console.%s: %s", e.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			c.add("uncaught exception: %s", msg)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				c.add("log error: %s (%s)", e.Entry.Text, e.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			c.add("a %s dialog opened: %q", e.Type, e.Message)
			go func() { // a dialog stalls the page until it is answered
				_ = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
					return err
				}))
			}()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pageFacts is what inspectJS reports about a page.
type pageFacts struct {
	Title    string   `json:"title"`
	H1       string   `json:"h1"`
	Links    []string `json:"links"`
	IDs      []string `json:"ids"`
	Problems []string `json:"problems"`
}

// inspectJS lists a page's links and ids, and checks what a reader needs:
// a language, one main landmark and one h1, headings without skipped
// levels, a name for every form field, link, image and table, text with
// enough contrast against its background (WCAG AA: 4.5:1, 3:1 for large
// text), and nothing wider than the window.
const inspectJS = `((room) => {
  const problems = [];
  const links = [];
  document.querySelectorAll("a[href], link[href], script[src], form[action]").forEach(e => {
    links.push(e.tagName === "SCRIPT" ? e.src : e.tagName === "FORM" ? e.action : e.href);
  });
  const ids = Array.from(document.querySelectorAll("[id]"), e => e.id);
  if (document.documentElement.lang !== "en") problems.push("html has no lang=en");
  const mains = document.querySelectorAll("main").length;
  if (mains !== 1) problems.push(mains + " main landmarks");
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) problems.push(h1s.length + " h1 headings");
  if (!document.querySelector("header nav[aria-label]")) problems.push("no labelled navigation in the header");
  let level = 0;
  document.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(h => {
    const l = Number(h.tagName[1]);
    if (l > level + 1) problems.push(h.tagName + " after h" + level + ": " + h.textContent.trim());
    level = l;
  });
  document.querySelectorAll("input, select, textarea, button").forEach(i => {
    if (i.type === "hidden") return;
    const named = (i.labels && i.labels.length > 0) || i.getAttribute("aria-label") || (i.tagName === "BUTTON" && i.textContent.trim());
    if (!named) problems.push("form field without a label: " + (i.id || i.name || i.tagName));
  });
  document.querySelectorAll("a").forEach(a => {
    if (!a.textContent.trim() && !a.getAttribute("aria-label")) problems.push("link without text: " + a.href);
  });
  document.querySelectorAll("img").forEach(i => { if (!i.hasAttribute("alt")) problems.push("img without alt"); });
  document.querySelectorAll("svg").forEach(s => {
    if (s.getAttribute("role") !== "img" || !(s.getAttribute("aria-labelledby") || s.getAttribute("aria-label"))) problems.push("svg without role=img and a name");
  });
  document.querySelectorAll("table").forEach(t => {
    if (!t.caption || !t.caption.textContent.trim()) problems.push("table without a caption");
    if (!t.querySelector("th[scope]")) problems.push("table without scoped header cells");
  });
  const rgb = s => {
    const m = /rgba?\(([^)]*)\)/.exec(s);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const lum = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const seen = new Set();
  document.querySelectorAll("body *").forEach(el => {
    const hasText = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText || el.getClientRects().length === 0) return;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") return;
    const r = el.getBoundingClientRect();
    if (r.right < 0 || r.bottom < 0) return; // moved off screen, as the skip link until it has focus
    const fg = rgb(el instanceof SVGElement ? style.fill : style.color);
    if (!fg) return;
    const l1 = lum(fg), l2 = lum(background(el));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const key = el.tagName + " " + style.color + " " + style.fill;
    if (ratio < need && !seen.has(key)) {
      seen.add(key);
      problems.push("contrast " + ratio.toFixed(2) + ":1 (need " + need + ") for " + el.tagName + " " + JSON.stringify(el.textContent.trim().slice(0, 40)));
    }
  });
  // On a phone the browser zooms out to show a page that is too wide, so
  // the window grows with it: compare with the width of the screen.
  const width = document.documentElement.scrollWidth;
  if (width > room) problems.push("the page is " + width + " px wide on a " + room + " px screen");
  const h1 = document.querySelector("h1");
  return { title: document.title, h1: h1 ? h1.textContent : "", links, ids, problems };
})`

// phoneWidth is the width, in CSS pixels, of the phone the pages are read on.
const phoneWidth = 375

// crawl opens every page reachable from the site's index by following
// links, as a reader would on a phone, and checks each: every internal link
// names a file that exists (and its #fragment an element of that page),
// nothing goes to the console, and the checks of inspectJS pass. It
// returns the facts of each page by path.
func crawl(t *testing.T, ctx context.Context, dir string) map[string]pageFacts {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)) }()
	inspect := fmt.Sprintf("(%s)(%d)", inspectJS, phoneWidth)
	logs := listen(t, ctx)
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	facts := map[string]pageFacts{}
	type ref struct{ from, path, frag string }
	var frags []ref
	queue := []string{"index.html"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if _, ok := facts[p]; ok {
			continue
		}
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(pctx, chromedp.Navigate(base+p))
		var f pageFacts
		if err == nil {
			f, err = chromedp.Run(pctx, chromedp.Evaluate[pageFacts](inspect))
		}
		cancel()
		if err != nil {
			t.Errorf("%s: %v", p, err)
			facts[p] = pageFacts{}
			continue
		}
		facts[p] = f
		for _, problem := range append(logs.take(), f.Problems...) {
			t.Errorf("%s: %s", p, problem)
		}
		for _, link := range f.Links {
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %q", p, link)
				continue
			}
			if u.Scheme != "file" {
				continue // the web, or data: for the icon; not followed (no network here)
			}
			rel, err := filepath.Rel(dir, filepath.FromSlash(u.Path))
			if err != nil || !filepath.IsLocal(rel) {
				t.Errorf("%s: link %q leaves the site", p, link)
				continue
			}
			rel = filepath.ToSlash(rel)
			if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
				t.Errorf("%s: link %q: %v", p, link, err)
				continue
			}
			if u.Fragment != "" {
				frags = append(frags, ref{p, rel, u.Fragment})
			}
			if strings.HasSuffix(rel, ".html") {
				queue = append(queue, rel)
			}
		}
	}
	for _, r := range frags {
		if !slices.Contains(facts[r.path].IDs, r.frag) {
			t.Errorf("%s: link to %s#%s: no element has that id", r.from, r.path, r.frag)
		}
	}
	return facts
}

// htmlFiles lists the site's pages.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// searchIDs types a query into the search page's field, as a reader does,
// and returns the ids of the results in order.
func searchIDs(t *testing.T, ctx context.Context, query string) []string {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const q = document.getElementById("q");
		q.value = %q;
		q.dispatchEvent(new Event("input"));
		return Array.from(document.querySelectorAll("#results li"), li => li.dataset.id);
	})()`, query)
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func kbSearchIDs(k *kb.KB, query string) []string {
	out := []string{}
	for _, h := range k.Search(strings.Fields(query)) {
		out = append(out, h.ID)
	}
	return out
}

// TestBrowser opens the site of the built-in data in headless Chromium.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	dir := buildSite(t)
	k := builtin.KB()
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()

	t.Run("every page on a phone: links resolve, no console errors, accessible", func(t *testing.T) {
		facts := crawl(t, ctx, dir)
		var visited []string
		for p := range facts {
			visited = append(visited, p)
		}
		slices.Sort(visited)
		if diff := cmp.Diff(htmlFiles(t, dir), visited); diff != "" {
			t.Errorf("pages reached from the index (-on disk +reached):\n%s", diff)
		}
		if got := facts["agreements/paris.html"].H1; got != "Paris Agreement" {
			t.Errorf("agreements/paris.html: h1 %q", got)
		}
	})

	t.Run("searching mercury lists the Minamata Convention", func(t *testing.T) {
		logs := listen(t, ctx)
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"search.html")); err != nil {
			t.Fatal(err)
		}
		// typed key by key, as a reader types
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#q"), "mercury")); err != nil {
			t.Fatal(err)
		}
		type result struct{ ID, Name, Href string }
		results, err := chromedp.Run(ctx, chromedp.Evaluate[[]result](`Array.from(document.querySelectorAll("#results li"),
			li => ({ID: li.dataset.id, Name: li.querySelector("a").textContent, Href: li.querySelector("a").getAttribute("href")}))`))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(results, result{"minamata", "Minamata Convention", "agreements/minamata.html"}) {
			t.Fatalf("results for mercury: %v", results)
		}
		status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#search-status")))
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%d results for “mercury”.", len(results)); status != want {
			t.Errorf("status %q, want %q", status, want)
		}
		// the browser ranks as 'envcoop search' does
		for _, q := range []string{"mercury", "goteborg", "plastic waste", "climate", "Ramsar", "sdg-6", "sdg", "life", "sustainable", "water convention", "zzzz"} {
			if diff := cmp.Diff(kbSearchIDs(k, q), searchIDs(t, ctx, q)); diff != "" {
				t.Errorf("search %q (-kb.Search +browser):\n%s", q, diff)
			}
		}
		// an SDG is shown by its number and name, and ranked by its name
		searchIDs(t, ctx, "sdg-6")
		label, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#results li a").textContent`))
		if err != nil || label != "SDG 6: Clean water and sanitation" {
			t.Errorf("first result for sdg-6: %q, %v", label, err)
		}
		// from any page: the header's search form opens the results
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"themes/plastics.html"),
			chromedp.SendKeys(chromedp.CSS("#site-q"), "mercury")); err != nil {
			t.Fatal(err)
		}
		// Enter submits the form, and waits for the page it opens
		if _, err := chromedp.RunResponse(ctx, chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		first, err := chromedp.Run(ctx, chromedp.Poll[string](`location.pathname.endsWith("/search.html") &&
			document.querySelector("#results li a") && document.querySelector("#results li a").textContent`, chromedp.WithPollingTimeout(10*time.Second)))
		if err != nil {
			t.Fatal(err)
		}
		if first != "Minamata Convention" {
			t.Errorf("first result from the header form: %q", first)
		}
		// and the result leads to the agreement
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#results a[href="agreements/minamata.html"]`))); err != nil {
			t.Fatal(err)
		}
		h1, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname.endsWith("/agreements/minamata.html") && document.querySelector("h1").textContent`))
		if err != nil || h1 != "Minamata Convention" {
			t.Errorf("after the click: h1 %q, %v", h1, err)
		}
		for _, p := range logs.take() {
			t.Error(p)
		}
	})

	t.Run("a theme page lists its agreements", func(t *testing.T) {
		for _, theme := range []string{"plastics", "chemicals"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"themes/"+theme+".html")); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(
				document.querySelectorAll("section[aria-labelledby=agreements] tbody th a"), a => a.textContent + " " + a.getAttribute("href"))`))
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, i := range k.AgreementsOfTheme(theme) {
				a := k.Agreements[i]
				want = append(want, a.Name+" ../agreements/"+a.ID+".html")
			}
			if len(want) == 0 {
				t.Fatalf("theme %s has no agreements in the data", theme)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s (-data +page):\n%s", theme, diff)
			}
			heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#agreements")))
			if err != nil {
				t.Fatal(err)
			}
			if w := fmt.Sprintf("Agreements (%d)", len(want)); heading != w {
				t.Errorf("%s: heading %q, want %q", theme, heading, w)
			}
		}
	})

	t.Run("keyboard: the first Tab reaches the skip link, which moves focus to the content", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html"), chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		type focus struct {
			Text   string
			Left   float64
			InMain bool
		}
		js := `(() => { const e = document.activeElement; return {Text: e.textContent.trim().slice(0, 40),
			Left: e.getBoundingClientRect().left, InMain: !!e.closest("main")}; })()`
		f, err := chromedp.Run(ctx, chromedp.Evaluate[focus](js))
		if err != nil {
			t.Fatal(err)
		}
		if f.Text != "Skip to the content" || f.Left < 0 {
			t.Fatalf("first Tab focuses %+v, want the visible skip link", f)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\r"), chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		if f, err = chromedp.Run(ctx, chromedp.Evaluate[focus](js)); err != nil {
			t.Fatal(err)
		}
		if !f.InMain || f.Text != k.Themes[0].Name {
			t.Errorf("after the skip link and Tab, focus is on %+v, want the first theme's link in main", f)
		}
	})

	t.Run("from a web server", func(t *testing.T) {
		srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
		defer srv.Close()
		logs := listen(t, ctx)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search.html?q=mercury")); err != nil {
			t.Fatal(err)
		}
		ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#results li"), li => li.dataset.id)`))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(kbSearchIDs(k, "mercury"), ids); diff != "" {
			t.Errorf("(-kb.Search +browser):\n%s", diff)
		}
		for _, p := range logs.take() {
			t.Error(p)
		}
	})

	if *screenshot != "" {
		t.Run("screenshot", func(t *testing.T) {
			png, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(base+"index.html")); err != nil {
					return nil, err
				}
				return chromedp.CaptureScreenshot()(ctx, tg)
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestBrowserHostileData opens a site whose records hold HTML and script:
// it must show them as text, run none of it, and still pass every check.
func TestBrowserHostileData(t *testing.T) {
	ctx := browser(t)
	data := filepath.Join(t.TempDir(), "hostile.toml")
	hostile := `
[[themes]]
id = "t"
name = "Theme \"><img src=x onerror=alert(1)>"
summary = "</p><script>alert(2)</script>"

[[agreements]]
id = "evil"
name = "<script>alert(3)</script>"
full_name = "</title><script>alert(4)</script>"
type = "convention"
themes = ["t"]
status = "in-force"
adopted = 2020-01-01
summary = "\u2028</script><script>alert(5)</script>"

[[agreements.sources]]
url = "https://example.org/?q=<script>alert(6)</script>"
title = "<b onmouseover=alert(7)>source</b>"
`
	if err := os.WriteFile(data, []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := buildSite(t, "--data", data)
	facts := crawl(t, ctx, dir)
	if got := facts["agreements/evil.html"].H1; got != "<script>alert(3)</script>" {
		t.Errorf("the agreement's heading reads %q", got)
	}
	if got := facts["themes/t.html"].H1; got != `Theme "><img src=x onerror=alert(1)>` {
		t.Errorf("the theme's heading reads %q", got)
	}
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	logs := listen(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search.html?q=script")); err != nil {
		t.Fatal(err)
	}
	names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#results li a"), a => a.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(names, "<script>alert(3)</script>") {
		t.Errorf("search results %q", names)
	}
	injected, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#results script, #results img, #results b").length`))
	if err != nil || injected != 0 {
		t.Errorf("%d elements injected into the results (%v)", injected, err)
	}
	for _, p := range logs.take() {
		t.Error(p)
	}
}
