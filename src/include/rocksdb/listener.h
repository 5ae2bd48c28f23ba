// EventListener: RocksDB 7.8.3's callbacks on a DB's background work
// (DBOptions::listeners), with its info structs. skyrocks calls
// OnFlushBegin/OnFlushCompleted, OnCompactionBegin/OnCompactionCompleted,
// OnTableFileCreationStarted/OnTableFileCreated, OnTableFileDeleted,
// OnMemTableSealed, OnExternalFileIngested,
// OnColumnFamilyHandleDeletionStarted, OnStallConditionsChanged,
// OnErrorRecoveryCompleted/OnErrorRecoveryEnd (at the end of each DB::Resume
// and automatic resume, as RocksDB 7.8.3) and OnBackgroundError (which may
// override the error: an OK status ignores it, as in RocksDB). RocksDB calls
// OnErrorRecoveryBegin only for out-of-space errors with an SstFileManager,
// which skyrocks does not have: it is never called, nor are the file I/O
// callbacks. Callbacks run on the thread doing the
// work, without the DB mutex held; they may call the DB, but must not
// wait for background work. A listener shared by several DBs must be
// thread-safe. The info structs are plain values; the fields skyrocks
// cannot fill keep their defaults.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_LISTENER_H_
#define SKYROCKS_INCLUDE_ROCKSDB_LISTENER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "rocksdb/compression_type.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/status.h"
#include "rocksdb/table_properties.h"
#include "rocksdb/types.h"

namespace ROCKSDB_NAMESPACE {

class DB;
class ColumnFamilyHandle;

using TablePropertiesCollection =
    std::unordered_map<std::string, std::shared_ptr<const TableProperties>>;

struct FileCreationBriefInfo {
  FileCreationBriefInfo() = default;
  FileCreationBriefInfo(const std::string& _db_name,
                        const std::string& _cf_name,
                        const std::string& _file_path, int _job_id)
      : db_name(_db_name),
        cf_name(_cf_name),
        file_path(_file_path),
        job_id(_job_id) {}
  std::string db_name;
  std::string cf_name;
  std::string file_path;
  int job_id = 0;  // the flush or compaction that writes the file
};

struct TableFileCreationBriefInfo : public FileCreationBriefInfo {
  TableFileCreationReason reason = TableFileCreationReason::kMisc;
};

struct TableFileCreationInfo : public TableFileCreationBriefInfo {
  TableFileCreationInfo() = default;
  explicit TableFileCreationInfo(TableProperties&& prop)
      : table_properties(prop) {}
  ~TableFileCreationInfo() { status.PermitUncheckedError(); }
  uint64_t file_size = 0;
  TableProperties table_properties;
  Status status;
  std::string file_checksum;  // skyrocks computes no file checksums
  std::string file_checksum_func_name = "Unknown";
};

// Why a compaction ran (RocksDB's numbering).
enum class CompactionReason : int {
  kUnknown = 0,
  kLevelL0FilesNum = 1,    // L0 has too many files
  kLevelMaxLevelSize = 2,  // a level outgrew its target
  kUniversalSizeAmplification,
  kUniversalSizeRatio,
  kUniversalSortedRunNum,
  kFIFOMaxSize,
  kFIFOReduceNumFiles,
  kFIFOTtl,
  kManualCompaction,  // 9: CompactRange or CompactFiles
  kFilesMarkedForCompaction,
  kBottommostFiles,
  kTtl,
  kFlush,
  kExternalSstIngestion,
  kPeriodicCompaction,
  kChangeTemperature,
  kForcedBlobGC,
  kRoundRobinTtl,
  kNumOfReasons,
};

enum class FlushReason : int {
  kOthers = 0x00,
  kGetLiveFiles = 0x01,
  kShutDown = 0x02,
  kExternalFileIngestion = 0x03,
  kManualCompaction = 0x04,
  kWriteBufferManager = 0x05,
  kWriteBufferFull = 0x06,
  kTest = 0x07,
  kDeleteFiles = 0x08,
  kAutoCompaction = 0x09,
  kManualFlush = 0x0a,
  kErrorRecovery = 0xb,
  kErrorRecoveryRetryFlush = 0xc,
  kWalFull = 0xd,
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

enum class WriteStallCondition {
  kNormal,
  kDelayed,
  kStopped,
};

struct WriteStallInfo {
  std::string cf_name;
  struct {
    WriteStallCondition cur = WriteStallCondition::kNormal;
    WriteStallCondition prev = WriteStallCondition::kNormal;
  } condition;
};

struct FileDeletionInfo {
  FileDeletionInfo() = default;
  FileDeletionInfo(const std::string& _db_name, const std::string& _file_path,
                   int _job_id, Status _status)
      : db_name(_db_name),
        file_path(_file_path),
        job_id(_job_id),
        status(_status) {}
  ~FileDeletionInfo() { status.PermitUncheckedError(); }
  std::string db_name;
  std::string file_path;
  int job_id = 0;
  Status status;
};

struct TableFileDeletionInfo : public FileDeletionInfo {};

struct FlushJobInfo {
  uint32_t cf_id = 0;
  std::string cf_name;
  std::string file_path;  // "<db>/000012.sst"
  uint64_t file_number = 0;
  uint64_t oldest_blob_file_number = 0;
  uint64_t thread_id = 0;
  int job_id = 0;
  bool triggered_writes_slowdown = false;
  bool triggered_writes_stop = false;
  // 0 in OnFlushBegin (the file is not written yet).
  SequenceNumber smallest_seqno = 0;
  SequenceNumber largest_seqno = 0;
  TableProperties table_properties;  // OnFlushCompleted only
  FlushReason flush_reason = FlushReason::kOthers;
  CompressionType blob_compression_type = kNoCompression;
};

struct MemTableInfo {
  std::string cf_name;
  SequenceNumber first_seqno = 0;
  SequenceNumber earliest_seqno = 0;
  uint64_t num_entries = 0;
  uint64_t num_deletes = 0;
};

struct ExternalFileIngestionInfo {
  std::string cf_name;
  std::string external_file_path;
  std::string internal_file_path;
  SequenceNumber global_seqno = 0;
  TableProperties table_properties;
};

struct BackgroundErrorRecoveryInfo {
  ~BackgroundErrorRecoveryInfo() {
    old_bg_error.PermitUncheckedError();
    new_bg_error.PermitUncheckedError();
  }
  Status old_bg_error;
  Status new_bg_error;
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
  // Input and output files' properties, by path (filled for the
  // outputs; inputs are read from the open table readers).
  TablePropertiesCollection table_properties;
  CompactionReason compaction_reason = CompactionReason::kUnknown;
  CompressionType compression = kNoCompression;
  CompressionType blob_compression_type = kNoCompression;
};

class EventListener {
 public:
  EventListener() = default;
  virtual ~EventListener() = default;
  virtual const char* Name() const { return ""; }

  virtual void OnFlushCompleted(DB* /*db*/, const FlushJobInfo& /*info*/) {}
  virtual void OnFlushBegin(DB* /*db*/, const FlushJobInfo& /*info*/) {}
  virtual void OnTableFileDeleted(const TableFileDeletionInfo& /*info*/) {}
  virtual void OnCompactionBegin(DB* /*db*/, const CompactionJobInfo& /*ci*/) {}
  virtual void OnCompactionCompleted(DB* /*db*/,
                                     const CompactionJobInfo& /*ci*/) {}
  virtual void OnTableFileCreated(const TableFileCreationInfo& /*info*/) {}
  virtual void OnTableFileCreationStarted(
      const TableFileCreationBriefInfo& /*info*/) {}
  // *bg_error may be changed: to OK to ignore the error.
  virtual void OnBackgroundError(BackgroundErrorReason /*reason*/,
                                 Status* /*bg_error*/) {}
  virtual void OnMemTableSealed(const MemTableInfo& /*info*/) {}
  // Before DestroyColumnFamilyHandle deletes handle (and, as RocksDB, for
  // the default family's handles that DB::Open(Options) and Close delete).
  virtual void OnColumnFamilyHandleDeletionStarted(
      ColumnFamilyHandle* /*handle*/) {}
  virtual void OnExternalFileIngested(
      DB* /*db*/, const ExternalFileIngestionInfo& /*info*/) {}
  // skyrocks' conditions: kStopped at level0_stop_writes_trigger or when
  // full memtables wait for their flush, kDelayed at
  // level0_slowdown_writes_trigger (both with auto compactions).
  virtual void OnStallConditionsChanged(const WriteStallInfo& /*info*/) {}
  virtual bool ShouldBeNotifiedOnFileIO() { return false; }
  // Never called (see above).
  virtual void OnErrorRecoveryBegin(BackgroundErrorReason /*reason*/,
                                    Status /*bg_error*/,
                                    bool* /*auto_recovery*/) {}
  virtual void OnErrorRecoveryCompleted(Status old_bg_error) {
    old_bg_error.PermitUncheckedError();
  }
  virtual void OnErrorRecoveryEnd(const BackgroundErrorRecoveryInfo& /*info*/) {
  }
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_LISTENER_H_
