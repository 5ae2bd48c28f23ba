// Compaction filters (rocksdb/compaction_filter.h) against a model: random
// puts, deletes, merges and snapshots, then CompactRange through a filter
// that removes values starting with 'x', rewrites values starting with 'c'
// and removes merge operands starting with "drop"; every read (latest and
// each live snapshot) must equal the model, in which the newest version
// of each key is filtered whatever the snapshots, and merge operands only
// when newer than every snapshot (passes repeated to the fixpoint). Also: the
// flush path through a factory, and the differential runs of
// tests/oracle/cfilter_diff.cpp against librocksdb 7.8.3.
#include "rocksdb/compaction_filter.h"

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/merge_operator.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::CompactionFilter;
using ROCKSDB_NAMESPACE::Slice;

class ModelJoinOperator : public ROCKSDB_NAMESPACE::MergeOperator {
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
  const char* Name() const override { return "ModelJoinOperator"; }
};

class ModelFilter : public CompactionFilter {
 public:
  bool Filter(int, const Slice&, const Slice& v, std::string* nv,
              bool* changed) const override {
    calls++;
    if (v.starts_with("x")) return true;
    if (v.starts_with("c")) {
      *nv = "C" + v.ToString().substr(1);
      *changed = true;
    }
    return false;
  }
  bool FilterMergeOperand(int, const Slice&, const Slice& op) const override {
    return op.starts_with("drop");
  }
  const char* Name() const override { return "ModelFilter"; }
  mutable int calls = 0;
};

// One key's versions, oldest first; seq = position in the op sequence.
struct ModelVersion {
  uint64_t seq;
  char type;  // 'P' put, 'D' delete, 'M' merge
  std::string value;
};
using Model = std::map<std::string, std::vector<ModelVersion>>;

void ApplyFilterToModel(Model* m, uint64_t latest_snapshot) {
  for (auto& kv : *m) {
    auto& versions = kv.second;
    ModelVersion& newest = versions.back();
    if (newest.type == 'P') {
      if (newest.value[0] == 'x') {
        newest.type = 'D';
        newest.value.clear();
      } else if (newest.value[0] == 'c') {
        newest.value[0] = 'C';
      }
    }
    std::vector<ModelVersion> kept;
    for (const ModelVersion& v : versions) {
      if (v.type == 'M' && v.seq > latest_snapshot &&
          v.value.compare(0, 4, "drop") == 0) {
        continue;
      }
      kept.push_back(v);
    }
    versions = kept;
  }
}

// "k=v k=v" as a read at seq sees it.
std::string ModelRead(const Model& m, uint64_t seq) {
  std::string out;
  for (const auto& kv : m) {
    std::vector<std::string> ops;
    bool found = false, has_base = false;
    std::string base;
    for (auto it = kv.second.rbegin(); it != kv.second.rend(); ++it) {
      if (it->seq > seq) continue;
      if (it->type == 'M') {
        ops.insert(ops.begin(), it->value);
        found = true;
        continue;
      }
      if (it->type == 'P') {
        base = it->value;
        has_base = true;
        found = true;
      }
      break;
    }
    if (!found) continue;
    std::string r = has_base ? base : "";
    for (const std::string& o : ops) {
      if (!r.empty()) r += ",";
      r += o;
    }
    out += " " + kv.first + "=" + r;
  }
  return out;
}

std::string DbRead(ROCKSDB_NAMESPACE::DB* db,
                   const ROCKSDB_NAMESPACE::Snapshot* snap) {
  ROCKSDB_NAMESPACE::ReadOptions ro;
  ro.snapshot = snap;
  std::unique_ptr<ROCKSDB_NAMESPACE::Iterator> it(db->NewIterator(ro));
  std::string out;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    out += " " + it->key().ToString() + "=" + it->value().ToString();
  }
  REQUIRE(it->status().ok());
  return out;
}

}  // namespace

TEST_CASE(
    "compaction filter: random workloads with snapshots and merges "
    "read as the model") {
  for (uint32_t seed = 1; seed <= 6; seed++) {
    INFO("seed " << seed);
    skyrocks_test::TempDir dir;
    ModelFilter filter;
    ROCKSDB_NAMESPACE::Options o;
    o.create_if_missing = true;
    o.compaction_filter = &filter;
    o.merge_operator = std::make_shared<ModelJoinOperator>();
    ROCKSDB_NAMESPACE::DB* db = nullptr;
    REQUIRE(ROCKSDB_NAMESPACE::DB::Open(o, dir.path(), &db).ok());
    std::mt19937 rnd(seed);
    Model model;
    uint64_t seq = 0;
    std::vector<std::pair<uint64_t, const ROCKSDB_NAMESPACE::Snapshot*>> snaps;
    const char* prefixes[] = {"v", "x", "c", "drop", "m"};
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < 200; i++) {
        const std::string key = "k" + std::to_string(rnd() % 24);
        const std::string value =
            std::string(prefixes[rnd() % 5]) + std::to_string(i);
        const int op = static_cast<int>(rnd() % 10);
        ROCKSDB_NAMESPACE::WriteOptions wo;
        if (op < 4) {
          REQUIRE(db->Put(wo, key, value).ok());
          model[key].push_back({++seq, 'P', value});
        } else if (op < 5) {
          REQUIRE(db->Delete(wo, key).ok());
          model[key].push_back({++seq, 'D', ""});
        } else if (op < 9) {
          REQUIRE(db->Merge(wo, key, value).ok());
          model[key].push_back({++seq, 'M', value});
        } else if (snaps.size() < 4) {
          snaps.emplace_back(seq, db->GetSnapshot());
        }
      }
      if (!snaps.empty() && rnd() % 2 == 0) {
        db->ReleaseSnapshot(snaps.front().second);
        snaps.erase(snaps.begin());
      }
      // Each compaction pass filters the newest version; a removed merge
      // operand can expose a value to the next pass. Three passes reach
      // the fixpoint (the default CompactRange makes one or two, each
      // kForce one more).
      REQUIRE(db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(),
                               nullptr, nullptr)
                  .ok());
      ROCKSDB_NAMESPACE::CompactRangeOptions force;
      force.bottommost_level_compaction =
          ROCKSDB_NAMESPACE::BottommostLevelCompaction::kForce;
      for (int pass = 0; pass < 2; pass++) {
        REQUIRE(db->CompactRange(force, nullptr, nullptr).ok());
      }
      for (int pass = 0; pass < 3; pass++) {
        ApplyFilterToModel(&model, snaps.empty() ? 0 : snaps.back().first);
      }
      CHECK(DbRead(db, nullptr) == ModelRead(model, seq));
      for (const auto& s : snaps) {
        CHECK(DbRead(db, s.second) == ModelRead(model, s.first));
      }
    }
    CHECK(filter.calls > 0);
    for (const auto& s : snaps) db->ReleaseSnapshot(s.second);
    delete db;
  }
}

namespace {

class FlushFilterFactory : public ROCKSDB_NAMESPACE::CompactionFilterFactory {
 public:
  explicit FlushFilterFactory(bool flushes) : flushes_(flushes) {}
  bool ShouldFilterTableFileCreation(
      ROCKSDB_NAMESPACE::TableFileCreationReason r) const override {
    return flushes_ ||
           r == ROCKSDB_NAMESPACE::TableFileCreationReason::kCompaction;
  }
  std::unique_ptr<CompactionFilter> CreateCompactionFilter(
      const CompactionFilter::Context& c) override {
    reasons.push_back(static_cast<int>(c.reason));
    return std::make_unique<ModelFilter>();
  }
  const char* Name() const override { return "FlushFilterFactory"; }
  std::vector<int> reasons;

 private:
  const bool flushes_;
};

}  // namespace

TEST_CASE(
    "compaction filter: a factory filters flushes only when it says "
    "so for kFlush") {
  for (bool flushes : {false, true}) {
    skyrocks_test::TempDir dir;
    auto factory = std::make_shared<FlushFilterFactory>(flushes);
    ROCKSDB_NAMESPACE::Options o;
    o.create_if_missing = true;
    o.compaction_filter_factory = factory;
    ROCKSDB_NAMESPACE::DB* db = nullptr;
    REQUIRE(ROCKSDB_NAMESPACE::DB::Open(o, dir.path(), &db).ok());
    ROCKSDB_NAMESPACE::WriteOptions wo;
    REQUIRE(db->Put(wo, "a", "xgone").ok());
    REQUIRE(db->Put(wo, "b", "cvalue").ok());
    REQUIRE(db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
    if (flushes) {
      CHECK(DbRead(db, nullptr) == " b=Cvalue");
      CHECK(factory->reasons == std::vector<int>{0});
    } else {
      CHECK(DbRead(db, nullptr) == " a=xgone b=cvalue");
      CHECK(factory->reasons.empty());
    }
    delete db;
  }
}

namespace {

std::string CfilterDiffRun(const std::string& lib, const std::string& mode,
                           const std::string& dir) {
  const std::string build = skyrocks_test::BuildDir();
  const std::string bin = build + (lib == "rocksdb" ? "/oracle/cfilter_diff"
                                                    : "/diff/cfilter_diff");
  std::string out;
  const int rc =
      skyrocks_test::RunCommand(bin + " " + mode + " " + dir + " 2>&1", &out);
  CHECK_MESSAGE(rc == 0, lib << " " << mode << ": " << out);
  return out;
}

}  // namespace

TEST_CASE("cfilter_diff: compaction filters decide as librocksdb 7.8.3") {
  for (const char* mode :
       {"values", "merges", "flush", "bottom", "snapshots"}) {
    INFO(mode);
    skyrocks_test::TempDir dir;
    const std::string theirs = CfilterDiffRun("rocksdb", mode, dir.Sub("r"));
    const std::string ours = CfilterDiffRun("skyrocks", mode, dir.Sub("s"));
    CHECK(theirs.find("OK\n") != std::string::npos);
    CHECK(ours == theirs);
  }
}
