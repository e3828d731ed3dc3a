package commands

import (
	"strings"

	"envcoop/kb"

	"github.com/urfave/cli/v2"
)

func newUpcomingCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:  "upcoming",
		Usage: "what comes next: dated events from today on, nearest first",
		Description: `Examples:
envcoop upcoming                          every event still to come
envcoop upcoming --days 90                the next 90 days
envcoop upcoming --until 2027-06 --theme forests
envcoop upcoming --json | jq -r '.[] | "\(.date) \(.id): \(.event)"'

The events are the timeline's (milestones, which tell application and
expiry dates, deadlines and meetings; entry into force; adoption; the EU's
signature and joining) dated today or later; ENVCOOP_TODAY (YYYY-MM-DD)
sets today. A date known only to the month or the year counts while that
month or year lasts. A table says how far away each event is (WHEN: today,
tomorrow, in 31 days); the other formats leave that out, as it goes stale,
and JSON events have the timeline's fields: date, kind, id, name, event.`,
		Flags: append(append(outputFlags(true),
			&cli.IntFlag{Name: "days", Usage: "only events in the next `N` days (0: today's)", DefaultText: "no limit"},
			&cli.StringFlag{Name: "until", Usage: "only events up to and including `DATE` (YYYY-MM-DD, YYYY-MM or YYYY)"},
		), filterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("upcoming takes no arguments, got %q", c.Args().First())
			}
			until, err := s.untilFlag(c)
			if err != nil {
				return err
			}
			p, err := s.prepare(c)
			if err != nil {
				return err
			}
			events := p.kb.Upcoming(p.kb.FilterAgreements(p.filter), s.today(), until)
			recs := make([]any, len(events))
			for i := range events {
				recs[i] = &events[i]
			}
			sch, _ := kb.SchemaOf(kb.KindUpcoming)
			return s.listRecords(p.kb, sch, recs, p.out)
		},
	}
}

// untilFlag is the last date upcoming shows, from --days or --until; zero
// when neither is given.
func (s *state) untilFlag(c *cli.Context) (kb.Date, error) {
	today := s.today()
	switch {
	case c.IsSet("days") && c.IsSet("until"):
		return "", usageErrorf("--days and --until exclude each other")
	case c.IsSet("days"):
		n := c.Int("days")
		if n < 0 {
			return "", usageErrorf("--days %d: want 0 (today) or more", n)
		}
		return today.AddDays(n), nil
	case c.IsSet("until"):
		v := strings.TrimSpace(c.String("until"))
		d, err := kb.ParseDate(v)
		if err != nil {
			return "", usageErrorf("--until %q: not a date like 2027-06-30, 2027-06 or 2027", v)
		}
		if d < today.Prefix(len(d)) {
			return "", usageErrorf("--until %s is before today (%s)", d, today)
		}
		return d, nil
	}
	return "", nil
}
