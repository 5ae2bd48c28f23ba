#!/usr/bin/env bash
# Builds bench/db_bench.cpp against skyrocks (build/libskyrocks.a), against
# librocksdb 7.8.3 and against LevelDB 1.23 (through bench/leveldb_shim),
# then runs them interleaved, REPS times each, on NUM keys in a scratch
# directory under /tmp (removed afterwards).
#   bash bench/run_db_bench.sh [NUM] [REPS] [WORKLOADS]
set -euo pipefail
cd "$(dirname "$0")/.."
make -s lib
mkdir -p build/bench
g++ -std=c++17 -O2 -Isrc/include bench/db_bench.cpp build/libskyrocks.a \
  -lcurl -lssl -lcrypto -lxml2 -lzstd -llz4 -pthread -o build/bench/db_bench_skyrocks
g++ -std=c++17 -O2 bench/db_bench.cpp -lrocksdb -pthread -o build/bench/db_bench_rocksdb
g++ -std=c++17 -O2 -Ibench/leveldb_shim bench/db_bench.cpp -lleveldb -pthread -o build/bench/db_bench_leveldb
num=${1:-1000000}
reps=${2:-3}
workloads=${3:-fillseq,fillrandom,overwrite,readrandom,readmissing,seekrandom,readseq,readrandom2,readrandom4,deleterandom,fillsync,fillrandom2,fillrandom4}
scratch=$(mktemp -d /tmp/db_bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
for rep in $(seq 1 "$reps"); do
  build/bench/db_bench_skyrocks skyrocks "$scratch/sky" "$num" "$workloads"
  du -sh "$scratch/sky" | sed 's/^/skyrocks  DB size /'
  build/bench/db_bench_rocksdb rocksdb "$scratch/rdb" "$num" "$workloads"
  du -sh "$scratch/rdb" | sed 's/^/rocksdb   DB size /'
  build/bench/db_bench_leveldb leveldb "$scratch/ldb" "$num" "$workloads"
  du -sh "$scratch/ldb" | sed 's/^/leveldb   DB size /'
done
