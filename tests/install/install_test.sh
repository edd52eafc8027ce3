#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then everything a user does with
# it: run the tools, read the man pages, build a program against the library
# with find_package(bulletin) and with pkg-config.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$(realpath "$1") src=$(realpath "$2") version=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/install/common.sh
source "$src/tests/install/common.sh"

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
note "installed into $prefix"
check_tree "$prefix" "$version" "$src"
note "tree, headers and tools ok"

# The completion offers options and the choices of an option from --help.
# bash-completion's helpers are stubbed when it is not installed.
completion=$(
  PATH=$prefix/bin:$PATH bash -c '
    if [[ -f /usr/share/bash-completion/bash_completion ]]; then
      source /usr/share/bash-completion/bash_completion
    else
      _init_completion() { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; }
      _filedir() { COMPREPLY=(); }
    fi
    source "$1/share/bash-completion/completions/bulletin-parse"
    COMP_WORDS=(bulletin-parse --input-format ""); COMP_CWORD=2; COMP_LINE="bulletin-parse --input-format "; COMP_POINT=${#COMP_LINE}
    _bulletin bulletin-parse; echo "${COMPREPLY[*]}"
    COMP_WORDS=(bulletin-diff --fail-o); COMP_CWORD=1; COMP_LINE="bulletin-diff --fail-o"; COMP_POINT=${#COMP_LINE}
    _bulletin bulletin-diff; echo "${COMPREPLY[*]}"' _ "$prefix")
[[ $completion == *"text jsonl"*"--fail-on --fail-on-drop"* ]] || fail "completion offered: $completion"
note "bash completion ok"

build_consumers "$prefix" "$version" "$src" "$work"
note "CMake and pkg-config consumers ok"
echo "install test passed"
