// DB::IngestExternalFile through the public API (against src/ and the
// amalgamation): reads, iterators and snapshots across an ingest, reopen,
// the errors that name the file, move_files, and a cloud DB (local
// directory store) whose ingested SST is in the bucket and read back on a
// fresh local directory.
#include <doctest/doctest.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "db_cloud_scenarios.h"
#include "rocksdb/comparator.h"
#include "rocksdb/db.h"
#include "rocksdb/sst_file_writer.h"

namespace {

using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::IngestExternalFileOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteOptions;

// Keys prefix + 000..n-1, values tag + index.
void WriteIngestSst(const std::string& path, const std::string& prefix, int n,
                    const std::string& tag, const Options& o = Options()) {
  ROCKSDB_NAMESPACE::SstFileWriter w(ROCKSDB_NAMESPACE::EnvOptions(), o);
  REQUIRE(w.Open(path).ok());
  for (int i = 0; i < n; i++) {
    char k[32];
    snprintf(k, sizeof(k), "%s%03d", prefix.c_str(), i);
    REQUIRE(w.Put(k, tag + std::to_string(i)).ok());
  }
  REQUIRE(w.Finish().ok());
}

std::string ReadAll(DB* db, const ROCKSDB_NAMESPACE::Snapshot* snap = nullptr) {
  ReadOptions ro;
  ro.snapshot = snap;
  std::unique_ptr<ROCKSDB_NAMESPACE::Iterator> it(db->NewIterator(ro));
  std::string out;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    out += it->key().ToString() + "=" + it->value().ToString() + " ";
  }
  REQUIRE(it->status().ok());
  return out;
}

}  // namespace

TEST_CASE(
    "ingest: snapshots, seeks and reopen see the ingested keys as "
    "one write") {
  skyrocks_test::TempDir dir;
  WriteIngestSst(dir.Sub("one.sst"), "k", 3, "sst");
  Options o;
  o.create_if_missing = true;
  DB* db = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &db).ok());
  REQUIRE(db->Put(WriteOptions(), "k001", "old").ok());
  REQUIRE(db->Put(WriteOptions(), "k005", "old").ok());
  const auto* snap = db->GetSnapshot();
  REQUIRE(
      db->IngestExternalFile({dir.Sub("one.sst")}, IngestExternalFileOptions())
          .ok());
  CHECK(ReadAll(db) == "k000=sst0 k001=sst1 k002=sst2 k005=old ");
  CHECK(ReadAll(db, snap) == "k001=old k005=old ");
  // The ingested file took one sequence number after the writes.
  CHECK(db->GetLatestSequenceNumber() == 3);
  std::string v;
  ReadOptions at_snap;
  at_snap.snapshot = snap;
  CHECK(db->Get(at_snap, "k001", &v).ok());
  CHECK(v == "old");
  CHECK(db->Get(ReadOptions(), "k001", &v).ok());
  CHECK(v == "sst1");
  std::unique_ptr<ROCKSDB_NAMESPACE::Iterator> it(
      db->NewIterator(ReadOptions()));
  it->SeekForPrev("k0015");
  REQUIRE(it->Valid());
  CHECK(it->key().ToString() == "k001");
  it->Seek("k0015");
  REQUIRE(it->Valid());
  CHECK(it->key().ToString() == "k002");
  it.reset();
  db->ReleaseSnapshot(snap);
  // The original stays (copied, not moved).
  CHECK(access(dir.Sub("one.sst").c_str(), F_OK) == 0);
  delete db;
  REQUIRE(DB::Open(o, dir.Sub("db"), &db).ok());
  CHECK(ReadAll(db) == "k000=sst0 k001=sst1 k002=sst2 k005=old ");
  CHECK(db->GetLatestSequenceNumber() == 3);
  REQUIRE(db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(), nullptr,
                           nullptr)
              .ok());
  CHECK(ReadAll(db) == "k000=sst0 k001=sst1 k002=sst2 k005=old ");
  delete db;
}

TEST_CASE("ingest: errors name the file") {
  skyrocks_test::TempDir dir;
  Options rev;
  rev.comparator = ROCKSDB_NAMESPACE::ReverseBytewiseComparator();
  WriteIngestSst(dir.Sub("rev.sst"), "r", 1, "x", rev);
  WriteIngestSst(dir.Sub("a.sst"), "a", 3, "x");
  WriteIngestSst(dir.Sub("b.sst"), "a", 2, "y");
  Options o;
  o.create_if_missing = true;
  DB* db = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &db).ok());
  IngestExternalFileOptions io;
  Status s = db->IngestExternalFile({dir.Sub("rev.sst")}, io);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("rev.sst") != std::string::npos);
  CHECK(s.ToString().find("comparator") != std::string::npos);
  s = db->IngestExternalFile({dir.Sub("missing.sst")}, io);
  CHECK(s.ToString().find("missing.sst") != std::string::npos);
  io.allow_global_seqno = false;
  s = db->IngestExternalFile({dir.Sub("a.sst"), dir.Sub("b.sst")}, io);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("a.sst") != std::string::npos);
  IngestExternalFileOptions behind;
  behind.ingest_behind = true;
  CHECK(db->IngestExternalFile({dir.Sub("a.sst")}, behind).IsNotSupported());
  CHECK(ReadAll(db).empty());
  // Nothing of the failed calls stays in the DB directory.
  std::vector<std::string> children;
  REQUIRE(ROCKSDB_NAMESPACE::Env::Default()
              ->GetChildren(dir.Sub("db"), &children)
              .ok());
  for (const std::string& c : children) {
    CHECK(c.find(".sst") == std::string::npos);
  }
  // fail_if_not_bottommost_level: a file over existing keys cannot go to
  // the last level.
  REQUIRE(db->Put(WriteOptions(), "a001", "db").ok());
  REQUIRE(db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  IngestExternalFileOptions bottom;
  bottom.fail_if_not_bottommost_level = true;
  CHECK(db->IngestExternalFile({dir.Sub("a.sst")}, bottom).IsTryAgain());
  delete db;
}

TEST_CASE("ingest: move_files takes the file away and links it") {
  skyrocks_test::TempDir dir;
  WriteIngestSst(dir.Sub("m.sst"), "m", 4, "v");
  Options o;
  o.create_if_missing = true;
  DB* db = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &db).ok());
  IngestExternalFileOptions io;
  io.move_files = true;
  REQUIRE(db->IngestExternalFile({dir.Sub("m.sst")}, io).ok());
  CHECK(access(dir.Sub("m.sst").c_str(), F_OK) != 0);
  CHECK(ReadAll(db) == "m000=v0 m001=v1 m002=v2 m003=v3 ");
  delete db;
}

TEST_CASE("ingest: a cloud DB uploads the ingested SST like a flushed one") {
  skyrocks_test::TempDir root, tmp;
  const skyrocks_test::CloudTestStore store =
      skyrocks_test::LocalStore(root.path());
  const auto o = skyrocks_test::CloudOpts(store, "dbs/ingest", "dbs/ingest");
  WriteIngestSst(tmp.Sub("c.sst"), "c", 50, "cloud");
  skyrocks_test::CloudDb c;
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("db"), &c);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  REQUIRE(c.db->Put(WriteOptions(), "c010", "db").ok());
  IngestExternalFileOptions io;
  io.move_files = true;  // not possible in a bucket: copied instead
  REQUIRE(c.db->IngestExternalFile({tmp.Sub("c.sst")}, io).ok());
  CHECK(ReadAll(c.db.get()).find("c010=cloud10 ") != std::string::npos);
  c.Close();
  const auto names = skyrocks_test::NamesUnder(store, "dbs/ingest");
  CHECK(skyrocks_test::CountWith(names, ".sst-") >= 2);  // memtable + ingest
  std::string out;
  skyrocks_test::RunCommand("rm -rf " + tmp.Sub("db"), &out);
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("db2"), &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  const std::string all = ReadAll(c.db.get());
  CHECK(all.find("c000=cloud0 ") == 0);
  CHECK(all.find("c010=cloud10 ") != std::string::npos);
  CHECK(all.find("c049=cloud49 ") != std::string::npos);
  c.Close();
}
