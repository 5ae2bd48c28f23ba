#!/usr/bin/env bash
# `make consumer-check`: tests/consumer/consumer.cpp, a user's program, built
# against skyrocks the ways doc/packaging.md describes, each in a
# scratch directory, then run (write, reopen, read a key):
#   1. pkg-config, after `make install PREFIX=/usr DESTDIR=<tmp>` (the
#      shared library, then the static one);
#   2. CMake find_package(skyrocks), after this checkout's CMakeLists.txt
#      was built and installed into a prefix (cmake --install); and CMake
#      add_subdirectory of the checkout;
#   3. meson, with this checkout as subprojects/skyrocks.
# Needs pkg-config, cmake, meson and ninja (scripts/install-deps). Ends with
# "N passed, N failed". BUILD: make's build directory (default build).
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
BUILD="${BUILD:-build}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
# step WHAT COMMAND...: runs COMMAND, output in a log shown on failure.
step() {
  local what="$1" log
  shift
  log="$tmp/step$((passed + failed)).log"
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1)); echo "consumers: ok: $what"
  else
    failed=$((failed + 1)); echo "consumers: FAILED: $what"; tail -n 40 "$log"
  fi
}

# 1. make install + pkg-config.
dest="$tmp/destdir"
step "make install PREFIX=/usr DESTDIR=..." \
  make --no-print-directory BUILD="$BUILD" install PREFIX=/usr DESTDIR="$dest"
pc() {
  PKG_CONFIG_SYSROOT_DIR="$dest" PKG_CONFIG_LIBDIR="$dest/usr/lib/pkgconfig:$(pkg-config --variable pc_path pkg-config)" \
    pkg-config "$@"
}
step "installed files: headers, libraries, skyrocks.pc, the tool" \
  test -f "$dest/usr/include/skyrocks/skyrocks.h" -a \
    -f "$dest/usr/include/skyrocks/rocksdb/db.h" -a \
    -f "$dest/usr/lib/libskyrocks.a" -a -L "$dest/usr/lib/libskyrocks.so" -a \
    -f "$dest/usr/lib/pkgconfig/skyrocks.pc" -a -x "$dest/usr/bin/skyrocks"
step "pkg-config: shared library" bash -c '
  g++ -std=c++17 -o "$1/consumer_pc" tests/consumer/consumer.cpp $2 &&
  LD_LIBRARY_PATH="$3/usr/lib" "$1/consumer_pc" "$1/db_pc"' _ "$tmp" \
  "$(pc --cflags --libs skyrocks)" "$dest"
# The static libskyrocks.a with the shared system libraries its
# Requires.private names (`pkg-config --static` would ask for static
# libcurl's own dependencies too, which Debian's -dev packages lack).
step "pkg-config: static library, Requires.private libraries shared" bash -c '
  g++ -std=c++17 -o "$1/consumer_pc_static" tests/consumer/consumer.cpp \
    $(echo "$2" | sed "s|-lskyrocks|$3/usr/lib/libskyrocks.a|") $4 &&
  "$1/consumer_pc_static" "$1/db_pc_static"' _ "$tmp" \
  "$(pc --cflags --libs skyrocks)" "$dest" \
  "$(pc --libs $(pc --print-requires-private skyrocks))"
step "the installed tool runs" "$dest/usr/bin/skyrocks" --help

# 2. CMake: build and install the package, then find_package it.
prefix="$tmp/cmake-prefix"
step "cmake: configure, build, install skyrocks" bash -c '
  cmake -S . -B "$1/cmake-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSKYROCKS_BUILD_CLI=OFF -DCMAKE_INSTALL_PREFIX="$2" &&
  cmake --build "$1/cmake-build" -j2 && cmake --install "$1/cmake-build"' _ \
  "$tmp" "$prefix"
step "cmake: find_package(skyrocks) consumer builds and runs" bash -c '
  cmake -S tests/consumer -B "$1/consumer-build" -G Ninja \
    -DCMAKE_PREFIX_PATH="$2" &&
  cmake --build "$1/consumer-build" &&
  "$1/consumer-build/consumer" "$1/db_cmake"' _ "$tmp" "$prefix"

# 2b. CMake add_subdirectory (no tool, no install rules by default).
step "cmake: add_subdirectory(skyrocks) consumer builds and runs" bash -c '
  cmake -S tests/consumer -B "$1/subdir-build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DSKYROCKS_SOURCE_DIR="$2" &&
  cmake --build "$1/subdir-build" -j2 &&
  "$1/subdir-build/consumer" "$1/db_subdir" &&
  test ! -e "$1/subdir-build/skyrocks/skyrocks"' _ "$tmp" "$root"

# 3. meson subproject.
mkdir -p "$tmp/meson-consumer/subprojects"
cp tests/consumer/meson.build tests/consumer/consumer.cpp "$tmp/meson-consumer/"
ln -s "$root" "$tmp/meson-consumer/subprojects/skyrocks"
step "meson: skyrocks as a subproject, consumer builds and runs" bash -c '
  cd "$1/meson-consumer" && meson setup b && ninja -j2 -C b &&
  ./b/consumer "$1/db_meson"' _ "$tmp"
step "meson: the subproject built no tests" bash -c '
  ! ninja -C "$1/meson-consumer/b" -t targets all | grep -q "unit_tests"' _ "$tmp"

# 4. The vcpkg port and the conan recipe, as far as this machine allows
# (neither tool is installed): well-formed, and naming only CMake options
# that CMakeLists.txt declares.
step "vcpkg port and conanfile.py are consistent with CMakeLists.txt" python3 - <<'PY'
import ast, json, re
port = json.load(open("ports/skyrocks/vcpkg.json"))
assert set(port["features"]) == {"cloud", "aws", "gcs", "azure", "zstd", "lz4"}, port["features"]
assert port["version"] == re.search(r'SKYROCKS_VERSION_STRING "([^"]+)"', open("src/include/rocksdb/version.h").read()).group(1)
cmake = open("CMakeLists.txt").read()
declared = set(re.findall(r"option\((SKYROCKS_\w+)", cmake))
portfile = open("ports/skyrocks/portfile.cmake").read()
for feature, opt in re.findall(r"^\s+(\w+) (SKYROCKS_\w+)$", portfile, re.M):
    assert feature in port["features"], feature
    assert opt in declared, opt
for opt in re.findall(r"-D(SKYROCKS_\w+)=", portfile):
    assert opt in declared, opt
conan = open("conanfile.py").read()
ast.parse(conan)
for opt in re.findall(r'tc\.variables\["(SKYROCKS_\w+)"\]', conan):
    assert opt in declared, opt
print("ok")
PY

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
