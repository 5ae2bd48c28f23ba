// BlockIter: the iterator over one Block (table/block.h), exposed so that
// hot paths (a point lookup) can keep one on the stack instead of
// allocating it. Keys are compared without virtual calls when the
// comparator is BytewiseComparator() or an InternalKeyComparator over it.
// A key that shares no prefix with the previous one (every restart point)
// is returned pointing into the block; others are rebuilt in an inline
// buffer (heap only for keys over kInlineKey bytes). Values point into the
// block, or into value_buf_ for delta-decoded index values. The block must
// outlive the iterator; one thread per iterator.
//
// An iterator built over an InternalKeyComparator checks that every key is
// at least the 8-byte internal key trailer (one comparison per entry): a
// shorter one (a corrupt or hostile file, even with valid checksums) ends
// the iteration with Corruption naming the block and the entry's offset, so
// no caller compares or splits a key that cannot hold a trailer.
#ifndef SKYROCKS_TABLE_BLOCK_ITER_H_
#define SKYROCKS_TABLE_BLOCK_ITER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "rocksdb/comparator.h"
#include "table/block.h"
#include "table/dbformat.h"
#include "table/internal_iterator.h"

namespace ROCKSDB_NAMESPACE {

class BlockIter final : public InternalIterator {
 public:
  BlockIter(const Block* block, const Comparator* cmp,
            bool value_delta_encoded);
  BlockIter(const Block* block, const InternalKeyComparator* icmp,
            bool value_delta_encoded);

  bool Valid() const override { return current_ < restarts_ && status_.ok(); }
  Status status() const override { return status_; }
  Slice key() const override { return key_; }
  Slice value() const override { return value_; }

  void Next() override { ParseNextEntry(); }
  void Prev() override;
  void Seek(const Slice& target) override;
  void SeekForPrev(const Slice& target) override;
  void SeekToFirst() override;
  void SeekToLast() override;

 private:
  enum class KeyOrder : uint8_t { kGeneric, kBytewise, kBytewiseInternal };
  static constexpr size_t kInlineKey = 48;

  int CompareKeys(const Slice& a, const Slice& b) const {
    switch (order_) {
      case KeyOrder::kBytewise:
        return a.compare(b);
      case KeyOrder::kBytewiseInternal:
        return CompareBytewiseInternalKeys(a.data(), a.size(), b.data(),
                                           b.size());
      default:
        return cmp_->Compare(a, b);
    }
  }
  uint32_t RestartPoint(uint32_t index) const;
  void SeekToRestartPoint(uint32_t index);
  void MarkCorrupt(const std::string& what);
  void MarkShortKey(uint32_t entry_offset, uint32_t key_size);
  bool BinarySearchRestarts(const Slice& target, uint32_t* index);
  bool ParseNextEntry();
  // key_ = the first `shared` bytes of key_, then delta[0, non_shared).
  void SetKey(uint32_t shared, const char* delta, uint32_t non_shared);
  bool DecodeDeltaValue(const char* p, const char* limit, bool at_restart);

  const Block* block_;
  const Comparator* cmp_;
  KeyOrder order_;
  const char* data_;
  const uint32_t restarts_;
  const uint32_t num_restarts_;
  const bool delta_encoded_;
  uint32_t min_key_size_ = 0;  // kInternalKeyTrailerSize over internal keys
  uint32_t current_;  // offset of the current entry (restarts_ if invalid)
  uint32_t next_;     // offset of the entry after it
  uint32_t restart_index_;
  Slice key_;  // into the block, inline_key_ or heap_key_
  Slice value_;
  Status status_;
  size_t heap_key_size_ = 0;
  std::unique_ptr<char[]> heap_key_;
  std::string value_buf_;
  bool prev_handle_valid_ = false;
  uint64_t prev_offset_ = 0;
  uint64_t prev_size_ = 0;
  char inline_key_[kInlineKey];
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_BLOCK_ITER_H_
