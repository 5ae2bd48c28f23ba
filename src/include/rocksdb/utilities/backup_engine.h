// BackupEngine: incremental backups of a DB into a backup directory, and
// restores from them (RocksDB 7.8.3's utilities/backup_engine.h: same
// names, signatures, behaviour and on-disk layout, so that librocksdb
// restores skyrocks' backups and the other way round). The layout is in
// doc/backup_format.md: meta/<id> describes a backup; SSTs are shared
// between backups in shared_checksum/ under names derived from the file's
// DB session id and size (or its crc32c and size), so a later backup copies
// only SSTs it has not seen; MANIFEST, CURRENT, OPTIONS and WALs go in
// private/<id>/.
//
// The engine is opened on a backup directory and owned by the caller.
// Calls on one engine are serialized; two engines must not write one
// backup directory at once. BackupEngineReadOnly never writes.
//
// Not implemented in skyrocks: rate limiters, the info log, CPU priorities
// of background threads, schema_version 2, and BackupInfo::env_for_open.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_BACKUP_ENGINE_H_
#define SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_BACKUP_ENGINE_H_

#include <climits>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/io_status.h"
#include "rocksdb/metadata.h"
#include "rocksdb/options.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class RateLimiter;

constexpr char kDbFileChecksumFuncName[] = "FileChecksumCrc32c";
constexpr char kBackupFileChecksumFuncName[] = "crc32c";

struct BackupEngineOptions {
  // Where backups go; created when missing.
  std::string backup_dir;
  // The Env of backup_dir; nullptr: the DB's Env.
  Env* backup_env;
  // SSTs shared between backups (else each backup copies all of them).
  bool share_table_files;
  // Accepted, not used by skyrocks.
  Logger* info_log;
  // Sync every file written, and the directories.
  bool sync;
  // Delete every backup in backup_dir at Open.
  bool destroy_old_data;
  // Copy the live WALs (false: writes not yet flushed are not in the
  // backup, unless CreateBackupOptions::flush_before_backup).
  bool backup_log_files;
  // Accepted, not used by skyrocks.
  uint64_t backup_rate_limit;
  std::shared_ptr<RateLimiter> backup_rate_limiter{nullptr};
  uint64_t restore_rate_limit;
  std::shared_ptr<RateLimiter> restore_rate_limiter{nullptr};
  // Shared SSTs named by checksum or session id, in shared_checksum/
  // (else by their DB file name, in shared/).
  bool share_files_with_checksum;
  // Files copied at once by CreateNewBackup and RestoreDBFromBackup.
  int max_background_operations;
  // The progress callback runs each time this many bytes were copied.
  uint64_t callback_trigger_interval_size;
  // Only the newest this many backups are loaded at Open.
  int max_valid_backups_to_open;

  enum ShareFilesNaming : uint32_t {
    kLegacyCrc32cAndFileSize = 1U,  // <number>_<crc32c>_<size>.sst
    kUseDbSessionId = 2U,           // <number>_s<session id>.sst
    kMaskNoNamingFlags = 0xffffU,
    kFlagIncludeFileSize = 1U << 31,  // kUseDbSessionId: ..._<size>.sst
    kMaskNamingFlags = ~kMaskNoNamingFlags,
  };
  ShareFilesNaming share_files_with_checksum_naming;
  // Only 1 is supported by skyrocks.
  int schema_version = 1;
  bool current_temperatures_override_manifest = false;

  void Dump(Logger* logger) const;

  explicit BackupEngineOptions(
      const std::string& _backup_dir, Env* _backup_env = nullptr,
      bool _share_table_files = true, Logger* _info_log = nullptr,
      bool _sync = true, bool _destroy_old_data = false,
      bool _backup_log_files = true, uint64_t _backup_rate_limit = 0,
      uint64_t _restore_rate_limit = 0, int _max_background_operations = 1,
      uint64_t _callback_trigger_interval_size = 4 * 1024 * 1024,
      int _max_valid_backups_to_open = INT_MAX,
      ShareFilesNaming _share_files_with_checksum_naming =
          static_cast<ShareFilesNaming>(kUseDbSessionId | kFlagIncludeFileSize))
      : backup_dir(_backup_dir),
        backup_env(_backup_env),
        share_table_files(_share_table_files),
        info_log(_info_log),
        sync(_sync),
        destroy_old_data(_destroy_old_data),
        backup_log_files(_backup_log_files),
        backup_rate_limit(_backup_rate_limit),
        restore_rate_limit(_restore_rate_limit),
        share_files_with_checksum(true),
        max_background_operations(_max_background_operations),
        callback_trigger_interval_size(_callback_trigger_interval_size),
        max_valid_backups_to_open(_max_valid_backups_to_open),
        share_files_with_checksum_naming(_share_files_with_checksum_naming) {}
};

inline BackupEngineOptions::ShareFilesNaming operator&(
    BackupEngineOptions::ShareFilesNaming lhs,
    BackupEngineOptions::ShareFilesNaming rhs) {
  return static_cast<BackupEngineOptions::ShareFilesNaming>(
      static_cast<uint32_t>(lhs) & static_cast<uint32_t>(rhs));
}

inline BackupEngineOptions::ShareFilesNaming operator|(
    BackupEngineOptions::ShareFilesNaming lhs,
    BackupEngineOptions::ShareFilesNaming rhs) {
  return static_cast<BackupEngineOptions::ShareFilesNaming>(
      static_cast<uint32_t>(lhs) | static_cast<uint32_t>(rhs));
}

struct CreateBackupOptions {
  // Flush the memtables first (else the live WALs are copied).
  bool flush_before_backup = false;
  // Runs about once per callback_trigger_interval_size bytes copied, from
  // the copying threads, one call at a time.
  std::function<void()> progress_callback = []() {};
  // Accepted, not used by skyrocks.
  bool decrease_background_thread_cpu_priority = false;
};

struct RestoreOptions {
  // Keep the WALs already in wal_dir (else they are deleted first).
  bool keep_log_files;
  explicit RestoreOptions(bool _keep_log_files = false)
      : keep_log_files(_keep_log_files) {}
};

using BackupID = uint32_t;
using BackupFileInfo = FileStorageInfo;

struct BackupInfo {
  BackupID backup_id = 0U;
  int64_t timestamp = 0;  // seconds since the epoch, when it was made
  uint64_t size = 0U;     // bytes of all its files, shared ones included
  uint32_t number_files = 0U;
  std::string app_metadata;
  // With include_file_details: each file as named in the meta file.
  std::vector<BackupFileInfo> file_details;
  // backup_dir/private/<id> (skyrocks gives no env_for_open).
  std::string name_for_open;
  std::shared_ptr<Env> env_for_open;

  BackupInfo() {}
  BackupInfo(BackupID _backup_id, int64_t _timestamp, uint64_t _size,
             uint32_t _number_files, const std::string& _app_metadata)
      : backup_id(_backup_id),
        timestamp(_timestamp),
        size(_size),
        number_files(_number_files),
        app_metadata(_app_metadata) {}
};

class BackupStatistics {
 public:
  BackupStatistics() {}
  BackupStatistics(uint32_t _number_success_backup,
                   uint32_t _number_fail_backup)
      : number_success_backup(_number_success_backup),
        number_fail_backup(_number_fail_backup) {}
  void IncrementNumberSuccessBackup() { number_success_backup++; }
  void IncrementNumberFailBackup() { number_fail_backup++; }
  uint32_t GetNumberSuccessBackup() const { return number_success_backup; }
  uint32_t GetNumberFailBackup() const { return number_fail_backup; }
  std::string ToString() const {
    return "# success backup: " + std::to_string(number_success_backup) +
           ", # fail backup: " + std::to_string(number_fail_backup);
  }

 private:
  uint32_t number_success_backup = 0;
  uint32_t number_fail_backup = 0;
};

class BackupEngineReadOnlyBase {
 public:
  virtual ~BackupEngineReadOnlyBase() {}
  // NotFound when there is no valid backup.
  virtual Status GetLatestBackupInfo(
      BackupInfo* backup_info, bool include_file_details = false) const = 0;
  virtual Status GetBackupInfo(BackupID backup_id, BackupInfo* backup_info,
                               bool include_file_details = false) const = 0;
  // The valid backups, oldest first.
  virtual void GetBackupInfo(std::vector<BackupInfo>* backup_infos,
                             bool include_file_details = false) const = 0;
  // Backups whose meta file is unreadable or names a missing file.
  virtual void GetCorruptedBackups(
      std::vector<BackupID>* corrupt_backup_ids) const = 0;
  // Deletes the DB files in db_dir (and the WALs in wal_dir unless
  // keep_log_files), then copies the backup's files there, checking each
  // file's crc32c; a mismatch is Corruption.
  virtual IOStatus RestoreDBFromBackup(const RestoreOptions& options,
                                       BackupID backup_id,
                                       const std::string& db_dir,
                                       const std::string& wal_dir) const = 0;
  virtual IOStatus RestoreDBFromBackup(
      BackupID backup_id, const std::string& db_dir, const std::string& wal_dir,
      const RestoreOptions& options = RestoreOptions()) const {
    return RestoreDBFromBackup(options, backup_id, db_dir, wal_dir);
  }
  virtual IOStatus RestoreDBFromLatestBackup(
      const RestoreOptions& options, const std::string& db_dir,
      const std::string& wal_dir) const = 0;
  virtual IOStatus RestoreDBFromLatestBackup(
      const std::string& db_dir, const std::string& wal_dir,
      const RestoreOptions& options = RestoreOptions()) const {
    return RestoreDBFromLatestBackup(options, db_dir, wal_dir);
  }
  // Every file exists with the recorded size (and, with
  // verify_with_checksum, crc32c): NotFound for a missing file, Corruption
  // for a wrong size or checksum.
  virtual IOStatus VerifyBackup(BackupID backup_id,
                                bool verify_with_checksum = false) const = 0;
};

class BackupEngineAppendOnlyBase {
 public:
  virtual ~BackupEngineAppendOnlyBase() {}
  virtual IOStatus CreateNewBackupWithMetadata(
      const CreateBackupOptions& options, DB* db,
      const std::string& app_metadata, BackupID* new_backup_id = nullptr) = 0;
  virtual IOStatus CreateNewBackupWithMetadata(
      DB* db, const std::string& app_metadata, bool flush_before_backup = false,
      std::function<void()> progress_callback = []() {}) {
    CreateBackupOptions options;
    options.flush_before_backup = flush_before_backup;
    options.progress_callback = progress_callback;
    return CreateNewBackupWithMetadata(options, db, app_metadata);
  }
  virtual IOStatus CreateNewBackup(const CreateBackupOptions& options, DB* db,
                                   BackupID* new_backup_id = nullptr) {
    return CreateNewBackupWithMetadata(options, db, "", new_backup_id);
  }
  virtual IOStatus CreateNewBackup(
      DB* db, bool flush_before_backup = false,
      std::function<void()> progress_callback = []() {}) {
    CreateBackupOptions options;
    options.flush_before_backup = flush_before_backup;
    options.progress_callback = progress_callback;
    return CreateNewBackup(options, db);
  }
  // Makes a running CreateNewBackup stop early and fail (Incomplete), and
  // every later one on this engine (as RocksDB; open a new engine).
  virtual void StopBackup() = 0;
  // Deletes files and directories no valid backup references.
  virtual IOStatus GarbageCollect() = 0;
};

class BackupEngine : public BackupEngineReadOnlyBase,
                     public BackupEngineAppendOnlyBase {
 public:
  virtual ~BackupEngine() {}
  // db_env is the Env of the DBs backed up and restored.
  static IOStatus Open(const BackupEngineOptions& options, Env* db_env,
                       BackupEngine** backup_engine_ptr);
  static IOStatus Open(Env* db_env, const BackupEngineOptions& options,
                       BackupEngine** backup_engine_ptr) {
    return BackupEngine::Open(options, db_env, backup_engine_ptr);
  }
  // Deletes the oldest backups until num_backups_to_keep remain, and the
  // shared files no remaining backup references.
  virtual IOStatus PurgeOldBackups(uint32_t num_backups_to_keep) = 0;
  // Deletes one backup and the shared files no other backup references.
  virtual IOStatus DeleteBackup(BackupID backup_id) = 0;
};

class BackupEngineReadOnly : public BackupEngineReadOnlyBase {
 public:
  virtual ~BackupEngineReadOnly() {}
  static IOStatus Open(const BackupEngineOptions& options, Env* db_env,
                       BackupEngineReadOnly** backup_engine_ptr);
  static IOStatus Open(Env* db_env, const BackupEngineOptions& options,
                       BackupEngineReadOnly** backup_engine_ptr) {
    return BackupEngineReadOnly::Open(options, db_env, backup_engine_ptr);
  }
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_BACKUP_ENGINE_H_
