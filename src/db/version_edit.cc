// VersionEdit encoding and decoding (doc/manifest_format.md, "VersionEdit
// tags" and "NewFile4").
#include "db/version_edit.h"

#include <cstdio>

#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Field tags inside blob file additions/garbage and WAL additions.
constexpr uint32_t kVersionEditSubEndMarker = 1;
constexpr uint32_t kVersionEditSubForwardIncompatibleMask = 1u << 6;
constexpr uint32_t kWalAdditionSyncedSize = 2;

void EncodeBlobFileAddition(const BlobFileAddition& b, std::string* dst) {
  PutVarint64(dst, b.blob_file_number);
  PutVarint64(dst, b.total_blob_count);
  PutVarint64(dst, b.total_blob_bytes);
  PutLengthPrefixedSlice(dst, b.checksum_method);
  PutLengthPrefixedSlice(dst, b.checksum_value);
  PutVarint32(dst, kVersionEditSubEndMarker);
}

void EncodeBlobFileGarbage(const BlobFileGarbage& g, std::string* dst) {
  PutVarint64(dst, g.blob_file_number);
  PutVarint64(dst, g.garbage_blob_count);
  PutVarint64(dst, g.garbage_blob_bytes);
  PutVarint32(dst, kVersionEditSubEndMarker);
}

void EncodeWalAddition(const WalAddition& w, std::string* dst) {
  PutVarint64(dst, w.log_number);
  if (w.has_synced_size) {
    PutVarint32(dst, kWalAdditionSyncedSize);
    PutVarint64(dst, w.synced_size_bytes);
  }
  PutVarint32(dst, kVersionEditSubEndMarker);
}

// Skips the (varint32 tag, lpstr) custom fields of a blob record up to the
// end marker. Returns nullptr or the problem.
const char* SkipVersionEditSubFields(Slice* input, const char* what) {
  while (true) {
    uint32_t tag = 0;
    if (!GetVarint32(input, &tag)) return what;
    if (tag == kVersionEditSubEndMarker) return nullptr;
    if ((tag & kVersionEditSubForwardIncompatibleMask) != 0) {
      return "forward incompatible custom field in blob file record";
    }
    Slice field;
    if (!GetLengthPrefixedSlice(input, &field)) return what;
  }
}

const char* DecodeBlobFileAddition(Slice* input, BlobFileAddition* b) {
  Slice method, value;
  if (!GetVarint64(input, &b->blob_file_number) ||
      !GetVarint64(input, &b->total_blob_count) ||
      !GetVarint64(input, &b->total_blob_bytes) ||
      !GetLengthPrefixedSlice(input, &method) ||
      !GetLengthPrefixedSlice(input, &value)) {
    return "blob file addition";
  }
  b->checksum_method = method.ToString();
  b->checksum_value = value.ToString();
  return SkipVersionEditSubFields(input, "blob file addition custom field");
}

const char* DecodeBlobFileGarbage(Slice* input, BlobFileGarbage* g) {
  if (!GetVarint64(input, &g->blob_file_number) ||
      !GetVarint64(input, &g->garbage_blob_count) ||
      !GetVarint64(input, &g->garbage_blob_bytes)) {
    return "blob file garbage";
  }
  return SkipVersionEditSubFields(input, "blob file garbage custom field");
}

const char* DecodeWalAddition(Slice* input, WalAddition* w) {
  if (!GetVarint64(input, &w->log_number)) return "WAL addition log number";
  while (true) {
    uint32_t tag = 0;
    if (!GetVarint32(input, &tag)) return "WAL addition field tag";
    if (tag == kVersionEditSubEndMarker) return nullptr;
    if (tag == kWalAdditionSyncedSize) {
      if (!GetVarint64(input, &w->synced_size_bytes)) {
        return "WAL addition synced size";
      }
      w->has_synced_size = true;
    } else {
      return "unknown WAL addition field";
    }
  }
}

bool GetVersionEditInternalKey(Slice* input, InternalKey* dst) {
  Slice str;
  if (!GetLengthPrefixedSlice(input, &str)) return false;
  dst->DecodeFrom(str);
  return dst->Valid();
}

bool GetVersionEditLevel(Slice* input, int* level) {
  uint32_t v = 0;
  if (!GetVarint32(input, &v) || v > 1000) return false;
  *level = static_cast<int>(v);
  return true;
}

void PutVersionEditField(std::string* dst, uint32_t tag, const Slice& field) {
  PutVarint32(dst, tag);
  PutLengthPrefixedSlice(dst, field);
}

void PutVersionEditVarintField(std::string* dst, uint32_t tag, uint64_t v) {
  std::string field;
  PutVarint64(&field, v);
  PutVersionEditField(dst, tag, field);
}

}  // namespace

Status VersionEdit::EncodeTo(std::string* dst) const {
  for (const auto& nf : new_files_) {
    if (!nf.second.smallest.Valid() || !nf.second.largest.Valid()) {
      return Status::InvalidArgument(
          "VersionEdit: new file has no valid smallest/largest key",
          "file #" + std::to_string(nf.second.number));
    }
  }
  if (has_db_id_) {
    PutVarint32(dst, kDbId);
    PutLengthPrefixedSlice(dst, db_id_);
  }
  if (has_comparator_) {
    PutVarint32(dst, kComparator);
    PutLengthPrefixedSlice(dst, comparator_);
  }
  if (has_log_number_) {
    PutVarint32(dst, kLogNumber);
    PutVarint64(dst, log_number_);
  }
  if (has_prev_log_number_) {
    PutVarint32(dst, kPrevLogNumber);
    PutVarint64(dst, prev_log_number_);
  }
  if (has_next_file_number_) {
    PutVarint32(dst, kNextFileNumber);
    PutVarint64(dst, next_file_number_);
  }
  if (has_max_column_family_) {
    PutVarint32(dst, kMaxColumnFamily);
    PutVarint32(dst, max_column_family_);
  }
  if (has_min_log_number_to_keep_) {
    PutVarint32(dst, kMinLogNumberToKeep);
    PutVarint64(dst, min_log_number_to_keep_);
  }
  if (has_last_sequence_) {
    PutVarint32(dst, kLastSequence);
    PutVarint64(dst, last_sequence_);
  }
  for (const auto& cc : compact_cursors_) {
    PutVarint32(dst, kCompactCursor);
    PutVarint32(dst, static_cast<uint32_t>(cc.first));
    PutLengthPrefixedSlice(dst, cc.second.Encode());
  }
  for (const auto& df : deleted_files_) {
    PutVarint32(dst, kDeletedFile);
    PutVarint32(dst, static_cast<uint32_t>(df.first));
    PutVarint64(dst, df.second);
  }
  bool min_log_num_written = false;
  for (const auto& nf : new_files_) {
    const FileMetaData& f = nf.second;
    PutVarint32(dst, kNewFile4);
    PutVarint32(dst, static_cast<uint32_t>(nf.first));
    PutVarint64(dst, f.number & kFileNumberMask);
    PutVarint64(dst, f.file_size);
    PutLengthPrefixedSlice(dst, f.smallest.Encode());
    PutLengthPrefixedSlice(dst, f.largest.Encode());
    PutVarint64(dst, f.smallest_seqno);
    PutVarint64(dst, f.largest_seqno);
    // Older readers learn MinLogNumberToKeep from the first new file.
    if (has_min_log_number_to_keep_ && !min_log_num_written) {
      std::string field;
      PutFixed64(&field, min_log_number_to_keep_);
      PutVersionEditField(dst, kNewFileMinLogNumberToKeepHack, field);
      min_log_num_written = true;
    }
    if (f.oldest_blob_file_number != kInvalidBlobFileNumber) {
      PutVersionEditVarintField(dst, kNewFileOldestBlobFileNumber,
                                f.oldest_blob_file_number);
    }
    PutVersionEditVarintField(dst, kNewFileOldestAncesterTime,
                              f.oldest_ancester_time);
    PutVersionEditVarintField(dst, kNewFileCreationTime, f.file_creation_time);
    PutVersionEditField(dst, kNewFileChecksum, f.file_checksum);
    PutVersionEditField(dst, kNewFileChecksumFuncName,
                        f.file_checksum_func_name);
    if (f.path_id != 0) {
      const char p = static_cast<char>(f.path_id);
      PutVersionEditField(dst, kNewFilePathId, Slice(&p, 1));
    }
    if (f.temperature != 0) {
      const char t = static_cast<char>(f.temperature);
      PutVersionEditField(dst, kNewFileTemperature, Slice(&t, 1));
    }
    if (f.marked_for_compaction) {
      const char one = 1;
      PutVersionEditField(dst, kNewFileNeedCompaction, Slice(&one, 1));
    }
    if (!f.min_timestamp.empty()) {
      PutVersionEditField(dst, kNewFileMinTimestamp, f.min_timestamp);
    }
    if (!f.max_timestamp.empty()) {
      PutVersionEditField(dst, kNewFileMaxTimestamp, f.max_timestamp);
    }
    if (!f.unique_id.empty()) {
      PutVersionEditField(dst, kNewFileUniqueId, f.unique_id);
    }
    PutVarint32(dst, kNewFileTerminate);
  }
  for (const auto& b : blob_file_additions_) {
    PutVarint32(dst, kBlobFileAddition);
    EncodeBlobFileAddition(b, dst);
  }
  for (const auto& g : blob_file_garbages_) {
    PutVarint32(dst, kBlobFileGarbage);
    EncodeBlobFileGarbage(g, dst);
  }
  for (const auto& w : wal_additions_) {
    std::string encoded;
    EncodeWalAddition(w, &encoded);
    PutVersionEditField(dst, kWalAddition2, encoded);
  }
  if (has_wal_deletion_) {
    PutVersionEditVarintField(dst, kWalDeletion2, wal_deletion_number_);
  }
  if (column_family_ != 0) {
    PutVarint32(dst, kColumnFamily);
    PutVarint32(dst, column_family_);
  }
  if (is_column_family_add_) {
    PutVarint32(dst, kColumnFamilyAdd);
    PutLengthPrefixedSlice(dst, column_family_name_);
  }
  if (is_column_family_drop_) PutVarint32(dst, kColumnFamilyDrop);
  if (is_in_atomic_group_) {
    PutVarint32(dst, kInAtomicGroup);
    PutVarint32(dst, remaining_entries_);
  }
  if (HasFullHistoryTsLow()) {
    PutVarint32(dst, kFullHistoryTsLow);
    PutLengthPrefixedSlice(dst, full_history_ts_low_);
  }
  return Status::OK();
}

namespace {

// kNewFile4: fixed fields then custom fields. Returns nullptr or the
// problem; may set the min-log-number hack on the edit's behalf.
const char* DecodeVersionEditNewFile4(Slice* input, int* level, FileMetaData* f,
                                      bool* has_min_log, uint64_t* min_log) {
  uint64_t number = 0;
  if (!GetVersionEditLevel(input, level) || !GetVarint64(input, &number) ||
      !GetVarint64(input, &f->file_size) ||
      !GetVersionEditInternalKey(input, &f->smallest) ||
      !GetVersionEditInternalKey(input, &f->largest) ||
      !GetVarint64(input, &f->smallest_seqno) ||
      !GetVarint64(input, &f->largest_seqno)) {
    return "new-file4 entry";
  }
  f->number = number & kFileNumberMask;
  while (true) {
    uint32_t tag = 0;
    if (!GetVarint32(input, &tag)) return "new-file4 custom field";
    if (tag == kNewFileTerminate) return nullptr;
    Slice field;
    if (!GetLengthPrefixedSlice(input, &field)) {
      return "new-file4 custom field length prefixed slice error";
    }
    switch (tag) {
      case kNewFilePathId:
        if (field.size() != 1) return "path_id field wrong size";
        f->path_id = static_cast<unsigned char>(field[0]);
        if (f->path_id > 3) return "path_id wrong value";
        break;
      case kNewFileOldestAncesterTime:
        if (!GetVarint64(&field, &f->oldest_ancester_time)) {
          return "invalid oldest ancester time";
        }
        break;
      case kNewFileCreationTime:
        if (!GetVarint64(&field, &f->file_creation_time)) {
          return "invalid file creation time";
        }
        break;
      case kNewFileChecksum:
        f->file_checksum = field.ToString();
        break;
      case kNewFileChecksumFuncName:
        f->file_checksum_func_name = field.ToString();
        break;
      case kNewFileNeedCompaction:
        if (field.size() != 1) return "need_compaction field wrong size";
        f->marked_for_compaction = (field[0] == 1);
        break;
      case kNewFileMinLogNumberToKeepHack:
        if (!GetFixed64(&field, min_log)) {
          return "deleted log number malformatted";
        }
        *has_min_log = true;
        break;
      case kNewFileOldestBlobFileNumber:
        if (!GetVarint64(&field, &f->oldest_blob_file_number)) {
          return "invalid oldest blob file number";
        }
        break;
      case kNewFileTemperature:
        if (field.size() != 1) return "temperature field wrong size";
        f->temperature = static_cast<uint8_t>(field[0]);
        break;
      case kNewFileMinTimestamp:
        f->min_timestamp = field.ToString();
        break;
      case kNewFileMaxTimestamp:
        f->max_timestamp = field.ToString();
        break;
      case kNewFileUniqueId:
        if (field.size() != 16 && field.size() != 24) {
          return "invalid unique id";
        }
        f->unique_id = field.ToString();
        break;
      default:
        if ((tag & kNewFileCustomTagNonSafeIgnoreMask) != 0) {
          return "new-file4 custom field not supported";
        }
        break;  // unknown but safe to ignore (e.g. 8.x/9.x additions)
    }
  }
}

}  // namespace

Status VersionEdit::DecodeFrom(const Slice& src) {
  Clear();
  Slice input = src;
  const char* msg = nullptr;
  uint32_t tag = 0;
  Slice str;
  while (msg == nullptr && !input.empty()) {
    if (!GetVarint32(&input, &tag)) {
      msg = "tag";
      break;
    }
    switch (tag) {
      case kDbId:
        if (GetLengthPrefixedSlice(&input, &str)) {
          SetDBId(str.ToString());
        } else {
          msg = "db id";
        }
        break;
      case kComparator:
        if (GetLengthPrefixedSlice(&input, &str)) {
          SetComparatorName(str);
        } else {
          msg = "comparator name";
        }
        break;
      case kLogNumber:
        if (GetVarint64(&input, &log_number_)) {
          has_log_number_ = true;
        } else {
          msg = "log number";
        }
        break;
      case kPrevLogNumber:
        if (GetVarint64(&input, &prev_log_number_)) {
          has_prev_log_number_ = true;
        } else {
          msg = "previous log number";
        }
        break;
      case kNextFileNumber:
        if (GetVarint64(&input, &next_file_number_)) {
          has_next_file_number_ = true;
        } else {
          msg = "next file number";
        }
        break;
      case kMaxColumnFamily:
        if (GetVarint32(&input, &max_column_family_)) {
          has_max_column_family_ = true;
        } else {
          msg = "max column family";
        }
        break;
      case kMinLogNumberToKeep:
        if (GetVarint64(&input, &min_log_number_to_keep_)) {
          has_min_log_number_to_keep_ = true;
        } else {
          msg = "min log number to keep";
        }
        break;
      case kLastSequence:
        if (GetVarint64(&input, &last_sequence_)) {
          has_last_sequence_ = true;
        } else {
          msg = "last sequence number";
        }
        break;
      case kCompactCursor: {
        int level = 0;
        InternalKey key;
        if (GetVersionEditLevel(&input, &level) &&
            GetVersionEditInternalKey(&input, &key)) {
          compact_cursors_.emplace_back(level, key);
        } else {
          msg = "compaction cursor";
        }
        break;
      }
      case kDeletedFile: {
        int level = 0;
        uint64_t number = 0;
        if (GetVersionEditLevel(&input, &level) &&
            GetVarint64(&input, &number)) {
          deleted_files_.insert({level, number});
        } else {
          msg = "deleted file";
        }
        break;
      }
      case kNewFile:
      case kNewFile2:
      case kNewFile3: {
        int level = 0;
        FileMetaData f;
        uint32_t path_id = 0;
        bool ok = GetVersionEditLevel(&input, &level) &&
                  GetVarint64(&input, &f.number) &&
                  (tag != kNewFile3 || GetVarint32(&input, &path_id)) &&
                  GetVarint64(&input, &f.file_size) &&
                  GetVersionEditInternalKey(&input, &f.smallest) &&
                  GetVersionEditInternalKey(&input, &f.largest);
        if (ok && tag != kNewFile) {
          ok = GetVarint64(&input, &f.smallest_seqno) &&
               GetVarint64(&input, &f.largest_seqno);
        }
        if (ok) {
          f.path_id = path_id;
          new_files_.emplace_back(level, f);
        } else {
          msg = tag == kNewFile    ? "new-file entry"
                : tag == kNewFile2 ? "new-file2 entry"
                                   : "new-file3 entry";
        }
        break;
      }
      case kNewFile4: {
        int level = 0;
        FileMetaData f;
        msg = DecodeVersionEditNewFile4(&input, &level, &f,
                                        &has_min_log_number_to_keep_,
                                        &min_log_number_to_keep_);
        if (msg == nullptr) new_files_.emplace_back(level, f);
        break;
      }
      case kBlobFileAddition:
      case kBlobFileAddition_DEPRECATED: {
        BlobFileAddition b;
        msg = DecodeBlobFileAddition(&input, &b);
        if (msg == nullptr) blob_file_additions_.push_back(b);
        break;
      }
      case kBlobFileGarbage:
      case kBlobFileGarbage_DEPRECATED: {
        BlobFileGarbage g;
        msg = DecodeBlobFileGarbage(&input, &g);
        if (msg == nullptr) blob_file_garbages_.push_back(g);
        break;
      }
      case kWalAddition: {
        WalAddition w;
        msg = DecodeWalAddition(&input, &w);
        if (msg == nullptr) wal_additions_.push_back(w);
        break;
      }
      case kWalAddition2: {
        WalAddition w;
        if (!GetLengthPrefixedSlice(&input, &str)) {
          msg = "WalAddition";
          break;
        }
        msg = DecodeWalAddition(&str, &w);
        if (msg == nullptr) wal_additions_.push_back(w);
        break;
      }
      case kWalDeletion:
        if (GetVarint64(&input, &wal_deletion_number_)) {
          has_wal_deletion_ = true;
        } else {
          msg = "WalDeletion";
        }
        break;
      case kWalDeletion2:
        if (GetLengthPrefixedSlice(&input, &str) &&
            GetVarint64(&str, &wal_deletion_number_)) {
          has_wal_deletion_ = true;
        } else {
          msg = "WalDeletion";
        }
        break;
      case kColumnFamily:
        if (!GetVarint32(&input, &column_family_)) msg = "set column family id";
        break;
      case kColumnFamilyAdd:
        if (GetLengthPrefixedSlice(&input, &str)) {
          is_column_family_add_ = true;
          column_family_name_ = str.ToString();
        } else {
          msg = "column family add";
        }
        break;
      case kColumnFamilyDrop:
        is_column_family_drop_ = true;
        break;
      case kInAtomicGroup:
        if (GetVarint32(&input, &remaining_entries_)) {
          is_in_atomic_group_ = true;
        } else {
          msg = "remaining entries";
        }
        break;
      case kFullHistoryTsLow:
        if (GetLengthPrefixedSlice(&input, &str)) {
          full_history_ts_low_ = str.ToString();
        } else {
          msg = "full_history_ts_low";
        }
        break;
      default:
        if ((tag & kTagSafeIgnoreMask) != 0) {
          // A newer writer's field this reader may ignore.
          if (GetLengthPrefixedSlice(&input, &str)) {
            ++ignored_tags_;
          } else {
            msg = "safe-to-ignore entry";
          }
        } else {
          msg = "unknown tag";
        }
        break;
    }
  }
  if (msg != nullptr) {
    return Status::Corruption(
        "VersionEdit", std::string(msg) + " (tag " + std::to_string(tag) + ")");
  }
  return Status::OK();
}

std::string VersionEdit::DebugString() const {
  std::string r = "VersionEdit {";
  auto num = [&r](const char* name, uint64_t v) {
    r.append("\n  ").append(name).append(": ").append(std::to_string(v));
  };
  if (has_db_id_) r.append("\n  DB ID: ").append(db_id_);
  if (has_comparator_) r.append("\n  Comparator: ").append(comparator_);
  if (has_log_number_) num("LogNumber", log_number_);
  if (has_prev_log_number_) num("PrevLogNumber", prev_log_number_);
  if (has_next_file_number_) num("NextFileNumber", next_file_number_);
  if (has_max_column_family_) num("MaxColumnFamily", max_column_family_);
  if (has_min_log_number_to_keep_) {
    num("MinLogNumberToKeep", min_log_number_to_keep_);
  }
  if (has_last_sequence_) num("LastSeq", last_sequence_);
  for (const auto& df : deleted_files_) {
    r.append("\n  DeleteFile: ")
        .append(std::to_string(df.first))
        .append(" ")
        .append(std::to_string(df.second));
  }
  for (const auto& nf : new_files_) {
    const FileMetaData& f = nf.second;
    r.append("\n  AddFile: L")
        .append(std::to_string(nf.first))
        .append(" #")
        .append(std::to_string(f.number))
        .append(" ")
        .append(std::to_string(f.file_size))
        .append(" bytes seq ")
        .append(std::to_string(f.smallest_seqno))
        .append("..")
        .append(std::to_string(f.largest_seqno));
  }
  for (const auto& w : wal_additions_) num("WalAddition", w.log_number);
  if (has_wal_deletion_) num("WalDeletion", wal_deletion_number_);
  num("ColumnFamily", column_family_);
  if (is_column_family_add_) {
    r.append("\n  ColumnFamilyAdd: ").append(column_family_name_);
  }
  if (is_column_family_drop_) r.append("\n  ColumnFamilyDrop");
  if (is_in_atomic_group_) num("AtomicGroup", remaining_entries_);
  r.append("\n}\n");
  return r;
}

}  // namespace ROCKSDB_NAMESPACE
