package commands

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"envcoop/kb"
	"envcoop/render"

	"github.com/urfave/cli/v2"
)

func newShowCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "everything about one theme, agreement, crisis or SDG",
		ArgsUsage: "ID|ALIAS...",
		Description: `Examples:
envcoop show plastics                 a theme and its agreements
envcoop show basel --json             one agreement as a JSON object
envcoop show "Paris Agreement"        ids, aliases and names all work
envcoop show sdg-14                   an SDG (also: 14) and the agreements that serve it

Unknown ids exit with status 4 and suggest close matches.`,
		Flags: outputFlags(false),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageErrorf("show needs an id, e.g. 'envcoop show plastics'; 'envcoop list' shows the ids")
			}
			p, err := s.prepare(c)
			if err != nil {
				return err
			}
			return runShow(s, p.kb, c.Args().Slice(), p.out)
		},
	}
}

// runShow prints every record it finds; the ids it does not find make its
// error (exit 4), after the others are printed.
func runShow(s *state, k *kb.KB, queries []string, out output) error {
	var refs []kb.Ref
	var missing []error
	for _, q := range queries {
		r, err := k.Lookup(q)
		if err != nil {
			missing = append(missing, err)
			continue
		}
		refs = append(refs, r)
	}
	if len(refs) == 0 {
		return errors.Join(missing...)
	}
	if err := showRecords(s, k, refs, out); err != nil {
		return err
	}
	return errors.Join(missing...)
}

func showRecords(s *state, k *kb.KB, refs []kb.Ref, out output) error {
	if out.format == render.Markdown && len(out.fields) == 0 {
		return s.write(briefs(k, refs))
	}
	if out.format == render.Table || out.format == render.TSV {
		var buf bytes.Buffer
		for i, r := range refs {
			if i > 0 {
				buf.WriteString("\n")
			}
			if out.format == render.Table && len(out.fields) == 0 {
				s.showHuman(&buf, k, r)
			} else if err := showPlain(&buf, k, r, out); err != nil {
				return err
			}
		}
		return s.write(buf.Bytes())
	}
	var sets []*render.Set
	for _, r := range refs {
		sch, _ := kb.SchemaOf(r.Kind)
		fields, err := resolveFieldsOrAll(sch, out.fields)
		if err != nil {
			return err
		}
		one := set(k, sch, fields, []any{sch.Record(k, r.Index)})
		if len(sets) > 0 && sets[len(sets)-1].Kind == one.Kind {
			sets[len(sets)-1].Rows = append(sets[len(sets)-1].Rows, one.Rows...)
			continue
		}
		sets = append(sets, one)
	}
	ro := s.renderOptions(out)
	var b []byte
	var err error
	switch {
	case len(sets) == 1:
		ro.Object = len(refs) == 1
		b, err = render.Records(sets[0], ro)
	case out.format == render.JSON || out.format == render.NDJSON:
		b, err = render.Envelope(sets, false, ro)
	default:
		return usageErrorf("cannot show records of different kinds in one %s document; use --format json or show them one at a time", out.format)
	}
	if err != nil {
		return err
	}
	return s.write(b)
}

func resolveFieldsOrAll(sch kb.Schema, names []string) ([]kb.Field, error) {
	if len(names) == 0 {
		return sch.Fields, nil
	}
	return resolveFields(sch, names)
}

// showPlain prints a record as "field<TAB>value" lines, every field present
// even when empty, so scripts can rely on the line count (as gh does).
// Values are written as TSV cells are.
func showPlain(buf *bytes.Buffer, k *kb.KB, r kb.Ref, out output) error {
	sch, _ := kb.SchemaOf(r.Kind)
	fields, err := resolveFieldsOrAll(sch, out.fields)
	if err != nil {
		return err
	}
	one := set(k, sch, fields, []any{sch.Record(k, r.Index)})
	for i, c := range one.Columns {
		cell, err := render.Records(&render.Set{Columns: []render.Column{c}, Rows: []render.Row{{one.Rows[0][i]}}}, render.Options{Format: render.TSV})
		if err != nil {
			return err
		}
		fmt.Fprintf(buf, "%s\t%s", c.Name, cell)
	}
	return nil
}

// showHuman prints the sectioned view for people.
func (s *state) showHuman(buf *bytes.Buffer, k *kb.KB, r kb.Ref) {
	width, _ := s.size()
	if !s.tty() {
		width = 100
	}
	p := &page{width: width, color: s.color()}
	switch r.Kind {
	case kb.KindTheme:
		showTheme(p, k, &k.Themes[r.Index])
	case kb.KindAgreement:
		showAgreement(p, k, &k.Agreements[r.Index])
	case kb.KindCrisis:
		showCrisis(p, k, &k.Crises[r.Index])
	case kb.KindSDG:
		showSDG(p, k, &k.SDGs[r.Index])
	}
	p.writeTo(buf)
}

// page is the sectioned view of one record: a title, then sections of
// label/value lines, text and tables. Values are aligned one column after
// the page's longest label, and everything is wrapped to the width, all of
// it measured in display cells (render.Width).
type page struct {
	width int
	color bool
	parts []part
}

// part is one piece of a page: a field (label and value) or lines of text
// already laid out.
type part struct {
	label, value string
	style        render.Style // of the value
	lines        []string
}

func (p *page) paint(s string, st render.Style) string {
	if !p.color {
		return s
	}
	return render.Paint(s, st)
}

func (p *page) raw(lines ...string) { p.parts = append(p.parts, part{lines: lines}) }

func (p *page) title(name, id, kind string) {
	p.raw(fmt.Sprintf("%s  (%s %s)", p.paint(render.Terminal(name, false), render.Bold), kind, p.paint(render.Terminal(id, false), render.Cyan)))
}

func (p *page) section(name string) { p.raw("", p.paint(strings.ToUpper(name), render.Bold)) }

func (p *page) field(label, value string) { p.styled(label, value, render.None) }

func (p *page) styled(label, value string, st render.Style) {
	if value != "" {
		p.parts = append(p.parts, part{label: label, value: render.Terminal(value, false), style: st})
	}
}

// wrap breaks s to the width less indent cells, at least 20.
func (p *page) wrap(s string, indent int) []string {
	return render.Wrap(s, max(p.width-indent, 20))
}

func (p *page) text(s string) {
	for _, para := range strings.Split(s, "\n") {
		for _, l := range p.wrap(render.Terminal(para, false), 2) {
			p.raw("  " + l)
		}
	}
}

// items writes each item on lines of its own after a marker ("- ", a date).
func (p *page) items(markers, items []string) {
	mw, gap := 0, 1
	for _, m := range markers {
		mw = max(mw, render.Width(m))
	}
	if mw > 1 {
		gap = 2
	}
	for i, it := range items {
		for j, l := range p.wrap(render.Terminal(it, false), 2+mw+gap) {
			m := ""
			if j == 0 {
				m = markers[i]
			}
			p.raw("  " + m + strings.Repeat(" ", mw-render.Width(m)+gap) + l)
		}
	}
}

func (p *page) table(k *kb.KB, idx []int, columns ...string) {
	sch, _ := kb.SchemaOf(kb.KindAgreement)
	p.tableOf(k, sch, records(k, sch, idx), columns...)
}

func (p *page) tableOf(k *kb.KB, sch kb.Schema, recs []any, columns ...string) {
	if len(columns) == 0 {
		columns = sch.Columns()
	}
	fields, _ := resolveFields(sch, columns)
	out, err := render.Records(set(k, sch, fields, recs), render.Options{Format: render.Table, Width: p.width - 2, Color: p.color})
	if err != nil {
		return
	}
	for _, l := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		p.raw("  " + l)
	}
}

func (p *page) sources(srcs []kb.Source) {
	if len(srcs) == 0 {
		return
	}
	p.section("Sources")
	for i, s := range srcs {
		label := fmt.Sprintf("[%d]", i+1)
		title := s.Title
		if title == "" {
			title = s.URL
		}
		for j, l := range p.wrap(render.Terminal(title, false), 8) {
			if j == 0 {
				p.raw(fmt.Sprintf("  %-5s %s", label, l))
			} else {
				p.raw("        " + l)
			}
		}
		if s.Title != "" {
			for _, l := range p.wrap(render.Terminal(s.URL, false), 8) {
				p.raw("        " + l)
			}
		}
		if len(s.Supports) > 0 {
			for _, l := range p.wrap("supports: "+render.Terminal(strings.Join(s.Supports, ", "), false), 8) {
				p.raw("        " + l)
			}
		}
	}
}

// writeTo lays the page out: fields get their value one column after the
// page's longest label.
func (p *page) writeTo(buf *bytes.Buffer) {
	lw := 0
	for _, x := range p.parts {
		if x.lines == nil {
			lw = max(lw, render.Width(x.label))
		}
	}
	lw += 2
	for _, x := range p.parts {
		if x.lines != nil {
			for _, l := range x.lines {
				buf.WriteString(l)
				buf.WriteByte('\n')
			}
			continue
		}
		for i, l := range p.wrap(x.value, 2+lw) {
			label := ""
			if i == 0 {
				label = x.label
			}
			buf.WriteString("  " + label + strings.Repeat(" ", lw-render.Width(label)) + p.paint(l, x.style) + "\n")
		}
	}
}

func crisisNamesOf(k *kb.KB, ids []string) string {
	var out []string
	for _, id := range ids {
		if c, ok := k.Crisis(id); ok {
			out = append(out, c.Name)
		} else {
			out = append(out, id)
		}
	}
	return strings.Join(out, ", ")
}

func sdgNamesOf(k *kb.KB, ns []int) string {
	var out []string
	for _, n := range ns {
		if g, ok := k.SDG(n); ok {
			out = append(out, fmt.Sprintf("%d %s", n, g.Name))
		} else {
			out = append(out, strconv.Itoa(n))
		}
	}
	return strings.Join(out, "; ")
}

func themeNamesOf(k *kb.KB, ids []string) string {
	var out []string
	for _, id := range ids {
		if t, ok := k.Theme(id); ok {
			out = append(out, fmt.Sprintf("%s (%s)", t.Name, id))
		} else {
			out = append(out, id)
		}
	}
	return strings.Join(out, ", ")
}

func showTheme(p *page, k *kb.KB, t *kb.Theme) {
	p.title(t.Name, t.ID, "theme")
	p.section("Overview")
	p.field("Crises", crisisNamesOf(k, t.Crises))
	p.field("SDGs", sdgNamesOf(k, t.SDGs))
	p.field("Aliases", strings.Join(t.Aliases, ", "))
	p.field("URL", t.URL)
	p.field("As of", t.AsOf.String())
	if t.Summary != "" {
		p.section("Summary")
		p.text(t.Summary)
	}
	if len(t.EUPolicy) > 0 {
		p.section("EU policy")
		markers := make([]string, len(t.EUPolicy))
		for i := range markers {
			markers[i] = "-"
		}
		p.items(markers, t.EUPolicy)
	}
	idx := k.AgreementsOfTheme(t.ID)
	p.section(fmt.Sprintf("Agreements (%d)", len(idx)))
	if len(idx) > 0 {
		p.table(k, idx, "id", "name", "type", "adopted", "status", "eu_status")
	}
	p.sources(t.Sources)
}

func yesNo(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "yes"
	}
	return "no"
}

func showAgreement(p *page, k *kb.KB, a *kb.Agreement) {
	p.title(a.Name, a.ID, a.Type)
	if a.FullName != "" && a.FullName != a.Name {
		p.text(a.FullName)
	}
	p.section("Overview")
	p.field("Type", a.Type)
	p.field("Legally binding", yesNo(a.Binding))
	p.styled("Status", a.Status, render.StatusStyle(a.Status))
	p.field("Themes", themeNamesOf(k, a.Themes))
	p.field("Crises", crisisNamesOf(k, a.Crises))
	p.field("SDGs", sdgNamesOf(k, a.SDGs))
	if a.Parties != nil {
		v := strconv.Itoa(*a.Parties)
		if !a.PartiesAsOf.IsZero() {
			v += " (as of " + a.PartiesAsOf.String() + ")"
		}
		p.field("Parties", v)
	}
	p.field("Depositary", a.Depositary)
	p.field("Secretariat", a.Secretariat)
	p.field("Aliases", strings.Join(a.Aliases, ", "))
	p.field("URL", a.URL)
	p.field("As of", a.AsOf.String())
	if a.Summary != "" {
		p.section("Summary")
		p.text(a.Summary)
	}
	if !a.Adopted.IsZero() || !a.EntryIntoForce.IsZero() {
		p.section("Dates")
		adopted := a.Adopted.String()
		if a.AdoptedPlace != "" {
			adopted = strings.TrimSpace(adopted + ", " + a.AdoptedPlace)
		}
		p.field("Adopted", strings.TrimPrefix(adopted, ", "))
		p.field("Entry into force", a.EntryIntoForce.String())
	}
	if !a.EU.IsZero() {
		p.section("The EU")
		p.styled("Status", a.EU.Status, render.StatusStyle(a.EU.Status))
		p.field("Signed", a.EU.Signed.String())
		joined := a.EU.Joined.String()
		if joined != "" && a.EU.Instrument != "" {
			joined += " (" + a.EU.Instrument + ")"
		}
		p.field("Joined", joined)
		if joined == "" {
			p.field("Instrument", a.EU.Instrument)
		}
		p.field("In force for the EU", a.EU.InForceForEU.String())
		p.field("Council decision", a.EU.Decision)
		p.field("CELEX", a.EU.CELEX)
	}
	children := k.Children(a.ID)
	if a.Parent != "" || len(children) > 0 {
		p.section("Related instruments")
		if par, ok := k.Agreement(a.Parent); ok {
			p.field("Parent", fmt.Sprintf("%s (%s)", par.Name, par.ID))
		} else {
			p.field("Parent", a.Parent)
		}
		if len(children) > 0 {
			p.table(k, children, "id", "name", "type", "adopted", "status")
		}
	}
	if len(a.Milestones) > 0 {
		p.section("Milestones")
		ms := slices.Clone(a.Milestones)
		slices.SortStableFunc(ms, func(x, y kb.Milestone) int { return x.Date.Compare(y.Date) })
		dates, events := make([]string, len(ms)), make([]string, len(ms))
		for i, m := range ms {
			dates[i], events[i] = m.Date.String(), m.Event
		}
		p.items(dates, events)
	}
	if !a.Xref.IsZero() {
		p.section("Cross-references")
		p.field("UN Treaty Collection", a.Xref.UNTC)
		p.field("ECOLEX", a.Xref.ECOLEX)
		p.field("InforMEA", a.Xref.InforMEA)
		p.field("CELEX", a.Xref.CELEX)
	}
	p.sources(a.Sources)
}

func showCrisis(p *page, k *kb.KB, c *kb.Crisis) {
	p.title(c.Name, c.ID, "crisis")
	if len(c.Aliases) > 0 {
		p.section("Overview")
		p.field("Aliases", strings.Join(c.Aliases, ", "))
	}
	if c.Summary != "" {
		p.section("Summary")
		p.text(c.Summary)
	}
	themes := k.ThemesOfCrisis(c.ID)
	p.section(fmt.Sprintf("Themes (%d)", len(themes)))
	if len(themes) > 0 {
		sch, _ := kb.SchemaOf(kb.KindTheme)
		p.tableOf(k, sch, records(k, sch, themes))
	}
	idx := k.AgreementsOfCrisis(c.ID)
	p.section(fmt.Sprintf("Agreements (%d)", len(idx)))
	if len(idx) > 0 {
		p.table(k, idx, "id", "name", "type", "adopted", "themes")
	}
}

func showSDG(p *page, k *kb.KB, g *kb.SDG) {
	p.title(fmt.Sprintf("SDG %d: %s", g.Number, g.Name), g.ID(), "goal")
	p.section("Overview")
	p.field("URL", g.URL)
	idx := k.AgreementsOfSDG(g.Number)
	p.section(fmt.Sprintf("Agreements (%d)", len(idx)))
	if len(idx) > 0 {
		p.table(k, idx, "id", "name", "type", "adopted", "themes")
	}
}
