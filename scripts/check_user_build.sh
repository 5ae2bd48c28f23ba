#!/usr/bin/env bash
# Compiles small programs against the amalgamation the way users do (only
# -Iamalgamation, nothing from src/) and fails unless each behaves:
# * tests/build/ignores_status.cpp, which ignores returned Status values,
#   builds under -Wall -Wextra -Werror (RocksDB's Status is not
#   [[nodiscard]]), and fails with the nodiscard diagnostic once
#   SKYROCKS_STRICT_STATUS is defined (skyrocks' own build);
# * every forwarding header amalgamation/rocksdb/**.h that is not a stub
#   compiles (C++ ones together in one program, C ones as C11);
# * every stub fails to compile with its #error naming the header, from
#   amalgamation/rocksdb/ (never from an installed librocksdb's header).
set -euo pipefail
cd "$(dirname "$0")/.."
CXX="${CXX:-g++}"
CC="${CC:-gcc}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-std=c++17 -fsyntax-only -Wall -Wextra -Werror -Iamalgamation)
fail=0

if ! "$CXX" "${flags[@]}" tests/build/ignores_status.cpp >"$tmp/out" 2>&1; then
  echo "check_user_build: tests/build/ignores_status.cpp does not build as a" \
    "RocksDB program (Status must not be [[nodiscard]] for users):"
  cat "$tmp/out"
  fail=1
fi
if "$CXX" "${flags[@]}" -DSKYROCKS_STRICT_STATUS \
    tests/build/ignores_status.cpp >"$tmp/out" 2>&1; then
  echo "check_user_build: with SKYROCKS_STRICT_STATUS an ignored Status" \
    "compiles: the strict build no longer catches it"
  fail=1
elif ! grep -q "nodiscard" "$tmp/out" ||
    [ "$(grep -c "ignoring returned value" "$tmp/out")" -lt 4 ]; then
  echo "check_user_build: the strict build of tests/build/ignores_status.cpp" \
    "failed, but not with one nodiscard diagnostic per ignored Status:"
  cat "$tmp/out"
  fail=1
fi

stubs=0
forwards=0
cxx_main="$tmp/all_headers.cpp"
: >"$cxx_main"
while IFS= read -r h; do
  name=${h#amalgamation/}
  if grep -q '^#error' "$h"; then
    stubs=$((stubs + 1))
    printf '#include <%s>\nint main() { return 0; }\n' "$name" >"$tmp/stub.cpp"
    if "$CXX" "${flags[@]}" "$tmp/stub.cpp" >"$tmp/out" 2>&1; then
      echo "check_user_build: a program including <$name> compiles: the stub" \
        "does not stop it"
      fail=1
    elif ! grep -q "^amalgamation/$name:[0-9]*:[0-9]*: error: #error \"$name (RocksDB 7.8.3) is not provided by skyrocks: " "$tmp/out"; then
      echo "check_user_build: <$name> did not fail with its stub's #error:"
      cat "$tmp/out"
      fail=1
    fi
  elif grep -q 'does not include skyrocks.h' "$h"; then
    if ! "$CC" -std=c11 -fsyntax-only -Wall -Wextra -Werror -Iamalgamation \
        -x c "$h" >"$tmp/out" 2>&1; then
      echo "check_user_build: C header <$name> does not compile as C11:"
      cat "$tmp/out"
      fail=1
    fi
    printf '#include <%s>\n' "$name" >>"$cxx_main"
    forwards=$((forwards + 1))
  else
    printf '#include <%s>\n' "$name" >>"$cxx_main"
    forwards=$((forwards + 1))
  fi
done < <(find amalgamation/rocksdb -name '*.h' | LC_ALL=C sort)
echo 'int main() { return 0; }' >>"$cxx_main"
if ! "$CXX" "${flags[@]}" "$cxx_main" >"$tmp/out" 2>&1; then
  echo "check_user_build: the forwarding headers do not compile together:"
  cat "$tmp/out"
  fail=1
fi
if [ $fail -ne 0 ]; then
  exit 1
fi
echo "check_user_build: ok (ignored Status builds for users, fails strict;" \
  "$forwards headers build, $stubs stubs stop the build)"
