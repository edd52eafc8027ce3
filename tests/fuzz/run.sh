#!/usr/bin/env bash
# Runs each fuzz target for SECONDS from the seed corpus (tests/fuzz/README.md):
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET…]
# With BULLETIN_FUZZ_RUNS=N a target stops after N inputs instead (SECONDS
# still bounds it), so a run goes as far on a fast machine as on a slow one.
# Inputs libFuzzer adds go to BUILD_DIR/fuzz-corpus/TARGET, crashes to
# BUILD_DIR/fuzz-artifacts/; each target's final `cov:` line is printed.
set -euo pipefail
BUILD=$1
SECONDS_EACH=$2
shift 2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$SRC/tests/fuzz"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse numbers schema json)

seeds_of() {
  local d
  for d in $(all_seeds_of "$1"); do [ -d "$d" ] && echo "$d"; done
}
all_seeds_of() {
  case "$1" in
    parse) echo "$HERE/corpus/parse $HERE/regressions/parse $SRC/samples $SRC/samples/series $SRC/samples/validate" ;;
    numbers) echo "$HERE/corpus/numbers $HERE/regressions/numbers" ;;
    schema) echo "$HERE/corpus/schema $HERE/regressions/schema $SRC/schemas" ;;
    json) echo "$HERE/corpus/json $HERE/regressions/json" ;;
  esac
}

mkdir -p "$BUILD/fuzz-artifacts"
status=0
for t in "${targets[@]}"; do
  bin="$BUILD/bin/fuzz_$t"
  [ -x "$bin" ] || { echo "run.sh: $bin not built (cmake --build --preset fuzz)" >&2; exit 2; }
  work="$BUILD/fuzz-corpus/$t"
  mkdir -p "$work"
  dict=()
  case "$t" in parse | numbers) dict=(-dict="$HERE/bulletin.dict") ;; esac
  log="$BUILD/fuzz-$t.log"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a memory blow-up.
  # shellcheck disable=SC2046
  # A fixed seed (BULLETIN_FUZZ_SEED, 0 = random) makes a CI smoke run explore
  # the same inputs each time, so a red run points at a change, not at luck.
  runs=()
  [ -z "${BULLETIN_FUZZ_RUNS:-}" ] || runs=(-runs="$BULLETIN_FUZZ_RUNS")
  if "$bin" "${dict[@]}" "${runs[@]}" -seed="${BULLETIN_FUZZ_SEED:-1}" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$BUILD/fuzz-artifacts/$t-" \
    "$work" $(seeds_of "$t") >"$log" 2>&1; then
    echo "fuzz_$t: $(grep -aE '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1)"
  else
    status=1
    echo "fuzz_$t FAILED; the input is in $BUILD/fuzz-artifacts/ (log: $log):" >&2
    grep -aE 'ERROR|property violated|SUMMARY|Test unit written' "$log" | head -20 >&2
  fi
done
exit $status
