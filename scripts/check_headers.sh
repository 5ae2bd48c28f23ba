#!/usr/bin/env bash
# Every header under src/ compiles alone (doc/style.md, "One translation
# unit", rule 7): each is compiled by itself with the project's warnings as
# errors, two at a time. Prints every failing header with the compiler's
# message and exits 1 if any fails.
# Usage: check_headers.sh [--root DIR]   (DIR holds src/; default: this repo)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "--root" ]; then
  root="$(cd "$2" && pwd)"
fi
cd "$root"
CXX="${CXX:-g++}"
export CXX
SKYROCKS_HDR_FLAGS="-std=c++17 -fsyntax-only -Wall -Wextra -Wshadow -Werror \
-DSKYROCKS_STRICT_STATUS -Isrc -Isrc/include $(pkg-config --cflags libxml-2.0 2>/dev/null || true)"
export SKYROCKS_HDR_FLAGS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export out
count=$(find src -name '*.h' | wc -l)
# Each job writes $out/<n>.fail on failure; xargs keeps going either way.
find src -name '*.h' -print0 | LC_ALL=C sort -z |
  xargs -0 -r -P2 -n1 sh -c '
    h="$1"
    # shellcheck disable=SC2086
    if ! msg=$("$CXX" $SKYROCKS_HDR_FLAGS -x c++ "$h" 2>&1); then
      f=$(mktemp "$out/XXXXXX.fail")
      printf "check_headers: %s does not compile alone:\n%s\n" "$h" "$msg" > "$f"
    fi' sh
failed=0
for f in "$out"/*.fail; do
  [ -e "$f" ] || continue
  cat "$f"
  failed=$((failed + 1))
done
if [ "$failed" -ne 0 ]; then
  echo "check_headers: $failed of $count headers failed"
  exit 1
fi
echo "check_headers: ok ($count headers)"
