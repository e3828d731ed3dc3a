package commands

import (
	"github.com/urfave/cli/v2"
)

func newFilterCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:  "filter",
		Usage: "agreements (or themes) that match every filter",
		Description: `Examples:
envcoop filter --crisis pollution
envcoop filter --crisis climate,biodiversity --binding
envcoop filter --theme plastics --status negotiating,adopted --json
envcoop filter --kind themes --sdg 14

Values of one flag are alternatives (repeat the flag or separate them with
commas); different flags must all match. --adopted-after and
--adopted-before exclude the year given.`,
		Flags: append(append(outputFlags(true), kindFlag("agreements", "print `KIND` of records: agreements, themes, crises or sdgs")), filterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("filter takes no arguments, got %q; did you mean 'envcoop search %s'?", c.Args().First(), c.Args().First())
			}
			kind, err := parseKind("--kind", c.String("kind"))
			if err != nil {
				return err
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
