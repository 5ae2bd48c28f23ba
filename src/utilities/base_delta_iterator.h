// BaseDeltaIterator: a DB iterator (the base) with a WriteBatchWithIndex's
// updates of one column family (the delta) laid over it, what
// WriteBatchWithIndex::NewIteratorWithBase returns. Follows RocksDB
// 7.8.3's algorithm step for step, quirks included: at each position the
// smaller key (larger, going backwards) wins, a delta key equal to the base
// key hides it, a delta key whose latest update is a Delete with no newer
// merge operand is skipped (with the equal base key), and value() applies
// the delta's merge operands to the delta's Put, to nothing after a Delete,
// or to the base value of an equal key. iterate_upper_bound only stops
// delta keys once the base is exhausted. A failed merge makes status() the
// error and Valid() false; Next/Prev on an invalid iterator set
// NotSupported.
//
// Owns the base and delta iterators. Not thread-safe; the batch must
// outlive it and not be rolled back or cleared while it is used.
#ifndef SKYROCKS_UTILITIES_BASE_DELTA_ITERATOR_H_
#define SKYROCKS_UTILITIES_BASE_DELTA_ITERATOR_H_

#include <memory>
#include <string>

#include "rocksdb/column_family_handle.h"
#include "rocksdb/comparator.h"
#include "rocksdb/iterator.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "utilities/wbwi_index.h"
#include "utilities/wbwi_read.h"

namespace ROCKSDB_NAMESPACE {

class BaseDeltaIterator : public Iterator {
 public:
  // upper_bound may be nullptr; it must outlive the iterator.
  BaseDeltaIterator(ColumnFamilyHandle* column_family, Iterator* base_iterator,
                    WbwiIteratorImpl* delta_iterator,
                    const Comparator* comparator, const Slice* upper_bound);

  bool Valid() const override;
  void SeekToFirst() override;
  void SeekToLast() override;
  void Seek(const Slice& k) override;
  void SeekForPrev(const Slice& k) override;
  void Next() override;
  void Prev() override;
  Slice key() const override;
  Slice value() const override;
  Status status() const override;

 private:
  // After a direction change: brings the iterator that is not current to
  // the other side of the current key.
  void ChangeDirection(bool forward);
  void Advance();
  void AdvanceDelta();
  void AdvanceBase();
  bool BaseValid() const { return base_iterator_->Valid(); }
  bool DeltaValid() const { return delta_iterator_->Valid(); }
  // Moves past deleted delta keys and picks the current side.
  void UpdateCurrent();

  bool forward_ = true;
  bool current_at_base_ = true;
  bool equal_keys_ = false;
  // value() is const in the Iterator API but records merge failures and
  // keeps the merged value alive, as RocksDB's does.
  mutable Status status_;
  std::unique_ptr<Iterator> base_iterator_;
  std::unique_ptr<WbwiIteratorImpl> delta_iterator_;
  const Comparator* const comparator_;
  const Slice* const upper_bound_;
  mutable WbwiReader reader_;
  mutable std::string merge_result_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_BASE_DELTA_ITERATOR_H_
