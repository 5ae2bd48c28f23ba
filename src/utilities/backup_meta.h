// The files of a backup directory (doc/backup_format.md): the meta file
// of one backup, encoded and parsed as RocksDB 7.8.3 writes it (schema
// version 1; version 2's size field is read too), and the names of the
// backup's files. Pure functions over strings; no I/O.
#ifndef SKYROCKS_UTILITIES_BACKUP_META_H_
#define SKYROCKS_UTILITIES_BACKUP_META_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "rocksdb/utilities/backup_engine.h"

namespace ROCKSDB_NAMESPACE {

// One file of a backup: its path relative to backup_dir
// ("shared_checksum/000012_s<session>_1985.sst", "private/3/CURRENT") and
// its crc32c. size is what the backup directory holds (the meta file of
// schema version 1 does not record it).
struct BackupFileEntry {
  std::string rel;
  uint32_t crc32c = 0;
  uint64_t size = 0;
};

struct BackupMeta {
  int64_t timestamp = 0;
  uint64_t sequence = 0;
  std::string app_metadata;
  std::vector<BackupFileEntry> files;
};

std::string EncodeBackupMeta(const BackupMeta& meta);

// Corruption naming `fname` when data is not a meta file.
[[nodiscard]] Status DecodeBackupMeta(const std::string& fname,
                                      const Slice& data, BackupMeta* meta);

// The name in shared_checksum/ of the SST whose DB file name is db_fname
// ("000012.sst"): by session id when `naming` asks for it and session_id
// is known, else by crc32c and size.
std::string SharedChecksumName(const std::string& db_fname,
                               const std::string& session_id, uint32_t crc,
                               uint64_t size,
                               BackupEngineOptions::ShareFilesNaming naming);

// The DB file name a backup file restores to: "000012.sst" for any
// shared_checksum/000012_... name, else the last component of rel.
std::string RestoredFileName(const std::string& rel);

// True when name is a backup id ("1".."4294967295", digits only).
bool ParseBackupId(const std::string& name, BackupID* id);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_BACKUP_META_H_
