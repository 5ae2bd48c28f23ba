// TransactionDB (pessimistic) through the public API only (also run
// against the amalgamation): a lock waited for and then granted, a lock
// timeout, a deadlock between two transactions found at once (Busy,
// kDeadlock) and recorded, no lost update among threads incrementing one
// counter, the lock limit, prepared transactions that survive flushes and
// a reopen (their WAL kept, then released after the commit), and a WAL
// with a prepared section refused by a plain DB. The kill -9 test of a
// two-phase commit stream is tests/api/transaction_db_crash_test.cpp;
// tests/unit/utilities/ptxn_diff_test.cpp compares behaviour with
// librocksdb 7.8.3 line by line.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/options.h"
#include "rocksdb/utilities/transaction.h"
#include "rocksdb/utilities/transaction_db.h"
#include "support/test_util.h"

namespace {

using rocksdb::Status;
using rocksdb::Transaction;
using rocksdb::TransactionDB;

std::unique_ptr<TransactionDB> OpenTxnDb(
    const std::string& path, const rocksdb::TransactionDBOptions& tdb =
                                 rocksdb::TransactionDBOptions()) {
  rocksdb::Options o;
  o.create_if_missing = true;
  TransactionDB* raw = nullptr;
  Status s = TransactionDB::Open(o, tdb, path, &raw);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return std::unique_ptr<TransactionDB>(raw);
}

int CountWalFiles(const std::string& dir) {
  std::vector<std::string> children;
  REQUIRE(rocksdb::Env::Default()->GetChildren(dir, &children).ok());
  int n = 0;
  for (const std::string& c : children) {
    if (c.size() > 4 && c.compare(c.size() - 4, 4, ".log") == 0) n++;
  }
  return n;
}

// The payloads of the WAL records in dir's only WAL (records of one
// fragment each, as small writes are; doc/log_format.md).
std::vector<std::string> WalRecordPayloads(const std::string& dir) {
  std::vector<std::string> children;
  REQUIRE(rocksdb::Env::Default()->GetChildren(dir, &children).ok());
  std::string wal;
  for (const std::string& c : children) {
    if (c.size() > 4 && c.compare(c.size() - 4, 4, ".log") == 0) {
      REQUIRE(wal.empty());
      wal = dir + "/" + c;
    }
  }
  const std::string bytes = skyrocks_test::ReadWholeFile(wal);
  std::vector<std::string> out;
  size_t i = 0;
  while (i + 7 <= bytes.size()) {
    const size_t len = static_cast<unsigned char>(bytes[i + 4]) |
                       (static_cast<size_t>(static_cast<unsigned char>(
                            bytes[i + 5]))
                        << 8);
    if (len == 0 && bytes[i + 6] == 0) break;
    REQUIRE(bytes[i + 6] == 1);  // a full record
    out.push_back(bytes.substr(i + 7, len));
    i += 7 + len;
  }
  return out;
}

}  // namespace

TEST_CASE(
    "api txn db: the WAL holds RocksDB 7.8.3's bytes for a commit, a "
    "prepare and the commit of the prepared transaction") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  auto db = OpenTxnDb(path);
  rocksdb::WriteOptions wo;
  REQUIRE(db->Put(wo, "a", "1").ok());
  std::unique_ptr<Transaction> t(db->BeginTransaction(wo));
  REQUIRE(t->SetName("x1").ok());
  REQUIRE(t->Put("k1", "v1").ok());
  REQUIRE(t->Prepare().ok());
  REQUIRE(t->Commit().ok());
  const std::vector<std::string> records = WalRecordPayloads(path);
  // The same bytes librocksdb 7.8.3 writes for these calls.
  const std::vector<std::string> expected = {
      std::string("\x01\0\0\0\0\0\0\0\x01\0\0\0"
                  "\x0d\x01\x01" "a\x01" "1",
                  18),
      std::string("\x02\0\0\0\0\0\0\0\x01\0\0\0"
                  "\x09\x01\x02k1\x02v1\x0a\x02x1",
                  24),
      std::string("\x02\0\0\0\0\0\0\0\0\0\0\0\x0b\x02x1", 16)};
  CHECK(records == expected);
}

TEST_CASE("api txn db: a waiting transaction gets the lock once released") {
  skyrocks_test::TempDir dir;
  auto db = OpenTxnDb(dir.Sub("db"));
  rocksdb::WriteOptions wo;
  std::unique_ptr<Transaction> t1(db->BeginTransaction(wo));
  REQUIRE(t1->Put("k", "one").ok());
  rocksdb::TransactionOptions to;
  to.lock_timeout = 10000;
  std::unique_ptr<Transaction> t2(db->BeginTransaction(wo, to));
  Status got;
  std::string value;
  std::thread waiter([&] {
    got = t2->GetForUpdate(rocksdb::ReadOptions(), "k", &value);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // t2 waits for t1.
  uint32_t cf = 99;
  std::string key;
  std::vector<rocksdb::TransactionID> waits = t2->GetWaitingTxns(&cf, &key);
  CHECK(waits == std::vector<rocksdb::TransactionID>{t1->GetID()});
  CHECK(key == "k");
  REQUIRE(t1->Commit().ok());
  waiter.join();
  CHECK(got.ok());
  CHECK(value == "one");
  CHECK(t2->GetWaitingTxns(&cf, &key).empty());
}

TEST_CASE("api txn db: a lock not released in time is TimedOut(kLockTimeout)") {
  skyrocks_test::TempDir dir;
  auto db = OpenTxnDb(dir.Sub("db"));
  rocksdb::WriteOptions wo;
  std::unique_ptr<Transaction> t1(db->BeginTransaction(wo));
  REQUIRE(t1->Put("k", "one").ok());
  rocksdb::TransactionOptions to;
  to.lock_timeout = 100;
  std::unique_ptr<Transaction> t2(db->BeginTransaction(wo, to));
  const auto start = std::chrono::steady_clock::now();
  Status s = t2->Put("k", "two");
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(s.IsTimedOut());
  CHECK(s.subcode() == Status::kLockTimeout);
  CHECK(waited >= std::chrono::milliseconds(90));
  // A plain write waits default_lock_timeout (1 s) and fails the same way.
  s = db->Put(wo, "k", "three");
  CHECK(s.IsTimedOut());
  REQUIRE(t1->Rollback().ok());
  CHECK(db->Put(wo, "k", "three").ok());
}

TEST_CASE("api txn db: a deadlock is Busy(kDeadlock) at once and recorded") {
  skyrocks_test::TempDir dir;
  auto db = OpenTxnDb(dir.Sub("db"));
  rocksdb::WriteOptions wo;
  rocksdb::TransactionOptions to;
  to.deadlock_detect = true;
  to.lock_timeout = 20000;
  std::unique_ptr<Transaction> t1(db->BeginTransaction(wo, to));
  std::unique_ptr<Transaction> t2(db->BeginTransaction(wo, to));
  REQUIRE(t1->Put("a", "1").ok());
  REQUIRE(t2->Put("b", "2").ok());
  Status s1;
  std::thread waiter([&] { s1 = t1->Put("b", "1"); });
  while (t1->GetWaitingTxns(nullptr, nullptr).empty()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const auto start = std::chrono::steady_clock::now();
  Status s2 = t2->Put("a", "2");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  CHECK(s2.IsBusy());
  CHECK(s2.subcode() == Status::kDeadlock);
  std::vector<rocksdb::DeadlockPath> paths = db->GetDeadlockInfoBuffer();
  REQUIRE(paths.size() == 1);
  REQUIRE(paths[0].path.size() == 2);
  CHECK(!paths[0].limit_exceeded);
  // As RocksDB orders it: from the waiter the cycle was entered by.
  CHECK(paths[0].path[0].m_txn_id == t1->GetID());
  CHECK(paths[0].path[0].m_waiting_key == "b");
  CHECK(paths[0].path[1].m_txn_id == t2->GetID());
  CHECK(paths[0].path[1].m_waiting_key == "a");
  REQUIRE(t2->Rollback().ok());
  waiter.join();
  CHECK(s1.ok());
  REQUIRE(t1->Commit().ok());
  std::string v;
  REQUIRE(db->Get(rocksdb::ReadOptions(), "b", &v).ok());
  CHECK(v == "1");
}

TEST_CASE("api txn db: threads incrementing one counter lose no update") {
  skyrocks_test::TempDir dir;
  auto db = OpenTxnDb(dir.Sub("db"));
  REQUIRE(db->Put(rocksdb::WriteOptions(), "n", "0").ok());
  constexpr int kThreads = 4, kEach = 150;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&] {
      rocksdb::TransactionOptions to;
      to.lock_timeout = -1;  // wait as long as it takes
      std::unique_ptr<Transaction> txn;
      for (int i = 0; i < kEach; i++) {
        txn.reset(db->BeginTransaction(rocksdb::WriteOptions(), to,
                                       txn.release()));
        std::string v;
        if (!txn->GetForUpdate(rocksdb::ReadOptions(), "n", &v).ok() ||
            !txn->Put("n", std::to_string(std::stoi(v) + 1)).ok() ||
            !txn->Commit().ok()) {
          failures++;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures.load() == 0);
  std::string v;
  REQUIRE(db->Get(rocksdb::ReadOptions(), "n", &v).ok());
  CHECK(v == std::to_string(kThreads * kEach));
  CHECK(db->GetLockStatusData().empty());
}

TEST_CASE("api txn db: max_num_locks refuses more locks with kLockLimit") {
  skyrocks_test::TempDir dir;
  rocksdb::TransactionDBOptions tdb;
  tdb.max_num_locks = 2;
  auto db = OpenTxnDb(dir.Sub("db"), tdb);
  std::unique_ptr<Transaction> t(db->BeginTransaction(rocksdb::WriteOptions()));
  CHECK(t->Put("a", "1").ok());
  CHECK(t->Put("b", "1").ok());
  Status s = t->Put("c", "1");
  CHECK(s.IsBusy());
  CHECK(s.subcode() == Status::kLockLimit);
  CHECK(t->Put("a", "2").ok());  // a lock already held
  REQUIRE(t->Commit().ok());
  CHECK(db->Put(rocksdb::WriteOptions(), "c", "1").ok());
}

TEST_CASE(
    "api txn db: a prepared transaction survives flushes and a reopen; "
    "after its commit its WAL goes") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    auto db = OpenTxnDb(path);
    std::unique_ptr<Transaction> t(
        db->BeginTransaction(rocksdb::WriteOptions()));
    REQUIRE(t->SetName("xa").ok());
    REQUIRE(t->Put("p", "prepared").ok());
    REQUIRE(t->Prepare().ok());
    for (int i = 0; i < 3; i++) {
      REQUIRE(db->Put(rocksdb::WriteOptions(), "k" + std::to_string(i), "v")
                  .ok());
      REQUIRE(db->Flush(rocksdb::FlushOptions()).ok());
    }
    // The prepare's WAL is kept beside the current one.
    CHECK(CountWalFiles(path) >= 2);
    t.reset();  // deleting a prepared transaction does not roll it back
  }
  {
    auto db = OpenTxnDb(path);
    std::vector<Transaction*> prepared;
    db->GetAllPreparedTransactions(&prepared);
    REQUIRE(prepared.size() == 1);
    CHECK(prepared[0]->GetName() == "xa");
    CHECK(db->GetTransactionByName("xa") == prepared[0]);
    std::string v;
    CHECK(db->Get(rocksdb::ReadOptions(), "p", &v).IsNotFound());
    REQUIRE(prepared[0]->Commit().ok());
    delete prepared[0];
    REQUIRE(db->Get(rocksdb::ReadOptions(), "p", &v).ok());
    CHECK(v == "prepared");
    REQUIRE(db->Flush(rocksdb::FlushOptions()).ok());
    CHECK(CountWalFiles(path) == 1);
  }
  auto db = OpenTxnDb(path);
  std::vector<Transaction*> prepared;
  db->GetAllPreparedTransactions(&prepared);
  CHECK(prepared.empty());
  std::string v;
  REQUIRE(db->Get(rocksdb::ReadOptions(), "p", &v).ok());
  CHECK(v == "prepared");
}

TEST_CASE("api txn db: a plain DB refuses a WAL holding a prepared section") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    auto db = OpenTxnDb(path);
    std::unique_ptr<Transaction> t(
        db->BeginTransaction(rocksdb::WriteOptions()));
    REQUIRE(t->SetName("xa").ok());
    REQUIRE(t->Put("p", "1").ok());
    REQUIRE(t->Prepare().ok());
  }
  rocksdb::Options o;
  rocksdb::DB* raw = nullptr;
  Status s = rocksdb::DB::Open(o, path, &raw);
  CHECK(s.IsNotSupported());
  CHECK(s.ToString().find("TransactionDB::Open") != std::string::npos);
  delete raw;
}
