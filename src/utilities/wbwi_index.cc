// WriteBatchIndex and WbwiIteratorImpl (utilities/wbwi_index.h): the
// sorted index of a WriteBatchWithIndex and its per-column-family iterator.
#include "utilities/wbwi_index.h"

#include <limits>
#include <string>

#include "db/write_batch_internal.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// The WriteType of a record tag; kUnknownRecord for tags the index skips.
WriteType WbwiWriteTypeOfTag(ValueType tag) {
  switch (tag) {
    case kTypeValue:
    case kTypeColumnFamilyValue:
      return kPutRecord;
    case kTypeDeletion:
    case kTypeColumnFamilyDeletion:
      return kDeleteRecord;
    case kTypeSingleDeletion:
    case kTypeColumnFamilySingleDeletion:
      return kSingleDeleteRecord;
    case kTypeMerge:
    case kTypeColumnFamilyMerge:
      return kMergeRecord;
    case kTypeRangeDeletion:
    case kTypeColumnFamilyRangeDeletion:
      return kDeleteRangeRecord;
    case kTypeLogData:
      return kLogDataRecord;
    case kTypeBeginPrepareXID:
    case kTypeEndPrepareXID:
    case kTypeCommitXID:
    case kTypeRollbackXID:
    case kTypeNoop:
    case kTypeBeginPersistedPrepareXID:
    case kTypeBeginUnprepareXID:
    case kTypeCommitXIDAndTimestamp:
      return kXIDRecord;
    default:
      return kUnknownRecord;
  }
}

}  // namespace

bool WbwiEntryLess::operator()(const WbwiIndexEntry& a,
                               const WbwiIndexEntry& b) const {
  if (a.column_family != b.column_family) {
    return a.column_family < b.column_family;
  }
  if (a.min_in_cf) return !b.min_in_cf;
  if (b.min_in_cf) return false;
  const int c =
      index->CompareKey(a.column_family, index->KeyOf(a), index->KeyOf(b));
  if (c != 0) return c < 0;
  return a.offset < b.offset;
}

WriteBatchIndex::WriteBatchIndex(const Comparator* backup_comparator,
                                 const WriteBatch* batch, bool overwrite_key)
    : backup_comparator_(backup_comparator),
      batch_(batch),
      overwrite_key_(overwrite_key),
      entries_(WbwiEntryLess{this}) {}

void WriteBatchIndex::SetComparatorForCF(uint32_t cf, const Comparator* cmp) {
  if (cmp == nullptr) return;
  if (cf_comparators_.size() <= cf) cf_comparators_.resize(cf + 1, nullptr);
  cf_comparators_[cf] = cmp;
}

const Comparator* WriteBatchIndex::ComparatorFor(uint32_t cf) const {
  if (cf < cf_comparators_.size() && cf_comparators_[cf] != nullptr) {
    return cf_comparators_[cf];
  }
  return backup_comparator_;
}

int WriteBatchIndex::CompareKey(uint32_t cf, const Slice& a,
                                const Slice& b) const {
  return ComparatorFor(cf)->Compare(a, b);
}

Slice WriteBatchIndex::KeyOf(const WbwiIndexEntry& e) const {
  if (e.search_key != nullptr) return *e.search_key;
  return Slice(batch_->Data().data() + e.key_offset, e.key_size);
}

void WriteBatchIndex::AddOrUpdate(uint32_t cf, size_t record_offset,
                                  const Slice& key, WriteType type) {
  if (overwrite_key_ && type != kMergeRecord) {
    // The newest entry of key: the last one before the first entry of the
    // next key.
    WbwiIndexEntry probe;
    probe.column_family = cf;
    probe.offset = std::numeric_limits<size_t>::max();
    probe.search_key = &key;
    auto it = entries_.upper_bound(probe);
    if (it != entries_.begin()) {
      --it;
      if (it->column_family == cf && CompareKey(cf, KeyOf(*it), key) == 0) {
        it->offset = record_offset;
        return;
      }
    }
  }
  WbwiIndexEntry e;
  e.column_family = cf;
  e.offset = record_offset;
  e.key_offset = static_cast<size_t>(key.data() - batch_->Data().data());
  e.key_size = key.size();
  entries_.insert(e);
}

Status WriteBatchIndex::Rebuild() {
  entries_.clear();
  const std::string& rep = batch_->Data();
  if (rep.size() < WriteBatchInternal::kHeader) {
    return Status::Corruption("WriteBatchWithIndex: batch of " +
                              std::to_string(rep.size()) +
                              " bytes is smaller than its header");
  }
  Slice input(rep);
  input.remove_prefix(WriteBatchInternal::kHeader);
  uint32_t found = 0;
  while (!input.empty()) {
    const size_t offset = static_cast<size_t>(input.data() - rep.data());
    WriteBatchRecord rec;
    Status s = WriteBatchInternal::ReadRecord(&input, &rec);
    if (!s.ok()) {
      return Status::Corruption(
          "WriteBatchWithIndex: rebuilding the index at "
          "offset " +
              std::to_string(offset),
          s.ToString());
    }
    const WriteType type = WbwiWriteTypeOfTag(rec.tag);
    switch (type) {
      case kPutRecord:
      case kDeleteRecord:
      case kSingleDeleteRecord:
      case kMergeRecord:
        found++;
        AddOrUpdate(rec.column_family, offset, rec.key, type);
        break;
      case kLogDataRecord:
      case kXIDRecord:
        break;
      default:
        return Status::Corruption(
            "WriteBatchWithIndex: record that cannot be indexed at offset " +
            std::to_string(offset));
    }
  }
  if (found != batch_->Count()) {
    return Status::Corruption("WriteBatchWithIndex: batch count " +
                              std::to_string(batch_->Count()) + " but " +
                              std::to_string(found) + " indexed records");
  }
  return Status::OK();
}

WriteEntry WriteBatchIndex::EntryAt(size_t offset) const {
  WriteEntry ret;
  const std::string& rep = batch_->Data();
  if (offset >= rep.size()) return ret;
  Slice input(rep.data() + offset, rep.size() - offset);
  WriteBatchRecord rec;
  if (!WriteBatchInternal::ReadRecord(&input, &rec).ok()) return ret;
  ret.type = WbwiWriteTypeOfTag(rec.tag);
  ret.key = rec.key;
  if (ret.type == kPutRecord || ret.type == kMergeRecord) {
    ret.value = rec.value;
  }
  return ret;
}

bool WbwiIteratorImpl::Valid() const {
  return it_ != index_->entries().end() && it_->column_family == cf_;
}

void WbwiIteratorImpl::SeekToFirst() {
  WbwiIndexEntry probe;
  probe.column_family = cf_;
  probe.min_in_cf = true;
  it_ = index_->entries().lower_bound(probe);
}

void WbwiIteratorImpl::SeekToLast() {
  const auto& set = index_->entries();
  WbwiIndexEntry probe;
  probe.column_family = cf_ + 1;
  probe.min_in_cf = true;
  it_ = set.lower_bound(probe);
  if (it_ == set.begin()) {
    it_ = set.end();
  } else {
    --it_;
  }
}

void WbwiIteratorImpl::Seek(const Slice& key) {
  WbwiIndexEntry probe;
  probe.column_family = cf_;
  probe.offset = 0;
  probe.search_key = &key;
  it_ = index_->entries().lower_bound(probe);
}

void WbwiIteratorImpl::SeekForPrev(const Slice& key) {
  const auto& set = index_->entries();
  WbwiIndexEntry probe;
  probe.column_family = cf_;
  probe.offset = std::numeric_limits<size_t>::max();
  probe.search_key = &key;
  it_ = set.upper_bound(probe);
  if (it_ == set.begin()) {
    it_ = set.end();
  } else {
    --it_;
  }
}

void WbwiIteratorImpl::Next() {
  if (it_ != index_->entries().end()) ++it_;
}

void WbwiIteratorImpl::Prev() {
  const auto& set = index_->entries();
  if (it_ == set.end()) return;
  if (it_ == set.begin()) {
    it_ = set.end();
  } else {
    --it_;
  }
}

WriteEntry WbwiIteratorImpl::Entry() const {
  return index_->EntryAt(it_->offset);
}

bool WbwiIteratorImpl::MatchesKey(const Slice& key) const {
  return Valid() && index_->CompareKey(cf_, index_->KeyOf(*it_), key) == 0;
}

void WbwiIteratorImpl::NextKey() {
  if (!Valid()) return;
  const Slice key = index_->KeyOf(*it_);
  do {
    Next();
  } while (MatchesKey(key));
}

void WbwiIteratorImpl::PrevKey() {
  if (!Valid()) return;
  const Slice key = index_->KeyOf(*it_);
  do {
    Prev();
  } while (MatchesKey(key));
}

WbwiResult WbwiIteratorImpl::FindLatestUpdate(const Slice& key,
                                              MergeContext* merge_context) {
  merge_context->Clear();
  if (!MatchesKey(key)) return WbwiResult::kNotFound;
  // To the newest entry of key, then back through its updates.
  NextKey();
  if (Valid()) {
    Prev();
  } else {
    SeekToLast();
  }
  WbwiResult result = WbwiResult::kNotFound;
  while (MatchesKey(key)) {
    const WriteEntry entry = Entry();
    switch (entry.type) {
      case kPutRecord:
        return WbwiResult::kFound;
      case kDeleteRecord:
      case kSingleDeleteRecord:
        return WbwiResult::kDeleted;
      case kMergeRecord:
        result = WbwiResult::kMergeInProgress;
        merge_context->PushOperand(entry.value);
        break;
      default:
        return WbwiResult::kError;
    }
    Prev();
  }
  // Only merge operands: back onto key's first entry.
  if (Valid()) {
    Next();
  } else {
    SeekToFirst();
  }
  return result;
}

WbwiResult WbwiIteratorImpl::FindLatestUpdate(MergeContext* merge_context) {
  if (!Valid()) {
    merge_context->Clear();
    return WbwiResult::kNotFound;
  }
  const Slice key = index_->KeyOf(*it_);
  return FindLatestUpdate(key, merge_context);
}

}  // namespace ROCKSDB_NAMESPACE
