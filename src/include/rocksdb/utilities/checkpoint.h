// Checkpoint: an openable copy of a live DB in another directory of the
// same file system, SST files hard-linked where possible (RocksDB's
// utilities/checkpoint.h). The copy holds everything written before
// CreateCheckpoint started: memtables are flushed first, and the live WALs
// (from DBOptions::wal_dir) are copied into the checkpoint directory, which
// opens with the default wal_dir.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_CHECKPOINT_H_
#define SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_CHECKPOINT_H_

#include <cstdint>
#include <string>

#include "rocksdb/db.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class Checkpoint {
 public:
  // *checkpoint_ptr is owned by the caller; db must outlive it.
  static Status Create(DB* db, Checkpoint** checkpoint_ptr);
  virtual ~Checkpoint() = default;
  // checkpoint_dir must not exist. log_size_for_flush: 0 flushes the
  // memtables first; otherwise they are flushed only if the live WALs hold
  // at least that many bytes (else the copied WALs carry their data).
  // *sequence_number_ptr, if given, receives the sequence the copy is as
  // of.
  virtual Status CreateCheckpoint(const std::string& checkpoint_dir,
                                  uint64_t log_size_for_flush = 0,
                                  uint64_t* sequence_number_ptr = nullptr);
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_CHECKPOINT_H_
