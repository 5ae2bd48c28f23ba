// The WAL files of a DB directory besides writing them, as RocksDB 7.8.3's
// WalManager handles them: listing the live (wal_dir) and archived
// (wal_dir/archive) WALs in order with the sequence of their first batch
// (DB::GetSortedWalFiles, DB::GetUpdatesSince), moving an obsolete WAL
// into the archive instead of deleting it when WAL_ttl_seconds or
// WAL_size_limit_MB are set, and purging the archive by age and total
// size. Functions over a FileSystem, no state: callers serialize a purge
// (its last run time is theirs to keep); listing may run concurrently with
// archiving (a WAL seen in both places is listed once, archived).
#ifndef SKYROCKS_DB_WAL_FILES_H_
#define SKYROCKS_DB_WAL_FILES_H_

#include <cstdint>
#include <string>

#include "rocksdb/file_system.h"
#include "rocksdb/options.h"
#include "rocksdb/status.h"
#include "rocksdb/transaction_log.h"
#include "rocksdb/types.h"

namespace ROCKSDB_NAMESPACE {

// RocksDB's LogFileImpl: PathName "/000012.log" or "/archive/000012.log",
// relative to wal_dir.
class WalFileImpl : public LogFile {
 public:
  WalFileImpl(uint64_t number, WalFileType type, SequenceNumber start,
              uint64_t size)
      : number_(number), type_(type), start_(start), size_(size) {}
  std::string PathName() const override;
  uint64_t LogNumber() const override { return number_; }
  WalFileType Type() const override { return type_; }
  SequenceNumber StartSequence() const override { return start_; }
  uint64_t SizeFileBytes() const override { return size_; }

 private:
  const uint64_t number_;
  const WalFileType type_;
  const SequenceNumber start_;
  const uint64_t size_;
};

// True when the options keep obsolete WALs in the archive.
inline bool WalArchivingEnabled(const DBOptions& o) {
  return o.WAL_ttl_seconds > 0 || o.WAL_size_limit_MB > 0;
}

// The archived WALs, then the live ones newer than the newest archived,
// each list by number; files without a complete first batch are left out.
[[nodiscard]] Status ListSortedWalFiles(FileSystem* fs,
                                        const std::string& wal_dir,
                                        VectorLogPtr* files);

// Drops the files before the last one starting at or before target (the
// one that may hold it); keeps them all when target precedes the first.
void RetainProbableWalFiles(VectorLogPtr* files, SequenceNumber target);

// Moves wal_dir/NNNNNN.log to wal_dir/archive/NNNNNN.log.
[[nodiscard]] IOStatus ArchiveWalFile(FileSystem* fs,
                                      const std::string& wal_dir,
                                      uint64_t number);

// Deletes archived WALs older than WAL_ttl_seconds (by modification time)
// and, with WAL_size_limit_MB, empty ones and the oldest beyond
// limit / largest size files. Runs at most every WAL_ttl_seconds / 2 (ttl
// alone) or 600 s after *last_run (seconds; updated), as RocksDB.
void PurgeArchivedWals(FileSystem* fs, const std::string& wal_dir,
                       const DBOptions& options, uint64_t now_seconds,
                       uint64_t* last_run);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_WAL_FILES_H_
