package commands

import (
	"cmp"
	"slices"
	"strings"

	"envcoop/kb"
	"envcoop/render"
)

// The records a command prints are described by their kind's schema
// (kb.Schema); this file turns them into the renderer's sets.

// records returns pointers to the records of a kind at the given indexes.
func records(k *kb.KB, s kb.Schema, idx []int) []any {
	out := make([]any, len(idx))
	for i, j := range idx {
		out[i] = s.Record(k, j)
	}
	return out
}

// column describes a field to the renderer.
func column(f kb.Field) render.Column {
	c := render.Column{Name: f.Name, Group: f.Group, Key: f.Key, List: f.List(), Text: f.Required}
	switch {
	case f.Name == "id":
		c.Role = render.ID
	case f.Name == "status" || f.Name == "eu_status":
		c.Role = render.Status
	case f.Name == "snippet":
		c.Role = render.Highlight
	}
	for _, sf := range f.Fields {
		c.Sub = append(c.Sub, column(sf))
	}
	return c
}

// value turns a field's value into one the renderer knows: unknown values
// (empty strings, dates and counts) become nil.
func value(k *kb.KB, f kb.Field, rec any) any {
	switch v := f.Value(k, rec).(type) {
	case string:
		if v == "" {
			return nil
		}
		return v
	case kb.Date:
		if v.IsZero() {
			return nil
		}
		return v.String()
	case kb.Marked:
		if v.Text == "" {
			return nil
		}
		return render.Marked{Text: v.Text, Marks: v.Marks}
	case *int:
		if v == nil {
			return nil
		}
		return *v
	case *bool:
		if v == nil {
			return nil
		}
		return *v
	case []any:
		rows := make([]render.Row, len(v))
		for i, t := range v {
			row := make(render.Row, len(f.Fields))
			for j, sf := range f.Fields {
				row[j] = value(k, sf, t)
			}
			rows[i] = row
		}
		return rows
	case []string:
		if v == nil {
			return []string{}
		}
		return v
	case []int:
		if v == nil {
			return []int{}
		}
		return v
	default:
		return v
	}
}

// set builds the renderer's set of the given fields of recs.
func set(k *kb.KB, s kb.Schema, fields []kb.Field, recs []any) *render.Set {
	out := &render.Set{Kind: s.Kind, Plural: s.Plural}
	for _, f := range fields {
		out.Columns = append(out.Columns, column(f))
	}
	out.Rows = make([]render.Row, len(recs))
	for i, rec := range recs {
		row := make(render.Row, len(fields))
		for j, f := range fields {
			row[j] = value(k, f, rec)
		}
		out.Rows[i] = row
	}
	return out
}

// normalName reads a field name as a reader may write it, from a header or
// the data format: "ENTRY INTO FORCE", "entry-into-force", "eu.status".
func normalName(n string) string {
	n = strings.ToLower(strings.TrimSpace(n))
	return strings.NewReplacer(" ", "_", "-", "_", ".", "_").Replace(n)
}

// resolveFields turns --fields names into the schema's fields, in the order
// asked; a group name ("eu", "xref") stands for all its fields.
func resolveFields(s kb.Schema, names []string) ([]kb.Field, error) {
	var out []kb.Field
	for _, n := range names {
		want := normalName(n)
		var matched []kb.Field
		for _, f := range s.Fields {
			if f.Name == want || f.Group == want {
				matched = append(matched, f)
			}
		}
		if len(matched) == 0 {
			valid := fieldNames(s)
			return nil, usageErrorf("unknown field %q%s\nvalid fields: %s", n, didYouMean(want, valid), strings.Join(valid, ", "))
		}
		for _, m := range matched {
			if !slices.ContainsFunc(out, func(f kb.Field) bool { return f.Name == m.Name }) {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

func fieldNames(s kb.Schema) []string {
	out := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		out[i] = f.Name
	}
	return out
}

// outputFields returns the fields to print: those --fields asks for, else a
// table's default columns for the tabular formats, else all of them; a
// field only a table shows (kb.Field.TableOnly) is left out of the others.
func outputFields(s kb.Schema, o output) ([]kb.Field, error) {
	if len(o.fields) > 0 {
		return resolveFields(s, o.fields)
	}
	fields := s.Fields
	if render.Tabular(o.format) {
		var err error
		if fields, err = resolveFields(s, s.Columns()); err != nil {
			return nil, err
		}
	}
	if o.format != render.Table {
		fields = slices.DeleteFunc(slices.Clone(fields), func(f kb.Field) bool { return f.TableOnly })
	}
	return fields, nil
}

// sortRecords orders recs by a field, numbers numerically and text without
// regard to case or accents, unknown values last; a leading "-" reverses the
// order. The sort is stable.
func sortRecords(k *kb.KB, s kb.Schema, recs []any, spec string) error {
	desc := strings.HasPrefix(spec, "-")
	fs, err := resolveFields(s, []string{strings.TrimPrefix(spec, "-")})
	if err != nil {
		return err
	}
	if len(fs) != 1 {
		return usageErrorf("cannot sort by %q: it names %d fields", strings.TrimPrefix(spec, "-"), len(fs))
	}
	f := fs[0]
	type keyed struct {
		rec  any
		num  int
		text string
		none bool
	}
	ks := make([]keyed, len(recs))
	for i, rec := range recs {
		ks[i].rec = rec
		switch v := value(k, f, rec).(type) {
		case nil:
			ks[i].none = true
		case int:
			ks[i].num = v
		case bool:
			ks[i].text = map[bool]string{false: "0", true: "1"}[v]
		case string:
			ks[i].text = kb.Fold(v)
		case []string:
			if len(v) == 0 {
				ks[i].none = true
			}
			ks[i].text = kb.Fold(strings.Join(v, ","))
		case []int:
			if len(v) == 0 {
				ks[i].none = true
			} else {
				ks[i].num = v[0]
			}
		case []render.Row:
			ks[i].none = len(v) == 0
			ks[i].num = len(v)
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		switch {
		case a.none && b.none:
			return 0
		case a.none:
			return 1
		case b.none:
			return -1
		}
		c := cmp.Or(cmp.Compare(a.num, b.num), cmp.Compare(a.text, b.text))
		if desc {
			return -c
		}
		return c
	})
	for i := range ks {
		recs[i] = ks[i].rec
	}
	return nil
}

// view is the knowledge base a listing counts in: with a filter, only the
// matching agreements, so that a theme's agreement_count (and agreements)
// are those the filter keeps.
func view(k *kb.KB, f kb.Filter, filtered bool) *kb.KB {
	if !filtered {
		return k
	}
	v := &kb.KB{Themes: k.Themes, Crises: k.Crises, SDGs: k.SDGs}
	for _, i := range k.FilterAgreements(f) {
		v.Agreements = append(v.Agreements, k.Agreements[i])
	}
	return v
}

// listRecords prints records of one kind as the output flags ask: sorted,
// limited, with the fields asked for. Only the fields printed are computed.
func (s *state) listRecords(k *kb.KB, sch kb.Schema, recs []any, o output) error {
	fields, err := outputFields(sch, o)
	if err != nil {
		return err
	}
	if o.sort != "" {
		if err := sortRecords(k, sch, recs, o.sort); err != nil {
			return err
		}
	}
	if o.limit >= 0 && len(recs) > o.limit {
		recs = recs[:o.limit]
	}
	return s.print(set(k, sch, fields, recs), o)
}
