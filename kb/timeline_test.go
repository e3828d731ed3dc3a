package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTimelineMergesSameDayDuplicates(t *testing.T) {
	k := &KB{Agreements: []Agreement{{
		ID: "bbnj", Name: "BBNJ Agreement", Type: "agreement",
		Adopted: "2023-06-19", EntryIntoForce: "2026-01-17",
		EU: EU{Signed: "2023-09-20", Joined: "2025-05-28"},
		Milestones: []Milestone{
			{"2023-06-19", "Adopted without a vote in New York"},
			{"2026-01-17", "Entry into force"},
			{"2026-01-17", "First meeting of the parties called"}, // a second milestone that day stays
			{"2027-01-17", "Deadline for COP1"},
		},
	}, {
		ID: "aarhus", Name: "Aarhus Convention", Type: "convention",
		Adopted: "1998-06-25", EU: EU{Signed: "1998-06-25"},
		Milestones: []Milestone{{"1998-06-25", "Signed on behalf of the European Community"}},
	}, {
		ID: "twice", Name: "Twice", Type: "convention",
		Milestones: []Milestone{{"2001", "met"}, {"2001", "met"}},
	}}}
	var got []string
	for _, e := range k.Timeline([]int{0, 1, 2}, 0, 0) {
		got = append(got, e.Date.String()+" "+e.Kind+" "+e.ID+": "+e.Event)
	}
	want := []string{
		"1998-06-25 adopted aarhus: Aarhus Convention adopted",
		// the milestone names a signature: it goes to the EU's, not to the adoption
		"1998-06-25 eu-signed aarhus: Signed on behalf of the European Community",
		"2001 milestone twice: met",
		"2023-06-19 adopted bbnj: Adopted without a vote in New York",
		"2023-09-20 eu-signed bbnj: the EU signs the BBNJ Agreement",
		"2025-05-28 eu-joined bbnj: the EU joins the BBNJ Agreement",
		"2026-01-17 entry-into-force bbnj: Entry into force",
		"2026-01-17 milestone bbnj: First meeting of the parties called",
		"2027-01-17 milestone bbnj: Deadline for COP1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
