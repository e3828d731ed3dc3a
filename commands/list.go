package commands

import (
	"envcoop/kb"

	"github.com/urfave/cli/v2"
)

type listOptions struct {
	kind     string
	filter   kb.Filter
	filtered bool
	out      output
}

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
			kind := kb.KindTheme
			if c.NArg() == 1 {
				var err error
				if kind, err = parseKind("kind", c.Args().First()); err != nil {
					return err
				}
			}
			out, err := s.outputOptions(c)
			if err != nil {
				return err
			}
			k, err := s.kb()
			if err != nil {
				return err
			}
			f, err := filterFrom(c, k)
			if err != nil {
				return err
			}
			return runList(s, k, listOptions{kind: kind, filter: f, filtered: anyFilterSet(c), out: out})
		},
	}
}

func runList(s *state, k *kb.KB, o listOptions) error {
	idx := selectKind(k, o.kind, o.filter, o.filtered)
	return emitRecords(s.env.Stdout, k, o.kind, idx, o.out)
}
