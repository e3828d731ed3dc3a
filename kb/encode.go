package kb

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// EncodeTOML writes the knowledge base in the data format, so that decoding
// the result gives back the same records. Unknown (empty) fields are left out.
func EncodeTOML(k *KB) []byte {
	var e tomlWriter
	e.comment("envcoop knowledge base, written by 'envcoop export --format toml'")
	for _, t := range k.Themes {
		e.header("[[themes]]")
		e.str("id", t.ID)
		e.str("name", t.Name)
		e.str("summary", t.Summary)
		e.strs("crises", t.Crises)
		e.ints("sdgs", t.SDGs)
		e.strs("eu_policy", t.EUPolicy)
		e.str("url", t.URL)
		e.strs("aliases", t.Aliases)
		e.date("as_of", t.AsOf)
		e.sources("themes", t.Sources)
	}
	for _, a := range k.Agreements {
		e.header("[[agreements]]")
		e.str("id", a.ID)
		e.str("name", a.Name)
		e.str("full_name", a.FullName)
		e.str("type", a.Type)
		if a.Binding != nil {
			e.line("binding", strconv.FormatBool(*a.Binding))
		}
		e.str("parent", a.Parent)
		e.strs("themes", a.Themes)
		e.strs("crises", a.Crises)
		e.ints("sdgs", a.SDGs)
		e.date("adopted", a.Adopted)
		e.str("adopted_place", a.AdoptedPlace)
		e.date("entry_into_force", a.EntryIntoForce)
		e.str("status", a.Status)
		e.str("depositary", a.Depositary)
		e.str("secretariat", a.Secretariat)
		if a.Parties != nil {
			e.line("parties", strconv.Itoa(*a.Parties))
		}
		e.date("parties_as_of", a.PartiesAsOf)
		e.str("url", a.URL)
		e.str("summary", a.Summary)
		e.strs("aliases", a.Aliases)
		e.date("as_of", a.AsOf)
		if !a.EU.IsZero() {
			e.header("[agreements.eu]")
			e.str("status", a.EU.Status)
			e.date("signed", a.EU.Signed)
			e.date("joined", a.EU.Joined)
			e.date("in_force_for_eu", a.EU.InForceForEU)
			e.str("instrument", a.EU.Instrument)
			e.str("decision", a.EU.Decision)
			e.str("celex", a.EU.CELEX)
		}
		if !a.Xref.IsZero() {
			e.header("[agreements.xref]")
			e.str("untc", a.Xref.UNTC)
			e.str("ecolex", a.Xref.ECOLEX)
			e.str("informea", a.Xref.InforMEA)
			e.str("celex", a.Xref.CELEX)
		}
		for _, m := range a.Milestones {
			e.header("[[agreements.milestones]]")
			e.date("date", m.Date)
			e.str("event", m.Event)
		}
		e.sources("agreements", a.Sources)
	}
	for _, c := range k.Crises {
		e.header("[[crises]]")
		e.str("id", c.ID)
		e.str("name", c.Name)
		e.str("summary", c.Summary)
		e.strs("aliases", c.Aliases)
	}
	for _, s := range k.SDGs {
		e.header("[[sdgs]]")
		e.line("number", strconv.Itoa(s.Number))
		e.str("name", s.Name)
		e.str("url", s.URL)
	}
	return e.buf.Bytes()
}

type tomlWriter struct{ buf bytes.Buffer }

func (e *tomlWriter) comment(s string) { fmt.Fprintf(&e.buf, "# %s\n", s) }

func (e *tomlWriter) header(h string) { fmt.Fprintf(&e.buf, "\n%s\n", h) }

func (e *tomlWriter) line(key, val string) { fmt.Fprintf(&e.buf, "%s = %s\n", key, val) }

func (e *tomlWriter) str(key, s string) {
	if s != "" {
		e.line(key, tomlString(s))
	}
}

func (e *tomlWriter) strs(key string, list []string) {
	if len(list) == 0 {
		return
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = tomlString(s)
	}
	e.line(key, "["+strings.Join(q, ", ")+"]")
}

func (e *tomlWriter) ints(key string, list []int) {
	if len(list) == 0 {
		return
	}
	q := make([]string, len(list))
	for i, n := range list {
		q[i] = strconv.Itoa(n)
	}
	e.line(key, "["+strings.Join(q, ", ")+"]")
}

// date writes a full date as a TOML local date and a partial one as a string.
func (e *tomlWriter) date(key string, d Date) {
	switch {
	case d.IsZero():
	case len(d) == 10:
		e.line(key, string(d))
	default:
		e.line(key, tomlString(string(d)))
	}
}

func (e *tomlWriter) sources(table string, srcs []Source) {
	for _, s := range srcs {
		e.header("[[" + table + ".sources]]")
		e.str("url", s.URL)
		e.str("title", s.Title)
		if len(s.Supports) > 0 {
			e.strs("supports", s.Supports)
		} else {
			e.line("supports", "[]")
		}
	}
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
