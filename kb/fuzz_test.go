package kb

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		_, ps, err := Load([]Input{{Name: "fuzz.toml", Data: data}}, ValidateOptions{Today: "2026-11-27"})
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
