#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rocksdb/cache.h"

namespace ROCKSDB_NAMESPACE {

namespace {
std::vector<std::string>* LruTestDeleted() {
  static std::vector<std::string> d;
  return &d;
}
void LruTestDeleter(const Slice& key, void* value) {
  LruTestDeleted()->push_back(key.ToString());
  delete static_cast<int*>(value);
}
}  // namespace

TEST_CASE("LRU cache: byte budget, LRU order, pinning") {
  LruTestDeleted()->clear();
  std::shared_ptr<Cache> c = NewLRUCache(100, 0);
  for (int i = 0; i < 5; i++) {
    REQUIRE(c->Insert("k" + std::to_string(i), new int(i), 30,
                      &LruTestDeleter)
                .ok());
  }
  // 5 x 30 > 100: the two oldest went.
  CHECK(c->GetUsage() == 90);
  CHECK(c->Lookup("k0") == nullptr);
  CHECK(c->Lookup("k1") == nullptr);
  Cache::Handle* h = c->Lookup("k2");  // pinned and now most recent
  REQUIRE(h != nullptr);
  CHECK(*static_cast<int*>(c->Value(h)) == 2);
  REQUIRE(c->Insert("k5", new int(5), 30, &LruTestDeleter).ok());
  // k3 was least recently used among unpinned entries.
  CHECK(c->Lookup("k3") == nullptr);
  CHECK(c->GetPinnedUsage() == 30);
  c->Release(h);
  Cache::Handle* h4 = c->Lookup("k4");
  REQUIRE(h4 != nullptr);
  c->Erase("k4");  // erased while pinned: freed at release
  CHECK(c->Lookup("k4") == nullptr);
  CHECK(c->Release(h4));
  CHECK(LruTestDeleted()->size() == 4);
  c->SetCapacity(0);
  CHECK(c->GetUsage() == 0);
  CHECK(LruTestDeleted()->size() == 6);
}

TEST_CASE("LRU cache: sharded default shard bits and replace") {
  std::shared_ptr<Cache> c = NewLRUCache(8 << 20);
  REQUIRE(c->Insert("a", new int(1), 10, &LruTestDeleter).ok());
  REQUIRE(c->Insert("a", new int(2), 10, &LruTestDeleter).ok());
  Cache::Handle* h = c->Lookup("a");
  REQUIRE(h != nullptr);
  CHECK(*static_cast<int*>(c->Value(h)) == 2);
  c->Release(h);
  CHECK(c->GetUsage() == 10);
  CHECK(c->NewId() != c->NewId());
}

}  // namespace ROCKSDB_NAMESPACE
