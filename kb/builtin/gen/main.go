// Command gen writes the built-in knowledge base as Go source, from
// themes.toml; 'go generate ./kb/builtin' runs it:
//
//	go run ./kb/builtin/gen themes.toml kb/builtin/builtin_gen.go
package main

import (
	"fmt"
	"os"

	"envcoop/kb/builtin/internal/snapshot"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen THEMES.TOML OUTPUT.go")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	k, err := snapshot.Load(data)
	if err != nil {
		return err
	}
	src, err := snapshot.Generate(k)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
