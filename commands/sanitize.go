package commands

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Terminal makes s safe to print on a terminal: C0 and C1 control
// characters, DEL, bidirectional controls and invalid UTF-8 are shown as
// escapes (\x1b, \u202e). Newlines and tabs are kept when keepLayout is true,
// escaped otherwise. The result contains no control character other than
// those kept, and Terminal(Terminal(s)) == Terminal(s).
func Terminal(s string, keepLayout bool) string {
	if isPlain(s, keepLayout) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			if keepLayout {
				b.WriteRune(r)
			} else if r == '\n' {
				b.WriteString(`\n`)
			} else {
				b.WriteString(`\t`)
			}
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isUnsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isUnsafeRune(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) || // C1
		(r >= 0x200e && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || // bidi
		r == 0x061c || r == 0x2028 || r == 0x2029 || r == 0xfeff
}

func isPlain(s string, keepLayout bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return isPlainUnicode(s[i:])
		}
		if c < 0x20 || c == 0x7f {
			if keepLayout && (c == '\n' || c == '\t') {
				continue
			}
			return false
		}
	}
	return true
}

func isPlainUnicode(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || isUnsafeRune(r) || r < 0x20 || r == 0x7f {
			return false
		}
	}
	return utf8.ValidString(s)
}

// csvSafe neutralises a cell that a spreadsheet would run as a formula: a
// cell starting with =, +, -, @, tab or carriage return gets a leading
// apostrophe, unless it is a plain number such as -5 or +3.2.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if isNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if s[0] == '-' || s[0] == '+' {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}
