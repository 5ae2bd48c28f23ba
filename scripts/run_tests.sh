#!/usr/bin/env bash
# Runs each doctest binary given, then prints the totals as the last line:
#   N passed, N failed
# (doctest's own summary is per binary and not what CI reads). Exits non-zero
# if any test failed or any binary crashed.
set -u
passed=0
failed=0
status=0
for bin in "$@"; do
  echo "=== $bin"
  out=$(mktemp)
  "$bin" --no-version --duration=false 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  line=$(grep -E '^\[doctest\] test cases:' "$out" | tail -n 1)
  rm -f "$out"
  if [ -z "$line" ]; then
    echo "run_tests: $bin ended (exit $rc) without a doctest summary: counted as 1 failed"
    failed=$((failed + 1))
    status=1
    continue
  fi
  p=$(echo "$line" | sed -E 's/.*\| *([0-9]+) passed.*/\1/')
  f=$(echo "$line" | sed -E 's/.*\| *([0-9]+) failed.*/\1/')
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "run_tests: $bin exited $rc with no failed test case: counted as 1 failed"
    failed=$((failed + 1))
  fi
  [ "$rc" -eq 0 ] || status=1
done
echo "$passed passed, $failed failed"
exit $status
