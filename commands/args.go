package commands

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// interspersed lets flags come after arguments, which urfave/cli v2 does
// not: it moves the flags given after the command's name ahead of its
// arguments (a global flag ahead of the command) and puts "--" before the
// arguments, so that none is taken for a flag. With a help flag the
// arguments are dropped: 'envcoop show paris -h' is show's help.
func interspersed(app *cli.App, args []string) []string {
	global := flagArity(app.Flags)
	i := commandAt(args, global)
	if i >= len(args) || app.Command(args[i]) == nil {
		return args // no command, or an unknown one the app reports
	}
	local := flagArity(append(slices.Clone(app.Command(args[i]).Flags), cli.HelpFlag))
	head := slices.Clone(args[:i])
	var flags, rest []string
	help := false
	for j := i + 1; j < len(args); j++ {
		a := args[j]
		if a == "--" {
			rest = append(rest, args[j+1:]...)
			break
		}
		if !isFlag(a) {
			rest = append(rest, a)
			continue
		}
		arity, dst := local, &flags
		if _, ok := local[flagName(a)]; !ok && global.has(a) {
			arity, dst = global, &head
		}
		help = help || slices.Contains(cli.HelpFlag.Names(), flagName(a))
		*dst = append(*dst, a)
		if arity.takesValue(a) && j+1 < len(args) {
			j++
			*dst = append(*dst, args[j])
		}
	}
	out := append(append(head, args[i]), flags...)
	if len(rest) > 0 && !help {
		out = append(append(out, "--"), rest...)
	}
	return out
}

// commandAt is the index in args of the command's name: the first word
// after the global flags and their values (len(args) when there is none).
func commandAt(args []string, global arity) int {
	i := 1
	for i < len(args) && isFlag(args[i]) && args[i] != "--" {
		if global.takesValue(args[i]) {
			i++
		}
		i++
	}
	return i
}

// onlyCommand drops the flags of every command but the one args run.
// Before running any command, urfave/cli renders every flag of every
// command as help text (App.Setup, for help's categories): with a dozen
// commands that is a tenth of a run on the built-in data. Only help, man
// and completion show the flags of other commands, and they keep them all.
func onlyCommand(app *cli.App, args []string) {
	i := commandAt(args, flagArity(app.Flags))
	if i >= len(args) {
		return
	}
	run := app.Command(args[i])
	if run == nil || slices.Contains([]string{"help", "man", "completion"}, run.Name) {
		return
	}
	for _, c := range app.Commands {
		if c != run {
			c.Flags = nil
		}
	}
}

func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' }

func flagName(a string) string {
	n, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return n
}

// arity maps every name of some flags to whether the flag takes a value.
type arity map[string]bool

func flagArity(flags []cli.Flag) arity {
	m := arity{}
	for _, f := range flags {
		_, isBool := unwrap(f).(*cli.BoolFlag)
		for _, n := range flagNames(f) {
			m[n] = !isBool
		}
	}
	return m
}

func (m arity) has(a string) bool {
	_, ok := m[flagName(a)]
	return ok
}

// takesValue reports whether the flag a takes the next argument as its value.
func (m arity) takesValue(a string) bool { return !strings.Contains(a, "=") && m[flagName(a)] }

// splitValues splits repeated and comma-separated flag values, dropping blanks.
func splitValues(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
