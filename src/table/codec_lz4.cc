// LZ4 behind table/block_codecs.h; without LZ4 (SKYROCKS_NO_LZ4, see
// port/compression_libs.h) every call says no and format.cc reports
// NotSupported naming the codec and the file.
#include <string>

#include "port/compression_libs.h"
#include "table/block_codecs.h"

namespace ROCKSDB_NAMESPACE {

#if SKYROCKS_HAVE_LZ4

static_assert(kLZ4MaxInputSize == LZ4_MAX_INPUT_SIZE,
              "kLZ4MaxInputSize is LZ4_MAX_INPUT_SIZE");

bool LZ4CompressRaw(const Slice& raw, std::string* out) {
  if (raw.size() > kLZ4MaxInputSize) return false;
  const size_t prefix = out->size();
  const int bound = LZ4_compressBound(static_cast<int>(raw.size()));
  out->resize(prefix + static_cast<size_t>(bound));
  const int n = LZ4_compress_default(raw.data(), &(*out)[prefix],
                                     static_cast<int>(raw.size()), bound);
  if (n <= 0) return false;
  out->resize(prefix + static_cast<size_t>(n));
  return true;
}

bool LZ4UncompressRaw(const Slice& in, char* out, size_t ulen) {
  const int n = LZ4_decompress_safe(in.data(), out, static_cast<int>(in.size()),
                                    static_cast<int>(ulen));
  return n >= 0 && static_cast<size_t>(n) == ulen;
}

#else  // !SKYROCKS_HAVE_LZ4

bool LZ4CompressRaw(const Slice& /*raw*/, std::string* /*out*/) {
  return false;
}

bool LZ4UncompressRaw(const Slice& /*in*/, char* /*out*/, size_t /*ulen*/) {
  return false;
}

#endif  // SKYROCKS_HAVE_LZ4

}  // namespace ROCKSDB_NAMESPACE
