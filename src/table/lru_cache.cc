// Sharded LRU cache behind NewLRUCache; contract in rocksdb/cache.h.
// Each shard: an intrusive chained hash table from key to entry and an
// intrusive LRU list of unpinned entries. Pinned entries (refs > 1,
// counting the cache's own reference) are not on the list and cannot be
// evicted. An entry is one allocation holding its key bytes; the key's
// hash is computed once per call and kept in the entry (it picks the
// shard and the bucket), so a lookup allocates nothing and a release does
// not hash again.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "port/mutex.h"
#include "rocksdb/cache.h"
#include "util/xxhash.h"

namespace ROCKSDB_NAMESPACE {

namespace {

struct LruCacheEntry : Cache::Handle {
  void* value;
  Cache::DeleterFn deleter;
  LruCacheEntry* next_hash;  // bucket chain
  LruCacheEntry* prev;       // LRU list links (unpinned entries only)
  LruCacheEntry* next;
  size_t charge;
  size_t key_length;
  uint64_t hash;
  uint32_t refs;  // the cache holds one while in_cache
  bool in_cache;
  char key_data[1];  // key_length bytes

  Slice key() const { return Slice(key_data, key_length); }
};

LruCacheEntry* NewLruCacheEntry(const Slice& key, uint64_t hash) {
  void* mem = std::malloc(sizeof(LruCacheEntry) - 1 + key.size());
  auto* e = static_cast<LruCacheEntry*>(mem);
  e->key_length = key.size();
  e->hash = hash;
  if (!key.empty()) std::memcpy(e->key_data, key.data(), key.size());
  return e;
}

// Chained hash table of entries keyed by (hash, key bytes); grows so that
// chains stay about one entry long.
class LruHandleTable {
 public:
  LruHandleTable() { Resize(); }
  ~LruHandleTable() { delete[] buckets_; }
  LruHandleTable(const LruHandleTable&) = delete;
  LruHandleTable& operator=(const LruHandleTable&) = delete;

  LruCacheEntry* Lookup(const Slice& key, uint64_t hash) {
    return *FindPointer(key, hash);
  }

  // Inserts e; returns the entry with the same key it replaced, if any.
  LruCacheEntry* Insert(LruCacheEntry* e) {
    LruCacheEntry** ptr = FindPointer(e->key(), e->hash);
    LruCacheEntry* old = *ptr;
    e->next_hash = old == nullptr ? nullptr : old->next_hash;
    *ptr = e;
    if (old == nullptr && ++elems_ > length_) Resize();
    return old;
  }

  LruCacheEntry* Remove(const Slice& key, uint64_t hash) {
    LruCacheEntry** ptr = FindPointer(key, hash);
    LruCacheEntry* result = *ptr;
    if (result != nullptr) {
      *ptr = result->next_hash;
      --elems_;
    }
    return result;
  }

  template <typename Fn>
  void ForEach(Fn fn) const {
    for (uint32_t i = 0; i < length_; i++) {
      for (LruCacheEntry* e = buckets_[i]; e != nullptr;) {
        LruCacheEntry* next = e->next_hash;  // fn may free e
        fn(e);
        e = next;
      }
    }
  }

 private:
  // The slot pointing at the entry for key, or at the chain's null end.
  LruCacheEntry** FindPointer(const Slice& key, uint64_t hash) {
    LruCacheEntry** ptr =
        &buckets_[static_cast<uint32_t>(hash) & (length_ - 1)];
    while (*ptr != nullptr &&
           ((*ptr)->hash != hash || (*ptr)->key_length != key.size() ||
            std::memcmp((*ptr)->key_data, key.data(), key.size()) != 0)) {
      ptr = &(*ptr)->next_hash;
    }
    return ptr;
  }

  void Resize() {
    uint32_t new_length = 16;
    while (new_length < elems_) new_length *= 2;
    auto* fresh = new LruCacheEntry*[new_length]();
    for (uint32_t i = 0; i < length_; i++) {
      LruCacheEntry* e = buckets_[i];
      while (e != nullptr) {
        LruCacheEntry* next = e->next_hash;
        LruCacheEntry** slot =
            &fresh[static_cast<uint32_t>(e->hash) & (new_length - 1)];
        e->next_hash = *slot;
        *slot = e;
        e = next;
      }
    }
    delete[] buckets_;
    buckets_ = fresh;
    length_ = new_length;
  }

  uint32_t length_ = 0;
  uint32_t elems_ = 0;
  LruCacheEntry** buckets_ = nullptr;
};

class LruCacheShard {
 public:
  LruCacheShard() {
    lru_.next = &lru_;
    lru_.prev = &lru_;
  }
  ~LruCacheShard() {
    table_.ForEach([](LruCacheEntry* e) {
      e->in_cache = false;
      if (--e->refs == 0) Free(e);
    });
  }

  void SetCapacity(size_t c) {
    std::vector<LruCacheEntry*> freed;
    {
      port::MutexLock l(&mu_);
      capacity_ = c;
      EvictLocked(&freed);
    }
    for (auto* e : freed) Free(e);
  }

  Cache::Handle* Insert(const Slice& key, uint64_t hash, void* value,
                        size_t charge, Cache::DeleterFn deleter, bool pin) {
    LruCacheEntry* e = NewLruCacheEntry(key, hash);
    e->value = value;
    e->charge = charge;
    e->deleter = deleter;
    e->refs = pin ? 2 : 1;
    e->in_cache = true;
    e->next = e->prev = nullptr;
    // Usually nothing or one block is evicted per insert.
    LruCacheEntry* freed_inline[4];
    size_t n_freed = 0;
    std::vector<LruCacheEntry*> freed_more;
    {
      port::MutexLock l(&mu_);
      LruCacheEntry* old = table_.Insert(e);
      if (old != nullptr) {
        old->in_cache = false;
        if (old->refs == 1) ListRemove(old);
        usage_ -= old->charge;
        if (--old->refs == 0) freed_inline[n_freed++] = old;
      }
      usage_ += charge;
      if (!pin) ListAppend(e);
      while (usage_ > capacity_ && lru_.next != &lru_) {
        LruCacheEntry* victim = EvictOldestLocked();
        if (n_freed < 4) {
          freed_inline[n_freed++] = victim;
        } else {
          freed_more.push_back(victim);
        }
      }
    }
    for (size_t i = 0; i < n_freed; i++) Free(freed_inline[i]);
    for (auto* f : freed_more) Free(f);
    return pin ? e : nullptr;
  }

  Cache::Handle* Lookup(const Slice& key, uint64_t hash) {
    port::MutexLock l(&mu_);
    LruCacheEntry* e = table_.Lookup(key, hash);
    if (e == nullptr) return nullptr;
    if (e->refs == 1) ListRemove(e);
    e->refs++;
    return e;
  }

  bool Release(Cache::Handle* h, bool erase_if_last_ref) {
    auto* e = static_cast<LruCacheEntry*>(h);
    bool free_it = false;
    std::vector<LruCacheEntry*> freed;
    {
      port::MutexLock l(&mu_);
      e->refs--;
      if (e->refs == 0) {
        free_it = true;  // already out of the cache
      } else if (e->refs == 1 && e->in_cache) {
        if (erase_if_last_ref || usage_ > capacity_) {
          table_.Remove(e->key(), e->hash);
          e->in_cache = false;
          usage_ -= e->charge;
          e->refs = 0;
          free_it = true;
        } else {
          ListAppend(e);
        }
      }
      if (usage_ > capacity_) EvictLocked(&freed);
    }
    for (auto* f : freed) Free(f);
    if (free_it) Free(e);
    return free_it;
  }

  void Erase(const Slice& key, uint64_t hash) {
    LruCacheEntry* freed = nullptr;
    {
      port::MutexLock l(&mu_);
      LruCacheEntry* e = table_.Remove(key, hash);
      if (e == nullptr) return;
      e->in_cache = false;
      usage_ -= e->charge;
      if (e->refs == 1) ListRemove(e);
      if (--e->refs == 0) freed = e;
    }
    if (freed) Free(freed);
  }

  size_t Usage() const {
    port::MutexLock l(&mu_);
    return usage_;
  }
  size_t PinnedUsage() const {
    port::MutexLock l(&mu_);
    size_t unpinned = 0;
    for (auto* e = lru_.next; e != &lru_; e = e->next) unpinned += e->charge;
    return usage_ - unpinned;
  }

 private:
  static void Free(LruCacheEntry* e) {
    if (e->deleter) e->deleter(e->key(), e->value);
    std::free(e);
  }
  void ListRemove(LruCacheEntry* e) {
    e->next->prev = e->prev;
    e->prev->next = e->next;
    e->next = e->prev = nullptr;
  }
  void ListAppend(LruCacheEntry* e) SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    e->next = &lru_;
    e->prev = lru_.prev;
    e->prev->next = e;
    e->next->prev = e;
  }
  // REQUIRES: the LRU list is not empty.
  LruCacheEntry* EvictOldestLocked() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    LruCacheEntry* old = lru_.next;
    ListRemove(old);
    table_.Remove(old->key(), old->hash);
    old->in_cache = false;
    usage_ -= old->charge;
    old->refs = 0;
    return old;
  }
  void EvictLocked(std::vector<LruCacheEntry*>* freed)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    while (usage_ > capacity_ && lru_.next != &lru_) {
      freed->push_back(EvictOldestLocked());
    }
  }

  mutable port::Mutex mu_;
  size_t capacity_ SKYROCKS_GUARDED_BY(mu_) = 0;
  size_t usage_ SKYROCKS_GUARDED_BY(mu_) = 0;
  LruHandleTable table_ SKYROCKS_GUARDED_BY(mu_);
  // list head: lru_.next is the oldest
  LruCacheEntry lru_ SKYROCKS_GUARDED_BY(mu_);
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
    const uint64_t h = HashKey(key);
    Handle* r =
        ShardFor(h).Insert(key, h, value, charge, deleter, handle != nullptr);
    if (handle) *handle = r;
    return Status::OK();
  }
  Handle* Lookup(const Slice& key) override {
    const uint64_t h = HashKey(key);
    return ShardFor(h).Lookup(key, h);
  }
  bool Release(Handle* handle, bool erase_if_last_ref) override {
    auto* e = static_cast<LruCacheEntry*>(handle);
    return ShardFor(e->hash).Release(handle, erase_if_last_ref);
  }
  void* Value(Handle* handle) override {
    return static_cast<LruCacheEntry*>(handle)->value;
  }
  void Erase(const Slice& key) override {
    const uint64_t h = HashKey(key);
    ShardFor(h).Erase(key, h);
  }
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
  static uint64_t HashKey(const Slice& key) {
    return xxhash::XXH3_64bits(key.data(), key.size());
  }
  // The top bits pick the shard; the shard's table uses the low bits.
  LruCacheShard& ShardFor(uint64_t hash) {
    if (shard_bits_ == 0) return shards_[0];
    return shards_[hash >> (64 - shard_bits_)];
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
