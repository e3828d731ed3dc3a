package kb

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Ref points at one record of a knowledge base.
type Ref struct {
	Kind  string // KindTheme, KindAgreement, KindCrisis or KindSDG
	Index int    // into the slice of that kind
}

// Lookup finds a record by id, alias or name, case-insensitively. SDGs are
// found as "sdg-14", "sdg14", "SDG 14" or "14". Ids win over aliases, and
// aliases over names. A miss returns *NotFoundError with suggestions.
func (k *KB) Lookup(q string) (Ref, error) {
	f := Fold(strings.TrimSpace(q))
	if n, ok := sdgNumber(f); ok {
		for i, s := range k.SDGs {
			if s.Number == n {
				return Ref{KindSDG, i}, nil
			}
		}
	}
	for pass := 0; pass < 3; pass++ {
		for _, r := range k.refs() {
			for _, key := range k.keysOf(r, pass) {
				if Fold(key) == f {
					return r, nil
				}
			}
		}
	}
	return Ref{}, &NotFoundError{Query: q, Suggestions: k.Suggest(q)}
}

// Suggest returns the ids closest to q, best first.
func (k *KB) Suggest(q string) []string {
	var names []string
	byName := map[string]string{}
	for _, r := range k.refs() {
		id := k.IDOf(r)
		for pass := 0; pass < 3; pass++ {
			for _, key := range k.keysOf(r, pass) {
				names = append(names, key)
				if _, ok := byName[key]; !ok {
					byName[key] = id
				}
			}
		}
	}
	var out []string
	for _, n := range Closest(q, names) {
		if id := byName[n]; !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func sdgNumber(f string) (int, bool) {
	s := strings.TrimPrefix(f, "sdg")
	s = strings.TrimLeft(s, " -_")
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 17 {
		return 0, false
	}
	return n, true
}

// refs lists every record, kinds in documented order.
func (k *KB) refs() []Ref {
	var out []Ref
	for i := range k.Themes {
		out = append(out, Ref{KindTheme, i})
	}
	for i := range k.Agreements {
		out = append(out, Ref{KindAgreement, i})
	}
	for i := range k.Crises {
		out = append(out, Ref{KindCrisis, i})
	}
	for i := range k.SDGs {
		out = append(out, Ref{KindSDG, i})
	}
	return out
}

// keysOf returns the record's id (pass 0), aliases (pass 1) or names (pass 2).
func (k *KB) keysOf(r Ref, pass int) []string {
	switch r.Kind {
	case KindTheme:
		t := k.Themes[r.Index]
		return [][]string{{t.ID}, t.Aliases, {t.Name}}[pass]
	case KindAgreement:
		a := k.Agreements[r.Index]
		return [][]string{{a.ID}, a.Aliases, {a.Name, a.FullName}}[pass]
	case KindCrisis:
		c := k.Crises[r.Index]
		return [][]string{{c.ID}, c.Aliases, {c.Name}}[pass]
	case KindSDG:
		s := k.SDGs[r.Index]
		return [][]string{{s.ID()}, nil, {s.Name}}[pass]
	}
	return nil
}

// IDOf returns the id of the record r points at.
func (k *KB) IDOf(r Ref) string {
	switch r.Kind {
	case KindTheme:
		return k.Themes[r.Index].ID
	case KindAgreement:
		return k.Agreements[r.Index].ID
	case KindCrisis:
		return k.Crises[r.Index].ID
	case KindSDG:
		return k.SDGs[r.Index].ID()
	}
	return ""
}

// NameOf returns the name of the record r points at.
func (k *KB) NameOf(r Ref) string {
	switch r.Kind {
	case KindTheme:
		return k.Themes[r.Index].Name
	case KindAgreement:
		return k.Agreements[r.Index].Name
	case KindCrisis:
		return k.Crises[r.Index].Name
	case KindSDG:
		return k.SDGs[r.Index].Name
	}
	return ""
}

// ResolveCrisis maps a crisis id, alias or name to its id.
func (k *KB) ResolveCrisis(s string) (string, bool) {
	f := Fold(strings.TrimSpace(s))
	for _, c := range k.Crises {
		if Fold(c.ID) == f || Fold(c.Name) == f || slices.ContainsFunc(c.Aliases, func(a string) bool { return Fold(a) == f }) {
			return c.ID, true
		}
	}
	return "", false
}

// ResolveTheme maps a theme id, alias or name to its id.
func (k *KB) ResolveTheme(s string) (string, bool) {
	f := Fold(strings.TrimSpace(s))
	for _, t := range k.Themes {
		if Fold(t.ID) == f || Fold(t.Name) == f || slices.ContainsFunc(t.Aliases, func(a string) bool { return Fold(a) == f }) {
			return t.ID, true
		}
	}
	return "", false
}

// Theme, Agreement and Crisis find a record by exact id.
func (k *KB) Theme(id string) (*Theme, bool) {
	i := slices.IndexFunc(k.Themes, func(t Theme) bool { return t.ID == id })
	if i < 0 {
		return nil, false
	}
	return &k.Themes[i], true
}

// Agreement finds an agreement by exact id.
func (k *KB) Agreement(id string) (*Agreement, bool) {
	i := slices.IndexFunc(k.Agreements, func(a Agreement) bool { return a.ID == id })
	if i < 0 {
		return nil, false
	}
	return &k.Agreements[i], true
}

// Crisis finds a crisis by exact id.
func (k *KB) Crisis(id string) (*Crisis, bool) {
	i := slices.IndexFunc(k.Crises, func(c Crisis) bool { return c.ID == id })
	if i < 0 {
		return nil, false
	}
	return &k.Crises[i], true
}

// SDG finds a goal by number.
func (k *KB) SDG(n int) (*SDG, bool) {
	i := slices.IndexFunc(k.SDGs, func(s SDG) bool { return s.Number == n })
	if i < 0 {
		return nil, false
	}
	return &k.SDGs[i], true
}

// AgreementsOfTheme returns the agreements that list the theme, by adoption date.
func (k *KB) AgreementsOfTheme(id string) []int {
	return k.agreementsWhere(func(a *Agreement) bool { return slices.Contains(a.Themes, id) })
}

// AgreementsOfCrisis returns the agreements that address the crisis.
func (k *KB) AgreementsOfCrisis(id string) []int {
	return k.agreementsWhere(func(a *Agreement) bool { return slices.Contains(a.Crises, id) })
}

// AgreementsOfSDG returns the agreements that serve the goal.
func (k *KB) AgreementsOfSDG(n int) []int {
	return k.agreementsWhere(func(a *Agreement) bool { return slices.Contains(a.SDGs, n) })
}

// Children returns the agreements whose parent is id.
func (k *KB) Children(id string) []int {
	return k.agreementsWhere(func(a *Agreement) bool { return a.Parent == id })
}

// ThemesOfCrisis returns the indexes of themes that address the crisis.
func (k *KB) ThemesOfCrisis(id string) []int {
	var out []int
	for i, t := range k.Themes {
		if slices.Contains(t.Crises, id) {
			out = append(out, i)
		}
	}
	return out
}

func (k *KB) agreementsWhere(keep func(*Agreement) bool) []int {
	var out []int
	for i := range k.Agreements {
		if keep(&k.Agreements[i]) {
			out = append(out, i)
		}
	}
	k.SortByAdopted(out)
	return out
}

// SortByAdopted orders agreement indexes by adoption date, then id.
func (k *KB) SortByAdopted(idx []int) {
	slices.SortStableFunc(idx, func(a, b int) int {
		x, y := &k.Agreements[a], &k.Agreements[b]
		return cmp.Or(x.Adopted.Compare(y.Adopted), cmp.Compare(x.ID, y.ID))
	})
}

// Filter selects agreements. Values within one field are OR'd, fields are
// AND'd; an empty field does not filter. Crises and themes must already be
// resolved to ids.
type Filter struct {
	Crises        []string
	Themes        []string
	SDGs          []int
	Types         []string
	Statuses      []string
	EUStatuses    []string
	Binding       *bool
	AdoptedAfter  int // keep agreements adopted in a later year; 0 = no bound
	AdoptedBefore int // keep agreements adopted in an earlier year; 0 = no bound
}

// agreementOnly reports whether the filter uses fields themes do not have.
func (f Filter) agreementOnly() bool {
	return len(f.Types)+len(f.Statuses)+len(f.EUStatuses) > 0 || f.Binding != nil || f.AdoptedAfter != 0 || f.AdoptedBefore != 0
}

func anyOf[T comparable](want, have []T) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}

func oneOf[T comparable](want []T, v T) bool {
	return len(want) == 0 || slices.Contains(want, v)
}

// Match reports whether the agreement passes the filter.
func (f Filter) Match(a *Agreement) bool {
	if !anyOf(f.Crises, a.Crises) || !anyOf(f.Themes, a.Themes) || !anyOf(f.SDGs, a.SDGs) ||
		!oneOf(f.Types, a.Type) || !oneOf(f.Statuses, a.Status) || !oneOf(f.EUStatuses, a.EU.Status) {
		return false
	}
	if f.Binding != nil && (a.Binding == nil || *a.Binding != *f.Binding) {
		return false
	}
	y := a.Adopted.Year()
	if f.AdoptedAfter != 0 && (y == 0 || y <= f.AdoptedAfter) {
		return false
	}
	if f.AdoptedBefore != 0 && (y == 0 || y >= f.AdoptedBefore) {
		return false
	}
	return true
}

// FilterAgreements returns the indexes of matching agreements in data order.
func (k *KB) FilterAgreements(f Filter) []int {
	var out []int
	for i := range k.Agreements {
		if f.Match(&k.Agreements[i]) {
			out = append(out, i)
		}
	}
	return out
}

// FilterThemes returns the indexes of matching themes in data order. A theme
// matches on its own crises, SDGs and id; filters only agreements have
// (type, status, EU status, binding, adoption year) keep the themes that have
// at least one matching agreement.
func (k *KB) FilterThemes(f Filter) []int {
	var out []int
	for i, t := range k.Themes {
		if !anyOf(f.Crises, t.Crises) || !anyOf(f.SDGs, t.SDGs) || !oneOf(f.Themes, t.ID) {
			continue
		}
		if f.agreementOnly() {
			g := Filter{Types: f.Types, Statuses: f.Statuses, EUStatuses: f.EUStatuses, Binding: f.Binding,
				AdoptedAfter: f.AdoptedAfter, AdoptedBefore: f.AdoptedBefore, Themes: []string{t.ID}}
			if len(k.FilterAgreements(g)) == 0 {
				continue
			}
		}
		out = append(out, i)
	}
	return out
}
