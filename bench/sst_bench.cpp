// SST build and lookup benchmark, written only against the public RocksDB
// API so the same source builds against skyrocks and against librocksdb:
//   bash bench/run_sst_bench.sh   (builds both, runs them interleaved)
// Builds one SST of N keys (16-byte keys, 100-byte half-compressible
// values, Snappy, 10 bits/key Bloom), then does random point lookups by
// iterator Seek (SstFileReader has no Get), and prints MB/s and ns/op.
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_reader.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

static std::string BenchKey(uint64_t i) {
  char buf[17];
  snprintf(buf, sizeof(buf), "%016llu", static_cast<unsigned long long>(i));
  return std::string(buf, 16);
}

int main(int argc, char** argv) {
  const char* label = argc > 1 ? argv[1] : "lib";
  const std::string path = argc > 2 ? argv[2] : "/tmp/sst_bench.sst";
  const uint64_t n = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1000000;
  rocksdb::Options options;
  rocksdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  t.block_cache = nullptr;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  options.compression = rocksdb::kSnappyCompression;
  std::mt19937_64 rng(42);
  // Values drawn from a pool made up front, so the timed loop measures the
  // table code rather than the random generator.
  std::vector<std::string> pool(4096, std::string(100, 'x'));
  for (std::string& v : pool) {
    for (int j = 0; j < 50; j++) v[j] = static_cast<char>('a' + rng() % 26);
  }
  auto t0 = std::chrono::steady_clock::now();
  uint64_t raw = 0;
  {
    rocksdb::SstFileWriter w(rocksdb::EnvOptions(), options);
    if (!w.Open(path).ok()) return 1;
    for (uint64_t i = 0; i < n; i++) {
      const std::string& value = pool[(i * 2654435761u) % pool.size()];
      const std::string k = BenchKey(i * 7);
      if (!w.Put(k, value).ok()) return 1;
      raw += k.size() + value.size();
    }
    if (!w.Finish().ok()) return 1;
  }
  auto t1 = std::chrono::steady_clock::now();
  const double build_s = std::chrono::duration<double>(t1 - t0).count();
  rocksdb::SstFileReader r(options);
  if (!r.Open(path).ok()) return 1;
  std::unique_ptr<rocksdb::Iterator> it(r.NewIterator(rocksdb::ReadOptions()));
  const uint64_t lookups = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 200000;
  uint64_t found = 0;
  auto t2 = std::chrono::steady_clock::now();
  for (uint64_t i = 0; i < lookups; i++) {
    const std::string k = BenchKey((rng() % n) * 7);
    it->Seek(k);
    if (it->Valid() && it->key() == rocksdb::Slice(k)) found++;
  }
  auto t3 = std::chrono::steady_clock::now();
  const double lookup_ns =
      std::chrono::duration<double, std::nano>(t3 - t2).count() / lookups;
  printf("%-9s build %.1f MB/s (%.2f s for %llu keys)  seek-lookup %.0f ns/op"
         "  (found %llu/%llu)\n",
         label, raw / build_s / 1e6, build_s,
         static_cast<unsigned long long>(n), lookup_ns,
         static_cast<unsigned long long>(found),
         static_cast<unsigned long long>(lookups));
  return found == lookups ? 0 : 2;
}
