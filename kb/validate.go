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
	if len(parts) == 1 && parts[0] != nil {
		return parts[0]
	}
	out := &KB{}
	var nt, na, nc, ns int
	for _, p := range parts {
		if p != nil {
			nt, na, nc, ns = nt+len(p.Themes), na+len(p.Agreements), nc+len(p.Crises), ns+len(p.SDGs)
		}
	}
	out.Themes, out.Agreements = sized[Theme](nt), sized[Agreement](na)
	out.Crises, out.SDGs = sized[Crisis](nc), sized[SDG](ns)
	for _, p := range parts {
		if p == nil {
			continue
		}
		out.Themes = append(out.Themes, p.Themes...)
		out.Agreements = append(out.Agreements, p.Agreements...)
		out.Crises = append(out.Crises, p.Crises...)
		out.SDGs = append(out.SDGs, p.SDGs...)
		out.files = append(out.files, p.files...)
	}
	return out
}

// ValidateOptions are the inputs of validation that do not come from the data.
type ValidateOptions struct {
	Today Date // as_of may not be later; as_of older than two years is a warning
}

// Validate checks the whole knowledge base and returns every problem found,
// errors and warnings, sorted by file and line.
func Validate(k *KB, opt ValidateOptions) Problems {
	v := &validator{kb: k, opt: opt, owners: map[string]string{}, hints: map[string]string{},
		themes: themeSchema(), agreements: agreementSchema(), crises: crisisSchema(), sdgs: sdgSchema()}
	v.themeSupports, v.agreementSupports = v.themes.supportNames(), v.agreements.supportNames()
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

	hints map[string]string // suggestion for each unknown value, computed once
	spent int               // comparisons made for suggestions

	themes, agreements, crises, sdgs Schema
	themeSupports, agreementSupports []string // what a source's supports may name
}

// hintBudget caps the comparisons "did you mean" makes in one validation:
// each suggestion is a pass over its candidates, and a file with thousands
// of distinct unknown values against thousands of ids gains nothing from
// thousands of guesses. Within the budget validation stays linear.
const hintBudget = 100_000

// hint returns " (did you mean ...?)" for an unknown value, or "".
func (v *validator) hint(what, x string, candidates []string) string {
	key := what + "\x00" + x
	if h, ok := v.hints[key]; ok {
		return h
	}
	h := ""
	if v.spent+len(candidates) <= hintBudget {
		v.spent += len(candidates)
		if i := slices.IndexFunc(candidates, func(id string) bool { return strings.EqualFold(id, x) }); i >= 0 {
			h = fmt.Sprintf(" (ids are case-sensitive: did you mean %q?)", candidates[i])
		} else if s := Closest(x, candidates); len(s) > 0 {
			h = fmt.Sprintf(" (did you mean %q?)", s[0])
		}
	}
	v.hints[key] = h
	return h
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

// entryRef names a record in messages; the text is made only for a problem.
type entryRef struct {
	kind  string
	index int
	id    string
}

func (e entryRef) String() string {
	if e.id != "" {
		return fmt.Sprintf("%s #%d %q", e.kind, e.index+1, e.id)
	}
	return fmt.Sprintf("%s #%d", e.kind, e.index+1)
}

func entryLabel(kind string, i int, id string) entryRef { return entryRef{kind, i, id} }

// add reports an error in field of the record at pos ("" for the record
// as a whole); the line is the field's.
func (v *validator) add(pos Pos, entry entryRef, field, format string, args ...any) {
	v.report(pos, entry, field, false, format, args...)
}

func (v *validator) warn(pos Pos, entry entryRef, field, format string, args ...any) {
	v.report(pos, entry, field, true, format, args...)
}

func (v *validator) report(pos Pos, entry entryRef, field string, warning bool, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if field != "" {
		msg = field + ": " + msg
	}
	v.ps = append(v.ps, Problem{File: pos.File, Line: pos.LineOf(field), Entry: entry.String(), Message: msg, Warning: warning})
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
			v.add(pos, label, "id", "required field is missing")
			return
		case !idPattern.MatchString(id):
			v.add(pos, label, "id", "%q is not a lower-case slug (a-z, 0-9 and single hyphens)", id)
			return
		}
		if prev, ok := v.owners[id]; ok {
			v.add(pos, label, "id", "%q is already defined at %s", id, prev)
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
			v.add(s.Pos, label, "number", "%d is not an SDG (1-17)", s.Number)
			continue
		}
		if prev, ok := seen[s.Number]; ok {
			v.add(s.Pos, label, "", "duplicate SDG %d: already defined at %s", s.Number, prev)
			continue
		}
		seen[s.Number] = where(s.Pos)
	}
}

func (v *validator) refs(pos Pos, label entryRef, field string, values []string, set map[string]bool, kindIDs []string, what string) {
	for i, x := range values {
		switch {
		case !set[x]:
			v.add(pos, label, field, "unknown %s %q%s", what, x, v.hint(what, x, kindIDs))
		case slices.Contains(values[:i], x):
			v.add(pos, label, field, "%q is listed twice", x)
		}
	}
}

func (v *validator) sdgRefs(pos Pos, label entryRef, numbers []int) {
	for i, n := range numbers {
		switch {
		case !v.sdgSet[n]:
			v.add(pos, label, "sdgs", "unknown SDG %d", n)
		case slices.Contains(numbers[:i], n):
			v.add(pos, label, "sdgs", "%d is listed twice", n)
		}
	}
}

func (v *validator) url(pos Pos, label entryRef, field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\n") {
		v.add(pos, label, field, "%q is not an absolute http(s) URL", s)
	}
}

func (v *validator) asOf(pos Pos, label entryRef, d Date) {
	if d.IsZero() {
		v.warn(pos, label, "as_of", "missing (when were these facts last checked?)")
		return
	}
	if v.opt.Today.IsZero() {
		return
	}
	if v.opt.Today.Before(d) {
		v.add(pos, label, "as_of", "%s is in the future", d)
		return
	}
	if d.Year() > 0 && (v.opt.Today.Year()-d.Year() > 2 ||
		(v.opt.Today.Year()-d.Year() == 2 && string(d[min(4, len(d)):]) < string(v.opt.Today[min(4, len(v.opt.Today)):]))) {
		v.warn(pos, label, "as_of", "%s is more than two years old", d)
	}
}

func (v *validator) vocab(pos Pos, label entryRef, field, value string, allowed []string) {
	if value == "" || slices.Contains(allowed, value) {
		return
	}
	v.add(pos, label, field, "%q is not one of %s%s", value, strings.Join(allowed, ", "), v.hint(field, value, allowed))
}

func (v *validator) order(pos Pos, label entryRef, earlier, later Date, eName, lName string) {
	if !earlier.IsZero() && !later.IsZero() && later.Before(earlier) {
		v.add(pos, label, lName, "%s is before %s %s", later, eName, earlier)
	}
}

func (v *validator) sources(pos Pos, label entryRef, srcs []Source, allowed []string) {
	for i, s := range srcs {
		field := fmt.Sprintf("sources[%d]", i+1)
		if s.URL == "" {
			v.add(pos, label, field+".url", "required field is missing")
		}
		v.url(pos, label, field+".url", s.URL)
		for j, f := range s.Supports {
			switch {
			case !slices.Contains(allowed, f):
				v.add(pos, label, field+".supports", "unknown field %q%s", f, v.hint("field", f, allowed))
			case slices.Contains(s.Supports[:j], f):
				v.add(pos, label, field+".supports", "%q is listed twice", f)
			}
		}
	}
}

// requiredText reports every required string field of the schema that rec
// leaves empty.
func (v *validator) requiredText(s Schema, rec any, pos Pos, label entryRef) {
	for _, f := range s.Fields {
		if f.Required && f.Type == TypeString && !f.Derived && f.Name != "id" { // ids() checks ids
			if x, _ := f.Value(v.kb, rec).(string); strings.TrimSpace(x) == "" {
				v.add(pos, label, f.Path(), "required field is missing")
			}
		}
	}
}

// vocabularies checks every field of the schema that has a closed vocabulary.
func (v *validator) vocabularies(s Schema, rec any, pos Pos, label entryRef) {
	for _, f := range s.Fields {
		if f.Vocab != nil {
			x, _ := f.Value(v.kb, rec).(string)
			v.vocab(pos, label, f.Path(), x, f.Vocab)
		}
	}
}

func (v *validator) theme(t *Theme, i int) {
	label := entryLabel(KindTheme, i, t.ID)
	v.requiredText(v.themes, t, t.Pos, label)
	v.refs(t.Pos, label, "crises", t.Crises, v.crisisSet, v.crisisList, "crisis")
	v.sdgRefs(t.Pos, label, t.SDGs)
	v.url(t.Pos, label, "url", t.URL)
	v.asOf(t.Pos, label, t.AsOf)
	v.sources(t.Pos, label, t.Sources, v.themeSupports)
	if len(t.Sources) == 0 {
		v.warn(t.Pos, label, "sources", "none listed")
	}
}

func (v *validator) agreement(a *Agreement, i int) {
	label := entryLabel(KindAgreement, i, a.ID)
	v.requiredText(v.agreements, a, a.Pos, label)
	if len(a.Themes) == 0 {
		v.add(a.Pos, label, "themes", "required field is missing (at least one theme)")
	}
	v.vocabularies(v.agreements, a, a.Pos, label)
	if a.EU.Status == "" && !a.EU.IsZero() {
		v.add(a.Pos, label, "eu.status", "required when [agreements.eu] is given")
	}
	v.refs(a.Pos, label, "themes", a.Themes, v.themeSet, v.themeList, "theme")
	v.refs(a.Pos, label, "crises", a.Crises, v.crisisSet, v.crisisList, "crisis")
	v.sdgRefs(a.Pos, label, a.SDGs)
	if a.Parent != "" {
		if a.Parent == a.ID {
			v.add(a.Pos, label, "parent", "an agreement cannot be its own parent")
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
		v.warn(a.Pos, label, "parties_as_of", "missing (a party count needs its date)")
	}
	if !v.opt.Today.IsZero() && v.opt.Today.Before(a.PartiesAsOf) {
		v.add(a.Pos, label, "parties_as_of", "%s is in the future", a.PartiesAsOf)
	}
	v.timing(a, label)
	for j, m := range a.Milestones {
		if m.Date.IsZero() {
			v.add(a.Pos, label, fmt.Sprintf("milestones[%d].date", j+1), "required field is missing")
		}
		if strings.TrimSpace(m.Event) == "" {
			v.add(a.Pos, label, fmt.Sprintf("milestones[%d].event", j+1), "required field is missing")
		}
	}
	if len(a.Sources) == 0 {
		v.add(a.Pos, label, "sources", "at least one source is required")
	}
	v.sources(a.Pos, label, a.Sources, v.agreementSupports)
	v.backed(a, label)
}

// timing checks that an agreement's status and wording agree with the
// dates: nothing is adopted in the future, a meeting that has opened is no
// longer scheduled, and a milestone before the record's as_of is told as
// done, not as still to come.
func (v *validator) timing(a *Agreement, label entryRef) {
	today := v.opt.Today
	if today.IsZero() {
		return
	}
	if today.Before(a.Adopted) {
		v.add(a.Pos, label, "adopted", "%s is in the future (for a meeting that has not opened, use status \"scheduled\" and a milestone)", a.Adopted)
	}
	if a.Status == "scheduled" && !a.Adopted.IsZero() && !today.Before(a.Adopted) {
		v.warn(a.Pos, label, "status", "\"scheduled\" but it opened on %s", a.Adopted)
	}
	asOf := a.AsOf
	if asOf.IsZero() || today.Before(asOf) {
		asOf = today
	}
	for j, m := range a.Milestones {
		if m.Date.IsZero() || !m.Date.Before(asOf) {
			continue
		}
		if w := futureWord(m.Event); w != "" {
			v.warn(a.Pos, label, fmt.Sprintf("milestones[%d].event", j+1),
				"dated %s, before as_of %s, yet it says %q: tell what happened (or \"held ...; outcome not recorded here\")", m.Date, asOf, w)
		}
	}
}

// futureWord returns the first word of s that speaks of the future, or "".
func futureWord(s string) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '-')
	}) {
		switch w {
		case "scheduled", "upcoming", "will", "forthcoming", "planned":
			return w
		}
	}
	return ""
}

// backed warns about the fields the schema marks Backed (dates, statuses,
// counts) that are set while no listed source supports them.
func (v *validator) backed(a *Agreement, label entryRef) {
	supported := map[string]bool{}
	for _, s := range a.Sources {
		for _, f := range s.Supports {
			supported[f] = true
		}
	}
	for _, f := range v.agreements.Fields {
		if !f.Backed || isEmpty(f.Value(v.kb, a)) || supported[f.Path()] || (f.Group != "" && supported[f.Group]) {
			continue
		}
		v.warn(a.Pos, label, f.Path(), "no source supports it")
	}
}

func (v *validator) crisis(c *Crisis, i int) {
	label := entryLabel(KindCrisis, i, c.ID)
	v.requiredText(v.crises, c, c.Pos, label)
}

func (v *validator) sdg(s *SDG, i int) {
	label := entryLabel(KindSDG, i, s.ID())
	v.requiredText(v.sdgs, s, s.Pos, label)
	v.url(s.Pos, label, "url", s.URL)
}

// parents reports every agreement whose parent chain loops back to it.
// Each agreement is visited once: a chain already known to end (or to loop
// elsewhere) is not walked again.
func (v *validator) parents() {
	parent := make(map[string]string, len(v.kb.Agreements))
	for _, a := range v.kb.Agreements {
		if a.Parent != "" && a.Parent != a.ID {
			if _, dup := parent[a.ID]; !dup {
				parent[a.ID] = a.Parent
			}
		}
	}
	const (
		walking = 1
		done    = 2
	)
	state := make(map[string]int, len(parent))
	inCycle := map[string]bool{}
	for _, a := range v.kb.Agreements {
		var path []string
		cur := a.ID
		for cur != "" && state[cur] == 0 {
			state[cur] = walking
			path = append(path, cur)
			cur = parent[cur]
		}
		if cur != "" && state[cur] == walking {
			// the path from cur on is a cycle
			for i := len(path) - 1; i >= 0; i-- {
				inCycle[path[i]] = true
				if path[i] == cur {
					break
				}
			}
		}
		for _, p := range path {
			state[p] = done
		}
	}
	for _, a := range v.kb.Agreements {
		if inCycle[a.ID] && a.Parent != a.ID {
			v.add(a.Pos, entryLabel(KindAgreement, a.Pos.Index, a.ID), "parent", "cycle in parent chain through %q", a.Parent)
		}
	}
}

// aliases warns when one alias names two records, which makes lookups by it
// ambiguous. An alias equal to another record's id is fine: ids win.
func (v *validator) aliases() {
	owner := map[string]string{}
	note := func(pos Pos, label entryRef, id string, aliases []string) {
		for _, al := range aliases {
			f := Fold(al)
			if prev, ok := owner[f]; ok && prev != id {
				v.warn(pos, label, "aliases", "%q is also an alias of %q", al, prev)
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
