// kill -9 during a two-phase-commit stream (issue 20's crash test): a
// child process commits transactions of two keys each through a
// TransactionDB with sync writes, most of them prepared first, some left
// prepared on purpose, some rolled back after the prepare, with flushes in
// between, and records each acknowledged commit; the parent kills it with
// SIGKILL at a random moment and reopens. No acknowledged commit may be
// lost, no transaction may be half applied, a prepared transaction must
// come back prepared (and none other), and committing the recovered ones
// applies them whole. Three cycles on one DB.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "rocksdb/options.h"
#include "rocksdb/utilities/transaction.h"
#include "rocksdb/utilities/transaction_db.h"
#include "support/test_util.h"

namespace {

using rocksdb::Status;
using rocksdb::Transaction;
using rocksdb::TransactionDB;

std::string TxnCrashName(int cycle, int i) {
  return "c" + std::to_string(cycle) + "_" + std::to_string(i);
}

// What the child does with transaction i.
enum class TxnCrashKind { kPlain, kPrepareCommit, kLeavePrepared, kRollback };
TxnCrashKind TxnCrashKindOf(int i) {
  if (i % 7 == 3) return TxnCrashKind::kLeavePrepared;
  if (i % 11 == 5) return TxnCrashKind::kRollback;
  if (i % 3 == 0) return TxnCrashKind::kPlain;
  return TxnCrashKind::kPrepareCommit;
}

[[noreturn]] void TxnCrashChild(const std::string& path,
                                const std::string& acks, int cycle) {
  rocksdb::Options o;
  o.create_if_missing = true;
  o.write_buffer_size = 64 << 10;  // memtable switches and flushes
  TransactionDB* db = nullptr;
  if (!TransactionDB::Open(o, rocksdb::TransactionDBOptions(), path, &db)
           .ok()) {
    _exit(3);
  }
  FILE* ack = std::fopen(acks.c_str(), "a");
  if (ack == nullptr) _exit(4);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  const std::string pad(200, 'x');
  for (int i = 0;; i++) {
    const std::string name = TxnCrashName(cycle, i);
    Transaction* t = db->BeginTransaction(wo);
    const TxnCrashKind kind = TxnCrashKindOf(i);
    bool ok = kind == TxnCrashKind::kPlain || t->SetName(name).ok();
    ok = ok && t->Put("a_" + name, name + pad).ok() &&
         t->Put("b_" + name, name + pad).ok();
    if (ok && kind != TxnCrashKind::kPlain) ok = t->Prepare().ok();
    if (!ok) _exit(5);
    if (kind == TxnCrashKind::kRollback) {
      if (!t->Rollback().ok()) _exit(6);
    } else if (kind != TxnCrashKind::kLeavePrepared) {
      if (!t->Commit().ok()) _exit(7);
      std::fprintf(ack, "%d\n", i);
      std::fflush(ack);
    }
    if (kind != TxnCrashKind::kLeavePrepared) delete t;  // else the DB owns it
    if (i % 97 == 96 && !db->Flush(rocksdb::FlushOptions()).ok()) _exit(8);
  }
}

std::set<int> ReadAcks(const std::string& acks) {
  std::set<int> out;
  std::ifstream f(acks);
  int i;
  while (f >> i) out.insert(i);
  return out;
}

// Polls cond every 10 ms for up to max_ms.
template <typename F>
bool TxnCrashWaitFor(F cond, int max_ms) {
  for (int waited = 0; waited < max_ms; waited += 10) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return cond();
}

}  // namespace

TEST_CASE(
    "api txn db: kill -9 during a two-phase commit stream loses no "
    "committed transaction and applies none by half") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  std::mt19937 rng(20);
  std::vector<std::set<int>> committed(3);
  for (int cycle = 0; cycle < 3; cycle++) {
    CAPTURE(cycle);
    const std::string acks = dir.Sub("acks" + std::to_string(cycle));
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) TxnCrashChild(path, acks, cycle);
    // Let some commits happen, then kill at a random moment.
    REQUIRE(TxnCrashWaitFor(
        [&] { return ReadAcks(acks).size() >= 20; }, 60000));
    std::this_thread::sleep_for(
        std::chrono::milliseconds(50 + static_cast<int>(rng() % 400)));
    REQUIRE(kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFSIGNALED(status));
    const std::set<int> acked = ReadAcks(acks);
    const int last = *acked.rbegin();

    rocksdb::Options o;
    TransactionDB* raw = nullptr;
    Status s = TransactionDB::Open(o, rocksdb::TransactionDBOptions(), path,
                                   &raw);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    std::unique_ptr<TransactionDB> db(raw);
    std::vector<Transaction*> prepared;
    db->GetAllPreparedTransactions(&prepared);
    std::set<std::string> prepared_names;
    for (Transaction* t : prepared) prepared_names.insert(t->GetName());
    rocksdb::ReadOptions ro;
    // Every transaction the child may have started: whole or absent.
    for (int i = 0; i <= last + 2; i++) {
      CAPTURE(i);
      const std::string name = TxnCrashName(cycle, i);
      std::string a, b;
      const bool has_a = db->Get(ro, "a_" + name, &a).ok();
      const bool has_b = db->Get(ro, "b_" + name, &b).ok();
      CHECK(has_a == has_b);
      if (acked.count(i) != 0) {
        CHECK(has_a);
        CHECK(a.compare(0, name.size(), name) == 0);
      }
      const TxnCrashKind kind = TxnCrashKindOf(i);
      if (kind == TxnCrashKind::kLeavePrepared && i <= last) {
        CHECK(prepared_names.count(name) == 1);
        CHECK(!has_a);
      }
      if (kind == TxnCrashKind::kRollback) {
        CHECK(!has_a);
        if (i < last) CHECK(prepared_names.count(name) == 0);
      }
      if (has_a) committed[cycle].insert(i);
    }
    // Only deliberately left ones, or the one in flight, come back.
    for (const std::string& n : prepared_names) {
      CAPTURE(n);
      const int i = std::stoi(n.substr(n.find('_') + 1));
      CHECK((TxnCrashKindOf(i) == TxnCrashKind::kLeavePrepared || i > last));
    }
    // Committing the recovered ones applies both keys.
    for (Transaction* t : prepared) {
      const std::string name = t->GetName();
      REQUIRE(t->Commit().ok());
      delete t;
      std::string a, b;
      CHECK(db->Get(ro, "a_" + name, &a).ok());
      CHECK(db->Get(ro, "b_" + name, &b).ok());
    }
    // Earlier cycles' transactions are all still there.
    for (int c = 0; c < cycle; c++) {
      for (int i : committed[c]) {
        std::string a;
        CHECK(db->Get(ro, "a_" + TxnCrashName(c, i), &a).ok());
      }
    }
  }
}
