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
envcoop search "paris agreement"      a phrase

Hits are ranked by where the terms matched: id, name and aliases above full
names, above places, summaries and EU policy, above milestones and source
titles; matching more terms and more fields ranks higher; equal scores go
by how many records refer to the hit, then by name. An argument with
spaces ('envcoop search "paris agreement"') or text in double quotes is a
phrase. A term of five letters or more that occurs nowhere also matches
words one typing error away (two from eight letters): mercurry finds
mercury. SNIPPET shows the words around the match, highlighted on a
terminal; JSON hits carry kind, id, name, score, matched and snippet.`,
		Flags: outputFlags(true),
		Action: func(c *cli.Context) error {
			terms := c.Args().Slice()
			if strings.TrimSpace(strings.Join(terms, "")) == "" {
				return usageErrorf("search needs at least one term, e.g. 'envcoop search mercury'")
			}
			p, err := s.prepare(c)
			if err != nil {
				return err
			}
			return runSearch(s, p.kb, terms, p.out)
		},
	}
}

func runSearch(s *state, k *kb.KB, terms []string, out output) error {
	hits := k.Search(terms)
	recs := make([]any, len(hits))
	for i := range hits {
		recs[i] = &hits[i]
	}
	sch, _ := kb.SchemaOf(kb.KindHit)
	return s.listRecords(k, sch, recs, out)
}
