#!/usr/bin/env bash
# Record mode (bulletin-parse --input-format jsonl) as streaming engines use it.
# Usage: parallel_test.sh BULLETIN_PARSE SAMPLES_DIR CASE
#   parallel  GNU parallel --pipe, several jobs and small blocks: the same
#             records as one process, sorted by id
#   batches   the stream cut into batches of any size: byte-identical output
#   flush     each result is written before the next record arrives
#   errors    a bad record is an error object on its line; the rest go on
set -euo pipefail
parse=$1 samples=$2 case=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-records.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/install/records.sh
source "$(dirname "$0")/records.sh"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

make_records "$samples" 4 >"$work/in.jsonl"
records=$(wc -l <"$work/in.jsonl")

case $case in
  parallel)
    command -v parallel >/dev/null || { echo "SKIP: GNU parallel not installed (scripts/install-deps)"; exit 77; }
    "$parse" --input-format jsonl -q <"$work/in.jsonl" >"$work/one.jsonl"
    [[ $(wc -l <"$work/one.jsonl") -eq $records ]] || fail "one process: $(wc -l <"$work/one.jsonl") lines for $records records"
    # Blocks of ~16 kB hold a few records each, so every job gets several batches.
    parallel --will-cite --pipe -j 3 --block 16k "$parse" --input-format jsonl -q \
      <"$work/in.jsonl" >"$work/many.jsonl"
    LC_ALL=C sort "$work/one.jsonl" >"$work/one.sorted"
    LC_ALL=C sort "$work/many.jsonl" >"$work/many.sorted"
    cmp -s "$work/one.sorted" "$work/many.sorted" || fail "GNU parallel output differs from one process"
    # Sorted by id, and every id present once.
    diff <(jq -r .id "$work/in.jsonl" | LC_ALL=C sort) <(jq -r .id "$work/many.jsonl" | LC_ALL=C sort) >/dev/null ||
      fail "ids differ between input and GNU parallel output"
    [[ $(grep -c '"error"' "$work/many.jsonl" || true) -eq 0 ]] || fail "records failed under GNU parallel"
    echo "parallel: $records records, identical output with -j 3"
    ;;
  batches)
    "$parse" --input-format jsonl -q <"$work/in.jsonl" >"$work/one.jsonl"
    for size in 1 5 7; do
      split -l "$size" "$work/in.jsonl" "$work/part-$size-"
      for part in "$work/part-$size-"*; do "$parse" --input-format jsonl -q <"$part"; done >"$work/batched-$size.jsonl"
      cmp -s "$work/one.jsonl" "$work/batched-$size.jsonl" || fail "batches of $size records give other bytes"
    done
    # Files as arguments, CRLF line ends and blank lines change nothing either.
    sed 's/$/\r/' "$work/in.jsonl" | sed '1i\\' >"$work/crlf.jsonl"
    "$parse" --input-format jsonl -q "$work/crlf.jsonl" >"$work/crlf.out"
    cmp -s "$work/one.jsonl" "$work/crlf.out" || fail "CRLF or blank lines change the output"
    echo "batches: identical"
    ;;
  flush)
    coproc PARSER { "$parse" --input-format jsonl -q; }
    head -n 1 "$work/in.jsonl" >&"${PARSER[1]}"
    read -r -t 20 line <&"${PARSER[0]}" || fail "no result while the input stays open: not flushed per record"
    [[ $line == '{"id":"1/'* ]] || fail "unexpected first result: ${line:0:80}"
    sed -n 2p "$work/in.jsonl" >&"${PARSER[1]}"
    read -r -t 20 line <&"${PARSER[0]}" || fail "no second result while the input stays open"
    exec {PARSER[1]}>&-
    wait "$PARSER_PID" || fail "exit status $? after the input closed"
    echo "flush: one result per record, at once"
    ;;
  errors)
    {
      head -n 2 "$work/in.jsonl"
      echo 'not json at all'
      echo '{"id": "no-text"}'
      echo '{"text": "没有编号"}'
      echo '{"id": 42, "text": "\u5e74\u6536\u51653\u4ebf\u5143", "source": {"site": "x"}}'
      sed -n 3p "$work/in.jsonl"
    } >"$work/mixed.jsonl"
    status=0
    "$parse" --input-format jsonl <"$work/mixed.jsonl" >"$work/mixed.out" 2>"$work/mixed.err" || status=$?
    [[ $status -eq 0 ]] || fail "bad records made the exit status $status"
    [[ $(wc -l <"$work/mixed.out") -eq 7 ]] || fail "$(wc -l <"$work/mixed.out") lines for 7 records"
    jq -e -s '
      (.[0:2] + [.[6]] | all(.document.schema == "bulletin/1" and .copy == 1))
      and .[2] == {"id": null, "error": .[2].error} and .[2].error.code == "invalid-record"
      and .[3].id == "no-text" and .[3].error.code == "invalid-record"
      and .[4].id == null and .[4].error.code == "invalid-record"
      and .[5].id == 42 and .[5].source == {"site": "x"} and .[5].document.source.path == "42"
    ' "$work/mixed.out" >/dev/null || fail "unexpected results: $(cut -c1-120 "$work/mixed.out")"
    grep -q "3 of 7 records failed" "$work/mixed.err" || fail "no summary on stderr: $(cat "$work/mixed.err")"
    # Usage errors: record mode streams, so it takes no -j and no csv.
    "$parse" --input-format jsonl -j 2 </dev/null >/dev/null 2>&1 && fail "-j 2 accepted in record mode"
    "$parse" --input-format jsonl --format csv </dev/null >/dev/null 2>&1 && fail "--format csv accepted in record mode"
    echo "errors: reported in line"
    ;;
  *)
    fail "unknown case $case"
    ;;
esac
