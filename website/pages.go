package website

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"envcoop/kb"
)

// page is what the "page" template renders: a heading, sections and
// numbered sources. Record pages have the sections of 'envcoop show'.
type page struct {
	Path     string // relative to the site's root: "agreements/paris.html"
	Nav      string // the menu entry this page belongs to: home, agreements, timeline, families, search
	Title    string // the document's title
	Kind     string // "Agreement · convention", shown above the heading
	Heading  string
	Subtitle string
	Intro    []string
	Sections []section
	Sources  []source
	Search   bool // the search page: its form and results
	// set by render
	Root, Home, Stats, AsOf string
}

// part is a piece of text, a link when Href is set.
type part struct {
	Text string
	Href string
}

// field is one label and value of a section, with the numbers of the
// sources that support it.
type field struct {
	Label string
	Parts []part
	Cites []int
}

type table struct {
	Class   string // "dated": the first column holds dates, kept on one line
	Caption string
	Head    []string
	Rows    [][][]part // rows of cells of parts
}

// node is an instrument in a family tree.
type node struct {
	Name, Href, Meta string
	Current          bool
	Children         []*node
}

// card is a theme on the home page.
type card struct {
	Title  part
	Text   string
	Fields []field
}

type section struct {
	ID, Title  string
	Cites      []int // sources that support the whole section (summary, milestones)
	Fields     []field
	Paragraphs []string
	Items      [][]part
	Table      *table
	Tree       []*node
	Cards      []card
	Chart      *chart
	Empty      string    // said when the section has nothing else
	Sub        []section // subsections, with h3 headings
}

type source struct {
	N        int
	URL      string
	Title    string
	Supports string
}

// text is a plain field value; empty values make no field.
func text(s string) []part {
	if s == "" {
		return nil
	}
	return []part{{Text: s}}
}

// fields drops the fields without a value.
func fields(fs ...field) []field {
	return slices.DeleteFunc(fs, func(f field) bool { return len(f.Parts) == 0 })
}

// cites returns the numbers of the sources that support a field: those
// naming it, or its table ("eu" for "eu.joined").
func cites(srcs []kb.Source, names ...string) []int {
	var out []int
	for i, s := range srcs {
		for _, n := range names {
			group, _, _ := strings.Cut(n, ".")
			if slices.Contains(s.Supports, n) || (group != n && slices.Contains(s.Supports, group)) {
				out = append(out, i+1)
				break
			}
		}
	}
	return out
}

func sources(srcs []kb.Source) []source {
	out := make([]source, len(srcs))
	for i, s := range srcs {
		title := s.Title
		if title == "" {
			title = s.URL
		}
		out[i] = source{N: i + 1, URL: s.URL, Title: title, Supports: strings.Join(s.Supports, ", ")}
	}
	return out
}

func (b *builder) themeLinks(from string, ids []string) []part {
	var out []part
	for _, id := range ids {
		if t, ok := b.k.Theme(id); ok {
			out = append(out, rel(from, ThemePath(id), t.Name))
		} else {
			out = append(out, part{Text: id})
		}
	}
	return out
}

func (b *builder) crisisLinks(from string, ids []string) []part {
	var out []part
	for _, id := range ids {
		if c, ok := b.k.Crisis(id); ok {
			out = append(out, rel(from, CrisisPath(id), c.Name))
		} else {
			out = append(out, part{Text: id})
		}
	}
	return out
}

func (b *builder) sdgLinks(from string, ns []int) []part {
	var out []part
	for _, n := range ns {
		if g, ok := b.k.SDG(n); ok {
			out = append(out, rel(from, SDGPath(n), fmt.Sprintf("%d %s", n, g.Name)))
		} else {
			out = append(out, part{Text: strconv.Itoa(n)})
		}
	}
	return out
}

func external(url string) []part {
	if url == "" {
		return nil
	}
	return []part{{Text: url, Href: url}}
}

// agreementTable lists agreements with the columns given: name (always
// first, a link), type, adopted, status, eu, themes.
func (b *builder) agreementTable(from, caption string, idx []int, cols ...string) *table {
	heads := map[string]string{"type": "Type", "adopted": "Adopted", "status": "Status", "eu": "EU", "themes": "Themes"}
	t := &table{Caption: caption, Head: []string{"Name"}}
	for _, c := range cols {
		t.Head = append(t.Head, heads[c])
	}
	for _, i := range idx {
		a := &b.k.Agreements[i]
		row := [][]part{{rel(from, AgreementPath(a.ID), a.Name)}}
		for _, c := range cols {
			switch c {
			case "type":
				row = append(row, text(a.Type))
			case "adopted":
				row = append(row, text(a.Adopted.String()))
			case "status":
				row = append(row, text(a.Status))
			case "eu":
				row = append(row, text(a.EU.Status))
			case "themes":
				row = append(row, b.themeLinks(from, a.Themes))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (b *builder) theme(t *kb.Theme) *page {
	p := &page{Path: ThemePath(t.ID), Nav: "home", Title: t.Name, Kind: "Theme", Heading: t.Name}
	src := t.Sources
	p.Sections = append(p.Sections, section{ID: "overview", Title: "Overview", Fields: fields(
		field{Label: "Crises", Parts: b.crisisLinks(p.Path, t.Crises), Cites: cites(src, "crises")},
		field{Label: "SDGs", Parts: b.sdgLinks(p.Path, t.SDGs), Cites: cites(src, "sdgs")},
		field{Label: "Aliases", Parts: text(strings.Join(t.Aliases, ", "))},
		field{Label: "URL", Parts: external(t.URL), Cites: cites(src, "url")},
		field{Label: "As of", Parts: text(t.AsOf.String())},
	)})
	if t.Summary != "" {
		p.Sections = append(p.Sections, section{ID: "summary", Title: "Summary", Paragraphs: paragraphs(t.Summary), Cites: cites(src, "summary")})
	}
	if len(t.EUPolicy) > 0 {
		s := section{ID: "eu-policy", Title: "EU policy", Cites: cites(src, "eu_policy")}
		for _, e := range t.EUPolicy {
			s.Items = append(s.Items, text(e))
		}
		p.Sections = append(p.Sections, s)
	}
	idx := b.ofTheme(t.ID)
	s := section{ID: "agreements", Title: fmt.Sprintf("Agreements (%d)", len(idx)), Empty: "No agreement lists this theme."}
	if len(idx) > 0 {
		s.Table = b.agreementTable(p.Path, "Agreements of the theme "+t.Name+", by date of adoption", idx, "type", "adopted", "status", "eu")
	}
	p.Sections = append(p.Sections, s)
	p.Sources = sources(src)
	return p
}

func yesNo(v *bool) string {
	switch {
	case v == nil:
		return ""
	case *v:
		return "yes"
	}
	return "no"
}

func (b *builder) agreement(a *kb.Agreement) *page {
	p := &page{Path: AgreementPath(a.ID), Nav: "agreements", Title: a.Name, Kind: "Agreement · " + a.Type, Heading: a.Name}
	if a.FullName != "" && a.FullName != a.Name {
		p.Subtitle = a.FullName
	}
	src := a.Sources
	parties := ""
	if a.Parties != nil {
		parties = strconv.Itoa(*a.Parties)
		if !a.PartiesAsOf.IsZero() {
			parties += " (as of " + a.PartiesAsOf.String() + ")"
		}
	}
	p.Sections = append(p.Sections, section{ID: "overview", Title: "Overview", Fields: fields(
		field{Label: "Type", Parts: text(a.Type), Cites: cites(src, "type")},
		field{Label: "Legally binding", Parts: text(yesNo(a.Binding)), Cites: cites(src, "binding")},
		field{Label: "Status", Parts: text(a.Status), Cites: cites(src, "status")},
		field{Label: "Themes", Parts: b.themeLinks(p.Path, a.Themes)},
		field{Label: "Crises", Parts: b.crisisLinks(p.Path, a.Crises), Cites: cites(src, "crises")},
		field{Label: "SDGs", Parts: b.sdgLinks(p.Path, a.SDGs), Cites: cites(src, "sdgs")},
		field{Label: "Parties", Parts: text(parties), Cites: cites(src, "parties", "parties_as_of")},
		field{Label: "Depositary", Parts: text(a.Depositary), Cites: cites(src, "depositary")},
		field{Label: "Secretariat", Parts: text(a.Secretariat), Cites: cites(src, "secretariat")},
		field{Label: "Aliases", Parts: text(strings.Join(a.Aliases, ", "))},
		field{Label: "URL", Parts: external(a.URL), Cites: cites(src, "url")},
		field{Label: "As of", Parts: text(a.AsOf.String())},
	)})
	if a.Summary != "" {
		p.Sections = append(p.Sections, section{ID: "summary", Title: "Summary", Paragraphs: paragraphs(a.Summary), Cites: cites(src, "summary")})
	}
	if !a.Adopted.IsZero() || !a.EntryIntoForce.IsZero() {
		adopted := a.Adopted.String()
		if a.AdoptedPlace != "" {
			adopted = strings.TrimPrefix(adopted+", "+a.AdoptedPlace, ", ")
		}
		p.Sections = append(p.Sections, section{ID: "dates", Title: "Dates", Fields: fields(
			field{Label: "Adopted", Parts: text(adopted), Cites: cites(src, "adopted", "adopted_place")},
			field{Label: "Entry into force", Parts: text(a.EntryIntoForce.String()), Cites: cites(src, "entry_into_force")},
		)})
	}
	if !a.EU.IsZero() {
		joined := a.EU.Joined.String()
		if joined != "" && a.EU.Instrument != "" {
			joined += " (" + a.EU.Instrument + ")"
		}
		instrument := ""
		if joined == "" {
			instrument = a.EU.Instrument
		}
		p.Sections = append(p.Sections, section{ID: "eu", Title: "The EU", Fields: fields(
			field{Label: "Status", Parts: text(a.EU.Status), Cites: cites(src, "eu.status")},
			field{Label: "Signed", Parts: text(a.EU.Signed.String()), Cites: cites(src, "eu.signed")},
			field{Label: "Joined", Parts: text(joined), Cites: cites(src, "eu.joined", "eu.instrument")},
			field{Label: "Instrument", Parts: text(instrument), Cites: cites(src, "eu.instrument")},
			field{Label: "In force for the EU", Parts: text(a.EU.InForceForEU.String()), Cites: cites(src, "eu.in_force_for_eu")},
			field{Label: "Council decision", Parts: text(a.EU.Decision), Cites: cites(src, "eu.decision")},
			field{Label: "CELEX", Parts: text(a.EU.CELEX), Cites: cites(src, "eu.celex")},
		)})
	}
	children := b.children(a.ID)
	if a.Parent != "" || len(children) > 0 {
		s := section{ID: "related", Title: "Related instruments"}
		if par, ok := b.byID(a.Parent); ok {
			s.Fields = []field{{Label: "Parent", Parts: []part{rel(p.Path, AgreementPath(par.ID), par.Name)}, Cites: cites(src, "parent")}}
		} else if a.Parent != "" {
			s.Fields = []field{{Label: "Parent", Parts: text(a.Parent)}}
		}
		if len(children) > 0 {
			s.Table = b.agreementTable(p.Path, "Instruments under the "+a.Name, children, "type", "adopted", "status")
		}
		s.Sub = []section{{ID: "family", Title: "Family tree", Tree: []*node{b.tree(p.Path, b.root(a), a.ID)}}}
		p.Sections = append(p.Sections, s)
	}
	if len(a.Milestones) > 0 {
		ms := slices.Clone(a.Milestones)
		slices.SortStableFunc(ms, func(x, y kb.Milestone) int { return x.Date.Compare(y.Date) })
		t := &table{Class: "dated", Caption: "Milestones of the " + a.Name + ", in date order", Head: []string{"Date", "Event"}}
		for _, m := range ms {
			t.Rows = append(t.Rows, [][]part{text(m.Date.String()), text(m.Event)})
		}
		p.Sections = append(p.Sections, section{ID: "milestones", Title: "Milestones", Table: t, Cites: cites(src, "milestones")})
	}
	if !a.Xref.IsZero() {
		p.Sections = append(p.Sections, section{ID: "xref", Title: "Cross-references", Fields: fields(
			field{Label: "UN Treaty Collection", Parts: text(a.Xref.UNTC), Cites: cites(src, "xref.untc")},
			field{Label: "ECOLEX", Parts: text(a.Xref.ECOLEX), Cites: cites(src, "xref.ecolex")},
			field{Label: "InforMEA", Parts: text(a.Xref.InforMEA), Cites: cites(src, "xref.informea")},
			field{Label: "CELEX", Parts: text(a.Xref.CELEX), Cites: cites(src, "xref.celex")},
		)})
	}
	p.Sources = sources(src)
	return p
}

// root climbs the parent links to the oldest ancestor (loops, which
// validation rules out, stop the climb).
func (b *builder) root(a *kb.Agreement) *kb.Agreement {
	seen := map[string]bool{a.ID: true}
	for {
		par, ok := b.byID(a.Parent)
		if !ok || seen[par.ID] {
			return a
		}
		seen[par.ID] = true
		a = par
	}
}

// tree is the family of a, with current marked; seen guards against loops.
func (b *builder) tree(from string, a *kb.Agreement, current string) *node {
	return b.treeSeen(from, a, current, map[string]bool{})
}

func (b *builder) treeSeen(from string, a *kb.Agreement, current string, seen map[string]bool) *node {
	seen[a.ID] = true
	meta := a.Type
	if y := a.Adopted.Year(); y != 0 {
		meta += ", " + strconv.Itoa(y)
	}
	n := &node{Name: a.Name, Href: href(from, AgreementPath(a.ID)), Meta: meta, Current: a.ID == current}
	for _, i := range b.children(a.ID) {
		if c := &b.k.Agreements[i]; !seen[c.ID] {
			n.Children = append(n.Children, b.treeSeen(from, c, current, seen))
		}
	}
	return n
}

func (b *builder) crisis(c *kb.Crisis) *page {
	p := &page{Path: CrisisPath(c.ID), Nav: "home", Title: c.Name, Kind: "Planetary crisis", Heading: c.Name}
	if len(c.Aliases) > 0 {
		p.Sections = append(p.Sections, section{ID: "overview", Title: "Overview", Fields: []field{{Label: "Aliases", Parts: text(strings.Join(c.Aliases, ", "))}}})
	}
	if c.Summary != "" {
		p.Sections = append(p.Sections, section{ID: "summary", Title: "Summary", Paragraphs: paragraphs(c.Summary)})
	}
	themes := b.k.ThemesOfCrisis(c.ID)
	s := section{ID: "themes", Title: fmt.Sprintf("Themes (%d)", len(themes)), Empty: "No theme addresses this crisis."}
	if len(themes) > 0 {
		t := &table{Caption: "Themes that address " + c.Name, Head: []string{"Theme", "Agreements"}}
		for _, i := range themes {
			th := &b.k.Themes[i]
			t.Rows = append(t.Rows, [][]part{{rel(p.Path, ThemePath(th.ID), th.Name)}, text(strconv.Itoa(len(b.ofTheme(th.ID))))})
		}
		s.Table = t
	}
	p.Sections = append(p.Sections, s)
	idx := b.ofCrisis(c.ID)
	s = section{ID: "agreements", Title: fmt.Sprintf("Agreements (%d)", len(idx)), Empty: "No agreement addresses this crisis."}
	if len(idx) > 0 {
		s.Table = b.agreementTable(p.Path, "Agreements that address "+c.Name+", by date of adoption", idx, "type", "adopted", "themes")
	}
	p.Sections = append(p.Sections, s)
	return p
}

func (b *builder) sdg(g *kb.SDG) *page {
	title := fmt.Sprintf("SDG %d: %s", g.Number, g.Name)
	p := &page{Path: SDGPath(g.Number), Nav: "home", Title: title, Kind: "Sustainable Development Goal", Heading: title}
	if g.URL != "" {
		p.Sections = append(p.Sections, section{ID: "overview", Title: "Overview", Fields: []field{{Label: "URL", Parts: external(g.URL)}}})
	}
	idx := b.ofSDG(g.Number)
	s := section{ID: "agreements", Title: fmt.Sprintf("Agreements (%d)", len(idx)), Empty: "No agreement serves this goal."}
	if len(idx) > 0 {
		s.Table = b.agreementTable(p.Path, "Agreements that serve SDG "+strconv.Itoa(g.Number)+", by date of adoption", idx, "type", "adopted", "themes")
	}
	p.Sections = append(p.Sections, s)
	var themes []part
	for _, t := range b.k.Themes {
		if slices.Contains(t.SDGs, g.Number) {
			themes = append(themes, rel(p.Path, ThemePath(t.ID), t.Name))
		}
	}
	s = section{ID: "themes", Title: fmt.Sprintf("Themes (%d)", len(themes)), Empty: "No theme lists this goal."}
	for _, t := range themes {
		s.Items = append(s.Items, []part{t})
	}
	p.Sections = append(p.Sections, s)
	return p
}

// cardRunes is how much of a theme's summary the home page shows.
const cardRunes = 240

func (b *builder) home() *page {
	p := &page{Path: indexPath, Nav: "home", Title: "Themes", Heading: "The EU's international environmental cooperation",
		Intro: []string{"The agreements and processes through which the European Union cooperates with the rest of the world on the environment, by theme, with their dates, the EU's own part, the planetary crises they address, the Sustainable Development Goals they serve, and the sources behind every fact."}}
	themes := section{ID: "themes", Title: fmt.Sprintf("Themes (%d)", len(b.k.Themes)), Empty: "The data has no themes."}
	for _, t := range b.k.Themes {
		n := len(b.ofTheme(t.ID))
		themes.Cards = append(themes.Cards, card{
			Title: rel(p.Path, ThemePath(t.ID), t.Name),
			Text:  clip(t.Summary, cardRunes),
			Fields: fields(
				field{Label: "Crises", Parts: b.crisisLinks(p.Path, t.Crises)},
				field{Label: "Agreements", Parts: text(strconv.Itoa(n))},
			),
		})
	}
	crises := section{ID: "crises", Title: "The three planetary crises", Empty: "The data has no crises."}
	for _, c := range b.k.Crises {
		crises.Items = append(crises.Items, []part{rel(p.Path, CrisisPath(c.ID), c.Name),
			{Text: fmt.Sprintf(" (%d agreements)", len(b.ofCrisis(c.ID)))}})
	}
	sdgs := section{ID: "sdgs", Title: "Sustainable Development Goals", Empty: "The data has no goals."}
	for _, g := range b.k.SDGs {
		sdgs.Items = append(sdgs.Items, []part{rel(p.Path, SDGPath(g.Number), fmt.Sprintf("SDG %d: %s", g.Number, g.Name)),
			{Text: fmt.Sprintf(" (%d agreements)", len(b.ofSDG(g.Number)))}})
	}
	p.Sections = []section{themes, crises, sdgs}
	return p
}

func (b *builder) agreementList() *page {
	p := &page{Path: agreementsPath, Nav: "agreements", Title: "Agreements", Heading: fmt.Sprintf("All agreements (%d)", len(b.k.Agreements))}
	idx := make([]int, len(b.k.Agreements))
	for i := range idx {
		idx[i] = i
	}
	b.k.SortByAdopted(idx)
	s := section{ID: "list", Title: "By date of adoption", Empty: "The data has no agreements."}
	if len(idx) > 0 {
		s.Table = b.agreementTable(p.Path, "Every agreement, by date of adoption", idx, "type", "adopted", "status", "eu", "themes")
	}
	p.Sections = []section{s}
	return p
}

func (b *builder) families() *page {
	p := &page{Path: familiesPath, Nav: "families", Title: "Families of instruments", Heading: "Families of instruments",
		Intro: []string{"Protocols, amendments and other instruments under the instrument they belong to (their parent), oldest families first."}}
	var roots []int
	for i := range b.k.Agreements {
		a := &b.k.Agreements[i]
		if _, ok := b.byID(a.Parent); !ok && len(b.children(a.ID)) > 0 {
			roots = append(roots, i)
		}
	}
	b.k.SortByAdopted(roots)
	s := section{ID: "families", Title: fmt.Sprintf("Families (%d)", len(roots)), Empty: "No agreement in the data has a parent."}
	for _, i := range roots {
		s.Tree = append(s.Tree, b.tree(p.Path, &b.k.Agreements[i], ""))
	}
	p.Sections = []section{s}
	return p
}

func (b *builder) search() *page {
	return &page{Path: searchPath, Nav: "search", Title: "Search", Heading: "Search", Search: true}
}

// paragraphs splits text at blank lines or line breaks.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
