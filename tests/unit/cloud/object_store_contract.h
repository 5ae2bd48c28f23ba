// The ObjectStore contract suite (cloud/object_store.h), written against
// the interface so that every store runs the same checks: sizes 0 B, 1 B,
// 5 MiB + 1, 64 MiB; ranges including the last byte and past the end;
// awkward names; 2,500-key listings; deletes of missing keys; copies;
// create-if-absent and if-match; a 20-thread create race (exactly one
// wins); invalid keys.
#ifndef SKYROCKS_TESTS_UNIT_CLOUD_OBJECT_STORE_CONTRACT_H_
#define SKYROCKS_TESTS_UNIT_CLOUD_OBJECT_STORE_CONTRACT_H_

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <random>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "cloud/object_store.h"

namespace ROCKSDB_NAMESPACE {

inline std::string ContractBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng());
  return s;
}

// What of the contract a store under test is checked for. Every real store
// must pass all of it; an emulator with a documented gap may run a part,
// and the test that does so says why and covers the gap elsewhere.
struct ObjectStoreContractScope {
  bool conditional_writes = true;  // if_none_match, if_match_etag, the race
};

inline void RunObjectStoreContract(ObjectStore* store,
                                   const ObjectStoreContractScope& scope = {}) {
  // Round trips.
  for (size_t n : {size_t{0}, size_t{1}, size_t{5 << 20} + 1, size_t{64} << 20}) {
    CAPTURE(n);
    const std::string data = ContractBytes(n, static_cast<uint32_t>(n));
    const std::string key = "sizes/obj-" + std::to_string(n);
    ObjectMeta put_meta;
    REQUIRE(store->Put(key, data, PutOptions(), &put_meta).ok());
    CHECK(put_meta.size == n);
    std::string got;
    REQUIRE(store->Get(key, &got).ok());
    CHECK(got == data);
    ObjectMeta meta;
    REQUIRE(store->Head(key, &meta).ok());
    CHECK(meta.size == n);
    CHECK(meta.etag == put_meta.etag);
    {
      // The last write's time, within an hour of this machine's clock
      // (deletion delays count from it).
      const uint64_t now = static_cast<uint64_t>(time(nullptr)) * 1000000;
      CHECK(meta.mtime_micros + 3600000000ull > now);
      CHECK(meta.mtime_micros < now + 3600000000ull);
    }
    if (n > (1 << 20)) {
      // Streamed to a local file.
      const std::string local = "/tmp/skyrocks-contract-" + std::to_string(::getpid()) + "-" +
                                std::to_string(n);
      REQUIRE(store->GetToFile(key, local).ok());
      std::ifstream f(local, std::ios::binary);
      std::string back((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
      ::unlink(local.c_str());
      CHECK(back == data);
    }
  }
  CHECK(store->GetToFile("sizes/missing", "/tmp/skyrocks-contract-missing").IsNotFound());
  ::unlink("/tmp/skyrocks-contract-missing");
  // Ranges.
  const std::string data = ContractBytes(1000, 7);
  REQUIRE(store->Put("r/obj", data, PutOptions()).ok());
  std::string got;
  REQUIRE(store->GetRange("r/obj", 10, 20, &got).ok());
  CHECK(got == data.substr(10, 20));
  REQUIRE(store->GetRange("r/obj", 999, 1, &got).ok());
  CHECK(got == data.substr(999, 1));
  REQUIRE(store->GetRange("r/obj", 990, 100, &got).ok());
  CHECK(got == data.substr(990));
  REQUIRE(store->GetRange("r/obj", 5000, 10, &got).ok());
  CHECK(got.empty());
  // Missing objects.
  IOStatus s = store->Get("r/missing", &got);
  CHECK(s.IsNotFound());
  CHECK(s.ToString().find("r/missing") != std::string::npos);
  ObjectMeta meta;
  CHECK(store->Head("r/missing", &meta).IsNotFound());
  CHECK(store->Delete("r/missing").ok());
  CHECK(store->Delete("r/no/such/prefix/missing").ok());  // nothing above it
  // Awkward names.
  const std::string odd = "names/a b+c=d%e~f\xc3\xbc/g";
  REQUIRE(store->Put(odd, "odd", PutOptions()).ok());
  REQUIRE(store->Get(odd, &got).ok());
  CHECK(got == "odd");
  // Invalid keys.
  for (const std::string& bad : {std::string(""), std::string("/abs"), std::string("a/../b"),
                                 std::string("a//b"), std::string("dir/"), std::string("./x")}) {
    CAPTURE(bad);
    s = store->Put(bad, "x", PutOptions());
    CHECK(s.IsInvalidArgument());
  }
  // Listing: 2,500 keys, in byte order, only under the prefix.
  for (int i = 0; i < 2500; i++) {
    char k[32];
    snprintf(k, sizeof(k), "list/%05d", i);
    REQUIRE(store->Put(k, std::to_string(i), PutOptions()).ok());
  }
  REQUIRE(store->Put("listx", "not under list/", PutOptions()).ok());
  std::vector<ObjectMeta> objs;
  REQUIRE(store->List("list/", &objs).ok());
  REQUIRE(objs.size() == 2500);
  for (size_t i = 1; i < objs.size(); i++) CHECK(objs[i - 1].key < objs[i].key);
  CHECK(objs[42].key == "list/00042");
  CHECK(objs[42].size == 2);
  REQUIRE(store->List("list/0001", &objs).ok());
  CHECK(objs.size() == 10);
  // Delimited listing: "dirs" rolled up, plain keys listed.
  REQUIRE(store->Put("tree/a/1", "x", PutOptions()).ok());
  REQUIRE(store->Put("tree/a/2", "x", PutOptions()).ok());
  REQUIRE(store->Put("tree/b/1", "x", PutOptions()).ok());
  REQUIRE(store->Put("tree/top", "x", PutOptions()).ok());
  std::vector<std::string> prefixes;
  REQUIRE(store->ListDelimited("tree/", "/", &objs, &prefixes).ok());
  CHECK(prefixes == std::vector<std::string>{"tree/a/", "tree/b/"});
  REQUIRE(objs.size() == 1);
  CHECK(objs[0].key == "tree/top");
  // Batched delete, missing keys included.
  REQUIRE(store->DeleteMany({"tree/a/1", "tree/a/2", "tree/b/1", "tree/top", "tree/none"}).ok());
  REQUIRE(store->List("tree/", &objs).ok());
  CHECK(objs.empty());
  // Delete and copy.
  REQUIRE(store->Copy("list/00007", "copied/seven").ok());
  REQUIRE(store->Get("copied/seven", &got).ok());
  CHECK(got == "7");
  REQUIRE(store->Delete("copied/seven").ok());
  CHECK(store->Get("copied/seven", &got).IsNotFound());
  if (!scope.conditional_writes) return;
  // Conditional writes.
  REQUIRE(store->Put("cas/k", "v1", PutOptions()).ok());
  PutOptions create;
  create.if_none_match = true;
  s = store->Put("cas/k", "v2", create);
  CHECK(s.IsIOFenced());
  CHECK(s.http_status() == 412);
  ObjectMeta v1;
  REQUIRE(store->Head("cas/k", &v1).ok());
  PutOptions match;
  match.if_match_etag = v1.etag;
  ObjectMeta v2;
  REQUIRE(store->Put("cas/k", "v2", match, &v2).ok());
  CHECK(v2.etag != v1.etag);
  CHECK(store->Put("cas/k", "v3", match).IsIOFenced());  // stale etag
  REQUIRE(store->Get("cas/k", &got).ok());
  CHECK(got == "v2");
  // Create-if-absent race: exactly one of 20 wins.
  std::atomic<int> wins{0}, fenced{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 20; t++) {
    threads.emplace_back([&, t] {
      IOStatus r = store->Put("race/epoch", "writer-" + std::to_string(t), create);
      if (r.ok()) wins++;
      if (r.IsIOFenced()) fenced++;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(wins == 1);
  CHECK(fenced == 19);
  REQUIRE(store->Get("race/epoch", &got).ok());
  CHECK(got.rfind("writer-", 0) == 0);
}

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TESTS_UNIT_CLOUD_OBJECT_STORE_CONTRACT_H_
