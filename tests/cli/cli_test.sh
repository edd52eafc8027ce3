#!/usr/bin/env bash
# CLI behaviour of bulletin-parse, one case per call: cli_test.sh BIN SAMPLES_DIR CASE
set -uo pipefail
BIN=$1
SAMPLES=$2
CASE=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SAMPLE="$SAMPLES/qingyu-2023-press-conference.txt"

fail() { echo "FAIL [$CASE]: $*" >&2; exit 1; }
# run CMD…: captures stdout, stderr and the exit status
run() { "$@" >"$WORK/out" 2>"$WORK/err"; STATUS=$?; }
expect_status() { [ "$STATUS" -eq "$1" ] || fail "exit status $STATUS, expected $1; stderr: $(cat "$WORK/err")"; }
expect_err() { grep -qF -- "$1" "$WORK/err" || fail "stderr lacks '$1': $(cat "$WORK/err")"; }
expect_out() { grep -qF -- "$1" "$WORK/out" || fail "stdout lacks '$1'"; }
lines() { wc -l <"$WORK/out" | tr -d ' '; }

case "$CASE" in
  stdin)
    run bash -c "cat '$SAMPLE' | '$BIN' -"
    expect_status 0
    [ "$(jq -r .schema "$WORK/out")" = "bulletin/1" ] || fail "schema"
    [ "$(jq -r .source.path "$WORK/out")" = "-" ] || fail "path of stdin"
    [ "$(jq '.facts | length' "$WORK/out")" -gt 10 ] || fail "facts"
    ;;
  stdin-implicit)
    run bash -c "'$BIN' --format jsonl < '$SAMPLE'"
    expect_status 0
    [ "$(lines)" -eq 1 ] || fail "one line expected"
    ;;
  missing-among-good)
    run "$BIN" --format jsonl "$SAMPLE" "$WORK/missing.txt" "$SAMPLES/qingyu-2022-qa.txt"
    expect_status 2
    expect_err "bulletin-parse: $WORK/missing.txt: cannot open: No such file or directory"
    [ "$(lines)" -eq 2 ] || fail "the two good files must still be written"
    [ "$(jq -r .source.path "$WORK/out" | tail -1)" = "$SAMPLES/qingyu-2022-qa.txt" ] || fail "order"
    ;;
  directory)
    run "$BIN" --format jsonl "$SAMPLES"
    expect_status 2
    expect_err "is a directory (use -r"
    run "$BIN" --format jsonl -r "$SAMPLES"
    expect_status 0
    expected=$(find "$SAMPLES" -name '*.txt' | wc -l)
    [ "$(lines)" -eq "$expected" ] || fail "$(lines) documents, expected $expected"
    jq -r .source.path "$WORK/out" >"$WORK/paths"
    sort -c "$WORK/paths" || fail "directory order is not sorted"
    ;;
  binary)
    printf 'abc\0\1\2\3' >"$WORK/blob.bin"
    run "$BIN" "$WORK/blob.bin" "$SAMPLE"
    expect_status 2
    expect_err "$WORK/blob.bin:1:4: binary input: NUL byte at offset 3"
    expect_out '"schema": "bulletin/1"'
    ;;
  invalid-utf8)
    printf '标题\n主持人:增长\xff\xfe了\n' >"$WORK/bad.txt"
    run "$BIN" "$WORK/bad.txt"
    expect_status 2
    expect_err "$WORK/bad.txt:2:7: invalid UTF-8 byte 0xFF at offset 23"
    ;;
  lenient)
    printf '标题\n主持人:增长\xff\xfe了5%%\n' >"$WORK/bad.txt"
    run "$BIN" --lenient "$WORK/bad.txt"
    expect_status 0
    expect_err "warning: 2 invalid byte sequence(s) replaced"
    [ "$(jq -r '.diagnostics[] | select(.code == "invalid-bytes-replaced") | .code' "$WORK/out")" = "invalid-bytes-replaced" ] ||
      fail "diagnostic missing from the document"
    ;;
  empty)
    : >"$WORK/empty.txt"
    run "$BIN" "$WORK/empty.txt"
    expect_status 0
    expect_err "$WORK/empty.txt:1:1: warning: the input holds no text"
    [ "$(jq '.facts | length' "$WORK/out")" -eq 0 ] || fail "facts in an empty file"
    ;;
  gb18030)
    iconv -f UTF-8 -t GB18030 "$SAMPLE" >"$WORK/gb.txt"
    run "$BIN" "$WORK/gb.txt"
    expect_status 0
    [ "$(jq -r .source.encoding "$WORK/out")" = "GB18030" ] || fail "encoding"
    "$BIN" "$SAMPLE" | jq -c '[.facts[] | [.subject, .value, .unit, .span.line, .span.column]]' >"$WORK/utf8.facts"
    jq -c '[.facts[] | [.subject, .value, .unit, .span.line, .span.column]]' "$WORK/out" >"$WORK/gb.facts"
    cmp -s "$WORK/utf8.facts" "$WORK/gb.facts" || fail "GB18030 and UTF-8 give different facts"
    ;;
  usage)
    run "$BIN" --no-such-flag "$SAMPLE"
    expect_status 2
    run "$BIN" --format xml "$SAMPLE"
    expect_status 2
    run "$BIN" -j 257 "$SAMPLE"
    expect_status 2
    run "$BIN" --encoding no-such-charset "$SAMPLE"
    expect_status 2
    expect_err "unknown encoding 'NO-SUCH-CHARSET'"
    ;;
  help-version)
    run "$BIN" --help
    expect_status 0
    expect_out "Examples:"
    expect_out "Exit status"
    run "$BIN" --version
    expect_status 0
    expect_out "bulletin/1"
    expect_out "ICU"
    ;;
  output-atomic)
    run "$BIN" --format jsonl -o "$WORK/out.jsonl" "$SAMPLE"
    expect_status 0
    [ -s "$WORK/out.jsonl" ] || fail "no output file"
    [ "$(find "$WORK" -name '.out.jsonl.*' | wc -l)" -eq 0 ] || fail "temporary file left behind"
    cp "$WORK/out.jsonl" "$WORK/before"
    run "$BIN" --format jsonl -o "$WORK/out.jsonl" "$WORK/missing.txt"
    expect_status 2
    run "$BIN" -o "$WORK/no/such/dir/out.json" "$SAMPLE"
    expect_status 2
    expect_err "cannot create a temporary file"
    ;;
  full-disk)
    [ -w /dev/full ] || { echo "no /dev/full"; exit 0; }
    run bash -c "'$BIN' '$SAMPLE' > /dev/full"
    expect_status 2
    expect_err "cannot write standard output"
    ;;
  broken-pipe)
    run bash -c "'$BIN' --format jsonl --facts -r '$SAMPLES' | head -n 1"
    expect_status 0
    [ "$(lines)" -eq 1 ] || fail "head output"
    ;;
  deterministic)
    "$BIN" --format jsonl -r "$SAMPLES" >"$WORK/a"
    "$BIN" --format jsonl -r "$SAMPLES" >"$WORK/b"
    "$BIN" --format jsonl -j 2 -r "$SAMPLES" >"$WORK/c"
    cmp -s "$WORK/a" "$WORK/b" || fail "two runs differ"
    cmp -s "$WORK/a" "$WORK/c" || fail "-j 2 differs from -j 1"
    # A lone file of many fact groups: with threads to spare its numbers are
    # found on a thread of their own.
    for _ in 1 2 3 4 5 6 7 8; do
      for f in "$SAMPLES"/*.txt; do
        case "$f" in *gb18030*) ;; *) cat "$f" ;; esac
      done
    done >"$WORK/long.txt"
    [ "$(stat -c %s "$WORK/long.txt")" -gt 100000 ] || fail "long input too short"
    "$BIN" --format jsonl -j 1 "$WORK/long.txt" >"$WORK/l1"
    "$BIN" --format jsonl -j 2 "$WORK/long.txt" >"$WORK/l2"
    "$BIN" --format jsonl -j 0 "$WORK/long.txt" >"$WORK/l0"
    [ "$(jq '.facts | length' "$WORK/l1")" -gt 1000 ] || fail "long input: too few facts"
    cmp -s "$WORK/l1" "$WORK/l2" || fail "a lone file: -j 2 differs from -j 1"
    cmp -s "$WORK/l1" "$WORK/l0" || fail "a lone file: -j 0 (one per core) differs from -j 1"
    ;;
  large-file)
    # Over 16 MB, with threads, a file is read in two halves at once: every
    # byte must land where it was, as one thread and a pipe read it.
    {
      cat "$SAMPLE"
      yes '这一段说明没有任何数字，只是让文件足够大，以便分两半读取。' | head -n 200000
      cat "$SAMPLES/qingyu-2022-qa.txt"
    } >"$WORK/big.txt"
    size=$(stat -c %s "$WORK/big.txt")
    [ "$size" -gt $((1 << 24)) ] || fail "big input too short: $size bytes"
    "$BIN" --format jsonl -j 1 "$WORK/big.txt" >"$WORK/b1" || fail "-j 1 failed"
    run "$BIN" --format jsonl -j 2 "$WORK/big.txt"
    expect_status 0
    cmp -s "$WORK/b1" "$WORK/out" || fail "read in halves: -j 2 differs from -j 1"
    sum=$(sha256sum "$WORK/big.txt" | cut -d' ' -f1)
    grep -qF "\"sha256\":\"$sum\"" "$WORK/out" || fail "the digest is not the file's"
    grep -qF "\"bytes\":$size," "$WORK/out" || fail "the size is not the file's"
    "$BIN" --format jsonl -j 2 - <"$WORK/big.txt" | sed 's/"path":"-"/"path":"'"${WORK//\//\\/}"'\/big.txt"/' >"$WORK/bp"
    cmp -s "$WORK/b1" "$WORK/bp" || fail "a file read in halves differs from the same bytes piped"
    ;;
  tables)
    run "$BIN" --format csv "$SAMPLE"
    expect_status 0
    head -1 "$WORK/out" | grep -q '^path,turn,speaker,section,subject,value' || fail "csv header"
    facts=$("$BIN" "$SAMPLE" | jq '.facts | length')
    [ "$(lines)" -ge $((facts + 1)) ] || fail "csv rows"
    run "$BIN" --format tsv --no-header "$SAMPLE"
    expect_status 0
    [ "$(awk -F'\t' '{print NF}' "$WORK/out" | sort -u)" = "26" ] || fail "tsv column count"
    [ "$(lines)" -eq "$facts" ] || fail "tsv rows"
    ;;
  facts-jsonl)
    run "$BIN" --format jsonl --facts "$SAMPLE" "$SAMPLES/qingyu-2022-qa.txt"
    expect_status 0
    jq -e 'has("path") and has("subject") and has("value") and has("span")' "$WORK/out" >/dev/null ||
      fail "fact record fields"
    [ "$(jq -r .path "$WORK/out" | sort -u | wc -l)" -eq 2 ] || fail "paths"
    ;;
  text)
    run "$BIN" --format text "$SAMPLE"
    expect_status 0
    expect_out "turns:"
    expect_out "facts:"
    ;;
  odd-paths)
    mkdir -p "$WORK/新 目录"
    cp "$SAMPLE" "$WORK/新 目录/发布会 2023.txt"
    run "$BIN" --format jsonl -r "$WORK/新 目录"
    expect_status 0
    [ "$(jq -r .source.path "$WORK/out")" = "$WORK/新 目录/发布会 2023.txt" ] || fail "path"
    ;;
  *)
    fail "unknown case"
    ;;
esac
echo "ok [$CASE]"
