// Iterator: an ordered view over keys and values (RocksDB's class). Created
// by DB::NewIterator or SstFileReader::NewIterator; delete it before its
// source. Valid() is false at either end or after an error, which status()
// then reports. key() and value() stay valid until the iterator moves. An
// iterator is used by one thread at a time.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_ITERATOR_H_
#define SKYROCKS_INCLUDE_ROCKSDB_ITERATOR_H_

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class Iterator {
 public:
  Iterator() = default;
  Iterator(const Iterator&) = delete;
  Iterator& operator=(const Iterator&) = delete;
  virtual ~Iterator() = default;

  virtual bool Valid() const = 0;
  virtual void SeekToFirst() = 0;
  virtual void SeekToLast() = 0;
  // First key >= target.
  virtual void Seek(const Slice& target) = 0;
  // Last key <= target.
  virtual void SeekForPrev(const Slice& target) = 0;
  // REQUIRES: Valid()
  virtual void Next() = 0;
  // REQUIRES: Valid()
  virtual void Prev() = 0;
  // REQUIRES: Valid()
  virtual Slice key() const = 0;
  // REQUIRES: Valid()
  virtual Slice value() const = 0;
  virtual Status status() const = 0;
};

// An iterator over nothing that reports status.
Iterator* NewEmptyIterator();
Iterator* NewErrorIterator(const Status& status);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_ITERATOR_H_
