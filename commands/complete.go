package commands

import (
	"fmt"
	"slices"
	"strings"

	"envcoop/kb"
	"envcoop/render"

	"github.com/urfave/cli/v2"
)

// completeFlag ends the command lines the completion scripts send: the
// words typed so far, the word being typed (maybe empty), then this flag.
// envcoop prints the candidates for that word instead of running the
// command: one a line, "value<TAB>what it is", or the single line
// completeFiles where file names complete. The flag is urfave/cli v2's.
const completeFlag = "--generate-bash-completion"

// completeFiles asks the shell to complete file names.
const completeFiles = ":files"

// complete prints the candidates for the last of words. What completes is
// read from the command definitions: command names, the flags of the
// command (and the global ones), the closed set of a flag's values
// (valueSet), file names for flags that take a file, and for arguments what
// the command's ArgsUsage names ("bash|zsh|fish", "ID|ALIAS...", "[PATH...]").
func (s *state) complete(app *cli.App, words []string) error {
	cur := ""
	if len(words) > 0 {
		cur, words = words[len(words)-1], words[:len(words)-1]
	}
	var cmd *cli.Command
	given := map[string][]string{}
	var args []string
	var pending cli.Flag // a flag whose value is the next word
	dashdash := false
	for _, w := range words {
		switch {
		case pending != nil:
			given[pending.Names()[0]] = append(given[pending.Names()[0]], w)
			pending = nil
		case w == "--" && !dashdash:
			dashdash = true
		case isFlag(w) && !dashdash:
			f := findFlag(app, cmd, flagName(w))
			if f == nil {
				continue
			}
			_, value, hasValue := strings.Cut(w, "=")
			switch {
			case hasValue:
				given[f.Names()[0]] = append(given[f.Names()[0]], value)
			case takesValue(f):
				pending = f
			default:
				given[f.Names()[0]] = append(given[f.Names()[0]], "true")
			}
		case cmd == nil:
			if cmd = app.Command(w); cmd == nil {
				if w != "help" && w != "h" {
					return nil // an unknown command completes nothing
				}
				cmd = &cli.Command{Name: "help", ArgsUsage: "COMMAND"}
			}
		default:
			args = append(args, w)
		}
	}
	s.data, s.add = given["data"], given["add"]
	out := s.env.Stdout
	var cands closedSet
	files := false
	prefix := ""
	switch {
	case pending != nil:
		cands, files = s.valueSet(pending, cmd, given, args)
	case isFlag(cur) && !dashdash:
		if name, _, ok := strings.Cut(cur, "="); ok {
			f := findFlag(app, cmd, flagName(name))
			if f == nil || !takesValue(f) {
				return nil
			}
			prefix = name + "="
			cands, files = s.valueSet(f, cmd, given, args)
			break // files: the shells complete what follows "="
		}
		cands = flagChoices(app, cmd, given)
	case cmd == nil:
		for _, c := range app.VisibleCommands() {
			cands = append(cands, choice{value: c.Name, about: c.Usage})
		}
	default:
		cands, files = s.argSet(app, cmd, args)
	}
	if files {
		_, err := fmt.Fprintln(out, completeFiles)
		return err
	}
	// a comma-separated list completes its last item
	head := prefix
	word := strings.TrimPrefix(cur, prefix)
	if pending != nil && commaList(pending) || prefix != "" && commaList(findFlag(app, cmd, flagName(prefix))) {
		if i := strings.LastIndex(word, ","); i >= 0 {
			head, word = head+word[:i+1], word[i+1:]
		}
	}
	desc := pending != nil && pending.Names()[0] == "sort" && strings.HasPrefix(word, "-")
	if desc {
		head, word = head+"-", word[1:]
	}
	var b strings.Builder
	seen := map[string]bool{}
	for _, c := range cands {
		words := []string{c.value}
		if word != "" { // aliases only once something is typed: the list stays short
			words = append(words, c.aliases...)
		}
		for _, w := range words {
			if seen[w] || !strings.HasPrefix(kb.Fold(w), kb.Fold(word)) {
				continue
			}
			seen[w] = true
			b.WriteString(head + w)
			if about := oneLine(c.about); about != "" {
				b.WriteString("\t" + about)
			}
			b.WriteByte('\n')
		}
	}
	_, err := fmt.Fprint(out, b.String())
	return err
}

// commaList reports whether a flag takes comma-separated values.
func commaList(f cli.Flag) bool {
	_, ok := unwrap(f).(*cli.StringSliceFlag)
	return ok
}

func oneLine(s string) string { return render.Terminal(strings.Join(strings.Fields(s), " "), false) }

// findFlag finds a flag of the command, or a global one.
func findFlag(app *cli.App, cmd *cli.Command, name string) cli.Flag {
	var flags []cli.Flag
	if cmd != nil {
		flags = cmd.Flags
	}
	for _, f := range append(slices.Clone(flags), app.Flags...) {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}

func takesValue(f cli.Flag) bool {
	_, isBool := unwrap(f).(*cli.BoolFlag)
	return !isBool
}

// flagChoices are the flags that may still be given: every flag of the
// command and the global ones, and --help, but not a single-valued flag
// already given.
func flagChoices(app *cli.App, cmd *cli.Command, given map[string][]string) closedSet {
	var flags []cli.Flag
	if cmd != nil && cmd.Name != "help" {
		flags = cmd.Flags
	}
	var cs closedSet
	for _, f := range append(append(slices.Clone(flags), app.Flags...), cli.HelpFlag) {
		if len(given[f.Names()[0]]) > 0 && !commaList(f) {
			continue
		}
		if v, ok := f.(cli.VisibleFlag); ok && !v.IsVisible() {
			continue
		}
		about := ""
		if d, ok := f.(cli.DocGenerationFlag); ok {
			about = strings.ReplaceAll(d.GetUsage(), "`", "") // "output `FORMAT`" reads "output FORMAT"
		}
		for _, n := range f.Names() {
			if len(n) > 1 {
				cs = append(cs, choice{value: "--" + n, about: about})
			}
		}
	}
	return cs
}

// valueSet is what a flag's value completes to: its closed set, or file
// names (files) for a flag that takes a file.
func (s *state) valueSet(f cli.Flag, cmd *cli.Command, given map[string][]string, args []string) (cs closedSet, files bool) {
	switch t := unwrap(f).(type) {
	case *cli.StringFlag:
		files = t.TakesFile
	case *cli.StringSliceFlag:
		files = t.TakesFile
	}
	if files {
		return nil, true
	}
	k := func() *kb.KB {
		k, err := s.kb()
		if err != nil {
			return &kb.KB{}
		}
		return k
	}
	switch name := f.Names()[0]; name {
	case "format":
		var extra []string
		if cmd != nil && cmd.Name == "export" {
			extra = []string{formatTOML}
		}
		if cmd != nil && cmd.Name == "tree" {
			extra = treeFormats
		}
		return formatSet(extra...), false
	case "kind":
		return kindSet(), false
	case "crisis":
		return crisisSet(k()), false
	case "theme":
		return themeSet(k()), false
	case "sdg":
		return sdgSet(k()), false
	case "type":
		return plain(kb.Types()...), false
	case "status":
		return plain(kb.Statuses()...), false
	case "eu-status":
		return plain(kb.EUStatuses()...), false
	case "fields", "sort":
		return fieldsOf(cmd, given, args), false
	}
	return nil, false
}

// fieldsOf is what --fields and --sort of a command accept.
func fieldsOf(cmd *cli.Command, given map[string][]string, args []string) closedSet {
	all := []string{kb.KindTheme, kb.KindAgreement, kb.KindCrisis, kb.KindSDG}
	if cmd == nil {
		return nil
	}
	switch cmd.Name {
	case "search":
		return fieldSet(kb.KindHit)
	case "timeline":
		return fieldSet(kb.KindEvent)
	case "upcoming":
		return fieldSet(kb.KindUpcoming)
	case "tree":
		return fieldSet(kb.KindNode)
	case "list", "filter", "export":
		v := ""
		switch {
		case cmd.Name == "list" && len(args) > 0:
			v = args[0]
		case len(given["kind"]) > 0:
			v = given["kind"][len(given["kind"])-1]
		case cmd.Name == "list":
			v = "themes"
		case cmd.Name == "filter":
			v = "agreements"
		}
		if kind, err := parseKind("kind", v); err == nil {
			return fieldSet(kind)
		}
	}
	return fieldSet(all...)
}

// argSet is what the command's next argument completes to, as its
// ArgsUsage names it: alternatives ("bash|zsh|fish"), or a placeholder
// (ID: records, PATH: file names, COMMAND: commands; others: nothing).
// Only "..." takes more than one argument.
func (s *state) argSet(app *cli.App, cmd *cli.Command, args []string) (closedSet, bool) {
	usage := strings.Trim(cmd.ArgsUsage, "[]")
	if len(args) > 0 && !strings.HasSuffix(usage, "...") {
		return nil, false
	}
	alts := strings.Split(strings.TrimSuffix(usage, "..."), "|")
	switch alts[0] {
	case "ID":
		k, err := s.kb()
		if err != nil {
			return nil, false
		}
		if cmd.Name == "tree" { // agreements and themes
			return append(themeSet(k), agreementSet(k)...), false
		}
		return recordSet(k), false
	case "PATH", "FILE":
		return nil, true
	case "COMMAND":
		var cs closedSet
		for _, c := range app.VisibleCommands() {
			cs = append(cs, choice{value: c.Name, about: c.Usage})
		}
		return cs, false
	}
	if strings.ToLower(alts[0]) != alts[0] {
		return nil, false // a placeholder such as TERM: free text
	}
	return plain(alts...), false
}
