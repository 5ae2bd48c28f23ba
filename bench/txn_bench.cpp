// Transaction throughput, optimistic and pessimistic, public RocksDB API
// only: built against skyrocks and against librocksdb 7.8.3 (`make
// txn-bench` runs both, interleaved). Each transaction reads two keys with
// GetForUpdate (the smaller key first, so pessimistic ones cannot
// deadlock), writes both back incremented and commits; an optimistic
// commit that fails with Busy (or TryAgain), or a pessimistic lock that
// times out, counts as a retry.
//
//   txn_bench LABEL DIR SECONDS
//
// For each kind (OptimisticTransactionDB in DIR/occ, TransactionDB in
// DIR/pessimistic), 1 and 4 threads, low contention (keys drawn from
// 100,000) and high contention (from 16), prints one line: LABEL kind
// threads contention committed-txns/s busy-retries/s. DIR must not exist.
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/optimistic_transaction_db.h>
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/transaction_db.h>

#include <algorithm>
#include <atomic>
#include <functional>
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

constexpr uint64_t kBenchLowKeys = 100000;

// Loads the keys, then runs the four cases through begin(old_txn), which
// returns a (reused) transaction of the DB under test.
int RunBenchCases(
    const std::string& label, const char* kind, rocksdb::DB* db,
    double seconds,
    const std::function<rocksdb::Transaction*(rocksdb::Transaction*)>& begin) {
  for (uint64_t k = 0; k < kBenchLowKeys; k++) {
    rocksdb::Status s = db->Put(rocksdb::WriteOptions(), BenchKey(k), "0");
    if (!s.ok()) {
      std::printf("FAIL load: %s\n", s.ToString().c_str());
      return 1;
    }
  }
  for (int threads : {1, 4}) {
    for (uint64_t keys : {kBenchLowKeys, uint64_t{16}}) {
      std::atomic<bool> stop{false};
      std::atomic<uint64_t> committed{0}, busy{0}, failed{0};
      std::vector<std::thread> workers;
      for (int t = 0; t < threads; t++) {
        workers.emplace_back([&, t] {
          std::mt19937_64 rnd(static_cast<uint64_t>(t) * 7919 + keys);
          std::unique_ptr<rocksdb::Transaction> txn;
          const rocksdb::ReadOptions ro;
          while (!stop.load(std::memory_order_relaxed)) {
            txn.reset(begin(txn.release()));
            uint64_t a = rnd() % keys;
            uint64_t b = rnd() % keys;
            if (b == a) b = (a + 1) % keys;
            if (b < a) std::swap(a, b);
            rocksdb::Status s;
            for (uint64_t k : {a, b}) {
              std::string v;
              const std::string key = BenchKey(k);
              if (s.ok()) s = txn->GetForUpdate(ro, key, &v);
              if (s.ok()) s = txn->Put(key, std::to_string(std::stoll(v) + 1));
            }
            if (s.ok()) s = txn->Commit();
            if (s.ok()) {
              committed++;
            } else if (s.IsBusy() || s.IsTryAgain() || s.IsTimedOut()) {
              busy++;
              s = txn->Rollback();
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
      std::printf(
          "%s kind=%s threads=%d contention=%s txn/s=%.0f busy/s=%.0f%s\n",
          label.c_str(), kind, threads, keys == kBenchLowKeys ? "low" : "high",
          committed.load() / elapsed, busy.load() / elapsed,
          failed.load() ? " FAILED-OPS" : "");
      std::fflush(stdout);
    }
  }
  return 0;
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
  rocksdb::Status s = rocksdb::Env::Default()->CreateDirIfMissing(dir);
  if (!s.ok()) {
    std::printf("FAIL mkdir: %s\n", s.ToString().c_str());
    return 1;
  }
  {
    rocksdb::OptimisticTransactionDB* raw = nullptr;
    s = rocksdb::OptimisticTransactionDB::Open(options, dir + "/occ", &raw);
    if (!s.ok()) {
      std::printf("FAIL open: %s\n", s.ToString().c_str());
      return 1;
    }
    std::unique_ptr<rocksdb::OptimisticTransactionDB> db(raw);
    int rc = RunBenchCases(label, "optimistic", db.get(), seconds,
                           [&](rocksdb::Transaction* old) {
                             return db->BeginTransaction(
                                 rocksdb::WriteOptions(),
                                 rocksdb::OptimisticTransactionOptions(), old);
                           });
    if (rc != 0) return rc;
  }
  rocksdb::TransactionDB* raw = nullptr;
  s = rocksdb::TransactionDB::Open(options, rocksdb::TransactionDBOptions(),
                                   dir + "/pessimistic", &raw);
  if (!s.ok()) {
    std::printf("FAIL open: %s\n", s.ToString().c_str());
    return 1;
  }
  std::unique_ptr<rocksdb::TransactionDB> db(raw);
  return RunBenchCases(label, "pessimistic", db.get(), seconds,
                       [&](rocksdb::Transaction* old) {
                         return db->BeginTransaction(
                             rocksdb::WriteOptions(),
                             rocksdb::TransactionOptions(), old);
                       });
}
