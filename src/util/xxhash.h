// The xxHash functions RocksDB 7.8.3 uses, written for skyrocks (no system
// libxxhash): XXH32, XXH64 and XXH3_64bits as in xxHash 0.8.1 (block
// checksums kxxHash, kxxHash64, kXXH3), and XXPH3_64bits, the frozen
// 0.7.2-preview XXH3 that RocksDB uses to hash keys for filters (Hash64 /
// GetSliceHash64). The two XXH3s differ on some inputs; never substitute one
// for the other (doc/table_format.md, "Block handles and trailers" and
// "Filter block").
// All functions are pure and thread-safe.
#ifndef SKYROCKS_UTIL_XXHASH_H_
#define SKYROCKS_UTIL_XXHASH_H_

#include <cstddef>
#include <cstdint>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {
namespace xxhash {

uint32_t XXH32(const void* data, size_t len, uint32_t seed);
uint64_t XXH64(const void* data, size_t len, uint64_t seed);
// XXH3 64-bit, xxHash 0.8.1, seed 0 / given seed.
uint64_t XXH3_64bits(const void* data, size_t len);
uint64_t XXH3_64bits_withSeed(const void* data, size_t len, uint64_t seed);
// XXH3 64-bit as frozen in xxHash 0.7.2 (RocksDB's util/xxph3.h).
uint64_t XXPH3_64bits(const void* data, size_t len);
uint64_t XXPH3_64bits_withSeed(const void* data, size_t len, uint64_t seed);

}  // namespace xxhash
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_XXHASH_H_
