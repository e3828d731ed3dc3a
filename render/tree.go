package render

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Formats of trees, beyond the record formats.
const (
	DOT     = "dot"     // a Graphviz digraph
	Mermaid = "mermaid" // a Mermaid flowchart
)

// TreeStyle says how to write a tree.
type TreeStyle struct {
	Children string // the column that holds each record's children
	ASCII    bool   // a table draws with |-- and `-- instead of box-drawing characters
	ChildIDs bool   // TSV and CSV write the Children column (their ids); else they leave it out
}

// Drawn reports whether a format draws a tree (a table, Markdown, DOT,
// Mermaid) rather than writing its records' fields.
func Drawn(format string) bool {
	return format == Table || format == Markdown || format == DOT || format == Mermaid
}

// branches are the pieces of a drawn tree: before a child, before the last
// child, below a child that has siblings after it, below the last.
type branches struct{ mid, last, down, blank string }

func treeBranches(ascii bool) branches {
	if ascii {
		return branches{"|-- ", "`-- ", "|   ", "    "}
	}
	return branches{"├── ", "└── ", "│   ", "    "}
}

// Tree writes a set whose records nest: each record's children are rows
// of the same columns, in the column st.Children. A table draws the tree,
// a line per record showing its other columns separated by two spaces (ids
// coloured), wrapped to the width; Markdown writes a nested list, DOT and
// Mermaid a graph whose boxes show the other columns a line each; JSON and
// NDJSON nest the children; TSV and CSV write a row per record, each
// before its children, whose Children cell (with st.ChildIDs) lists the
// Text columns (ids) of its children.
func Tree(s *Set, st TreeStyle, o Options) ([]byte, error) {
	ci := -1
	for i, c := range s.Columns {
		if c.Name == st.Children {
			ci = i
		}
	}
	if ci < 0 {
		return nil, fmt.Errorf("tree: no column %q", st.Children)
	}
	t := &tree{set: s, ci: ci, o: o, br: treeBranches(st.ASCII)}
	switch o.Format {
	case Table:
		for i, r := range s.Rows {
			if i > 0 {
				t.buf.WriteByte('\n')
			}
			t.draw(r, "", "")
		}
	case Markdown:
		for _, r := range s.Rows {
			t.list(r, "")
		}
	case DOT:
		t.buf.WriteString("digraph envcoop {\n  rankdir=LR;\n  node [shape=box];\n")
		for _, r := range s.Rows {
			t.graph(r, "", dotNode, dotEdge)
		}
		t.buf.WriteString("}\n")
	case Mermaid:
		t.buf.WriteString("flowchart LR\n")
		for _, r := range s.Rows {
			t.graph(r, "", mermaidNode, mermaidEdge)
		}
	case TSV, CSV:
		flat := &Set{Kind: s.Kind, Plural: s.Plural, Columns: s.Columns}
		if !st.ChildIDs {
			flat.Columns = slices.Delete(slices.Clone(s.Columns), ci, ci+1)
		}
		var walk func(r Row)
		walk = func(r Row) {
			if st.ChildIDs {
				flat.Rows = append(flat.Rows, r)
			} else {
				flat.Rows = append(flat.Rows, slices.Delete(slices.Clone(r), ci, ci+1))
			}
			for _, c := range t.children(r) {
				walk(c)
			}
		}
		for _, r := range s.Rows {
			walk(r)
		}
		return Records(flat, o)
	default:
		return Records(s, o)
	}
	return t.buf.Bytes(), nil
}

type tree struct {
	set *Set
	ci  int
	o   Options
	br  branches
	buf bytes.Buffer
	n   int // graph nodes numbered so far
}

func (t *tree) children(r Row) []Row {
	rows, _ := r[t.ci].([]Row)
	return rows
}

// parts are the texts of a record's columns other than the children, made
// safe for a terminal, and whether each is an id.
func (t *tree) parts(r Row) (texts []string, ids []bool) {
	for i, c := range t.set.Columns {
		if i == t.ci {
			continue
		}
		if s := Terminal(text(r[i], c, SepTable, sepEscTable), false); s != "" {
			texts = append(texts, s)
			ids = append(ids, c.Role == ID)
		}
	}
	return texts, ids
}

// draw writes r's line after lead (its ancestors' branches and its own)
// and its children below it; under is what stands below lead on the lines
// that follow. A line too long for the width continues under the start of
// r's text, after a branch down to its children if it has any.
func (t *tree) draw(r Row, lead, under string) {
	texts, ids := t.parts(r)
	kids := t.children(r)
	more := under + t.br.blank
	if len(kids) > 0 {
		more = under + t.br.down
	}
	label := strings.Join(texts, "  ")
	lines := []string{label}
	if t.o.Width > 0 {
		lines = Wrap(label, max(t.o.Width-max(Width(lead), Width(more)), 20))
	}
	for i, l := range lines {
		switch {
		case i > 0:
			t.buf.WriteString(strings.TrimRight(more+l, " ") + "\n")
		case t.o.Color && len(ids) > 0 && ids[0] && strings.HasPrefix(l, texts[0]):
			t.buf.WriteString(lead + Paint(texts[0], Cyan) + l[len(texts[0]):] + "\n")
		default:
			t.buf.WriteString(lead + l + "\n")
		}
	}
	for i, c := range kids {
		if i == len(kids)-1 {
			t.draw(c, under+t.br.last, under+t.br.blank)
		} else {
			t.draw(c, under+t.br.mid, under+t.br.down)
		}
	}
}

// list writes r as an item of a Markdown list, ids in bold, and its
// children as a list inside it.
func (t *tree) list(r Row, indent string) {
	texts, ids := t.parts(r)
	for i, s := range texts {
		texts[i] = MarkdownText(s)
		if ids[i] {
			texts[i] = "**" + texts[i] + "**"
		}
	}
	t.buf.WriteString(indent + "- " + strings.Join(texts, " ") + "\n")
	for _, c := range t.children(r) {
		t.list(c, indent+"  ")
	}
}

// graph writes r's node, the edge from its parent's node and its children.
func (t *tree) graph(r Row, parent string, node func(id string, lines []string) string, edge func(from, to string) string) {
	t.n++
	id := "n" + strconv.Itoa(t.n)
	texts, _ := t.parts(r)
	t.buf.WriteString("  " + node(id, texts) + "\n")
	if parent != "" {
		t.buf.WriteString("  " + edge(parent, id) + "\n")
	}
	for _, c := range t.children(r) {
		t.graph(c, id, node, edge)
	}
}

func dotNode(id string, lines []string) string {
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	for i, l := range lines {
		lines[i] = esc.Replace(l)
	}
	return id + ` [label="` + strings.Join(lines, `\n`) + `"];`
}

func dotEdge(from, to string) string { return from + " -> " + to + ";" }

func mermaidNode(id string, lines []string) string {
	for i, l := range lines {
		var b strings.Builder
		for _, r := range l {
			// Mermaid's entity codes: the label stays text, whatever it holds
			if strings.ContainsRune("\"#&<>`", r) {
				fmt.Fprintf(&b, "#%d;", r)
				continue
			}
			b.WriteRune(r)
		}
		lines[i] = b.String()
	}
	return id + `["` + strings.Join(lines, "<br>") + `"]`
}

func mermaidEdge(from, to string) string { return from + " --> " + to }
