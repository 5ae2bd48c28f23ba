// FilterPolicy: which filter SSTs carry. skyrocks builds RocksDB's
// FastLocalBloom full filters (format_version 5); NewBloomFilterPolicy is
// the RocksDB spelling. Policies are immutable and thread-safe.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_FILTER_POLICY_H_
#define SKYROCKS_INCLUDE_ROCKSDB_FILTER_POLICY_H_

#include <memory>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

class FilterPolicy {
 public:
  FilterPolicy() = default;
  FilterPolicy(const FilterPolicy&) = delete;
  FilterPolicy& operator=(const FilterPolicy&) = delete;
  virtual ~FilterPolicy() = default;
  // "bloomfilter" for the built-in Bloom filter, as RocksDB 7.8.3 names
  // it (its filter blocks are "fullfilter.rocksdb.BuiltinBloomFilter").
  virtual const char* Name() const = 0;
  // "bloomfilter", as RocksDB 7.8.3 writes in rocksdb.filter.policy.
  virtual const char* ShortName() const = 0;
  virtual double GetBitsPerKey() const = 0;
};

// A Bloom filter with about bits_per_key bits per key (10 gives ~1% false
// positives). use_block_based_builder is accepted for source compatibility
// and ignored: full filters are always built. The caller owns the result
// (RocksDB's signature); wrap it in a std::shared_ptr.
const FilterPolicy* NewBloomFilterPolicy(double bits_per_key,
                                         bool use_block_based_builder = false);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_FILTER_POLICY_H_
