// DBCloud read replicas (DBCloud::OpenAsSecondary) on the local-directory
// store, through the public API (also against the amalgamation): the
// scenarios of tests/api/db_cloud_replica_scenarios.h, column families (a
// subset opened), a replica of a path with no DB, and the catch-up's
// requests when nothing changed, the option in options strings.
#include <doctest/doctest.h>

#include "db_cloud_replica_scenarios.h"

using skyrocks_test::CloudDb;
using skyrocks_test::CloudTestStore;
using skyrocks_test::LocalStore;

TEST_CASE(
    "db cloud replica (localdir): follows the writer through the "
    "bucket") {
  skyrocks_test::TempDir root;
  const CloudTestStore store = LocalStore(root.path());
  SUBCASE("deletions delayed, compactions") {
    skyrocks_test::ScenarioReplicaFollowsWriter(store, false, 2000);
  }
  SUBCASE("WAL chunks deleted at once") {
    skyrocks_test::ScenarioReplicaFollowsWriter(store, true, 2000);
  }
}

TEST_CASE("db cloud replica (localdir): no DB in the bucket path") {
  skyrocks_test::TempDir root;
  const CloudTestStore store = LocalStore(root.path());
  CloudDb replica;
  skyrocks_test::OpenCloudReplica(
      store, skyrocks_test::CloudOpts(store, "nothing", "nothing"),
      root.Sub("replica"), &replica);
  CHECK(replica.status.IsNotFound());
  CHECK(replica.db == nullptr);
  CHECK(skyrocks_test::NamesUnder(store, "nothing").empty());
}

TEST_CASE(
    "db cloud replica (localdir): an idle catch-up costs HEADs and "
    "one LIST") {
  using namespace ROCKSDB_NAMESPACE;
  skyrocks_test::TempDir root;
  const CloudTestStore store = LocalStore(root.path());
  CloudDb writer;
  skyrocks_test::OpenCloudDb(store, skyrocks_test::CloudOpts(store, "db", "db"),
                             root.Sub("writer"), &writer);
  REQUIRE(writer.status.ok());
  skyrocks_test::PutKeys(writer.db.get(), 0, 100, "a");
  REQUIRE(writer.db->Flush(FlushOptions()).ok());
  WriteOptions sync;
  sync.sync = true;
  REQUIRE(writer.db->Put(sync, "k", "v").ok());
  CloudDb replica;
  skyrocks_test::OpenCloudReplica(
      store, skyrocks_test::CloudOpts(store, "db", "db", false),
      root.Sub("replica"), &replica);
  REQUIRE_MESSAGE(replica.status.ok(), replica.status.ToString());
  REQUIRE(replica.db->TryCatchUpWithPrimary().ok());
  const CloudStoreCounts a = replica.cfs->GetStoreCounts();
  REQUIRE(replica.db->TryCatchUpWithPrimary().ok());
  const CloudStoreCounts b = replica.cfs->GetStoreCounts();
  // HEAD CLOUDMANIFEST and MANIFEST, LIST wal/, HEAD both again.
  CHECK(b.heads - a.heads == 4);
  CHECK(b.lists - a.lists == 1);
  CHECK(b.gets - a.gets == 0);
  std::string v;
  CHECK(replica.db->Get(ReadOptions(), "k", &v).ok());
  CHECK(v == "v");
  // A new sync write: its chunk is read, the WAL's older chunks are not.
  REQUIRE(writer.db->Put(sync, "k2", "v2").ok());
  REQUIRE(replica.db->TryCatchUpWithPrimary().ok());
  const CloudStoreCounts c = replica.cfs->GetStoreCounts();
  CHECK(c.gets - b.gets == 1);
  CHECK(replica.db->Get(ReadOptions(), "k2", &v).ok());
  CHECK(v == "v2");
}

TEST_CASE("db cloud replica (localdir): column families, a subset opened") {
  using namespace ROCKSDB_NAMESPACE;
  skyrocks_test::TempDir root;
  const CloudTestStore store = LocalStore(root.path());
  CloudDb writer;
  skyrocks_test::OpenCloudDb(store, skyrocks_test::CloudOpts(store, "db", "db"),
                             root.Sub("writer"), &writer);
  REQUIRE(writer.status.ok());
  ColumnFamilyHandle* one = nullptr;
  ColumnFamilyHandle* two = nullptr;
  REQUIRE(
      writer.db->CreateColumnFamily(ColumnFamilyOptions(), "one", &one).ok());
  REQUIRE(
      writer.db->CreateColumnFamily(ColumnFamilyOptions(), "two", &two).ok());
  WriteOptions sync;
  sync.sync = true;
  REQUIRE(writer.db->Put(sync, one, "a", "1").ok());
  REQUIRE(writer.db->Put(sync, two, "b", "2").ok());

  CloudDb replica;
  REQUIRE(store
              .make_fs(skyrocks_test::CloudOpts(store, "db", "db", false),
                       &replica.cfs)
              .ok());
  replica.fs.reset(replica.cfs);
  replica.env = NewCompositeEnv(replica.fs);
  Options options;
  options.env = replica.env.get();
  std::vector<ColumnFamilyHandle*> handles;
  DBCloud* db = nullptr;
  const std::string dir = root.Sub("replica");
  REQUIRE(DBCloud::OpenAsSecondary(
              options, dir, dir,
              {ColumnFamilyDescriptor(kDefaultColumnFamilyName,
                                      ColumnFamilyOptions()),
               ColumnFamilyDescriptor("one", ColumnFamilyOptions())},
              &handles, &db)
              .ok());
  replica.db.reset(db);
  REQUIRE(handles.size() == 2);
  std::string v;
  CHECK(replica.db->Get(ReadOptions(), handles[1], "a", &v).ok());
  CHECK(v == "1");
  REQUIRE(writer.db->Put(sync, one, "a", "10").ok());
  REQUIRE(writer.db->Flush(FlushOptions(), one).ok());
  REQUIRE(writer.db->Put(sync, one, "c", "3").ok());
  REQUIRE(replica.db->TryCatchUpWithPrimary().ok());
  CHECK(replica.db->Get(ReadOptions(), handles[1], "a", &v).ok());
  CHECK(v == "10");
  CHECK(replica.db->Get(ReadOptions(), handles[1], "c", &v).ok());
  CHECK(v == "3");
  CHECK(replica.db->Get(ReadOptions(), "a", &v).IsNotFound());
  for (ColumnFamilyHandle* h : handles) delete h;
  replica.Close();
  REQUIRE(writer.db->DestroyColumnFamilyHandle(one).ok());
  REQUIRE(writer.db->DestroyColumnFamilyHandle(two).ok());
}

TEST_CASE("db cloud replica: replica_catch_up_interval_ms in options strings") {
  ROCKSDB_NAMESPACE::CloudFileSystemOptions o;
  CHECK(o.replica_catch_up_interval_ms == 0);
  REQUIRE(o.Configure("replica_catch_up_interval_ms=250").ok());
  CHECK(o.replica_catch_up_interval_ms == 250);
  std::string s;
  REQUIRE(o.Serialize(&s).ok());
  CHECK(s.find("replica_catch_up_interval_ms=250") != std::string::npos);
  CHECK(o.Configure("replica_catch_up_interval_ms=x").IsInvalidArgument());
}
