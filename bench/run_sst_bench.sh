#!/usr/bin/env bash
# Builds bench/sst_bench.cpp against skyrocks (build/libskyrocks.a) and
# against librocksdb, then runs them interleaved, 3 times each.
set -euo pipefail
cd "$(dirname "$0")/.."
make -s lib
mkdir -p build/bench
g++ -std=c++17 -O2 -Isrc/include bench/sst_bench.cpp build/libskyrocks.a \
  -lcurl -lssl -lcrypto -lxml2 -lzstd -llz4 -pthread -o build/bench/sst_bench_skyrocks
g++ -std=c++17 -O2 bench/sst_bench.cpp -lrocksdb -pthread -o build/bench/sst_bench_rocksdb
n=${1:-1000000}
for rep in 1 2 3; do
  build/bench/sst_bench_skyrocks skyrocks /tmp/sst_bench_sky.sst "$n"
  build/bench/sst_bench_rocksdb rocksdb /tmp/sst_bench_rdb.sst "$n"
done
rm -f /tmp/sst_bench_sky.sst /tmp/sst_bench_rdb.sst
