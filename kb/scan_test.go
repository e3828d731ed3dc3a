package kb

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"envcoop/bench/gen"
)

// The inputs of issue 10, finding 5: small files that made the decoder
// allocate gigabytes. Each must be refused, with its line, before the
// decoder sees it.
func TestScanRefusesKeyPathsBeyondTheFileSize(t *testing.T) {
	longHeader := `["` + strings.Repeat("x", 1<<20) + "\"]\n"
	var keys strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&keys, "k%d = 1\n", i)
	}
	dotted := strings.TrimSuffix(strings.Repeat("k.", 31), ".")
	nested := dotted + " = " + strings.Repeat("{"+dotted+" = ", 31) + "1" + strings.Repeat("}", 31)
	var deep strings.Builder
	for i := range 100 {
		fmt.Fprintf(&deep, "[t%d]\n%s\n", i, nested)
	}
	for name, src := range map[string]string{
		"a 1 MiB table name, then 20,000 keys":            longHeader + keys.String(),
		"a 1 MiB table name, then 2,000 keys":             longHeader + keys.String()[:keys.Len()/10],
		"31 inline levels behind 31-part keys, 100 lines": deep.String(),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(Input{Name: "big.toml", Data: []byte(src)})
			var se *SyntaxError
			if !errors.As(err, &se) || !strings.Contains(se.Message, "keys too long") || se.Line < 1 {
				t.Fatalf("want a refusal with its line, got %v", err)
			}
		})
	}
}

// Ordinary data stays far inside the budget.
func TestScanBudgetLeavesRoomForRealData(t *testing.T) {
	data := gen.TOML(2000)
	sc := &scanner{s: data, line: 1, split: true, out: &scanned{records: map[string][]*recordLines{}, top: map[string]int{}}}
	sc.maxBytes, sc.maxParts = keyBudget(len(data))
	sc.top()
	if sc.err != nil {
		t.Fatal(sc.err)
	}
	if sc.pathBytes*2 > sc.maxBytes || sc.pathParts*2 > sc.maxParts {
		t.Errorf("ordinary data uses over half the budget: %d/%d bytes, %d/%d parts", sc.pathBytes, sc.maxBytes, sc.pathParts, sc.maxParts)
	}
}

// Issue 10, finding 7: a multi-line string holding a line "[[agreements]]"
// must not shift the lines of later entries.
func TestLinesSurviveHeadersInsideMultilineStrings(t *testing.T) {
	src := `[[agreements]]
id = "a"
summary = """
[[agreements]]
[agreements.eu]
"""
name = "A"
[[agreements]]
id = "b"
name = 7
`
	_, err := Decode(Input{Name: "x.toml", Data: []byte(src)})
	if err == nil || err.Error() != `x.toml:10: agreement #2 "b": name: want a string, got an integer` {
		t.Fatalf("got %v", err)
	}
}

// Issue 10, finding 7: an unknown key is one problem among the others.
func TestUnknownKeyDoesNotHideOtherProblems(t *testing.T) {
	src := `[[themes]]
id = "t"
name = "T"
summary = "s"
summry = "typo"

[[agreements]]
id = "t"
name = "A"
type = "protocl"
status = "in-force"
themes = ["t"]
[[agreements.sources]]
url = "https://example.org"
`
	_, ps, err := Load([]Input{{Name: "x.toml", Data: []byte(src)}}, LoadOptions{})
	if err == nil {
		t.Fatal("no error")
	}
	var got []string
	for _, p := range ps.Errors() {
		got = append(got, p.String())
	}
	want := []string{
		`x.toml:5: theme #1 "t": unknown key "summry" (did you mean "summary"?)`,
		`x.toml:8: agreement #1 "t": id: "t" is already defined at x.toml:1`,
		`x.toml:10: agreement #1 "t": type: "protocl" is not one of convention, protocol, amendment, agreement, framework, decision, resolution, regulation, action-plan, partnership, panel, conference, negotiation (did you mean "protocol"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A large file decodes in pieces: the records, their order, their lines and
// their problems are those of decoding it whole.
func TestPiecesDecodeLikeTheWhole(t *testing.T) {
	data := append(gen.TOML(3000), "\n[[agreements]]\nid = \"late\"\nname = 5\n"...)
	sc, err := scan(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(cut(data, sc)) < 2 && len(data) >= 2*minPiece {
		t.Skip("one core: no pieces")
	}
	whole := piece{data: data, line: 1, first: map[string]int{}}
	wk, wps, err := whole.decode("x.toml", data, sc)
	if err != nil {
		t.Fatal(err)
	}
	k, ps, err := decode(Input{Name: "x.toml", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	wps.Sort()
	if fmt.Sprint(ps) != fmt.Sprint(wps) || len(ps) != 1 {
		t.Errorf("problems: pieces %v, whole %v", ps, wps)
	}
	if len(k.Agreements) != len(wk.Agreements) {
		t.Fatalf("%d agreements, want %d", len(k.Agreements), len(wk.Agreements))
	}
	for i := range k.Agreements {
		if k.Agreements[i].ID != wk.Agreements[i].ID || k.Agreements[i].Pos != wk.Agreements[i].Pos {
			t.Fatalf("agreement %d: %+v, want %+v", i, k.Agreements[i].Pos, wk.Agreements[i].Pos)
		}
	}
}

func TestLineOf(t *testing.T) {
	p := Pos{Line: 10, Lines: "name=1;eu=5;eu.status=6;sources[2]=9;sources[2].url=10"}
	for field, want := range map[string]int{
		"name": 11, "eu.status": 16, "eu.joined": 15, "sources[2].url": 20, "sources[2].title": 19,
		"sources[3].url": 10, "summary": 10, "": 10,
	} {
		if got := p.LineOf(field); got != want {
			t.Errorf("LineOf(%q) = %d, want %d", field, got, want)
		}
	}
}
