package commands

import "strings"

// marked is text with parts to highlight (a search hit's snippet), for a
// table on a terminal. Elsewhere it is its plain text.
type marked struct {
	text  string
	marks [][2]int // byte ranges of text
}

func (m marked) String() string { return m.text }

// Bold on, and off again (normal intensity), around a highlighted word.
const (
	boldOn  = "\x1b[1m"
	boldOff = "\x1b[22m"
)

// highlight bolds the marked words in cell, the text as the table shows it
// (escaped by Terminal and wrapped). Each word is bolded on its own, so
// that no sequence spans two lines of a wrapped cell.
func (m marked) highlight(cell string) string {
	var words []string
	for _, r := range m.marks {
		words = append(words, strings.Fields(Terminal(m.text[r[0]:r[1]], false))...)
	}
	if len(words) == 0 {
		return cell
	}
	lines := strings.Split(cell, "\n")
	for i, l := range lines {
		var b strings.Builder
		for l != "" {
			at, w := -1, ""
			for _, x := range words {
				if j := strings.Index(l, x); j >= 0 && (at < 0 || j < at || j == at && len(x) > len(w)) {
					at, w = j, x
				}
			}
			if at < 0 {
				b.WriteString(l)
				break
			}
			b.WriteString(l[:at] + boldOn + w + boldOff)
			l = l[at+len(w):]
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}
