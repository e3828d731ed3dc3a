package website

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"envcoop/kb"
)

// searchRecord is one record in the site's search index. Field values are
// folded (lower case, no accents) as kb.Fold folds them; search.js folds
// the query the same way and ranks as kb.Search does.
type searchRecord struct {
	Kind    string  `json:"kind"`
	ID      string  `json:"id"`
	Name    string  `json:"name"`            // as kb.Search breaks ties by it
	Label   string  `json:"label,omitempty"` // shown instead of Name: "SDG 6: Clean water and sanitation"
	URL     string  `json:"url"`
	Summary string  `json:"summary,omitempty"`
	Rank    int     `json:"rank"`   // importance: how many records refer to it
	Fields  [][]any `json:"fields"` // [name, weight, [folded values...]]
}

// summaryRunes is how much of a summary a search result shows.
const summaryRunes = 180

// searchIndexJS returns the search index as a script that defines the
// variable ENVCOOP_SEARCH, so that a page opened from file:// loads it with
// a <script> element (browsers refuse fetch() there). encoding/json escapes
// <, > and &, so no string of the data can end the script.
func searchIndexJS(k *kb.KB) ([]byte, error) {
	var recs []searchRecord
	importance := k.Importances()
	add := func(r kb.Ref, url, summary string) {
		rec := searchRecord{Kind: r.Kind, ID: k.IDOf(r), Name: k.NameOf(r), URL: url, Summary: clip(summary, summaryRunes), Rank: importance(r)}
		for _, f := range k.SearchFields(r) {
			vals := make([]string, 0, len(f.Values))
			for _, v := range f.Values {
				if v != "" {
					vals = append(vals, kb.Fold(v))
				}
			}
			rec.Fields = append(rec.Fields, []any{f.Name, f.Weight, vals})
		}
		recs = append(recs, rec)
	}
	for i, t := range k.Themes {
		add(kb.Ref{Kind: kb.KindTheme, Index: i}, ThemePath(t.ID), t.Summary)
	}
	for i, a := range k.Agreements {
		add(kb.Ref{Kind: kb.KindAgreement, Index: i}, AgreementPath(a.ID), a.Summary)
	}
	for i, c := range k.Crises {
		add(kb.Ref{Kind: kb.KindCrisis, Index: i}, CrisisPath(c.ID), c.Summary)
	}
	for i, g := range k.SDGs {
		r := kb.Ref{Kind: kb.KindSDG, Index: i}
		add(r, SDGPath(g.Number), "")
		recs[len(recs)-1].Label = "SDG " + strings.TrimPrefix(g.ID(), "sdg-") + ": " + g.Name
	}
	data, err := json.Marshal(map[string]any{"records": recs})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("// The search index of this site, written by envcoop site; search.js reads it.\n")
	buf.WriteString("var ENVCOOP_SEARCH = ")
	buf.Write(data)
	buf.WriteString(";\n")
	return buf.Bytes(), nil
}

// clip shortens s to at most n runes, at a space where it can.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}
