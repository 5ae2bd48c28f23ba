// The writers' queue: callers that take the queue's turn without a batch
// of their own (Flush, FlushWAL, ingestion, a resume) wait behind writes
// and are never taken into a write's group, even when they queue up while
// the write at the front is stalled (rocksdb.is-write-stopped says so).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/options.h"
#include "support/db_test_util.h"
#include "support/test_util.h"

using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteOptions;
using skyrocks_test::BlockingSstFs;

TEST_CASE("write queue: a Flush queued behind a stalled write waits its "
          "turn and is not grouped with it") {
  skyrocks_test::TempDir dir;
  auto fs = std::make_shared<BlockingSstFs>(BlockingSstFs::kAll);
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env =
      ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
  Options o;
  o.create_if_missing = true;
  o.env = env.get();
  o.write_buffer_size = 64 << 10;
  o.max_write_buffer_number = 2;  // one full memtable waiting stalls writes
  std::unique_ptr<DB> db = skyrocks_test::OpenDbOrFail(o, dir.Sub("db"));
  const std::string value(1000, 'v');
  fs->Arm();  // every flush waits at its SST
  int n = 0;
  // Fill the memtable until its flush is held; the next fill stalls.
  std::atomic<bool> writer_done{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 0; i < 400; i++) {
      Status s = db->Put(WriteOptions(), "k" + std::to_string(i), value);
      if (!s.ok()) break;
      written = i + 1;
    }
    writer_done = true;
  });
  fs->WaitBlocked();
  // Let the writer reach the stall at the front: its memtable is full
  // while the one before it waits for the held flush, and it writes no
  // more.
  REQUIRE(skyrocks_test::Eventually([&] {
    uint64_t active = 0;
    if (!db->GetIntProperty("rocksdb.cur-size-active-mem-table", &active) ||
        active < o.write_buffer_size) {
      return false;
    }
    const int before = written.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return written.load() == before && !writer_done.load();
  }));
  std::string stopped;
  CHECK(db->GetProperty("rocksdb.is-write-stopped", &stopped));
  CHECK(stopped == "1");  // RocksDB's memtable-limit stop
  Status flushed;
  std::atomic<bool> flush_done{false};
  std::thread flusher([&] {
    FlushOptions fo;
    fo.wait = false;
    flushed = db->Flush(fo);
    flush_done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK_FALSE(flush_done.load());  // behind the stalled write
  fs->Release();
  flusher.join();
  writer.join();
  CHECK_MESSAGE(flushed.ok(), flushed.ToString());
  n = written.load();
  CHECK(n == 400);
  REQUIRE(db->Flush(FlushOptions()).ok());
  CHECK(db->GetProperty("rocksdb.is-write-stopped", &stopped));
  CHECK(stopped == "0");
  std::string v;
  for (int i = 0; i < n; i++) {
    REQUIRE(db->Get(ReadOptions(), "k" + std::to_string(i), &v).ok());
  }
}
