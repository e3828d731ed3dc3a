// Package commands is envcoop's command line: it turns arguments and flags
// into calls to package kb and renders the results.
package commands

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"envcoop/kb"
	"envcoop/render"

	"github.com/urfave/cli/v2"
)

// Exit codes of the whole tool.
const (
	ExitOK       = 0
	ExitError    = 1 // runtime or I/O error
	ExitUsage    = 2 // bad command line
	ExitData     = 3 // invalid data
	ExitNotFound = 4 // show: no such record
)

// Env is everything the process hands to the command line. main fills it
// from the operating system; tests fill it by hand.
type Env struct {
	Args     []string
	Stdin    io.Reader
	Stdout   io.Writer
	Stderr   io.Writer
	Getenv   func(string) string
	Embedded []byte // the built-in themes.toml
	// Builtin, when set, returns the built-in knowledge base already
	// decoded and validated (a snapshot of Embedded), so that a run on the
	// built-in data alone decodes no TOML.
	Builtin func() *kb.KB
	Now     time.Time // today, for as_of checks
	Version string    // the module version, from build info
	// Signals, when set, starts delivering the signals that end the
	// process (SIGINT, SIGTERM, SIGHUP) and returns their channel; Run then
	// removes its temporary files and calls Exit with 128 plus the signal's
	// number. Run calls it only once there is something to remove.
	Signals func() <-chan os.Signal
	Exit    func(code int)
	// Program identifies the running binary for the cache; nil hashes the
	// executable.
	Program func() ([]byte, error)
}

// exitError carries an exit code through urfave/cli, which only looks for
// its own ExitCoder by type assertion.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

func didYouMean(s string, candidates []string) string {
	if c := kb.Closest(s, candidates); len(c) > 0 {
		return fmt.Sprintf(" (did you mean %q?)", c[0])
	}
	return ""
}

// Run runs one command line and returns the process's exit code. Errors are
// printed here, once, to Stderr.
func Run(env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	// envcoop is short-lived and its heap is mostly the data it loaded:
	// collecting less often makes the built-in data and cached files load
	// faster, for a few MB more (see README, Performance). GOGC still wins;
	// decoding a large file sets Go's default back (state.load).
	if env.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	// every write to stdout is checked, urfave/cli's help included
	out := &checkedWriter{w: env.Stdout}
	s := &state{env: env, stdout: env.Stdout}
	s.env.Stdout = out
	stop := s.handleSignals()
	defer stop()
	app := newApp(s)
	var err error
	if n := len(env.Args); n > 1 && env.Args[n-1] == completeFlag {
		err = s.complete(app, env.Args[1:n-1])
	} else {
		args := interspersed(app, env.Args)
		onlyCommand(app, args)
		err = app.Run(args)
	}
	s.cache.Wait()
	if err == nil && out.err != nil {
		err = out.err
	}
	if err == nil {
		return ExitOK
	}
	code := exitCode(err)
	if isBrokenPipe(err) {
		return ExitOK
	}
	s.printError(err)
	return code
}

func exitCode(err error) int {
	var ee *exitError
	var nf *kb.NotFoundError
	var se *kb.SyntaxError
	var ps kb.Problems
	var ce cli.ExitCoder
	switch {
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ce):
		return ExitUsage // urfave/cli's own: "No help topic for 'x'"
	case errors.As(err, &nf):
		return ExitNotFound
	case errors.As(err, &se), errors.As(err, &ps):
		return ExitData
	}
	return ExitError
}

func (s *state) printError(err error) {
	var ps kb.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintln(s.env.Stderr, render.Terminal(p.String(), false))
		}
		n := len(ps.Errors())
		fmt.Fprintf(s.env.Stderr, "envcoop: %d %s in the data\n", n, plural(n, "problem", "problems"))
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() { // show's missing ids, one by one
			s.printError(e)
		}
		return
	}
	msg := render.Terminal(err.Error(), true)
	fmt.Fprintln(s.env.Stderr, "envcoop: "+msg)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// state is shared by the commands of one run: the environment and the
// knowledge base, loaded at most once.
type state struct {
	env      Env
	stdout   io.Writer // the process's stdout itself, to ask if it is a terminal
	loaded   *kb.KB
	problems kb.Problems
	ins      []kb.Input // the inputs as read, once
	// set from the global flags
	data      []string
	add       []string
	noCache   bool
	colorMode string // --color: auto, always or never
	noPager   bool
	// cache is the cache the run used, if any
	cache *kb.Cache
	// temps are temporary files a signal must remove
	temps tempFiles
}

// today is the date validation compares as_of with. ENVCOOP_TODAY
// (YYYY-MM-DD) pins it, so that tests and reproducible builds do not
// depend on the clock.
func (s *state) today() kb.Date {
	if v := s.env.Getenv("ENVCOOP_TODAY"); v != "" {
		if d, err := kb.ParseDate(v); err == nil && len(d) == 10 {
			return d
		}
	}
	now := s.env.Now
	if now.IsZero() {
		now = time.Now()
	}
	return kb.Date(now.Format("2006-01-02"))
}

// sources lists the data sources, unread: the embedded data unless
// --data or ENVCOOP_DATA replaces it, then every --add.
func (s *state) sources() ([]kb.Input, error) {
	data := s.data
	if len(data) == 0 {
		if v := s.env.Getenv("ENVCOOP_DATA"); v != "" {
			data = strings.Split(v, string(os.PathListSeparator))
		}
	}
	var out []kb.Input
	if len(data) == 0 {
		out = append(out, kb.Input{Name: embeddedName, Data: s.env.Embedded})
	}
	for _, p := range append(append([]string{}, data...), s.add...) {
		ins, err := kb.ListPath(p)
		if err != nil {
			return nil, err
		}
		out = append(out, ins...)
	}
	return out, nil
}

// inputs reads the data sources, each exactly once: later steps (hashing,
// decoding, refusing to overwrite an input) use these bytes and the
// identity of the file they were read from.
func (s *state) inputs() ([]kb.Input, error) {
	if s.ins != nil {
		return s.ins, nil
	}
	maxBytes, err := s.maxBytes()
	if err != nil {
		return nil, err
	}
	ins, err := s.sources()
	if err != nil {
		return nil, err
	}
	for i, in := range ins {
		if in.Data == nil {
			if ins[i], err = kb.ReadInput(in, s.env.Stdin, maxBytes); err != nil {
				return nil, err
			}
		}
	}
	s.ins = ins
	return ins, nil
}

// maxBytes is the size limit of one data file, from ENVCOOP_MAX_FILE_SIZE.
func (s *state) maxBytes() (int64, error) {
	v := s.env.Getenv("ENVCOOP_MAX_FILE_SIZE")
	if v == "" {
		return kb.DefaultMaxBytes, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, usageErrorf("ENVCOOP_MAX_FILE_SIZE: %q is not a positive number of bytes", v)
	}
	return n, nil
}

// largeDecode is the amount of TOML above which decoding uses Go's default
// garbage collection setting.
const largeDecode = 16 << 20

// embeddedName names the built-in data in messages.
const embeddedName = "themes.toml (built in)"

// builtinOnly reports whether the run uses the built-in data alone.
func (s *state) builtinOnly() bool {
	return len(s.data) == 0 && len(s.add) == 0 && s.env.Getenv("ENVCOOP_DATA") == ""
}

// kb loads and validates the knowledge base once per run.
func (s *state) kb() (*kb.KB, error) {
	k, _, err := s.load(false)
	return k, err
}

// load is kb that also returns the warnings. With check, the built-in data
// is decoded and validated instead of taken from its snapshot.
func (s *state) load(check bool) (*kb.KB, kb.Problems, error) {
	if s.loaded != nil {
		return s.loaded, s.problems, nil
	}
	if _, err := s.maxBytes(); err != nil {
		return nil, nil, err
	}
	if !check && s.env.Builtin != nil && s.builtinOnly() {
		s.loaded = s.env.Builtin()
		return s.loaded, nil, nil
	}
	ins, err := s.inputs()
	if err != nil {
		return nil, nil, err
	}
	s.cache = s.newCache()
	if s.cache != nil && slices.ContainsFunc(ins, func(in kb.Input) bool { return len(in.Data) >= kb.CacheMinBytes }) {
		s.temps.guard() // an entry or a marker may be written
	}
	// Decoding a large TOML file makes a heap a few times its size, where
	// Go's default collects better than Run's setting; records read back
	// from the cache make little garbage, and the setting stays.
	decoding := 0
	gc := func(size int) {
		if decoding += size; decoding > largeDecode && s.env.Getenv("GOGC") == "" {
			debug.SetGCPercent(100)
		}
	}
	// validate reports warnings, so it always validates; other commands
	// may trust a marker the cache keeps for these exact inputs
	k, ps, err := kb.Load(ins, kb.LoadOptions{Today: s.today(), Cache: s.cache, Trust: !check, Decoding: gc})
	if err != nil {
		return nil, ps, err
	}
	s.loaded, s.problems = k, ps
	return k, ps, nil
}

func newApp(s *state) *cli.App {
	app := &cli.App{
		Name:      "envcoop",
		Usage:     "the EU's international environmental cooperation, from the command line",
		UsageText: "envcoop [--data PATH]... [--add PATH]... command [options] [arguments...]",
		Description: `Examples:
envcoop list                              themes, with their crises and agreements
envcoop show plastics                     everything about one theme or agreement
envcoop filter --crisis pollution         agreements that address pollution
envcoop search mercury                    search every record
envcoop timeline --theme plastics --from 2022
envcoop upcoming --days 90                what comes next
envcoop tree montreal                     how instruments hang together
envcoop export --format csv --kind agreements -o agreements.csv

Data: the knowledge base is built in. --data PATH (or ENVCOOP_DATA, a list
separated by ':') replaces it with your own TOML files or directories; --add
PATH adds your files to it. PATH "-" reads standard input.

Exit status: 0 ok, 1 runtime or I/O error, 2 usage error, 3 invalid data,
4 not found (show, tree).`,
		HideVersion:           true,
		CustomAppHelpTemplate: appHelpTemplate,
		Writer:                s.env.Stdout,
		ErrWriter:             s.env.Stderr,
		Reader:                s.env.Stdin,
		ExitErrHandler:        func(*cli.Context, error) {},
		OnUsageError:          s.onUsageError,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "data", Usage: "replace the built-in data with `PATH` (file, directory or -); repeatable", TakesFile: true},
			&cli.StringSliceFlag{Name: "add", Usage: "add the records in `PATH` to the data; repeatable", TakesFile: true},
			&cli.BoolFlag{Name: "no-cache", Usage: "do not read or write the cache of decoded data files and validation markers (also: ENVCOOP_NO_CACHE)"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour on a terminal: `WHEN` auto, always or never (NO_COLOR turns auto off)"},
			&cli.BoolFlag{Name: "no-pager", Usage: "never page output, even when longer than the screen"},
			&cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "print the version, the revision it was built from, the data's date and record counts"},
		},
		Before: func(c *cli.Context) error {
			s.data = c.StringSlice("data")
			s.add = c.StringSlice("add")
			s.noCache = c.Bool("no-cache")
			s.noPager = c.Bool("no-pager")
			s.colorMode = c.String("color")
			switch s.colorMode {
			case "auto", "always", "never":
			default:
				return usageErrorf("--color: unknown value %q\nvalid values: auto, always, never", s.colorMode)
			}
			return nil
		},
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				return runVersion(s)
			}
			if c.NArg() > 0 {
				return unknownCommand(c.App, c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
		Commands: []*cli.Command{
			newListCmd(s), newShowCmd(s), newFilterCmd(s), newSearchCmd(s),
			newTimelineCmd(s), newUpcomingCmd(s), newTreeCmd(s), newStatsCmd(s),
			newExportCmd(s), newValidateCmd(s), newSchemaCmd(s), newSiteCmd(s), newCompletionCmd(s), newManCmd(s),
		},
	}
	quietDefaults(app.Flags)
	fastNames(app.Flags)
	for _, c := range app.Commands {
		c.OnUsageError = s.onUsageError
		c.HideHelpCommand = true // 'envcoop help list' and 'list --help' are enough
		if c.CustomHelpTemplate == "" {
			c.CustomHelpTemplate = commandHelpTemplate
		}
		quietDefaults(c.Flags)
		fastNames(c.Flags)
	}
	return app
}

// quietDefaults keeps "(default: false)" out of the help of boolean flags:
// a flag that is off unless given needs no default.
func quietDefaults(flags []cli.Flag) {
	for _, f := range flags {
		if b, ok := f.(*cli.BoolFlag); ok {
			b.DisableDefaultText = true
		}
	}
}

func unknownCommand(app *cli.App, name string) error {
	var names []string
	for _, c := range app.VisibleCommands() {
		names = append(names, c.Names()...)
	}
	return usageErrorf("unknown command %q%s\nrun '%s --help' for the list of commands", name, didYouMean(name, names), app.Name)
}

// appHelpTemplate puts the examples (the description) before the usage.
const appHelpTemplate = `NAME:
   {{template "helpNameTemplate" .}}

{{template "descriptionTemplate" .}}

USAGE:
   {{wrap .UsageText 3}}

COMMANDS:{{template "visibleCommandCategoryTemplate" .}}

GLOBAL OPTIONS:{{template "visibleFlagTemplate" .}}
`

// commandHelpTemplate puts the examples (the description) before the usage.
const commandHelpTemplate = `NAME:
   {{template "helpNameTemplate" .}}{{if .Description}}

{{template "descriptionTemplate" .}}{{end}}

USAGE:
   {{template "usageTemplate" .}}{{if .VisibleFlagCategories}}

OPTIONS:{{template "visibleFlagCategoryTemplate" .}}{{else if .VisibleFlags}}

OPTIONS:{{template "visibleFlagTemplate" .}}{{end}}
`

// onUsageError turns urfave/cli's flag errors into messages that quote
// what was typed and name the program once.
func (s *state) onUsageError(c *cli.Context, err error, _ bool) error {
	name := c.App.Name
	flags := c.App.Flags
	if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name {
		name += " " + c.Command.Name
		flags = append(slices.Clone(c.Command.Flags), c.App.Flags...)
	}
	return usageErrorf("%s\nrun '%s --help' for usage", s.flagError(err, flags), name)
}

// flagError rewrites the errors of Go's flag package, which name a flag as
// "-limit" whatever was typed.
func (s *state) flagError(err error, flags []cli.Flag) string {
	msg := err.Error()
	if bad, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		for _, f := range flags {
			for _, n := range f.Names() {
				if len(n) > 1 {
					names = append(names, n)
				}
			}
		}
		msg = "unknown flag " + s.typedFlag(bad)
		if m := kb.Closest(bad, names); len(m) > 0 {
			msg += fmt.Sprintf(" (did you mean --%s?)", m[0])
		}
		return msg
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return s.typedFlag(name) + " needs a value"
	}
	var value, name string
	if _, e := fmt.Sscanf(msg, "invalid value %q for flag -%s", &value, &name); e == nil {
		return fmt.Sprintf("%s %s: not a whole number", s.typedFlag(strings.TrimSuffix(name, ":")), value)
	}
	if _, e := fmt.Sscanf(msg, "invalid boolean value %q for -%s", &value, &name); e == nil {
		return fmt.Sprintf("%s=%s: not true or false", s.typedFlag(strings.TrimSuffix(name, ":")), value)
	}
	return msg
}

// typedFlag is the flag called name as it was typed on the command line
// ("-x", "--limit"), for messages.
func (s *state) typedFlag(name string) string {
	for _, a := range s.env.Args[1:] {
		if a == "--" {
			break
		}
		if isFlag(a) && flagName(a) == name {
			n, _, _ := strings.Cut(a, "=")
			return n
		}
	}
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}
