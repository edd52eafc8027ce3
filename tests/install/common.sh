# Shared by the install and package tests: checks on an installed tree.
# Sourced; `fail` and `note` come from here.

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
note() { echo "-- $*"; }

# check_tree PREFIX VERSION SOURCE_DIR: files in place, headers clean, tools run.
check_tree() {
  local prefix=$1 version=$2 src=$3
  local t
  for t in bulletin-parse bulletin-validate bulletin-diff; do
    [[ -x $prefix/bin/$t ]] || fail "$t not installed in $prefix/bin"
    [[ -f $prefix/share/bash-completion/completions/$t ]] || fail "no bash completion for $t"
    if command -v help2man >/dev/null; then
      grep -q '^\.TH' "$prefix/share/man/man1/$t.1" || fail "no man page for $t"
    fi
  done
  "$prefix/bin/bulletin-parse" --version | grep -q "^bulletin-parse $version (output contract bulletin/1, ICU [0-9]" ||
    fail "bulletin-parse --version: $("$prefix/bin/bulletin-parse" --version)"
  "$prefix/bin/bulletin-parse" --format jsonl --facts "$src/samples/qingyu-2023-press-conference.txt" |
    grep -q '"unit":"元"' || fail "installed bulletin-parse found no money facts"

  [[ -f $prefix/share/bulletin/units.yaml ]] || fail "units.yaml not installed"
  for t in press-conference.yaml work-report.yaml statistical-communique.yaml bulletin.schema.json; do
    [[ -f $prefix/share/bulletin/schemas/$t ]] || fail "schema $t not installed"
  done

  local h
  for h in "$src"/include/bulletin/*.hpp; do
    [[ -f $prefix/include/bulletin/$(basename "$h") ]] || fail "header $(basename "$h") not installed"
  done
  # Every header alone, with nothing but the installed include directory: it
  # must compile as C++17 and reach no ICU, yaml-cpp, fmt or nlohmann header.
  for h in "$prefix"/include/bulletin/*.hpp; do
    local deps
    deps=$(echo "#include <bulletin/$(basename "$h")>" |
      c++ -std=c++17 -I"$prefix/include" -x c++ -M - 2>&1) || fail "$(basename "$h") does not compile alone: $deps"
    if grep -E -q '/unicode/|yaml-cpp|/fmt/|nlohmann' <<<"$deps"; then
      fail "$(basename "$h") pulls in a third-party header: $(grep -E -o '[^ ]*(unicode|yaml-cpp|fmt|nlohmann)[^ ]*' <<<"$deps" | head -n 3)"
    fi
  done
}

# build_consumers PREFIX VERSION SOURCE_DIR WORK: CMake and pkg-config consumers.
build_consumers() {
  local prefix=$1 version=$2 src=$3 work=$4
  local consumer=$src/tests/install/consumer
  local generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  cmake -S "$consumer" -B "$work/consumer-cmake" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" >"$work/consumer-cmake.log" 2>&1 ||
    { cat "$work/consumer-cmake.log"; fail "consumer: find_package(bulletin) failed"; }
  cmake --build "$work/consumer-cmake" >>"$work/consumer-cmake.log" 2>&1 ||
    { cat "$work/consumer-cmake.log"; fail "consumer: CMake build failed"; }
  "$work/consumer-cmake/consumer" "$version" || fail "CMake consumer failed"

  local pc
  pc=$(find "$prefix" -name bulletin.pc | head -n 1)
  [[ -n $pc ]] || fail "bulletin.pc not installed"
  local flags
  flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags --libs "bulletin >= $version") ||
    fail "pkg-config bulletin failed"
  [[ $(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --modversion bulletin) == "$version" ]] ||
    fail "pkg-config --modversion is not $version"
  # shellcheck disable=SC2086 # word splitting of the flags is intended
  c++ -std=c++17 -O1 "$consumer/main.cpp" -o "$work/consumer-pc" $flags ||
    fail "consumer: pkg-config build failed with: $flags"
  "$work/consumer-pc" "$version" || fail "pkg-config consumer failed"

  # SameMajorVersion: 0.x satisfies 0.1, and 1.0 is refused.
  local config
  config=$(find "$prefix" -name bulletinConfigVersion.cmake | head -n 1)
  cmake -DPACKAGE_FIND_VERSION=1.0 -DPACKAGE_FIND_VERSION_MAJOR=1 -DPACKAGE_FIND_VERSION_MINOR=0 \
    -DCONFIG="$config" -P "$src/tests/install/version_check.cmake" 2>&1 | grep -q "compatible=FALSE" ||
    fail "bulletin 1.0 was not refused by $config"
}
