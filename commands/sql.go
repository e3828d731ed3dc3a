package commands

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"envcoop/kb"
)

// formatSQL is export's SQL output (export only): a script that sqlite3 and
// PostgreSQL both load into normalised tables.
const formatSQL = "sql"

// sqlBatch is how many rows one INSERT statement carries.
const sqlBatch = 100

// sqlColumn is one column of a table of the SQL export.
type sqlColumn struct {
	name string
	typ  string // TEXT, INTEGER or BOOLEAN: the types sqlite3 and PostgreSQL share
	// constraint follows the type: "PRIMARY KEY", "NOT NULL",
	// "REFERENCES themes (id)", ...
	constraint string
}

// sqlTable is one table of the SQL export: its columns, its table
// constraints, the columns that get an index, and its rows.
type sqlTable struct {
	name    string
	columns []sqlColumn
	checks  []string // table constraints: "PRIMARY KEY (a, b)", "CHECK (...)"
	indexes []string // one index per column named here
	rows    [][]any  // values: nil, string, kb.Date, int, *int, bool, *bool
}

// writeSQL writes the knowledge base as one SQL transaction that sqlite3
// (sqlite3 -bail kb.db < kb.sql) and PostgreSQL (psql -v ON_ERROR_STOP=1
// -f kb.sql) load into an empty database: a table per kind, link tables for
// the lists of ids, milestones, sources and the fields each supports, with
// primary and foreign keys and indexes. Agreements come parents first, so
// that every foreign key holds while the rows go in.
//
// Strings are standard SQL literals (a quote is doubled; a backslash is an
// ordinary character, as PostgreSQL's standard_conforming_strings makes it).
// A string with a NUL character or invalid UTF-8, which PostgreSQL cannot
// store, is an error. Unknown values (empty strings, dates) are NULL, as
// they are null in JSON.
func writeSQL(w *bytes.Buffer, k *kb.KB) error {
	tables := sqlTables(k)
	counts := make([]string, 0, 4)
	for _, t := range tables[:4] {
		counts = append(counts, fmt.Sprintf("%d %s", len(t.rows), t.name))
	}
	fmt.Fprintf(w, "-- envcoop knowledge base: %s.\n", strings.Join(counts, ", "))
	w.WriteString("-- Written by 'envcoop export --format sql'. Load it into an empty database:\n")
	w.WriteString("--   sqlite3 -bail kb.db < kb.sql\n")
	w.WriteString("--   psql -v ON_ERROR_STOP=1 -d DATABASE -f kb.sql\n")
	w.WriteString("-- It is one transaction: an error leaves the database as it was.\n\n")
	w.WriteString("BEGIN;\n")
	for _, t := range tables {
		w.WriteString("\n")
		writeCreateTable(w, t)
	}
	for _, t := range tables {
		if err := writeInserts(w, t); err != nil {
			return err
		}
	}
	w.WriteString("\n")
	for _, t := range tables {
		for _, c := range t.indexes {
			fmt.Fprintf(w, "CREATE INDEX %s_%s ON %s (%s);\n", t.name, c, t.name, c)
		}
	}
	w.WriteString("\nCOMMIT;\n")
	return nil
}

func writeCreateTable(w *bytes.Buffer, t sqlTable) {
	fmt.Fprintf(w, "CREATE TABLE %s (\n", t.name)
	lines := make([]string, 0, len(t.columns)+len(t.checks))
	for _, c := range t.columns {
		l := "  " + c.name + " " + c.typ
		if c.constraint != "" {
			l += " " + c.constraint
		}
		lines = append(lines, l)
	}
	for _, c := range t.checks {
		lines = append(lines, "  "+c)
	}
	w.WriteString(strings.Join(lines, ",\n"))
	w.WriteString("\n);\n")
}

func writeInserts(w *bytes.Buffer, t sqlTable) error {
	names := make([]string, len(t.columns))
	for i, c := range t.columns {
		names[i] = c.name
	}
	for start := 0; start < len(t.rows); start += sqlBatch {
		fmt.Fprintf(w, "\nINSERT INTO %s (%s) VALUES\n", t.name, strings.Join(names, ", "))
		end := min(start+sqlBatch, len(t.rows))
		for r, row := range t.rows[start:end] {
			w.WriteString("  (")
			for i, v := range row {
				if i > 0 {
					w.WriteString(", ")
				}
				lit, err := sqlLiteral(v)
				if err != nil {
					return fmt.Errorf("--format sql: %s %s: %s: %w", t.name, sqlRowKey(t, row), t.columns[i].name, err)
				}
				w.WriteString(lit)
			}
			w.WriteString(")")
			if start+r < end-1 {
				w.WriteString(",\n")
			}
		}
		w.WriteString(";\n")
	}
	return nil
}

// sqlRowKey names a row in an error: its first column, the record's id.
func sqlRowKey(t sqlTable, row []any) string {
	if s, ok := row[0].(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(scalar(row[0]))
}

// sqlLiteral writes a value as an SQL literal both sqlite3 and PostgreSQL read.
func sqlLiteral(v any) (string, error) {
	switch s := scalar(v).(type) {
	case nil:
		return "NULL", nil
	case int:
		return strconv.Itoa(s), nil
	case bool:
		if s {
			return "TRUE", nil
		}
		return "FALSE", nil
	case string:
		return sqlString(s)
	}
	return "", fmt.Errorf("cannot write %T as SQL", v)
}

// sqlString quotes s as a standard SQL string literal. Quotes are doubled;
// every other character, control characters included, stands for itself,
// except that a carriage return before a line feed ends one literal and the
// line feed starts the next ('a\r' || '\nb'), because sqlite3's shell reads
// "\r\n" at the end of a line as a line break. NUL and invalid UTF-8 are
// refused: PostgreSQL cannot store them in text.
func sqlString(s string) (string, error) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return "", fmt.Errorf("a NUL character (at byte %d), which SQL text cannot hold", i)
	}
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("invalid UTF-8, which SQL text cannot hold")
	}
	q := "'" + strings.ReplaceAll(s, "'", "''") + "'"
	return strings.ReplaceAll(q, "\r\n", "\r' || '\n"), nil
}

// sqlTables lays the knowledge base out as tables, in the order they are
// created and filled: every table after the tables it refers to.
func sqlTables(k *kb.KB) []sqlTable {
	text := func(name, constraint string) sqlColumn { return sqlColumn{name, "TEXT", constraint} }
	integer := func(name, constraint string) sqlColumn { return sqlColumn{name, "INTEGER", constraint} }
	ref := func(name, table, col string) sqlColumn {
		typ := "TEXT"
		if col == "number" {
			typ = "INTEGER"
		}
		return sqlColumn{name, typ, fmt.Sprintf("NOT NULL REFERENCES %s (%s)", table, col)}
	}
	position := integer("position", "NOT NULL")

	themes := sqlTable{name: "themes", columns: []sqlColumn{text("id", "NOT NULL PRIMARY KEY"), text("name", "NOT NULL"),
		text("summary", ""), text("url", ""), text("as_of", "")}}
	crises := sqlTable{name: "crises", columns: []sqlColumn{text("id", "NOT NULL PRIMARY KEY"), text("name", "NOT NULL"), text("summary", "")}}
	sdgs := sqlTable{name: "sdgs", columns: []sqlColumn{integer("number", "NOT NULL PRIMARY KEY"), text("id", "NOT NULL UNIQUE"),
		text("name", "NOT NULL"), text("url", "")}}
	agreements := sqlTable{name: "agreements", columns: []sqlColumn{
		text("id", "NOT NULL PRIMARY KEY"), text("name", "NOT NULL"), text("full_name", ""), text("type", "NOT NULL"),
		{"binding", "BOOLEAN", ""}, text("parent", "REFERENCES agreements (id)"),
		text("adopted", ""), text("adopted_place", ""), text("entry_into_force", ""), text("status", "NOT NULL"),
		text("eu_status", ""), text("eu_signed", ""), text("eu_joined", ""), text("eu_in_force_for_eu", ""),
		text("eu_instrument", ""), text("eu_decision", ""), text("eu_celex", ""),
		text("depositary", ""), text("secretariat", ""), integer("parties", ""), text("parties_as_of", ""),
		text("url", ""), text("summary", ""),
		text("xref_untc", ""), text("xref_ecolex", ""), text("xref_informea", ""), text("xref_celex", ""),
		text("as_of", ""),
	}, indexes: []string{"parent", "adopted"}}
	link := func(name, owner, ownerTable, other, otherTable, otherCol string) sqlTable {
		return sqlTable{name: name, columns: []sqlColumn{ref(owner, ownerTable, "id"), ref(other, otherTable, otherCol), position},
			checks: []string{fmt.Sprintf("PRIMARY KEY (%s, %s)", owner, other)}, indexes: []string{other}}
	}
	list := func(name, owner, ownerTable, value string) sqlTable {
		return sqlTable{name: name, columns: []sqlColumn{ref(owner, ownerTable, "id"), position, text(value, "NOT NULL")},
			checks: []string{fmt.Sprintf("PRIMARY KEY (%s, position)", owner)}}
	}
	themeCrises := link("theme_crises", "theme_id", "themes", "crisis_id", "crises", "id")
	themeSDGs := link("theme_sdgs", "theme_id", "themes", "sdg_number", "sdgs", "number")
	themePolicy := list("theme_eu_policy", "theme_id", "themes", "policy")
	themeAliases := list("theme_aliases", "theme_id", "themes", "alias")
	agreementThemes := link("agreement_themes", "agreement_id", "agreements", "theme_id", "themes", "id")
	agreementCrises := link("agreement_crises", "agreement_id", "agreements", "crisis_id", "crises", "id")
	agreementSDGs := link("agreement_sdgs", "agreement_id", "agreements", "sdg_number", "sdgs", "number")
	agreementAliases := list("agreement_aliases", "agreement_id", "agreements", "alias")
	crisisAliases := list("crisis_aliases", "crisis_id", "crises", "alias")
	milestones := sqlTable{name: "milestones", columns: []sqlColumn{ref("agreement_id", "agreements", "id"), position,
		text("date", ""), text("event", "NOT NULL")},
		checks: []string{"PRIMARY KEY (agreement_id, position)"}, indexes: []string{"date"}}
	// A source belongs to a theme or to an agreement; position is its
	// number on the record ([1], [2], ... in show and on the site).
	sources := sqlTable{name: "sources", columns: []sqlColumn{integer("id", "PRIMARY KEY"),
		text("theme_id", "REFERENCES themes (id)"), text("agreement_id", "REFERENCES agreements (id)"), position,
		text("url", "NOT NULL"), text("title", "")},
		checks: []string{"UNIQUE (theme_id, position)", "UNIQUE (agreement_id, position)",
			"CHECK ((theme_id IS NULL) <> (agreement_id IS NULL))"}}
	supports := sqlTable{name: "source_supports", columns: []sqlColumn{integer("source_id", "NOT NULL REFERENCES sources (id)"),
		text("field", "NOT NULL"), position},
		checks: []string{"PRIMARY KEY (source_id, field)"}, indexes: []string{"field"}}

	addSources := func(themeID, agreementID any, srcs []kb.Source) {
		for i, s := range srcs {
			id := len(sources.rows) + 1
			sources.rows = append(sources.rows, []any{id, themeID, agreementID, i + 1, s.URL, s.Title})
			for j, f := range s.Supports {
				supports.rows = append(supports.rows, []any{id, f, j + 1})
			}
		}
	}
	for _, t := range k.Themes {
		themes.rows = append(themes.rows, []any{t.ID, t.Name, t.Summary, t.URL, t.AsOf})
		for i, c := range t.Crises {
			themeCrises.rows = append(themeCrises.rows, []any{t.ID, c, i + 1})
		}
		for i, n := range t.SDGs {
			themeSDGs.rows = append(themeSDGs.rows, []any{t.ID, n, i + 1})
		}
		for i, p := range t.EUPolicy {
			themePolicy.rows = append(themePolicy.rows, []any{t.ID, i + 1, p})
		}
		for i, a := range t.Aliases {
			themeAliases.rows = append(themeAliases.rows, []any{t.ID, i + 1, a})
		}
		addSources(t.ID, nil, t.Sources)
	}
	for _, c := range k.Crises {
		crises.rows = append(crises.rows, []any{c.ID, c.Name, c.Summary})
		for i, a := range c.Aliases {
			crisisAliases.rows = append(crisisAliases.rows, []any{c.ID, i + 1, a})
		}
	}
	for _, g := range k.SDGs {
		sdgs.rows = append(sdgs.rows, []any{g.Number, g.ID(), g.Name, g.URL})
	}
	for _, i := range parentsFirst(k) {
		a := &k.Agreements[i]
		agreements.rows = append(agreements.rows, []any{a.ID, a.Name, a.FullName, a.Type, a.Binding, a.Parent,
			a.Adopted, a.AdoptedPlace, a.EntryIntoForce, a.Status,
			a.EU.Status, a.EU.Signed, a.EU.Joined, a.EU.InForceForEU, a.EU.Instrument, a.EU.Decision, a.EU.CELEX,
			a.Depositary, a.Secretariat, a.Parties, a.PartiesAsOf, a.URL, a.Summary,
			a.Xref.UNTC, a.Xref.ECOLEX, a.Xref.InforMEA, a.Xref.CELEX, a.AsOf})
		for j, t := range a.Themes {
			agreementThemes.rows = append(agreementThemes.rows, []any{a.ID, t, j + 1})
		}
		for j, c := range a.Crises {
			agreementCrises.rows = append(agreementCrises.rows, []any{a.ID, c, j + 1})
		}
		for j, n := range a.SDGs {
			agreementSDGs.rows = append(agreementSDGs.rows, []any{a.ID, n, j + 1})
		}
		for j, al := range a.Aliases {
			agreementAliases.rows = append(agreementAliases.rows, []any{a.ID, j + 1, al})
		}
		for j, m := range a.Milestones {
			milestones.rows = append(milestones.rows, []any{a.ID, j + 1, m.Date, m.Event})
		}
		addSources(nil, a.ID, a.Sources)
	}
	return []sqlTable{themes, agreements, crises, sdgs,
		themeCrises, themeSDGs, themePolicy, themeAliases,
		agreementThemes, agreementCrises, agreementSDGs, agreementAliases,
		crisisAliases, milestones, sources, supports}
}

// parentsFirst orders the agreements so that each comes after its parent,
// keeping data order otherwise.
func parentsFirst(k *kb.KB) []int {
	index := make(map[string]int, len(k.Agreements))
	for i, a := range k.Agreements {
		index[a.ID] = i
	}
	done := make([]bool, len(k.Agreements))
	out := make([]int, 0, len(k.Agreements))
	for i := range k.Agreements {
		// climb to the oldest ancestor not yet written, then write down
		var chain []int
		for j, ok := i, true; ok && !done[j] && !slices.Contains(chain, j); j, ok = index[k.Agreements[j].Parent] {
			chain = append(chain, j)
		}
		for c := len(chain) - 1; c >= 0; c-- {
			done[chain[c]] = true
			out = append(out, chain[c])
		}
	}
	return out
}

// checkSQLOptions refuses the output flags that do not apply to SQL, which
// writes whole records of every kind.
func checkSQLOptions(kind string, o output) error {
	switch {
	case o.format != formatSQL:
		return nil
	case kind != "":
		return usageErrorf("--format sql writes every kind into its own tables; drop --kind (filters still apply)")
	case len(o.fields) > 0 || o.sort != "" || o.limit >= 0:
		return usageErrorf("--format sql writes whole records: --fields, --sort and --limit do not apply")
	}
	return nil
}

// scalar reduces a value to nil, string, int or bool. Empty strings and
// dates are unknown (nil).
func scalar(v any) any {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		if t == "" {
			return nil
		}
		return t
	case kb.Date:
		if t.IsZero() {
			return nil
		}
		return t.String()
	case int:
		return t
	case *int:
		if t == nil {
			return nil
		}
		return *t
	case bool:
		return t
	case *bool:
		if t == nil {
			return nil
		}
		return *t
	}
	return v
}
