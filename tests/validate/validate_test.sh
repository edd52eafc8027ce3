#!/usr/bin/env bash
# CLI behaviour of bulletin-validate, one case per call:
#   validate_test.sh VALIDATE PARSE SOURCE_DIR SHARED_DIR CASE
set -uo pipefail
BIN=$1
PARSE=$2
SRC=$3
SHARED=$4
CASE=$5
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$SRC" || exit 1
PC=schemas/press-conference.yaml
REAL="$SHARED/corpus/weihai-jingkai-2022-minsheng.txt"
BROKEN=samples/validate/broken-press-conference.txt
VALID=samples/validate/valid-press-conference.txt

fail() { echo "FAIL [$CASE]: $*" >&2; exit 1; }
run() { "$@" >"$WORK/out" 2>"$WORK/err"; STATUS=$?; }
expect_status() { [ "$STATUS" -eq "$1" ] || fail "exit status $STATUS, expected $1; stderr: $(cat "$WORK/err")"; }
expect_out() { grep -qF -- "$1" "$WORK/out" || fail "stdout lacks '$1': $(cat "$WORK/out")"; }
expect_err() { grep -qF -- "$1" "$WORK/err" || fail "stderr lacks '$1': $(cat "$WORK/err")"; }
no_out() { ! grep -qF -- "$1" "$WORK/out" || fail "stdout has '$1'"; }

case "$CASE" in
  real-bulletin)
    [ -f "$REAL" ] || exit 77
    run "$BIN" -s "$PC" "$REAL"
    expect_status 1
    expect_out "$REAL:98:175: error: 规范管理率 91.6% ≠ 638/698 = 91.40% (tolerance ±0.05) [check.rate] ($PC:"
    expect_out "$REAL:34:132: note: 总造价 676万元 = 292万元 + 384万元 [check.sum]"
    expect_out "$REAL:72:285: note: 化解率 99.8% = 13073/13099 = 99.80% [check.rate]"
    expect_out "1 files: 0 valid, 1 invalid, 0 unreadable"
    # The same rule as a warning: the schema's severity decides the exit status.
    awk '/^  rate:/{print; getline; print "    severity: warning"; next} {print}' "$PC" >"$WORK/warn.yaml"
    run "$BIN" -s "$WORK/warn.yaml" "$REAL"
    expect_status 0
    expect_out "warning: 规范管理率 91.6%"
    run "$BIN" --strict -s "$WORK/warn.yaml" "$REAL"
    expect_status 1
    ;;
  samples)
    # One sample fails each consistency rule kind; the checks that hold are confirmed.
    run "$BIN" -s "$PC" samples/qingyu-2023-press-conference.txt
    expect_out "samples/qingyu-2023-press-conference.txt:34:49: error: 总投入 560万元 ≠ 380万元 + 150万元 = 530万元"
    expect_out "samples/qingyu-2023-press-conference.txt:80:33: error: 规范管理率 95.0% ≠ 460/500 = 92.00%"
    expect_out "samples/qingyu-2023-press-conference.txt:32:50: note: 项目总投资 8600万元 = 5200万元 + 2100万元 + 1300万元"
    expect_out "samples/qingyu-2023-press-conference.txt:58:52: note: 化解率 99.5% = 1990/2000 = 99.50%"
    expect_status 1
    run "$BIN" -s "$PC" samples/qingyu-2022-qa.txt samples/qingyu-2023-fullwidth.txt
    expect_out "samples/qingyu-2022-qa.txt:21:37: error: 发放困难残疾人生活补贴和重度残疾人护理补贴 1420万元 ≠ 610万元 + 790万元 = 1400万元"
    expect_out "samples/qingyu-2023-fullwidth.txt:30:30: error: 结案率 96.1% ≠ 398/412 = 96.60%"
    # A partial breakdown in a new sentence (5400 个 vs 1800 + 360) is not a sum.
    no_out "5400"
    # Every other schema rule kind fails on the sample built for it.
    run "$BIN" -s "$PC" "$BROKEN"
    expect_status 1
    for rule in metadata.date percent.range check.sum check.rate questions.answered; do
      expect_out "[$rule]"
    done
    no_out "120%"  # a growth rate above 100% is not a share
    ;;
  shipped-schemas)
    run "$BIN" -s schemas/work-report.yaml samples/qingyu-2023-work-report.gb18030.txt
    expect_status 0
    expect_out "1 files: 1 valid, 0 invalid, 0 unreadable"
    run "$BIN" -s schemas/work-report.yaml samples/qingyu-2023-press-conference.txt
    expect_status 1
    expect_out "[title.pattern]"
    expect_out "[facts.missing]"
    run "$BIN" -s schemas/statistical-communique.yaml samples/qingyu-2023-statistical-communique.txt
    expect_status 0
    run "$BIN" -s schemas/statistical-communique.yaml samples/qingyu-2023-traditional.txt
    expect_status 1
    expect_out "[title.pattern]"
    run "$BIN" -s "$PC" "$VALID"
    expect_status 0
    expect_out "1 files: 1 valid, 0 invalid, 0 unreadable"
    ;;
  formats-json)
    run "$BIN" -f json -s "$PC" "$BROKEN" "$VALID"
    expect_status 1
    jq -e . "$WORK/out" >/dev/null || fail "not JSON Lines"
    [ "$(jq -s 'length' "$WORK/out")" -eq "$(wc -l <"$WORK/out")" ] || fail "one object per line"
    [ "$(jq -r 'select(.rule=="check.rate" and .severity=="error") | "\(.file):\(.line):\(.column)"' "$WORK/out")" = "$BROKEN:14:23" ] || fail "rate finding"
    [ "$(jq -r 'select(.rule=="metadata.date") | .line' "$WORK/out")" = "null" ] || fail "document-wide line"
    [ "$(jq -r 'select(.rule=="check.sum" and .severity=="error") | .schema.file + ":" + (.schema.line|tostring)' "$WORK/out")" = "$PC:44" ] || fail "schema location"
    [ "$(jq -r 'select(.rule=="check.sum" and .severity=="error") | .facts | length' "$WORK/out")" = 3 ] || fail "facts"
    ;;
  formats-github)
    printf 'name: gh\ntitle: {pattern: "^never$"}\nchecks: {rate: {}}\n' >"$WORK/gh.yaml"
    printf '主持人:\n标题,100%%完成\n' >"$WORK/odd,name:1.txt"
    run "$BIN" -f github -s "$WORK/gh.yaml" "$BROKEN" "$WORK/odd,name:1.txt"
    expect_status 1
    # Parse each workflow command back: ::cmd k=v,k=v::message, with % escapes undone.
    unescape() { printf '%s' "$1" | sed -e 's/%0A/\n/g' -e 's/%0D/\r/g' -e 's/%3A/:/g' -e 's/%2C/,/g' -e 's/%25/%/g'; }
    errors=0
    while IFS= read -r line; do
      [[ "$line" =~ ^::(error|warning|notice)\ ([^:]*)::(.*)$ ]] || fail "not a workflow command: $line"
      props=${BASH_REMATCH[2]}
      message=${BASH_REMATCH[3]}
      [[ "$props" =~ ^file=([^,]*),line=([0-9]+),col=([0-9]+),title=([^,]*)$ ]] || fail "properties: $props"
      file=$(unescape "${BASH_REMATCH[1]}")
      [ -f "$file" ] || fail "file property does not name the file: $file"
      [[ "$message" != *$'\n'* ]] || fail "raw newline"
      [[ "${BASH_REMATCH[1]}" != *,* ]] || fail "unescaped comma in file"
      if [ "${line:2:5}" = error ]; then errors=$((errors + 1)); fi
      if [[ "$line" == *"办结率"* ]]; then
        [ "${BASH_REMATCH[2]}" = 14 ] && [ "${BASH_REMATCH[3]}" = 23 ] || fail "rate line/col"
        [[ "$(unescape "$message")" == "办结率 95% ≠ 92/100 = 92.00% (tolerance ±0.5)" ]] || fail "message: $message"
      fi
    done <"$WORK/out"
    [ "$errors" -eq 3 ] || fail "$errors errors, expected 3 (two titles, one rate)"
    grep -qF "file=$WORK/odd%2Cname%3A1.txt," "$WORK/out" || fail "comma and colon escaped in file"
    ;;
  formats-junit)
    : >"$WORK/empty.txt"
    run "$BIN" -f junit -s "$PC" "$BROKEN" "$VALID" "$WORK/missing.txt"
    expect_status 2
    python3 - "$WORK/out" "$BROKEN" "$VALID" "$WORK/missing.txt" <<'PY' || fail "junit"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1"), root.attrib
cases = {c.get("name"): c for c in root.iter("testcase")}
assert list(cases) == sys.argv[2:5], list(cases)
failure = cases[sys.argv[2]].find("failure")
assert failure is not None and "[check.rate]" in failure.text and "14:23" in failure.text, failure
assert cases[sys.argv[3]].find("failure") is None
assert cases[sys.argv[4]].find("error") is not None
PY
    ;;
  quiet-strict)
    run "$BIN" -q -s "$PC" "$BROKEN"
    expect_status 1
    [ ! -s "$WORK/out" ] && [ ! -s "$WORK/err" ] || fail "-q printed something"
    run "$BIN" -q -s "$PC" "$VALID"
    expect_status 0
    printf 'name: w\nseverity: warning\ntitle: {pattern: "^never$"}\n' >"$WORK/w.yaml"
    run "$BIN" -s "$WORK/w.yaml" "$VALID"
    expect_status 0
    expect_out "warning: title"
    run "$BIN" --strict -s "$WORK/w.yaml" "$VALID"
    expect_status 1
    expect_out "1 files: 0 valid, 1 invalid, 0 unreadable"
    ;;
  batch)
    printf 'abc\0def' >"$WORK/blob.txt"
    mkdir "$WORK/dir"
    cp "$VALID" "$BROKEN" "$WORK/dir/"
    run "$BIN" -j 2 -s "$PC" "$VALID" "$WORK/missing.txt" "$BROKEN" "$WORK/blob.txt"
    expect_status 2
    expect_out "4 files: 1 valid, 1 invalid, 2 unreadable"
    expect_out "$BROKEN:14:23: error:"
    expect_err "bulletin-validate: $WORK/missing.txt: cannot open"
    expect_err "bulletin-validate: $WORK/blob.txt:1:4: binary input"
    run "$BIN" -s "$PC" "$WORK/dir"
    expect_status 2
    expect_out "1 files: 0 valid, 0 invalid, 1 unreadable"
    run "$BIN" -r -s "$PC" "$WORK/dir"
    expect_status 1
    expect_out "2 files: 1 valid, 1 invalid, 0 unreadable"
    run "$BIN" -s "$PC" "$VALID" "$VALID"
    expect_status 0
    expect_out "2 files: 2 valid, 0 invalid, 0 unreadable"
    ;;
  broken-schemas)
    for c in "bad-regex.yaml:3:12: bad regular expression '(unclosed'" \
             "unknown-key.yaml:4:5: unknown key 'minimum' in a roles entry" \
             "wrong-type.yaml:3:8: 'min' must be a number" \
             "syntax.yaml:3:1: "; do
      file=${c%%:*}
      run "$BIN" -s "tests/validate/schemas/$file" "$VALID" "$WORK/missing.txt"
      expect_status 2
      expect_err "bulletin-validate: tests/validate/schemas/$c"
      no_out "files:"  # reported before any bulletin is read
      ! grep -q missing.txt "$WORK/err" || fail "bulletins read despite a bad schema"
    done
    run "$BIN" -s "$WORK/none.yaml" "$VALID"
    expect_status 2
    run "$BIN" "$VALID"
    expect_status 2
    ;;
  parsed-input)
    "$PARSE" --format jsonl "$BROKEN" "$VALID" >"$WORK/docs.jsonl" || fail "bulletin-parse"
    run "$BIN" -s "$PC" "$WORK/docs.jsonl"
    expect_status 1
    expect_out "$BROKEN:14:23: error: 办结率 95% ≠ 92/100 = 92.00%"
    expect_out "$VALID:11:12: note: 新建垃圾分类投放点 300个 = 120个 + 180个"
    "$PARSE" "$BROKEN" >"$WORK/one.json" || fail "bulletin-parse"
    run "$BIN" -s "$PC" - <"$WORK/one.json"
    expect_status 1
    expect_out "$BROKEN:13:6: error: 项目总投资 950万元"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok: $CASE"
