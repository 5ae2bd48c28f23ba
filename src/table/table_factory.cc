// The block-based table factory and the built-in Bloom filter policy: the
// public option objects behind rocksdb/table.h and rocksdb/filter_policy.h.
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/table.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class BlockBasedTableFactoryImpl : public TableFactory {
 public:
  explicit BlockBasedTableFactoryImpl(const BlockBasedTableOptions& o)
      : options_(o) {
    // As RocksDB 7.8.3: no_block_cache drops a given cache; without one, a
    // private 8 MiB LRU cache.
    if (options_.no_block_cache) {
      options_.block_cache.reset();
    } else if (options_.block_cache == nullptr) {
      options_.block_cache = NewLRUCache(8 << 20);
    }
  }
  const char* Name() const override { return "BlockBasedTable"; }
  const BlockBasedTableOptions& table_options() const override {
    return options_;
  }

 private:
  BlockBasedTableOptions options_;
};

class BuiltinBloomFilterPolicy : public FilterPolicy {
 public:
  explicit BuiltinBloomFilterPolicy(double bits) : bits_(bits) {}
  // RocksDB 7.8.3's BloomFilterPolicy::Name() (its meta block is named
  // for the compatibility name "rocksdb.BuiltinBloomFilter").
  const char* Name() const override { return "bloomfilter"; }
  const char* ShortName() const override { return "bloomfilter"; }
  double GetBitsPerKey() const override { return bits_; }

 private:
  double bits_;
};

}  // namespace

TableFactory* NewBlockBasedTableFactory(
    const BlockBasedTableOptions& table_options) {
  return new BlockBasedTableFactoryImpl(table_options);
}

const FilterPolicy* NewBloomFilterPolicy(double bits_per_key,
                                         bool /*use_block_based_builder*/) {
  return new BuiltinBloomFilterPolicy(bits_per_key);
}

ColumnFamilyOptions::ColumnFamilyOptions()
    : table_factory(NewBlockBasedTableFactory()) {}

}  // namespace ROCKSDB_NAMESPACE
