// Compactions at once, through the public API only (built against src/ and
// against the amalgamation): several background compactions run together
// when max_background_jobs allows and compactions fall behind (seen in
// rocksdb.num-running-compactions while a slow FileSystem stretches them),
// one at a time otherwise; non-exclusive manual compactions run beside
// automatic ones, exclusive ones wait; the results are checked against a
// std::map model and for non-overlapping files within each level.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/options.h"
#include "support/db_test_util.h"
#include "support/number_property.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::ColumnFamilyMetaData;
using ROCKSDB_NAMESPACE::CompactionOptions;
using ROCKSDB_NAMESPACE::CompactRangeOptions;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Iterator;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteOptions;
using skyrocks_test::BlockingSstFs;
using skyrocks_test::KvMap;
using skyrocks_test::NumberedKey;
using skyrocks_test::OpenDbOrFail;
using skyrocks_test::ScanToMap;

// Every level below L0 is a sorted run: its files do not overlap.
void CcCheckLevelsDisjoint(DB* db) {
  ColumnFamilyMetaData meta;
  db->GetColumnFamilyMetaData(&meta);
  for (const auto& l : meta.levels) {
    if (l.level == 0) continue;
    for (size_t i = 1; i < l.files.size(); i++) {
      CAPTURE(l.level);
      CHECK(l.files[i - 1].largestkey < l.files[i].smallestkey);
    }
  }
}

std::vector<std::string> CcLevelFiles(DB* db, int level) {
  ColumnFamilyMetaData meta;
  db->GetColumnFamilyMetaData(&meta);
  std::vector<std::string> out;
  for (const auto& l : meta.levels) {
    if (l.level != level) continue;
    for (const auto& f : l.files) out.push_back(f.name);
  }
  return out;
}

// "most compactions at once: N" from rocksdb.stats.
int CcMostAtOnce(DB* db) {
  std::string stats;
  REQUIRE(db->GetProperty("rocksdb.stats", &stats));
  const std::string tag = "most compactions at once: ";
  const size_t at = stats.find(tag);
  REQUIRE(at != std::string::npos);
  return std::stoi(stats.substr(at + tag.size()));
}

// Small files and levels, manual placement first (auto compactions off).
Options CcOptions(ROCKSDB_NAMESPACE::Env* env) {
  Options o;
  o.create_if_missing = true;
  o.env = env;
  o.disable_auto_compactions = true;
  o.write_buffer_size = 256 << 10;
  o.target_file_size_base = 16 << 10;
  o.max_bytes_for_level_base = 64 << 10;
  o.max_background_jobs = 8;
  return o;
}

// Leaves the keys in L2 (all) and L1 (their overwrites, in many small
// files far over L1's target): many L1 -> L2 compactions to do.
void CcLoadTwoLevels(DB* db, KvMap* model, int keys) {
  std::mt19937 rng(7);
  for (int pass = 0; pass < 2; pass++) {
    std::vector<int> order(keys);
    for (int i = 0; i < keys; i++) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    for (int i : order) {
      std::string v = std::to_string(pass);
      while (v.size() < 100) v += static_cast<char>('a' + rng() % 26);
      REQUIRE(db->Put(WriteOptions(), NumberedKey(i, 7), v).ok());
      (*model)[NumberedKey(i, 7)] = v;
    }
    REQUIRE(db->Flush(FlushOptions()).ok());
    if (pass == 0) {
      CompactRangeOptions cr;
      cr.change_level = true;
      cr.target_level = 2;
      REQUIRE(db->CompactRange(cr, nullptr, nullptr).ok());
    } else {
      CompactionOptions co;
      co.output_file_size_limit = 16 << 10;
      REQUIRE(db->CompactFiles(co, CcLevelFiles(db, 0), 1).ok());
    }
  }
  REQUIRE(CcLevelFiles(db, 1).size() > 8);
  REQUIRE(CcLevelFiles(db, 2).size() > 8);
}

}  // namespace

TEST_CASE(
    "concurrent compactions: several run at once when compactions fall "
    "behind") {
  for (bool behind : {true, false}) {
    CAPTURE(behind);
    skyrocks_test::TempDir dir;
    auto fs = std::make_shared<BlockingSstFs>(BlockingSstFs::kFirstOnly);
    std::unique_ptr<ROCKSDB_NAMESPACE::Env> env =
        ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
    Options o = CcOptions(env.get());
    // A slowdown limit of 0 always counts as behind (RocksDB's rule); the
    // default 64 GiB is far away.
    if (behind) o.soft_pending_compaction_bytes_limit = 0;
    std::unique_ptr<DB> db = OpenDbOrFail(o, dir.Sub("db"));
    KvMap model;
    CcLoadTwoLevels(db.get(), &model, 4000);
    fs->sleep_ms = 50;
    REQUIRE(db->SetOptions({{"disable_auto_compactions", "false"}}).ok());
    std::atomic<bool> done{false};
    Status waited;
    std::thread waiter([&] {
      waited = db->WaitForCompact();
      done = true;
    });
    uint64_t most = 0, n = 0;
    while (!done) {
      if (db->GetIntProperty("rocksdb.num-running-compactions", &n)) {
        most = std::max(most, n);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    waiter.join();
    REQUIRE_MESSAGE(waited.ok(), waited.ToString());
    fs->sleep_ms = 0;
    MESSAGE("most compactions seen at once: " << most << ", counted: "
                                              << CcMostAtOnce(db.get()));
    if (behind) {
      CHECK(most >= 2);
      CHECK(CcMostAtOnce(db.get()) >= 2);
      CHECK(CcMostAtOnce(db.get()) <= 6);  // 8 jobs: 2 flushes, 6 compactions
    } else {
      CHECK(CcMostAtOnce(db.get()) == 1);
    }
    REQUIRE(db->GetIntProperty("rocksdb.num-running-compactions", &n));
    CHECK(n == 0);
    REQUIRE(db->GetIntProperty("rocksdb.compaction-pending", &n));
    CHECK(n == 0);
    CcCheckLevelsDisjoint(db.get());
    CHECK(ScanToMap(db.get()) == model);
    db.reset();
    db = OpenDbOrFail(o, dir.Sub("db"));
    CHECK(ScanToMap(db.get()) == model);
  }
}

TEST_CASE(
    "concurrent compactions: non-exclusive CompactRange runs beside an "
    "automatic one, exclusive waits") {
  skyrocks_test::TempDir dir;
  auto fs = std::make_shared<BlockingSstFs>(BlockingSstFs::kFirstOnly);
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env =
      ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
  Options o = CcOptions(env.get());
  o.level0_file_num_compaction_trigger = 2;
  std::unique_ptr<DB> db = OpenDbOrFail(o, dir.Sub("db"));
  KvMap model;
  auto put_flush = [&](int from, int to, const std::string& tag) {
    for (int i = from; i < to; i++) {
      REQUIRE(db->Put(WriteOptions(), NumberedKey(i, 7), tag).ok());
      model[NumberedKey(i, 7)] = tag;
    }
    REQUIRE(db->Flush(FlushOptions()).ok());
  };
  // [1000, 2000) in L2; two L0 files over [0, 100).
  put_flush(1000, 2000, "deep");
  CompactRangeOptions to2;
  to2.change_level = true;
  to2.target_level = 2;
  REQUIRE(db->CompactRange(to2, nullptr, nullptr).ok());
  put_flush(0, 100, "a");
  put_flush(0, 100, "b");
  fs->Arm();  // holds the automatic L0 -> L1 compaction
  REQUIRE(db->SetOptions({{"disable_auto_compactions", "false"}}).ok());
  fs->WaitBlocked();
  uint64_t n = 0;
  REQUIRE(db->GetIntProperty("rocksdb.num-running-compactions", &n));
  CHECK(n == 1);
  const std::vector<std::string> deep = CcLevelFiles(db.get(), 2);
  const std::string b = NumberedKey(1000, 7), e = NumberedKey(1999, 7);
  const Slice begin(b), end(e);
  CompactRangeOptions cr;
  cr.bottommost_level_compaction =
      ROCKSDB_NAMESPACE::BottommostLevelCompaction::kForce;
  cr.exclusive_manual_compaction = false;
  // Its files and range are free: it runs now.
  REQUIRE(db->CompactRange(cr, &begin, &end).ok());
  const std::vector<std::string> rewritten = CcLevelFiles(db.get(), 2);
  CHECK(rewritten != deep);
  REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &n));
  CHECK(n == 2);  // the automatic one is still held
  // An exclusive one waits for it.
  cr.exclusive_manual_compaction = true;
  std::atomic<bool> done{false};
  Status s;
  std::thread t([&] {
    s = db->CompactRange(cr, &begin, &end);
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK_FALSE(done.load());
  CHECK(CcLevelFiles(db.get(), 2) == rewritten);
  fs->Release();
  t.join();
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(CcLevelFiles(db.get(), 2) != rewritten);
  REQUIRE(db->WaitForCompact().ok());
  CcCheckLevelsDisjoint(db.get());
  CHECK(ScanToMap(db.get()) == model);
}

namespace {

// "Subcompactions: N" from rocksdb.stats.
uint64_t CcSubcompactions(DB* db) {
  std::string stats;
  REQUIRE(db->GetProperty("rocksdb.stats", &stats));
  const std::string tag = "Subcompactions: ";
  const size_t at = stats.find(tag);
  REQUIRE(at != std::string::npos);
  return std::stoull(stats.substr(at + tag.size()));
}

// Counts SST files being created at once (each creation takes 30 ms).
class CcCountingFs : public ROCKSDB_NAMESPACE::FileSystemWrapper {
 public:
  CcCountingFs() : FileSystemWrapper(ROCKSDB_NAMESPACE::FileSystem::Default()) {}
  const char* Name() const override { return "CcCountingFs"; }
  ROCKSDB_NAMESPACE::IOStatus NewWritableFile(
      const std::string& f, const ROCKSDB_NAMESPACE::FileOptions& o,
      std::unique_ptr<ROCKSDB_NAMESPACE::FSWritableFile>* r,
      ROCKSDB_NAMESPACE::IODebugContext* dbg) override {
    if (f.size() > 4 && f.compare(f.size() - 4, 4, ".sst") == 0) {
      const int now = ++creating_;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      --creating_;
    }
    return FileSystemWrapper::NewWritableFile(f, o, r, dbg);
  }
  std::atomic<int> most{0};

 private:
  std::atomic<int> creating_{0};
};

// Four overlapping L0 files of 5000 random keys each, with deletions and
// overwrites; a snapshot keeps some old versions.
void CcLoadL0(DB* db, KvMap* model, KvMap* at_snapshot,
              const ROCKSDB_NAMESPACE::Snapshot** snap) {
  std::mt19937 rng(11);
  for (int file = 0; file < 4; file++) {
    for (int i = 0; i < 5000; i++) {
      const std::string k = NumberedKey(static_cast<int>(rng() % 12000), 7);
      if (rng() % 10 == 0) {
        REQUIRE(db->Delete(WriteOptions(), k).ok());
        model->erase(k);
        continue;
      }
      std::string v = std::to_string(file);
      while (v.size() < 100) v += static_cast<char>('a' + rng() % 26);
      REQUIRE(db->Put(WriteOptions(), k, v).ok());
      (*model)[k] = v;
    }
    if (file == 1) {
      *snap = db->GetSnapshot();
      *at_snapshot = *model;
    }
    REQUIRE(db->Flush(FlushOptions()).ok());
  }
}

}  // namespace

TEST_CASE(
    "subcompactions: CompactRange split into parallel ranges, same result as "
    "unsplit") {
  // The same data compacted with 1 and with 4 subcompactions (the
  // DB's option, and CompactRangeOptions' override of 1).
  std::vector<std::vector<std::pair<std::string, std::string>>> results;
  for (int mode = 0; mode < 3; mode++) {
    CAPTURE(mode);
    skyrocks_test::TempDir dir;
    auto fs = std::make_shared<CcCountingFs>();
    std::unique_ptr<ROCKSDB_NAMESPACE::Env> env =
        ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
    Options o = CcOptions(env.get());
    o.target_file_size_base = 64 << 10;
    o.write_buffer_size = 4 << 20;
    o.max_subcompactions = mode == 0 ? 1 : 4;
    std::unique_ptr<DB> db = OpenDbOrFail(o, dir.Sub("db"));
    KvMap model, at_snapshot;
    const ROCKSDB_NAMESPACE::Snapshot* snap = nullptr;
    CcLoadL0(db.get(), &model, &at_snapshot, &snap);
    fs->most = 0;
    CompactRangeOptions cr;
    if (mode == 2) cr.max_subcompactions = 1;  // overrides the DB's 4
    REQUIRE(db->CompactRange(cr, nullptr, nullptr).ok());
    const bool split = mode == 1;
    CHECK(fs->most.load() == (split ? 4 : 1));
    CHECK((CcSubcompactions(db.get()) == (split ? 4u : 0u)));
    uint64_t n = 0;
    REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &n));
    CHECK(n == 0);
    CcCheckLevelsDisjoint(db.get());
    CHECK(ScanToMap(db.get()) == model);
    CHECK(ScanToMap(db.get(), snap) == at_snapshot);
    // Every entry kept, in key order, as a raw dump of the L1 files would
    // show it: compare the files' key ranges and entry counts.
    ColumnFamilyMetaData meta;
    db->GetColumnFamilyMetaData(&meta);
    uint64_t entries = 0;
    for (const auto& f : meta.levels[1].files) entries += f.num_entries;
    results.push_back({{"entries", std::to_string(entries)},
                       {"first", meta.levels[1].files.front().smallestkey},
                       {"last", meta.levels[1].files.back().largestkey}});
    db->ReleaseSnapshot(snap);
    db.reset();
    db = OpenDbOrFail(o, dir.Sub("db"));
    CHECK(ScanToMap(db.get()) == model);
  }
  CHECK(results[1] == results[0]);
  CHECK(results[2] == results[0]);
}

TEST_CASE(
    "subcompactions: automatic L0 compactions split; range tombstones keep one "
    "range") {
  for (bool tombstone : {false, true}) {
    CAPTURE(tombstone);
    skyrocks_test::TempDir dir;
    Options o = CcOptions(nullptr);
    o.target_file_size_base = 64 << 10;
    o.write_buffer_size = 4 << 20;
    o.max_subcompactions = 3;
    std::unique_ptr<DB> db = OpenDbOrFail(o, dir.Sub("db"));
    KvMap model, at_snapshot;
    const ROCKSDB_NAMESPACE::Snapshot* snap = nullptr;
    CcLoadL0(db.get(), &model, &at_snapshot, &snap);
    if (tombstone) {
      const std::string a = NumberedKey(100, 7), b = NumberedKey(200, 7);
      REQUIRE(db->DeleteRange(WriteOptions(), db->DefaultColumnFamily(), a, b)
                  .ok());
      model.erase(model.lower_bound(a), model.lower_bound(b));
      REQUIRE(db->Flush(FlushOptions()).ok());
    }
    REQUIRE(db->SetOptions({{"disable_auto_compactions", "false"}}).ok());
    REQUIRE(db->WaitForCompact().ok());
    uint64_t n = 0;
    REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &n));
    CHECK(n == 0);
    if (tombstone) {
      CHECK(CcSubcompactions(db.get()) == 0);
    } else {
      CHECK(CcSubcompactions(db.get()) >= 3);
    }
    CcCheckLevelsDisjoint(db.get());
    CHECK(ScanToMap(db.get()) == model);
    CHECK(ScanToMap(db.get(), snap) == at_snapshot);
    db->ReleaseSnapshot(snap);
  }
}
