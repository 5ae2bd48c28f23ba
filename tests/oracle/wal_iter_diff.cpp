// Differential program for DB::GetUpdatesSince, TransactionLogIterator,
// GetSortedWalFiles and WAL archiving (WAL_ttl_seconds,
// WAL_size_limit_MB) (issue 20 item 4): built against librocksdb 7.8.3
// ($(BUILD)/oracle/wal_iter_diff) and against skyrocks
// ($(BUILD)/diff/wal_iter_diff); tests/unit/db/wal_iter_diff_test.cpp
// compares what they print. Statuses print as their code only; WAL file
// numbers are not printed (the libraries may number files differently).
//
//   wal_iter_diff scenario DIR  batches of every kind in two column
//                               families, updates from several sequences,
//                               a tailing iterator, a flush (the WAL is
//                               archived), reopens with and without
//                               archiving, purges by age and by size
//   wal_iter_diff write DIR     the first part: a DB with archived and
//                               live WALs, closed
//   wal_iter_diff read DIR      opens DIR (archiving on) and prints its
//                               WAL files and every batch from sequence 1
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/transaction_log.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

using ROCKSDB_NAMESPACE::BatchResult;
using ROCKSDB_NAMESPACE::ColumnFamilyDescriptor;
using ROCKSDB_NAMESPACE::ColumnFamilyHandle;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::SequenceNumber;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::TransactionLogIterator;
using ROCKSDB_NAMESPACE::VectorLogPtr;
using ROCKSDB_NAMESPACE::WriteBatch;
using ROCKSDB_NAMESPACE::WriteOptions;

void Check(const char* what, const Status& s) {
  if (!s.ok()) {
    std::printf("FAIL %s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

class ConcatOperator : public ROCKSDB_NAMESPACE::AssociativeMergeOperator {
 public:
  bool Merge(const Slice&, const Slice* existing, const Slice& value,
             std::string* out, ROCKSDB_NAMESPACE::Logger*) const override {
    *out = (existing ? existing->ToString() : "") + "+" + value.ToString();
    return true;
  }
  const char* Name() const override { return "ConcatOperator"; }
};

// Prints a batch's records, one line.
class BatchPrinter : public WriteBatch::Handler {
 public:
  std::string out;
  Status PutCF(uint32_t cf, const Slice& k, const Slice& v) override {
    Add("put", cf, k.ToString() + "=" + v.ToString());
    return Status::OK();
  }
  Status DeleteCF(uint32_t cf, const Slice& k) override {
    Add("del", cf, k.ToString());
    return Status::OK();
  }
  Status SingleDeleteCF(uint32_t cf, const Slice& k) override {
    Add("sdel", cf, k.ToString());
    return Status::OK();
  }
  Status DeleteRangeCF(uint32_t cf, const Slice& b, const Slice& e) override {
    Add("range", cf, b.ToString() + ".." + e.ToString());
    return Status::OK();
  }
  Status MergeCF(uint32_t cf, const Slice& k, const Slice& v) override {
    Add("merge", cf, k.ToString() + "+" + v.ToString());
    return Status::OK();
  }
  void LogData(const Slice& blob) override { out += " logdata(" + blob.ToString() + ")"; }

 private:
  void Add(const char* op, uint32_t cf, const std::string& what) {
    out += " " + std::string(op) + "[" + std::to_string(cf) + "] " + what;
  }
};

struct Handles {
  DB* db = nullptr;
  std::vector<ColumnFamilyHandle*> cfs;
  void Close() {
    for (ColumnFamilyHandle* h : cfs) Check("destroy cf", db->DestroyColumnFamilyHandle(h));
    cfs.clear();
    Check("close", db->Close());
    delete db;
    db = nullptr;
  }
};

Options BaseOptions(uint64_t ttl, uint64_t size_mb) {
  Options o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  o.merge_operator = std::make_shared<ConcatOperator>();
  o.disable_auto_compactions = true;
  o.WAL_ttl_seconds = ttl;
  o.WAL_size_limit_MB = size_mb;
  return o;
}

Handles OpenDb(const std::string& dir, const Options& o) {
  std::vector<ColumnFamilyDescriptor> cfs = {
      {ROCKSDB_NAMESPACE::kDefaultColumnFamilyName, o}, {"cf1", o}};
  Handles h;
  Check("open", DB::Open(o, dir, cfs, &h.cfs, &h.db));
  return h;
}

void Put(DB* db, const std::string& k, const std::string& v) {
  Check("put", db->Put(WriteOptions(), k, v));
}

// Every batch GetUpdatesSince(seq) returns, then the final status.
void Updates(DB* db, SequenceNumber seq) {
  std::unique_ptr<TransactionLogIterator> it;
  Status s = db->GetUpdatesSince(seq, &it);
  std::printf("updates since %llu: code=%d\n",
              static_cast<unsigned long long>(seq), static_cast<int>(s.code()));
  if (!s.ok()) return;
  for (; it->Valid(); it->Next()) {
    BatchResult r = it->GetBatch();
    BatchPrinter p;
    Check("iterate", r.writeBatchPtr->Iterate(&p));
    std::printf("  %llu count=%u%s\n", static_cast<unsigned long long>(r.sequence),
                r.writeBatchPtr->Count(), p.out.c_str());
  }
  std::printf("  end code=%d\n", static_cast<int>(it->status().code()));
}

void WalFiles(DB* db) {
  VectorLogPtr files;
  Check("wal files", db->GetSortedWalFiles(files));
  std::printf("wal files: %zu\n", files.size());
  for (const auto& f : files) {
    const bool archived = f->Type() == ROCKSDB_NAMESPACE::kArchivedLogFile;
    const std::string path = f->PathName();
    const bool path_ok =
        path.find(archived ? "/archive/" : "/") == 0 &&
        path.find(".log") == path.size() - 4;
    std::printf("  %s start=%llu nonempty=%d path_ok=%d\n",
                archived ? "archived" : "alive",
                static_cast<unsigned long long>(f->StartSequence()),
                f->SizeFileBytes() > 0, path_ok);
  }
}

// The non-empty WALs in archive/ (the libraries differ in when an empty
// WAL is created or dropped; neither lists one).
int CountArchived(const std::string& dir) {
  const std::string cmd =
      "find " + dir + "/archive -name '*.log' -size +0 2>/dev/null | wc -l";
  FILE* p = popen(cmd.c_str(), "r");
  int n = 0;
  if (p == nullptr || std::fscanf(p, "%d", &n) != 1) n = -1;
  if (p) pclose(p);
  return n;
}

// The first part of the scenario: the DB left for `read`.
void WriteDb(const std::string& dir, bool print) {
  Handles h = OpenDb(dir, BaseOptions(3600, 0));
  for (int i = 0; i < 5; i++) Put(h.db, "k" + std::to_string(i), "v" + std::to_string(i));
  WriteBatch b;
  Check("b", b.Put("k9", "v9"));
  Check("b", b.Delete("k1"));
  Check("b", b.SingleDelete("k2"));
  Check("b", b.Merge("m", "x"));
  Check("b", b.DeleteRange("a", "b"));
  Check("b", b.PutLogData("blob"));
  Check("b", b.Put(h.cfs[1], "c1", "w1"));
  Check("b", b.Merge(h.cfs[1], "m", "y"));
  Check("write", h.db->Write(WriteOptions(), &b));
  WriteOptions sync;
  sync.sync = true;
  Check("sync put", h.db->Put(sync, "s", "synced"));
  if (print) {
    const SequenceNumber last = h.db->GetLatestSequenceNumber();
    std::printf("last %llu\n", static_cast<unsigned long long>(last));
    for (SequenceNumber s : {SequenceNumber(0), SequenceNumber(1), SequenceNumber(3),
                             SequenceNumber(6), SequenceNumber(8), last, last + 1}) {
      Updates(h.db, s);
    }
    // A tailing iterator sees batches written after it reached the end.
    std::unique_ptr<TransactionLogIterator> it;
    Check("tail", h.db->GetUpdatesSince(last, &it));
    std::printf("tail valid=%d seq=%llu\n", it->Valid(),
                static_cast<unsigned long long>(it->GetBatch().sequence));
    Put(h.db, "t1", "a");
    Put(h.db, "t2", "b");
    for (it->Next(); it->Valid(); it->Next()) {
      std::printf("tail next %llu\n",
                  static_cast<unsigned long long>(it->GetBatch().sequence));
    }
    std::printf("tail end code=%d\n", static_cast<int>(it->status().code()));
  } else {
    Put(h.db, "t1", "a");
    Put(h.db, "t2", "b");
  }
  // The flush makes the WAL obsolete: it moves to archive/.
  FlushOptions fo;
  Check("flush", h.db->Flush(fo, h.cfs));
  for (int i = 0; i < 3; i++) Put(h.db, "p" + std::to_string(i), "q");
  if (print) Updates(h.db, 1);
  h.Close();
}

void ReadDb(const std::string& dir) {
  Handles h = OpenDb(dir, BaseOptions(3600, 0));
  WalFiles(h.db);
  std::printf("archive holds %d\n", CountArchived(dir));
  Updates(h.db, 1);
  Updates(h.db, 13);
  h.Close();
}

void Scenario(const std::string& dir) {
  if (system(("mkdir -p " + dir).c_str()) != 0) std::exit(1);
  const std::string db = dir + "/db";
  WriteDb(db, true);
  ReadDb(db);
  {
    // More writes after the reopen, then a reopen without archiving: the
    // archive is kept (and listed), not purged.
    Handles h = OpenDb(db, BaseOptions(3600, 0));
    Put(h.db, "after", "reopen");
    Updates(h.db, h.db->GetLatestSequenceNumber() - 1);
    h.Close();
    h = OpenDb(db, BaseOptions(0, 0));
    WalFiles(h.db);
    std::printf("no archiving: archive holds %d\n", CountArchived(db));
    Updates(h.db, 2);
    h.Close();
  }
  {
    // By age: WALs archived more than WAL_ttl_seconds after their last
    // write are deleted by the purge of the same call.
    const std::string aged = dir + "/aged";
    Handles h = OpenDb(aged, BaseOptions(1, 0));
    Put(h.db, "a", "1");
    Put(h.db, "b", "2");
    Check("flush", h.db->Flush(FlushOptions(), h.cfs));
    Put(h.db, "c", "3");
    h.Close();
    sleep(3);
    h = OpenDb(aged, BaseOptions(1, 0));
    WalFiles(h.db);
    std::printf("ttl: archive holds %d\n", CountArchived(aged));
    Updates(h.db, 1);
    Put(h.db, "d", "4");
    Updates(h.db, 1);
    h.Close();
  }
  {
    // By size: with 1 MB, archived WALs beyond 1 MB / the largest one's
    // size are deleted, oldest first (at the open, the purge's first run).
    const std::string sized = dir + "/sized";
    Handles h = OpenDb(sized, BaseOptions(0, 1));
    const std::string big(1000, 'x');
    for (int f = 0; f < 3; f++) {
      for (int i = 0; i < 400; i++) {
        Put(h.db, "b" + std::to_string(f) + "_" + std::to_string(i), big);
      }
      Check("flush", h.db->Flush(FlushOptions(), h.cfs));
    }
    h.Close();
    h = OpenDb(sized, BaseOptions(0, 1));
    WalFiles(h.db);
    std::printf("size: archive holds %d\n", CountArchived(sized));
    std::unique_ptr<TransactionLogIterator> it;
    Check("sized updates", h.db->GetUpdatesSince(1, &it));
    int n = 0;
    SequenceNumber first = 0;
    for (; it->Valid(); it->Next()) {
      if (n++ == 0) first = it->GetBatch().sequence;
    }
    std::printf("size: %d batches from %llu, end code=%d\n", n,
                static_cast<unsigned long long>(first),
                static_cast<int>(it->status().code()));
    h.Close();
  }
  std::printf("OK\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: wal_iter_diff scenario|write|read DIR\n");
    return 2;
  }
  const std::string cmd = argv[1], dir = argv[2];
  if (cmd == "scenario") {
    Scenario(dir);
  } else if (cmd == "write") {
    WriteDb(dir, false);
  } else if (cmd == "read") {
    ReadDb(dir);
  } else {
    return 2;
  }
  return 0;
}
