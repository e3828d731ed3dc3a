package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Tests of upcoming, the timeline's merging, tree and stats, on records
// built in Go.

func TestUpcoming(t *testing.T) {
	k := &KB{Agreements: []Agreement{{
		ID: "a", Name: "A", Type: "agreement", EntryIntoForce: "2026-12-30",
		Milestones: []Milestone{
			{"2026-11-28", "yesterday"}, {"2026-11-29", "today"}, {"2026-11-30", "tomorrow"},
			{"2026-10", "last month"}, {"2026-11", "this month"}, {"2026-12", "next month"}, {"2027-01", "in January"},
			{"2025", "last year"}, {"2026", "this year"}, {"2027", "next year"}, {"2030", "later"},
			{"2027-02-01", "in February"},
		},
	}}}
	type ev struct{ Date, Away, Event string }
	run := func(until Date) []ev {
		var out []ev
		for _, u := range k.Upcoming([]int{0}, "2026-11-29", until) {
			out = append(out, ev{u.Date.String(), u.Away, u.Event.Event})
		}
		return out
	}
	all := []ev{
		{"2026", "this year", "this year"},
		{"2026-11", "this month", "this month"},
		{"2026-11-29", "today", "today"},
		{"2026-11-30", "tomorrow", "tomorrow"},
		{"2026-12", "next month", "next month"},
		{"2026-12-30", "in 31 days", "A enters into force"},
		{"2027", "next year", "next year"},
		{"2027-01", "in 2 months", "in January"},
		{"2027-02-01", "in 64 days", "in February"},
		{"2030", "in 4 years", "later"},
	}
	if diff := cmp.Diff(all, run("")); diff != "" {
		t.Errorf("no end (-want +got):\n%s", diff)
	}
	// until 2027-01-15: "2027" and "2027-01" may begin by then
	if diff := cmp.Diff(all[:8], run("2027-01-15")); diff != "" {
		t.Errorf("until 2027-01-15 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(all[:3], run("2026-11-29")); diff != "" {
		t.Errorf("until today (-want +got):\n%s", diff)
	}
}

func TestDays(t *testing.T) {
	for _, tt := range []struct {
		a, b Date
		want int
		ok   bool
	}{
		{"2026-11-29", "2026-12-30", 31, true},
		{"2024-02-28", "2024-03-01", 2, true}, // leap year
		{"2026-11-29", "2026-11-28", -1, true},
		{"1000-01-01", "9999-12-31", 3287181, true}, // beyond time.Duration
		{"2026-11", "2026-12-30", 0, false},
		{"2026-11-29", "", 0, false},
	} {
		got, ok := Days(tt.a, tt.b)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Days(%s, %s) = %d, %v; want %d, %v", tt.a, tt.b, got, ok, tt.want, tt.ok)
		}
	}
	if got := Date("2026-11-29").AddDays(33); got != "2027-01-01" {
		t.Errorf("AddDays = %s", got)
	}
}

// treeKB: vienna > montreal > (london, kigali); unfccc > kyoto > doha,
// unfccc > paris; lone; cbd (theme bio) > cartagena (themes bio, climate).
func treeKB() *KB {
	a := func(id, parent, adopted string, themes ...string) Agreement {
		return Agreement{ID: id, Name: id + " name", Type: "protocol", Parent: parent, Adopted: Date(adopted), Themes: themes}
	}
	return &KB{
		Themes: []Theme{{ID: "ozone"}, {ID: "climate"}, {ID: "bio"}},
		Agreements: []Agreement{
			a("kigali", "montreal", "2016", "ozone", "climate"),
			a("montreal", "vienna", "1987", "ozone"),
			a("vienna", "", "1985", "ozone"),
			a("london", "montreal", "1990", "ozone"),
			a("paris", "unfccc", "2015", "climate"),
			a("unfccc", "", "1992", "climate"),
			a("kyoto", "unfccc", "1997", "climate"),
			a("doha", "kyoto", "2012", "climate"),
			a("lone", "", "2000", "climate"),
			a("cbd", "", "1992", "bio"),
			a("cartagena", "cbd", "2000", "bio", "climate"),
		},
	}
}

// drawn writes a tree as "id(depth,parent)" with its children in brackets.
func drawn(k *KB, n Node) string {
	s := k.IDOf(n.Ref) + "(" + string(rune('0'+n.Depth)) + "," + n.Parent + ")"
	if len(n.Children) > 0 {
		s += "["
		for i, c := range n.Children {
			if i > 0 {
				s += " "
			}
			s += drawn(k, c)
		}
		s += "]"
	}
	return s
}

func TestFamily(t *testing.T) {
	k := treeKB()
	id := func(s string) int {
		for i, a := range k.Agreements {
			if a.ID == s {
				return i
			}
		}
		t.Fatalf("no %s", s)
		return -1
	}
	for q, want := range map[string]string{
		// ancestors hold only the way down; siblings (london) are left out
		"kigali":   "vienna(0,)[montreal(1,vienna)[kigali(2,montreal)]]",
		"montreal": "vienna(0,)[montreal(1,vienna)[london(2,montreal) kigali(2,montreal)]]",
		"vienna":   "vienna(0,)[montreal(1,vienna)[london(2,montreal) kigali(2,montreal)]]",
		"unfccc":   "unfccc(0,)[kyoto(1,unfccc)[doha(2,kyoto)] paris(1,unfccc)]",
		"lone":     "lone(0,)",
	} {
		if got := drawn(k, k.Family(id(q))); got != want {
			t.Errorf("Family(%s) =\n%s\nwant\n%s", q, got, want)
		}
	}
}

func TestForestHasEveryAgreementOnce(t *testing.T) {
	k := treeKB()
	var got []string
	for _, n := range k.Forest() {
		got = append(got, drawn(k, n))
	}
	want := []string{
		"ozone(0,)[vienna(1,ozone)[montreal(2,vienna)[london(3,montreal) kigali(3,montreal)]]]",
		"climate(0,)[unfccc(1,climate)[kyoto(2,unfccc)[doha(3,kyoto)] paris(2,unfccc)] lone(1,climate)]",
		"bio(0,)[cbd(1,bio)[cartagena(2,cbd)]]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// a theme asked for holds every family with an agreement in it
	got = []string{drawn(k, k.ThemeFamilies(1))}
	// (cbd and unfccc, both of 1992, by id)
	want = []string{"climate(0,)[vienna(1,climate)[montreal(2,vienna)[london(3,montreal) kigali(3,montreal)]] cbd(1,climate)[cartagena(2,cbd)] unfccc(1,climate)[kyoto(2,unfccc)[doha(3,kyoto)] paris(2,unfccc)] lone(1,climate)]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ThemeFamilies (-want +got):\n%s", diff)
	}
}

func TestStats(t *testing.T) {
	a := func(id, typ, eu, adopted, signed, joined string, crises ...string) Agreement {
		return Agreement{ID: id, Name: id, Type: typ, Status: "in-force", Themes: []string{"water"}, Crises: crises,
			Adopted: Date(adopted), EU: EU{Status: eu, Signed: Date(signed), Joined: Date(joined)}}
	}
	k := &KB{
		Themes: []Theme{{ID: "water"}},
		Crises: []Crisis{{ID: "pollution"}, {ID: "climate-change"}},
		Agreements: []Agreement{
			a("p1", "protocol", "party", "1992-03-17", "1992-03-18", "1995-09-14", "pollution"),           // 1275 days
			a("c1", "convention", "party", "1979", "1979-11-13", "1982-07-15", "climate-change"),          // 975
			a("p2", "protocol", "", "1999-06", "1999-06-17", "1999-06-17", "pollution", "climate-change"), // 0
			a("p3", "protocol", "party", "", "2000-01", "2003-01-01"),                                     // month only: not measured
			a("c2", "convention", "signatory", "1985-03-22", "1985-03-22", "1988-10-17"),                  // 1305
		},
	}
	st := k.Stats([]int{0, 1, 2, 3, 4})
	var counts []string
	for _, c := range st.Counts {
		counts = append(counts, c.Dimension+" "+c.Value+" "+string(rune('0'+c.Count)))
	}
	want := []string{
		"type protocol 3", "type convention 2",
		"status in-force 5",
		"eu_status party 3", "eu_status signatory 1", "eu_status unknown 1",
		"theme water 5",
		"crisis pollution 2", "crisis climate-change 2", "crisis none 2", // ties in data order, none last
		"decade 1970s 1", "decade 1980s 1", "decade 1990s 2", "decade unknown 1",
	}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if st.Agreements != 5 || st.Measured != 4 || st.Median != (975+1275)/2 {
		t.Errorf("agreements %d, measured %d, median %d", st.Agreements, st.Measured, st.Median)
	}
	if len(st.Shortest) != 1 || st.Shortest[0].ID != "p2" || st.Shortest[0].Days != 0 ||
		len(st.Longest) != 1 || st.Longest[0].ID != "c2" || st.Longest[0].Days != 1305 {
		t.Errorf("shortest %+v, longest %+v", st.Shortest, st.Longest)
	}
}
