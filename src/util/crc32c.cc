// CRC32C; contract in util/crc32c.h. Two paths, chosen once per process:
//   - portable: slicing-by-8 tables (8 x 256 words, built on first use);
//   - x86-64 with SSE4.2 and PCLMUL: the crc32 instruction over three
//     independent streams at once (it has 3-cycle latency and 1-cycle
//     throughput), whose CRCs are then joined. Joining uses that advancing
//     a CRC state s over L zero bytes is s * x^(8L) mod P: a carry-less
//     multiply by the constant x^(8L-33) mod P followed by one crc32 of the
//     64-bit product (which multiplies by x^32 and reduces; the extra x
//     comes from the bit-reflected product) gives exactly that.
// Both paths work on the raw state (no pre/post inversion); Extend inverts
// at entry and exit as every CRC32C user expects.
#include "util/crc32c.h"

#include <cstring>

#include "port/port.h"

namespace ROCKSDB_NAMESPACE {
namespace crc32c {

namespace {

constexpr uint32_t kCrc32cPoly = 0x82F63B78u;  // reflected Castagnoli

// tables[k][b]: the raw CRC of byte b followed by k zero bytes.
const uint32_t (*Crc32cSliceTables())[256] {
  static uint32_t tables[8][256];
  static const bool built = [] {
    for (uint32_t b = 0; b < 256; b++) {
      uint32_t c = b;
      for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ kCrc32cPoly : c >> 1;
      tables[0][b] = c;
    }
    for (uint32_t b = 0; b < 256; b++) {
      for (int k = 1; k < 8; k++) {
        const uint32_t prev = tables[k - 1][b];
        tables[k][b] = (prev >> 8) ^ tables[0][prev & 0xff];
      }
    }
    return true;
  }();
  (void)built;
  return tables;
}

uint32_t Crc32cPortable(uint32_t s, const uint8_t* p, size_t n) {
  const uint32_t(*t)[256] = Crc32cSliceTables();
  while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7) != 0) {
    s = t[0][(s ^ *p++) & 0xff] ^ (s >> 8);
    n--;
  }
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    w ^= s;
    s = t[7][w & 0xff] ^ t[6][(w >> 8) & 0xff] ^ t[5][(w >> 16) & 0xff] ^
        t[4][(w >> 24) & 0xff] ^ t[3][(w >> 32) & 0xff] ^
        t[2][(w >> 40) & 0xff] ^ t[1][(w >> 48) & 0xff] ^ t[0][w >> 56];
    p += 8;
    n -= 8;
  }
  while (n-- > 0) s = t[0][(s ^ *p++) & 0xff] ^ (s >> 8);
  return s;
}

#if SKYROCKS_X86_64

// Stream lengths for the three-way path; each needs one join constant.
constexpr size_t kCrc32cLongStream = 2048;
constexpr size_t kCrc32cShortStream = 128;

// x^n mod P in the reflected representation (bit i is x^(31-i)).
uint32_t Crc32cXPowMod(size_t n) {
  uint32_t v = 0x80000000u;  // x^0
  for (size_t i = 0; i < n; i++) v = (v & 1) ? (v >> 1) ^ kCrc32cPoly : v >> 1;
  return v;
}

struct Crc32cJoinConstants {
  uint64_t long_stream;
  uint64_t short_stream;
};

const Crc32cJoinConstants& Crc32cJoin() {
  static const Crc32cJoinConstants k = {
      Crc32cXPowMod(8 * kCrc32cLongStream - 33),
      Crc32cXPowMod(8 * kCrc32cShortStream - 33)};
  return k;
}

// s advanced over the L zero bytes k was made for.
SKYROCKS_TARGET_SSE42_PCLMUL inline uint32_t Crc32cShift(uint32_t s,
                                                         uint64_t k) {
  const __m128i prod =
      _mm_clmulepi64_si128(_mm_cvtsi32_si128(static_cast<int>(s)),
                           _mm_cvtsi64_si128(static_cast<long long>(k)), 0);
  return static_cast<uint32_t>(
      _mm_crc32_u64(0, static_cast<uint64_t>(_mm_cvtsi128_si64(prod))));
}

SKYROCKS_TARGET_SSE42_PCLMUL inline uint64_t Crc32cLoad64(const uint8_t* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Three streams of len bytes (a multiple of 8) starting at p.
SKYROCKS_TARGET_SSE42_PCLMUL inline uint32_t Crc32cThreeWay(uint32_t s,
                                                            const uint8_t* p,
                                                            size_t len,
                                                            uint64_t k) {
  uint64_t a = s, b = 0, c = 0;
  const uint8_t* pb = p + len;
  const uint8_t* pc = p + 2 * len;
  for (size_t i = 0; i < len; i += 8) {
    a = _mm_crc32_u64(a, Crc32cLoad64(p + i));
    b = _mm_crc32_u64(b, Crc32cLoad64(pb + i));
    c = _mm_crc32_u64(c, Crc32cLoad64(pc + i));
  }
  uint32_t r =
      Crc32cShift(static_cast<uint32_t>(a), k) ^ static_cast<uint32_t>(b);
  return Crc32cShift(r, k) ^ static_cast<uint32_t>(c);
}

SKYROCKS_TARGET_SSE42_PCLMUL uint32_t Crc32cHardware(uint32_t s,
                                                     const uint8_t* p,
                                                     size_t n) {
  while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7) != 0) {
    s = _mm_crc32_u8(s, *p++);
    n--;
  }
  const Crc32cJoinConstants& k = Crc32cJoin();
  while (n >= 3 * kCrc32cLongStream) {
    s = Crc32cThreeWay(s, p, kCrc32cLongStream, k.long_stream);
    p += 3 * kCrc32cLongStream;
    n -= 3 * kCrc32cLongStream;
  }
  while (n >= 3 * kCrc32cShortStream) {
    s = Crc32cThreeWay(s, p, kCrc32cShortStream, k.short_stream);
    p += 3 * kCrc32cShortStream;
    n -= 3 * kCrc32cShortStream;
  }
  uint64_t s64 = s;
  while (n >= 8) {
    s64 = _mm_crc32_u64(s64, Crc32cLoad64(p));
    p += 8;
    n -= 8;
  }
  s = static_cast<uint32_t>(s64);
  while (n-- > 0) s = _mm_crc32_u8(s, *p++);
  return s;
}

#endif  // SKYROCKS_X86_64

using Crc32cFn = uint32_t (*)(uint32_t, const uint8_t*, size_t);

Crc32cFn Crc32cChoose() {
#if SKYROCKS_X86_64
  if (SKYROCKS_CPU_HAS_CRC32C()) return Crc32cHardware;
#endif
  return Crc32cPortable;
}

Crc32cFn Crc32cSelected() {
  static const Crc32cFn fn = Crc32cChoose();
  return fn;
}

}  // namespace

uint32_t Extend(uint32_t init_crc, const char* data, size_t n) {
  return ~Crc32cSelected()(~init_crc, reinterpret_cast<const uint8_t*>(data),
                           n);
}

uint32_t ExtendPortable(uint32_t init_crc, const char* data, size_t n) {
  return ~Crc32cPortable(~init_crc, reinterpret_cast<const uint8_t*>(data), n);
}

bool IsFastCrc32Supported() { return Crc32cSelected() != Crc32cPortable; }

}  // namespace crc32c
}  // namespace ROCKSDB_NAMESPACE
