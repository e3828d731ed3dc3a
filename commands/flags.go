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
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Category: "Output",
			Usage: "output `FORMAT`: table (default on a terminal), tsv (default otherwise), json, ndjson, csv, markdown"},
		&cli.BoolFlag{Name: "json", Category: "Output", Usage: "short for --format json"},
		&cli.StringSliceFlag{Name: "fields", Category: "Output", Usage: "print only these `FIELDS`, in this order (comma-separated; the headers of a table name them)"},
		&cli.BoolFlag{Name: "header", Category: "Output", Usage: "TSV: start with a line of field names"},
		&cli.BoolFlag{Name: "no-header", Category: "Output", Usage: "CSV: leave out the line of field names"},
		&cli.BoolFlag{Name: "raw", Category: "Output", Usage: "CSV: write cells exactly, without neutralising spreadsheet formulas"},
	}
	if sortLimit {
		fs = append(fs,
			&cli.StringFlag{Name: "sort", Category: "Output", Usage: "sort by `FIELD` (prefix - to reverse)"},
			&cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Category: "Output", Usage: "print at most `N` records"},
		)
	}
	return fs
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
	o := output{format: c.String("format"), fields: splitValues(c.StringSlice("fields")), raw: c.Bool("raw"),
		header: c.Bool("header"), noHeader: c.Bool("no-header")}
	if c.Bool("json") {
		if c.IsSet("format") && o.format != render.JSON {
			return o, usageErrorf("--json conflicts with --format %s", o.format)
		}
		o.format = render.JSON
	}
	if !c.IsSet("format") && !c.Bool("json") {
		o.format = render.TSV
		if s.tty() {
			o.format = render.Table
		}
	}
	valid := append(render.Formats(), extra...)
	if !slices.Contains(valid, o.format) {
		return o, usageErrorf("unknown format %q%s\nvalid formats: %s", o.format, didYouMean(o.format, valid), strings.Join(valid, ", "))
	}
	switch {
	case o.raw && o.format != render.CSV:
		return o, usageErrorf("--raw applies only to --format csv")
	case o.noHeader && o.format != render.CSV:
		return o, usageErrorf("--no-header applies only to --format csv")
	case o.header && o.format != render.TSV:
		return o, usageErrorf("--header applies only to --format tsv (CSV has a header unless --no-header)")
	}
	if c.IsSet("limit") {
		o.limit = c.Int("limit")
		if o.limit < 0 {
			return o, usageErrorf("--limit must be 0 or more, got %d", o.limit)
		}
	} else {
		o.limit = -1
	}
	o.sort = strings.TrimSpace(c.String("sort"))
	return o, nil
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
	for _, v := range splitValues(c.StringSlice("crisis")) {
		id, ok := k.ResolveCrisis(v)
		if !ok {
			return f, badValue("--crisis", v, crisisNames(k))
		}
		f.Crises = append(f.Crises, id)
	}
	for _, v := range splitValues(c.StringSlice("theme")) {
		id, ok := k.ResolveTheme(v)
		if !ok {
			var ids []string
			for _, t := range k.Themes {
				ids = append(ids, t.ID)
			}
			return f, badValue("--theme", v, ids)
		}
		f.Themes = append(f.Themes, id)
	}
	for _, v := range splitValues(c.StringSlice("sdg")) {
		n, err := strconv.Atoi(strings.TrimPrefix(strings.ToLower(v), "sdg-"))
		if err != nil || n < 1 || n > 17 {
			return f, usageErrorf("--sdg: %q is not an SDG; valid: 1-17 or sdg-1 ... sdg-17", v)
		}
		f.SDGs = append(f.SDGs, n)
	}
	var err error
	if f.Types, err = vocabValues(c, "type", kb.Types()); err != nil {
		return f, err
	}
	if f.Statuses, err = vocabValues(c, "status", kb.Statuses()); err != nil {
		return f, err
	}
	if f.EUStatuses, err = vocabValues(c, "eu-status", kb.EUStatuses()); err != nil {
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

func crisisNames(k *kb.KB) []string {
	var out []string
	for _, c := range k.Crises {
		out = append(out, c.ID)
		out = append(out, c.Aliases...)
	}
	return out
}

func vocabValues(c *cli.Context, name string, valid []string) ([]string, error) {
	vals := splitValues(c.StringSlice(name))
	for _, v := range vals {
		if !slices.Contains(valid, v) {
			return nil, badValue("--"+name, v, valid)
		}
	}
	return vals, nil
}

func badValue(flag, v string, valid []string) error {
	return usageErrorf("%s: unknown value %q%s\nvalid values: %s", flag, v, didYouMean(v, valid), strings.Join(valid, ", "))
}

func yearFlag(c *cli.Context, name string) (int, error) {
	v := strings.TrimSpace(c.String(name))
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1000 || y > 9999 {
		return 0, usageErrorf("--%s: %q is not a year like 2015", name, v)
	}
	return y, nil
}

// kindFlag is the --kind flag of filter and export.
func kindFlag(def, usage string) cli.Flag {
	return &cli.StringFlag{Name: "kind", Value: def, Usage: usage}
}

// parseKind accepts singular and plural kind names.
func parseKind(v string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "theme", "themes":
		return kb.KindTheme, nil
	case "agreement", "agreements":
		return kb.KindAgreement, nil
	case "crisis", "crises":
		return kb.KindCrisis, nil
	case "sdg", "sdgs":
		return kb.KindSDG, nil
	}
	valid := []string{"themes", "agreements", "crises", "sdgs"}
	return "", usageErrorf("unknown kind %q%s\nvalid kinds: %s", v, didYouMean(v, valid), strings.Join(valid, ", "))
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
		if c.IsSet(f.Names()[0]) {
			return true
		}
	}
	return false
}
