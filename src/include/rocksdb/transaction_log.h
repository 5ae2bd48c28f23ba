// Descriptions of WAL files (DB::GetSortedWalFiles), RocksDB's LogFile.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_TRANSACTION_LOG_H_
#define SKYROCKS_INCLUDE_ROCKSDB_TRANSACTION_LOG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/types.h"

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

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_TRANSACTION_LOG_H_
