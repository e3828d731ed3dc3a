package commands

import (
	"bytes"
	"slices"

	"envcoop/kb"

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
		Flags: append(append(outputFlags(true),
			kindFlag("", "export only `KIND`: themes, agreements, crises or sdgs"),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output", TakesFile: true},
			&cli.BoolFlag{Name: "force", Usage: "replace FILE if it exists"},
		), filterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("export takes no arguments, got %q", c.Args().First())
			}
			if !c.IsSet("format") && !c.Bool("json") {
				if err := c.Set("format", formatJSON); err != nil {
					return err
				}
			}
			out, err := s.outputOptions(c, formatTOML, formatSQL)
			if err != nil {
				return err
			}
			kind := ""
			if c.String("kind") != "" {
				if kind, err = parseKind(c.String("kind")); err != nil {
					return err
				}
			}
			if err := checkSQLOptions(kind, out); err != nil { // sql.go
				return err
			}
			switch {
			case kind == "" && out.format != formatJSON && out.format != formatTOML && out.format != formatNDJSON && out.format != formatSQL:
				return usageErrorf("--format %s holds one kind of record per file: add --kind themes, agreements, crises or sdgs", out.format)
			case out.format == formatTOML && kind != "":
				return usageErrorf("--format toml writes a whole knowledge base; drop --kind (filters still apply)")
			case out.format == formatTOML && (len(out.fields) > 0 || out.sort != "" || out.limit >= 0):
				return usageErrorf("--format toml writes whole records: --fields, --sort and --limit do not apply")
			case kind == "" && out.format != formatTOML && (out.sort != "" || out.limit >= 0):
				return usageErrorf("--sort and --limit need --kind")
			}
			dest := c.String("output")
			if c.IsSet("output") && dest == "" {
				return usageErrorf("-o needs a file name")
			}
			k, err := s.kb()
			if err != nil {
				return err
			}
			f, err := filterFrom(c, k)
			if err != nil {
				return err
			}
			return runExport(s, k, exportOptions{kind: kind, filter: f, filtered: anyFilterSet(c), out: out, dest: dest, force: c.Bool("force")})
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

func runExport(s *state, k *kb.KB, o exportOptions) error {
	var buf bytes.Buffer
	if err := exportTo(&buf, k, o); err != nil {
		return err
	}
	if o.dest == "" || o.dest == "-" {
		_, err := s.env.Stdout.Write(buf.Bytes())
		return err
	}
	return s.writeFileSafely(o.dest, buf.Bytes(), o.force, s.ins)
}

func exportTo(w *bytes.Buffer, k *kb.KB, o exportOptions) error {
	switch {
	case o.out.format == formatSQL:
		return writeSQL(w, subset(k, o.filter, o.filtered))
	case o.out.format == formatTOML:
		_, err := w.Write(kb.EncodeTOML(subset(k, o.filter, o.filtered)))
		return err
	case o.kind != "":
		return emitRecords(w, k, o.kind, selectKind(k, o.kind, o.filter, o.filtered), o.out)
	}
	kinds := []struct{ key, kind string }{{"themes", kb.KindTheme}, {"agreements", kb.KindAgreement}, {"crises", kb.KindCrisis}, {"sdgs", kb.KindSDG}}
	if o.out.format == formatNDJSON {
		// one stream of objects; each carries its kind
		for _, x := range kinds {
			d := recordsDataset(k, x.kind, selectKind(k, x.kind, o.filter, o.filtered))
			d.columns = append([]column{{name: "kind", header: "KIND"}}, d.columns...)
			for i := range d.rows {
				d.rows[i] = append([]any{x.kind}, d.rows[i]...)
			}
			if len(o.out.fields) > 0 {
				o.out.fields = append([]string{"kind"}, slices.DeleteFunc(slices.Clone(o.out.fields), func(f string) bool { return f == "kind" })...)
			}
			if err := emit(w, d, o.out); err != nil {
				return err
			}
		}
		return nil
	}
	w.WriteString("{\n")
	for i, x := range kinds {
		d := recordsDataset(k, x.kind, selectKind(k, x.kind, o.filter, o.filtered))
		cols, err := d.outputColumns(o.out.fields, false)
		if err != nil {
			return err
		}
		d.keepColumns(cols)
		w.WriteString("  ")
		writeJSONString(w, x.key)
		w.WriteString(": ")
		if err := renderJSONAt(w, d, "  "); err != nil {
			return err
		}
		if i < len(kinds)-1 {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	w.WriteString("}\n")
	return nil
}

// subset keeps the matching agreements and their parents, and every theme,
// crisis and SDG, so that the result is a valid knowledge base.
func subset(k *kb.KB, f kb.Filter, filtered bool) *kb.KB {
	if !filtered {
		return k
	}
	keep := map[string]bool{}
	for _, i := range k.FilterAgreements(f) {
		for a := &k.Agreements[i]; a != nil && !keep[a.ID]; {
			keep[a.ID] = true
			p, ok := k.Agreement(a.Parent)
			if !ok {
				break
			}
			a = p
		}
	}
	out := &kb.KB{Themes: k.Themes, Crises: k.Crises, SDGs: k.SDGs}
	for _, a := range k.Agreements {
		if keep[a.ID] {
			out.Agreements = append(out.Agreements, a)
		}
	}
	return out
}
