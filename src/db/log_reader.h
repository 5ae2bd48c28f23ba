// log::Reader reads the logical records of a WAL or MANIFEST file written
// in the log format of db/log_format.h (legacy and recyclable headers). It
// owns the file. Damage is reported to a Reporter with the number of bytes
// dropped and a Corruption status naming the file, offset and reason
// ("checksum mismatch", "bad record length", "truncated header",
// "error reading trailing data", "partial record without end",
// "missing start of fragmented record", "unknown record type N", ...).
//
// What counts as damage depends on the RecoveryMode passed to ReadRecord,
// which mirrors RocksDB's WALRecoveryMode value for value so that the DB
// can pass its option through:
// * kTolerateCorruptedTailRecords: a torn record at the end of the file
//   (incomplete header or body, fragment sequence cut short) ends the log
//   silently; damage elsewhere is reported.
// * kAbsoluteConsistency, kPointInTimeRecovery: a torn tail is reported
//   too; the DB then fails (absolute) or stops replay there (point in time).
// * kSkipAnyCorruptedRecords: like the default, but records of a previous
//   incarnation of a recycled file are skipped instead of ending the log.
// In every mode the reader resynchronizes at the next block after damage
// and keeps returning the records it can verify; the Reporter calls let the
// caller decide whether to stop.
//
// Not thread-safe.
#ifndef SKYROCKS_DB_LOG_READER_H_
#define SKYROCKS_DB_LOG_READER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "db/log_format.h"
#include "rocksdb/file_system.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {
namespace log {

// Same values as RocksDB's WALRecoveryMode.
enum class RecoveryMode : char {
  kTolerateCorruptedTailRecords = 0x00,
  kAbsoluteConsistency = 0x01,
  kPointInTimeRecovery = 0x02,
  kSkipAnyCorruptedRecords = 0x03,
};

class Reader {
 public:
  // Receives the damage found while reading.
  class Reporter {
   public:
    virtual ~Reporter() = default;
    // bytes were dropped; status is a Corruption (or the IOError of a read
    // that failed).
    virtual void Corruption(size_t bytes, const Status& status) = 0;
  };

  // reporter may be null (damage is then only skipped). checksum: verify
  // record CRCs. log_number: the file's number, which recyclable records
  // must carry (low 32 bits) to belong to this incarnation of the file.
  // file_name is used in messages only.
  Reader(std::unique_ptr<FSSequentialFile> file, std::string file_name,
         Reporter* reporter, bool checksum, uint64_t log_number);
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  ~Reader();

  // Reads the next record into *record (which may point into *scratch or
  // an internal buffer, valid until the next call). Returns false at the
  // end of the log (or of what can be trusted, per mode).
  bool ReadRecord(
      Slice* record, std::string* scratch,
      RecoveryMode mode = RecoveryMode::kTolerateCorruptedTailRecords);

  // File offset of the start of the last record ReadRecord returned.
  uint64_t LastRecordOffset() const { return last_record_offset_; }
  // File offset just past the last record ReadRecord returned.
  uint64_t LastRecordEnd() const {
    return end_of_buffer_offset_ - buffer_.size();
  }
  // True once the file returned a short read.
  bool IsEOF() const { return eof_; }
  // After IsEOF(): reads on from where the file ended (it may have grown
  // since, as a live WAL does), so ReadRecord returns the records appended
  // meanwhile. RocksDB's UnmarkEOF.
  void UnmarkEOF();
  bool hasReadError() const { return read_error_; }
  // True if the file has recyclable records.
  bool IsRecycled() const { return recycled_; }
  uint64_t GetLogNumber() const { return log_number_; }
  const std::string& file_name() const { return file_name_; }

 private:
  // Results of ReadPhysicalRecord besides the RecordType values.
  enum : unsigned int {
    kLogEof = kMaxRecordType + 1,
    // A zero-length kZeroType record or a skipped region.
    kLogBadRecord = kMaxRecordType + 2,
    // Incomplete header at the end of the file.
    kLogBadHeader = kMaxRecordType + 3,
    // A recyclable record with another log number.
    kLogOldRecord = kMaxRecordType + 4,
    // Length beyond the data read (bad length or torn body).
    kLogBadRecordLen = kMaxRecordType + 5,
    kLogBadRecordChecksum = kMaxRecordType + 6,
  };

  unsigned int ReadPhysicalRecord(Slice* result, size_t* drop_size,
                                  size_t* header_size);
  // Reads the next block into buffer_; false (with *error) when nothing
  // more can be read.
  bool ReadMore(size_t* drop_size, unsigned int* error);
  void ReportCorruption(size_t bytes, const char* reason);
  void ReportDrop(size_t bytes, const Status& reason);

  std::unique_ptr<FSSequentialFile> file_;
  const std::string file_name_;
  Reporter* const reporter_;
  const bool checksum_;
  std::unique_ptr<char[]> backing_store_;
  Slice buffer_;
  bool eof_ = false;
  // Bytes of the block in which the file ended (0: it ended on a block
  // boundary), for UnmarkEOF.
  size_t eof_offset_ = 0;
  bool read_error_ = false;
  uint64_t last_record_offset_ = 0;
  // Offset just past the end of buffer_.
  uint64_t end_of_buffer_offset_ = 0;
  const uint64_t log_number_;
  bool recycled_ = false;
};

}  // namespace log
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_LOG_READER_H_
