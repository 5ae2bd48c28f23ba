// A block payload read from an SST, decompressed with the codec its
// trailer names: the first input byte picks the type (every
// CompressionType value, supported or not), the rest is the payload
// (Snappy raw; LZ4/ZSTD with RocksDB's varint32 size prefix). What
// decompresses must be at most kMaxBlockSize, and must compress and
// decompress back to itself; Snappy's own entry points see the same bytes.
#include <type_traits>

#include "fuzz/harnesses.h"
#include "table/format.h"
#include "util/snappy.h"

namespace skyrocks_fuzz {

namespace {

// Decompresses payload into *out (of the type UncompressBlockPayload
// takes, deduced from fn); true when it succeeded.
template <typename Out>
bool BlockFuzzUncompress(rocksdb::Status (*fn)(rocksdb::CompressionType,
                                               const rocksdb::Slice&,
                                               const std::string&, uint64_t,
                                               Out*),
                         rocksdb::CompressionType type,
                         const rocksdb::Slice& payload, std::string* out) {
  Out contents;
  if (!fn(type, payload, "fuzz.sst", 4096, &contents).ok()) return false;
  if constexpr (std::is_same<Out, std::string>::value) {
    *out = std::move(contents);
  } else {
    *out = contents.slice().ToString();
  }
  return true;
}

}  // namespace

int FuzzBlockDecompress(const uint8_t* data, size_t size) {
  static const rocksdb::CompressionType kTypes[] = {
      rocksdb::kNoCompression,          rocksdb::kSnappyCompression,
      rocksdb::kZlibCompression,        rocksdb::kBZip2Compression,
      rocksdb::kLZ4Compression,         rocksdb::kLZ4HCCompression,
      rocksdb::kXpressCompression,      rocksdb::kZSTD,
      rocksdb::kZSTDNotFinalCompression};
  FuzzInput in(data, size);
  const rocksdb::CompressionType type =
      kTypes[in.Byte() % (sizeof(kTypes) / sizeof(kTypes[0]))];
  const std::string payload = in.Rest();
  std::string out;
  if (BlockFuzzUncompress(&rocksdb::UncompressBlockPayload, type, payload,
                          &out) &&
      type != rocksdb::kNoCompression) {
    FuzzCheck(out.size() <= rocksdb::kMaxBlockSize, "block size bound");
    std::string again, back;
    if (rocksdb::CompressBlockPayload(type, out, 1, &again)) {
      FuzzCheck(BlockFuzzUncompress(&rocksdb::UncompressBlockPayload, type,
                                    again, &back) &&
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
