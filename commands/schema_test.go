package commands

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"envcoop/kb"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles the output of 'envcoop schema' with a real JSON
// Schema validator.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	out, stderr, code := run(t, "schema")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("envcoop.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("envcoop.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// tomlAsJSON decodes TOML as a TOML-aware editor sees it: local dates as
// "YYYY-MM-DD" strings.
func tomlAsJSON(t *testing.T, data string) any {
	t.Helper()
	var raw map[string]any
	if _, err := toml.Decode(data, &raw); err != nil {
		t.Fatal(err)
	}
	var conv func(any) any
	conv = func(v any) any {
		switch x := v.(type) {
		case time.Time:
			return x.Format("2006-01-02")
		case map[string]any:
			for k, e := range x {
				x[k] = conv(e)
			}
		case []map[string]any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = conv(e)
			}
			return out
		case []any:
			for i, e := range x {
				x[i] = conv(e)
			}
		}
		return v
	}
	b, err := json.Marshal(conv(raw))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestSchemaValidatesBuiltinData: the built-in data is valid against the
// JSON Schema that 'envcoop schema' generates from the field table.
func TestSchemaValidatesBuiltinData(t *testing.T) {
	sch := compileSchema(t)
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(tomlAsJSON(t, string(data))); err != nil {
		t.Errorf("themes.toml: %v", err)
	}
}

// TestSchemaRejectsUnknownKeysAndWrongTypes: what the loader refuses, the
// JSON Schema refuses too.
func TestSchemaRejectsUnknownKeysAndWrongTypes(t *testing.T) {
	sch := compileSchema(t)
	good := "[[crises]]\nid = \"c\"\nname = \"C\"\n"
	if err := sch.Validate(tomlAsJSON(t, good)); err != nil {
		t.Fatalf("a valid record: %v", err)
	}
	for name, data := range map[string]string{
		"unknown key":          good + "nmae = \"x\"\n",
		"unknown table":        "[[crisis]]\nid = \"c\"\nname = \"C\"\n",
		"unknown key in eu":    "[[agreements]]\nid = \"a\"\nname = \"A\"\ntype = \"convention\"\nstatus = \"in-force\"\nthemes = [\"t\"]\n[agreements.eu]\nstatuss = \"party\"\n[[agreements.sources]]\nurl = \"https://x.org\"\n",
		"string for a list":    good + "aliases = \"x\"\n",
		"number for a string":  "[[crises]]\nid = \"c\"\nname = 7\n",
		"negative count":       "[[sdgs]]\nnumber = -1\nname = \"x\"\n",
		"bad date":             "[[themes]]\nid = \"t\"\nname = \"T\"\nsummary = \"s\"\nas_of = \"yesterday\"\n",
		"unknown vocabulary":   "[[agreements]]\nid = \"a\"\nname = \"A\"\ntype = \"treaty\"\nstatus = \"in-force\"\nthemes = [\"t\"]\n[[agreements.sources]]\nurl = \"https://x.org\"\n",
		"missing required key": "[[crises]]\nid = \"c\"\n",
	} {
		if err := sch.Validate(tomlAsJSON(t, data)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestSchemaRefusesRepeatsWhereValidationDoes: the lists in which
// validation refuses an item listed twice say uniqueItems, and the others
// do not.
func TestSchemaRefusesRepeatsWhereValidationDoes(t *testing.T) {
	sch := compileSchema(t)
	agreement := func(extra string) string {
		return "[[agreements]]\nid = \"a\"\nname = \"A\"\ntype = \"convention\"\nstatus = \"in-force\"\nthemes = [\"t\"]\n" + extra +
			"[[agreements.sources]]\nurl = \"https://x.org\"\n"
	}
	theme := func(extra string) string {
		return "[[themes]]\nid = \"t\"\nname = \"T\"\nsummary = \"s\"\n" + extra
	}
	repeats := map[string]string{
		"themes.crises":               theme("crises = [\"pollution\", \"pollution\"]\n"),
		"themes.sdgs":                 theme("sdgs = [3, 3]\n"),
		"agreements.themes":           strings.Replace(agreement(""), `themes = ["t"]`, `themes = ["t", "t"]`, 1),
		"agreements.crises":           agreement("crises = [\"pollution\", \"pollution\"]\n"),
		"agreements.sdgs":             agreement("sdgs = [3, 3]\n"),
		"agreements.sources.supports": agreement("") + "supports = [\"name\", \"name\"]\n",
		"themes.sources.supports":     theme("[[themes.sources]]\nurl = \"https://x.org\"\nsupports = [\"name\", \"name\"]\n"),
	}
	var distinct func(prefix string, fields []kb.Field)
	declared := map[string]bool{}
	distinct = func(prefix string, fields []kb.Field) {
		for _, f := range fields {
			if f.Distinct {
				declared[prefix+f.Key] = true
			}
			distinct(prefix+f.Key+".", f.Fields)
		}
	}
	for _, s := range kb.Schemas() {
		distinct(s.Plural+".", s.Fields)
	}
	for path := range declared {
		data, ok := repeats[path]
		if !ok {
			t.Errorf("%s: no case for a list declared distinct", path)
			continue
		}
		if err := sch.Validate(tomlAsJSON(t, data)); err == nil {
			t.Errorf("%s: the schema accepts an item listed twice", path)
		}
	}
	for path := range repeats {
		if !declared[path] {
			t.Errorf("%s: not declared distinct", path)
		}
	}
	if err := sch.Validate(tomlAsJSON(t, theme("aliases = [\"x\", \"x\"]\n"))); err != nil {
		t.Errorf("aliases, which may repeat: %v", err)
	}
}
