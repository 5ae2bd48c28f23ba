// Random identifiers; see util/uuid.h.
#include "util/uuid.h"

#include <random>

namespace ROCKSDB_NAMESPACE {

uint64_t NewRandomId64() {
  std::random_device rd;
  uint64_t v = 0;
  while (v == 0) {
    v = (uint64_t{rd()} << 32) ^ rd();
    std::mt19937_64 mix(v);
    v = mix();
  }
  return v;
}

std::string NewUuidV4() {
  uint8_t b[16];
  for (int i = 0; i < 16; i += 8) {
    const uint64_t r = NewRandomId64();
    for (int j = 0; j < 8; j++) b[i + j] = static_cast<uint8_t>(r >> (8 * j));
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  return out;
}

}  // namespace ROCKSDB_NAMESPACE
