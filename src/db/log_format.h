// The log file format shared by WALs and MANIFESTs (RocksDB's, see
// doc/log_format.md): a file is a sequence of
// 32 KiB blocks; a logical record is cut into physical fragments that never
// cross a block boundary, each with a header
//
//   legacy:     u32 masked crc32c | u16 length | u8 type
//   recyclable: u32 masked crc32c | u16 length | u8 type | u32 log number
//
// where the crc covers the type byte, the log number (recyclable only) and
// the payload. A block tail shorter than a header is zero-filled.
#ifndef SKYROCKS_DB_LOG_FORMAT_H_
#define SKYROCKS_DB_LOG_FORMAT_H_

#include <cstddef>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {
namespace log {

enum RecordType : unsigned char {
  // Zeroed (preallocated) space; zero-length records of this type are
  // skipped by the reader.
  kZeroType = 0,
  kFullType = 1,
  kFirstType = 2,
  kMiddleType = 3,
  kLastType = 4,
  // The same four with the 11-byte header (recycled WAL files).
  kRecyclableFullType = 5,
  kRecyclableFirstType = 6,
  kRecyclableMiddleType = 7,
  kRecyclableLastType = 8,
  // First record of a compressed WAL (not supported by skyrocks).
  kSetCompressionType = 9,
};
constexpr int kMaxRecordType = kSetCompressionType;

constexpr size_t kBlockSize = 32768;
constexpr size_t kHeaderSize = 4 + 2 + 1;
constexpr size_t kRecyclableHeaderSize = 4 + 2 + 1 + 4;

}  // namespace log
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_LOG_FORMAT_H_
