// Command envcoop is a command-line knowledge base of the European Union's
// international environmental cooperation. See README.md.
package main

import (
	_ "embed"
	"os"
	"os/signal"
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
	os.Exit(commands.Run(commands.Env{
		Args:     os.Args,
		Stdin:    os.Stdin,
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Getenv:   os.Getenv,
		Embedded: themesTOML,
		Builtin:  builtin.KB,
		Now:      time.Now(),
		Signals:  notify,
		Exit:     os.Exit,
	}))
}

// notify catches the signals that end the process: commands removes its
// temporary files and exits with 128 + the signal's number.
func notify() <-chan os.Signal {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	return sigs
}
