// DBOptions::wal_dir through the public API (built against src/ and the
// amalgamation): WALs are written to and replayed from wal_dir, obsolete
// ones deleted there, DestroyDB removes them, a checkpoint carries them
// into its own directory, a WAL the DB still needs that sits in the DB
// directory under another wal_dir fails the open instead of being dropped,
// and DBCloud honours wal_dir. Also: options skyrocks does not honour are
// rejected at open with NotSupported naming them (issue 15, defect 2).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "rocksdb/cloud/db_cloud.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/options.h"
#include "rocksdb/utilities/checkpoint.h"
#include "support/number_property.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::Checkpoint;
using ROCKSDB_NAMESPACE::ColumnFamilyDescriptor;
using ROCKSDB_NAMESPACE::ColumnFamilyHandle;
using ROCKSDB_NAMESPACE::ColumnFamilyOptions;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::DBOptions;
using ROCKSDB_NAMESPACE::Env;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::VectorLogPtr;
using ROCKSDB_NAMESPACE::WriteOptions;

// The numbered WALs ("000012.log") in dir.
std::vector<std::string> WalDirWals(const std::string& dir) {
  std::vector<std::string> names, wals;
  Env::Default()->GetChildren(dir, &names).PermitUncheckedError();
  for (const auto& n : names) {
    if (n.size() > 4 && n.substr(n.size() - 4) == ".log") wals.push_back(n);
  }
  return wals;
}

bool WalDirExists(const std::string& path) {
  return Env::Default()->FileExists(path).ok();
}

std::string WalDirKey(int i) { return "key" + std::to_string(1000 + i); }

// Options that leave unflushed writes in the WAL at Close.
Options WalDirOptions(const std::string& wal_dir) {
  Options o;
  o.create_if_missing = true;
  o.wal_dir = wal_dir;
  o.avoid_flush_during_shutdown = true;
  return o;
}

void WalDirPut(DB* db, int from, int to) {
  for (int i = from; i < to; i++) {
    REQUIRE(db->Put(WriteOptions(), WalDirKey(i), "v" + WalDirKey(i)).ok());
  }
}

// Every key in [from, to) reads back; "" or the first failure.
std::string WalDirMissing(DB* db, int from, int to) {
  for (int i = from; i < to; i++) {
    std::string v;
    Status s = db->Get(ReadOptions(), WalDirKey(i), &v);
    if (!s.ok() || v != "v" + WalDirKey(i)) {
      return WalDirKey(i) + ": " + s.ToString();
    }
  }
  return "";
}

}  // namespace

TEST_CASE(
    "wal_dir: unflushed writes are in wal_dir only and survive a reopen") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db"), wal = dir.Sub("wal");
  Options o = WalDirOptions(wal);
  DB* raw = nullptr;
  Status s = DB::Open(o, db_dir, &raw);  // creates wal_dir
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::unique_ptr<DB> db(raw);
  WalDirPut(db.get(), 0, 200);
  VectorLogPtr files;
  REQUIRE(db->GetSortedWalFiles(files).ok());
  REQUIRE(files.size() == 1);
  // PathName is relative to wal_dir.
  CHECK(WalDirExists(wal + files[0]->PathName()));
  CHECK(files[0]->SizeFileBytes() > 0);
  REQUIRE(db->Close().ok());
  db.reset();
  CHECK(WalDirWals(db_dir).empty());
  CHECK(WalDirWals(wal).size() == 1);
  CHECK(WalDirExists(db_dir + "/LOCK"));
  CHECK(!WalDirExists(wal + "/LOCK"));

  s = DB::Open(o, db_dir, &raw);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  db.reset(raw);
  CHECK(WalDirMissing(db.get(), 0, 200) == "");
  // The replayed WAL went to L0 and was deleted; the new one is in wal_dir.
  CHECK(WalDirWals(db_dir).empty());
  CHECK(WalDirWals(wal).size() == 1);
}

TEST_CASE("wal_dir: obsolete WALs are deleted from wal_dir after a flush") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db"), wal = dir.Sub("wal");
  Options o = WalDirOptions(wal + "//");  // trailing slashes are dropped
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, db_dir, &raw).ok());
  std::unique_ptr<DB> db(raw);
  for (int round = 0; round < 3; round++) {
    WalDirPut(db.get(), round * 50, round * 50 + 50);
    const std::vector<std::string> before = WalDirWals(wal);
    REQUIRE(before.size() == 1);
    REQUIRE(db->Flush(FlushOptions()).ok());
    const std::vector<std::string> after = WalDirWals(wal);
    REQUIRE(after.size() == 1);
    CHECK(after[0] != before[0]);
  }
  CHECK(WalDirWals(db_dir).empty());
  CHECK(WalDirMissing(db.get(), 0, 150) == "");
}

TEST_CASE(
    "wal_dir: naming the DB directory (with trailing slashes) is the default") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db");
  DB* raw = nullptr;
  REQUIRE(DB::Open(WalDirOptions(db_dir + "/"), db_dir, &raw).ok());
  std::unique_ptr<DB> db(raw);
  WalDirPut(db.get(), 0, 20);
  REQUIRE(db->Close().ok());
  db.reset();
  CHECK(WalDirWals(db_dir).size() == 1);
  // And the DB opens with the default wal_dir, all there.
  REQUIRE(DB::Open(WalDirOptions(""), db_dir, &raw).ok());
  db.reset(raw);
  CHECK(WalDirMissing(db.get(), 0, 20) == "");
}

TEST_CASE(
    "wal_dir: a WAL still needed but left in the DB directory fails the open") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db"), wal = dir.Sub("wal");
  DB* raw = nullptr;
  REQUIRE(DB::Open(WalDirOptions(""), db_dir, &raw).ok());
  std::unique_ptr<DB> db(raw);
  WalDirPut(db.get(), 0, 30);
  REQUIRE(db->Close().ok());
  db.reset();
  const std::vector<std::string> stray = WalDirWals(db_dir);
  REQUIRE(stray.size() == 1);
  // RocksDB reads only wal_dir and would drop these writes for good.
  Status s = DB::Open(WalDirOptions(wal), db_dir, &raw);
  REQUIRE(s.IsInvalidArgument());
  CHECK(s.ToString().find(stray[0]) != std::string::npos);
  CHECK(s.ToString().find("wal_dir") != std::string::npos);
  // Read-only opens too.
  s = DB::OpenForReadOnly(WalDirOptions(wal), db_dir, &raw);
  CHECK(s.IsInvalidArgument());
  // Nothing was lost: the default wal_dir still finds them.
  REQUIRE(DB::Open(WalDirOptions(""), db_dir, &raw).ok());
  db.reset(raw);
  CHECK(WalDirMissing(db.get(), 0, 30) == "");
}

TEST_CASE(
    "wal_dir: a read-only open reads wal_dir; a missing wal_dir is an error") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db"), wal = dir.Sub("wal");
  DB* raw = nullptr;
  REQUIRE(DB::Open(WalDirOptions(wal), db_dir, &raw).ok());
  std::unique_ptr<DB> db(raw);
  WalDirPut(db.get(), 0, 40);
  REQUIRE(db->Close().ok());
  db.reset();
  REQUIRE(DB::OpenForReadOnly(WalDirOptions(wal), db_dir, &raw).ok());
  db.reset(raw);
  CHECK(WalDirMissing(db.get(), 0, 40) == "");
  db.reset();
  Status s =
      DB::OpenForReadOnly(WalDirOptions(dir.Sub("nowhere")), db_dir, &raw);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("nowhere") != std::string::npos);
}

TEST_CASE("wal_dir: a new DB refuses a wal_dir that holds WALs") {
  skyrocks_test::TempDir dir;
  const std::string wal = dir.Sub("wal");
  DB* raw = nullptr;
  REQUIRE(DB::Open(WalDirOptions(wal), dir.Sub("db1"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  WalDirPut(db.get(), 0, 5);
  db.reset();
  Status s = DB::Open(WalDirOptions(wal), dir.Sub("db2"), &raw);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find(wal) != std::string::npos);
}

TEST_CASE("wal_dir: DestroyDB removes the WALs in wal_dir") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db"), wal = dir.Sub("wal");
  Options o = WalDirOptions(wal);
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, db_dir, &raw).ok());
  std::unique_ptr<DB> db(raw);
  WalDirPut(db.get(), 0, 10);
  db.reset();
  REQUIRE(!WalDirWals(wal).empty());
  REQUIRE(ROCKSDB_NAMESPACE::DestroyDB(db_dir, o).ok());
  CHECK(WalDirWals(wal).empty());
  CHECK(!WalDirExists(wal));
  CHECK(!WalDirExists(db_dir));
}

TEST_CASE(
    "wal_dir: a checkpoint holds the live WALs and opens without wal_dir") {
  skyrocks_test::TempDir dir;
  const std::string db_dir = dir.Sub("db"), wal = dir.Sub("wal");
  DB* raw = nullptr;
  REQUIRE(DB::Open(WalDirOptions(wal), db_dir, &raw).ok());
  std::unique_ptr<DB> db(raw);
  WalDirPut(db.get(), 0, 100);
  REQUIRE(db->Flush(FlushOptions()).ok());
  WalDirPut(db.get(), 100, 200);  // only in the WAL
  uint64_t l0 = 0;
  REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &l0));
  Checkpoint* cp = nullptr;
  REQUIRE(Checkpoint::Create(db.get(), &cp).ok());
  std::unique_ptr<Checkpoint> guard(cp);
  // Live WALs far below the threshold: no flush, the WAL carries the data.
  Status s = cp->CreateCheckpoint(dir.Sub("cp-noflush"), 1ull << 30);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  uint64_t l0_after = 0;
  REQUIRE(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &l0_after));
  CHECK(l0_after == l0);
  // The default flushes first; the (new, live) WAL is copied too.
  WalDirPut(db.get(), 200, 210);
  s = cp->CreateCheckpoint(dir.Sub("cp-flush"));
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  WalDirPut(db.get(), 210, 220);  // after both checkpoints
  for (const char* name : {"cp-noflush", "cp-flush"}) {
    CAPTURE(name);
    const std::string copy = dir.Sub(name);
    CHECK(!WalDirWals(copy).empty());
    Options o = WalDirOptions("");
    o.create_if_missing = false;
    REQUIRE(DB::Open(o, copy, &raw).ok());
    std::unique_ptr<DB> c(raw);
    const int end = std::string(name) == "cp-noflush" ? 200 : 210;
    CHECK(WalDirMissing(c.get(), 0, end) == "");
    std::string v;
    CHECK(c->Get(ReadOptions(), WalDirKey(215), &v).IsNotFound());
  }
}

TEST_CASE(
    "wal_dir: with manual_wal_flush a checkpoint carries the buffered "
    "records") {
  skyrocks_test::TempDir dir;
  Options o = WalDirOptions(dir.Sub("wal"));
  o.manual_wal_flush = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  WalDirPut(db.get(), 0, 20);  // a few hundred bytes: still buffered
  Checkpoint* cp = nullptr;
  REQUIRE(Checkpoint::Create(db.get(), &cp).ok());
  std::unique_ptr<Checkpoint> guard(cp);
  Status s = cp->CreateCheckpoint(dir.Sub("cp"), 1ull << 30);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  o = WalDirOptions("");
  o.create_if_missing = false;
  REQUIRE(DB::Open(o, dir.Sub("cp"), &raw).ok());
  std::unique_ptr<DB> c(raw);
  CHECK(WalDirMissing(c.get(), 0, 20) == "");
  // FlushWAL(true) makes them durable too.
  CHECK(db->FlushWAL(true).ok());
}

TEST_CASE("wal_dir: DBCloud honours wal_dir") {
  using ROCKSDB_NAMESPACE::CloudFileSystem;
  using ROCKSDB_NAMESPACE::CloudFileSystemEnv;
  using ROCKSDB_NAMESPACE::CloudFileSystemOptions;
  using ROCKSDB_NAMESPACE::DBCloud;
  skyrocks_test::TempDir dir;
  const std::string local = dir.Sub("local"), wal = dir.Sub("wal");
  CloudFileSystemOptions co;
  co.dest_bucket.SetBucketName("bucket", "");
  co.dest_bucket.SetBucketPrefix("");
  co.dest_bucket.SetObjectPath("db");
  co.src_bucket = co.dest_bucket;
  // The WAL local only (RocksDB-Cloud's way), so that what a fresh local
  // directory must not replay is only in wal_dir.
  co.wal_in_bucket = false;
  auto open = [&](const std::string& wal_dir, std::unique_ptr<Env>* env,
                  std::unique_ptr<DBCloud>* db) {
    CloudFileSystem* cfs = nullptr;
    Status s = CloudFileSystemEnv::NewLocalDirFileSystem(
        ROCKSDB_NAMESPACE::FileSystem::Default(), dir.Sub("root"), co, nullptr,
        &cfs);
    if (!s.ok()) return s;
    *env = ROCKSDB_NAMESPACE::NewCompositeEnv(
        std::shared_ptr<ROCKSDB_NAMESPACE::FileSystem>(cfs));
    Options o = WalDirOptions(wal_dir);
    o.env = env->get();
    DBCloud* raw = nullptr;
    s = DBCloud::Open(o, local, "", 0, &raw);
    db->reset(raw);
    return s;
  };
  std::unique_ptr<Env> env;
  std::unique_ptr<DBCloud> db;
  Status s = open(wal, &env, &db);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  WalDirPut(db.get(), 0, 50);
  db.reset();
  CHECK(WalDirWals(local).empty());
  CHECK(WalDirWals(wal).size() == 1);
  s = open(wal, &env, &db);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(WalDirMissing(db.get(), 0, 50) == "");
  db.reset();
  // A fresh local directory is rebuilt from the bucket: WALs of the
  // previous local state in wal_dir must not be replayed into it.
  s = open(wal, &env, &db);
  REQUIRE(s.ok());
  WalDirPut(db.get(), 50, 60);  // only in the WAL, not in the bucket
  db.reset();
  REQUIRE(WalDirWals(wal).size() == 1);
  std::vector<std::string> names;
  REQUIRE(Env::Default()->GetChildren(local, &names).ok());
  for (const auto& n : names) {
    if (n == "." || n == "..") continue;
    REQUIRE(Env::Default()->DeleteFile(local + "/" + n).ok());
  }
  s = open(wal, &env, &db);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(WalDirMissing(db.get(), 0, 50) == "");
  std::string v;
  CHECK(db->Get(ReadOptions(), WalDirKey(55), &v).IsNotFound());
}

// ---- options skyrocks does not honour

TEST_CASE("options: each unsupported option is rejected at open, naming it") {
  struct Case {
    const char* name;
    void (*set)(Options*);
  };
  const Case cases[] = {
      {"max_open_files", [](Options* o) { o->max_open_files = 5000; }},
      {"atomic_flush", [](Options* o) { o->atomic_flush = true; }},
      {"compaction_style",
       [](Options* o) {
         o->compaction_style = ROCKSDB_NAMESPACE::kCompactionStyleUniversal;
       }},
      {"compaction_style",
       [](Options* o) {
         o->compaction_style = ROCKSDB_NAMESPACE::kCompactionStyleFIFO;
       }},
      {"compaction_style",
       [](Options* o) {
         o->compaction_style = ROCKSDB_NAMESPACE::kCompactionStyleNone;
       }},
  };
  skyrocks_test::TempDir dir;
  int n = 0;
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const std::string db_dir = dir.Sub("db" + std::to_string(n++));
    Options o;
    o.create_if_missing = true;
    c.set(&o);
    DB* raw = nullptr;
    Status s = DB::Open(o, db_dir, &raw);
    CHECK(s.IsNotSupported());
    CHECK(s.ToString().find(c.name) != std::string::npos);
    CHECK(raw == nullptr);
    CHECK(!WalDirExists(db_dir));  // rejected before anything was made
    s = DB::OpenForReadOnly(o, db_dir, &raw);
    CHECK(s.IsNotSupported());
    CHECK(s.ToString().find(c.name) != std::string::npos);
  }
  // In a column family other than the default, named with its family.
  Options o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  ColumnFamilyOptions fifo;
  fifo.compaction_style = ROCKSDB_NAMESPACE::kCompactionStyleFIFO;
  std::vector<ColumnFamilyHandle*> handles;
  DB* raw = nullptr;
  Status s =
      DB::Open(DBOptions(o), dir.Sub("cfs"),
               {ColumnFamilyDescriptor("default", ColumnFamilyOptions(o)),
                ColumnFamilyDescriptor("events", fifo)},
               &handles, &raw);
  CHECK(s.IsNotSupported());
  CHECK(s.ToString().find("compaction_style") != std::string::npos);
  CHECK(s.ToString().find("events") != std::string::npos);
  // The defaults and implemented settings open.
  o.max_open_files = -1;
  REQUIRE(DB::Open(o, dir.Sub("ok"), &raw).ok());
  delete raw;
}

TEST_CASE(
    "options: DBCloud rejects an unsupported option before touching the "
    "bucket") {
  using ROCKSDB_NAMESPACE::CloudFileSystem;
  using ROCKSDB_NAMESPACE::CloudFileSystemEnv;
  using ROCKSDB_NAMESPACE::CloudFileSystemOptions;
  using ROCKSDB_NAMESPACE::DBCloud;
  skyrocks_test::TempDir dir;
  CloudFileSystemOptions co;
  co.dest_bucket.SetBucketName("bucket", "");
  co.dest_bucket.SetBucketPrefix("");
  co.dest_bucket.SetObjectPath("db");
  co.src_bucket = co.dest_bucket;
  CloudFileSystem* cfs = nullptr;
  REQUIRE(CloudFileSystemEnv::NewLocalDirFileSystem(
              ROCKSDB_NAMESPACE::FileSystem::Default(), dir.Sub("root"), co,
              nullptr, &cfs)
              .ok());
  std::unique_ptr<Env> env = ROCKSDB_NAMESPACE::NewCompositeEnv(
      std::shared_ptr<ROCKSDB_NAMESPACE::FileSystem>(cfs));
  Options o;
  o.create_if_missing = true;
  o.env = env.get();
  o.WAL_ttl_seconds = 3600;
  DBCloud* raw = nullptr;
  Status s = DBCloud::Open(o, dir.Sub("local"), "", 0, &raw);
  CHECK(s.IsNotSupported());
  CHECK(s.ToString().find("WAL_ttl_seconds") != std::string::npos);
  CHECK(!WalDirExists(dir.Sub("local")));
}
