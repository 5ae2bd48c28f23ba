// The LZ4 and ZSTD libraries behind table/format.cc's block framing, each
// in its own file (table/codec_lz4.cc, table/codec_zstd.cc) so that a build
// can leave either out (SKYROCKS_NO_LZ4 / SKYROCKS_NO_ZSTD, see
// port/compression_libs.h). The framing, the size bounds and the error
// messages stay in format.cc; these calls only move bytes.
// Thread-safe: no state.
#ifndef SKYROCKS_TABLE_BLOCK_CODECS_H_
#define SKYROCKS_TABLE_BLOCK_CODECS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "rocksdb/compression_type.h"
#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

// The macro that left the codec of `type` out of this build
// ("SKYROCKS_NO_LZ4" for LZ4 and LZ4HC, "SKYROCKS_NO_ZSTD" for both ZSTD
// types), or nullptr when its library is compiled in or `type` is not one
// of them.
const char* CodecCompiledOutBy(CompressionType type);

// LZ4's largest input (LZ4_MAX_INPUT_SIZE).
constexpr size_t kLZ4MaxInputSize = 0x7E000000;

// Appends the LZ4 raw block of `raw` to *out. False if LZ4 is compiled out,
// raw is larger than kLZ4MaxInputSize, or the library fails.
bool LZ4CompressRaw(const Slice& raw, std::string* out);
// Decodes the LZ4 raw block `in` into out[0, ulen). True iff that gave
// exactly ulen bytes. REQUIRES: LZ4 compiled in; in.size() <=
// kLZ4MaxInputSize; ulen fits an int.
bool LZ4UncompressRaw(const Slice& in, char* out, size_t ulen);

// Appends the ZSTD frame of `raw` at `level` (1..22) to *out. False if
// ZSTD is compiled out or the library fails.
bool ZstdCompressRaw(const Slice& raw, int level, std::string* out);
// True if `in` starts a ZSTD frame whose recorded content size is ulen or
// not recorded. REQUIRES: ZSTD compiled in.
bool ZstdFrameSizeFits(const Slice& in, uint64_t ulen);
// Decodes the ZSTD frame `in` into out[0, ulen). True iff that gave exactly
// ulen bytes. REQUIRES: ZSTD compiled in.
bool ZstdUncompressRaw(const Slice& in, char* out, size_t ulen);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_BLOCK_CODECS_H_
