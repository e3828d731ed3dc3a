package website

import (
	"fmt"
	"strconv"
	"strings"

	"envcoop/kb"
)

// chart is a line chart drawn by envcoop as SVG: the number of agreements
// adopted, and of those the EU joined, up to each year.
type chart struct {
	Width, Height            int
	From, Last               int // the first decade and the last year drawn
	Left, Top, Right, Bottom int // the plot area
	Title, Desc              string
	Series                   []series
	XTicks, YTicks           []tick
}

type series struct {
	Label, Class, D string
	Total           int
	LegendY         int
}

type tick struct {
	Pos   int
	Label string
}

// Geometry of the chart, in the units of its viewBox; the SVG scales to
// the width of the page.
const (
	chartWidth  = 640
	chartHeight = 340
	marginLeft  = 48
	marginRight = 16
	marginTop   = 16
	marginBot   = 40
)

// yearCounts counts agreements by the year of a date, and returns the first
// and last year seen (0, 0 when none).
func yearCounts(k *kb.KB, date func(*kb.Agreement) kb.Date) (map[int]int, int, int) {
	counts := map[int]int{}
	first, last := 0, 0
	for i := range k.Agreements {
		y := date(&k.Agreements[i]).Year()
		if y == 0 {
			continue
		}
		counts[y]++
		if first == 0 || y < first {
			first = y
		}
		last = max(last, y)
	}
	return counts, first, last
}

func adoptedDate(a *kb.Agreement) kb.Date  { return a.Adopted }
func euJoinedDate(a *kb.Agreement) kb.Date { return a.EU.Joined }

// newChart draws the cumulative counts; nil when no agreement has a date.
func newChart(k *kb.KB) *chart {
	adopted, f1, l1 := yearCounts(k, adoptedDate)
	joined, f2, l2 := yearCounts(k, euJoinedDate)
	first, last := f1, max(l1, l2)
	if f2 != 0 && (first == 0 || f2 < first) {
		first = f2
	}
	if first == 0 {
		return nil
	}
	from := first / 10 * 10
	to := last + 1
	total := 0
	for _, n := range adopted {
		total += n
	}
	step := 10
	for total/step > 8 {
		step *= 2
	}
	top := max(step, (total+step-1)/step*step)
	c := &chart{Width: chartWidth, Height: chartHeight, Left: marginLeft, Top: marginTop,
		Right: chartWidth - marginRight, Bottom: chartHeight - marginBot, From: from, Last: last}
	x := func(year int) int { return c.Left + (year-from)*(c.Right-c.Left)/(to-from) }
	y := func(n int) int { return c.Bottom - n*(c.Bottom-c.Top)/top }
	for d := from; d <= to; d += 10 {
		c.XTicks = append(c.XTicks, tick{Pos: x(d), Label: strconv.Itoa(d)})
	}
	for n := 0; n <= top; n += step {
		c.YTicks = append(c.YTicks, tick{Pos: y(n), Label: strconv.Itoa(n)})
	}
	line := func(counts map[int]int) (string, int) {
		var d strings.Builder
		fmt.Fprintf(&d, "M%d %d", x(from), y(0))
		n := 0
		for yr := from; yr < to; yr++ {
			if counts[yr] > 0 {
				n += counts[yr]
				fmt.Fprintf(&d, "H%dV%d", x(yr), y(n))
			}
		}
		fmt.Fprintf(&d, "H%d", x(to))
		return d.String(), n
	}
	dA, nA := line(adopted)
	dJ, nJ := line(joined)
	c.Series = []series{
		{Label: fmt.Sprintf("Agreements adopted (%d)", nA), Class: "adopted", D: dA, Total: nA, LegendY: c.Top + 14},
		{Label: fmt.Sprintf("Joined by the EU (%d)", nJ), Class: "joined", D: dJ, Total: nJ, LegendY: c.Top + 34},
	}
	c.Title = "Agreements adopted and joined by the EU, " + strconv.Itoa(from) + " to " + strconv.Itoa(last)
	c.Desc = fmt.Sprintf("Two rising step lines: the number of agreements adopted up to each year, reaching %d, "+
		"and the number the EU had joined, reaching %d. The table below gives the same numbers by decade.", nA, nJ)
	return c
}

func (b *builder) timeline() *page {
	p := &page{Path: timelinePath, Nav: "timeline", Title: "Timeline", Heading: "Timeline",
		Intro: []string{"When the agreements were adopted and entered into force, when the EU signed and joined them, and their milestones."}}
	k := b.k
	chartSec := section{ID: "chart", Title: "Adoption and the EU's joining over time", Empty: "No agreement in the data has a date."}
	if c := newChart(k); c != nil {
		chartSec.Chart = c
		adopted, _, _ := yearCounts(k, adoptedDate)
		joined, _, _ := yearCounts(k, euJoinedDate)
		t := &table{Caption: "Agreements adopted and joined by the EU, by decade", Head: []string{"Decade", "Adopted", "Adopted, in all", "Joined by the EU", "Joined, in all"}}
		sumA, sumJ := 0, 0
		for d := c.From; d <= c.Last; d += 10 {
			nA, nJ := 0, 0
			for y := d; y < d+10; y++ {
				nA += adopted[y]
				nJ += joined[y]
			}
			sumA += nA
			sumJ += nJ
			t.Rows = append(t.Rows, [][]part{text(fmt.Sprintf("%ds", d)), text(strconv.Itoa(nA)), text(strconv.Itoa(sumA)),
				text(strconv.Itoa(nJ)), text(strconv.Itoa(sumJ))})
		}
		chartSec.Table = t
	}
	all := make([]int, len(k.Agreements))
	for i := range all {
		all[i] = i
	}
	events := k.Timeline(all, 0, 0)
	evSec := section{ID: "events", Title: fmt.Sprintf("Events (%d)", len(events)), Empty: "No dated events."}
	for _, e := range events {
		decade := fmt.Sprintf("%ds", e.Date.Year()/10*10)
		if n := len(evSec.Sub); n == 0 || evSec.Sub[n-1].Title != decade {
			evSec.Sub = append(evSec.Sub, section{ID: "events-" + decade, Title: decade})
		}
		s := &evSec.Sub[len(evSec.Sub)-1]
		s.Items = append(s.Items, []part{{Text: e.Date.String() + " "}, rel(p.Path, AgreementPath(e.ID), e.Event)})
	}
	p.Sections = []section{chartSec, evSec}
	return p
}
