// EventListener behaviour librocksdb's oracle cannot show: callbacks run
// without the DB mutex (they may call the DB), OnMemTableSealed,
// OnExternalFileIngested and OnColumnFamilyHandleDeletionStarted fire with
// RocksDB's fields, OnBackgroundError may
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
#include "rocksdb/sst_file_writer.h"
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

// Records the callbacks added with OnMemTableSealed and after; each one
// calls the DB (a GetProperty, which deadlocks if the DB mutex is held).
class RecordingListener : public EventListener {
 public:
  void OnMemTableSealed(const MemTableInfo& info) override {
    sealed.push_back(info);
    CallDb();
  }
  void OnExternalFileIngested(DB* d,
                              const ExternalFileIngestionInfo& info) override {
    ingested.push_back(info);
    std::string v;
    if (d->GetProperty("rocksdb.num-files-at-level0", &v)) calls++;
  }
  void OnColumnFamilyHandleDeletionStarted(ColumnFamilyHandle* h) override {
    handles_deleted.push_back(h->GetName());
    CallDb();
  }
  void OnStallConditionsChanged(const WriteStallInfo& info) override {
    stalls.push_back(info);
    CallDb();
  }
  void CallDb() {
    std::string v;
    if (db != nullptr && db->GetProperty("rocksdb.num-immutable-mem-table", &v))
      calls++;
  }
  DB* db = nullptr;
  int calls = 0;
  std::vector<MemTableInfo> sealed;
  std::vector<ExternalFileIngestionInfo> ingested;
  std::vector<std::string> handles_deleted;
  std::vector<WriteStallInfo> stalls;
};

}  // namespace

TEST_CASE("listeners: OnMemTableSealed at each memtable switch") {
  skyrocks_test::TempDir tmp;
  auto l = std::make_shared<RecordingListener>();
  Options o;
  o.create_if_missing = true;
  o.write_buffer_size = 64 << 10;
  o.listeners.push_back(l);
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, tmp.path(), &raw).ok());
  std::unique_ptr<DB> db(raw);
  l->db = raw;
  REQUIRE(db->Put(WriteOptions(), "a", "1").ok());
  REQUIRE(db->Put(WriteOptions(), "b", "2").ok());
  REQUIRE(db->Delete(WriteOptions(), "a").ok());
  REQUIRE(db->Flush(FlushOptions()).ok());
  REQUIRE(l->sealed.size() == 1);
  CHECK(l->sealed[0].cf_name == "default");
  CHECK(l->sealed[0].first_seqno == 1);
  CHECK(l->sealed[0].earliest_seqno == 0);
  CHECK(l->sealed[0].num_entries == 3);
  CHECK(l->sealed[0].num_deletes == 1);
  REQUIRE(db->Flush(FlushOptions()).ok());  // empty: nothing sealed
  CHECK(l->sealed.size() == 1);
  REQUIRE(db->Put(WriteOptions(), "c", "3").ok());
  REQUIRE(db->Flush(FlushOptions()).ok());
  REQUIRE(l->sealed.size() == 2);
  CHECK(l->sealed[1].first_seqno == 4);
  CHECK(l->sealed[1].earliest_seqno == 3);
  CHECK(l->sealed[1].num_entries == 1);
  CHECK(l->sealed[1].num_deletes == 0);
  // A full write buffer switches on the write path.
  for (int i = 0; i < 200 && l->sealed.size() == 2; i++) {
    REQUIRE(db->Put(WriteOptions(), "k" + std::to_string(i),
                    std::string(8 << 10, 'x'))
                .ok());
  }
  REQUIRE(l->sealed.size() == 3);
  CHECK(l->sealed[2].first_seqno == 5);
  CHECK(l->sealed[2].earliest_seqno == 4);
  CHECK(l->calls == static_cast<int>(l->sealed.size()));
}

TEST_CASE("listeners: OnExternalFileIngested per ingested file") {
  skyrocks_test::TempDir tmp;
  auto l = std::make_shared<RecordingListener>();
  Options o;
  o.create_if_missing = true;
  o.listeners.push_back(l);
  const std::string ext = tmp.Sub("ext.sst");
  {
    SstFileWriter w(EnvOptions(), o);
    REQUIRE(w.Open(ext).ok());
    REQUIRE(w.Put("a", "x").ok());
    REQUIRE(w.Put("b", "y").ok());
    REQUIRE(w.Finish().ok());
  }
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, tmp.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  l->db = raw;
  REQUIRE(db->Put(WriteOptions(), "a", "1").ok());  // in the memtable
  REQUIRE(db->IngestExternalFile({ext}, IngestExternalFileOptions()).ok());
  REQUIRE(l->ingested.size() == 1);
  const ExternalFileIngestionInfo& i = l->ingested[0];
  CHECK(i.cf_name == "default");
  CHECK(i.external_file_path == ext);
  CHECK(i.internal_file_path.rfind(tmp.Sub("db") + "/", 0) == 0);
  CHECK(i.internal_file_path.size() > 4);
  CHECK(i.internal_file_path.substr(i.internal_file_path.size() - 4) ==
        ".sst");
  CHECK(i.global_seqno == 2);  // after the Put, which overlaps it
  CHECK(i.table_properties.num_entries == 2);
  // The overlapping memtable was sealed (and flushed) first.
  REQUIRE(l->sealed.size() == 1);
  CHECK(l->sealed[0].num_entries == 1);
  CHECK(l->calls == 2);
  std::string v;
  REQUIRE(db->Get(ReadOptions(), "a", &v).ok());
  CHECK(v == "x");
}

TEST_CASE("listeners: OnStallConditionsChanged as L0 grows and shrinks") {
  skyrocks_test::TempDir tmp;
  auto l = std::make_shared<RecordingListener>();
  Options o;
  o.create_if_missing = true;
  o.level0_file_num_compaction_trigger = 10;  // no automatic compaction
  o.level0_slowdown_writes_trigger = 2;
  o.level0_stop_writes_trigger = 3;
  o.listeners.push_back(l);
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, tmp.path(), &raw).ok());
  std::unique_ptr<DB> db(raw);
  l->db = raw;
  for (int f = 0; f < 3; f++) {
    REQUIRE(db->Put(WriteOptions(), "k" + std::to_string(f), "v").ok());
    REQUIRE(db->Flush(FlushOptions()).ok());
  }
  std::string stopped;
  REQUIRE(db->GetProperty("rocksdb.is-write-stopped", &stopped));
  CHECK(stopped == "1");
  REQUIRE(db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
  using C = WriteStallCondition;
  const std::vector<std::pair<C, C>> want = {
      {C::kNormal, C::kDelayed},   // L0 at the slowdown trigger
      {C::kDelayed, C::kStopped},  // at the stop trigger
      {C::kStopped, C::kNormal}};  // compacted into L1
  REQUIRE(l->stalls.size() == want.size());
  for (size_t i = 0; i < want.size(); i++) {
    CAPTURE(i);
    CHECK(l->stalls[i].cf_name == "default");
    CHECK(l->stalls[i].condition.prev == want[i].first);
    CHECK(l->stalls[i].condition.cur == want[i].second);
  }
  CHECK(l->calls == static_cast<int>(l->sealed.size() + l->stalls.size()));
}

TEST_CASE("listeners: OnColumnFamilyHandleDeletionStarted before the delete") {
  skyrocks_test::TempDir tmp;
  auto l = std::make_shared<RecordingListener>();
  Options o;
  o.create_if_missing = true;
  o.listeners.push_back(l);
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, tmp.path(), &raw).ok());
  std::unique_ptr<DB> db(raw);
  l->db = raw;
  // As RocksDB, DB::Open(Options) deletes the handle its column family
  // Open returned (the DB keeps its own).
  REQUIRE(l->handles_deleted.size() == 1);
  CHECK(l->handles_deleted[0] == "default");
  ColumnFamilyHandle* h = nullptr;
  REQUIRE(db->CreateColumnFamily(ColumnFamilyOptions(), "cf1", &h).ok());
  CHECK(l->handles_deleted.size() == 1);
  REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
  REQUIRE(l->handles_deleted.size() == 2);
  CHECK(l->handles_deleted[1] == "cf1");
  CHECK(l->calls == 1);
  l->db = nullptr;
  REQUIRE(db->Close().ok());
  REQUIRE(l->handles_deleted.size() == 3);
  CHECK(l->handles_deleted[2] == "default");
}

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
