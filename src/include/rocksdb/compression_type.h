// CompressionType: how an SST block's payload is compressed. The values are
// stored in every block trailer (RocksDB's numbering; never renumber).
// skyrocks writes and reads none, Snappy, LZ4 and ZSTD; other types are
// reported as NotSupported when met.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_COMPRESSION_TYPE_H_
#define SKYROCKS_INCLUDE_ROCKSDB_COMPRESSION_TYPE_H_

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

enum CompressionType : unsigned char {
  kNoCompression = 0x0,
  kSnappyCompression = 0x1,
  kZlibCompression = 0x2,
  kBZip2Compression = 0x3,
  kLZ4Compression = 0x4,
  kLZ4HCCompression = 0x5,
  kXpressCompression = 0x6,
  kZSTD = 0x7,
  kZSTDNotFinalCompression = 0x40,
  kDisableCompressionOption = 0xff,
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_COMPRESSION_TYPE_H_
