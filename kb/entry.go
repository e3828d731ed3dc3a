package kb

import (
	"encoding/binary"
	"unsafe"
)

// A cache entry's payload: the number of records of each kind (in the
// order of Schemas), then each record: its position (line, table, index,
// field lines), then each field its schema reads from TOML, as a presence
// byte and, when present, its value. Lists are a count and their items,
// tables a count and each table's fields.
//
// A string is a number n: n>>2 is its length, and n&3 says where it is.
// 1: in the source the entry was decoded from, as written there (most
// strings are), and its offset in the source follows; 2: earlier in the
// payload (a string written before, such as the field lines that records
// of the same shape share), and its offset in the payload follows; 0: its
// bytes follow. Reading back, every string is a view, of the source or of
// the payload, which stay in memory as long as the records: the payload is
// a fraction of its source, and the source was read anyway, to find its
// entry.

// Records are written in blocks of blockRecords, in the order of Schemas
// and then of the records, so that blocks decode on every core: a block is
// its length in bytes (4, big-endian), the number of its records, then the
// records.
const blockRecords = 1024

// encodeEntry writes k's records, decoded from source.
func encodeEntry(k *KB, source []byte) []byte {
	w := &binWriter{source: source}
	schemas := Schemas()
	total := 0
	for _, s := range schemas {
		w.uint(uint64(s.Len(k)))
		total += s.Len(k)
	}
	at := 0 // where the open block's length goes
	for n := 0; n < total; n++ {
		if n%blockRecords == 0 {
			w.closeBlock(at)
			at = len(w.buf)
			w.buf = append(w.buf, 0, 0, 0, 0)
			w.uint(uint64(min(blockRecords, total-n)))
		}
		s, i := recordAt(schemas, k, n)
		rec := s.Record(k, i)
		p := posOf(rec)
		w.uint(uint64(p.Line))
		w.str(p.Table)
		w.uint(uint64(p.Index))
		w.str(p.Lines)
		w.fields(k, s.Fields, rec)
	}
	w.closeBlock(at)
	return w.buf
}

// closeBlock writes the length of the block that starts at at, if any.
func (w *binWriter) closeBlock(at int) {
	if at > 0 {
		binary.BigEndian.PutUint32(w.buf[at:], uint32(len(w.buf)-at-4))
	}
}

// recordAt returns the schema and the index within its kind of the n-th
// record, counting every kind in the order of Schemas.
func recordAt(schemas []Schema, k *KB, n int) (Schema, int) {
	for _, s := range schemas {
		if n < s.Len(k) {
			return s, n
		}
		n -= s.Len(k)
	}
	panic("kb: record out of range")
}

// decodeEntry reads the records of a payload that holds at most limit,
// written for source.
func decodeEntry(payload, source []byte, limit int) (*KB, bool) {
	r := &binReader{buf: payload, source: source, end: len(payload)}
	schemas := Schemas()
	counts := make([]int, len(schemas))
	total := 0
	for i := range schemas {
		counts[i] = r.count()
		total += counts[i]
	}
	if r.err || total > limit {
		return nil, false
	}
	// where each block is, checked before any is decoded
	type block struct{ start, end, first, n int }
	var blocks []block
	for n := 0; n < total; {
		if len(payload)-r.i < 4 {
			return nil, false
		}
		size := int(binary.BigEndian.Uint32(payload[r.i:]))
		b := block{start: r.i + 4, first: n}
		if size > len(payload)-b.start {
			return nil, false
		}
		b.end = b.start + size
		r.i = b.start
		b.n = r.count()
		if r.err || b.n == 0 || b.n > total-n {
			return nil, false
		}
		b.start = r.i
		blocks = append(blocks, b)
		n += b.n
		r.i = b.end
	}
	if r.i != len(payload) {
		return nil, false
	}
	k := &KB{
		Themes:     sized[Theme](counts[0])[:counts[0]],
		Agreements: sized[Agreement](counts[1])[:counts[1]],
		Crises:     sized[Crisis](counts[2])[:counts[2]],
		SDGs:       sized[SDG](counts[3])[:counts[3]],
	}
	ok := make([]bool, len(blocks))
	parallel(len(blocks), func(bi int) {
		b := blocks[bi]
		r := &binReader{buf: payload, source: source, i: b.start, end: b.end}
		for n := b.first; n < b.first+b.n && !r.err; n++ {
			s, i := recordAt(schemas, k, n)
			rec := s.Record(k, i)
			p := Pos{Line: r.integer(), Table: r.str(), Index: r.integer(), Lines: r.str()}
			setPos(rec, p)
			r.fields(s.Fields, rec)
		}
		ok[bi] = !r.err && r.i == b.end
	})
	for _, o := range ok {
		if !o {
			return nil, false
		}
	}
	return k, true
}

func posOf(rec any) Pos {
	switch r := rec.(type) {
	case *Theme:
		return r.Pos
	case *Agreement:
		return r.Pos
	case *Crisis:
		return r.Pos
	case *SDG:
		return r.Pos
	}
	return Pos{}
}

type binWriter struct {
	buf    []byte
	source []byte
	seen   map[string]int // strings written as bytes, and where
}

// Where a string is: its bytes follow, or it is in the source, or earlier
// in the payload.
const (
	strBytes = iota
	strSource
	strPayload
)

func (w *binWriter) uint(n uint64) { w.buf = binary.AppendUvarint(w.buf, n) }

// str writes s as an offset into the source when it is a view of it, and
// as its bytes otherwise.
func (w *binWriter) str(s string) {
	if off, ok := within(w.source, s); ok {
		w.uint(uint64(len(s))<<2 | strSource)
		w.uint(uint64(off))
		return
	}
	if off, ok := w.seen[s]; ok {
		w.uint(uint64(len(s))<<2 | strPayload)
		w.uint(uint64(off))
		return
	}
	w.uint(uint64(len(s)) << 2) // strBytes
	if len(s) >= 8 {
		if w.seen == nil {
			w.seen = map[string]int{}
		}
		w.seen[s] = len(w.buf)
	}
	w.buf = append(w.buf, s...)
}

// within returns the offset of s in b when s is a view of part of b.
func within(b []byte, s string) (int, bool) {
	if len(s) == 0 || len(b) == 0 {
		return 0, false
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	if p < base || p-base > uintptr(len(b)) || uintptr(len(s)) > uintptr(len(b))-(p-base) {
		return 0, false
	}
	return int(p - base), true
}

// fields writes the fields of rec that TOML holds; a field that is not set
// is a 0, one that is a 1 and its value.
func (w *binWriter) fields(k *KB, fields []Field, rec any) {
	for _, f := range fields {
		if f.Derived {
			continue
		}
		switch v := f.Value(k, rec).(type) {
		case string:
			w.present(v != "")
			if v != "" {
				w.str(v)
			}
		case Date:
			w.present(v != "")
			if v != "" {
				w.str(string(v))
			}
		case []string:
			w.present(v != nil)
			if v != nil {
				w.uint(uint64(len(v)))
				for _, s := range v {
					w.str(s)
				}
			}
		case []int:
			w.present(v != nil)
			if v != nil {
				w.uint(uint64(len(v)))
				for _, n := range v {
					w.uint(uint64(n))
				}
			}
		case int:
			w.present(true)
			w.uint(uint64(v))
		case *int:
			w.present(v != nil)
			if v != nil {
				w.uint(uint64(*v))
			}
		case *bool:
			w.present(v != nil)
			if v != nil {
				if *v {
					w.uint(1)
				} else {
					w.uint(0)
				}
			}
		case []any: // tables
			w.present(len(v) > 0)
			if len(v) > 0 {
				w.uint(uint64(len(v)))
				for _, t := range v {
					w.fields(k, f.Fields, t)
				}
			}
		}
	}
}

func (w *binWriter) present(ok bool) {
	if ok {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// binReader reads a payload; at anything out of place it fails, and every
// read after that gives zero values.
type binReader struct {
	buf    []byte // the payload
	source []byte // what the payload's strings may point into
	i, end int    // where reading is, and where the part being read ends
	err    bool
}

func (r *binReader) fields(fields []Field, rec any) {
	for _, f := range fields {
		if f.Derived || r.err {
			continue
		}
		if r.byte() == 0 {
			continue
		}
		if f.Type != TypeTables {
			f.read(rec, r)
			continue
		}
		n := r.count()
		for j := 0; j < n && !r.err; j++ {
			r.fields(f.Fields, f.push(rec))
		}
	}
}

func (r *binReader) byte() byte {
	if r.err || r.i >= r.end {
		r.err = true
		return 0
	}
	b := r.buf[r.i]
	r.i++
	if b > 1 {
		r.err = true
	}
	return b
}

func (r *binReader) uint() uint64 {
	if r.err {
		return 0
	}
	n, size := binary.Uvarint(r.buf[r.i:r.end])
	if size <= 0 {
		r.err = true
		return 0
	}
	r.i += size
	return n
}

// count reads a number of items, each of which takes at least a byte of
// what is left: a forged count cannot ask for more than the payload holds.
func (r *binReader) count() int {
	n := r.uint()
	if n > uint64(r.end-r.i) {
		r.err = true
		return 0
	}
	return int(n)
}

func (r *binReader) str() string {
	n := r.uint()
	if r.err {
		return ""
	}
	size := n >> 2
	switch n & 3 {
	case strSource, strPayload:
		in := r.source
		if n&3 == strPayload {
			in = r.buf[:r.i] // written before
		}
		off := r.uint()
		if r.err || off > uint64(len(in)) || size > uint64(len(in))-off {
			r.err = true
			return ""
		}
		return view(in[off : off+size])
	case strBytes:
	default:
		r.err = true
		return ""
	}
	if size > uint64(r.end-r.i) {
		r.err = true
		return ""
	}
	s := view(r.buf[r.i : r.i+int(size)])
	r.i += int(size)
	return s
}

func (r *binReader) strs() []string {
	n := r.count()
	out := make([]string, 0, n)
	for j := 0; j < n && !r.err; j++ {
		out = append(out, r.str())
	}
	return out
}

func (r *binReader) ints() []int {
	n := r.count()
	out := make([]int, 0, n)
	for j := 0; j < n && !r.err; j++ {
		out = append(out, r.integer())
	}
	return out
}

func (r *binReader) date() Date { return Date(r.str()) }

func (r *binReader) integer() int {
	n := r.uint()
	if n > 1<<31-1 {
		r.err = true
		return 0
	}
	return int(n)
}

func (r *binReader) boolean() bool {
	switch r.uint() {
	case 0:
		return false
	case 1:
		return true
	}
	r.err = true
	return false
}
