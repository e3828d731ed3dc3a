package commands

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSQLString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "'plain'"},
		{"", "''"},
		{"it's", "'it''s'"},
		{`back\slash`, `'back\slash'`},
		{"'); DROP TABLE themes; --", "'''); DROP TABLE themes; --'"},
		{"two\nlines", "'two\nlines'"},
		{"crlf\r\nnext", "'crlf\r' || '\nnext'"},
		{"lone\rcr", "'lone\rcr'"},
		{"esc\x1b[31m\x01", "'esc\x1b[31m\x01'"},
		{"Göteborg \u2028", "'Göteborg \u2028'"},
	}
	for _, tt := range tests {
		got, err := sqlString(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("sqlString(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"nul\x00here", "bad \xff byte"} {
		if got, err := sqlString(bad); err == nil {
			t.Errorf("sqlString(%q) = %q, want an error", bad, got)
		}
	}
}

// unquoteSQL reads back what sqlString writes: literals joined by " || ".
func unquoteSQL(lit string) (string, error) {
	var out strings.Builder
	for i := 0; ; {
		if i >= len(lit) || lit[i] != '\'' {
			return "", fmt.Errorf("want a quote at byte %d of %q", i, lit)
		}
		i++
		for {
			j := strings.IndexByte(lit[i:], '\'')
			if j < 0 {
				return "", fmt.Errorf("unterminated literal %q", lit)
			}
			out.WriteString(lit[i : i+j])
			i += j + 1
			if i < len(lit) && lit[i] == '\'' {
				out.WriteByte('\'')
				i++
				continue
			}
			break
		}
		if i == len(lit) {
			return out.String(), nil
		}
		if !strings.HasPrefix(lit[i:], " || ") {
			return "", fmt.Errorf("junk after a literal at byte %d of %q", i, lit)
		}
		i += len(" || ")
	}
}

// FuzzSQLString: every literal reads back as the string, and no literal
// holds a carriage return before a line feed (which sqlite3's shell drops)
// or a NUL.
func FuzzSQLString(f *testing.F) {
	for _, s := range []string{"plain", "it's", "''", "a\r\nb", "\r\n\r\n", "\\'", "x' || 'y", "é\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lit, err := sqlString(s)
		if strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) {
			if err == nil {
				t.Fatalf("sqlString(%q) = %q, want an error", s, lit)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(lit, "\r\n") || strings.IndexByte(lit, 0) >= 0 {
			t.Fatalf("sqlString(%q) = %q holds CR LF or NUL", s, lit)
		}
		back, err := unquoteSQL(lit)
		if err != nil {
			t.Fatal(err)
		}
		if back != s {
			t.Fatalf("sqlString(%q) = %q reads back as %q", s, lit, back)
		}
	})
}

func TestExportSQLRefusesNUL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nul.toml")
	writeTestFile(t, path, "[[crises]]\nid = \"c\"\nname = \"a\\u0000b\"\n")
	stdout, stderr, code := run(t, "--data", path, "export", "--format", "sql")
	if code != ExitError || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	want := "envcoop: --format sql: crises \"c\": name: a NUL character (at byte 1), which SQL text cannot hold\n"
	if stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sqlDB is a real database that loads an SQL script and answers queries
// with rows of text (NULL as "").
type sqlDB interface {
	load(t *testing.T, script string)
	query(t *testing.T, q string) [][]string
}

// The separators of query output: no test value holds them.
const (
	fieldSep  = "\x1f"
	recordSep = "\x1e"
)

func splitRows(out string) [][]string {
	if out == "" {
		return nil
	}
	var rows [][]string
	for _, r := range strings.Split(out, recordSep) {
		rows = append(rows, strings.Split(r, fieldSep))
	}
	return rows
}

type sqliteDB struct{ bin, path string }

func newSQLite(t *testing.T) *sqliteDB {
	t.Helper()
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 is not installed (.ci/run installs it: apt-get install sqlite3)")
	}
	return &sqliteDB{bin: bin, path: filepath.Join(t.TempDir(), "kb.db")}
}

func (d *sqliteDB) load(t *testing.T, script string) {
	t.Helper()
	cmd := exec.Command(d.bin, "-bail", "-batch", d.path)
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("sqlite3 could not load the script: %v\n%s", err, out)
	}
}

func (d *sqliteDB) query(t *testing.T, q string) [][]string {
	t.Helper()
	out, err := exec.Command(d.bin, "-bail", "-batch", "-noheader", "-separator", fieldSep, "-newline", recordSep, d.path, q).Output()
	if err != nil {
		t.Fatalf("sqlite3 %q: %v", q, err)
	}
	return splitRows(strings.TrimSuffix(string(out), recordSep))
}

// postgresDB is a PostgreSQL server the test starts in a temporary
// directory, listening on a Unix socket there only.
type postgresDB struct {
	psql, dir, db string
}

// startPostgres starts a throwaway server, or returns why it cannot.
func startPostgres(t *testing.T) (*postgresDB, string) {
	t.Helper()
	bin := ""
	if p, err := exec.LookPath("initdb"); err == nil {
		bin = filepath.Dir(p)
	} else if m, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb"); len(m) > 0 {
		slices.Sort(m)
		bin = filepath.Dir(m[len(m)-1])
	} else {
		return nil, "no PostgreSQL server here (initdb not found)"
	}
	psql := filepath.Join(bin, "psql")
	if _, err := os.Stat(psql); err != nil {
		if psql, err = exec.LookPath("psql"); err != nil {
			return nil, "psql not found"
		}
	}
	// PostgreSQL refuses to run as root: as root, run it as the postgres user.
	var as []string
	dir, err := os.MkdirTemp("", "envcoop-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		runuser, lerr := exec.LookPath("runuser")
		if err != nil || lerr != nil {
			return nil, "running as root without a postgres user and runuser to start PostgreSQL"
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		as = []string{runuser, "-u", "postgres", "--"}
	}
	command := func(name string, args ...string) *exec.Cmd {
		argv := append(append(slices.Clone(as), filepath.Join(bin, name)), args...)
		return exec.Command(argv[0], argv[1:]...)
	}
	data := filepath.Join(dir, "data")
	if out, err := command("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale").CombinedOutput(); err != nil {
		return nil, fmt.Sprintf("initdb failed: %v: %s", err, lastLine(out))
	}
	start := command("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-t", "60",
		"-o", "-k "+dir+" -c listen_addresses=''", "start")
	if out, err := start.CombinedOutput(); err != nil {
		return nil, fmt.Sprintf("pg_ctl start failed: %v: %s", err, lastLine(out))
	}
	t.Cleanup(func() { _ = command("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop").Run() })
	return &postgresDB{psql: psql, dir: dir, db: "postgres"}, ""
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

// fresh returns a new empty database on the same server.
func (p *postgresDB) fresh(t *testing.T, name string) *postgresDB {
	t.Helper()
	p.run(t, "-c", "CREATE DATABASE "+name)
	return &postgresDB{psql: p.psql, dir: p.dir, db: name}
}

func (p *postgresDB) run(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(p.psql, append([]string{"-X", "-q", "-h", p.dir, "-U", "postgres", "-d", p.db, "-v", "ON_ERROR_STOP=1"}, args...)...)
	cmd.Env = append(os.Environ(), "PGCLIENTENCODING=UTF8")
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("psql %q: %v\n%s", args, err, stderr)
	}
	return string(out)
}

func (p *postgresDB) load(t *testing.T, script string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kb.sql")
	writeTestFile(t, path, script)
	if out := p.run(t, "-f", path); out != "" {
		t.Fatalf("psql printed %q", out)
	}
}

func (p *postgresDB) query(t *testing.T, q string) [][]string {
	t.Helper()
	out := p.run(t, "-A", "-t", "-F", fieldSep, "-R", recordSep, "-c", q)
	return splitRows(strings.TrimSuffix(out, "\n"))
}

// TestExportSQLLoads loads export --format sql of the built-in data into
// real databases and compares every table with export's JSON: the counts,
// the records field by field, and joins through the link tables.
func TestExportSQLLoads(t *testing.T) {
	script, stderr, code := run(t, "export", "--format", "sql")
	if code != 0 {
		t.Fatalf("export --format sql: exit %d: %s", code, stderr)
	}
	jsonOut, stderr, code := run(t, "export")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	var want map[string][]map[string]any
	if err := json.Unmarshal([]byte(jsonOut), &want); err != nil {
		t.Fatal(err)
	}
	t.Run("sqlite3", func(t *testing.T) {
		db := newSQLite(t)
		db.load(t, script)
		checkAgainstJSON(t, db, want)
	})
	t.Run("postgresql", func(t *testing.T) {
		pg, why := startPostgres(t)
		if pg == nil {
			t.Skip("PostgreSQL not tested: " + why)
		}
		db := pg.fresh(t, "builtin")
		db.load(t, script)
		checkAgainstJSON(t, db, want)
	})
}

// checkAgainstJSON compares a loaded database with the JSON export.
func checkAgainstJSON(t *testing.T, db sqlDB, want map[string][]map[string]any) {
	t.Helper()
	count := func(list string) int {
		n := 0
		for _, kind := range []string{"themes", "agreements"} {
			for _, r := range want[kind] {
				if v, ok := r[list].([]any); ok {
					n += len(v)
				}
			}
		}
		return n
	}
	supports := 0
	for _, kind := range []string{"themes", "agreements"} {
		for _, r := range want[kind] {
			for _, s := range r["sources"].([]any) {
				supports += len(s.(map[string]any)["supports"].([]any))
			}
		}
	}
	counts := map[string]int{
		"themes": len(want["themes"]), "agreements": len(want["agreements"]),
		"crises": len(want["crises"]), "sdgs": len(want["sdgs"]),
		"milestones": count("milestones"), "sources": count("sources"), "source_supports": supports,
	}
	sum := func(kind, list string) int {
		n := 0
		for _, r := range want[kind] {
			n += len(r[list].([]any))
		}
		return n
	}
	counts["agreement_themes"] = sum("agreements", "themes")
	counts["agreement_crises"] = sum("agreements", "crises")
	counts["agreement_sdgs"] = sum("agreements", "sdgs")
	counts["agreement_aliases"] = sum("agreements", "aliases")
	counts["theme_crises"] = sum("themes", "crises")
	counts["theme_sdgs"] = sum("themes", "sdgs")
	counts["theme_eu_policy"] = sum("themes", "eu_policy")
	counts["theme_aliases"] = sum("themes", "aliases")
	counts["crisis_aliases"] = sum("crises", "aliases")
	for table, n := range counts {
		got := db.query(t, "SELECT count(*) FROM "+table)
		if len(got) != 1 || got[0][0] != strconv.Itoa(n) {
			t.Errorf("%s: %v rows, want %d", table, got, n)
		}
	}
	if counts["agreements"] == 0 || counts["source_supports"] == 0 {
		t.Fatalf("nothing to compare: %v", counts)
	}

	// every column of every record, as JSON has it
	records := []struct {
		kind, order string
		cols        []string
	}{
		{"themes", "id", []string{"id", "name", "summary", "url", "as_of"}},
		{"crises", "id", []string{"id", "name", "summary"}},
		{"sdgs", "number", []string{"number", "id", "name", "url"}},
		{"agreements", "id", []string{"id", "name", "full_name", "type", "binding", "parent", "adopted", "adopted_place",
			"entry_into_force", "status", "eu_status", "eu_signed", "eu_joined", "eu_in_force_for_eu", "eu_instrument",
			"eu_decision", "eu_celex", "depositary", "secretariat", "parties", "parties_as_of", "url", "summary",
			"xref_untc", "xref_ecolex", "xref_informea", "xref_celex", "as_of"}},
	}
	for _, r := range records {
		var exprs []string
		for _, c := range r.cols {
			if c == "binding" {
				c = "CASE WHEN binding THEN 'true' WHEN NOT binding THEN 'false' END"
			}
			exprs = append(exprs, c)
		}
		got := db.query(t, fmt.Sprintf("SELECT %s FROM %s ORDER BY %s", strings.Join(exprs, ", "), r.kind, r.order))
		var rows [][]string
		for _, rec := range want[r.kind] {
			var row []string
			for _, c := range r.cols {
				row = append(row, jsonText(jsonField(rec, c)))
			}
			rows = append(rows, row)
		}
		slices.SortFunc(rows, func(a, b []string) int {
			if r.order == "number" {
				x, _ := strconv.Atoi(a[0])
				y, _ := strconv.Atoi(b[0])
				return x - y
			}
			return strings.Compare(a[0], b[0])
		})
		if diff := cmp.Diff(rows, got); diff != "" {
			t.Errorf("%s (-json +sql):\n%s", r.kind, diff)
		}
	}

	// a join: each theme's agreements, as JSON's themes[].agreements lists them
	var pairs [][]string
	for _, th := range want["themes"] {
		for _, a := range th["agreements"].([]any) {
			pairs = append(pairs, []string{th["id"].(string), a.(string)})
		}
	}
	slices.SortFunc(pairs, func(a, b []string) int { return strings.Compare(a[0]+" "+a[1], b[0]+" "+b[1]) })
	got := db.query(t, `SELECT t.id, a.id FROM themes t
		JOIN agreement_themes x ON x.theme_id = t.id
		JOIN agreements a ON a.id = x.agreement_id
		ORDER BY t.id || ' ' || a.id`)
	if diff := cmp.Diff(pairs, got); diff != "" {
		t.Errorf("themes joined to agreements (-json +sql):\n%s", diff)
	}

	// a join: every source of every agreement, numbered, with the fields it supports
	var srcs [][]string
	for _, a := range want["agreements"] {
		for i, s := range a["sources"].([]any) {
			m := s.(map[string]any)
			for _, f := range m["supports"].([]any) {
				srcs = append(srcs, []string{a["id"].(string), strconv.Itoa(i + 1), jsonText(m["url"]), jsonText(m["title"]), f.(string)})
			}
		}
	}
	slices.SortStableFunc(srcs, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	got = db.query(t, `SELECT a.id, s.position, s.url, s.title, f.field FROM agreements a
		JOIN sources s ON s.agreement_id = a.id
		JOIN source_supports f ON f.source_id = s.id
		ORDER BY a.id, s.position, f.position`)
	if diff := cmp.Diff(srcs, got); diff != "" {
		t.Errorf("sources and what they support (-json +sql):\n%s", diff)
	}
}

// jsonField reads a column of the SQL export from a JSON record: eu_status
// is eu.status, xref_untc is xref.untc.
func jsonField(rec map[string]any, col string) any {
	for _, group := range []string{"eu", "xref"} {
		if key, ok := strings.CutPrefix(col, group+"_"); ok {
			if g, ok := rec[group].(map[string]any); ok {
				return g[key]
			}
		}
	}
	return rec[col]
}

func jsonText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// hostileTOML holds strings that break naive SQL quoting or the loaders'
// own commands.
const hostileTOML = `
[[themes]]
id = "t"
name = "It's a \"theme\" \\ with 'quotes'"
summary = "line one\nline two\rcr\ttab \u0001\u001b[31m \u2028 éè 😀"
eu_policy = ["'); DROP TABLE themes; --", ".tables", "\\q", "$$ dollar $$", ":var", "E'\\x41'"]

[[agreements]]
id = "a"
name = "<script>alert(1)</script>"
type = "convention"
themes = ["t"]
status = "in-force"
summary = "ends with a newline\n"

[[agreements.milestones]]
date = "2020"
event = "x\n.quit\n\\q\n"

[[agreements.sources]]
url = "https://example.org/a?q='x'"
title = "\n"
supports = ["summary"]
`

// TestExportSQLHostileStrings loads strings with quotes, backslashes,
// control characters and loader commands, and reads back the same bytes.
func TestExportSQLHostileStrings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hostile.toml")
	writeTestFile(t, path, hostileTOML)
	script, stderr, code := run(t, "--data", path, "export", "--format", "sql")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := [][]string{
		{"It's a \"theme\" \\ with 'quotes'", "line one\nline two\rcr\ttab \x01\x1b[31m \u2028 éè 😀"},
		{"<script>alert(1)</script>", "ends with a newline\n"},
		{"x\n.quit\n\\q\n", "\n"},
		{"'); DROP TABLE themes; --", ".tables"},
		{"\\q", "$$ dollar $$"},
		{":var", "E'\\x41'"},
		{"summary", "1"},
	}
	query := `SELECT name, summary FROM themes
		UNION ALL SELECT name, summary FROM agreements
		UNION ALL SELECT event, (SELECT title FROM sources) FROM milestones
		UNION ALL SELECT p1.policy, p2.policy FROM theme_eu_policy p1 JOIN theme_eu_policy p2 ON p2.position = p1.position + 1 WHERE p1.position IN (1, 3, 5)
		UNION ALL SELECT field, ` + "CAST(count(*) AS TEXT)" + ` FROM source_supports GROUP BY field`
	check := func(t *testing.T, db sqlDB) {
		db.load(t, script)
		if diff := cmp.Diff(want, db.query(t, query)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
	t.Run("sqlite3", func(t *testing.T) { check(t, newSQLite(t)) })
	t.Run("postgresql", func(t *testing.T) {
		pg, why := startPostgres(t)
		if pg == nil {
			t.Skip("PostgreSQL not tested: " + why)
		}
		check(t, pg.fresh(t, "hostile"))
	})
	// A carriage return before a line feed cannot come from loaded data
	// (the loader reads CR LF as LF), so the split literal is checked here.
	t.Run("sqlite3 CR LF", func(t *testing.T) {
		db := newSQLite(t)
		lit, err := sqlString("a\r\nb\r\n")
		if err != nil {
			t.Fatal(err)
		}
		db.load(t, "CREATE TABLE x (v TEXT);\nINSERT INTO x VALUES ("+lit+");\n")
		if got := db.query(t, "SELECT hex(v) FROM x"); got[0][0] != "610D0A620D0A" {
			t.Errorf("read back as %s", got[0][0])
		}
	})
}
