package kb

import (
	"fmt"
	"os"
	"strconv"
	"strings"
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

// The inputs of issue 10, finding 6, which were quadratic: empty [[themes]]
// headers (every one a problem), a parent chain a_i.parent = a_(i-1), and
// agreements whose parents are all unknown. Twice the data should take about
// twice the time:
//
//	go test -run '^$' -bench Pathological ./kb
func BenchmarkPathological(b *testing.B) {
	shapes := map[string]func(n int) []byte{
		"headers": func(n int) []byte {
			return []byte(strings.Repeat("[[themes]]\n", n))
		},
		"chain": func(n int) []byte {
			var s strings.Builder
			s.WriteString("[[themes]]\nid = \"t\"\nname = \"T\"\nsummary = \"s\"\n")
			for i := range n {
				fmt.Fprintf(&s, "[[agreements]]\nid = \"a%d\"\nname = \"A\"\ntype = \"protocol\"\nstatus = \"in-force\"\nthemes = [\"t\"]\n", i)
				if i > 0 {
					fmt.Fprintf(&s, "parent = \"a%d\"\n", i-1)
				}
				s.WriteString("[[agreements.sources]]\nurl = \"https://example.org\"\n")
			}
			return []byte(s.String())
		},
		"unknown-parents": func(n int) []byte {
			var s strings.Builder
			s.WriteString("[[themes]]\nid = \"t\"\nname = \"T\"\nsummary = \"s\"\n")
			for i := range n {
				fmt.Fprintf(&s, "[[agreements]]\nid = \"a%d\"\nname = \"A\"\ntype = \"protocol\"\nstatus = \"in-force\"\nthemes = [\"t\"]\nparent = \"missing-%d\"\n", i, i)
				s.WriteString("[[agreements.sources]]\nurl = \"https://example.org\"\n")
			}
			return []byte(s.String())
		},
	}
	for _, shape := range []string{"headers", "chain", "unknown-parents"} {
		for _, n := range []int{10000, 20000, 40000} {
			b.Run(fmt.Sprintf("%s/%d", shape, n), func(b *testing.B) {
				data := shapes[shape](n)
				b.ResetTimer()
				for range b.N {
					_, _, _ = Load([]Input{{Name: "x.toml", Data: data}}, LoadOptions{Today: "2026-11-29"})
				}
			})
		}
	}
}
