// DB::OpenAsSecondary under a primary that keeps writing: after each
// TryCatchUpWithPrimary the secondary holds every write the primary had
// acknowledged before the call (its staleness is bounded by the catch-up),
// never a torn one, while flushes and compactions replace the files; a
// flush that deletes a WAL between the secondary's MANIFEST read and its
// WAL listing loses nothing.
#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/options.h"
#include "support/test_util.h"

using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteOptions;

TEST_CASE("secondary: catch-ups under a writing primary see every "
          "acknowledged write") {
  skyrocks_test::TempDir dir;
  Options o;
  o.create_if_missing = true;
  o.write_buffer_size = 64 << 10;  // flushes and compactions meanwhile
  DB* primary = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &primary).ok());
  std::unique_ptr<DB> primary_owner(primary);
  REQUIRE(primary->Put(WriteOptions(), "k000000", "v").ok());
  DB* raw = nullptr;
  REQUIRE(DB::OpenAsSecondary(o, dir.Sub("db"), dir.Sub("sec"), &raw).ok());
  std::unique_ptr<DB> sec(raw);
  std::atomic<int> acked{1};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 1; !stop && i < 20000; i++) {
      char key[16];
      std::snprintf(key, sizeof(key), "k%06d", i);
      if (!primary->Put(WriteOptions(), key, std::string(100, 'v')).ok()) break;
      acked = i + 1;
    }
  });
  int failures = 0;
  int rounds = 0;
  // At least 30 catch-ups, and on until the primary flushed several times.
  for (; rounds < 30 || (acked.load() < 8000 && rounds < 100000); rounds++) {
    const int before = acked.load();
    Status s = sec->TryCatchUpWithPrimary();
    if (!s.ok()) {
      failures++;
      continue;
    }
    char key[16];
    std::snprintf(key, sizeof(key), "k%06d", before - 1);
    std::string v;
    CHECK_MESSAGE(sec->Get(ReadOptions(), key, &v).ok(), key);
    std::snprintf(key, sizeof(key), "k%06d", 0);
    CHECK(sec->Get(ReadOptions(), key, &v).ok());
  }
  stop = true;
  writer.join();
  CHECK(failures == 0);
  std::vector<ROCKSDB_NAMESPACE::LiveFileMetaData> files;
  primary->GetLiveFilesMetaData(&files);
  CHECK(!files.empty());  // the catch-ups met flushed files
  MESSAGE(rounds << " catch-ups, " << acked.load() << " writes");
  CHECK(sec->Put(WriteOptions(), "x", "y").IsNotSupported());
  REQUIRE(sec->TryCatchUpWithPrimary().ok());
  std::unique_ptr<ROCKSDB_NAMESPACE::Iterator> it(
      sec->NewIterator(ReadOptions()));
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
  CHECK(it->status().ok());
  CHECK(n == acked.load());
}

namespace {

// The secondary's file system: the first listing of the DB directory after
// Arm runs a hook first (the primary flushes there, between the catch-up's
// MANIFEST read and its WAL listing).
class ListHookFs : public ROCKSDB_NAMESPACE::FileSystemWrapper {
 public:
  ListHookFs()
      : FileSystemWrapper(ROCKSDB_NAMESPACE::FileSystem::Default()) {}
  const char* Name() const override { return "ListHookFs"; }
  ROCKSDB_NAMESPACE::IOStatus GetChildren(
      const std::string& dir, const ROCKSDB_NAMESPACE::IOOptions& o,
      std::vector<std::string>* r,
      ROCKSDB_NAMESPACE::IODebugContext* dbg) override {
    std::function<void()> hook;
    hook.swap(hook_);
    if (hook) hook();
    return FileSystemWrapper::GetChildren(dir, o, r, dbg);
  }
  // Not thread-safe: armed and run by the test's one thread.
  void Arm(std::function<void()> hook) { hook_ = std::move(hook); }

 private:
  std::function<void()> hook_;
};

}  // namespace

TEST_CASE("secondary: a flush that deletes a WAL between the MANIFEST read "
          "and the WAL listing loses nothing") {
  skyrocks_test::TempDir dir;
  Options o;
  o.create_if_missing = true;
  DB* primary = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &primary).ok());
  std::unique_ptr<DB> primary_owner(primary);
  REQUIRE(primary->Put(WriteOptions(), "a", "1").ok());
  auto fs = std::make_shared<ListHookFs>();
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env =
      ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
  Options so = o;
  so.env = env.get();
  DB* raw = nullptr;
  REQUIRE(DB::OpenAsSecondary(so, dir.Sub("db"), dir.Sub("sec"), &raw).ok());
  std::unique_ptr<DB> sec(raw);
  for (int round = 0; round < 3; round++) {
    CAPTURE(round);
    const std::string key = "k" + std::to_string(round);
    REQUIRE(primary->Put(WriteOptions(), key, "v").ok());
    // The write is in a WAL the MANIFEST names; the flush moves it into an
    // SST the MANIFEST read before it does not name, and deletes the WAL.
    bool flushed = false;
    fs->Arm([&] {
      flushed = primary->Flush(FlushOptions()).ok();
    });
    Status s = sec->TryCatchUpWithPrimary();
    REQUIRE(flushed);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    std::string v;
    CHECK_MESSAGE(sec->Get(ReadOptions(), key, &v).ok(), key);
    CHECK(sec->Get(ReadOptions(), "a", &v).ok());
  }
}
