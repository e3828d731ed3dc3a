package commands

import (
	"slices"
	"strings"

	"envcoop/kb"
	"envcoop/render"

	"github.com/urfave/cli/v2"
)

// treeFormats are tree's formats beyond the record formats: pictures.
var treeFormats = []string{render.DOT, render.Mermaid}

func newTreeCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:      "tree",
		Usage:     "how instruments hang together: an agreement's family, or every family under its theme",
		ArgsUsage: "[ID]",
		Description: `Examples:
envcoop tree kigali                       Vienna Convention > Montreal Protocol > Kigali Amendment
envcoop tree montreal                     the Montreal Protocol, its parent and all its amendments
envcoop tree                              every family, under its theme
envcoop tree climate                      the families with an agreement in a theme
envcoop tree --crisis pollution --binding  the binding instruments on pollution, and what they hang from
envcoop tree unfccc --format dot | dot -Tsvg > unfccc.svg
envcoop tree clrtap --format mermaid      for Markdown that renders Mermaid
envcoop tree cbd --json | jq -r '.children[].id'

An agreement's family is its ancestors up to the root, following parent
links, and all its descendants, children in adoption order. Without an id,
every theme with the families whose root lists it first, so that each
agreement appears once. On a terminal the tree is drawn with box-drawing
characters (ASCII when LC_ALL, LC_CTYPE or LANG does not name UTF-8), a
line per record (--fields changes what it shows: id and name); Markdown
is a nested list, dot a Graphviz graph, mermaid a Mermaid flowchart. JSON
nests each record's children under "children" (one object for an id); TSV
and CSV write a row per record, parents first, with its depth and parent.
With filter flags, only the agreements that match every filter are drawn,
with the agreements above them (to show where they hang), and a theme only
when it holds one. Unknown ids exit with status 4 and suggest close matches.`,
		Flags: append(replaceFlag(outputFlags(false), formatFlag("", treeFormats)), filterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usageErrorf("tree takes at most one id, got %d arguments", c.NArg())
			}
			p, err := s.prepare(c, treeFormats...)
			if err != nil {
				return err
			}
			var roots []kb.Node
			if c.NArg() == 0 {
				roots = p.kb.Forest()
			} else {
				r, err := p.kb.Lookup(c.Args().First())
				if err != nil {
					return err
				}
				switch r.Kind {
				case kb.KindAgreement:
					roots = []kb.Node{p.kb.Family(r.Index)}
				case kb.KindTheme:
					roots = []kb.Node{p.kb.ThemeFamilies(r.Index)}
				default:
					return usageErrorf("tree draws agreements and themes; %q is %s %s", c.Args().First(), article(r.Kind), r.Kind)
				}
			}
			if p.filtered {
				roots = kb.Prune(roots, func(r kb.Ref) bool { return p.filter.Match(&p.kb.Agreements[r.Index]) })
			}
			return s.printTree(p.kb, roots, c.NArg() == 1, p.out)
		},
	}
}

func article(kind string) string {
	if kind == kb.KindAgreement {
		return "an"
	}
	return "a"
}

// printTree writes trees of nodes: the fields --fields asks for, else id
// and name where the format draws the tree, else those outputFields
// gives; each node's children are nested under "children", whose cells in
// TSV and CSV list their ids.
func (s *state) printTree(k *kb.KB, roots []kb.Node, one bool, out output) error {
	sch, _ := kb.SchemaOf(kb.KindNode)
	var fields []kb.Field
	var err error
	if len(out.fields) == 0 && render.Drawn(out.format) {
		fields, err = resolveFields(sch, []string{"id", "name"})
	} else {
		fields, err = outputFields(sch, out)
	}
	if err != nil {
		return err
	}
	listed := slices.ContainsFunc(fields, func(f kb.Field) bool { return f.Name == "children" })
	fields = slices.DeleteFunc(fields, func(f kb.Field) bool { return f.Name == "children" })
	cols := make([]render.Column, 0, len(fields)+1)
	for _, f := range fields {
		c := column(f)
		c.Text = f.Name == "id" // a list of children shows their ids
		cols = append(cols, c)
	}
	cols = append(cols, render.Column{Name: "children", Key: "children", List: true})
	// the children are records of the same columns: Sub is the set's own
	// columns (a cycle the renderer follows only as deep as the data goes)
	cols[len(cols)-1].Sub = cols
	var row func(n *kb.Node) render.Row
	row = func(n *kb.Node) render.Row {
		r := make(render.Row, len(cols))
		for i, f := range fields {
			r[i] = value(k, f, n)
		}
		if len(n.Children) > 0 {
			kids := make([]render.Row, len(n.Children))
			for i := range n.Children {
				kids[i] = row(&n.Children[i])
			}
			r[len(cols)-1] = kids
		}
		return r
	}
	set := &render.Set{Kind: sch.Kind, Plural: sch.Plural, Columns: cols}
	for i := range roots {
		set.Rows = append(set.Rows, row(&roots[i]))
	}
	if len(set.Rows) == 0 && s.tty() {
		empty := *set
		empty.Plural = "agreements" // what the filters select
		return s.print(&empty, out) // says so
	}
	ro := s.renderOptions(out)
	ro.Object = one
	b, err := render.Tree(set, render.TreeStyle{Children: "children", ASCII: !s.utf8(), ChildIDs: listed}, ro)
	if err != nil {
		return err
	}
	return s.write(b)
}

// utf8 reports whether the terminal's character set is UTF-8, as the C
// library decides it: the first of LC_ALL, LC_CTYPE and LANG that is set
// names the locale; none set is the C locale, which is ASCII.
func (s *state) utf8() bool {
	for _, v := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if l := strings.ToLower(s.env.Getenv(v)); l != "" {
			return strings.Contains(l, "utf-8") || strings.Contains(l, "utf8")
		}
	}
	return false
}
