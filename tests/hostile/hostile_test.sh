#!/usr/bin/env bash
# Hostile and broken input, one case per call:
#   hostile_test.sh PARSE VALIDATE DIFF SOURCE_DIR CASE
# Every case asserts the exit status and the exact message; fixtures are
# generated here, never committed. No case measures wall-clock time.
set -uo pipefail
PARSE=$1
VALIDATE=$2
DIFF=$3
SRC=$4
CASE=$5
WORK=$(mktemp -d)
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
SAMPLE="$SRC/samples/qingyu-2023-press-conference.txt"
OTHER="$SRC/samples/qingyu-2022-qa.txt"
SCHEMA="$SRC/schemas/press-conference.yaml"

fail() { echo "FAIL [$CASE]: $*" >&2; exit 1; }
run() { "$@" >"$WORK/out" 2>"$WORK/err"; STATUS=$?; }
expect_status() { [ "$STATUS" -eq "$1" ] || fail "exit status $STATUS, expected $1; stderr: $(head -c 2000 "$WORK/err")"; }
expect_err() { grep -qF -- "$1" "$WORK/err" || fail "stderr lacks '$1': $(head -c 2000 "$WORK/err")"; }
expect_out() { grep -qF -- "$1" "$WORK/out" || fail "stdout lacks '$1'"; }
no_err() { ! grep -qF -- "$1" "$WORK/err" || fail "stderr has '$1'"; }
docs() { jq -s 'length' "$WORK/out"; }
# The good files of a batch must still be written, in order, around a bad one.
expect_batch_kept() {
  [ "$(jq -r .source.path "$WORK/out" | tr '\n' ' ')" = "$SAMPLE $OTHER " ] ||
    fail "the good files of the batch were not all written: $(jq -r .source.path "$WORK/out" | tr '\n' ' ')"
}
# repeat N TEXT: TEXT written N times, without a shell loop.
repeat() { yes -- "$2" | head -n "$1" | tr -d '\n'; }
# chars N C: the single character C written N times.
chars() { printf "%${1}s" '' | tr ' ' "$2"; }
# The largest |value| in the output must be a finite JSON number.
expect_finite_values() {
  # nlohmann writes inf and NaN as null: a fact with digits but a null value
  # and no overflow warning would be one.
  jq -e '[.facts[] | .value, .low, .high, .precision | select(. != null)
          | select(type != "number" or . > 1.7976931348623157e308 or . < -1.7976931348623157e308)]
         | length == 0' "$WORK/out" >/dev/null || fail "a value is not a finite number"
}

case "$CASE" in
  empty)
    : >"$WORK/empty.txt"
    run "$PARSE" "$WORK/empty.txt"
    expect_status 0
    expect_err "bulletin-parse: $WORK/empty.txt:1:1: warning: the input holds no text"
    [ "$(jq '.facts | length' "$WORK/out")" -eq 0 ] || fail "facts in an empty file"
    ;;
  whitespace)
    printf ' \t\n\r\n\xe3\x80\x80\xc2\xa0\n\f\n' >"$WORK/blank.txt"
    run "$PARSE" "$WORK/blank.txt"
    expect_status 0
    expect_err "bulletin-parse: $WORK/blank.txt:1:1: warning: the input holds no text"
    [ "$(jq '.turns | length' "$WORK/out")" -eq 0 ] || fail "turns in a blank file"
    ;;
  bom-only)
    printf '\xef\xbb\xbf' >"$WORK/bom.txt"
    run "$PARSE" "$WORK/bom.txt"
    expect_status 0
    expect_err "bulletin-parse: $WORK/bom.txt:1:1: warning: the input holds no text"
    [ "$(jq -r .source.encoding "$WORK/out")" = "UTF-8" ] || fail "encoding of a lone BOM"
    ;;
  nul-bytes)
    printf '主持人:增长5%%\0\0\0\n' >"$WORK/nul.txt"
    run "$PARSE" --format jsonl "$SAMPLE" "$WORK/nul.txt" "$OTHER"
    expect_status 2
    expect_err "bulletin-parse: $WORK/nul.txt:1:9: binary input: NUL byte at offset 18; looks like"
    expect_batch_kept
    ;;
  binary-file)
    # A real executable (the parser itself), and random bytes.
    cp "$PARSE" "$WORK/tool.txt"
    nul=$(head -c 4096 "$WORK/tool.txt" | grep -obUaP '\x00' | head -1 | cut -d: -f1)
    head -c 100000 /dev/urandom >"$WORK/random.txt"
    run "$PARSE" --format jsonl "$SAMPLE" "$WORK/tool.txt" "$WORK/random.txt" "$OTHER"
    expect_status 2
    expect_err "bulletin-parse: $WORK/tool.txt:1:$((nul + 1)): binary input: NUL byte at offset $nul"
    expect_err "bulletin-parse: $WORK/random.txt:"
    expect_batch_kept
    ;;
  invalid-utf8-middle)
    # Valid UTF-8 for 10 copies of the sample, one bad byte, then more text.
    for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$SAMPLE"; done >"$WORK/bad.txt"
    offset=$(stat -c %s "$WORK/bad.txt")
    lines=$(wc -l <"$WORK/bad.txt")
    printf '增长\xc3(5%%\n' >>"$WORK/bad.txt"
    cat "$SAMPLE" >>"$WORK/bad.txt"
    run "$PARSE" --format jsonl "$SAMPLE" "$WORK/bad.txt" "$OTHER"
    expect_status 2
    expect_err "bulletin-parse: $WORK/bad.txt:$((lines + 1)):3: invalid UTF-8 byte 0xC3 at offset $((offset + 6))"
    expect_batch_kept
    ;;
  truncated-gb18030)
    iconv -f UTF-8 -t GB18030 "$SAMPLE" >"$WORK/gb.txt"
    size=$(stat -c %s "$WORK/gb.txt")
    lines=$(wc -l <"$WORK/gb.txt")
    # The first byte of a two-byte sequence, then the end of the file.
    printf '\xb1' >>"$WORK/gb.txt"
    run "$PARSE" --format jsonl "$SAMPLE" "$WORK/gb.txt" "$OTHER"
    expect_status 2
    expect_err "bulletin-parse: $WORK/gb.txt:$((lines + 1)):1: truncated GB18030 sequence 0xB1 at offset $size (not UTF-8 either"
    expect_batch_kept
    ;;
  utf16-without-bom)
    iconv -f UTF-8 -t UTF-16LE "$SAMPLE" >"$WORK/le.txt"
    iconv -f UTF-8 -t UTF-16BE "$SAMPLE" >"$WORK/be.txt"
    # Not guessed (a wrong guess would be silent); the message names the
    # likely encoding and the way out, and the batch goes on.
    run "$PARSE" --format jsonl "$SAMPLE" "$WORK/le.txt" "$WORK/be.txt" "$OTHER"
    expect_status 2
    expect_err "bulletin-parse: $WORK/le.txt:1:2: binary input: NUL byte at offset 1; looks like UTF-16LE (confidence 100%) without a byte-order mark, pass --encoding if it is text"
    expect_err "bulletin-parse: $WORK/be.txt:1:1: binary input: NUL byte at offset 0; looks like UTF-16BE (confidence 100%) without a byte-order mark, pass --encoding if it is text"
    expect_batch_kept
    run "$PARSE" --format jsonl --encoding UTF-16LE "$WORK/le.txt"
    expect_status 0
    [ "$(jq -r .source.encoding "$WORK/out")" = "UTF-16LE" ] || fail "encoding"
    "$PARSE" "$SAMPLE" | jq -c '[.facts[] | [.subject, .value, .unit, .span.line, .span.column]]' >"$WORK/utf8.facts"
    jq -c '[.facts[] | [.subject, .value, .unit, .span.line, .span.column]]' "$WORK/out" | head -1 >"$WORK/le.facts"
    cmp -s "$WORK/utf8.facts" "$WORK/le.facts" || fail "UTF-16LE and UTF-8 give different facts"
    ;;
  long-line)
    # A single 50 MB line: over the default line limit, reported, batch kept.
    { repeat 1700000 "今年新增就业岗位35个,"; } >"$WORK/line.txt"
    [ "$(stat -c %s "$WORK/line.txt")" -gt 50000000 ] || fail "fixture too small"
    run "$PARSE" --format jsonl "$SAMPLE" "$WORK/line.txt" "$OTHER"
    expect_status 2
    expect_err "bulletin-parse: $WORK/line.txt:1:1: line 1 is $(stat -c %s "$WORK/line.txt") bytes, over the limit of 4194304 bytes"
    expect_batch_kept
    ;;
  long-line-raised)
    # The limit is an option: a 102 KB line is refused under a 50 KB limit,
    # and read whole, every fact found, under a raised one.
    { echo "标题"; repeat 3400 "今年新增就业岗位35个,"; } >"$WORK/line.txt"
    run "$PARSE" --max-line-bytes 50000 "$WORK/line.txt"
    expect_status 2
    expect_err "bulletin-parse: $WORK/line.txt:2:1: line 2 is 102000 bytes, over the limit of 50000 bytes"
    run "$PARSE" --format jsonl --facts --max-line-bytes 200000 "$WORK/line.txt"
    expect_status 0
    [ "$(wc -l <"$WORK/out")" -eq 3400 ] || fail "$(wc -l <"$WORK/out") facts, expected 3400"
    ;;
  million-lines)
    { echo "标题"; echo "主持人:增长3%"; yes '好' | head -n 1000000; echo "增长5%"; } >"$WORK/lines.txt"
    run "$PARSE" "$WORK/lines.txt"
    expect_status 0
    [ "$(jq -c '[.facts[] | [.text, .span.line]]' "$WORK/out")" = '[["3%",2],["5%",1000003]]' ] ||
      fail "facts and their lines: $(jq -c '[.facts[] | [.text, .span.line]]' "$WORK/out")"
    ;;
  speaker-labels)
    { echo "标题"; yes '主持人:' | head -n 5000; yes '记者:' | head -n 5000; } >"$WORK/labels.txt"
    run "$PARSE" "$WORK/labels.txt"
    expect_status 0
    [ "$(jq '.turns | length' "$WORK/out")" -eq 10000 ] || fail "$(jq '.turns | length' "$WORK/out") turns"
    [ "$(jq '.diagnostics | length' "$WORK/out")" -le 1001 ] || fail "diagnostics are not bounded"
    ;;
  nested-headings)
    { echo "标题"; echo "主持人:介绍"; yes $'一、甲\n(一)乙\n1.丙\n(1)丁\n一是戊,增长5%' | head -n 10000; } >"$WORK/headings.txt"
    run "$PARSE" "$WORK/headings.txt"
    expect_status 0
    [ "$(jq '[.facts[] | .section | length] | max' "$WORK/out")" -le 5 ] || fail "section paths deeper than 5 levels"
    [ "$(jq '.facts | length' "$WORK/out")" -eq 2000 ] || fail "$(jq '.facts | length' "$WORK/out") facts"
    ;;
  big-numbers)
    printf '标题\n主持人:共有万亿亿亿元,达1e308元,增长９９９９９９９９９９９９９９９９９９９９９%%,负债-9223372036854775809元。\n' >"$WORK/big.txt"
    run "$PARSE" "$WORK/big.txt"
    expect_status 0
    expect_finite_values
    expect_err "bulletin-parse: $WORK/big.txt:2:23: warning: the number 99999999999999999999… (22 characters) does not fit; its value is left out"
    expect_err "bulletin-parse: $WORK/big.txt:2:48: warning: the number -9223372036854775809… (21 characters) does not fit; its value is left out"
    [ "$(jq -c '[.facts[] | select(.value == null) | .text]' "$WORK/out")" = '["999999999999999999999%","-9223372036854775809元"]' ] ||
      fail "facts without a value: $(jq -c '[.facts[] | select(.value == null) | .text]' "$WORK/out")"
    ;;
  digit-run)
    printf '标题\n主持人:增加%s元。\n' "$(repeat 10000 9)" >"$WORK/digits.txt"
    run "$PARSE" "$WORK/digits.txt"
    expect_status 0
    expect_finite_values
    expect_err "bulletin-parse: $WORK/digits.txt:2:7: warning: the number 99999999999999999999… (10001 characters) does not fit; its value is left out"
    [ "$(wc -c <"$WORK/err")" -lt 1000 ] || fail "the message repeats the whole number"
    ;;
  too-large)
    run "$PARSE" --format jsonl --max-input-bytes 5000 "$SAMPLE" "$OTHER"
    expect_status 2
    expect_err "bulletin-parse: $SAMPLE: input is 5944 bytes, over the limit of 5000 bytes"
    [ "$(jq -r .source.path "$WORK/out")" = "$OTHER" ] || fail "the small file must still be written"
    ;;
  too-many-facts)
    run "$PARSE" --max-facts 3 "$SAMPLE"
    expect_status 0
    expect_err "bulletin-parse: $SAMPLE:28:48: warning: fact limit of 3 reached; the rest of the document was not extracted"
    [ "$(jq '.facts | length' "$WORK/out")" -eq 3 ] || fail "facts over the limit"
    ;;
  endless-input)
    # Reading stops at the limit: /dev/zero and an endless pipe end in an error, not in OOM.
    run "$PARSE" --format jsonl --max-input-bytes 1000000 /dev/zero "$SAMPLE"
    expect_status 2
    expect_err "bulletin-parse: /dev/zero: input is over the limit of 1000000 bytes"
    [ "$(jq -r .source.path "$WORK/out")" = "$SAMPLE" ] || fail "the sample must still be written"
    run bash -c "yes 增长5% | '$PARSE' --max-input-bytes 1000000 -"
    expect_status 2
    expect_err "bulletin-parse: -: input is over the limit of 1000000 bytes"
    ;;
  symlink-loop)
    mkdir -p "$WORK/tree/a/b"
    cp "$SAMPLE" "$WORK/tree/a/b/one.txt"
    ln -s .. "$WORK/tree/a/b/up"
    ln -s "$WORK/tree" "$WORK/tree/a/root"
    ln -s loop2 "$WORK/tree/loop1"
    ln -s loop1 "$WORK/tree/loop2"
    run "$PARSE" --format jsonl -r "$WORK/tree"
    expect_status 0
    [ "$(jq -r .source.path "$WORK/out")" = "$WORK/tree/a/b/one.txt" ] || fail "files found: $(jq -r .source.path "$WORK/out")"
    ;;
  unreadable)
    # Root reads a mode-000 file anyway, so then the case runs as nobody.
    chmod 755 "$WORK"
    cp "$SAMPLE" "$WORK/good.txt"
    cp "$SAMPLE" "$WORK/secret.txt"
    chmod 644 "$WORK/good.txt"
    chmod 000 "$WORK/secret.txt"
    as_user=()
    if [ "$(id -u)" -eq 0 ]; then
      command -v setpriv >/dev/null || fail "running as root without setpriv: cannot test permissions"
      as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
    fi
    run "${as_user[@]}" "$PARSE" --format jsonl "$WORK/secret.txt" "$WORK/good.txt"
    expect_status 2
    expect_err "bulletin-parse: $WORK/secret.txt: cannot open: Permission denied"
    [ "$(jq -r .source.path "$WORK/out")" = "$WORK/good.txt" ] || fail "the readable file must still be written"
    ;;
  dash-name)
    mkdir "$WORK/d"
    cp "$SAMPLE" "$WORK/d/-"
    (cd "$WORK/d" && "$PARSE" --format jsonl ./- </dev/null >"$WORK/out" 2>"$WORK/err")
    STATUS=$?
    expect_status 0
    [ "$(jq -r .source.path "$WORK/out")" = "./-" ] || fail "path of ./-"
    (cd "$WORK/d" && "$PARSE" --format jsonl -- - <"$OTHER" >"$WORK/out" 2>"$WORK/err")
    STATUS=$?
    expect_status 0
    [ "$(jq -r .source.title "$WORK/out")" = "$(jq -r .source.title <("$PARSE" "$OTHER"))" ] || fail "- must be stdin"
    run "$PARSE" --format jsonl -r "$WORK/d"
    expect_status 0
    [ "$(docs)" -eq 0 ] || fail "- has no .txt extension"
    ;;
  odd-path)
    dir="$WORK/新 目录 (2023)"
    mkdir -p "$dir"
    cp "$SAMPLE" "$dir/发布会 第1期.txt"
    printf '增长\xff' >"$dir/坏 文件.txt"
    run "$PARSE" --format jsonl "$dir/发布会 第1期.txt" "$dir/坏 文件.txt"
    expect_status 2
    [ "$(jq -r .source.path "$WORK/out")" = "$dir/发布会 第1期.txt" ] || fail "path"
    expect_err "bulletin-parse: $dir/坏 文件.txt:1:3: invalid UTF-8 byte 0xFF at offset 6"
    ;;
  full-disk)
    [ -w /dev/full ] || fail "no /dev/full on this machine"
    run bash -c "'$PARSE' --format jsonl '$SAMPLE' '$OTHER' > /dev/full"
    expect_status 2
    expect_err "bulletin-parse: -: cannot write standard output: No space left on device"
    # -o to a device writes in place: the device node must survive.
    run "$PARSE" -o /dev/full "$SAMPLE"
    expect_status 2
    expect_err "bulletin-parse: /dev/full: cannot write /dev/full: No space left on device"
    [ -c /dev/full ] || fail "/dev/full is no longer a device"
    [ "$(find /dev -maxdepth 1 -name '.full.*' | wc -l)" -eq 0 ] || fail "temporary file left in /dev"
    ;;
  output-no-partial)
    # A file-size limit makes the write fail part-way, like a full disk.
    echo previous >"$WORK/out.jsonl"
    for _ in 1 2 3 4 5 6 7 8; do cp "$SAMPLE" "$WORK/in$_.txt"; done
    run bash -c "trap '' XFSZ; ulimit -f 64; exec '$PARSE' --format jsonl -o '$WORK/out.jsonl' $WORK/in*.txt"
    expect_status 2
    expect_err "bulletin-parse: $WORK/out.jsonl: cannot write $WORK/out.jsonl: File too large"
    [ "$(cat "$WORK/out.jsonl")" = previous ] || fail "the previous output was touched"
    [ "$(find "$WORK" -name '.out.jsonl.*' | wc -l)" -eq 0 ] || fail "temporary file left behind"
    rm "$WORK/out.jsonl"
    run bash -c "trap '' XFSZ; ulimit -f 64; exec '$PARSE' --format jsonl -o '$WORK/out.jsonl' $WORK/in*.txt"
    expect_status 2
    [ ! -e "$WORK/out.jsonl" ] || fail "a partial output file was left"
    ;;
  batch-goes-on)
    # Every kind of bad input in one parallel batch: each is reported, the
    # good files are all written in order, the exit status is 2.
    printf 'a\0b' >"$WORK/nul.txt"
    printf '\x80\x81\xfe' >"$WORK/junk.txt"
    : >"$WORK/empty.txt"
    printf '标题\n主持人:增加%s元。\n' "$(repeat 3000 9)" >"$WORK/digits.txt"
    run "$PARSE" --format jsonl -j 2 "$SAMPLE" "$WORK/nul.txt" "$WORK/missing.txt" "$WORK/junk.txt" \
      "$WORK/empty.txt" "$WORK/digits.txt" "$WORK" "$OTHER"
    expect_status 2
    expect_err "bulletin-parse: $WORK/nul.txt:1:2: binary input: NUL byte at offset 1"
    expect_err "bulletin-parse: $WORK/missing.txt: cannot open: No such file or directory"
    expect_err "bulletin-parse: $WORK/junk.txt:1:1: invalid"
    expect_err "bulletin-parse: $WORK: is a directory (use -r to read the files in it)"
    [ "$(jq -r .source.path "$WORK/out" | tr '\n' ' ')" = "$SAMPLE $WORK/empty.txt $WORK/digits.txt $OTHER " ] ||
      fail "documents written: $(jq -r .source.path "$WORK/out" | tr '\n' ' ')"
    ;;
  schema-alias-bomb)
    {
      echo 'name: bomb'
      echo 'a: &a [x, x, x, x, x, x, x, x, x, x]'
      echo 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]'
      echo 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]'
      echo 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'
      echo 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'
      echo 'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]'
    } >"$WORK/bomb.yaml"
    run "$VALIDATE" -s "$WORK/bomb.yaml" "$SAMPLE"
    expect_status 2
    expect_err "bulletin-validate: $WORK/bomb.yaml:"
    expect_err "schema too large: more than 20000 nodes (aliases included)"
    ;;
  schema-deep)
    { echo 'name: deep'; echo "title: $(chars 5000 '[')$(chars 5000 ']')"; } >"$WORK/deep.yaml"
    run "$VALIDATE" -s "$WORK/deep.yaml" "$SAMPLE"
    expect_status 2
    expect_err "bulletin-validate: $WORK/deep.yaml:2:"
    expect_err "schema nested deeper than 16 levels"
    # Just over the limit, under yaml-cpp's own guard: the schema's bound.
    { echo 'name: deep'; echo "title: $(chars 20 '[')$(chars 20 ']')"; } >"$WORK/deep20.yaml"
    run "$VALIDATE" -s "$WORK/deep20.yaml" "$SAMPLE"
    expect_status 2
    expect_err "bulletin-validate: $WORK/deep20.yaml:2:"
    expect_err "schema nested deeper than 16 levels"
    ;;
  schema-regex)
    printf 'name: slow\ntitle:\n  pattern: "^(a+)+$"\n' >"$WORK/slow.yaml"
    printf '%s!\n主持人:增长5%%\n' "$(repeat 60 a)" >"$WORK/title.txt"
    run "$VALIDATE" -s "$WORK/slow.yaml" "$WORK/title.txt"
    expect_status 1
    expect_out "$WORK/title.txt:1:1: error: pattern '^(a+)+\$' ran out of time on 'aaaaaaaaaa"
    expect_out "[schema.timeout] ($WORK/slow.yaml:3:3)"
    ;;
  alias-bomb)
    {
      echo 'a: &a [x1, x2, x3, x4, x5, x6, x7, x8, x9, x10]'
      echo 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]'
      echo 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]'
      echo 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'
      echo 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'
    } >"$WORK/bomb.yaml"
    run "$DIFF" --aliases "$WORK/bomb.yaml" "$SRC/samples/series/qingyu-minsheng-2021.txt" \
      "$SRC/samples/series/qingyu-minsheng-2022.txt"
    # Lists of lists are refused before any alias is expanded.
    expect_status 2
    expect_err "bulletin-diff: $WORK/bomb.yaml:1:4: a variant must be a string, not a list or mapping"
    # Many well-formed entries: the node bound.
    seq 1 11000 | sed 's/.*/k&: [v&]/' >"$WORK/many.yaml"
    run "$DIFF" --aliases "$WORK/many.yaml" "$SRC/samples/series/qingyu-minsheng-2021.txt" \
      "$SRC/samples/series/qingyu-minsheng-2022.txt"
    expect_status 2
    expect_err "bulletin-diff: $WORK/many.yaml:"
    expect_err "too many entries (more than 20000 nodes)"
    echo "a: $(chars 5000 '[')$(chars 5000 ']')" >"$WORK/deep.yaml"
    run "$DIFF" --aliases "$WORK/deep.yaml" "$SRC/samples/series/qingyu-minsheng-2021.txt" \
      "$SRC/samples/series/qingyu-minsheng-2022.txt"
    expect_status 2
    expect_err "bulletin-diff: $WORK/deep.yaml:1:"
    expect_err "nested too deeply"
    ;;
  json-deep)
    echo "{\"schema\": \"bulletin/1\", \"title\": $(chars 200000 '[')$(chars 200000 ']')}" >"$WORK/deep.json"
    run "$VALIDATE" -s "$SCHEMA" "$WORK/deep.json" "$SAMPLE"
    expect_status 2
    expect_err "bulletin-validate: $WORK/deep.json:1:"
    run "$DIFF" "$WORK/deep.json" "$SAMPLE"
    expect_status 2
    expect_err "bulletin-diff: $WORK/deep.json:1:"
    ;;
  json-hostile)
    "$PARSE" "$SAMPLE" >"$WORK/good.json"
    sed '0,/"value": [0-9.]*/s//"value": 1e999/' "$WORK/good.json" >"$WORK/inf.json"
    jq -c '.facts[0].span.start = 99999999999' "$WORK/good.json" >"$WORK/span.json"
    # A negative or fractional offset is not read as a huge one.
    jq -c '.facts[0].span.line = -1' "$WORK/good.json" >"$WORK/negative.json"
    jq -c '.facts[0].span.column = 2.2e108' "$WORK/good.json" >"$WORK/huge.json"
    run "$VALIDATE" -s "$SCHEMA" "$WORK/inf.json" "$WORK/span.json" "$WORK/negative.json" "$WORK/huge.json"
    expect_status 2
    expect_out "4 files: 0 valid, 1 invalid, 3 unreadable"
    line=$(grep -n '"value": 1e999' "$WORK/inf.json" | head -1 | cut -d: -f1)
    expect_err "bulletin-validate: $WORK/inf.json:$line:"
    expect_err "invalid JSON: number overflow parsing '1e999'"
    expect_err "$WORK/negative.json:1:1: not a bulletin/1 document: field 'line' is not a whole number in range: -1"
    expect_err "$WORK/huge.json:1:1: not a bulletin/1 document: field 'column' is not a whole number in range: 2.2e+108"
    ;;
  *)
    fail "unknown case"
    ;;
esac
echo "ok [$CASE]"
