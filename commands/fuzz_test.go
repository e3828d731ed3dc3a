package commands

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"envcoop/kb"
)

func hasControl(s string, allowLayout bool) bool {
	for _, r := range s {
		if allowLayout && (r == '\n' || r == '\t') {
			continue
		}
		if r < 0x20 || r == 0x7f || kb.IsUnsafeRune(r) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// FuzzErrorOutput: whatever the bytes, the loader's error as printed on
// stderr holds no control character but newlines and tabs.
func FuzzErrorOutput(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/fixtures/*.toml")
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("name = \"\x1b]0;x\x07\n"))
	f.Add([]byte("# \x1b[2J\nx = "))
	f.Add([]byte("a = \"\\"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, err := kb.Load([]kb.Input{{Name: "evil\x1b.toml", Data: data}}, kb.LoadOptions{})
		if err == nil {
			return
		}
		var out bytes.Buffer
		s := &state{env: Env{Stderr: &out}}
		s.printError(err)
		// newlines separate lines and tabs align the caret: both are kept
		if hasControl(out.String(), true) {
			t.Fatalf("control character in %q", out.String())
		}
	})
}
