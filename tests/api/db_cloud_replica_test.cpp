// DBCloud read replicas (DBCloud::OpenAsSecondary) on the local-directory
// store, through the public API (also against the amalgamation): the
// scenarios of tests/api/db_cloud_replica_scenarios.h, a replica of a path
// with no DB, and the catch-up's requests when nothing changed.
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
