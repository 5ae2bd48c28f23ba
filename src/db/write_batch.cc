// WriteBatch and WriteBatchInternal: building, parsing and iterating the
// RocksDB WriteBatch representation (doc/write_batch.md).
#include "rocksdb/write_batch.h"

#include <cstdio>
#include <limits>

#include "db/write_batch_internal.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Bits of WriteBatch::content_flags_.
enum WriteBatchContentFlag : uint32_t {
  kWriteBatchFlagsDeferred = 1u << 0,
  kWriteBatchHasPut = 1u << 1,
  kWriteBatchHasDelete = 1u << 2,
  kWriteBatchHasSingleDelete = 1u << 3,
  kWriteBatchHasMerge = 1u << 4,
  kWriteBatchHasDeleteRange = 1u << 5,
  kWriteBatchHasOther = 1u << 6,
};

const char* WriteBatchTagName(ValueType tag) {
  switch (tag) {
    case kTypeValue:
    case kTypeColumnFamilyValue:
      return "Put";
    case kTypeDeletion:
    case kTypeColumnFamilyDeletion:
      return "Delete";
    case kTypeSingleDeletion:
    case kTypeColumnFamilySingleDeletion:
      return "SingleDelete";
    case kTypeRangeDeletion:
    case kTypeColumnFamilyRangeDeletion:
      return "DeleteRange";
    case kTypeMerge:
    case kTypeColumnFamilyMerge:
      return "Merge";
    case kTypeBlobIndex:
    case kTypeColumnFamilyBlobIndex:
      return "BlobIndex";
    case kTypeWideColumnEntity:
    case kTypeColumnFamilyWideColumnEntity:
      return "PutEntity";
    case kTypeLogData:
      return "LogData";
    case kTypeEndPrepareXID:
      return "EndPrepare";
    case kTypeCommitXID:
      return "Commit";
    case kTypeCommitXIDAndTimestamp:
      return "CommitWithTimestamp";
    case kTypeRollbackXID:
      return "Rollback";
    default:
      return "record";
  }
}

// Parses one record. On failure returns false and sets *problem to a
// description without the offset.
bool ParseWriteBatchRecord(Slice* input, WriteBatchRecord* rec,
                           std::string* problem) {
  const auto tag =
      static_cast<ValueType>(static_cast<unsigned char>((*input)[0]));
  input->remove_prefix(1);
  rec->tag = tag;
  rec->column_family = 0;
  rec->key.clear();
  rec->value.clear();
  bool has_cf = false;
  int slices = 0;  // length-prefixed slices after the (optional) cf id
  switch (tag) {
    case kTypeColumnFamilyValue:
    case kTypeColumnFamilyMerge:
    case kTypeColumnFamilyRangeDeletion:
    case kTypeColumnFamilyBlobIndex:
    case kTypeColumnFamilyWideColumnEntity:
      has_cf = true;
      slices = 2;
      break;
    case kTypeColumnFamilyDeletion:
    case kTypeColumnFamilySingleDeletion:
      has_cf = true;
      slices = 1;
      break;
    case kTypeValue:
    case kTypeMerge:
    case kTypeRangeDeletion:
    case kTypeBlobIndex:
    case kTypeWideColumnEntity:
      slices = 2;
      break;
    case kTypeDeletion:
    case kTypeSingleDeletion:
    case kTypeLogData:
    case kTypeEndPrepareXID:
    case kTypeCommitXID:
    case kTypeRollbackXID:
      slices = 1;
      break;
    case kTypeCommitXIDAndTimestamp:
      slices = 2;
      break;
    case kTypeNoop:
    case kTypeBeginPrepareXID:
    case kTypeBeginPersistedPrepareXID:
    case kTypeBeginUnprepareXID:
      slices = 0;
      break;
    default: {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "unknown WriteBatch tag 0x%02x",
                    static_cast<unsigned>(tag));
      *problem = buf;
      return false;
    }
  }
  if (has_cf && !GetVarint32(input, &rec->column_family)) {
    *problem = std::string("truncated WriteBatch ") + WriteBatchTagName(tag) +
               " record (column family id)";
    return false;
  }
  Slice first, second;
  if ((slices >= 1 && !GetLengthPrefixedSlice(input, &first)) ||
      (slices >= 2 && !GetLengthPrefixedSlice(input, &second))) {
    *problem = std::string("truncated WriteBatch ") + WriteBatchTagName(tag) +
               " record";
    return false;
  }
  if (tag == kTypeCommitXIDAndTimestamp) {
    // Stored as commit timestamp, then xid.
    rec->key = second;
    rec->value = first;
  } else {
    rec->key = first;
    rec->value = second;
  }
  return true;
}

uint32_t WriteBatchFlagForTag(ValueType tag) {
  switch (tag) {
    case kTypeValue:
    case kTypeColumnFamilyValue:
    case kTypeBlobIndex:
    case kTypeColumnFamilyBlobIndex:
    case kTypeWideColumnEntity:
    case kTypeColumnFamilyWideColumnEntity:
      return kWriteBatchHasPut;
    case kTypeDeletion:
    case kTypeColumnFamilyDeletion:
      return kWriteBatchHasDelete;
    case kTypeSingleDeletion:
    case kTypeColumnFamilySingleDeletion:
      return kWriteBatchHasSingleDelete;
    case kTypeMerge:
    case kTypeColumnFamilyMerge:
      return kWriteBatchHasMerge;
    case kTypeRangeDeletion:
    case kTypeColumnFamilyRangeDeletion:
      return kWriteBatchHasDeleteRange;
    default:
      return kWriteBatchHasOther;
  }
}

uint32_t ColumnFamilyIdOf(ColumnFamilyHandle* column_family) {
  return column_family == nullptr ? 0 : column_family->GetID();
}

}  // namespace

// ---------------------------------------------------------------------------
// WriteBatch

WriteBatch::WriteBatch(size_t reserved_bytes, size_t max_bytes)
    : max_bytes_(max_bytes) {
  rep_.reserve(reserved_bytes > WriteBatchInternal::kHeader
                   ? reserved_bytes
                   : WriteBatchInternal::kHeader);
  rep_.resize(WriteBatchInternal::kHeader);
}

WriteBatch::WriteBatch(const std::string& rep)
    : rep_(rep), content_flags_(kWriteBatchFlagsDeferred) {}

WriteBatch::WriteBatch(std::string&& rep)
    : rep_(std::move(rep)), content_flags_(kWriteBatchFlagsDeferred) {}

WriteBatch::WriteBatch(const WriteBatch& src) = default;
WriteBatch::WriteBatch(WriteBatch&& src) noexcept = default;
WriteBatch& WriteBatch::operator=(const WriteBatch& src) = default;
WriteBatch& WriteBatch::operator=(WriteBatch&& src) noexcept = default;
WriteBatch::~WriteBatch() = default;

uint32_t WriteBatch::Count() const { return WriteBatchInternal::Count(this); }

Status WriteBatch::AddRecord(uint32_t cf_id, unsigned char default_tag,
                             unsigned char cf_tag, const Slice& key,
                             const Slice* value, uint32_t flag) {
  if (key.size() > std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument("WriteBatch: key is too large");
  }
  if (value != nullptr &&
      value->size() > std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument("WriteBatch: value is too large");
  }
  const size_t old_size = rep_.size();
  const uint32_t old_count = Count();
  if (cf_id == 0) {
    rep_.push_back(static_cast<char>(default_tag));
  } else {
    rep_.push_back(static_cast<char>(cf_tag));
    PutVarint32(&rep_, cf_id);
  }
  PutLengthPrefixedSlice(&rep_, key);
  if (value != nullptr) PutLengthPrefixedSlice(&rep_, *value);
  if (max_bytes_ != 0 && rep_.size() > max_bytes_) {
    rep_.resize(old_size);
    return Status::MemoryLimit("WriteBatch: update exceeds max_bytes");
  }
  WriteBatchInternal::SetCount(this, old_count + 1);
  if ((content_flags_ & kWriteBatchFlagsDeferred) == 0) content_flags_ |= flag;
  return Status::OK();
}

Status WriteBatch::Put(ColumnFamilyHandle* column_family, const Slice& key,
                       const Slice& value) {
  return WriteBatchInternal::Put(this, ColumnFamilyIdOf(column_family), key,
                                 value);
}

Status WriteBatch::Delete(ColumnFamilyHandle* column_family, const Slice& key) {
  return WriteBatchInternal::Delete(this, ColumnFamilyIdOf(column_family), key);
}

Status WriteBatch::SingleDelete(ColumnFamilyHandle* column_family,
                                const Slice& key) {
  return WriteBatchInternal::SingleDelete(this, ColumnFamilyIdOf(column_family),
                                          key);
}

Status WriteBatch::DeleteRange(ColumnFamilyHandle* column_family,
                               const Slice& begin_key, const Slice& end_key) {
  return WriteBatchInternal::DeleteRange(this, ColumnFamilyIdOf(column_family),
                                         begin_key, end_key);
}

Status WriteBatch::Merge(ColumnFamilyHandle* column_family, const Slice& key,
                         const Slice& value) {
  return WriteBatchInternal::Merge(this, ColumnFamilyIdOf(column_family), key,
                                   value);
}

Status WriteBatch::PutLogData(const Slice& blob) {
  if (blob.size() > std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument("WriteBatch: log data is too large");
  }
  const size_t old_size = rep_.size();
  rep_.push_back(static_cast<char>(kTypeLogData));
  PutLengthPrefixedSlice(&rep_, blob);
  if (max_bytes_ != 0 && rep_.size() > max_bytes_) {
    rep_.resize(old_size);
    return Status::MemoryLimit("WriteBatch: log data exceeds max_bytes");
  }
  return Status::OK();
}

void WriteBatch::Clear() {
  rep_.clear();
  rep_.resize(WriteBatchInternal::kHeader);
  content_flags_ = 0;
  save_points_.clear();
}

void WriteBatch::SetSavePoint() {
  save_points_.push_back(SavePointEntry{rep_.size(), Count(), content_flags_});
}

Status WriteBatch::RollbackToSavePoint() {
  if (save_points_.empty()) {
    return Status::NotFound("WriteBatch: no save point to roll back to");
  }
  const SavePointEntry sp = save_points_.back();
  save_points_.pop_back();
  rep_.resize(sp.size);
  WriteBatchInternal::SetCount(this, sp.count);
  content_flags_ = sp.content_flags;
  return Status::OK();
}

Status WriteBatch::PopSavePoint() {
  if (save_points_.empty()) {
    return Status::NotFound("WriteBatch: no save point to pop");
  }
  save_points_.pop_back();
  return Status::OK();
}

uint32_t WriteBatch::ComputeContentFlags() const {
  if ((content_flags_ & kWriteBatchFlagsDeferred) == 0) return content_flags_;
  uint32_t flags = 0;
  if (rep_.size() >= WriteBatchInternal::kHeader) {
    Slice input(rep_.data() + WriteBatchInternal::kHeader,
                rep_.size() - WriteBatchInternal::kHeader);
    WriteBatchRecord rec;
    std::string problem;
    while (!input.empty() && ParseWriteBatchRecord(&input, &rec, &problem)) {
      flags |= WriteBatchFlagForTag(rec.tag);
    }
  }
  content_flags_ = flags;
  return flags;
}

bool WriteBatch::HasPut() const {
  return (ComputeContentFlags() & kWriteBatchHasPut) != 0;
}
bool WriteBatch::HasDelete() const {
  return (ComputeContentFlags() & kWriteBatchHasDelete) != 0;
}
bool WriteBatch::HasSingleDelete() const {
  return (ComputeContentFlags() & kWriteBatchHasSingleDelete) != 0;
}
bool WriteBatch::HasDeleteRange() const {
  return (ComputeContentFlags() & kWriteBatchHasDeleteRange) != 0;
}
bool WriteBatch::HasMerge() const {
  return (ComputeContentFlags() & kWriteBatchHasMerge) != 0;
}

Status WriteBatch::Iterate(Handler* handler) const {
  if (rep_.size() < WriteBatchInternal::kHeader) {
    return Status::Corruption("malformed WriteBatch (too small)");
  }
  Slice input(rep_.data() + WriteBatchInternal::kHeader,
              rep_.size() - WriteBatchInternal::kHeader);
  uint32_t found = 0;
  bool empty_batch = true;
  bool handler_continue = true;
  WriteBatchRecord rec;
  std::string problem;
  Status s;
  while (!input.empty()) {
    handler_continue = handler->Continue();
    if (!handler_continue) break;
    const size_t offset = rep_.size() - input.size();
    if (!ParseWriteBatchRecord(&input, &rec, &problem)) {
      return Status::Corruption(problem, "at offset " + std::to_string(offset));
    }
    const uint32_t cf = rec.column_family;
    switch (rec.tag) {
      case kTypeValue:
      case kTypeColumnFamilyValue:
        s = handler->PutCF(cf, rec.key, rec.value);
        break;
      case kTypeDeletion:
      case kTypeColumnFamilyDeletion:
        s = handler->DeleteCF(cf, rec.key);
        break;
      case kTypeSingleDeletion:
      case kTypeColumnFamilySingleDeletion:
        s = handler->SingleDeleteCF(cf, rec.key);
        break;
      case kTypeRangeDeletion:
      case kTypeColumnFamilyRangeDeletion:
        s = handler->DeleteRangeCF(cf, rec.key, rec.value);
        break;
      case kTypeMerge:
      case kTypeColumnFamilyMerge:
        s = handler->MergeCF(cf, rec.key, rec.value);
        break;
      case kTypeBlobIndex:
      case kTypeColumnFamilyBlobIndex:
        s = handler->PutBlobIndexCF(cf, rec.key, rec.value);
        break;
      case kTypeWideColumnEntity:
      case kTypeColumnFamilyWideColumnEntity:
        s = handler->PutEntityCF(cf, rec.key, rec.value);
        break;
      case kTypeLogData:
        handler->LogData(rec.key);
        break;
      case kTypeNoop:
        s = handler->MarkNoop(empty_batch);
        empty_batch = true;
        break;
      case kTypeBeginPrepareXID:
      case kTypeBeginPersistedPrepareXID:
        s = handler->MarkBeginPrepare(false);
        empty_batch = false;
        break;
      case kTypeBeginUnprepareXID:
        s = handler->MarkBeginPrepare(true);
        empty_batch = false;
        break;
      case kTypeEndPrepareXID:
        s = handler->MarkEndPrepare(rec.key);
        empty_batch = true;
        break;
      case kTypeCommitXID:
        s = handler->MarkCommit(rec.key);
        empty_batch = true;
        break;
      case kTypeCommitXIDAndTimestamp:
        s = handler->MarkCommitWithTimestamp(rec.key, rec.value);
        empty_batch = true;
        break;
      case kTypeRollbackXID:
        s = handler->MarkRollback(rec.key);
        empty_batch = true;
        break;
      default:
        break;  // ParseWriteBatchRecord rejected every other tag
    }
    if (!s.ok()) return s;
    if (WriteBatchInternal::IsCountedTag(rec.tag)) {
      ++found;
      empty_batch = false;
    }
  }
  if (handler_continue && found != Count()) {
    return Status::Corruption("WriteBatch has wrong count",
                              "header says " + std::to_string(Count()) +
                                  ", records hold " + std::to_string(found));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// WriteBatch::Handler defaults (RocksDB's behaviour)

WriteBatch::Handler::~Handler() = default;

Status WriteBatch::Handler::PutCF(uint32_t column_family_id, const Slice& key,
                                  const Slice& value) {
  if (column_family_id == 0) {
    Put(key, value);
    return Status::OK();
  }
  return Status::InvalidArgument(
      "non-default column family and PutCF not implemented");
}

Status WriteBatch::Handler::DeleteCF(uint32_t column_family_id,
                                     const Slice& key) {
  if (column_family_id == 0) {
    Delete(key);
    return Status::OK();
  }
  return Status::InvalidArgument(
      "non-default column family and DeleteCF not implemented");
}

Status WriteBatch::Handler::SingleDeleteCF(uint32_t column_family_id,
                                           const Slice& key) {
  if (column_family_id == 0) {
    SingleDelete(key);
    return Status::OK();
  }
  return Status::InvalidArgument(
      "non-default column family and SingleDeleteCF not implemented");
}

Status WriteBatch::Handler::DeleteRangeCF(uint32_t /*column_family_id*/,
                                          const Slice& /*begin_key*/,
                                          const Slice& /*end_key*/) {
  return Status::InvalidArgument("DeleteRangeCF not implemented");
}

Status WriteBatch::Handler::MergeCF(uint32_t column_family_id, const Slice& key,
                                    const Slice& value) {
  if (column_family_id == 0) {
    Merge(key, value);
    return Status::OK();
  }
  return Status::InvalidArgument(
      "non-default column family and MergeCF not implemented");
}

Status WriteBatch::Handler::PutBlobIndexCF(uint32_t /*column_family_id*/,
                                           const Slice& /*key*/,
                                           const Slice& /*value*/) {
  return Status::InvalidArgument("PutBlobIndexCF not implemented");
}

Status WriteBatch::Handler::PutEntityCF(uint32_t /*column_family_id*/,
                                        const Slice& /*key*/,
                                        const Slice& /*entity*/) {
  return Status::NotSupported("PutEntityCF not implemented");
}

Status WriteBatch::Handler::MarkBeginPrepare(bool /*unprepared*/) {
  return Status::InvalidArgument("MarkBeginPrepare() handler not defined.");
}
Status WriteBatch::Handler::MarkEndPrepare(const Slice& /*xid*/) {
  return Status::InvalidArgument("MarkEndPrepare() handler not defined.");
}
Status WriteBatch::Handler::MarkNoop(bool /*empty_batch*/) {
  return Status::OK();
}
Status WriteBatch::Handler::MarkRollback(const Slice& /*xid*/) {
  return Status::InvalidArgument("MarkRollbackPrepare() handler not defined.");
}
Status WriteBatch::Handler::MarkCommit(const Slice& /*xid*/) {
  return Status::InvalidArgument("MarkCommit() handler not defined.");
}
Status WriteBatch::Handler::MarkCommitWithTimestamp(
    const Slice& /*xid*/, const Slice& /*commit_ts*/) {
  return Status::InvalidArgument(
      "MarkCommitWithTimestamp() handler not defined.");
}

// ---------------------------------------------------------------------------
// WriteBatchInternal

uint32_t WriteBatchInternal::Count(const WriteBatch* b) {
  if (b->rep_.size() < kHeader) return 0;
  return DecodeFixed32(b->rep_.data() + 8);
}

void WriteBatchInternal::SetCount(WriteBatch* b, uint32_t n) {
  if (b->rep_.size() < kHeader) b->rep_.resize(kHeader);
  EncodeFixed32(&b->rep_[8], n);
}

SequenceNumber WriteBatchInternal::Sequence(const WriteBatch* b) {
  if (b->rep_.size() < kHeader) return 0;
  return DecodeFixed64(b->rep_.data());
}

void WriteBatchInternal::SetSequence(WriteBatch* b, SequenceNumber seq) {
  if (b->rep_.size() < kHeader) b->rep_.resize(kHeader);
  EncodeFixed64(&b->rep_[0], seq);
}

Status WriteBatchInternal::SetContents(WriteBatch* b, const Slice& contents) {
  if (contents.size() < kHeader) {
    return Status::InvalidArgument(
        "WriteBatch contents shorter than the 12-byte header");
  }
  b->rep_.assign(contents.data(), contents.size());
  b->content_flags_ = kWriteBatchFlagsDeferred;
  b->save_points_.clear();
  return Status::OK();
}

Status WriteBatchInternal::Append(WriteBatch* dst, const WriteBatch* src) {
  if (src->rep_.size() < kHeader) {
    return Status::Corruption("malformed WriteBatch (too small)");
  }
  const size_t extra = src->rep_.size() - kHeader;
  if (dst->max_bytes_ != 0 && dst->rep_.size() + extra > dst->max_bytes_) {
    return Status::MemoryLimit("WriteBatch: append exceeds max_bytes");
  }
  SetCount(dst, Count(dst) + Count(src));
  dst->rep_.append(src->rep_.data() + kHeader, extra);
  if ((dst->content_flags_ & kWriteBatchFlagsDeferred) == 0) {
    dst->content_flags_ |= src->ComputeContentFlags();
  }
  return Status::OK();
}

Status WriteBatchInternal::Put(WriteBatch* b, uint32_t cf_id, const Slice& key,
                               const Slice& value) {
  return b->AddRecord(cf_id, kTypeValue, kTypeColumnFamilyValue, key, &value,
                      kWriteBatchHasPut);
}

Status WriteBatchInternal::Delete(WriteBatch* b, uint32_t cf_id,
                                  const Slice& key) {
  return b->AddRecord(cf_id, kTypeDeletion, kTypeColumnFamilyDeletion, key,
                      nullptr, kWriteBatchHasDelete);
}

Status WriteBatchInternal::SingleDelete(WriteBatch* b, uint32_t cf_id,
                                        const Slice& key) {
  return b->AddRecord(cf_id, kTypeSingleDeletion,
                      kTypeColumnFamilySingleDeletion, key, nullptr,
                      kWriteBatchHasSingleDelete);
}

Status WriteBatchInternal::DeleteRange(WriteBatch* b, uint32_t cf_id,
                                       const Slice& begin_key,
                                       const Slice& end_key) {
  return b->AddRecord(cf_id, kTypeRangeDeletion, kTypeColumnFamilyRangeDeletion,
                      begin_key, &end_key, kWriteBatchHasDeleteRange);
}

Status WriteBatchInternal::Merge(WriteBatch* b, uint32_t cf_id,
                                 const Slice& key, const Slice& value) {
  return b->AddRecord(cf_id, kTypeMerge, kTypeColumnFamilyMerge, key, &value,
                      kWriteBatchHasMerge);
}

void WriteBatchInternal::InsertNoop(WriteBatch* b) {
  b->rep_.push_back(static_cast<char>(kTypeNoop));
}

Status WriteBatchInternal::MarkEndPrepare(WriteBatch* b, const Slice& xid) {
  if (b->rep_.size() <= kHeader ||
      b->rep_[kHeader] != static_cast<char>(kTypeNoop)) {
    return Status::InvalidArgument(
        "WriteBatch: a prepared batch must start with a Noop record (xid '" +
        xid.ToString() + "')");
  }
  b->rep_[kHeader] = static_cast<char>(kTypeBeginPrepareXID);
  b->rep_.push_back(static_cast<char>(kTypeEndPrepareXID));
  PutLengthPrefixedSlice(&b->rep_, xid);
  return Status::OK();
}

void WriteBatchInternal::MarkCommit(WriteBatch* b, const Slice& xid) {
  b->rep_.push_back(static_cast<char>(kTypeCommitXID));
  PutLengthPrefixedSlice(&b->rep_, xid);
}

void WriteBatchInternal::MarkRollback(WriteBatch* b, const Slice& xid) {
  b->rep_.push_back(static_cast<char>(kTypeRollbackXID));
  PutLengthPrefixedSlice(&b->rep_, xid);
}

Status WriteBatchInternal::ReadRecord(Slice* input, WriteBatchRecord* record) {
  if (input->empty()) {
    return Status::Corruption("WriteBatch: no record left to read");
  }
  std::string problem;
  if (!ParseWriteBatchRecord(input, record, &problem)) {
    return Status::Corruption(problem);
  }
  return Status::OK();
}

bool WriteBatchInternal::IsCountedTag(ValueType tag) {
  switch (tag) {
    case kTypeValue:
    case kTypeColumnFamilyValue:
    case kTypeDeletion:
    case kTypeColumnFamilyDeletion:
    case kTypeSingleDeletion:
    case kTypeColumnFamilySingleDeletion:
    case kTypeRangeDeletion:
    case kTypeColumnFamilyRangeDeletion:
    case kTypeMerge:
    case kTypeColumnFamilyMerge:
    case kTypeBlobIndex:
    case kTypeColumnFamilyBlobIndex:
    case kTypeWideColumnEntity:
    case kTypeColumnFamilyWideColumnEntity:
      return true;
    default:
      return false;
  }
}

}  // namespace ROCKSDB_NAMESPACE
