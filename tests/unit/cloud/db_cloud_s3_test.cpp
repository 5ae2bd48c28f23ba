// DBCloud on the S3 emulator (@20minutes/s3rver, SigV4-verifying; see
// tests/support/s3_emulator.h): the acceptance scenarios of
// tests/api/db_cloud_scenarios.h (and the read replica of
// tests/api/db_cloud_replica_scenarios.h) through
// CloudFileSystemEnv::NewAwsFileSystem
// with endpoint_override, bucket "skyrocks-test" (empty prefix), region
// us-east-1; the bucket is inspected behind the DB's back through a second
// S3 store on the same emulator. Each test case starts its own emulator
// (killed by PID at its end) and skips, saying so, only when the emulator
// is not installed. Also prints what loading 100k keys, reopening from the
// bucket and opening a clone cost in S3 requests.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "api/db_cloud_gc_scenarios.h"
#include "api/db_cloud_replica_scenarios.h"
#include "cloud_test_stores.h"
#include "support/s3_emulator.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

CloudStoreCounts CountsMinus(CloudStoreCounts a, const CloudStoreCounts& b) {
  a.gets -= b.gets;
  a.puts -= b.puts;
  a.lists -= b.lists;
  a.heads -= b.heads;
  a.deletes -= b.deletes;
  a.copies -= b.copies;
  a.bytes_read -= b.bytes_read;
  a.bytes_written -= b.bytes_written;
  return a;
}

std::string DescribeCounts(const CloudStoreCounts& c) {
  return "PUT=" + std::to_string(c.puts) + " GET=" + std::to_string(c.gets) +
         " LIST=" + std::to_string(c.lists) +
         " HEAD=" + std::to_string(c.heads) +
         " DELETE=" + std::to_string(c.deletes) +
         " COPY=" + std::to_string(c.copies) +
         " bytes_written=" + std::to_string(c.bytes_written) +
         " bytes_read=" + std::to_string(c.bytes_read);
}

}  // namespace

TEST_CASE("db cloud (s3): reopen from the bucket after losing the local dir") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  const auto store = S3CloudStore(emu);
  SUBCASE("keep_local_sst_files=true") {
    skyrocks_test::ScenarioReopenFromBucket(store, true);
  }
  SUBCASE("keep_local_sst_files=false") {
    skyrocks_test::ScenarioReopenFromBucket(store, false);
  }
}

TEST_CASE("db cloud (s3): a unique epoch per writer open") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  skyrocks_test::ScenarioEpochs(S3CloudStore(emu));
}

TEST_CASE("db cloud (s3): clones, clone of a clone, savepoint") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  skyrocks_test::ScenarioClone(S3CloudStore(emu));
  skyrocks_test::ScenarioCloneSurvivesSourceCleanup(S3CloudStore(emu));
}

TEST_CASE(
    "db cloud (s3): garbage collection with clones, dropped DBs, deletions "
    "after a restart") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  skyrocks_test::ScenarioGcWithClones(S3CloudStore(emu));
  skyrocks_test::ScenarioGcKeepsRunningWriter(S3CloudStore(emu));
  skyrocks_test::ScenarioDeletionAfterRestart(S3CloudStore(emu));
}

TEST_CASE("db cloud replica (s3): follows the writer through the bucket") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  skyrocks_test::ScenarioReplicaFollowsWriter(S3CloudStore(emu), false, 300);
}

TEST_CASE("db cloud (s3): ephemeral clone") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  skyrocks_test::ScenarioEphemeralClone(S3CloudStore(emu));
}

TEST_CASE("db cloud (s3): CheckpointToCloud round trip") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  skyrocks_test::ScenarioCheckpoint(S3CloudStore(emu));
}

TEST_CASE(
    "db cloud (s3): damaged CLOUDMANIFEST or missing MANIFEST is Corruption, "
    "nothing deleted") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  skyrocks_test::ScenarioDamage(S3CloudStore(emu));
}

TEST_CASE(
    "db cloud (s3): request counts for loading 100k keys, reopening, "
    "cloning") {
  using skyrocks_test::CloudDb;
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  const auto store = S3CloudStore(emu);
  skyrocks_test::TempDir tmp;
  const auto t0 = std::chrono::steady_clock::now();
  auto o = skyrocks_test::CloudOpts(store, "dbs/cost", "dbs/cost", false);
  CloudDb c;
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("db"), &c);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  const CloudStoreCounts open_counts = c.cfs->GetStoreCounts();
  for (int i = 0; i < 100; i++) {
    skyrocks_test::PutKeys(c.db.get(), i * 1000, i * 1000 + 1000, "x-");
  }
  REQUIRE(c.db->Flush(FlushOptions()).ok());
  REQUIRE(c.db->WaitForCompact().ok());
  const CloudStoreCounts load =
      CountsMinus(c.cfs->GetStoreCounts(), open_counts);
  c.Close();
  const auto t1 = std::chrono::steady_clock::now();
  // The objects the load left in the bucket.
  const auto names = skyrocks_test::NamesUnder(store, "dbs/cost");
  const int ssts = skyrocks_test::CountWith(names, ".sst-");
  CHECK(ssts >= 1);

  std::string out;
  skyrocks_test::RunCommand("rm -rf " + tmp.Sub("db"), &out);
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("db"), &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  const CloudStoreCounts reopen = c.cfs->GetStoreCounts();
  skyrocks_test::CheckKeys(c.db.get(), 99000, 100000, "x-");
  skyrocks_test::CheckKeys(c.db.get(), 0, 1000, "x-");
  c.Close();
  const auto t2 = std::chrono::steady_clock::now();

  CloudDb clone;
  skyrocks_test::OpenCloudDb(
      store,
      skyrocks_test::CloudOpts(store, "dbs/cost", "dbs/cost-clone", false),
      tmp.Sub("clone"), &clone);
  REQUIRE_MESSAGE(clone.status.ok(), clone.status.ToString());
  const CloudStoreCounts cl = clone.cfs->GetStoreCounts();
  skyrocks_test::CheckKeys(clone.db.get(), 50000, 51000, "x-");
  clone.Close();
  const auto t3 = std::chrono::steady_clock::now();
  auto ms = [](auto a, auto b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
  };
  MESSAGE("s3 new DB open: " << DescribeCounts(open_counts));
  MESSAGE("s3 load 100k keys (64 KiB write buffer, "
          << ssts << " SSTs left): " << DescribeCounts(load) << " in "
          << ms(t0, t1) << " ms");
  MESSAGE("s3 reopen from bucket (open only): " << DescribeCounts(reopen)
                                                << "; open + 2000 Gets in "
                                                << ms(t1, t2) << " ms");
  MESSAGE("s3 clone open: " << DescribeCounts(cl) << "; open + 1000 Gets in "
                            << ms(t2, t3) << " ms");
  // A reopen and a clone cost a handful of requests, not one per SST; the
  // writer's claim of the path is three of the PUTs (two probes that the
  // store honours conditional writes, and the claim).
  CHECK(reopen.puts <= 7);
  CHECK(reopen.lists <= 5);
  CHECK(cl.copies == 0);
  CHECK(cl.puts <= 12);  // +1: the provisional reference in the source
  // No LIST for a flush, only one per round of deletions (the clones'
  // references), and here every round deletes something.
  CHECK(load.lists <= load.deletes);
  CHECK(load.puts >= static_cast<uint64_t>(ssts));
  CHECK(load.deletes > 0);  // compactions drop their inputs in the bucket
}

}  // namespace ROCKSDB_NAMESPACE
