// A block payload read from an SST, decompressed with the codec its
// trailer names: the first input byte picks the type (every
// CompressionType value, supported or not), the rest is the payload
// (Snappy raw; LZ4/ZSTD with RocksDB's varint32 size prefix). What
// decompresses must be at most kMaxBlockSize, and must compress and
// decompress back to itself; Snappy's own entry points see the same bytes.
#include "fuzz/harnesses.h"
#include "table/format.h"
#include "util/snappy.h"

namespace skyrocks_fuzz {

int FuzzBlockDecompress(const uint8_t* data, size_t size) {
  static const rocksdb::CompressionType kTypes[] = {
      rocksdb::kNoCompression,    rocksdb::kSnappyCompression,
      rocksdb::kZlibCompression,  rocksdb::kBZip2Compression,
      rocksdb::kLZ4Compression,   rocksdb::kLZ4HCCompression,
      rocksdb::kXpressCompression, rocksdb::kZSTD,
      rocksdb::kZSTDNotFinalCompression};
  FuzzInput in(data, size);
  const rocksdb::CompressionType type =
      kTypes[in.Byte() % (sizeof(kTypes) / sizeof(kTypes[0]))];
  const std::string payload = in.Rest();
  std::string out;
  rocksdb::Status s = rocksdb::UncompressBlockPayload(
      type, payload, "fuzz.sst", 4096, &out);
  if (s.ok() && type != rocksdb::kNoCompression) {
    FuzzCheck(out.size() <= rocksdb::kMaxBlockSize, "block size bound");
    std::string again, back;
    if (rocksdb::CompressBlockPayload(type, out, 1, &again)) {
      FuzzCheck(rocksdb::UncompressBlockPayload(type, again, "fuzz.sst", 0,
                                                &back)
                        .ok() &&
                    back == out,
                "a decompressed block compresses and decompresses back");
    }
  }
  size_t n = 0;
  if (rocksdb::snappy::GetUncompressedLength(payload.data(), payload.size(),
                                             &n)) {
    std::string raw;
    (void)rocksdb::snappy::Uncompress(payload.data(), payload.size(), &raw);
  }
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzBlockDecompress)
