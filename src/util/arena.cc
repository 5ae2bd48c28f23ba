// Arena; contract in util/arena.h.
#include "util/arena.h"

#include <sys/mman.h>

#include <cstdint>

namespace ROCKSDB_NAMESPACE {

Arena::~Arena() {
  for (const Block& b : blocks_) {
    if (b.mapped_bytes == 0) {
      delete[] b.data;
    } else {
      munmap(b.data, b.mapped_bytes);
    }
  }
}

char* Arena::Allocate(size_t bytes) {
  if (bytes <= alloc_bytes_remaining_) {
    char* result = alloc_ptr_;
    alloc_ptr_ += bytes;
    alloc_bytes_remaining_ -= bytes;
    return result;
  }
  return AllocateFallback(bytes);
}

char* Arena::AllocateAligned(size_t bytes) {
  constexpr size_t kAlign = alignof(std::max_align_t) > sizeof(void*)
                                ? alignof(std::max_align_t)
                                : sizeof(void*);
  const size_t mod = reinterpret_cast<uintptr_t>(alloc_ptr_) & (kAlign - 1);
  const size_t slop = mod == 0 ? 0 : kAlign - mod;
  const size_t needed = bytes + slop;
  if (needed <= alloc_bytes_remaining_) {
    char* result = alloc_ptr_ + slop;
    alloc_ptr_ += needed;
    alloc_bytes_remaining_ -= needed;
    return result;
  }
  // New blocks come from operator new[], which is max_align_t aligned.
  return AllocateFallback(bytes);
}

char* Arena::AllocateFallback(size_t bytes) {
  if (bytes > block_size_ / 4) {
    // Large objects get their own block so the current one is not wasted.
    return AllocateNewBlock(bytes);
  }
  alloc_ptr_ = AllocateNewBlock(block_size_);
  alloc_bytes_remaining_ = block_size_;
  char* result = alloc_ptr_;
  alloc_ptr_ += bytes;
  alloc_bytes_remaining_ -= bytes;
  return result;
}

char* Arena::MapHugeBlock(size_t bytes, size_t* mapped_bytes) {
  const size_t len = (bytes + kHugePageSize - 1) & ~(kHugePageSize - 1);
  // Over-map by one huge page, then trim to an aligned range.
  const size_t over = len + kHugePageSize;
  void* m = mmap(nullptr, over, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return nullptr;
  char* const raw = static_cast<char*>(m);
  const uintptr_t addr = reinterpret_cast<uintptr_t>(raw);
  char* const start =
      raw + (((addr + kHugePageSize - 1) & ~(kHugePageSize - 1)) - addr);
  if (start > raw) munmap(raw, static_cast<size_t>(start - raw));
  char* const end = start + len;
  if (end < raw + over) munmap(end, static_cast<size_t>(raw + over - end));
  // Only a hint: without huge pages the block still works.
  madvise(start, len, MADV_HUGEPAGE);
  *mapped_bytes = len;
  return start;
}

char* Arena::AllocateNewBlock(size_t block_bytes) {
  Block b{nullptr, 0};
  if (block_bytes >= kHugePageSize)
    b.data = MapHugeBlock(block_bytes, &b.mapped_bytes);
  if (b.data == nullptr) b.data = new char[block_bytes];
  blocks_.push_back(b);
  memory_usage_.fetch_add(
      (b.mapped_bytes == 0 ? block_bytes : b.mapped_bytes) + sizeof(Block),
      std::memory_order_relaxed);
  return b.data;
}

}  // namespace ROCKSDB_NAMESPACE
