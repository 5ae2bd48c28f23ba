#!/usr/bin/env bash
# Runs the libFuzzer targets built in $FUZZ_BUILD (make fuzz): each for
# SECONDS seconds with a fixed seed, over a fresh copy of its committed
# corpus (tests/fuzz/corpus/NAME), its regressions (tests/fuzz/regressions/
# NAME) and the generated seeds ($FUZZ_BUILD/seeds/NAME), in
# $FUZZ_BUILD/run/NAME (the committed files are never touched). Prints
#   fuzz: NAME EXECS execs, ok|FAILED (...)
# per target and ends with "N passed, N failed"; a failed target leaves its
# crashing input and log in $FUZZ_BUILD/run/NAME. FUZZ_JOBS targets run at
# once (default 2).
#
# usage: run_fuzz.sh SECONDS [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
shift || true
build="${FUZZ_BUILD:-build-fuzz}"
jobs="${FUZZ_JOBS:-2}"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for bin in "$build"/*_fuzzer; do
    [ -x "$bin" ] || continue
    name="$(basename "$bin")"
    targets+=("${name%_fuzzer}")
  done
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "run_fuzz: no fuzz targets in $build (run make fuzz-bins)" >&2
  exit 1
fi

# Longest input per target: a little above its largest real seed.
max_len() {
  case "$1" in
    http_time) echo 128 ;;
    clone_sources | cloud_manifest | credentials) echo 4096 ;;
    s3_answer | azure_answer | gcs_answer | block_decompress) echo 8192 ;;
    wal) echo 131072 ;;
    sst) echo 65536 ;;
    db_open) echo 196608 ;;
    *) echo 4096 ;;
  esac
}

# Extra libFuzzer flags. block_decompress: an input of at most 8 KiB
# legitimately decompresses to far less than 512 MiB (ZSTD's RLE blocks,
# the densest codec, stay under 256 MiB), so a larger allocation is a
# claimed size trusted (issue 15, defect 5) and fails the target.
extra_flags() {
  case "$1" in
    block_decompress) echo "-malloc_limit_mb=512" ;;
    *) echo "" ;;
  esac
}

run_one() {
  local t="$1" work="$build/run/$1"
  rm -rf "$work"
  mkdir -p "$work/corpus"
  for src in "tests/fuzz/corpus/$t" "tests/fuzz/regressions/$t" \
    "$build/seeds/$t"; do
    if [ -d "$src" ]; then
      find "$src" -maxdepth 1 -type f -exec cp {} "$work/corpus/" \;
    fi
  done
  local rc=0
  # shellcheck disable=SC2046
  timeout $((seconds + 300)) "$build/${t}_fuzzer" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -seed=1 \
    -max_len="$(max_len "$t")" $(extra_flags "$t") -print_final_stats=1 \
    -artifact_prefix="$work/" "$work/corpus" >"$work/log" 2>&1 || rc=$?
  local execs
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)"
  local status="ok"
  if [ "$rc" -ne 0 ]; then
    local found
    found="$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o \
      -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' -o \
      -name 'slow-unit-*' \) | LC_ALL=C sort | head -1)"
    status="FAILED (exit $rc${found:+, input $found}, log $work/log)"
  fi
  echo "fuzz: $t ${execs:-0} execs, $status" >"$work/result"
}

running=0
for t in "${targets[@]}"; do
  if [ ! -x "$build/${t}_fuzzer" ]; then
    mkdir -p "$build/run/$t"
    echo "fuzz: $t 0 execs, FAILED (no binary $build/${t}_fuzzer)" \
      >"$build/run/$t/result"
    continue
  fi
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

passed=0
failed=0
for t in "${targets[@]}"; do
  line="$(cat "$build/run/$t/result" 2>/dev/null ||
    echo "fuzz: $t 0 execs, FAILED (no result)")"
  echo "$line"
  case "$line" in
    *", ok") passed=$((passed + 1)) ;;
    *) failed=$((failed + 1)) ;;
  esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
