// SstFileReader: opens one SST outside any DB (RocksDB's class). Its
// iterator shows user keys as a DB would at the newest sequence number:
// the newest entry of each key wins, deletions and keys covered by the
// file's range tombstones are hidden. A key whose newest entry is a merge
// operand stops the iterator with NotSupported (skyrocks' SstFileReader does
// not apply merge operators; the DB does). Thread-safe after Open;
// iterators are used by one thread each and must be deleted before the
// reader.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_SST_FILE_READER_H_
#define SKYROCKS_INCLUDE_ROCKSDB_SST_FILE_READER_H_

#include <memory>
#include <string>

#include "rocksdb/iterator.h"
#include "rocksdb/options.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/status.h"
#include "rocksdb/table_properties.h"

namespace ROCKSDB_NAMESPACE {

class SstFileReader {
 public:
  explicit SstFileReader(const Options& options);
  SstFileReader(const SstFileReader&) = delete;
  SstFileReader& operator=(const SstFileReader&) = delete;
  ~SstFileReader();

  Status Open(const std::string& file_path);
  Iterator* NewIterator(const ReadOptions& options);
  std::shared_ptr<const TableProperties> GetTableProperties() const;
  Status VerifyChecksum(const ReadOptions& /*read_options*/) {
    return VerifyChecksum();
  }
  Status VerifyChecksum();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_SST_FILE_READER_H_
