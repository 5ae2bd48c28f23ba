#!/usr/bin/env bash
# `make check`: every static check; stops at the first that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/check_amalgamation.sh
for extra in scripts/check_layers.py scripts/check_unique_names.py \
    scripts/check_doc_refs.py; do
  if [ -f "$extra" ]; then python3 "$extra"; fi
done
bash scripts/check_thread_safety.sh
if [ -f scripts/check_headers.sh ]; then bash scripts/check_headers.sh; fi
bash scripts/check_user_build.sh
python3 scripts/c_api_coverage.py --check
# The checkers' own self-test: each must still catch its mistakes.
if [ -f tests/scripts/test_checkers.py ]; then
  python3 tests/scripts/test_checkers.py
fi
echo "make check: all checks passed"
