// A table iterator for prefix seeks (ColumnFamilyOptions::prefix_extractor
// without ReadOptions::total_order_seek), as RocksDB 7.8.3's
// BlockBasedTableIterator does them: Seek and SeekForPrev first ask the
// table's prefix filter (TableReader::PrefixRangeMayMatch) and, when it
// rules the target's prefix out, leave the iterator invalid without
// reading a data block; the table then shows nothing until the next seek.
// SeekToFirst and SeekToLast are never filtered. Keys of the target's
// prefix are therefore all found; later keys of a skipped table are not
// (RocksDB's prefix-seek contract). Used by one thread at a time.
#ifndef SKYROCKS_TABLE_PREFIX_SEEK_ITERATOR_H_
#define SKYROCKS_TABLE_PREFIX_SEEK_ITERATOR_H_

#include <memory>
#include <string>

#include "rocksdb/slice_transform.h"
#include "table/internal_iterator.h"
#include "table/table_reader.h"

namespace ROCKSDB_NAMESPACE {

struct PrefixSeekOptions {
  // The column family's current extractor (kept alive by the iterator).
  std::shared_ptr<const SliceTransform> prefix_extractor;
  // Copied; nullptr: none.
  const Slice* upper_bound = nullptr;
  bool auto_prefix_mode = false;
};

// Takes ownership of base, an iterator over table (which must outlive it;
// base usually holds it).
InternalIterator* NewPrefixSeekIterator(const TableReader* table,
                                        InternalIterator* base,
                                        const PrefixSeekOptions& options);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_PREFIX_SEEK_ITERATOR_H_
