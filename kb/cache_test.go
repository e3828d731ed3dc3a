package kb

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"envcoop/bench/gen"

	"github.com/google/go-cmp/cmp"
)

func testCache(t *testing.T, program string) *Cache {
	t.Helper()
	return &Cache{Dir: t.TempDir(), Program: func() ([]byte, error) { return []byte(program), nil }}
}

// cachedData is a file the fast path gives up on (its lines end in CRLF),
// so that it is decoded by the TOML decoder and cached.
func cachedData() []byte { return bytes.ReplaceAll(gen.TOML(200), []byte("\n"), []byte("\r\n")) }

// loadThrough loads data through c twice, and waits for the entry to be
// written: a first load leaves a validation marker, a second one, finding
// it, writes the entry.
func loadThrough(t *testing.T, c *Cache, name string, data []byte) (*KB, error) {
	t.Helper()
	var k *KB
	var err error
	for range 2 {
		k, _, err = Load([]Input{{Name: name, Data: data}}, LoadOptions{Cache: c, Today: "2026-11-29"})
		c.Wait()
	}
	return k, err
}

// A file loaded once costs no more than its decoding: it leaves a
// validation marker, and only a second load of the same bytes writes its
// entry.
func TestCacheWritesOnTheSecondLoad(t *testing.T) {
	c := testCache(t, "v1")
	data := gen.TOML(200)
	if _, _, err := Load([]Input{{Name: "a.toml", Data: data}}, LoadOptions{Cache: c, Today: "2026-11-29"}); err != nil {
		t.Fatal(err)
	}
	c.Wait()
	markers, _ := filepath.Glob(filepath.Join(c.Dir, "*.valid"))
	if len(entries(t, c.Dir)) != 0 || len(markers) != 1 {
		t.Fatalf("after one load: %d entries, %d markers; want 0 and 1", len(entries(t, c.Dir)), len(markers))
	}
	if _, err := loadThrough(t, c, "a.toml", data); err != nil {
		t.Fatal(err)
	}
	if len(entries(t, c.Dir)) != 1 {
		t.Errorf("after more loads: %d entries, want 1", len(entries(t, c.Dir)))
	}
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*.entry"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Files on the fast path are cached too: reading an entry back is faster
// than decoding, and gives the same records.
func TestCacheTakesFastAndSlowFiles(t *testing.T) {
	c := testCache(t, "v1")
	for i, data := range [][]byte{gen.TOML(200), cachedData()} {
		want, err := loadThrough(t, c, "a.toml", data)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(entries(t, c.Dir)); n != i+1 {
			t.Fatalf("%d entries, want %d", n, i+1)
		}
		got, ok := c.read(Input{Name: "a.toml", Data: data})
		if !ok {
			t.Fatal("no entry")
		}
		want.files = nil
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(KB{})); diff != "" {
			t.Errorf("records read back differ (-decoded +cached):\n%s", diff)
		}
	}
}

func TestCacheRoundTrip(t *testing.T) {
	c := testCache(t, "v1")
	data := cachedData()
	want, err := loadThrough(t, c, "a.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := c.read(Input{Name: "b.toml", Data: data})
	if !ok {
		t.Fatal("no entry")
	}
	for i := range want.Agreements {
		want.Agreements[i].Pos.File = "b.toml" // records take the name of this run
	}
	want.files = nil
	if string(EncodeTOML(got)) != string(EncodeTOML(want)) || got.Agreements[7].Pos != want.Agreements[7].Pos {
		t.Error("records read back differ from those decoded")
	}
}

// Issue 10, finding 3: entries are keyed by the program too, so another
// build (another decoder, another set of rules) never reads them.
func TestCacheEntriesBelongToTheirProgram(t *testing.T) {
	c := testCache(t, "v1")
	data := cachedData()
	if _, err := loadThrough(t, c, "a.toml", data); err != nil {
		t.Fatal(err)
	}
	other := &Cache{Dir: c.Dir, Program: func() ([]byte, error) { return []byte("v2"), nil }}
	if _, ok := other.read(Input{Name: "a.toml", Data: data}); ok {
		t.Error("another program read the entry")
	}
	none := &Cache{Dir: c.Dir, Program: func() ([]byte, error) { return nil, os.ErrNotExist }}
	if _, ok := none.read(Input{Name: "a.toml", Data: data}); ok {
		t.Error("a program of unknown identity read the entry")
	}
}

// Issue 10, finding 1: records read back are validated like decoded ones,
// so a problem is reported every time, at the same line.
func TestCacheNeverHidesProblems(t *testing.T) {
	c := testCache(t, "v1")
	data := bytes.Replace(cachedData(), []byte(`type = "protocol"`), []byte(`type = "bogus"`), 1)
	if bytes.Equal(data, cachedData()) {
		t.Fatal("no protocol to make bogus")
	}
	var first string
	for run := range 3 {
		_, err := loadThrough(t, c, "-", data)
		if err == nil || !strings.Contains(err.Error(), `type: "bogus" is not one of`) {
			t.Fatalf("run %d: got %v", run+1, err)
		}
		if run == 0 {
			first = err.Error()
		} else if err.Error() != first {
			t.Errorf("run %d reports\n%v\nnot\n%v", run+1, err, first)
		}
	}
	if len(entries(t, c.Dir)) != 0 {
		t.Error("invalid data was cached: it never gets a marker, so never an entry")
	}
}

// Issue 10, finding 4: only a regular file owned by the user, within the
// size its source allows and with no more records than its source can
// hold, is read.
func TestCacheRefusesWhatItDidNotWrite(t *testing.T) {
	data := cachedData()
	path := func(c *Cache) string {
		k, _ := c.key(Input{Data: data})
		return c.path(k)
	}
	t.Run("FIFO", func(t *testing.T) {
		c := testCache(t, "v1")
		if err := syscall.Mkfifo(path(c), 0o600); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		done := make(chan bool)
		go func() { _, ok := c.read(Input{Name: "a.toml", Data: data}); done <- ok }()
		select {
		case ok := <-done:
			if ok {
				t.Error("read a FIFO")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("reading a FIFO entry hangs")
		}
	})
	t.Run("too many records for the source", func(t *testing.T) {
		c := testCache(t, "v1")
		small := []byte("[[themes]]\nid = \"t\"\nname = \"T\"\nsummary = \"s\"\n")
		forged := &KB{Agreements: make([]Agreement, 1000)}
		k, _ := c.key(Input{Data: small})
		if err := c.write(k, forged, small); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.read(Input{Name: "a.toml", Data: small}); ok {
			t.Error("read an entry with more records than its source has headers")
		}
	})
	t.Run("larger than its source allows", func(t *testing.T) {
		c := testCache(t, "v1")
		small := []byte("[[themes]]\nid = \"t\"\nname = \"T\"\nsummary = \"s\"\n[[agreements]]\n")
		big := &KB{Themes: []Theme{{ID: "t", Summary: strings.Repeat("x", int(maxEntry(len(small))))}}}
		k, _ := c.key(Input{Data: small})
		if err := c.write(k, big, small); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.read(Input{Name: "a.toml", Data: small}); ok {
			t.Error("read an entry larger than its source allows")
		}
	})
	t.Run("owned by another user", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("needs root to give the entry away")
		}
		c := testCache(t, "v1")
		if _, err := loadThrough(t, c, "a.toml", data); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(path(c), 65534, 65534); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.read(Input{Name: "a.toml", Data: data}); ok {
			t.Error("read an entry owned by another user")
		}
	})
	t.Run("corrupt, then replaced", func(t *testing.T) {
		c := testCache(t, "v1")
		if _, err := loadThrough(t, c, "a.toml", data); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(path(c))
		if err != nil {
			t.Fatal(err)
		}
		raw[len(raw)-3] ^= 0xff
		if err := os.WriteFile(path(c), raw, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.read(Input{Name: "a.toml", Data: data}); ok {
			t.Fatal("read a corrupt entry")
		}
		if _, err := loadThrough(t, c, "a.toml", data); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.read(Input{Name: "a.toml", Data: data}); !ok {
			t.Error("the corrupt entry was not replaced")
		}
	})
}

// Issue 10, finding 8: a signal removes the temporary file being written,
// and no write starts after it.
func TestCacheAbortRemovesTemporaryFiles(t *testing.T) {
	c := testCache(t, "v1")
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	tmp, err := c.createTemp()
	if err != nil {
		t.Fatal(err)
	}
	tmp.Close()
	c.Abort()
	if _, err := os.Stat(tmp.Name()); !os.IsNotExist(err) {
		t.Errorf("temporary file left: %v", err)
	}
	k, _ := c.key(Input{Data: cachedData()})
	if err := c.write(k, &KB{}, cachedData()); err == nil {
		t.Error("wrote after Abort")
	}
	if m, _ := filepath.Glob(filepath.Join(c.Dir, ".entry-*")); len(m) != 0 {
		t.Errorf("left %v", m)
	}
}

// Issue 10, finding 8: entries unused for five days, and temporary files a
// killed run left, are pruned, at most once a day.
func TestCachePrunes(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	c := testCache(t, "v1")
	c.now = func() time.Time { return now }
	old, fresh, temp := filepath.Join(c.Dir, "old.entry"), filepath.Join(c.Dir, "fresh.entry"), filepath.Join(c.Dir, ".entry-123")
	for _, f := range []string{old, fresh, temp} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_ = os.Chtimes(old, now.Add(-6*24*time.Hour), now.Add(-6*24*time.Hour))
	_ = os.Chtimes(fresh, now.Add(-4*24*time.Hour), now.Add(-4*24*time.Hour))
	_ = os.Chtimes(temp, now.Add(-2*time.Hour), now.Add(-2*time.Hour))
	c.prune()
	for f, want := range map[string]bool{old: false, fresh: true, temp: false} {
		if _, err := os.Stat(f); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(f), err == nil, want)
		}
	}
	// within a day of the last pruning nothing is looked at
	_ = os.Chtimes(fresh, now.Add(-9*24*time.Hour), now.Add(-9*24*time.Hour))
	c.prune()
	if _, err := os.Stat(fresh); err != nil {
		t.Error("pruned twice in a day")
	}
}

// The validation marker: a run that trusts it skips validation only for the
// same bytes, read by the same program, on the same day; invalid data never
// gets one, and anything but an empty regular file at its path is ignored.
func TestValidationMarker(t *testing.T) {
	// valid, with a warning (an as_of more than two years old) that shows
	// whether validation ran
	data := bytes.Replace(gen.TOML(200), []byte("as_of = 2026-11-01"), []byte("as_of = 2020-01-01"), 1)
	load := func(c *Cache, today Date, trust bool, d []byte) (Problems, error) {
		t.Helper()
		_, ps, err := Load([]Input{{Name: "a.toml", Data: d}}, LoadOptions{Cache: c, Today: today, Trust: trust})
		c.Wait()
		return ps, err
	}
	c := testCache(t, "v1")
	if ps, err := load(c, "2026-11-29", false, data); err != nil || len(ps.Warnings()) == 0 {
		t.Fatalf("first run: %v, %d warnings", err, len(ps.Warnings()))
	}
	if ps, _ := load(c, "2026-11-29", true, data); len(ps) != 0 {
		t.Errorf("a trusting run validated again: %v", ps)
	}
	if ps, _ := load(c, "2026-11-29", false, data); len(ps.Warnings()) == 0 {
		t.Error("a run that does not trust the marker skipped validation")
	}
	if ps, _ := load(c, "2026-11-30", true, data); len(ps.Warnings()) == 0 {
		t.Error("a marker of another day was trusted")
	}
	other := &Cache{Dir: c.Dir, Program: func() ([]byte, error) { return []byte("v2"), nil }}
	if ps, _ := load(other, "2026-11-29", true, data); len(ps.Warnings()) == 0 {
		t.Error("another program trusted the marker")
	}
	changed := bytes.Replace(data, []byte("Agreement 7 "), []byte("Agreement 8 "), 1)
	if ps, _ := load(c, "2026-11-29", true, changed); len(ps.Warnings()) == 0 {
		t.Error("a marker of other bytes was trusted")
	}

	bad := bytes.Replace(data, []byte(`type = "protocol"`), []byte(`type = "bogus"`), 1)
	fresh := testCache(t, "v1")
	for run := range 2 {
		if _, err := load(fresh, "2026-11-29", true, bad); err == nil {
			t.Fatalf("run %d: invalid data passed", run+1)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(fresh.Dir, "*.valid")); len(m) != 0 {
		t.Errorf("invalid data got a marker: %v", m)
	}

	forged := testCache(t, "v1")
	marker, _ := forged.marker([]Input{{Data: data}}, "2026-11-29")
	for name, plant := range map[string]func() error{
		"non-empty file": func() error { return os.WriteFile(marker, []byte("x"), 0o600) },
		"directory":      func() error { return os.Mkdir(marker, 0o700) },
		"FIFO":           func() error { return syscall.Mkfifo(marker, 0o600) },
	} {
		os.RemoveAll(marker)
		if err := plant(); err != nil {
			t.Fatal(err)
		}
		if forged.valid(marker) {
			t.Errorf("%s at the marker's path was trusted", name)
		}
	}
}

// An entry holds offsets into its source for the strings written there as
// they are, so it is a fraction of the source's size; read back, block by
// block on every core, its records are views of the source, and an offset
// past the source refuses the entry.
func TestEntryPointsIntoItsSource(t *testing.T) {
	data := gen.TOML(2500) // three blocks of records
	k, _, err := Load([]Input{{Name: "a.toml", Data: data}}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	payload := encodeEntry(k, data)
	if len(payload) > len(data)/4 {
		t.Errorf("entry is %d bytes for a source of %d", len(payload), len(data))
	}
	got, ok := decodeEntry(payload, data, maxRecords(data))
	if !ok {
		t.Fatal("its own entry is refused")
	}
	rename(got, "a.toml") // as Cache.read does
	got.files = k.files
	if diff := cmp.Diff(k, got, cmp.AllowUnexported(KB{})); diff != "" {
		t.Errorf("records change through the entry (-decoded +read back):\n%s", diff)
	}
	if _, ok := within(data, got.Agreements[0].Name); !ok {
		t.Error("a name read back is not a view of the source")
	}
	if _, ok := decodeEntry(payload, data[:len(data)/2], maxRecords(data)); ok {
		t.Error("read an entry whose strings lie past the end of its source")
	}
}
