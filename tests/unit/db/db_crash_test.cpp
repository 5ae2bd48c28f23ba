// Crashes and damaged DB directories.
// * kill -9: a child process writes with sync=true and reports each
//   acknowledged key through a pipe; the test SIGKILLs it at a random
//   moment (25 cycles; two in three wait for the child's first
//   acknowledgement first, the others may kill it while it creates or
//   opens the DB; background flushes going on; every other cycle
//   compaction-heavy: tiny write buffer, files and levels, L0 trigger 2,
//   some with dynamic level bytes, so kills land inside compactions),
//   reopens the DB and checks that every acknowledged key is there with its
//   value and that nothing read is damaged.
// * A missing CURRENT, a MANIFEST with a damaged record and a WAL with a
//   torn tail each give the documented outcome and leave every file in
//   place when the open fails; a create killed before it wrote CURRENT
//   does not stop the next create.
#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

std::string CrashKey(uint64_t i) {
  char buf[24];
  snprintf(buf, sizeof(buf), "key%08llu", static_cast<unsigned long long>(i));
  return buf;
}

std::string CrashValue(uint64_t i) {
  return "value-" + std::to_string(i) + std::string(i % 300, 'v');
}

// Runs in the forked child: writes keys from `first` on with sync=true and
// reports each acknowledged one; never returns. variant 1: compaction-
// heavy; 2: that with dynamic level bytes.
[[noreturn]] void CrashWriter(const std::string& dir, uint64_t first, int fd,
                              int variant) {
  std::unique_ptr<Env> env = NewCompositeEnv(FileSystem::Default());
  Options o;
  o.create_if_missing = true;
  o.env = env.get();
  o.write_buffer_size = 64 << 10;  // flushes happen while we are killed
  if (variant > 0) {
    o.write_buffer_size = 8 << 10;
    o.level0_file_num_compaction_trigger = 2;
    o.target_file_size_base = 8 << 10;
    o.max_bytes_for_level_base = 32 << 10;
    o.max_bytes_for_level_multiplier = 4;
    o.level_compaction_dynamic_level_bytes = variant == 2;
  }
  DB* db = nullptr;
  if (!DB::Open(o, dir, &db).ok()) _exit(2);
  WriteOptions wo;
  wo.sync = true;
  for (uint64_t i = first;; i++) {
    if (!db->Put(wo, CrashKey(i), CrashValue(i)).ok()) _exit(3);
    if (write(fd, &i, sizeof(i)) != sizeof(i)) _exit(4);
  }
}

// The DB's files in dir, without the info LOG files, which every open
// writes (and moves aside), failed ones too, as in RocksDB.
std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> all, names;
  REQUIRE(Env::Default()->GetChildren(dir, &all).ok());
  for (const std::string& n : all) {
    if (n != "LOG" && n.compare(0, 8, "LOG.old.") != 0) names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("crash: every acknowledged sync write survives kill -9") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db");
  std::mt19937 rng(2026);
  uint64_t next = 0;  // first key the next child writes
  uint64_t total_acked = 0;
  for (int cycle = 0; cycle < 25; cycle++) {
    CAPTURE(cycle);
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      CrashWriter(db_dir, next, fds[1],
                  cycle % 2 == 0 ? 0 : (cycle % 4 == 1 ? 1 : 2));
    }
    close(fds[1]);
    if (cycle % 3 != 2) {  // let it acknowledge a write (bounded wait)
      pollfd p{fds[0], POLLIN, 0};
      REQUIRE_MESSAGE(poll(&p, 1, 20000) == 1, "no write acknowledged in 20 s");
      REQUIRE((p.revents & POLLIN) != 0);  // an ack, not a dead child's EOF
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + rng() % 60));
    REQUIRE(kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFSIGNALED(status));  // killed, not failed
    uint64_t acked = 0, n = 0, got;
    bool any = false;
    while (read(fds[0], &got, sizeof(got)) == sizeof(got)) {
      acked = got;
      any = true;
      n++;
    }
    close(fds[0]);
    total_acked += n;

    Options o;
    o.create_if_missing = total_acked == 0;  // the kill may precede CURRENT
    DB* raw = nullptr;
    Status s = DB::Open(o, db_dir, &raw);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    std::unique_ptr<DB> db(raw);
    if (any) {
      for (uint64_t i = next; i <= acked; i++) {
        std::string v;
        s = db->Get(ReadOptions(), CrashKey(i), &v);
        REQUIRE_MESSAGE(s.ok(), (CrashKey(i) + ": " + s.ToString()));
        REQUIRE(v == CrashValue(i));
      }
      next = acked + 1;
    }
    // Everything present reads back intact, in order.
    std::unique_ptr<Iterator> it(db->NewIterator(ReadOptions()));
    uint64_t count = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const uint64_t i = std::stoull(it->key().ToString().substr(3));
      REQUIRE(it->value().ToString() == CrashValue(i));
      count++;
    }
    REQUIRE(it->status().ok());
    CHECK(count >= next);
  }
  MESSAGE("acknowledged writes over 25 kills: " << total_acked);
}

TEST_CASE("damage: missing CURRENT is refused without touching the files") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db");
  Options o;
  o.create_if_missing = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, db_dir, &raw).ok());
  REQUIRE(raw->Put(WriteOptions(), "k", "v").ok());
  REQUIRE(raw->Flush(FlushOptions()).ok());
  delete raw;
  REQUIRE(Env::Default()->DeleteFile(db_dir + "/CURRENT").ok());
  const auto before = ListDir(db_dir);
  Status s = DB::Open(o, db_dir, &raw);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("CURRENT") != std::string::npos);
  o.create_if_missing = false;
  s = DB::Open(o, db_dir, &raw);
  CHECK(s.IsInvalidArgument());
  CHECK(ListDir(db_dir) == before);
}

TEST_CASE("crash: a create killed before CURRENT does not block the next") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db");
  REQUIRE(Env::Default()->CreateDirIfMissing(db_dir).ok());
  {  // what a kill between MANIFEST-000001 and CURRENT leaves: a torn record
    std::ofstream f(db_dir + "/MANIFEST-000001", std::ios::binary);
    f.write("\x12\x34\x56", 3);
  }
  Options o;
  o.create_if_missing = true;
  DB* raw = nullptr;
  Status s = DB::Open(o, db_dir, &raw);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::unique_ptr<DB> db(raw);
  REQUIRE(db->Put(WriteOptions(), "k", "v").ok());
  std::string v;
  REQUIRE(db->Get(ReadOptions(), "k", &v).ok());
  CHECK(v == "v");
  db.reset();
  // A MANIFEST other than the first one is an old DB's: still refused.
  skyrocks_test::TempDir dir2;
  const std::string db2 = dir2.Sub("db");
  REQUIRE(Env::Default()->CreateDirIfMissing(db2).ok());
  {
    std::ofstream f(db2 + "/MANIFEST-000007", std::ios::binary);
    f.write("x", 1);
  }
  s = DB::Open(o, db2, &raw);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("MANIFEST-000007") != std::string::npos);
}

TEST_CASE("damage: a bad MANIFEST record fails the open, nothing deleted") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db");
  Options o;
  o.create_if_missing = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, db_dir, &raw).ok());
  for (int i = 0; i < 3; i++) {
    REQUIRE(raw->Put(WriteOptions(), "k" + std::to_string(i), "v").ok());
    REQUIRE(raw->Flush(FlushOptions()).ok());
  }
  delete raw;
  std::string manifest;
  for (const auto& n : ListDir(db_dir)) {
    if (n.rfind("MANIFEST-", 0) == 0) manifest = db_dir + "/" + n;
  }
  REQUIRE(!manifest.empty());
  std::string bytes = skyrocks_test::ReadWholeFile(manifest);
  REQUIRE(bytes.size() > 40);
  bytes[bytes.size() / 2] ^= 0x55;  // inside a record: its crc fails
  {
    std::ofstream f(manifest, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  const auto before = ListDir(db_dir);
  Status s = DB::Open(o, db_dir, &raw);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("MANIFEST") != std::string::npos);
  CHECK(ListDir(db_dir) == before);
}

TEST_CASE("damage: a torn WAL tail per wal_recovery_mode") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db");
  Options o;
  o.create_if_missing = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, db_dir, &raw).ok());
  for (int i = 0; i < 100; i++) {
    REQUIRE(
        raw->Put(WriteOptions(), "k" + std::to_string(i), std::string(100, 'x'))
            .ok());
  }
  REQUIRE(raw->SyncWAL().ok());
  // Leave without flushing: the data is only in the WAL.
  std::string wal;
  for (const auto& n : ListDir(db_dir)) {
    if (n.size() > 4 && n.substr(n.size() - 4) == ".log")
      wal = db_dir + "/" + n;
  }
  REQUIRE(!wal.empty());
  const std::string bytes = skyrocks_test::ReadWholeFile(wal);
  delete raw;  // closing does not flush (the WAL holds the data)
  const std::string copy = dir.Sub("copy");
  std::string out;
  REQUIRE(skyrocks_test::RunCommand("cp -r " + db_dir + " " + copy, &out) == 0);
  // Tear the last record in half in both.
  for (const std::string& d : {db_dir, copy}) {
    const std::string w = d + wal.substr(db_dir.size());
    std::ofstream f(w, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size() - 60));
  }
  // kAbsoluteConsistency: the open fails, naming the WAL; nothing deleted.
  Options strict = o;
  strict.wal_recovery_mode = WALRecoveryMode::kAbsoluteConsistency;
  const auto before = ListDir(copy);
  Status s = DB::Open(strict, copy, &raw);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find(".log") != std::string::npos);
  CHECK(ListDir(copy) == before);
  // Default kPointInTimeRecovery: opens with everything before the tear.
  s = DB::Open(o, db_dir, &raw);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::unique_ptr<DB> db(raw);
  std::string v;
  CHECK(db->Get(ReadOptions(), "k0", &v).ok());
  CHECK(db->Get(ReadOptions(), "k98", &v).ok());
  CHECK(db->Get(ReadOptions(), "k99", &v).IsNotFound());
}

}  // namespace ROCKSDB_NAMESPACE
