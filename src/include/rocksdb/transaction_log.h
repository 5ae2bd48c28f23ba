// Descriptions of WAL files (DB::GetSortedWalFiles), RocksDB's LogFile,
// and the iterator over the write batches of the live and archived WALs
// (DB::GetUpdatesSince), RocksDB's TransactionLogIterator. An iterator
// belongs to one thread; it reads the files itself, without the DB mutex.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_TRANSACTION_LOG_H_
#define SKYROCKS_INCLUDE_ROCKSDB_TRANSACTION_LOG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/status.h"
#include "rocksdb/types.h"
#include "rocksdb/write_batch.h"

namespace ROCKSDB_NAMESPACE {

// Where a WAL lives: the DB directory or its archive/ subdirectory.
enum WalFileType { kArchivedLogFile = 0, kAliveLogFile = 1 };

class LogFile {
 public:
  LogFile() = default;
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;
  virtual ~LogFile() = default;
  // Relative to the DB directory, e.g. "/000012.log".
  virtual std::string PathName() const = 0;
  virtual uint64_t LogNumber() const = 0;
  virtual WalFileType Type() const = 0;
  // Sequence of the first write in the file (0 if it has none).
  virtual SequenceNumber StartSequence() const = 0;
  virtual uint64_t SizeFileBytes() const = 0;
};

using VectorLogPtr = std::vector<std::unique_ptr<LogFile>>;

// One write batch of a WAL and the sequence of its first entry.
struct BatchResult {
  SequenceNumber sequence = 0;
  std::unique_ptr<WriteBatch> writeBatchPtr;

  BatchResult() = default;
  ~BatchResult() = default;
  BatchResult(const BatchResult&) = delete;
  BatchResult& operator=(const BatchResult&) = delete;
  BatchResult(BatchResult&&) = default;
  BatchResult& operator=(BatchResult&&) = default;
};

// The batches from a sequence on, in sequence order, across WAL files.
// Past the last written batch it is not valid and status() is OK; when the
// DB wrote more meanwhile, status() is TryAgain ("Create a new iterator to
// fetch the new tail."), as in RocksDB.
class TransactionLogIterator {
 public:
  TransactionLogIterator() = default;
  TransactionLogIterator(const TransactionLogIterator&) = delete;
  TransactionLogIterator& operator=(const TransactionLogIterator&) = delete;
  virtual ~TransactionLogIterator() = default;

  virtual bool Valid() = 0;
  // REQUIRES: Valid().
  virtual void Next() = 0;
  virtual Status status() = 0;
  // The current batch (moved out: call once per position).
  // REQUIRES: Valid() and status().ok().
  virtual BatchResult GetBatch() = 0;

  struct ReadOptions {
    bool verify_checksums_;
    ReadOptions() : verify_checksums_(true) {}
    explicit ReadOptions(bool verify_checksums)
        : verify_checksums_(verify_checksums) {}
  };
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_TRANSACTION_LOG_H_
