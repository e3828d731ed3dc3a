package commands

import (
	"slices"

	"envcoop/kb"

	"github.com/urfave/cli/v2"
)

// prepared is what the action of every command that prints records starts
// from: its output flags, the knowledge base and its filter flags, parsed
// and checked.
type prepared struct {
	out      output
	kb       *kb.KB
	filter   kb.Filter
	filtered bool // a filter flag was given
}

// prepare parses what the commands share, in an order that reports usage
// errors before it loads the data: the output flags, then the knowledge
// base, then the filter flags (of a command that has them). extra are the
// formats the command accepts beyond the record formats.
func (s *state) prepare(c *cli.Context, extra ...string) (*prepared, error) {
	p := &prepared{}
	var err error
	if p.out, err = s.outputOptions(c, extra...); err != nil {
		return nil, err
	}
	if p.kb, err = s.kb(); err != nil {
		return nil, err
	}
	if slices.ContainsFunc(c.Command.Flags, func(f cli.Flag) bool { return flagNames(f)[0] == "crisis" }) {
		if p.filter, err = filterFrom(c, p.kb); err != nil {
			return nil, err
		}
		p.filtered = anyFilterSet(c)
	}
	return p, nil
}
