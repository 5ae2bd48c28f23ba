// Basic types of RocksDB's public API.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_TYPES_H_
#define SKYROCKS_INCLUDE_ROCKSDB_TYPES_H_

#include <cstdint>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

// Every write gets the next sequence number; reads see data up to one.
using SequenceNumber = uint64_t;

// The kinds of files in a DB directory.
enum FileType {
  kWalFile,
  kDBLockFile,
  kTableFile,
  kDescriptorFile,
  kCurrentFile,
  kTempFile,
  kInfoLogFile,  // the current one or an old one
  kMetaDatabase,
  kIdentityFile,
  kOptionsFile,
  kBlobFile
};

// Why a table file is written (CompactionFilterFactory and listeners).
enum class TableFileCreationReason {
  kFlush,
  kCompaction,
  kRecovery,
  kMisc,
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_TYPES_H_
