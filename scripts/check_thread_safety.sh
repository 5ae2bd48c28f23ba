#!/usr/bin/env bash
# The lock contracts (src/port/thread_annotations.h): compiles the whole of
# src/, as the amalgamation amalgamation/skyrocks.cpp (one translation unit,
# checked up to date by check_amalgamation.sh), with clang's thread-safety
# analysis as errors. A finding is printed with the src/ file it is in (the
# amalgamation's "begin file" markers). Exits 1 on any finding, 2 when no
# clang++ is found (CLANGXX names another).
# Usage: check_thread_safety.sh [--root DIR]   (DIR holds amalgamation/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "--root" ]; then
  root="$(cd "$2" && pwd)"
fi
cd "$root"
clangxx="${CLANGXX:-clang++}"
if ! command -v "$clangxx" >/dev/null 2>&1; then
  echo "check_thread_safety: $clangxx not found (set CLANGXX to a clang++)"
  exit 2
fi
unit=amalgamation/skyrocks.cpp
# shellcheck disable=SC2046
if msg=$(nice -n 19 "$clangxx" -std=c++17 -fsyntax-only -Wthread-safety \
    -Werror -DSKYROCKS_STRICT_STATUS -Iamalgamation \
    $(pkg-config --cflags libxml-2.0 2>/dev/null || true) "$unit" 2>&1); then
  echo "check_thread_safety: ok (src/ as $unit, $clangxx -Wthread-safety)"
  exit 0
fi
# Name the src/ file of each diagnostic line of the amalgamation.
lines=$(printf '%s\n' "$msg" | sed -n "s|^$unit:\([0-9]*\):.*|\1|p" |
  sort -un | tr '\n' ' ')
where=$(awk -v want="$lines" '
  BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) need[w[i]] = 1 }
  /^\/\/ ----- begin file: / { file = $5 }
  (NR in need) { printf "%s:%d is in %s\n", FILENAME, NR, file }
' "$unit")
printf '%s\n' "$msg"
printf '%s\n' "$where"
echo "check_thread_safety: clang -Wthread-safety found broken lock" \
  "contracts (see src/port/thread_annotations.h)"
exit 1
