// log::Reader: reassembling records from fragments, and the per-mode
// treatment of damage documented in db/log_reader.h.
#include "db/log_reader.h"

#include <cstdio>
#include <cstring>

#include "util/coding.h"
#include "util/crc32c.h"

namespace ROCKSDB_NAMESPACE {
namespace log {

Reader::Reader(std::unique_ptr<FSSequentialFile> file, std::string file_name,
               Reporter* reporter, bool checksum, uint64_t log_number)
    : file_(std::move(file)),
      file_name_(std::move(file_name)),
      reporter_(reporter),
      checksum_(checksum),
      backing_store_(new char[kBlockSize]),
      log_number_(log_number) {}

Reader::~Reader() = default;

bool Reader::ReadRecord(Slice* record, std::string* scratch,
                        RecoveryMode mode) {
  scratch->clear();
  record->clear();
  bool in_fragmented_record = false;
  // Offset of the first fragment of the record being assembled.
  uint64_t prospective_record_offset = 0;
  const bool strict_tail = mode == RecoveryMode::kAbsoluteConsistency ||
                           mode == RecoveryMode::kPointInTimeRecovery;
  Slice fragment;
  while (true) {
    size_t drop_size = 0;
    size_t header_size = 0;
    const unsigned int record_type =
        ReadPhysicalRecord(&fragment, &drop_size, &header_size);
    const uint64_t physical_record_offset =
        end_of_buffer_offset_ - buffer_.size() - header_size - fragment.size();
    switch (record_type) {
      case kFullType:
      case kRecyclableFullType:
        if (in_fragmented_record && !scratch->empty()) {
          ReportCorruption(scratch->size(), "partial record without end(1)");
        }
        scratch->clear();
        *record = fragment;
        last_record_offset_ = physical_record_offset;
        return true;

      case kFirstType:
      case kRecyclableFirstType:
        if (in_fragmented_record && !scratch->empty()) {
          ReportCorruption(scratch->size(), "partial record without end(2)");
        }
        prospective_record_offset = physical_record_offset;
        scratch->assign(fragment.data(), fragment.size());
        in_fragmented_record = true;
        break;

      case kMiddleType:
      case kRecyclableMiddleType:
        if (!in_fragmented_record) {
          ReportCorruption(fragment.size(),
                           "missing start of fragmented record(1)");
        } else {
          scratch->append(fragment.data(), fragment.size());
        }
        break;

      case kLastType:
      case kRecyclableLastType:
        if (!in_fragmented_record) {
          ReportCorruption(fragment.size(),
                           "missing start of fragmented record(2)");
        } else {
          scratch->append(fragment.data(), fragment.size());
          *record = Slice(*scratch);
          last_record_offset_ = prospective_record_offset;
          return true;
        }
        break;

      case kLogBadHeader:
        if (strict_tail) ReportCorruption(drop_size, "truncated header");
        if (in_fragmented_record) {
          if (strict_tail) {
            ReportCorruption(scratch->size(), "error reading trailing data");
          }
          scratch->clear();
        }
        return false;

      case kLogEof:
        if (in_fragmented_record) {
          // The writer died between fragments: not damage unless the mode
          // says a torn tail matters.
          if (strict_tail) {
            ReportCorruption(scratch->size(), "error reading trailing data");
          }
          scratch->clear();
        }
        return false;

      case kLogOldRecord:
        if (mode != RecoveryMode::kSkipAnyCorruptedRecords) {
          // A record of a previous use of a recycled file: the log ends.
          if (in_fragmented_record) {
            if (strict_tail) {
              ReportCorruption(scratch->size(), "error reading trailing data");
            }
            scratch->clear();
          }
          return false;
        }
        if (in_fragmented_record) {
          ReportCorruption(scratch->size(), "error in middle of record");
          in_fragmented_record = false;
          scratch->clear();
        }
        break;

      case kLogBadRecord:
        if (in_fragmented_record) {
          ReportCorruption(scratch->size(), "error in middle of record");
          in_fragmented_record = false;
          scratch->clear();
        }
        break;

      case kLogBadRecordLen:
      case kLogBadRecordChecksum:
        if (record_type == kLogBadRecordLen && eof_) {
          // The body was cut short by the end of the file: a torn tail.
          if (strict_tail) {
            ReportCorruption(drop_size, "truncated record body");
          }
          return false;
        }
        if (recycled_ && mode == RecoveryMode::kTolerateCorruptedTailRecords) {
          // In a recycled file, garbage after the last good record is
          // expected (leftovers of the previous incarnation).
          scratch->clear();
          return false;
        }
        ReportCorruption(drop_size, record_type == kLogBadRecordLen
                                        ? "bad record length"
                                        : "checksum mismatch");
        if (in_fragmented_record) {
          ReportCorruption(scratch->size(), "error in middle of record");
          in_fragmented_record = false;
          scratch->clear();
        }
        break;

      case kSetCompressionType:
        ReportDrop(
            fragment.size(),
            Status::NotSupported("compressed WAL (kSetCompressionType record)",
                                 file_name_));
        return false;

      default: {
        char buf[48];
        std::snprintf(buf, sizeof(buf), "unknown record type %u", record_type);
        ReportCorruption(
            fragment.size() + (in_fragmented_record ? scratch->size() : 0),
            buf);
        in_fragmented_record = false;
        scratch->clear();
        break;
      }
    }
  }
}

void Reader::UnmarkEOF() {
  if (read_error_) return;
  eof_ = false;
  if (eof_offset_ == 0) return;
  // The file ended inside a block: read the rest of that block behind what
  // is still buffered, since records are parsed a whole block at a time.
  char* const store = backing_store_.get();
  const size_t consumed = eof_offset_ - buffer_.size();
  const size_t remaining = kBlockSize - eof_offset_;
  if (buffer_.data() != store + consumed) {
    std::memmove(store + consumed, buffer_.data(), buffer_.size());
  }
  Slice more;
  IOStatus s = file_->Read(remaining, IOOptions(), &more, store + eof_offset_,
                           nullptr);
  end_of_buffer_offset_ += more.size();
  if (!s.ok()) {
    if (!more.empty()) ReportDrop(more.size(), s);
    read_error_ = true;
    return;
  }
  if (more.data() != store + eof_offset_) {
    std::memmove(store + eof_offset_, more.data(), more.size());
  }
  buffer_ = Slice(store + consumed, eof_offset_ + more.size() - consumed);
  if (more.size() < remaining) {
    eof_ = true;
    eof_offset_ += more.size();
  } else {
    eof_offset_ = 0;
  }
}

bool Reader::ReadMore(size_t* drop_size, unsigned int* error) {
  if (!eof_ && !read_error_) {
    // The previous read was a full block; whatever is left of it is a
    // zero-filled tail to skip.
    buffer_.clear();
    IOStatus s = file_->Read(kBlockSize, IOOptions(), &buffer_,
                             backing_store_.get(), nullptr);
    end_of_buffer_offset_ += buffer_.size();
    if (!s.ok()) {
      buffer_.clear();
      ReportDrop(kBlockSize, s);
      read_error_ = true;
      *error = kLogEof;
      return false;
    }
    if (buffer_.size() < kBlockSize) {
      eof_ = true;
      eof_offset_ = buffer_.size();
    }
    return true;
  }
  // Bytes still buffered at the end of the file are an incomplete header
  // (the writer died while writing it).
  if (!buffer_.empty()) {
    *drop_size = buffer_.size();
    buffer_.clear();
    *error = kLogBadHeader;
    return false;
  }
  *error = kLogEof;
  return false;
}

unsigned int Reader::ReadPhysicalRecord(Slice* result, size_t* drop_size,
                                        size_t* header_size) {
  *header_size = 0;
  result->clear();
  while (true) {
    if (buffer_.size() < kHeaderSize) {
      unsigned int r = kLogEof;
      if (!ReadMore(drop_size, &r)) return r;
      continue;
    }
    const char* header = buffer_.data();
    const uint32_t length =
        static_cast<uint32_t>((static_cast<unsigned char>(header[4])) |
                              (static_cast<unsigned char>(header[5]) << 8));
    const unsigned int type = static_cast<unsigned char>(header[6]);
    size_t hsize = kHeaderSize;
    if (type >= kRecyclableFullType && type <= kRecyclableLastType) {
      if (end_of_buffer_offset_ == buffer_.size()) recycled_ = true;
      hsize = kRecyclableHeaderSize;
      if (buffer_.size() < kRecyclableHeaderSize) {
        unsigned int r = kLogEof;
        if (!ReadMore(drop_size, &r)) return r;
        continue;
      }
      const uint32_t log_num = DecodeFixed32(header + 7);
      if (log_num != static_cast<uint32_t>(log_number_)) {
        *drop_size = buffer_.size();
        buffer_.clear();
        return kLogOldRecord;
      }
    }
    if (hsize + length > buffer_.size()) {
      *drop_size = buffer_.size();
      buffer_.clear();
      return kLogBadRecordLen;
    }
    if (type == kZeroType && length == 0) {
      // Preallocated, zeroed space: skip the rest of the block silently.
      buffer_.clear();
      return kLogBadRecord;
    }
    if (checksum_) {
      const uint32_t expected = crc32c::Unmask(DecodeFixed32(header));
      const uint32_t actual = crc32c::Value(header + 6, hsize - 6 + length);
      if (actual != expected) {
        // The length may be what is damaged: drop the rest of the block
        // rather than trusting it.
        *drop_size = buffer_.size();
        buffer_.clear();
        return kLogBadRecordChecksum;
      }
    }
    buffer_.remove_prefix(hsize + length);
    *header_size = hsize;
    *result = Slice(header + hsize, length);
    return type;
  }
}

void Reader::ReportCorruption(size_t bytes, const char* reason) {
  ReportDrop(bytes, Status::Corruption(
                        reason, file_name_ + " near offset " +
                                    std::to_string(end_of_buffer_offset_ -
                                                   buffer_.size())));
}

void Reader::ReportDrop(size_t bytes, const Status& reason) {
  if (reporter_ != nullptr) reporter_->Corruption(bytes, reason);
}

}  // namespace log
}  // namespace ROCKSDB_NAMESPACE
