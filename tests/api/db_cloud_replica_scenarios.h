// Read replicas of a cloud DB (DBCloud::OpenAsSecondary), written once
// against the public API and run on the local-directory store
// (tests/api/db_cloud_replica_test.cpp) and the S3 emulator
// (tests/unit/cloud/db_cloud_s3_test.cpp): a writer makes sync writes and
// flushes while a replica on its own file system (another machine) catches
// up; after each catch-up every write acknowledged before the call is
// visible; the replica sends no PUT, DELETE or COPY and leaves the bucket's
// object list as it was; a new writer's epoch (opened elsewhere, fencing the
// first) is followed; replica_catch_up_interval_ms bounds the staleness
// without any call.
#ifndef SKYROCKS_TESTS_API_DB_CLOUD_REPLICA_SCENARIOS_H_
#define SKYROCKS_TESTS_API_DB_CLOUD_REPLICA_SCENARIOS_H_

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "db_cloud_scenarios.h"

namespace skyrocks_test {

inline void OpenCloudReplica(const CloudTestStore& store,
                             const ROCKSDB_NAMESPACE::CloudFileSystemOptions& o,
                             const std::string& local_dir, CloudDb* out) {
  using namespace ROCKSDB_NAMESPACE;
  out->Close();
  out->status = store.make_fs(o, &out->cfs);
  if (!out->status.ok()) return;
  out->fs.reset(out->cfs);
  out->env = NewCompositeEnv(out->fs);
  Options options;
  options.env = out->env.get();
  DBCloud* db = nullptr;
  out->status =
      DBCloud::OpenAsSecondary(options, local_dir, local_dir + "-sec", &db);
  out->db.reset(db);
}

inline bool ReplicaHas(ROCKSDB_NAMESPACE::DB* db, int i, const std::string& tag,
                       std::string* why) {
  std::string v;
  ROCKSDB_NAMESPACE::Status s =
      db->Get(ROCKSDB_NAMESPACE::ReadOptions(), CloudKey(i), &v);
  if (s.ok() && v == tag + CloudKey(i)) return true;
  *why = CloudKey(i) + ": " + s.ToString() + " '" + v + "'";
  return false;
}

// wal_deleted_at_once: the writer deletes covered WAL chunks (and SSTs) at
// once, and does not compact, so catch-ups race with chunk deletions;
// otherwise deletions wait (as they must for a replica: its staleness
// stays well below cloud_file_deletion_delay) and compactions run.
inline void ScenarioReplicaFollowsWriter(const CloudTestStore& store,
                                         bool wal_deleted_at_once,
                                         int min_writes) {
  using namespace ROCKSDB_NAMESPACE;
  TempDir dir;
  CloudFileSystemOptions wo = CloudOpts(store, "db", "db");
  if (!wal_deleted_at_once) {
    wo.cloud_file_deletion_delay = std::chrono::seconds(120);
  }
  auto tweak = [&](Options* o) {
    o->disable_auto_compactions = wal_deleted_at_once;
  };
  CloudDb writer;
  OpenCloudDb(store, wo, dir.Sub("writer"), &writer, true, false, tweak);
  REQUIRE_MESSAGE(writer.status.ok(), writer.status.ToString());
  WriteOptions sync;
  sync.sync = true;
  REQUIRE(writer.db->Put(sync, CloudKey(0), "w" + CloudKey(0)).ok());

  CloudFileSystemOptions ro = CloudOpts(store, "db", "db", false);
  CloudDb replica;
  OpenCloudReplica(store, ro, dir.Sub("replica"), &replica);
  REQUIRE_MESSAGE(replica.status.ok(), replica.status.ToString());
  std::string why;
  CHECK_MESSAGE(ReplicaHas(replica.db.get(), 0, "w", &why), why);
  CHECK(replica.db->Put(WriteOptions(), "x", "y").IsNotSupported());

  // 1. Sync writes and flushes while the replica catches up.
  std::atomic<int> acked{1};
  std::atomic<bool> stop{false};
  std::atomic<int> flushes{0};
  std::thread writing([&] {
    for (int i = 1; !stop && i < 100000; i++) {
      if (!writer.db->Put(sync, CloudKey(i), "w" + CloudKey(i)).ok()) break;
      acked = i + 1;
      if (i % 150 == 0 && writer.db->Flush(FlushOptions()).ok()) flushes++;
    }
  });
  int rounds = 0, failures = 0, missing = 0;
  std::string first_failure, first_missing;
  const auto start = std::chrono::steady_clock::now();
  for (; rounds < 20 ||
         ((acked.load() < min_writes || flushes.load() < 2) &&
          std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
       rounds++) {
    const int before = acked.load();
    Status s = replica.db->TryCatchUpWithPrimary();
    if (!s.ok()) {
      if (failures++ == 0) first_failure = s.ToString();
      continue;
    }
    // Every write acknowledged before the call: the newest one, the
    // first, and a sample in between.
    for (int i : {before - 1, 0, before / 2, before / 3}) {
      if (!ReplicaHas(replica.db.get(), i, "w", &why) && missing++ == 0) {
        first_missing = why;
      }
    }
  }
  stop = true;
  writing.join();
  MESSAGE(rounds << " catch-ups, " << acked.load() << " sync writes, "
                 << flushes.load() << " flushes");
  CHECK_MESSAGE(failures == 0, first_failure);
  CHECK_MESSAGE(missing == 0, first_missing);
  CHECK(flushes.load() >= 2);
  REQUIRE(replica.db->TryCatchUpWithPrimary().ok());
  CheckKeys(replica.db.get(), 0, acked.load(), "w");

  // 2. Unflushed sync writes, then a new writer elsewhere fences the first
  // and rolls an epoch: the replica follows it.
  const int old_end = acked.load();
  for (int i = old_end; i < old_end + 20; i++) {
    REQUIRE(writer.db->Put(sync, CloudKey(i), "w" + CloudKey(i)).ok());
  }
  CloudFileSystemOptions auto_opts = ro;
  auto_opts.replica_catch_up_interval_ms = 50;
  CloudDb follower;  // catches up by itself
  OpenCloudReplica(store, auto_opts, dir.Sub("follower"), &follower);
  REQUIRE_MESSAGE(follower.status.ok(), follower.status.ToString());
  const std::string old_epoch = replica.cfs->GetCurrentEpoch();
  CloudDb writer2;
  OpenCloudDb(store, wo, dir.Sub("writer2"), &writer2, false, false, tweak);
  REQUIRE_MESSAGE(writer2.status.ok(), writer2.status.ToString());
  const int new_end = old_end + 40;
  for (int i = old_end + 20; i < new_end; i++) {
    REQUIRE(writer2.db->Put(sync, CloudKey(i), "w" + CloudKey(i)).ok());
  }
  // Not before a catch-up: the replica's view is the one it last read.
  CHECK(!ReplicaHas(replica.db.get(), new_end - 1, "w", &why));
  REQUIRE(replica.db->TryCatchUpWithPrimary().ok());
  CHECK(replica.cfs->GetCurrentEpoch() != old_epoch);
  CHECK(replica.cfs->GetCurrentEpoch() == writer2.cfs->GetCurrentEpoch());
  CheckKeys(replica.db.get(), 0, new_end, "w");
  // The catching-up follower sees the new writer's last write without a
  // call, within a few of its intervals.
  const auto wait_start = std::chrono::steady_clock::now();
  bool seen = false;
  while (!seen && std::chrono::steady_clock::now() - wait_start <
                      std::chrono::seconds(20)) {
    seen = ReplicaHas(follower.db.get(), new_end - 1, "w", &why);
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK_MESSAGE(seen, why);
  MESSAGE("follower saw the new writer's write after "
          << std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::steady_clock::now() - wait_start)
                 .count()
          << " ms");
  REQUIRE(writer2.db->Flush(FlushOptions()).ok());
  REQUIRE(
      writer2.db->Put(sync, CloudKey(new_end), "w" + CloudKey(new_end)).ok());
  REQUIRE(replica.db->TryCatchUpWithPrimary().ok());
  CheckKeys(replica.db.get(), 0, new_end + 1, "w");

  // 3. The replicas wrote nothing: no PUT, DELETE or COPY, and the bucket
  // holds the same objects before and after their catch-ups and reads.
  writer.Close();
  writer2.Close();
  const std::vector<std::string> before = NamesUnder(store, "db");
  for (int i = 0; i < 3; i++) {
    REQUIRE(replica.db->TryCatchUpWithPrimary().ok());
    REQUIRE(follower.db->TryCatchUpWithPrimary().ok());
  }
  CheckKeys(replica.db.get(), 0, new_end + 1, "w");
  CheckKeys(follower.db.get(), 0, new_end + 1, "w");
  replica.db.reset();
  follower.db.reset();
  CHECK(NamesUnder(store, "db") == before);
  for (CloudDb* r : {&replica, &follower}) {
    const CloudStoreCounts c = r->cfs->GetStoreCounts();
    CHECK(c.puts == 0);
    CHECK(c.deletes == 0);
    CHECK(c.copies == 0);
    CHECK(c.heads > 0);
  }
  CHECK(NamesUnder(store, "db") == before);
  replica.Close();
  follower.Close();
  CHECK(NamesUnder(store, "db") == before);
}

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_API_DB_CLOUD_REPLICA_SCENARIOS_H_
