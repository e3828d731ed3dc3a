package commands

import (
	"slices"
	"strconv"
	"strings"

	"envcoop/kb"
	"envcoop/render"

	"github.com/urfave/cli/v2"
)

// outputFlags are the flags of every command that prints records.
func outputFlags(sortLimit bool) []cli.Flag {
	fs := []cli.Flag{
		formatFlag("", nil),
		&cli.BoolFlag{Name: "json", Category: "Output", Usage: "short for --format json"},
		&cli.StringSliceFlag{Name: "fields", Category: "Output", Usage: "print only these `FIELDS`, in this order (comma-separated; the headers of a table name them)"},
		&cli.BoolFlag{Name: "header", Category: "Output", Usage: "TSV: start with a line of field names"},
		&cli.BoolFlag{Name: "no-header", Category: "Output", Usage: "CSV: leave out the line of field names"},
		&cli.BoolFlag{Name: "raw", Category: "Output", Usage: "CSV: write cells exactly, without neutralising spreadsheet formulas"},
	}
	if sortLimit {
		fs = append(fs,
			&cli.StringFlag{Name: "sort", Category: "Output", Usage: "sort by `FIELD` (prefix - to reverse)"},
			&cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Category: "Output", Usage: "print at most `N` records (0: no limit)", DefaultText: "no limit"},
		)
	}
	return fs
}

// formatFlag is --format with its default (none: table on a terminal, tsv
// otherwise) and the formats beyond the record formats it accepts.
func formatFlag(def string, extra []string) cli.Flag {
	usage := "output `FORMAT`: " + strings.Join(formatSet(extra...).values(), ", ")
	f := &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Category: "Output", Value: def, Usage: usage}
	if def == "" {
		f.DefaultText = "table on a terminal, tsv otherwise"
	}
	return f
}

// replaceFlag returns flags with the one of f's name replaced by f.
func replaceFlag(flags []cli.Flag, f cli.Flag) []cli.Flag {
	out := slices.Clone(flags)
	for i, g := range out {
		if flagNames(g)[0] == flagNames(f)[0] {
			out[i] = f
		}
	}
	return out
}

// output is what the output flags ask for.
type output struct {
	format   string
	fields   []string
	sort     string
	limit    int
	raw      bool
	header   bool
	noHeader bool
}

func (s *state) outputOptions(c *cli.Context, extra ...string) (output, error) {
	o := output{format: c.String("format"), raw: c.Bool("raw"), header: c.Bool("header"), noHeader: c.Bool("no-header")}
	for _, f := range splitValues(c.StringSlice("fields")) {
		o.fields = append(o.fields, fieldKey(f))
	}
	if c.IsSet("format") && strings.TrimSpace(o.format) == "" {
		return o, usageErrorf("--format needs a value: %s", strings.Join(formatSet(extra...).values(), ", "))
	}
	if c.Bool("json") {
		if c.IsSet("format") && valueKey(o.format) != render.JSON {
			return o, usageErrorf("--json conflicts with --format %s", o.format)
		}
		o.format = render.JSON
	}
	if o.format == "" {
		o.format = render.TSV
		if s.tty() {
			o.format = render.Table
		}
	}
	var err error
	if o.format, err = formatSet(extra...).check("--format", o.format); err != nil {
		return o, err
	}
	switch {
	case o.raw && o.format != render.CSV:
		return o, usageErrorf("--raw applies only to --format csv")
	case o.noHeader && o.format != render.CSV:
		return o, usageErrorf("--no-header applies only to --format csv")
	case o.header && o.format != render.TSV:
		return o, usageErrorf("--header applies only to --format tsv (CSV has a header unless --no-header)")
	}
	o.limit = -1
	if n := c.Int("limit"); n < 0 {
		return o, usageErrorf("--limit %d: want 0 (no limit) or more", n)
	} else if n > 0 {
		o.limit = n
	}
	if o.sort = strings.TrimSpace(c.String("sort")); o.sort != "" {
		desc := strings.HasPrefix(o.sort, "-")
		o.sort = fieldKey(strings.TrimPrefix(o.sort, "-"))
		if desc {
			o.sort = "-" + o.sort
		}
	}
	return o, nil
}

// fieldKey is a field name as typed, in the form fields are named: lower
// case, with underscores ("EU-Status" and "EU STATUS" are eu_status).
func fieldKey(f string) string {
	return strings.ReplaceAll(valueKey(f), "-", "_")
}

// filterFlags are the flags of filter, list, timeline and export.
func filterFlags() []cli.Flag {
	cat := "Filter"
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "crisis", Category: cat, Usage: "address this `CRISIS` (climate-change, biodiversity-loss, pollution, or an alias such as climate)"},
		&cli.StringSliceFlag{Name: "theme", Category: cat, Usage: "belong to this `THEME` (id or alias)"},
		&cli.StringSliceFlag{Name: "sdg", Category: cat, Usage: "serve this `SDG` (1-17 or sdg-N)"},
		&cli.StringSliceFlag{Name: "type", Category: cat, Usage: "are of this `TYPE` (convention, protocol, ...)"},
		&cli.StringSliceFlag{Name: "status", Category: cat, Usage: "have this `STATUS` (in-force, negotiating, ...)"},
		&cli.StringSliceFlag{Name: "eu-status", Category: cat, Usage: "the EU has this `STATUS` in (party, signatory, ...)"},
		&cli.BoolFlag{Name: "binding", Category: cat, Usage: "are legally binding"},
		&cli.BoolFlag{Name: "non-binding", Category: cat, Usage: "are not legally binding"},
		&cli.StringFlag{Name: "adopted-after", Category: cat, Usage: "were adopted after `YEAR` (not in it)"},
		&cli.StringFlag{Name: "adopted-before", Category: cat, Usage: "were adopted before `YEAR` (not in it)"},
	}
}

// filterFrom turns the filter flags into a kb.Filter, checking every value.
func filterFrom(c *cli.Context, k *kb.KB) (kb.Filter, error) {
	var f kb.Filter
	var err error
	if f.Crises, err = checkValues(c, "crisis", crisisSet(k)); err != nil {
		return f, err
	}
	if f.Themes, err = checkValues(c, "theme", themeSet(k)); err != nil {
		return f, err
	}
	sdgs, err := checkValues(c, "sdg", sdgSet(k))
	if err != nil {
		return f, err
	}
	for _, id := range sdgs {
		n, _ := strconv.Atoi(strings.TrimPrefix(id, "sdg-"))
		f.SDGs = append(f.SDGs, n)
	}
	if f.Types, err = checkValues(c, "type", plain(kb.Types()...)); err != nil {
		return f, err
	}
	if f.Statuses, err = checkValues(c, "status", plain(kb.Statuses()...)); err != nil {
		return f, err
	}
	if f.EUStatuses, err = checkValues(c, "eu-status", plain(kb.EUStatuses()...)); err != nil {
		return f, err
	}
	switch {
	case c.Bool("binding") && c.Bool("non-binding"):
		return f, usageErrorf("--binding and --non-binding exclude each other")
	case c.Bool("binding"):
		t := true
		f.Binding = &t
	case c.Bool("non-binding"):
		b := false
		f.Binding = &b
	}
	if f.AdoptedAfter, err = yearFlag(c, "adopted-after"); err != nil {
		return f, err
	}
	if f.AdoptedBefore, err = yearFlag(c, "adopted-before"); err != nil {
		return f, err
	}
	return f, nil
}

// checkValues resolves the values of a repeatable, comma-separated flag.
func checkValues(c *cli.Context, name string, cs closedSet) ([]string, error) {
	var out []string
	for _, v := range splitValues(c.StringSlice(name)) {
		r, err := cs.check("--"+name, v)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func yearFlag(c *cli.Context, name string) (int, error) {
	v := strings.TrimSpace(c.String(name))
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1000 || y > 9999 {
		return 0, usageErrorf("--%s %s: not a year like 2015", name, v)
	}
	return y, nil
}

// kindFlag is the --kind flag of filter and export.
func kindFlag(def, usage string) cli.Flag {
	return &cli.StringFlag{Name: "kind", Value: def, Usage: usage}
}

// selectKind applies a filter to any kind of record: agreements and themes
// as kb.Filter says; crises, SDGs kept when they have a matching agreement
// (or all of them when no filter is set).
func selectKind(k *kb.KB, kind string, f kb.Filter, filtered bool) []int {
	switch kind {
	case kb.KindTheme:
		return k.FilterThemes(f)
	case kb.KindAgreement:
		return k.FilterAgreements(f)
	}
	match := k.FilterAgreements(f)
	var out []int
	n := len(k.Crises)
	if kind == kb.KindSDG {
		n = len(k.SDGs)
	}
	for i := 0; i < n; i++ {
		if !filtered {
			out = append(out, i)
			continue
		}
		for _, j := range match {
			a := &k.Agreements[j]
			if (kind == kb.KindCrisis && slices.Contains(a.Crises, k.Crises[i].ID)) ||
				(kind == kb.KindSDG && slices.Contains(a.SDGs, k.SDGs[i].Number)) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// anyFilterSet reports whether a filter flag was given.
func anyFilterSet(c *cli.Context) bool {
	for _, f := range filterFlags() {
		if c.IsSet(flagNames(f)[0]) {
			return true
		}
	}
	return false
}

// flagNames are a flag's name and aliases as declared: f.Names() without
// the regular expression it runs on every name at every call.
func flagNames(f cli.Flag) []string {
	switch f := f.(type) {
	case *boolFlag:
		return f.names
	case *stringFlag:
		return f.names
	case *stringSliceFlag:
		return f.names
	case *intFlag:
		return f.names
	case *cli.StringFlag:
		return append([]string{f.Name}, f.Aliases...)
	case *cli.StringSliceFlag:
		return append([]string{f.Name}, f.Aliases...)
	case *cli.BoolFlag:
		return append([]string{f.Name}, f.Aliases...)
	case *cli.IntFlag:
		return append([]string{f.Name}, f.Aliases...)
	}
	return f.Names()
}
