package website

import (
	"fmt"
	"testing"

	"envcoop/bench/gen"
	"envcoop/kb"
)

// BenchmarkBuild renders the site of generated knowledge bases: the time
// must grow with the number of agreements, not with its square.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		k, _, err := kb.Load([]kb.Input{{Name: "gen.toml", Data: gen.TOML(n)}}, kb.LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("agreements=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Build(k); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
