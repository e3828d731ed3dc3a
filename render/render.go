// Package render writes records in envcoop's output formats: table, TSV,
// JSON, NDJSON, CSV and Markdown. Commands hand it sets of records (named
// columns and rows of values); every format is written here, JSON in one
// place (writeJSON).
//
// Output is built in memory, so a failure never leaves half a document
// behind, and the caller decides where it goes (a pager, a file, stdout).
package render

import (
	"bytes"
	"fmt"
	"strings"
)

// Formats.
const (
	Table    = "table"
	TSV      = "tsv"
	JSON     = "json"
	NDJSON   = "ndjson"
	CSV      = "csv"
	Markdown = "markdown"
)

// Formats lists the formats of records, in documented order.
func Formats() []string { return []string{Table, TSV, JSON, NDJSON, CSV, Markdown} }

// Tabular reports whether a format shows a table's default columns.
func Tabular(format string) bool { return format == Table || format == TSV || format == Markdown }

// Role says what a column holds, for colour on a terminal.
type Role int

// Roles.
const (
	Plain     Role = iota
	ID             // an id: shown in colour
	Status         // a status: coloured by meaning
	Highlight      // Marked text: its marks shown in bold
)

// Marked is text with parts to highlight on a terminal (a search hit's
// snippet): Marks are byte ranges of Text. Everywhere else it is its Text.
type Marked struct {
	Text  string
	Marks [][2]int
}

// Column is one column of a set of records.
type Column struct {
	Name  string // "eu_status": the CSV and TSV header, and --fields
	Group string // "eu": JSON nests the column as {"eu": {"status": ...}}
	Key   string // the column's name within its group: "status"
	List  bool   // the values are lists
	Role  Role
	Sub   []Column // the columns of each item of a list of records
	// Text marks the columns of a list's records that its text shows
	// (milestones as "date event", sources as their URL).
	Text bool
}

// Header is the column's heading in a table: its name in upper case with
// "_" shown as a space.
func (c Column) Header() string { return strings.ToUpper(strings.ReplaceAll(c.Name, "_", " ")) }

// Row is one record: a value per column. A value is nil (unknown), string,
// Marked, int, bool, []string, []int or, for a column with Sub columns, []Row.
type Row []any

// Set is records of one kind.
type Set struct {
	Kind    string // "agreement"
	Plural  string // "agreements": the key of the set in a JSON envelope
	Columns []Column
	Rows    []Row
}

// Options say how to write.
type Options struct {
	Format   string
	Raw      bool // CSV: cells exactly as they are, no formula neutralising
	Header   bool // TSV: a header line
	NoHeader bool // CSV: no header line
	Width    int  // table: the terminal's width; 0: no limit
	Color    bool // table: colour headers, ids and statuses
	Object   bool // JSON: the set holds one record, written as an object
}

// Records writes one set in the chosen format.
func Records(s *Set, o Options) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(sizeHint(s, o.Format))
	switch o.Format {
	case JSON:
		if o.Object && len(s.Rows) == 1 {
			writeJSON(&buf, object(s.Columns, s.Rows[0]), "  ", "")
		} else {
			writeJSON(&buf, objects(s), "  ", "")
		}
		buf.WriteByte('\n')
	case NDJSON:
		for _, r := range s.Rows {
			writeJSON(&buf, object(s.Columns, r), "", "")
			buf.WriteByte('\n')
		}
	case CSV:
		if err := writeCSV(&buf, s, o); err != nil {
			return nil, err
		}
	case TSV:
		writeTSV(&buf, s, o)
	case Markdown:
		writeMarkdown(&buf, s)
	case Table:
		if err := writeTable(&buf, s, o); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unknown format %q", o.Format)
	}
	return buf.Bytes(), nil
}

// Envelope writes several sets as one document: in JSON an object with a
// key per set ({"themes": [...], ...}), or, with keyed false, one array of
// all their records; in NDJSON one stream whose objects each start with
// their "kind".
func Envelope(sets []*Set, keyed bool, o Options) ([]byte, error) {
	var buf bytes.Buffer
	n := 0
	for _, s := range sets {
		n += sizeHint(s, o.Format)
	}
	buf.Grow(n)
	switch o.Format {
	case JSON:
		if keyed {
			env := Object{}
			for _, s := range sets {
				env = append(env, Member{s.Plural, objects(s)})
			}
			writeJSON(&buf, env, "  ", "")
		} else {
			var all []Object
			for _, s := range sets {
				all = append(all, objects(s)...)
			}
			writeJSON(&buf, all, "  ", "")
		}
		buf.WriteByte('\n')
	case NDJSON:
		for _, s := range sets {
			for _, r := range s.Rows {
				writeJSON(&buf, append(Object{{"kind", s.Kind}}, object(s.Columns, r)...), "", "")
				buf.WriteByte('\n')
			}
		}
	default:
		return nil, fmt.Errorf("format %s holds one kind of record", o.Format)
	}
	return buf.Bytes(), nil
}

// Object is a JSON object whose members keep their order.
type Object []Member

// Member is one member of an Object.
type Member struct {
	Key   string
	Value any
}

// WriteJSON writes v, indented, with a final newline. v is built of
// Object, []Object, []any, []string, []int, string, int, bool and nil.
func WriteJSON(v any) []byte {
	var buf bytes.Buffer
	writeJSON(&buf, v, "  ", "")
	buf.WriteByte('\n')
	return buf.Bytes()
}

func objects(s *Set) []Object {
	out := make([]Object, len(s.Rows))
	for i, r := range s.Rows {
		out[i] = object(s.Columns, r)
	}
	return out
}

// object turns a row into a JSON object; the columns of a group are nested
// under the group's key, at the place of its first column.
func object(cols []Column, r Row) Object {
	o := make(Object, 0, len(cols))
	for i, c := range cols {
		v := r[i]
		if rows, ok := v.([]Row); ok {
			list := make([]Object, len(rows))
			for j, sub := range rows {
				list[j] = object(c.Sub, sub)
			}
			v = list
		}
		if c.List && v == nil {
			v = []string{}
		}
		if c.Group == "" {
			o = append(o, Member{c.Name, v})
			continue
		}
		gi := -1
		for j := range o {
			if o[j].Key == c.Group {
				gi = j
			}
		}
		if gi < 0 {
			o = append(o, Member{c.Group, Object{}})
			gi = len(o) - 1
		}
		o[gi].Value = append(o[gi].Value.(Object), Member{c.Key, v})
	}
	return o
}

// writeJSON is envcoop's one JSON writer. With an indent, objects and
// lists of objects take a line per member; lists of scalars stay on one line.
func writeJSON(buf *bytes.Buffer, v any, indent, prefix string) {
	nl := func(p string) {
		if indent != "" {
			buf.WriteByte('\n')
			buf.WriteString(p)
		}
	}
	list := func(n int, item func(int), multiline bool) {
		if n == 0 {
			buf.WriteString("[]")
			return
		}
		buf.WriteByte('[')
		for i := 0; i < n; i++ {
			if i > 0 {
				buf.WriteByte(',')
				if indent != "" && !multiline {
					buf.WriteByte(' ')
				}
			}
			if multiline {
				nl(prefix + indent)
			}
			item(i)
		}
		if multiline {
			nl(prefix)
		}
		buf.WriteByte(']')
	}
	switch t := v.(type) {
	case Object:
		if len(t) == 0 {
			buf.WriteString("{}")
			return
		}
		buf.WriteByte('{')
		for i, m := range t {
			if i > 0 {
				buf.WriteByte(',')
			}
			nl(prefix + indent)
			writeJSONString(buf, m.Key)
			buf.WriteByte(':')
			if indent != "" {
				buf.WriteByte(' ')
			}
			writeJSON(buf, m.Value, indent, prefix+indent)
		}
		nl(prefix)
		buf.WriteByte('}')
	case []Object:
		list(len(t), func(i int) { writeJSON(buf, t[i], indent, prefix+indent) }, true)
	case []any:
		multi := false
		for _, x := range t {
			switch x.(type) {
			case Object, []Object, []any:
				multi = true
			}
		}
		list(len(t), func(i int) { writeJSON(buf, t[i], indent, prefix+indent) }, multi)
	case []string:
		list(len(t), func(i int) { writeJSONString(buf, t[i]) }, false)
	case []int:
		list(len(t), func(i int) { fmt.Fprint(buf, t[i]) }, false)
	case string:
		writeJSONString(buf, t)
	case Marked:
		writeJSONString(buf, t.Text)
	case int:
		fmt.Fprint(buf, t)
	case bool:
		fmt.Fprint(buf, t)
	case nil:
		buf.WriteString("null")
	default:
		panic(fmt.Sprintf("render: cannot write %T as JSON", v))
	}
}

// sizeHint guesses how large a set is written in format: its text, and for
// each cell punctuation and, in JSON, its column's name. Output is written
// into memory first, and a buffer that starts near its final size is not
// copied at every doubling.
func sizeHint(s *Set, format string) int {
	n := 0
	json := format == JSON || format == NDJSON
	for _, r := range s.Rows {
		for i, v := range r {
			n += cellSize(v) + 3
			if json && i < len(s.Columns) {
				n += len(s.Columns[i].Name) + 8
			}
		}
	}
	return n + n/8
}

func cellSize(v any) int {
	switch t := v.(type) {
	case string:
		return len(t)
	case Marked:
		return len(t.Text)
	case []string:
		n := 0
		for _, s := range t {
			n += len(s) + 4
		}
		return n
	case []Row:
		n := 0
		for _, r := range t {
			for _, x := range r {
				n += cellSize(x) + 16
			}
		}
		return n
	}
	return 8
}
