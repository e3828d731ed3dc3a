package commands

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// normalizeArgs lets flags come before or after positional arguments, which
// urfave/cli v2 does not: it moves every flag of the command (and global
// flags given after the command) ahead of the positional arguments, and
// puts "--" before the positionals so that none is read as a flag. An
// unknown command is a usage error, with a suggestion only when one is close.
func normalizeArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) == 0 || args[len(args)-1] == "--generate-bash-completion" {
		return args, nil
	}
	global := flagArity(app.Flags)
	var before []string
	i := 1
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" || !isFlag(a) {
			break
		}
		before = append(before, a)
		if takesValue(global, a) && i+1 < len(args) {
			i++
			before = append(before, args[i])
		}
	}
	if i < len(args) && args[i] == "--" {
		i++
	}
	if i >= len(args) {
		return append([]string{args[0]}, before...), nil
	}
	name := args[i]
	cmd := findCommand(app, name)
	if cmd == nil {
		var names []string
		for _, c := range app.Commands {
			if !c.Hidden {
				names = append(names, c.Names()...)
			}
		}
		msg := "unknown command %q%s\nrun 'envcoop --help' for the list of commands"
		return nil, usageErrorf(msg, name, didYouMean(name, names))
	}
	if len(cmd.Subcommands) > 0 || cmd.Name == "help" {
		return append(append(append([]string{args[0]}, before...), name), args[i+1:]...), nil
	}
	local := flagArity(cmd.Flags)
	var flags, positional []string
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		if a == "--" {
			positional = append(positional, rest[j+1:]...)
			break
		}
		if !isFlag(a) {
			positional = append(positional, a)
			continue
		}
		n := flagName(a)
		_, isGlobal := global[n]
		_, isLocal := local[n]
		dst := &flags
		if isGlobal && !isLocal {
			dst = &before
		}
		*dst = append(*dst, a)
		if (isLocal && takesValue(local, a)) || (!isLocal && isGlobal && takesValue(global, a)) {
			if j+1 < len(rest) {
				j++
				*dst = append(*dst, rest[j])
			}
		}
	}
	out := append([]string{args[0]}, before...)
	out = append(out, name)
	out = append(out, flags...)
	if len(positional) > 0 {
		out = append(out, "--")
		out = append(out, positional...)
	}
	return out, nil
}

func findCommand(app *cli.App, name string) *cli.Command {
	for _, c := range app.Commands {
		if slices.Contains(c.Names(), name) {
			return c
		}
	}
	if name == "help" || name == "h" {
		return &cli.Command{Name: "help"}
	}
	return nil
}

func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' }

func flagName(a string) string {
	n := strings.TrimLeft(a, "-")
	if k, _, ok := strings.Cut(n, "="); ok {
		return k
	}
	return n
}

// flagArity maps every flag name to whether it takes a value.
func flagArity(flags []cli.Flag) map[string]bool {
	m := map[string]bool{}
	for _, f := range flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			m[n] = !isBool
		}
	}
	return m
}

func takesValue(arity map[string]bool, a string) bool {
	if strings.Contains(a, "=") {
		return false
	}
	return arity[flagName(a)]
}

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
