// Differential program for the pessimistic TransactionDB: built against
// librocksdb 7.8.3 ($(BUILD)/oracle/ptxn_diff) and against skyrocks
// ($(BUILD)/diff/ptxn_diff); both run the same script and must print the
// same lines (tests/unit/utilities/ptxn_diff_test.cpp compares them). A DB
// left by one library may be opened by the other: a script that ends with
// `crash` leaves prepared transactions in the WAL for the next run.
//
//   ptxn_diff DBDIR < SCRIPT
//
// DBDIR is created if missing. Column families 0 "default" and 1 "cf1",
// both with the merge operator "txn_diff.append" (joins with ','). Lock
// timeouts are 0 (a conflict answers at once) unless `begint` sets one.
// T is a transaction slot 0..3, CF 0 or 1. One command a line, # comments;
// statuses print as code/subcode numbers.
//
//   begin T [snap] | reuse T [snap]      BeginTransaction (reuse: old_txn)
//   begint T MS | beginexp T MS          with lock_timeout / expiration
//   put T CF K V | merge T CF K V | del T CF K | sdel T CF K
//   putu T CF K V | delu T CF K          untracked writes
//   get T CF K | gets T CF K             Get (gets: at the txn's snapshot)
//   gfu T CF K | gfus T CF K | gfush T CF K  GetForUpdate (s: then Get at
//                                        the snapshot; sh: shared lock)
//   undo T CF K | snap T | clearsnap T | sp T | rb T | pop T
//   commit T | rollback T | num T | state T | iter T CF | free T
//   setname T NAME | prepare T | ctput T CF K V (commit-time batch)
//   byname T NAME                        GetTransactionByName into slot T
//                                        (for a recovered transaction: the
//                                        slot then owns it)
//   named NAME                           GetTransactionByName: found/none
//   prepared                             GetAllPreparedTransactions
//   locks                                GetLockStatusData
//   dbput CF K V | dbmerge CF K V | dbdel CF K | dbget CF K | flush CF
//   dbwrite CF K V [K V...]              one WriteBatch through the DB
//   sleep MS | crash                     crash: exit without closing
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/transaction_db.h>
#include <rocksdb/utilities/write_batch_with_index.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using ROCKSDB_NAMESPACE::ColumnFamilyHandle;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::Transaction;

class TxnAppend : public ROCKSDB_NAMESPACE::AssociativeMergeOperator {
 public:
  bool Merge(const Slice& /*key*/, const Slice* existing, const Slice& value,
             std::string* new_value,
             ROCKSDB_NAMESPACE::Logger* /*logger*/) const override {
    new_value->clear();
    if (existing != nullptr) {
      new_value->assign(existing->data(), existing->size());
      new_value->push_back(',');
    }
    new_value->append(value.data(), value.size());
    return true;
  }
  const char* Name() const override { return "txn_diff.append"; }
};

std::string Code(const Status& s) {
  return std::to_string(static_cast<int>(s.code())) + "/" +
         std::to_string(static_cast<int>(s.subcode()));
}

class Runner {
 public:
  Runner(ROCKSDB_NAMESPACE::TransactionDB* db,
         std::vector<ColumnFamilyHandle*> handles)
      : db_(db), h_(std::move(handles)) {}
  ~Runner() {
    for (auto& t : txns_) t.reset();
    for (ColumnFamilyHandle* h : h_) {
      Status s = db_->DestroyColumnFamilyHandle(h);
      if (!s.ok()) std::cout << "FAIL destroy handle: " << s.ToString() << "\n";
    }
    delete db_;
  }

  void Line(const std::string& line) {
    std::istringstream in(line);
    std::string cmd;
    if (!(in >> cmd) || cmd[0] == '#') return;
    std::vector<std::string> a;
    std::string w;
    while (in >> w) a.push_back(w);
    std::cout << line << " ->";
    Run(cmd, a);
    std::cout << "\n";
    if (cmd == "crash") {
      std::cout.flush();
      _exit(0);
    }
  }

 private:
  ColumnFamilyHandle* Cf(const std::string& s) {
    return h_.at(static_cast<size_t>(std::stoi(s)));
  }
  void Print(const Status& s) { std::cout << " " << Code(s); }
  void PrintValue(const Status& s, const std::string& v) {
    std::cout << " " << Code(s);
    if (s.ok()) std::cout << "=" << v;
  }
  void PrintTxn(Transaction* t) {
    std::cout << " " << t->GetName() << ":state=" << t->GetState()
              << ",count=" << t->GetWriteBatch()->GetWriteBatch()->Count()
              << ",bytes=" << t->GetWriteBatch()->GetWriteBatch()->GetDataSize();
    for (ColumnFamilyHandle* h : h_) {
      std::unique_ptr<ROCKSDB_NAMESPACE::WBWIIterator> it(
          t->GetWriteBatch()->NewIterator(h));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        std::cout << "," << h->GetID() << ":" << it->Entry().key.ToString();
      }
    }
  }

  bool DbCommand(const std::string& cmd, const std::vector<std::string>& a) {
    const ROCKSDB_NAMESPACE::WriteOptions wo;
    const ROCKSDB_NAMESPACE::ReadOptions ro;
    if (cmd == "dbput") {
      Print(db_->Put(wo, Cf(a.at(0)), a.at(1), a.at(2)));
    } else if (cmd == "dbmerge") {
      Print(db_->Merge(wo, Cf(a.at(0)), a.at(1), a.at(2)));
    } else if (cmd == "dbdel") {
      Print(db_->Delete(wo, Cf(a.at(0)), a.at(1)));
    } else if (cmd == "dbwrite") {
      ROCKSDB_NAMESPACE::WriteBatch b;
      for (size_t i = 1; i + 1 < a.size(); i += 2) {
        Status s = b.Put(Cf(a.at(0)), a[i], a[i + 1]);
        if (!s.ok()) Print(s);
      }
      Print(db_->Write(wo, &b));
    } else if (cmd == "dbget") {
      std::string v;
      Status s = db_->Get(ro, Cf(a.at(0)), a.at(1), &v);
      PrintValue(s, v);
    } else if (cmd == "flush") {
      Print(db_->Flush(ROCKSDB_NAMESPACE::FlushOptions(), Cf(a.at(0))));
    } else if (cmd == "sleep") {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(a.at(0))));
    } else if (cmd == "crash") {
    } else if (cmd == "named") {
      std::cout << (db_->GetTransactionByName(a.at(0)) != nullptr ? " found"
                                                                  : " none");
    } else if (cmd == "prepared") {
      std::vector<Transaction*> p;
      db_->GetAllPreparedTransactions(&p);
      std::sort(p.begin(), p.end(), [](Transaction* x, Transaction* y) {
        return x->GetName() < y->GetName();
      });
      std::cout << " n=" << p.size();
      for (Transaction* t : p) PrintTxn(t);
    } else if (cmd == "locks") {
      auto m = db_->GetLockStatusData();
      std::vector<std::string> out;
      for (const auto& kv : m) {
        out.push_back(std::to_string(kv.first) + ":" + kv.second.key +
                      (kv.second.exclusive ? ":x" : ":s") +
                      std::to_string(kv.second.ids.size()));
      }
      std::sort(out.begin(), out.end());
      for (const std::string& o : out) std::cout << " " << o;
    } else {
      return false;
    }
    return true;
  }

  void Run(const std::string& cmd, const std::vector<std::string>& a) {
    if (DbCommand(cmd, a)) return;
    const ROCKSDB_NAMESPACE::WriteOptions wo;
    const ROCKSDB_NAMESPACE::ReadOptions ro;
    std::unique_ptr<Transaction>& slot = txns_.at(std::stoul(a.at(0)));
    if (cmd == "begin" || cmd == "reuse" || cmd == "begint" ||
        cmd == "beginexp") {
      ROCKSDB_NAMESPACE::TransactionOptions to;
      to.set_snapshot = a.size() > 1 && a[1] == "snap";
      if (cmd == "begint") to.lock_timeout = std::stoi(a.at(1));
      if (cmd == "beginexp") to.expiration = std::stoi(a.at(1));
      if (cmd == "reuse" && slot != nullptr) {
        Transaction* t = db_->BeginTransaction(wo, to, slot.get());
        std::cout << (t == slot.get() ? " same" : " other");
      } else {
        slot.reset(db_->BeginTransaction(wo, to));
      }
      return;
    }
    if (cmd == "byname") {
      Transaction* t = db_->GetTransactionByName(a.at(1));
      std::cout << (t != nullptr ? " found" : " none");
      if (t != nullptr) slot.reset(t);
      return;
    }
    Transaction* t = slot.get();
    if (t == nullptr) {
      std::cout << " no-transaction";
      return;
    }
    ROCKSDB_NAMESPACE::ReadOptions at_snap;
    at_snap.snapshot = t->GetSnapshot();
    if (cmd == "put") {
      Print(t->Put(Cf(a.at(1)), a.at(2), a.at(3)));
    } else if (cmd == "merge") {
      Print(t->Merge(Cf(a.at(1)), a.at(2), a.at(3)));
    } else if (cmd == "del") {
      Print(t->Delete(Cf(a.at(1)), a.at(2)));
    } else if (cmd == "sdel") {
      Print(t->SingleDelete(Cf(a.at(1)), a.at(2)));
    } else if (cmd == "putu") {
      Print(t->PutUntracked(Cf(a.at(1)), a.at(2), a.at(3)));
    } else if (cmd == "delu") {
      Print(t->DeleteUntracked(Cf(a.at(1)), a.at(2)));
    } else if (cmd == "ctput") {
      Print(t->GetCommitTimeWriteBatch()->Put(Cf(a.at(1)), a.at(2), a.at(3)));
    } else if (cmd == "get" || cmd == "gets") {
      std::string v;
      Status s = t->Get(cmd == "get" ? ro : at_snap, Cf(a.at(1)), a.at(2), &v);
      PrintValue(s, v);
    } else if (cmd == "gfu" || cmd == "gfush") {
      std::string v;
      Status s = t->GetForUpdate(ro, Cf(a.at(1)), a.at(2), &v,
                                 /*exclusive=*/cmd == "gfu");
      PrintValue(s, v);
    } else if (cmd == "gfus") {
      std::string* none = nullptr;
      Status s = t->GetForUpdate(ro, Cf(a.at(1)), a.at(2), none);
      std::string v;
      ROCKSDB_NAMESPACE::ReadOptions now;
      now.snapshot = t->GetSnapshot();
      if (s.ok()) s = t->Get(now, Cf(a.at(1)), a.at(2), &v);
      PrintValue(s, v);
    } else if (cmd == "undo") {
      t->UndoGetForUpdate(Cf(a.at(1)), a.at(2));
    } else if (cmd == "snap") {
      t->SetSnapshot();
    } else if (cmd == "clearsnap") {
      t->ClearSnapshot();
    } else if (cmd == "sp") {
      t->SetSavePoint();
    } else if (cmd == "rb") {
      Print(t->RollbackToSavePoint());
    } else if (cmd == "pop") {
      Print(t->PopSavePoint());
    } else if (cmd == "commit") {
      Print(t->Commit());
    } else if (cmd == "rollback") {
      Print(t->Rollback());
    } else if (cmd == "num") {
      std::cout << " keys=" << t->GetNumKeys() << " puts=" << t->GetNumPuts()
                << " deletes=" << t->GetNumDeletes()
                << " merges=" << t->GetNumMerges();
    } else if (cmd == "state") {
      PrintTxn(t);
    } else if (cmd == "free") {
      slot.reset();
    } else if (cmd == "prepare") {
      Print(t->Prepare());
    } else if (cmd == "setname") {
      Print(t->SetName(a.at(1)));
    } else if (cmd == "iter") {
      std::unique_ptr<ROCKSDB_NAMESPACE::Iterator> it(
          t->GetIterator(ro, Cf(a.at(1))));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        std::cout << " " << it->key().ToString() << "="
                  << it->value().ToString();
      }
      Print(it->status());
    } else {
      std::cout << " unknown command";
    }
  }

  ROCKSDB_NAMESPACE::TransactionDB* db_;
  std::vector<ColumnFamilyHandle*> h_;
  std::vector<std::unique_ptr<Transaction>> txns_ =
      std::vector<std::unique_ptr<Transaction>>(4);
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ptxn_diff DBDIR < SCRIPT\n");
    return 2;
  }
  ROCKSDB_NAMESPACE::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.merge_operator = std::make_shared<TxnAppend>();
  ROCKSDB_NAMESPACE::ColumnFamilyOptions cf_opts(options);
  std::vector<ROCKSDB_NAMESPACE::ColumnFamilyDescriptor> cfs;
  cfs.emplace_back(ROCKSDB_NAMESPACE::kDefaultColumnFamilyName, cf_opts);
  cfs.emplace_back("cf1", cf_opts);
  ROCKSDB_NAMESPACE::TransactionDBOptions tdb;
  tdb.transaction_lock_timeout = 0;
  tdb.default_lock_timeout = 0;
  std::vector<ColumnFamilyHandle*> handles;
  ROCKSDB_NAMESPACE::TransactionDB* db = nullptr;
  Status s = ROCKSDB_NAMESPACE::TransactionDB::Open(
      ROCKSDB_NAMESPACE::DBOptions(options), tdb, argv[1], cfs, &handles, &db);
  if (!s.ok()) {
    std::printf("FAIL open: %s\n", s.ToString().c_str());
    return 1;
  }
  Runner runner(db, handles);
  std::string line;
  while (std::getline(std::cin, line)) runner.Line(line);
  return 0;
}
