// The DBCloud acceptance scenarios (issue 8), written once against the
// public API and run on every store: the local-directory store
// (tests/api/db_cloud_test.cpp, also against the amalgamation) and the S3
// emulator (tests/unit/cloud/db_cloud_s3_test.cpp). A CloudTestStore says
// how to make a CloudFileSystem on the store and how to look at the bucket
// behind the DB's back (list, get, put, delete objects).
#ifndef SKYROCKS_TESTS_API_DB_CLOUD_SCENARIOS_H_
#define SKYROCKS_TESTS_API_DB_CLOUD_SCENARIOS_H_

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <chrono>
#include <sstream>
#include <thread>
#include <string>
#include <vector>

#include "rocksdb/cloud/db_cloud.h"
#include "rocksdb/statistics.h"
#include "support/test_util.h"

namespace skyrocks_test {

struct CloudTestStore {
  std::string bucket;  // the bucket name (SetBucketName(bucket, "") works)
  std::function<ROCKSDB_NAMESPACE::Status(
      const ROCKSDB_NAMESPACE::CloudFileSystemOptions&,
      ROCKSDB_NAMESPACE::CloudFileSystem**)>
      make_fs;
  std::function<std::vector<std::string>(const std::string& prefix)> list;
  std::function<bool(const std::string& key, std::string* data)> get;
  std::function<bool(const std::string& key, const std::string& data)> put;
  std::function<bool(const std::string& key)> del;
  // false: the store ignores conditional writes (an emulator lacking
  // them), so writable opens need allow_unfenced_writes.
  bool conditional_writes = true;
};

// The local-directory store: buckets are directories under root (the
// bucket is root/bucket); list/get/put/delete read the files directly.
inline CloudTestStore LocalStore(const std::string& root) {
  namespace fs = std::filesystem;
  CloudTestStore s;
  s.bucket = "bucket";
  const std::string dir = root + "/bucket/";
  s.make_fs = [root](const ROCKSDB_NAMESPACE::CloudFileSystemOptions& o,
                     ROCKSDB_NAMESPACE::CloudFileSystem** out) {
    return ROCKSDB_NAMESPACE::CloudFileSystemEnv::NewLocalDirFileSystem(
        ROCKSDB_NAMESPACE::FileSystem::Default(), root, o, nullptr, out);
  };
  s.list = [dir](const std::string& prefix) {
    std::vector<std::string> keys;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return keys;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
      if (!e.is_regular_file()) continue;
      const std::string key = e.path().string().substr(dir.size());
      if (key[0] == '.' || key.find("/.") != std::string::npos) continue;
      if (key.rfind(prefix, 0) == 0) keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
  };
  s.get = [dir](const std::string& key, std::string* data) {
    std::ifstream f(dir + key, std::ios::binary);
    if (!f) return false;
    std::stringstream ss;
    ss << f.rdbuf();
    *data = ss.str();
    return true;
  };
  s.put = [dir](const std::string& key, const std::string& data) {
    std::ofstream f(dir + key, std::ios::binary | std::ios::trunc);
    f << data;
    return static_cast<bool>(f);
  };
  s.del = [dir](const std::string& key) {
    std::error_code ec;
    return fs::remove(dir + key, ec);
  };
  return s;
}

// A DB opened through DBCloud on one CloudFileSystem (and its Env).
struct CloudDb {
  std::shared_ptr<ROCKSDB_NAMESPACE::FileSystem> fs;
  ROCKSDB_NAMESPACE::CloudFileSystem* cfs = nullptr;
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env;
  std::unique_ptr<ROCKSDB_NAMESPACE::DBCloud> db;
  ROCKSDB_NAMESPACE::Status status;

  void Close() {
    db.reset();
    env.reset();
    fs.reset();
    cfs = nullptr;
  }
};

inline ROCKSDB_NAMESPACE::CloudFileSystemOptions CloudOpts(
    const CloudTestStore& store, const std::string& src_path,
    const std::string& dest_path, bool keep_local = true) {
  ROCKSDB_NAMESPACE::CloudFileSystemOptions o;
  if (!src_path.empty()) {
    o.src_bucket.SetBucketName(store.bucket, "");
    o.src_bucket.SetBucketPrefix("");
    o.src_bucket.SetObjectPath(src_path);
  }
  if (!dest_path.empty()) {
    o.dest_bucket.SetBucketName(store.bucket, "");
    o.dest_bucket.SetBucketPrefix("");
    o.dest_bucket.SetObjectPath(dest_path);
  }
  o.keep_local_sst_files = keep_local;
  o.cloud_file_deletion_delay = std::nullopt;  // tests see deletions at once
  o.allow_unfenced_writes = !store.conditional_writes;
  return o;
}

inline void OpenCloudDb(
    const CloudTestStore& store,
    const ROCKSDB_NAMESPACE::CloudFileSystemOptions& o,
    const std::string& local_dir, CloudDb* out, bool create = true,
    bool read_only = false,
    const std::function<void(ROCKSDB_NAMESPACE::Options*)>& tweak = nullptr) {
  using namespace ROCKSDB_NAMESPACE;
  out->Close();
  out->status = store.make_fs(o, &out->cfs);
  if (!out->status.ok()) return;
  out->fs.reset(out->cfs);
  out->env = NewCompositeEnv(out->fs);
  Options options;
  options.env = out->env.get();
  options.create_if_missing = create;
  options.write_buffer_size = 64 << 10;
  if (tweak) tweak(&options);
  DBCloud* db = nullptr;
  out->status = DBCloud::Open(options, local_dir, "", 0, &db, read_only);
  out->db.reset(db);
}

inline std::string CloudKey(int i) {
  char buf[32];
  snprintf(buf, sizeof(buf), "key%06d", i);
  return buf;
}

inline void PutKeys(ROCKSDB_NAMESPACE::DB* db, int from, int to,
                    const std::string& tag) {
  using namespace ROCKSDB_NAMESPACE;
  WriteBatch b;
  for (int i = from; i < to; i++) {
    REQUIRE(b.Put(CloudKey(i), tag + CloudKey(i)).ok());
  }
  REQUIRE(db->Write(WriteOptions(), &b).ok());
}

// Every key in [from, to) reads tag+key; by Get and by an iterator.
inline void CheckKeys(ROCKSDB_NAMESPACE::DB* db, int from, int to,
                      const std::string& tag) {
  using namespace ROCKSDB_NAMESPACE;
  int bad = 0;
  std::string first;
  for (int i = from; i < to; i++) {
    std::string v;
    Status s = db->Get(ReadOptions(), CloudKey(i), &v);
    if (!s.ok() || v != tag + CloudKey(i)) {
      if (bad++ == 0)
        first = CloudKey(i) + ": " + s.ToString() + " '" + v + "'";
    }
  }
  CHECK_MESSAGE(bad == 0, first);
  std::unique_ptr<Iterator> it(db->NewIterator(ReadOptions()));
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
  CHECK_MESSAGE(it->status().ok(), it->status().ToString());
  CHECK(n >= to - from);
}

inline std::vector<std::string> NamesUnder(const CloudTestStore& store,
                                           const std::string& path) {
  std::vector<std::string> out;
  const std::string prefix = path + "/";
  for (const std::string& k : store.list(prefix)) {
    out.push_back(k.substr(prefix.size()));
  }
  return out;
}

inline int CountWith(const std::vector<std::string>& names,
                     const std::string& what) {
  return static_cast<int>(std::count_if(
      names.begin(), names.end(),
      [&](const std::string& n) { return n.find(what) != std::string::npos; }));
}

// put/flush/close -> the local directory is lost -> reopen from the bucket.
inline void ScenarioReopenFromBucket(const CloudTestStore& store,
                                     bool keep_local) {
  TempDir tmp;
  const std::string local = tmp.Sub("db");
  const auto o = CloudOpts(store, "dbs/reopen", "dbs/reopen", keep_local);
  CloudDb c;
  OpenCloudDb(store, o, local, &c);
  INFO(c.status.ToString());
  REQUIRE(c.status.ok());
  PutKeys(c.db.get(), 0, 3000, "v1-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  PutKeys(c.db.get(), 1000, 2000, "v2-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  c.Close();
  const auto names = NamesUnder(store, "dbs/reopen");
  CHECK(CountWith(names, ".sst-") >= 2);
  CHECK(CountWith(names, "CLOUDMANIFEST") == 1);
  CHECK(CountWith(names, "IDENTITY") == 1);
  std::string out;
  RunCommand("rm -rf " + local, &out);
  // Reopen elsewhere, with either caching mode.
  for (bool keep : {true, false}) {
    RunCommand("rm -rf " + local, &out);
    auto o2 = o;
    o2.keep_local_sst_files = keep;
    OpenCloudDb(store, o2, local, &c, false);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    CheckKeys(c.db.get(), 0, 1000, "v1-");
    CheckKeys(c.db.get(), 1000, 2000, "v2-");
    CheckKeys(c.db.get(), 2000, 3000, "v1-");
    c.Close();
  }
}

// Every writer open rolls a new epoch whose MANIFEST-<epoch> is in the
// bucket, named by the CLOUDMANIFEST.
inline void ScenarioEpochs(const CloudTestStore& store) {
  TempDir tmp;
  const auto o = CloudOpts(store, "dbs/epochs", "dbs/epochs");
  std::set<std::string> epochs;
  CloudDb c;
  for (int i = 0; i < 3; i++) {
    OpenCloudDb(store, o, tmp.Sub("db"), &c);
    REQUIRE(c.status.ok());
    const std::string e = c.cfs->GetCurrentEpoch();
    CHECK(e.size() >= 8);
    epochs.insert(e);
    std::string manifest;
    CHECK(store.get("dbs/epochs/MANIFEST-" + e, &manifest));
    CHECK(!manifest.empty());
    PutKeys(c.db.get(), i * 10, i * 10 + 10, "e-");
    REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
    const auto names = NamesUnder(store, "dbs/epochs");
    CHECK(CountWith(names, ".sst-" + e) == 1);  // this open's flush
    c.Close();
  }
  CHECK(epochs.size() == 3);
  OpenCloudDb(store, o, tmp.Sub("other"), &c, false);
  REQUIRE(c.status.ok());
  CheckKeys(c.db.get(), 0, 30, "e-");
}

// DBOptions::statistics of a DBCloud also counts its object-store
// requests: a flush's uploads are PUTs and bytes written, a cold reopen's
// downloads GETs and bytes read, with the time spent.
inline void ScenarioCloudStatistics(const CloudTestStore& store) {
  using namespace ROCKSDB_NAMESPACE;
  TempDir tmp;
  const auto o = CloudOpts(store, "dbs/stats", "dbs/stats", false);
  std::shared_ptr<Statistics> st = CreateDBStatistics();
  auto with_stats = [&st](Options* opts) { opts->statistics = st; };
  CloudDb c;
  OpenCloudDb(store, o, tmp.Sub("a"), &c, true, false, with_stats);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  const uint64_t puts_at_open = st->getTickerCount(SKYROCKS_CLOUD_PUT_REQUESTS);
  CHECK(puts_at_open > 0);  // CLOUDMANIFEST, MANIFEST, WRITER
  PutKeys(c.db.get(), 0, 100, "s-");
  REQUIRE(c.db->Flush(FlushOptions()).ok());
  CHECK(st->getTickerCount(SKYROCKS_CLOUD_PUT_REQUESTS) > puts_at_open);
  CHECK(st->getTickerCount(SKYROCKS_CLOUD_BYTES_WRITTEN) > 1000);
  CHECK(st->getTickerCount(NUMBER_KEYS_WRITTEN) == 100);
  c.Close();
  const uint64_t gets_before = st->getTickerCount(SKYROCKS_CLOUD_GET_REQUESTS);
  OpenCloudDb(store, o, tmp.Sub("b"), &c, false, false, with_stats);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CheckKeys(c.db.get(), 0, 100, "s-");
  CHECK(st->getTickerCount(SKYROCKS_CLOUD_GET_REQUESTS) > gets_before);
  CHECK(st->getTickerCount(SKYROCKS_CLOUD_BYTES_READ) > 1000);
  CHECK(st->getTickerCount(SKYROCKS_CLOUD_LIST_REQUESTS) > 0);
  CHECK(st->ToString().find("skyrocks.cloud.put.requests COUNT : ") !=
        std::string::npos);
}

// A clone (src = parent path, dest = its own) sees the parent's data
// without copying it; its writes stay out of the parent; a clone of the
// clone works; Savepoint then makes the clone independent.
inline void ScenarioClone(const CloudTestStore& store) {
  TempDir tmp;
  CloudDb parent;
  OpenCloudDb(store, CloudOpts(store, "dbs/parent", "dbs/parent"),
              tmp.Sub("parent"), &parent);
  REQUIRE(parent.status.ok());
  PutKeys(parent.db.get(), 0, 500, "p-");
  // Its WAL in the bucket first, so that the flush deletes it at once and
  // the parent's path holds still below.
  REQUIRE(parent.db->FlushWAL(true).ok());
  REQUIRE(parent.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  const auto parent_objects = NamesUnder(store, "dbs/parent");

  CloudDb clone;
  OpenCloudDb(store, CloudOpts(store, "dbs/parent", "dbs/clone"),
              tmp.Sub("clone"), &clone);
  REQUIRE_MESSAGE(clone.status.ok(), clone.status.ToString());
  const auto counts = clone.cfs->GetStoreCounts();
  CHECK(counts.copies == 0);
  // Nothing of the parent's data went to the clone's path.
  auto clone_objects = NamesUnder(store, "dbs/clone");
  CHECK(CountWith(clone_objects, ".sst") == 0);
  CHECK(CountWith(clone_objects, "MANIFEST-") == 1);
  CHECK(CountWith(clone_objects, "IDENTITY") == 1);
  CHECK(CountWith(clone_objects, "CLONE_SOURCES") == 1);
  CheckKeys(clone.db.get(), 0, 500, "p-");
  std::string parent_id, clone_id;
  REQUIRE(parent.db->GetDbIdentity(parent_id).ok());
  REQUIRE(clone.db->GetDbIdentity(clone_id).ok());
  CHECK(clone_id.find(parent_id + "rockset") == 0);

  PutKeys(clone.db.get(), 1000, 1100, "c-");
  REQUIRE(clone.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  std::string v;
  CHECK(parent.db->Get(ROCKSDB_NAMESPACE::ReadOptions(), CloudKey(1000), &v)
            .IsNotFound());
  // The parent's path gained only the clone's reference (its objects the
  // clone reads stay while it needs them).
  auto parent_now = NamesUnder(store, "dbs/parent");
  CHECK(CountWith(parent_now, "refs/") == 1);
  parent_now.erase(std::remove_if(parent_now.begin(), parent_now.end(),
                                  [](const std::string& n) {
                                    return n.rfind("refs/", 0) == 0;
                                  }),
                   parent_now.end());
  CHECK(parent_now == parent_objects);

  // A clone of the clone.
  CloudDb grand;
  OpenCloudDb(store, CloudOpts(store, "dbs/clone", "dbs/grand"),
              tmp.Sub("grand"), &grand);
  REQUIRE_MESSAGE(grand.status.ok(), grand.status.ToString());
  CheckKeys(grand.db.get(), 0, 500, "p-");
  CheckKeys(grand.db.get(), 1000, 1100, "c-");
  grand.Close();

  // Savepoint copies the parent's SSTs the clone uses into its path.
  REQUIRE(clone.db->Savepoint().ok());
  clone_objects = NamesUnder(store, "dbs/clone");
  CHECK(CountWith(clone_objects, ".sst-") >= 2);
  clone.Close();
  parent.Close();
  // The clone reopens from its own path on a fresh machine.
  CloudDb again;
  OpenCloudDb(store, CloudOpts(store, "dbs/parent", "dbs/clone"),
              tmp.Sub("clone2"), &again, false);
  REQUIRE_MESSAGE(again.status.ok(), again.status.ToString());
  CheckKeys(again.db.get(), 0, 500, "p-");
  CheckKeys(again.db.get(), 1000, 1100, "c-");
  again.Close();
  // A clone is a DB in its own right: opened from its own path alone
  // (src = dest) on a fresh machine, the clone of the clone (which never
  // made a savepoint) still finds what it shares with its sources, read
  // and write, and so does the clone.
  for (const char* path : {"dbs/grand", "dbs/clone"}) {
    for (bool read_only : {true, false}) {
      CAPTURE(path);
      CAPTURE(read_only);
      CloudDb own;
      std::string dir = std::string("own-") + path + (read_only ? "-ro" : "");
      std::replace(dir.begin(), dir.end(), '/', '-');
      OpenCloudDb(store, CloudOpts(store, path, path), tmp.Sub(dir), &own,
                  false, read_only);
      REQUIRE_MESSAGE(own.status.ok(), own.status.ToString());
      CheckKeys(own.db.get(), 0, 500, "p-");
      CheckKeys(own.db.get(), 1000, 1100, "c-");
    }
  }
}

// A clone outlives its source's cleanup: the source rewrites and compacts
// away every SST the clone started from; those objects stay (the clone's
// reference in the source's path protects them) and the clone, reopened
// on a fresh directory, reads all it had. After the clone's Savepoint the
// source deletes them.
inline void ScenarioCloneSurvivesSourceCleanup(const CloudTestStore& store) {
  TempDir tmp;
  auto ssts = [&](const std::string& path) {
    std::set<std::string> out;
    for (const std::string& n : NamesUnder(store, path)) {
      if (n.find(".sst") != std::string::npos) out.insert(n);
    }
    return out;
  };
  CloudDb parent;
  OpenCloudDb(store, CloudOpts(store, "dbs/src", "dbs/src"), tmp.Sub("src"),
              &parent);
  REQUIRE_MESSAGE(parent.status.ok(), parent.status.ToString());
  PutKeys(parent.db.get(), 0, 1000, "p-");
  REQUIRE(parent.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  PutKeys(parent.db.get(), 1000, 2000, "p-");
  REQUIRE(parent.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  const std::set<std::string> at_clone = ssts("dbs/src");
  REQUIRE(at_clone.size() >= 2);
  {
    CloudDb clone;
    OpenCloudDb(store, CloudOpts(store, "dbs/src", "dbs/keep"),
                tmp.Sub("keep"), &clone);
    REQUIRE_MESSAGE(clone.status.ok(), clone.status.ToString());
    CheckKeys(clone.db.get(), 0, 2000, "p-");
    PutKeys(clone.db.get(), 5000, 5100, "k-");
    REQUIRE(clone.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  }
  CHECK(CountWith(NamesUnder(store, "dbs/src"), "refs/") == 1);
  // The source moves on: none of the SSTs of clone time stays live.
  PutKeys(parent.db.get(), 0, 2000, "q-");
  REQUIRE(parent.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  REQUIRE(parent.db
              ->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(), nullptr,
                             nullptr)
              .ok());
  for (const std::string& n : at_clone) {
    CHECK_MESSAGE(ssts("dbs/src").count(n) == 1, "deleted under a clone: " << n);
  }
  // The clone, on a fresh machine, reads everything it had.
  CloudDb again;
  OpenCloudDb(store, CloudOpts(store, "dbs/keep", "dbs/keep"),
              tmp.Sub("keep2"), &again, false);
  REQUIRE_MESSAGE(again.status.ok(), again.status.ToString());
  CheckKeys(again.db.get(), 0, 2000, "p-");
  CheckKeys(again.db.get(), 5000, 5100, "k-");
  // Savepoint: the clone holds its own copies and lets the source go.
  again.Close();
  OpenCloudDb(store, CloudOpts(store, "dbs/src", "dbs/keep"), tmp.Sub("keep3"),
              &again, false);
  REQUIRE_MESSAGE(again.status.ok(), again.status.ToString());
  REQUIRE(again.db->Savepoint().ok());
  CHECK(CountWith(NamesUnder(store, "dbs/src"), "refs/") == 0);
  again.Close();
  // The source's next deletions (and its rechecks) drop the old objects.
  PutKeys(parent.db.get(), 0, 10, "r-");
  REQUIRE(parent.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  bool gone = false;
  for (int i = 0; i < 300 && !gone; i++) {
    gone = true;
    const auto now = ssts("dbs/src");
    for (const std::string& n : at_clone) gone = gone && now.count(n) == 0;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(gone);
  OpenCloudDb(store, CloudOpts(store, "dbs/keep", "dbs/keep"),
              tmp.Sub("keep4"), &again, false);
  REQUIRE_MESSAGE(again.status.ok(), again.status.ToString());
  CheckKeys(again.db.get(), 0, 2000, "p-");
}

// An ephemeral clone (no dest): reads the parent, writes stay local.
inline void ScenarioEphemeralClone(const CloudTestStore& store) {
  TempDir tmp;
  CloudDb parent;
  OpenCloudDb(store, CloudOpts(store, "dbs/eparent", "dbs/eparent"),
              tmp.Sub("parent"), &parent);
  REQUIRE(parent.status.ok());
  PutKeys(parent.db.get(), 0, 200, "p-");
  REQUIRE(parent.db->FlushWAL(true).ok());
  REQUIRE(parent.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  const auto before = NamesUnder(store, "dbs/eparent");
  CloudDb eph;
  OpenCloudDb(store, CloudOpts(store, "dbs/eparent", ""), tmp.Sub("eph"), &eph);
  REQUIRE_MESSAGE(eph.status.ok(), eph.status.ToString());
  CheckKeys(eph.db.get(), 0, 200, "p-");
  PutKeys(eph.db.get(), 500, 600, "x-");
  REQUIRE(eph.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  CHECK(NamesUnder(store, "dbs/eparent") == before);
  eph.Close();
  // Reopened, it keeps its own local state.
  OpenCloudDb(store, CloudOpts(store, "dbs/eparent", ""), tmp.Sub("eph"), &eph);
  REQUIRE_MESSAGE(eph.status.ok(), eph.status.ToString());
  CheckKeys(eph.db.get(), 500, 600, "x-");
}

// CheckpointToCloud, then open the checkpoint from its path alone.
inline void ScenarioCheckpoint(const CloudTestStore& store) {
  TempDir tmp;
  CloudDb c;
  OpenCloudDb(store, CloudOpts(store, "dbs/cp-src", "dbs/cp-src", false),
              tmp.Sub("db"), &c);
  REQUIRE(c.status.ok());
  PutKeys(c.db.get(), 0, 400, "k-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  PutKeys(c.db.get(), 400, 500, "k-");  // in the memtable only
  ROCKSDB_NAMESPACE::BucketOptions dest;
  dest.SetBucketName(store.bucket, "");
  dest.SetBucketPrefix("");
  dest.SetObjectPath("dbs/cp-dest");
  ROCKSDB_NAMESPACE::CheckpointToCloudOptions co;
  co.flush_memtable = true;
  co.thread_count = 3;
  REQUIRE(c.db->CheckpointToCloud(dest, co).ok());
  c.Close();
  CloudDb cp;
  OpenCloudDb(store, CloudOpts(store, "dbs/cp-dest", "dbs/cp-dest"),
              tmp.Sub("cp"), &cp, false);
  REQUIRE_MESSAGE(cp.status.ok(), cp.status.ToString());
  CheckKeys(cp.db.get(), 0, 500, "k-");
}

// A damaged or empty CLOUDMANIFEST, a missing MANIFEST, a lost
// CLOUDMANIFEST: Corruption (or NotFound), and no object is deleted.
inline void ScenarioDamage(const CloudTestStore& store) {
  TempDir tmp;
  const auto o = CloudOpts(store, "dbs/dmg", "dbs/dmg");
  CloudDb c;
  OpenCloudDb(store, o, tmp.Sub("db"), &c);
  REQUIRE(c.status.ok());
  PutKeys(c.db.get(), 0, 100, "d-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  const std::string epoch = c.cfs->GetCurrentEpoch();
  c.Close();
  const auto objects = NamesUnder(store, "dbs/dmg");
  std::string cm, manifest;
  REQUIRE(store.get("dbs/dmg/CLOUDMANIFEST", &cm));
  REQUIRE(store.get("dbs/dmg/MANIFEST-" + epoch, &manifest));
  std::string out;

  REQUIRE(store.put("dbs/dmg/CLOUDMANIFEST", ""));
  RunCommand("rm -rf " + tmp.Sub("db"), &out);
  OpenCloudDb(store, o, tmp.Sub("db"), &c);
  CHECK(c.status.IsCorruption());
  CHECK(c.status.ToString().find("CLOUDMANIFEST") != std::string::npos);
  c.Close();

  std::string bad = cm;
  bad[bad.size() / 2] ^= 0x55;
  REQUIRE(store.put("dbs/dmg/CLOUDMANIFEST", bad));
  RunCommand("rm -rf " + tmp.Sub("db"), &out);
  OpenCloudDb(store, o, tmp.Sub("db"), &c);
  CHECK(c.status.IsCorruption());
  c.Close();

  REQUIRE(store.put("dbs/dmg/CLOUDMANIFEST", cm));
  REQUIRE(store.del("dbs/dmg/MANIFEST-" + epoch));
  RunCommand("rm -rf " + tmp.Sub("db"), &out);
  OpenCloudDb(store, o, tmp.Sub("db"), &c);
  CHECK(c.status.IsCorruption());
  CHECK(c.status.ToString().find("MANIFEST-" + epoch) != std::string::npos);
  c.Close();

  REQUIRE(store.del("dbs/dmg/CLOUDMANIFEST"));
  RunCommand("rm -rf " + tmp.Sub("db"), &out);
  for (bool create : {false, true}) {  // never a new DB over the files
    OpenCloudDb(store, o, tmp.Sub("db"), &c, create);
    CHECK_MESSAGE(c.status.IsCorruption(), c.status.ToString());
    CHECK(c.status.ToString().find("no CLOUDMANIFEST") != std::string::npos);
    c.Close();
  }
  c.Close();

  // Nothing was deleted; restored, the DB opens with its data.
  REQUIRE(store.put("dbs/dmg/CLOUDMANIFEST", cm));
  REQUIRE(store.put("dbs/dmg/MANIFEST-" + epoch, manifest));
  CHECK(NamesUnder(store, "dbs/dmg") == objects);
  RunCommand("rm -rf " + tmp.Sub("db"), &out);
  OpenCloudDb(store, o, tmp.Sub("db"), &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CheckKeys(c.db.get(), 0, 100, "d-");
}

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_API_DB_CLOUD_SCENARIOS_H_
