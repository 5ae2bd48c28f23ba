// SstFileWriter: writes an SST outside any DB, for DB::IngestExternalFile or
// for librocksdb to read (RocksDB's class and signatures). Keys must be
// added in strictly ascending user-key order (range deletions in any
// order); every entry gets sequence number 0, as RocksDB's writer does. The
// file is complete and synced only after Finish. Not thread-safe.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_SST_FILE_WRITER_H_
#define SKYROCKS_INCLUDE_ROCKSDB_SST_FILE_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "rocksdb/options.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class ColumnFamilyHandle;

struct ExternalSstFileInfo {
  std::string file_path;
  std::string smallest_key;  // user keys
  std::string largest_key;
  std::string smallest_range_del_key;
  std::string largest_range_del_key;
  uint64_t sequence_number = 0;
  uint64_t file_size = 0;
  uint64_t num_entries = 0;
  uint64_t num_range_del_entries = 0;
  int32_t version = 2;
};

class SstFileWriter {
 public:
  // column_family may be nullptr (the file then names no column family).
  SstFileWriter(const EnvOptions& env_options, const Options& options,
                ColumnFamilyHandle* column_family = nullptr,
                bool invalidate_page_cache = true);
  SstFileWriter(const SstFileWriter&) = delete;
  SstFileWriter& operator=(const SstFileWriter&) = delete;
  // Abandons (and deletes) a file that was opened but not finished.
  ~SstFileWriter();

  Status Open(const std::string& file_path);
  Status Put(const Slice& user_key, const Slice& value);
  Status Merge(const Slice& user_key, const Slice& value);
  Status Delete(const Slice& user_key);
  Status SingleDelete(const Slice& user_key);
  Status DeleteRange(const Slice& begin_key, const Slice& end_key);
  // Writes the rest of the file, syncs and closes it. InvalidArgument if
  // nothing was added (as RocksDB).
  Status Finish(ExternalSstFileInfo* file_info = nullptr);
  uint64_t FileSize();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_SST_FILE_WRITER_H_
