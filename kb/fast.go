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
// whole file: the piece's entries go at their index in the file. It returns
// false when it gives up (dest then holds nothing it can be trusted for).
func fastDecode(file string, p piece, sc *scanned, dest *KB) bool {
	f := &fastParser{s: p.data}
	var d fastRecords
	counts := map[string]int{}
	var rec fastRecord
	finish := func() bool { return rec == nil || rec.done(dest) }
	for !f.err {
		f.skipLines()
		if f.i >= len(f.s) {
			break
		}
		if f.s[f.i] != '[' {
			if rec == nil {
				return false // keys outside a record
			}
			f.keyval(rec.table())
			continue
		}
		name, array := f.header()
		if f.err {
			break
		}
		switch {
		case array && isTopTable(name):
			if !finish() {
				return false
			}
			i := p.first[name] + counts[name]
			counts[name]++
			rec = d.start(name, sc.pos(file, name, i), i)
		case rec != nil:
			if !rec.sub(name, array) {
				return false
			}
		default:
			return false
		}
		f.endLine()
	}
	if f.err || !finish() {
		return false
	}
	for t, n := range counts {
		if n != p.count[t] {
			return false
		}
	}
	return true
}

// fastRecords are the records being read, one of each kind, reused from
// one entry to the next.
type fastRecords struct {
	th fastTheme
	ag fastAgreement
	cr fastCrisis
	sd fastSDG
}

func (d *fastRecords) start(table string, pos Pos, index int) fastRecord {
	switch table {
	case "themes":
		d.th = fastTheme{t: Theme{Pos: pos}, index: index}
		return &d.th
	case "agreements":
		d.ag.a = Agreement{Pos: pos}
		d.ag.index, d.ag.seen, d.ag.cur = index, keySet{}, nil
		return &d.ag
	case "crises":
		d.cr = fastCrisis{c: Crisis{Pos: pos}, index: index}
		return &d.cr
	}
	d.sd = fastSDG{s: SDG{Pos: pos}, index: index}
	return &d.sd
}

// put stores r at index i of *list, or reports that there is no room.
func put[T any](list []T, i int, r T) bool {
	if i < 0 || i >= len(list) {
		return false
	}
	list[i] = r
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

// fastTable receives the keys of one table.
type fastTable interface {
	set(f *fastParser, key string) bool // false: unknown or repeated key, or a bad value
}

type fastRecord interface {
	table() fastTable
	sub(name string, array bool) bool // a [record.sub] or [[record.sub]] header
	done(k *KB) bool                  // stores the record in k
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

type fastTheme struct {
	t     Theme
	index int
	seen  keySet
	cur   fastTable
	src   fastSource
}

func (r *fastTheme) table() fastTable {
	if r.cur != nil {
		return r.cur
	}
	return r
}

func (r *fastTheme) set(f *fastParser, key string) bool {
	if !r.seen.once(key) {
		return false
	}
	t := &r.t
	switch key {
	case "id":
		t.ID = f.str()
	case "name":
		t.Name = f.str()
	case "summary":
		t.Summary = f.str()
	case "crises":
		t.Crises = f.strs()
	case "sdgs":
		t.SDGs = f.ints()
	case "eu_policy":
		t.EUPolicy = f.strs()
	case "url":
		t.URL = f.str()
	case "aliases":
		t.Aliases = f.strs()
	case "as_of":
		t.AsOf = f.date()
	default:
		return false
	}
	return !f.err
}

func (r *fastTheme) sub(name string, array bool) bool {
	if name != "themes.sources" || !array {
		return false
	}
	r.t.Sources = append(r.t.Sources, Source{})
	r.src = fastSource{list: &r.t.Sources, i: len(r.t.Sources) - 1}
	r.cur = &r.src
	return true
}

func (r *fastTheme) done(k *KB) bool { return put(k.Themes, r.index, r.t) }

type fastAgreement struct {
	a     Agreement
	index int
	seen  keySet
	cur   fastTable
	// the tables inside the record, reused; sources and milestones are
	// appended as their headers come, so the current one is kept by index
	eu  fastEU
	xr  fastXref
	ms  fastMilestone
	src fastSource
}

func (r *fastAgreement) table() fastTable {
	if r.cur != nil {
		return r.cur
	}
	return r
}

func (r *fastAgreement) set(f *fastParser, key string) bool {
	if !r.seen.once(key) {
		return false
	}
	a := &r.a
	switch key {
	case "id":
		a.ID = f.str()
	case "name":
		a.Name = f.str()
	case "full_name":
		a.FullName = f.str()
	case "type":
		a.Type = f.str()
	case "binding":
		b := f.boolean()
		a.Binding = &b
	case "parent":
		a.Parent = f.str()
	case "themes":
		a.Themes = f.strs()
	case "crises":
		a.Crises = f.strs()
	case "sdgs":
		a.SDGs = f.ints()
	case "adopted":
		a.Adopted = f.date()
	case "adopted_place":
		a.AdoptedPlace = f.str()
	case "entry_into_force":
		a.EntryIntoForce = f.date()
	case "status":
		a.Status = f.str()
	case "depositary":
		a.Depositary = f.str()
	case "secretariat":
		a.Secretariat = f.str()
	case "parties":
		n := f.integer()
		a.Parties = &n
	case "parties_as_of":
		a.PartiesAsOf = f.date()
	case "url":
		a.URL = f.str()
	case "summary":
		a.Summary = f.str()
	case "aliases":
		a.Aliases = f.strs()
	case "as_of":
		a.AsOf = f.date()
	default:
		return false // eu, xref, milestones, sources are written as tables here
	}
	return !f.err
}

func (r *fastAgreement) sub(name string, array bool) bool {
	a := &r.a
	switch {
	case name == "agreements.eu" && !array && r.seen.once("eu"):
		r.eu = fastEU{eu: &a.EU}
		r.cur = &r.eu
	case name == "agreements.xref" && !array && r.seen.once("xref"):
		r.xr = fastXref{x: &a.Xref}
		r.cur = &r.xr
	case name == "agreements.milestones" && array:
		a.Milestones = append(a.Milestones, Milestone{})
		r.ms = fastMilestone{a: a, i: len(a.Milestones) - 1}
		r.cur = &r.ms
	case name == "agreements.sources" && array:
		a.Sources = append(a.Sources, Source{})
		r.src = fastSource{list: &a.Sources, i: len(a.Sources) - 1}
		r.cur = &r.src
	default:
		return false
	}
	return true
}

func (r *fastAgreement) done(k *KB) bool { return put(k.Agreements, r.index, r.a) }

type fastEU struct {
	eu   *EU
	seen keySet
}

func (t *fastEU) set(f *fastParser, key string) bool {
	if !t.seen.once(key) {
		return false
	}
	switch key {
	case "status":
		t.eu.Status = f.str()
	case "signed":
		t.eu.Signed = f.date()
	case "joined":
		t.eu.Joined = f.date()
	case "in_force_for_eu":
		t.eu.InForceForEU = f.date()
	case "instrument":
		t.eu.Instrument = f.str()
	case "decision":
		t.eu.Decision = f.str()
	case "celex":
		t.eu.CELEX = f.str()
	default:
		return false
	}
	return !f.err
}

type fastXref struct {
	x    *Xref
	seen keySet
}

func (t *fastXref) set(f *fastParser, key string) bool {
	if !t.seen.once(key) {
		return false
	}
	switch key {
	case "untc":
		t.x.UNTC = f.str()
	case "ecolex":
		t.x.ECOLEX = f.str()
	case "informea":
		t.x.InforMEA = f.str()
	case "celex":
		t.x.CELEX = f.str()
	default:
		return false
	}
	return !f.err
}

type fastMilestone struct {
	a    *Agreement
	i    int
	seen keySet
}

func (t *fastMilestone) set(f *fastParser, key string) bool {
	if !t.seen.once(key) {
		return false
	}
	m := &t.a.Milestones[t.i]
	switch key {
	case "date":
		m.Date = f.date()
	case "event":
		m.Event = f.str()
	default:
		return false
	}
	return !f.err
}

// fastSource is one of a record's sources, kept by index: the list grows
// as headers come.
type fastSource struct {
	list *[]Source
	i    int
	seen keySet
}

func (t *fastSource) set(f *fastParser, key string) bool {
	return setSource(f, &(*t.list)[t.i], &t.seen, key)
}

func setSource(f *fastParser, s *Source, seen *keySet, key string) bool {
	if !seen.once(key) {
		return false
	}
	switch key {
	case "url":
		s.URL = f.str()
	case "title":
		s.Title = f.str()
	case "supports":
		s.Supports = f.strs()
	default:
		return false
	}
	return !f.err
}

type fastCrisis struct {
	c     Crisis
	index int
	seen  keySet
}

func (r *fastCrisis) table() fastTable { return r }

func (r *fastCrisis) set(f *fastParser, key string) bool {
	if !r.seen.once(key) {
		return false
	}
	switch key {
	case "id":
		r.c.ID = f.str()
	case "name":
		r.c.Name = f.str()
	case "summary":
		r.c.Summary = f.str()
	case "aliases":
		r.c.Aliases = f.strs()
	default:
		return false
	}
	return !f.err
}

func (r *fastCrisis) sub(string, bool) bool { return false }

func (r *fastCrisis) done(k *KB) bool { return put(k.Crises, r.index, r.c) }

type fastSDG struct {
	s     SDG
	index int
	seen  keySet
}

func (r *fastSDG) table() fastTable { return r }

func (r *fastSDG) set(f *fastParser, key string) bool {
	if !r.seen.once(key) {
		return false
	}
	switch key {
	case "number":
		r.s.Number = f.integer()
	case "name":
		r.s.Name = f.str()
	case "url":
		r.s.URL = f.str()
	default:
		return false
	}
	return !f.err
}

func (r *fastSDG) sub(string, bool) bool { return false }

func (r *fastSDG) done(k *KB) bool { return put(k.SDGs, r.index, r.s) }

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
			r, n := utf8.DecodeRune(f.s[f.i:])
			if r == utf8.RuneError && n <= 1 {
				f.fail()
				return
			}
			f.i += n
			continue
		}
		f.i++
	}
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
func (f *fastParser) keyval(t fastTable) {
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
			r, n := utf8.DecodeRune(f.s[f.i:])
			if r == utf8.RuneError && n <= 1 {
				f.fail()
				return ""
			}
			f.i += n
			continue
		}
		f.i++
	}
	f.fail()
	return ""
}

// multiline reads """...""" or ”'...”'. A newline right after the opening
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
			r, n := utf8.DecodeRune(f.s[f.i:])
			if r == utf8.RuneError && n <= 1 {
				f.fail()
				return ""
			}
			f.i += n
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
