package commands

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

func newCompletionCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: `Examples:
source <(envcoop completion bash)
envcoop completion zsh > "${fpath[1]}/_envcoop"
envcoop completion fish > ~/.config/fish/completions/envcoop.fish

Commands, flags and the ids of themes, agreements, crises and SDGs complete.`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("completion needs one shell: bash, zsh or fish")
			}
			return runCompletion(s.env.Stdout, c.App, c.Args().First())
		},
	}
}

func runCompletion(w io.Writer, app *cli.App, shell string) error {
	var script string
	switch shell {
	case "bash":
		script = bashCompletion
	case "zsh":
		script = zshCompletion
	case "fish":
		var err error
		if script, err = app.ToFishCompletion(); err != nil {
			return err
		}
	default:
		valid := []string{"bash", "zsh", "fish"}
		return usageErrorf("unknown shell %q%s\nvalid shells: %s", shell, didYouMean(shell, valid), strings.Join(valid, ", "))
	}
	_, err := io.WriteString(w, script)
	return err
}

// completeIDs prints every id and alias for shell completion of show.
func completeIDs(s *state) func(*cli.Context) {
	return func(c *cli.Context) {
		k, err := s.kb()
		if err != nil {
			return
		}
		for _, t := range k.Themes {
			fmt.Fprintln(c.App.Writer, t.ID)
		}
		for _, a := range k.Agreements {
			fmt.Fprintln(c.App.Writer, a.ID)
		}
		for _, x := range k.Crises {
			fmt.Fprintln(c.App.Writer, x.ID)
		}
		for _, g := range k.SDGs {
			fmt.Fprintln(c.App.Writer, g.ID())
		}
	}
}

// The scripts call envcoop with --generate-bash-completion, which urfave/cli
// v2 answers (v3 renamed the flag; these are the v2 forms).
const bashCompletion = `# bash completion for envcoop
_envcoop_complete() {
  local cur words
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  words=("${COMP_WORDS[@]:0:$COMP_CWORD}")
  local opts
  if [[ "$cur" == "-"* ]]; then
    opts=$("${words[@]}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${words[@]}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
  return 0
}
complete -o bashdefault -o default -F _envcoop_complete envcoop
`

const zshCompletion = `#compdef envcoop

_envcoop() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}

compdef _envcoop envcoop
`
