package kb

import (
	"fmt"
	"os"
	"testing"

	"envcoop/bench/gen"
)

// sizes are the knowledge-base sizes benchmarked: the built-in data and
// generated data of 1,000, 10,000 and 100,000 agreements. The generator is
// deterministic; nothing large is committed. The 100,000 size runs only
// with -bench-large, as it takes several seconds per operation.
func benchInputs(b *testing.B) map[string][]byte {
	b.Helper()
	builtin, err := os.ReadFile("../themes.toml")
	if err != nil {
		b.Fatal(err)
	}
	out := map[string][]byte{"builtin": builtin}
	for _, n := range []int{1000, 10000, 100000} {
		out[fmt.Sprintf("%d", n)] = gen.TOML(n)
	}
	return out
}

var benchSizes = []string{"builtin", "1000", "10000", "100000"}

func BenchmarkLoad(b *testing.B) {
	ins := benchInputs(b)
	for _, size := range benchSizes {
		data := ins[size]
		b.Run(size, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := Load([]Input{{Name: "x.toml", Data: data}}, ValidateOptions{Today: "2026-11-27"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
