package kb

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/xrash/smetrics"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased and without diacritics, so that "Göteborg"
// and "goteborg" compare equal.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// similarity threshold under which no suggestion is made: a wrong
// suggestion is worse than none.
const suggestThreshold = 0.8

// Closest returns the candidates most similar to s (Jaro-Winkler on folded
// text), best first, at most three, none below the threshold.
func Closest(s string, candidates []string) []string {
	type scored struct {
		name  string
		score float64
	}
	q := Fold(s)
	if q == "" {
		return nil
	}
	var best []scored
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] || c == "" {
			continue
		}
		seen[c] = true
		f := Fold(c)
		score := smetrics.JaroWinkler(q, f, 0.7, 4)
		if strings.HasPrefix(f, q) && len(q) >= 3 {
			score = max(score, 0.9)
		}
		if score >= suggestThreshold && f != q {
			best = append(best, scored{c, score})
		}
	}
	slices.SortStableFunc(best, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.name, b.name))
	})
	out := []string{}
	for i := 0; i < len(best) && i < 3; i++ {
		out = append(out, best[i].name)
	}
	return out
}
