// OptimisticTransactionDB through the public API only (also run against
// the amalgamation): commits that conflict across threads (exactly one of
// two wins; no lost update under contention), conflicts found in SSTs
// after a flush and a compaction and from a range deletion written through
// the base DB, column families, and the transaction's view of its own
// writes. tests/unit/utilities/txn_diff_test.cpp compares single-threaded
// behaviour with librocksdb 7.8.3 line by line.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/utilities/optimistic_transaction_db.h"
#include "rocksdb/utilities/transaction.h"
#include "support/test_util.h"

namespace {

using rocksdb::OccValidationPolicy;
using rocksdb::OptimisticTransactionDB;
using rocksdb::Transaction;

struct OccDb {
  explicit OccDb(OccValidationPolicy policy) {
    rocksdb::Options o;
    o.create_if_missing = true;
    rocksdb::OptimisticTransactionDBOptions occ;
    occ.validate_policy = policy;
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    cfs.emplace_back(rocksdb::kDefaultColumnFamilyName,
                     rocksdb::ColumnFamilyOptions(o));
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    OptimisticTransactionDB* raw = nullptr;
    REQUIRE(OptimisticTransactionDB::Open(rocksdb::DBOptions(o), occ,
                                          dir.Sub("db"), cfs, &handles, &raw)
                .ok());
    db.reset(raw);
    REQUIRE(handles.size() == 1);
    delete handles[0];
  }
  skyrocks_test::TempDir dir;
  std::unique_ptr<OptimisticTransactionDB> db;
};

// Waits until n threads have arrived.
void OccArriveAndWait(std::atomic<int>* arrived, int n) {
  arrived->fetch_add(1);
  while (arrived->load() < n) std::this_thread::yield();
}

}  // namespace

TEST_CASE(
    "api optimistic txn: of two threads committing the same key, "
    "exactly one wins") {
  for (OccValidationPolicy policy : {OccValidationPolicy::kValidateParallel,
                                     OccValidationPolicy::kValidateSerial}) {
    CAPTURE(static_cast<int>(policy));
    OccDb d(policy);
    REQUIRE(d.db->Put(rocksdb::WriteOptions(), "k", "0").ok());
    for (int round = 0; round < 20; round++) {
      std::atomic<int> tracked{0};
      rocksdb::Status results[2];
      std::vector<std::thread> threads;
      for (int i = 0; i < 2; i++) {
        threads.emplace_back([&, i] {
          std::unique_ptr<Transaction> txn(
              d.db->BeginTransaction(rocksdb::WriteOptions()));
          std::string v;
          results[i] = txn->GetForUpdate(rocksdb::ReadOptions(), "k", &v);
          if (results[i].ok()) {
            results[i] = txn->Put("k", "thread" + std::to_string(i));
          }
          // Both have read the key before either commits.
          OccArriveAndWait(&tracked, 2);
          if (results[i].ok()) results[i] = txn->Commit();
        });
      }
      for (auto& t : threads) t.join();
      CAPTURE(round);
      CHECK(results[0].ok() != results[1].ok());
      CHECK((results[0].IsBusy() || results[1].IsBusy()));
      std::string v;
      REQUIRE(d.db->Get(rocksdb::ReadOptions(), "k", &v).ok());
      CHECK(v == (results[0].ok() ? "thread0" : "thread1"));
    }
  }
}

TEST_CASE("api optimistic txn: contended increments lose no update") {
  OccDb d(OccValidationPolicy::kValidateParallel);
  REQUIRE(d.db->Put(rocksdb::WriteOptions(), "counter", "0").ok());
  constexpr int kThreads = 2;
  constexpr int kIncrements = 200;
  std::atomic<int> busy{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&] {
      std::unique_ptr<Transaction> txn;
      for (int i = 0; i < kIncrements;) {
        txn.reset(d.db->BeginTransaction(
            rocksdb::WriteOptions(), rocksdb::OptimisticTransactionOptions(),
            txn.release()));
        std::string v;
        if (!txn->GetForUpdate(rocksdb::ReadOptions(), "counter", &v).ok()) {
          continue;
        }
        if (!txn->Put("counter", std::to_string(std::stoi(v) + 1)).ok()) {
          continue;
        }
        std::this_thread::yield();  // let the other thread interleave
        rocksdb::Status s = txn->Commit();
        if (s.ok()) {
          i++;
        } else if (s.IsBusy()) {
          busy++;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  std::string v;
  REQUIRE(d.db->Get(rocksdb::ReadOptions(), "counter", &v).ok());
  CHECK(v == std::to_string(kThreads * kIncrements));
  MESSAGE("busy retries: " << busy.load());
}

TEST_CASE(
    "api optimistic txn: conflicts are found in SSTs and in range "
    "deletions") {
  OccDb d(OccValidationPolicy::kValidateParallel);
  const rocksdb::WriteOptions wo;
  rocksdb::DB* base = d.db->GetBaseDB();
  SUBCASE("a write flushed and compacted after the read") {
    std::unique_ptr<Transaction> txn(d.db->BeginTransaction(wo));
    std::string v;
    CHECK(txn->GetForUpdate(rocksdb::ReadOptions(), "a", &v).IsNotFound());
    REQUIRE(d.db->Put(wo, "a", "1").ok());
    REQUIRE(d.db->Flush(rocksdb::FlushOptions()).ok());
    REQUIRE(d.db->CompactRange(rocksdb::CompactRangeOptions(), nullptr, nullptr)
                .ok());
    REQUIRE(txn->Put("b", "2").ok());
    CHECK(txn->Commit().IsBusy());
    CHECK(d.db->Get(rocksdb::ReadOptions(), "b", &v).IsNotFound());
  }
  SUBCASE("a write in an SST before the read is no conflict") {
    REQUIRE(d.db->Put(wo, "a", "1").ok());
    REQUIRE(d.db->Flush(rocksdb::FlushOptions()).ok());
    std::unique_ptr<Transaction> txn(d.db->BeginTransaction(wo));
    std::string v;
    REQUIRE(txn->GetForUpdate(rocksdb::ReadOptions(), "a", &v).ok());
    REQUIRE(d.db->Put(wo, "other", "x").ok());
    REQUIRE(d.db->Flush(rocksdb::FlushOptions()).ok());
    REQUIRE(txn->Put("a", v + "+").ok());
    REQUIRE(txn->Commit().ok());
    REQUIRE(d.db->Get(rocksdb::ReadOptions(), "a", &v).ok());
    CHECK(v == "1+");
  }
  SUBCASE("a range deletion covering the key, memtable or SST") {
    for (bool flush : {false, true}) {
      CAPTURE(flush);
      std::unique_ptr<Transaction> txn(d.db->BeginTransaction(wo));
      std::string* none = nullptr;
      REQUIRE(txn->GetForUpdate(rocksdb::ReadOptions(), "m", none).ok());
      // The transaction DB refuses DeleteRange; the base DB takes it.
      CHECK(d.db->DeleteRange(wo, d.db->DefaultColumnFamily(), "a", "z")
                .IsNotSupported());
      REQUIRE(
          base->DeleteRange(wo, base->DefaultColumnFamily(), "l", "n").ok());
      if (flush) REQUIRE(d.db->Flush(rocksdb::FlushOptions()).ok());
      CHECK(txn->Commit().IsBusy());
      // A range beside the key is no conflict.
      txn.reset(d.db->BeginTransaction(wo));
      REQUIRE(txn->GetForUpdate(rocksdb::ReadOptions(), "m", none).ok());
      REQUIRE(
          base->DeleteRange(wo, base->DefaultColumnFamily(), "n", "p").ok());
      if (flush) REQUIRE(d.db->Flush(rocksdb::FlushOptions()).ok());
      CHECK(txn->Commit().ok());
    }
  }
}

TEST_CASE(
    "api optimistic txn: reads see the transaction's writes, in every "
    "column family") {
  OccDb d(OccValidationPolicy::kValidateParallel);
  rocksdb::ColumnFamilyHandle* cf = nullptr;
  REQUIRE(
      d.db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), "cf", &cf).ok());
  const rocksdb::WriteOptions wo;
  REQUIRE(d.db->Put(wo, cf, "x", "db").ok());
  REQUIRE(d.db->Put(wo, cf, "y", "db").ok());
  {
    std::unique_ptr<Transaction> txn(d.db->BeginTransaction(wo));
    REQUIRE(txn->Put(cf, "w", "txn").ok());
    REQUIRE(txn->Delete(cf, "x").ok());
    std::string v;
    REQUIRE(txn->Get(rocksdb::ReadOptions(), cf, "w", &v).ok());
    CHECK(v == "txn");
    CHECK(txn->Get(rocksdb::ReadOptions(), cf, "x", &v).IsNotFound());
    std::unique_ptr<rocksdb::Iterator> it(
        txn->GetIterator(rocksdb::ReadOptions(), cf));
    std::string seen;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      seen += it->key().ToString() + "=" + it->value().ToString() + " ";
    }
    CHECK(seen == "w=txn y=db ");
    it.reset();
    CHECK(txn->GetNumKeys() == 2);
    CHECK(txn->Prepare().IsInvalidArgument());
    CHECK(txn->SetName("t").IsInvalidArgument());
    // Another column family's write of the same key is no conflict.
    REQUIRE(d.db->Put(wo, "w", "default").ok());
    REQUIRE(txn->Commit().ok());
    REQUIRE(d.db->Get(rocksdb::ReadOptions(), cf, "w", &v).ok());
    CHECK(v == "txn");
    CHECK(d.db->Get(rocksdb::ReadOptions(), cf, "x", &v).IsNotFound());
  }
  REQUIRE(d.db->DestroyColumnFamilyHandle(cf).ok());
}
