// Transaction: a set of reads and writes committed to a DB atomically
// (RocksDB 7.8.3's class: same names, signatures and behaviour), begun by
// OptimisticTransactionDB::BeginTransaction. Writes go to the
// transaction's WriteBatchWithIndex (GetWriteBatch) and reach the DB at
// Commit; Get reads them first, then the DB. Keys written or read with
// GetForUpdate are tracked with the sequence they were read at (the
// snapshot's, after SetSnapshot); an optimistic Commit fails with Busy when
// any of them was changed in the DB after that, and then writes nothing.
//
// ReadOptions are used as given: reading at the transaction's snapshot
// takes read_options.snapshot = GetSnapshot(). Commit and Rollback clear
// the writes, the tracked keys and the save points, not the snapshot.
//
// A Transaction is used by one thread at a time; several transactions of
// one DB may run in parallel. It must be deleted before its DB.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_TRANSACTION_H_
#define SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_TRANSACTION_H_

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/comparator.h"
#include "rocksdb/db.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class Iterator;
class TransactionDB;
class WriteBatchWithIndex;

using TransactionName = std::string;
using TransactionID = uint64_t;
using TxnTimestamp = uint64_t;
constexpr TxnTimestamp kMaxTxnTimestamp =
    std::numeric_limits<TxnTimestamp>::max();

// One end of a key range for range locks: the key, or (inf_suffix) every
// key with it as a prefix.
class Endpoint {
 public:
  Slice slice;
  bool inf_suffix;

  explicit Endpoint(const Slice& slice_arg, bool inf_suffix_arg = false)
      : slice(slice_arg), inf_suffix(inf_suffix_arg) {}
  explicit Endpoint(const char* s, bool inf_suffix_arg = false)
      : slice(s), inf_suffix(inf_suffix_arg) {}
  Endpoint(const char* s, size_t size, bool inf_suffix_arg = false)
      : slice(s, size), inf_suffix(inf_suffix_arg) {}
  Endpoint() : inf_suffix(false) {}
};

// Told when SetSnapshotOnNextOperation's deferred snapshot is taken.
class TransactionNotifier {
 public:
  virtual ~TransactionNotifier() {}
  virtual void SnapshotCreated(const Snapshot* newSnapshot) = 0;
};

class Transaction {
 public:
  Transaction(const Transaction&) = delete;
  void operator=(const Transaction&) = delete;
  virtual ~Transaction() {}

  // Takes a DB snapshot now: keys tracked from here on are checked for
  // changes after it (not after the moment each was read).
  virtual void SetSnapshot() = 0;
  // The same, deferred to the next write or GetForUpdate.
  virtual void SetSnapshotOnNextOperation(
      std::shared_ptr<TransactionNotifier> notifier = nullptr) = 0;
  // nullptr when no snapshot is set.
  virtual const Snapshot* GetSnapshot() const = 0;
  // Timestamped snapshots are not supported: nullptr.
  virtual std::shared_ptr<const Snapshot> GetTimestampedSnapshot() const = 0;
  virtual void ClearSnapshot() = 0;

  // Two-phase commit; optimistic transactions: InvalidArgument.
  virtual Status Prepare() = 0;
  // Optimistic: Busy if a tracked key changed since it was tracked (or
  // TryAgain if that cannot be told), else the writes are applied
  // atomically. Either way the transaction may then be reused.
  virtual Status Commit() = 0;
  // Commit with a commit timestamp and a snapshot taken right after it;
  // needs timestamps, which skyrocks does not support: InvalidArgument.
  Status CommitAndTryCreateSnapshot(
      std::shared_ptr<TransactionNotifier> notifier =
          std::shared_ptr<TransactionNotifier>(),
      TxnTimestamp ts = kMaxTxnTimestamp,
      std::shared_ptr<const Snapshot>* snapshot = nullptr);
  // Drops every write and tracked key.
  virtual Status Rollback() = 0;

  // RollbackToSavePoint undoes the writes made and the keys tracked since
  // the last SetSavePoint and restores the snapshot of that time (NotFound
  // without a save point); PopSavePoint forgets the last save point.
  virtual void SetSavePoint() = 0;
  virtual Status RollbackToSavePoint() = 0;
  virtual Status PopSavePoint() = 0;

  // The key's value in this transaction's writes over the DB (as
  // WriteBatchWithIndex::GetFromBatchAndDB). Tracks nothing.
  virtual Status Get(const ReadOptions& options,
                     ColumnFamilyHandle* column_family, const Slice& key,
                     std::string* value) = 0;
  virtual Status Get(const ReadOptions& options,
                     ColumnFamilyHandle* column_family, const Slice& key,
                     PinnableSlice* pinnable_val) {
    auto s = Get(options, column_family, key, pinnable_val->GetSelf());
    pinnable_val->PinSelf();
    return s;
  }
  virtual Status Get(const ReadOptions& options, const Slice& key,
                     std::string* value) = 0;
  virtual Status Get(const ReadOptions& options, const Slice& key,
                     PinnableSlice* pinnable_val) {
    auto s = Get(options, key, pinnable_val->GetSelf());
    pinnable_val->PinSelf();
    return s;
  }
  virtual std::vector<Status> MultiGet(
      const ReadOptions& options,
      const std::vector<ColumnFamilyHandle*>& column_family,
      const std::vector<Slice>& keys, std::vector<std::string>* values) = 0;
  virtual std::vector<Status> MultiGet(const ReadOptions& options,
                                       const std::vector<Slice>& keys,
                                       std::vector<std::string>* values) = 0;
  virtual void MultiGet(const ReadOptions& options,
                        ColumnFamilyHandle* column_family,
                        const size_t num_keys, const Slice* keys,
                        PinnableSlice* values, Status* statuses,
                        const bool /*sorted_input*/ = false) {
    for (size_t i = 0; i < num_keys; ++i) {
      statuses[i] = Get(options, column_family, keys[i], &values[i]);
    }
  }

  // Get, and track key (do_validate = false: do not). value may be
  // nullptr to track only. With do_validate = false a read snapshot is
  // InvalidArgument.
  virtual Status GetForUpdate(const ReadOptions& options,
                              ColumnFamilyHandle* column_family,
                              const Slice& key, std::string* value,
                              bool exclusive = true,
                              const bool do_validate = true) = 0;
  virtual Status GetForUpdate(const ReadOptions& options,
                              ColumnFamilyHandle* column_family,
                              const Slice& key, PinnableSlice* pinnable_val,
                              bool exclusive = true,
                              const bool do_validate = true) {
    if (pinnable_val == nullptr) {
      std::string* null_str = nullptr;
      return GetForUpdate(options, column_family, key, null_str, exclusive,
                          do_validate);
    }
    auto s = GetForUpdate(options, column_family, key, pinnable_val->GetSelf(),
                          exclusive, do_validate);
    pinnable_val->PinSelf();
    return s;
  }
  // Range locks: NotSupported.
  virtual Status GetRangeLock(ColumnFamilyHandle*, const Endpoint&,
                              const Endpoint&) {
    return Status::NotSupported();
  }
  virtual Status GetForUpdate(const ReadOptions& options, const Slice& key,
                              std::string* value, bool exclusive = true,
                              const bool do_validate = true) = 0;
  virtual std::vector<Status> MultiGetForUpdate(
      const ReadOptions& options,
      const std::vector<ColumnFamilyHandle*>& column_family,
      const std::vector<Slice>& keys, std::vector<std::string>* values) = 0;
  virtual std::vector<Status> MultiGetForUpdate(
      const ReadOptions& options, const std::vector<Slice>& keys,
      std::vector<std::string>* values) = 0;

  // The DB (at read_options) with this transaction's writes over it
  // (WriteBatchWithIndex::NewIteratorWithBase). Caller owns it; it must be
  // deleted before the transaction.
  virtual Iterator* GetIterator(const ReadOptions& read_options) = 0;
  virtual Iterator* GetIterator(const ReadOptions& read_options,
                                ColumnFamilyHandle* column_family) = 0;

  // Writes, each tracking key. assume_tracked is for pessimistic
  // transactions; optimistic ones track the key either way.
  virtual Status Put(ColumnFamilyHandle* column_family, const Slice& key,
                     const Slice& value, const bool assume_tracked = false) = 0;
  virtual Status Put(const Slice& key, const Slice& value) = 0;
  virtual Status Put(ColumnFamilyHandle* column_family, const SliceParts& key,
                     const SliceParts& value,
                     const bool assume_tracked = false) = 0;
  virtual Status Put(const SliceParts& key, const SliceParts& value) = 0;

  virtual Status Merge(ColumnFamilyHandle* column_family, const Slice& key,
                       const Slice& value,
                       const bool assume_tracked = false) = 0;
  virtual Status Merge(const Slice& key, const Slice& value) = 0;

  virtual Status Delete(ColumnFamilyHandle* column_family, const Slice& key,
                        const bool assume_tracked = false) = 0;
  virtual Status Delete(const Slice& key) = 0;
  virtual Status Delete(ColumnFamilyHandle* column_family,
                        const SliceParts& key,
                        const bool assume_tracked = false) = 0;
  virtual Status Delete(const SliceParts& key) = 0;

  virtual Status SingleDelete(ColumnFamilyHandle* column_family,
                              const Slice& key,
                              const bool assume_tracked = false) = 0;
  virtual Status SingleDelete(const Slice& key) = 0;
  virtual Status SingleDelete(ColumnFamilyHandle* column_family,
                              const SliceParts& key,
                              const bool assume_tracked = false) = 0;
  virtual Status SingleDelete(const SliceParts& key) = 0;

  // Writes that track nothing (never a conflict).
  virtual Status PutUntracked(ColumnFamilyHandle* column_family,
                              const Slice& key, const Slice& value) = 0;
  virtual Status PutUntracked(const Slice& key, const Slice& value) = 0;
  virtual Status PutUntracked(ColumnFamilyHandle* column_family,
                              const SliceParts& key,
                              const SliceParts& value) = 0;
  virtual Status PutUntracked(const SliceParts& key,
                              const SliceParts& value) = 0;
  virtual Status MergeUntracked(ColumnFamilyHandle* column_family,
                                const Slice& key, const Slice& value) = 0;
  virtual Status MergeUntracked(const Slice& key, const Slice& value) = 0;
  virtual Status DeleteUntracked(ColumnFamilyHandle* column_family,
                                 const Slice& key) = 0;
  virtual Status DeleteUntracked(const Slice& key) = 0;
  virtual Status DeleteUntracked(ColumnFamilyHandle* column_family,
                                 const SliceParts& key) = 0;
  virtual Status DeleteUntracked(const SliceParts& key) = 0;
  virtual Status SingleDeleteUntracked(ColumnFamilyHandle* column_family,
                                       const Slice& key) = 0;
  virtual Status SingleDeleteUntracked(const Slice& key) = 0;

  // A blob for the WAL with the commit.
  virtual void PutLogData(const Slice& blob) = 0;

  // While indexing is disabled, writes go to the batch without the index
  // (Get and iterators do not see them) until EnableIndexing.
  virtual void DisableIndexing() = 0;
  virtual void EnableIndexing() = 0;

  // Tracked keys, and the writes of each kind since the last Commit,
  // Rollback or RollbackToSavePoint's save point.
  virtual uint64_t GetNumKeys() const = 0;
  virtual uint64_t GetNumPuts() const = 0;
  virtual uint64_t GetNumDeletes() const = 0;
  virtual uint64_t GetNumMerges() const = 0;
  // Milliseconds since the transaction began.
  virtual uint64_t GetElapsedTime() const = 0;

  // The writes so far (owned by the transaction).
  virtual WriteBatchWithIndex* GetWriteBatch() = 0;

  // Pessimistic transactions only; ignored by optimistic ones.
  virtual void SetLockTimeout(int64_t timeout) = 0;

  virtual WriteOptions* GetWriteOptions() = 0;
  virtual void SetWriteOptions(const WriteOptions& write_options) = 0;

  // Forgets one GetForUpdate of key (made since the last save point, if
  // any); the key stays tracked while other reads or writes track it.
  virtual void UndoGetForUpdate(ColumnFamilyHandle* column_family,
                                const Slice& key) = 0;
  virtual void UndoGetForUpdate(const Slice& key) = 0;

  // Replays src_batch's updates through Put/Merge/Delete/SingleDelete.
  virtual Status RebuildFromWriteBatch(WriteBatch* src_batch) = 0;

  // Written at commit by pessimistic two-phase transactions only.
  virtual WriteBatch* GetCommitTimeWriteBatch() = 0;

  virtual void SetLogNumber(uint64_t log) { log_number_ = log; }
  virtual uint64_t GetLogNumber() const { return log_number_; }

  // Names are for two-phase commit; optimistic: InvalidArgument.
  virtual Status SetName(const TransactionName& name) = 0;
  virtual TransactionName GetName() const { return name_; }
  virtual TransactionID GetID() const { return 0; }
  virtual bool IsDeadlockDetect() const { return false; }
  virtual std::vector<TransactionID> GetWaitingTxns(
      uint32_t* /*column_family_id*/, std::string* /*key*/) const {
    return std::vector<TransactionID>();
  }

  enum TransactionState {
    STARTED = 0,
    AWAITING_PREPARE = 1,
    PREPARED = 2,
    AWAITING_COMMIT = 3,
    COMMITTED = 4,
    COMMITED = COMMITTED,  // old misspelled name
    AWAITING_ROLLBACK = 5,
    ROLLEDBACK = 6,
    LOCKS_STOLEN = 7,
  };

  TransactionState GetState() const { return txn_state_; }
  void SetState(TransactionState state) { txn_state_ = state; }
  uint64_t GetId() { return id_; }

  virtual Status SetReadTimestampForValidation(TxnTimestamp /*ts*/) {
    return Status::NotSupported("timestamp not supported");
  }
  virtual Status SetCommitTimestamp(TxnTimestamp /*ts*/) {
    return Status::NotSupported("timestamp not supported");
  }
  virtual TxnTimestamp GetCommitTimestamp() const { return kMaxTxnTimestamp; }

 protected:
  explicit Transaction(const TransactionDB* /*db*/) {}
  Transaction() : log_number_(0), txn_state_(STARTED) {}

  uint64_t log_number_;
  TransactionName name_;
  std::atomic<TransactionState> txn_state_;
  uint64_t id_ = 0;
  virtual void SetId(uint64_t id) { id_ = id; }
  virtual uint64_t GetLastLogNumber() const { return log_number_; }
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_TRANSACTION_H_
