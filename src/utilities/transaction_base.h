// TransactionBaseImpl: what optimistic (and, later, pessimistic)
// transactions share (RocksDB 7.8.3's class of the same name): the
// WriteBatchWithIndex of the writes, reads through it over the DB, the
// snapshot, the tracked keys and the save points. A subclass decides what
// tracking a key means (TryLock) and how to commit.
//
// Not thread-safe: one thread uses a transaction at a time. The DB and
// every column family handle used must outlive the transaction.
#ifndef SKYROCKS_UTILITIES_TRANSACTION_BASE_H_
#define SKYROCKS_UTILITIES_TRANSACTION_BASE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/utilities/transaction.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "rocksdb/write_batch.h"
#include "utilities/txn_key_tracker.h"

namespace ROCKSDB_NAMESPACE {

class DBImpl;

// The DBImpl under db and its StackableDB wrappers; nullptr if none.
DBImpl* RootDBImpl(DB* db);

class TransactionBaseImpl : public Transaction {
 public:
  // db: the DB reads and writes go to (not a transaction DB wrapper).
  TransactionBaseImpl(DB* db, const WriteOptions& write_options,
                      const Comparator* cmp);
  ~TransactionBaseImpl() override;

  // Tracks key for the transaction (read_only: a GetForUpdate); nothing
  // when do_validate is false.
  virtual Status TryLock(ColumnFamilyHandle* column_family, const Slice& key,
                         bool read_only, bool exclusive, bool do_validate,
                         bool assume_tracked = false) = 0;

  // Forgets writes, tracked keys, save points and counters (not the
  // snapshot): after Commit and Rollback. Pessimistic transactions also
  // release their locks.
  virtual void Clear();
  // Back to a fresh transaction with these options (BeginTransaction's
  // old_txn).
  void Reinitialize(const WriteOptions& write_options);

  void SetSnapshot() override;
  void SetSnapshotOnNextOperation(
      std::shared_ptr<TransactionNotifier> notifier = nullptr) override;
  const Snapshot* GetSnapshot() const override { return snapshot_.get(); }
  std::shared_ptr<const Snapshot> GetTimestampedSnapshot() const override {
    return nullptr;
  }
  void ClearSnapshot() override;

  void SetSavePoint() override;
  Status RollbackToSavePoint() override;
  Status PopSavePoint() override;

  using Transaction::Get;
  Status Get(const ReadOptions& options, ColumnFamilyHandle* column_family,
             const Slice& key, std::string* value) override;
  Status Get(const ReadOptions& options, ColumnFamilyHandle* column_family,
             const Slice& key, PinnableSlice* pinnable_val) override;
  Status Get(const ReadOptions& options, const Slice& key,
             std::string* value) override {
    return Get(options, db_->DefaultColumnFamily(), key, value);
  }
  using Transaction::MultiGet;
  std::vector<Status> MultiGet(
      const ReadOptions& options,
      const std::vector<ColumnFamilyHandle*>& column_family,
      const std::vector<Slice>& keys,
      std::vector<std::string>* values) override;
  std::vector<Status> MultiGet(const ReadOptions& options,
                               const std::vector<Slice>& keys,
                               std::vector<std::string>* values) override;

  using Transaction::GetForUpdate;
  Status GetForUpdate(const ReadOptions& options,
                      ColumnFamilyHandle* column_family, const Slice& key,
                      std::string* value, bool exclusive,
                      const bool do_validate) override;
  Status GetForUpdate(const ReadOptions& options,
                      ColumnFamilyHandle* column_family, const Slice& key,
                      PinnableSlice* pinnable_val, bool exclusive,
                      const bool do_validate) override;
  Status GetForUpdate(const ReadOptions& options, const Slice& key,
                      std::string* value, bool exclusive,
                      const bool do_validate) override {
    return GetForUpdate(options, db_->DefaultColumnFamily(), key, value,
                        exclusive, do_validate);
  }
  std::vector<Status> MultiGetForUpdate(
      const ReadOptions& options,
      const std::vector<ColumnFamilyHandle*>& column_family,
      const std::vector<Slice>& keys,
      std::vector<std::string>* values) override;
  std::vector<Status> MultiGetForUpdate(
      const ReadOptions& options, const std::vector<Slice>& keys,
      std::vector<std::string>* values) override;

  Iterator* GetIterator(const ReadOptions& read_options) override;
  Iterator* GetIterator(const ReadOptions& read_options,
                        ColumnFamilyHandle* column_family) override;

  Status Put(ColumnFamilyHandle* column_family, const Slice& key,
             const Slice& value, const bool assume_tracked = false) override;
  Status Put(const Slice& key, const Slice& value) override {
    return Put(nullptr, key, value);
  }
  Status Put(ColumnFamilyHandle* column_family, const SliceParts& key,
             const SliceParts& value,
             const bool assume_tracked = false) override;
  Status Put(const SliceParts& key, const SliceParts& value) override {
    return Put(nullptr, key, value);
  }
  Status Merge(ColumnFamilyHandle* column_family, const Slice& key,
               const Slice& value, const bool assume_tracked = false) override;
  Status Merge(const Slice& key, const Slice& value) override {
    return Merge(nullptr, key, value);
  }
  Status Delete(ColumnFamilyHandle* column_family, const Slice& key,
                const bool assume_tracked = false) override;
  Status Delete(const Slice& key) override { return Delete(nullptr, key); }
  Status Delete(ColumnFamilyHandle* column_family, const SliceParts& key,
                const bool assume_tracked = false) override;
  Status Delete(const SliceParts& key) override { return Delete(nullptr, key); }
  Status SingleDelete(ColumnFamilyHandle* column_family, const Slice& key,
                      const bool assume_tracked = false) override;
  Status SingleDelete(const Slice& key) override {
    return SingleDelete(nullptr, key);
  }
  Status SingleDelete(ColumnFamilyHandle* column_family, const SliceParts& key,
                      const bool assume_tracked = false) override;
  Status SingleDelete(const SliceParts& key) override {
    return SingleDelete(nullptr, key);
  }

  Status PutUntracked(ColumnFamilyHandle* column_family, const Slice& key,
                      const Slice& value) override;
  Status PutUntracked(const Slice& key, const Slice& value) override {
    return PutUntracked(nullptr, key, value);
  }
  Status PutUntracked(ColumnFamilyHandle* column_family, const SliceParts& key,
                      const SliceParts& value) override;
  Status PutUntracked(const SliceParts& key, const SliceParts& value) override {
    return PutUntracked(nullptr, key, value);
  }
  Status MergeUntracked(ColumnFamilyHandle* column_family, const Slice& key,
                        const Slice& value) override;
  Status MergeUntracked(const Slice& key, const Slice& value) override {
    return MergeUntracked(nullptr, key, value);
  }
  Status DeleteUntracked(ColumnFamilyHandle* column_family,
                         const Slice& key) override;
  Status DeleteUntracked(const Slice& key) override {
    return DeleteUntracked(nullptr, key);
  }
  Status DeleteUntracked(ColumnFamilyHandle* column_family,
                         const SliceParts& key) override;
  Status DeleteUntracked(const SliceParts& key) override {
    return DeleteUntracked(nullptr, key);
  }
  Status SingleDeleteUntracked(ColumnFamilyHandle* column_family,
                               const Slice& key) override;
  Status SingleDeleteUntracked(const Slice& key) override {
    return SingleDeleteUntracked(nullptr, key);
  }

  void PutLogData(const Slice& blob) override;
  void DisableIndexing() override { indexing_enabled_ = false; }
  void EnableIndexing() override { indexing_enabled_ = true; }

  uint64_t GetNumKeys() const override { return tracked_keys_.NumKeys(); }
  uint64_t GetNumPuts() const override { return num_puts_; }
  uint64_t GetNumDeletes() const override { return num_deletes_; }
  uint64_t GetNumMerges() const override { return num_merges_; }
  uint64_t GetElapsedTime() const override;

  WriteBatchWithIndex* GetWriteBatch() override { return &write_batch_; }
  WriteOptions* GetWriteOptions() override { return &write_options_; }
  void SetWriteOptions(const WriteOptions& write_options) override {
    write_options_ = write_options;
  }

  void UndoGetForUpdate(ColumnFamilyHandle* column_family,
                        const Slice& key) override;
  void UndoGetForUpdate(const Slice& key) override {
    UndoGetForUpdate(nullptr, key);
  }

  Status RebuildFromWriteBatch(WriteBatch* src_batch) override;
  WriteBatch* GetCommitTimeWriteBatch() override { return &commit_time_batch_; }

 protected:
  // column_family, or the default one for nullptr; remembered by id (the
  // commit check looks tracked keys up by column family id).
  ColumnFamilyHandle* Handle(ColumnFamilyHandle* column_family);
  // The handle of a column family id this transaction used; nullptr if
  // none.
  ColumnFamilyHandle* HandleById(uint32_t id) const;
  // Records key for the transaction and for the current save point.
  void TrackKey(uint32_t cf, const std::string& key, SequenceNumber seq,
                bool read_only, bool exclusive);
  // Takes the snapshot SetSnapshotOnNextOperation asked for.
  void SetSnapshotIfNeeded();
  // The keys tracked since the last save point; nullptr without one.
  const TxnKeyTracker* KeysSinceSavePoint() const {
    return save_points_.empty() ? nullptr : &save_points_.back().new_keys;
  }
  // UndoGetForUpdate's work: what became of the key's tracking.
  TxnUntrackStatus UndoGetForUpdateImpl(ColumnFamilyHandle* column_family,
                                        const Slice& key);

  DB* const db_;
  WriteOptions write_options_;
  TxnKeyTracker tracked_keys_;
  std::shared_ptr<const Snapshot> snapshot_;

 private:
  enum class WriteKind { kPut, kMerge, kDelete, kSingleDelete };
  // A write of kind (tracked unless do_validate is false) to the batch,
  // indexed unless DisableIndexing.
  Status Write(WriteKind kind, ColumnFamilyHandle* column_family,
               const Slice& key, const Slice& value, bool do_validate);

  struct SavePoint {
    std::shared_ptr<const Snapshot> snapshot;
    bool snapshot_needed = false;
    std::shared_ptr<TransactionNotifier> snapshot_notifier;
    uint64_t num_puts = 0;
    uint64_t num_deletes = 0;
    uint64_t num_merges = 0;
    TxnKeyTracker new_keys;  // tracked since this save point
  };

  WriteBatchWithIndex write_batch_;
  WriteBatch commit_time_batch_;
  bool snapshot_needed_ = false;
  std::shared_ptr<TransactionNotifier> snapshot_notifier_;
  uint64_t num_puts_ = 0;
  uint64_t num_deletes_ = 0;
  uint64_t num_merges_ = 0;
  bool indexing_enabled_ = true;
  std::chrono::steady_clock::time_point start_time_;
  std::vector<SavePoint> save_points_;
  std::map<uint32_t, ColumnFamilyHandle*> handles_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_TRANSACTION_BASE_H_
