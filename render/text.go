package render

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"unicode/utf8"
)

// List separators. Each text format separates the items of a list with its
// own separator and escapes, inside an item, that separator and the
// backslash with a backslash (\; \, \\), so a list cell always splits back
// into its items.
const (
	SepTSV      = ";"  // TSV and CSV
	SepTable    = ", " // table and Markdown
	sepEscTSV   = ';'
	sepEscTable = ','
)

// escapeItem escapes the separator and the backslash in one list item.
func escapeItem(s string, sep byte) string {
	if strings.IndexByte(s, sep) < 0 && strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == sep || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// SplitList splits a list cell written with separator sep (SepTSV or
// SepTable) back into its items, undoing the item escapes.
func SplitList(cell, sep string) []string {
	if cell == "" {
		return nil
	}
	var out []string
	var cur strings.Builder
	for i := 0; i < len(cell); i++ {
		switch {
		case cell[i] == '\\' && i+1 < len(cell) && (cell[i+1] == '\\' || cell[i+1] == sep[0]):
			cur.WriteByte(cell[i+1])
			i++
		case strings.HasPrefix(cell[i:], sep):
			out = append(out, cur.String())
			cur.Reset()
			i += len(sep) - 1
		default:
			cur.WriteByte(cell[i])
		}
	}
	return append(out, cur.String())
}

// text returns a value as text: a list's items, escaped, joined by sep; a
// record in a list as its Text columns joined by a space.
func text(v any, c Column, sep string, esc byte) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case Marked:
		return t.Text
	case int:
		return strconv.Itoa(t)
	case bool:
		return strconv.FormatBool(t)
	case []string:
		items := make([]string, len(t))
		for i, s := range t {
			items[i] = escapeItem(s, esc)
		}
		return strings.Join(items, sep)
	case []int:
		items := make([]string, len(t))
		for i, n := range t {
			items[i] = strconv.Itoa(n)
		}
		return strings.Join(items, sep)
	case []Row:
		items := make([]string, len(t))
		for i, r := range t {
			var parts []string
			for j, sc := range c.Sub {
				if s := text(r[j], sc, "", 0); sc.Text && s != "" {
					parts = append(parts, s)
				}
			}
			items[i] = escapeItem(strings.Join(parts, " "), esc)
		}
		return strings.Join(items, sep)
	}
	return ""
}

// tsvCell escapes a TSV cell: the backslash, tab, newline and carriage
// return as \\ \t \n \r, other control characters as Terminal shows them.
func tsvCell(s string) string {
	if strings.IndexByte(s, '\\') >= 0 {
		s = strings.ReplaceAll(s, `\`, `\\`)
	}
	return Terminal(s, false)
}

func writeTSV(buf *bytes.Buffer, s *Set, o Options) {
	if o.Header {
		for i, c := range s.Columns {
			if i > 0 {
				buf.WriteByte('\t')
			}
			buf.WriteString(c.Name)
		}
		buf.WriteByte('\n')
	}
	for _, r := range s.Rows {
		for i, c := range s.Columns {
			if i > 0 {
				buf.WriteByte('\t')
			}
			if c.List {
				// items are escaped first, so their backslashes are doubled once
				buf.WriteString(Terminal(text(r[i], c, SepTSV, sepEscTSV), false))
			} else {
				buf.WriteString(tsvCell(text(r[i], c, "", 0)))
			}
		}
		buf.WriteByte('\n')
	}
}

func writeCSV(buf *bytes.Buffer, s *Set, o Options) error {
	w := csv.NewWriter(buf)
	if !o.NoHeader {
		header := make([]string, len(s.Columns))
		for i, c := range s.Columns {
			header[i] = c.Name
		}
		if err := w.Write(header); err != nil {
			return err
		}
	}
	for _, r := range s.Rows {
		rec := make([]string, len(r))
		for i, c := range s.Columns {
			v := strings.ReplaceAll(text(r[i], c, SepTSV, sepEscTSV), "\r\n", "\n")
			if !o.Raw {
				v = CSVSafe(v)
			}
			rec[i] = v
		}
		if len(rec) == 1 && rec[0] == "" {
			// encoding/csv writes an empty line, which readers skip
			w.Flush()
			buf.WriteString("\"\"\n")
			continue
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// writeMarkdown writes a GitHub-flavoured Markdown table, a line per
// record, unpadded, so that time and memory stay linear in the output.
func writeMarkdown(buf *bytes.Buffer, s *Set) {
	cell := func(v string) {
		buf.WriteString(" ")
		buf.WriteString(strings.ReplaceAll(Terminal(v, false), "|", `\|`))
		buf.WriteString(" |")
	}
	buf.WriteString("|")
	for _, c := range s.Columns {
		cell(c.Header())
	}
	buf.WriteString("\n|")
	for range s.Columns {
		buf.WriteString(" --- |")
	}
	buf.WriteByte('\n')
	for _, r := range s.Rows {
		buf.WriteString("|")
		for i, c := range s.Columns {
			cell(text(r[i], c, SepTable, sepEscTable))
		}
		buf.WriteByte('\n')
	}
}

// CSVSafe neutralises a cell that a spreadsheet may evaluate as a formula,
// by prefixing an apostrophe: a cell that starts with =, +, -, @, their
// full-width or small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣), a tab, a carriage return,
// a line feed, a vertical tab, a form feed or NUL, or with spaces or
// no-break spaces before any of those. A plain number such as -5 or +3.2 is
// left alone.
func CSVSafe(s string) string {
	if s == "" {
		return s
	}
	t := strings.TrimLeft(s, " \u00a0\u2007\u202f\u3000")
	if t == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case '=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '\t', '\r', '\n', '\v', '\f', 0:
		if t == s && isNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if s[0] == '-' || s[0] == '+' {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}
