package commands

import (
	"strings"

	"envcoop/kb"

	"github.com/urfave/cli/v2"
)

func newSearchCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:      "search",
		Usage:     "search every theme, agreement, crisis and SDG",
		ArgsUsage: "TERM...",
		Description: `Examples:
envcoop search mercury
envcoop search goteborg               accents do not matter: finds Göteborg/Gothenburg
envcoop search plastic waste --json   every term must match

Hits are ranked by where the terms matched: id, name and aliases above full
names, places and summaries, which rank above milestones.`,
		Flags: outputFlags(true),
		Action: func(c *cli.Context) error {
			terms := c.Args().Slice()
			if strings.TrimSpace(strings.Join(terms, "")) == "" {
				return usageErrorf("search needs at least one term, e.g. 'envcoop search mercury'")
			}
			out, err := s.outputOptions(c)
			if err != nil {
				return err
			}
			k, err := s.kb()
			if err != nil {
				return err
			}
			return runSearch(s, k, terms, out)
		},
	}
}

func runSearch(s *state, k *kb.KB, terms []string, out output) error {
	hits := k.Search(terms)
	d := &dataset{kind: "hit", columns: hitColumns(), defaults: []string{"kind", "id", "name", "matched"}}
	for _, h := range hits {
		d.rows = append(d.rows, []any{h.Kind, h.ID, h.Name, h.Score, h.Matched})
	}
	return emit(s.env.Stdout, d, out)
}

// hitColumns are the fields of a search hit.
func hitColumns() []column {
	return []column{{name: "kind", header: "KIND"}, {name: "id", header: "ID"}, {name: "name", header: "NAME"},
		{name: "score", header: "SCORE"}, {name: "matched", header: "MATCHED"}}
}

func hitColumnNames() []string { return columnNames(hitColumns()) }

func columnNames(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}
