// TEMPORARY portable CRC32C (bitwise table) so that the db/ branch links
// before the real implementation lands on main; replaced at merge time by
// the checksums branch's src/util/crc32c.cc.
#include "util/crc32c.h"

namespace ROCKSDB_NAMESPACE {
namespace crc32c {

namespace {

const uint32_t* Crc32cTmpTable() {
  static uint32_t table[256];
  static bool init = [] {
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t c = i;
      for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      table[i] = c;
    }
    return true;
  }();
  (void)init;
  return table;
}

}  // namespace

uint32_t Extend(uint32_t init_crc, const char* data, size_t n) {
  const uint32_t* t = Crc32cTmpTable();
  uint32_t c = init_crc ^ 0xffffffffu;
  for (size_t i = 0; i < n; i++) {
    c = t[(c ^ static_cast<unsigned char>(data[i])) & 0xff] ^ (c >> 8);
  }
  return c ^ 0xffffffffu;
}

bool IsFastCrc32Supported() { return false; }

}  // namespace crc32c
}  // namespace ROCKSDB_NAMESPACE
