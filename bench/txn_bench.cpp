// Optimistic transaction throughput, public RocksDB API only: built against
// skyrocks and against librocksdb 7.8.3 (`make txn-bench` runs both,
// interleaved). Each transaction reads two keys with GetForUpdate, writes
// both back incremented and commits, retrying on Busy (or TryAgain).
//
//   txn_bench LABEL DIR SECONDS
//
// For 1 and 4 threads, low contention (keys drawn from 100,000) and high
// contention (from 16), prints one line: LABEL threads contention
// committed-txns/s busy-retries/s. DIR must not exist.
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/optimistic_transaction_db.h>
#include <rocksdb/utilities/transaction.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string BenchKey(uint64_t k) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "key%012llu",
                static_cast<unsigned long long>(k));
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: txn_bench LABEL DIR SECONDS\n");
    return 2;
  }
  const std::string label = argv[1];
  const std::string dir = argv[2];
  const double seconds = std::stod(argv[3]);
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::OptimisticTransactionDB* raw = nullptr;
  rocksdb::Status s =
      rocksdb::OptimisticTransactionDB::Open(options, dir, &raw);
  if (!s.ok()) {
    std::printf("FAIL open: %s\n", s.ToString().c_str());
    return 1;
  }
  std::unique_ptr<rocksdb::OptimisticTransactionDB> db(raw);
  constexpr uint64_t kLowKeys = 100000;
  for (uint64_t k = 0; k < kLowKeys; k++) {
    s = db->Put(rocksdb::WriteOptions(), BenchKey(k), "0");
    if (!s.ok()) {
      std::printf("FAIL load: %s\n", s.ToString().c_str());
      return 1;
    }
  }
  for (int threads : {1, 4}) {
    for (uint64_t keys : {kLowKeys, uint64_t{16}}) {
      std::atomic<bool> stop{false};
      std::atomic<uint64_t> committed{0}, busy{0}, failed{0};
      std::vector<std::thread> workers;
      for (int t = 0; t < threads; t++) {
        workers.emplace_back([&, t] {
          std::mt19937_64 rnd(static_cast<uint64_t>(t) * 7919 + keys);
          std::unique_ptr<rocksdb::Transaction> txn;
          const rocksdb::ReadOptions ro;
          while (!stop.load(std::memory_order_relaxed)) {
            txn.reset(db->BeginTransaction(
                rocksdb::WriteOptions(),
                rocksdb::OptimisticTransactionOptions(), txn.release()));
            const uint64_t a = rnd() % keys;
            uint64_t b = rnd() % keys;
            if (b == a) b = (a + 1) % keys;
            bool ok = true;
            for (uint64_t k : {a, b}) {
              std::string v;
              const std::string key = BenchKey(k);
              ok = ok && txn->GetForUpdate(ro, key, &v).ok() &&
                   txn->Put(key, std::to_string(std::stoll(v) + 1)).ok();
            }
            if (!ok) {
              failed++;
              continue;
            }
            rocksdb::Status c = txn->Commit();
            if (c.ok()) {
              committed++;
            } else if (c.IsBusy() || c.IsTryAgain()) {
              busy++;
            } else {
              failed++;
            }
          }
        });
      }
      const auto start = std::chrono::steady_clock::now();
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
      stop = true;
      for (auto& w : workers) w.join();
      const double elapsed = std::chrono::duration<double>(
                                 std::chrono::steady_clock::now() - start)
                                 .count();
      std::printf("%s threads=%d contention=%s txn/s=%.0f busy/s=%.0f%s\n",
                  label.c_str(), threads, keys == kLowKeys ? "low" : "high",
                  committed.load() / elapsed, busy.load() / elapsed,
                  failed.load() ? " FAILED-OPS" : "");
      std::fflush(stdout);
    }
  }
  return 0;
}
