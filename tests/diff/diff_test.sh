#!/usr/bin/env bash
# CLI behaviour of bulletin-diff, one case per call: diff_test.sh DIFF PARSE SOURCE_DIR CASE
# Golden cases compare stdout with tests/diff/golden/<file>; BULLETIN_UPDATE_GOLDEN=1
# rewrites them instead (review the change before committing it).
set -uo pipefail
BIN=$1
PARSE=$2
SRC=$3
CASE=$4
cd "$SRC" || exit 1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
S=samples/series/qingyu-minsheng
GOLDEN=tests/diff/golden

fail() { echo "FAIL [$CASE]: $*" >&2; exit 1; }
run() { "$@" >"$WORK/out" 2>"$WORK/err"; STATUS=$?; }
expect_status() { [ "$STATUS" -eq "$1" ] || fail "exit status $STATUS, expected $1; stderr: $(cat "$WORK/err")"; }
expect_err() { grep -qF -- "$1" "$WORK/err" || fail "stderr lacks '$1': $(cat "$WORK/err")"; }
expect_out() { grep -qF -- "$1" "$WORK/out" || fail "stdout lacks '$1'"; }
expect_no_out() { ! grep -qF -- "$1" "$WORK/out" || fail "stdout has '$1'"; }
golden() {
  expect_status 0
  if [ "${BULLETIN_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$WORK/out" "$GOLDEN/$1"
    echo "updated $GOLDEN/$1"
    return
  fi
  cmp -s "$WORK/out" "$GOLDEN/$1" || { diff -u "$GOLDEN/$1" "$WORK/out" | head -100 >&2; fail "output differs from $GOLDEN/$1"; }
}

case "$CASE" in
  golden-series-text)
    # Order by year whatever the argument order; NO_COLOR beats --color always.
    run env NO_COLOR=1 "$BIN" --color always $S-2023.txt $S-2021.txt $S-2022.txt
    golden series.txt ;;
  golden-series-json) run "$BIN" --format json $S-2021.txt $S-2022.txt $S-2023.txt; golden series.jsonl
    jq -e . "$WORK/out" >/dev/null || fail "not JSON Lines"
    [ "$(jq -c 'select(.type=="indicator")' "$WORK/out" | wc -l)" -ge 19 ] || fail "indicators" ;;
  golden-series-csv) run "$BIN" --format csv $S-2021.txt $S-2022.txt $S-2023.txt; golden series.csv ;;
  golden-series-markdown) run "$BIN" --format markdown $S-2021.txt $S-2022.txt $S-2023.txt; golden series.md ;;
  golden-pair-text) run "$BIN" $S-2022.txt $S-2023.txt; golden pair-2022-2023.txt ;;
  golden-only-threshold) run "$BIN" --only changed --threshold 20 $S-2021.txt $S-2022.txt; golden only-changed-20.txt
    expect_no_out "  removed  "
    expect_no_out "抓获犯罪嫌疑人" ;;
  json-input)
    for y in 2021 2022 2023; do "$PARSE" $S-$y.txt >"$WORK/$y.json" || fail "parse $y"; done
    "$PARSE" --format jsonl $S-2022.txt $S-2023.txt >"$WORK/pair.jsonl" || fail "parse jsonl"
    run "$BIN" "$WORK/2023.json" "$WORK/2021.json" "$WORK/2022.json"
    golden series.txt
    run "$BIN" "$WORK/pair.jsonl"
    golden pair-2022-2023.txt ;;
  stdin)
    run bash -c "cat $S-2022.txt | '$BIN' - $S-2023.txt"
    expect_status 0
    expect_out "  2022  - ("
    expect_out "基层医疗机构诊疗量" ;;
  order-args)
    run "$BIN" --order args --format csv $S-2023.txt $S-2022.txt
    expect_status 0
    head -1 "$WORK/out" | grep -qF "subject,dimension,measure,unit,2023,2023_qualifier,2022" || fail "column order"
    expect_out "改造老旧小区,count,count,个,36,,33,,-3," ;;
  aliases)
    run "$BIN" --format csv --min-similarity 0.95 $S-2022.txt $S-2023.txt
    expect_status 0
    expect_out ",removed,"
    grep -F "破获刑事案件" "$WORK/out" | grep -qF ",removed," || fail "without aliases the rewording is below 0.95"
    run "$BIN" --format csv --min-similarity 0.95 --aliases tests/diff/aliases.yaml $S-2022.txt $S-2023.txt
    expect_status 0
    grep -F "破获各类刑事案件" "$WORK/out" | grep -qF ",changed,alias," || fail "alias match: $(cat "$WORK/out")" ;;
  exit-ok)
    run "$BIN" $S-2021.txt $S-2022.txt
    expect_status 0
    run "$BIN" --fail-on added --fail-on-drop 70 $S-2021.txt $S-2022.txt
    expect_status 0
    [ ! -s "$WORK/err" ] || fail "stderr: $(cat "$WORK/err")"
    run "$BIN" --fail-on changed --abs-tol 1e12 $S-2022.txt $S-2023.txt
    expect_status 0 ;;
  fail-on-added)
    run "$BIN" --fail-on added $S-2022.txt $S-2023.txt
    expect_status 1
    expect_err "bulletin-diff: fail-on: 1 indicator(s) added: 基层医疗机构诊疗量"
    expect_out "基层医疗机构诊疗量" ;;
  fail-on-removed)
    run "$BIN" --fail-on removed,added $S-2022.txt $S-2023.txt
    expect_status 1
    expect_err "bulletin-diff: fail-on: 1 indicator(s) removed: 新冠疫苗接种"
    expect_err "added: 基层医疗机构诊疗量"
    run "$BIN" --fail-on removed $S-2021.txt $S-2021.txt --order args
    expect_status 0 ;;
  fail-on-changed)
    run "$BIN" --fail-on changed $S-2022.txt $S-2023.txt
    expect_status 1
    expect_err "bulletin-diff: fail-on: "
    expect_err "changed: 改造老旧小区"
    run "$BIN" --fail-on changed --order args $S-2023.txt $S-2023.txt
    expect_status 0 ;;
  fail-on-drop)
    run "$BIN" --fail-on-drop 50 $S-2021.txt $S-2022.txt
    expect_status 1
    expect_err "bulletin-diff: fail-on: 1 indicator(s) fell by more than 50%: 新冠疫苗接种"
    run "$BIN" --fail-on-drop 30 $S-2021.txt $S-2022.txt
    expect_status 1
    expect_err "2 indicator(s) fell by more than 30%: 新建村级公厕, 新冠疫苗接种"
    run "$BIN" --fail-on-drop 70 $S-2021.txt $S-2022.txt
    expect_status 0 ;;
  usage)
    run "$BIN" --no-such-flag $S-2021.txt $S-2022.txt
    expect_status 2
    run "$BIN" --format xml $S-2021.txt $S-2022.txt
    expect_status 2
    run "$BIN" --fail-on everything $S-2021.txt $S-2022.txt
    expect_status 2
    run "$BIN" --min-similarity 1.5 $S-2021.txt $S-2022.txt
    expect_status 2
    run "$BIN"
    expect_status 2
    run "$BIN" --help
    expect_status 0
    expect_out "--fail-on-drop"
    expect_out "Exit status: 0 ok; 1 a --fail-on condition holds; 2 usage error or unreadable input."
    run "$BIN" --version
    expect_status 0
    expect_out "bulletin-diff" ;;
  missing-file)
    run "$BIN" $S-2021.txt "$WORK/missing.txt" $S-2022.txt
    expect_status 2
    expect_err "bulletin-diff: $WORK/missing.txt: cannot open: No such file or directory"
    [ ! -s "$WORK/out" ] || fail "no diff of an incomplete series"
    printf '{"schema": "bulletin/1", "title": \n' >"$WORK/broken.json"
    run "$BIN" $S-2021.txt "$WORK/broken.json"
    expect_status 2
    expect_err "bulletin-diff: $WORK/broken.json:" ;;
  one-edition)
    run "$BIN" $S-2021.txt
    expect_status 2
    expect_err "bulletin-diff: usage: at least two editions are needed to compare" ;;
  bad-aliases)
    run "$BIN" --aliases tests/diff/bad-aliases.yaml $S-2021.txt $S-2022.txt
    expect_status 2
    expect_err "bulletin-diff: tests/diff/bad-aliases.yaml:4:5: '侦破刑事案件' already belongs to '破获刑事案件' (line 2)"
    printf 'a: [b, c\n' >"$WORK/syntax.yaml"
    run "$BIN" --aliases "$WORK/syntax.yaml" $S-2021.txt $S-2022.txt
    expect_status 2
    expect_err "bulletin-diff: $WORK/syntax.yaml:"
    run "$BIN" --aliases "$WORK/none.yaml" $S-2021.txt $S-2022.txt
    expect_status 2
    expect_err "bulletin-diff: $WORK/none.yaml: cannot open" ;;
  same-year)
    run "$BIN" $S-2022.txt $S-2022.txt
    expect_status 2
    expect_err "two editions have the year 2022"
    run "$BIN" --order args $S-2022.txt $S-2022.txt
    expect_status 0
    expect_out "unchanged" ;;
  colour)
    run "$BIN" --color always $S-2022.txt $S-2023.txt
    expect_status 0
    grep -q $'\x1b\[' "$WORK/out" || fail "--color always without escapes"
    run env NO_COLOR=1 "$BIN" --color always $S-2022.txt $S-2023.txt
    ! grep -q $'\x1b\[' "$WORK/out" || fail "escapes despite NO_COLOR"
    run "$BIN" $S-2022.txt $S-2023.txt
    ! grep -q $'\x1b\[' "$WORK/out" || fail "escapes on a pipe"
    if command -v script >/dev/null; then
      script -qec "'$BIN' $S-2022.txt $S-2023.txt" /dev/null >"$WORK/out" 2>&1
      grep -q $'\x1b\[' "$WORK/out" || fail "no colour on a terminal"
    fi ;;
  *) fail "unknown case" ;;
esac
echo "ok: $CASE"
