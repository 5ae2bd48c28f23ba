// The index of a WriteBatchWithIndex: one entry per indexed record (Put,
// Delete, SingleDelete, Merge) of a WriteBatch, ordered by column family
// id, then key (the column family's comparator, else the backup
// comparator), then record offset, so the updates of a key sit together,
// oldest first. Entries hold offsets into the batch's representation, not
// pointers, because the representation moves as the batch grows.
//
// WbwiIteratorImpl walks one column family of the index (RocksDB's
// WBWIIteratorImpl, with the same positioning rules, including that
// Next/Prev past the column family's edge leave the position in the
// neighbouring column family, where Valid() is false).
//
// Not thread-safe; the index and batch must outlive their iterators.
#ifndef SKYROCKS_UTILITIES_WBWI_INDEX_H_
#define SKYROCKS_UTILITIES_WBWI_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <set>
#include <vector>

#include "db/merge_context.h"
#include "rocksdb/comparator.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "rocksdb/write_batch.h"

namespace ROCKSDB_NAMESPACE {

// An index entry, or a probe used to position in the index (search_key
// set, or min_in_cf: before every key of column_family).
struct WbwiIndexEntry {
  uint32_t column_family = 0;
  // Offset of the record in the batch's rep. overwrite_key moves it to a
  // newer record of the same key, which keeps the order (it stays the
  // largest offset of its key).
  mutable size_t offset = 0;
  size_t key_offset = 0;
  size_t key_size = 0;
  const Slice* search_key = nullptr;
  bool min_in_cf = false;
};

class WriteBatchIndex;

struct WbwiEntryLess {
  const WriteBatchIndex* index;
  bool operator()(const WbwiIndexEntry& a, const WbwiIndexEntry& b) const;
};

class WriteBatchIndex {
 public:
  using EntrySet = std::set<WbwiIndexEntry, WbwiEntryLess>;

  // batch must outlive the index (both live in WriteBatchWithIndex's Rep).
  WriteBatchIndex(const Comparator* backup_comparator, const WriteBatch* batch,
                  bool overwrite_key);
  WriteBatchIndex(const WriteBatchIndex&) = delete;
  WriteBatchIndex& operator=(const WriteBatchIndex&) = delete;

  // Keys of column family cf are ordered by cmp from now on (nullptr:
  // keep the current one). Called before the first entry of cf is added.
  void SetComparatorForCF(uint32_t cf, const Comparator* cmp);
  // cf's comparator, or the backup comparator.
  const Comparator* ComparatorFor(uint32_t cf) const;
  int CompareKey(uint32_t cf, const Slice& a, const Slice& b) const;

  // Indexes the record of type type for key (which points into the
  // batch's rep) that starts at record_offset. With overwrite_key a Put,
  // Delete or SingleDelete of an indexed key retargets that key's newest
  // entry instead of adding one.
  void AddOrUpdate(uint32_t cf, size_t record_offset, const Slice& key,
                   WriteType type);
  void Clear() { entries_.clear(); }
  // Clears and indexes every record of the batch again (after a rollback).
  // Corruption naming the offset on a malformed batch or a count that
  // differs from the records found.
  [[nodiscard]] Status Rebuild();

  // The record at offset as a WriteEntry (kUnknownRecord if unreadable).
  WriteEntry EntryAt(size_t offset) const;
  // The key an index entry (or probe) stands for.
  Slice KeyOf(const WbwiIndexEntry& e) const;

  const EntrySet& entries() const { return entries_; }
  const WriteBatch* batch() const { return batch_; }

 private:
  const Comparator* const backup_comparator_;
  const WriteBatch* const batch_;
  const bool overwrite_key_;
  std::vector<const Comparator*> cf_comparators_;  // by id; nullptr: backup
  EntrySet entries_;
};

// The answer of FindLatestUpdate about one key.
enum class WbwiResult { kFound, kDeleted, kNotFound, kMergeInProgress, kError };

class WbwiIteratorImpl : public WBWIIterator {
 public:
  WbwiIteratorImpl(uint32_t column_family, const WriteBatchIndex* index)
      : cf_(column_family), index_(index), it_(index->entries().end()) {}

  bool Valid() const override;
  void SeekToFirst() override;
  void SeekToLast() override;
  void Seek(const Slice& key) override;
  void SeekForPrev(const Slice& key) override;
  void Next() override;
  void Prev() override;
  WriteEntry Entry() const override;
  Status status() const override { return Status::OK(); }

  // Moves past every entry of the current key (forward or back).
  // REQUIRES: Valid()
  void NextKey();
  void PrevKey();

  // From the current position, which must be the first entry of key (or
  // anything else, giving kNotFound): collects in *merge_context the merge
  // operands newer than key's latest Put/Delete/SingleDelete and leaves the
  // iterator on that record (kFound for a Put, kDeleted), or on key's
  // first entry when there is none (kMergeInProgress, or kNotFound).
  WbwiResult FindLatestUpdate(const Slice& key, MergeContext* merge_context);
  // The same for the key of the current entry (kNotFound if !Valid()).
  WbwiResult FindLatestUpdate(MergeContext* merge_context);

 private:
  bool MatchesKey(const Slice& key) const;

  const uint32_t cf_;
  const WriteBatchIndex* const index_;
  WriteBatchIndex::EntrySet::const_iterator it_;  // end(): invalid
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_WBWI_INDEX_H_
