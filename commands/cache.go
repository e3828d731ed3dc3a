package commands

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sync"

	"envcoop/kb"
)

// The cache keeps decoded data files, so that a large file of your own is
// decoded from TOML once and read back quickly on the next runs. An entry
// is named by a hash of the file's name and bytes and of the shape of the
// decoded types, so a changed file, a renamed one or a new envcoop never
// reads a stale entry. Each entry carries a checksum: a corrupt, truncated
// or foreign entry is ignored (and replaced). Entries are written to a
// temporary file and renamed, so concurrent runs are safe.
//
// Location: ENVCOOP_CACHE_DIR, else the user cache directory
// ($XDG_CACHE_HOME/envcoop or ~/.cache/envcoop). --no-cache or a non-empty
// ENVCOOP_NO_CACHE turns it off. Files under cacheMinBytes are not cached:
// they decode faster than a cache entry is checked.

const (
	cacheMagic    = "envcoop cache 2\n"
	cacheMinBytes = 64 << 10
)

type decodeCache struct {
	dir     string
	schema  [32]byte // hash of the decoded types' shape
	keys    map[string][32]byte
	writing sync.WaitGroup // entries written while the command runs
}

// wait returns when every entry being written is on disk (or given up).
func (c *decodeCache) wait() {
	if c != nil {
		c.writing.Wait()
	}
}

// cache returns the cache to use, or nil when caching is off or no
// directory is available.
func (s *state) cache() *decodeCache {
	if s.noCache || s.env.Getenv("ENVCOOP_NO_CACHE") != "" {
		return nil
	}
	dir := s.env.Getenv("ENVCOOP_CACHE_DIR")
	switch {
	case dir != "":
	case s.env.Getenv("XDG_CACHE_HOME") != "":
		dir = filepath.Join(s.env.Getenv("XDG_CACHE_HOME"), "envcoop")
	case s.env.Getenv("HOME") != "":
		dir = filepath.Join(s.env.Getenv("HOME"), ".cache", "envcoop")
	default:
		return nil
	}
	return &decodeCache{dir: dir, schema: sha256.Sum256([]byte(typeShape(reflect.TypeOf(kb.KB{}), map[reflect.Type]bool{})))}
}

// typeShape describes a type's exported structure, so that a change to the
// model makes old entries unreadable by key.
func typeShape(t reflect.Type, seen map[reflect.Type]bool) string {
	switch t.Kind() {
	case reflect.Struct:
		if seen[t] {
			return t.Name()
		}
		seen[t] = true
		s := t.Name() + "{"
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() {
				s += f.Name + " " + typeShape(f.Type, seen) + ";"
			}
		}
		return s + "}"
	case reflect.Slice:
		return "[]" + typeShape(t.Elem(), seen)
	case reflect.Pointer:
		return "*" + typeShape(t.Elem(), seen)
	}
	return t.String()
}

func (c *decodeCache) key(in kb.Input) [32]byte {
	if k, ok := c.keys[in.Name]; ok {
		return k
	}
	h := c.hasher(in)
	h.Write(in.Data)
	return c.remember(in, h)
}

// fileKey is key for a file not read yet: it hashes the file as a stream.
func (c *decodeCache) fileKey(in kb.Input) ([32]byte, error) {
	if k, ok := c.keys[in.Name]; ok {
		return k, nil
	}
	f, err := os.Open(in.Name)
	if err != nil {
		return [32]byte{}, err
	}
	defer f.Close()
	h := c.hasher(in)
	if _, err := io.Copy(h, f); err != nil {
		return [32]byte{}, fmt.Errorf("%s: %w", in.Name, err)
	}
	return c.remember(in, h), nil
}

func (c *decodeCache) hasher(in kb.Input) hash.Hash {
	h := sha256.New()
	h.Write([]byte(cacheMagic))
	h.Write(c.schema[:])
	fmt.Fprintf(h, "%d:%s", len(in.Name), in.Name)
	return h
}

func (c *decodeCache) remember(in kb.Input, h hash.Hash) [32]byte {
	var k [32]byte
	h.Sum(k[:0])
	if c.keys == nil {
		c.keys = map[string][32]byte{}
	}
	c.keys[in.Name] = k
	return k
}

// validated reports whether these inputs, together, were found valid on
// this day before; markValidated records it. Validation of a large file
// costs as much as reading it from the cache, and its result depends only
// on the inputs and the date.
func (c *decodeCache) validated(ins []kb.Input, today kb.Date) bool {
	if c == nil {
		return false
	}
	_, err := os.Stat(c.markerPath(ins, today))
	return err == nil
}

func (c *decodeCache) markValidated(ins []kb.Input, today kb.Date) {
	if c == nil {
		return
	}
	if err := os.MkdirAll(c.dir, 0o755); err == nil {
		if f, err := os.Create(c.markerPath(ins, today)); err == nil {
			_ = f.Close()
		}
	}
}

func (c *decodeCache) markerPath(ins []kb.Input, today kb.Date) string {
	h := sha256.New()
	h.Write([]byte(cacheMagic + "valid\n" + string(today) + "\n"))
	for _, in := range ins {
		k := c.key(in)
		h.Write(k[:])
	}
	return filepath.Join(c.dir, fmt.Sprintf("%x.valid", h.Sum(nil)))
}

func (c *decodeCache) path(key [32]byte) string {
	return filepath.Join(c.dir, fmt.Sprintf("%x.gob", key))
}

// decode is kb.Decode through the cache. Only files that decode without a
// problem are cached; anything else goes to kb.Decode every time, so that
// errors are always reported in full.
func (c *decodeCache) decode(in kb.Input) (*kb.KB, error) {
	k, _, err := c.lookup(in)
	return k, err
}

// lookup is decode that also reports whether the records came from the
// cache (and so know their entries' lines but not their fields').
func (c *decodeCache) lookup(in kb.Input) (*kb.KB, bool, error) {
	if c == nil || len(in.Data) < cacheMinBytes {
		k, err := kb.Decode(in)
		return k, false, err
	}
	key := c.key(in)
	if k, ok := c.read(key); ok {
		return k, true, nil
	}
	k, err := kb.Decode(in)
	if err == nil {
		// Best effort, and on the other core while the command renders its
		// output (the data is only read from now on); Run waits for it.
		c.writing.Add(1)
		go func() {
			defer c.writing.Done()
			c.write(key, k)
		}()
	}
	return k, false, err
}

// An entry is: magic, key (32 bytes), payload length (8), CRC-32C of the
// payload (4), then the payload, gob-encoded. It is read as a stream, so
// that a large entry is never held in memory twice.
func (c *decodeCache) read(key [32]byte) (*kb.KB, bool) {
	f, err := os.Open(c.path(key))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	head := make([]byte, len(cacheMagic)+32+8+4)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(cacheMagic)]) != cacheMagic {
		return nil, false
	}
	p := head[len(cacheMagic):]
	if !bytes.Equal(p[:32], key[:]) {
		return nil, false
	}
	n := binary.BigEndian.Uint64(p[32:40])
	sum := binary.BigEndian.Uint32(p[40:44])
	crc := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	payload := io.TeeReader(io.LimitReader(r, int64(n)), crc)
	var w cacheWire
	if err := gob.NewDecoder(payload).Decode(&w); err != nil || w.KB == nil {
		return nil, false
	}
	// the whole payload, and nothing after it, must have been there
	if rest, err := io.Copy(io.Discard, payload); err != nil || rest != 0 {
		return nil, false
	}
	if extra, _ := r.Read(make([]byte, 1)); extra != 0 || crc.Sum32() != sum {
		return nil, false
	}
	return w.restore()
}

// cacheWire is what an entry holds. gob does not send a pointer to a zero
// value (binding = false, parties = 0): those are listed apart and restored.
type cacheWire struct {
	KB           *kb.KB
	FalseBinding []int // indexes of agreements with binding = false
	ZeroParties  []int // indexes of agreements with parties = 0
}

func newCacheWire(k *kb.KB) cacheWire {
	w := cacheWire{KB: k}
	for i, a := range k.Agreements {
		if a.Binding != nil && !*a.Binding {
			w.FalseBinding = append(w.FalseBinding, i)
		}
		if a.Parties != nil && *a.Parties == 0 {
			w.ZeroParties = append(w.ZeroParties, i)
		}
	}
	return w
}

func (w cacheWire) restore() (*kb.KB, bool) {
	n := len(w.KB.Agreements)
	for _, i := range w.FalseBinding {
		if i < 0 || i >= n {
			return nil, false
		}
		f := false
		w.KB.Agreements[i].Binding = &f
	}
	for _, i := range w.ZeroParties {
		if i < 0 || i >= n {
			return nil, false
		}
		z := 0
		w.KB.Agreements[i].Parties = &z
	}
	return w.KB, true
}

func (c *decodeCache) write(key [32]byte, k *kb.KB) {
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(newCacheWire(k)); err != nil {
		return
	}
	var buf bytes.Buffer
	buf.Grow(payload.Len() + 128)
	buf.WriteString(cacheMagic)
	buf.Write(key[:])
	var n [12]byte
	binary.BigEndian.PutUint64(n[:8], uint64(payload.Len()))
	binary.BigEndian.PutUint32(n[8:], crc32.Checksum(payload.Bytes(), crc32.MakeTable(crc32.Castagnoli)))
	buf.Write(n[:])
	buf.Write(payload.Bytes())
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(c.dir, ".entry-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp.Name())
		return
	}
	if err := os.Rename(tmp.Name(), c.path(key)); err != nil {
		_ = os.Remove(tmp.Name())
	}
}
