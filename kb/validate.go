package kb

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func sdgID(n int) string { return "sdg-" + strconv.Itoa(n) }

// Merge concatenates partial knowledge bases in order. It does not check
// them: Validate does, on the result, so that references resolve across files.
func Merge(parts ...*KB) *KB {
	out := &KB{}
	for _, p := range parts {
		if p == nil {
			continue
		}
		out.Themes = append(out.Themes, p.Themes...)
		out.Agreements = append(out.Agreements, p.Agreements...)
		out.Crises = append(out.Crises, p.Crises...)
		out.SDGs = append(out.SDGs, p.SDGs...)
		out.lines = append(out.lines, p.lines...)
		out.files = append(out.files, p.files...)
	}
	return out
}

// ValidateOptions are the inputs of validation that do not come from the data.
type ValidateOptions struct {
	Today Date // as_of may not be later; as_of older than two years is a warning
	// Trusted skips validation in Load: the same inputs were validated
	// together before, on the same day (a cache knows).
	Trusted bool
}

// Validate checks the whole knowledge base and returns every problem found,
// errors and warnings, sorted by file and line.
func Validate(k *KB, opt ValidateOptions) Problems {
	v := &validator{kb: k, opt: opt, owners: map[string]string{}}
	v.index()
	v.ids()
	for i := range k.Themes {
		v.theme(&k.Themes[i], k.Themes[i].Pos.Index)
	}
	for i := range k.Agreements {
		v.agreement(&k.Agreements[i], k.Agreements[i].Pos.Index)
	}
	for i := range k.Crises {
		v.crisis(&k.Crises[i], k.Crises[i].Pos.Index)
	}
	for i := range k.SDGs {
		v.sdg(&k.SDGs[i], k.SDGs[i].Pos.Index)
	}
	v.parents()
	v.aliases()
	v.ps.Sort()
	return v.ps
}

type validator struct {
	kb     *KB
	opt    ValidateOptions
	ps     Problems
	owners map[string]string // id -> "file:line" of its first definition

	// ids of each kind, as lists (for suggestions) and sets (for lookups)
	themeList, crisisList, agreementList []string
	themeSet, crisisSet, agreementSet    map[string]bool
	sdgSet                               map[int]bool
}

func (v *validator) index() {
	v.themeSet, v.crisisSet, v.agreementSet, v.sdgSet = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[int]bool{}
	for _, t := range v.kb.Themes {
		v.themeList = append(v.themeList, t.ID)
		v.themeSet[t.ID] = true
	}
	for _, c := range v.kb.Crises {
		v.crisisList = append(v.crisisList, c.ID)
		v.crisisSet[c.ID] = true
	}
	for _, a := range v.kb.Agreements {
		v.agreementList = append(v.agreementList, a.ID)
		v.agreementSet[a.ID] = true
	}
	for _, g := range v.kb.SDGs {
		v.sdgSet[g.Number] = true
	}
}

func entryLabel(kind string, i int, id string) string {
	if id != "" {
		return fmt.Sprintf("%s #%d %q", kind, i+1, id)
	}
	return fmt.Sprintf("%s #%d", kind, i+1)
}

func (v *validator) add(pos Pos, entry, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	v.ps = append(v.ps, Problem{File: pos.File, Line: v.kb.fieldLine(pos, msg), Entry: entry, Message: msg})
}

func (v *validator) warn(pos Pos, entry, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	v.ps = append(v.ps, Problem{File: pos.File, Line: v.kb.fieldLine(pos, msg), Entry: entry, Message: msg, Warning: true})
}

var fieldPrefix = regexp.MustCompile(`^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?: `)

// fieldLine finds the line of the field a message starts with
// ("eu.status: ...", "sources[2].url: ..."), or the entry's line.
func (k *KB) fieldLine(pos Pos, msg string) int {
	m := fieldPrefix.FindStringSubmatch(msg)
	if m == nil || pos.Table == "" {
		return pos.Line
	}
	for _, d := range k.lines {
		if d.file != pos.File {
			continue
		}
		sub, idx, key := "", -1, m[1]
		switch {
		case m[2] != "":
			n, _ := strconv.Atoi(m[2])
			sub, idx, key = m[1], n-1, m[3]
		case m[3] != "":
			sub, key = m[1], m[3]
		}
		if l := d.keyLine(pos.Table, pos.Index, sub, idx, key); l > 0 {
			return l
		}
	}
	return pos.Line
}

func where(p Pos) string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// ids checks id syntax and uniqueness across themes, agreements and crises,
// and SDG numbers.
func (v *validator) ids() {
	check := func(kind string, i int, id string, pos Pos) {
		label := entryLabel(kind, i, id)
		switch {
		case id == "":
			v.add(pos, label, "id: required field is missing")
			return
		case !idPattern.MatchString(id):
			v.add(pos, label, "id: %q is not a lower-case slug (a-z, 0-9 and single hyphens)", id)
			return
		}
		if prev, ok := v.owners[id]; ok {
			v.add(pos, label, "id: %q is already defined at %s", id, prev)
			return
		}
		v.owners[id] = where(pos)
	}
	// Check in file order, so that the later definition is the duplicate.
	type rec struct {
		kind string
		id   string
		pos  Pos
	}
	var recs []rec
	for _, t := range v.kb.Themes {
		recs = append(recs, rec{KindTheme, t.ID, t.Pos})
	}
	for _, a := range v.kb.Agreements {
		recs = append(recs, rec{KindAgreement, a.ID, a.Pos})
	}
	for _, c := range v.kb.Crises {
		recs = append(recs, rec{KindCrisis, c.ID, c.Pos})
	}
	order := map[string]int{}
	for i, f := range v.kb.files {
		if _, ok := order[f]; !ok {
			order[f] = i
		}
	}
	slices.SortStableFunc(recs, func(a, b rec) int {
		if c := cmp.Compare(order[a.pos.File], order[b.pos.File]); c != 0 {
			return c
		}
		return cmp.Compare(a.pos.Line, b.pos.Line)
	})
	for _, r := range recs {
		check(r.kind, r.pos.Index, r.id, r.pos)
	}
	seen := map[int]string{}
	for _, s := range v.kb.SDGs {
		label := entryLabel(KindSDG, s.Pos.Index, s.ID())
		if s.Number < 1 || s.Number > 17 {
			v.add(s.Pos, label, "number: %d is not an SDG (1-17)", s.Number)
			continue
		}
		if prev, ok := seen[s.Number]; ok {
			v.add(s.Pos, label, "duplicate SDG %d: already defined at %s", s.Number, prev)
			continue
		}
		seen[s.Number] = where(s.Pos)
	}
}

func (v *validator) required(pos Pos, label string, fields ...string) {
	for i := 0; i+1 < len(fields); i += 2 {
		if strings.TrimSpace(fields[i+1]) == "" {
			v.add(pos, label, "%s: required field is missing", fields[i])
		}
	}
}

func (v *validator) refs(pos Pos, label, field string, values []string, set map[string]bool, kindIDs []string, what string) {
	for _, x := range values {
		if set[x] {
			continue
		}
		msg := fmt.Sprintf("%s: unknown %s %q", field, what, x)
		if i := slices.IndexFunc(kindIDs, func(id string) bool { return strings.EqualFold(id, x) }); i >= 0 {
			msg += fmt.Sprintf(" (ids are case-sensitive: did you mean %q?)", kindIDs[i])
		} else if s := Closest(x, kindIDs); len(s) > 0 {
			msg += fmt.Sprintf(" (did you mean %q?)", s[0])
		}
		v.add(pos, label, "%s", msg)
	}
}

func (v *validator) sdgRefs(pos Pos, label string, numbers []int) {
	for _, n := range numbers {
		if !v.sdgSet[n] {
			v.add(pos, label, "sdgs: unknown SDG %d", n)
		}
	}
}

func (v *validator) url(pos Pos, label, field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\n") {
		v.add(pos, label, "%s: %q is not an absolute http(s) URL", field, s)
	}
}

func (v *validator) asOf(pos Pos, label string, d Date) {
	if d.IsZero() {
		v.warn(pos, label, "as_of: missing (when were these facts last checked?)")
		return
	}
	if v.opt.Today.IsZero() {
		return
	}
	if v.opt.Today.Before(d) {
		v.add(pos, label, "as_of: %s is in the future", d)
		return
	}
	if d.Year() > 0 && (v.opt.Today.Year()-d.Year() > 2 ||
		(v.opt.Today.Year()-d.Year() == 2 && string(d[min(4, len(d)):]) < string(v.opt.Today[min(4, len(v.opt.Today)):]))) {
		v.warn(pos, label, "as_of: %s is more than two years old", d)
	}
}

func (v *validator) vocab(pos Pos, label, field, value string, allowed []string) {
	if value == "" || slices.Contains(allowed, value) {
		return
	}
	msg := fmt.Sprintf("%s: %q is not one of %s", field, value, strings.Join(allowed, ", "))
	if s := Closest(value, allowed); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	v.add(pos, label, "%s", msg)
}

func (v *validator) order(pos Pos, label string, earlier, later Date, eName, lName string) {
	if !earlier.IsZero() && !later.IsZero() && later.Before(earlier) {
		v.add(pos, label, "%s: %s is before %s %s", lName, later, eName, earlier)
	}
}

func (v *validator) sources(pos Pos, label string, srcs []Source, allowed []string) {
	for i, s := range srcs {
		field := fmt.Sprintf("sources[%d]", i+1)
		if s.URL == "" {
			v.add(pos, label, "%s.url: required field is missing", field)
		}
		v.url(pos, label, field+".url", s.URL)
		for _, f := range s.Supports {
			if !slices.Contains(allowed, f) {
				msg := fmt.Sprintf("%s.supports: unknown field %q", field, f)
				if c := Closest(f, allowed); len(c) > 0 {
					msg += fmt.Sprintf(" (did you mean %q?)", c[0])
				}
				v.add(pos, label, "%s", msg)
			}
		}
	}
}

// ThemeFields and AgreementFields are the field names a source may support.
func themeSupportFields() []string {
	return []string{"name", "summary", "crises", "sdgs", "eu_policy", "url", "aliases", "as_of"}
}

func agreementSupportFields() []string {
	return []string{"name", "full_name", "type", "binding", "parent", "themes", "crises", "sdgs",
		"adopted", "adopted_place", "entry_into_force", "status",
		"eu", "eu.status", "eu.signed", "eu.joined", "eu.in_force_for_eu", "eu.instrument", "eu.decision", "eu.celex",
		"depositary", "secretariat", "parties", "parties_as_of", "url", "summary", "aliases", "milestones",
		"xref", "xref.untc", "xref.ecolex", "xref.informea", "xref.celex", "as_of"}
}

func (v *validator) theme(t *Theme, i int) {
	label := entryLabel(KindTheme, i, t.ID)
	v.required(t.Pos, label, "name", t.Name, "summary", t.Summary)
	v.refs(t.Pos, label, "crises", t.Crises, v.crisisSet, v.crisisList, "crisis")
	v.sdgRefs(t.Pos, label, t.SDGs)
	v.url(t.Pos, label, "url", t.URL)
	v.asOf(t.Pos, label, t.AsOf)
	v.sources(t.Pos, label, t.Sources, themeSupportFields())
	if len(t.Sources) == 0 {
		v.warn(t.Pos, label, "sources: none listed")
	}
}

func (v *validator) agreement(a *Agreement, i int) {
	label := entryLabel(KindAgreement, i, a.ID)
	v.required(a.Pos, label, "name", a.Name, "type", a.Type, "status", a.Status)
	if len(a.Themes) == 0 {
		v.add(a.Pos, label, "themes: required field is missing (at least one theme)")
	}
	v.vocab(a.Pos, label, "type", a.Type, Types())
	v.vocab(a.Pos, label, "status", a.Status, Statuses())
	v.vocab(a.Pos, label, "eu.status", a.EU.Status, EUStatuses())
	if a.EU.Status == "" && !a.EU.IsZero() {
		v.add(a.Pos, label, "eu.status: required when [agreements.eu] is given")
	}
	v.refs(a.Pos, label, "themes", a.Themes, v.themeSet, v.themeList, "theme")
	v.refs(a.Pos, label, "crises", a.Crises, v.crisisSet, v.crisisList, "crisis")
	v.sdgRefs(a.Pos, label, a.SDGs)
	if a.Parent != "" {
		if a.Parent == a.ID {
			v.add(a.Pos, label, "parent: an agreement cannot be its own parent")
		} else {
			v.refs(a.Pos, label, "parent", []string{a.Parent}, v.agreementSet, v.agreementList, "agreement")
		}
	}
	v.order(a.Pos, label, a.Adopted, a.EntryIntoForce, "adopted", "entry_into_force")
	v.order(a.Pos, label, a.EU.Signed, a.EU.Joined, "eu.signed", "eu.joined")
	v.order(a.Pos, label, a.EU.Joined, a.EU.InForceForEU, "eu.joined", "eu.in_force_for_eu")
	v.url(a.Pos, label, "url", a.URL)
	v.asOf(a.Pos, label, a.AsOf)
	if a.Parties != nil && a.PartiesAsOf.IsZero() {
		v.warn(a.Pos, label, "parties_as_of: missing (a party count needs its date)")
	}
	if !v.opt.Today.IsZero() && v.opt.Today.Before(a.PartiesAsOf) {
		v.add(a.Pos, label, "parties_as_of: %s is in the future", a.PartiesAsOf)
	}
	for j, m := range a.Milestones {
		if m.Date.IsZero() {
			v.add(a.Pos, label, "milestones[%d].date: required field is missing", j+1)
		}
		if strings.TrimSpace(m.Event) == "" {
			v.add(a.Pos, label, "milestones[%d].event: required field is missing", j+1)
		}
	}
	if len(a.Sources) == 0 {
		v.add(a.Pos, label, "sources: at least one source is required")
	}
	v.sources(a.Pos, label, a.Sources, agreementSupportFields())
	v.backed(a, label)
}

// backed warns about dates, statuses and counts that no listed source supports.
func (v *validator) backed(a *Agreement, label string) {
	supported := map[string]bool{}
	for _, s := range a.Sources {
		for _, f := range s.Supports {
			supported[f] = true
		}
	}
	check := func(field string, set bool) {
		if !set || supported[field] {
			return
		}
		if g, _, ok := strings.Cut(field, "."); ok && supported[g] {
			return
		}
		v.warn(a.Pos, label, "%s: no source supports it", field)
	}
	check("adopted", !a.Adopted.IsZero())
	check("adopted_place", a.AdoptedPlace != "")
	check("entry_into_force", !a.EntryIntoForce.IsZero())
	check("status", a.Status != "")
	check("parties", a.Parties != nil)
	check("depositary", a.Depositary != "")
	check("eu.status", a.EU.Status != "")
	check("eu.signed", !a.EU.Signed.IsZero())
	check("eu.joined", !a.EU.Joined.IsZero())
	check("eu.in_force_for_eu", !a.EU.InForceForEU.IsZero())
	check("eu.instrument", a.EU.Instrument != "")
	check("eu.decision", a.EU.Decision != "")
	check("milestones", len(a.Milestones) > 0)
}

func (v *validator) crisis(c *Crisis, i int) {
	label := entryLabel(KindCrisis, i, c.ID)
	v.required(c.Pos, label, "name", c.Name)
}

func (v *validator) sdg(s *SDG, i int) {
	label := entryLabel(KindSDG, i, s.ID())
	v.required(s.Pos, label, "name", s.Name)
	v.url(s.Pos, label, "url", s.URL)
}

// parents reports cycles in parent chains.
func (v *validator) parents() {
	parent := map[string]string{}
	for _, a := range v.kb.Agreements {
		if a.Parent != "" && a.Parent != a.ID {
			parent[a.ID] = a.Parent
		}
	}
	for _, a := range v.kb.Agreements {
		seen := map[string]bool{a.ID: true}
		for cur := parent[a.ID]; cur != ""; cur = parent[cur] {
			if seen[cur] {
				if cur == a.ID {
					v.add(a.Pos, entryLabel(KindAgreement, a.Pos.Index, a.ID), "parent: cycle in parent chain through %q", a.Parent)
				}
				break
			}
			seen[cur] = true
		}
	}
}

// aliases warns when one alias names two records, which makes lookups by it
// ambiguous. An alias equal to another record's id is fine: ids win.
func (v *validator) aliases() {
	owner := map[string]string{}
	note := func(pos Pos, label, id string, aliases []string) {
		for _, al := range aliases {
			f := Fold(al)
			if prev, ok := owner[f]; ok && prev != id {
				v.warn(pos, label, "aliases: %q is also an alias of %q", al, prev)
				continue
			}
			owner[f] = id
		}
	}
	for _, t := range v.kb.Themes {
		note(t.Pos, entryLabel(KindTheme, t.Pos.Index, t.ID), t.ID, t.Aliases)
	}
	for _, a := range v.kb.Agreements {
		note(a.Pos, entryLabel(KindAgreement, a.Pos.Index, a.ID), a.ID, a.Aliases)
	}
	for _, c := range v.kb.Crises {
		note(c.Pos, entryLabel(KindCrisis, c.Pos.Index, c.ID), c.ID, c.Aliases)
	}
}
