// MergingIterator: one InternalIterator over several children (memtables,
// SSTs), yielding their entries in internal-key order; equal keys come from
// the child listed first. Works in both directions (a direction change
// re-seeks the other children around the current key, as leveldb does).
// Any child's error stops it and is returned by status(). Owns its
// children. Used by one thread at a time.
#ifndef SKYROCKS_DB_MERGING_ITERATOR_H_
#define SKYROCKS_DB_MERGING_ITERATOR_H_

#include <vector>

#include "table/dbformat.h"
#include "table/internal_iterator.h"

namespace ROCKSDB_NAMESPACE {

// Takes ownership of the children. cmp must outlive the iterator.
InternalIterator* NewMergingIterator(const InternalKeyComparator* cmp,
                                     std::vector<InternalIterator*> children);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_MERGING_ITERATOR_H_
