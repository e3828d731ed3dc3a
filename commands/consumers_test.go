package commands

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"envcoop/kb"

	"github.com/google/go-cmp/cmp"
)

// run runs one command line in-process on the built-in data.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code = Run(Env{
		Args: append([]string{"envcoop"}, args...), Stdin: strings.NewReader(""),
		Stdout: &out, Stderr: &errb, Embedded: data,
		Getenv: func(k string) string {
			if k == "ENVCOOP_TODAY" {
				return "2026-11-29"
			}
			return ""
		},
	})
	return out.String(), errb.String(), code
}

func builtinKB(t *testing.T) *kb.KB {
	t.Helper()
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	k, _, err := kb.Load([]kb.Input{{Name: "themes.toml", Data: data}}, kb.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// want is every agreement as [id, name, adopted, eu status, themes joined by ;].
func want(k *kb.KB) [][]string {
	var out [][]string
	for _, a := range k.Agreements {
		out = append(out, []string{a.ID, a.Name, a.Adopted.String(), a.EU.Status, strings.Join(a.Themes, ";")})
	}
	return out
}

const fields = "id,name,adopted,eu_status,themes"

// TestExportThroughConsumers reads export's CSV and JSON back with real
// consumers and checks that the same records come back.
func TestExportThroughConsumers(t *testing.T) {
	k := builtinKB(t)
	csvOut, stderr, code := run(t, "export", "--kind", "agreements", "--format", "csv", "--fields", fields)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	jsonOut, stderr, code := run(t, "export", "--kind", "agreements", "--json", "--fields", fields)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}

	t.Run("encoding/csv", func(t *testing.T) {
		recs, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(strings.Split(fields, ","), recs[0]); diff != "" {
			t.Errorf("header (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want(k), recs[1:]); diff != "" {
			t.Errorf("records (-want +got):\n%s", diff)
		}
	})

	t.Run("encoding/json", func(t *testing.T) {
		var got []struct {
			ID, Name string
			Adopted  *string
			EU       struct{ Status *string }
			Themes   []string
		}
		if err := json.Unmarshal([]byte(jsonOut), &got); err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		for _, a := range got {
			rows = append(rows, []string{a.ID, a.Name, deref(a.Adopted), deref(a.EU.Status), strings.Join(a.Themes, ";")})
		}
		if diff := cmp.Diff(want(k), rows); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})

	t.Run("jq", func(t *testing.T) {
		jq, err := exec.LookPath("jq")
		if err != nil {
			t.Skip("jq is not installed")
		}
		cmd := exec.Command(jq, "-r", `.[] | [.id, .name, (.adopted // ""), (.eu.status // ""), (.themes | join(";"))] | @tsv`)
		cmd.Stdin = strings.NewReader(jsonOut)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want(k), splitTSV(string(out))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})

	t.Run("python3 csv", func(t *testing.T) {
		py, err := exec.LookPath("python3")
		if err != nil {
			t.Skip("python3 is not installed")
		}
		script := "import csv, sys\nr = csv.reader(sys.stdin)\nnext(r)\nfor row in r: print('\\t'.join(row))\n"
		cmd := exec.Command(py, "-c", script)
		cmd.Stdin = strings.NewReader(csvOut)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want(k), splitTSV(string(out))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func splitTSV(s string) [][]string {
	var out [][]string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		out = append(out, strings.Split(l, "\t"))
	}
	return out
}

func TestShowFlagsAnywhereSameBytes(t *testing.T) {
	a, _, _ := run(t, "show", "plastics", "--format", "json")
	b, _, _ := run(t, "show", "--format", "json", "plastics")
	if a == "" || a != b {
		t.Errorf("different output:\n%s\n---\n%s", a, b)
	}
}
