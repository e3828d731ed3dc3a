package commands

import (
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

The page is urfave/cli's, from the same definitions as --help: every
command with its examples and options. docs/envcoop.1 is a copy that
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
			if c.IsSet("output") && dest == "" {
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

// manPage renders the man page of a fresh copy of the app with urfave/cli's
// ToManWithSection. ToMan leaves out a command's description, where the
// examples are, and reflows the app's: the copy gives each command its
// usage line and description as usage text, and indents the app's
// description, both of which the page then keeps as they are written.
func manPage(s *state) (string, error) {
	app := newApp(s)
	app.Description = indent(app.Description)
	for _, c := range app.VisibleCommands() {
		usage := app.Name + " " + c.Name + " [options]"
		if c.ArgsUsage != "" {
			usage += " " + c.ArgsUsage
		}
		c.UsageText = usage
		if c.Description != "" {
			c.UsageText += "\n\n" + c.Description
		}
	}
	return app.ToManWithSection(1)
}

// indent makes text a Markdown code block: kept as written.
func indent(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}
