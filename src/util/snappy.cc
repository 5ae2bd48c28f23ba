// Snappy raw block compressor and checked decompressor; contract in
// util/snappy.h. Format: a varint32 uncompressed length, then tags whose low
// two bits select the element:
//   00 literal: length-1 in the upper 6 bits; 60..63 there mean the length-1
//      follows in 1..4 little-endian bytes; then the literal bytes.
//   01 copy, 1-byte offset: length-4 in bits 2..4 (4..11), offset bits 8..10
//      in bits 5..7, offset bits 0..7 in the next byte.
//   10 copy, 2-byte little-endian offset: length-1 in the upper 6 bits.
//   11 copy, 4-byte little-endian offset: length-1 in the upper 6 bits.
// The compressor works on 64 KiB fragments with a hash table of 4-byte
// sequences (so it never needs 4-byte offsets) and skips ahead faster the
// longer it finds no match. The decompressor uses 8/16-byte unaligned copies
// only where both buffers provably have room, byte loops elsewhere.
// All functions are pure and thread-safe.
#include "util/snappy.h"

#include <cstdint>
#include <cstring>

#include "port/port.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {
namespace snappy {

namespace {

constexpr size_t kSnappyFragmentSize = size_t{1} << 16;
constexpr int kSnappyMaxHashBits = 14;
constexpr int kSnappyMinHashBits = 8;
// The match finder stops this many bytes before the fragment end so that
// its 8-byte loads and 16-byte literal copies stay inside the input.
constexpr size_t kSnappyInputMargin = 15;
// Extra room past MaxCompressedLength for 16-byte literal copies.
constexpr size_t kSnappyOutputSlack = 16;

inline uint32_t SnappyLoad32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline uint64_t SnappyLoad64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline void SnappyCopy8(char* dst, const char* src) {
  uint64_t v;
  std::memcpy(&v, src, sizeof(v));
  std::memcpy(dst, &v, sizeof(v));
}

inline void SnappyCopy16(char* dst, const char* src) {
  char v[16];
  std::memcpy(v, src, sizeof(v));
  std::memcpy(dst, v, sizeof(v));
}

inline uint32_t SnappyHash(uint32_t v, int shift) {
  return (v * 0x1e35a7bdu) >> shift;
}

// Appends a literal tag and the bytes. allow_fast: input has 16 readable
// bytes at literal and the output has 16 spare bytes past the literal.
inline char* SnappyEmitLiteral(char* op, const char* literal, size_t len,
                               bool allow_fast) {
  size_t n = len - 1;
  if (n < 60) {
    *op++ = static_cast<char>(n << 2);
    if (allow_fast && len <= 16) {
      SnappyCopy16(op, literal);
      return op + len;
    }
  } else {
    char* tag = op++;
    int count = 0;
    while (n > 0) {
      *op++ = static_cast<char>(n & 0xff);
      n >>= 8;
      count++;
    }
    *tag = static_cast<char>((59 + count) << 2);
  }
  std::memcpy(op, literal, len);
  return op + len;
}

// REQUIRES: 1 <= len <= 64, offset < 65536.
inline char* SnappyEmitCopy2(char* op, size_t offset, size_t len) {
  *op++ = static_cast<char>(2 | ((len - 1) << 2));
  *op++ = static_cast<char>(offset & 0xff);
  *op++ = static_cast<char>(offset >> 8);
  return op;
}

// REQUIRES: len >= 4, 0 < offset < 65536.
inline char* SnappyEmitCopy(char* op, size_t offset, size_t len) {
  while (SKYROCKS_UNLIKELY(len >= 68)) {
    op = SnappyEmitCopy2(op, offset, 64);
    len -= 64;
  }
  if (len > 64) {
    op = SnappyEmitCopy2(op, offset, 60);
    len -= 60;
  }
  if (len < 12 && offset < 2048) {
    *op++ = static_cast<char>(1 | ((len - 4) << 2) | ((offset >> 8) << 5));
    *op++ = static_cast<char>(offset & 0xff);
    return op;
  }
  return SnappyEmitCopy2(op, offset, len);
}

// Length of the common prefix of s1 and s2, where s1 < s2 < s2_end.
inline size_t SnappyMatchLength(const char* s1, const char* s2,
                                const char* s2_end) {
  size_t matched = 0;
  while (s2 + 8 <= s2_end) {
    uint64_t a = SnappyLoad64(s1 + matched);
    uint64_t b = SnappyLoad64(s2);
    if (a != b) {
      return matched + (static_cast<size_t>(__builtin_ctzll(a ^ b)) >> 3);
    }
    s2 += 8;
    matched += 8;
  }
  while (s2 < s2_end && s1[matched] == *s2) {
    s2++;
    matched++;
  }
  return matched;
}

// Compresses input[0, n-1] (n <= 64 KiB) into op; returns the new end.
// table has 1 << hash_bits zeroed entries.
char* SnappyCompressFragment(const char* input, size_t n, char* op,
                             uint16_t* table, int hash_bits) {
  const int shift = 32 - hash_bits;
  const char* ip = input;
  const char* const ip_end = input + n;
  const char* next_emit = input;
  if (n >= kSnappyInputMargin) {
    const char* const ip_limit = ip_end - kSnappyInputMargin;
    ip++;
    uint32_t next_hash = SnappyHash(SnappyLoad32(ip), shift);
    for (;;) {
      // Find a 4-byte match, stepping further the longer none is found.
      uint32_t skip = 32;
      const char* next_ip = ip;
      const char* candidate;
      do {
        ip = next_ip;
        uint32_t hash = next_hash;
        next_ip = ip + (skip >> 5);
        skip++;
        if (SKYROCKS_UNLIKELY(next_ip > ip_limit)) goto emit_remainder;
        next_hash = SnappyHash(SnappyLoad32(next_ip), shift);
        candidate = input + table[hash];
        table[hash] = static_cast<uint16_t>(ip - input);
      } while (SnappyLoad32(ip) != SnappyLoad32(candidate));

      op = SnappyEmitLiteral(op, next_emit, static_cast<size_t>(ip - next_emit),
                             true);
      // Emit copies while the byte after each one starts another match.
      uint64_t window;
      uint32_t cur;
      do {
        const char* start = ip;
        size_t matched = 4 + SnappyMatchLength(candidate + 4, ip + 4, ip_end);
        ip += matched;
        op =
            SnappyEmitCopy(op, static_cast<size_t>(start - candidate), matched);
        next_emit = ip;
        if (SKYROCKS_UNLIKELY(ip >= ip_limit)) goto emit_remainder;
        window = SnappyLoad64(ip - 1);
        table[SnappyHash(static_cast<uint32_t>(window), shift)] =
            static_cast<uint16_t>(ip - input - 1);
        cur = static_cast<uint32_t>(window >> 8);
        uint32_t cur_hash = SnappyHash(cur, shift);
        candidate = input + table[cur_hash];
        table[cur_hash] = static_cast<uint16_t>(ip - input);
      } while (cur == SnappyLoad32(candidate));
      next_hash = SnappyHash(static_cast<uint32_t>(window >> 16), shift);
      ip++;
    }
  }
emit_remainder:
  if (next_emit < ip_end) {
    op = SnappyEmitLiteral(op, next_emit,
                           static_cast<size_t>(ip_end - next_emit), false);
  }
  return op;
}

inline uint32_t SnappyLoadLE(const uint8_t* p, size_t nbytes) {
  uint32_t v = 0;
  for (size_t i = 0; i < nbytes; i++)
    v |= static_cast<uint32_t>(p[i]) << (8 * i);
  return v;
}

// Parses the varint32 header of [p, end). Returns a pointer past it, or
// nullptr if it is truncated or does not fit in 32 bits.
const uint8_t* SnappyParseHeader(const uint8_t* p, const uint8_t* end,
                                 uint32_t* result) {
  uint32_t v = 0;
  for (int i = 0; i < 5; i++) {
    if (p >= end) return nullptr;
    uint32_t b = *p++;
    if (i == 4 && b > 0x0f) return nullptr;
    v |= (b & 0x7f) << (7 * i);
    if (b < 0x80) {
      *result = v;
      return p;
    }
  }
  return nullptr;
}

// Decodes the tags in [ip, ip_end) into exactly ulen bytes at out.
bool SnappyDecodeTags(const uint8_t* ip, const uint8_t* ip_end, char* out,
                      size_t ulen) {
  char* op = out;
  char* const op_end = out + ulen;
  while (ip < ip_end) {
    const uint8_t c = *ip++;
    size_t len;
    size_t offset;
    switch (c & 3) {
      case 0: {
        len = static_cast<size_t>(c >> 2) + 1;
        if (SKYROCKS_LIKELY(len <= 16 && ip_end - ip >= 16 &&
                            op_end - op >= 16)) {
          SnappyCopy16(op, reinterpret_cast<const char*>(ip));
          op += len;
          ip += len;
          continue;
        }
        // Literals of 17..60 bytes (random value bytes) copied as whole
        // 16-byte chunks when both buffers have 64 bytes of room: no
        // memcpy call, no length-dependent branches.
        if (len <= 60 && ip_end - ip >= 64 && op_end - op >= 64) {
          const char* src = reinterpret_cast<const char*>(ip);
          SnappyCopy16(op, src);
          SnappyCopy16(op + 16, src + 16);
          SnappyCopy16(op + 32, src + 32);
          SnappyCopy16(op + 48, src + 48);
          op += len;
          ip += len;
          continue;
        }
        if (len > 60) {
          size_t nbytes = len - 60;
          if (static_cast<size_t>(ip_end - ip) < nbytes) return false;
          len = static_cast<size_t>(SnappyLoadLE(ip, nbytes)) + 1;
          ip += nbytes;
        }
        if (len > static_cast<size_t>(ip_end - ip) ||
            len > static_cast<size_t>(op_end - op)) {
          return false;
        }
        std::memcpy(op, ip, len);
        op += len;
        ip += len;
        continue;
      }
      case 1:
        if (ip >= ip_end) return false;
        len = 4 + ((c >> 2) & 7);
        offset = (static_cast<size_t>(c >> 5) << 8) | *ip++;
        break;
      case 2:
        if (ip_end - ip < 2) return false;
        len = static_cast<size_t>(c >> 2) + 1;
        offset = SnappyLoadLE(ip, 2);
        ip += 2;
        break;
      default:
        if (ip_end - ip < 4) return false;
        len = static_cast<size_t>(c >> 2) + 1;
        offset = SnappyLoadLE(ip, 4);
        ip += 4;
        break;
    }
    const size_t room = static_cast<size_t>(op_end - op);
    if (offset == 0 || offset > static_cast<size_t>(op - out) || len > room) {
      return false;
    }
    const char* src = op - offset;
    if (SKYROCKS_LIKELY(room - len >= 16)) {
      // 8/16-byte chunks may write up to 15 bytes past the copy; the bytes
      // there are overwritten later (or are past the data and unused).
      char* dst = op;
      char* const copy_end = op + len;
      if (offset < 8) {
        // A short repeating pattern (runs of one byte are common): build 8
        // bytes of it in a register from byte loads and store it every
        // `step` bytes (the largest multiple of offset <= 8). Loading 8
        // bytes that overlap the stores just made would stall on store
        // forwarding once per chunk.
        uint64_t pattern = 0;
        for (size_t i = 0, j = 0; i < 8; i++, j = j + 1 == offset ? 0 : j + 1) {
          pattern |= static_cast<uint64_t>(static_cast<uint8_t>(src[j]))
                     << (8 * i);
        }
        const size_t step = 8 - 8 % offset;
        while (dst < copy_end) {
          std::memcpy(dst, &pattern, sizeof(pattern));
          dst += step;
        }
      } else if (offset >= 16) {
        // Each 16-byte source chunk lies wholly before its destination.
        while (dst < copy_end) {
          SnappyCopy16(dst, src);
          src += 16;
          dst += 16;
        }
      } else {
        while (dst < copy_end) {
          SnappyCopy8(dst, src);
          src += 8;
          dst += 8;
        }
      }
      op = copy_end;
    } else {
      for (size_t i = 0; i < len; i++) op[i] = src[i];
      op += len;
    }
  }
  return op == op_end;
}

// Parses the header and checks that the block could expand to it: no tag
// yields more than 64 output bytes per 3 input bytes.
bool SnappyReadHeader(const char* compressed, size_t n, const uint8_t** body,
                      size_t* ulen) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(compressed);
  const uint8_t* end = p + n;
  uint32_t len = 0;
  const uint8_t* q = SnappyParseHeader(p, end, &len);
  if (q == nullptr) return false;
  uint64_t body_len = static_cast<uint64_t>(end - q);
  if (static_cast<uint64_t>(len) * 3 > body_len * 64) return false;
  *body = q;
  *ulen = len;
  return true;
}

}  // namespace

size_t MaxCompressedLength(size_t n) { return 32 + n + n / 6; }

void Compress(const char* input, size_t n, std::string* output) {
  output->resize(MaxCompressedLength(n) + kSnappyOutputSlack);
  char* const begin = &(*output)[0];
  char* op = EncodeVarint32(begin, static_cast<uint32_t>(n));
  uint16_t table[size_t{1} << kSnappyMaxHashBits];
  size_t pos = 0;
  while (pos < n) {
    size_t frag = n - pos < kSnappyFragmentSize ? n - pos : kSnappyFragmentSize;
    int bits = kSnappyMinHashBits;
    while (bits < kSnappyMaxHashBits && (size_t{1} << bits) < frag) bits++;
    std::memset(table, 0, sizeof(uint16_t) << bits);
    op = SnappyCompressFragment(input + pos, frag, op, table, bits);
    pos += frag;
  }
  output->resize(static_cast<size_t>(op - begin));
}

bool GetUncompressedLength(const char* compressed, size_t n, size_t* result) {
  const uint8_t* body;
  return SnappyReadHeader(compressed, n, &body, result);
}

bool Uncompress(const char* compressed, size_t n, std::string* output) {
  const uint8_t* body;
  size_t ulen;
  if (!SnappyReadHeader(compressed, n, &body, &ulen)) return false;
  output->resize(ulen);
  const uint8_t* end = reinterpret_cast<const uint8_t*>(compressed) + n;
  return SnappyDecodeTags(body, end, ulen == 0 ? nullptr : &(*output)[0], ulen);
}

bool RawUncompress(const char* compressed, size_t n, char* output) {
  const uint8_t* body;
  size_t ulen;
  if (!SnappyReadHeader(compressed, n, &body, &ulen)) return false;
  const uint8_t* end = reinterpret_cast<const uint8_t*>(compressed) + n;
  return SnappyDecodeTags(body, end, output, ulen);
}

bool IsValidCompressedBuffer(const char* compressed, size_t n) {
  std::string scratch;
  return Uncompress(compressed, n, &scratch);
}

}  // namespace snappy
}  // namespace ROCKSDB_NAMESPACE
