package kb

import (
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The fast path decodes the TOML that data files are made of — record
// headers, bare keys, strings, integers, booleans, local dates and arrays of
// them — straight into records, without building the TOML decoder's maps.
// At the first thing it does not handle, or that could be a problem (a
// syntax error, an unknown or repeated key, a value of the wrong type, a
// string with a carriage return), it gives up and the piece is decoded by the
// TOML decoder, whose messages users get. So it never decides anything about
// validity: what it accepts decodes to exactly the records the TOML decoder
// would give (FuzzFastDecode holds it to that).
//
// Strings without escapes are not copied: they point into the input, which
// stays unchanged for as long as the records live.

type fastParser struct {
	s   []byte
	i   int
	err bool // gave up
}

// fastDecode decodes one piece into dest, whose tables have room for the
// whole file: the piece's entries go at their index in the file. It reads
// the keys each kind of record has from its schema, so a field declared
// there is read here too. It returns false when it gives up (dest then
// holds nothing it can be trusted for in the piece's places).
func fastDecode(file string, p piece, sc *scanned, dest *KB) bool {
	f := &fastParser{s: p.data}
	kinds := fastKinds()
	counts := map[string]int{}
	var cur *fastTable // the table whose keys come next
	var kind *fastKind // the kind of the current record
	var rec any        // the current record
	var sub fastTable  // a table inside it ([agreements.eu], [[agreements.sources]])
	for !f.err {
		f.skipLines()
		if f.i >= len(f.s) {
			break
		}
		if f.s[f.i] != '[' {
			if cur == nil {
				return false // keys outside a record
			}
			f.keyval(cur)
			continue
		}
		name, array := f.header()
		if f.err {
			break
		}
		table, inner, _ := strings.Cut(name, ".")
		switch k := kinds[table]; {
		case k != nil && array && inner == "":
			i := p.first[table] + counts[table]
			counts[table]++
			if i >= k.schema.Len(dest) {
				return false
			}
			kind, rec = k, k.schema.Record(dest, i)
			setPos(rec, sc.pos(file, table, i))
			kind.record.reset(rec)
			cur = &kind.record
		case k != nil && k == kind && inner != "" && !strings.Contains(inner, "."):
			if array {
				t, ok := kind.lists[inner]
				if !ok {
					return false
				}
				sub = fastTable{fields: t.Fields}
				sub.reset(t.push(rec))
			} else {
				g, ok := kind.groups[inner]
				if !ok || !kind.record.seen.once(inner) {
					return false
				}
				sub = fastTable{fields: g}
				sub.reset(rec)
			}
			cur = &sub
		default:
			return false
		}
		f.endLine()
	}
	if f.err {
		return false
	}
	for t, n := range counts {
		if n != p.count[t] {
			return false
		}
	}
	return true
}

// sized returns room for n records, or nil (as the TOML decoder's path
// leaves a table with no records).
func sized[T any](n int) []T {
	if n <= 0 {
		return nil
	}
	return make([]T, 0, n)
}

// fastKind is what the fast path knows of a kind of record, from its schema.
type fastKind struct {
	schema Schema
	record fastTable          // the record's own keys
	groups map[string][]Field // "eu": the keys of [agreements.eu]
	lists  map[string]Field   // "sources": a TypeTables field, [[agreements.sources]]
}

func fastKinds() map[string]*fastKind {
	out := map[string]*fastKind{}
	for _, s := range Schemas() {
		k := &fastKind{schema: s, groups: map[string][]Field{}, lists: map[string]Field{}}
		for _, f := range s.Fields {
			switch {
			case f.Derived:
			case f.Type == TypeTables:
				k.lists[f.Key] = f
			case f.Group != "":
				k.groups[f.Group] = append(k.groups[f.Group], f)
			default:
				k.record.fields = append(k.record.fields, f)
			}
		}
		out[s.Plural] = k
	}
	return out
}

// fastTable reads the keys of one table into rec.
type fastTable struct {
	fields []Field
	rec    any
	seen   keySet
}

func (t *fastTable) reset(rec any) {
	t.rec, t.seen = rec, keySet{}
}

// set reads key's value, or reports that the key is unknown or repeated,
// or its value is not of the field's type.
func (t *fastTable) set(f *fastParser, key string) bool {
	for _, fl := range t.fields {
		if fl.Key == key && fl.Type != TypeTables {
			if !t.seen.once(key) {
				return false
			}
			fl.read(t.rec, f)
			return !f.err
		}
	}
	return false
}

// setPos gives a record its position.
func setPos(rec any, pos Pos) {
	switch r := rec.(type) {
	case *Theme:
		r.Pos = pos
	case *Agreement:
		r.Pos = pos
	case *Crisis:
		r.Pos = pos
	case *SDG:
		r.Pos = pos
	}
}

// keySet holds the keys a table has had, without allocating: a table has
// only a few dozen known keys, and an unknown one ends the fast path.
type keySet struct {
	n    int
	keys [32]string
}

// once reports whether key is new in the set, and adds it.
func (s *keySet) once(key string) bool {
	for _, k := range s.keys[:s.n] {
		if k == key {
			return false
		}
	}
	if s.n == len(s.keys) {
		return false
	}
	s.keys[s.n] = key
	s.n++
	return true
}

// Lexing.

func (f *fastParser) fail() { f.err = true }

// skipLines passes blank lines, spaces and comments.
func (f *fastParser) skipLines() {
	for f.i < len(f.s) && !f.err {
		switch f.s[f.i] {
		case ' ', '\t', '\n':
			f.i++
		case '#':
			f.comment()
		default:
			return
		}
	}
}

func (f *fastParser) spaces() {
	for f.i < len(f.s) && (f.s[f.i] == ' ' || f.s[f.i] == '\t') {
		f.i++
	}
}

// comment passes a comment, which may not hold control characters.
func (f *fastParser) comment() {
	for f.i < len(f.s) && f.s[f.i] != '\n' {
		c := f.s[f.i]
		if c < 0x20 && c != '\t' || c == 0x7f {
			f.fail()
			return
		}
		if c >= 0x80 {
			if !f.utf8() {
				return
			}
			continue
		}
		f.i++
	}
}

// utf8 passes one multi-byte character, or gives up on invalid UTF-8.
func (f *fastParser) utf8() bool {
	r, n := utf8.DecodeRune(f.s[f.i:])
	if r == utf8.RuneError && n <= 1 {
		f.fail()
		return false
	}
	f.i += n
	return true
}

// endLine expects the end of the line, after spaces and a comment.
func (f *fastParser) endLine() {
	f.spaces()
	if f.i < len(f.s) && f.s[f.i] == '#' {
		f.comment()
	}
	if f.i < len(f.s) {
		if f.s[f.i] != '\n' {
			f.fail()
			return
		}
		f.i++
	}
}

// header reads "[name]" or "[[name]]" written plainly: bare keys joined by
// dots, no spaces.
func (f *fastParser) header() (string, bool) {
	array := strings.HasPrefix(string(f.s[f.i:min(f.i+2, len(f.s))]), "[[")
	f.i++
	if array {
		f.i++
	}
	start := f.i
	for f.i < len(f.s) && (isBare(f.s[f.i]) || f.s[f.i] == '.') {
		f.i++
	}
	name := string(f.s[start:f.i])
	close := "]"
	if array {
		close = "]]"
	}
	if name == "" || !strings.HasPrefix(string(f.s[f.i:min(f.i+len(close), len(f.s))]), close) ||
		strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || strings.Contains(name, "..") {
		f.fail()
		return "", false
	}
	f.i += len(close)
	return name, array
}

// keyval reads "key = value" with a bare key into t.
func (f *fastParser) keyval(t *fastTable) {
	start := f.i
	for f.i < len(f.s) && isBare(f.s[f.i]) {
		f.i++
	}
	key := string(f.s[start:f.i])
	f.spaces()
	if key == "" || f.i >= len(f.s) || f.s[f.i] != '=' {
		f.fail()
		return
	}
	f.i++
	f.spaces()
	if !t.set(f, key) {
		f.fail()
		return
	}
	f.endLine()
}

// view returns b as a string without copying it.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// str reads a basic or literal string, single- or multi-line.
func (f *fastParser) str() string {
	if f.i >= len(f.s) {
		f.fail()
		return ""
	}
	q := f.s[f.i]
	if q != '"' && q != '\'' {
		f.fail()
		return ""
	}
	if f.i+2 < len(f.s) && f.s[f.i+1] == q && f.s[f.i+2] == q {
		return f.multiline(q)
	}
	f.i++
	start := f.i
	escaped := false
	for f.i < len(f.s) {
		c := f.s[f.i]
		switch {
		case c == q:
			raw := f.s[start:f.i]
			f.i++
			if escaped {
				return f.unescape(raw, false)
			}
			return view(raw)
		case c == '\\' && q == '"':
			// an escape, never of a line break in a one-line string
			if f.i+1 >= len(f.s) || f.s[f.i+1] < 0x20 || f.s[f.i+1] == 0x7f {
				f.fail()
				return ""
			}
			escaped = true
			f.i += 2
			continue
		case c < 0x20 && c != '\t' || c == 0x7f:
			f.fail()
			return ""
		case c >= 0x80:
			if !f.utf8() {
				return ""
			}
			continue
		}
		f.i++
	}
	f.fail()
	return ""
}

// multiline reads a triple-quoted string, basic or literal. A newline right after the opening
// quotes is dropped; in a basic string a backslash at the end of a line
// drops the line break and the white space that follows.
func (f *fastParser) multiline(q byte) string {
	f.i += 3
	if f.i < len(f.s) && f.s[f.i] == '\n' {
		f.i++
	}
	start := f.i
	escaped := false
	for f.i < len(f.s) {
		c := f.s[f.i]
		switch {
		case c == q && f.i+2 < len(f.s) && f.s[f.i+1] == q && f.s[f.i+2] == q:
			// up to two more quotes belong to the string
			end := f.i
			for n := 0; n < 2 && f.i+3 < len(f.s) && f.s[f.i+3] == q; n++ {
				f.i++
				end++
			}
			raw := f.s[start:end]
			f.i += 3
			if escaped {
				return f.unescape(raw, true)
			}
			return view(raw)
		case c == '\\' && q == '"':
			escaped = true
			f.i += 2
			continue
		case c == '\n':
		case c < 0x20 && c != '\t' || c == 0x7f:
			f.fail() // a carriage return too: the TOML decoder's path normalises it
			return ""
		case c >= 0x80:
			if !f.utf8() {
				return ""
			}
			continue
		}
		f.i++
	}
	f.fail()
	return ""
}

// unescape decodes the escapes of a basic string's text; a backslash at
// the end of a line is one only in a multi-line string. An escaped carriage
// return is left to the TOML decoder's path, which normalises line breaks.
func (f *fastParser) unescape(raw []byte, multiline bool) string {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(raw) {
			f.fail()
			return ""
		}
		switch raw[i] {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case '"':
			b.WriteByte('"')
		case '\\':
			b.WriteByte('\\')
		case 'u', 'U':
			n := 4
			if raw[i] == 'U' {
				n = 8
			}
			if i+n >= len(raw) {
				f.fail()
				return ""
			}
			v, err := strconv.ParseUint(string(raw[i+1:i+1+n]), 16, 32)
			if err != nil || !utf8.ValidRune(rune(v)) || v == '\r' {
				f.fail()
				return ""
			}
			b.WriteRune(rune(v))
			i += n
		case ' ', '\t', '\n':
			// a line-ending backslash: drop white space up to the next text
			if !multiline {
				f.fail()
				return ""
			}
			j := i
			for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t') {
				j++
			}
			if j >= len(raw) || raw[j] != '\n' {
				f.fail()
				return ""
			}
			for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\n') {
				j++
			}
			i = j - 1
		default:
			f.fail()
			return ""
		}
	}
	return b.String()
}

// integer reads a plain decimal integer in 0..MaxInt32.
func (f *fastParser) integer() int {
	start := f.i
	for f.i < len(f.s) && f.s[f.i] >= '0' && f.s[f.i] <= '9' {
		f.i++
	}
	digits := f.s[start:f.i]
	if len(digits) == 0 || len(digits) > 1 && digits[0] == '0' || len(digits) > 10 || !f.valueEnds() {
		f.fail()
		return 0
	}
	n, err := strconv.Atoi(string(digits))
	if err != nil || n > 1<<31-1 {
		f.fail()
		return 0
	}
	return n
}

// valueEnds reports whether the value just read ends here.
func (f *fastParser) valueEnds() bool {
	if f.i >= len(f.s) {
		return true
	}
	switch f.s[f.i] {
	case ' ', '\t', '\n', '#', ',', ']':
		return true
	}
	return false
}

func (f *fastParser) boolean() bool {
	switch {
	case strings.HasPrefix(view(f.s[f.i:]), "true"):
		f.i += 4
		if f.valueEnds() {
			return true
		}
	case strings.HasPrefix(view(f.s[f.i:]), "false"):
		f.i += 5
		if f.valueEnds() {
			return false
		}
	}
	f.fail()
	return false
}

// date reads a local date (1989-03-22) or a date string ("1989", "1989-03").
func (f *fastParser) date() Date {
	if f.i < len(f.s) && (f.s[f.i] == '"' || f.s[f.i] == '\'') {
		s := f.str()
		if f.err {
			return ""
		}
		d, err := ParseDate(s)
		if err != nil {
			f.fail()
			return ""
		}
		return d
	}
	if f.i+10 > len(f.s) {
		f.fail()
		return ""
	}
	lit := view(f.s[f.i : f.i+10])
	f.i += 10
	d, err := ParseDate(lit)
	if err != nil || !f.valueEnds() {
		f.fail()
		return ""
	}
	return d
}

// array reads [v, v, ...] with elem reading each value; comments and line
// breaks may come between them, and a comma after the last.
func (f *fastParser) array(elem func()) {
	if f.i >= len(f.s) || f.s[f.i] != '[' {
		f.fail()
		return
	}
	f.i++
	for !f.err {
		f.skipLines()
		if f.i >= len(f.s) {
			f.fail()
			return
		}
		if f.s[f.i] == ']' {
			f.i++
			return
		}
		elem()
		f.skipLines()
		if f.i < len(f.s) && f.s[f.i] == ',' {
			f.i++
			continue
		}
		if f.i >= len(f.s) || f.s[f.i] != ']' {
			f.fail()
			return
		}
	}
}

func (f *fastParser) strs() []string {
	out := []string{}
	f.array(func() { out = append(out, f.str()) })
	return out
}

func (f *fastParser) ints() []int {
	out := []int{}
	f.array(func() { out = append(out, f.integer()) })
	return out
}
