package kb

import (
	"strconv"
	"time"
)

// Dates as days: what upcoming and stats count. Only full dates
// (YYYY-MM-DD) have a day; the arithmetic is done in UTC, so that it never
// depends on the machine's time zone.

// Full reports whether the date is known to the day.
func (d Date) Full() bool { return len(d) == 10 }

func (d Date) time() (time.Time, bool) {
	if !d.Full() {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", string(d))
	return t, err == nil
}

// Days returns the number of days from d to o (negative when o is
// earlier), or false when either is not a full date.
func Days(d, o Date) (int, bool) {
	a, ok := d.time()
	if !ok {
		return 0, false
	}
	b, ok := o.time()
	if !ok {
		return 0, false
	}
	return int((b.Unix() - a.Unix()) / 86400), true // Sub overflows beyond 292 years
}

// AddDays returns the full date n days after d (before, for a negative n),
// or d itself when it is not a full date.
func (d Date) AddDays(n int) Date {
	t, ok := d.time()
	if !ok {
		return d
	}
	return Date(t.AddDate(0, 0, n).Format("2006-01-02"))
}

// month returns the month of a date known at least to the month, 0 when
// only the year is known.
func (d Date) month() int {
	if len(d) < 7 {
		return 0
	}
	m, _ := strconv.Atoi(string(d[5:7]))
	return m
}

// Prefix is d at precision n (4, 7 or 10 characters), or d when shorter.
func (d Date) Prefix(n int) Date {
	if len(d) <= n {
		return d
	}
	return d[:n]
}

// endsOnOrAfter reports whether d, which may be known only to the month or the
// year, may fall on or after from: "2026-11" overlaps 2026-11-29, "2026-10"
// does not.
func (d Date) endsOnOrAfter(from Date) bool {
	return d != "" && d >= from.Prefix(len(d))
}

// startsOnOrBefore reports whether d may fall on or before until, compared
// at the precision both share: "2027" starts before 2027-01-15.
func (d Date) startsOnOrBefore(until Date) bool {
	n := min(len(d), len(until))
	return d != "" && d.Prefix(n) <= until.Prefix(n)
}
