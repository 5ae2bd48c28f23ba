// Table options: how SSTs are built and read (RocksDB's
// BlockBasedTableOptions, with its field names and 7.8.3 defaults; see
// doc/table_format.md, "Defaults that shape files"). Options that skyrocks does
// not implement are absent rather than silently ignored; values it cannot
// honour (an index type other than kBinarySearch, format_version outside
// 2..5 for writing) are rejected with InvalidArgument when a table is
// built. A TableFactory is immutable and thread-safe.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_TABLE_H_
#define SKYROCKS_INCLUDE_ROCKSDB_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

enum ChecksumType : char {
  kNoChecksum = 0x0,
  kCRC32c = 0x1,
  kxxHash = 0x2,
  kxxHash64 = 0x3,
  kXXH3 = 0x4,
};

struct BlockBasedTableOptions {
  enum IndexType : char {
    kBinarySearch = 0x00,
    kHashSearch = 0x01,
    kTwoLevelIndexSearch = 0x02,
    kBinarySearchWithFirstKey = 0x03,
  };
  enum DataBlockIndexType : char {
    kDataBlockBinarySearch = 0,
    kDataBlockBinaryAndHash = 1,
  };
  enum class IndexShorteningMode : char {
    kNoShortening,
    kShortenSeparators,
    kShortenSeparatorsAndSuccessor,
  };

  bool cache_index_and_filter_blocks = false;
  IndexType index_type = kBinarySearch;
  DataBlockIndexType data_block_index_type = kDataBlockBinarySearch;
  ChecksumType checksum = kXXH3;
  bool no_block_cache = false;
  // nullptr: a private 8 MiB LRU cache per table factory (RocksDB's
  // default is 8 MiB too).
  std::shared_ptr<Cache> block_cache;
  size_t block_size = 4 * 1024;
  int block_size_deviation = 10;
  int block_restart_interval = 16;
  int index_block_restart_interval = 1;
  bool use_delta_encoding = true;
  IndexShorteningMode index_shortening =
      IndexShorteningMode::kShortenSeparators;
  std::shared_ptr<const FilterPolicy> filter_policy;
  bool whole_key_filtering = true;
  bool partition_filters = false;
  bool optimize_filters_for_memory = false;
  uint32_t format_version = 5;
  bool enable_index_compression = true;
  bool block_align = false;
};

// Makes and opens tables; shared by the column families that use it.
class TableFactory {
 public:
  TableFactory() = default;
  TableFactory(const TableFactory&) = delete;
  TableFactory& operator=(const TableFactory&) = delete;
  virtual ~TableFactory() = default;
  // "BlockBasedTable".
  virtual const char* Name() const = 0;
  virtual const BlockBasedTableOptions& table_options() const = 0;
  // RocksDB's Configurable::GetOptions: the options of type T (only
  // BlockBasedTableOptions), nullptr for another type.
  template <typename T>
  const T* GetOptions() const {
    if constexpr (std::is_same<T, BlockBasedTableOptions>::value) {
      return &table_options();
    } else {
      return nullptr;
    }
  }
};

TableFactory* NewBlockBasedTableFactory(
    const BlockBasedTableOptions& table_options = BlockBasedTableOptions());

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_TABLE_H_
