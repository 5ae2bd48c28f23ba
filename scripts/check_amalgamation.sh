#!/usr/bin/env bash
# Fails if amalgamation/ is not exactly what scripts/amalgamate.py makes from
# src/ now, and says how to fix it.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/amalgamate.py --out "$tmp"
ok=1
for f in skyrocks.h skyrocks.cpp; do
  if ! cmp -s "$tmp/$f" "amalgamation/$f"; then
    echo "check_amalgamation: amalgamation/$f is stale (differs from src/)"
    ok=0
  fi
done
if [ $ok -ne 1 ]; then
  echo "check_amalgamation: fix with: make amalgamate && git add amalgamation/"
  exit 1
fi
echo "check_amalgamation: ok"
