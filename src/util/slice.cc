// Slice::ToString (the rest of Slice is inline in rocksdb/slice.h).
#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

std::string Slice::ToString(bool hex) const {
  if (!hex) return std::string(data_, size_);
  static const char kHexDigits[] = "0123456789ABCDEF";
  std::string r;
  r.reserve(2 * size_);
  for (size_t i = 0; i < size_; ++i) {
    const unsigned char c = static_cast<unsigned char>(data_[i]);
    r.push_back(kHexDigits[c >> 4]);
    r.push_back(kHexDigits[c & 0xf]);
  }
  return r;
}

}  // namespace ROCKSDB_NAMESPACE
