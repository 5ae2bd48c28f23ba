// log::Writer: fragmenting records into 32 KiB blocks (db/log_format.h).
#include "db/log_writer.h"

#include "util/coding.h"
#include "util/crc32c.h"

namespace ROCKSDB_NAMESPACE {
namespace log {

Writer::Writer(std::unique_ptr<FSWritableFile> dest, uint64_t log_number,
               bool recycle_log_files, bool manual_flush, uint64_t dest_length)
    : dest_(std::move(dest)),
      block_offset_(static_cast<size_t>(dest_length % kBlockSize)),
      file_size_(dest_length),
      log_number_(log_number),
      recycle_log_files_(recycle_log_files),
      manual_flush_(manual_flush) {
  for (int i = 0; i <= kMaxRecordType; i++) {
    const char t = static_cast<char>(i);
    type_crc_[i] = crc32c::Value(&t, 1);
  }
}

Writer::~Writer() = default;

IOStatus Writer::AddRecord(const Slice& record, const IOOptions& opts) {
  const char* ptr = record.data();
  size_t left = record.size();
  const size_t header_size =
      recycle_log_files_ ? kRecyclableHeaderSize : kHeaderSize;
  IOStatus s;
  bool begin = true;
  do {
    const size_t leftover = kBlockSize - block_offset_;
    if (leftover < header_size) {
      // Too small for a header: zero-fill the tail, start a new block.
      if (leftover > 0) {
        static const char kLogZeroTail[kRecyclableHeaderSize] = {0};
        s = dest_->Append(Slice(kLogZeroTail, leftover), opts, nullptr);
        if (!s.ok()) return s;
        file_size_ += leftover;
      }
      block_offset_ = 0;
    }
    const size_t avail = kBlockSize - block_offset_ - header_size;
    const size_t fragment_length = left < avail ? left : avail;
    const bool end = (left == fragment_length);
    RecordType type;
    if (begin && end) {
      type = recycle_log_files_ ? kRecyclableFullType : kFullType;
    } else if (begin) {
      type = recycle_log_files_ ? kRecyclableFirstType : kFirstType;
    } else if (end) {
      type = recycle_log_files_ ? kRecyclableLastType : kLastType;
    } else {
      type = recycle_log_files_ ? kRecyclableMiddleType : kMiddleType;
    }
    s = EmitPhysicalRecord(type, ptr, fragment_length, opts);
    ptr += fragment_length;
    left -= fragment_length;
    begin = false;
  } while (s.ok() && left > 0);
  if (s.ok() && !manual_flush_) s = dest_->Flush(opts, nullptr);
  return s;
}

IOStatus Writer::EmitPhysicalRecord(RecordType type, const char* ptr,
                                    size_t length, const IOOptions& opts) {
  char buf[kRecyclableHeaderSize];
  buf[4] = static_cast<char>(length & 0xff);
  buf[5] = static_cast<char>(length >> 8);
  buf[6] = static_cast<char>(type);
  size_t header_size = kHeaderSize;
  uint32_t crc = type_crc_[type];
  if (type >= kRecyclableFullType && type <= kRecyclableLastType) {
    header_size = kRecyclableHeaderSize;
    EncodeFixed32(buf + 7, static_cast<uint32_t>(log_number_));
    crc = crc32c::Extend(crc, buf + 7, 4);
  }
  crc = crc32c::Extend(crc, ptr, length);
  EncodeFixed32(buf, crc32c::Mask(crc));
  IOStatus s = dest_->Append(Slice(buf, header_size), opts, nullptr);
  if (s.ok()) s = dest_->Append(Slice(ptr, length), opts, nullptr);
  if (s.ok()) {
    block_offset_ += header_size + length;
    file_size_ += header_size + length;
  }
  return s;
}

IOStatus Writer::WriteBuffer(const IOOptions& opts) {
  return dest_->Flush(opts, nullptr);
}

IOStatus Writer::Sync(const IOOptions& opts) {
  IOStatus s = dest_->Flush(opts, nullptr);
  if (s.ok()) s = dest_->Sync(opts, nullptr);
  return s;
}

IOStatus Writer::Close(const IOOptions& opts) {
  if (!dest_) return IOStatus::OK();
  IOStatus s = dest_->Close(opts, nullptr);
  dest_.reset();
  return s;
}

}  // namespace log
}  // namespace ROCKSDB_NAMESPACE
