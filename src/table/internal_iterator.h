// InternalIterator: the iterator every layer below the public API speaks
// (blocks, tables, memtables, merging iterators). Keys are whatever the
// source orders by (internal keys for tables and memtables). key() and
// value() stay valid until the iterator moves. Not thread-safe.
#ifndef SKYROCKS_TABLE_INTERNAL_ITERATOR_H_
#define SKYROCKS_TABLE_INTERNAL_ITERATOR_H_

#include <utility>

#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class InternalIterator {
 public:
  InternalIterator() = default;
  InternalIterator(const InternalIterator&) = delete;
  InternalIterator& operator=(const InternalIterator&) = delete;
  virtual ~InternalIterator() = default;

  virtual bool Valid() const = 0;
  virtual void SeekToFirst() = 0;
  virtual void SeekToLast() = 0;
  // First entry with key >= target.
  virtual void Seek(const Slice& target) = 0;
  // Last entry with key <= target.
  virtual void SeekForPrev(const Slice& target) = 0;
  // REQUIRES: Valid()
  virtual void Next() = 0;
  // REQUIRES: Valid()
  virtual void Prev() = 0;
  // REQUIRES: Valid()
  virtual Slice key() const = 0;
  // REQUIRES: Valid()
  virtual Slice value() const = 0;
  // Not OK once the iterator met damaged data or an I/O error; it is then
  // not Valid().
  virtual Status status() const = 0;
};

// An iterator over nothing carrying a status (OK, or the error that made
// the real iterator impossible), for any iterator interface with
// InternalIterator's methods (InternalIterator, the public Iterator).
template <class IteratorBase>
class EmptyIteratorWithStatus : public IteratorBase {
 public:
  explicit EmptyIteratorWithStatus(Status s) : status_(std::move(s)) {}
  bool Valid() const override { return false; }
  void SeekToFirst() override {}
  void SeekToLast() override {}
  void Seek(const Slice&) override {}
  void SeekForPrev(const Slice&) override {}
  void Next() override {}
  void Prev() override {}
  Slice key() const override { return Slice(); }
  Slice value() const override { return Slice(); }
  Status status() const override { return status_; }

 private:
  Status status_;
};

InternalIterator* NewErrorInternalIterator(const Status& s);
InternalIterator* NewEmptyInternalIterator();

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_INTERNAL_ITERATOR_H_
