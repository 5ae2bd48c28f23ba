// Snappy raw block format (no framing), written for skyrocks so the library
// needs no libsnappy: RocksDB 7.8.3 compresses blocks with Snappy by default.
// Output is valid Snappy that libsnappy decompresses, and every valid Snappy
// block (from libsnappy or elsewhere) decompresses here. Decompression checks
// every length and offset: malformed input returns false, never reads or
// writes out of bounds, and never allocates more than the declared
// uncompressed length (which callers should bound). Thread-safe.
#ifndef SKYROCKS_UTIL_SNAPPY_H_
#define SKYROCKS_UTIL_SNAPPY_H_

#include <cstddef>
#include <string>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {
namespace snappy {

// Largest compressed size for an input of n bytes.
size_t MaxCompressedLength(size_t n);

// Replaces *output with the compressed form of input[0, n-1].
void Compress(const char* input, size_t n, std::string* output);

// Reads the uncompressed length from the block's header.
bool GetUncompressedLength(const char* compressed, size_t n, size_t* result);

// Replaces *output with the decompressed block. Returns false on malformed
// input (output then unspecified).
bool Uncompress(const char* compressed, size_t n, std::string* output);

// Decompresses into output[0, GetUncompressedLength()-1].
// REQUIRES: output has room for GetUncompressedLength() bytes.
bool RawUncompress(const char* compressed, size_t n, char* output);

// True if the block decompresses without error.
bool IsValidCompressedBuffer(const char* compressed, size_t n);

}  // namespace snappy
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_SNAPPY_H_
