// Package builtin holds the built-in knowledge base as a Go value, generated
// from themes.toml, so that envcoop starts without decoding TOML.
//
// builtin_gen.go is written by 'go generate ./kb/builtin' (the program in
// gen/), and a test fails when it is stale against themes.toml. The data it
// holds was validated when it was generated.
package builtin

//go:generate go run ./gen ../../themes.toml builtin_gen.go

import "envcoop/kb"

// KB returns the built-in knowledge base. Callers must not modify it.
func KB() *kb.KB {
	k := snapshot
	return &k
}
