package commands

import (
	"io"

	"github.com/urfave/cli/v2"
)

func newCompletionCmd(s *state) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: `Examples:
source <(envcoop completion bash)                         in ~/.bashrc
envcoop completion zsh > "${fpath[1]}/_envcoop"           then restart zsh
envcoop completion fish > ~/.config/fish/completions/envcoop.fish

Commands, flags, the values of flags that take a fixed set (--format,
--kind, --crisis, --theme, --sdg, --type, --status, --eu-status, --fields,
--sort, including the items of a comma-separated list), the ids and
aliases of records (show) and file names where a path is taken complete.
The scripts ask envcoop itself, so they follow the data (--data, --add).`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("completion needs one shell: bash, zsh or fish")
			}
			shell, err := shellSet().check("shell", c.Args().First())
			if err != nil {
				return err
			}
			_, err = io.WriteString(s.env.Stdout, map[string]string{"bash": bashCompletion, "zsh": zshCompletion, "fish": fishCompletion}[shell])
			return err
		},
	}
}

// The scripts send envcoop the words typed so far, the word being typed and
// completeFlag; envcoop answers (see complete). They know nothing of the
// commands: everything that completes comes from envcoop's definitions.

const bashCompletion = `# bash completion for envcoop
_envcoop() {
  local cur=${COMP_WORDS[COMP_CWORD]} line IFS=$'\n'
  local out=($("${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" --generate-bash-completion 2>/dev/null))
  COMPREPLY=()
  if [[ ${out[0]} == :files ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
    return 0
  fi
  for line in "${out[@]}"; do
    line=${line%%$'\t'*}
    COMPREPLY+=("${line// /\\ }")
  done
  return 0
}
complete -F _envcoop envcoop
`

const zshCompletion = `#compdef envcoop
_envcoop() {
  local -a lines vals descs
  local line
  lines=("${(@f)$(${words[1]} "${(@Q)words[2,CURRENT-1]}" "${(Q)words[CURRENT]}" --generate-bash-completion 2>/dev/null)}")
  if [[ ${lines[1]} == :files ]]; then
    _files
    return
  fi
  for line in $lines; do
    [[ -z $line ]] && continue
    vals+=("${line%%$'\t'*}")
    if [[ $line == *$'\t'* ]]; then
      descs+=("${line%%$'\t'*}  -- ${line#*$'\t'}")
    else
      descs+=("$line")
    fi
  done
  compadd -l -d descs -a vals
}
if [[ $funcstack[1] == _envcoop ]]; then
  _envcoop "$@"
else
  compdef _envcoop envcoop
fi
`

const fishCompletion = `# fish completion for envcoop
function __envcoop_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l out ($words[1] $words[2..-1] $cur --generate-bash-completion 2>/dev/null)
    if test "$out[1]" = :files
        __fish_complete_path $cur
        return
    end
    printf '%s\n' $out
end
complete -c envcoop -f -a '(__envcoop_complete)'
`
