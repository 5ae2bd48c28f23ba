// MemTableBloom: the Bloom filter of one memtable over its keys' prefixes
// (and whole keys with memtable_whole_key_filtering), RocksDB's
// memtable_prefix_bloom_size_ratio: 64-byte lines, six probes in one line
// per key (RocksDB's DynamicBloom shape; the bits never leave memory, so
// only the false-positive rate matters). Add is called by the memtable's
// single writer before it publishes the entry; MayContain by any reader
// (bits are atomic words: a reader that sees the entry sees its bits).
#ifndef SKYROCKS_DB_MEMTABLE_BLOOM_H_
#define SKYROCKS_DB_MEMTABLE_BLOOM_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "rocksdb/slice.h"
#include "table/filter_block.h"

namespace ROCKSDB_NAMESPACE {

class MemTableBloom {
 public:
  // total_bits is rounded up to whole 512-bit lines (at least one).
  explicit MemTableBloom(uint64_t total_bits)
      : num_lines_(static_cast<uint32_t>(
            total_bits / kLineBits + (total_bits % kLineBits != 0 ? 1 : 0))) {
    if (num_lines_ == 0) num_lines_ = 1;
    words_.reset(new std::atomic<uint64_t>[size_t{num_lines_} * kLineWords]);
    for (size_t i = 0; i < size_t{num_lines_} * kLineWords; i++) {
      words_[i].store(0, std::memory_order_relaxed);
    }
  }
  MemTableBloom(const MemTableBloom&) = delete;
  MemTableBloom& operator=(const MemTableBloom&) = delete;

  void Add(const Slice& key) {
    Probe(key, [](std::atomic<uint64_t>& w, uint64_t mask) {
      if ((w.load(std::memory_order_relaxed) & mask) == 0) {
        w.fetch_or(mask, std::memory_order_relaxed);
      }
      return true;
    });
  }
  // False only if key was certainly never added.
  bool MayContain(const Slice& key) const {
    return Probe(key, [](std::atomic<uint64_t>& w, uint64_t mask) {
      return (w.load(std::memory_order_relaxed) & mask) != 0;
    });
  }
  size_t ApproximateMemoryUsage() const {
    return size_t{num_lines_} * kLineWords * sizeof(uint64_t);
  }

 private:
  static constexpr uint32_t kLineBits = 512;
  static constexpr uint32_t kLineWords = kLineBits / 64;
  static constexpr int kNumProbes = 6;

  // Calls fn(word, mask) for each probe until it returns false.
  template <typename Fn>
  bool Probe(const Slice& key, Fn&& fn) const {
    const uint64_t h = FilterKeyHash(key);
    const uint32_t line = static_cast<uint32_t>(
        (uint64_t{static_cast<uint32_t>(h)} * num_lines_) >> 32);
    std::atomic<uint64_t>* base = &words_[size_t{line} * kLineWords];
    uint32_t h2 = static_cast<uint32_t>(h >> 32);
    for (int i = 0; i < kNumProbes; i++, h2 *= 0x9e3779b9u) {
      const uint32_t bit = h2 >> (32 - 9);  // 0..511
      if (!fn(base[bit >> 6], uint64_t{1} << (bit & 63))) return false;
    }
    return true;
  }

  uint32_t num_lines_;
  std::unique_ptr<std::atomic<uint64_t>[]> words_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_MEMTABLE_BLOOM_H_
