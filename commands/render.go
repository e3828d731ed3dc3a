package commands

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"envcoop/kb"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Output formats. Every command that prints records renders them here.
const (
	formatTable    = "table"
	formatTSV      = "tsv"
	formatJSON     = "json"
	formatNDJSON   = "ndjson"
	formatCSV      = "csv"
	formatMarkdown = "markdown"
	formatTOML     = "toml" // export only
)

func recordFormats() []string {
	return []string{formatTable, formatTSV, formatJSON, formatNDJSON, formatCSV, formatMarkdown}
}

// column is one column of a dataset.
type column struct {
	name   string
	header string
	group  string
}

// dataset is what every command hands to the renderer: named columns and rows
// of values (see fields.go for the value types).
type dataset struct {
	kind    string
	columns []column
	rows    [][]any
	// defaults are the columns a table or TSV shows without --fields.
	defaults []string
	// single marks the output of show for one id: JSON prints an object.
	single bool
}

// renderOptions come from the output flags.
type renderOptions struct {
	format string
	raw    bool // CSV: no formula neutralising
	width  int  // table: terminal width, 0 = unlimited
}

// recordsDataset builds a dataset of records of one kind, with all fields.
func recordsDataset(k *kb.KB, kind string, idx []int) *dataset {
	return recordsDatasetOf(k, kind, idx, nil)
}

// recordsDatasetOf builds a dataset with the fields keep names (all when
// keep is nil), so that a table of four columns does not compute forty.
func recordsDatasetOf(k *kb.KB, kind string, idx []int, keep map[string]bool) *dataset {
	all := kindFields(kind)
	if keep != nil {
		all = slices.DeleteFunc(all, func(f field) bool { return !keep[f.name] })
	}
	d := &dataset{kind: kind, defaults: defaultColumns(kind)}
	for _, f := range all {
		d.columns = append(d.columns, column{name: f.name, header: f.header, group: f.group})
	}
	for _, i := range idx {
		row := make([]any, len(all))
		for j, f := range all {
			row[j] = f.get(k, i)
		}
		d.rows = append(d.rows, row)
	}
	return d
}

// resolveColumns turns --fields names into column names; a group name
// ("eu", "xref") stands for all its columns, and "eu.status" for "eu_status".
func (d *dataset) resolveColumns(names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		var matched []string
		for _, c := range d.columns {
			if c.name == n || c.group == n || strings.ReplaceAll(n, ".", "_") == c.name {
				matched = append(matched, c.name)
			}
		}
		if len(matched) == 0 {
			valid := d.columnNames()
			return nil, usageErrorf("unknown field %q%s\nvalid fields: %s", n, didYouMean(n, valid), strings.Join(valid, ", "))
		}
		for _, m := range matched {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// outputColumns returns the columns to print: the --fields asked for, else
// the defaults for a table or TSV, else all of them.
func (d *dataset) outputColumns(fields []string, tabular bool) ([]string, error) {
	switch {
	case len(fields) > 0:
		return d.resolveColumns(fields)
	case tabular:
		return d.defaults, nil
	}
	return d.columnNames(), nil
}

func (d *dataset) columnNames() []string {
	out := make([]string, len(d.columns))
	for i, c := range d.columns {
		out[i] = c.name
	}
	return out
}

// sortBy orders rows by a column, numbers numerically, unknown values last;
// a leading "-" reverses the order. The sort is stable.
func (d *dataset) sortBy(spec string) error {
	desc := strings.HasPrefix(spec, "-")
	name := strings.TrimPrefix(spec, "-")
	cols, err := d.resolveColumns([]string{name})
	if err != nil {
		return err
	}
	if len(cols) != 1 {
		return usageErrorf("cannot sort by %q: it names %d fields", name, len(cols))
	}
	i := slices.Index(d.columnNames(), cols[0])
	slices.SortStableFunc(d.rows, func(a, b []any) int {
		x, y := scalar(a[i]), scalar(b[i])
		if x == nil || y == nil {
			switch {
			case x == nil && y == nil:
				return 0
			case x == nil:
				return 1
			}
			return -1
		}
		c := 0
		xi, xok := x.(int)
		yi, yok := y.(int)
		if xok && yok {
			c = cmp.Compare(xi, yi)
		} else {
			c = cmp.Compare(kb.Fold(textValue(a[i], ",")), kb.Fold(textValue(b[i], ",")))
		}
		if desc {
			return -c
		}
		return c
	})
	return nil
}

// render writes the dataset in the chosen format. Output is built in memory
// first, so a failure never leaves half a document behind.
func render(w io.Writer, d *dataset, opt renderOptions) error {
	var buf bytes.Buffer
	var err error
	switch opt.format {
	case formatJSON:
		err = renderJSON(&buf, d)
	case formatNDJSON:
		for _, row := range d.rows {
			if err = writeJSONObject(&buf, d.columns, row, ""); err != nil {
				break
			}
			buf.WriteByte('\n')
		}
	case formatCSV:
		err = renderCSV(&buf, d, opt.raw)
	case formatTSV:
		for _, row := range d.rows {
			for j, v := range row {
				if j > 0 {
					buf.WriteByte('\t')
				}
				buf.WriteString(Terminal(textValue(v, ", "), false))
			}
			buf.WriteByte('\n')
		}
	case formatTable:
		err = renderTable(&buf, d, opt.width, false)
	case formatMarkdown:
		err = renderTable(&buf, d, 0, true)
	default:
		return usageErrorf("unknown format %q (valid: %s)", opt.format, strings.Join(recordFormats(), ", "))
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func renderJSON(buf *bytes.Buffer, d *dataset) error {
	if d.single && len(d.rows) == 1 {
		if err := writeJSONObject(buf, d.columns, d.rows[0], "  "); err != nil {
			return err
		}
		buf.WriteByte('\n')
		return nil
	}
	if err := renderJSONAt(buf, d, ""); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}

// renderJSONAt writes the rows as an array nested at prefix, without a
// final newline.
func renderJSONAt(buf *bytes.Buffer, d *dataset, prefix string) error {
	if len(d.rows) == 0 {
		buf.WriteString("[]")
		return nil
	}
	buf.WriteString("[\n")
	for i, row := range d.rows {
		buf.WriteString(prefix + "  ")
		if err := writeJSONObjectAt(buf, d.columns, row, "  ", prefix+"  "); err != nil {
			return err
		}
		if i < len(d.rows)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString(prefix + "]")
	return nil
}

// writeJSONObject writes one row as an object; columns of a group are nested
// under the group's key, at the place of its first column.
func writeJSONObject(buf *bytes.Buffer, cols []column, row []any, indent string) error {
	return writeJSONObjectAt(buf, cols, row, indent, "")
}

// writeJSONObjectAt is writeJSONObject for an object nested at prefix.
func writeJSONObjectAt(buf *bytes.Buffer, cols []column, row []any, indent, prefix string) error {
	o := obj{}
	for i, c := range cols {
		if c.group == "" {
			o = append(o, kv{c.name, row[i]})
			continue
		}
		key := strings.TrimPrefix(c.name, c.group+"_")
		gi := slices.IndexFunc(o, func(x kv) bool { return x.key == c.group })
		if gi < 0 {
			o = append(o, kv{c.group, obj{}})
			gi = len(o) - 1
		}
		o[gi].val = append(o[gi].val.(obj), kv{key, row[i]})
	}
	return writeJSON(buf, o, indent, prefix)
}

func writeJSON(buf *bytes.Buffer, v any, indent, prefix string) error {
	nl := func(p string) {
		if indent != "" {
			buf.WriteByte('\n')
			buf.WriteString(p)
		}
	}
	sep := ":"
	if indent != "" {
		sep = ": "
	}
	switch t := v.(type) {
	case obj:
		if len(t) == 0 {
			buf.WriteString("{}")
			return nil
		}
		buf.WriteByte('{')
		for i, x := range t {
			if i > 0 {
				buf.WriteByte(',')
			}
			nl(prefix + indent)
			writeJSONString(buf, x.key)
			buf.WriteString(sep)
			if err := writeJSON(buf, x.val, indent, prefix+indent); err != nil {
				return err
			}
		}
		nl(prefix)
		buf.WriteByte('}')
		return nil
	case []obj:
		if len(t) == 0 {
			buf.WriteString("[]")
			return nil
		}
		buf.WriteByte('[')
		for i, x := range t {
			if i > 0 {
				buf.WriteByte(',')
			}
			nl(prefix + indent)
			if err := writeJSON(buf, x, indent, prefix+indent); err != nil {
				return err
			}
		}
		nl(prefix)
		buf.WriteByte(']')
		return nil
	case []string:
		buf.WriteByte('[')
		for i, s := range t {
			if i > 0 {
				buf.WriteByte(',')
				if indent != "" {
					buf.WriteByte(' ')
				}
			}
			writeJSONString(buf, s)
		}
		buf.WriteByte(']')
		return nil
	case []int:
		buf.WriteByte('[')
		for i, n := range t {
			if i > 0 {
				buf.WriteByte(',')
				if indent != "" {
					buf.WriteByte(' ')
				}
			}
			buf.WriteString(strconv.Itoa(n))
		}
		buf.WriteByte(']')
		return nil
	}
	switch s := scalar(v).(type) {
	case nil:
		buf.WriteString("null")
	case string:
		writeJSONString(buf, s)
	case int:
		buf.WriteString(strconv.Itoa(s))
	case bool:
		buf.WriteString(strconv.FormatBool(s))
	default:
		return fmt.Errorf("cannot write %T as JSON", v)
	}
	return nil
}

// writeJSONString writes s as a JSON string, escaped as encoding/json
// escapes it (without HTML escaping) and, beyond that, with DEL, C1 and
// bidirectional controls written as \uXXXX: the text decodes to exactly the
// same string, and a terminal shows it safely.
func writeJSONString(buf *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			buf.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				buf.WriteByte('\\')
				buf.WriteByte(c)
			case '\n':
				buf.WriteString(`\n`)
			case '\r':
				buf.WriteString(`\r`)
			case '\t':
				buf.WriteString(`\t`)
			default:
				buf.WriteString(`\u00`)
				buf.WriteByte(hex[c>>4])
				buf.WriteByte(hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf.WriteString(s[start:i])
			buf.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if isUnsafeRune(r) {
			buf.WriteString(s[start:i])
			fmt.Fprintf(buf, `\u%04x`, r)
			i += size
			start = i
			continue
		}
		i += size
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}

// scalar reduces a value to nil, string, int or bool. Empty strings and
// dates are unknown (nil).
func scalar(v any) any {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		if t == "" {
			return nil
		}
		return t
	case kb.Date:
		if t.IsZero() {
			return nil
		}
		return t.String()
	case int:
		return t
	case *int:
		if t == nil {
			return nil
		}
		return *t
	case bool:
		return t
	case *bool:
		if t == nil {
			return nil
		}
		return *t
	}
	return v
}

// textValue renders a value as text for tables, TSV and CSV: lists joined
// with sep, milestones as "date event", sources as their URLs.
func textValue(v any, sep string) string {
	switch t := v.(type) {
	case []string:
		return strings.Join(t, sep)
	case []int:
		s := make([]string, len(t))
		for i, n := range t {
			s[i] = strconv.Itoa(n)
		}
		return strings.Join(s, sep)
	case []obj:
		s := make([]string, len(t))
		for i, o := range t {
			s[i] = objText(o)
		}
		return strings.Join(s, sep)
	}
	switch s := scalar(v).(type) {
	case nil:
		return ""
	case string:
		return s
	case int:
		return strconv.Itoa(s)
	case bool:
		return strconv.FormatBool(s)
	}
	return fmt.Sprint(v)
}

func objText(o obj) string {
	var date, event, url string
	for _, x := range o {
		switch x.key {
		case "date":
			date = textValue(x.val, "")
		case "event":
			event = textValue(x.val, "")
		case "url":
			url = textValue(x.val, "")
		}
	}
	if url != "" {
		return url
	}
	return strings.TrimSpace(date + " " + event)
}

func renderCSV(buf *bytes.Buffer, d *dataset, raw bool) error {
	w := csv.NewWriter(buf)
	header := make([]string, len(d.columns))
	for i, c := range d.columns {
		header[i] = c.name
	}
	if err := w.Write(header); err != nil {
		return err
	}
	for _, row := range d.rows {
		rec := make([]string, len(row))
		for i, v := range row {
			s := normalizeCR(textValue(v, ";"))
			if !raw {
				s = csvSafe(s)
			}
			rec[i] = s
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

func normalizeCR(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

func renderTable(buf *bytes.Buffer, d *dataset, width int, markdown bool) error {
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
	}
	if markdown {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	} else {
		opts = append(opts, tablewriter.WithRendition(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Lines:      tw.Lines{ShowHeaderLine: tw.Off},
				Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off},
			},
		}))
	}
	header := make([]string, len(d.columns))
	for i, c := range d.columns {
		header[i] = c.header
	}
	rows := make([][]string, len(d.rows))
	for r, row := range d.rows {
		cells := make([]string, len(row)) // a new slice per row: Append keeps it
		for i, v := range row {
			s := Terminal(textValue(v, ", "), false)
			if markdown {
				s = strings.ReplaceAll(s, "|", `\|`)
			}
			cells[i] = s
		}
		rows[r] = cells
	}
	if !markdown && width > 0 {
		widths := fitColumns(header, rows, width)
		for _, cells := range rows {
			for i := range cells {
				cells[i] = strings.Join(wrapCell(cells[i], widths[i]), "\n")
			}
		}
	}
	for r, row := range d.rows { // search snippets, highlighted once wrapped
		for i, v := range row {
			if m, ok := v.(marked); ok && !markdown {
				rows[r][i] = m.highlight(rows[r][i])
			}
		}
	}
	var out bytes.Buffer
	t := tablewriter.NewTable(&out, opts...)
	t.Header(header)
	for _, cells := range rows {
		if err := t.Append(cells); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	for _, l := range strings.SplitAfter(out.String(), "\n") {
		if l == "" {
			continue
		}
		l = strings.TrimRight(l, " \n")
		if !markdown {
			l = strings.TrimPrefix(l, " ")
		}
		buf.WriteString(l)
		buf.WriteByte('\n')
	}
	return nil
}

// cellPad is what the borderless table adds around each column.
const cellPad = 2

// fitColumns chooses column widths that fit the table in width: columns
// keep their natural width when everything fits; otherwise the widest
// columns give way first, down to their header or longest word (at most 16).
func fitColumns(header []string, rows [][]string, width int) []int {
	n := len(header)
	natural := make([]int, n)
	minimum := make([]int, n)
	for i, h := range header {
		natural[i] = runewidth.StringWidth(h)
		minimum[i] = natural[i]
	}
	for _, cells := range rows {
		for i, c := range cells {
			natural[i] = max(natural[i], runewidth.StringWidth(c))
			for _, w := range strings.Fields(c) {
				minimum[i] = max(minimum[i], min(runewidth.StringWidth(w), 16))
			}
		}
	}
	widths := slices.Clone(natural)
	total := func() int {
		t := 0
		for _, w := range widths {
			t += w + cellPad
		}
		return t
	}
	for total() > width {
		widest := -1
		for i := range widths {
			if widths[i] > minimum[i] && (widest < 0 || widths[i] > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
	}
	return widths
}

// wrapCell breaks a cell into lines of at most width columns, at spaces
// where it can and inside a word where it must.
func wrapCell(s string, width int) []string {
	if width <= 0 || runewidth.StringWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	cur := ""
	flush := func() {
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
	}
	for _, w := range strings.Fields(s) {
		for runewidth.StringWidth(w) > width {
			flush()
			head := runewidth.Truncate(w, width, "")
			if head == "" {
				head = string([]rune(w)[:1])
			}
			lines = append(lines, head)
			w = w[len(head):]
		}
		switch {
		case cur == "":
			cur = w
		case runewidth.StringWidth(cur)+1+runewidth.StringWidth(w) <= width:
			cur += " " + w
		default:
			flush()
			cur = w
		}
	}
	flush()
	return lines
}

// keepColumns narrows a dataset to the named columns, in that order.
func (d *dataset) keepColumns(names []string) {
	var pick []int
	for _, n := range names {
		if i := slices.IndexFunc(d.columns, func(c column) bool { return c.name == n }); i >= 0 {
			pick = append(pick, i)
		}
	}
	cols := make([]column, len(pick))
	for j, i := range pick {
		cols[j] = d.columns[i]
	}
	for r, row := range d.rows {
		nr := make([]any, len(pick))
		for j, i := range pick {
			nr[j] = row[i]
		}
		d.rows[r] = nr
	}
	d.columns = cols
}
