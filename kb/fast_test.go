package kb

import (
	"os"
	"testing"

	"envcoop/bench/gen"

	"github.com/google/go-cmp/cmp"
)

// fastAgrees decodes data both ways: when the fast path accepts it, the
// TOML decoder must give the same records, with no problem.
func fastAgrees(t *testing.T, data []byte) (accepted bool) {
	t.Helper()
	sc, err := scan(data)
	if err != nil {
		return false
	}
	p := cut(data, sc)[0]
	if len(cut(data, sc)) > 1 {
		p = piece{data: data, line: 1, first: map[string]int{}, count: destCounts(sc)}
	}
	fast := destFor(sc)
	if !fastDecode("x.toml", p, sc, fast) {
		return false
	}
	slow, ps, err := p.decodeTOML("x.toml", data, sc)
	if err != nil || len(ps) > 0 {
		t.Fatalf("the fast path accepted what the TOML decoder refuses: %v %v\n%q", err, ps, data)
	}
	if diff := cmp.Diff(slow, fast, cmp.AllowUnexported(KB{})); diff != "" {
		t.Fatalf("the fast path decodes differently (-toml +fast):\n%s\n%q", diff, data)
	}
	return true
}

func destCounts(sc *scanned) map[string]int {
	c := map[string]int{}
	for t, rs := range sc.records {
		c[t] = len(rs)
	}
	return c
}

func TestFastPathTakesOrdinaryData(t *testing.T) {
	builtin, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"themes.toml": builtin, "generated": gen.TOML(500)} {
		if !fastAgrees(t, data) {
			t.Errorf("%s: the fast path gave up", name)
		}
	}
}

func TestFastPathGivesUp(t *testing.T) {
	head := "[[themes]]\nid = \"t\"\n"
	for name, src := range map[string]string{
		"unknown key":           head + "summry = \"x\"\n",
		"repeated key":          head + "id = \"u\"\n",
		"wrong type":            head + "name = 7\n",
		"CRLF":                  "[[themes]]\r\nid = \"t\"\r\n",
		"escaped CR":            head + "name = \"a\\r\\nb\"\n",
		"backslash-newline":     head + "name = \"a\\\nb\"\n",
		"control character":     head + "name = \"a\x01b\"\n",
		"invalid UTF-8":         head + "name = \"a\xffb\"\n",
		"date-time":             "[[agreements]]\nadopted = 1979-11-13T10:00:00\n",
		"quoted key":            head + "\"name\" = \"x\"\n",
		"dotted key":            "[[agreements]]\neu.status = \"party\"\n",
		"inline table":          "[[agreements]]\neu = {status = \"party\"}\n",
		"two [agreements.eu]":   "[[agreements]]\n[agreements.eu]\nstatus = \"party\"\n[agreements.eu]\nsigned = 2000-01-01\n",
		"keys before a record":  "id = \"t\"\n",
		"unknown table":         "[[treaties]]\nid = \"t\"\n",
		"integer with sign":     "[[sdgs]]\nnumber = +5\n",
		"leading zero":          "[[sdgs]]\nnumber = 05\n",
		"unterminated string":   head + "name = \"x\n",
		"unterminated array":    head + "crises = [\"a\",\n",
		"garbage after a value": head + "name = \"x\" y\n",
	} {
		t.Run(name, func(t *testing.T) {
			if fastAgrees(t, []byte(src)) {
				t.Errorf("the fast path accepted %q", src)
			}
		})
	}
}

func FuzzFastDecode(f *testing.F) {
	builtin, err := os.ReadFile("../themes.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(builtin[:min(len(builtin), 20000)])
	f.Add(gen.TOML(3))
	for _, s := range []string{
		"[[themes]]\nid = \"t\"\nname = \"\"\"\nline\\\n   next\"\"\"\"\n",
		"[[themes]]\nid = 't'\nname = '''a''b'''\naliases = [\n  \"x\", # c\n  'y',\n]\n",
		"[[agreements]]\nid = \"a\"\nadopted = \"1989-03\"\nparties = 0\nbinding = false\n[agreements.eu]\nstatus = \"party\"\n[[agreements.sources]]\nurl = \"u\"\nsupports = []\n",
		"[[sdgs]]\nnumber = 6\nname = \"\\u00e9\\U0001F600\\t\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fastAgrees(t, data)
	})
}
