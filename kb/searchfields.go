package kb

// SearchField is a field that Search looks in: its name, the weight a term
// found in it scores, and its values.
type SearchField struct {
	Name   string
	Weight int
	Values []string
}

// SearchFields returns the fields Search looks in for the record r, so that
// a search that runs elsewhere (the site's, in the browser) ranks as Search
// does.
func (k *KB) SearchFields(r Ref) []SearchField {
	s, ok := SchemaOf(r.Kind)
	if !ok {
		return nil
	}
	fs := k.searchFields(s, r)
	out := make([]SearchField, len(fs))
	for i, f := range fs {
		out[i] = SearchField{Name: f.name, Weight: f.weight, Values: f.values}
	}
	return out
}

// Importances returns, for any record, how many records refer to it (a
// theme's agreements, an agreement's protocols and amendments): Search
// orders equal scores by it. It counts them all once, when called.
func (k *KB) Importances() func(Ref) int { return k.importances() }
