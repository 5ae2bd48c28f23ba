// The ObjectStore contract (object_store_contract.h) on the local-directory
// store, its exact request and byte counters, and two stores over one
// directory.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cloud/object_store.h"
#include "object_store_contract.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

TEST_CASE("object store contract: local directory") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewLocalDirStore(dir.Sub("bucket"), &store).ok());
  RunObjectStoreContract(store.get());
  // Nothing of the store's own bookkeeping shows in listings.
  std::vector<ObjectMeta> all;
  REQUIRE(store->List("", &all).ok());
  for (const auto& m : all) CHECK(m.key[0] != '.');
}

TEST_CASE("object store: counters are exact") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewLocalDirStore(dir.Sub("bucket"), &store).ok());
  REQUIRE(store->Put("a", "12345", PutOptions()).ok());
  REQUIRE(store->Put("b", "678", PutOptions()).ok());
  std::string got;
  REQUIRE(store->Get("a", &got).ok());
  REQUIRE(store->GetRange("b", 1, 10, &got).ok());
  ObjectMeta m;
  REQUIRE(store->Head("a", &m).ok());
  std::vector<ObjectMeta> objs;
  REQUIRE(store->List("", &objs).ok());
  REQUIRE(store->Delete("a").ok());
  ObjectStoreCounts c = store->counts();
  CHECK(c.puts == 2);
  CHECK(c.gets == 2);
  CHECK(c.heads == 1);
  CHECK(c.lists == 1);
  CHECK(c.deletes == 1);
  CHECK(c.bytes_written == 8);
  CHECK(c.bytes_read == 5 + 2);
}

TEST_CASE("object store: two stores over one directory (two writers)") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<ObjectStore> a, b;
  REQUIRE(NewLocalDirStore(dir.Sub("bucket"), &a).ok());
  REQUIRE(NewLocalDirStore(dir.Sub("bucket"), &b).ok());
  PutOptions create;
  create.if_none_match = true;
  REQUIRE(a->Put("CLOUDMANIFEST", "a", create).ok());
  CHECK(b->Put("CLOUDMANIFEST", "b", create).IsIOFenced());
  std::string got;
  REQUIRE(b->Get("CLOUDMANIFEST", &got).ok());
  CHECK(got == "a");
}

}  // namespace ROCKSDB_NAMESPACE
