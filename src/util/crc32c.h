// CRC32C (Castagnoli, reflected polynomial 0x82F63B78), as RocksDB and
// leveldb use it for WAL/MANIFEST records and kCRC32c block checksums.
// Uses SSE4.2 (crc32 instruction, with PCLMUL folding for long inputs) when
// the CPU has it, chosen once at run time; otherwise a portable table path.
// Stored CRCs are masked (see Mask) so that a CRC of data that itself holds
// CRCs does not degenerate. All functions are thread-safe.
#ifndef SKYROCKS_UTIL_CRC32C_H_
#define SKYROCKS_UTIL_CRC32C_H_

#include <cstddef>
#include <cstdint>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {
namespace crc32c {

// The crc32c of concat(A, data[0, n-1]) where init_crc is the crc32c of A.
uint32_t Extend(uint32_t init_crc, const char* data, size_t n);

// The crc32c of data[0, n-1].
inline uint32_t Value(const char* data, size_t n) { return Extend(0, data, n); }

constexpr uint32_t kMaskDelta = 0xa282ead8ul;

// Masked representation of a crc, as stored on disk by RocksDB.
inline uint32_t Mask(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + kMaskDelta;
}

// Inverse of Mask.
inline uint32_t Unmask(uint32_t masked_crc) {
  const uint32_t rot = masked_crc - kMaskDelta;
  return ((rot >> 17) | (rot << 15));
}

// Extend on the portable path whatever the CPU (tests compare the paths).
uint32_t ExtendPortable(uint32_t init_crc, const char* data, size_t n);

// True when Extend uses the hardware path on this CPU.
bool IsFastCrc32Supported();

}  // namespace crc32c
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_CRC32C_H_
