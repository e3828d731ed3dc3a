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

It is 'envcoop list agreements' with the filters first. Values of one flag
are alternatives (repeat the flag or separate them with commas); different
flags must all match. --adopted-after and --adopted-before exclude the year
given.`,
		Flags: append(append(outputFlags(true), kindFlag("agreements", "print `KIND` of records: agreements, themes, crises or sdgs")), filterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("filter takes no arguments, got %q; did you mean 'envcoop search %s'?", c.Args().First(), c.Args().First())
			}
			return runList(s, c, "--kind", c.String("kind"))
		},
	}
}
