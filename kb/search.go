package kb

import (
	"cmp"
	"slices"
	"strings"
)

// Hit is one search result.
type Hit struct {
	Ref
	ID      string
	Name    string
	Score   int
	Matched []string // fields that matched at least one term, in field order
}

type searchField struct {
	name   string
	weight int
	values []string
}

// searchFields returns the values of the fields the schema marks for
// search, with their weights: a term found in an id or name ranks far above
// one found in a summary or a milestone.
func (k *KB) searchFields(s Schema, r Ref) []searchField {
	rec := s.Record(k, r.Index)
	var out []searchField
	for _, f := range s.Fields {
		if f.Search == 0 {
			continue
		}
		var vals []string
		switch v := f.Value(k, rec).(type) {
		case string:
			vals = []string{v}
		case []string:
			vals = v
		case []any:
			for _, t := range v {
				for _, sf := range f.Fields {
					if x, ok := sf.Value(k, t).(string); ok && sf.Search > 0 {
						vals = append(vals, x)
					}
				}
			}
		}
		out = append(out, searchField{f.Name, f.Search, vals})
	}
	return out
}

// Search finds records where every term occurs (case- and accent-insensitive,
// as a substring) in some searched field. Each term scores the weight of the
// best field it occurs in; a query equal to an id, name or alias scores a
// bonus. Hits are ordered by score, then kind, then id.
func (k *KB) Search(terms []string) []Hit {
	var folded []string
	for _, t := range terms {
		folded = append(folded, strings.Fields(Fold(t))...)
	}
	if len(folded) == 0 {
		return nil
	}
	whole := strings.Join(folded, " ")
	var hits []Hit
	schemas := map[string]Schema{}
	for _, s := range Schemas() {
		schemas[s.Kind] = s
	}
	for _, r := range k.refs() {
		fields := k.searchFields(schemas[r.Kind], r)
		foldedVals := make([][]string, len(fields))
		for i, f := range fields {
			foldedVals[i] = make([]string, len(f.values))
			for j, v := range f.values {
				foldedVals[i][j] = Fold(v)
			}
		}
		score := 0
		matched := make([]bool, len(fields))
		ok := true
		for _, term := range folded {
			best := 0
			for i, f := range fields {
				for _, v := range foldedVals[i] {
					if strings.Contains(v, term) {
						matched[i] = true
						best = max(best, f.weight)
					}
				}
			}
			if best == 0 {
				ok = false
				break
			}
			score += best
		}
		if !ok {
			continue
		}
		for i, f := range fields {
			if f.weight >= 8 && slices.Contains(foldedVals[i], whole) {
				score += 20
				break
			}
		}
		h := Hit{Ref: r, ID: k.IDOf(r), Name: k.NameOf(r), Score: score}
		for i, f := range fields {
			if matched[i] {
				h.Matched = append(h.Matched, f.name)
			}
		}
		hits = append(hits, h)
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.ID, b.ID))
	})
	return hits
}

func kindOrder(kind string) int {
	return slices.Index([]string{KindTheme, KindAgreement, KindCrisis, KindSDG}, kind)
}

// Event kinds of the timeline.
const (
	EventAdopted        = "adopted"
	EventEntryIntoForce = "entry-into-force"
	EventEUSigned       = "eu-signed"
	EventEUJoined       = "eu-joined"
	EventMilestone      = "milestone"
)

// Event is one dated happening in the life of an agreement.
type Event struct {
	Date      Date
	Kind      string
	Agreement int // index into Agreements
	ID        string
	Name      string
	Event     string
}

// Timeline returns the dated events of the given agreements whose year lies
// in [from, to] (0 = open), in date order, then by kind and id.
func (k *KB) Timeline(agreements []int, from, to int) []Event {
	var out []Event
	add := func(i int, d Date, kind, text string) {
		if d.IsZero() {
			return
		}
		y := d.Year()
		if (from != 0 && y < from) || (to != 0 && y > to) {
			return
		}
		a := &k.Agreements[i]
		out = append(out, Event{Date: d, Kind: kind, Agreement: i, ID: a.ID, Name: a.Name, Event: text})
	}
	for _, i := range agreements {
		a := &k.Agreements[i]
		adopted := a.Name + " " + adoptedVerb(a.Type)
		if a.AdoptedPlace != "" {
			adopted += " in " + a.AdoptedPlace
		}
		add(i, a.Adopted, EventAdopted, adopted)
		add(i, a.EntryIntoForce, EventEntryIntoForce, a.Name+" enters into force")
		add(i, a.EU.Signed, EventEUSigned, "the EU signs the "+a.Name)
		joined := "the EU joins the " + a.Name
		if a.EU.Instrument != "" {
			joined += " (" + a.EU.Instrument + ")"
		}
		add(i, a.EU.Joined, EventEUJoined, joined)
		for _, m := range a.Milestones {
			add(i, m.Date, EventMilestone, m.Event)
		}
	}
	order := []string{EventAdopted, EventEntryIntoForce, EventEUSigned, EventEUJoined, EventMilestone}
	slices.SortStableFunc(out, func(a, b Event) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(slices.Index(order, a.Kind), slices.Index(order, b.Kind)), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// adoptedVerb says what the adopted date means for each type of record.
func adoptedVerb(typ string) string {
	switch typ {
	case "partnership":
		return "launched"
	case "panel":
		return "established"
	case "conference":
		return "opens"
	case "negotiation":
		return "begins"
	}
	return "adopted"
}
