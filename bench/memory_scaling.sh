#!/usr/bin/env bash
# Peak memory and time of bulletin-parse on 1, 10 and 100 MB bulletins, to show
# that both grow linearly with the input (issue: hostile and broken input).
# Run by hand, on an optimized build; not part of CI (times are noisy):
#   cmake --preset release && cmake --build --preset release --target bulletin-parse
#   bench/memory_scaling.sh build/release/bin/bulletin-parse
# Prints one row per size and the 10/1 and 100/10 ratios of time and memory;
# linear growth shows as ratios near 10.
set -euo pipefail
BIN=${1:?usage: memory_scaling.sh PATH/TO/bulletin-parse}
SRC=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 2; }

# Real bulletin text, concatenated: every stage sees the shapes it meets in
# practice (turns, headings, facts, checks) at every size.
cat "$SRC"/samples/qingyu-2023-press-conference.txt "$SRC"/samples/qingyu-2022-qa.txt \
  "$SRC"/samples/qingyu-2023-statistical-communique.txt "$SRC"/samples/qingyu-2023-fullwidth.txt \
  "$SRC"/samples/series/*.txt >"$WORK/unit.txt"
make_input() {  # make_input MB FILE
  local target=$(($1 * 1000000))
  : >"$2"
  while [ "$(stat -c %s "$2")" -lt "$target" ]; do cat "$WORK/unit.txt" >>"$2"; done
  truncate -s "$target" "$2"
  # End on a whole line: the truncation may have cut a UTF-8 sequence.
  sed -i '$d' "$2"
}

printf '%8s %10s %12s %10s\n' size bytes seconds peak_MB
declare -A secs mem
for mb in 1 10 100; do
  make_input "$mb" "$WORK/in-$mb.txt"
  /usr/bin/time -f '%e %M' -o "$WORK/time-$mb" \
    "$BIN" --format jsonl --max-facts 100000000 "$WORK/in-$mb.txt" >/dev/null
  read -r s kb <"$WORK/time-$mb"
  secs[$mb]=$s
  mem[$mb]=$((kb / 1024))
  printf '%6sMB %10s %12s %10s\n' "$mb" "$(stat -c %s "$WORK/in-$mb.txt")" "$s" "${mem[$mb]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
echo "time ratio    10/1: $(ratio "${secs[10]}" "${secs[1]}")   100/10: $(ratio "${secs[100]}" "${secs[10]}")"
echo "memory ratio  10/1: $(ratio "${mem[10]}" "${mem[1]}")   100/10: $(ratio "${mem[100]}" "${mem[10]}")"
