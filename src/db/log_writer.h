// log::Writer appends logical records to a WAL or MANIFEST file in the log
// format of db/log_format.h. It owns the file. After each record the file is
// flushed to the OS unless manual_flush was requested; durability needs an
// explicit Sync. Not thread-safe: one writer thread at a time (the DB's
// write path serializes callers).
#ifndef SKYROCKS_DB_LOG_WRITER_H_
#define SKYROCKS_DB_LOG_WRITER_H_

#include <cstdint>
#include <memory>

#include "db/log_format.h"
#include "rocksdb/file_system.h"
#include "rocksdb/io_status.h"
#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {
namespace log {

class Writer {
 public:
  // log_number goes into recyclable headers (its low 32 bits);
  // recycle_log_files selects the 11-byte recyclable header. dest_length is
  // the size the file already has when appending to an existing log.
  Writer(std::unique_ptr<FSWritableFile> dest, uint64_t log_number,
         bool recycle_log_files, bool manual_flush = false,
         uint64_t dest_length = 0);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  // Does not close the file (call Close to see errors).
  ~Writer();

  // Appends one logical record (possibly empty).
  [[nodiscard]] IOStatus AddRecord(const Slice& record,
                                   const IOOptions& opts = IOOptions());
  // Flushes the file's buffer to the OS (for manual_flush writers).
  [[nodiscard]] IOStatus WriteBuffer(const IOOptions& opts = IOOptions());
  // Makes everything appended so far durable.
  [[nodiscard]] IOStatus Sync(const IOOptions& opts = IOOptions());
  [[nodiscard]] IOStatus Close(const IOOptions& opts = IOOptions());

  FSWritableFile* file() { return dest_.get(); }
  uint64_t get_log_number() const { return log_number_; }
  bool is_recycled() const { return recycle_log_files_; }
  // Bytes written through this writer plus dest_length.
  uint64_t file_size() const { return file_size_; }

 private:
  IOStatus EmitPhysicalRecord(RecordType type, const char* ptr, size_t length,
                              const IOOptions& opts);

  std::unique_ptr<FSWritableFile> dest_;
  size_t block_offset_;  // current offset in the current block
  uint64_t file_size_;
  const uint64_t log_number_;
  const bool recycle_log_files_;
  const bool manual_flush_;
  // crc32c of each record type byte, to extend with the rest.
  uint32_t type_crc_[kMaxRecordType + 1];
};

}  // namespace log
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_LOG_WRITER_H_
