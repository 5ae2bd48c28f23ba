// Cache: a byte-budgeted cache of decoded blocks shared by tables (and DBs)
// that are given the same object (RocksDB's interface, the subset skyrocks
// uses). NewLRUCache shards by key hash; each shard evicts least recently
// used unpinned entries once its share of the capacity is exceeded.
// Thread-safe.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_CACHE_H_
#define SKYROCKS_INCLUDE_ROCKSDB_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class Cache {
 public:
  // Opaque handle to a pinned entry.
  struct Handle {};
  enum class Priority { HIGH, LOW, BOTTOM };
  using DeleterFn = void (*)(const Slice& key, void* value);

  Cache() = default;
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;
  virtual ~Cache() = default;

  virtual const char* Name() const = 0;
  // Inserts key -> value charged `charge` bytes, replacing an older entry.
  // With handle != nullptr the entry is returned pinned (Release it).
  // deleter runs when the entry leaves the cache and is unpinned.
  virtual Status Insert(const Slice& key, void* value, size_t charge,
                        DeleterFn deleter, Handle** handle = nullptr,
                        Priority priority = Priority::LOW) = 0;
  // Pinned entry for key, or nullptr.
  virtual Handle* Lookup(const Slice& key) = 0;
  // Unpins; returns true if the entry was freed.
  virtual bool Release(Handle* handle, bool erase_if_last_ref = false) = 0;
  virtual void* Value(Handle* handle) = 0;
  virtual void Erase(const Slice& key) = 0;
  // A new id for callers sharing the cache to prefix their keys with.
  virtual uint64_t NewId() = 0;
  virtual void SetCapacity(size_t capacity) = 0;
  virtual size_t GetCapacity() const = 0;
  virtual size_t GetUsage() const = 0;
  virtual size_t GetPinnedUsage() const = 0;
};

struct LRUCacheOptions {
  size_t capacity = 0;
  // Shards = 2^num_shard_bits; -1 picks from capacity (>= 512 KiB each,
  // at most 64 shards).
  int num_shard_bits = -1;
  // Accepted for compatibility; inserts never fail for capacity.
  bool strict_capacity_limit = false;
  double high_pri_pool_ratio = 0.5;
};

std::shared_ptr<Cache> NewLRUCache(size_t capacity, int num_shard_bits = -1,
                                   bool strict_capacity_limit = false,
                                   double high_pri_pool_ratio = 0.5);
std::shared_ptr<Cache> NewLRUCache(const LRUCacheOptions& options);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_CACHE_H_
