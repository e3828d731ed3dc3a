package kb

import "strconv"

// Upcoming is an event still to come, and how far away it is.
type Upcoming struct {
	Event
	// Away says when, from today: "today", "tomorrow", "in 31 days"; for a
	// date known only to the month or the year, "this month", "next
	// month", "in 3 months", "this year", "next year", "in 2 years".
	Away string
}

// Upcoming returns the timeline's events of the given agreements from
// today on, up to and including until (zero: no end), in date order:
// milestones (where the data tells application and expiry dates,
// deadlines, conferences), entry into force and the other dated fields.
// A date known only to the month or the year counts while that month or
// year lasts, and is within until when it may begin by then. today must be
// a full date.
func (k *KB) Upcoming(agreements []int, today, until Date) []Upcoming {
	to := 0
	if !until.IsZero() {
		to = until.Year()
	}
	var out []Upcoming
	for _, e := range k.Timeline(agreements, today.Year(), to) {
		if !e.Date.endsOnOrAfter(today) || (!until.IsZero() && !e.Date.startsOnOrBefore(until)) {
			continue
		}
		out = append(out, Upcoming{Event: e, Away: away(today, e.Date)})
	}
	return out
}

// away says how far d is from today, at d's precision.
func away(today, d Date) string {
	count := func(n int, unit, this, next string) string {
		switch n {
		case 0:
			return this
		case 1:
			return next
		}
		return "in " + strconv.Itoa(n) + " " + unit
	}
	switch {
	case d.Full():
		n, _ := Days(today, d)
		return count(n, "days", "today", "tomorrow")
	case d.month() != 0:
		n := (d.Year()-today.Year())*12 + d.month() - today.month()
		return count(n, "months", "this month", "next month")
	}
	return count(d.Year()-today.Year(), "years", "this year", "next year")
}
