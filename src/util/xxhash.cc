// XXH32, XXH64, XXH3_64bits (xxHash 0.8.1) and XXPH3_64bits (the xxHash
// 0.7.2 preview of XXH3 frozen in RocksDB's util/xxph3.h); contract in
// util/xxhash.h. Written from the xxHash specification; scalar code only
// (the compiler vectorises the 64-byte stripe loop well enough for block
// checksums; filters hash short keys).
//
// The two XXH3s share the default 192-byte secret, the stripe accumulator
// and the 17..240-byte mixing; they differ in
//   - the final avalanche constant (0.7.2: PRIME64_3; 0.8.1:
//   0x165667919E3779F9),
//   - every short-input path (0..16 bytes), where 0.8.1 folds pairs of
//     secret words and uses rrmxmx for 4..8 bytes,
//   - the long-input stripe accumulation (0.8.1 adds the input word to the
//     neighbouring lane) and its last-stripe rule (0.8.1 always processes
//     the final 64 bytes; 0.7.2 only when len is not a multiple of 64),
//   - empty input (0.7.2 in RocksDB: a fold of seed and the secret).
// All functions are pure and thread-safe.
#include "util/xxhash.h"

#include <cstring>

#include "port/port.h"

namespace ROCKSDB_NAMESPACE {
namespace xxhash {

namespace {

constexpr uint32_t kXxPrime32_1 = 0x9E3779B1u;
constexpr uint32_t kXxPrime32_2 = 0x85EBCA77u;
constexpr uint32_t kXxPrime32_3 = 0xC2B2AE3Du;
constexpr uint32_t kXxPrime32_4 = 0x27D4EB2Fu;
constexpr uint32_t kXxPrime32_5 = 0x165667B1u;
constexpr uint64_t kXxPrime64_1 = 0x9E3779B185EBCA87ull;
constexpr uint64_t kXxPrime64_2 = 0xC2B2AE3D27D4EB4Full;
constexpr uint64_t kXxPrime64_3 = 0x165667B19E3779F9ull;
constexpr uint64_t kXxPrime64_4 = 0x85EBCA77C2B2AE63ull;
constexpr uint64_t kXxPrime64_5 = 0x27D4EB2F165667C5ull;
constexpr uint64_t kXxh3AvalancheMul = 0x165667919E3779F9ull;
constexpr uint64_t kXxh3RrmxmxMul = 0x9FB21C651E98DF25ull;

constexpr size_t kXxh3StripeLen = 64;
constexpr size_t kXxh3SecretConsumeRate = 8;
constexpr size_t kXxh3SecretSize = 192;
constexpr size_t kXxh3SecretSizeMin = 136;
constexpr size_t kXxh3MidSizeMax = 240;
constexpr size_t kXxh3MidSizeStartOffset = 3;
constexpr size_t kXxh3MidSizeLastOffset = 17;
constexpr size_t kXxh3LastAccStart = 7;
constexpr size_t kXxh3MergeAccsStart = 11;

// The default XXH3 secret (identical in 0.7.2 and 0.8.1).
const uint8_t* Xxh3DefaultSecret() {
  static const uint8_t kSecretBytes[kXxh3SecretSize] = {
      0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c,
      0xf7, 0x21, 0xad, 0x1c, 0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb,
      0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f, 0xcb, 0x79, 0xe6, 0x4e,
      0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
      0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6,
      0x81, 0x3a, 0x26, 0x4c, 0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb,
      0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3, 0x71, 0x64, 0x48, 0x97,
      0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
      0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7,
      0xc7, 0x0b, 0x4f, 0x1d, 0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31,
      0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64, 0xea, 0xc5, 0xac, 0x83,
      0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
      0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26,
      0x29, 0xd4, 0x68, 0x9e, 0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc,
      0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce, 0x45, 0xcb, 0x3a, 0x8f,
      0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
  };
  return kSecretBytes;
}

// Little-endian loads (skyrocks targets little-endian hosts; port/port.h
// rejects others).
inline uint32_t XxRead32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline uint64_t XxRead64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline uint32_t XxRotl32(uint32_t x, int r) {
  return (x << r) | (x >> (32 - r));
}

inline uint64_t XxRotl64(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

// ---- XXH32 ----

inline uint32_t Xxh32Round(uint32_t acc, uint32_t input) {
  acc += input * kXxPrime32_2;
  acc = XxRotl32(acc, 13);
  return acc * kXxPrime32_1;
}

// ---- XXH64 ----

inline uint64_t Xxh64Round(uint64_t acc, uint64_t input) {
  acc += input * kXxPrime64_2;
  acc = XxRotl64(acc, 31);
  return acc * kXxPrime64_1;
}

inline uint64_t Xxh64MergeRound(uint64_t acc, uint64_t val) {
  acc ^= Xxh64Round(0, val);
  return acc * kXxPrime64_1 + kXxPrime64_4;
}

inline uint64_t Xxh64Avalanche(uint64_t h) {
  h ^= h >> 33;
  h *= kXxPrime64_2;
  h ^= h >> 29;
  h *= kXxPrime64_3;
  h ^= h >> 32;
  return h;
}

// ---- shared XXH3 pieces ----

inline uint64_t Xxh3Mul128Fold64(uint64_t lhs, uint64_t rhs) {
  const unsigned __int128 product =
      static_cast<unsigned __int128>(lhs) * static_cast<unsigned __int128>(rhs);
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline uint64_t Xxh3Mix16(const uint8_t* in, const uint8_t* secret,
                          uint64_t seed) {
  return Xxh3Mul128Fold64(XxRead64(in) ^ (XxRead64(secret) + seed),
                          XxRead64(in + 8) ^ (XxRead64(secret + 8) - seed));
}

// Which XXH3: the final 0.8.1 or the 0.7.2 preview.
enum class Xxh3Variant { kFinal, kPreview };

inline uint64_t Xxh3Avalanche(uint64_t h, Xxh3Variant v) {
  h ^= h >> 37;
  h *= v == Xxh3Variant::kFinal ? kXxh3AvalancheMul : kXxPrime64_3;
  h ^= h >> 32;
  return h;
}

uint64_t Xxh3Len17To128(const uint8_t* in, size_t len, const uint8_t* secret,
                        uint64_t seed, Xxh3Variant v) {
  uint64_t acc = len * kXxPrime64_1;
  if (len > 32) {
    if (len > 64) {
      if (len > 96) {
        acc += Xxh3Mix16(in + 48, secret + 96, seed);
        acc += Xxh3Mix16(in + len - 64, secret + 112, seed);
      }
      acc += Xxh3Mix16(in + 32, secret + 64, seed);
      acc += Xxh3Mix16(in + len - 48, secret + 80, seed);
    }
    acc += Xxh3Mix16(in + 16, secret + 32, seed);
    acc += Xxh3Mix16(in + len - 32, secret + 48, seed);
  }
  acc += Xxh3Mix16(in, secret, seed);
  acc += Xxh3Mix16(in + len - 16, secret + 16, seed);
  return Xxh3Avalanche(acc, v);
}

uint64_t Xxh3Len129To240(const uint8_t* in, size_t len, const uint8_t* secret,
                         uint64_t seed, Xxh3Variant v) {
  uint64_t acc = len * kXxPrime64_1;
  const size_t rounds = len / 16;
  for (size_t i = 0; i < 8; i++) {
    acc += Xxh3Mix16(in + 16 * i, secret + 16 * i, seed);
  }
  acc = Xxh3Avalanche(acc, v);
  for (size_t i = 8; i < rounds; i++) {
    acc += Xxh3Mix16(in + 16 * i,
                     secret + 16 * (i - 8) + kXxh3MidSizeStartOffset, seed);
  }
  acc += Xxh3Mix16(in + len - 16,
                   secret + kXxh3SecretSizeMin - kXxh3MidSizeLastOffset, seed);
  return Xxh3Avalanche(acc, v);
}

// One 64-byte stripe into the eight accumulator lanes. On x86-64 two lanes
// per SSE2 register (SSE2 is part of the x86-64 baseline); the scalar loop
// is the definition.
inline void Xxh3Accumulate512(uint64_t* acc, const uint8_t* in,
                              const uint8_t* secret, Xxh3Variant v) {
#if SKYROCKS_X86_64
  for (size_t i = 0; i < 4; i++) {
    const __m128i data =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(in) + i);
    const __m128i key = _mm_xor_si128(
        data, _mm_loadu_si128(reinterpret_cast<const __m128i*>(secret) + i));
    // Low half of each lane times its high half.
    const __m128i product = _mm_mul_epu32(key, _mm_srli_epi64(key, 32));
    const __m128i add = v == Xxh3Variant::kFinal
                            ? _mm_shuffle_epi32(data, _MM_SHUFFLE(1, 0, 3, 2))
                            : data;
    __m128i* lanes = reinterpret_cast<__m128i*>(acc) + i;
    _mm_storeu_si128(lanes, _mm_add_epi64(_mm_loadu_si128(lanes),
                                          _mm_add_epi64(product, add)));
  }
#else
  for (size_t i = 0; i < 8; i++) {
    const uint64_t data = XxRead64(in + 8 * i);
    const uint64_t key = data ^ XxRead64(secret + 8 * i);
    acc[v == Xxh3Variant::kFinal ? (i ^ 1) : i] += data;
    acc[i] += (key & 0xFFFFFFFFull) * (key >> 32);
  }
#endif
}

inline void Xxh3ScrambleAcc(uint64_t* acc, const uint8_t* secret) {
#if SKYROCKS_X86_64
  const __m128i prime = _mm_set1_epi32(static_cast<int>(kXxPrime32_1));
  for (size_t i = 0; i < 4; i++) {
    __m128i* lanes = reinterpret_cast<__m128i*>(acc) + i;
    __m128i a = _mm_loadu_si128(lanes);
    a = _mm_xor_si128(a, _mm_srli_epi64(a, 47));
    a = _mm_xor_si128(
        a, _mm_loadu_si128(reinterpret_cast<const __m128i*>(secret) + i));
    const __m128i lo = _mm_mul_epu32(a, prime);
    const __m128i hi = _mm_mul_epu32(_mm_srli_epi64(a, 32), prime);
    _mm_storeu_si128(lanes, _mm_add_epi64(lo, _mm_slli_epi64(hi, 32)));
  }
#else
  for (size_t i = 0; i < 8; i++) {
    uint64_t a = acc[i];
    a ^= a >> 47;
    a ^= XxRead64(secret + 8 * i);
    a *= kXxPrime32_1;
    acc[i] = a;
  }
#endif
}

inline void Xxh3AccumulateStripes(uint64_t* acc, const uint8_t* in,
                                  const uint8_t* secret, size_t stripes,
                                  Xxh3Variant v) {
  for (size_t n = 0; n < stripes; n++) {
    Xxh3Accumulate512(acc, in + n * kXxh3StripeLen,
                      secret + n * kXxh3SecretConsumeRate, v);
  }
}

uint64_t Xxh3HashLong(const uint8_t* in, size_t len, const uint8_t* secret,
                      Xxh3Variant v) {
  uint64_t acc[8] = {kXxPrime32_3, kXxPrime64_1, kXxPrime64_2, kXxPrime64_3,
                     kXxPrime64_4, kXxPrime32_2, kXxPrime64_5, kXxPrime32_1};
  const size_t stripes_per_block =
      (kXxh3SecretSize - kXxh3StripeLen) / kXxh3SecretConsumeRate;
  const size_t block_len = kXxh3StripeLen * stripes_per_block;
  // 0.8.1 keeps the last (possibly full) stripe for the final step.
  const size_t body = v == Xxh3Variant::kFinal ? len - 1 : len;
  const size_t blocks = body / block_len;
  for (size_t n = 0; n < blocks; n++) {
    Xxh3AccumulateStripes(acc, in + n * block_len, secret, stripes_per_block,
                          v);
    Xxh3ScrambleAcc(acc, secret + kXxh3SecretSize - kXxh3StripeLen);
  }
  const size_t stripes = (body - block_len * blocks) / kXxh3StripeLen;
  Xxh3AccumulateStripes(acc, in + blocks * block_len, secret, stripes, v);
  if (v == Xxh3Variant::kFinal || (len & (kXxh3StripeLen - 1)) != 0) {
    Xxh3Accumulate512(
        acc, in + len - kXxh3StripeLen,
        secret + kXxh3SecretSize - kXxh3StripeLen - kXxh3LastAccStart, v);
  }
  uint64_t result = len * kXxPrime64_1;
  const uint8_t* ms = secret + kXxh3MergeAccsStart;
  for (size_t i = 0; i < 8; i += 2) {
    result += Xxh3Mul128Fold64(acc[i] ^ XxRead64(ms + 8 * i),
                               acc[i + 1] ^ XxRead64(ms + 8 * i + 8));
  }
  return Xxh3Avalanche(result, v);
}

// The default secret altered by a non-zero seed, for long inputs.
void Xxh3SeededSecret(uint64_t seed, uint8_t* out) {
  const uint8_t* base = Xxh3DefaultSecret();
  for (size_t i = 0; i < kXxh3SecretSize / 16; i++) {
    const uint64_t lo = XxRead64(base + 16 * i) + seed;
    const uint64_t hi = XxRead64(base + 16 * i + 8) - seed;
    std::memcpy(out + 16 * i, &lo, 8);
    std::memcpy(out + 16 * i + 8, &hi, 8);
  }
}

// ---- XXH3 0.8.1 short inputs ----

uint64_t Xxh3FinalLen0To16(const uint8_t* in, size_t len, const uint8_t* secret,
                           uint64_t seed) {
  if (len > 8) {
    const uint64_t flip1 =
        (XxRead64(secret + 24) ^ XxRead64(secret + 32)) + seed;
    const uint64_t flip2 =
        (XxRead64(secret + 40) ^ XxRead64(secret + 48)) - seed;
    const uint64_t lo = XxRead64(in) ^ flip1;
    const uint64_t hi = XxRead64(in + len - 8) ^ flip2;
    const uint64_t acc =
        len + __builtin_bswap64(lo) + hi + Xxh3Mul128Fold64(lo, hi);
    return Xxh3Avalanche(acc, Xxh3Variant::kFinal);
  }
  if (len >= 4) {
    seed ^=
        static_cast<uint64_t>(__builtin_bswap32(static_cast<uint32_t>(seed)))
        << 32;
    const uint64_t flip = (XxRead64(secret + 8) ^ XxRead64(secret + 16)) - seed;
    const uint64_t in64 =
        XxRead32(in + len - 4) + (static_cast<uint64_t>(XxRead32(in)) << 32);
    uint64_t h = in64 ^ flip;
    h ^= XxRotl64(h, 49) ^ XxRotl64(h, 24);
    h *= kXxh3RrmxmxMul;
    h ^= (h >> 35) + len;
    h *= kXxh3RrmxmxMul;
    return h ^ (h >> 28);
  }
  if (len > 0) {
    const uint32_t combined = (static_cast<uint32_t>(in[0]) << 16) |
                              (static_cast<uint32_t>(in[len >> 1]) << 24) |
                              static_cast<uint32_t>(in[len - 1]) |
                              (static_cast<uint32_t>(len) << 8);
    const uint64_t flip =
        (static_cast<uint64_t>(XxRead32(secret) ^ XxRead32(secret + 4))) + seed;
    return Xxh64Avalanche(static_cast<uint64_t>(combined) ^ flip);
  }
  return Xxh64Avalanche(seed ^ XxRead64(secret + 56) ^ XxRead64(secret + 64));
}

// ---- XXH3 0.7.2 preview short inputs ----

uint64_t Xxh3PreviewLen0To16(const uint8_t* in, size_t len,
                             const uint8_t* secret, uint64_t seed) {
  if (len > 8) {
    const uint64_t lo = XxRead64(in) ^ (XxRead64(secret) + seed);
    const uint64_t hi = XxRead64(in + len - 8) ^ (XxRead64(secret + 8) - seed);
    const uint64_t acc = len + (lo + hi) + Xxh3Mul128Fold64(lo, hi);
    return Xxh3Avalanche(acc, Xxh3Variant::kPreview);
  }
  if (len >= 4) {
    const uint64_t in64 =
        XxRead32(in) | (static_cast<uint64_t>(XxRead32(in + len - 4)) << 32);
    const uint64_t keyed = in64 ^ (XxRead64(secret) + seed);
    const uint64_t mix = len + ((keyed ^ (keyed >> 51)) * kXxPrime32_1);
    return Xxh3Avalanche((mix ^ (mix >> 47)) * kXxPrime64_2,
                         Xxh3Variant::kPreview);
  }
  if (len > 0) {
    const uint32_t combined = static_cast<uint32_t>(in[0]) |
                              (static_cast<uint32_t>(in[len >> 1]) << 8) |
                              (static_cast<uint32_t>(in[len - 1]) << 16) |
                              (static_cast<uint32_t>(len) << 24);
    const uint64_t keyed =
        static_cast<uint64_t>(combined) ^ (XxRead32(secret) + seed);
    return Xxh3Avalanche(keyed * kXxPrime64_1, Xxh3Variant::kPreview);
  }
  // RocksDB's change to the preview: hash the seed rather than return 0.
  return Xxh3Mul128Fold64(seed + XxRead64(secret), kXxPrime64_2);
}

uint64_t Xxh3Hash(const void* data, size_t len, uint64_t seed, Xxh3Variant v) {
  const uint8_t* in = static_cast<const uint8_t*>(data);
  const uint8_t* secret = Xxh3DefaultSecret();
  if (len <= 16) {
    return v == Xxh3Variant::kFinal
               ? Xxh3FinalLen0To16(in, len, secret, seed)
               : Xxh3PreviewLen0To16(in, len, secret, seed);
  }
  if (len <= 128) return Xxh3Len17To128(in, len, secret, seed, v);
  if (len <= kXxh3MidSizeMax) return Xxh3Len129To240(in, len, secret, seed, v);
  if (seed == 0) return Xxh3HashLong(in, len, secret, v);
  uint8_t seeded[kXxh3SecretSize];
  Xxh3SeededSecret(seed, seeded);
  return Xxh3HashLong(in, len, seeded, v);
}

}  // namespace

uint32_t XXH32(const void* data, size_t len, uint32_t seed) {
  const uint8_t* p = static_cast<const uint8_t*>(data);
  const uint8_t* const end = p + len;
  uint32_t h;
  if (len >= 16) {
    uint32_t v1 = seed + kXxPrime32_1 + kXxPrime32_2;
    uint32_t v2 = seed + kXxPrime32_2;
    uint32_t v3 = seed;
    uint32_t v4 = seed - kXxPrime32_1;
    const uint8_t* const limit = end - 16;
    do {
      v1 = Xxh32Round(v1, XxRead32(p));
      v2 = Xxh32Round(v2, XxRead32(p + 4));
      v3 = Xxh32Round(v3, XxRead32(p + 8));
      v4 = Xxh32Round(v4, XxRead32(p + 12));
      p += 16;
    } while (p <= limit);
    h = XxRotl32(v1, 1) + XxRotl32(v2, 7) + XxRotl32(v3, 12) + XxRotl32(v4, 18);
  } else {
    h = seed + kXxPrime32_5;
  }
  h += static_cast<uint32_t>(len);
  while (end - p >= 4) {
    h += XxRead32(p) * kXxPrime32_3;
    h = XxRotl32(h, 17) * kXxPrime32_4;
    p += 4;
  }
  while (p < end) {
    h += static_cast<uint32_t>(*p) * kXxPrime32_5;
    h = XxRotl32(h, 11) * kXxPrime32_1;
    p++;
  }
  h ^= h >> 15;
  h *= kXxPrime32_2;
  h ^= h >> 13;
  h *= kXxPrime32_3;
  h ^= h >> 16;
  return h;
}

uint64_t XXH64(const void* data, size_t len, uint64_t seed) {
  const uint8_t* p = static_cast<const uint8_t*>(data);
  const uint8_t* const end = p + len;
  uint64_t h;
  if (len >= 32) {
    uint64_t v1 = seed + kXxPrime64_1 + kXxPrime64_2;
    uint64_t v2 = seed + kXxPrime64_2;
    uint64_t v3 = seed;
    uint64_t v4 = seed - kXxPrime64_1;
    const uint8_t* const limit = end - 32;
    do {
      v1 = Xxh64Round(v1, XxRead64(p));
      v2 = Xxh64Round(v2, XxRead64(p + 8));
      v3 = Xxh64Round(v3, XxRead64(p + 16));
      v4 = Xxh64Round(v4, XxRead64(p + 24));
      p += 32;
    } while (p <= limit);
    h = XxRotl64(v1, 1) + XxRotl64(v2, 7) + XxRotl64(v3, 12) + XxRotl64(v4, 18);
    h = Xxh64MergeRound(h, v1);
    h = Xxh64MergeRound(h, v2);
    h = Xxh64MergeRound(h, v3);
    h = Xxh64MergeRound(h, v4);
  } else {
    h = seed + kXxPrime64_5;
  }
  h += static_cast<uint64_t>(len);
  while (end - p >= 8) {
    h ^= Xxh64Round(0, XxRead64(p));
    h = XxRotl64(h, 27) * kXxPrime64_1 + kXxPrime64_4;
    p += 8;
  }
  if (end - p >= 4) {
    h ^= static_cast<uint64_t>(XxRead32(p)) * kXxPrime64_1;
    h = XxRotl64(h, 23) * kXxPrime64_2 + kXxPrime64_3;
    p += 4;
  }
  while (p < end) {
    h ^= static_cast<uint64_t>(*p) * kXxPrime64_5;
    h = XxRotl64(h, 11) * kXxPrime64_1;
    p++;
  }
  return Xxh64Avalanche(h);
}

uint64_t XXH3_64bits(const void* data, size_t len) {
  return Xxh3Hash(data, len, 0, Xxh3Variant::kFinal);
}

uint64_t XXH3_64bits_withSeed(const void* data, size_t len, uint64_t seed) {
  return Xxh3Hash(data, len, seed, Xxh3Variant::kFinal);
}

uint64_t XXPH3_64bits(const void* data, size_t len) {
  return Xxh3Hash(data, len, 0, Xxh3Variant::kPreview);
}

uint64_t XXPH3_64bits_withSeed(const void* data, size_t len, uint64_t seed) {
  return Xxh3Hash(data, len, seed, Xxh3Variant::kPreview);
}

}  // namespace xxhash
}  // namespace ROCKSDB_NAMESPACE
