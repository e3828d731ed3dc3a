package render

import "bytes"

// Document is what a command made of several parts prints (stats): for
// people, Sets one after the other (tables on a terminal, Markdown
// tables), a blank line between them; for programs, Object as one JSON
// document, and Flat, every record of the parts in one set, as TSV, CSV
// or NDJSON.
type Document struct {
	Sets   []*Set
	Object Object
	Flat   *Set
}

// Write writes the document in the format o asks for.
func (d *Document) Write(o Options) ([]byte, error) {
	switch o.Format {
	case Table, Markdown:
		var buf bytes.Buffer
		for i, s := range d.Sets {
			if i > 0 {
				buf.WriteByte('\n')
			}
			b, err := Records(s, o)
			if err != nil {
				return nil, err
			}
			buf.Write(b)
		}
		return buf.Bytes(), nil
	case JSON:
		return WriteJSON(d.Object), nil
	}
	return Records(d.Flat, o)
}

// Objects returns the records of a set as JSON objects, for a caller that
// builds a document of several parts (Document.Object).
func (s *Set) Objects() []Object { return objects(s) }
