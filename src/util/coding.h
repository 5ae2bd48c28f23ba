// Endian-neutral encoding of integers and length-prefixed slices, as RocksDB
// and leveldb lay them out on disk (see doc/table_format.md, "Encodings"):
// * Fixed-width integers are little-endian.
// * Varints use 7 bits a byte, low groups first, the high bit meaning "more";
//   at most 5 bytes for 32-bit and 10 bytes for 64-bit values.
// * A length-prefixed slice is a varint32 length then the bytes.
// The Put* functions append to a std::string; the Get* functions consume
// from the front of a Slice and return false, leaving it unspecified, on
// truncated or malformed input. All functions are thread-compatible.
#ifndef SKYROCKS_UTIL_CODING_H_
#define SKYROCKS_UTIL_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>

#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

constexpr int kMaxVarint32Length = 5;
constexpr int kMaxVarint64Length = 10;

void PutFixed16(std::string* dst, uint16_t value);
void PutFixed32(std::string* dst, uint32_t value);
void PutFixed64(std::string* dst, uint64_t value);
void PutVarint32(std::string* dst, uint32_t value);
void PutVarint64(std::string* dst, uint64_t value);
// Zig-zag then varint64, as RocksDB's varsigned64.
void PutVarsignedint64(std::string* dst, int64_t value);
void PutLengthPrefixedSlice(std::string* dst, const Slice& value);

bool GetFixed16(Slice* input, uint16_t* value);
bool GetFixed32(Slice* input, uint32_t* value);
bool GetFixed64(Slice* input, uint64_t* value);
bool GetVarint32(Slice* input, uint32_t* value);
bool GetVarint64(Slice* input, uint64_t* value);
bool GetVarsignedint64(Slice* input, int64_t* value);
bool GetLengthPrefixedSlice(Slice* input, Slice* result);

// The multi-byte case of GetVarint32Ptr (out of line).
const char* GetVarint32PtrFallback(const char* p, const char* limit,
                                   uint32_t* v);
// Parse a varint from [p, limit). Return a pointer just past the value, or
// nullptr if the bytes end first or the value has too many bytes. Inline
// for the one-byte case, which memtable and block key lengths nearly
// always are.
inline const char* GetVarint32Ptr(const char* p, const char* limit,
                                  uint32_t* v) {
  if (p < limit) {
    const uint32_t first = *reinterpret_cast<const unsigned char*>(p);
    if ((first & 128) == 0) {
      *v = first;
      return p + 1;
    }
  }
  return GetVarint32PtrFallback(p, limit, v);
}
const char* GetVarint64Ptr(const char* p, const char* limit, uint64_t* v);

// Number of bytes the varint encoding of v takes.
int VarintLength(uint64_t v);

// Write a varint into dst and return a pointer past it.
// REQUIRES: dst has room for kMaxVarint32Length / kMaxVarint64Length bytes.
char* EncodeVarint32(char* dst, uint32_t value);
char* EncodeVarint64(char* dst, uint64_t value);

// REQUIRES: buf has room for 2 / 4 / 8 bytes.
inline void EncodeFixed16(char* buf, uint16_t value) {
  std::memcpy(buf, &value, sizeof(value));
}
inline void EncodeFixed32(char* buf, uint32_t value) {
  std::memcpy(buf, &value, sizeof(value));
}
inline void EncodeFixed64(char* buf, uint64_t value) {
  std::memcpy(buf, &value, sizeof(value));
}

// REQUIRES: ptr points at 2 / 4 / 8 readable bytes.
inline uint16_t DecodeFixed16(const char* ptr) {
  uint16_t v;
  std::memcpy(&v, ptr, sizeof(v));
  return v;
}
inline uint32_t DecodeFixed32(const char* ptr) {
  uint32_t v;
  std::memcpy(&v, ptr, sizeof(v));
  return v;
}
inline uint64_t DecodeFixed64(const char* ptr) {
  uint64_t v;
  std::memcpy(&v, ptr, sizeof(v));
  return v;
}

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_CODING_H_
