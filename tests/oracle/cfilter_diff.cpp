// Differential program for compaction filters (issue 19 item 5): built
// against librocksdb 7.8.3 ($(BUILD)/oracle/cfilter_diff) and against
// skyrocks ($(BUILD)/diff/cfilter_diff); each mode must print the same
// lines with both (tests/unit/db/cfilter_diff_test.cpp compares them).
// Statuses print as their code only.
//
//   cfilter_diff values DIR     Filter / FilterV2 (remove, change value,
//                               remove and skip until) on a compaction,
//                               with a snapshot, then without
//   cfilter_diff merges DIR     FilterMergeOperand with a snapshot
//   cfilter_diff flush DIR      a factory that filters flushes
//   cfilter_diff bottom DIR     kIfHaveCompactionFilter / kSkip on data
//                               already in the last level
//   cfilter_diff snapshots DIR  IgnoreSnapshots() = false
#include <rocksdb/compaction_filter.h>
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>

#include <cstdio>
#include <memory>
#include <string>

namespace {

using ROCKSDB_NAMESPACE::CompactionFilter;
using ROCKSDB_NAMESPACE::CompactionFilterFactory;
using ROCKSDB_NAMESPACE::CompactRangeOptions;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Iterator;
using ROCKSDB_NAMESPACE::MergeOperator;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::Snapshot;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::TableFileCreationReason;
using ROCKSDB_NAMESPACE::WriteOptions;

void Check(const char* what, const Status& s) {
  if (!s.ok()) {
    std::printf("FAIL %s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

// Operands joined by ',' after the base value; no PartialMerge, so
// neither library combines operands without a base.
class JoinOperator : public MergeOperator {
 public:
  bool FullMergeV2(const MergeOperationInput& in,
                   MergeOperationOutput* out) const override {
    std::string r = in.existing_value ? in.existing_value->ToString() : "";
    for (const Slice& o : in.operand_list) {
      if (!r.empty()) r += ",";
      r += o.ToString();
    }
    out->new_value = r;
    return true;
  }
  const char* Name() const override { return "JoinOperator"; }
};

// d*: remove; c*: change to "changed"; s1: skip until s5; drop* operands
// are removed. Prints every value it is shown.
class TestFilter : public CompactionFilter {
 public:
  explicit TestFilter(bool print = true, bool ignore_snapshots = true)
      : print_(print), ignore_snapshots_(ignore_snapshots) {}
  Decision FilterV2(int level, const Slice& key, ValueType type,
                    const Slice& value, std::string* new_value,
                    std::string* skip_until) const override {
    if (type == kMergeOperand) {
      return value.starts_with("drop") ? Decision::kRemove : Decision::kKeep;
    }
    if (print_) {
      std::printf("filter L%d %s=%s\n", level, key.ToString().c_str(),
                  value.ToString().c_str());
    }
    if (key.starts_with("d")) return Decision::kRemove;
    if (key.starts_with("c")) {
      *new_value = "changed";
      return Decision::kChangeValue;
    }
    if (key == Slice("s1")) {
      *skip_until = "s5";
      return Decision::kRemoveAndSkipUntil;
    }
    if (key == Slice("s6")) {
      *skip_until = "s0";  // backwards: kept
      return Decision::kRemoveAndSkipUntil;
    }
    return Decision::kKeep;
  }
  bool IgnoreSnapshots() const override { return ignore_snapshots_; }
  const char* Name() const override { return "TestFilter"; }

 private:
  const bool print_, ignore_snapshots_;
};

class TestFactory : public CompactionFilterFactory {
 public:
  bool ShouldFilterTableFileCreation(
      TableFileCreationReason reason) const override {
    return reason == TableFileCreationReason::kFlush ||
           reason == TableFileCreationReason::kCompaction;
  }
  std::unique_ptr<CompactionFilter> CreateCompactionFilter(
      const CompactionFilter::Context& c) override {
    std::printf("create reason=%d full=%d manual=%d\n",
                static_cast<int>(c.reason), c.is_full_compaction ? 1 : 0,
                c.is_manual_compaction ? 1 : 0);
    return std::make_unique<TestFilter>(false);
  }
  const char* Name() const override { return "TestFactory"; }
};

void Dump(DB* db, const Snapshot* snap, const char* what) {
  ReadOptions ro;
  ro.snapshot = snap;
  std::unique_ptr<Iterator> it(db->NewIterator(ro));
  std::printf("%s:", what);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::printf(" %s=%s", it->key().ToString().c_str(),
                it->value().ToString().c_str());
  }
  std::printf(" (%s)\n", it->status().ok() ? "ok" : "error");
}

DB* OpenDB(const std::string& dir, Options o) {
  o.create_if_missing = true;
  o.merge_operator = std::make_shared<JoinOperator>();
  DB* db = nullptr;
  Check("open", DB::Open(o, dir, &db));
  return db;
}

void Put(DB* db, const char* k, const char* v) {
  Check("put", db->Put(WriteOptions(), k, v));
}

void Values(const std::string& dir) {
  TestFilter filter;
  Options o;
  o.compaction_filter = &filter;
  DB* db = OpenDB(dir, o);
  Put(db, "a1", "keep");
  Put(db, "d0", "below");
  Put(db, "d1", "old");
  Put(db, "c1", "old");
  for (const char* k : {"s1", "s2", "s3", "s4", "s5", "s6"}) Put(db, k, "v");
  const Snapshot* snap = db->GetSnapshot();
  Put(db, "d2", "new");
  Put(db, "d1", "newer");
  Put(db, "c2", "new");
  Check("delete", db->Delete(WriteOptions(), "a1"));
  Put(db, "a1", "again");
  Check("flush", db->Flush(FlushOptions()));
  Dump(db, nullptr, "before");
  Check("compact", db->CompactRange(CompactRangeOptions(), nullptr, nullptr));
  Dump(db, nullptr, "latest");
  Dump(db, snap, "snapshot");
  db->ReleaseSnapshot(snap);
  Check("compact", db->CompactRange(CompactRangeOptions(), nullptr, nullptr));
  Dump(db, nullptr, "released");
  delete db;
}

void Merges(const std::string& dir) {
  TestFilter filter(false);
  Options o;
  o.compaction_filter = &filter;
  DB* db = OpenDB(dir, o);
  Check("merge", db->Merge(WriteOptions(), "m1", "a"));
  Check("merge", db->Merge(WriteOptions(), "m1", "drop1"));
  Put(db, "m2", "base");
  Check("merge", db->Merge(WriteOptions(), "m2", "x"));
  Check("merge", db->Merge(WriteOptions(), "m2", "drop2"));
  const Snapshot* snap = db->GetSnapshot();
  Check("merge", db->Merge(WriteOptions(), "m1", "b"));
  Check("merge", db->Merge(WriteOptions(), "m1", "drop3"));
  Check("merge", db->Merge(WriteOptions(), "m3", "drop4"));
  Check("merge", db->Merge(WriteOptions(), "m3", "y"));
  Check("flush", db->Flush(FlushOptions()));
  Check("compact", db->CompactRange(CompactRangeOptions(), nullptr, nullptr));
  Dump(db, nullptr, "latest");
  Dump(db, snap, "snapshot");
  db->ReleaseSnapshot(snap);
  delete db;
}

void Flush(const std::string& dir) {
  Options o;
  o.compaction_filter_factory = std::make_shared<TestFactory>();
  DB* db = OpenDB(dir, o);
  Put(db, "a1", "keep");
  Put(db, "c1", "old");
  Put(db, "d1", "gone");
  Check("flush", db->Flush(FlushOptions()));
  Dump(db, nullptr, "flushed");
  Put(db, "d2", "gone");
  Put(db, "b1", "keep");
  Check("flush", db->Flush(FlushOptions()));
  Check("compact", db->CompactRange(CompactRangeOptions(), nullptr, nullptr));
  Dump(db, nullptr, "compacted");
  delete db;
}

void Bottom(const std::string& dir) {
  {
    DB* db = OpenDB(dir, Options());
    Put(db, "c1", "old");
    Put(db, "d1", "old");
    Put(db, "k1", "keep");
    Check("flush", db->Flush(FlushOptions()));
    Check("compact", db->CompactRange(CompactRangeOptions(), nullptr, nullptr));
    delete db;
  }
  TestFilter filter;
  Options o;
  o.compaction_filter = &filter;
  DB* db = OpenDB(dir, o);
  CompactRangeOptions skip;
  skip.bottommost_level_compaction =
      ROCKSDB_NAMESPACE::BottommostLevelCompaction::kSkip;
  Check("compact", db->CompactRange(skip, nullptr, nullptr));
  Dump(db, nullptr, "skip");
  Check("compact", db->CompactRange(CompactRangeOptions(), nullptr, nullptr));
  Dump(db, nullptr, "if_filter");
  delete db;
}

void Snapshots(const std::string& dir) {
  TestFilter filter(false, false);
  Options o;
  o.compaction_filter = &filter;
  DB* db = OpenDB(dir, o);
  Put(db, "d1", "x");
  Check("flush", db->Flush(FlushOptions()));
  Put(db, "d1", "y");
  Check("flush", db->Flush(FlushOptions()));
  Status s = db->CompactRange(CompactRangeOptions(), nullptr, nullptr);
  std::printf("compact code=%d\n", static_cast<int>(s.code()));
  delete db;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::printf(
        "usage: cfilter_diff values|merges|flush|bottom|snapshots DIR\n");
    return 2;
  }
  const std::string mode = argv[1], dir = argv[2];
  if (mode == "values") {
    Values(dir);
  } else if (mode == "merges") {
    Merges(dir);
  } else if (mode == "flush") {
    Flush(dir);
  } else if (mode == "bottom") {
    Bottom(dir);
  } else if (mode == "snapshots") {
    Snapshots(dir);
  } else {
    std::printf("unknown mode %s\n", mode.c_str());
    return 2;
  }
  std::printf("OK\n");
  return 0;
}
