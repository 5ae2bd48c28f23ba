// RocksDB's legacy 32-bit hash (leveldb's murmur-like Hash), part of on-disk
// formats: the legacy Bloom filter of format_version < 5 hashes keys with
// seed 0xbc9f1d34 (LegacyBloomHash), the data-block hash index with 397.
// Tail bytes are added sign-extended, as RocksDB does for compatibility
// with the original char arithmetic. Pure and thread-safe.
#ifndef SKYROCKS_UTIL_HASH_H_
#define SKYROCKS_UTIL_HASH_H_

#include <cstddef>
#include <cstdint>

#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

uint32_t Hash(const char* data, size_t n, uint32_t seed);

inline uint32_t LegacyBloomHash(const Slice& key) {
  return Hash(key.data(), key.size(), 0xbc9f1d34u);
}

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_HASH_H_
