// Compaction control through the public API only (built against src/ and
// against the amalgamation): DB::CompactFiles (name forms, RocksDB's input
// expansion, validation, snapshots, a file being compacted),
// GetLiveFilesMetaData / GetColumnFamilyMetaData, SetOptions,
// EnableAutoCompaction, Pause/ContinueBackgroundWork and
// Disable/EnableManualCompaction. Contents are checked against a std::map
// model; entry counts against what RocksDB's rules keep.
#include <doctest/doctest.h>

#include <algorithm>
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
using ROCKSDB_NAMESPACE::CompactionJobInfo;
using ROCKSDB_NAMESPACE::CompactionOptions;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Iterator;
using ROCKSDB_NAMESPACE::LiveFileMetaData;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Snapshot;
using ROCKSDB_NAMESPACE::SstFileMetaData;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteOptions;
using skyrocks_test::BlockingSstFs;
using skyrocks_test::KvMap;
using skyrocks_test::ManualCompactionOptions;
using skyrocks_test::NumberedKey;
using skyrocks_test::OpenDbOrFail;
using skyrocks_test::ScanToMap;
using skyrocks_test::SstEntries;

// Puts keys [from, to) with a value tagged `tag` and flushes: one L0 file.
void CfPutFlush(DB* db, KvMap* model, int from, int to, const std::string& tag,
                int step = 1) {
  for (int i = from; i < to; i += step) {
    const std::string v = tag + std::to_string(i) + std::string(50, 'x');
    REQUIRE(db->Put(WriteOptions(), NumberedKey(i), v).ok());
    (*model)[NumberedKey(i)] = v;
  }
  REQUIRE(db->Flush(FlushOptions()).ok());
}

std::vector<SstFileMetaData> CfLevel(DB* db, int level) {
  ColumnFamilyMetaData meta;
  db->GetColumnFamilyMetaData(&meta);
  REQUIRE(static_cast<int>(meta.levels.size()) > level);
  CHECK(meta.levels[level].level == level);
  return meta.levels[level].files;
}

}  // namespace

TEST_CASE("compact files: name forms, outputs at the output level, contents kept") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  std::unique_ptr<DB> db = OpenDbOrFail(ManualCompactionOptions(), path);
  KvMap model;
  for (int f = 0; f < 4; f++)
    CfPutFlush(db.get(), &model, f * 50, f * 50 + 300,
               "v" + std::to_string(f) + "-");
  std::vector<SstFileMetaData> l0 = CfLevel(db.get(), 0);
  REQUIRE(l0.size() == 4);
  // Newest first; each name form of RocksDB's metadata is accepted.
  std::vector<std::string> names = {l0[0].relative_filename, l0[1].name,
                                    l0[2].directory + "/" + l0[2].relative_filename,
                                    std::to_string(l0[3].file_number)};
  CHECK(l0[1].name == "/" + l0[1].relative_filename);
  CHECK(l0[0].file_type == ROCKSDB_NAMESPACE::kTableFile);
  CHECK(l0[0].largest_seqno > l0[1].largest_seqno);
  CHECK(l0[0].smallestkey == NumberedKey(150));
  CHECK(l0[0].largestkey == NumberedKey(449));
  CHECK(l0[0].num_entries == 300);
  std::vector<std::string> outputs;
  CompactionJobInfo info;
  Status s = db->CompactFiles(CompactionOptions(), names, 2, -1, &outputs, &info);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(CfLevel(db.get(), 0).empty());
  CHECK(CfLevel(db.get(), 1).empty());
  std::vector<SstFileMetaData> l2 = CfLevel(db.get(), 2);
  REQUIRE(l2.size() == 1);  // output_file_size_limit defaults to "no cut"
  REQUIRE(outputs.size() == 1);
  CHECK(outputs[0] == path + "/" + l2[0].relative_filename);
  CHECK(l2[0].num_entries == 450);  // overwritten versions are gone
  CHECK(info.status.ok());
  CHECK(info.cf_name == "default");
  CHECK(info.base_input_level == 0);
  CHECK(info.output_level == 2);
  CHECK(info.input_files.size() == 4);
  CHECK(info.output_files == outputs);
  CHECK(info.compaction_reason ==
        ROCKSDB_NAMESPACE::CompactionReason::kManualCompaction);
  CHECK(ScanToMap(db.get()) == model);

  // A small output_file_size_limit cuts several outputs, in key order.
  CompactionOptions small;
  small.output_file_size_limit = 4 << 10;
  small.compression = ROCKSDB_NAMESPACE::kNoCompression;
  outputs.clear();
  s = db->CompactFiles(small, {l2[0].relative_filename}, 4, -1, &outputs);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::vector<SstFileMetaData> l4 = CfLevel(db.get(), 4);
  CHECK(l4.size() == outputs.size());
  CHECK(l4.size() > 3);
  for (size_t i = 1; i < l4.size(); i++)
    CHECK(l4[i - 1].largestkey < l4[i].smallestkey);
  CHECK(ScanToMap(db.get()) == model);
  db.reset();
  db = OpenDbOrFail(ManualCompactionOptions(), path);
  CHECK(ScanToMap(db.get()) == model);
  CHECK(CfLevel(db.get(), 4).size() == l4.size());
}

TEST_CASE(
    "compact files: RocksDB's expansion (older L0 files, overlapping levels "
    "between)") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<DB> db =
      OpenDbOrFail(ManualCompactionOptions(), dir.Sub("db"));
  KvMap model;
  // L3: three files of disjoint ranges.
  CfPutFlush(db.get(), &model, 0, 100, "a");
  CfPutFlush(db.get(), &model, 100, 200, "a");
  CfPutFlush(db.get(), &model, 200, 300, "a");
  std::vector<SstFileMetaData> l0 = CfLevel(db.get(), 0);
  // Oldest first (an L0 input brings every older L0 file along).
  for (auto f = l0.rbegin(); f != l0.rend(); ++f) {
    REQUIRE(db->CompactFiles(CompactionOptions(), {f->name}, 3).ok());
  }
  REQUIRE(CfLevel(db.get(), 3).size() == 3);
  // L2: one file over [150, 160).
  CfPutFlush(db.get(), &model, 150, 160, "b");
  REQUIRE(db->CompactFiles(CompactionOptions(), {CfLevel(db.get(), 0)[0].name}, 2).ok());
  // L0: old [0, 50), then newer [40, 60), then newest [140, 155).
  CfPutFlush(db.get(), &model, 0, 50, "c");
  CfPutFlush(db.get(), &model, 40, 60, "d");
  CfPutFlush(db.get(), &model, 140, 155, "e");
  l0 = CfLevel(db.get(), 0);
  REQUIRE(l0.size() == 3);

  // The middle L0 file alone into L0's level 1: the older one comes along
  // (it would otherwise sit above newer data), the newest stays.
  CompactionJobInfo info;
  REQUIRE(db->CompactFiles(CompactionOptions(), {l0[1].name}, 1, -1, nullptr, &info).ok());
  CHECK(info.input_files.size() == 2);
  std::vector<SstFileMetaData> now0 = CfLevel(db.get(), 0);
  REQUIRE(now0.size() == 1);
  CHECK(now0[0].file_number == l0[0].file_number);
  CHECK(CfLevel(db.get(), 1).size() == 1);
  CHECK(ScanToMap(db.get()) == model);

  // The newest L0 file ([140, 155)) into L3: the L2 file over [150, 160)
  // and the L3 file [100, 200) overlap on the way and are taken.
  const uint64_t l2_file = CfLevel(db.get(), 2)[0].file_number;
  info = CompactionJobInfo();
  REQUIRE(db->CompactFiles(CompactionOptions(), {now0[0].relative_filename}, 3, -1, nullptr, &info).ok());
  CHECK(info.input_files.size() == 3);
  CHECK(info.input_file_infos[1].level == 2);
  CHECK(info.input_file_infos[1].file_number == l2_file);
  CHECK(CfLevel(db.get(), 0).empty());
  CHECK(CfLevel(db.get(), 2).empty());
  CHECK(CfLevel(db.get(), 1).size() == 1);  // [0, 60) is not in the way
  std::vector<SstFileMetaData> l3 = CfLevel(db.get(), 3);
  REQUIRE(l3.size() == 3);
  CHECK(l3[1].smallestkey == NumberedKey(100));
  CHECK(l3[1].largestkey == NumberedKey(199));
  CHECK(ScanToMap(db.get()) == model);
}

TEST_CASE("compact files: errors name the file; bad requests change nothing") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<DB> db =
      OpenDbOrFail(ManualCompactionOptions(), dir.Sub("db"));
  KvMap model;
  CfPutFlush(db.get(), &model, 0, 100, "a");
  const std::string deep = CfLevel(db.get(), 0)[0].relative_filename;
  REQUIRE(db->CompactFiles(CompactionOptions(), {deep}, 5).ok());
  const std::string l5 = CfLevel(db.get(), 5)[0].relative_filename;
  CfPutFlush(db.get(), &model, 0, 100, "b");
  const std::string l0 = CfLevel(db.get(), 0)[0].relative_filename;

  Status s = db->CompactFiles(CompactionOptions(), {"999999.sst"}, 1);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("999999.sst") != std::string::npos);
  CHECK(s.ToString().find("does not exist") != std::string::npos);
  s = db->CompactFiles(CompactionOptions(), {deep}, 6);  // compacted away
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find(deep) != std::string::npos);
  s = db->CompactFiles(CompactionOptions(), {l0, l5}, 3);  // L5 up to L3
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find(l5) != std::string::npos);
  s = db->CompactFiles(CompactionOptions(), {l0}, 7);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("[0, 6]") != std::string::npos);
  s = db->CompactFiles(CompactionOptions(), {l0}, -1);
  CHECK(s.IsInvalidArgument());
  s = db->CompactFiles(CompactionOptions(), {"000001.log"}, 1);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("000001.log") != std::string::npos);
  s = db->CompactFiles(CompactionOptions(), {}, 1);
  CHECK(s.IsInvalidArgument());
  s = db->CompactFiles(CompactionOptions(), {l0}, 1, 1);  // path id 1
  CHECK(s.IsInvalidArgument());
  CHECK(CfLevel(db.get(), 0).size() == 1);
  CHECK(CfLevel(db.get(), 5).size() == 1);
  CHECK(ScanToMap(db.get()) == model);
  CHECK(db->NumberLevels() == 7);
}

TEST_CASE(
    "compact files: snapshots keep old versions; then versions and deletions "
    "go") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<DB> db =
      OpenDbOrFail(ManualCompactionOptions(), dir.Sub("db"));
  KvMap model;
  CfPutFlush(db.get(), &model, 0, 100, "a");
  const Snapshot* snap = db->GetSnapshot();
  const KvMap at_snap = model;
  CfPutFlush(db.get(), &model, 0, 100, "b");
  for (int i = 0; i < 50; i++) {
    REQUIRE(db->Delete(WriteOptions(), NumberedKey(i)).ok());
    model.erase(NumberedKey(i));
  }
  REQUIRE(db->Flush(FlushOptions()).ok());
  std::vector<std::string> names;
  for (const auto& f : CfLevel(db.get(), 0)) names.push_back(f.name);
  REQUIRE(names.size() == 3);
  REQUIRE(db->CompactFiles(CompactionOptions(), names, 6).ok());
  // Per key, the newest entry of each snapshot stripe stays: k0-49 keep
  // their deletion and "a", k50-99 "b" and "a".
  CHECK(SstEntries(db.get()) == 200);
  CHECK(ScanToMap(db.get(), snap) == at_snap);
  CHECK(ScanToMap(db.get()) == model);
  db->ReleaseSnapshot(snap);
  // Rewriting the last level in place: nothing older is visible to anyone,
  // so the deletions go with what they delete.
  std::vector<SstFileMetaData> l6 = CfLevel(db.get(), 6);
  REQUIRE(l6.size() == 1);
  REQUIRE(db->CompactFiles(CompactionOptions(), {l6[0].name}, 6).ok());
  CHECK(SstEntries(db.get()) == 50);
  CHECK(ScanToMap(db.get()) == model);
}

TEST_CASE(
    "compact files: a file a running compaction rewrites is refused "
    "(Aborted)") {
  skyrocks_test::TempDir dir;
  auto fs = std::make_shared<BlockingSstFs>(BlockingSstFs::kAll);
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env =
      ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
  Options o = ManualCompactionOptions();
  o.env = env.get();
  std::unique_ptr<DB> db = OpenDbOrFail(o, dir.Sub("db"));
  KvMap model;
  CfPutFlush(db.get(), &model, 0, 100, "a");
  CfPutFlush(db.get(), &model, 50, 150, "b");
  std::vector<SstFileMetaData> l0 = CfLevel(db.get(), 0);
  fs->Arm();
  Status first;
  std::thread t([&] { first = db->CompactFiles(CompactionOptions(), {l0[1].name}, 1); });
  fs->WaitBlocked();
  // Should a refusal below wrongly wait for the compaction slot instead,
  // release the compaction in flight after a while: the test then fails
  // rather than hangs.
  std::mutex watchdog_mu;
  std::condition_variable watchdog_cv;
  bool done = false;
  std::thread watchdog([&] {
    std::unique_lock<std::mutex> l(watchdog_mu);
    watchdog_cv.wait_for(l, std::chrono::seconds(5), [&] { return done; });
    fs->Release();
  });
  std::vector<LiveFileMetaData> live;
  db->GetLiveFilesMetaData(&live);
  REQUIRE(live.size() == 2);
  for (const auto& f : live) {
    CHECK(f.being_compacted == (f.file_number == l0[1].file_number));
    CHECK(f.column_family_name == "default");
    CHECK(f.level == 0);
  }
  Status s = db->CompactFiles(CompactionOptions(), {l0[1].relative_filename}, 2);
  CHECK(s.IsAborted());
  CHECK(s.ToString().find(l0[1].relative_filename) != std::string::npos);
  // The newer file brings the one in flight along: refused too.
  s = db->CompactFiles(CompactionOptions(), {l0[0].relative_filename}, 1);
  CHECK(s.IsAborted());
  fs->Release();
  t.join();
  {
    std::lock_guard<std::mutex> l(watchdog_mu);
    done = true;
  }
  watchdog_cv.notify_all();
  watchdog.join();
  CHECK_MESSAGE(first.ok(), first.ToString());
  CHECK(CfLevel(db.get(), 0).size() == 1);
  CHECK(CfLevel(db.get(), 1).size() == 1);
  CHECK(ScanToMap(db.get()) == model);
  db.reset();
}

TEST_CASE("auto compaction: SetOptions and EnableAutoCompaction") {
  skyrocks_test::TempDir dir;
  Options o = ManualCompactionOptions();
  o.level0_file_num_compaction_trigger = 2;
  std::unique_ptr<DB> db = OpenDbOrFail(o, dir.Sub("db"));
  KvMap model;
  std::mt19937 rng(7);
  auto fill = [&](int files) {
    for (int f = 0; f < files; f++) {
      const int start = static_cast<int>(rng() % 500);
      CfPutFlush(db.get(), &model, start, start + 300, "f" + std::to_string(rng() % 1000) + "-", 1 + rng() % 3);
    }
  };
  auto files_at = [&](int level) {
    uint64_t n = 0;
    REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level" + std::to_string(level), &n));
    return n;
  };
  fill(6);
  REQUIRE(db->WaitForCompact().ok());
  CHECK(files_at(0) == 6);  // disabled: nothing ran
  std::string pending;
  REQUIRE(db->GetProperty("rocksdb.compaction-pending", &pending));
  CHECK(pending == "1");
  REQUIRE(db->EnableAutoCompaction({db->DefaultColumnFamily()}).ok());
  CHECK_FALSE(db->GetOptions().disable_auto_compactions);
  REQUIRE(db->WaitForCompact().ok());
  CHECK(files_at(0) < 2);
  CHECK(files_at(1) > 0);
  CHECK(ScanToMap(db.get()) == model);

  REQUIRE(db->SetOptions({{"disable_auto_compactions", "true"}}).ok());
  CHECK(db->GetOptions().disable_auto_compactions);
  const uint64_t before = files_at(0);
  fill(3);
  REQUIRE(db->WaitForCompact().ok());
  CHECK(files_at(0) == before + 3);
  // Invalid entries: nothing changes, not even the valid ones beside them.
  Status s = db->SetOptions({{"disable_auto_compactions", "false"}, {"level0_file_num_compaction_trigger", "x"}});
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("level0_file_num_compaction_trigger") != std::string::npos);
  s = db->SetOptions({{"no_such_option", "1"}});
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("no_such_option") != std::string::npos);
  CHECK(db->GetOptions().disable_auto_compactions);
  // Enabled again with a trigger above L0's count: still nothing to do.
  REQUIRE(db->SetOptions({{"disable_auto_compactions", "false"}, {"level0_file_num_compaction_trigger", "20"}}).ok());
  CHECK(db->GetOptions().level0_file_num_compaction_trigger == 20);
  REQUIRE(db->WaitForCompact().ok());
  CHECK(files_at(0) == before + 3);
  REQUIRE(db->SetOptions({{"level0_file_num_compaction_trigger", "2"}, {"max_bytes_for_level_base", "65536"}}).ok());
  REQUIRE(db->WaitForCompact().ok());
  CHECK(files_at(0) < 2);
  CHECK(ScanToMap(db.get()) == model);
  // The options persist in the newest OPTIONS file of the DB (the two
  // newest are kept, as RocksDB does).
  std::vector<std::string> children;
  REQUIRE(ROCKSDB_NAMESPACE::Env::Default()->GetChildren(dir.Sub("db"), &children).ok());
  std::string options_file;
  int options_files = 0;
  for (const auto& c : children) {
    if (c.rfind("OPTIONS-", 0) == 0 && c.find(".dbtmp") == std::string::npos) {
      options_files++;
      if (c > options_file) options_file = c;  // zero-padded numbers
    }
  }
  CHECK(options_files == 2);
  const std::string text = skyrocks_test::ReadWholeFile(dir.Sub("db") + "/" + options_file);
  CHECK(text.find("max_bytes_for_level_base=65536") != std::string::npos);
  CHECK(text.find("disable_auto_compactions=false") != std::string::npos);
}

TEST_CASE("background work: PauseBackgroundWork, DisableManualCompaction") {
  skyrocks_test::TempDir dir;
  Options o = ManualCompactionOptions();
  o.disable_auto_compactions = false;
  o.level0_file_num_compaction_trigger = 2;
  std::unique_ptr<DB> db = OpenDbOrFail(o, dir.Sub("db"));
  KvMap model;
  REQUIRE(db->PauseBackgroundWork().ok());
  for (int f = 0; f < 4; f++) CfPutFlush(db.get(), &model, f * 10, f * 10 + 100, "p");
  REQUIRE(db->WaitForCompact().ok());
  uint64_t n = 0;
  REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &n));
  CHECK(n == 4);
  REQUIRE(db->ContinueBackgroundWork().ok());
  CHECK(db->ContinueBackgroundWork().IsInvalidArgument());
  REQUIRE(db->WaitForCompact().ok());
  REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &n));
  CHECK(n == 0);

  db->DisableManualCompaction();
  Status s = db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(), nullptr, nullptr);
  CHECK(s.IsManualCompactionPaused());
  std::vector<SstFileMetaData> l1 = CfLevel(db.get(), 1);
  REQUIRE_FALSE(l1.empty());
  s = db->CompactFiles(CompactionOptions(), {l1[0].name}, 2);
  CHECK(s.IsManualCompactionPaused());
  db->EnableManualCompaction();
  REQUIRE(db->CompactFiles(CompactionOptions(), {l1[0].name}, 2).ok());
  REQUIRE(db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(), nullptr,
                           nullptr)
              .ok());
  CHECK(ScanToMap(db.get()) == model);
}
