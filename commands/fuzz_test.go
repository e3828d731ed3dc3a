package commands

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"envcoop/kb"
)

func hasControl(s string, allowLayout bool) bool {
	for _, r := range s {
		if allowLayout && (r == '\n' || r == '\t') {
			continue
		}
		if r < 0x20 || r == 0x7f || isUnsafeRune(r) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// FuzzTerminal: the sanitiser lets no control character through and is idempotent.
func FuzzTerminal(f *testing.F) {
	for _, s := range []string{"plain", "a\x1b[2Jb", "\u009b31m", "\u202e", "\xff\xfe", "tab\tnl\n", "Göteborg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, keep := range []bool{false, true} {
			out := Terminal(s, keep)
			if hasControl(out, keep) {
				t.Fatalf("Terminal(%q, %v) = %q has a control character", s, keep, out)
			}
			if again := Terminal(out, keep); again != out {
				t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
			}
		}
	})
}

// FuzzCSV: raw CSV reads back exactly; safe CSV never starts a cell with a
// formula trigger unless it is a plain number.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{"=1+1", "-5", "@SUM(A1)", "a,b\"c\nd", "\tx", "\rx", "+", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the data is UTF-8: TOML rejects anything else
		}
		s = normalizeCR(s) // CRLF is normalised at load
		d := &dataset{columns: []column{{name: "v"}}, rows: [][]any{{s}}}
		for _, raw := range []bool{true, false} {
			var buf bytes.Buffer
			if err := renderCSV(&buf, d, raw); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatalf("raw=%v: %v\n%q", raw, err, buf.String())
			}
			got := recs[1][0]
			if raw {
				// encoding/csv's reader drops or folds carriage returns inside
				// quoted fields, so they are compared without them
				noCR := func(x string) string { return strings.ReplaceAll(strings.ReplaceAll(x, "\r\n", "\n"), "\r", "") }
				if noCR(got) != noCR(s) {
					t.Fatalf("raw round trip: %q -> %q", s, got)
				}
				continue
			}
			if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) && !isNumber(got) {
				t.Fatalf("safe CSV cell %q starts with a trigger", got)
			}
		}
	})
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

// FuzzJSONString: the JSON string writer agrees with encoding/json.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"plain", "q\"b\\s", "\x00\x1f\x7f", "\u2028\u202e\u009b", "\xff", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		writeJSONString(&buf, s)
		var got string
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatalf("%q: %v", buf.String(), err)
		}
		ref, _ := json.Marshal(s)
		var want string
		_ = json.Unmarshal(ref, &want)
		if got != want {
			t.Fatalf("round trip %q -> %q -> %q", s, buf.String(), got)
		}
		if hasControl(buf.String(), false) {
			t.Fatalf("control character in %q", buf.String())
		}
	})
}
