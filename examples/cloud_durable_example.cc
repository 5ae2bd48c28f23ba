// RocksDB-Cloud's cloud_durable_example, written for skyrocks with exactly
// the symbols the original (RocksDB-Cloud's cloud/examples/) uses; the
// bucket it fills is described in doc/cloud_layout.md:
// a DB whose SSTs and MANIFEST live in an S3 bucket. Compiles against the
// amalgamation (see examples/run_examples.sh). The store is S3 at
// AWS_ENDPOINT_URL (an emulator or S3-compatible store), or, with
// AWS_ENDPOINT_URL=file:///some/dir, buckets kept as local directories.
// Exits 0 and prints "cloud_durable_example: OK" on success.
#include <cstdio>
#include <iostream>
#include <string>

#include "rocksdb/cloud/db_cloud.h"
#include "rocksdb/options.h"

using namespace ROCKSDB_NAMESPACE;

std::string kDBPath = "/tmp/rocksdb_cloud_durable";
std::string kBucketSuffix = "cloud.durable.example.";
std::string kRegion = "us-west-2";
static const bool flushAtEnd = true;
static const bool disableWAL = false;

int main() {
  CloudFileSystemOptions cloud_fs_options;
  std::shared_ptr<FileSystem> cloud_fs;
  cloud_fs_options.credentials.InitializeSimple(
      getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"));
  if (!cloud_fs_options.credentials.HasValid().ok()) {
    fprintf(stderr,
            "Please set env variables "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY with cloud creds");
    return -1;
  }
  if (getenv("EXAMPLE_DB_PATH") != nullptr) kDBPath = getenv("EXAMPLE_DB_PATH");
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
  cloud_fs.reset(cfs);
  auto cloud_env = NewCompositeEnv(cloud_fs);
  assert(cloud_env);
  Options options;
  options.env = cloud_env.get();
  options.create_if_missing = true;
  WriteOptions wopt;
  wopt.disableWAL = disableWAL;

  DBCloud* db;
  s = DBCloud::Open(options, kDBPath, "", 0, &db);
  if (!s.ok()) {
    fprintf(stderr, "Unable to open db at path %s with bucket %s. %s\n",
            kDBPath.c_str(), kBucketSuffix.c_str(), s.ToString().c_str());
    return -1;
  }
  s = db->Put(wopt, "key1", "value");
  assert(s.ok());
  std::string value;
  s = db->Get(ReadOptions(), "key1", &value);
  assert(s.ok());
  assert(value == "value");
  {
    WriteBatch batch;
    batch.Delete("key1");
    batch.Put("key2", value);
    s = db->Write(wopt, &batch);
  }
  s = db->Get(ReadOptions(), "key1", &value);
  assert(s.IsNotFound());
  db->Get(ReadOptions(), "key2", &value);
  assert(value == "value");
  {
    Iterator* it = db->NewIterator(ReadOptions());
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::cout << it->key().ToString() << ": " << it->value().ToString()
                << std::endl;
    }
    delete it;
  }
  if (flushAtEnd) {
    db->Flush(FlushOptions());
  }
  delete db;
  fprintf(stdout, "cloud_durable_example: OK\n");
  return 0;
}
