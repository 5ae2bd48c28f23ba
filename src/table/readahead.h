// Reading an SST in few, large requests: on an object store every read is
// a ranged GET with its own latency and price, so the table reader reads
// bytes ahead of the blocks that need them.
//   PrefetchBuffer  one range of a file read with one request; blocks
//                   inside it are decoded from memory. TableReader::Open
//                   reads the file's tail (footer, metaindex, properties,
//                   index, filter) into one.
//   BlockReadahead  the readahead of one table iterator (a scan or a
//                   compaction input): a block-cache miss that continues
//                   the iterator's forward walk reads the next `size`
//                   bytes of data blocks in one request, the size doubling
//                   from ReadaheadOptions::initial to ::max; a jump
//                   elsewhere reads only its block and starts over.
// Neither is thread-safe: each belongs to one open or one iterator.
#ifndef SKYROCKS_TABLE_READAHEAD_H_
#define SKYROCKS_TABLE_READAHEAD_H_

#include <cstdint>
#include <string>

#include "rocksdb/file_system.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class PrefetchBuffer {
 public:
  // Replaces the buffer with [offset, offset + n) of fname (clipped to
  // file_size) read with one Read. Corruption when the file is shorter.
  Status Fill(const FSRandomAccessFile* file, const std::string& fname,
              uint64_t file_size, uint64_t offset, uint64_t n);
  bool Covers(uint64_t offset, uint64_t n) const {
    return offset >= offset_ && offset - offset_ <= data_.size() &&
           n <= data_.size() - (offset - offset_);
  }
  // REQUIRES: Covers(offset, n).
  Slice Bytes(uint64_t offset, uint64_t n) const {
    return Slice(data_.data() + (offset - offset_), static_cast<size_t>(n));
  }
  uint64_t offset() const { return offset_; }
  uint64_t size() const { return data_.size(); }
  // Requests Fill made (tests).
  uint64_t fills() const { return fills_; }

 private:
  uint64_t offset_ = 0;
  std::string data_;
  uint64_t fills_ = 0;
};

// initial == 0: no readahead. initial == max: every miss reads max bytes,
// the first one too (a compaction input, ReadOptions::readahead_size).
struct ReadaheadOptions {
  uint64_t initial = 0;
  uint64_t max = 0;
};

// Compaction inputs are read whole, max bytes at a time (the goal
// is at most one GET per 4 MiB of input); a user scan's readahead starts
// at its second consecutive block read and grows to 2 MiB, so a short
// scan fetches little and a long one needs size / 2 MiB requests plus a
// handful, holding at most 2 MiB per table it walks.
constexpr ReadaheadOptions kCompactionReadahead{4u << 20, 4u << 20};
constexpr ReadaheadOptions kScanReadahead{64u << 10, 2u << 20};
// The iterator readahead for ReadOptions::readahead_size (0: kScanReadahead).
ReadaheadOptions ScanReadahead(uint64_t readahead_size);

class BlockReadahead {
 public:
  explicit BlockReadahead(ReadaheadOptions options)
      : options_(options), next_size_(options.initial) {}

  // The block at [offset, offset + n) missed the block cache. Returns the
  // buffer to decode it from (filled now when needed, never past
  // `limit`, the end of the data blocks), or null: read it alone.
  Status Prepare(const FSRandomAccessFile* file, const std::string& fname,
                 uint64_t file_size, uint64_t limit, uint64_t offset,
                 uint64_t n, const PrefetchBuffer** from);
  // The block at [offset, offset + n) came from elsewhere (the cache):
  // the walk goes on from its end.
  void Visited(uint64_t offset, uint64_t n) { next_ = offset + n; }
  // The walk is over: frees the buffer (a compaction keeps the iterators
  // of all its inputs until it ends).
  void Release() { buffer_ = PrefetchBuffer(); }

 private:
  const ReadaheadOptions options_;
  uint64_t next_size_;
  uint64_t next_ = UINT64_MAX;  // where a forward walk continues
  PrefetchBuffer buffer_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_READAHEAD_H_
