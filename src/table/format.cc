// Block handles, trailers, checksums, compression framing and footers;
// contracts in table/format.h.
#include "table/format.h"

#include <string.h>

#include <algorithm>

#include "table/block_codecs.h"
#include "util/coding.h"
#include "util/crc32c.h"
#include "util/snappy.h"
#include "util/xxhash.h"

namespace ROCKSDB_NAMESPACE {

namespace {

constexpr uint32_t kXxh3LastByteMultiplier = 0x6b9083d9u;
// format_version 6's "extended magic" at footer bytes 1..4.
constexpr char kFooterExtendedMagic[4] = {0x3e, 0x00, 0x7a, 0x00};

uint32_t ChecksumModifierForContext(uint32_t base, uint64_t offset) {
  if (base == 0) return 0;
  return base ^
         (static_cast<uint32_t>(offset) + static_cast<uint32_t>(offset >> 32));
}

std::string FileAt(const std::string& fname, uint64_t offset) {
  return fname + " at offset " + std::to_string(offset);
}

}  // namespace

void BlockHandle::EncodeTo(std::string* dst) const {
  PutVarint64(dst, offset_);
  PutVarint64(dst, size_);
}

Status BlockHandle::DecodeFrom(Slice* input) {
  if (GetVarint64(input, &offset_) && GetVarint64(input, &size_)) {
    return Status::OK();
  }
  offset_ = size_ = 0;
  return Status::Corruption("bad block handle");
}

uint32_t ComputeBlockChecksum(TableChecksumType type, const char* payload,
                              size_t n, char last_byte, uint32_t base_context,
                              uint64_t block_offset) {
  uint32_t v = 0;
  switch (type) {
    case kTableNoChecksum:
      return 0;
    case kTableCRC32c:
      v = crc32c::Mask(
          crc32c::Extend(crc32c::Value(payload, n), &last_byte, 1));
      break;
    case kTablexxHash:
    case kTablexxHash64: {
      // One-shot hashes need the bytes together; these types are rare.
      std::string joined;
      joined.reserve(n + 1);
      joined.append(payload, n);
      joined.push_back(last_byte);
      v = type == kTablexxHash ? xxhash::XXH32(joined.data(), joined.size(), 0)
                               : static_cast<uint32_t>(xxhash::XXH64(
                                     joined.data(), joined.size(), 0));
      break;
    }
    case kTableXXH3:
      v = static_cast<uint32_t>(xxhash::XXH3_64bits(payload, n)) ^
          (static_cast<uint32_t>(static_cast<unsigned char>(last_byte)) *
           kXxh3LastByteMultiplier);
      break;
  }
  return v + ChecksumModifierForContext(base_context, block_offset);
}

void Footer::EncodeTo(std::string* dst) const {
  const size_t start = dst->size();
  dst->push_back(static_cast<char>(checksum_));
  metaindex_.EncodeTo(dst);
  index_.EncodeTo(dst);
  dst->resize(start + 1 + 2 * BlockHandle::kMaxEncodedLength, '\0');
  PutFixed32(dst, format_version_);
  PutFixed64(dst, kBlockBasedTableMagicNumber);
}

Status Footer::DecodeFrom(const Slice& input, uint64_t file_offset,
                          const std::string& fname) {
  if (input.size() < kLegacyFooterLength) {
    return Status::Corruption(fname, "file too short (" +
                                         std::to_string(input.size()) +
                                         " bytes) to be an SST");
  }
  const char* magic_ptr = input.data() + input.size() - 8;
  const uint64_t magic = DecodeFixed64(magic_ptr);
  if (magic == kLegacyBlockBasedTableMagicNumber) {
    Slice handles(input.data() + input.size() - kLegacyFooterLength, 40);
    checksum_ = kTableCRC32c;
    format_version_ = 0;
    Status s = metaindex_.DecodeFrom(&handles);
    if (s.ok()) s = index_.DecodeFrom(&handles);
    if (!s.ok()) return Status::Corruption(fname, "bad handles in footer");
    return Status::OK();
  }
  if (magic != kBlockBasedTableMagicNumber) {
    return Status::Corruption(
        fname,
        "bad table magic number: expected block-based table "
        "0x88e241b785f4cff7, found 0x" +
            Slice(magic_ptr, 8).ToString(true));
  }
  if (input.size() < kNewVersionsFooterLength) {
    return Status::Corruption(fname, "footer too short");
  }
  const char* f = input.data() + input.size() - kNewVersionsFooterLength;
  const uint64_t footer_offset =
      file_offset + input.size() - kNewVersionsFooterLength;
  format_version_ = DecodeFixed32(f + 41);
  checksum_ = static_cast<TableChecksumType>(f[0]);
  if (checksum_ > kTableXXH3) {
    return Status::Corruption(
        fname, "unknown checksum type " + std::to_string(f[0]) + " in footer");
  }
  if (format_version_ < 1 || format_version_ > 6) {
    return Status::NotSupported(fname, "unsupported SST format_version " +
                                           std::to_string(format_version_));
  }
  if (format_version_ >= 6) {
    if (memcmp(f + 1, kFooterExtendedMagic, 4) != 0) {
      return Status::Corruption(fname, "bad extended magic in footer");
    }
    const uint32_t stored = DecodeFixed32(f + 5);
    base_context_ = DecodeFixed32(f + 9);
    const uint32_t meta_size = DecodeFixed32(f + 13);
    std::string copy(f, kNewVersionsFooterLength);
    memset(&copy[5], 0, 4);
    const uint32_t computed =
        ComputeBlockChecksum(checksum_, copy.data(), copy.size() - 1,
                             copy.back(), base_context_, footer_offset);
    if (checksum_ != kTableNoChecksum && stored != computed) {
      return Status::Corruption(FileAt(fname, footer_offset),
                                "footer checksum mismatch");
    }
    if (uint64_t{meta_size} + kBlockTrailerSize > footer_offset) {
      return Status::Corruption(fname, "metaindex size in footer too large");
    }
    metaindex_ =
        BlockHandle(footer_offset - kBlockTrailerSize - meta_size, meta_size);
    index_ = BlockHandle();
    return Status::OK();
  }
  Slice handles(f + 1, 2 * BlockHandle::kMaxEncodedLength);
  Status s = metaindex_.DecodeFrom(&handles);
  if (s.ok()) s = index_.DecodeFrom(&handles);
  if (!s.ok()) return Status::Corruption(fname, "bad handles in footer");
  return Status::OK();
}

Status ReadFooterFromFile(const FSRandomAccessFile* file,
                          const std::string& fname, uint64_t file_size,
                          Footer* footer) {
  if (file_size < kLegacyFooterLength) {
    return Status::Corruption(fname, "file is too short (" +
                                         std::to_string(file_size) +
                                         " bytes) to be an SST file");
  }
  const size_t n = static_cast<size_t>(
      std::min<uint64_t>(file_size, kNewVersionsFooterLength));
  char buf[kNewVersionsFooterLength];
  Slice got;
  IOStatus s = file->Read(file_size - n, n, IOOptions(), &got, buf, nullptr);
  if (!s.ok()) return std::move(s);
  if (got.size() != n) {
    return Status::Corruption(fname, "short read of footer");
  }
  return footer->DecodeFrom(got, file_size - n, fname);
}

const char* CompressionTypeName(CompressionType type) {
  switch (type) {
    case kNoCompression:
      return "NoCompression";
    case kSnappyCompression:
      return "Snappy";
    case kZlibCompression:
      return "Zlib";
    case kBZip2Compression:
      return "BZip2";
    case kLZ4Compression:
      return "LZ4";
    case kLZ4HCCompression:
      return "LZ4HC";
    case kXpressCompression:
      return "Xpress";
    case kZSTD:
      return "ZSTD";
    case kZSTDNotFinalCompression:
      return "ZSTDNotFinal";
    case kDisableCompressionOption:
      return "DisableOption";
  }
  return "Unknown";
}

bool CompressBlockPayload(CompressionType type, const Slice& raw, int level,
                          std::string* out) {
  out->clear();
  switch (type) {
    case kSnappyCompression:
      snappy::Compress(raw.data(), raw.size(), out);
      return true;
    case kLZ4Compression:
      if (raw.size() > kLZ4MaxInputSize) return false;
      PutVarint32(out, static_cast<uint32_t>(raw.size()));
      return LZ4CompressRaw(raw, out);
    case kZSTD:
    case kZSTDNotFinalCompression: {
      PutVarint32(out, static_cast<uint32_t>(raw.size()));
      // RocksDB's default level (32767) means "library default".
      const int zlevel = (level == 32767 || level == 0) ? 3 : level;
      return ZstdCompressRaw(raw, zlevel, out);
    }
    default:
      return false;
  }
}

uint64_t MaxUncompressedBlockSize(CompressionType type, uint64_t n) {
  uint64_t bound = kMaxBlockSize;
  switch (type) {
    case kNoCompression:
      bound = n;
      break;
    case kSnappyCompression:
      bound = n / 3 * 64 + 64;
      break;
    case kLZ4Compression:
    case kLZ4HCCompression:
      bound = n * 255 + 16;
      break;
    case kZSTD:
    case kZSTDNotFinalCompression:
      bound = (n / 4 + 1) * (uint64_t{128} << 10);
      break;
    default:
      break;
  }
  return std::min(bound, kMaxBlockSize);
}

Status UncompressBlockPayload(CompressionType type, const Slice& compressed,
                              const std::string& fname, uint64_t offset,
                              BlockContents* out) {
  // Built only on failure: this runs for every block read.
  auto where = [&fname, offset] { return FileAt(fname, offset); };
  // A block of a codec this build left out (block_codecs.h).
  auto compiled_out = [&](const char* macro) {
    return Status::NotSupported(
        where(), std::string("block compressed with ") +
                     CompressionTypeName(type) +
                     ", a codec this skyrocks was compiled without (" + macro +
                     ")");
  };
  auto bad_length = [&](const char* codec, uint64_t claimed) {
    return Status::Corruption(
        where(), std::string(codec) + " block of " +
                     std::to_string(compressed.size()) + " bytes claims " +
                     std::to_string(claimed) +
                     " uncompressed bytes, more than it can hold");
  };
  switch (type) {
    case kNoCompression:
      *out = BlockContents(compressed);
      return Status::OK();
    case kSnappyCompression: {
      // snappy::GetUncompressedLength already refuses a length the body
      // cannot expand to; the bound here repeats it for this layer.
      size_t ulen = 0;
      if (!snappy::GetUncompressedLength(compressed.data(), compressed.size(),
                                         &ulen)) {
        return Status::Corruption(where(), "bad Snappy block length");
      }
      if (ulen > MaxUncompressedBlockSize(type, compressed.size())) {
        return bad_length("Snappy", ulen);
      }
      BlockContents buf(ulen);
      if (!snappy::RawUncompress(compressed.data(), compressed.size(),
                                 buf.mutable_data())) {
        return Status::Corruption(where(), "corrupt Snappy block");
      }
      *out = std::move(buf);
      return Status::OK();
    }
    case kLZ4Compression:
    case kLZ4HCCompression: {
      if (const char* macro = CodecCompiledOutBy(type)) {
        return compiled_out(macro);
      }
      Slice in = compressed;
      uint32_t ulen = 0;
      if (!GetVarint32(&in, &ulen) ||
          in.size() > kLZ4MaxInputSize) {
        return Status::Corruption(where(), "bad LZ4 block length");
      }
      if (ulen > MaxUncompressedBlockSize(type, in.size())) {
        return bad_length("LZ4", ulen);
      }
      BlockContents buf(ulen);
      if (!LZ4UncompressRaw(in, buf.mutable_data(), ulen)) {
        return Status::Corruption(where(), "corrupt LZ4 block");
      }
      *out = std::move(buf);
      return Status::OK();
    }
    case kZSTD:
    case kZSTDNotFinalCompression: {
      if (const char* macro = CodecCompiledOutBy(type)) {
        return compiled_out(macro);
      }
      Slice in = compressed;
      uint32_t ulen = 0;
      if (!GetVarint32(&in, &ulen)) {
        return Status::Corruption(where(), "bad ZSTD block length");
      }
      if (ulen > MaxUncompressedBlockSize(type, in.size())) {
        return bad_length("ZSTD", ulen);
      }
      // RocksDB's frames record their content size: it must be the claim.
      if (!ZstdFrameSizeFits(in, ulen)) {
        return Status::Corruption(
            where(), "ZSTD frame content size does not match the block's " +
                         std::to_string(ulen) + " bytes");
      }
      BlockContents buf(ulen);
      if (!ZstdUncompressRaw(in, buf.mutable_data(), ulen)) {
        return Status::Corruption(where(), "corrupt ZSTD block");
      }
      *out = std::move(buf);
      return Status::OK();
    }
    default:
      return Status::NotSupported(
          where(), std::string("block compression type ") +
                       CompressionTypeName(type) + " is not supported");
  }
}

Status CheckBlockHandle(const std::string& fname, uint64_t file_size,
                        const BlockHandle& handle) {
  const uint64_t n = handle.size();
  if (n > kMaxBlockSize || handle.offset() > file_size ||
      n + kBlockTrailerSize > file_size - handle.offset()) {
    return Status::Corruption(FileAt(fname, handle.offset()),
                              "block handle (size " + std::to_string(n) +
                                  ") extends past end of "
                                  "file (size " +
                                  std::to_string(file_size) + ")");
  }
  return Status::OK();
}

Status ReadBlockFromFile(const FSRandomAccessFile* file,
                         const std::string& fname, uint64_t file_size,
                         const Footer& footer, const BlockHandle& handle,
                         bool verify_checksum, BlockContents* contents) {
  Status s = CheckBlockHandle(fname, file_size, handle);
  if (!s.ok()) return s;
  const uint64_t n = handle.size();
  // The raw block goes to a per-thread scratch buffer (blocks up to 1 MiB;
  // larger ones get their own): a compressed block is only an input to
  // the decompressor, so a fresh zero-filled allocation per read (and its
  // free) would be wasted work on every block-cache miss.
  constexpr size_t kBlockReadScratchMax = size_t{1} << 20;
  thread_local std::string tls_block_read_scratch;
  std::string large;
  const size_t want = static_cast<size_t>(n) + kBlockTrailerSize;
  std::string& buf =
      want <= kBlockReadScratchMax ? tls_block_read_scratch : large;
  if (buf.size() < want) buf.resize(want);
  Slice got;
  IOStatus io =
      file->Read(handle.offset(), want, IOOptions(), &got, &buf[0], nullptr);
  if (!io.ok()) return std::move(io);
  return DecodeRawBlock(got, fname, footer, handle, verify_checksum,
                        contents);
}

Status DecodeRawBlock(const Slice& raw, const std::string& fname,
                      const Footer& footer, const BlockHandle& handle,
                      bool verify_checksum, BlockContents* contents) {
  const uint64_t n = handle.size();
  if (raw.size() != n + kBlockTrailerSize) {
    return Status::Corruption(FileAt(fname, handle.offset()),
                              "truncated block read");
  }
  const char* data = raw.data();
  if (verify_checksum && footer.checksum() != kTableNoChecksum) {
    const uint32_t stored = DecodeFixed32(data + n + 1);
    const uint32_t actual = ComputeBlockChecksum(
        footer.checksum(), data, static_cast<size_t>(n), data[n],
        footer.base_context_checksum(), handle.offset());
    if (stored != actual) {
      return Status::Corruption(FileAt(fname, handle.offset()),
                                "block checksum mismatch");
    }
  }
  const CompressionType type = static_cast<CompressionType>(data[n]);
  return UncompressBlockPayload(type, Slice(data, static_cast<size_t>(n)),
                                fname, handle.offset(), contents);
}

}  // namespace ROCKSDB_NAMESPACE
