// Differential program for OptimisticTransactionDB: built against
// librocksdb 7.8.3 ($(BUILD)/oracle/txn_diff) and against skyrocks
// ($(BUILD)/diff/txn_diff); both run the same script of interleaved
// transactions and must print the same lines
// (tests/unit/utilities/txn_diff_test.cpp compares them).
//
//   txn_diff DBDIR [serial] < SCRIPT
//
// DBDIR must not exist. Column families 0 "default" and 1 "cf1", both with
// the merge operator "txn_diff.append" (joins with ','). T is a
// transaction slot 0..2, CF 0 or 1. One command a line, # comments;
// statuses print as their code name only.
//
//   begin T [snap] | reuse T [snap]      BeginTransaction (reuse: old_txn)
//   put T CF K V | merge T CF K V | del T CF K | sdel T CF K
//   putu T CF K V | delu T CF K          untracked writes
//   get T CF K | gets T CF K             Get (gets: at the txn's snapshot)
//   gfu T CF K | gfun T CF K | gfus T CF K   GetForUpdate (n: no value,
//                                        s: then Get at the txn's snapshot)
//   mgfu T CF K...  | undo T CF K        MultiGetForUpdate, UndoGetForUpdate
//   snap T | snapnext T | clearsnap T | hassnap T
//   sp T | rb T | pop T | commit T | rollback T | num T
//   prepare T | setname T NAME | iter T CF
//   dbput CF K V | dbmerge CF K V | dbdel CF K | dbdrange CF K1 K2
//   dbget CF K | flush CF
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/optimistic_transaction_db.h>
#include <rocksdb/utilities/transaction.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
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
  const std::string t = s.ToString();
  const size_t colon = t.find(':');
  return colon == std::string::npos ? t : t.substr(0, colon);
}

class Runner {
 public:
  Runner(ROCKSDB_NAMESPACE::OptimisticTransactionDB* db,
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

  void Run(const std::string& cmd, const std::vector<std::string>& a) {
    const ROCKSDB_NAMESPACE::WriteOptions wo;
    const ROCKSDB_NAMESPACE::ReadOptions ro;
    if (cmd == "dbput") {
      Print(db_->Put(wo, Cf(a.at(0)), a.at(1), a.at(2)));
      return;
    } else if (cmd == "dbmerge") {
      Print(db_->Merge(wo, Cf(a.at(0)), a.at(1), a.at(2)));
      return;
    } else if (cmd == "dbdel") {
      Print(db_->Delete(wo, Cf(a.at(0)), a.at(1)));
      return;
    } else if (cmd == "dbdrange") {
      Print(db_->DeleteRange(wo, Cf(a.at(0)), a.at(1), a.at(2)));
      return;
    } else if (cmd == "dbget") {
      std::string v;
      Status s = db_->Get(ro, Cf(a.at(0)), a.at(1), &v);
      PrintValue(s, v);
      return;
    } else if (cmd == "flush") {
      Print(db_->Flush(ROCKSDB_NAMESPACE::FlushOptions(), Cf(a.at(0))));
      return;
    }
    std::unique_ptr<Transaction>& slot = txns_.at(std::stoul(a.at(0)));
    if (cmd == "begin" || cmd == "reuse") {
      ROCKSDB_NAMESPACE::OptimisticTransactionOptions to;
      to.set_snapshot = a.size() > 1 && a[1] == "snap";
      if (cmd == "reuse" && slot != nullptr) {
        Transaction* t = db_->BeginTransaction(wo, to, slot.get());
        std::cout << (t == slot.get() ? " same" : " other");
      } else {
        slot.reset(db_->BeginTransaction(wo, to));
      }
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
    } else if (cmd == "get" || cmd == "gets") {
      std::string v;
      Status s = t->Get(cmd == "get" ? ro : at_snap, Cf(a.at(1)), a.at(2), &v);
      PrintValue(s, v);
    } else if (cmd == "gfu") {
      std::string v;
      Status s = t->GetForUpdate(ro, Cf(a.at(1)), a.at(2), &v);
      PrintValue(s, v);
    } else if (cmd == "gfus") {
      // Tracking first: a snapshot it takes (SetSnapshotOnNextOperation)
      // replaces the one a ReadOptions made before would point to.
      std::string* none = nullptr;
      Status s = t->GetForUpdate(ro, Cf(a.at(1)), a.at(2), none);
      std::string v;
      ROCKSDB_NAMESPACE::ReadOptions now;
      now.snapshot = t->GetSnapshot();
      if (s.ok()) s = t->Get(now, Cf(a.at(1)), a.at(2), &v);
      PrintValue(s, v);
    } else if (cmd == "gfun") {
      std::string* none = nullptr;
      Print(t->GetForUpdate(ro, Cf(a.at(1)), a.at(2), none));
    } else if (cmd == "mgfu") {
      std::vector<Slice> keys(a.begin() + 2, a.end());
      std::vector<ColumnFamilyHandle*> cfs(keys.size(), Cf(a.at(1)));
      std::vector<std::string> values;
      std::vector<Status> st = t->MultiGetForUpdate(ro, cfs, keys, &values);
      for (size_t i = 0; i < st.size(); i++) PrintValue(st[i], values[i]);
    } else if (cmd == "undo") {
      t->UndoGetForUpdate(Cf(a.at(1)), a.at(2));
    } else if (cmd == "snap") {
      t->SetSnapshot();
    } else if (cmd == "snapnext") {
      t->SetSnapshotOnNextOperation();
    } else if (cmd == "clearsnap") {
      t->ClearSnapshot();
    } else if (cmd == "hassnap") {
      std::cout << (t->GetSnapshot() != nullptr ? " yes" : " no");
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

  ROCKSDB_NAMESPACE::OptimisticTransactionDB* db_;
  std::vector<ColumnFamilyHandle*> h_;
  std::vector<std::unique_ptr<Transaction>> txns_ =
      std::vector<std::unique_ptr<Transaction>>(3);
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: txn_diff DBDIR [serial] < SCRIPT\n");
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
  ROCKSDB_NAMESPACE::OptimisticTransactionDBOptions occ;
  if (argc > 2 && std::string(argv[2]) == "serial") {
    occ.validate_policy =
        ROCKSDB_NAMESPACE::OccValidationPolicy::kValidateSerial;
  }
  std::vector<ColumnFamilyHandle*> handles;
  ROCKSDB_NAMESPACE::OptimisticTransactionDB* db = nullptr;
  Status s = ROCKSDB_NAMESPACE::OptimisticTransactionDB::Open(
      ROCKSDB_NAMESPACE::DBOptions(options), occ, argv[1], cfs, &handles, &db);
  if (!s.ok()) {
    std::printf("FAIL open: %s\n", s.ToString().c_str());
    return 1;
  }
  Runner runner(db, handles);
  std::string line;
  while (std::getline(std::cin, line)) runner.Line(line);
  return 0;
}
