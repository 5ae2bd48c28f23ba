// Sharded LRU cache behind NewLRUCache; contract in rocksdb/cache.h.
// Each shard: a hash map from key to entry and an intrusive LRU list of
// unpinned entries. Pinned entries (refs > 1, counting the cache's own
// reference) are not on the list and cannot be evicted.
#include <atomic>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "rocksdb/cache.h"
#include "util/xxhash.h"

namespace ROCKSDB_NAMESPACE {

namespace {

struct LruCacheEntry : Cache::Handle {
  std::string key;
  void* value = nullptr;
  size_t charge = 0;
  Cache::DeleterFn deleter = nullptr;
  uint32_t refs = 0;  // the cache holds one while in_cache
  bool in_cache = false;
  LruCacheEntry* prev = nullptr;  // LRU list links (unpinned entries only)
  LruCacheEntry* next = nullptr;
};

class LruCacheShard {
 public:
  LruCacheShard() {
    lru_.next = &lru_;
    lru_.prev = &lru_;
  }
  ~LruCacheShard() {
    for (auto& kv : table_) {
      LruCacheEntry* e = kv.second;
      e->in_cache = false;
      if (--e->refs == 0) Free(e);
    }
  }

  void SetCapacity(size_t c) {
    std::vector<LruCacheEntry*> freed;
    {
      std::lock_guard<std::mutex> l(mu_);
      capacity_ = c;
      EvictLocked(&freed);
    }
    for (auto* e : freed) Free(e);
  }

  Cache::Handle* Insert(const Slice& key, void* value, size_t charge,
                        Cache::DeleterFn deleter, bool pin) {
    auto* e = new LruCacheEntry;
    e->key = key.ToString();
    e->value = value;
    e->charge = charge;
    e->deleter = deleter;
    e->refs = pin ? 2 : 1;
    e->in_cache = true;
    std::vector<LruCacheEntry*> freed;
    {
      std::lock_guard<std::mutex> l(mu_);
      auto it = table_.find(e->key);
      if (it != table_.end()) {
        LruCacheEntry* old = it->second;
        old->in_cache = false;
        if (old->refs == 1) ListRemove(old);
        usage_ -= old->charge;
        if (--old->refs == 0) freed.push_back(old);
        it->second = e;
      } else {
        table_.emplace(e->key, e);
      }
      usage_ += charge;
      if (!pin) ListAppend(e);
      EvictLocked(&freed);
    }
    for (auto* f : freed) Free(f);
    return pin ? e : nullptr;
  }

  Cache::Handle* Lookup(const Slice& key) {
    std::lock_guard<std::mutex> l(mu_);
    auto it = table_.find(std::string(key.data(), key.size()));
    if (it == table_.end()) return nullptr;
    LruCacheEntry* e = it->second;
    if (e->refs == 1) ListRemove(e);
    e->refs++;
    return e;
  }

  bool Release(Cache::Handle* h, bool erase_if_last_ref) {
    auto* e = static_cast<LruCacheEntry*>(h);
    bool free_it = false;
    std::vector<LruCacheEntry*> freed;
    {
      std::lock_guard<std::mutex> l(mu_);
      e->refs--;
      if (e->refs == 0) {
        free_it = true;  // already out of the cache
      } else if (e->refs == 1 && e->in_cache) {
        if (erase_if_last_ref || usage_ > capacity_) {
          table_.erase(e->key);
          e->in_cache = false;
          usage_ -= e->charge;
          e->refs = 0;
          free_it = true;
        } else {
          ListAppend(e);
        }
      }
      EvictLocked(&freed);
    }
    for (auto* f : freed) Free(f);
    if (free_it) Free(e);
    return free_it;
  }

  void Erase(const Slice& key) {
    LruCacheEntry* freed = nullptr;
    {
      std::lock_guard<std::mutex> l(mu_);
      auto it = table_.find(std::string(key.data(), key.size()));
      if (it == table_.end()) return;
      LruCacheEntry* e = it->second;
      table_.erase(it);
      e->in_cache = false;
      usage_ -= e->charge;
      if (e->refs == 1) ListRemove(e);
      if (--e->refs == 0) freed = e;
    }
    if (freed) Free(freed);
  }

  size_t Usage() const {
    std::lock_guard<std::mutex> l(mu_);
    return usage_;
  }
  size_t PinnedUsage() const {
    std::lock_guard<std::mutex> l(mu_);
    size_t unpinned = 0;
    for (auto* e = lru_.next; e != &lru_; e = e->next) unpinned += e->charge;
    return usage_ - unpinned;
  }

 private:
  static void Free(LruCacheEntry* e) {
    if (e->deleter) e->deleter(e->key, e->value);
    delete e;
  }
  void ListRemove(LruCacheEntry* e) {
    e->next->prev = e->prev;
    e->prev->next = e->next;
    e->next = e->prev = nullptr;
  }
  void ListAppend(LruCacheEntry* e) {
    e->next = &lru_;
    e->prev = lru_.prev;
    e->prev->next = e;
    e->next->prev = e;
  }
  void EvictLocked(std::vector<LruCacheEntry*>* freed) {
    while (usage_ > capacity_ && lru_.next != &lru_) {
      LruCacheEntry* old = lru_.next;
      ListRemove(old);
      table_.erase(old->key);
      old->in_cache = false;
      usage_ -= old->charge;
      old->refs = 0;
      freed->push_back(old);
    }
  }

  mutable std::mutex mu_;
  size_t capacity_ = 0;
  size_t usage_ = 0;
  std::unordered_map<std::string, LruCacheEntry*> table_;
  LruCacheEntry lru_;  // list head: lru_.next is the oldest
};

class ShardedLruCache : public Cache {
 public:
  ShardedLruCache(size_t capacity, int num_shard_bits)
      : shard_bits_(num_shard_bits), shards_(size_t{1} << num_shard_bits) {
    SetCapacity(capacity);
  }
  const char* Name() const override { return "LRUCache"; }
  Status Insert(const Slice& key, void* value, size_t charge, DeleterFn deleter,
                Handle** handle, Priority /*priority*/) override {
    Handle* h =
        ShardFor(key).Insert(key, value, charge, deleter, handle != nullptr);
    if (handle) *handle = h;
    return Status::OK();
  }
  Handle* Lookup(const Slice& key) override {
    return ShardFor(key).Lookup(key);
  }
  bool Release(Handle* handle, bool erase_if_last_ref) override {
    auto* e = static_cast<LruCacheEntry*>(handle);
    return ShardFor(e->key).Release(handle, erase_if_last_ref);
  }
  void* Value(Handle* handle) override {
    return static_cast<LruCacheEntry*>(handle)->value;
  }
  void Erase(const Slice& key) override { ShardFor(key).Erase(key); }
  uint64_t NewId() override { return next_id_.fetch_add(1) + 1; }
  void SetCapacity(size_t capacity) override {
    capacity_ = capacity;
    const size_t per = (capacity + shards_.size() - 1) / shards_.size();
    for (auto& s : shards_) s.SetCapacity(per);
  }
  size_t GetCapacity() const override { return capacity_; }
  size_t GetUsage() const override {
    size_t u = 0;
    for (const auto& s : shards_) u += s.Usage();
    return u;
  }
  size_t GetPinnedUsage() const override {
    size_t u = 0;
    for (const auto& s : shards_) u += s.PinnedUsage();
    return u;
  }

 private:
  LruCacheShard& ShardFor(const Slice& key) {
    if (shard_bits_ == 0) return shards_[0];
    const uint64_t h = xxhash::XXH3_64bits(key.data(), key.size());
    return shards_[h >> (64 - shard_bits_)];
  }

  const int shard_bits_;
  std::vector<LruCacheShard> shards_;
  std::atomic<size_t> capacity_{0};
  std::atomic<uint64_t> next_id_{0};
};

int LruCacheDefaultShardBits(size_t capacity) {
  int bits = 0;
  size_t per_shard = capacity / (512 * 1024);
  while (per_shard >>= 1) {
    if (++bits >= 6) break;
  }
  return bits;
}

}  // namespace

std::shared_ptr<Cache> NewLRUCache(size_t capacity, int num_shard_bits,
                                   bool /*strict_capacity_limit*/,
                                   double /*high_pri_pool_ratio*/) {
  if (num_shard_bits >= 20) return nullptr;  // RocksDB's limit
  if (num_shard_bits < 0) num_shard_bits = LruCacheDefaultShardBits(capacity);
  return std::make_shared<ShardedLruCache>(capacity, num_shard_bits);
}

std::shared_ptr<Cache> NewLRUCache(const LRUCacheOptions& options) {
  return NewLRUCache(options.capacity, options.num_shard_bits,
                     options.strict_capacity_limit,
                     options.high_pri_pool_ratio);
}

}  // namespace ROCKSDB_NAMESPACE
