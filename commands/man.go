package commands

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

//go:generate go run .. man --force -o ../docs/envcoop.1

func newManCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print the manual page (roff), generated from the commands' definitions",
		Description: `Examples:
envcoop man | man -l -                    read it
envcoop man -o ~/.local/share/man/man1/envcoop.1
                                          install it for 'man envcoop'

The page is written from the same definitions as --help: every command
with its examples and options. docs/envcoop.1 is a copy that
'go generate ./commands' regenerates and a test keeps in step.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output", TakesFile: true},
			&cli.BoolFlag{Name: "force", Usage: "replace FILE if it exists"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("man takes no arguments, got %q", c.Args().First())
			}
			dest := c.String("output")
			if dest == "" && c.IsSet("output") {
				return usageErrorf("-o needs a file name")
			}
			page, err := manPage(s)
			if err != nil {
				return err
			}
			if dest == "" || dest == "-" {
				return s.write([]byte(page))
			}
			return s.writeFileSafely(dest, []byte(page), c.Bool("force"), nil)
		},
	}
}

// manPage writes the man page from the same definitions as --help: the
// synopsis, the app's examples and notes, the global options, and each
// command with its usage line, its examples and its options. It is written
// here rather than by urfave/cli's ToMan, which leaves out the commands'
// examples and pulls a Markdown library into every build.
func manPage(s *state) (string, error) {
	app := newApp(s)
	var b strings.Builder
	b.WriteString(".TH envcoop 1\n")
	b.WriteString(".SH NAME\n")
	b.WriteString(app.Name + " \\- " + roffText(app.Usage) + "\n")
	b.WriteString(".SH SYNOPSIS\n")
	roffBlock(&b, app.UsageText)
	b.WriteString(".SH DESCRIPTION\n")
	roffBlock(&b, app.Description)
	b.WriteString(".SH GLOBAL OPTIONS\n")
	roffFlags(&b, app.VisibleFlags())
	b.WriteString(".SH COMMANDS\n")
	b.WriteString("Each command also takes the global options, before or after its arguments.\n")
	for _, c := range app.VisibleCommands() {
		fmt.Fprintf(&b, ".SH %s\n", c.Name)
		b.WriteString(roffText(c.Usage) + "\n")
		usage := app.Name + " " + c.Name + " [options]"
		if c.ArgsUsage != "" {
			usage += " " + c.ArgsUsage
		}
		text := usage
		if c.Description != "" {
			text += "\n\n" + c.Description
		}
		roffBlock(&b, text)
		if flags := c.VisibleFlags(); len(flags) > 0 {
			b.WriteString(".PP\nOptions:\n")
			roffFlags(&b, flags)
		}
	}
	return b.String(), nil
}

// roffBlock writes text as it is laid out, in an example block.
func roffBlock(b *strings.Builder, text string) {
	b.WriteString(".PP\n.EX\n")
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		b.WriteString(roffLine(l) + "\n")
	}
	b.WriteString(".EE\n")
}

// roffFlags writes each flag as its help line shows it: names and value,
// then what it does.
func roffFlags(b *strings.Builder, flags []cli.Flag) {
	for _, f := range flags {
		names, usage, _ := strings.Cut(cli.FlagStringer(unwrap(f)), "\t")
		fmt.Fprintf(b, ".TP\n\\fB%s\\fR\n%s\n", roffText(strings.TrimSpace(names)), roffLine(strings.TrimSpace(usage)))
	}
}

// roffText escapes text for roff: backslashes, and hyphens so that they
// print as the minus signs options are written with.
func roffText(s string) string {
	return strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
}

// roffLine is roffText for a whole line: a line that starts with a dot or
// a quote would be read as a request.
func roffLine(s string) string {
	s = roffText(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
