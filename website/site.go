// Package website builds a static website from a knowledge base: an index of
// themes with their crises; a page per theme, agreement, crisis and SDG at a
// stable address (agreements/paris.html, themes/plastics.html,
// crises/pollution.html, sdgs/sdg-6.html) with the sections of
// 'envcoop show' and numbered sources; a timeline with a chart drawn as SVG;
// the families of related instruments; and a search that runs in the
// browser over an index the site carries. The site needs no server and no
// network: it works from file:// and from any static host.
//
// Pages are written with html/template, so text from the data stays text.
// website depends on kb only, and writes no files itself: Build returns them.
package website

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"envcoop/kb"
)

//go:embed templates/*.html assets/*
var files embed.FS

// File is one file of a site: its path, with '/' separators, relative to
// the site's root.
type File struct {
	Path string
	Data []byte
}

// Paths of the pages that are not records.
const (
	indexPath      = "index.html"
	agreementsPath = "agreements/index.html"
	timelinePath   = "timeline.html"
	familiesPath   = "families.html"
	searchPath     = "search.html"
	searchIndex    = "assets/search-index.js"
)

// ThemePath, AgreementPath, CrisisPath and SDGPath are the stable addresses
// of record pages, relative to the site's root.
func ThemePath(id string) string { return "themes/" + id + ".html" }

// AgreementPath is the address of an agreement's page.
func AgreementPath(id string) string { return "agreements/" + id + ".html" }

// CrisisPath is the address of a crisis's page.
func CrisisPath(id string) string { return "crises/" + id + ".html" }

// SDGPath is the address of a goal's page.
func SDGPath(n int) string { return fmt.Sprintf("sdgs/sdg-%d.html", n) }

// slug is the form of ids that kb's validation enforces; Build checks it
// again because ids become file names.
var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Build renders the knowledge base as a site and returns its files, sorted
// by path. The same knowledge base always gives the same bytes.
func Build(k *kb.KB) ([]File, error) {
	for _, t := range k.Themes {
		if !slug.MatchString(t.ID) {
			return nil, fmt.Errorf("theme id %q cannot name a page: want a lower-case slug", t.ID)
		}
	}
	for _, a := range k.Agreements {
		if !slug.MatchString(a.ID) {
			return nil, fmt.Errorf("agreement id %q cannot name a page: want a lower-case slug", a.ID)
		}
	}
	for _, c := range k.Crises {
		if !slug.MatchString(c.ID) {
			return nil, fmt.Errorf("crisis id %q cannot name a page: want a lower-case slug", c.ID)
		}
	}
	tmpl, err := template.New("").Funcs(template.FuncMap{"join": strings.Join}).ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	b := newBuilder(k, tmpl)
	pages := []*page{b.home(), b.agreementList(), b.timeline(), b.families(), b.search()}
	for i := range k.Themes {
		pages = append(pages, b.theme(&k.Themes[i]))
	}
	for i := range k.Agreements {
		pages = append(pages, b.agreement(&k.Agreements[i]))
	}
	for i := range k.Crises {
		pages = append(pages, b.crisis(&k.Crises[i]))
	}
	for i := range k.SDGs {
		pages = append(pages, b.sdg(&k.SDGs[i]))
	}
	out, err := b.renderAll(pages)
	if err != nil {
		return nil, err
	}
	idx, err := searchIndexJS(k)
	if err != nil {
		return nil, err
	}
	out = append(out, File{Path: searchIndex, Data: idx})
	err = fs.WalkDir(files, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(p)
		out = append(out, File{Path: p, Data: data})
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// builder holds what every page needs, and the links between records
// computed once: kb's queries scan every agreement, which a page per
// agreement would make quadratic.
type builder struct {
	k    *kb.KB
	tmpl *template.Template
	asOf kb.Date

	index    map[string]int   // agreement id -> index
	kids     map[string][]int // parent id -> children, by adoption date
	byTheme  map[string][]int // theme id -> agreements, by adoption date
	byCrisis map[string][]int
	bySDG    map[int][]int
}

func newBuilder(k *kb.KB, tmpl *template.Template) *builder {
	b := &builder{k: k, tmpl: tmpl, asOf: newestAsOf(k), index: map[string]int{},
		kids: map[string][]int{}, byTheme: map[string][]int{}, byCrisis: map[string][]int{}, bySDG: map[int][]int{}}
	for i, a := range k.Agreements {
		if _, dup := b.index[a.ID]; !dup {
			b.index[a.ID] = i
		}
		if a.Parent != "" {
			b.kids[a.Parent] = append(b.kids[a.Parent], i)
		}
		for _, t := range a.Themes {
			b.byTheme[t] = append(b.byTheme[t], i)
		}
		for _, c := range a.Crises {
			b.byCrisis[c] = append(b.byCrisis[c], i)
		}
		for _, n := range a.SDGs {
			b.bySDG[n] = append(b.bySDG[n], i)
		}
	}
	for _, m := range []map[string][]int{b.kids, b.byTheme, b.byCrisis} {
		for _, idx := range m {
			k.SortByAdopted(idx)
		}
	}
	for _, idx := range b.bySDG {
		k.SortByAdopted(idx)
	}
	return b
}

// byID, children, ofTheme, ofCrisis and ofSDG answer as kb's Agreement,
// Children, AgreementsOfTheme, AgreementsOfCrisis and AgreementsOfSDG do.
func (b *builder) byID(id string) (*kb.Agreement, bool) {
	i, ok := b.index[id]
	if !ok {
		return nil, false
	}
	return &b.k.Agreements[i], true
}

func (b *builder) children(id string) []int { return b.kids[id] }
func (b *builder) ofTheme(id string) []int  { return b.byTheme[id] }
func (b *builder) ofCrisis(id string) []int { return b.byCrisis[id] }
func (b *builder) ofSDG(n int) []int        { return b.bySDG[n] }

// renderAll renders the pages on every core: templates are safe for
// concurrent use, and each page writes only its own bytes.
func (b *builder) renderAll(pages []*page) ([]File, error) {
	out := make([]File, len(pages))
	errs := make([]error, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Go(func() {
			for i := range next {
				data, err := b.render(pages[i])
				out[i] = File{Path: pages[i].Path, Data: data}
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", pages[i].Path, err)
				}
			}
		})
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

func (b *builder) render(p *page) ([]byte, error) {
	p.Root = strings.Repeat("../", strings.Count(p.Path, "/"))
	p.Home = p.Root + indexPath
	p.Stats = fmt.Sprintf("%d themes, %d agreements, %d crises, %d goals", len(b.k.Themes), len(b.k.Agreements), len(b.k.Crises), len(b.k.SDGs))
	p.AsOf = b.asOf.String()
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, "page", p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// href makes a link from page p to the page or file at target (both
// relative to the site's root).
func href(from, target string) string {
	return strings.Repeat("../", strings.Count(from, "/")) + target
}

// rel returns the link from page from to target, as a part.
func rel(from, target, text string) part { return part{Text: text, Href: href(from, target)} }

func newestAsOf(k *kb.KB) kb.Date {
	var d kb.Date
	for _, t := range k.Themes {
		d = maxDate(d, t.AsOf)
	}
	for _, a := range k.Agreements {
		d = maxDate(d, a.AsOf)
	}
	return d
}

func maxDate(a, b kb.Date) kb.Date {
	if b.IsZero() || (!a.IsZero() && string(a) >= string(b)) {
		return a
	}
	return b
}
