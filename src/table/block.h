// Block: a decoded (uncompressed) block in RocksDB's generic block format
// and iterators over it (doc/table_format.md, "Blocks" and "Index block").
// The Block owns its bytes and is immutable, so any number of iterators may
// read it concurrently; each iterator is used by one thread. A malformed
// block (bad restart array, entry running past the end) yields an iterator
// whose status() is Corruption naming the block; nothing reads out of
// bounds.
//
// Index blocks written with value delta encoding (format_version >= 4)
// store a full BlockHandle at restart points and only the size delta
// elsewhere; NewIndexIterator decodes those values back into full encoded
// BlockHandles, so callers always see value() = encoded handle.
#ifndef SKYROCKS_TABLE_BLOCK_H_
#define SKYROCKS_TABLE_BLOCK_H_

#include <cstdint>
#include <memory>
#include <string>

#include "rocksdb/comparator.h"
#include "rocksdb/slice.h"
#include "table/format.h"
#include "table/internal_iterator.h"

namespace ROCKSDB_NAMESPACE {

class InternalKeyComparator;

class Block {
 public:
  // Takes the bytes; describe is used in error messages ("000012.sst index
  // block").
  Block(BlockContents contents, std::string describe);
  // Copies contents (tests and hand-built blocks).
  Block(const std::string& contents, std::string describe)
      : Block(BlockContents(Slice(contents)), std::move(describe)) {}
  // A data block of file *fname at offset: its error messages say
  // "<fname> data block at offset <offset>", built only when needed (a data
  // block is made on every block-cache miss).
  Block(BlockContents contents, std::shared_ptr<const std::string> fname,
        uint64_t offset);
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

  size_t size() const { return data_.size(); }
  // Bytes held, for cache charging.
  size_t ApproximateMemoryUsage() const { return data_.size() + sizeof(*this); }
  uint32_t NumRestarts() const { return num_restarts_; }
  // What error messages call this block.
  std::string Describe() const;

  // Iterator over entries ordered by cmp (not owned; must outlive it).
  InternalIterator* NewIterator(const Comparator* cmp) const;
  InternalIterator* NewIterator(const InternalKeyComparator* icmp) const;
  // As NewIterator, for index blocks; see the file comment.
  InternalIterator* NewIndexIterator(const Comparator* cmp,
                                     bool value_delta_encoded) const;
  InternalIterator* NewIndexIterator(const InternalKeyComparator* icmp,
                                     bool value_delta_encoded) const;

 private:
  friend class BlockIter;
  void ParseFooter();

  BlockContents data_;
  std::string describe_;                      // unless a data block
  std::shared_ptr<const std::string> fname_;  // data blocks only
  uint64_t offset_ = 0;                       // data blocks only
  uint32_t restart_offset_ = 0;               // offset of the restart array
  uint32_t num_restarts_ = 0;
  bool malformed_ = false;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_BLOCK_H_
