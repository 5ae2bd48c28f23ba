// EventListener behaviour librocksdb's oracle cannot show: callbacks run
// without the DB mutex (they may call the DB), OnBackgroundError may
// ignore an error (set it OK) and the DB goes on, and the info LOG gets
// the messages a user logs at its level and drops the others.
#include "rocksdb/listener.h"

#include <doctest/doctest.h>

#include <atomic>
#include <vector>
#include <memory>
#include <string>

#include "env/fault_injection_fs.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Calls the DB from its callbacks (deadlocks if the DB mutex is held) and
// ignores background errors when asked.
class CallingListener : public EventListener {
 public:
  void OnFlushCompleted(DB* db, const FlushJobInfo&) override {
    std::string v;
    if (db->GetProperty("rocksdb.num-files-at-level0", &v)) level0 = v;
  }
  void OnCompactionCompleted(DB* db, const CompactionJobInfo&) override {
    std::vector<LiveFileMetaData> files;
    db->GetLiveFilesMetaData(&files);
    live_after_compaction = static_cast<int>(files.size());
  }
  void OnBackgroundError(BackgroundErrorReason, Status* s) override {
    errors++;
    if (ignore) *s = Status::OK();
  }
  std::string level0;
  int live_after_compaction = -1;
  std::atomic<int> errors{0};
  bool ignore = false;
};

}  // namespace

TEST_CASE("listeners: callbacks may call the DB (no DB mutex held)") {
  skyrocks_test::TempDir tmp;
  auto l = std::make_shared<CallingListener>();
  Options o;
  o.create_if_missing = true;
  o.listeners.push_back(l);
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, tmp.path(), &raw).ok());
  std::unique_ptr<DB> db(raw);
  for (int f = 0; f < 2; f++) {  // overlapping files: one output
    REQUIRE(db->Put(WriteOptions(), "k0", std::to_string(f)).ok());
    REQUIRE(db->Put(WriteOptions(), "k1", std::to_string(f)).ok());
    REQUIRE(db->Flush(FlushOptions()).ok());
  }
  CHECK(l->level0 == "2");
  REQUIRE(db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
  CHECK(l->live_after_compaction == 1);
}

TEST_CASE("listeners: OnBackgroundError setting OK ignores the error") {
  skyrocks_test::TempDir tmp;
  auto fs = std::make_shared<FaultInjectionTestFS>(FileSystem::Default());
  std::unique_ptr<Env> env = NewCompositeEnv(fs);
  for (bool ignore : {false, true}) {
    auto l = std::make_shared<CallingListener>();
    l->ignore = ignore;
    Options o;
    o.create_if_missing = true;
    o.env = env.get();
    o.max_bgerror_resume_count = 0;
    o.listeners.push_back(l);
    DB* raw = nullptr;
    REQUIRE(DB::Open(o, tmp.Sub(ignore ? "ignored" : "kept"), &raw).ok());
    std::unique_ptr<DB> db(raw);
    REQUIRE(db->Put(WriteOptions(), "a", "1").ok());
    fs->InjectError(FaultInjectionTestFS::Op::kWrite,
                    FaultInjectionTestFS::EIOError("sst"), -1, ".sst");
    // Not waited for: a flush whose error is ignored stays pending (so
    // would a waiting Flush, as in RocksDB).
    FlushOptions fo;
    fo.wait = false;
    REQUIRE(db->Flush(fo).ok());
    for (int i = 0; i < 1000 && l->errors.load() == 0; i++) {
      Env::Default()->SleepForMicroseconds(10000);
    }
    fs->ClearErrors();
    CHECK(l->errors.load() == 1);
    // A kept error stops writes; an ignored one does not.
    CHECK(db->Put(WriteOptions(), "b", "2").ok() == ignore);
  }
}

TEST_CASE("info LOG: messages below info_log_level are dropped") {
  skyrocks_test::TempDir tmp;
  Options o;
  o.create_if_missing = true;
  o.info_log_level = WARN_LEVEL;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, tmp.path(), &raw).ok());
  std::unique_ptr<DB> db(raw);
  Logger* log = db->GetDBOptions().info_log.get();
  REQUIRE(log != nullptr);
  Info(log, "an info line %d", 1);
  Warn(log, "a warning line %d", 2);
  Header(log, "a header line %d", 3);
  log->Flush();
  const std::string text = skyrocks_test::ReadWholeFile(tmp.path() + "/LOG");
  CHECK(text.find("an info line 1") == std::string::npos);
  CHECK(text.find("[WARN] a warning line 2") != std::string::npos);
  CHECK(text.find("a header line 3") != std::string::npos);
  // The options header is written whatever the level.
  CHECK(text.find("Options.max_open_files: -1") != std::string::npos);
}

}  // namespace ROCKSDB_NAMESPACE
