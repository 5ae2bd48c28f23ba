// VersionEdit: one MANIFEST record, a change to the set of live files and
// DB-wide counters of one column family, in RocksDB 7.8.3's encoding
// (doc/manifest_format.md, "VersionEdit tags"): a sequence of varint32 tags
// each followed by its payload. EncodeTo writes the tags 7.8.3 writes, in
// its order; DecodeFrom reads every tag 7.8.3 can read (including the legacy
// kNewFile/2/3 and the non-length-prefixed legacy WAL/blob tags), skips
// unknown tags that carry the kTagSafeIgnoreMask bit, and rejects any other
// unknown tag with Corruption. A VersionEdit is a value type; not
// thread-safe.
#ifndef SKYROCKS_DB_VERSION_EDIT_H_
#define SKYROCKS_DB_VERSION_EDIT_H_

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "table/dbformat.h"

namespace ROCKSDB_NAMESPACE {

// MANIFEST record tags. Values are on disk: never renumber.
enum VersionEditTag : uint32_t {
  kComparator = 1,
  kLogNumber = 2,
  kNextFileNumber = 3,
  kLastSequence = 4,
  kCompactCursor = 5,
  kDeletedFile = 6,
  kNewFile = 7,  // legacy, read only
  // 8 was used for large value refs
  kPrevLogNumber = 9,
  kMinLogNumberToKeep = 10,
  kNewFile2 = 100,  // legacy, read only
  kNewFile3 = 102,  // legacy, read only
  kNewFile4 = 103,
  kColumnFamily = 200,
  kColumnFamilyAdd = 201,
  kColumnFamilyDrop = 202,
  kMaxColumnFamily = 203,
  kInAtomicGroup = 300,
  kBlobFileAddition = 400,
  kBlobFileGarbage = 401,
  // Tags with this bit set may be skipped by readers that do not know them;
  // their payload is a length-prefixed slice.
  kTagSafeIgnoreMask = 1 << 13,
  kDbId = kTagSafeIgnoreMask + 1,
  kBlobFileAddition_DEPRECATED = kTagSafeIgnoreMask + 2,
  kBlobFileGarbage_DEPRECATED = kTagSafeIgnoreMask + 3,
  kWalAddition = kTagSafeIgnoreMask + 4,  // legacy, read only
  kWalDeletion = kTagSafeIgnoreMask + 5,  // legacy, read only
  kFullHistoryTsLow = kTagSafeIgnoreMask + 6,
  kWalAddition2 = kTagSafeIgnoreMask + 7,
  kWalDeletion2 = kTagSafeIgnoreMask + 8,
};

// Custom field tags inside kNewFile4.
enum NewFileCustomTag : uint32_t {
  kNewFileTerminate = 1,
  kNewFileNeedCompaction = 2,
  kNewFileMinLogNumberToKeepHack = 3,
  kNewFileOldestBlobFileNumber = 4,
  kNewFileOldestAncesterTime = 5,
  kNewFileCreationTime = 6,
  kNewFileChecksum = 7,
  kNewFileChecksumFuncName = 8,
  kNewFileTemperature = 9,
  kNewFileMinTimestamp = 10,
  kNewFileMaxTimestamp = 11,
  kNewFileUniqueId = 12,
  // Tags with this bit must be understood (open fails otherwise).
  kNewFileCustomTagNonSafeIgnoreMask = 1 << 6,
  kNewFilePathId = kNewFileCustomTagNonSafeIgnoreMask + 1,
};

constexpr uint64_t kInvalidBlobFileNumber = 0;
constexpr uint64_t kUnknownOldestAncesterTime = 0;
constexpr uint64_t kUnknownFileCreationTime = 0;
// RocksDB's name when no file checksum was computed.
inline const char* UnknownFileChecksumFuncName() { return "Unknown"; }
// Low 62 bits of a kNewFile4 file number; the path id is separate.
constexpr uint64_t kFileNumberMask = 0x3FFFFFFFFFFFFFFFull;

// An SST file as the MANIFEST records it.
struct FileMetaData {
  uint64_t number = 0;
  uint32_t path_id = 0;
  uint64_t file_size = 0;
  InternalKey smallest;  // smallest internal key in the file
  InternalKey largest;   // largest internal key in the file
  SequenceNumber smallest_seqno = kMaxSequenceNumber;
  SequenceNumber largest_seqno = 0;
  bool marked_for_compaction = false;
  uint64_t oldest_blob_file_number = kInvalidBlobFileNumber;
  uint64_t oldest_ancester_time = kUnknownOldestAncesterTime;
  uint64_t file_creation_time = kUnknownFileCreationTime;
  std::string file_checksum;
  std::string file_checksum_func_name = UnknownFileChecksumFuncName();
  // Temperature byte; 0 = kUnknown (not written).
  uint8_t temperature = 0;
  std::string min_timestamp;
  std::string max_timestamp;
  // 16 (or 24) raw bytes of the SST unique id; empty when unknown.
  std::string unique_id;
};

// A blob file (BlobDB); kept so that edits round-trip.
struct BlobFileAddition {
  uint64_t blob_file_number = 0;
  uint64_t total_blob_count = 0;
  uint64_t total_blob_bytes = 0;
  std::string checksum_method;
  std::string checksum_value;
};

struct BlobFileGarbage {
  uint64_t blob_file_number = 0;
  uint64_t garbage_blob_count = 0;
  uint64_t garbage_blob_bytes = 0;
};

// A WAL tracked in the MANIFEST (track_and_verify_wals_in_manifest).
struct WalAddition {
  uint64_t log_number = 0;
  bool has_synced_size = false;
  uint64_t synced_size_bytes = 0;
};

class VersionEdit {
 public:
  using DeletedFileSet = std::set<std::pair<int, uint64_t>>;
  using NewFiles = std::vector<std::pair<int, FileMetaData>>;

  void Clear() { *this = VersionEdit(); }

  void SetDBId(const std::string& db_id) {
    has_db_id_ = true;
    db_id_ = db_id;
  }
  void SetComparatorName(const Slice& name) {
    has_comparator_ = true;
    comparator_ = name.ToString();
  }
  void SetLogNumber(uint64_t num) {
    has_log_number_ = true;
    log_number_ = num;
  }
  void SetPrevLogNumber(uint64_t num) {
    has_prev_log_number_ = true;
    prev_log_number_ = num;
  }
  void SetNextFile(uint64_t num) {
    has_next_file_number_ = true;
    next_file_number_ = num;
  }
  void SetMaxColumnFamily(uint32_t max_cf) {
    has_max_column_family_ = true;
    max_column_family_ = max_cf;
  }
  void SetMinLogNumberToKeep(uint64_t num) {
    has_min_log_number_to_keep_ = true;
    min_log_number_to_keep_ = num;
  }
  void SetLastSequence(SequenceNumber seq) {
    has_last_sequence_ = true;
    last_sequence_ = seq;
  }
  void AddCompactCursor(int level, const InternalKey& cursor) {
    compact_cursors_.emplace_back(level, cursor);
  }
  void DeleteFile(int level, uint64_t file) {
    deleted_files_.insert({level, file});
  }
  // REQUIRES: f.smallest and f.largest are valid internal keys.
  void AddFile(int level, const FileMetaData& f) {
    new_files_.emplace_back(level, f);
  }
  void AddBlobFile(const BlobFileAddition& b) {
    blob_file_additions_.push_back(b);
  }
  void AddBlobFileGarbage(const BlobFileGarbage& g) {
    blob_file_garbages_.push_back(g);
  }
  void AddWal(const WalAddition& w) { wal_additions_.push_back(w); }
  // Every WAL with a number below log_number is obsolete.
  void DeleteWalsBefore(uint64_t log_number) {
    has_wal_deletion_ = true;
    wal_deletion_number_ = log_number;
  }
  void SetColumnFamily(uint32_t column_family_id) {
    column_family_ = column_family_id;
  }
  // Marks this edit as creating column family `name` (with the id set by
  // SetColumnFamily).
  void AddColumnFamily(const std::string& name) {
    is_column_family_add_ = true;
    column_family_name_ = name;
  }
  void DropColumnFamily() { is_column_family_drop_ = true; }
  void MarkAtomicGroup(uint32_t remaining_entries) {
    is_in_atomic_group_ = true;
    remaining_entries_ = remaining_entries;
  }
  void SetFullHistoryTsLow(const std::string& ts) { full_history_ts_low_ = ts; }

  bool HasDbId() const { return has_db_id_; }
  const std::string& GetDbId() const { return db_id_; }
  bool HasComparatorName() const { return has_comparator_; }
  const std::string& GetComparatorName() const { return comparator_; }
  bool HasLogNumber() const { return has_log_number_; }
  uint64_t GetLogNumber() const { return log_number_; }
  bool HasPrevLogNumber() const { return has_prev_log_number_; }
  uint64_t GetPrevLogNumber() const { return prev_log_number_; }
  bool HasNextFile() const { return has_next_file_number_; }
  uint64_t GetNextFile() const { return next_file_number_; }
  bool HasMaxColumnFamily() const { return has_max_column_family_; }
  uint32_t GetMaxColumnFamily() const { return max_column_family_; }
  bool HasMinLogNumberToKeep() const { return has_min_log_number_to_keep_; }
  uint64_t GetMinLogNumberToKeep() const { return min_log_number_to_keep_; }
  bool HasLastSequence() const { return has_last_sequence_; }
  SequenceNumber GetLastSequence() const { return last_sequence_; }
  const std::vector<std::pair<int, InternalKey>>& GetCompactCursors() const {
    return compact_cursors_;
  }
  const DeletedFileSet& GetDeletedFiles() const { return deleted_files_; }
  const NewFiles& GetNewFiles() const { return new_files_; }
  const std::vector<BlobFileAddition>& GetBlobFileAdditions() const {
    return blob_file_additions_;
  }
  const std::vector<BlobFileGarbage>& GetBlobFileGarbages() const {
    return blob_file_garbages_;
  }
  const std::vector<WalAddition>& GetWalAdditions() const {
    return wal_additions_;
  }
  bool HasWalDeletion() const { return has_wal_deletion_; }
  uint64_t GetWalDeletionNumber() const { return wal_deletion_number_; }
  uint32_t GetColumnFamily() const { return column_family_; }
  bool IsColumnFamilyAdd() const { return is_column_family_add_; }
  bool IsColumnFamilyDrop() const { return is_column_family_drop_; }
  const std::string& GetColumnFamilyName() const { return column_family_name_; }
  bool IsInAtomicGroup() const { return is_in_atomic_group_; }
  uint32_t GetRemainingEntries() const { return remaining_entries_; }
  bool HasFullHistoryTsLow() const { return !full_history_ts_low_.empty(); }
  const std::string& GetFullHistoryTsLow() const {
    return full_history_ts_low_;
  }
  // Number of safe-to-ignore tags DecodeFrom skipped.
  int NumIgnoredTags() const { return ignored_tags_; }

  // Appends the encoding to *dst. InvalidArgument (dst unchanged) when a
  // new file lacks valid smallest/largest keys.
  [[nodiscard]] Status EncodeTo(std::string* dst) const;
  // Replaces *this with the edit encoded in src. Corruption naming the
  // field on malformed input or an unknown, non-ignorable tag.
  [[nodiscard]] Status DecodeFrom(const Slice& src);

  // One line per field, for tests and tools.
  std::string DebugString() const;

 private:
  bool has_db_id_ = false;
  bool has_comparator_ = false;
  bool has_log_number_ = false;
  bool has_prev_log_number_ = false;
  bool has_next_file_number_ = false;
  bool has_max_column_family_ = false;
  bool has_min_log_number_to_keep_ = false;
  bool has_last_sequence_ = false;
  bool has_wal_deletion_ = false;
  bool is_column_family_add_ = false;
  bool is_column_family_drop_ = false;
  bool is_in_atomic_group_ = false;

  std::string db_id_;
  std::string comparator_;
  uint64_t log_number_ = 0;
  uint64_t prev_log_number_ = 0;
  uint64_t next_file_number_ = 0;
  uint32_t max_column_family_ = 0;
  uint64_t min_log_number_to_keep_ = 0;
  SequenceNumber last_sequence_ = 0;
  std::vector<std::pair<int, InternalKey>> compact_cursors_;
  DeletedFileSet deleted_files_;
  NewFiles new_files_;
  std::vector<BlobFileAddition> blob_file_additions_;
  std::vector<BlobFileGarbage> blob_file_garbages_;
  std::vector<WalAddition> wal_additions_;
  uint64_t wal_deletion_number_ = 0;
  uint32_t column_family_ = 0;
  std::string column_family_name_;
  uint32_t remaining_entries_ = 0;
  std::string full_history_ts_low_;
  int ignored_tags_ = 0;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_VERSION_EDIT_H_
