// Command gendata writes a deterministic knowledge base of N agreements to
// stdout, for bench/compare.sh: go run ./bench/gendata 10000 > kb.toml
package main

import (
	"fmt"
	"os"
	"strconv"

	"envcoop/bench/gen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendata N")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || n < 0 {
		fmt.Fprintln(os.Stderr, "gendata: N must be a number of agreements")
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(gen.TOML(n)); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}
