package commands

import (
	"envcoop/kb"

	"github.com/urfave/cli/v2"
)

func newTimelineCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:  "timeline",
		Usage: "dated events (adoption, entry into force, the EU joining, milestones) in date order",
		Description: `Examples:
envcoop timeline --theme plastics --from 2022     what happened in plastics since 2022
envcoop timeline --crisis climate --from 2015 --to 2016
envcoop timeline --json | jq '.[] | select(.kind == "eu-joined")'

Event kinds: adopted, entry-into-force, eu-signed, eu-joined, milestone.
--from and --to are years and include the year given.`,
		Flags: append(append(outputFlags(true),
			&cli.StringFlag{Name: "from", Usage: "events in or after `YEAR`"},
			&cli.StringFlag{Name: "to", Usage: "events in or before `YEAR`"},
		), filterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("timeline takes no arguments, got %q", c.Args().First())
			}
			from, err := yearFlag(c, "from")
			if err != nil {
				return err
			}
			to, err := yearFlag(c, "to")
			if err != nil {
				return err
			}
			if from != 0 && to != 0 && to < from {
				return usageErrorf("--to %d is before --from %d", to, from)
			}
			p, err := s.prepare(c)
			if err != nil {
				return err
			}
			return runTimeline(s, p.kb, p.filter, from, to, p.out)
		},
	}
}

func runTimeline(s *state, k *kb.KB, f kb.Filter, from, to int, out output) error {
	events := k.Timeline(k.FilterAgreements(f), from, to)
	recs := make([]any, len(events))
	for i := range events {
		recs[i] = &events[i]
	}
	sch, _ := kb.SchemaOf(kb.KindEvent)
	return s.listRecords(k, sch, recs, out)
}
