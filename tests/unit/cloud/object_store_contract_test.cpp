// The ObjectStore contract (object_store_contract.h) on the local-directory
// store, its exact request and byte counters, the one resolution of lost
// conditional writes, and two stores over one directory.
#include "object_store_contract.h"

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cloud/object_store.h"
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

namespace {

// A store whose Head answers what the test says (the rest is unused).
class HeadOnlyStore : public ObjectStore {
 public:
  const char* Name() const override { return "head-only"; }
  IOStatus Get(const std::string&, std::string*) override { return Unused(); }
  IOStatus GetRange(const std::string&, uint64_t, size_t,
                    std::string*) override {
    return Unused();
  }
  IOStatus Put(const std::string&, const Slice&, const PutOptions&,
               ObjectMeta*) override {
    return Unused();
  }
  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    if (!exists) return IOStatus::NotFound("no such object", key);
    *meta = now;
    return IOStatus::OK();
  }
  IOStatus List(const std::string&, std::vector<ObjectMeta>*) override {
    return Unused();
  }
  IOStatus Delete(const std::string&) override { return Unused(); }
  IOStatus Copy(const std::string&, const std::string&) override {
    return Unused();
  }
  bool exists = true;
  ObjectMeta now;

 private:
  static IOStatus Unused() { return IOStatus::NotSupported("unused"); }
};

}  // namespace

TEST_CASE(
    "object store: ResolveLostConditionalPut looks instead of guessing "
    "(ours landed, another won, still unknown)") {
  HeadOnlyStore store;
  const IOStatus lost = IOStatus::IOError("outcome unknown: PUT k");
  PutOptions create;
  create.if_none_match = true;
  PutOptions replace;
  replace.if_match_etag = "v1";
  store.now.key = "k";
  store.now.etag = "v2";
  store.now.content_md5 = "ours==";
  ObjectMeta meta;
  // Our bytes there: OK, with the object's meta.
  IOStatus s =
      ResolveLostConditionalPut(&store, "k", "ours==", create, lost, &meta);
  CHECK(s.ok());
  CHECK(meta.etag == "v2");
  CHECK(ResolveLostConditionalPut(&store, "k", "ours==", replace, lost, nullptr)
            .ok());
  // Another object: lost the race.
  s = ResolveLostConditionalPut(&store, "k", "theirs==", create, lost, nullptr);
  CHECK(s.IsIOFenced());
  CHECK(s.http_status() == 412);
  // Still the version the if-match named, no MD5 known, or nothing there:
  // ambiguous, the error handed back.
  store.now.etag = "v1";
  CHECK(ResolveLostConditionalPut(&store, "k", "ours==", replace, lost, nullptr)
            .ToString() == lost.ToString());
  store.now.etag = "v3";
  store.now.content_md5.clear();
  CHECK(ResolveLostConditionalPut(&store, "k", "ours==", create, lost, nullptr)
            .ToString() == lost.ToString());
  store.exists = false;
  CHECK(ResolveLostConditionalPut(&store, "k", "ours==", create, lost, nullptr)
            .ToString() == lost.ToString());
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
