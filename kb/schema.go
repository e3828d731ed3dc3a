package kb

import (
	"slices"
	"sync"
)

// Type is the type of a field's value in the data format.
type Type int

// The types of field values.
const (
	TypeString  Type = iota // a string
	TypeStrings             // an array of strings
	TypeInts                // an array of integers
	TypeInt                 // an integer, 0 or more
	TypeBool                // true or false
	TypeDate                // a TOML local date, or a string YYYY or YYYY-MM
	TypeTables              // an array of tables, each with Field.Fields
)

// Field is one field of a kind of record, declared once: decoding,
// encoding, validation, search and every output format read it from here.
//
// A field's value, from Value, is one of: string, Date, int, *int, *bool,
// []string, []int, or, for TypeTables, []any holding a pointer to each
// table's value (whose own fields are Fields).
type Field struct {
	Name     string   // in output and on the command line: "eu_status"
	Key      string   // in TOML, within its table: "status"
	Group    string   // the table that holds it: "eu" for [agreements.eu]; "" for the record's own
	Type     Type     // the type of its value
	Vocab    []string // the values allowed, when the field has a closed vocabulary
	Required bool     // validation fails when it is missing
	Search   int      // weight of a match in search; 0: not searched
	Supports bool     // a source's "supports" may name it
	Backed   bool     // validation warns when it is set and no source supports it
	Column   bool     // a table shows it when --fields is not given
	Derived  bool     // computed from the knowledge base, never read from TOML
	Distinct bool     // a list whose items may not repeat (validation refuses a repeat)
	Fields   []Field  // the fields of each table, for TypeTables

	// TableOnly: only a table shows it, unless --fields names it; text
	// relative to today ("in 31 days"), which a file would keep after it
	// has gone stale.
	TableOnly bool

	get func(k *KB, rec any) any
	set func(rec any, e *entry)
	// read sets the field from a source of typed values: the fast path's
	// parser (fast.go) or a cache entry (cache.go); for a TypeTables field,
	// push appends a table and returns a pointer to it.
	read func(rec any, src valueSource)
	push func(rec any) any
}

// valueSource gives the values of fields, one at a time, each of the type
// its field asks for; a source that meets something else remembers that it
// failed (and gives zero values from then on).
type valueSource interface {
	str() string
	strs() []string
	ints() []int
	date() Date
	integer() int
	boolean() bool
}

// List reports whether the field holds a list of values.
func (f Field) List() bool {
	return f.Type == TypeStrings || f.Type == TypeInts || f.Type == TypeTables
}

// Path is the field's name in TOML terms, as a source's supports names it
// and as problems report it: "eu.status", "name".
func (f Field) Path() string {
	if f.Group != "" {
		return f.Group + "." + f.Key
	}
	return f.Key
}

// Value returns the field's value in rec, a pointer to a record of the
// field's kind (or to a table of a TypeTables field). Derived values are
// computed from k.
func (f Field) Value(k *KB, rec any) any { return f.get(k, rec) }

// in puts the field in a group (a sub-table in TOML, an object in JSON).
func (f Field) in(group string) Field {
	f.Group, f.Name = group, group+"_"+f.Key
	return f
}

func (f Field) search(weight int) Field { f.Search = weight; return f }

// Search weights: how much a match in a field counts.
const (
	weightName     = 10 // ids and names
	weightAlias    = 8  // aliases: what people type
	weightFullName = 6
	weightPlace    = 3
	weightText     = 2 // summaries, the EU's policies
	weightDetail   = 1 // milestones, sources' titles
)

func (f Field) required() Field        { f.Required = true; return f }
func (f Field) supported() Field       { f.Supports = true; return f }
func (f Field) backed() Field          { f.Supports, f.Backed = true, true; return f }
func (f Field) column() Field          { f.Column = true; return f }
func (f Field) vocab(v []string) Field { f.Vocab = v; return f }
func (f Field) tableOnly() Field       { f.TableOnly = true; return f }
func (f Field) distinct() Field        { f.Distinct = true; return f }

func text[T any](key string, p func(*T) *string) Field {
	return Field{Name: key, Key: key, Type: TypeString,
		get:  func(_ *KB, r any) any { return *p(r.(*T)) },
		set:  func(r any, e *entry) { *p(r.(*T)) = e.str(key) },
		read: func(r any, f valueSource) { *p(r.(*T)) = f.str() }}
}

func texts[T any](key string, p func(*T) *[]string) Field {
	return Field{Name: key, Key: key, Type: TypeStrings,
		get:  func(_ *KB, r any) any { return *p(r.(*T)) },
		set:  func(r any, e *entry) { *p(r.(*T)) = e.strs(key) },
		read: func(r any, f valueSource) { *p(r.(*T)) = f.strs() }}
}

func numbers[T any](key string, p func(*T) *[]int) Field {
	return Field{Name: key, Key: key, Type: TypeInts,
		get:  func(_ *KB, r any) any { return *p(r.(*T)) },
		set:  func(r any, e *entry) { *p(r.(*T)) = e.ints(key) },
		read: func(r any, f valueSource) { *p(r.(*T)) = f.ints() }}
}

func date[T any](key string, p func(*T) *Date) Field {
	return Field{Name: key, Key: key, Type: TypeDate,
		get:  func(_ *KB, r any) any { return *p(r.(*T)) },
		set:  func(r any, e *entry) { *p(r.(*T)) = e.date(key) },
		read: func(r any, f valueSource) { *p(r.(*T)) = f.date() }}
}

// count is an integer that may be unknown (nil).
func count[T any](key string, p func(*T) **int) Field {
	return Field{Name: key, Key: key, Type: TypeInt,
		get: func(_ *KB, r any) any { return *p(r.(*T)) },
		set: func(r any, e *entry) { *p(r.(*T)) = e.count(key) },
		read: func(r any, f valueSource) {
			n := f.integer()
			*p(r.(*T)) = &n
		}}
}

// number is an integer that is always known.
func number[T any](key string, p func(*T) *int) Field {
	return Field{Name: key, Key: key, Type: TypeInt,
		get: func(_ *KB, r any) any { return *p(r.(*T)) },
		set: func(r any, e *entry) {
			if n := e.count(key); n != nil {
				*p(r.(*T)) = *n
			}
		},
		read: func(r any, f valueSource) { *p(r.(*T)) = f.integer() }}
}

func boolean[T any](key string, p func(*T) **bool) Field {
	return Field{Name: key, Key: key, Type: TypeBool,
		get: func(_ *KB, r any) any { return *p(r.(*T)) },
		set: func(r any, e *entry) { *p(r.(*T)) = e.boolp(key) },
		read: func(r any, f valueSource) {
			b := f.boolean()
			*p(r.(*T)) = &b
		}}
}

// tables is an array of tables ([[agreements.milestones]]) of type E.
func tables[T, E any](key string, p func(*T) *[]E, fields ...Field) Field {
	return Field{Name: key, Key: key, Type: TypeTables, Fields: fields,
		get: func(_ *KB, r any) any {
			list := *p(r.(*T))
			out := make([]any, len(list))
			for i := range list {
				out[i] = &list[i]
			}
			return out
		},
		set: func(r any, e *entry) {
			for _, m := range e.tables(key) {
				var x E
				for _, f := range fields {
					f.set(&x, m)
				}
				m.finish()
				*p(r.(*T)) = append(*p(r.(*T)), x)
			}
		},
		push: func(r any) any {
			list := p(r.(*T))
			*list = append(*list, *new(E))
			return &(*list)[len(*list)-1]
		}}
}

// derived is a field computed from the knowledge base.
func derived[T any](name string, typ Type, get func(k *KB, r *T) any) Field {
	return Field{Name: name, Key: name, Type: typ, Derived: true,
		get: func(k *KB, r any) any { return get(k, r.(*T)) }}
}

// Schema is the fields of one kind of record.
type Schema struct {
	Kind   string // "agreement"
	Plural string // "agreements": the TOML array of tables and the JSON key
	Fields []Field

	len    func(k *KB) int
	record func(k *KB, i int) any
	add    func(k *KB, pos Pos) any // appends a record at pos and returns it
}

// Len returns the number of records of the kind in k.
func (s Schema) Len(k *KB) int { return s.len(k) }

// Record returns a pointer to record i of the kind in k.
func (s Schema) Record(k *KB, i int) any { return s.record(k, i) }

// Field returns the field with the given output name.
func (s Schema) Field(name string) (Field, bool) {
	i := slices.IndexFunc(s.Fields, func(f Field) bool { return f.Name == name })
	if i < 0 {
		return Field{}, false
	}
	return s.Fields[i], true
}

// Columns returns the names of the fields a table shows by default.
func (s Schema) Columns() []string {
	var out []string
	for _, f := range s.Fields {
		if f.Column {
			out = append(out, f.Name)
		}
	}
	return out
}

// groups returns the groups of the schema's fields, in order.
func (s Schema) groups() []string {
	var out []string
	for _, f := range s.Fields {
		if f.Group != "" && !slices.Contains(out, f.Group) {
			out = append(out, f.Group)
		}
	}
	return out
}

// supportNames lists what a source's supports may name: the paths of the
// fields marked Supports, and their groups as a whole.
func (s Schema) supportNames() []string {
	var out []string
	for _, f := range s.Fields {
		if !f.Supports {
			continue
		}
		if f.Group != "" && !slices.Contains(out, f.Group) {
			out = append(out, f.Group)
		}
		out = append(out, f.Path())
	}
	return out
}

// Schemas returns the schema of each kind of record in the data format, in
// documented order: themes, agreements, crises, SDGs. Each schema is built
// once and shared: its fields are not to be changed.
func Schemas() []Schema { return slices.Clone(schemas()) }

var schemas = sync.OnceValue(func() []Schema {
	return []Schema{themeSchema(), agreementSchema(), crisisSchema(), sdgSchema()}
})

// SchemaOf returns the schema of a kind of record, including the records
// search, timeline, upcoming, tree and stats produce (KindHit, KindEvent,
// KindUpcoming, KindNode, KindCount, KindJoining).
func SchemaOf(kind string) (Schema, bool) {
	for _, s := range allSchemas() {
		if s.Kind == kind {
			return s, true
		}
	}
	return Schema{}, false
}

var allSchemas = sync.OnceValue(func() []Schema {
	return append(Schemas(), hitSchema(), eventSchema(), upcomingSchema(), nodeSchema(), countSchema(), joiningSchema())
})

func ids(k *KB, idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = k.Agreements[j].ID
	}
	return out
}

func sourceFields() []Field {
	return []Field{
		text("url", func(s *Source) *string { return &s.URL }).required(),
		text("title", func(s *Source) *string { return &s.Title }).search(weightDetail),
		texts("supports", func(s *Source) *[]string { return &s.Supports }).distinct(),
	}
}

var themeSchema = sync.OnceValue(func() Schema {
	type T = Theme
	return Schema{Kind: KindTheme, Plural: "themes",
		Fields: []Field{
			text("id", func(t *T) *string { return &t.ID }).required().search(weightName).column(),
			text("name", func(t *T) *string { return &t.Name }).required().search(weightName).supported().column(),
			text("summary", func(t *T) *string { return &t.Summary }).required().search(weightText).supported(),
			texts("crises", func(t *T) *[]string { return &t.Crises }).supported().column().distinct(),
			numbers("sdgs", func(t *T) *[]int { return &t.SDGs }).supported().distinct(),
			texts("eu_policy", func(t *T) *[]string { return &t.EUPolicy }).search(weightText).supported(),
			text("url", func(t *T) *string { return &t.URL }).supported(),
			texts("aliases", func(t *T) *[]string { return &t.Aliases }).search(weightAlias).supported(),
			date("as_of", func(t *T) *Date { return &t.AsOf }).supported(),
			tables("sources", func(t *T) *[]Source { return &t.Sources }, sourceFields()...).search(weightDetail),
			derived("agreements", TypeStrings, func(k *KB, t *T) any { return ids(k, k.AgreementsOfTheme(t.ID)) }),
			derived("agreement_count", TypeInt, func(k *KB, t *T) any { return len(k.AgreementsOfTheme(t.ID)) }).column(),
		},
		len:    func(k *KB) int { return len(k.Themes) },
		record: func(k *KB, i int) any { return &k.Themes[i] },
		add: func(k *KB, pos Pos) any {
			k.Themes = append(k.Themes, Theme{Pos: pos})
			return &k.Themes[len(k.Themes)-1]
		},
	}
})

var agreementSchema = sync.OnceValue(func() Schema {
	type A = Agreement
	return Schema{Kind: KindAgreement, Plural: "agreements",
		Fields: []Field{
			text("id", func(a *A) *string { return &a.ID }).required().search(weightName).column(),
			text("name", func(a *A) *string { return &a.Name }).required().search(weightName).supported().column(),
			text("full_name", func(a *A) *string { return &a.FullName }).search(weightFullName).supported(),
			text("type", func(a *A) *string { return &a.Type }).required().vocab(Types()).supported().column(),
			boolean("binding", func(a *A) **bool { return &a.Binding }).supported(),
			text("parent", func(a *A) *string { return &a.Parent }).supported(),
			texts("themes", func(a *A) *[]string { return &a.Themes }).required().supported().column().distinct(),
			texts("crises", func(a *A) *[]string { return &a.Crises }).supported().distinct(),
			numbers("sdgs", func(a *A) *[]int { return &a.SDGs }).supported().distinct(),
			date("adopted", func(a *A) *Date { return &a.Adopted }).backed().column(),
			text("adopted_place", func(a *A) *string { return &a.AdoptedPlace }).search(weightPlace).backed(),
			date("entry_into_force", func(a *A) *Date { return &a.EntryIntoForce }).backed(),
			text("status", func(a *A) *string { return &a.Status }).required().vocab(Statuses()).backed(),
			text("status", func(a *A) *string { return &a.EU.Status }).in("eu").vocab(EUStatuses()).backed().column(),
			date("signed", func(a *A) *Date { return &a.EU.Signed }).in("eu").backed(),
			date("joined", func(a *A) *Date { return &a.EU.Joined }).in("eu").backed(),
			date("in_force_for_eu", func(a *A) *Date { return &a.EU.InForceForEU }).in("eu").backed(),
			text("instrument", func(a *A) *string { return &a.EU.Instrument }).in("eu").backed(),
			text("decision", func(a *A) *string { return &a.EU.Decision }).in("eu").backed(),
			text("celex", func(a *A) *string { return &a.EU.CELEX }).in("eu").supported(),
			text("depositary", func(a *A) *string { return &a.Depositary }).backed(),
			text("secretariat", func(a *A) *string { return &a.Secretariat }).supported(),
			count("parties", func(a *A) **int { return &a.Parties }).backed(),
			date("parties_as_of", func(a *A) *Date { return &a.PartiesAsOf }).supported(),
			text("url", func(a *A) *string { return &a.URL }).supported(),
			text("summary", func(a *A) *string { return &a.Summary }).search(weightText).supported(),
			texts("aliases", func(a *A) *[]string { return &a.Aliases }).search(weightAlias).supported(),
			tables("milestones", func(a *A) *[]Milestone { return &a.Milestones },
				date("date", func(m *Milestone) *Date { return &m.Date }).required(),
				text("event", func(m *Milestone) *string { return &m.Event }).required().search(weightDetail),
			).search(weightDetail).backed(),
			text("untc", func(a *A) *string { return &a.Xref.UNTC }).in("xref").supported(),
			text("ecolex", func(a *A) *string { return &a.Xref.ECOLEX }).in("xref").supported(),
			text("informea", func(a *A) *string { return &a.Xref.InforMEA }).in("xref").supported(),
			text("celex", func(a *A) *string { return &a.Xref.CELEX }).in("xref").supported(),
			date("as_of", func(a *A) *Date { return &a.AsOf }).supported(),
			tables("sources", func(a *A) *[]Source { return &a.Sources }, sourceFields()...).required().search(weightDetail),
		},
		len:    func(k *KB) int { return len(k.Agreements) },
		record: func(k *KB, i int) any { return &k.Agreements[i] },
		add: func(k *KB, pos Pos) any {
			k.Agreements = append(k.Agreements, Agreement{Pos: pos})
			return &k.Agreements[len(k.Agreements)-1]
		},
	}
})

var crisisSchema = sync.OnceValue(func() Schema {
	type C = Crisis
	return Schema{Kind: KindCrisis, Plural: "crises",
		Fields: []Field{
			text("id", func(c *C) *string { return &c.ID }).required().search(weightName).column(),
			text("name", func(c *C) *string { return &c.Name }).required().search(weightName).column(),
			text("summary", func(c *C) *string { return &c.Summary }).search(weightText),
			texts("aliases", func(c *C) *[]string { return &c.Aliases }).search(weightAlias),
			derived("themes", TypeStrings, func(k *KB, c *C) any {
				idx := k.ThemesOfCrisis(c.ID)
				out := make([]string, len(idx))
				for j, t := range idx {
					out[j] = k.Themes[t].ID
				}
				return out
			}),
			derived("theme_count", TypeInt, func(k *KB, c *C) any { return len(k.ThemesOfCrisis(c.ID)) }).column(),
			derived("agreements", TypeStrings, func(k *KB, c *C) any { return ids(k, k.AgreementsOfCrisis(c.ID)) }),
			derived("agreement_count", TypeInt, func(k *KB, c *C) any { return len(k.AgreementsOfCrisis(c.ID)) }).column(),
		},
		len:    func(k *KB) int { return len(k.Crises) },
		record: func(k *KB, i int) any { return &k.Crises[i] },
		add: func(k *KB, pos Pos) any {
			k.Crises = append(k.Crises, Crisis{Pos: pos})
			return &k.Crises[len(k.Crises)-1]
		},
	}
})

var sdgSchema = sync.OnceValue(func() Schema {
	type S = SDG
	return Schema{Kind: KindSDG, Plural: "sdgs",
		Fields: []Field{
			number("number", func(s *S) *int { return &s.Number }).required().column(),
			derived("id", TypeString, func(_ *KB, s *S) any { return s.ID() }).search(weightName),
			text("name", func(s *S) *string { return &s.Name }).required().search(weightName).column(),
			text("url", func(s *S) *string { return &s.URL }),
			derived("agreements", TypeStrings, func(k *KB, s *S) any { return ids(k, k.AgreementsOfSDG(s.Number)) }),
			derived("agreement_count", TypeInt, func(k *KB, s *S) any { return len(k.AgreementsOfSDG(s.Number)) }).column(),
		},
		len:    func(k *KB) int { return len(k.SDGs) },
		record: func(k *KB, i int) any { return &k.SDGs[i] },
		add: func(k *KB, pos Pos) any {
			k.SDGs = append(k.SDGs, SDG{Pos: pos})
			return &k.SDGs[len(k.SDGs)-1]
		},
	}
})

// Marked is text with parts to highlight: a search hit's snippet and the
// byte ranges of it that matched.
type Marked struct {
	Text  string
	Marks [][2]int
}

// Kinds of the records search and timeline return.
const (
	KindHit   = "hit"
	KindEvent = "event"
)

var hitSchema = sync.OnceValue(func() Schema {
	type H = Hit
	return Schema{Kind: KindHit, Plural: "records",
		Fields: []Field{
			derived("kind", TypeString, func(_ *KB, h *H) any { return h.Kind }).column(),
			derived("id", TypeString, func(_ *KB, h *H) any { return h.ID }).column(),
			derived("name", TypeString, func(_ *KB, h *H) any { return h.Name }).column(),
			derived("score", TypeInt, func(_ *KB, h *H) any { return h.Score }),
			derived("matched", TypeStrings, func(_ *KB, h *H) any { return h.Matched }),
			derived("snippet", TypeString, func(_ *KB, h *H) any { return Marked{Text: h.Snippet, Marks: h.Marks} }).column(),
		}}
})

var eventSchema = sync.OnceValue(func() Schema {
	type E = Event
	return Schema{Kind: KindEvent, Plural: "events",
		Fields: []Field{
			derived("date", TypeDate, func(_ *KB, e *E) any { return e.Date }).column(),
			derived("kind", TypeString, func(_ *KB, e *E) any { return e.Kind }).column(),
			derived("id", TypeString, func(_ *KB, e *E) any { return e.ID }).column(),
			derived("name", TypeString, func(_ *KB, e *E) any { return e.Name }),
			derived("event", TypeString, func(_ *KB, e *E) any { return e.Event }).column(),
		}}
})

// Kinds of the records upcoming, tree and stats return.
const (
	KindUpcoming = "upcoming"
	KindNode     = "node"
	KindCount    = "count"
	KindJoining  = "joining"
)

// upcomingSchema is the timeline's event, with how far away it is for a
// table: in JSON an upcoming event has the timeline's shape.
var upcomingSchema = sync.OnceValue(func() Schema {
	type U = Upcoming
	return Schema{Kind: KindUpcoming, Plural: "events",
		Fields: []Field{
			derived("date", TypeDate, func(_ *KB, u *U) any { return u.Date }).column(),
			derived("when", TypeString, func(_ *KB, u *U) any { return u.Away }).column().tableOnly(),
			derived("kind", TypeString, func(_ *KB, u *U) any { return u.Kind }).column(),
			derived("id", TypeString, func(_ *KB, u *U) any { return u.ID }).column(),
			derived("name", TypeString, func(_ *KB, u *U) any { return u.Name }),
			derived("event", TypeString, func(_ *KB, u *U) any { return u.Event.Event }).column(),
		}}
})

// nodeSchema is a record of a tree (Node). Its children are nodes of the
// same fields; the command line nests them (JSON) or lists their ids.
var nodeSchema = sync.OnceValue(func() Schema {
	type N = Node
	agreement := func(k *KB, n *N) *Agreement {
		if n.Kind != KindAgreement {
			return &Agreement{}
		}
		return &k.Agreements[n.Index]
	}
	return Schema{Kind: KindNode, Plural: "nodes",
		Fields: []Field{
			derived("depth", TypeInt, func(_ *KB, n *N) any { return n.Depth }).column(),
			derived("kind", TypeString, func(_ *KB, n *N) any { return n.Kind }),
			derived("id", TypeString, func(k *KB, n *N) any { return k.IDOf(n.Ref) }).column(),
			derived("name", TypeString, func(k *KB, n *N) any { return k.NameOf(n.Ref) }).column(),
			derived("type", TypeString, func(k *KB, n *N) any { return agreement(k, n).Type }),
			derived("adopted", TypeDate, func(k *KB, n *N) any { return agreement(k, n).Adopted }),
			derived("status", TypeString, func(k *KB, n *N) any { return agreement(k, n).Status }),
			derived("eu_status", TypeString, func(k *KB, n *N) any { return agreement(k, n).EU.Status }),
			derived("parent", TypeString, func(_ *KB, n *N) any { return n.Parent }).column(),
			derived("children", TypeTables, func(_ *KB, n *N) any {
				out := make([]any, len(n.Children))
				for i := range n.Children {
					out[i] = &n.Children[i]
				}
				return out
			}),
		}}
})

// countSchema is one row of stats: how many agreements have a value of a
// dimension.
var countSchema = sync.OnceValue(func() Schema {
	type C = Count
	return Schema{Kind: KindCount, Plural: "counts",
		Fields: []Field{
			derived("dimension", TypeString, func(_ *KB, c *C) any { return c.Dimension }).column(),
			derived("value", TypeString, func(_ *KB, c *C) any { return c.Value }).column(),
			derived("count", TypeInt, func(_ *KB, c *C) any { return c.Count }).column(),
		}}
})

// joiningSchema is how long the EU took from signing an agreement to
// joining it (stats).
var joiningSchema = sync.OnceValue(func() Schema {
	type J = Joining
	return Schema{Kind: KindJoining, Plural: "joinings",
		Fields: []Field{
			derived("measure", TypeString, func(_ *KB, j *J) any { return j.Measure }).column(),
			derived("days", TypeInt, func(_ *KB, j *J) any { return j.Days }).column(),
			derived("id", TypeString, func(_ *KB, j *J) any { return j.ID }).column(),
			derived("name", TypeString, func(_ *KB, j *J) any { return j.Name }).column(),
			derived("signed", TypeDate, func(_ *KB, j *J) any { return j.Signed }).column(),
			derived("joined", TypeDate, func(_ *KB, j *J) any { return j.Joined }).column(),
		}}
})
