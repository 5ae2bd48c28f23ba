// DB::OpenAsSecondary under a primary that keeps writing: after each
// TryCatchUpWithPrimary the secondary holds every write the primary had
// acknowledged before the call (its staleness is bounded by the catch-up),
// never a torn one, while flushes and compactions replace the files.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "rocksdb/db.h"
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
