package commands

import (
	"envcoop/website"

	"github.com/urfave/cli/v2"
)

func newSiteCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:  "site",
		Usage: "build a static website of the knowledge base: browsable and searchable, no server or network needed",
		Description: `Examples:
envcoop site -o site                       then open site/index.html in a browser
envcoop --add ours.toml site -o site       the built-in data and your own records
envcoop site -o site --force               rebuild a site envcoop wrote before

The site has an index of themes with their crises; a page per theme,
agreement, crisis and SDG with the sections of 'envcoop show' and numbered
sources, at stable addresses (agreements/paris.html, themes/plastics.html,
crises/pollution.html, sdgs/sdg-6.html); a timeline with a chart of adoption
and of the EU's joining; the families of related instruments; and a search
that runs in the browser. It loads nothing from the network and works from
file:// as from any static host.

-o DIR must not exist or must be empty. --force replaces a directory that
'envcoop site' wrote before (it holds a .envcoop-site file), and nothing
else. The site is built in a temporary directory beside DIR and then renamed
into place (swapped atomically with the old one under --force), so DIR is
never half-written.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the site into `DIR`", TakesFile: true},
			&cli.BoolFlag{Name: "force", Usage: "replace DIR if it holds a site envcoop built"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("site takes no arguments, got %q; the directory goes after -o", c.Args().First())
			}
			dest := c.String("output")
			if dest == "" {
				return usageErrorf("site needs -o DIR, e.g. 'envcoop site -o site'")
			}
			k, err := s.kb()
			if err != nil {
				return err
			}
			files, err := website.Build(k)
			if err != nil {
				return err
			}
			return s.writeSiteDir(dest, files, c.Bool("force"))
		},
	}
}
