package kb

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// EncodeTOML writes the knowledge base in the data format, so that decoding
// the result gives back the same records. Unknown (empty) fields are left
// out. The schema says which keys each record has: its own keys first, then
// each group's table ([agreements.eu]), then its arrays of tables.
func EncodeTOML(k *KB) []byte {
	var e tomlWriter
	e.comment("envcoop knowledge base, written by 'envcoop export --format toml'")
	for _, s := range Schemas() {
		groups := s.groups()
		for i := 0; i < s.Len(k); i++ {
			rec := s.Record(k, i)
			e.header("[[" + s.Plural + "]]")
			for _, f := range s.Fields {
				if !f.Derived && f.Group == "" && f.Type != TypeTables {
					e.value(f.Key, f.Value(k, rec))
				}
			}
			for _, g := range groups {
				header := false
				for _, f := range s.Fields {
					if f.Group != g || isEmpty(f.Value(k, rec)) {
						continue
					}
					if !header {
						e.header("[" + s.Plural + "." + g + "]")
						header = true
					}
					e.value(f.Key, f.Value(k, rec))
				}
			}
			for _, f := range s.Fields {
				if f.Derived || f.Type != TypeTables {
					continue
				}
				for _, t := range f.Value(k, rec).([]any) {
					e.header("[[" + s.Plural + "." + f.Key + "]]")
					for _, sf := range f.Fields {
						e.value(sf.Key, sf.Value(k, t))
					}
				}
			}
		}
	}
	return e.buf.Bytes()
}

// isEmpty reports whether a field's value is unknown.
func isEmpty(v any) bool {
	switch t := v.(type) {
	case string:
		return t == ""
	case Date:
		return t.IsZero()
	case *int:
		return t == nil
	case *bool:
		return t == nil
	case []string:
		return len(t) == 0
	case []int:
		return len(t) == 0
	case []any:
		return len(t) == 0
	}
	return v == nil
}

type tomlWriter struct{ buf bytes.Buffer }

func (e *tomlWriter) comment(s string) { fmt.Fprintf(&e.buf, "# %s\n", s) }

func (e *tomlWriter) header(h string) { fmt.Fprintf(&e.buf, "\n%s\n", h) }

func (e *tomlWriter) line(key, val string) { fmt.Fprintf(&e.buf, "%s = %s\n", key, val) }

// value writes one key, unless its value is unknown.
func (e *tomlWriter) value(key string, v any) {
	if isEmpty(v) {
		return
	}
	switch t := v.(type) {
	case string:
		e.line(key, tomlString(t))
	case Date:
		// a full date as a TOML local date, a partial one as a string
		if len(t) == 10 {
			e.line(key, string(t))
		} else {
			e.line(key, tomlString(string(t)))
		}
	case int:
		e.line(key, strconv.Itoa(t))
	case *int:
		e.line(key, strconv.Itoa(*t))
	case *bool:
		e.line(key, strconv.FormatBool(*t))
	case []string:
		q := make([]string, len(t))
		for i, s := range t {
			q[i] = tomlString(s)
		}
		e.line(key, "["+strings.Join(q, ", ")+"]")
	case []int:
		q := make([]string, len(t))
		for i, n := range t {
			q[i] = strconv.Itoa(n)
		}
		e.line(key, "["+strings.Join(q, ", ")+"]")
	}
}

// tomlString quotes s as a TOML basic string. Control characters (C0, DEL,
// C1), bidirectional controls and the invisible separators IsUnsafeRune
// names are written as \uXXXX escapes: the file decodes to the same text,
// and neither a terminal nor an editor showing it can be fooled by them.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			if r < 0x20 || r == 0x7f || IsUnsafeRune(r) {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// IsUnsafeRune reports whether r is a character that must never reach a
// terminal or a text file raw: a C1 control (U+0080-U+009F, NEL among them),
// a bidirectional control (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069,
// U+061C), a line or paragraph separator (U+2028, U+2029) or a byte order
// mark (U+FEFF).
func IsUnsafeRune(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) ||
		(r >= 0x200e && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x061c || r == 0x2028 || r == 0x2029 || r == 0xfeff
}
