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
  local IFS=$'\n' line w i n words=() split=""
  # bash splits --flag=value at "=" (it is in COMP_WORDBREAKS): join the
  # pieces back for envcoop, and offer bash only what follows "="
  for ((i = 1; i <= COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    n=${#words[@]}
    if ((n > 0)) && [[ $w == = && ${words[n-1]} == --* && ${words[n-1]} != *=* ]]; then
      words[n-1]+==
    elif ((n > 0)) && [[ ${COMP_WORDS[i-1]} == = && ${words[n-1]} == --*= ]]; then
      words[n-1]+=$w
    else
      words+=("$w")
    fi
  done
  n=${#words[@]}
  local cur=${words[n-1]}
  [[ $cur == --*=* && ${COMP_WORDS[COMP_CWORD]} != "$cur" ]] && split=${cur%%=*}=
  local out=($("${COMP_WORDS[0]}" "${words[@]:0:n-1}" "$cur" --generate-bash-completion 2>/dev/null))
  COMPREPLY=()
  if [[ ${out[0]} == :files ]]; then
    local keep=""
    [[ $cur == --*=* && -z $split ]] && keep=${cur%%=*}=
    [[ -z $keep ]] && compopt -o filenames 2>/dev/null
    for line in $(compgen -f -- "${cur#--*=}"); do
      COMPREPLY+=("$keep$line")
    done
    return 0
  fi
  for line in "${out[@]}"; do
    line=${line%%$'\t'*}
    line=${line#"$split"}
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
    compset -P '--*='  # --data=FILE: file names after "="
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
        # --data=FILE: file names after "="
        set -l flag (string match -r -- '^--[^=]*=' $cur)
        for path in (__fish_complete_path (string replace -r -- '^--[^=]*=' '' $cur))
            echo "$flag$path"
        end
        return
    end
    printf '%s\n' $out
end
complete -c envcoop -f -a '(__envcoop_complete)'
`
