package commands

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func newValidateCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check data files: syntax, types, references, vocabularies, dates, sources",
		ArgsUsage: "[PATH...]",
		Description: `Examples:
envcoop validate                      check the built-in data
envcoop validate mydata/ extra.toml   check your files (together, as one knowledge base)
envcoop validate --strict             warnings (as_of older than two years, ...) fail too

Every problem is printed, sorted by file and line, as "file:line: entry: message".
Exit status 0 when clean, 3 when there are problems. With paths, --add files
are checked with them.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "strict", Usage: "fail on warnings too"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing when the data is valid"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				s.data = c.Args().Slice()
			}
			return runValidate(s, c.Bool("strict"), c.Bool("quiet"))
		},
	}
}

func runValidate(s *state, strict, quiet bool) error {
	k, problems, err := s.load(true)
	if err != nil {
		return err
	}
	warnings := problems.Warnings()
	for _, p := range warnings {
		fmt.Fprintln(s.env.Stderr, Terminal(p.String(), false))
	}
	if strict && len(warnings) > 0 {
		return &exitError{code: ExitData, err: fmt.Errorf("%d %s (--strict)", len(warnings), plural(len(warnings), "warning", "warnings"))}
	}
	if !quiet {
		fmt.Fprintf(s.env.Stdout, "ok: %d themes, %d agreements, %d crises, %d SDGs in %d %s",
			len(k.Themes), len(k.Agreements), len(k.Crises), len(k.SDGs), len(s.ins), plural(len(s.ins), "file", "files"))
		if len(warnings) > 0 {
			fmt.Fprintf(s.env.Stdout, ", %d %s", len(warnings), plural(len(warnings), "warning", "warnings"))
		}
		fmt.Fprintln(s.env.Stdout)
	}
	return nil
}
