// A db_bench-style benchmark written only against the public RocksDB API,
// so that the same source builds against skyrocks and against librocksdb:
//   bash bench/run_db_bench.sh [NUM]   (builds both, runs them interleaved)
//
//   db_bench LABEL DIR NUM [WORKLOAD,...]
//
// Keys are 16 bytes ("%016llu" of a scrambled index), values 100 bytes, half
// compressible; Snappy, a 10 bits/key Bloom filter, an 8 MiB block cache,
// otherwise each library's defaults. Workloads (in the order given):
// fillseq, fillrandom, overwrite, readrandom, readmissing, seekrandom (seek
// + 10 Next), readseq, deleterandom, fillsync (1% of NUM, every write
// synced), readrandom2/readrandom4 and fillrandom2/fillrandom4 (threads).
// Prints one line per workload: ops/s, micros/op, p50 and p99 latency.
// fill* workloads start from an empty DB; the others use the DB as the
// previous workloads left it (run fillrandom or fillseq first).
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::string BenchKey(uint64_t i) {
  char buf[17];
  snprintf(buf, sizeof(buf), "%016llu",
           static_cast<unsigned long long>((i * 0x9E3779B97F4A7C15ull) % 10000000000000000ull));
  return std::string(buf, 16);
}

// 100-byte values, the first half random letters, the rest repeated.
struct ValuePool {
  ValuePool() {
    std::mt19937_64 rng(301);
    data.resize(1 << 20);
    for (size_t i = 0; i < data.size(); i += 100) {
      for (size_t j = 0; j < 50 && i + j < data.size(); j++) data[i + j] = 'a' + rng() % 26;
      for (size_t j = 50; j < 100 && i + j < data.size(); j++) data[i + j] = 'x';
    }
  }
  rocksdb::Slice Get(uint64_t i) const {
    return rocksdb::Slice(data.data() + (i * 100) % (data.size() - 100), 100);
  }
  std::string data;
};

struct Result {
  uint64_t ops = 0;
  double seconds = 0;
  std::vector<double> lat_us;
};

void Report(const char* label, const std::string& name, Result r) {
  std::sort(r.lat_us.begin(), r.lat_us.end());
  auto pct = [&](double p) {
    return r.lat_us.empty() ? 0.0 : r.lat_us[static_cast<size_t>(p * (r.lat_us.size() - 1))];
  };
  printf("%-9s %-13s %10.0f ops/s %8.3f micros/op  p50 %7.2f us  p99 %8.2f us\n", label,
         name.c_str(), r.ops / r.seconds, r.seconds * 1e6 / r.ops, pct(0.5), pct(0.99));
  fflush(stdout);
}

rocksdb::Options BenchOptions() {
  rocksdb::Options o;
  o.create_if_missing = true;
  o.compression = rocksdb::kSnappyCompression;
  rocksdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  t.block_cache = rocksdb::NewLRUCache(8 << 20);
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

// Runs fn(thread, i) for i in [0, n) split over threads; latency sampled
// for every op (cheap relative to the ops).
template <typename Fn>
Result RunOps(uint64_t n, int threads, Fn fn) {
  Result r;
  std::vector<std::vector<double>> lats(threads);
  std::atomic<uint64_t> next{0};
  const auto start = Clock::now();
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; t++) {
    ts.emplace_back([&, t] {
      lats[t].reserve(n / threads + 1);
      while (true) {
        const uint64_t i = next.fetch_add(1);
        if (i >= n) break;
        const auto a = Clock::now();
        fn(t, i);
        lats[t].push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
      }
    });
  }
  for (auto& th : ts) th.join();
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.ops = n;
  for (auto& l : lats) r.lat_us.insert(r.lat_us.end(), l.begin(), l.end());
  return r;
}

void Check(const rocksdb::Status& s, const char* what) {
  if (!s.ok()) {
    fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: db_bench LABEL DIR NUM [WORKLOAD,...]\n");
    return 2;
  }
  const char* label = argv[1];
  const std::string dir = argv[2];
  const uint64_t num = std::strtoull(argv[3], nullptr, 10);
  std::string list = argc > 4 ? argv[4]
                              : "fillseq,fillrandom,overwrite,readrandom,readmissing,"
                                "seekrandom,readseq,deleterandom,fillsync";
  ValuePool values;
  rocksdb::Options options = BenchOptions();
  rocksdb::DB* db = nullptr;
  auto reopen = [&](bool fresh) {
    delete db;
    db = nullptr;
    if (fresh) Check(rocksdb::DestroyDB(dir, options), "destroy");
    Check(rocksdb::DB::Open(options, dir, &db), "open");
  };
  reopen(true);
  std::stringstream ss(list);
  std::string w;
  while (std::getline(ss, w, ',')) {
    const int threads = w.back() == '2' ? 2 : w.back() == '4' ? 4 : 1;
    const std::string base = threads > 1 ? w.substr(0, w.size() - 1) : w;
    rocksdb::WriteOptions wo;
    rocksdb::ReadOptions ro;
    Result r;
    if (base == "fillseq" || base == "fillrandom" || base == "fillsync") {
      reopen(true);
      const bool seq = base == "fillseq";
      uint64_t n = num;
      if (base == "fillsync") {
        wo.sync = true;
        n = std::max<uint64_t>(1000, num / 100);
      }
      r = RunOps(n, threads, [&](int, uint64_t i) {
        const uint64_t k = seq ? i : (i * 2654435761u) % num;
        Check(db->Put(wo, BenchKey(k), values.Get(i)), "put");
      });
    } else if (base == "overwrite") {
      r = RunOps(num, threads, [&](int, uint64_t i) {
        Check(db->Put(wo, BenchKey((i * 40503u) % num), values.Get(i + 7)), "put");
      });
    } else if (base == "readrandom" || base == "readmissing") {
      std::atomic<uint64_t> found{0};
      const bool missing = base == "readmissing";
      r = RunOps(num, threads, [&](int t, uint64_t i) {
        thread_local std::mt19937_64 rng(1000 + t);
        std::string v;
        std::string k = BenchKey(rng() % num);
        if (missing) k.back() = '.';
        if (db->Get(ro, k, &v).ok()) found++;
      });
      if (!missing && found.load() == 0) {
        fprintf(stderr, "readrandom found nothing\n");
        return 1;
      }
    } else if (base == "seekrandom") {
      r = RunOps(num / 10, threads, [&](int t, uint64_t) {
        thread_local std::mt19937_64 rng(2000 + t);
        std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
        it->Seek(BenchKey(rng() % num));
        for (int j = 0; j < 10 && it->Valid(); j++) it->Next();
      });
    } else if (base == "readseq") {
      std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
      uint64_t n = 0;
      const auto start = Clock::now();
      for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
      r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      r.ops = std::max<uint64_t>(n, 1);
    } else if (base == "deleterandom") {
      r = RunOps(num, threads, [&](int, uint64_t i) {
        Check(db->Delete(wo, BenchKey((i * 2654435761u) % num)), "delete");
      });
    } else {
      fprintf(stderr, "unknown workload %s\n", w.c_str());
      return 2;
    }
    Report(label, w, std::move(r));
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("%-9s peak RSS %ld MiB\n", label, ru.ru_maxrss / 1024);
  delete db;
  return 0;
}
