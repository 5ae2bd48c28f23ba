// Stores as skyrocks_test::CloudTestStore (tests/api/db_cloud_scenarios.h)
// for the unit tests, which may reach src/ internals:
//   S3CloudStore       the S3 emulator: DBs through
//                      CloudFileSystemEnv::NewAwsFileSystem with
//                      endpoint_override, bucket "skyrocks-test" (empty
//                      prefix), region us-east-1; the bucket inspected
//                      behind the DB's back through a second S3 store.
//   ObjectStoreCloudStore  any ObjectStore (a decorator over a store, a
//                      store on a fake transport): DBs through
//                      CloudFileSystemImpl::Create with a factory that
//                      returns it; inspected through another store.
#ifndef SKYROCKS_TESTS_UNIT_CLOUD_CLOUD_TEST_STORES_H_
#define SKYROCKS_TESTS_UNIT_CLOUD_CLOUD_TEST_STORES_H_

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "api/db_cloud_scenarios.h"
#include "cloud/cloud_file_system_impl.h"
#include "cloud/s3_store.h"
#include "support/s3_emulator.h"

namespace ROCKSDB_NAMESPACE {

constexpr const char* kS3TestBucket = "skyrocks-test";
constexpr const char* kS3TestRegion = "us-east-1";

// The scenarios' store on the emulator. The inspecting S3 store is shared
// by the closures (and outlives none of them: they hold it).
inline skyrocks_test::CloudTestStore S3CloudStore(
    const skyrocks_test::S3Emulator& emu) {
  const std::string endpoint = emu.endpoint();
  S3StoreOptions so;
  so.bucket = kS3TestBucket;
  so.region = kS3TestRegion;
  so.endpoint = endpoint;
  so.credentials = AwsCredentials{"S3RVER", "S3RVER", ""};
  so.retry.max_attempts = 3;
  std::unique_ptr<ObjectStore> raw;
  REQUIRE(NewS3Store(so, &raw).ok());
  std::shared_ptr<ObjectStore> inspect(raw.release());

  skyrocks_test::CloudTestStore s;
  s.bucket = kS3TestBucket;
  s.make_fs = [endpoint](const CloudFileSystemOptions& o,
                         CloudFileSystem** out) {
    CloudFileSystemOptions opts = o;
    opts.endpoint_override = endpoint;
    opts.credentials.InitializeSimple(std::string("S3RVER"),
                                      std::string("S3RVER"));
    if (opts.src_bucket.IsValid()) opts.src_bucket.SetRegion(kS3TestRegion);
    if (opts.dest_bucket.IsValid()) opts.dest_bucket.SetRegion(kS3TestRegion);
    return CloudFileSystemEnv::NewAwsFileSystem(FileSystem::Default(), opts,
                                                nullptr, out);
  };
  s.list = [inspect](const std::string& prefix) {
    std::vector<ObjectMeta> objects;
    std::vector<std::string> keys;
    IOStatus st = inspect->List(prefix, &objects);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    for (const ObjectMeta& m : objects) keys.push_back(m.key);
    std::sort(keys.begin(), keys.end());
    return keys;
  };
  s.get = [inspect](const std::string& key, std::string* data) {
    return inspect->Get(key, data).ok();
  };
  s.put = [inspect](const std::string& key, const std::string& data) {
    return inspect->Put(key, data, PutOptions()).ok();
  };
  s.del = [inspect](const std::string& key) {
    return inspect->Delete(key).ok();
  };
  return s;
}

inline bool S3EmulatorMissing(const skyrocks_test::S3Emulator& emu) {
  if (emu.running()) return false;
  MESSAGE(
      "SKIPPED: the S3 emulator is not installed (bash scripts/install-deps "
      "installs it)");
  return true;
}

// DBs on `db_store` (every bucket maps to it; provider: the file system's
// Name()), the bucket seen through `inspect` (the store behind any
// decorator, so looking does not count or fault).
inline skyrocks_test::CloudTestStore ObjectStoreCloudStore(
    const std::string& bucket, std::shared_ptr<ObjectStore> db_store,
    std::shared_ptr<ObjectStore> inspect, const char* provider) {
  skyrocks_test::CloudTestStore s;
  s.bucket = bucket;
  s.make_fs = [db_store, provider](const CloudFileSystemOptions& o,
                                   CloudFileSystem** out) {
    return CloudFileSystemImpl::Create(
        FileSystem::Default(), o,
        [db_store](const std::string&, const std::string&,
                   std::shared_ptr<ObjectStore>* st) {
          *st = db_store;
          return IOStatus::OK();
        },
        provider, out);
  };
  s.list = [inspect](const std::string& prefix) {
    std::vector<ObjectMeta> objects;
    std::vector<std::string> keys;
    IOStatus st = inspect->List(prefix, &objects);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    for (const ObjectMeta& m : objects) keys.push_back(m.key);
    std::sort(keys.begin(), keys.end());
    return keys;
  };
  s.get = [inspect](const std::string& key, std::string* data) {
    return inspect->Get(key, data).ok();
  };
  s.put = [inspect](const std::string& key, const std::string& data) {
    return inspect->Put(key, data, PutOptions()).ok();
  };
  s.del = [inspect](const std::string& key) {
    return inspect->Delete(key).ok();
  };
  return s;
}

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TESTS_UNIT_CLOUD_CLOUD_TEST_STORES_H_
