// The info LOG of a cloud DB stays in the local directory: the cloud file
// system never uploads LOG or LOG.old.<micros>, and a bucket that holds
// such objects (left by another tool) opens as if they were not there.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "cloud/cloud_file_system_impl.h"
#include "rocksdb/cloud/db_cloud.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

struct InfoLogCloudDb {
  std::shared_ptr<ObjectStore> store;
  std::shared_ptr<FileSystem> fs;
  std::unique_ptr<Env> env;
  std::unique_ptr<DBCloud> db;

  Status Open(const std::string& root, const std::string& local) {
    std::unique_ptr<ObjectStore> base;
    IOStatus io = NewLocalDirStore(root, &base);
    if (!io.ok()) return std::move(io);
    store.reset(base.release());
    CloudFileSystemOptions co;
    co.src_bucket.SetBucketName("bucket", "");
    co.src_bucket.SetBucketPrefix("");
    co.src_bucket.SetObjectPath("db");
    co.dest_bucket = co.src_bucket;
    CloudFileSystem* cfs = nullptr;
    auto shared = store;
    Status s = CloudFileSystemImpl::Create(
        FileSystem::Default(), co,
        [shared](const std::string&, const std::string&,
                 std::shared_ptr<ObjectStore>* out) {
          *out = shared;
          return IOStatus::OK();
        },
        "localdir", &cfs);
    if (!s.ok()) return s;
    fs.reset(cfs);
    env = NewCompositeEnv(fs);
    Options o;
    o.env = env.get();
    o.create_if_missing = true;
    std::vector<ColumnFamilyDescriptor> descs = {
        ColumnFamilyDescriptor(kDefaultColumnFamilyName, o)};
    std::vector<ColumnFamilyHandle*> handles;
    DBCloud* raw = nullptr;
    s = DBCloud::Open(o, local, descs, "", 0, &handles, &raw);
    for (ColumnFamilyHandle* h : handles) delete h;
    db.reset(raw);
    return s;
  }
  void Close() {
    db.reset();
    env.reset();
    fs.reset();
  }
  // The keys of the bucket whose last component starts with "LOG".
  std::vector<std::string> LogKeys() {
    std::vector<ObjectMeta> all;
    REQUIRE(store->List("", &all).ok());
    std::vector<std::string> logs;
    for (const ObjectMeta& m : all) {
      const std::string base = m.key.substr(m.key.rfind('/') + 1);
      if (base.compare(0, 3, "LOG") == 0) logs.push_back(m.key);
    }
    return logs;
  }
};

bool LocalHas(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> children;
  REQUIRE(Env::Default()->GetChildren(dir, &children).ok());
  for (const std::string& c : children) {
    if (c.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("cloud info log: LOG and LOG.old stay local, never uploaded") {
  skyrocks_test::TempDir tmp;
  for (int round = 0; round < 2; round++) {
    InfoLogCloudDb c;
    Status s = c.Open(tmp.Sub("root"), tmp.Sub("db"));
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    REQUIRE(c.db->Put(WriteOptions(), "k" + std::to_string(round), "v").ok());
    REQUIRE(c.db->Flush(FlushOptions()).ok());
    CHECK(c.LogKeys().empty());
    c.Close();
  }
  CHECK(LocalHas(tmp.Sub("db"), "LOG"));
  CHECK(LocalHas(tmp.Sub("db"), "LOG.old."));
  const std::string log = skyrocks_test::ReadWholeFile(tmp.Sub("db") + "/LOG");
  CHECK(log.find("EVENT_LOG_v1") != std::string::npos);
}

TEST_CASE("cloud info log: LOG objects in a bucket are ignored at open") {
  skyrocks_test::TempDir tmp;
  {
    InfoLogCloudDb c;
    Status s = c.Open(tmp.Sub("root"), tmp.Sub("db"));
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    REQUIRE(c.db->Put(WriteOptions(), "k", "v").ok());
    REQUIRE(c.db->Flush(FlushOptions()).ok());
    // What another tool might have left beside the DB's objects.
    REQUIRE(
        c.store->Put("db/LOG", "stray bucket log", PutOptions(), nullptr).ok());
    REQUIRE(
        c.store->Put("db/LOG.old.1234", "stray", PutOptions(), nullptr).ok());
    c.Close();
  }
  // A fresh local directory: the open reads only the DB's objects.
  InfoLogCloudDb c;
  Status s = c.Open(tmp.Sub("root"), tmp.Sub("db2"));
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::string v;
  REQUIRE(c.db->Get(ReadOptions(), "k", &v).ok());
  CHECK(v == "v");
  const std::string log = skyrocks_test::ReadWholeFile(tmp.Sub("db2") + "/LOG");
  CHECK(log.find("stray bucket log") == std::string::npos);
  CHECK(log.find("RocksDB version") != std::string::npos);
  CHECK(!LocalHas(tmp.Sub("db2"), "LOG.old."));
  c.Close();
}

}  // namespace ROCKSDB_NAMESPACE
