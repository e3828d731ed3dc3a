package kb

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Cache keeps decoded data files on disk, so that a large file of your own
// is decoded from TOML once and read back quickly on the next runs.
//
// An entry is named by a hash of the exact bytes that were decoded and of
// the program that decoded them (Program), so a changed file or another
// build of envcoop never reads an entry that is not its own. The cache
// decides nothing about validity: records read back are validated like
// freshly decoded ones. An entry is used only when it is a regular file
// owned by the user, no larger than its source allows, holds no more
// records than its source has headers, and its checksum matches; anything
// else is ignored and replaced. Entries are written to a temporary file and
// renamed, so concurrent runs are safe; entries unused for pruneAge are
// removed, as Go's build cache does.
type Cache struct {
	Dir string
	// Program returns the identity of the running program, such as a hash
	// of its executable. It is called once, and only when an input is large
	// enough to be cached.
	Program func() ([]byte, error)

	once    sync.Once
	program []byte

	writing sync.WaitGroup
	mu      sync.Mutex
	temps   map[string]bool // temporary files being written
	aborted bool

	now func() time.Time
}

const (
	cacheMagic = "envcoop cache 5\n"
	// CacheMinBytes is the size from which a file is cached: smaller ones
	// decode faster than an entry is checked.
	CacheMinBytes = 64 << 10
	pruneAge      = 5 * 24 * time.Hour
	pruneEvery    = 24 * time.Hour
	touchAfter    = time.Hour
)

// Wait returns when every entry being written is on disk (or given up).
func (c *Cache) Wait() {
	if c != nil {
		c.writing.Wait()
	}
}

// Abort removes the temporary files of entries being written and stops any
// further writes. It is for a signal that ends the process.
func (c *Cache) Abort() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.aborted = true
	for name := range c.temps {
		_ = os.Remove(name)
	}
	c.temps = nil
}

func (c *Cache) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// key names the entry for an input, or returns false when the program's
// identity cannot be had (and nothing is cached).
func (c *Cache) key(in Input) ([32]byte, bool) {
	c.once.Do(c.identify)
	if c.program == nil {
		return [32]byte{}, false
	}
	d := in.digest()
	h := sha256.New()
	h.Write([]byte(cacheMagic))
	h.Write(c.program)
	h.Write(d[:])
	var k [32]byte
	h.Sum(k[:0])
	return k, true
}

// identify asks the program's identity, once.
func (c *Cache) identify() {
	if c.Program != nil {
		if p, err := c.Program(); err == nil && len(p) > 0 {
			c.program = p
		}
	}
}

func (c *Cache) path(key [32]byte) string {
	return filepath.Join(c.Dir, hexKey(key)+".entry")
}

func hexKey(k [32]byte) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 64)
	for i, x := range k {
		b[2*i], b[2*i+1] = digits[x>>4], digits[x&15]
	}
	return string(b)
}

// marker names the validation marker of inputs on day today, or returns
// false when the program's identity cannot be had.
func (c *Cache) marker(ins []Input, today Date) (string, bool) {
	c.once.Do(c.identify)
	if c.program == nil {
		return "", false
	}
	h := sha256.New()
	h.Write([]byte(cacheMagic + "valid\n"))
	h.Write(c.program)
	fmt.Fprintf(h, "%s\n%d\n", today, len(ins))
	for _, in := range ins {
		d := in.digest()
		h.Write(d[:])
	}
	var k [32]byte
	h.Sum(k[:0])
	return filepath.Join(c.Dir, hexKey(k)+".valid"), true
}

// valid reports whether the marker is there: an empty regular file owned by
// the user (anything else at its path is ignored).
func (c *Cache) valid(marker string) bool {
	f, err := openNonBlocking(marker)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	return err == nil && fi.Mode().IsRegular() && fi.Size() == 0 && ownedByUser(fi)
}

// markValid leaves the marker, atomically; a failure only costs a later
// run a validation.
func (c *Cache) markValid(marker string) {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return
	}
	tmp, err := c.createTemp()
	if err != nil {
		return
	}
	if err := tmp.Close(); err == nil {
		_ = os.Rename(tmp.Name(), marker)
	}
	c.dropTemp(tmp.Name())
}

// maxEntry is the largest entry a source of n bytes can have: the records
// it holds are never much larger than their TOML.
func maxEntry(n int) int64 { return 2*int64(n) + 64<<10 }

// maxRecords bounds the records of a source: each needs its [[header]]
// (or, written inline, at least "{}").
func maxRecords(data []byte) int {
	return bytes.Count(data, []byte("[[")) + bytes.Count(data, []byte("{"))
}

// An entry is: magic, key (32 bytes), payload length (8), CRC-32C of the
// payload (4), then the payload: the number of records of each kind, then
// each record, field by field as its schema declares them (see entry.go).
// Every count and length is checked against what is left of the payload,
// so a forged entry cannot make an allocation larger than itself.

// read returns the records cached for an input, or false.
func (c *Cache) read(in Input) (*KB, bool) {
	data := in.Data
	key, ok := c.key(in)
	if !ok {
		return nil, false
	}
	p := c.path(key)
	// O_NONBLOCK: a FIFO planted at the entry's path must not hang the run.
	f, err := openNonBlocking(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxEntry(len(data)) || !ownedByUser(fi) {
		return nil, false
	}
	raw := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, raw); err != nil {
		return nil, false
	}
	if extra, _ := f.Read(make([]byte, 1)); extra != 0 {
		return nil, false // it grew while being read
	}
	head := len(cacheMagic) + 32 + 8 + 4
	if len(raw) < head || string(raw[:len(cacheMagic)]) != cacheMagic {
		return nil, false
	}
	h := raw[len(cacheMagic):]
	if !bytes.Equal(h[:32], key[:]) {
		return nil, false
	}
	n := binary.BigEndian.Uint64(h[32:40])
	sum := binary.BigEndian.Uint32(h[40:44])
	payload := raw[head:]
	if n != uint64(len(payload)) || crc32.Checksum(payload, crc32.MakeTable(crc32.Castagnoli)) != sum {
		return nil, false
	}
	k, ok := decodeEntry(payload, data, maxRecords(data))
	if !ok {
		return nil, false
	}
	if now := c.clock(); now.Sub(fi.ModTime()) > touchAfter {
		_ = os.Chtimes(p, now, now) // in use: keep it from pruning
	}
	rename(k, in.Name)
	return k, true
}

// rename gives records read back the name their file has in this run.
func rename(k *KB, name string) {
	for i := range k.Themes {
		k.Themes[i].Pos.File = name
	}
	for i := range k.Agreements {
		k.Agreements[i].Pos.File = name
	}
	for i := range k.Crises {
		k.Crises[i].Pos.File = name
	}
	for i := range k.SDGs {
		k.SDGs[i].Pos.File = name
	}
}

// store writes the entry for an input in the background; Wait waits for
// it.
func (c *Cache) store(in Input, k *KB) {
	data := in.Data
	key, ok := c.key(in)
	if !ok {
		return
	}
	c.writing.Add(1)
	go func() {
		defer c.writing.Done()
		_ = c.write(key, k, data)
		c.prune()
	}()
}

func (c *Cache) write(key [32]byte, k *KB, data []byte) error {
	payload := encodeEntry(k, data)
	var head bytes.Buffer
	head.WriteString(cacheMagic)
	head.Write(key[:])
	var n [12]byte
	binary.BigEndian.PutUint64(n[:8], uint64(len(payload)))
	binary.BigEndian.PutUint32(n[8:], crc32.Checksum(payload, crc32.MakeTable(crc32.Castagnoli)))
	head.Write(n[:])
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	tmp, err := c.createTemp()
	if err != nil {
		return err
	}
	_, werr := tmp.Write(head.Bytes())
	if werr == nil {
		_, werr = tmp.Write(payload)
	}
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		c.dropTemp(tmp.Name())
		return err
	}
	err = os.Rename(tmp.Name(), c.path(key))
	c.dropTemp(tmp.Name())
	return err
}

// createTemp makes a temporary file that Abort knows of.
func (c *Cache) createTemp() (*os.File, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.aborted {
		return nil, errors.New("cache: aborted")
	}
	f, err := os.CreateTemp(c.Dir, ".entry-*")
	if err != nil {
		return nil, err
	}
	if c.temps == nil {
		c.temps = map[string]bool{}
	}
	c.temps[f.Name()] = true
	return f, nil
}

// dropTemp removes a temporary file if it is still there.
func (c *Cache) dropTemp(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = os.Remove(name)
	delete(c.temps, name)
}

// prune removes entries unused for pruneAge, and temporary files a killed
// run left, at most once every pruneEvery.
func (c *Cache) prune() {
	now := c.clock()
	mark := filepath.Join(c.Dir, "trim.txt")
	if fi, err := os.Stat(mark); err == nil && now.Sub(fi.ModTime()) < pruneEvery {
		return
	}
	if err := os.WriteFile(mark, []byte(now.UTC().Format(time.RFC3339)+"\n"), 0o600); err != nil {
		return
	}
	_ = os.Chtimes(mark, now, now)
	entries, err := os.ReadDir(c.Dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		entry := (strings.HasSuffix(n, ".entry") || strings.HasSuffix(n, ".valid")) && !strings.HasPrefix(n, ".")
		temp := strings.HasPrefix(n, ".entry-")
		if !entry && !temp {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if age := now.Sub(fi.ModTime()); (entry && age > pruneAge) || (temp && age > touchAfter) {
			_ = os.Remove(filepath.Join(c.Dir, n))
		}
	}
}
