// DBCloud on the local-directory store (the embedded default), through the
// public API only (built against src/ and against the amalgamation): the
// acceptance scenarios of tests/api/db_cloud_scenarios.h, the SST cache
// budget, create_if_missing, options strings, migration of a directory
// written by librocksdb 7.8.3 (tests/oracle/db_tool), and the cost in
// requests of loading, reopening and cloning.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "db_cloud_gc_scenarios.h"

namespace {

using ROCKSDB_NAMESPACE::CloudFileSystem;
using ROCKSDB_NAMESPACE::CloudFileSystemEnv;
using ROCKSDB_NAMESPACE::CloudFileSystemOptions;
using ROCKSDB_NAMESPACE::Status;
using skyrocks_test::CheckKeys;
using skyrocks_test::CloudDb;
using skyrocks_test::CloudTestStore;
using skyrocks_test::CountWith;
using skyrocks_test::PutKeys;

using skyrocks_test::LocalStore;

}  // namespace

TEST_CASE(
    "db cloud (localdir): reopen from the bucket after losing the local "
    "directory") {
  skyrocks_test::TempDir root;
  const CloudTestStore store = LocalStore(root.path());
  SUBCASE("keep_local_sst_files=true") {
    ScenarioReopenFromBucket(store, true);
  }
  SUBCASE("keep_local_sst_files=false") {
    ScenarioReopenFromBucket(store, false);
  }
}

TEST_CASE("db cloud (localdir): statistics count the object-store requests") {
  skyrocks_test::TempDir root;
  skyrocks_test::ScenarioCloudStatistics(LocalStore(root.path()));
}

TEST_CASE("db cloud (localdir): a unique epoch per writer open") {
  skyrocks_test::TempDir root;
  ScenarioEpochs(LocalStore(root.path()));
}

TEST_CASE("db cloud (localdir): clones, clone of a clone, savepoint") {
  skyrocks_test::TempDir root;
  ScenarioClone(LocalStore(root.path()));
}

TEST_CASE("db cloud (localdir): a clone survives its source's cleanup") {
  skyrocks_test::TempDir root;
  skyrocks_test::ScenarioCloneSurvivesSourceCleanup(LocalStore(root.path()));
}

TEST_CASE("db cloud (localdir): ephemeral clone") {
  skyrocks_test::TempDir root;
  ScenarioEphemeralClone(LocalStore(root.path()));
}

TEST_CASE("db cloud (localdir): CheckpointToCloud round trip") {
  skyrocks_test::TempDir root;
  ScenarioCheckpoint(LocalStore(root.path()));
}

TEST_CASE(
    "db cloud (localdir): damaged CLOUDMANIFEST or missing MANIFEST is "
    "Corruption, nothing deleted") {
  skyrocks_test::TempDir root;
  ScenarioDamage(LocalStore(root.path()));
}

TEST_CASE(
    "db cloud (localdir): create_if_missing=false on an empty bucket path") {
  skyrocks_test::TempDir root, tmp;
  const CloudTestStore store = LocalStore(root.path());
  CloudDb c;
  OpenCloudDb(store, CloudOpts(store, "dbs/none", "dbs/none"), tmp.Sub("db"),
              &c, false);
  CHECK(c.status.IsNotFound());
  CHECK(c.status.ToString().find("CLOUDMANIFEST") != std::string::npos);
  CHECK(NamesUnder(store, "dbs/none").empty());
}

TEST_CASE(
    "db cloud (localdir): keep_local_sst_files=false keeps at most "
    "sst_file_cache_bytes locally") {
  skyrocks_test::TempDir root, tmp;
  const CloudTestStore store = LocalStore(root.path());
  auto o = CloudOpts(store, "dbs/cache", "dbs/cache", false);
  o.sst_file_cache_bytes = 200 << 10;
  CloudDb c;
  OpenCloudDb(store, o, tmp.Sub("db"), &c);
  REQUIRE(c.status.ok());
  for (int round = 0; round < 8; round++) {
    PutKeys(c.db.get(), round * 1000, round * 1000 + 1000, "c-");
    REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  }
  auto local_sst_bytes = [&]() {
    uint64_t total = 0;
    for (const auto& e : std::filesystem::directory_iterator(tmp.Sub("db"))) {
      const std::string name = e.path().filename().string();
      // Not a download in flight (".tmp-"): the cache adds it when done.
      if (name.find(".sst") != std::string::npos &&
          name.find(".tmp") == std::string::npos) {
        total += e.file_size();
      }
    }
    return total;
  };
  REQUIRE(c.db->WaitForCompact().ok());
  CHECK(local_sst_bytes() <= o.sst_file_cache_bytes);
  CHECK(local_sst_bytes() > 0);  // the cache holds files, not nothing
  CHECK(CountWith(NamesUnder(store, "dbs/cache"), ".sst-") >= 1);
  CheckKeys(c.db.get(), 0, 8000, "c-");
  REQUIRE(c.db->WaitForCompact().ok());
  CHECK(local_sst_bytes() <= o.sst_file_cache_bytes);
  c.Close();
  // Budget 0: nothing local, every read a ranged GET.
  o.sst_file_cache_bytes = 0;
  std::string out;
  skyrocks_test::RunCommand("rm -rf " + tmp.Sub("db"), &out);
  OpenCloudDb(store, o, tmp.Sub("db"), &c, false);
  REQUIRE(c.status.ok());
  CheckKeys(c.db.get(), 0, 8000, "c-");
  REQUIRE(c.db->WaitForCompact().ok());  // no output file being written
  CHECK(local_sst_bytes() == 0);
  CHECK(c.cfs->GetStoreCounts().gets > 0);
}

TEST_CASE("db cloud (localdir): options strings and bucket options") {
  CloudFileSystemOptions o;
  REQUIRE(o.Configure("keep_local_sst_files=true; src.bucket=b1; src.prefix=; "
                      "src.object=/p/q; dest.bucket=b2; dest.object=x; "
                      "dest.region=eu-west-1; sst_file_cache_bytes=4096; "
                      "cookie_on_open=c1")
              .ok());
  CHECK(o.keep_local_sst_files);
  CHECK(o.src_bucket.GetBucketName() == "b1");
  CHECK(o.src_bucket.GetObjectPath() == "/p/q");
  CHECK(o.dest_bucket.GetBucketName() ==
        o.dest_bucket.GetBucketPrefix() + "b2");
  CHECK(o.dest_bucket.GetRegion() == "eu-west-1");
  CHECK(o.sst_file_cache_bytes == 4096);
  std::string s;
  REQUIRE(o.Serialize(&s).ok());
  CloudFileSystemOptions back;
  REQUIRE(back.Configure(s).ok());
  std::string s2;
  REQUIRE(back.Serialize(&s2).ok());
  CHECK(s == s2);
  CHECK(back.src_bucket == o.src_bucket);
  Status bad = o.Configure("keep_local_sst_files=maybe");
  CHECK(bad.IsInvalidArgument());
  CHECK(bad.ToString().find("keep_local_sst_files") != std::string::npos);
  CHECK(o.Configure("no_such_option=1").IsInvalidArgument());
  // RocksDB-Cloud's signatures, with ConfigOptions.
  ROCKSDB_NAMESPACE::ConfigOptions co;
  co.ignore_unknown_options = true;
  CHECK(o.Configure(co, "no_such_option=1; run_purger=true").ok());
  CHECK(o.run_purger);
  co.delimiter = "\n";
  std::string lines;
  REQUIRE(o.Serialize(co, &lines).ok());
  CHECK(lines.find(";") == std::string::npos);
  CHECK(lines.find("\nsrc.object=/p/q\n") != std::string::npos);
  CloudFileSystemOptions from_lines;
  REQUIRE(from_lines.Configure(co, lines).ok());
  std::string again;
  REQUIRE(from_lines.Serialize(&again).ok());
  std::string plain;
  REQUIRE(o.Serialize(&plain).ok());
  CHECK(again == plain);

  ROCKSDB_NAMESPACE::BucketOptions b;
  b.SetBucketName("name", "pre.");
  CHECK_FALSE(b.IsValid());  // no object path
  b.SetObjectPath("path");
  CHECK(b.IsValid());
  CHECK(b.GetBucketName() == "pre.name");
  CHECK(b.GetBucketName(false) == "name");
  ROCKSDB_NAMESPACE::AwsCloudAccessCredentials cred;
  cred.InitializeSimple(static_cast<const char*>(nullptr), nullptr);
  if (getenv("AWS_ACCESS_KEY_ID") == nullptr)
    CHECK(cred.HasValid().IsInvalidArgument());
}

TEST_CASE(
    "db cloud (localdir): a DB written by librocksdb 7.8.3 migrates into the "
    "bucket") {
  skyrocks_test::TempDir root, tmp;
  const CloudTestStore store = LocalStore(root.path());
  const std::string local = tmp.Sub("db");
  // librocksdb writes 300 keys over a few flushes and compacts.
  std::ofstream ops(tmp.Sub("ops"));
  auto hex = [](const std::string& s) {
    static const char* k = "0123456789abcdef";
    std::string h;
    for (unsigned char ch : s) {
      h.push_back(k[ch >> 4]);
      h.push_back(k[ch & 15]);
    }
    return h;
  };
  for (int i = 0; i < 300; i++) {
    ops << "P\tdefault\t" << hex(skyrocks_test::CloudKey(i)) << "\t"
        << hex("m-" + skyrocks_test::CloudKey(i)) << "\n";
    if (i % 100 == 99) ops << "F\tdefault\n";
  }
  ops.close();
  std::string out;
  const int rc = skyrocks_test::RunCommand(
      skyrocks_test::BuildDir() + "/oracle/db_tool apply " + local + " " +
          tmp.Sub("ops") + " close 2>&1",
      &out);
  REQUIRE_MESSAGE(rc == 0, out);

  const auto o = CloudOpts(store, "dbs/migrated", "dbs/migrated", true);
  CloudFileSystem* cfs = nullptr;
  REQUIRE(store.make_fs(o, &cfs).ok());
  std::shared_ptr<ROCKSDB_NAMESPACE::FileSystem> fs(cfs);
  REQUIRE(cfs->MigrateFromPureRocksDB(local).ok());
  fs.reset();
  CloudDb c;
  OpenCloudDb(store, o, local, &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CheckKeys(c.db.get(), 0, 300, "m-");
  PutKeys(c.db.get(), 300, 400, "m-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  c.Close();
  // The bucket alone has it all.
  skyrocks_test::RunCommand("rm -rf " + local, &out);
  OpenCloudDb(store, o, local, &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CheckKeys(c.db.get(), 0, 400, "m-");
}

TEST_CASE(
    "db cloud (localdir): request counts for loading 100k keys, reopening, "
    "cloning") {
  skyrocks_test::TempDir root, tmp;
  const CloudTestStore store = LocalStore(root.path());
  CloudDb c;
  auto o = CloudOpts(store, "dbs/cost", "dbs/cost", false);
  OpenCloudDb(store, o, tmp.Sub("db"), &c);
  REQUIRE(c.status.ok());
  const auto open_counts = c.cfs->GetStoreCounts();
  for (int i = 0; i < 100; i++)
    PutKeys(c.db.get(), i * 1000, i * 1000 + 1000, "x-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  REQUIRE(c.db->WaitForCompact().ok());
  auto load = c.cfs->GetStoreCounts();
  load.puts -= open_counts.puts;
  load.gets -= open_counts.gets;
  load.lists -= open_counts.lists;
  load.deletes -= open_counts.deletes;
  load.bytes_written -= open_counts.bytes_written;
  c.Close();
  std::string out;
  skyrocks_test::RunCommand("rm -rf " + tmp.Sub("db"), &out);
  OpenCloudDb(store, o, tmp.Sub("db"), &c, false);
  REQUIRE(c.status.ok());
  const auto reopen = c.cfs->GetStoreCounts();
  CheckKeys(c.db.get(), 99000, 100000, "x-");
  c.Close();
  CloudDb clone;
  OpenCloudDb(store, CloudOpts(store, "dbs/cost", "dbs/cost-clone", false),
              tmp.Sub("clone"), &clone);
  REQUIRE(clone.status.ok());
  const auto cl = clone.cfs->GetStoreCounts();
  MESSAGE("new DB open: puts="
          << open_counts.puts << " gets=" << open_counts.gets
          << " lists=" << open_counts.lists << " heads=" << open_counts.heads);
  MESSAGE("load 100k keys (64 KiB write buffer): puts="
          << load.puts << " gets=" << load.gets << " lists=" << load.lists
          << " deletes=" << load.deletes
          << " bytes_written=" << load.bytes_written);
  MESSAGE("reopen from bucket: puts=" << reopen.puts << " gets=" << reopen.gets
                                      << " lists=" << reopen.lists
                                      << " heads=" << reopen.heads);
  MESSAGE("clone open: puts=" << cl.puts << " gets=" << cl.gets
                              << " lists=" << cl.lists << " heads=" << cl.heads
                              << " copies=" << cl.copies);
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
  CHECK(load.deletes > 0);  // compactions drop their inputs in the bucket too
}

TEST_CASE(
    "db cloud (localdir): a relative local path and a relative bucket root "
    "work") {
  skyrocks_test::TempDir tmp;
  char old[4096];
  REQUIRE(getcwd(old, sizeof(old)) != nullptr);
  REQUIRE(chdir(tmp.path().c_str()) == 0);
  {
    const CloudTestStore store = LocalStore("buckets");  // relative root
    CloudDb c;
    const auto o = CloudOpts(store, "rel/db", "rel/db");
    OpenCloudDb(store, o, "machine/db", &c);  // relative, parent missing
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    PutKeys(c.db.get(), 0, 100, "r-");
    REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
    c.Close();
    std::string out;
    skyrocks_test::RunCommand("rm -rf machine", &out);
    OpenCloudDb(store, o, "other/db", &c, false);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    CheckKeys(c.db.get(), 0, 100, "r-");
    c.Close();
  }
  REQUIRE(chdir(old) == 0);
}

TEST_CASE(
    "db cloud (localdir): old epochs' MANIFESTs older than the deletion delay "
    "go at the next open") {
  skyrocks_test::TempDir root, tmp;
  const CloudTestStore store = LocalStore(root.path());
  auto o = CloudOpts(store, "dbs/age", "dbs/age");
  o.cloud_file_deletion_delay = std::chrono::seconds(1);
  CloudDb c;
  std::vector<std::string> epochs;
  for (int i = 0; i < 2; i++) {
    OpenCloudDb(store, o, tmp.Sub("db"), &c);
    REQUIRE(c.status.ok());
    epochs.push_back(c.cfs->GetCurrentEpoch());
    c.Close();
  }
  // The second open rolled past the first epoch; its MANIFEST is invisible
  // from the next open on.
  CHECK(CountWith(NamesUnder(store, "dbs/age"), "MANIFEST-") == 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  OpenCloudDb(store, o, tmp.Sub("db"), &c);
  REQUIRE(c.status.ok());
  // Older than the delay: deleted by this open at once, not after it.
  const auto names = NamesUnder(store, "dbs/age");
  CHECK(CountWith(names, "MANIFEST-" + epochs[0]) == 0);
  CHECK(CountWith(names, "MANIFEST-" + epochs[1]) == 1);
  CHECK(CountWith(names, "MANIFEST-" + c.cfs->GetCurrentEpoch()) == 1);
}

TEST_CASE(
    "db cloud (localdir): delayed deletions outlive the process that "
    "scheduled them") {
  skyrocks_test::TempDir root;
  skyrocks_test::ScenarioDeletionAfterRestart(LocalStore(root.path()));
}

TEST_CASE("db cloud (localdir): garbage collection keeps a running writer's "
          "files") {
  skyrocks_test::TempDir root;
  skyrocks_test::ScenarioGcKeepsRunningWriter(LocalStore(root.path()));
}

TEST_CASE("db cloud (localdir): garbage collection with clones, dropped DBs") {
  skyrocks_test::TempDir root;
  skyrocks_test::ScenarioGcWithClones(LocalStore(root.path()));
}

// DBCloud::ListColumnFamilies before DBCloud::Open on the same file system
// (as programs that open with their column families do): the open still
// claims the path (an older writer is fenced) and still makes a clone
// (its CLOUDMANIFEST, and its reference in the source).
TEST_CASE("db cloud (localdir): ListColumnFamilies first, then Open") {
  using namespace ROCKSDB_NAMESPACE;
  skyrocks_test::TempDir root, tmp;
  const CloudTestStore store = LocalStore(root.path());
  CloudDb a;
  OpenCloudDb(store, skyrocks_test::CloudOpts(store, "dbs/lcf", "dbs/lcf"),
              tmp.Sub("a"), &a);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutKeys(a.db.get(), 0, 100, "l-");
  REQUIRE(a.db->Flush(FlushOptions()).ok());
  auto list_then_open = [&](const std::string& src, const std::string& dest,
                            const std::string& dir, CloudDb* out) {
    out->Close();
    out->status = store.make_fs(skyrocks_test::CloudOpts(store, src, dest),
                                &out->cfs);
    REQUIRE(out->status.ok());
    out->fs.reset(out->cfs);
    out->env = NewCompositeEnv(out->fs);
    Options options;
    options.env = out->env.get();
    std::vector<std::string> cfs;
    Status s = DBCloud::ListColumnFamilies(options, dir, &cfs);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    CHECK(cfs == std::vector<std::string>{"default"});
    DBCloud* db = nullptr;
    out->status = DBCloud::Open(options, dir, "", 0, &db);
    out->db.reset(db);
  };
  CloudDb clone;
  list_then_open("dbs/lcf", "dbs/lcf-clone", tmp.Sub("clone"), &clone);
  REQUIRE_MESSAGE(clone.status.ok(), clone.status.ToString());
  const auto clone_objects = skyrocks_test::NamesUnder(store, "dbs/lcf-clone");
  CHECK(CountWith(clone_objects, "CLOUDMANIFEST") == 1);
  CHECK(CountWith(clone_objects, "IDENTITY") == 1);
  CHECK(CountWith(skyrocks_test::NamesUnder(store, "dbs/lcf"),
                  "refs/bucket/dbs/lcf-clone/CLONE_REF") == 1);
  CheckKeys(clone.db.get(), 0, 100, "l-");
  clone.Close();
  CloudDb b;
  list_then_open("dbs/lcf", "dbs/lcf", tmp.Sub("b"), &b);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  WriteOptions sync;
  sync.sync = true;
  CHECK(a.db->Put(sync, "after", "x").IsIOFenced());
  CheckKeys(b.db.get(), 0, 100, "l-");
}
