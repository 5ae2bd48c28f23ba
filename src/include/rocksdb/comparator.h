// Comparator: a total order over user keys. The name is stored in every SST
// and MANIFEST; a DB must be reopened with a comparator of the same name.
// Implementations must be thread-safe (they are shared by all readers).
// BytewiseComparator() is RocksDB's default ("leveldb.BytewiseComparator",
// memcmp order, shorter first on a common prefix).
#ifndef SKYROCKS_INCLUDE_ROCKSDB_COMPARATOR_H_
#define SKYROCKS_INCLUDE_ROCKSDB_COMPARATOR_H_

#include <string>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

class Comparator {
 public:
  Comparator() = default;
  Comparator(const Comparator&) = delete;
  Comparator& operator=(const Comparator&) = delete;
  virtual ~Comparator() = default;

  // <0, 0, >0 as a is before, equal to, or after b.
  virtual int Compare(const Slice& a, const Slice& b) const = 0;
  virtual bool Equal(const Slice& a, const Slice& b) const {
    return Compare(a, b) == 0;
  }
  // Stored in files; changing it makes existing DBs unreadable.
  virtual const char* Name() const = 0;

  // May change *start to a shorter string in [*start, limit). Used to keep
  // index blocks small; doing nothing is correct.
  virtual void FindShortestSeparator(std::string* start,
                                     const Slice& limit) const = 0;
  // May change *key to a shorter string >= *key. Doing nothing is correct.
  virtual void FindShortSuccessor(std::string* key) const = 0;

  // Timestamps are not supported by skyrocks; always 0.
  size_t timestamp_size() const { return 0; }
};

// memcmp order. The result is a process-wide object; do not delete it.
const Comparator* BytewiseComparator();
// Reverse memcmp order ("rocksdb.ReverseBytewiseComparator").
const Comparator* ReverseBytewiseComparator();

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_COMPARATOR_H_
