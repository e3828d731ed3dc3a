package commands

import (
	"os"
	"path/filepath"
	"testing"

	"envcoop/bench/gen"
	"envcoop/kb"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCacheRoundTrip(t *testing.T) {
	c := &decodeCache{dir: t.TempDir()}
	in := kb.Input{Name: "gen.toml", Data: gen.TOML(300)} // has binding = false and parties = 0
	want, err := kb.Decode(in)
	if err != nil {
		t.Fatal(err)
	}
	first, err := c.decode(in)
	if err != nil {
		t.Fatal(err)
	}
	c.wait()
	entries, _ := filepath.Glob(filepath.Join(c.dir, "*.gob"))
	if len(entries) != 1 {
		t.Fatalf("cache entries: %v", entries)
	}
	cached, ok := c.read(c.key(in))
	if !ok {
		t.Fatal("entry not read back")
	}
	for _, got := range []*kb.KB{first, cached} {
		if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(kb.KB{})); diff != "" {
			t.Fatalf("(-decoded +cached):\n%s", diff)
		}
	}

	// a corrupt, truncated or foreign entry is ignored, and replaced
	path := entries[0]
	good, _ := os.ReadFile(path)
	for name, bad := range map[string][]byte{
		"flipped byte": func() []byte { b := append([]byte{}, good...); b[len(b)-10] ^= 0xff; return b }(),
		"truncated":    good[:len(good)/2],
		"empty":        {},
		"foreign":      []byte("not a cache entry at all"),
	} {
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.read(c.key(in)); ok {
			t.Errorf("%s entry was accepted", name)
		}
		got, err := c.decode(in)
		c.wait()
		if err != nil || cmp.Diff(want, got, cmpopts.IgnoreUnexported(kb.KB{})) != "" {
			t.Errorf("%s entry: decode through the cache failed: %v", name, err)
		}
		if _, ok := c.read(c.key(in)); !ok {
			t.Errorf("%s entry was not replaced", name)
		}
	}

	// another file name or other bytes use another entry
	other := in
	other.Name = "other.toml"
	if c.key(other) == c.key(in) {
		t.Error("the key ignores the file name")
	}
}
