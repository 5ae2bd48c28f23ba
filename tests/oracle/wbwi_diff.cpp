// Differential program for WriteBatchWithIndex: built twice from this one
// source, against librocksdb 7.8.3 ($(BUILD)/oracle/wbwi_diff) and against
// skyrocks' amalgamation ($(BUILD)/diff/wbwi_diff). Both run the same
// operation script and must print the same lines
// (tests/api/wbwi_diff_test.cpp compares them).
//
//   wbwi_diff DBDIR < SCRIPT
//
// DBDIR must not exist. The DB has three column families: 0 "default" and
// 1 "cf1" (bytewise, merge operator "wbwi_diff.append" joining operands
// with ','), 2 "cf2" (reverse bytewise, no merge operator). CF below is 0,
// 1, 2, or n for a null handle. One command a line (# starts a comment
// line); statuses print as their code name only (messages differ between
// implementations by design).
//
//   batch O                 new WriteBatchWithIndex, overwrite_key = O (0/1)
//   put CF K V | merge CF K V | del CF K | sdel CF K | drange CF K1 K2
//   logdata BLOB | sp | rb | pop | clear | size
//   get CF K                GetFromBatch
//   getdb CF K              GetFromBatchAndDB (std::string, then PinnableSlice)
//   mgetdb CF K...          MultiGetFromBatchAndDB
//   iter CF STEP...         WBWIIterator; STEP: F L N P sK (Seek) rK
//   (SeekForPrev) base CF LB UB STEP...   NewIteratorWithBase over a DB
//   iterator with
//                           bounds LB, UB (- for none); CF n uses the
//                           one-argument overload over the default CF
//   dbput CF K V | dbmerge CF K V | dbdel CF K | flush CF | write
//   iopen CF | istep STEP...  a WBWIIterator kept open across updates
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/write_batch_with_index.h>

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

class AppendOperator : public ROCKSDB_NAMESPACE::AssociativeMergeOperator {
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
  const char* Name() const override { return "wbwi_diff.append"; }
};

std::string Code(const Status& s) {
  const std::string t = s.ToString();
  const size_t colon = t.find(':');
  return colon == std::string::npos ? t : t.substr(0, colon);
}

const char* TypeName(ROCKSDB_NAMESPACE::WriteType t) {
  switch (t) {
    case ROCKSDB_NAMESPACE::kPutRecord:
      return "Put";
    case ROCKSDB_NAMESPACE::kMergeRecord:
      return "Merge";
    case ROCKSDB_NAMESPACE::kDeleteRecord:
      return "Delete";
    case ROCKSDB_NAMESPACE::kSingleDeleteRecord:
      return "SingleDelete";
    default:
      return "Other";
  }
}

class Runner {
 public:
  explicit Runner(ROCKSDB_NAMESPACE::DB* db,
                  std::vector<ColumnFamilyHandle*> handles)
      : db_(db), h_(std::move(handles)) {
    batch_.reset(new ROCKSDB_NAMESPACE::WriteBatchWithIndex());
  }
  ~Runner() {
    open_iter_.reset();
    batch_.reset();
    for (ColumnFamilyHandle* h : h_) {
      Status s = db_->DestroyColumnFamilyHandle(h);
      if (!s.ok()) std::cout << "FAIL destroy handle: " << s.ToString() << "\n";
    }
    delete db_;
  }

  void Line(const std::string& line) {
    std::istringstream in(line);
    std::string cmd;
    if (!(in >> cmd) || cmd[0] == '#') return;  // blank line or comment
    std::vector<std::string> a;
    std::string w;
    while (in >> w) a.push_back(w);
    std::cout << line << " ->";
    Run(cmd, a);
    std::cout << "\n";
  }

 private:
  ColumnFamilyHandle* Cf(const std::string& s) {
    if (s == "n") return nullptr;
    return h_.at(static_cast<size_t>(std::stoi(s)));
  }
  ColumnFamilyHandle* DbCf(const std::string& s) {
    return s == "n" ? db_->DefaultColumnFamily() : Cf(s);
  }

  void Run(const std::string& cmd, const std::vector<std::string>& a) {
    auto* b = batch_.get();
    if (cmd == "batch") {
      open_iter_.reset();
      batch_.reset(new ROCKSDB_NAMESPACE::WriteBatchWithIndex(
          ROCKSDB_NAMESPACE::BytewiseComparator(), 0, a.at(0) == "1"));
    } else if (cmd == "put") {
      Print(b->Put(Cf(a.at(0)), a.at(1), a.at(2)));
    } else if (cmd == "merge") {
      Print(b->Merge(Cf(a.at(0)), a.at(1), a.at(2)));
    } else if (cmd == "del") {
      Print(b->Delete(Cf(a.at(0)), a.at(1)));
    } else if (cmd == "sdel") {
      Print(b->SingleDelete(Cf(a.at(0)), a.at(1)));
    } else if (cmd == "drange") {
      Print(b->DeleteRange(Cf(a.at(0)), a.at(1), a.at(2)));
    } else if (cmd == "logdata") {
      Print(b->PutLogData(a.at(0)));
    } else if (cmd == "sp") {
      b->SetSavePoint();
    } else if (cmd == "rb") {
      open_iter_.reset();
      Print(b->RollbackToSavePoint());
    } else if (cmd == "pop") {
      Print(b->PopSavePoint());
    } else if (cmd == "clear") {
      open_iter_.reset();
      b->Clear();
    } else if (cmd == "size") {
      std::cout << " " << b->GetDataSize() << " "
                << b->GetWriteBatch()->Count();
    } else if (cmd == "get") {
      std::string v;
      Status s = b->GetFromBatch(Cf(a.at(0)), ROCKSDB_NAMESPACE::DBOptions(),
                                 a.at(1), &v);
      PrintValue(s, v);
    } else if (cmd == "getdb") {
      std::string v;
      Status s = b->GetFromBatchAndDB(db_, ROCKSDB_NAMESPACE::ReadOptions(),
                                      DbCf(a.at(0)), a.at(1), &v);
      PrintValue(s, v);
      ROCKSDB_NAMESPACE::PinnableSlice p;
      s = b->GetFromBatchAndDB(db_, ROCKSDB_NAMESPACE::ReadOptions(),
                               DbCf(a.at(0)), a.at(1), &p);
      PrintValue(s, p.ToString());
    } else if (cmd == "mgetdb") {
      std::vector<Slice> keys(a.begin() + 1, a.end());
      std::vector<ROCKSDB_NAMESPACE::PinnableSlice> values(keys.size());
      std::vector<Status> st(keys.size());
      b->MultiGetFromBatchAndDB(db_, ROCKSDB_NAMESPACE::ReadOptions(),
                                DbCf(a.at(0)), keys.size(), keys.data(),
                                values.data(), st.data(), false);
      for (size_t i = 0; i < keys.size(); i++) {
        PrintValue(st[i], values[i].ToString());
      }
    } else if (cmd == "iter") {
      std::unique_ptr<ROCKSDB_NAMESPACE::WBWIIterator> it(
          a.at(0) == "n" ? b->NewIterator() : b->NewIterator(Cf(a.at(0))));
      for (size_t i = 1; i < a.size(); i++) Step(it.get(), a[i]);
    } else if (cmd == "iopen") {
      open_iter_.reset(b->NewIterator(Cf(a.at(0))));
    } else if (cmd == "istep") {
      if (open_iter_ == nullptr) {
        std::cout << " no-iterator";
        return;
      }
      for (const std::string& step : a) Step(open_iter_.get(), step);
    } else if (cmd == "base") {
      Base(a);
    } else if (cmd == "dbput") {
      Print(db_->Put(ROCKSDB_NAMESPACE::WriteOptions(), DbCf(a.at(0)), a.at(1),
                     a.at(2)));
    } else if (cmd == "dbmerge") {
      Print(db_->Merge(ROCKSDB_NAMESPACE::WriteOptions(), DbCf(a.at(0)),
                       a.at(1), a.at(2)));
    } else if (cmd == "dbdel") {
      Print(db_->Delete(ROCKSDB_NAMESPACE::WriteOptions(), DbCf(a.at(0)),
                        a.at(1)));
    } else if (cmd == "flush") {
      Print(db_->Flush(ROCKSDB_NAMESPACE::FlushOptions(), DbCf(a.at(0))));
    } else if (cmd == "write") {
      Print(db_->Write(ROCKSDB_NAMESPACE::WriteOptions(), b->GetWriteBatch()));
    } else {
      std::cout << " unknown command";
    }
  }

  void Print(const Status& s) { std::cout << " " << Code(s); }
  void PrintValue(const Status& s, const std::string& v) {
    std::cout << " " << Code(s);
    if (s.ok()) std::cout << "=" << v;
  }

  void Step(ROCKSDB_NAMESPACE::WBWIIterator* it, const std::string& step) {
    if (step == "F") {
      it->SeekToFirst();
    } else if (step == "L") {
      it->SeekToLast();
    } else if (step[0] == 's') {
      it->Seek(step.substr(1));
    } else if (step[0] == 'r') {
      it->SeekForPrev(step.substr(1));
    } else if (!it->Valid()) {
      std::cout << " [skip]";  // Next/Prev need a valid iterator
      return;
    } else if (step == "N") {
      it->Next();
    } else {
      it->Prev();
    }
    if (!it->Valid()) {
      std::cout << " [" << step << ":-]";
      return;
    }
    const ROCKSDB_NAMESPACE::WriteEntry e = it->Entry();
    std::cout << " [" << step << ":" << TypeName(e.type) << " "
              << e.key.ToString() << " " << e.value.ToString() << "]";
  }

  void Base(const std::vector<std::string>& a) {
    const std::string lb = a.at(1);
    const std::string ub = a.at(2);
    Slice lower(lb);
    Slice upper(ub);
    ROCKSDB_NAMESPACE::ReadOptions ro;
    if (lb != "-") ro.iterate_lower_bound = &lower;
    if (ub != "-") ro.iterate_upper_bound = &upper;
    std::unique_ptr<ROCKSDB_NAMESPACE::Iterator> it;
    if (a.at(0) == "n") {
      it.reset(batch_->NewIteratorWithBase(db_->NewIterator(ro)));
    } else {
      ColumnFamilyHandle* h = Cf(a.at(0));
      it.reset(batch_->NewIteratorWithBase(h, db_->NewIterator(ro, h), &ro));
    }
    for (size_t i = 3; i < a.size(); i++) {
      const std::string& step = a[i];
      if (step == "F") {
        it->SeekToFirst();
      } else if (step == "L") {
        it->SeekToLast();
      } else if (step[0] == 's') {
        it->Seek(step.substr(1));
      } else if (step[0] == 'r') {
        it->SeekForPrev(step.substr(1));
      } else if (step == "N") {
        it->Next();
      } else {
        it->Prev();
      }
      if (!it->Valid()) {
        std::cout << " [" << step << ":- " << Code(it->status()) << "]";
        continue;
      }
      const std::string k = it->key().ToString();
      const std::string v = it->value().ToString();
      if (!it->status().ok()) {
        std::cout << " [" << step << ":" << k << " " << Code(it->status())
                  << "]";
      } else {
        std::cout << " [" << step << ":" << k << "=" << v << "]";
      }
    }
  }

  ROCKSDB_NAMESPACE::DB* db_;
  std::vector<ColumnFamilyHandle*> h_;
  std::unique_ptr<ROCKSDB_NAMESPACE::WriteBatchWithIndex> batch_;
  std::unique_ptr<ROCKSDB_NAMESPACE::WBWIIterator> open_iter_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: wbwi_diff DBDIR < SCRIPT\n");
    return 2;
  }
  ROCKSDB_NAMESPACE::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  std::shared_ptr<ROCKSDB_NAMESPACE::MergeOperator> append =
      std::make_shared<AppendOperator>();
  ROCKSDB_NAMESPACE::ColumnFamilyOptions merging(options);
  merging.merge_operator = append;
  ROCKSDB_NAMESPACE::ColumnFamilyOptions reverse(options);
  reverse.comparator = ROCKSDB_NAMESPACE::ReverseBytewiseComparator();
  std::vector<ROCKSDB_NAMESPACE::ColumnFamilyDescriptor> cfs;
  cfs.emplace_back(ROCKSDB_NAMESPACE::kDefaultColumnFamilyName, merging);
  cfs.emplace_back("cf1", merging);
  cfs.emplace_back("cf2", reverse);
  std::vector<ColumnFamilyHandle*> handles;
  ROCKSDB_NAMESPACE::DB* db = nullptr;
  Status s = ROCKSDB_NAMESPACE::DB::Open(options, argv[1], cfs, &handles, &db);
  if (!s.ok()) {
    std::printf("FAIL open: %s\n", s.ToString().c_str());
    return 1;
  }
  Runner runner(db, handles);
  std::string line;
  while (std::getline(std::cin, line)) runner.Line(line);
  return 0;
}
