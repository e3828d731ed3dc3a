package kb

import (
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date kept at the precision it is known to: "2022",
// "2022-08" or "2022-08-31". The zero value means unknown. Dates never pass
// through a time zone, so the same date prints the same on every machine.
type Date string

// ParseDate checks that s is YYYY, YYYY-MM or YYYY-MM-DD and a real calendar date.
func ParseDate(s string) (Date, error) {
	bad := func() error { return fmt.Errorf("invalid date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s) }
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return "", bad()
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return "", bad()
			}
			continue
		}
		if c < '0' || c > '9' {
			return "", bad()
		}
	}
	y, _ := strconv.Atoi(s[:4])
	if y < 1000 {
		return "", fmt.Errorf("invalid date %q: year out of range", s)
	}
	if len(s) >= 7 {
		m, _ := strconv.Atoi(s[5:7])
		if m < 1 || m > 12 {
			return "", fmt.Errorf("invalid date %q: no month %d", s, m)
		}
		if len(s) == 10 {
			d, _ := strconv.Atoi(s[8:10])
			if d < 1 || d > daysIn(y, time.Month(m)) {
				return "", fmt.Errorf("invalid date %q: no such day", s)
			}
		}
	}
	return Date(s), nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d == "" }

// String returns the date at its precision, or "" when unknown.
func (d Date) String() string { return string(d) }

// Year returns the year, or 0 when unknown.
func (d Date) Year() int {
	if len(d) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(string(d[:4]))
	return y
}

// Before reports whether d is certainly earlier than o, comparing at the
// precision both share: "2022" is not before "2022-08".
func (d Date) Before(o Date) bool {
	n := min(len(d), len(o))
	return string(d[:n]) < string(o[:n])
}

// Compare orders dates for sorting: by their text, so "2022" sorts before
// "2022-01" and both before "2022-01-05". Unknown dates sort last.
func (d Date) Compare(o Date) int {
	switch {
	case d == o:
		return 0
	case d == "":
		return 1
	case o == "":
		return -1
	case d < o:
		return -1
	}
	return 1
}

// dateFromTOML turns a decoded TOML value into a Date. Local dates and the
// strings YYYY, YYYY-MM and YYYY-MM-DD are accepted; times and offsets are not.
func dateFromTOML(v any) (Date, error) {
	switch t := v.(type) {
	case time.Time:
		if t.Location().String() != "date-local" {
			return "", fmt.Errorf("want a date like 2022-08-31, got a date-time or time")
		}
		return Date(fmt.Sprintf("%04d-%02d-%02d", t.Year(), t.Month(), t.Day())), nil
	case string:
		return ParseDate(t)
	}
	return "", fmt.Errorf("want a date like 2022-08-31 or \"2022-08\", got %s", tomlTypeName(v))
}
