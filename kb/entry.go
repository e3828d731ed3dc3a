package kb

import (
	"encoding/binary"
)

// A cache entry's payload: the number of records of each kind (in the
// order of Schemas), then each record: its position (line, table, index,
// field lines), then each field its schema reads from TOML, as a presence
// byte and, when present, its value. Strings are a length and their bytes,
// lists a count and their items, tables a count and each table's fields.
// Reading back, strings are views of the payload: it is read into memory
// once and stays there as long as the records.

// encodeEntry writes k's records.
func encodeEntry(k *KB) []byte {
	w := &binWriter{}
	schemas := Schemas()
	for _, s := range schemas {
		w.uint(uint64(s.Len(k)))
	}
	for _, s := range schemas {
		for i := 0; i < s.Len(k); i++ {
			rec := s.Record(k, i)
			p := posOf(rec)
			w.uint(uint64(p.Line))
			w.str(p.Table)
			w.uint(uint64(p.Index))
			w.str(p.Lines)
			w.fields(k, s.Fields, rec)
		}
	}
	return w.buf
}

// decodeEntry reads the records of a payload that holds at most limit.
func decodeEntry(payload []byte, limit int) (*KB, bool) {
	r := &binReader{buf: payload}
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
	k := &KB{
		Themes:     sized[Theme](counts[0])[:counts[0]],
		Agreements: sized[Agreement](counts[1])[:counts[1]],
		Crises:     sized[Crisis](counts[2])[:counts[2]],
		SDGs:       sized[SDG](counts[3])[:counts[3]],
	}
	for si, s := range schemas {
		for i := 0; i < counts[si] && !r.err; i++ {
			rec := s.Record(k, i)
			p := Pos{Line: r.integer(), Table: r.str(), Index: r.integer(), Lines: r.str()}
			setPos(rec, p)
			r.fields(s.Fields, rec)
		}
	}
	if r.err || r.i != len(r.buf) {
		return nil, false
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

type binWriter struct{ buf []byte }

func (w *binWriter) uint(n uint64) { w.buf = binary.AppendUvarint(w.buf, n) }

func (w *binWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
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
	buf []byte
	i   int
	err bool
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
	if r.err || r.i >= len(r.buf) {
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
	n, size := binary.Uvarint(r.buf[r.i:])
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
	if n > uint64(len(r.buf)-r.i) {
		r.err = true
		return 0
	}
	return int(n)
}

func (r *binReader) str() string {
	n := r.count()
	if r.err {
		return ""
	}
	s := view(r.buf[r.i : r.i+n])
	r.i += n
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
