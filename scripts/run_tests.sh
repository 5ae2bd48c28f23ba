#!/usr/bin/env bash
# Runs each doctest binary given, then prints the totals as the last line:
#   N passed, N failed
# (doctest's own summary is per binary and not what CI reads), preceded by
# the failed test cases, each with its first error, so a log's tail names
# them. Exits non-zero if any test failed or any binary crashed.
# SKYROCKS_TEST_FILTER_FILE, if set and not empty, names a file of doctest
# test-case patterns (one a line, `*` wildcards, `#` comments): only the
# matching test cases run (`make tsan`'s bounded subset).
set -u
passed=0
failed=0
status=0
failures=""
filter=()
if [ -n "${SKYROCKS_TEST_FILTER_FILE:-}" ]; then
  tc=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$SKYROCKS_TEST_FILTER_FILE" |
    sed -e 's/\\/\\\\/g' -e 's/,/\\,/g' | paste -sd, -)
  if [ -z "$tc" ]; then
    echo "run_tests: $SKYROCKS_TEST_FILTER_FILE names no test case"
    echo "0 passed, 1 failed"
    exit 1
  fi
  filter=("-tc=$tc")
  # A pattern that matches nothing (a renamed test) would shrink the subset
  # silently: refuse it.
  while IFS= read -r pat; do
    n=0
    for bin in "$@"; do
      c=$("$bin" --no-version -ltc "-tc=$(printf '%s' "$pat" | sed -e 's/\\/\\\\/g' -e 's/,/\\,/g')" 2>/dev/null |
        sed -nE 's/.*passing the current filters: ([0-9]+).*/\1/p')
      n=$((n + ${c:-0}))
    done
    if [ "$n" -eq 0 ]; then
      echo "run_tests: '$pat' in $SKYROCKS_TEST_FILTER_FILE matches no test case"
      echo "0 passed, 1 failed"
      exit 1
    fi
  done < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$SKYROCKS_TEST_FILTER_FILE")
fi
for bin in "$@"; do
  echo "=== $bin"
  out=$(mktemp)
  "$bin" --no-version --duration=false "${filter[@]}" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  line=$(grep -E '^\[doctest\] test cases:' "$out" | tail -n 1)
  # The first error of each failed test case, with the case's name.
  failures+=$(awk -v bin="$bin" '
    /^TEST CASE:/ { tc = $0; sub(/^TEST CASE: */, "", tc) }
    /ERROR:/ && !(tc in seen) { seen[tc] = 1; print "run_tests: FAILED " bin ": " tc ": " $0 }
  ' "$out")$'\n'
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
printf '%s' "$failures" | grep -v '^$'
echo "$passed passed, $failed failed"
exit $status
