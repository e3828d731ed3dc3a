// Command envcoop is a command-line knowledge base of the European Union's
// international environmental cooperation. See README.md.
package main

import (
	_ "embed"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"envcoop/commands"
	"envcoop/kb/builtin"
)

//go:embed themes.toml
var themesTOML []byte

func main() {
	// A closed pipe (envcoop export | head -1) becomes a write error that
	// commands handles quietly, instead of a SIGPIPE death.
	signal.Ignore(syscall.SIGPIPE)
	// envcoop is short-lived and its heap is mostly the data it loaded:
	// collecting less often makes large data sets load about twice as
	// fast, for a few MB more (see README, Performance). GOGC still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(commands.Run(commands.Env{
		Args:     os.Args,
		Stdin:    os.Stdin,
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Getenv:   os.Getenv,
		Embedded: themesTOML,
		Builtin:  builtin.KB,
		Now:      time.Now(),
	}))
}
