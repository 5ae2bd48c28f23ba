// Background errors and DB::Resume (issue 15: disk faults), through the
// fault-injection file system: ENOSPC and EIO during WAL append, flush,
// compaction and MANIFEST write. Each case writes against a std::map model
// of acknowledged writes, injects the fault, sees the error reach the
// writer (or the background error), removes the fault, resumes (by
// DB::Resume, or on its own for retryable errors), checks that the DB
// holds exactly the model, then closes, reopens and checks again.
// Severities follow RocksDB 7.8.3: ENOSPC in a flush, WAL or MANIFEST
// write is a hard error (writes fail, DB::Resume recovers), in a
// compaction a soft one (writes go on); a retryable EIO resumes on its
// own; a plain EIO is fatal (Resume refuses, a reopen recovers).
#include <doctest/doctest.h>

#include <chrono>
#include <climits>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "env/fault_injection_fs.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

using FOp = FaultInjectionTestFS::Op;

// A DB on a FaultInjectionTestFS and the model of what it acknowledged.
class FaultyDb {
 public:
  explicit FaultyDb(int resume_count = 0) {
    fs_ = std::make_shared<FaultInjectionTestFS>(FileSystem::Default());
    env_ = NewCompositeEnv(fs_);
    options_.create_if_missing = true;
    options_.env = env_.get();
    options_.write_buffer_size = 1 << 20;
    options_.disable_auto_compactions = true;
    options_.max_bgerror_resume_count = resume_count;
    options_.bgerror_resume_retry_interval = 10000;  // 10 ms
    Reopen();
  }
  ~FaultyDb() { db_.reset(); }

  void Reopen() {
    db_.reset();
    DB* db = nullptr;
    Status s = DB::Open(options_, tmp_.path(), &db);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    db_.reset(db);
  }

  // A write whose outcome goes into the model when acknowledged.
  Status Put(const std::string& k, const std::string& v, bool sync = false) {
    WriteOptions wo;
    wo.sync = sync;
    Status s = db_->Put(wo, k, v);
    if (s.ok()) model_[k] = v;
    return s;
  }
  void PutMany(const std::string& prefix, int n) {
    for (int i = 0; i < n; i++) {
      const std::string k = prefix + std::to_string(1000 + i);
      Status s = Put(k, k + "-value-" + std::string(i % 50, 'x'));
      REQUIRE_MESSAGE(s.ok(), s.ToString());
    }
  }

  // The DB holds exactly the model: every acknowledged write reads back
  // (Get and an iterator) and nothing else is there.
  void CheckModel() {
    int bad = 0;
    std::string first;
    for (const auto& kv : model_) {
      std::string v;
      Status s = db_->Get(ReadOptions(), kv.first, &v);
      if (!s.ok() || v != kv.second) {
        if (bad++ == 0) first = kv.first + ": " + s.ToString();
      }
    }
    CHECK_MESSAGE(bad == 0,
                  bad << " acknowledged writes lost, first " << first);
    std::unique_ptr<Iterator> it(db_->NewIterator(ReadOptions()));
    auto m = model_.begin();
    size_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next(), n++) {
      if (m == model_.end() || it->key().ToString() != m->first ||
          it->value().ToString() != m->second) {
        FAIL_CHECK("unexpected entry " << it->key().ToString());
        break;
      }
      ++m;
    }
    CHECK_MESSAGE(it->status().ok(), it->status().ToString());
    CHECK(n == model_.size());
  }

  // Resume, check, close, reopen, check, and write once more.
  void ResumeAndVerify() {
    Status s = db_->Resume();
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    VerifyAfterResume();
  }
  void VerifyAfterResume() {
    CheckModel();
    PutMany("after-", 50);
    REQUIRE(db_->Flush(FlushOptions()).ok());
    PutMany("unflushed-", 20);  // recovered from the WAL
    CheckModel();
    Reopen();
    CheckModel();
    PutMany("reopened-", 20);
    CheckModel();
  }

  uint64_t BackgroundErrors() {
    std::string v;
    REQUIRE(db_->GetProperty("rocksdb.background-errors", &v));
    return std::stoull(v);
  }

  FaultInjectionTestFS* fs() { return fs_.get(); }
  DB* db() { return db_.get(); }
  const std::map<std::string, std::string>& model() const { return model_; }

 private:
  skyrocks_test::TempDir tmp_;
  std::shared_ptr<FaultInjectionTestFS> fs_;
  std::unique_ptr<Env> env_;
  Options options_;
  std::unique_ptr<DB> db_;
  std::map<std::string, std::string> model_;
};

template <typename F>
bool WaitFor(F cond, int max_ms) {
  const auto start = std::chrono::steady_clock::now();
  while (!cond()) {
    if (std::chrono::steady_clock::now() - start >
        std::chrono::milliseconds(max_ms)) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace

TEST_CASE(
    "error resume: ENOSPC in a WAL append fails the write, Resume "
    "switches to a new WAL") {
  for (bool torn : {false, true}) {
    CAPTURE(torn);
    FaultyDb d;
    d.PutMany("before-", 100);
    // Appends fail, and so does creating a new WAL.
    d.fs()->InjectError(FOp::kAny, FaultInjectionTestFS::NoSpaceError("wal"),
                        -1, ".log", torn);
    Status s = d.Put("lost", "v", true);
    CHECK_MESSAGE(s.IsNoSpace(), s.ToString());
    // Writes fail with the error while it lasts; reads go on.
    s = d.Put("lost2", "v");
    CHECK_MESSAGE(s.IsNoSpace(), s.ToString());
    CHECK(s.severity() == Status::kHardError);
    d.CheckModel();
    // No resume while the disk is full; ENOSPC is not resumed on its own.
    s = d.db()->Resume();
    CHECK_FALSE(s.ok());
    d.fs()->ClearErrors();
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    CHECK(d.Put("lost3", "v").IsNoSpace());
    d.ResumeAndVerify();
  }
}

TEST_CASE("error resume: a torn WAL append leaves later writes readable") {
  // The half-written record stays in the old WAL; writes after the resume
  // must go to a new one, or they would follow the tear and be lost on
  // recovery.
  FaultyDb d(/*resume_count=*/INT_MAX);
  d.PutMany("before-", 20);
  // With the memtable empty the resume has nothing to flush: only an
  // explicit switch leaves the torn WAL behind.
  REQUIRE(d.db()->Flush(FlushOptions()).ok());
  IOStatus eio = FaultInjectionTestFS::EIOError("wal");
  eio.SetRetryable(true);
  d.fs()->InjectError(FOp::kWrite, eio, 1, ".log", /*torn=*/true);
  Status s = d.Put(std::string(3000, 'k'), std::string(50000, 'v'));
  CHECK_MESSAGE(s.IsIOError(), s.ToString());
  // Retryable: the DB resumes on its own.
  REQUIRE(WaitFor([&] { return d.Put("probe", "p").ok(); }, 5000));
  d.PutMany("after-tear-", 100);
  d.Reopen();  // the writes after the tear come back from the new WAL
  d.CheckModel();
  d.VerifyAfterResume();
}

TEST_CASE(
    "error resume: a non-retryable EIO in a WAL append is fatal until "
    "reopened") {
  FaultyDb d(/*resume_count=*/INT_MAX);
  d.PutMany("before-", 100);
  d.fs()->InjectError(FOp::kWrite, FaultInjectionTestFS::EIOError("wal"), -1,
                      ".log");
  Status s = d.Put("lost", "v");
  CHECK_MESSAGE(s.IsIOError(), s.ToString());
  d.fs()->ClearErrors();
  s = d.db()->Resume();
  CHECK_MESSAGE(s.IsIOError(), s.ToString());
  CHECK(s.severity() == Status::kFatalError);
  CHECK(d.Put("lost2", "v").IsIOError());
  d.CheckModel();
  d.Reopen();
  d.CheckModel();
  d.PutMany("reopened-", 20);
  d.CheckModel();
}

TEST_CASE("error resume: ENOSPC in a flush stops writes until Resume") {
  FaultyDb d;
  d.PutMany("a-", 200);
  d.fs()->InjectError(FOp::kWrite, FaultInjectionTestFS::NoSpaceError("sst"),
                      -1, ".sst");
  Status s = d.db()->Flush(FlushOptions());
  CHECK_MESSAGE(s.IsNoSpace(), s.ToString());
  CHECK(s.severity() == Status::kHardError);
  CHECK(d.BackgroundErrors() >= 1);
  s = d.Put("lost", "v");
  CHECK_MESSAGE(s.IsNoSpace(), s.ToString());
  d.CheckModel();                      // reads go on, from the memtables
  CHECK_FALSE(d.db()->Resume().ok());  // still full
  d.fs()->ClearErrors();
  d.ResumeAndVerify();
}

TEST_CASE("error resume: a retryable EIO in a flush resumes on its own") {
  FaultyDb d(/*resume_count=*/INT_MAX);
  d.PutMany("a-", 200);
  IOStatus eio = FaultInjectionTestFS::EIOError("sst");
  eio.SetRetryable(true);
  d.fs()->InjectError(FOp::kWrite, eio, -1, ".sst");
  Status s = d.db()->Flush(FlushOptions());
  CHECK_MESSAGE(s.IsIOError(), s.ToString());
  CHECK(d.Put("lost", "v").IsIOError());
  CHECK(d.db()->Resume().IsBusy());
  d.fs()->ClearErrors();
  REQUIRE(WaitFor([&] { return d.Put("probe", "p").ok(); }, 5000));
  d.VerifyAfterResume();
  CHECK(d.db()->Resume().ok());
}

TEST_CASE("error resume: retries stop after max_bgerror_resume_count") {
  FaultyDb d(/*resume_count=*/3);
  d.PutMany("a-", 50);
  IOStatus eio = FaultInjectionTestFS::EIOError("sst");
  eio.SetRetryable(true);
  d.fs()->InjectError(FOp::kWrite, eio, -1, ".sst");
  CHECK(d.db()->Flush(FlushOptions()).IsIOError());
  // Three tries, 10 ms apart, then Resume is no longer Busy.
  REQUIRE(WaitFor([&] { return !d.db()->Resume().IsBusy(); }, 5000));
  CHECK(d.Put("lost", "v").IsIOError());
  d.fs()->ClearErrors();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(d.Put("lost", "v").IsIOError());  // no more tries on its own
  d.ResumeAndVerify();
}

TEST_CASE("error resume: ENOSPC in a compaction is a soft error") {
  FaultyDb d;
  for (int f = 0; f < 3; f++) {
    d.PutMany("f" + std::to_string(f) + "-", 100);
    d.PutMany("shared-", 20);  // overwritten in every file
    REQUIRE(d.db()->Flush(FlushOptions()).ok());
  }
  d.fs()->InjectError(FOp::kWrite, FaultInjectionTestFS::NoSpaceError("sst"),
                      -1, ".sst");
  Status s = d.db()->CompactRange(CompactRangeOptions(), nullptr, nullptr);
  CHECK_MESSAGE(s.IsNoSpace(), s.ToString());
  CHECK(d.BackgroundErrors() >= 1);
  // Soft: writes go on (they need no SST).
  REQUIRE(d.Put("during", "v").ok());
  d.CheckModel();
  d.fs()->ClearErrors();
  d.ResumeAndVerify();
  s = d.db()->CompactRange(CompactRangeOptions(), nullptr, nullptr);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  d.CheckModel();
}

TEST_CASE(
    "error resume: ENOSPC and EIO in a MANIFEST write; Resume starts "
    "a new MANIFEST") {
  for (bool retryable_eio : {false, true}) {
    CAPTURE(retryable_eio);
    FaultyDb d(retryable_eio ? INT_MAX : 0);
    d.PutMany("a-", 200);
    IOStatus err = FaultInjectionTestFS::NoSpaceError("manifest");
    if (retryable_eio) {
      err = FaultInjectionTestFS::EIOError("manifest");
      err.SetRetryable(true);
    }
    d.fs()->InjectError(FOp::kWrite, err, -1, "MANIFEST", /*torn=*/true);
    Status s = d.db()->Flush(FlushOptions());
    CHECK_FALSE(s.ok());
    CHECK(s.IsNoSpace() == !retryable_eio);
    CHECK(d.Put("lost", "v").IsIOError());
    d.CheckModel();
    d.fs()->ClearErrors();
    if (retryable_eio) {
      REQUIRE(WaitFor([&] { return d.Put("probe", "p").ok(); }, 5000));
      d.VerifyAfterResume();
    } else {
      d.ResumeAndVerify();
    }
  }
}

TEST_CASE("error resume: Resume with no error is OK and changes nothing") {
  FaultyDb d;
  d.PutMany("a-", 10);
  CHECK(d.db()->Resume().ok());
  CHECK(d.BackgroundErrors() == 0);
  d.CheckModel();
}

}  // namespace ROCKSDB_NAMESPACE
