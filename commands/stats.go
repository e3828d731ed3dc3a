package commands

import (
	"slices"

	"envcoop/kb"
	"envcoop/render"

	"github.com/urfave/cli/v2"
)

func newStatsCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "the agreements in numbers: counts by type, status, theme, decade...; the EU's time from signing to joining",
		Description: `Examples:
envcoop stats                             a table for each count
envcoop stats --crisis climate            the climate agreements only
envcoop stats --json | jq .eu_signing_to_joining
envcoop stats --format csv > stats.csv    rows of dimension, value, count

Each agreement counts once under each of its themes and crises, so those
counts add up to more than the agreements; "unknown" counts agreements
without an EU status or adoption date, "none" those without a crisis.
The EU's time from signing to joining is measured in days where eu.signed
and eu.joined are both full dates: the median (of an even number, the
mean of the two middle values, rounded down), and the shortest and the
longest with the agreements behind them.

On a terminal and in Markdown: a table per count. JSON: one object, a
member per dimension mapping each value to its count. TSV, CSV and NDJSON:
rows of (dimension, value, count), the EU's times as dimension
eu_signing_to_joining (values agreements, median_days, shortest_days,
longest_days) and eu_signing_to_joining_shortest/_longest (value: the
agreement's id, count: its days).`,
		Flags: append(withoutFlags(outputFlags(false), "fields"), filterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("stats takes no arguments, got %q", c.Args().First())
			}
			p, err := s.prepare(c)
			if err != nil {
				return err
			}
			doc := statsDocument(p.kb, p.kb.Stats(p.kb.FilterAgreements(p.filter)), p.out)
			b, err := doc.Write(s.renderOptions(p.out))
			if err != nil {
				return err
			}
			return s.write(b)
		},
	}
}

// withoutFlags returns flags without those named.
func withoutFlags(flags []cli.Flag, drop ...string) []cli.Flag {
	return slices.DeleteFunc(slices.Clone(flags), func(f cli.Flag) bool { return slices.Contains(drop, flagNames(f)[0]) })
}

// Dimensions of the EU's times in stats' rows and JSON.
const (
	dimJoining  = "eu_signing_to_joining"
	dimShortest = dimJoining + "_shortest"
	dimLongest  = dimJoining + "_longest"
)

// statsDocument lays stats out: a table per dimension (its values and
// counts), the EU's times as a table of joining records; one JSON object;
// rows of count records.
func statsDocument(k *kb.KB, st kb.Stats, out output) *render.Document {
	csch, _ := kb.SchemaOf(kb.KindCount)
	jsch, _ := kb.SchemaOf(kb.KindJoining)
	valueF, _ := csch.Field("value")
	countF, _ := csch.Field("count")
	named := func(f kb.Field, name string) render.Column {
		c := column(f)
		c.Name, c.Key = name, name
		return c
	}
	doc := &render.Document{}

	// the first table: how many agreements, how many measured
	doc.Sets = append(doc.Sets, &render.Set{Kind: csch.Kind, Plural: csch.Plural,
		Columns: []render.Column{named(countF, "agreements"), named(countF, "eu_signed_and_joined")},
		Rows:    []render.Row{{st.Agreements, st.Measured}}})
	doc.Object = render.Object{{Key: "agreements", Value: st.Agreements}}
	counts := []kb.Count{{Dimension: "agreements", Value: "total", Count: st.Agreements}}

	for _, dim := range kb.Dimensions() {
		t := &render.Set{Kind: csch.Kind, Plural: csch.Plural, Columns: []render.Column{named(valueF, dim), named(countF, "agreements")}}
		obj := render.Object{}
		for _, c := range st.Counts {
			if c.Dimension == dim {
				t.Rows = append(t.Rows, render.Row{c.Value, c.Count})
				obj = append(obj, render.Member{Key: c.Value, Value: c.Count})
				counts = append(counts, c)
			}
		}
		if len(t.Rows) > 0 {
			doc.Sets = append(doc.Sets, t)
		}
		doc.Object = append(doc.Object, render.Member{Key: dim, Value: obj})
	}

	// the EU's times: a table of median, shortest and longest, each with
	// the agreements behind it; in JSON and rows, the days and the records
	joined := render.Object{{Key: "agreements", Value: st.Measured}}
	counts = append(counts, kb.Count{Dimension: dimJoining, Value: "agreements", Count: st.Measured})
	jfields := slices.DeleteFunc(slices.Clone(jsch.Fields), func(f kb.Field) bool { return f.Name == "measure" })
	objects := func(js []kb.Joining) []render.Object {
		recs := make([]any, len(js))
		for i := range js {
			recs[i] = &js[i]
		}
		return set(k, jsch, jfields, recs).Objects()
	}
	var median, shortest, longest any // null when nothing is measured
	if st.Measured > 0 {
		median, shortest, longest = st.Median, st.Shortest[0].Days, st.Longest[0].Days
		rows := append(append([]kb.Joining{{Measure: "median", Agreement: -1, Days: st.Median}}, st.Shortest...), st.Longest...)
		recs := make([]any, len(rows))
		for i := range rows {
			recs[i] = &rows[i]
		}
		t := set(k, jsch, jsch.Fields, recs)
		t.Columns[0].Name, t.Columns[0].Key = dimJoining, dimJoining
		doc.Sets = append(doc.Sets, t)
		counts = append(counts,
			kb.Count{Dimension: dimJoining, Value: "median_days", Count: st.Median},
			kb.Count{Dimension: dimJoining, Value: "shortest_days", Count: st.Shortest[0].Days},
			kb.Count{Dimension: dimJoining, Value: "longest_days", Count: st.Longest[0].Days})
		for _, j := range st.Shortest {
			counts = append(counts, kb.Count{Dimension: dimShortest, Value: j.ID, Count: j.Days})
		}
		for _, j := range st.Longest {
			counts = append(counts, kb.Count{Dimension: dimLongest, Value: j.ID, Count: j.Days})
		}
	}
	joined = append(joined,
		render.Member{Key: "median_days", Value: median},
		render.Member{Key: "shortest_days", Value: shortest},
		render.Member{Key: "shortest", Value: objects(st.Shortest)},
		render.Member{Key: "longest_days", Value: longest},
		render.Member{Key: "longest", Value: objects(st.Longest)})
	doc.Object = append(doc.Object, render.Member{Key: dimJoining, Value: joined})

	recs := make([]any, len(counts))
	for i := range counts {
		recs[i] = &counts[i]
	}
	fields, _ := outputFields(csch, out)
	doc.Flat = set(k, csch, fields, recs)
	return doc
}
