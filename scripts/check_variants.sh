#!/usr/bin/env bash
# `make variants`: the amalgamation compiled without its optional parts
# (doc/packaging.md, "Optional dependencies"), each variant linked with
# only the libraries it needs, so a left-out library on the link line would
# fail the link:
#   no-cloud        -DSKYROCKS_NO_CLOUD                      -lzstd -llz4
#   no-zstd         -DSKYROCKS_NO_ZSTD     -lcurl -lssl -lcrypto -lxml2 -llz4
#   no-lz4          -DSKYROCKS_NO_LZ4      -lcurl -lssl -lcrypto -lxml2 -lzstd
#   minimal         all three                                  (no library)
# For each: the headers it reads must not include curl/, openssl/, libxml/,
# and <zstd.h>/<lz4.h> when left out; tests/build/variant_check.cpp then
# checks a local DB and the NotSupported of what is left out (reading a DB
# of ZSTD or LZ4 SSTs written by the full pair). The no-cloud variant also
# runs tests/api (but db_cloud_test.cpp and the cases whose name says
# "cloud", as DBCloud or "a cloud DB": doctest filters ignore case)
# against it.
# Ends with "N passed, N failed". VARIANT_OPT (default -O1) sets the
# optimisation; BUILD the directory for the objects; FULL_OBJ below.
set -uo pipefail
cd "$(dirname "$0")/.."
CXX="${CXX:-g++}"
BUILD="${BUILD:-build}"
OPT="${VARIANT_OPT:--O1}"
out="$BUILD/variants"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-std=c++17 "$OPT" -pthread -Wall -Wextra -Wshadow -Werror
  -Iamalgamation)
cloud_libs=(-lcurl -lssl -lcrypto -lxml2)
passed=0
failed=0
result() {  # result OK WHAT
  if [ "$1" -eq 0 ]; then
    passed=$((passed + 1)); echo "variants: ok: $2"
  else
    failed=$((failed + 1)); echo "variants: FAILED: $2"
  fi
}

# The full pair (FULL_OBJ: skyrocks.cpp compiled as is, e.g. make's
# $(BUILD)/obj-amalg/skyrocks.o) writes the DBs of ZSTD and LZ4 SSTs the
# variants read.
full_obj="${FULL_OBJ:-}"
if [ -z "$full_obj" ]; then
  full_obj="$out/full.o"
  "$CXX" "${flags[@]}" $(pkg-config --cflags libxml-2.0) -c \
    amalgamation/skyrocks.cpp -o "$full_obj"
fi
"$CXX" "${flags[@]}" -o "$out/variant_check_full" \
  tests/build/variant_check.cpp "$full_obj" "${cloud_libs[@]}" -lzstd -llz4
result $? "full pair builds"
rm -rf "$tmp/written"
"$out/variant_check_full" write "$tmp/written" >"$tmp/write.log" 2>&1
rc=$?
result $rc "full pair writes DBs of ZSTD and LZ4 SSTs"
[ $rc -eq 0 ] || cat "$tmp/write.log"
mkdir -p "$tmp/full" && "$out/variant_check_full" check "$tmp/written" "$tmp/full" >"$tmp/full.log" 2>&1
rc=$?
result $rc "full pair: variant_check"
[ $rc -eq 0 ] || cat "$tmp/full.log"

# variant NAME "DEFINES" "LIBS" "FORBIDDEN HEADER PATTERN"
variant() {
  local name="$1" defines="$2" libs="$3" forbidden="$4" rc
  # shellcheck disable=SC2086
  "$CXX" "${flags[@]}" $defines -M amalgamation/skyrocks.cpp >"$tmp/$name.deps" 2>&1
  if grep -Eq "$forbidden" "$tmp/$name.deps"; then
    result 1 "$name: skyrocks.cpp reads no header matching $forbidden"
    grep -Eo "[^ ]*($forbidden)[^ ]*" "$tmp/$name.deps" | sort -u
  else
    result 0 "$name: skyrocks.cpp reads no header matching $forbidden"
  fi
  # shellcheck disable=SC2086
  "$CXX" "${flags[@]}" $defines -c amalgamation/skyrocks.cpp -o "$out/$name.o"
  result $? "$name: skyrocks.cpp compiles"
  # shellcheck disable=SC2086
  "$CXX" "${flags[@]}" $defines -o "$out/variant_check_$name" \
    tests/build/variant_check.cpp "$out/$name.o" $libs
  rc=$?
  result $rc "$name: links with only:${libs:- (nothing)}"
  [ $rc -eq 0 ] || return 0
  mkdir -p "$tmp/$name"
  "$out/variant_check_$name" check "$tmp/written" "$tmp/$name" >"$tmp/$name.log" 2>&1
  rc=$?
  result $rc "$name: variant_check ($(tail -n 1 "$tmp/$name.log"))"
  [ $rc -eq 0 ] || cat "$tmp/$name.log"
}

cloud_headers='curl/|openssl/|libxml/'
variant no-cloud "-DSKYROCKS_NO_CLOUD" "-lzstd -llz4" "$cloud_headers"
variant no-zstd "-DSKYROCKS_NO_ZSTD $(pkg-config --cflags libxml-2.0)" \
  "${cloud_libs[*]} -llz4" "/zstd\.h"
variant no-lz4 "-DSKYROCKS_NO_LZ4 $(pkg-config --cflags libxml-2.0)" \
  "${cloud_libs[*]} -lzstd" "/lz4\.h"
variant minimal "-DSKYROCKS_NO_CLOUD -DSKYROCKS_NO_ZSTD -DSKYROCKS_NO_LZ4" "" \
  "$cloud_headers|/zstd\.h|/lz4\.h"

# The non-cloud API tests against the no-cloud pair.
if [ -f "$out/no-cloud.o" ]; then
  api_srcs=$(find tests/api -name '*.cpp' ! -name 'db_cloud_test.cpp' | LC_ALL=C sort)
  support_srcs=$(find tests/support -name '*.cpp' | LC_ALL=C sort)
  # shellcheck disable=SC2086
  "$CXX" "${flags[@]}" -DSKYROCKS_NO_CLOUD -DSKYROCKS_STRICT_STATUS -Itests \
    -o "$out/api_tests_no_cloud" tests/main.cpp $support_srcs $api_srcs \
    "$out/no-cloud.o" -lzstd -llz4
  rc=$?
  result $rc "no-cloud: tests/api (no db_cloud_test.cpp) link with -lzstd -llz4 only"
  if [ $rc -eq 0 ]; then
    SKYROCKS_SOURCE_DIR="$PWD" SKYROCKS_BUILD_DIR="$BUILD" \
      "$out/api_tests_no_cloud" --no-version --duration=false \
      --test-case-exclude='*cloud*' >"$tmp/api.log" 2>&1
    rc=$?
    result $rc "no-cloud: tests/api pass ($(grep -E '^\[doctest\] test cases:' "$tmp/api.log" | tr -s ' '))"
    [ $rc -eq 0 ] || tail -n 60 "$tmp/api.log"
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
