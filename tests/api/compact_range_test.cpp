// DB::CompactRange with CompactRangeOptions, through the public API only
// (built against src/ and against the amalgamation): the level-by-level
// walk, bottommost_level_compaction, begin/end, change_level/target_level,
// canceled, allow_write_stall and exclusive_manual_compaction. Files are
// observed through GetColumnFamilyMetaData (numbers show whether a file was
// rewritten or moved), contents against a std::map model.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
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

using ROCKSDB_NAMESPACE::BottommostLevelCompaction;
using ROCKSDB_NAMESPACE::ColumnFamilyMetaData;
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
using skyrocks_test::Eventually;
using skyrocks_test::KvMap;
using skyrocks_test::ManualCompactionOptions;
using skyrocks_test::NumberedKey;
using skyrocks_test::OpenDbOrFail;
using skyrocks_test::ScanToMap;
using skyrocks_test::SstEntries;

// Puts keys [from, to) and flushes: one L0 file.
void CrPutFlush(DB* db, KvMap* model, int from, int to,
                const std::string& tag) {
  for (int i = from; i < to; i++) {
    const std::string v = tag + std::to_string(i) + std::string(40, 'v');
    REQUIRE(db->Put(WriteOptions(), NumberedKey(i), v).ok());
    (*model)[NumberedKey(i)] = v;
  }
  REQUIRE(db->Flush(FlushOptions()).ok());
}

// File numbers per level.
std::vector<std::vector<uint64_t>> CrLevels(DB* db) {
  ColumnFamilyMetaData meta;
  db->GetColumnFamilyMetaData(&meta);
  std::vector<std::vector<uint64_t>> out(7);
  for (const auto& l : meta.levels) {
    for (const auto& f : l.files) out[l.level].push_back(f.file_number);
  }
  return out;
}

CompactRangeOptions CrBottom(BottommostLevelCompaction b) {
  CompactRangeOptions o;
  o.bottommost_level_compaction = b;
  return o;
}

}  // namespace

TEST_CASE("compact range: level by level; the bottom level only with kForce*") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<DB> db =
      OpenDbOrFail(ManualCompactionOptions(), dir.Sub("db"));
  KvMap model;
  // One L0 file, nothing below: moved to L1, not rewritten (as RocksDB).
  CrPutFlush(db.get(), &model, 0, 100, "a");
  const uint64_t first = CrLevels(db.get())[0].at(0);
  REQUIRE(db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
  auto levels = CrLevels(db.get());
  CHECK(levels[0].empty());
  REQUIRE(levels[1].size() == 1);
  CHECK(levels[1][0] == first);
  // Overwrites and deletions in L0 merge into L1; L1 is the bottom level
  // and is not compacted again by default (kIfHaveCompactionFilter) or
  // with kSkip.
  for (int i = 0; i < 50; i++) {
    REQUIRE(db->Delete(WriteOptions(), NumberedKey(i)).ok());
    model.erase(NumberedKey(i));
  }
  CrPutFlush(db.get(), &model, 50, 60, "b");
  REQUIRE(db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
  levels = CrLevels(db.get());
  CHECK(levels[0].empty());
  REQUIRE(levels[1].size() == 1);
  CHECK(levels[1][0] != first);
  for (int l = 2; l < 7; l++) CHECK(levels[l].empty());
  CHECK(ScanToMap(db.get()) == model);
  const uint64_t merged = levels[1][0];
  REQUIRE(db->CompactRange(CrBottom(BottommostLevelCompaction::kSkip), nullptr,
                           nullptr)
              .ok());
  REQUIRE(db->CompactRange(
                CrBottom(BottommostLevelCompaction::kIfHaveCompactionFilter),
                nullptr, nullptr)
              .ok());
  CHECK(CrLevels(db.get())[1] == std::vector<uint64_t>{merged});
  // kForce rewrites L1 into itself.
  REQUIRE(db->CompactRange(CrBottom(BottommostLevelCompaction::kForce), nullptr,
                           nullptr)
              .ok());
  levels = CrLevels(db.get());
  REQUIRE(levels[1].size() == 1);
  CHECK(levels[1][0] != merged);
  for (int l = 2; l < 7; l++) CHECK(levels[l].empty());
  CHECK(SstEntries(db.get()) == model.size());
  CHECK(ScanToMap(db.get()) == model);
}

TEST_CASE(
    "compact range: kForceOptimized leaves the files it wrote, kForce rewrites "
    "them") {
  for (BottommostLevelCompaction b :
       {BottommostLevelCompaction::kForce,
        BottommostLevelCompaction::kForceOptimized}) {
    CAPTURE(static_cast<int>(b));
    skyrocks_test::TempDir dir;
    std::unique_ptr<DB> db =
        OpenDbOrFail(ManualCompactionOptions(), dir.Sub("db"));
    KvMap model;
    // L1 = {A: keys 0-99, B: keys 200-299} (each moved down alone).
    CrPutFlush(db.get(), &model, 0, 100, "a");
    REQUIRE(db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
    CrPutFlush(db.get(), &model, 200, 300, "b");
    REQUIRE(db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
    const auto before = CrLevels(db.get());
    REQUIRE(before[1].size() == 2);
    // L0 overlaps A only: the L0 step writes D = A + L0; the bottom step
    // then takes B alone (kForceOptimized) or D and B together (kForce).
    CrPutFlush(db.get(), &model, 0, 50, "c");
    REQUIRE(db->CompactRange(CrBottom(b), nullptr, nullptr).ok());
    const auto after = CrLevels(db.get());
    CHECK(after[0].empty());
    CHECK(after[1].size() ==
          (b == BottommostLevelCompaction::kForce ? 1u : 2u));
    for (uint64_t n : after[1]) CHECK(n > before[1][1]);
    CHECK(ScanToMap(db.get()) == model);
  }
}

TEST_CASE("compact range: begin/end restrict the files taken, level by level") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<DB> db =
      OpenDbOrFail(ManualCompactionOptions(), dir.Sub("db"));
  KvMap model;
  CrPutFlush(db.get(), &model, 0, 100, "a");
  REQUIRE(db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
  CrPutFlush(db.get(), &model, 200, 300, "b");
  REQUIRE(db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
  const auto l1 = CrLevels(db.get())[1];
  REQUIRE(l1.size() == 2);
  // Two L0 files, one in each half.
  CrPutFlush(db.get(), &model, 10, 20, "c");
  CrPutFlush(db.get(), &model, 210, 220, "d");
  auto levels = CrLevels(db.get());
  REQUIRE(levels[0].size() == 2);
  const std::string b = NumberedKey(200), e = NumberedKey(299);
  const Slice begin(b), end(e);
  CompactRangeOptions force = CrBottom(BottommostLevelCompaction::kForce);
  REQUIRE(db->CompactRange(force, &begin, &end).ok());
  levels = CrLevels(db.get());
  // The L0 file of the low half stays in L0, file A in L1 is untouched.
  REQUIRE(levels[0].size() == 1);
  REQUIRE(levels[1].size() == 2);
  CHECK(levels[1][0] == l1[0]);
  CHECK(levels[1][1] != l1[1]);
  CHECK(ScanToMap(db.get()) == model);
  // A range between the files overlaps nothing: nothing changes.
  const std::string gb = NumberedKey(150), ge = NumberedKey(160);
  const Slice gap_b(gb), gap_e(ge);
  REQUIRE(db->CompactRange(force, &gap_b, &gap_e).ok());
  CHECK(CrLevels(db.get()) == levels);
}

TEST_CASE("compact range: change_level moves the result to target_level") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<DB> db =
      OpenDbOrFail(ManualCompactionOptions(), dir.Sub("db"));
  KvMap model;
  CrPutFlush(db.get(), &model, 0, 100, "a");
  CrPutFlush(db.get(), &model, 50, 150, "b");
  CompactRangeOptions o;
  o.change_level = true;
  o.target_level = 3;
  REQUIRE(db->CompactRange(o, nullptr, nullptr).ok());
  auto levels = CrLevels(db.get());
  CHECK(levels[0].empty());
  CHECK(levels[1].empty());
  CHECK(levels[3].size() == 1);
  CHECK(ScanToMap(db.get()) == model);
  // target_level < 0: the smallest empty level above that holds the data.
  o.target_level = -1;
  REQUIRE(db->CompactRange(o, nullptr, nullptr).ok());
  levels = CrLevels(db.get());
  CHECK(levels[1].size() == 1);
  CHECK(levels[3].empty());
  // Out of range, and a move across a non-empty level.
  o.target_level = 7;
  CHECK(db->CompactRange(o, nullptr, nullptr).IsInvalidArgument());
  CrPutFlush(db.get(), &model, 500, 600, "c");
  REQUIRE(db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
  // Both files now in L1 (the new one moved down); move L1 to L4, then put
  // a file in L2 and ask L4 back to L1.
  o.target_level = 4;
  REQUIRE(db->CompactRange(o, nullptr, nullptr).ok());
  CHECK(CrLevels(db.get())[4].size() == 2);
  CrPutFlush(db.get(), &model, 700, 710, "d");
  CompactRangeOptions to2;
  to2.change_level = true;
  to2.target_level = 2;
  const std::string b = NumberedKey(700), e = NumberedKey(710);
  const Slice begin(b), end(e);
  REQUIRE(db->CompactRange(to2, &begin, &end).ok());
  CHECK(CrLevels(db.get())[2].size() == 1);
  // L4 back to L1 over the file in L2: refused.
  o.target_level = 1;
  const std::string lb = NumberedKey(0), le = NumberedKey(150);
  const Slice low_b(lb), low_e(le);
  CHECK(db->CompactRange(o, &low_b, &low_e).IsNotSupported());
  CHECK(CrLevels(db.get())[4].size() == 2);
  CHECK(ScanToMap(db.get()) == model);
  db.reset();
  db = OpenDbOrFail(ManualCompactionOptions(), dir.Sub("db"));
  CHECK(ScanToMap(db.get()) == model);
}

TEST_CASE("compact range: canceled before and while it runs") {
  skyrocks_test::TempDir dir;
  auto fs = std::make_shared<BlockingSstFs>(BlockingSstFs::kFirstOnly);
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env =
      ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
  Options opts = ManualCompactionOptions();
  opts.env = env.get();
  std::unique_ptr<DB> db = OpenDbOrFail(opts, dir.Sub("db"));
  KvMap model;
  CrPutFlush(db.get(), &model, 0, 300, "a");
  CrPutFlush(db.get(), &model, 100, 400, "b");
  const auto before = CrLevels(db.get());
  std::atomic<bool> canceled{true};
  CompactRangeOptions o;
  o.canceled = &canceled;
  Status s = db->CompactRange(o, nullptr, nullptr);
  CHECK(s.IsIncomplete());
  CHECK(s.IsManualCompactionPaused());
  CHECK(CrLevels(db.get()) == before);
  // Cancel while the compaction is held creating its output.
  canceled = false;
  fs->Arm();
  std::thread t([&] { s = db->CompactRange(o, nullptr, nullptr); });
  fs->WaitBlocked();
  canceled = true;
  fs->Release();
  t.join();
  CHECK(s.IsManualCompactionPaused());
  CHECK(CrLevels(db.get()) == before);
  CHECK(ScanToMap(db.get()) == model);
  canceled = false;
  REQUIRE(db->CompactRange(o, nullptr, nullptr).ok());
  CHECK(CrLevels(db.get())[0].empty());
  CHECK(ScanToMap(db.get()) == model);
}

TEST_CASE("compact range: allow_write_stall decides whether its flush waits") {
  for (bool allow : {false, true}) {
    CAPTURE(allow);
    skyrocks_test::TempDir dir;
    auto fs = std::make_shared<BlockingSstFs>(BlockingSstFs::kFirstOnly);
    std::unique_ptr<ROCKSDB_NAMESPACE::Env> env =
        ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
    Options opts = ManualCompactionOptions();
    opts.env = env.get();
    opts.level0_file_num_compaction_trigger = 2;
    opts.level0_slowdown_writes_trigger = 3;
    opts.level0_stop_writes_trigger = 10;
    std::unique_ptr<DB> db = OpenDbOrFail(opts, dir.Sub("db"));
    KvMap model;
    CrPutFlush(db.get(), &model, 0, 100, "a");
    CrPutFlush(db.get(), &model, 50, 150, "b");
    fs->Arm();  // holds the automatic compaction started now
    REQUIRE(db->SetOptions({{"disable_auto_compactions", "false"}}).ok());
    fs->WaitBlocked();
    uint64_t n = 0;
    REQUIRE(db->Put(WriteOptions(), NumberedKey(1000), "mem").ok());
    model[NumberedKey(1000)] = "mem";
    CompactRangeOptions o;
    o.allow_write_stall = allow;
    std::atomic<bool> done{false};
    Status s;
    std::thread t([&] {
      s = db->CompactRange(o, nullptr, nullptr);
      done = true;
    });
    if (allow) {
      // The flush makes a third L0 file at once (a stall).
      CHECK(Eventually([&] {
        return skyrocks_test::GetNumberProperty(
                   *db, "rocksdb.num-files-at-level0", &n) &&
               n == 3;
      }));
    } else {
      // One more L0 file would reach the slowdown trigger: it waits.
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      REQUIRE(db->GetIntProperty("rocksdb.num-entries-active-mem-table", &n));
      CHECK(n == 1);
      REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &n));
      CHECK(n == 2);
    }
    CHECK_FALSE(done.load());
    fs->Release();
    t.join();
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &n));
    CHECK(n == 0);
    CHECK(ScanToMap(db.get()) == model);
  }
}
