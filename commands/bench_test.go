package commands

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"envcoop/bench/gen"
	"envcoop/kb"
	"envcoop/kb/builtin"
)

// benchKB loads the built-in data or n generated agreements.
func benchKB(b *testing.B, size string) *kb.KB {
	b.Helper()
	if size == "builtin" {
		return builtin.KB()
	}
	var n int
	fmt.Sscan(size, &n)
	k, _, err := kb.Load([]kb.Input{{Name: "gen.toml", Data: gen.TOML(n)}}, kb.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return k
}

var benchSizes = []string{"builtin", "1000", "10000", "100000"}

// Run with: go test -run '^$' -bench . ./commands (see kb/bench_test.go).
// BenchmarkCommands times whole command lines in-process, on data already
// loaded: what a run costs after start-up and loading.
func BenchmarkCommands(b *testing.B) {
	cmds := map[string]string{
		"list":        "list agreements",
		"filter":      "filter --crisis pollution --format csv",
		"search":      "search mercury water",
		"timeline":    "timeline --from 2000 --format tsv",
		"export-json": "export --format json",
		"export-ndj":  "export --format ndjson",
		"export-csv":  "export --kind agreements --format csv",
		"export-toml": "export --format toml",
		"export-md":   "export --kind agreements --format markdown",
	}
	names := []string{"list", "filter", "search", "timeline", "export-json", "export-ndj", "export-csv", "export-toml", "export-md"}
	for _, size := range benchSizes {
		b.Run(size, func(b *testing.B) {
			k := benchKB(b, size)
			for _, name := range names {
				args := append([]string{"envcoop"}, strings.Fields(cmds[name])...)
				b.Run(name, func(b *testing.B) {
					for b.Loop() {
						code := Run(Env{Args: args, Stdout: io.Discard, Stderr: os.Stderr, Builtin: func() *kb.KB { return k }})
						if code != 0 {
							b.Fatalf("exit %d", code)
						}
					}
				})
			}
		})
	}
}

// BenchmarkLoadCached times loading a generated data file through a warm cache.
func BenchmarkLoadCached(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			path := dir + "/kb.toml"
			if err := os.WriteFile(path, gen.TOML(n), 0o644); err != nil {
				b.Fatal(err)
			}
			env := Env{Stdout: io.Discard, Stderr: os.Stderr, Getenv: func(k string) string {
				if k == "ENVCOOP_CACHE_DIR" {
					return dir + "/cache"
				}
				return ""
			}}
			s := &state{env: env, data: []string{path}}
			if _, err := s.kb(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				s := &state{env: env, data: []string{path}}
				if _, err := s.kb(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExportLinear: a filtered TOML export and a Markdown export at
// 10,000 and 100,000 agreements. Time and memory per agreement stay the
// same from one size to the next (issue 11: the filtered TOML export was
// quadratic, 111 s at 100,000; Markdown took 2 GB).
//
//	go test -run '^$' -bench ExportLinear -benchmem ./commands
func BenchmarkExportLinear(b *testing.B) {
	cmds := map[string]string{
		"toml-filtered": "export --format toml --crisis pollution",
		"markdown":      "export --kind agreements --format markdown",
	}
	for _, size := range []string{"10000", "100000"} {
		b.Run(size, func(b *testing.B) {
			k := benchKB(b, size)
			var n int
			fmt.Sscan(size, &n)
			for _, name := range []string{"toml-filtered", "markdown"} {
				args := append([]string{"envcoop"}, strings.Fields(cmds[name])...)
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if code := Run(Env{Args: args, Stdout: io.Discard, Stderr: os.Stderr, Builtin: func() *kb.KB { return k }}); code != 0 {
							b.Fatalf("exit %d", code)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/agreement")
				})
			}
		})
	}
}
