// Descriptions of a DB's SST files, as RocksDB 7.8.3 reports them through
// DB::GetLiveFilesMetaData and DB::GetColumnFamilyMetaData: name, level,
// size, key and sequence ranges, and whether a compaction is rewriting the
// file right now. Plain values, filled by the DB; copy freely.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_METADATA_H_
#define SKYROCKS_INCLUDE_ROCKSDB_METADATA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/types.h"

namespace ROCKSDB_NAMESPACE {

// A file of the DB and where it lives.
struct FileStorageInfo {
  std::string relative_filename;  // "000012.sst"
  std::string directory;          // the DB directory, no trailing '/'
  uint64_t file_number = 0;
  FileType file_type = kTempFile;
  uint64_t size = 0;
  std::string file_checksum;
  std::string file_checksum_func_name;
};

// An SST file.
struct SstFileMetaData : public FileStorageInfo {
  SstFileMetaData() { file_type = kTableFile; }

  SequenceNumber smallest_seqno = 0;
  SequenceNumber largest_seqno = 0;
  std::string smallestkey;  // smallest user key
  std::string largestkey;   // largest user key
  uint64_t num_reads_sampled = 0;
  bool being_compacted = false;  // a compaction is rewriting it now
  uint64_t num_entries = 0;
  uint64_t num_deletions = 0;
  uint64_t oldest_blob_file_number = 0;
  uint64_t oldest_ancester_time = 0;
  uint64_t file_creation_time = 0;
  // RocksDB's older names: "/000012.sst" and the directory. CompactFiles
  // takes either name form.
  std::string name;
  std::string db_path;
};

// An SST file of a column family at a level.
struct LiveFileMetaData : SstFileMetaData {
  std::string column_family_name;
  int level = 0;
};

// One level of a column family.
struct LevelMetaData {
  LevelMetaData(int _level, uint64_t _size,
                const std::vector<SstFileMetaData>&& _files)
      : level(_level), size(_size), files(_files) {}

  const int level;
  const uint64_t size;                       // bytes of its files
  const std::vector<SstFileMetaData> files;  // in key order (L0: newest first)
};

// A column family's files, level by level.
struct ColumnFamilyMetaData {
  uint64_t size = 0;  // bytes of all its files
  size_t file_count = 0;
  std::string name;
  std::vector<LevelMetaData> levels;  // every level, L0 first
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_METADATA_H_
