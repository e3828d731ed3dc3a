package kb

import (
	"cmp"
	"slices"
	"strconv"
)

// Dimensions of Stats' counts, in the order they are reported.
const (
	DimType     = "type"
	DimStatus   = "status"
	DimEUStatus = "eu_status"
	DimTheme    = "theme"
	DimCrisis   = "crisis"
	DimDecade   = "decade"
)

// Dimensions lists the dimensions Stats counts by, in order.
func Dimensions() []string {
	return []string{DimType, DimStatus, DimEUStatus, DimTheme, DimCrisis, DimDecade}
}

// Values of a dimension that stand for no value.
const (
	ValueUnknown = "unknown" // no EU status, no adoption date
	ValueNone    = "none"    // no crisis
)

// Count is how many agreements have one value of a dimension.
type Count struct {
	Dimension string
	Value     string
	Count     int
}

// Joining is how long the EU took from signing an agreement to joining it.
type Joining struct {
	Measure   string // "median", "shortest" or "longest": what the row shows
	Agreement int    // index into Agreements; -1 for the median
	ID        string
	Name      string
	Signed    Date
	Joined    Date
	Days      int
}

// Stats is a set of agreements in numbers.
type Stats struct {
	Agreements int
	// Counts are by dimension, in the order of Dimensions: within one,
	// decades in time order, other values by count, most first, ties in
	// the order of their vocabulary (types, statuses) or of the data
	// (themes, crises). An agreement counts once under each of its themes
	// and crises. Values no agreement has are left out.
	Counts []Count
	// Measured is how many agreements have the EU's signature and joining
	// both as full dates; the days between them give Median (of an even
	// number, the mean of the two middle values, rounded down), and the
	// agreements behind the Shortest and Longest (every one, when tied).
	Measured int
	Median   int
	Shortest []Joining
	Longest  []Joining
}

// Stats counts the given agreements.
func (k *KB) Stats(agreements []int) Stats {
	st := Stats{Agreements: len(agreements)}
	counts := map[string]map[string]int{}
	add := func(dim, v string) {
		if counts[dim] == nil {
			counts[dim] = map[string]int{}
		}
		counts[dim][v]++
	}
	var joins []Joining
	for _, i := range agreements {
		a := &k.Agreements[i]
		add(DimType, a.Type)
		add(DimStatus, a.Status)
		add(DimEUStatus, cmp.Or(a.EU.Status, ValueUnknown))
		for _, t := range a.Themes {
			add(DimTheme, t)
		}
		for _, c := range a.Crises {
			add(DimCrisis, c)
		}
		if len(a.Crises) == 0 {
			add(DimCrisis, ValueNone)
		}
		add(DimDecade, decade(a.Adopted))
		if d, ok := Days(a.EU.Signed, a.EU.Joined); ok && d >= 0 {
			joins = append(joins, Joining{Agreement: i, ID: a.ID, Name: a.Name, Signed: a.EU.Signed, Joined: a.EU.Joined, Days: d})
		}
	}
	var themes, crises []string
	for _, t := range k.Themes {
		themes = append(themes, t.ID)
	}
	for _, c := range k.Crises {
		crises = append(crises, c.ID)
	}
	order := map[string][]string{DimType: Types(), DimStatus: Statuses(), DimEUStatus: EUStatuses(), DimTheme: themes, DimCrisis: crises}
	for _, dim := range Dimensions() {
		var cs []Count
		for v, n := range counts[dim] {
			cs = append(cs, Count{Dimension: dim, Value: v, Count: n})
		}
		rank := func(v string) int {
			if i := slices.Index(order[dim], v); i >= 0 {
				return i
			}
			return len(order[dim]) // unknown, none and values outside the vocabulary last
		}
		slices.SortFunc(cs, func(a, b Count) int {
			if dim == DimDecade {
				return cmp.Compare(a.Value, b.Value) // "unknown" sorts after "1970s"
			}
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(rank(a.Value), rank(b.Value)), cmp.Compare(a.Value, b.Value))
		})
		st.Counts = append(st.Counts, cs...)
	}
	st.Measured = len(joins)
	if len(joins) == 0 {
		return st
	}
	slices.SortStableFunc(joins, func(a, b Joining) int {
		return cmp.Or(cmp.Compare(a.Days, b.Days), a.Signed.Compare(b.Signed), cmp.Compare(a.ID, b.ID))
	})
	n := len(joins)
	st.Median = joins[(n-1)/2].Days
	if n%2 == 0 {
		st.Median = (joins[n/2-1].Days + joins[n/2].Days) / 2
	}
	for _, j := range joins {
		if j.Days == joins[0].Days {
			j.Measure = "shortest"
			st.Shortest = append(st.Shortest, j)
		}
		if j.Days == joins[n-1].Days {
			j.Measure = "longest"
			st.Longest = append(st.Longest, j)
		}
	}
	return st
}

// decade names the decade of a date ("1990s"), or ValueUnknown.
func decade(d Date) string {
	y := d.Year()
	if y == 0 {
		return ValueUnknown
	}
	return strconv.Itoa(y/10*10) + "s"
}
