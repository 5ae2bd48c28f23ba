// WriteBatchWithIndex (rocksdb/utilities/write_batch_with_index.h): the
// updates go to the wrapped WriteBatch and the index; reads go through
// utilities/wbwi_read.h and utilities/base_delta_iterator.h.
#include "rocksdb/utilities/write_batch_with_index.h"

#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "utilities/base_delta_iterator.h"
#include "utilities/wbwi_index.h"
#include "utilities/wbwi_read.h"

namespace ROCKSDB_NAMESPACE {

namespace {

uint32_t WbwiColumnFamilyId(ColumnFamilyHandle* column_family) {
  return column_family == nullptr ? 0 : column_family->GetID();
}

}  // namespace

struct WriteBatchWithIndex::Rep {
  Rep(const Comparator* backup_comparator, size_t reserved_bytes,
      size_t max_bytes, bool overwrite_key)
      : write_batch(reserved_bytes, max_bytes),
        index(backup_comparator, &write_batch, overwrite_key) {}

  // Appends with append(), then indexes the new record under key (the
  // record's key is the copy inside the batch, found at its offset).
  template <typename Append>
  Status AddRecord(ColumnFamilyHandle* column_family, WriteType type,
                   Append append) {
    const size_t offset = write_batch.GetDataSize();
    Status s = append();
    if (!s.ok()) return s;
    const uint32_t cf = WbwiColumnFamilyId(column_family);
    if (column_family != nullptr) {
      index.SetComparatorForCF(cf, column_family->GetComparator());
    }
    const WriteEntry entry = index.EntryAt(offset);
    index.AddOrUpdate(cf, offset, entry.key, type);
    return s;
  }

  WriteBatch write_batch;
  WriteBatchIndex index;
};

WriteBatchWithIndex::WriteBatchWithIndex(
    const Comparator* backup_index_comparator, size_t reserved_bytes,
    bool overwrite_key, size_t max_bytes, size_t /*protection_bytes_per_key*/)
    : rep(new Rep(backup_index_comparator, reserved_bytes, max_bytes,
                  overwrite_key)) {}

WriteBatchWithIndex::~WriteBatchWithIndex() = default;
WriteBatchWithIndex::WriteBatchWithIndex(WriteBatchWithIndex&&) = default;
WriteBatchWithIndex& WriteBatchWithIndex::operator=(WriteBatchWithIndex&&) =
    default;

Status WriteBatchWithIndex::Put(ColumnFamilyHandle* column_family,
                                const Slice& key, const Slice& value) {
  return rep->AddRecord(column_family, kPutRecord, [&] {
    return rep->write_batch.Put(column_family, key, value);
  });
}

Status WriteBatchWithIndex::Put(const Slice& key, const Slice& value) {
  return Put(nullptr, key, value);
}

Status WriteBatchWithIndex::Merge(ColumnFamilyHandle* column_family,
                                  const Slice& key, const Slice& value) {
  return rep->AddRecord(column_family, kMergeRecord, [&] {
    return rep->write_batch.Merge(column_family, key, value);
  });
}

Status WriteBatchWithIndex::Merge(const Slice& key, const Slice& value) {
  return Merge(nullptr, key, value);
}

Status WriteBatchWithIndex::Delete(ColumnFamilyHandle* column_family,
                                   const Slice& key) {
  return rep->AddRecord(column_family, kDeleteRecord, [&] {
    return rep->write_batch.Delete(column_family, key);
  });
}

Status WriteBatchWithIndex::Delete(const Slice& key) {
  return Delete(nullptr, key);
}

Status WriteBatchWithIndex::SingleDelete(ColumnFamilyHandle* column_family,
                                         const Slice& key) {
  return rep->AddRecord(column_family, kSingleDeleteRecord, [&] {
    return rep->write_batch.SingleDelete(column_family, key);
  });
}

Status WriteBatchWithIndex::SingleDelete(const Slice& key) {
  return SingleDelete(nullptr, key);
}

Status WriteBatchWithIndex::DeleteRange(ColumnFamilyHandle* /*column_family*/,
                                        const Slice& /*begin_key*/,
                                        const Slice& /*end_key*/) {
  return Status::NotSupported("DeleteRange unsupported in WriteBatchWithIndex");
}

Status WriteBatchWithIndex::DeleteRange(const Slice& begin_key,
                                        const Slice& end_key) {
  return DeleteRange(nullptr, begin_key, end_key);
}

Status WriteBatchWithIndex::PutLogData(const Slice& blob) {
  return rep->write_batch.PutLogData(blob);
}

void WriteBatchWithIndex::Clear() {
  rep->write_batch.Clear();
  rep->index.Clear();
}

WriteBatch* WriteBatchWithIndex::GetWriteBatch() { return &rep->write_batch; }

WBWIIterator* WriteBatchWithIndex::NewIterator(
    ColumnFamilyHandle* column_family) {
  return new WbwiIteratorImpl(WbwiColumnFamilyId(column_family), &rep->index);
}

WBWIIterator* WriteBatchWithIndex::NewIterator() {
  return new WbwiIteratorImpl(0, &rep->index);
}

Iterator* WriteBatchWithIndex::NewIteratorWithBase(
    ColumnFamilyHandle* column_family, Iterator* base_iterator,
    const ReadOptions* opts) {
  const uint32_t cf = WbwiColumnFamilyId(column_family);
  const Comparator* cmp = column_family != nullptr
                              ? column_family->GetComparator()
                              : rep->index.ComparatorFor(0);
  return new BaseDeltaIterator(
      column_family, base_iterator, new WbwiIteratorImpl(cf, &rep->index), cmp,
      opts != nullptr ? opts->iterate_upper_bound : nullptr);
}

Iterator* WriteBatchWithIndex::NewIteratorWithBase(Iterator* base_iterator) {
  return new BaseDeltaIterator(nullptr, base_iterator,
                               new WbwiIteratorImpl(0, &rep->index),
                               rep->index.ComparatorFor(0), nullptr);
}

Status WriteBatchWithIndex::GetFromBatch(ColumnFamilyHandle* column_family,
                                         const DBOptions& /*options*/,
                                         const Slice& key, std::string* value) {
  WbwiReader reader(column_family);
  Status s;
  switch (reader.GetFromBatch(rep->index, WbwiColumnFamilyId(column_family),
                              key, value, &s)) {
    case WbwiResult::kFound:
    case WbwiResult::kError:
      return s;
    case WbwiResult::kMergeInProgress:
      return Status::MergeInProgress();
    default:
      return Status::NotFound();
  }
}

Status WriteBatchWithIndex::GetFromBatchAndDB(DB* db,
                                              const ReadOptions& read_options,
                                              const Slice& key,
                                              std::string* value) {
  return GetFromBatchAndDB(db, read_options, db->DefaultColumnFamily(), key,
                           value);
}

Status WriteBatchWithIndex::GetFromBatchAndDB(DB* db,
                                              const ReadOptions& read_options,
                                              const Slice& key,
                                              PinnableSlice* value) {
  return GetFromBatchAndDB(db, read_options, db->DefaultColumnFamily(), key,
                           value);
}

Status WriteBatchWithIndex::GetFromBatchAndDB(DB* db,
                                              const ReadOptions& read_options,
                                              ColumnFamilyHandle* column_family,
                                              const Slice& key,
                                              std::string* value) {
  PinnableSlice pinnable(value);
  Status s = GetFromBatchAndDB(db, read_options, column_family, key, &pinnable);
  if (s.ok() && pinnable.data() != value->data()) {
    value->assign(pinnable.data(), pinnable.size());
  }
  return s;
}

Status WriteBatchWithIndex::GetFromBatchAndDB(DB* db,
                                              const ReadOptions& read_options,
                                              ColumnFamilyHandle* column_family,
                                              const Slice& key,
                                              PinnableSlice* value) {
  WbwiReader reader(column_family);
  Status s;
  // The batch's value is copied: the batch may change before the caller
  // reads it.
  const WbwiResult result = reader.GetFromBatch(
      rep->index, WbwiColumnFamilyId(column_family), key, value->GetSelf(), &s);
  if (result == WbwiResult::kFound) {
    value->PinSelf();
    return s;
  }
  if (!s.ok() || result == WbwiResult::kError) return s;
  if (result == WbwiResult::kDeleted) return Status::NotFound();
  // Not in the batch, or only merge operands there: ask the DB.
  s = db->Get(read_options, column_family, key, value);
  if (result == WbwiResult::kMergeInProgress && (s.ok() || s.IsNotFound())) {
    std::string merged;
    const Slice base(value->data(), value->size());
    s = reader.MergeKey(key, s.ok() ? &base : nullptr, &merged);
    if (s.ok()) {
      *value->GetSelf() = std::move(merged);
      value->PinSelf();
    }
  }
  return s;
}

void WriteBatchWithIndex::MultiGetFromBatchAndDB(
    DB* db, const ReadOptions& read_options, ColumnFamilyHandle* column_family,
    const size_t num_keys, const Slice* keys, PinnableSlice* values,
    Status* statuses, bool /*sorted_input*/) {
  for (size_t i = 0; i < num_keys; i++) {
    statuses[i] =
        GetFromBatchAndDB(db, read_options, column_family, keys[i], &values[i]);
  }
}

void WriteBatchWithIndex::SetSavePoint() { rep->write_batch.SetSavePoint(); }

Status WriteBatchWithIndex::RollbackToSavePoint() {
  Status s = rep->write_batch.RollbackToSavePoint();
  if (s.ok()) s = rep->index.Rebuild();
  return s;
}

Status WriteBatchWithIndex::PopSavePoint() {
  return rep->write_batch.PopSavePoint();
}

void WriteBatchWithIndex::SetMaxBytes(size_t max_bytes) {
  rep->write_batch.SetMaxBytes(max_bytes);
}

size_t WriteBatchWithIndex::GetDataSize() const {
  return rep->write_batch.GetDataSize();
}

}  // namespace ROCKSDB_NAMESPACE
