package commands

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"envcoop/kb"
	"envcoop/render"
)

// A brief is show's Markdown: a record as a document to paste into a
// report. A heading; the overview as a list; the summary; the EU's part;
// the milestones; each source as a numbered footnote that names the fields
// it supports, referred to ([^1]) from the lines it supports. Text from the
// data is escaped (render.MarkdownText), so that it stays text.

// brief writes the briefs of several records; footnotes are numbered
// across them, so that each number is one source.
type brief struct {
	buf   bytes.Buffer
	k     *kb.KB
	notes int // footnotes numbered so far
	// of the record being written: its sources, the footnote number of
	// each, and which have been referred to
	sources []kb.Source
	first   int
	used    []bool
	lines   []string // the record's lines, written out at its end
}

func briefs(k *kb.KB, refs []kb.Ref) []byte {
	b := &brief{k: k}
	for i, r := range refs {
		if i > 0 {
			b.buf.WriteByte('\n')
		}
		switch r.Kind {
		case kb.KindAgreement:
			b.agreement(&k.Agreements[r.Index])
		case kb.KindTheme:
			b.theme(&k.Themes[r.Index])
		case kb.KindCrisis:
			b.crisis(&k.Crises[r.Index])
		case kb.KindSDG:
			b.sdg(&k.SDGs[r.Index])
		}
	}
	return b.buf.Bytes()
}

// start begins a record: its sources get the next footnote numbers.
func (b *brief) start(sources []kb.Source) {
	b.sources, b.first, b.used, b.lines = sources, b.notes+1, make([]bool, len(sources)), nil
	b.notes += len(sources)
}

// cite returns the footnote references of the sources that support any of
// the paths ("adopted", "eu.joined"); a source supporting "eu" supports
// every eu.* path.
func (b *brief) cite(paths ...string) string {
	var out strings.Builder
	for i, s := range b.sources {
		if slices.ContainsFunc(s.Supports, func(sup string) bool {
			return slices.ContainsFunc(paths, func(p string) bool { return sup == p || strings.HasPrefix(p, sup+".") })
		}) {
			b.used[i] = true
			fmt.Fprintf(&out, "[^%d]", b.first+i)
		}
	}
	return out.String()
}

func (b *brief) line(s string) { b.lines = append(b.lines, s) }

// item is a line of a list: a label and its value, text from the data,
// with the footnotes of the sources of paths. An empty value is left out.
func (b *brief) item(label, value string, paths ...string) {
	if value != "" {
		b.line("- **" + label + ":** " + render.MarkdownText(value) + b.cite(paths...))
	}
}

// link is an item whose value is a URL.
func (b *brief) link(label, url string, paths ...string) {
	if url != "" {
		b.line("- **" + label + ":** " + mdLink(url) + b.cite(paths...))
	}
}

func mdLink(url string) string {
	text := render.MarkdownText(url)
	if dest, ok := render.MarkdownURL(url); ok {
		return "[" + text + "](" + dest + ")"
	}
	return text
}

func (b *brief) section(title string, paths ...string) {
	b.line("")
	b.line("### " + title + b.cite(paths...))
	b.line("")
}

func (b *brief) paragraph(s string, paths ...string) {
	if p := render.MarkdownParagraph(s); p != "" {
		b.line(p + b.cite(paths...))
	}
}

// finish writes the record: its heading (with the footnotes of sources
// that support nothing shown), its lines, then its footnotes.
func (b *brief) finish(title string) {
	var rest strings.Builder
	for i, used := range b.used {
		if !used {
			fmt.Fprintf(&rest, "[^%d]", b.first+i)
		}
	}
	b.buf.WriteString("## " + render.MarkdownText(title) + rest.String() + "\n\n")
	for _, l := range b.lines {
		b.buf.WriteString(l + "\n")
	}
	if len(b.sources) > 0 {
		b.buf.WriteByte('\n')
	}
	for i, s := range b.sources {
		note := fmt.Sprintf("[^%d]: ", b.first+i)
		if s.Title != "" {
			note += render.MarkdownText(s.Title) + ", "
		}
		note += mdLink(s.URL)
		if len(s.Supports) > 0 {
			note += ". Supports: " + render.MarkdownText(strings.Join(s.Supports, ", "))
		}
		b.buf.WriteString(note + ".\n")
	}
}

// list writes agreements as a list: id, name, type, adoption, the EU's status.
func (b *brief) agreements(idx []int) {
	for _, i := range idx {
		a := &b.k.Agreements[i]
		about := []string{a.Type}
		if !a.Adopted.IsZero() {
			about = append(about, "adopted "+a.Adopted.String())
		}
		if a.EU.Status != "" {
			about = append(about, "EU: "+a.EU.Status)
		}
		b.line("- **" + render.MarkdownText(a.ID) + "** " + render.MarkdownText(a.Name) + " (" + render.MarkdownText(strings.Join(about, ", ")) + ")")
	}
}

func (b *brief) agreement(a *kb.Agreement) {
	b.start(a.Sources)
	if a.FullName != "" && a.FullName != a.Name {
		b.line("*" + render.MarkdownText(a.FullName) + "*" + b.cite("full_name"))
		b.line("")
	}
	b.item("ID", a.ID)
	kind := a.Type
	if a.Binding != nil {
		kind += map[bool]string{true: ", legally binding", false: ", not legally binding"}[*a.Binding]
	}
	b.item("Type", kind, "type", "binding")
	b.item("Status", a.Status, "status")
	b.item("Themes", themeNamesOf(b.k, a.Themes), "themes")
	b.item("Crises", crisisNamesOf(b.k, a.Crises), "crises")
	b.item("SDGs", sdgNamesOf(b.k, a.SDGs), "sdgs")
	adopted := a.Adopted.String()
	if a.AdoptedPlace != "" {
		adopted = strings.TrimPrefix(adopted+", "+a.AdoptedPlace, ", ")
	}
	b.item("Adopted", adopted, "adopted", "adopted_place")
	b.item("Entry into force", a.EntryIntoForce.String(), "entry_into_force")
	if a.Parties != nil {
		v := strconv.Itoa(*a.Parties)
		if !a.PartiesAsOf.IsZero() {
			v += " (as of " + a.PartiesAsOf.String() + ")"
		}
		b.item("Parties", v, "parties", "parties_as_of")
	}
	b.item("Depositary", a.Depositary, "depositary")
	b.item("Secretariat", a.Secretariat, "secretariat")
	b.item("Aliases", strings.Join(a.Aliases, ", "), "aliases")
	if par, ok := b.k.Agreement(a.Parent); ok {
		b.item("Part of", fmt.Sprintf("%s (%s)", par.Name, par.ID), "parent")
	} else {
		b.item("Part of", a.Parent, "parent")
	}
	b.link("URL", a.URL, "url")
	b.item("As of", a.AsOf.String(), "as_of")
	if a.Summary != "" {
		b.section("Summary")
		b.paragraph(a.Summary, "summary")
	}
	if !a.EU.IsZero() {
		b.section("The EU's part")
		b.item("Status", a.EU.Status, "eu.status")
		b.item("Signed", a.EU.Signed.String(), "eu.signed")
		joined := a.EU.Joined.String()
		if joined != "" && a.EU.Instrument != "" {
			joined += " (" + a.EU.Instrument + ")"
		}
		b.item("Joined", joined, "eu.joined", "eu.instrument")
		if joined == "" {
			b.item("Instrument", a.EU.Instrument, "eu.instrument")
		}
		b.item("In force for the EU", a.EU.InForceForEU.String(), "eu.in_force_for_eu")
		b.item("Council decision", a.EU.Decision, "eu.decision")
		b.item("CELEX", a.EU.CELEX, "eu.celex")
	}
	if children := b.k.Children(a.ID); len(children) > 0 {
		b.section("Instruments under it")
		b.agreements(children)
	}
	if len(a.Milestones) > 0 {
		b.section("Milestones", "milestones")
		ms := slices.Clone(a.Milestones)
		slices.SortStableFunc(ms, func(x, y kb.Milestone) int { return x.Date.Compare(y.Date) })
		for _, m := range ms {
			b.line("- **" + render.MarkdownText(m.Date.String()) + ":** " + render.MarkdownText(m.Event))
		}
	}
	b.finish(a.Name)
}

func (b *brief) theme(t *kb.Theme) {
	b.start(t.Sources)
	b.item("ID", t.ID)
	b.item("Crises", crisisNamesOf(b.k, t.Crises), "crises")
	b.item("SDGs", sdgNamesOf(b.k, t.SDGs), "sdgs")
	b.item("Aliases", strings.Join(t.Aliases, ", "), "aliases")
	b.link("URL", t.URL, "url")
	b.item("As of", t.AsOf.String(), "as_of")
	if t.Summary != "" {
		b.section("Summary")
		b.paragraph(t.Summary, "summary")
	}
	if len(t.EUPolicy) > 0 {
		b.section("The EU's policy", "eu_policy")
		for _, p := range t.EUPolicy {
			b.line("- " + render.MarkdownText(p))
		}
	}
	idx := b.k.AgreementsOfTheme(t.ID)
	if len(idx) > 0 {
		b.section(fmt.Sprintf("Agreements (%d)", len(idx)))
		b.agreements(idx)
	}
	b.finish(t.Name)
}

func (b *brief) crisis(c *kb.Crisis) {
	b.start(nil)
	b.item("ID", c.ID)
	b.item("Aliases", strings.Join(c.Aliases, ", "))
	if c.Summary != "" {
		b.section("Summary")
		b.paragraph(c.Summary)
	}
	if themes := b.k.ThemesOfCrisis(c.ID); len(themes) > 0 {
		b.section(fmt.Sprintf("Themes (%d)", len(themes)))
		for _, i := range themes {
			t := &b.k.Themes[i]
			b.line("- **" + render.MarkdownText(t.ID) + "** " + render.MarkdownText(t.Name))
		}
	}
	if idx := b.k.AgreementsOfCrisis(c.ID); len(idx) > 0 {
		b.section(fmt.Sprintf("Agreements (%d)", len(idx)))
		b.agreements(idx)
	}
	b.finish(c.Name)
}

func (b *brief) sdg(g *kb.SDG) {
	b.start(nil)
	b.item("ID", g.ID())
	b.link("URL", g.URL)
	if idx := b.k.AgreementsOfSDG(g.Number); len(idx) > 0 {
		b.section(fmt.Sprintf("Agreements (%d)", len(idx)))
		b.agreements(idx)
	}
	b.finish(fmt.Sprintf("SDG %d: %s", g.Number, g.Name))
}
