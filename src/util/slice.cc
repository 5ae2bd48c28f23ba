// Slice::ToString and the SliceParts constructor (the rest of Slice is
// inline in rocksdb/slice.h).
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

Slice::Slice(const SliceParts& parts, std::string* buf) {
  size_t length = 0;
  for (int i = 0; i < parts.num_parts; ++i) length += parts.parts[i].size();
  buf->clear();
  buf->reserve(length);
  for (int i = 0; i < parts.num_parts; ++i) {
    buf->append(parts.parts[i].data(), parts.parts[i].size());
  }
  data_ = buf->data();
  size_ = buf->size();
}

}  // namespace ROCKSDB_NAMESPACE
