package commands

import "github.com/urfave/cli/v2"

// Flags as urfave/cli sees them. A cli flag's Names method runs a regular
// expression over each of its names at every call, and cli calls it for
// every flag of the command each time it looks one up: IsSet does, and
// before every action runFlagActions calls IsSet for every flag. With the
// twenty flags of list or filter, that is hundreds of regular-expression
// replacements a run, a fifth of the time envcoop spends in its own code.
// newApp wraps every flag so that Names returns the names computed once;
// every other method is the wrapped flag's own. The wrappers are pointers,
// so that flags stay comparable (cli compares them). Code that needs a
// flag's type asks unwrap.

type boolFlag struct {
	*cli.BoolFlag
	names []string
}

type stringFlag struct {
	*cli.StringFlag
	names []string
}

type stringSliceFlag struct {
	*cli.StringSliceFlag
	names []string
}

type intFlag struct {
	*cli.IntFlag
	names []string
}

func (f *boolFlag) Names() []string        { return f.names }
func (f *stringFlag) Names() []string      { return f.names }
func (f *stringSliceFlag) Names() []string { return f.names }
func (f *intFlag) Names() []string         { return f.names }

// fastNames wraps each flag in flags, in place.
func fastNames(flags []cli.Flag) {
	for i, f := range flags {
		names := flagNames(f)
		switch t := f.(type) {
		case *cli.BoolFlag:
			flags[i] = &boolFlag{t, names}
		case *cli.StringFlag:
			flags[i] = &stringFlag{t, names}
		case *cli.StringSliceFlag:
			flags[i] = &stringSliceFlag{t, names}
		case *cli.IntFlag:
			flags[i] = &intFlag{t, names}
		}
	}
}

// unwrap returns the cli flag a flag of newApp wraps.
func unwrap(f cli.Flag) cli.Flag {
	switch t := f.(type) {
	case *boolFlag:
		return t.BoolFlag
	case *stringFlag:
		return t.StringFlag
	case *stringSliceFlag:
		return t.StringSliceFlag
	case *intFlag:
		return t.IntFlag
	}
	return f
}
