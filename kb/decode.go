package kb

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
)

// Decode parses one input into a partial knowledge base. Syntax errors come
// back as *SyntaxError; wrong types, unknown keys and bad values as Problems,
// all of them, sorted. Decode never panics, whatever the bytes.
func Decode(in Input) (*KB, error) {
	k, ps, err := decode(in)
	if err != nil {
		return nil, err
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return k, nil
}

// decode is Decode that returns the records it could read beside the
// problems it found in them, so that validation can report its own problems
// of the same file too. Only a syntax error (or a file over the scan's
// limits) returns no records.
func decode(in Input) (k *KB, ps Problems, err error) {
	defer func() {
		if r := recover(); r != nil {
			k, ps, err = nil, nil, &SyntaxError{File: in.Name, Line: 1, Col: 1, Message: fmt.Sprintf("cannot decode: %v", r)}
		}
	}()
	data := bytes.TrimPrefix(in.Data, []byte("\xef\xbb\xbf"))
	sc, err := scan(data)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			se.File = in.Name
			se.Context = contextLine(data, se.Line, se.Col)
		}
		return nil, nil, err
	}
	pieces := cut(data, sc)
	// The fast path writes every piece's records straight into tables
	// sized for the whole file; a piece it gives up on is decoded apart.
	dest := destFor(sc)
	parts := make([]*KB, len(pieces))
	probs := make([]Problems, len(pieces))
	errs := make([]error, len(pieces))
	var wg sync.WaitGroup
	for i := range pieces {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					errs[i] = &SyntaxError{File: in.Name, Line: pieces[i].line, Col: 1, Message: fmt.Sprintf("cannot decode: %v", r)}
				}
			}()
			if fastDecode(in.Name, pieces[i], sc, dest) {
				return // parts[i] stays nil: its records are in dest
			}
			parts[i], probs[i], errs[i] = pieces[i].decodeTOML(in.Name, data, sc)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err // the first piece's error is the file's first
		}
	}
	k = dest
	if slices.ContainsFunc(parts, func(p *KB) bool { return p != nil }) {
		// some pieces took the TOML decoder's path: their records, and the
		// fast pieces' from dest, in file order
		for i := range parts {
			if parts[i] == nil {
				parts[i] = pieces[i].of(dest)
			}
		}
		k = Merge(parts...)
	}
	for _, p := range probs {
		ps = append(ps, p...)
	}
	ps.Sort()
	return k, ps, nil
}

// piece is a part of a file that decodes on its own: the file cut just
// before top-level [[table]] headers.
type piece struct {
	data  []byte
	line  int            // the file's line where the piece starts
	first map[string]int // index in its table of the piece's first entry of each table
	count map[string]int // entries of each table in the piece, as far as the scan saw them
}

// minPiece is the least a piece holds: below it, another goroutine costs
// more than it saves.
const minPiece = 1 << 20

// cut splits data into at most GOMAXPROCS pieces of about the same size.
func cut(data []byte, sc *scanned) []piece {
	n := min(runtime.GOMAXPROCS(0), len(data)/minPiece)
	if n < 2 || len(sc.cuts) < 2 {
		count := map[string]int{}
		for t, rs := range sc.records {
			count[t] = len(rs)
		}
		return []piece{{data: data, line: 1, first: map[string]int{}, count: count}}
	}
	var out []piece
	start, line := 0, 1
	counts, startCounts := map[string]int{}, map[string]int{}
	next := 0 // index into sc.cuts
	for p := 1; p < n; p++ {
		want := len(data) * p / n
		for next < len(sc.cuts) && sc.cuts[next] < want {
			counts[sc.cutTables[next]]++
			next++
		}
		if next >= len(sc.cuts) || sc.cuts[next] <= start {
			continue
		}
		end := sc.cuts[next]
		out = append(out, piece{data: data[start:end], line: line, first: startCounts, count: diff(counts, startCounts)})
		line += bytes.Count(data[start:end], []byte("\n"))
		start, startCounts = end, clone(counts)
	}
	for ; next < len(sc.cuts); next++ {
		counts[sc.cutTables[next]]++
	}
	return append(out, piece{data: data[start:], line: line, first: startCounts, count: diff(counts, startCounts)})
}

func diff(a, b map[string]int) map[string]int {
	d := make(map[string]int, len(a))
	for k, v := range a {
		d[k] = v - b[k]
	}
	return d
}

func clone(m map[string]int) map[string]int {
	c := make(map[string]int, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// destFor returns tables with a place for every record the scan saw.
func destFor(sc *scanned) *KB {
	n := func(t string) int { return len(sc.records[t]) }
	return &KB{
		Themes:     sized[Theme](n("themes"))[:n("themes")],
		Agreements: sized[Agreement](n("agreements"))[:n("agreements")],
		Crises:     sized[Crisis](n("crises"))[:n("crises")],
		SDGs:       sized[SDG](n("sdgs"))[:n("sdgs")],
	}
}

// of returns the piece's records in dest, where the fast path put them.
func (p piece) of(dest *KB) *KB {
	return &KB{
		Themes:     dest.Themes[p.first["themes"] : p.first["themes"]+p.count["themes"]],
		Agreements: dest.Agreements[p.first["agreements"] : p.first["agreements"]+p.count["agreements"]],
		Crises:     dest.Crises[p.first["crises"] : p.first["crises"]+p.count["crises"]],
		SDGs:       dest.SDGs[p.first["sdgs"] : p.first["sdgs"]+p.count["sdgs"]],
	}
}

// decodeTOML decodes the piece with the TOML decoder, which reports every
// problem; the fast path gives up on anything it does not handle.
func (p piece) decodeTOML(file string, whole []byte, sc *scanned) (*KB, Problems, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(p.data), &raw); err != nil {
		return nil, nil, syntaxError(file, whole, p.line-1, err)
	}
	d := &fileDecoder{file: file, sc: sc, first: p.first}
	k := d.decode(raw)
	return k, d.problems, nil
}

// syntaxError turns the decoder's error into a *SyntaxError; offset is the
// number of lines of data before the piece that was decoded.
func syntaxError(file string, data []byte, offset int, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &SyntaxError{File: file, Line: offset + 1, Col: 1, Message: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	// v1.6.0 reports line 0 for some errors at the end of the input.
	line, col := offset+max(pe.Position.Line, 1), max(pe.Position.Col, 1)
	// At the end of a line the decoder may report the next line: point at
	// the line that has the column.
	lines := bytes.Split(data, []byte("\n"))
	if line > 1 && line <= len(lines) && col > len(bytes.TrimRight(lines[line-1], "\r"))+1 && col <= len(lines[line-2])+1 {
		line--
	}
	msg := strings.ReplaceAll(pe.Message, "\n", `\n`)
	if strings.Contains(msg, "hexadecimal digits after") {
		msg += " (in a Windows path, use / or a 'literal string')"
	}
	return &SyntaxError{File: file, Line: line, Col: col, Message: msg, Context: contextLine(data, line, col)}
}

// contextLine returns line n of data, cropped around col, and a caret.
func contextLine(data []byte, n, col int) string {
	lines := bytes.Split(data, []byte("\n"))
	if n < 1 || n > len(lines) {
		return ""
	}
	l := strings.TrimRight(string(lines[n-1]), "\r")
	const width = 100
	start := 0
	if col > width {
		start = col - width/2
	}
	start = min(start, len(l))
	end := min(len(l), start+width)
	// keep the crop on rune boundaries
	for start > 0 && start < len(l) && !utf8Start(l[start]) {
		start--
	}
	for end < len(l) && end > start && !utf8Start(l[end]) {
		end--
	}
	snippet := l[start:end]
	caret := max(col-1-start, 0)
	caret = min(caret, len(snippet))
	pad := make([]byte, 0, caret)
	for _, c := range []byte(snippet[:caret]) {
		if c == '\t' {
			pad = append(pad, '\t')
		} else if utf8Start(c) {
			pad = append(pad, ' ')
		}
	}
	prefix := fmt.Sprintf("%5d | ", n)
	return prefix + snippet + "\n" + strings.Repeat(" ", len(prefix)) + string(pad) + "^"
}

func utf8Start(c byte) bool { return c&0xC0 != 0x80 }

// fileDecoder turns the generic decoded TOML of one file into records,
// collecting every problem with the entry and the line the scan found for it
// (the decoder's own positions are unreliable inside [[arrays]]).
type fileDecoder struct {
	file     string
	sc       *scanned
	first    map[string]int // index in the file of this piece's first entry of each table
	problems Problems
}

func (d *fileDecoder) decode(raw map[string]any) *KB {
	kb := &KB{}
	schemas := Schemas()
	known := make([]string, len(schemas))
	for i, s := range schemas {
		known[i] = s.Plural
	}
	for _, key := range sortedKeys(raw) {
		if !slices.Contains(known, key) {
			d.add(Problem{Line: d.sc.top[key], Message: unknownKey(key, known, "table")})
		}
	}
	for _, s := range schemas {
		v, ok := raw[s.Plural]
		if !ok {
			continue
		}
		entries, ok := tableArray(v)
		if !ok {
			d.add(Problem{Line: d.sc.top[s.Plural], Message: fmt.Sprintf("%q must be an array of tables: write [[%s]] before each %s", s.Plural, s.Plural, s.Kind)})
			continue
		}
		for j, m := range entries {
			i := d.first[s.Plural] + j
			pos := d.sc.pos(d.file, s.Plural, i)
			e := &entry{d: d, pos: pos, kind: s.Kind, index: i, m: m, used: map[string]bool{}}
			if id, ok := m["id"].(string); ok {
				e.id = id
			}
			if n, ok := m["number"].(int64); ok && s.Kind == KindSDG {
				e.id = sdgID(int(n))
			}
			decodeRecord(s, e, s.add(kb, pos))
			e.finish()
		}
	}
	return kb
}

// decodeRecord sets the fields of rec that the schema reads from TOML: the
// record's own keys, then each group's table ([agreements.eu]).
func decodeRecord(s Schema, e *entry, rec any) {
	for _, f := range s.Fields {
		if !f.Derived && f.Group == "" {
			f.set(rec, e)
		}
	}
	for _, g := range s.groups() {
		sub := e.subtable(g)
		if sub == nil {
			continue
		}
		for _, f := range s.Fields {
			if f.Group == g {
				f.set(rec, sub)
			}
		}
		sub.finish()
	}
}

func (d *fileDecoder) add(p Problem) {
	p.File = d.file
	d.problems = append(d.problems, p)
}

// entry decodes one table (a record, or a table inside one) and remembers
// which keys it read, so every other key is reported as unknown.
type entry struct {
	d      *fileDecoder
	pos    Pos    // the record's
	kind   string // "agreement"
	index  int
	id     string
	sub    string // "eu", "milestones", ... for a nested table
	subIdx int    // index within an array of nested tables, or -1
	m      map[string]any
	used   map[string]bool
}

func (e *entry) label() string {
	if e.id != "" {
		return fmt.Sprintf("%s #%d %q", e.kind, e.index+1, e.id)
	}
	return fmt.Sprintf("%s #%d", e.kind, e.index+1)
}

func (e *entry) keyName(key string) string {
	switch {
	case e.sub == "":
		return key
	case e.subIdx >= 0:
		return fmt.Sprintf("%s[%d].%s", e.sub, e.subIdx+1, key)
	}
	return e.sub + "." + key
}

func (e *entry) problem(key, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if key != "" {
		msg = e.keyName(key) + ": " + msg
	}
	e.d.add(Problem{Line: e.pos.LineOf(e.keyName(key)), Entry: e.label(), Message: msg})
}

func (e *entry) get(key string) (any, bool) {
	e.used[key] = true
	v, ok := e.m[key]
	return v, ok
}

func (e *entry) str(key string) string {
	v, ok := e.get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		e.problem(key, "want a string, got %s", tomlTypeName(v))
		return ""
	}
	return normalizeNewlines(s)
}

func (e *entry) strs(key string) []string {
	v, ok := e.get(key)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		e.problem(key, "want an array of strings, got %s", tomlTypeName(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			e.problem(key, "item %d: want a string, got %s", i+1, tomlTypeName(x))
			continue
		}
		out = append(out, normalizeNewlines(s))
	}
	return out
}

func (e *entry) ints(key string) []int {
	v, ok := e.get(key)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		e.problem(key, "want an array of integers, got %s", tomlTypeName(v))
		return nil
	}
	out := make([]int, 0, len(list))
	for i, x := range list {
		n, ok := x.(int64)
		if !ok {
			e.problem(key, "item %d: want an integer, got %s", i+1, tomlTypeName(x))
			continue
		}
		if n < 0 || n > math.MaxInt32 {
			e.problem(key, "item %d: %d is out of range", i+1, n)
			continue
		}
		out = append(out, int(n))
	}
	return out
}

// count reads a non-negative integer.
func (e *entry) count(key string) *int {
	v, ok := e.get(key)
	if !ok {
		return nil
	}
	n, ok := v.(int64)
	if !ok {
		e.problem(key, "want an integer, got %s", tomlTypeName(v))
		return nil
	}
	if n < 0 || n > math.MaxInt32 {
		e.problem(key, "%d is out of range (want 0 or more)", n)
		return nil
	}
	i := int(n)
	return &i
}

func (e *entry) boolp(key string) *bool {
	v, ok := e.get(key)
	if !ok {
		return nil
	}
	b, ok := v.(bool)
	if !ok {
		e.problem(key, "want true or false, got %s", tomlTypeName(v))
		return nil
	}
	return &b
}

func (e *entry) date(key string) Date {
	v, ok := e.get(key)
	if !ok {
		return ""
	}
	d, err := dateFromTOML(v)
	if err != nil {
		e.problem(key, "%v", err)
		return ""
	}
	return d
}

func (e *entry) subtable(key string) *entry {
	v, ok := e.get(key)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		e.problem(key, "want a table ([%s.%s]), got %s", e.pos.Table, key, tomlTypeName(v))
		return nil
	}
	return &entry{d: e.d, pos: e.pos, kind: e.kind, index: e.index, id: e.id, sub: key, subIdx: -1, m: m, used: map[string]bool{}}
}

func (e *entry) tables(key string) []*entry {
	v, ok := e.get(key)
	if !ok {
		return nil
	}
	list, ok := tableArray(v)
	if !ok {
		e.problem(key, "want an array of tables ([[%s.%s]]), got %s", e.pos.Table, key, tomlTypeName(v))
		return nil
	}
	out := make([]*entry, len(list))
	for i, m := range list {
		out[i] = &entry{d: e.d, pos: e.pos, kind: e.kind, index: e.index, id: e.id, sub: key, subIdx: i, m: m, used: map[string]bool{}}
	}
	return out
}

// finish reports every key the entry did not read. Keys are matched exactly:
// a case variant such as "Name" is unknown.
func (e *entry) finish() {
	var allowed []string
	for k := range e.used {
		allowed = append(allowed, k)
	}
	slices.Sort(allowed)
	for _, k := range sortedKeys(e.m) {
		if e.used[k] {
			continue
		}
		msg := unknownKey(e.keyName(k), allowed, "key")
		if i := slices.IndexFunc(allowed, func(a string) bool { return strings.EqualFold(a, k) }); i >= 0 {
			msg = fmt.Sprintf("unknown key %q (keys are case-sensitive: did you mean %q?)", e.keyName(k), allowed[i])
		}
		e.d.add(Problem{Line: e.pos.LineOf(e.keyName(k)), Entry: e.label(), Message: msg})
	}
}

func unknownKey(key string, allowed []string, what string) string {
	base := key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		base = key[i+1:]
	}
	msg := fmt.Sprintf("unknown %s %q", what, key)
	if s := Closest(base, allowed); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	return msg
}

func tableArray(v any) ([]map[string]any, bool) {
	switch t := v.(type) {
	case []map[string]any:
		return t, true
	case []any:
		out := make([]map[string]any, 0, len(t))
		for _, x := range t {
			m, ok := x.(map[string]any)
			if !ok {
				return nil, false
			}
			out = append(out, m)
		}
		return out, true
	}
	return nil, false
}

func tomlTypeName(v any) string {
	switch t := v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return "a non-finite float"
		}
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		switch t.Location().String() {
		case "date-local":
			return "a date"
		case "time-local":
			return "a time"
		case "datetime-local":
			return "a local date-time"
		}
		return "a date-time with offset"
	case []any:
		return "an array"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
