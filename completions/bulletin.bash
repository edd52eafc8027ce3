# bash completion for bulletin-parse, bulletin-validate and bulletin-diff.
#
# Installed once per tool under bash-completion/completions/. Options and
# their choices are read from the tool's own --help (CLI11 prints choices as
# `TEXT:{a,b,c}`), so the completion follows the tools without edits here.

_bulletin_help_cache=()

_bulletin() {
  local cur prev words cword
  _init_completion -n = || return

  local tool=$1 help
  # --help costs a process start; remember it per tool for the shell's life.
  local key=${tool//[^A-Za-z0-9_]/_}
  eval "help=\${_bulletin_help_$key-}"
  if [[ -z $help ]]; then
    help=$("$tool" --help 2>/dev/null) || return
    printf -v "_bulletin_help_$key" '%s' "$help"
  fi

  if [[ $prev == -* ]]; then
    # The help line of the option just typed: `  -f,--format TEXT:{json,jsonl}=json`.
    local line choices
    line=$(awk -v opt="$prev" '/^  -/ {
      n = split($1, names, ",")
      for (i = 1; i <= n; i++) if (names[i] == opt) { print; exit }
    }' <<<"$help")
    if [[ $line =~ :\{([^}]*)\} ]]; then
      choices=${BASH_REMATCH[1]//,/ }
      mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
      return
    fi
    case $prev in
      -s | --schema | --aliases | --units | -o | --output)
        _filedir
        return
        ;;
    esac
    # An option that takes a value (TEXT, UINT, FLOAT …) but no fixed choices.
    if [[ -n $line && $line =~ ^\ +[^\ ]+\ +[A-Z] ]]; then
      return
    fi
  fi

  if [[ $cur == -* ]]; then
    local options
    # Option lines start with two spaces and a dash; descriptions and the
    # examples below them mention options too, but are not offers.
    options=$(awk '/^  -/ { gsub(",", " ", $1); print $1 }' <<<"$help")
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return
  fi
  _filedir
}

complete -F _bulletin bulletin-parse bulletin-validate bulletin-diff
