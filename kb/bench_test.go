package kb

import (
	"os"
	"strconv"
	"testing"

	"envcoop/bench/gen"
)

// The benchmarks run at the built-in size and on generated data of 1,000,
// 10,000 and 100,000 agreements (deterministic; nothing large is committed):
//
//	go test -run '^$' -bench . ./kb ./commands
//
// Data is generated inside each size's sub-benchmark, so -bench can pick
// sizes ('-bench Load/10000') without paying for the others.
var benchSizes = []string{"builtin", "1000", "10000", "100000"}

func benchData(b *testing.B, size string) []byte {
	b.Helper()
	if size == "builtin" {
		data, err := os.ReadFile("../themes.toml")
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	n, _ := strconv.Atoi(size)
	return gen.TOML(n)
}

func benchKB(b *testing.B, size string) *KB {
	b.Helper()
	k, _, err := Load([]Input{{Name: "x.toml", Data: benchData(b, size)}}, LoadOptions{Today: "2026-11-29"})
	if err != nil {
		b.Fatal(err)
	}
	return k
}

// BenchmarkLoad: decode and validate, from TOML bytes.
func BenchmarkLoad(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size, func(b *testing.B) {
			data := benchData(b, size)
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := Load([]Input{{Name: "x.toml", Data: data}}, LoadOptions{Today: "2026-11-29"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size, func(b *testing.B) {
			k := benchKB(b, size)
			for b.Loop() {
				if ps := Validate(k, ValidateOptions{Today: "2026-11-29"}); len(ps.Errors()) > 0 {
					b.Fatal(ps)
				}
			}
		})
	}
}

func BenchmarkFilter(b *testing.B) {
	yes := true
	f := Filter{Crises: []string{"pollution"}, Themes: []string{"water", "plastics"}, Binding: &yes, AdoptedAfter: 1990}
	for _, size := range benchSizes {
		b.Run(size, func(b *testing.B) {
			k := benchKB(b, size)
			for b.Loop() {
				k.FilterAgreements(f)
			}
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size, func(b *testing.B) {
			k := benchKB(b, size)
			for b.Loop() {
				k.Search([]string{"mercury", "water"})
			}
		})
	}
}
