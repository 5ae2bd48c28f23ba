// Tail prefetch and iterator readahead; contracts in table/readahead.h.
#include "table/readahead.h"

#include <algorithm>
#include <cstring>

namespace ROCKSDB_NAMESPACE {

Status PrefetchBuffer::Fill(const FSRandomAccessFile* file,
                            const std::string& fname, uint64_t file_size,
                            uint64_t offset, uint64_t n) {
  if (offset > file_size) offset = file_size;
  n = std::min(n, file_size - offset);
  offset_ = offset;
  data_.resize(static_cast<size_t>(n));
  fills_++;
  if (n == 0) return Status::OK();
  Slice got;
  IOStatus io = file->Read(offset, static_cast<size_t>(n), IOOptions(), &got,
                           &data_[0], nullptr);
  if (!io.ok()) {
    data_.clear();
    return std::move(io);
  }
  if (got.size() != n) {
    data_.clear();
    return Status::Corruption(fname, "short read of " + std::to_string(n) +
                                         " bytes at offset " +
                                         std::to_string(offset) + " (got " +
                                         std::to_string(got.size()) + ")");
  }
  if (got.data() != data_.data()) std::memmove(&data_[0], got.data(), got.size());
  return Status::OK();
}

ReadaheadOptions ScanReadahead(uint64_t readahead_size) {
  if (readahead_size == 0) return kScanReadahead;
  return ReadaheadOptions{readahead_size, readahead_size};
}

Status BlockReadahead::Prepare(const FSRandomAccessFile* file,
                               const std::string& fname, uint64_t file_size,
                               uint64_t limit, uint64_t offset, uint64_t n,
                               const PrefetchBuffer** from) {
  *from = nullptr;
  const bool forward = offset == next_;
  next_ = offset + n;
  if (buffer_.Covers(offset, n)) {
    *from = &buffer_;
    return Status::OK();
  }
  if (options_.initial == 0) return Status::OK();
  const bool fixed = options_.initial >= options_.max;
  if (!fixed && !forward) {
    next_size_ = options_.initial;  // a jump: start small again
    return Status::OK();
  }
  const uint64_t end =
      std::max(offset + n, std::min(limit, offset + next_size_));
  if (!fixed) next_size_ = std::min(next_size_ * 2, options_.max);
  Status s = buffer_.Fill(file, fname, file_size, offset, end - offset);
  if (s.ok()) *from = &buffer_;
  return s;
}

}  // namespace ROCKSDB_NAMESPACE
