package kb

import "strings"

// mergeSameDay removes the events that say again what another event of
// the same agreement on the same day says. The data often tells an
// adoption, an entry into force, or the EU's signature or joining twice:
// in its own field (adopted, entry_into_force, eu.signed, eu.joined) and
// as a milestone of that date ("Entry into force", "Adopted at COP3 in
// Kyoto"). Such a milestone becomes the text of that event, which keeps
// its kind: the milestone's words are the data's own, often with more to
// say ("Entry into force, 90 days after the 50th ratification"), and the
// kind still answers `select(.kind == "entry-into-force")`. When several
// events of the agreement fall on that day (adopted and signed by the EU
// the same day), the milestone goes to the first whose kind its words
// name, else to the first; each event takes one milestone at most.
// Identical events are kept once. events are in Timeline's order, which
// the result keeps.
func mergeSameDay(events []Event) []Event {
	type day struct {
		date Date
		id   string
	}
	fixed := map[day][]int{} // the events of each day that are not milestones
	for i, e := range events {
		if e.Kind != EventMilestone {
			k := day{e.Date, e.ID}
			fixed[k] = append(fixed[k], i)
		}
	}
	drop := make([]bool, len(events))
	told := make([]bool, len(events)) // the event took a milestone's text
	for i, e := range events {
		if e.Kind != EventMilestone {
			continue
		}
		var free []int
		for _, j := range fixed[day{e.Date, e.ID}] {
			if !told[j] {
				free = append(free, j)
			}
		}
		if len(free) == 0 {
			continue
		}
		to := free[0]
		for _, j := range free {
			if names(e.Event, events[j].Kind) {
				to = j
				break
			}
		}
		events[to].Event = e.Event
		told[to], drop[i] = true, true
	}
	seen := map[Event]bool{}
	out := events[:0]
	for i, e := range events {
		if drop[i] || seen[e] {
			continue
		}
		seen[e] = true
		out = append(out, e)
	}
	return out
}

// names reports whether a milestone's text names an event of the kind.
func names(text, kind string) bool {
	var words []string
	switch kind {
	case EventEntryIntoForce:
		words = []string{"into force", "effective"}
	case EventAdopted:
		words = []string{"adopt", "launch", "conclu", "establish", "approved", "opened", "open for", "begin", "began"}
	case EventEUSigned:
		words = []string{"sign"}
	case EventEUJoined:
		words = []string{"deposit", "join", "accession", "acced", "ratif", "approval", "acceptance", "confirmation", "member", "partner"}
	}
	t := Fold(text)
	for _, w := range words {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}
