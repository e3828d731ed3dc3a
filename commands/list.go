package commands

import (
	"envcoop/kb"

	"github.com/urfave/cli/v2"
)

func newListCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:      "list",
		Aliases:   []string{"ls"},
		Usage:     "list themes, agreements, crises or SDGs",
		ArgsUsage: "[themes|agreements|crises|sdgs]",
		Description: `Examples:
envcoop list                          themes: id, name, crises, number of agreements
envcoop list agreements --theme water
envcoop list agreements --sort adopted --limit 5
envcoop list sdgs --json`,
		Flags: append(outputFlags(true), filterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usageErrorf("list takes at most one kind, got %d arguments", c.NArg())
			}
			if c.NArg() == 1 {
				return runList(s, c, "kind", c.Args().First())
			}
			return runList(s, c, "kind", "themes")
		},
	}
}

// runList prints the records of a kind that pass the filter flags: list
// and filter. what names where the kind came from, for messages.
func runList(s *state, c *cli.Context, what, kindName string) error {
	kind, err := parseKind(what, kindName)
	if err != nil {
		return err
	}
	p, err := s.prepare(c)
	if err != nil {
		return err
	}
	sch, _ := kb.SchemaOf(kind)
	idx := selectKind(p.kb, kind, p.filter, p.filtered)
	// counts and lists of agreements are those the filter keeps
	// (the records themselves are k's: idx indexes k)
	return s.listRecords(view(p.kb, p.filter, p.filtered), sch, records(p.kb, sch, idx), p.out)
}
