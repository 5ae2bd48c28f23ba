// Block decoding and iteration; contracts in table/block.h and
// table/block_iter.h.
#include "table/block.h"

#include <cstring>
#include <vector>

#include "port/port.h"
#include "table/block_iter.h"
#include "table/format.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Bit 31 of the block footer marks a data-block hash index (ignored: the
// binary search over restarts is always correct).
constexpr uint32_t kBlockFooterHashIndexBit = 1u << 31;

// Decodes an entry header at p. Returns a pointer to the key delta, or
// nullptr if the header or the entry does not fit before limit.
const char* DecodeBlockEntry(const char* p, const char* limit,
                             bool has_value_length, uint32_t* shared,
                             uint32_t* non_shared, uint32_t* value_length) {
  if ((p = GetVarint32Ptr(p, limit, shared)) == nullptr) return nullptr;
  if ((p = GetVarint32Ptr(p, limit, non_shared)) == nullptr) return nullptr;
  if (has_value_length) {
    if ((p = GetVarint32Ptr(p, limit, value_length)) == nullptr) {
      return nullptr;
    }
    if (static_cast<uint64_t>(limit - p) <
        uint64_t{*non_shared} + *value_length) {
      return nullptr;
    }
  } else {
    *value_length = 0;
    if (static_cast<uint64_t>(limit - p) < *non_shared) return nullptr;
  }
  return p;
}

}  // namespace

Block::Block(BlockContents contents, std::string describe)
    : data_(std::move(contents)), describe_(std::move(describe)) {
  ParseFooter();
}

Block::Block(BlockContents contents, std::shared_ptr<const std::string> fname,
             uint64_t offset)
    : data_(std::move(contents)), fname_(std::move(fname)), offset_(offset) {
  ParseFooter();
}

std::string Block::Describe() const {
  if (fname_ == nullptr) return describe_;
  return *fname_ + " data block at offset " + std::to_string(offset_);
}

void Block::ParseFooter() {
  if (data_.size() < sizeof(uint32_t)) {
    malformed_ = true;
    return;
  }
  const uint32_t footer = DecodeFixed32(data_.data() + data_.size() - 4);
  num_restarts_ = footer & ~kBlockFooterHashIndexBit;
  const uint64_t max_restarts = (data_.size() - 4) / sizeof(uint32_t);
  if (num_restarts_ == 0 || num_restarts_ > max_restarts) {
    malformed_ = true;
    num_restarts_ = 0;
    return;
  }
  uint64_t restart_end = data_.size() - 4;
  if (footer & kBlockFooterHashIndexBit) {
    // u8 buckets[num_buckets] + u16 num_buckets precede the footer.
    if (restart_end < 2) {
      malformed_ = true;
      num_restarts_ = 0;
      return;
    }
    const uint16_t buckets = DecodeFixed16(data_.data() + restart_end - 2);
    if (uint64_t{buckets} + 2 > restart_end) {
      malformed_ = true;
      num_restarts_ = 0;
      return;
    }
    restart_end -= uint64_t{buckets} + 2;
    if (uint64_t{num_restarts_} * 4 > restart_end) {
      malformed_ = true;
      num_restarts_ = 0;
      return;
    }
  }
  restart_offset_ =
      static_cast<uint32_t>(restart_end - uint64_t{num_restarts_} * 4);
  // Restart points must lie in the entry area, in order: one past it would
  // otherwise end a seek early with status OK (a key silently missing).
  uint32_t prev = 0;
  for (uint32_t i = 0; i < num_restarts_; i++) {
    const uint32_t r = DecodeFixed32(data_.data() + restart_offset_ + 4 * i);
    if (r > restart_offset_ || r < prev) {
      malformed_ = true;
      num_restarts_ = 0;
      restart_offset_ = 0;
      return;
    }
    prev = r;
  }
}

BlockIter::BlockIter(const Block* block, const Comparator* cmp,
                     bool value_delta_encoded)
    : block_(block),
      cmp_(cmp),
      order_(cmp == BytewiseComparator() ? KeyOrder::kBytewise
                                         : KeyOrder::kGeneric),
      data_(block->data_.data()),
      restarts_(block->restart_offset_),
      num_restarts_(block->num_restarts_),
      delta_encoded_(value_delta_encoded),
      current_(restarts_),
      next_(restarts_),
      restart_index_(num_restarts_) {
  if (block->malformed_) {
    status_ = Status::Corruption(block->Describe(),
                                 "bad block contents (restart array)");
  }
}

BlockIter::BlockIter(const Block* block, const InternalKeyComparator* icmp,
                     bool value_delta_encoded)
    : BlockIter(block, static_cast<const Comparator*>(icmp),
                value_delta_encoded) {
  if (icmp->bytewise()) order_ = KeyOrder::kBytewiseInternal;
  min_key_size_ = kInternalKeyTrailerSize;
}

void BlockIter::Prev() {
  if (!Valid()) return;  // RestartPoint(restart_index_) needs an entry
  const uint32_t original = current_;
  while (RestartPoint(restart_index_) >= original) {
    if (restart_index_ == 0) {
      current_ = next_ = restarts_;
      restart_index_ = num_restarts_;
      return;
    }
    restart_index_--;
  }
  SeekToRestartPoint(restart_index_);
  do {
    if (!ParseNextEntry()) return;
  } while (next_ < original);
}

void BlockIter::Seek(const Slice& target) {
  if (!status_.ok()) return;
  uint32_t index = 0;
  if (!BinarySearchRestarts(target, &index)) return;
  SeekToRestartPoint(index);
  while (ParseNextEntry()) {
    if (CompareKeys(key_, target) >= 0) return;
  }
}

void BlockIter::SeekForPrev(const Slice& target) {
  Seek(target);
  if (!status_.ok()) return;
  if (!Valid()) {
    SeekToLast();
  } else {
    while (Valid() && CompareKeys(key_, target) > 0) Prev();
  }
}

void BlockIter::SeekToFirst() {
  if (!status_.ok()) return;
  SeekToRestartPoint(0);
  ParseNextEntry();
}

void BlockIter::SeekToLast() {
  if (!status_.ok()) return;
  SeekToRestartPoint(num_restarts_ - 1);
  while (ParseNextEntry() && next_ < restarts_) {
  }
}

uint32_t BlockIter::RestartPoint(uint32_t index) const {
  return DecodeFixed32(data_ + restarts_ + index * sizeof(uint32_t));
}

void BlockIter::SeekToRestartPoint(uint32_t index) {
  key_.clear();
  restart_index_ = index;
  next_ = RestartPoint(index);
  prev_handle_valid_ = false;
}

void BlockIter::MarkCorrupt(const std::string& what) {
  current_ = next_ = restarts_;
  restart_index_ = num_restarts_;
  status_ = Status::Corruption(block_->Describe(), what);
  key_.clear();
  value_.clear();
}

void BlockIter::MarkShortKey(uint32_t entry_offset, uint32_t key_size) {
  MarkCorrupt("internal key of " + std::to_string(key_size) +
              " bytes (shorter than its 8-byte trailer) at block offset " +
              std::to_string(entry_offset));
}

// Finds the last restart point whose key < target (or 0).
bool BlockIter::BinarySearchRestarts(const Slice& target, uint32_t* index) {
  uint32_t left = 0;
  uint32_t right = num_restarts_ - 1;
  while (left < right) {
    const uint32_t mid = (left + right + 1) / 2;
    const uint32_t region_offset = RestartPoint(mid);
    uint32_t shared = 0, non_shared = 0, value_length = 0;
    const char* key_ptr =
        region_offset >= restarts_
            ? nullptr
            : DecodeBlockEntry(data_ + region_offset, data_ + restarts_,
                               !delta_encoded_, &shared, &non_shared,
                               &value_length);
    if (key_ptr == nullptr || shared != 0) {
      MarkCorrupt("bad entry at restart point " + std::to_string(mid));
      return false;
    }
    if (non_shared < min_key_size_) {
      MarkShortKey(region_offset, non_shared);
      return false;
    }
    if (CompareKeys(Slice(key_ptr, non_shared), target) < 0) {
      left = mid;
    } else {
      right = mid - 1;
    }
  }
  *index = left;
  return true;
}

void BlockIter::SetKey(uint32_t shared, const char* delta,
                       uint32_t non_shared) {
  if (shared == 0) {
    key_ = Slice(delta, non_shared);  // the block holds the whole key
    return;
  }
  const size_t n = size_t{shared} + non_shared;
  char* buf = inline_key_;
  std::unique_ptr<char[]> old;  // key_ may point into it
  if (n > kInlineKey) {
    if (n > heap_key_size_) {
      old = std::move(heap_key_);
      heap_key_.reset(new char[n * 2]);
      heap_key_size_ = n * 2;
    }
    buf = heap_key_.get();
  }
  if (key_.data() != buf) std::memmove(buf, key_.data(), shared);
  std::memcpy(buf + shared, delta, non_shared);
  key_ = Slice(buf, n);
}

bool BlockIter::ParseNextEntry() {
  current_ = next_;
  if (current_ >= restarts_) {
    current_ = next_ = restarts_;
    restart_index_ = num_restarts_;
    return false;
  }
  const char* p = data_ + current_;
  const char* limit = data_ + restarts_;
  uint32_t shared = 0, non_shared = 0, value_length = 0;
  p = DecodeBlockEntry(p, limit, !delta_encoded_, &shared, &non_shared,
                       &value_length);
  if (p == nullptr || key_.size() < shared) {
    MarkCorrupt("bad entry at block offset " + std::to_string(current_));
    return false;
  }
  if (SKYROCKS_UNLIKELY(uint64_t{shared} + non_shared < min_key_size_)) {
    MarkShortKey(current_, shared + non_shared);
    return false;
  }
  SetKey(shared, p, non_shared);
  p += non_shared;
  while (restart_index_ + 1 < num_restarts_ &&
         RestartPoint(restart_index_ + 1) <= current_) {
    ++restart_index_;
  }
  if (!delta_encoded_) {
    value_ = Slice(p, value_length);
    next_ = static_cast<uint32_t>((p + value_length) - data_);
    return true;
  }
  return DecodeDeltaValue(p, limit, shared == 0);
}

// Index values with delta encoding: a full handle at restart points
// (where shared == 0), otherwise varsigned64(size - previous size).
bool BlockIter::DecodeDeltaValue(const char* p, const char* limit,
                                 bool at_restart) {
  Slice in(p, static_cast<size_t>(limit - p));
  uint64_t offset = 0, size = 0;
  if (at_restart) {
    if (!GetVarint64(&in, &offset) || !GetVarint64(&in, &size)) {
      MarkCorrupt("bad index handle at offset " + std::to_string(current_));
      return false;
    }
  } else {
    int64_t delta = 0;
    if (!prev_handle_valid_ || !GetVarsignedint64(&in, &delta)) {
      MarkCorrupt("bad index delta at offset " + std::to_string(current_));
      return false;
    }
    offset = prev_offset_ + prev_size_ + kBlockTrailerSize;
    size = static_cast<uint64_t>(static_cast<int64_t>(prev_size_) + delta);
  }
  next_ = static_cast<uint32_t>(in.data() - data_);
  prev_offset_ = offset;
  prev_size_ = size;
  prev_handle_valid_ = true;
  value_buf_.clear();
  BlockHandle(offset, size).EncodeTo(&value_buf_);
  value_ = value_buf_;
  return true;
}

InternalIterator* Block::NewIterator(const Comparator* cmp) const {
  return new BlockIter(this, cmp, false);
}

InternalIterator* Block::NewIterator(const InternalKeyComparator* icmp) const {
  return new BlockIter(this, icmp, false);
}

InternalIterator* Block::NewIndexIterator(const Comparator* cmp,
                                          bool value_delta_encoded) const {
  return new BlockIter(this, cmp, value_delta_encoded);
}

InternalIterator* Block::NewIndexIterator(const InternalKeyComparator* icmp,
                                          bool value_delta_encoded) const {
  return new BlockIter(this, icmp, value_delta_encoded);
}

InternalIterator* NewErrorInternalIterator(const Status& s) {
  return new EmptyIteratorWithStatus<InternalIterator>(s);
}

InternalIterator* NewEmptyInternalIterator() {
  return new EmptyIteratorWithStatus<InternalIterator>(Status::OK());
}

}  // namespace ROCKSDB_NAMESPACE
