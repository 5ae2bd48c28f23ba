// Iterators over two levels of a table: a first-level iterator whose values
// are block handles, and an iterator over the block under it. Used for the
// whole table (index -> data blocks) and for a partitioned index (top-level
// index -> index partitions, which then acts as the table's index). Empty
// or exhausted blocks are skipped in both directions. Errors (a bad
// handle, a block that fails its checksum) stop the iterator with that
// status. Used by one thread at a time; must not outlive the TableReader
// unless it holds it (owner).
#ifndef SKYROCKS_TABLE_TWO_LEVEL_ITERATOR_H_
#define SKYROCKS_TABLE_TWO_LEVEL_ITERATOR_H_

#include <memory>

#include "table/internal_iterator.h"
#include "table/readahead.h"

namespace ROCKSDB_NAMESPACE {

class TableReader;

enum class TwoLevelKind { kDataBlocks, kIndexPartitions };

// Takes ownership of first_level. A non-null owner (table itself) is held
// by the iterator, which may then outlive every other reference to table.
// readahead: how second-level blocks are read (table/readahead.h).
InternalIterator* NewTwoLevelIterator(
    const TableReader* table, bool verify_checksums,
    InternalIterator* first_level, TwoLevelKind kind,
    std::shared_ptr<const TableReader> owner = nullptr,
    ReadaheadOptions readahead = ReadaheadOptions());

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_TWO_LEVEL_ITERATOR_H_
