package kb

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"envcoop/bench/gen"

	"github.com/google/go-cmp/cmp"
)

// FuzzLoad feeds any bytes to the loader: it must never panic, and every
// error must name the file.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/fixtures/*.toml")
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(base))
	f.Add([]byte("a = \"\\"))
	f.Add([]byte("[[agreements]]\nid = \"a\"\nparties = -1\n"))
	f.Add([]byte("a = [[[[[[1]]]]]]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, ps, err := Load([]Input{{Name: "fuzz.toml", Data: data}}, LoadOptions{Today: "2026-11-29"})
		var se *SyntaxError
		switch {
		case errors.As(err, &se):
			if se.File != "fuzz.toml" || se.Line < 1 || se.Col < 1 {
				t.Fatalf("syntax error without a position: %+v", se)
			}
		case err != nil:
			if !strings.HasPrefix(err.Error(), "fuzz.toml") {
				t.Fatalf("error does not name the file: %v", err)
			}
		}
		for _, p := range ps {
			if p.File != "fuzz.toml" {
				t.Fatalf("problem without the file: %+v", p)
			}
		}
	})
}

// TestTOMLTestSuiteInvalid feeds the invalid files of the toml-test suite,
// which BurntSushi/toml ships in its module, to the loader: none may panic,
// and every error must carry a position. Checklist B14.
func TestTOMLTestSuiteInvalid(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/BurntSushi/toml").Output()
	if err != nil {
		t.Skipf("cannot locate the toml module: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "internal", "toml-test", "tests", "invalid")
	var files []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".toml") {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Skipf("no toml-test files in %s: %v", dir, err)
	}
	rejected := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Decode(Input{Name: "x.toml", Data: data})
		var se *SyntaxError
		var ps Problems
		switch {
		case errors.As(err, &se):
			rejected++
			if se.Line < 1 || se.Col < 1 {
				t.Errorf("%s: no position: %+v", p, se)
			}
		case errors.As(err, &ps):
			rejected++ // valid TOML, but not the envcoop format
		case err != nil:
			t.Errorf("%s: unexpected error type %T", p, err)
		}
	}
	t.Logf("%d of %d invalid files rejected", rejected, len(files))
}

// FuzzDecodeEntry: whatever the payload of a cache entry, reading it never
// panics, and what it accepts encodes back to a payload that reads as the
// same records (a payload may spell a number in more bytes than needed).
func FuzzDecodeEntry(f *testing.F) {
	source := gen.TOML(3)
	k, _, err := Load([]Input{{Name: "x.toml", Data: source}}, LoadOptions{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(encodeEntry(k, source))
	f.Add([]byte{0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, payload []byte) {
		got, ok := decodeEntry(payload, source, 1000)
		if !ok {
			return
		}
		again, ok := decodeEntry(encodeEntry(got, source), source, 1000)
		if !ok {
			t.Fatalf("its own encoding of an accepted payload is refused: %q", payload)
		}
		if diff := cmp.Diff(got, again, cmp.AllowUnexported(KB{})); diff != "" {
			t.Fatalf("records change through an encoding (-first +second):\n%s", diff)
		}
	})
}
