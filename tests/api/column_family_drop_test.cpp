// Dropped column families across reopen, through the public API (built
// against src/ and against the amalgamation): a DB whose MANIFEST recorded a
// drop opens without naming the dropped family, keeps the other families'
// data and its sequence number, deletes the dropped family's files, and a
// family re-created under the same name starts empty.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/metadata.h"
#include "rocksdb/options.h"
#include "support/db_test_util.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::ColumnFamilyDescriptor;
using ROCKSDB_NAMESPACE::ColumnFamilyHandle;
using ROCKSDB_NAMESPACE::ColumnFamilyOptions;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Iterator;
using ROCKSDB_NAMESPACE::LiveFileMetaData;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::SequenceNumber;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteOptions;

// An open DB with its handles by family name; closed (handles destroyed)
// when it goes out of scope or by Close().
struct DropTestDb {
  DB* db = nullptr;
  std::map<std::string, ColumnFamilyHandle*> cf;

  Status Open(const Options& o, const std::string& path,
              const std::vector<std::string>& names) {
    std::vector<ColumnFamilyDescriptor> descs;
    for (const auto& n : names) descs.emplace_back(n, ColumnFamilyOptions(o));
    std::vector<ColumnFamilyHandle*> handles;
    Status s = DB::Open(o, path, descs, &handles, &db);
    if (s.ok()) {
      for (size_t i = 0; i < names.size(); i++) cf[names[i]] = handles[i];
    }
    return s;
  }
  void Close() {
    if (db == nullptr) return;
    for (auto& kv : cf) {
      if (kv.second != db->DefaultColumnFamily()) {
        REQUIRE(db->DestroyColumnFamilyHandle(kv.second).ok());
      }
    }
    cf.clear();
    REQUIRE(db->Close().ok());
    delete db;
    db = nullptr;
  }
  ~DropTestDb() { Close(); }

  std::map<std::string, std::string> Scan(const std::string& name) {
    return skyrocks_test::ScanToMap(db, nullptr, cf.at(name));
  }
};

using KV = std::map<std::string, std::string>;

}  // namespace

TEST_CASE("column family drop: the DB reopens without the dropped family") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  Options o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  WriteOptions no_wal;
  no_wal.disableWAL = true;

  std::vector<std::string> gone_files;
  SequenceNumber seq_before_close = 0;
  {
    DropTestDb t;
    REQUIRE(t.Open(o, path, {"default", "keep", "gone"}).ok());
    REQUIRE(t.db->Put(WriteOptions(), "a", "1").ok());
    REQUIRE(t.db->Put(WriteOptions(), t.cf["keep"], "k", "1").ok());
    REQUIRE(t.db->Put(WriteOptions(), t.cf["gone"], "g", "1").ok());
    REQUIRE(t.db->Flush(FlushOptions(), t.cf["gone"]).ok());
    REQUIRE(t.db->Flush(FlushOptions(), t.cf["keep"]).ok());
    REQUIRE(t.db->Flush(FlushOptions()).ok());
    std::vector<LiveFileMetaData> files;
    t.db->GetLiveFilesMetaData(&files);
    for (const auto& f : files) {
      if (f.column_family_name == "gone") {
        gone_files.push_back(path + "/" + f.relative_filename);
      }
    }
    REQUIRE(gone_files.size() == 1);
    REQUIRE(std::filesystem::exists(gone_files[0]));
    // Writes only the drop edit's last sequence remembers: nothing else
    // is flushed after them and they are in no WAL.
    for (int i = 0; i < 5; i++) {
      REQUIRE(
          t.db->Put(no_wal, t.cf["gone"], "g" + std::to_string(i), "x").ok());
    }
    seq_before_close = t.db->GetLatestSequenceNumber();
    // The handle outlives the DB: the family's files stay until the
    // reopen finds them obsolete.
    ColumnFamilyHandle* gone = t.cf["gone"];
    t.cf.erase("gone");
    REQUIRE(t.db->DropColumnFamily(gone).ok());
    t.Close();
    delete gone;
    REQUIRE(std::filesystem::exists(gone_files[0]));
  }

  std::vector<std::string> names;
  REQUIRE(DB::ListColumnFamilies(o, path, &names).ok());
  CHECK(names == std::vector<std::string>{"default", "keep"});
  {
    DropTestDb t;
    Status s = t.Open(o, path, {"default", "keep"});
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    CHECK(t.Scan("default") == KV{{"a", "1"}});
    CHECK(t.Scan("keep") == KV{{"k", "1"}});
    CHECK(t.db->GetLatestSequenceNumber() >= seq_before_close);
    // The dropped family's SST is no longer live: deleted at open.
    CHECK_FALSE(std::filesystem::exists(gone_files[0]));
    // Writes after the reopen are visible over the old values.
    REQUIRE(t.db->Put(WriteOptions(), "a", "2").ok());
    REQUIRE(t.db->Put(WriteOptions(), t.cf["keep"], "k2", "2").ok());
    CHECK(t.Scan("default") == KV{{"a", "2"}});
    REQUIRE(t.db->Flush(FlushOptions()).ok());
    CHECK(t.Scan("default") == KV{{"a", "2"}});
    t.Close();
  }
  {
    // Naming the dropped family without create_missing_column_families
    // is refused, as for any family the DB does not have.
    Options strict = o;
    strict.create_missing_column_families = false;
    DropTestDb t;
    CHECK(
        t.Open(strict, path, {"default", "keep", "gone"}).IsInvalidArgument());
  }
}

TEST_CASE(
    "column family drop: a family re-created under a dropped name starts "
    "empty and survives reopens") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  Options o;
  o.create_if_missing = true;
  {
    DropTestDb t;
    REQUIRE(t.Open(o, path, {"default"}).ok());
    ColumnFamilyHandle* h = nullptr;
    REQUIRE(t.db->CreateColumnFamily(ColumnFamilyOptions(), "x", &h).ok());
    REQUIRE(t.db->Put(WriteOptions(), h, "old", "1").ok());
    REQUIRE(t.db->Flush(FlushOptions(), h).ok());
    REQUIRE(t.db->Put(WriteOptions(), h, "old-wal", "1").ok());
    REQUIRE(t.db->DropColumnFamily(h).ok());
    REQUIRE(t.db->DestroyColumnFamilyHandle(h).ok());
    REQUIRE(t.db->CreateColumnFamily(ColumnFamilyOptions(), "x", &h).ok());
    t.cf["x"] = h;
    REQUIRE(t.db->Put(WriteOptions(), h, "new", "2").ok());
    REQUIRE(t.db->Put(WriteOptions(), "d", "3").ok());
    t.Close();
  }
  for (int round = 0; round < 2; round++) {
    CAPTURE(round);
    std::vector<std::string> names;
    REQUIRE(DB::ListColumnFamilies(o, path, &names).ok());
    CHECK(names == std::vector<std::string>{"default", "x"});
    DropTestDb t;
    Status s = t.Open(o, path, {"default", "x"});
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    CHECK(t.Scan("x") == KV{{"new", "2"}});
    CHECK(t.Scan("default") == KV{{"d", "3"}});
    t.Close();
  }
  {
    // Dropping the re-created family leaves only default.
    DropTestDb t;
    REQUIRE(t.Open(o, path, {"default", "x"}).ok());
    REQUIRE(t.db->DropColumnFamily(t.cf["x"]).ok());
    t.Close();
    std::vector<std::string> names;
    REQUIRE(DB::ListColumnFamilies(o, path, &names).ok());
    CHECK(names == std::vector<std::string>{"default"});
    REQUIRE(t.Open(o, path, {"default"}).ok());
    CHECK(t.Scan("default") == KV{{"d", "3"}});
  }
}

TEST_CASE(
    "column family drop: the family stays readable through its handle, its "
    "files go with the handle") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  Options o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  DropTestDb t;
  REQUIRE(t.Open(o, path, {"default", "x"}).ok());
  REQUIRE(t.db->Put(WriteOptions(), t.cf["x"], "k", "sst").ok());
  REQUIRE(t.db->Flush(FlushOptions(), t.cf["x"]).ok());
  REQUIRE(t.db->Put(WriteOptions(), t.cf["x"], "m", "mem").ok());
  std::vector<LiveFileMetaData> files;
  t.db->GetLiveFilesMetaData(&files);
  REQUIRE(files.size() == 1);
  const std::string sst = path + "/" + files[0].relative_filename;
  // Close and reopen: the SST is not yet in the table cache.
  t.Close();
  REQUIRE(t.Open(o, path, {"default", "x"}).ok());
  ColumnFamilyHandle* x = t.cf["x"];
  t.cf.erase("x");
  REQUIRE(t.db->DropColumnFamily(x).ok());
  // As in RocksDB 7.8.3: reads through the handle still see the data (the
  // WAL's "m" was flushed to an SST by the reopen), writes are refused.
  std::string v;
  REQUIRE(t.db->Get(ReadOptions(), x, "k", &v).ok());
  CHECK(v == "sst");
  REQUIRE(t.db->Get(ReadOptions(), x, "m", &v).ok());
  CHECK(v == "mem");
  CHECK_FALSE(t.db->Put(WriteOptions(), x, "n", "1").ok());
  CHECK(std::filesystem::exists(sst));
  std::unique_ptr<Iterator> it(t.db->NewIterator(ReadOptions(), x));
  REQUIRE(t.db->DestroyColumnFamilyHandle(x).ok());
  // The iterator still holds the family's files.
  CHECK(std::filesystem::exists(sst));
  it->SeekToFirst();
  REQUIRE(it->Valid());
  CHECK(it->key().ToString() == "k");
  it.reset();
  // Then the next obsolete-file pass deletes them.
  REQUIRE(t.db->Put(WriteOptions(), "d", "1").ok());
  REQUIRE(t.db->Flush(FlushOptions()).ok());
  CHECK_FALSE(std::filesystem::exists(sst));
}
