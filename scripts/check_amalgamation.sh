#!/usr/bin/env bash
# Fails if amalgamation/ (the pair and the rocksdb/**.h headers beside it) is
# not exactly what scripts/amalgamate.py makes from src/ now, and says how to
# fix it. Also checks that scripts/rocksdb_headers.txt names exactly the
# public headers of an installed RocksDB 7.8 (ROCKSDB_INCLUDE_DIR, default
# /usr/include/rocksdb), when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/amalgamate.py --out "$tmp"
ok=1
while IFS= read -r f; do
  if [ ! -f "amalgamation/$f" ]; then
    echo "check_amalgamation: amalgamation/$f is missing (generated from src/)"
    ok=0
  elif [ ! -f "$tmp/$f" ]; then
    echo "check_amalgamation: amalgamation/$f is stale (no longer generated)"
    ok=0
  elif ! cmp -s "$tmp/$f" "amalgamation/$f"; then
    echo "check_amalgamation: amalgamation/$f is stale (differs from src/)"
    ok=0
  fi
done < <({ (cd "$tmp" && find . -type f); (cd amalgamation && find . -type f); } |
  sed 's|^\./||' | LC_ALL=C sort -u)
if [ $ok -ne 1 ]; then
  echo "check_amalgamation: fix with: make amalgamate && git add -A amalgamation/"
  exit 1
fi
inc="${ROCKSDB_INCLUDE_DIR:-/usr/include/rocksdb}"
if [ -f "$inc/version.h" ] &&
    grep -q '#define ROCKSDB_MAJOR 7' "$inc/version.h" &&
    grep -q '#define ROCKSDB_MINOR 8' "$inc/version.h"; then
  listed=$(grep -v -e '^#' -e '^[[:space:]]*$' scripts/rocksdb_headers.txt |
    cut -d'|' -f1 | sed 's/[[:space:]]*$//' | LC_ALL=C sort)
  installed=$(cd "$inc" && find . -name '*.h' | sed 's|^\./||' | LC_ALL=C sort)
  if [ "$listed" != "$installed" ]; then
    echo "check_amalgamation: scripts/rocksdb_headers.txt differs from the" \
      "headers in $inc (< listed, > installed):"
    diff <(echo "$listed") <(echo "$installed") | grep '^[<>]' || true
    exit 1
  fi
fi
echo "check_amalgamation: ok"
