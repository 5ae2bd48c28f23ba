// RocksDB-Cloud's clone_example, written for skyrocks with exactly the
// symbols the original (RocksDB-Cloud's cloud/examples/) uses; clones are
// described in doc/cloud_layout.md, "CLONE_SOURCES": a
// main DB in a bucket and a zero-copy clone of it at another path, whose
// writes stay out of the main DB. Compiles against the amalgamation (see
// examples/run_examples.sh); the store is chosen as in
// cloud_durable_example.cc. Prints "clone_example: OK" on success.
#include <cstdio>
#include <iostream>
#include <string>

#include "rocksdb/cloud/db_cloud.h"
#include "rocksdb/options.h"

using namespace ROCKSDB_NAMESPACE;

std::string kDBPath = "/tmp/rocksdb_main_db";
std::string kClonePath = "/tmp/rocksdb_clone_db";
std::string kBucketSuffix = "cloud.clone.example.";
std::string kRegion = "us-west-2";

Status CloneDB(const std::string& clone_name, const std::string& src_bucket,
               const std::string& src_object_path,
               const std::string& dest_bucket,
               const std::string& dest_object_path,
               const CloudFileSystemOptions& cloud_fs_options,
               std::unique_ptr<DB>* cloud_db, std::unique_ptr<Env>* cloud_env) {
  CloudFileSystem* cfs;
  Status st = CloudFileSystem::NewAwsFileSystem(
      FileSystem::Default(), src_bucket, src_object_path, kRegion, dest_bucket,
      dest_object_path, kRegion, cloud_fs_options, nullptr, &cfs);
  if (!st.ok()) {
    fprintf(stderr, "Unable to create an AWS environment with bucket %s. %s\n",
            src_bucket.c_str(), st.ToString().c_str());
    return st;
  }
  std::shared_ptr<FileSystem> fs(cfs);
  *cloud_env = NewCompositeEnv(fs);
  Options options;
  options.env = cloud_env->get();
  options.create_if_missing = true;
  std::string dbpath = kClonePath + "/" + clone_name;
  DBCloud* db;
  st = DBCloud::Open(options, dbpath, "", 0, &db);
  if (!st.ok()) {
    fprintf(stderr, "Unable to open clone at path %s in bucket %s. %s\n",
            dbpath.c_str(), cfs->GetSrcBucketName().c_str(),
            st.ToString().c_str());
    return st;
  }
  cloud_db->reset(db);
  return Status::OK();
}

int main() {
  CloudFileSystemOptions cloud_fs_options;
  cloud_fs_options.credentials.InitializeSimple(
      getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"));
  if (!cloud_fs_options.credentials.HasValid().ok()) {
    fprintf(stderr,
            "Please set env variables "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY with cloud creds");
    return -1;
  }
  if (getenv("EXAMPLE_DB_PATH") != nullptr) {
    kDBPath = std::string(getenv("EXAMPLE_DB_PATH")) + "/main";
    kClonePath = std::string(getenv("EXAMPLE_DB_PATH")) + "/clone";
  }
  char* user = getenv("USER");
  kBucketSuffix.append(user != nullptr ? user : "nobody");
  const std::string bucketPrefix = "rockset.";
  cloud_fs_options.src_bucket.SetBucketName(kBucketSuffix, bucketPrefix);
  cloud_fs_options.dest_bucket.SetBucketName(kBucketSuffix, bucketPrefix);

  CloudFileSystem* cfs;
  Status s = CloudFileSystem::NewAwsFileSystem(
      FileSystem::Default(), kBucketSuffix, kDBPath, kRegion, kBucketSuffix,
      kDBPath, kRegion, cloud_fs_options, nullptr, &cfs);
  if (!s.ok()) {
    fprintf(stderr, "Unable to create cloud env in bucket %s. %s\n",
            bucketPrefix.c_str(), s.ToString().c_str());
    return -1;
  }
  auto cloud_env = NewCompositeEnv(std::shared_ptr<FileSystem>(cfs));
  Options options;
  options.env = cloud_env.get();
  options.create_if_missing = true;
  DBCloud* db;
  s = DBCloud::Open(options, kDBPath, "", 0, &db);
  if (!s.ok()) {
    fprintf(stderr, "Unable to open db at path %s with bucket %s. %s\n",
            kDBPath.c_str(), kBucketSuffix.c_str(), s.ToString().c_str());
    return -1;
  }
  s = db->Put(WriteOptions(), "key1", "value");
  assert(s.ok());
  std::string value;
  s = db->Get(ReadOptions(), "key1", &value);
  assert(value == "value");
  db->Flush(FlushOptions());

  std::unique_ptr<DB> clone_db;
  std::unique_ptr<Env> clone_env;
  s = CloneDB("clone1", kBucketSuffix, kDBPath, kBucketSuffix, kClonePath,
              cloud_fs_options, &clone_db, &clone_env);
  if (!s.ok()) {
    fprintf(stderr, "Unable to clone db at path %s with bucket %s. %s\n",
            kDBPath.c_str(), kBucketSuffix.c_str(), s.ToString().c_str());
    return -1;
  }
  s = clone_db->Put(WriteOptions(), "name", "dhruba");
  assert(s.ok());
  s = clone_db->Get(ReadOptions(), "key1", &value);
  if (!s.ok() || value != "value") {
    fprintf(stderr, "the clone does not see the main DB's key1: %s\n",
            s.ToString().c_str());
    return -1;
  }
  s = db->Get(ReadOptions(), "name", &value);
  if (!s.IsNotFound()) {
    fprintf(stderr, "the clone's write leaked into the main DB\n");
    return -1;
  }
  clone_db->Flush(FlushOptions());
  clone_db.reset();
  delete db;
  fprintf(stdout, "clone_example: OK\n");
  return 0;
}
