#!/usr/bin/env bash
# `cpack -G DEB`, then the packages checked without touching the system:
# declared dependencies (dpkg-deb -I), contents extracted with dpkg-deb -x and
# used as an installed tree (tools run, consumers built), and apt's simulation
# of installing them on this Debian.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$(realpath "$1") src=$(realpath "$2") version=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/install/common.sh
source "$src/tests/install/common.sh"

for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not found (scripts/install-deps)"; exit 77; }
done

(cd "$work" && cpack -G DEB -B "$work/out" --config "$build/CPackConfig.cmake") >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack -G DEB"; }
arch=$(dpkg --print-architecture)
tools_deb=$work/out/bulletin_${version}-1_${arch}.deb
dev_deb=$work/out/libbulletin-dev_${version}-1_${arch}.deb
[[ -f $tools_deb && -f $dev_deb ]] || fail "expected $(basename "$tools_deb") and $(basename "$dev_deb"), got: $(ls "$work/out")"
note "built $(basename "$tools_deb") $(basename "$dev_deb")"

depends=$(dpkg-deb -f "$tools_deb" Depends)
for lib in libc6 'libstdc\+\+6' 'libicu[0-9]+' 'libyaml-cpp[0-9.]+' 'libfmt[0-9]+'; do
  grep -E -q "(^|, )$lib( |,|\$)" <<<"$depends" || fail "bulletin does not depend on $lib: $depends"
done
dev_depends=$(dpkg-deb -f "$dev_deb" Depends)
for lib in libicu-dev libyaml-cpp-dev libfmt-dev nlohmann-json3-dev; do
  grep -q "$lib" <<<"$dev_depends" || fail "libbulletin-dev does not depend on $lib: $dev_depends"
done
note "Depends: $depends"

# Everything under /usr, nothing of the build machine's paths.
if { dpkg-deb -c "$tools_deb" && dpkg-deb -c "$dev_deb"; } | awk '{print $6}' | grep -v -E '^\./(usr(/|$)|$)'; then
  fail "files outside /usr in the packages"
fi

root=$work/root
dpkg-deb -x "$tools_deb" "$root"
dpkg-deb -x "$dev_deb" "$root"
if ldd "$root/usr/bin/bulletin-parse" | grep -q 'not found'; then
  fail "bulletin-parse needs a library nobody provides: $(ldd "$root/usr/bin/bulletin-parse" | grep 'not found')"
fi
check_tree "$root/usr" "$version" "$src"
build_consumers "$root/usr" "$version" "$src" "$work"
note "extracted packages work as an installed tree"

# apt resolves the declared dependencies against this Debian release without
# installing anything.
if command -v apt-get >/dev/null && [[ $(id -u) -eq 0 ]]; then
  (cd "$work/out" && apt-get install -s -qq "./$(basename "$tools_deb")" "./$(basename "$dev_deb")") >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get cannot install the packages on this system"; }
  note "apt-get install -s: dependencies resolvable"
fi
echo "package test passed"
