// What RocksDB 7.8.3 reports about a finished compaction (CompactionJobInfo,
// filled by DB::CompactFiles) and why a background error arose. skyrocks
// has no EventListener yet; only the fields it fills are declared. Plain
// values; copy freely.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_LISTENER_H_
#define SKYROCKS_INCLUDE_ROCKSDB_LISTENER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rocksdb/compression_type.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

// Why a compaction ran (RocksDB's numbering).
enum class CompactionReason : int {
  kUnknown = 0,
  kLevelL0FilesNum = 1,    // L0 has too many files
  kLevelMaxLevelSize = 2,  // a level outgrew its target
  kManualCompaction = 9,   // CompactRange or CompactFiles
};

// What failed when a background error was raised (RocksDB's names): a
// flush, a compaction, a WAL write (kWriteCallback), a memtable insert, a
// MANIFEST write; the NoWAL forms when the DB has no WAL data to lose.
enum class BackgroundErrorReason {
  kFlush,
  kCompaction,
  kWriteCallback,
  kMemTable,
  kManifestWrite,
  kFlushNoWAL,
  kManifestWriteNoWAL,
};

struct CompactionFileInfo {
  int level = 0;
  uint64_t file_number = 0;
  uint64_t oldest_blob_file_number = 0;
};

struct CompactionJobInfo {
  ~CompactionJobInfo() { status.PermitUncheckedError(); }

  uint32_t cf_id = 0;
  std::string cf_name;
  Status status;
  uint64_t thread_id = 0;
  int job_id = 0;
  int base_input_level = 0;  // the smallest input level
  int output_level = 0;
  // Full paths ("<db>/000012.sst"); the infos are in the same order.
  std::vector<std::string> input_files;
  std::vector<CompactionFileInfo> input_file_infos;
  std::vector<std::string> output_files;
  std::vector<CompactionFileInfo> output_file_infos;
  CompactionReason compaction_reason = CompactionReason::kUnknown;
  CompressionType compression = kNoCompression;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_LISTENER_H_
