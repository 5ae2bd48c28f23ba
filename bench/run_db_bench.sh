#!/usr/bin/env bash
# Builds bench/db_bench.cpp against skyrocks (build/libskyrocks.a), against
# librocksdb 7.8.3 and against LevelDB 1.23 (through bench/leveldb_shim),
# then runs them interleaved (skyrocks, rocksdb, leveldb, skyrocks, ...),
# REPS times each, on NUM keys in a scratch directory under /tmp (removed
# afterwards), and prints bench/bench_table.py's table of medians and
# ratios. The programs' raw output is kept in $BUILD/bench/db_bench.log
# (python3 bench/bench_table.py FILE prints the table again).
#   bash bench/run_db_bench.sh [NUM] [REPS] [WORKLOADS]
# NUM defaults to 1000000, REPS to 3, WORKLOADS (comma-separated) to
# db_bench's list. `make bench` calls this with BENCH_NUM, BENCH_REPS and
# BENCH_WORKLOADS.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
num=${1:-1000000}
reps=${2:-3}
workloads=${3:-}
make -s -j2 BUILD="$build" db-bench-bins
log=$build/bench/db_bench.log
scratch=$(mktemp -d /tmp/db_bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
: >"$log"
for rep in $(seq 1 "$reps"); do
  for lib in skyrocks rocksdb leveldb; do
    "$build/bench/db_bench_$lib" "$lib" "$scratch/$lib" "$num" ${workloads:+"$workloads"} |
      tee -a "$log"
    rm -rf "${scratch:?}/$lib"
  done
  echo "== repetition $rep of $reps done"
done
echo
python3 bench/bench_table.py "$log"
