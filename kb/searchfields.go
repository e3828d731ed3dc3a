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
	fs := k.searchFields(r)
	out := make([]SearchField, len(fs))
	for i, f := range fs {
		out[i] = SearchField{Name: f.name, Weight: f.weight, Values: f.values}
	}
	return out
}
