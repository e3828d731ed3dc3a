package render

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
