package render

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// treeSet is vienna > montreal > (london, kigali), and a lone record; the
// children column's Sub is the set's own columns.
func treeSet() *Set {
	cols := []Column{{Name: "id", Role: ID, Text: true}, {Name: "name"}, {Name: "children", List: true}}
	cols[2].Sub = cols
	node := func(id, name string, kids ...Row) Row {
		var k any
		if len(kids) > 0 {
			k = []Row(kids)
		}
		return Row{id, name, k}
	}
	return &Set{Kind: "node", Plural: "nodes", Columns: cols, Rows: []Row{
		node("vienna", "Vienna Convention", node("montreal", "Montreal Protocol",
			node("london", "London Amendment"), node("kigali", "Kigali Amendment"))),
		node("lone", `A "lone" <b>#1</b> & \ more`),
	}}
}

func TestTree(t *testing.T) {
	st := TreeStyle{Children: "children", ChildIDs: true}
	for _, tt := range []struct {
		name  string
		o     Options
		ascii bool
		want  string
	}{
		{"table", Options{Format: Table}, false, `vienna  Vienna Convention
└── montreal  Montreal Protocol
    ├── london  London Amendment
    └── kigali  Kigali Amendment

lone  A "lone" <b>#1</b> & \ more
`},
		{"ascii", Options{Format: Table}, true, "vienna  Vienna Convention\n`-- montreal  Montreal Protocol\n    |-- london  London Amendment\n    `-- kigali  Kigali Amendment\n\nlone  A \"lone\" <b>#1</b> & \\ more\n"},
		// a line too long continues under its text, after the branch down
		{"wrapped", Options{Format: Table, Width: 26}, false, `vienna  Vienna
│   Convention
└── montreal  Montreal
    │   Protocol
    ├── london  London
    │       Amendment
    └── kigali  Kigali
            Amendment

lone  A "lone"
    <b>#1</b> & \ more
`},
		{"markdown", Options{Format: Markdown}, false, `- **vienna** Vienna Convention
  - **montreal** Montreal Protocol
    - **london** London Amendment
    - **kigali** Kigali Amendment
- **lone** A "lone" \<b\>#1\</b\> \& \\ more
`},
		{"dot", Options{Format: DOT}, false, `digraph envcoop {
  rankdir=LR;
  node [shape=box];
  n1 [label="vienna\nVienna Convention"];
  n2 [label="montreal\nMontreal Protocol"];
  n1 -> n2;
  n3 [label="london\nLondon Amendment"];
  n2 -> n3;
  n4 [label="kigali\nKigali Amendment"];
  n2 -> n4;
  n5 [label="lone\nA \"lone\" <b>#1</b> & \\ more"];
}
`},
		{"mermaid", Options{Format: Mermaid}, false, `flowchart LR
  n1["vienna<br>Vienna Convention"]
  n2["montreal<br>Montreal Protocol"]
  n1 --> n2
  n3["london<br>London Amendment"]
  n2 --> n3
  n4["kigali<br>Kigali Amendment"]
  n2 --> n4
  n5["lone<br>A #34;lone#34; #60;b#62;#35;1#60;/b#62; #38; \ more"]
`},
		{"tsv", Options{Format: TSV}, false, "vienna\tVienna Convention\tmontreal\nmontreal\tMontreal Protocol\tlondon;kigali\nlondon\tLondon Amendment\t\nkigali\tKigali Amendment\t\nlone\tA \"lone\" <b>#1</b> & \\\\ more\t\n"},
		{"json", Options{Format: NDJSON}, false, `{"id":"vienna","name":"Vienna Convention","children":[{"id":"montreal","name":"Montreal Protocol","children":[{"id":"london","name":"London Amendment","children":[]},{"id":"kigali","name":"Kigali Amendment","children":[]}]}]}
{"id":"lone","name":"A \"lone\" <b>#1</b> & \\ more","children":[]}
`},
	} {
		st.ASCII = tt.ascii
		got, err := Tree(treeSet(), st, tt.o)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, string(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestTreeColoursIDs(t *testing.T) {
	got, err := Tree(treeSet(), TreeStyle{Children: "children"}, Options{Format: Table, Color: true})
	if err != nil {
		t.Fatal(err)
	}
	if first := strings.SplitN(string(got), "\n", 2)[0]; first != "\x1b[36mvienna\x1b[0m  Vienna Convention" {
		t.Errorf("first line %q", first)
	}
}

func TestMarkdownText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain text, 1989-03-22 (Basel)", "plain text, 1989-03-22 (Basel)"},
		{"*bold* _it_ `code` ~~del~~", `\*bold\* \_it\_ \` + "`" + `code\` + "`" + ` \~\~del\~\~`},
		{"[x](javascript:alert(1)) ![i](u) [^1]", `\[x\](javascript:alert(1)) !\[i\](u) \[^1\]`},
		{"<script>&amp; $x$ a|b \\", `\<script\>\&amp; \$x\$ a\|b \\`},
		{"esc\x1b[31m", `esc\\x1b\[31m`},
		{"two\nlines", `two\\nlines`},
	} {
		if got := MarkdownText(tt.in); got != tt.want {
			t.Errorf("MarkdownText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"# not a heading\n> no quote\n- no item\n+ no\n=== no\n12. no list\n3) no", `\# not a heading` + "\n\n" + `\> no quote` + "\n\n" + `\- no item` + "\n\n" + `\+ no` + "\n\n" + `\=== no` + "\n\n" + `12\. no list` + "\n\n" + `3\) no`},
		{"  text  \n\n  more", "text\n\nmore"},
	} {
		if got := MarkdownParagraph(tt.in); got != tt.want {
			t.Errorf("MarkdownParagraph(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"https://example.org/a?b=c#d", "https://example.org/a?b=c#d", true},
		{"https://example.org/a b)(<>\"", "https://example.org/a%20b%29%28%3C%3E%22", true},
		{"https://例.org/", "https://%E4%BE%8B.org/", true},
		{"javascript:alert(1)", "", false},
	} {
		if got, ok := MarkdownURL(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("MarkdownURL(%q) = %q, %v", tt.in, got, ok)
		}
	}
}

// FuzzMarkdownText: escaped text has no control character and no markup
// character without a backslash before it.
func FuzzMarkdownText(f *testing.F) {
	for _, s := range []string{"plain", "*a*", "[x](y)", "<b>", "\\", "a\x1b[2J", "\u202e", "# h\n- i"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{MarkdownText(s), MarkdownParagraph(s)} {
			if hasControl(out, true) {
				t.Fatalf("%q -> %q has a control character", s, out)
			}
			for i := 0; i < len(out); i++ {
				if out[i] == '\\' {
					i++ // the escaped character
					continue
				}
				if strings.IndexByte(markdownSpecial, out[i]) >= 0 {
					t.Fatalf("%q -> %q: %q at %d is not escaped", s, out, out[i], i)
				}
			}
		}
	})
}
