// TableBuilder: writes a block-based table (SST) that RocksDB 7.8.3 reads:
// data blocks, full filter, index, range deletions, properties, metaindex
// and footer, in that order (doc/table_format.md, "File layout").
// Entries are internal keys added in InternalKeyComparator order; range
// tombstones may come in any order. The builder writes through an
// FSWritableFile it does not own and never syncs or closes it. Not
// thread-safe.
#ifndef SKYROCKS_TABLE_TABLE_BUILDER_H_
#define SKYROCKS_TABLE_TABLE_BUILDER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rocksdb/compression_type.h"
#include "rocksdb/file_system.h"
#include "rocksdb/options.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/status.h"
#include "rocksdb/table_properties.h"
#include "table/block_builder.h"
#include "table/dbformat.h"
#include "table/filter_block.h"
#include "table/format.h"

namespace ROCKSDB_NAMESPACE {

// RocksDB's "unknown column family" id, used by SstFileWriter.
constexpr uint32_t kUnknownColumnFamilyId = 0x7fffffff;

struct TableBuilderOptions {
  const InternalKeyComparator* icmp = nullptr;  // required, not owned
  CompressionType compression = kSnappyCompression;
  int compression_level = 32767;  // RocksDB's "library default"
  TableChecksumType checksum = kTableXXH3;
  uint32_t format_version = 5;  // 2..5 written
  size_t block_size = 4096;
  int block_size_deviation = 10;
  int block_restart_interval = 16;
  int index_block_restart_interval = 1;
  bool enable_index_compression = true;
  double filter_bits_per_key = 0;  // 0: no filter
  bool whole_key_filtering = true;
  // With a filter: prefixes go into it too (table/filter_block.h), and the
  // table records the extractor's id.
  std::shared_ptr<const SliceTransform> prefix_extractor;
  uint32_t column_family_id = kUnknownColumnFamilyId;
  std::string column_family_name;
  std::string merge_operator_name = "nullptr";
  std::string db_id;
  std::string db_session_id;
  std::string db_host_id;
  uint64_t creation_time = 0;
  uint64_t oldest_key_time = 0;
  uint64_t file_creation_time = 0;
  uint64_t orig_file_number = 0;
  // SstFileWriter files carry rocksdb.external_sst_file.{version,global_seqno}.
  bool external_sst_file = false;
};

// The builder options a column family's options call for (compression,
// checksum, block and filter settings of its BlockBasedTableOptions);
// identity fields (db ids, times, file number) are left to the caller.
TableBuilderOptions TableBuilderOptionsFor(const ColumnFamilyOptions& cf,
                                           const InternalKeyComparator* icmp);

// A new 20-character DB session id like RocksDB's (base-36 digits).
std::string NewDbSessionId();
// This host's name, as tables record it ("" if unknown).
std::string TableHostName();

// What a finished table holds (for file metadata and SstFileWriter).
struct TableBuildResult {
  uint64_t file_size = 0;
  uint64_t num_entries = 0;
  uint64_t num_range_deletions = 0;
  std::string smallest_key;  // internal keys; range tombstones included
  std::string largest_key;
  SequenceNumber smallest_seqno = kMaxSequenceNumber;
  SequenceNumber largest_seqno = 0;
  // What the properties block holds (listeners and the info LOG).
  TableProperties properties;
};

class TableBuilder {
 public:
  // REQUIRES: options.icmp != nullptr
  TableBuilder(const TableBuilderOptions& options, FSWritableFile* file,
               std::string fname);
  TableBuilder(const TableBuilder&) = delete;
  TableBuilder& operator=(const TableBuilder&) = delete;
  ~TableBuilder();

  // REQUIRES: key is after every key added so far; Finish not called.
  void Add(const Slice& internal_key, const Slice& value);
  // A range tombstone [begin_user_key, end_user_key) at seq.
  void AddRangeDeletion(const Slice& begin_user_key, const Slice& end_user_key,
                        SequenceNumber seq);

  // The first error met (a write failure), or OK.
  Status status() const { return status_; }
  // Writes everything after the data blocks.
  Status Finish();
  // Stops without writing the rest (the caller deletes the file).
  void Abandon() { closed_ = true; }

  uint64_t NumEntries() const { return result_.num_entries; }
  uint64_t FileSize() const { return offset_; }
  const TableBuildResult& result() const { return result_; }

 private:
  void FlushDataBlock();
  bool ShouldFlushBeforeAdd(const Slice& key, const Slice& value) const;
  // Compresses (when worthwhile and allowed) and writes a block.
  void WriteBlock(const Slice& raw, bool compressible, BlockHandle* handle);
  void WriteRawBlock(const Slice& payload, CompressionType type,
                     BlockHandle* handle);
  void AddIndexEntry(const std::string& last_key, const Slice* next_key);
  void UpdateBounds(const Slice& ikey);
  std::string BuildPropertiesBlock(uint64_t index_size, bool user_key_index,
                                   uint64_t filter_size);

  const TableBuilderOptions opts_;
  FSWritableFile* const file_;
  const std::string fname_;
  Status status_;
  bool closed_ = false;
  uint64_t offset_ = 0;

  BlockBuilder data_block_;
  // Index with internal-key separators and with user-key separators;
  // Finish keeps the second unless two blocks share a user key.
  BlockBuilder index_block_;
  BlockBuilder index_block_user_;
  bool index_needs_seq_ = false;
  uint64_t last_index_size_ = 0;
  bool index_has_entries_ = false;
  std::unique_ptr<FullFilterBuilder> filter_;
  std::vector<std::pair<std::string, std::string>> range_dels_;

  std::string first_key_;  // first internal key added
  std::string last_key_;   // last internal key added
  bool pending_index_entry_ = false;
  BlockHandle pending_handle_;
  std::string compressed_;  // scratch

  TableBuildResult result_;
  uint64_t data_size_ = 0;
  uint64_t num_data_blocks_ = 0;
  uint64_t raw_key_size_ = 0;
  uint64_t raw_value_size_ = 0;
  uint64_t num_deletions_ = 0;
  uint64_t num_merges_ = 0;
  uint64_t num_filter_entries_ = 0;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_TABLE_BUILDER_H_
