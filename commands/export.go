package commands

import (
	"bytes"
	"envcoop/kb"
	"envcoop/render"

	"github.com/urfave/cli/v2"
)

func newExportCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the knowledge base (or one kind of record) as JSON, CSV, TOML, ...",
		Description: `Examples:
envcoop export > kb.json                                  everything, as JSON
envcoop export --kind agreements --format csv -o agreements.csv
envcoop export --crisis pollution --kind agreements --format ndjson
envcoop export --format toml -o backup.toml               loads back with --data backup.toml
envcoop export --format sql -o kb.sql && sqlite3 -bail kb.db < kb.sql

JSON without --kind is one object: {"themes":[...],"agreements":[...],
"crises":[...],"sdgs":[...]}; with --kind it is an array. CSV holds one kind
per file, so it needs --kind. TOML writes a knowledge base that loads back;
with filters it keeps the matching agreements (and their parents) and every
theme, crisis and SDG. SQL writes normalised tables (themes, agreements,
crises, sdgs, link tables, milestones, sources, source_supports) in one
transaction that sqlite3 and PostgreSQL load; filters apply as for TOML.

-o FILE writes to a temporary file beside FILE and renames it into place;
an existing FILE is replaced only with --force.`,
		Flags: append(append(replaceFlag(outputFlags(true), formatFlag(render.JSON, []string{formatTOML, formatSQL})),
			kindFlag("", "export only `KIND`: themes, agreements, crises or sdgs"),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output", TakesFile: true},
			&cli.BoolFlag{Name: "force", Usage: "replace FILE if it exists"},
		), filterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("export takes no arguments, got %q", c.Args().First())
			}
			kind := ""
			if c.String("kind") != "" {
				var err error
				if kind, err = parseKind("--kind", c.String("kind")); err != nil {
					return err
				}
			}
			dest := c.String("output")
			if dest == "" && c.IsSet("output") {
				return usageErrorf("-o needs a file name")
			}
			p, err := s.prepare(c, formatTOML, formatSQL)
			if err != nil {
				return err
			}
			out := p.out
			if err := checkSQLOptions(kind, out); err != nil { // sql.go
				return err
			}
			switch {
			case kind == "" && out.format != render.JSON && out.format != formatTOML && out.format != render.NDJSON && out.format != formatSQL:
				return usageErrorf("--format %s holds one kind of record per file: add --kind themes, agreements, crises or sdgs", out.format)
			case out.format == formatTOML && kind != "":
				return usageErrorf("--format toml writes a whole knowledge base; drop --kind (filters still apply)")
			case out.format == formatTOML && (len(out.fields) > 0 || out.sort != "" || out.limit >= 0):
				return usageErrorf("--format toml writes whole records: --fields, --sort and --limit do not apply")
			case kind == "" && out.format != formatTOML && (out.sort != "" || out.limit >= 0):
				return usageErrorf("--sort and --limit need --kind")
			}
			return runExport(s, p.kb, exportOptions{kind: kind, filter: p.filter, filtered: p.filtered, out: out, dest: dest, force: c.Bool("force")})
		},
	}
}

type exportOptions struct {
	kind     string
	filter   kb.Filter
	filtered bool
	out      output
	dest     string
	force    bool
}

// formatTOML is export's own format: a knowledge base that loads back,
// written by kb.EncodeTOML from the schema.
const formatTOML = "toml"

func runExport(s *state, k *kb.KB, o exportOptions) error {
	out, err := exportBytes(s, k, o)
	if err != nil {
		return err
	}
	if o.dest == "" || o.dest == "-" {
		return s.write(out)
	}
	return s.writeFileSafely(o.dest, out, o.force, s.ins)
}

func exportBytes(s *state, k *kb.KB, o exportOptions) ([]byte, error) {
	ro := render.Options{Format: o.out.format, Raw: o.out.raw, Header: o.out.header, NoHeader: o.out.noHeader}
	switch {
	case o.out.format == formatSQL:
		var buf bytes.Buffer
		if err := writeSQL(&buf, subset(k, o.filter, o.filtered)); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	case o.out.format == formatTOML:
		return kb.EncodeTOML(subset(k, o.filter, o.filtered)), nil
	case o.kind != "":
		sch, _ := kb.SchemaOf(o.kind)
		v := view(k, o.filter, o.filtered)
		recs := records(k, sch, selectKind(k, o.kind, o.filter, o.filtered))
		fields, err := outputFields(sch, o.out)
		if err != nil {
			return nil, err
		}
		if o.out.sort != "" {
			if err := sortRecords(v, sch, recs, o.out.sort); err != nil {
				return nil, err
			}
		}
		if o.out.limit >= 0 && len(recs) > o.out.limit {
			recs = recs[:o.out.limit]
		}
		return render.Records(set(v, sch, fields, recs), ro)
	}
	var sets []*render.Set
	v := view(k, o.filter, o.filtered)
	for _, sch := range kb.Schemas() {
		fields, err := outputFields(sch, o.out)
		if err != nil {
			return nil, err
		}
		sets = append(sets, set(v, sch, fields, records(k, sch, selectKind(k, sch.Kind, o.filter, o.filtered))))
	}
	return render.Envelope(sets, true, ro)
}

// subset keeps the matching agreements and their parents, and every theme,
// crisis and SDG, so that the result is a valid knowledge base. It is
// linear: each agreement is looked up by id in a map, and each chain of
// parents is walked only until it meets one already kept.
func subset(k *kb.KB, f kb.Filter, filtered bool) *kb.KB {
	if !filtered {
		return k
	}
	byID := make(map[string]int, len(k.Agreements))
	for i := range k.Agreements {
		if _, dup := byID[k.Agreements[i].ID]; !dup {
			byID[k.Agreements[i].ID] = i
		}
	}
	keep := make([]bool, len(k.Agreements))
	for _, i := range k.FilterAgreements(f) {
		for !keep[i] {
			keep[i] = true
			p, ok := byID[k.Agreements[i].Parent]
			if !ok {
				break
			}
			i = p
		}
	}
	out := &kb.KB{Themes: k.Themes, Crises: k.Crises, SDGs: k.SDGs}
	for i, a := range k.Agreements {
		if keep[i] {
			out.Agreements = append(out.Agreements, a)
		}
	}
	return out
}
