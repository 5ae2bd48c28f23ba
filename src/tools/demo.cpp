// The main job: the durable story on the local-directory store, through
// the public RocksDB-Cloud API only.
//   1. write 20,000 keys into a DB whose bucket is a local directory, flush
//   2. lose the machine: delete the DB's local directory
//   3. reopen on "another machine" from the bucket alone, read everything
//   4. clone it (zero-copy: a new path in the bucket that reads the
//      source's objects) and write to the clone
//   5. show both: the clone sees the source's data plus its own writes, the
//      source does not see the clone's; no source object was copied
// One line per step.
//
//   skyrocks_demo [DIR]     (default: a fresh directory under /tmp)
//
// Exits 0 and prints "demo: OK" when every check holds.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "rocksdb/cloud/db_cloud.h"

namespace {

using ROCKSDB_NAMESPACE::CloudFileSystem;
using ROCKSDB_NAMESPACE::CloudFileSystemEnv;
using ROCKSDB_NAMESPACE::CloudFileSystemOptions;
using ROCKSDB_NAMESPACE::DBCloud;
using ROCKSDB_NAMESPACE::Status;

int Fail(const char* what, const Status& s) {
  std::fprintf(stderr, "demo: %s: %s\n", what, s.ToString().c_str());
  return 1;
}

std::string DemoKey(int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "user%08d", i);
  return buf;
}

// A DB opened on a cloud file system whose buckets live under root.
struct DemoDb {
  std::shared_ptr<ROCKSDB_NAMESPACE::FileSystem> fs;
  CloudFileSystem* cfs = nullptr;
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env;
  std::unique_ptr<DBCloud> db;
  // The DB first: it needs its Env and file system to close.
  void Close() {
    db.reset();
    env.reset();
    fs.reset();
  }
};

Status OpenDemoDb(const std::string& root, const std::string& src_path,
                  const std::string& dest_path, const std::string& local,
                  DemoDb* out) {
  CloudFileSystemOptions o;
  o.src_bucket.SetBucketName("demo-bucket", "");
  o.src_bucket.SetBucketPrefix("");
  o.src_bucket.SetObjectPath(src_path);
  o.dest_bucket = o.src_bucket;
  o.dest_bucket.SetObjectPath(dest_path);
  o.keep_local_sst_files = false;        // the bucket holds the SSTs
  o.sst_file_cache_bytes = 64ull << 20;  // a bounded local working set
  Status s = CloudFileSystemEnv::NewLocalDirFileSystem(
      ROCKSDB_NAMESPACE::FileSystem::Default(), root, o, nullptr, &out->cfs);
  if (!s.ok()) return s;
  out->fs.reset(out->cfs);
  out->env = ROCKSDB_NAMESPACE::NewCompositeEnv(out->fs);
  ROCKSDB_NAMESPACE::Options options;
  options.env = out->env.get();
  options.create_if_missing = true;
  DBCloud* db = nullptr;
  s = DBCloud::Open(options, local, "", 0, &db);
  out->db.reset(db);
  return s;
}

// Counts keys [from, to) holding prefix+key; -1 on a read error.
int CountMatching(ROCKSDB_NAMESPACE::DB* db, int from, int to,
                  const std::string& prefix) {
  int n = 0;
  for (int i = from; i < to; i++) {
    std::string v;
    Status s = db->Get(ROCKSDB_NAMESPACE::ReadOptions(), DemoKey(i), &v);
    if (!s.ok() && !s.IsNotFound()) return -1;
    if (s.ok() && v == prefix + DemoKey(i)) n++;
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  if (argc > 1) {
    dir = argv[1];
  } else {
    char tmpl[] = "/tmp/skyrocks-demo-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) {
      std::perror("mkdtemp");
      return 1;
    }
    dir = tmpl;
  }
  const std::string root = dir + "/buckets";
  const std::string machine_a = dir + "/machine-a/db";
  const std::string machine_b = dir + "/machine-b/db";
  const std::string machine_c = dir + "/machine-c/clone";
  const int kKeys = 20000;

  // 1. Write.
  DemoDb a;
  Status s = OpenDemoDb(root, "dbs/main", "dbs/main", machine_a, &a);
  if (!s.ok()) return Fail("open", s);
  for (int i = 0; i < kKeys; i += 1000) {
    ROCKSDB_NAMESPACE::WriteBatch batch;
    for (int j = i; j < i + 1000; j++) {
      s = batch.Put(DemoKey(j), "v-" + DemoKey(j));
      if (!s.ok()) return Fail("batch", s);
    }
    s = a.db->Write(ROCKSDB_NAMESPACE::WriteOptions(), &batch);
    if (!s.ok()) return Fail("write", s);
  }
  s = a.db->Flush(ROCKSDB_NAMESPACE::FlushOptions());
  if (!s.ok()) return Fail("flush", s);
  const std::string epoch = a.cfs->GetCurrentEpoch();
  const auto written = a.cfs->GetStoreCounts();
  a.Close();
  std::printf(
      "1. wrote %d keys to %s (bucket demo-bucket/dbs/main, epoch %s): "
      "%llu PUTs, %llu bytes uploaded\n",
      kKeys, machine_a.c_str(), epoch.c_str(),
      static_cast<unsigned long long>(written.puts),
      static_cast<unsigned long long>(written.bytes_written));

  // 2. Lose the machine.
  std::string cmd = "rm -rf '" + dir + "/machine-a'";
  if (std::system(cmd.c_str()) != 0) return Fail("rm", Status::IOError(cmd));
  std::printf("2. deleted the local directory %s\n", machine_a.c_str());

  // 3. Reopen elsewhere from the bucket.
  DemoDb b;
  s = OpenDemoDb(root, "dbs/main", "dbs/main", machine_b, &b);
  if (!s.ok()) return Fail("reopen", s);
  int found = CountMatching(b.db.get(), 0, kKeys, "v-");
  const auto reopened = b.cfs->GetStoreCounts();
  std::printf(
      "3. reopened at %s from the bucket alone (new epoch %s): "
      "%d/%d keys read back, %llu GETs\n",
      machine_b.c_str(), b.cfs->GetCurrentEpoch().c_str(), found, kKeys,
      static_cast<unsigned long long>(reopened.gets));
  if (found != kKeys) return Fail("reopen", Status::Corruption("keys lost"));

  // 4. Clone and write to the clone.
  DemoDb c;
  s = OpenDemoDb(root, "dbs/main", "dbs/clone", machine_c, &c);
  if (!s.ok()) return Fail("clone", s);
  for (int i = kKeys; i < kKeys + 500; i++) {
    s = c.db->Put(ROCKSDB_NAMESPACE::WriteOptions(), DemoKey(i),
                  "c-" + DemoKey(i));
    if (!s.ok()) return Fail("clone put", s);
  }
  s = c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions());
  if (!s.ok()) return Fail("clone flush", s);
  const auto cloned = c.cfs->GetStoreCounts();
  std::printf(
      "4. cloned dbs/main to dbs/clone at %s: %llu objects copied, "
      "wrote 500 keys to the clone\n",
      machine_c.c_str(), static_cast<unsigned long long>(cloned.copies));
  if (cloned.copies != 0) return Fail("clone", Status::Corruption("copied"));

  // 5. Show both.
  const int clone_base = CountMatching(c.db.get(), 0, kKeys, "v-");
  const int clone_own = CountMatching(c.db.get(), kKeys, kKeys + 500, "c-");
  const int main_sees = CountMatching(b.db.get(), kKeys, kKeys + 500, "c-");
  std::printf(
      "5. clone sees %d/%d source keys and %d/500 of its own; the "
      "source sees %d of the clone's\n",
      clone_base, kKeys, clone_own, main_sees);
  if (clone_base != kKeys || clone_own != 500 || main_sees != 0) {
    return Fail("isolation", Status::Corruption("clone check failed"));
  }
  std::printf("demo: OK (bucket at %s)\n", root.c_str());
  return 0;
}
