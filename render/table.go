package render

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Width is the display width of s in terminal cells (a CJK character or an
// emoji takes two, a combining mark none), measured as tablewriter measures
// it; ANSI colour sequences take none. Every width in envcoop's output is
// measured with it.
func Width(s string) int { return twwidth.Width(s) }

// runeWidth is Width of one rune.
func runeWidth(r rune) int {
	if r >= 0x20 && r < 0x7f {
		return 1
	}
	return twwidth.Width(string(r))
}

// gap is the space between two columns.
const gap = 2

// writeTable draws the set with tablewriter: borderless, left-aligned,
// headers as written. With a width, the columns are fitted to it (fit) and
// every cell is wrapped to its column's width (Wrap) before tablewriter
// lays the lines out: tablewriter's own wrapping breaks only at spaces, and
// chooses its breaks in time quadratic in the number of words.
func writeTable(buf *bytes.Buffer, s *Set, o Options) error {
	n := len(s.Columns)
	header := make([]string, n)
	for i, c := range s.Columns {
		header[i] = c.Header()
	}
	cells := make([][]string, len(s.Rows))
	for r, row := range s.Rows {
		line := make([]string, n) // a new slice per row: Append keeps it
		for i, c := range s.Columns {
			line[i] = Terminal(text(row[i], c, SepTable, sepEscTable), false)
		}
		cells[r] = line
	}
	widths := make([]int, n)
	if o.Width > 0 {
		keep := make([]bool, n) // ids break last
		for i, c := range s.Columns {
			keep[i] = c.Role == ID
		}
		widths = fit(header, cells, keep, o.Width)
	}
	lay := func(i int, s string, paint func(string) string) string {
		var lines []string
		if o.Width > 0 {
			lines = Wrap(s, widths[i])
		} else {
			lines = []string{s}
		}
		if paint != nil {
			for j := range lines {
				lines[j] = paint(lines[j])
			}
		}
		return strings.Join(lines, "\n")
	}
	for i := range header {
		var paint func(string) string
		if o.Color {
			paint = func(s string) string { return Paint(s, Bold) }
		}
		header[i] = lay(i, header[i], paint)
	}
	for r, line := range cells {
		for i, c := range s.Columns {
			var paint func(string) string
			switch m, ok := s.Rows[r][i].(Marked); {
			case o.Color && c.Role == Highlight && ok:
				words := m.words()
				paint = func(s string) string { return boldWords(s, words) }
			case o.Color && c.Role != Plain && c.Role != Highlight:
				role, v := c.Role, line[i]
				paint = func(s string) string { return Paint(s, roleStyle(role, v)) }
			}
			line[i] = lay(i, line[i], paint)
		}
	}
	padding := make([]tw.Padding, n)
	for i := range padding {
		padding[i] = tw.Padding{Right: strings.Repeat(" ", gap), Overwrite: true}
	}
	if n > 0 {
		padding[n-1] = tw.PaddingNone
	}
	var out bytes.Buffer
	t := tablewriter.NewTable(&out,
		tablewriter.WithRenderer(renderer.NewBlueprint()),
		tablewriter.WithRendition(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Lines:      tw.LinesNone,
				Separators: tw.SeparatorsNone,
			},
		}),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithHeaderPaddingPerColumn(padding),
		tablewriter.WithRowPaddingPerColumn(padding),
	)
	t.Header(header)
	for _, line := range cells {
		if err := t.Append(line); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	// the last column is padded to its width: no line ends in spaces
	for _, l := range bytes.SplitAfter(out.Bytes(), []byte("\n")) {
		if len(l) > 0 {
			buf.Write(bytes.TrimRight(l, " \n"))
			buf.WriteByte('\n')
		}
	}
	return nil
}

// fit chooses column widths that fit a table in width cells, gaps
// included. Columns keep their natural width when all fit; otherwise the
// widest give way first, down to their longest word (a word ends at a space
// or after a hyphen between letters); if that is still too wide, words
// break inside, in the columns of longest text first and in those keep
// marks (ids) last, down to floor cells. Only a table of more columns than a screen can hold
// at floor cells each is wider than width.
func fit(header []string, cells [][]string, keep []bool, width int) []int {
	n := len(header)
	natural := make([]int, n)
	word := make([]int, n)
	measure := func(i int, s string) {
		w, longest := measureCell(s)
		natural[i] = max(natural[i], w)
		word[i] = max(word[i], longest)
	}
	for i, h := range header {
		measure(i, h)
	}
	for _, line := range cells {
		for i, c := range line {
			measure(i, c)
		}
	}
	avail := width - gap*(n-1)
	sum := func(ws []int) int {
		t := 0
		for _, w := range ws {
			t += w
		}
		return t
	}
	if sum(natural) <= avail {
		return natural
	}
	const floor = 6
	words := make([]int, n)
	for i := range words {
		words[i] = min(natural[i], word[i])
	}
	if sum(words) <= avail {
		return level(words, natural, avail)
	}
	// words must break: inside the columns of longest text first (a name
	// breaks more gracefully than a date or an id), down to floor cells
	ws := slices.Clone(words)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if keep[a] != keep[b] {
			if keep[a] {
				return 1
			}
			return -1
		}
		return natural[b] - natural[a]
	})
	deficit := sum(ws) - avail
	for _, i := range order {
		take := min(deficit, max(ws[i]-min(natural[i], floor), 0))
		ws[i] -= take
		deficit -= take
	}
	return ws
}

// level returns widths between lo and hi that add up to at most avail (if
// lo allows): each column gets hi capped at a common level, but never less
// than lo; the cells left over go to the columns that were cut.
func level(lo, hi []int, avail int) []int {
	n := len(lo)
	at := func(l int) ([]int, int) {
		ws, t := make([]int, n), 0
		for i := range ws {
			ws[i] = max(lo[i], min(hi[i], l))
			t += ws[i]
		}
		return ws, t
	}
	a, b := 0, 0
	for _, w := range hi {
		b = max(b, w)
	}
	for a < b {
		mid := (a + b + 1) / 2
		if _, t := at(mid); t <= avail {
			a = mid
		} else {
			b = mid - 1
		}
	}
	ws, t := at(a)
	for spare := avail - t; spare > 0; {
		grown := false
		for i := range ws {
			if spare > 0 && ws[i] < hi[i] {
				ws[i]++
				spare--
				grown = true
			}
		}
		if !grown {
			break
		}
	}
	return ws
}

// measureCell returns the width of s and of its longest word, in one pass.
func measureCell(s string) (total, longest int) {
	cur := 0
	for i, r := range s {
		w := runeWidth(r)
		total += w
		if r == ' ' {
			longest = max(longest, cur)
			cur = 0
			continue
		}
		cur += w
		if breaksAfter(s, i, r) {
			longest = max(longest, cur)
			cur = 0
		}
	}
	return total, max(longest, cur)
}

// breaksAfter reports whether a line may break after r, at s[i]: after a
// hyphen between two letters ("biodiversity-loss"), never inside a date or
// a number ("1979-11-13", "-5").
func breaksAfter(s string, i int, r rune) bool {
	if r != '-' || i == 0 || i+1 >= len(s) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+1:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}

// Wrap breaks s into lines of at most width cells: at spaces, after a
// hyphen between letters, and inside a word only when the word alone is wider than the
// line. It looks at each character once, so its time is linear in the
// length of s whatever the words.
func Wrap(s string, width int) []string {
	if width <= 0 {
		return []string{s}
	}
	var lines []string
	var line strings.Builder
	lineW := 0
	// the word being read: s[start:i], wordW cells
	start, wordW := 0, 0
	flushLine := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineW = 0
	}
	// place puts s[start:end] (w cells, ending with its break character)
	// on the line, breaking it when it is wider than a line
	place := func(end, w int) {
		word := s[start:end]
		trail := 0 // a final space does not need to fit
		if strings.HasSuffix(word, " ") {
			trail = 1
		}
		if lineW > 0 && lineW+w-trail > width {
			flushLine()
		}
		if lineW == 0 && w-trail > width {
			// a word wider than a line: cut it at the width
			for _, r := range word {
				rw := runeWidth(r)
				if lineW+rw > width && lineW > 0 {
					flushLine()
				}
				if lineW == 0 && r == ' ' {
					continue
				}
				line.WriteRune(r)
				lineW += rw
			}
			start = end
			return
		}
		if lineW == 0 {
			word = strings.TrimLeft(word, " ")
			w = Width(word)
		}
		line.WriteString(word)
		lineW += w
		start = end
	}
	for i, r := range s {
		wr := runeWidth(r)
		wordW += wr
		if r == ' ' || breaksAfter(s, i, r) {
			end := i + utf8.RuneLen(r)
			place(end, wordW)
			wordW = 0
		}
	}
	if start < len(s) {
		place(len(s), wordW)
	}
	if line.Len() > 0 || len(lines) == 0 {
		flushLine()
	}
	return lines
}
