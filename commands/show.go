package commands

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"envcoop/kb"

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
	if out.format == formatTable || out.format == formatTSV {
		var buf bytes.Buffer
		for i, r := range refs {
			if i > 0 {
				buf.WriteString("\n")
			}
			if out.format == formatTable && len(out.fields) == 0 {
				showHuman(&buf, k, r, out.width)
			} else {
				if err := showPlain(&buf, k, r, out.fields); err != nil {
					return err
				}
			}
		}
		_, err := s.env.Stdout.Write(buf.Bytes())
		return err
	}
	kind := refs[0].Kind
	if !slices.ContainsFunc(refs, func(r kb.Ref) bool { return r.Kind != kind }) {
		idx := make([]int, len(refs))
		for i, r := range refs {
			idx[i] = r.Index
		}
		d := recordsDataset(k, kind, idx)
		d.single = len(refs) == 1
		return emit(s.env.Stdout, d, out)
	}
	if out.format != formatJSON && out.format != formatNDJSON {
		return usageErrorf("cannot show records of different kinds in one %s document; use --format json or show them one at a time", out.format)
	}
	// Records of several kinds: one JSON array (or NDJSON stream) of objects.
	var buf bytes.Buffer
	if out.format == formatJSON {
		buf.WriteString("[\n")
	}
	for i, r := range refs {
		d := recordsDataset(k, r.Kind, []int{r.Index})
		cols, err := d.outputColumns(out.fields, false)
		if err != nil {
			return err
		}
		d.keepColumns(cols)
		if out.format == formatNDJSON {
			if err := writeJSONObject(&buf, d.columns, d.rows[0], ""); err != nil {
				return err
			}
			buf.WriteByte('\n')
			continue
		}
		var one bytes.Buffer
		if err := writeJSONObject(&one, d.columns, d.rows[0], "  "); err != nil {
			return err
		}
		buf.WriteString("  ")
		buf.Write(bytes.ReplaceAll(one.Bytes(), []byte("\n"), []byte("\n  ")))
		if i < len(refs)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	if out.format == formatJSON {
		buf.WriteString("]\n")
	}
	_, err := s.env.Stdout.Write(buf.Bytes())
	return err
}

// showPlain prints a record as "field<TAB>value" lines, every field present
// even when empty, so scripts can rely on the line count (as gh does).
func showPlain(buf *bytes.Buffer, k *kb.KB, r kb.Ref, fields []string) error {
	d := recordsDataset(k, r.Kind, []int{r.Index})
	cols, err := d.outputColumns(fields, false)
	if err != nil {
		return err
	}
	d.keepColumns(cols)
	for i, c := range d.columns {
		fmt.Fprintf(buf, "%s\t%s\n", c.name, Terminal(textValue(d.rows[0][i], "; "), false))
	}
	return nil
}

// showHuman prints the sectioned view for people.
func showHuman(buf *bytes.Buffer, k *kb.KB, r kb.Ref, width int) {
	if width <= 0 {
		width = 100
	}
	p := &page{buf: buf, width: width}
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
}

// page writes sections of label/value lines, wrapped to the width.
type page struct {
	buf   *bytes.Buffer
	width int
}

func (p *page) title(name, id, kind string) {
	fmt.Fprintf(p.buf, "%s  (%s %s)\n", Terminal(name, false), kind, Terminal(id, false))
}

func (p *page) section(name string) { fmt.Fprintf(p.buf, "\n%s\n", strings.ToUpper(name)) }

const labelWidth = 20

func (p *page) field(label, value string) {
	if value == "" {
		return
	}
	lines := wrap(Terminal(value, false), p.width-labelWidth-2)
	for i, l := range lines {
		if i == 0 {
			fmt.Fprintf(p.buf, "  %-*s%s\n", labelWidth, label, l)
		} else {
			fmt.Fprintf(p.buf, "  %-*s%s\n", labelWidth, "", l)
		}
	}
}

func (p *page) text(s string) {
	for _, para := range strings.Split(s, "\n") {
		for _, l := range wrap(Terminal(para, false), p.width-2) {
			fmt.Fprintf(p.buf, "  %s\n", l)
		}
	}
}

func (p *page) table(d *dataset) {
	var b bytes.Buffer
	d.keepColumns(d.defaults)
	if err := renderTable(&b, d, p.width-2, false); err != nil {
		return
	}
	for _, l := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		fmt.Fprintf(p.buf, "  %s\n", strings.TrimRight(l, " "))
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
		for j, l := range wrap(Terminal(title, false), p.width-8) {
			if j == 0 {
				fmt.Fprintf(p.buf, "  %-5s %s\n", label, l)
			} else {
				fmt.Fprintf(p.buf, "        %s\n", l)
			}
		}
		if s.Title != "" {
			fmt.Fprintf(p.buf, "        %s\n", Terminal(s.URL, false))
		}
		if len(s.Supports) > 0 {
			for _, l := range wrap("supports: "+Terminal(strings.Join(s.Supports, ", "), false), p.width-8) {
				fmt.Fprintf(p.buf, "        %s\n", l)
			}
		}
	}
}

// wrap breaks s into lines of at most width display columns at spaces.
func wrap(s string, width int) []string {
	if width < 20 {
		width = 20
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		return nil
	}
	var lines []string
	cur := words[0]
	for _, w := range words[1:] {
		if displayWidth(cur)+1+displayWidth(w) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur += " " + w
	}
	return append(lines, cur)
}

func displayWidth(s string) int { return len([]rune(s)) }

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
		for _, e := range t.EUPolicy {
			for i, l := range wrap(Terminal(e, false), p.width-4) {
				if i == 0 {
					fmt.Fprintf(p.buf, "  - %s\n", l)
				} else {
					fmt.Fprintf(p.buf, "    %s\n", l)
				}
			}
		}
	}
	idx := k.AgreementsOfTheme(t.ID)
	p.section(fmt.Sprintf("Agreements (%d)", len(idx)))
	if len(idx) > 0 {
		d := recordsDataset(k, kb.KindAgreement, idx)
		d.defaults = []string{"id", "name", "type", "adopted", "status", "eu_status"}
		p.table(d)
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
	p.field("Status", a.Status)
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
		p.field("Status", a.EU.Status)
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
			d := recordsDataset(k, kb.KindAgreement, children)
			d.defaults = []string{"id", "name", "type", "adopted", "status"}
			p.table(d)
		}
	}
	if len(a.Milestones) > 0 {
		p.section("Milestones")
		ms := slices.Clone(a.Milestones)
		slices.SortStableFunc(ms, func(x, y kb.Milestone) int { return x.Date.Compare(y.Date) })
		for _, m := range ms {
			for i, l := range wrap(Terminal(m.Event, false), p.width-16) {
				if i == 0 {
					fmt.Fprintf(p.buf, "  %-12s  %s\n", m.Date, l)
				} else {
					fmt.Fprintf(p.buf, "  %-12s  %s\n", "", l)
				}
			}
		}
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
		p.table(recordsDataset(k, kb.KindTheme, themes))
	}
	idx := k.AgreementsOfCrisis(c.ID)
	p.section(fmt.Sprintf("Agreements (%d)", len(idx)))
	if len(idx) > 0 {
		d := recordsDataset(k, kb.KindAgreement, idx)
		d.defaults = []string{"id", "name", "type", "adopted", "themes"}
		p.table(d)
	}
}

func showSDG(p *page, k *kb.KB, g *kb.SDG) {
	p.title(fmt.Sprintf("SDG %d: %s", g.Number, g.Name), g.ID(), "goal")
	p.section("Overview")
	p.field("URL", g.URL)
	idx := k.AgreementsOfSDG(g.Number)
	p.section(fmt.Sprintf("Agreements (%d)", len(idx)))
	if len(idx) > 0 {
		d := recordsDataset(k, kb.KindAgreement, idx)
		d.defaults = []string{"id", "name", "type", "adopted", "themes"}
		p.table(d)
	}
}
