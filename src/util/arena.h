// Arena: a bump allocator for many small objects that die together (a
// memtable's entries and skiplist nodes). Memory comes in blocks of
// block_size bytes (larger requests get a block of their own) and is freed
// only when the Arena is destroyed. Allocate/AllocateAligned are for one
// thread at a time; MemoryUsage may be read from any thread.
//
// Blocks of kHugePageSize bytes or more are mapped on huge-page boundaries
// and the OS is asked to back them with huge pages (a hint): a memtable's
// skiplist search touches nodes all over its 64 MiB, and with 4 KiB pages
// nearly every step missed the TLB too (and each page cost a fault).
#ifndef SKYROCKS_UTIL_ARENA_H_
#define SKYROCKS_UTIL_ARENA_H_

#include <atomic>
#include <cstddef>
#include <vector>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

class Arena {
 public:
  static constexpr size_t kDefaultBlockSize = 4096;
  static constexpr size_t kHugePageSize = size_t{2} << 20;

  explicit Arena(size_t block_size = kDefaultBlockSize)
      : block_size_(block_size < kDefaultBlockSize ? kDefaultBlockSize
                                                   : block_size) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

  // REQUIRES: bytes > 0
  char* Allocate(size_t bytes);
  // Aligned for any fundamental type (pointers, atomics).
  // REQUIRES: bytes > 0
  char* AllocateAligned(size_t bytes);
  // Bytes of every block allocated, plus bookkeeping.
  size_t MemoryUsage() const {
    return memory_usage_.load(std::memory_order_relaxed);
  }

 private:
  struct Block {
    char* data;
    size_t mapped_bytes;  // 0: from operator new[]; else an mmap of this size
  };
  char* AllocateFallback(size_t bytes);
  char* AllocateNewBlock(size_t block_bytes);
  // A huge-page aligned mapping of at least bytes (rounded up to huge
  // pages); null if the mapping failed.
  static char* MapHugeBlock(size_t bytes, size_t* mapped_bytes);

  const size_t block_size_;
  char* alloc_ptr_ = nullptr;
  size_t alloc_bytes_remaining_ = 0;
  std::vector<Block> blocks_;
  std::atomic<size_t> memory_usage_{0};
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_ARENA_H_
