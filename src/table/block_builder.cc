// Block construction; contract in table/block_builder.h.
#include "table/block_builder.h"

#include <algorithm>
#include <cassert>

#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

BlockBuilder::BlockBuilder(int restart_interval, bool value_delta_encoding)
    : restart_interval_(restart_interval),
      value_delta_encoding_(value_delta_encoding) {
  assert(restart_interval_ >= 1);
  restarts_.push_back(0);
}

void BlockBuilder::Reset() {
  buffer_.clear();
  restarts_.clear();
  restarts_.push_back(0);
  counter_ = 0;
  entries_ = 0;
  finished_ = false;
  last_key_.clear();
}

size_t BlockBuilder::EstimateSizeAfterKV(const Slice& key,
                                         const Slice& value) const {
  size_t estimate = CurrentSizeEstimate() + key.size() + value.size();
  if (counter_ >= restart_interval_) estimate += sizeof(uint32_t);
  estimate += sizeof(int32_t) * 3;  // varints for shared/unshared/value len
  return estimate;
}

void BlockBuilder::Add(const Slice& key, const Slice& value,
                       const Slice* delta_value) {
  assert(!finished_);
  size_t shared = 0;
  if (counter_ >= restart_interval_) {
    restarts_.push_back(static_cast<uint32_t>(buffer_.size()));
    counter_ = 0;
  }
  const bool at_restart = counter_ == 0;
  if (!at_restart) {
    shared = Slice(last_key_).difference_offset(key);
  }
  const size_t non_shared = key.size() - shared;
  // As RocksDB: the delta form is used only when the key shares bytes, so
  // readers can tell the two forms apart by shared == 0.
  const Slice v =
      (value_delta_encoding_ && shared != 0 && delta_value != nullptr)
          ? *delta_value
          : value;
  PutVarint32(&buffer_, static_cast<uint32_t>(shared));
  PutVarint32(&buffer_, static_cast<uint32_t>(non_shared));
  if (!value_delta_encoding_) {
    PutVarint32(&buffer_, static_cast<uint32_t>(v.size()));
  }
  buffer_.append(key.data() + shared, non_shared);
  buffer_.append(v.data(), v.size());
  last_key_.assign(key.data(), key.size());
  counter_++;
  entries_++;
}

Slice BlockBuilder::Finish() {
  for (uint32_t r : restarts_) PutFixed32(&buffer_, r);
  PutFixed32(&buffer_, static_cast<uint32_t>(restarts_.size()));
  finished_ = true;
  return Slice(buffer_);
}

}  // namespace ROCKSDB_NAMESPACE
