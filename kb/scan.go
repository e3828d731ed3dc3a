package kb

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Limits checked by the scan before the TOML decoder sees the bytes.
// BurntSushi toml v1.6.0 has none of its own: it dies of a stack overflow on
// deep arrays, and it keeps every key's full path (as a string and as a list
// of parts), so a long table name followed by many keys, or keys deep inside
// dotted keys and inline tables, cost memory far beyond the file's size.
const (
	maxNesting  = 32
	maxKeyParts = 32
)

// keyBudget is how many bytes and parts of key paths (each key's full path,
// table header and inline tables included) a file of n bytes may hold:
// ordinary data uses a fraction of it, and within it the decoder's memory
// stays proportional to the file's size.
func keyBudget(n int) (bytes, parts int64) {
	return 2*int64(n) + 1<<16, int64(n)/2 + 1<<14
}

// scanned is what one pass over a file's bytes learns before decoding: the
// line of every record and of every field written on a line of its own, and
// where the file may be cut into pieces that decode independently.
type scanned struct {
	records map[string][]*recordLines // "agreements" -> its entries, in order
	// cuts are the byte offsets of the top-level [[table]] headers; nil
	// when the file has anything that ties one piece to another (a plain
	// [table] header, an unknown table, keys before the first header).
	cuts      []int
	cutTables []string       // the table of each cut
	top       map[string]int // first line of each top-level key or table
}

// recordLines is where one record and its fields are written.
type recordLines struct {
	line   int
	fields strings.Builder // "key=line;" pairs, as Pos.Lines holds them
	subs   map[string]int  // how many [[table.sub]] headers so far
}

func (r *recordLines) add(field string, line int) {
	if r.fields.Len() > 0 {
		r.fields.WriteByte(';')
	}
	r.fields.WriteString(field)
	r.fields.WriteByte('=')
	r.fields.WriteString(strconv.Itoa(line - r.line))
}

// pos returns the position of entry index of table in file, or one with
// only the file, table and index when the scan did not see it (a record
// written as an inline table).
func (sc *scanned) pos(file, table string, index int) Pos {
	p := Pos{File: file, Table: table, Index: index, Line: sc.top[table]}
	if rs := sc.records[table]; index < len(rs) {
		p.Line = rs[index].line
		p.Lines = rs[index].fields.String()
	}
	return p
}

type scanner struct {
	s          []byte
	i          int
	line       int
	lineStart  int
	depth      int
	tableLen   int64 // bytes of the current [table] header's path
	tableParts int64
	pathBytes  int64 // totals over every key so far
	pathParts  int64
	maxBytes   int64
	maxParts   int64

	out     *scanned
	tables  []string     // the top-level tables of the format
	cur     *recordLines // the record whose fields follow, or nil
	curSub  string       // "eu", "sources[2]", ... or "" for the record itself
	headers int          // headers seen
	split   bool
	parts   []string // reused by key
	err     *SyntaxError
}

// scan reads s once. It returns a *SyntaxError when s is nested too deep or
// its keys exceed the budget; any other malformation is left for the
// decoder to report.
func scan(s []byte) (*scanned, error) {
	sc := &scanner{s: s, line: 1, split: true, out: &scanned{records: map[string][]*recordLines{}, top: map[string]int{}}}
	sc.maxBytes, sc.maxParts = keyBudget(len(s))
	for _, sch := range Schemas() {
		sc.tables = append(sc.tables, sch.Plural)
	}
	sc.top()
	if sc.err != nil {
		return nil, sc.err
	}
	if !sc.split {
		sc.out.cuts = nil
	}
	return sc.out, nil
}

func (sc *scanner) fail(msg string) {
	if sc.err == nil {
		sc.err = &SyntaxError{Line: sc.line, Col: sc.i - sc.lineStart + 1, Message: msg}
	}
}

func (sc *scanner) more() bool { return sc.err == nil && sc.i < len(sc.s) }

func (sc *scanner) newline() {
	sc.line++
	sc.lineStart = sc.i + 1
}

// skip passes spaces and tabs, and with lines also newlines and comments.
func (sc *scanner) skip(lines bool) {
	for sc.more() {
		switch c := sc.s[sc.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			sc.i++
		case lines && c == '\n':
			sc.newline()
			sc.i++
		case lines && c == '#':
			sc.toEOL()
		default:
			return
		}
	}
}

// toEOL moves to the next newline (not past it).
func (sc *scanner) toEOL() {
	for sc.i < len(sc.s) && sc.s[sc.i] != '\n' {
		sc.i++
	}
}

func (sc *scanner) top() {
	for sc.more() {
		sc.skip(true)
		if !sc.more() {
			return
		}
		if sc.s[sc.i] == '[' {
			sc.header()
		} else {
			sc.keyval(0, 0, true)
		}
		// whatever is left on the line is the decoder's to judge
		sc.skip(false)
		if sc.more() && sc.s[sc.i] == '#' {
			sc.toEOL()
		}
		if sc.more() && sc.s[sc.i] != '\n' {
			sc.toEOL()
		}
	}
}

func (sc *scanner) header() {
	start := sc.i
	array := sc.i+1 < len(sc.s) && sc.s[sc.i+1] == '['
	if array {
		sc.i += 2
	} else {
		sc.i++
	}
	parts, n := sc.key()
	if sc.err != nil {
		return
	}
	sc.skip(false)
	if sc.more() && sc.s[sc.i] == ']' {
		sc.i++
		if array && sc.more() && sc.s[sc.i] == ']' {
			sc.i++
		}
	}
	sc.tableLen, sc.tableParts = n, int64(len(parts))
	sc.count(n, int64(len(parts)))
	sc.headers++
	if _, ok := sc.out.top[first(parts)]; !ok {
		sc.out.top[first(parts)] = sc.line
	}
	name := strings.Join(parts, ".")
	switch {
	case array && sc.isTopTable(name):
		r := &recordLines{line: sc.line}
		sc.out.records[name] = append(sc.out.records[name], r)
		sc.out.cuts = append(sc.out.cuts, start)
		sc.out.cutTables = append(sc.out.cutTables, name)
		sc.cur, sc.curSub = r, ""
	case len(parts) == 2 && sc.cur != nil && sc.isTopTable(parts[0]) && sc.out.records[parts[0]] != nil &&
		sc.cur == last(sc.out.records[parts[0]]):
		sub := parts[1]
		if array {
			if sc.cur.subs == nil {
				sc.cur.subs = map[string]int{}
			}
			sc.cur.subs[sub]++
			sub = fmt.Sprintf("%s[%d]", sub, sc.cur.subs[sub])
		}
		sc.curSub = sub
		sc.cur.add(sub, sc.line)
	default:
		sc.split = false
		sc.cur, sc.curSub = nil, ""
	}
}

func last(rs []*recordLines) *recordLines { return rs[len(rs)-1] }

func first(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return parts[0]
}

func (sc *scanner) isTopTable(name string) bool { return slices.Contains(sc.tables, name) }

// count adds one key's full path to the totals.
func (sc *scanner) count(bytes, parts int64) {
	sc.pathBytes += bytes
	sc.pathParts += parts
	if sc.pathBytes > sc.maxBytes || sc.pathParts > sc.maxParts {
		sc.fail("too many keys, or keys too long, for the size of the file")
	}
}

// keyval reads "key = value". prefix is the path (bytes, parts) of the
// table the key is in, beyond the current [table] header.
func (sc *scanner) keyval(prefixBytes, prefixParts int64, top bool) {
	line := sc.line
	parts, n := sc.key()
	if sc.err != nil || len(parts) == 0 {
		if sc.more() && sc.err == nil {
			sc.i++ // not a key: let the decoder say so, but move on
		}
		return
	}
	if top && sc.headers == 0 {
		sc.split = false
		if _, ok := sc.out.top[parts[0]]; !ok {
			sc.out.top[parts[0]] = line
		}
	}
	bytes := sc.tableLen + prefixBytes + n
	partsN := sc.tableParts + prefixParts + int64(len(parts))
	sc.count(bytes, partsN)
	if top && sc.cur != nil {
		field := parts[0]
		if len(parts) > 1 {
			field = strings.Join(parts, ".")
		}
		if sc.curSub != "" {
			field = sc.curSub + "." + field
		}
		sc.cur.add(field, line)
	}
	sc.skip(false)
	if !sc.more() || sc.s[sc.i] != '=' {
		return
	}
	sc.i++
	sc.skip(false)
	sc.value(prefixBytes+n, prefixParts+int64(len(parts)))
}

// key reads a dotted key and returns its parts (unquoted where simple) and
// its length in bytes, dots included.
func (sc *scanner) key() ([]string, int64) {
	parts := sc.parts[:0]
	defer func() { sc.parts = parts[:0] }()
	var n int64
	for sc.more() {
		sc.skip(false)
		if !sc.more() {
			break
		}
		start := sc.i
		switch c := sc.s[sc.i]; {
		case c == '"' || c == '\'':
			sc.str()
			p := view(sc.s[start:min(sc.i, len(sc.s))])
			if len(p) >= 2 {
				p = p[1 : len(p)-1]
			}
			parts = append(parts, p)
		case isBare(c):
			for sc.i < len(sc.s) && isBare(sc.s[sc.i]) {
				sc.i++
			}
			parts = append(parts, view(sc.s[start:sc.i]))
		default:
			return parts, n
		}
		n += int64(sc.i - start)
		if len(parts) > maxKeyParts {
			sc.fail(fmt.Sprintf("dotted key with more than %d parts", maxKeyParts))
			return nil, 0
		}
		sc.skip(false)
		if !sc.more() || sc.s[sc.i] != '.' {
			break
		}
		sc.i++
		n++
	}
	return parts, n
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value reads one value: a string, an array, an inline table or anything
// else up to the next separator.
func (sc *scanner) value(prefixBytes, prefixParts int64) {
	if !sc.more() {
		return
	}
	switch sc.s[sc.i] {
	case '"', '\'':
		sc.str()
	case '[':
		sc.items(']', func() { sc.value(prefixBytes, prefixParts) })
	case '{':
		sc.items('}', func() { sc.keyval(prefixBytes, prefixParts, false) })
	default:
		for sc.i < len(sc.s) {
			switch sc.s[sc.i] {
			case ',', ']', '}', '\n', '#':
				return
			}
			sc.i++
		}
	}
}

// items passes the items of an array or an inline table, each read by
// item, up to the closing bracket.
func (sc *scanner) items(closing byte, item func()) {
	sc.nest()
	sc.i++
	for sc.more() {
		sc.skip(true)
		if !sc.more() {
			return
		}
		switch sc.s[sc.i] {
		case closing:
			sc.i++
			sc.depth--
			return
		case ',':
			sc.i++
			continue
		}
		before := sc.i
		item()
		if sc.i == before {
			sc.i++
		}
	}
}

func (sc *scanner) nest() {
	sc.depth++
	if sc.depth > maxNesting {
		sc.fail(fmt.Sprintf("nested deeper than %d levels", maxNesting))
	}
}

// str passes a basic, literal or multi-line string, counting its lines.
func (sc *scanner) str() {
	s, q := sc.s, sc.s[sc.i]
	if sc.i+2 < len(s) && s[sc.i+1] == q && s[sc.i+2] == q {
		j := sc.i + 3
		for j < len(s) {
			if q == '"' && s[j] == '\\' {
				if j+1 < len(s) && s[j+1] == '\n' {
					sc.i = j + 1
					sc.newline()
				}
				j += 2
				continue
			}
			if j+2 < len(s) && s[j] == q && s[j+1] == q && s[j+2] == q {
				break
			}
			if s[j] == '\n' {
				sc.i = j
				sc.newline()
			}
			j++
		}
		// up to two more quotes belong to the string ("""a"""")
		for j += 3; j < len(s) && s[j] == q; j++ {
		}
		sc.i = min(j, len(s))
		return
	}
	j := sc.i + 1
	for j < len(s) && s[j] != q && s[j] != '\n' {
		if q == '"' && s[j] == '\\' && j+1 < len(s) && s[j+1] != '\n' {
			j++
		}
		j++
	}
	if j < len(s) && s[j] == q {
		j++
	}
	sc.i = j
}
