// BlockBuilder: builds one block in RocksDB's generic block format (data,
// index, metaindex, properties, range-deletion blocks; see
// doc/table_format.md, "Blocks"): prefix-compressed entries,
// a restart point every restart_interval entries, then the u32 restart
// offsets and the u32 footer (num_restarts; no hash index). With
// value_delta_encoding (index blocks of format_version >= 4) entries omit
// the value length and callers pass a delta-encoded value too, which is
// stored when the entry's key shares a prefix with the previous key. Keys must
// be added in the order the reader will search. Not thread-safe.
#ifndef SKYROCKS_TABLE_BLOCK_BUILDER_H_
#define SKYROCKS_TABLE_BLOCK_BUILDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

class BlockBuilder {
 public:
  // REQUIRES: restart_interval >= 1
  explicit BlockBuilder(int restart_interval,
                        bool value_delta_encoding = false);
  BlockBuilder(const BlockBuilder&) = delete;
  BlockBuilder& operator=(const BlockBuilder&) = delete;

  void Reset();

  // REQUIRES: Finish() not called since the last Reset().
  // delta_value is stored instead of value when value_delta_encoding is on
  // and the key shares bytes with the previous key (pass nullptr otherwise).
  void Add(const Slice& key, const Slice& value,
           const Slice* delta_value = nullptr);

  // True when the next Add starts a restart point.
  bool AtRestart() const {
    return counter_ == 0 || counter_ >= restart_interval_;
  }

  // Appends the restart array and footer; the result stays valid until
  // Reset().
  Slice Finish();

  // Size of the block if finished now.
  size_t CurrentSizeEstimate() const {
    return buffer_.size() + restarts_.size() * sizeof(uint32_t) +
           sizeof(uint32_t);
  }
  // Size estimate after adding an entry of these sizes.
  size_t EstimateSizeAfterKV(const Slice& key, const Slice& value) const;

  bool empty() const { return buffer_.empty(); }
  size_t num_entries() const { return entries_; }

 private:
  const int restart_interval_;
  const bool value_delta_encoding_;
  std::string buffer_;
  std::vector<uint32_t> restarts_;
  int counter_ = 0;  // entries since the last restart
  size_t entries_ = 0;
  bool finished_ = false;
  std::string last_key_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_BLOCK_BUILDER_H_
