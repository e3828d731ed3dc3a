package commands

import (
	"fmt"
	"strconv"
	"strings"

	"envcoop/kb"
	"envcoop/render"
)

// choice is one value of a closed set, the other words people type for it,
// and what it is (shown by shell completion).
type choice struct {
	value   string
	aliases []string
	about   string
}

// closedSet is what a flag or an argument with a fixed list of values
// accepts. Flags check their values against it and shell completion offers
// it, so that the two never disagree.
type closedSet []choice

// valueKey is how values compare: case and accents do not matter, and
// spaces and underscores are hyphens ("In force", "in_force", "in-force").
func valueKey(s string) string {
	return strings.NewReplacer("_", "-", " ", "-").Replace(kb.Fold(strings.TrimSpace(s)))
}

// resolve returns the value v means: a value or an alias, compared by valueKey.
func (cs closedSet) resolve(v string) (string, bool) {
	key := valueKey(v)
	for _, c := range cs {
		if valueKey(c.value) == key {
			return c.value, true
		}
	}
	for _, c := range cs {
		for _, a := range c.aliases {
			if valueKey(a) == key {
				return c.value, true
			}
		}
	}
	return "", false
}

// values lists the values, without aliases.
func (cs closedSet) values() []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.value
	}
	return out
}

// words lists the values and their aliases.
func (cs closedSet) words() []string {
	var out []string
	for _, c := range cs {
		out = append(append(out, c.value), c.aliases...)
	}
	return out
}

// check resolves the value of a flag ("--format") or an argument ("kind"),
// or returns a usage error that quotes it, suggests a close value and lists
// the valid ones.
func (cs closedSet) check(what, v string) (string, error) {
	if r, ok := cs.resolve(v); ok {
		return r, nil
	}
	hint := ""
	if s := kb.Closest(v, cs.words()); len(s) > 0 {
		r, _ := cs.resolve(s[0])
		hint = fmt.Sprintf(" (did you mean %q?)", r)
	}
	msg := fmt.Sprintf("%s %q: unknown value", what, v)
	if !strings.HasPrefix(what, "-") {
		msg = fmt.Sprintf("unknown %s %q", what, v)
	}
	return "", usageErrorf("%s%s\nvalid values: %s", msg, hint, strings.Join(cs.values(), ", "))
}

func plain(vals ...string) closedSet {
	out := make(closedSet, len(vals))
	for i, v := range vals {
		out[i] = choice{value: v}
	}
	return out
}

// formatSet is what --format accepts: the record formats, and extra ones
// (export's toml).
func formatSet(extra ...string) closedSet {
	cs := closedSet{
		{value: render.Table, about: "aligned columns, fitted to the terminal"},
		{value: render.TSV, about: "tab-separated; a header line with --header"},
		{value: render.JSON, about: "an array of objects"},
		{value: render.NDJSON, aliases: []string{"jsonl", "jsonlines"}, about: "one JSON object per line"},
		{value: render.CSV, about: "comma-separated, with a header unless --no-header"},
		{value: render.Markdown, aliases: []string{"md"}, about: "a Markdown table"},
	}
	for _, e := range extra {
		cs = append(cs, choice{value: e, about: formatAbout(e)})
	}
	return cs
}

// formatAbout says what a format beyond the record formats writes.
func formatAbout(format string) string {
	switch format {
	case render.DOT:
		return "a Graphviz graph (dot -Tsvg)"
	case render.Mermaid:
		return "a Mermaid flowchart"
	case formatSQL:
		return "tables for sqlite3 and PostgreSQL"
	}
	return "a knowledge base that loads back with --data"
}

// kindSet is what list's argument and --kind accept.
func kindSet() closedSet {
	return closedSet{
		{value: "themes", aliases: []string{kb.KindTheme}, about: "areas of cooperation"},
		{value: "agreements", aliases: []string{kb.KindAgreement}, about: "conventions, protocols, processes"},
		{value: "crises", aliases: []string{kb.KindCrisis, "crisises"}, about: "the three planetary crises"},
		{value: "sdgs", aliases: []string{kb.KindSDG}, about: "Sustainable Development Goals"},
	}
}

// parseKind accepts singular and plural kind names, in any case, from
// the argument or flag called what.
func parseKind(what, v string) (string, error) {
	k, err := kindSet().check(what, v)
	if err != nil {
		return "", err
	}
	return map[string]string{"themes": kb.KindTheme, "agreements": kb.KindAgreement, "crises": kb.KindCrisis, "sdgs": kb.KindSDG}[k], nil
}

func shellSet() closedSet { return plain("bash", "zsh", "fish") }

func crisisSet(k *kb.KB) closedSet {
	var cs closedSet
	for _, c := range k.Crises {
		cs = append(cs, choice{value: c.ID, aliases: append([]string{c.Name}, c.Aliases...), about: c.Name})
	}
	return cs
}

func themeSet(k *kb.KB) closedSet {
	var cs closedSet
	for _, t := range k.Themes {
		cs = append(cs, choice{value: t.ID, aliases: append([]string{t.Name}, t.Aliases...), about: t.Name})
	}
	return cs
}

// sdgSet accepts "sdg-6", "6", "SDG 6" and "sdg6", for the 17 goals
// whether or not the data defines them.
func sdgSet(k *kb.KB) closedSet {
	var cs closedSet
	for n := 1; n <= 17; n++ {
		id, about := "sdg-"+strconv.Itoa(n), ""
		if g, ok := k.SDG(n); ok {
			id, about = g.ID(), g.Name
		}
		cs = append(cs, choice{value: id, aliases: []string{strconv.Itoa(n), "sdg" + strconv.Itoa(n)}, about: about})
	}
	return cs
}

// agreementSet is every agreement's id and aliases.
func agreementSet(k *kb.KB) closedSet {
	var cs closedSet
	for _, a := range k.Agreements {
		cs = append(cs, choice{value: a.ID, aliases: a.Aliases, about: a.Name})
	}
	return cs
}

// recordSet is every record's id and aliases, for show.
func recordSet(k *kb.KB) closedSet {
	cs := append(append(themeSet(k), crisisSet(k)...), agreementSet(k)...)
	for _, g := range k.SDGs {
		cs = append(cs, choice{value: g.ID(), aliases: []string{strconv.Itoa(g.Number)}, about: g.Name})
	}
	return cs
}

// fieldSet is what --fields and --sort accept for records of these kinds:
// field names and the names of groups of fields ("eu").
func fieldSet(kinds ...string) closedSet {
	var cs closedSet
	seen := map[string]bool{}
	add := func(v, about string) {
		if !seen[v] {
			seen[v] = true
			cs = append(cs, choice{value: v, about: about})
		}
	}
	for _, kind := range kinds {
		sc, ok := kb.SchemaOf(kind)
		if !ok {
			continue
		}
		for _, f := range sc.Fields {
			if f.Group != "" {
				add(f.Group, "all "+f.Group+"_* fields")
			}
			add(f.Name, "")
		}
	}
	return cs
}
