// ZSTD behind table/block_codecs.h, and CodecCompiledOutBy; without ZSTD
// (SKYROCKS_NO_ZSTD, see port/compression_libs.h) every call says no and
// format.cc reports NotSupported naming the codec and the file.
#include <string>

#include "port/compression_libs.h"
#include "table/block_codecs.h"

namespace ROCKSDB_NAMESPACE {

const char* CodecCompiledOutBy(CompressionType type) {
  switch (type) {
    case kLZ4Compression:
    case kLZ4HCCompression:
      return SKYROCKS_HAVE_LZ4 ? nullptr : "SKYROCKS_NO_LZ4";
    case kZSTD:
    case kZSTDNotFinalCompression:
      return SKYROCKS_HAVE_ZSTD ? nullptr : "SKYROCKS_NO_ZSTD";
    default:
      return nullptr;
  }
}

#if SKYROCKS_HAVE_ZSTD

bool ZstdCompressRaw(const Slice& raw, int level, std::string* out) {
  const size_t prefix = out->size();
  const size_t bound = ZSTD_compressBound(raw.size());
  out->resize(prefix + bound);
  const size_t n =
      ZSTD_compress(&(*out)[prefix], bound, raw.data(), raw.size(), level);
  if (ZSTD_isError(n)) return false;
  out->resize(prefix + n);
  return true;
}

bool ZstdFrameSizeFits(const Slice& in, uint64_t ulen) {
  const uint64_t frame_size = ZSTD_getFrameContentSize(in.data(), in.size());
  return frame_size != ZSTD_CONTENTSIZE_ERROR &&
         (frame_size == ZSTD_CONTENTSIZE_UNKNOWN || frame_size == ulen);
}

bool ZstdUncompressRaw(const Slice& in, char* out, size_t ulen) {
  const size_t n = ZSTD_decompress(out, ulen, in.data(), in.size());
  return !ZSTD_isError(n) && n == ulen;
}

#else  // !SKYROCKS_HAVE_ZSTD

bool ZstdCompressRaw(const Slice& /*raw*/, int /*level*/,
                     std::string* /*out*/) {
  return false;
}

bool ZstdFrameSizeFits(const Slice& /*in*/, uint64_t /*ulen*/) {
  return false;
}

bool ZstdUncompressRaw(const Slice& /*in*/, char* /*out*/, size_t /*ulen*/) {
  return false;
}

#endif  // SKYROCKS_HAVE_ZSTD

}  // namespace ROCKSDB_NAMESPACE
