#!/usr/bin/env bash
# Golden test: golden_test.sh BIN SOURCE_DIR CASE_DIR
# Runs BIN with the arguments in CASE_DIR/args (one per line, paths relative to
# SOURCE_DIR) and compares stdout with CASE_DIR/expected. With
# BULLETIN_UPDATE_GOLDEN=1 it rewrites the expected file instead: review the
# change with git diff before committing it.
set -uo pipefail
BIN=$1
SRC=$2
CASE=$3
cd "$SRC" || exit 1
mapfile -t args <"$CASE/args"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$BIN" "${args[@]}" >"$actual"
status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: exit status $status" >&2
  exit 1
fi
if [ "${BULLETIN_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$actual" "$CASE/expected"
  echo "updated $CASE/expected"
  exit 0
fi
if ! cmp -s "$actual" "$CASE/expected"; then
  echo "FAIL: output differs from $CASE/expected" >&2
  diff -u "$CASE/expected" "$actual" | head -200 >&2
  exit 1
fi
echo "ok: $(basename "$CASE")"
