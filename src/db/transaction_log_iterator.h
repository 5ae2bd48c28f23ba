// TransactionLogIteratorImpl: DB::GetUpdatesSince's iterator, RocksDB
// 7.8.3's algorithm. It reads the WAL files it was given (oldest first,
// see db/wal_files.h) one record at a time and never past the DB's last
// published sequence, so it sees only acknowledged writes. It starts at the
// batch holding the requested sequence; a live file that was archived
// meanwhile is read from the archive. When batches are not contiguous
// (a WAL purged or unreadable) it seeks to the expected sequence again,
// and fails with a Corruption "Gap in sequence number" if it cannot.
// The VersionSet must outlive the iterator (the DB does, by contract).
// Not thread-safe.
#ifndef SKYROCKS_DB_TRANSACTION_LOG_ITERATOR_H_
#define SKYROCKS_DB_TRANSACTION_LOG_ITERATOR_H_

#include <cstdint>
#include <memory>
#include <string>

#include "db/log_reader.h"
#include "db/version_set.h"
#include "rocksdb/file_system.h"
#include "rocksdb/transaction_log.h"

namespace ROCKSDB_NAMESPACE {

class TransactionLogIteratorImpl : public TransactionLogIterator {
 public:
  TransactionLogIteratorImpl(std::shared_ptr<FileSystem> fs,
                             std::string wal_dir,
                             const TransactionLogIterator::ReadOptions& ro,
                             SequenceNumber seq, VectorLogPtr files,
                             const VersionSet* versions);

  bool Valid() override { return started_ && is_valid_; }
  void Next() override;
  Status status() override { return status_; }
  BatchResult GetBatch() override;

 private:
  Status OpenLogReader(const LogFile& file);
  // Reads a record unless the last batch read ends at the last sequence.
  bool RestrictedRead(Slice* record);
  void SeekToStartSequence(size_t start_file_index = 0, bool strict = false);
  void NextImpl(bool internal);
  void UpdateCurrentWriteBatch(const Slice& record);

  const std::shared_ptr<FileSystem> fs_;
  const std::string wal_dir_;
  const TransactionLogIterator::ReadOptions read_options_;
  SequenceNumber starting_sequence_;
  const VectorLogPtr files_;
  const VersionSet* const versions_;
  bool started_ = false;
  bool is_valid_ = false;
  Status status_;
  size_t current_file_index_ = 0;
  std::unique_ptr<WriteBatch> current_batch_;
  SequenceNumber current_batch_seq_ = 0;
  SequenceNumber current_last_seq_ = 0;
  std::unique_ptr<log::Reader> reader_;
  std::string scratch_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_TRANSACTION_LOG_ITERATOR_H_
