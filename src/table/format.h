// The fixed parts of the block-based table (SST) format: block handles, the
// 5-byte block trailer and its checksums, block compression framing, and
// the footer (doc/table_format.md, "Block handles and trailers",
// "Compression" and "Footer").
// ReadBlockFromFile reads one block, verifies its checksum and decompresses
// it; every length read from a file is checked against the file size first,
// so corrupt input gives Corruption naming the file and offset and never a
// crash or an unbounded allocation. Thread-safe (no shared state).
#ifndef SKYROCKS_TABLE_FORMAT_H_
#define SKYROCKS_TABLE_FORMAT_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "rocksdb/compression_type.h"
#include "rocksdb/file_system.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

// Block checksum algorithms (RocksDB's ChecksumType numbering).
enum TableChecksumType : unsigned char {
  kTableNoChecksum = 0x0,
  kTableCRC32c = 0x1,
  kTablexxHash = 0x2,
  kTablexxHash64 = 0x3,
  kTableXXH3 = 0x4,
};

constexpr uint64_t kBlockBasedTableMagicNumber = 0x88e241b785f4cff7ull;
constexpr uint64_t kLegacyBlockBasedTableMagicNumber = 0xdb4775248b80fb57ull;
constexpr size_t kBlockTrailerSize = 5;
// Footer of format_version >= 1: checksum type, two handles padded to 40
// bytes, u32 format_version, u64 magic.
constexpr size_t kNewVersionsFooterLength = 53;
constexpr size_t kLegacyFooterLength = 48;
// Blocks larger than this are treated as corrupt (RocksDB never writes a
// block near it; it bounds allocations on damaged files).
constexpr uint64_t kMaxBlockSize = uint64_t{1} << 30;

// Location of a block in a file; size excludes the trailer.
class BlockHandle {
 public:
  static constexpr size_t kMaxEncodedLength = 20;
  BlockHandle() = default;
  BlockHandle(uint64_t offset, uint64_t size) : offset_(offset), size_(size) {}

  uint64_t offset() const { return offset_; }
  uint64_t size() const { return size_; }
  bool IsNull() const { return offset_ == 0 && size_ == 0; }

  void EncodeTo(std::string* dst) const;
  // Consumes a handle from the front of input; Corruption if malformed.
  Status DecodeFrom(Slice* input);

 private:
  uint64_t offset_ = 0;
  uint64_t size_ = 0;
};

// The checksum stored in a block trailer: over payload[0, n) followed by
// the compression type byte last_byte, without the caller joining them.
// base_context/offset add format_version 6's per-block modifier (pass 0 for
// earlier versions).
uint32_t ComputeBlockChecksum(TableChecksumType type, const char* payload,
                              size_t n, char last_byte,
                              uint32_t base_context = 0,
                              uint64_t block_offset = 0);

class Footer {
 public:
  Footer() = default;
  // For writing (format_version 1..5).
  Footer(TableChecksumType checksum, const BlockHandle& metaindex,
         const BlockHandle& index, uint32_t format_version)
      : checksum_(checksum),
        metaindex_(metaindex),
        index_(index),
        format_version_(format_version) {}

  TableChecksumType checksum() const { return checksum_; }
  const BlockHandle& metaindex_handle() const { return metaindex_; }
  // Null for format_version 6 (the index handle is in the metaindex).
  const BlockHandle& index_handle() const { return index_; }
  uint32_t format_version() const { return format_version_; }
  uint32_t base_context_checksum() const { return base_context_; }

  // Appends the 53-byte footer. REQUIRES: 1 <= format_version <= 5.
  void EncodeTo(std::string* dst) const;
  // Decodes the tail of a file (input = its last <= 53 bytes; file_offset
  // = where input starts). Corruption naming fname on a bad magic, an
  // unsupported version or malformed handles.
  Status DecodeFrom(const Slice& input, uint64_t file_offset,
                    const std::string& fname);

 private:
  TableChecksumType checksum_ = kTableCRC32c;
  BlockHandle metaindex_;
  BlockHandle index_;
  uint32_t format_version_ = 0;
  uint32_t base_context_ = 0;
};

// Reads the footer of a file of file_size bytes.
Status ReadFooterFromFile(const FSRandomAccessFile* file,
                          const std::string& fname, uint64_t file_size,
                          Footer* footer);

// The bytes of one block as read from a file: allocated without
// zero-filling, because the read or the decompressor writes every byte (a
// std::string would first write zeros over all of them).
class BlockContents {
 public:
  BlockContents() = default;
  explicit BlockContents(size_t n) : buf_(new char[n == 0 ? 1 : n]), size_(n) {}
  explicit BlockContents(const Slice& copy_of) : BlockContents(copy_of.size()) {
    if (size_ != 0) std::memcpy(buf_.get(), copy_of.data(), size_);
  }
  BlockContents(BlockContents&&) = default;
  BlockContents& operator=(BlockContents&&) = default;

  char* mutable_data() { return buf_.get(); }
  const char* data() const { return buf_.get(); }
  size_t size() const { return size_; }
  Slice slice() const { return Slice(buf_.get(), size_); }
  std::string ToString() const { return std::string(buf_.get(), size_); }

 private:
  std::unique_ptr<char[]> buf_;
  size_t size_ = 0;
};

// Largest uncompressed size a codec can produce from n compressed bytes
// (the bound UncompressBlockPayload enforces before allocating): LZ4
// emits at most 255 bytes per input byte (a match-length continuation
// byte), Snappy 64 per 3 (a 3-byte copy tag), ZSTD 128 KiB per 4 (a
// one-byte RLE block after its 3-byte header). Never above kMaxBlockSize.
uint64_t MaxUncompressedBlockSize(CompressionType type, uint64_t n);

// Compresses raw into *out with RocksDB's framing for type (Snappy raw;
// LZ4/ZSTD with a varint32 size prefix). Returns false when the type is
// not supported here or compression failed.
bool CompressBlockPayload(CompressionType type, const Slice& raw, int level,
                          std::string* out);

// Undoes CompressBlockPayload. Corruption naming fname/offset on bad input.
// The size a block claims is checked against MaxUncompressedBlockSize (and,
// for ZSTD, against the frame's own content size) before anything is
// allocated, so a few hostile bytes cannot cost a large allocation.
Status UncompressBlockPayload(CompressionType type, const Slice& compressed,
                              const std::string& fname, uint64_t offset,
                              BlockContents* out);

// Name RocksDB writes in the rocksdb.compression property ("Snappy", ...).
const char* CompressionTypeName(CompressionType type);

// Reads the block at handle, checks its trailer's checksum (unless
// verify_checksum is false) and decompresses it into *contents.
// Bytes read ahead of time go through DecodeRawBlock instead.
Status ReadBlockFromFile(const FSRandomAccessFile* file,
                         const std::string& fname, uint64_t file_size,
                         const Footer& footer, const BlockHandle& handle,
                         bool verify_checksum, BlockContents* contents);

// The second half of ReadBlockFromFile: raw is the block's bytes with
// its trailer (handle.size() + kBlockTrailerSize), checked, decompressed.
Status DecodeRawBlock(const Slice& raw, const std::string& fname,
                      const Footer& footer, const BlockHandle& handle,
                      bool verify_checksum, BlockContents* contents);

// Corruption unless the block at handle lies inside a file of file_size.
Status CheckBlockHandle(const std::string& fname, uint64_t file_size,
                        const BlockHandle& handle);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_FORMAT_H_
