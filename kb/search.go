package kb

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// Hit is one search result.
type Hit struct {
	Ref
	ID      string
	Name    string
	Score   int
	Matched []string // fields that matched at least one term, in field order
	// Snippet is the text around the best match outside the id and name
	// (or the name), and Marks the byte ranges of Snippet that matched.
	Snippet string
	Marks   [][2]int
}

type searchField struct {
	name   string
	weight int
	values []string
}

// searchFields returns the values of the fields the schema marks for
// search (Field.Search), the heaviest first: a term found in an id, a name
// or an alias ranks above one in a full name, above a summary, above a
// milestone or a source's title.
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
	slices.SortStableFunc(out, func(a, b searchField) int { return b.weight - a.weight })
	return out
}

// queryTerms splits a query into folded terms. An argument with spaces in
// it (quoted in the shell) is one phrase, and so is text between double
// quotes: "paris agreement" matches those words together.
func queryTerms(args []string) []string {
	var out []string
	for _, a := range args {
		a = Fold(a)
		if !strings.Contains(a, `"`) && len(strings.Fields(a)) > 1 {
			out = append(out, strings.Join(strings.Fields(a), " "))
			continue
		}
		for i, part := range strings.Split(a, `"`) {
			if i%2 == 1 { // inside quotes
				if p := strings.Join(strings.Fields(part), " "); p != "" {
					out = append(out, p)
				}
				continue
			}
			out = append(out, strings.Fields(part)...)
		}
	}
	return out
}

// Search finds the records where every term occurs, in any field searched
// (case- and accent-insensitively, as part of a word or more). A term of
// five letters or more that occurs nowhere also matches words one edit
// away (two from eight letters): "mercurry" finds mercury.
//
// Ranking: each term scores the weight of the best field it occurs in,
// and each field that matched adds its weight, so that more terms in
// better fields, and more fields, rank higher; the whole query equal to an
// id, name or alias adds 20. Equal scores are ordered by importance (how
// many records refer to the record: a convention's protocols, a theme's
// agreements), then by name.
func (k *KB) Search(args []string) []Hit {
	terms := queryTerms(args)
	if len(terms) == 0 {
		return nil
	}
	whole := strings.Join(terms, " ")
	refs := k.refs()
	schemas := map[string]Schema{}
	for _, s := range Schemas() {
		schemas[s.Kind] = s
	}
	folded := make([][][]string, len(refs))
	fields := make([][]searchField, len(refs))
	found := make([]bool, len(terms)) // the term occurs somewhere as typed
	for n, r := range refs {
		fields[n] = k.searchFields(schemas[r.Kind], r)
		folded[n] = make([][]string, len(fields[n]))
		for i, f := range fields[n] {
			folded[n][i] = make([]string, len(f.values))
			for j, v := range f.values {
				folded[n][i][j] = Fold(v)
				for t, term := range terms {
					found[t] = found[t] || strings.Contains(folded[n][i][j], term)
				}
			}
		}
	}
	// how a term matches a value: as typed, or for a long term that occurs
	// nowhere, within its typo budget of some word
	match := func(t int, v string) bool {
		if found[t] {
			return strings.Contains(v, terms[t])
		}
		return fuzzyWord(terms[t], v) != ""
	}
	var hits []Hit
	for n, r := range refs {
		fs := fields[n]
		score := 0
		matched := make([]bool, len(fs))
		ok := true
		for t := range terms {
			best := 0
			for i, f := range fs {
				for _, v := range folded[n][i] {
					if f.weight > 0 && match(t, v) {
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
		h := Hit{Ref: r, ID: k.IDOf(r), Name: k.NameOf(r)}
		bonus := false
		for i, f := range fs {
			if !matched[i] {
				continue
			}
			score += f.weight
			h.Matched = append(h.Matched, f.name)
			bonus = bonus || f.weight >= weightAlias && slices.Contains(folded[n][i], whole)
		}
		if bonus {
			score += 20
		}
		h.Score = score
		h.Snippet, h.Marks = snippet(fs, folded[n], matched, terms, match)
		hits = append(hits, h)
	}
	importanceOf := k.importances()
	importance := make(map[Ref]int, len(hits))
	for _, h := range hits {
		importance[h.Ref] = importanceOf(h.Ref)
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(importance[b.Ref], importance[a.Ref]),
			cmp.Compare(Fold(a.Name), Fold(b.Name)), cmp.Compare(a.ID, b.ID))
	})
	return hits
}

// importances returns how many records refer to each record: the
// agreements of a theme, a crisis or an SDG; the protocols and amendments
// of an agreement. It counts them in one pass over the agreements.
func (k *KB) importances() func(Ref) int {
	children, themes, crises, sdgs := map[string]int{}, map[string]int{}, map[string]int{}, map[int]int{}
	for i := range k.Agreements {
		a := &k.Agreements[i]
		if a.Parent != "" {
			children[a.Parent]++
		}
		// validation refuses a value listed twice
		for _, t := range a.Themes {
			themes[t]++
		}
		for _, c := range a.Crises {
			crises[c]++
		}
		for _, n := range a.SDGs {
			sdgs[n]++
		}
	}
	return func(r Ref) int {
		switch r.Kind {
		case KindTheme:
			return themes[k.Themes[r.Index].ID]
		case KindAgreement:
			return children[k.Agreements[r.Index].ID]
		case KindCrisis:
			return crises[k.Crises[r.Index].ID]
		case KindSDG:
			return sdgs[k.SDGs[r.Index].Number]
		}
		return 0
	}
}

// fuzzyWord returns the word of v within term's typo budget, or "".
func fuzzyWord(term, v string) string {
	budget := typoBudget(len([]rune(term)))
	if budget == 0 || strings.Contains(term, " ") {
		return ""
	}
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if editDistance(term, w, budget) <= budget {
			return w
		}
	}
	return ""
}

// snippetField is the field a snippet comes from: the best one that
// matched, the id, name and aliases (which a hit shows, or repeat it) last.
func snippetField(fs []searchField, matched []bool) int {
	best := -1
	rank := func(i int) int {
		if fs[i].name == "id" || fs[i].name == "name" || fs[i].name == "aliases" {
			return fs[i].weight - 100
		}
		return fs[i].weight
	}
	for i := range fs {
		if matched[i] && (best < 0 || rank(i) > rank(best)) {
			best = i
		}
	}
	return best
}

// snippet returns the words around the first match in the best field, at
// most about snippetWidth characters, and where the terms are in it.
func snippet(fs []searchField, folded [][]string, matched []bool, terms []string, match func(int, string) bool) (string, [][2]int) {
	i := snippetField(fs, matched)
	if i < 0 {
		return "", nil
	}
	for j, v := range folded[i] {
		for t := range terms {
			if match(t, v) {
				return cutSnippet(fs[i].values[j], terms)
			}
		}
	}
	return "", nil
}

const snippetWidth = 80

// cutSnippet cuts text to the words around the first term it holds and
// marks every term in what is left.
func cutSnippet(text string, terms []string) (string, [][2]int) {
	text = strings.Join(strings.Fields(text), " ")
	f, orig := foldMap(text)
	var marks [][2]int
	for _, term := range terms {
		w := term
		if !strings.Contains(f, term) {
			if w = fuzzyWord(term, f); w == "" {
				continue
			}
		}
		for at := 0; ; {
			i := strings.Index(f[at:], w)
			if i < 0 {
				break
			}
			marks = append(marks, [2]int{orig[at+i], orig[at+i+len(w)]})
			at += i + len(w)
		}
	}
	slices.SortFunc(marks, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	start, end := 0, len(text)
	if len(text) > snippetWidth {
		first := 0
		if len(marks) > 0 {
			first = marks[0][0]
		}
		start = max(0, min(first-snippetWidth/3, len(text)-snippetWidth))
		if start > 0 {
			if sp := strings.IndexByte(text[start:], ' '); sp >= 0 && start+sp < first {
				start += sp + 1
			}
		}
		end = min(len(text), start+snippetWidth)
		if end < len(text) {
			if sp := strings.LastIndexByte(text[start:end], ' '); sp > 0 && start+sp > first {
				end = start + sp
			}
		}
	}
	out := text[start:end]
	shift := 0
	if start > 0 {
		out, shift = "…"+out, len("…")-start
	} else {
		shift = 0
	}
	if end < len(text) {
		out += "…"
	}
	var kept [][2]int
	for _, m := range marks {
		if m[0] >= start && m[1] <= end {
			kept = append(kept, [2]int{m[0] + shift, m[1] + shift})
		}
	}
	return out, kept
}

// foldMap folds s rune by rune and maps each byte of the folded text to the
// byte of s it came from (one more entry for the end).
func foldMap(s string) (string, []int) {
	var b strings.Builder
	var orig []int
	for i, r := range s {
		f := Fold(string(r))
		b.WriteString(f)
		for range len(f) {
			orig = append(orig, i)
		}
	}
	return b.String(), append(orig, len(s))
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
// in [from, to] (0 = open), in date order, then by kind and id. A milestone
// that tells again an event of the same agreement on the same day is merged
// into it (mergeSameDay).
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
	return mergeSameDay(out)
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
