# make_records SAMPLES COPIES: the samples as JSON Lines records, COPIES times
# each with distinct ids, plus a passed-through field. GB18030 samples are
# converted first: a JSON string is Unicode.
make_records() {
  local samples=$1 copies=$2 copy f name
  for ((copy = 1; copy <= copies; copy++)); do
    for f in "$samples"/*.txt; do
      name=$(basename "$f" .txt)
      if [[ $name == *gb18030* ]]; then iconv -f GB18030 -t UTF-8 "$f"; else cat "$f"; fi |
        jq -Rsc --arg id "$copy/$name" --arg copy "$copy" '{id: $id, copy: ($copy | tonumber), text: .}'
    done
  done
}
