#!/usr/bin/env bash
# The static-runtime tools (preset `static`) against the ci build: they load
# no C++ shared library, and they write the same bytes for every sample, in
# every output format, and for validate and diff.
# Usage: static_runtime_test.sh STATIC_BIN_DIR REFERENCE_BIN_DIR SOURCE_DIR
set -euo pipefail
static=$(realpath "$1") reference=$(realpath "$2") src=$(realpath "$3")
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-static.XXXXXX")
trap 'rm -rf "$work"' EXIT

for tool in bulletin-parse bulletin-validate bulletin-diff; do
  [[ -x $static/$tool ]] || fail "$static/$tool was not built"
  if ldd "$static/$tool" | grep -E 'lib(stdc\+\+|icu|yaml-cpp|fmt)'; then
    fail "$tool still loads the shared C++ libraries above"
  fi
done

# same NAME ARGS...: both builds, same stdout, stderr and exit status; each
# reads standard input from $input (default: nothing).
same() {
  local name=$1 status_static=0 status_reference=0
  shift
  "$static/$@" <"${input:-/dev/null}" >"$work/$name.static" 2>"$work/$name.static.err" ||
    status_static=$?
  "$reference/$@" <"${input:-/dev/null}" >"$work/$name.reference" 2>"$work/$name.reference.err" ||
    status_reference=$?
  [[ $status_static == "$status_reference" ]] || fail "$name: exit $status_static, ci build $status_reference"
  sed -i "s#$static/##g" "$work/$name.static.err"
  sed -i "s#$reference/##g" "$work/$name.reference.err"
  cmp -s "$work/$name.static" "$work/$name.reference" || fail "$name: output differs from the ci build"
  cmp -s "$work/$name.static.err" "$work/$name.reference.err" || fail "$name: messages differ from the ci build"
}

samples=("$src"/samples/*.txt)
for format in json jsonl csv tsv text; do
  same "parse-$format" bulletin-parse --format "$format" "${samples[@]}"
done
same parse-facts bulletin-parse --format jsonl --facts "${samples[@]}"
input="$src/samples/qingyu-2023-press-conference.txt" same parse-stdin bulletin-parse --format json -
printf 'bad \xff byte\n' >"$work/bad.txt"
same parse-bad bulletin-parse --format jsonl "$work/bad.txt"
same validate bulletin-validate -s "$src/schemas/press-conference.yaml" "$src/samples/qingyu-2023-press-conference.txt"
same diff bulletin-diff --format json "$src"/samples/series/*.txt
echo "static runtime test passed"
