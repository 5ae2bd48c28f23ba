// The iterator over a whole table: an index iterator whose values are
// block handles, and a data-block iterator for the block under it. Empty
// or exhausted blocks are skipped in both directions. Errors (a bad
// handle, a block that fails its checksum) stop the iterator with that
// status. Used by one thread at a time; must not outlive the TableReader.
#ifndef SKYROCKS_TABLE_TWO_LEVEL_ITERATOR_H_
#define SKYROCKS_TABLE_TWO_LEVEL_ITERATOR_H_

#include "table/internal_iterator.h"

namespace ROCKSDB_NAMESPACE {

class TableReader;

InternalIterator* NewTwoLevelIterator(const TableReader* table,
                                      bool verify_checksums);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_TWO_LEVEL_ITERATOR_H_
