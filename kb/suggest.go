package kb

import (
	"cmp"
	"slices"
	"strings"
)

// Closest returns the candidates close to s, best first, at most three: the
// one suggestion function of envcoop, for ids, values, flags, fields and
// keys. A candidate is close when it is within editBudget edits of s
// (insertions, deletions, substitutions, swaps of neighbours), compared
// case- and accent-insensitively with '_' and ' ' taken as '-'; or, ranked
// after those, when the one with fewer words is that close to as many
// leading words of the other ("member" for "member-state", "climat" for
// "climate-change"), it having three letters or more. A wrong suggestion is
// worse than none: "nope" gets nothing.
func Closest(s string, candidates []string) []string {
	q := suggestKey(s)
	n := len([]rune(q))
	if n == 0 {
		return nil
	}
	type scored struct {
		name string
		dist int
	}
	var best []scored
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] || c == "" || c == s {
			continue
		}
		seen[c] = true
		f := suggestKey(c)
		d := editDistance(q, f, editBudget(n))
		if d > editBudget(n) {
			if !leadingWordsClose(q, f) {
				continue
			}
			d = editBudget(n) + 1 // after every near miss
		}
		best = append(best, scored{c, d})
	}
	slices.SortStableFunc(best, func(a, b scored) int { return cmp.Compare(a.dist, b.dist) })
	out := []string{}
	for i := 0; i < len(best) && i < 3; i++ {
		out = append(out, best[i].name)
	}
	return out
}

// editBudget is how many edits a word of n letters may be away from a
// suggestion: none for one or two letters, then one per three letters.
func editBudget(n int) int { return n / 3 }

// typoBudget is how many edits search forgives in a term of n letters: none
// under five letters, one from five, two from eight.
func typoBudget(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

func suggestKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == ' ' {
			return '-'
		}
		return r
	}, Fold(strings.TrimSpace(s)))
}

// leadingWordsClose reports whether the one of a and b with fewer words is
// close to as many leading words of the other.
func leadingWordsClose(a, b string) bool {
	aw, bw := strings.Split(a, "-"), strings.Split(b, "-")
	if len(aw) == len(bw) {
		return false
	}
	if len(aw) > len(bw) {
		a, aw, bw = b, bw, aw
	}
	n := len([]rune(a))
	head := strings.Join(bw[:len(aw)], "-")
	return n >= 3 && editDistance(a, head, editBudget(n)) <= editBudget(n)
}

// editDistance is the optimal string alignment distance between a and b
// (Levenshtein plus swaps of neighbouring letters), or limit+1 once it is
// certain to exceed limit.
func editDistance(a, b string, limit int) int {
	x, y := []rune(a), []rune(b)
	if d := len(x) - len(y); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
