// Package kb is envcoop's domain: the knowledge base of the EU's international
// environmental cooperation, how it is loaded from TOML, validated and queried.
//
// kb never prints, exits or reads flags or the environment: it takes bytes and
// values and returns values and errors.
package kb

import (
	"strconv"
	"strings"
)

// KB is a loaded knowledge base. Records keep the order in which they were
// loaded; queries return results in a deterministic order.
type KB struct {
	Themes     []Theme
	Agreements []Agreement
	Crises     []Crisis
	SDGs       []SDG

	files []string // the files loaded, in order
}

// Source is a document that backs some fields of a record.
type Source struct {
	URL      string
	Title    string
	Supports []string // field names the source backs, e.g. "adopted", "eu.joined"
}

// Pos is where a record was defined. It is not part of the data.
type Pos struct {
	File  string
	Line  int
	Table string // "agreements", ...
	Index int    // entry index within the table in its file
	// Lines is where each field written on a line of its own is, recorded
	// while decoding so that a record read back from a cache or a snapshot
	// still knows them: "field=offset" pairs, separated by ";", the offset
	// counted in lines from Line ("name=1;eu=9;eu.status=10;sources[1].url=15").
	Lines string
}

// LineOf returns the line of field ("name", "eu.status", "sources[2].url"):
// where the field is written, else where the table that holds it is (the
// "[agreements.eu]" header for "eu.status"), else the record's own line.
func (p Pos) LineOf(field string) int {
	for field != "" {
		if off, ok := p.offset(field); ok {
			return p.Line + off
		}
		i := strings.LastIndexAny(field, ".[")
		if i < 0 {
			break
		}
		field = field[:i]
	}
	return p.Line
}

func (p Pos) offset(field string) (int, bool) {
	rest := p.Lines
	for rest != "" {
		var pair string
		pair, rest, _ = strings.Cut(rest, ";")
		if k, v, ok := strings.Cut(pair, "="); ok && k == field {
			n, err := strconv.Atoi(v)
			return n, err == nil
		}
	}
	return 0, false
}

// Theme is an area of cooperation. Its agreements are derived from each
// agreement's Themes, never stored here.
type Theme struct {
	ID       string
	Name     string
	Summary  string
	Crises   []string
	SDGs     []int
	EUPolicy []string
	URL      string
	Aliases  []string
	AsOf     Date
	Sources  []Source
	Pos      Pos
}

// EU is the European Union's own part in an agreement.
type EU struct {
	Status       string
	Signed       Date
	Joined       Date // deposit of the instrument of ratification, approval or accession; for a partnership, the date it joined
	InForceForEU Date
	Instrument   string
	Decision     string
	CELEX        string
}

// IsZero reports whether nothing is known of the EU's part.
func (e EU) IsZero() bool { return e == EU{} }

// Xref holds identifiers of the agreement in other systems.
type Xref struct {
	UNTC     string
	ECOLEX   string
	InforMEA string
	CELEX    string
}

// IsZero reports whether no identifier is known.
func (x Xref) IsZero() bool { return x == Xref{} }

// Milestone is a dated event in the life of an agreement.
type Milestone struct {
	Date  Date
	Event string
}

// Agreement is a convention, protocol, amendment, framework, partnership,
// negotiation or other process.
type Agreement struct {
	ID             string
	Name           string
	FullName       string
	Type           string
	Binding        *bool // nil when unknown
	Parent         string
	Themes         []string
	Crises         []string
	SDGs           []int
	Adopted        Date
	AdoptedPlace   string
	EntryIntoForce Date
	Status         string
	EU             EU
	Depositary     string
	Secretariat    string
	Parties        *int // nil when unknown
	PartiesAsOf    Date
	URL            string
	Summary        string
	Aliases        []string
	Milestones     []Milestone
	Xref           Xref
	AsOf           Date
	Sources        []Source
	Pos            Pos
}

// Crisis is one of the three planetary crises.
type Crisis struct {
	ID      string
	Name    string
	Summary string
	Aliases []string
	Pos     Pos
}

// SDG is one of the 17 Sustainable Development Goals.
type SDG struct {
	Number int
	Name   string
	URL    string
	Pos    Pos
}

// ID returns the SDG's id, "sdg-N".
func (s SDG) ID() string { return sdgID(s.Number) }

// Types is the closed vocabulary of agreement types, in documented order.
func Types() []string {
	return []string{"convention", "protocol", "amendment", "agreement", "framework",
		"decision", "resolution", "regulation", "action-plan", "partnership", "panel",
		"conference", "negotiation"}
}

// Statuses is the closed vocabulary of agreement statuses.
func Statuses() []string {
	return []string{"in-force", "not-in-force", "adopted", "negotiating", "active", "scheduled", "concluded", "superseded", "expired"}
}

// EUStatuses is the closed vocabulary of the EU's status in an agreement.
func EUStatuses() []string {
	return []string{"party", "signatory", "participant", "member", "observer", "eu-instrument", "former-party", "not-party"}
}

// Kinds of record, as named in output and on the command line.
const (
	KindTheme     = "theme"
	KindAgreement = "agreement"
	KindCrisis    = "crisis"
	KindSDG       = "sdg"
)
