// DBIter: the user's Iterator over a column family, on top of one internal
// iterator that merges memtables and SSTs. It shows, for each user key, the
// state as of the read sequence: entries newer than it are invisible; the
// newest visible entry decides (a value is shown, a deletion or a covering
// range tombstone hides the key, merge operands are combined with the
// MergeOperator onto the next older value). iterate_lower_bound (inclusive)
// and iterate_upper_bound (exclusive) limit the keys shown. A corrupt entry
// or failed merge stops the iterator with that status.
// Used by one thread at a time; keeps what it reads alive through `pin`.
#ifndef SKYROCKS_DB_DB_ITER_H_
#define SKYROCKS_DB_DB_ITER_H_

#include <memory>

#include "db/range_del.h"
#include "rocksdb/iterator.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/statistics.h"
#include "table/dbformat.h"
#include "table/internal_iterator.h"

namespace ROCKSDB_NAMESPACE {

struct DBIterArgs {
  const Comparator* ucmp = nullptr;               // not owned
  const MergeOperator* merge_operator = nullptr;  // may be null
  SequenceNumber read_seq = kMaxSequenceNumber;
  std::unique_ptr<RangeTombstones> tombstones;  // may be null: none
  // Copied: the bounds' bytes are copied too.
  const Slice* lower_bound = nullptr;
  const Slice* upper_bound = nullptr;
  // Released when the iterator is deleted (memtables, versions...).
  std::shared_ptr<void> pin;
  // ReadOptions::prefix_same_as_start with this extractor (null: off):
  // after Seek/SeekForPrev the iterator shows only keys with the target's
  // prefix, after SeekToFirst/SeekToLast only those with the first (last)
  // key's prefix (keys outside the extractor's domain end it).
  std::shared_ptr<const SliceTransform> prefix_same_as_start;
  // The DB's statistics (may be null): seeks count NUMBER_DB_SEEK(_FOUND)
  // at once; Next/Prev (NUMBER_DB_NEXT/PREV(_FOUND)) and ITER_BYTES_READ
  // of Next/Prev are added when the iterator is deleted, as RocksDB does.
  Statistics* statistics = nullptr;
};

// Takes ownership of internal.
Iterator* NewDBIterator(InternalIterator* internal, DBIterArgs args);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_DB_ITER_H_
