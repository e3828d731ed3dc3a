package render

import "strings"

// Style is an SGR colour or attribute for a terminal.
type Style string

// Styles.
const (
	None   Style = ""
	Bold   Style = "1"
	Dim    Style = "2"
	Red    Style = "31"
	Green  Style = "32"
	Yellow Style = "33"
	Cyan   Style = "36"
)

// Paint wraps s in the style's escape sequence. Only text already made safe
// by Terminal is painted: the sequences are the only ones in the output.
func Paint(s string, st Style) string {
	if st == None || s == "" {
		return s
	}
	return "\x1b[" + string(st) + "m" + s + "\x1b[0m"
}

func roleStyle(role Role, v string) Style {
	switch role {
	case ID:
		return Cyan
	case Status:
		return StatusStyle(v)
	}
	return None
}

// StatusStyle colours a status (of an agreement or of the EU in it) by what
// it means: green in force or taking part, yellow on the way, red ended or
// outside.
func StatusStyle(v string) Style {
	switch v {
	case "in-force", "active", "concluded", "party", "member", "eu-instrument":
		return Green
	case "adopted", "negotiating", "scheduled", "not-in-force", "signatory", "participant", "observer":
		return Yellow
	case "superseded", "expired", "former-party", "not-party":
		return Red
	}
	return None
}

// words returns the marked parts of m as the table shows them (made safe
// by Terminal), split into words: a wrapped cell bolds each word on its
// line, so that no escape sequence spans two lines.
func (m Marked) words() []string {
	var out []string
	for _, r := range m.Marks {
		if r[0] >= 0 && r[0] <= r[1] && r[1] <= len(m.Text) {
			out = append(out, strings.Fields(Terminal(m.Text[r[0]:r[1]], false))...)
		}
	}
	return out
}

// boldWords bolds, in one line of a cell, each occurrence of the words.
func boldWords(line string, words []string) string {
	if len(words) == 0 {
		return line
	}
	var b strings.Builder
	for line != "" {
		at, w := -1, ""
		for _, x := range words {
			if j := strings.Index(line, x); j >= 0 && (at < 0 || j < at || j == at && len(x) > len(w)) {
				at, w = j, x
			}
		}
		if at < 0 {
			b.WriteString(line)
			break
		}
		b.WriteString(line[:at] + Paint(w, Bold))
		line = line[at+len(w):]
	}
	return b.String()
}
