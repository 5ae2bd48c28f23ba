// Legacy 32-bit hash; contract in util/hash.h.
#include "util/hash.h"

#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

uint32_t Hash(const char* data, size_t n, uint32_t seed) {
  constexpr uint32_t kMul = 0xc6a4a793u;
  constexpr int kShift = 24;
  const char* const limit = data + n;
  uint32_t h = static_cast<uint32_t>(seed ^ (n * kMul));
  while (limit - data >= 4) {
    h += DecodeFixed32(data);
    h *= kMul;
    h ^= (h >> 16);
    data += 4;
  }
  // Sign-extend each tail byte (int8_t), as the format requires.
  switch (limit - data) {
    case 3:
      h += static_cast<uint32_t>(static_cast<int8_t>(data[2])) << 16;
      [[fallthrough]];
    case 2:
      h += static_cast<uint32_t>(static_cast<int8_t>(data[1])) << 8;
      [[fallthrough]];
    case 1:
      h += static_cast<uint32_t>(static_cast<int8_t>(data[0]));
      h *= kMul;
      h ^= (h >> kShift);
      break;
    default:
      break;
  }
  return h;
}

}  // namespace ROCKSDB_NAMESPACE
