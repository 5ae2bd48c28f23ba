// TableReader: reads a block-based table (SST) written by RocksDB 7.8.3
// (format_version 2..6, any of its checksums, none/Snappy/LZ4/ZSTD blocks,
// binary-search or partitioned (two-level) index with internal or user
// keys, full filters) or by
// TableBuilder. Open reads the footer, metaindex, properties, index and
// filter and keeps them, with one read of the file's tail in the common
// case (two when the tail is larger than guessed; table/readahead.h);
// data blocks are read on demand through an optional BlockCache, one
// read per block for Get and with readahead for iterators that ask. Corrupt input gives Corruption naming the file and
// offset. A TableReader is immutable after Open and thread-safe;
// iterators are used by one thread each and must not outlive the reader.
#ifndef SKYROCKS_TABLE_TABLE_READER_H_
#define SKYROCKS_TABLE_TABLE_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/cache.h"
#include "rocksdb/file_system.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table_properties.h"
#include "table/block.h"
#include "table/dbformat.h"
#include "rocksdb/statistics.h"
#include "table/filter_block.h"
#include "table/format.h"
#include "table/internal_iterator.h"
#include "table/readahead.h"

namespace ROCKSDB_NAMESPACE {

// Fills the field of props that a properties-block entry (name, value)
// sets; entries it does not know go to user_collected_properties.
void ApplyTableProperty(const std::string& name, const std::string& value,
                        TableProperties* props);

struct TableReaderOptions {
  const InternalKeyComparator* icmp = nullptr;  // required, not owned
  bool verify_checksums = true;
  // Data blocks are cached here when set (shared with other readers).
  std::shared_ptr<Cache> block_cache;
  // Block-cache and filter tickers go here when set (not owned; outlives
  // the reader).
  Statistics* statistics = nullptr;
  // The MANIFEST's largest sequence number of the file: an ingested
  // external file (SstFileWriter's) is read with it as every key's
  // sequence number unless the file records its own
  // (table/global_seqno_iterator.h).
  SequenceNumber largest_seqno = 0;
};

class TableReader {
 public:
  // Called by Get for each entry from the seek position on, while it
  // returns true (so a caller can collect merge operands).
  using GetCallback = bool (*)(void* arg, const Slice& internal_key,
                               const Slice& value);

  static Status Open(const TableReaderOptions& options,
                     std::unique_ptr<FSRandomAccessFile> file,
                     std::string fname, uint64_t file_size,
                     std::unique_ptr<TableReader>* result);
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;
  ~TableReader();

  // Point lookup: consults the filter on the user key (on its prefix,
  // with the column family's current prefix_extractor, when the filter
  // holds prefixes only and the table was written with that extractor),
  // then feeds entries >= internal_key to callback. NotFound is never
  // returned: no callback call means nothing was found.
  Status Get(const Slice& internal_key, GetCallback callback, void* arg,
             bool verify_checksums = true,
             const SliceTransform* prefix_extractor = nullptr) const;

  // Starts loading the filter bits Get(internal_key) will test first.
  void PrefetchFilter(const Slice& internal_key) const {
    if (filter_ && whole_key_filtering_) {
      filter_->Prefetch(ExtractUserKey(internal_key));
    }
  }

  // RocksDB 7.8.3's rule for a table written with another prefix
  // extractor than `current` (the recorded ids differ, or current is
  // null): its filter's prefixes are not those of current.
  bool PrefixExtractorChanged(const SliceTransform* current) const;
  // Whether a prefix seek to internal_key may find keys of its prefix
  // here (false: the filter rules the prefix out). The table's own
  // extractor (rebuilt from its recorded id) gives the prefix; with
  // need_upper_bound_check (auto_prefix_mode, or the extractor changed)
  // the filter is used only when [key, upper_bound) stays within that
  // prefix or ends at its same-length successor. *checked: whether the
  // filter was consulted.
  bool PrefixRangeMayMatch(const Slice& internal_key,
                           const SliceTransform* current,
                           const Slice* upper_bound,
                           bool need_upper_bound_check, bool* checked) const;

  // Iterator over all point entries (internal keys). A non-null owner
  // (this reader) is held by the iterator so it may outlive other
  // references to the reader. readahead: how its data-block reads are
  // grouped (none by default).
  InternalIterator* NewIterator(
      bool verify_checksums = true,
      std::shared_ptr<const TableReader> owner = nullptr,
      ReadaheadOptions readahead = ReadaheadOptions()) const;
  // Iterator over range tombstones: key = internal key (begin, seq,
  // kTypeRangeDeletion), value = end user key; nullptr when there are none.
  InternalIterator* NewRangeTombstoneIterator() const;

  // Approximate file offset where internal_key would be.
  uint64_t ApproximateOffsetOf(const Slice& internal_key) const;
  // RocksDB's ApproximateKeyAnchors: up to 128 index keys (as user keys)
  // spread evenly over the data blocks, each with the bytes of the blocks
  // since the previous anchor. Compactions cut subcompactions from them.
  struct Anchor {
    std::string user_key;
    uint64_t range_size;
  };
  std::vector<Anchor> ApproximateKeyAnchors() const;

  const TableProperties& GetTableProperties() const { return props_; }
  const std::string& file_name() const { return fname_; }
  const InternalKeyComparator* icmp() const { return opts_.icmp; }
  // How the index is encoded (index iterators need it).
  bool index_key_is_user_key() const {
    return props_.index_key_is_user_key != 0;
  }
  bool index_value_is_delta_encoded() const {
    return props_.index_value_is_delta_encoded != 0;
  }
  uint64_t file_size() const { return file_size_; }
  // The sequence number every key is read with (0: the keys' own).
  SequenceNumber global_seqno() const { return global_seqno_; }
  // Reads and checks every block's checksum.
  Status VerifyChecksum() const;

  // Reads one data block (used by the iterators), through readahead
  // (optional) on a block-cache miss.
  Status ReadDataBlock(const BlockHandle& handle, bool verify,
                       std::shared_ptr<Block>* block,
                       BlockReadahead* readahead = nullptr) const;
  // Where the data blocks end (the first meta block).
  uint64_t data_end() const { return data_end_; }
  // Reads Open made (1 when the tail guess held everything; tests).
  uint64_t tail_reads() const { return tail_reads_; }
  // The index: entries key -> data block handle. Over the index partitions
  // when the table has a partitioned (two-level) index.
  InternalIterator* NewIndexIterator() const;
  // An iterator over one index partition (or the single index block).
  InternalIterator* NewIndexPartitionIterator(const Block& block) const;
  // Seek key for the index: the user key when the index holds user keys.
  Slice IndexSeekKey(const Slice& internal_key) const;

 private:
  TableReader() = default;
  Status ReadMetaBlocks(PrefetchBuffer* tail);
  // Validates handles and refills *tail from the lowest of them to the
  // end of the file unless it holds that range already.
  Status EnsureTail(const std::vector<BlockHandle>& handles,
                    PrefetchBuffer* tail);
  // One block of the tail (read alone if tail does not hold it).
  Status ReadMetaBlock(const PrefetchBuffer& tail, const BlockHandle& handle,
                       BlockContents* contents) const;

  TableReaderOptions opts_;
  std::string cache_key_prefix_;  // unique per reader within the cache
  std::unique_ptr<FSRandomAccessFile> file_;
  std::string fname_;
  std::shared_ptr<const std::string> shared_fname_;  // for data blocks
  uint64_t file_size_ = 0;
  uint64_t data_end_ = 0;
  uint64_t tail_reads_ = 0;
  Footer footer_;
  TableProperties props_;
  BlockHandle index_handle_;
  BlockHandle metaindex_handle_;
  BlockHandle range_del_handle_;
  std::unique_ptr<Block> index_block_;
  std::unique_ptr<Block> range_del_block_;
  std::unique_ptr<FilterReader> filter_;
  bool whole_key_filtering_ = true;  // the filter holds whole keys
  // Built from props_.prefix_extractor_name (null when unknown).
  std::shared_ptr<const SliceTransform> table_prefix_extractor_;
  bool partitioned_index_ = false;  // index_block_ is the top level
  SequenceNumber global_seqno_ = 0;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_TABLE_READER_H_
