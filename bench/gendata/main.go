// Command gendata writes a deterministic knowledge base of N agreements to
// stdout, for bench/compare.sh:
//
//	go run ./bench/gendata 10000 > kb.toml                     generated, small records
//	go run ./bench/gendata -clone themes.toml 10000 > kb.toml  cloned from real records
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"envcoop/bench/gen"
	"envcoop/kb"
)

func main() {
	from := flag.String("clone", "", "clone the agreements of this TOML file instead of generating small ones")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gendata [-clone FILE] N")
		os.Exit(2)
	}
	n, err := strconv.Atoi(flag.Arg(0))
	if err != nil || n < 0 {
		fmt.Fprintln(os.Stderr, "gendata: N must be a number of agreements")
		os.Exit(2)
	}
	out := []byte(nil)
	if *from == "" {
		out = gen.TOML(n)
	} else {
		data, err := os.ReadFile(*from)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gendata:", err)
			os.Exit(1)
		}
		k, _, err := kb.Load([]kb.Input{{Name: *from, Data: data}}, kb.LoadOptions{})
		if err != nil {
			fmt.Fprintln(os.Stderr, "gendata:", err)
			os.Exit(1)
		}
		out = clone(k, n)
	}
	if _, err := os.Stdout.Write(out); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}

// clone returns a knowledge base of n agreements cloned from k's, each the
// size of a real record: round r of the copies gives every id, and every
// parent, the suffix "-r", and drops aliases (they would clash). k's themes,
// crises and SDGs are kept as they are.
func clone(k *kb.KB, n int) []byte {
	out := &kb.KB{Themes: k.Themes, Crises: k.Crises, SDGs: k.SDGs}
	for i := 0; i < n && len(k.Agreements) > 0; i++ {
		a := k.Agreements[i%len(k.Agreements)]
		suffix := fmt.Sprintf("-%d", i/len(k.Agreements))
		a.ID += suffix
		if a.Parent != "" {
			a.Parent += suffix
		}
		a.Aliases = nil
		out.Agreements = append(out.Agreements, a)
	}
	return kb.EncodeTOML(out)
}
