// BaseDeltaIterator (utilities/base_delta_iterator.h): a WriteBatchWithIndex
// over a DB iterator, RocksDB 7.8.3's merge of the two sorted streams.
#include "utilities/base_delta_iterator.h"

namespace ROCKSDB_NAMESPACE {

BaseDeltaIterator::BaseDeltaIterator(ColumnFamilyHandle* column_family,
                                     Iterator* base_iterator,
                                     WbwiIteratorImpl* delta_iterator,
                                     const Comparator* comparator,
                                     const Slice* upper_bound)
    : base_iterator_(base_iterator),
      delta_iterator_(delta_iterator),
      comparator_(comparator),
      upper_bound_(upper_bound),
      reader_(column_family) {}

bool BaseDeltaIterator::Valid() const {
  if (!status_.ok()) return false;
  return current_at_base_ ? BaseValid() : DeltaValid();
}

void BaseDeltaIterator::SeekToFirst() {
  forward_ = true;
  base_iterator_->SeekToFirst();
  delta_iterator_->SeekToFirst();
  UpdateCurrent();
}

void BaseDeltaIterator::SeekToLast() {
  forward_ = false;
  base_iterator_->SeekToLast();
  delta_iterator_->SeekToLast();
  UpdateCurrent();
}

void BaseDeltaIterator::Seek(const Slice& k) {
  forward_ = true;
  base_iterator_->Seek(k);
  delta_iterator_->Seek(k);
  UpdateCurrent();
}

void BaseDeltaIterator::SeekForPrev(const Slice& k) {
  forward_ = false;
  base_iterator_->SeekForPrev(k);
  delta_iterator_->SeekForPrev(k);
  UpdateCurrent();
}

void BaseDeltaIterator::ChangeDirection(bool forward) {
  forward_ = forward;
  equal_keys_ = false;
  if (!BaseValid()) {
    if (forward) {
      base_iterator_->SeekToFirst();
    } else {
      base_iterator_->SeekToLast();
    }
  } else if (!DeltaValid()) {
    if (forward) {
      delta_iterator_->SeekToFirst();
    } else {
      delta_iterator_->SeekToLast();
    }
  } else if (current_at_base_) {
    AdvanceDelta();
  } else {
    AdvanceBase();
  }
  if (DeltaValid() && BaseValid() &&
      comparator_->Compare(delta_iterator_->Entry().key,
                           base_iterator_->key()) == 0) {
    equal_keys_ = true;
  }
}

void BaseDeltaIterator::Next() {
  if (!Valid()) {
    status_ = Status::NotSupported("Next() on invalid iterator");
    return;
  }
  if (!forward_) ChangeDirection(true);
  Advance();
}

void BaseDeltaIterator::Prev() {
  if (!Valid()) {
    status_ = Status::NotSupported("Prev() on invalid iterator");
    return;
  }
  if (forward_) ChangeDirection(false);
  Advance();
}

Slice BaseDeltaIterator::key() const {
  return current_at_base_ ? base_iterator_->key()
                          : delta_iterator_->Entry().key;
}

Slice BaseDeltaIterator::value() const {
  if (current_at_base_) return base_iterator_->value();
  const WriteEntry delta = delta_iterator_->Entry();
  if (reader_.GetNumOperands() == 0) return delta.value;
  if (delta.type == kDeleteRecord || delta.type == kSingleDeleteRecord) {
    status_ = reader_.MergeKey(delta.key, nullptr, &merge_result_);
  } else if (delta.type == kPutRecord) {
    status_ = reader_.MergeKey(delta.key, &delta.value, &merge_result_);
  } else if (delta.type == kMergeRecord) {
    if (equal_keys_) {
      const Slice base_value = base_iterator_->value();
      status_ = reader_.MergeKey(delta.key, &base_value, &merge_result_);
    } else {
      status_ = reader_.MergeKey(delta.key, nullptr, &merge_result_);
    }
  }
  return Slice(merge_result_);
}

Status BaseDeltaIterator::status() const {
  if (!status_.ok()) return status_;
  if (!base_iterator_->status().ok()) return base_iterator_->status();
  return delta_iterator_->status();
}

void BaseDeltaIterator::Advance() {
  if (equal_keys_) {
    AdvanceBase();
    AdvanceDelta();
  } else if (current_at_base_) {
    AdvanceBase();
  } else {
    AdvanceDelta();
  }
  UpdateCurrent();
}

void BaseDeltaIterator::AdvanceDelta() {
  if (forward_) {
    delta_iterator_->NextKey();
  } else {
    delta_iterator_->PrevKey();
  }
}

void BaseDeltaIterator::AdvanceBase() {
  if (forward_) {
    base_iterator_->Next();
  } else {
    base_iterator_->Prev();
  }
}

void BaseDeltaIterator::UpdateCurrent() {
  status_ = Status::OK();
  while (true) {
    WbwiResult delta_result = WbwiResult::kNotFound;
    WriteEntry delta_entry;
    if (DeltaValid()) {
      delta_result = delta_iterator_->FindLatestUpdate(reader_.merge_context());
      delta_entry = delta_iterator_->Entry();
    } else if (!delta_iterator_->status().ok()) {
      current_at_base_ = false;  // expose the delta's error
      return;
    }
    equal_keys_ = false;
    const bool delta_deleted =
        delta_result == WbwiResult::kDeleted && reader_.GetNumOperands() == 0;
    if (!BaseValid()) {
      if (!base_iterator_->status().ok()) {
        current_at_base_ = true;  // expose the base's error
        return;
      }
      if (!DeltaValid()) return;  // both exhausted
      if (upper_bound_ != nullptr &&
          comparator_->Compare(delta_entry.key, *upper_bound_) >= 0) {
        return;  // out of the upper bound: finished
      }
      if (!delta_deleted) {
        current_at_base_ = false;
        return;
      }
      AdvanceDelta();
    } else if (!DeltaValid()) {
      current_at_base_ = true;
      return;
    } else {
      const int c =
          comparator_->Compare(delta_entry.key, base_iterator_->key());
      const int compare = forward_ ? c : -c;
      if (compare > 0) {  // the base comes first
        current_at_base_ = true;
        return;
      }
      if (compare == 0) equal_keys_ = true;
      if (!delta_deleted) {
        current_at_base_ = false;
        return;
      }
      // The delta deletes its key: skip it, and the equal base key.
      AdvanceDelta();
      if (equal_keys_) AdvanceBase();
    }
  }
}

}  // namespace ROCKSDB_NAMESPACE
