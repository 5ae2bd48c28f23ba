// WriteBatchWithIndex: a WriteBatch plus a sorted index of its keys, so a
// transaction can read its own uncommitted writes (RocksDB 7.8.3's class:
// same names, signatures and behaviour). Every Put/Delete/SingleDelete/
// Merge appends to the wrapped WriteBatch (GetWriteBatch(), ready for
// DB::Write) and records the record's offset in the index, ordered by
// column family id, then key (the column family's comparator, else the
// backup comparator), then offset.
//
// overwrite_key = true: a Put, Delete or SingleDelete of a key already in
// the index replaces the index entry of that key's latest update, so an
// iterator shows it once; a Merge always adds an entry. With false every
// update has its own entry, oldest first.
//
// Reads: GetFromBatch resolves a key from the batch alone (MergeInProgress
// when only merge operands are there), GetFromBatchAndDB falls through to
// the DB and applies the batch's operands on top with the column family's
// merge operator; NewIterator walks one column family's entries,
// NewIteratorWithBase overlays the batch on a DB iterator.
//
// Not thread-safe: one writer, and readers (iterators) only while no one
// mutates. An iterator stays usable across Put/Merge/Delete (it sees the
// new entries); RollbackToSavePoint and Clear invalidate every iterator.
// DeleteRange is NotSupported, as in 7.8.3.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_WRITE_BATCH_WITH_INDEX_H_
#define SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_WRITE_BATCH_WITH_INDEX_H_

#include <cstddef>
#include <memory>
#include <string>

#include "rocksdb/column_family_handle.h"
#include "rocksdb/comparator.h"
#include "rocksdb/iterator.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "rocksdb/write_batch.h"

namespace ROCKSDB_NAMESPACE {

class DB;
struct DBOptions;
struct ReadOptions;

enum WriteType {
  kPutRecord,
  kMergeRecord,
  kDeleteRecord,
  kSingleDeleteRecord,
  kDeleteRangeRecord,
  kLogDataRecord,
  kXIDRecord,
  kUnknownRecord,
};

// One indexed update. key and value point into the batch: valid until the
// batch is next modified.
struct WriteEntry {
  WriteType type = kUnknownRecord;
  Slice key;
  Slice value;
};

// The entries of one column family of a batch, in index order (several
// entries per key unless overwrite_key). Valid() turns false past either
// end of the column family.
class WBWIIterator {
 public:
  virtual ~WBWIIterator() {}
  virtual bool Valid() const = 0;
  virtual void SeekToFirst() = 0;
  virtual void SeekToLast() = 0;
  // The first entry of the first key >= key.
  virtual void Seek(const Slice& key) = 0;
  // The last entry of the last key <= key.
  virtual void SeekForPrev(const Slice& key) = 0;
  // REQUIRES: Valid()
  virtual void Next() = 0;
  // REQUIRES: Valid()
  virtual void Prev() = 0;
  // REQUIRES: Valid(). Valid until the batch is next modified.
  virtual WriteEntry Entry() const = 0;
  virtual Status status() const = 0;
};

class WriteBatchWithIndex {
 public:
  // backup_index_comparator orders keys of column families not given by
  // handle (or whose handle has no comparator). reserved_bytes and
  // max_bytes as for WriteBatch. protection_bytes_per_key must be 0
  // (skyrocks has no per-key protection; other values are ignored).
  explicit WriteBatchWithIndex(
      const Comparator* backup_index_comparator = BytewiseComparator(),
      size_t reserved_bytes = 0, bool overwrite_key = false,
      size_t max_bytes = 0, size_t protection_bytes_per_key = 0);
  ~WriteBatchWithIndex();
  WriteBatchWithIndex(WriteBatchWithIndex&&);
  WriteBatchWithIndex& operator=(WriteBatchWithIndex&&);

  // The updates; a null column_family means the default one (id 0).
  Status Put(ColumnFamilyHandle* column_family, const Slice& key,
             const Slice& value);
  Status Put(const Slice& key, const Slice& value);
  Status Merge(ColumnFamilyHandle* column_family, const Slice& key,
               const Slice& value);
  Status Merge(const Slice& key, const Slice& value);
  Status Delete(ColumnFamilyHandle* column_family, const Slice& key);
  Status Delete(const Slice& key);
  Status SingleDelete(ColumnFamilyHandle* column_family, const Slice& key);
  Status SingleDelete(const Slice& key);
  // NotSupported: the index cannot answer reads under a range tombstone.
  Status DeleteRange(ColumnFamilyHandle* column_family, const Slice& begin_key,
                     const Slice& end_key);
  Status DeleteRange(const Slice& begin_key, const Slice& end_key);
  // Written to the batch, not indexed.
  Status PutLogData(const Slice& blob);

  // Empties batch and index and forgets the save points.
  void Clear();

  // The wrapped batch (owned by this object), for DB::Write.
  WriteBatch* GetWriteBatch();

  // Caller owns the result. Must not outlive this batch.
  WBWIIterator* NewIterator(ColumnFamilyHandle* column_family);
  WBWIIterator* NewIterator();

  // The DB view base_iterator gives with this batch's updates of
  // column_family applied: deleted keys vanish, Puts replace, merge
  // operands are applied (column_family's merge operator) to the base
  // value. Takes ownership of base_iterator. Of *opts only
  // iterate_upper_bound is used, and (as in 7.8.3) only to stop a forward
  // walk over batch keys once the base iterator is exhausted. Caller owns
  // the result.
  Iterator* NewIteratorWithBase(ColumnFamilyHandle* column_family,
                                Iterator* base_iterator,
                                const ReadOptions* opts = nullptr);
  Iterator* NewIteratorWithBase(Iterator* base_iterator);

  // The key's value from the batch alone: OK, NotFound (absent or deleted),
  // MergeInProgress (only merge operands), InvalidArgument (operands over a
  // Put or Delete need column_family's merge operator: no handle, or no
  // operator).
  Status GetFromBatch(ColumnFamilyHandle* column_family,
                      const DBOptions& options, const Slice& key,
                      std::string* value);
  Status GetFromBatch(const DBOptions& options, const Slice& key,
                      std::string* value) {
    return GetFromBatch(nullptr, options, key, value);
  }

  // As DB::Get with this batch's updates on top: a Put or Delete in the
  // batch answers alone; otherwise the DB is read (read_options.snapshot
  // applies to the DB only) and the batch's merge operands are applied.
  Status GetFromBatchAndDB(DB* db, const ReadOptions& read_options,
                           const Slice& key, std::string* value);
  Status GetFromBatchAndDB(DB* db, const ReadOptions& read_options,
                           const Slice& key, PinnableSlice* value);
  Status GetFromBatchAndDB(DB* db, const ReadOptions& read_options,
                           ColumnFamilyHandle* column_family, const Slice& key,
                           std::string* value);
  Status GetFromBatchAndDB(DB* db, const ReadOptions& read_options,
                           ColumnFamilyHandle* column_family, const Slice& key,
                           PinnableSlice* value);
  // GetFromBatchAndDB for each key (sorted_input is a hint only).
  void MultiGetFromBatchAndDB(DB* db, const ReadOptions& read_options,
                              ColumnFamilyHandle* column_family,
                              const size_t num_keys, const Slice* keys,
                              PinnableSlice* values, Status* statuses,
                              bool sorted_input);

  // Save points of the wrapped batch; RollbackToSavePoint (NotFound when
  // there is none) rebuilds the index and invalidates iterators.
  void SetSavePoint();
  Status RollbackToSavePoint();
  Status PopSavePoint();

  void SetMaxBytes(size_t max_bytes);
  // Bytes of the wrapped batch's representation.
  size_t GetDataSize() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_WRITE_BATCH_WITH_INDEX_H_
