package commands

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"envcoop/kb"
	"envcoop/render"

	"github.com/google/go-cmp/cmp"
)

// TestListCellsSplitBack: every list cell of the built-in data, in every
// text format (TSV, CSV, table, Markdown), splits at its format's
// separator back into the items of the JSON list (issue 11: milestones
// holding ";" or "," could not be split back).
func TestListCellsSplitBack(t *testing.T) {
	for _, sch := range kb.Schemas() {
		for _, f := range sch.Fields {
			if !f.List() {
				continue
			}
			fields := "id," + f.Name
			if sch.Kind == kb.KindSDG {
				fields = "number," + f.Name
			}
			want := jsonLists(t, sch.Plural, fields, f.Name)
			for _, format := range []string{"tsv", "csv", "table", "markdown"} {
				out, stderr, code := run(t, "export", "--kind", sch.Plural, "--format", format, "--fields", fields)
				if code != 0 {
					t.Fatalf("%s %s: exit %d: %s", sch.Plural, format, code, stderr)
				}
				got := splitCells(t, format, out)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s.%s in %s (-json +split):\n%s", sch.Plural, f.Name, format, diff)
				}
			}
		}
	}
}

// jsonLists returns the items of one list field of every record, as text:
// a record in a list (a milestone, a source) as its text columns, joined by
// a space, as the text formats write it.
func jsonLists(t *testing.T, kind, fields, name string) [][]string {
	t.Helper()
	out, stderr, code := run(t, "export", "--kind", kind, "--json", "--fields", fields)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var recs []map[string]any
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatal(err)
	}
	var lists [][]string
	for _, r := range recs {
		var items []string
		for _, x := range r[name].([]any) {
			switch v := x.(type) {
			case string:
				items = append(items, v)
			case float64:
				items = append(items, fmt.Sprint(v))
			case map[string]any:
				if name == "milestones" {
					items = append(items, v["date"].(string)+" "+v["event"].(string))
				} else {
					items = append(items, v["url"].(string))
				}
			}
		}
		lists = append(lists, items)
	}
	return lists
}

// splitCells reads the second column of each row and splits it.
func splitCells(t *testing.T, format, out string) [][]string {
	t.Helper()
	var cells []string
	sep := render.SepTSV
	switch format {
	case "tsv":
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			_, cell, _ := strings.Cut(l, "\t")
			cells = append(cells, cell)
		}
	case "csv":
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[1:] {
			cells = append(cells, r[1])
		}
	case "table":
		sep = render.SepTable
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		// the first column holds ASCII ids: the second starts at the same
		// byte in every line as in the header
		col := strings.Index(lines[0], "  ") + 2
		for col < len(lines[0]) && lines[0][col] == ' ' {
			col++
		}
		for _, l := range lines[1:] {
			cell := ""
			if len(l) > col {
				cell = l[col:]
			}
			cells = append(cells, cell)
		}
	case "markdown":
		sep = render.SepTable
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		for _, l := range lines[2:] {
			parts := strings.SplitN(strings.TrimSuffix(strings.TrimPrefix(l, "| "), " |"), " | ", 2)
			cells = append(cells, strings.ReplaceAll(parts[1], `\|`, "|"))
		}
	}
	var lists [][]string
	for _, c := range cells {
		lists = append(lists, render.SplitList(c, sep))
	}
	return lists
}
