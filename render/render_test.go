package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"strings"
	"testing"
	"unicode/utf8"

	"envcoop/kb"

	"github.com/google/go-cmp/cmp"
)

// -update is accepted by every package so that 'go test ./... -update' works.
var _ = flag.Bool("update", false, "no golden files here")

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

func TestTerminal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\x1b]0;pwned\x07b", `a\x1b]0;pwned\x07b`},
		{"a\u009bb", `a\u009bb`},
		{"evil\u202eexe", `evil\u202eexe`},
		{"tab\tand\nnewline", `tab\tand\nnewline`},
		{"cr\rx", `cr\rx`},
		{"bad \xff byte", `bad \xff byte`},
		{"Göteborg", "Göteborg"},
	}
	for _, tt := range tests {
		if got := Terminal(tt.in, false); got != tt.want {
			t.Errorf("Terminal(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Terminal(Terminal(tt.in, false), false); got != tt.want {
			t.Errorf("Terminal is not idempotent on %q", tt.in)
		}
	}
	if got := Terminal("a\n\tb\x1b", true); got != "a\n\tb\\x1b" {
		t.Errorf("keepLayout: %q", got)
	}
}

func TestCSVSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+1+2", "'+1+2"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"-5", "-5"},
		{"+3.25", "+3.25"},
		{"plain", "plain"},
		{" =1", "' =1"},
		{"\u00a0=1", "'\u00a0=1"},
		{"\x00=1", "'\x00=1"},
		{"\n=1", "'\n=1"},
		{"\v=1", "'\v=1"},
		{"\f=1", "'\f=1"},
		{"＝1+1", "'＝1+1"},
		{"＋1", "'＋1"},
		{"＠SUM(A1)", "'＠SUM(A1)"},
		{"  -5", "'  -5"},
		{"a=1", "a=1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CSVSafe(tt.in); got != tt.want {
			t.Errorf("CSVSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	d := &Set{Columns: []Column{{Name: "a"}, {Name: "b", List: true}}, Rows: []Row{
		{"x, \"quoted\"\nline", []string{"p;q", "r"}},
		{"=1+1", nil},
	}}
	for _, raw := range []bool{true, false} {
		var buf bytes.Buffer
		if err := writeCSV(&buf, d, Options{Raw: raw}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"a", "b"}, {"x, \"quoted\"\nline", `p\;q;r`}, {"=1+1", ""}}
		if !raw {
			want[2][0] = "'=1+1"
		}
		if diff := cmp.Diff(want, recs); diff != "" {
			t.Errorf("raw=%v (-want +got):\n%s", raw, diff)
		}
	}
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
		s = strings.ReplaceAll(s, "\r\n", "\n") // CRLF is normalised at load
		d := &Set{Columns: []Column{{Name: "v"}}, Rows: []Row{{s}}}
		for _, raw := range []bool{true, false} {
			var buf bytes.Buffer
			if err := writeCSV(&buf, d, Options{Raw: raw}); err != nil {
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
			if got != "" && got[0] != '\'' && CSVSafe(got) != got {
				t.Fatalf("safe CSV cell %q starts with a trigger", got)
			}
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
