// PessimisticTransactionDB and PessimisticTransaction: RocksDB 7.8.3's
// TransactionDB with the WRITE_COMMITTED policy
// (rocksdb/utilities/transaction_db.h). A transaction locks each key it
// writes or reads for update in the PointLockManager before it touches
// it (and, with a snapshot, checks that the key did not change after the
// snapshot: Busy); its writes wait in its WriteBatchWithIndex until
// Commit writes them as one batch, then the locks go. Two-phase commit:
// Prepare writes the batch to the WAL only (DBImpl::WritePrepared),
// Commit writes the commit marker and applies the batch
// (DBImpl::WriteCommitPrepared); see doc/transactions.md.
//
// The DB is thread-safe; a transaction is used by one thread at a time.
#ifndef SKYROCKS_UTILITIES_PESSIMISTIC_TRANSACTION_H_
#define SKYROCKS_UTILITIES_PESSIMISTIC_TRANSACTION_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "port/mutex.h"
#include "rocksdb/utilities/transaction_db.h"
#include "utilities/point_lock_manager.h"
#include "utilities/transaction_base.h"

namespace ROCKSDB_NAMESPACE {

class DBImpl;
class PessimisticTransaction;

class PessimisticTransactionDB : public TransactionDB {
 public:
  // Takes ownership of db, which is a DBImpl or wraps one (StackableDB).
  PessimisticTransactionDB(DB* db, DBImpl* impl,
                           const TransactionDBOptions& options);
  // Deletes the named transactions still alive (recovered ones the
  // application left), as RocksDB does.
  ~PessimisticTransactionDB() override;

  // Turns the prepared transactions the DB recovered from its WAL into
  // PREPARED transactions (handles: the open column families).
  [[nodiscard]] Status Initialize(
      const std::vector<ColumnFamilyHandle*>& handles);

  Transaction* BeginTransaction(const WriteOptions& write_options,
                                const TransactionOptions& txn_options,
                                Transaction* old_txn) override;
  Transaction* GetTransactionByName(const TransactionName& name) override;
  void GetAllPreparedTransactions(std::vector<Transaction*>* trans) override;
  std::unordered_multimap<uint32_t, KeyLockInfo> GetLockStatusData() override;
  std::vector<DeadlockPath> GetDeadlockInfoBuffer() override;
  void SetDeadlockInfoBufferSize(uint32_t target_size) override;

  // Plain writes lock their keys (default_lock_timeout) as a one-write
  // transaction.
  using StackableDB::Delete;
  using StackableDB::Merge;
  using StackableDB::Put;
  using StackableDB::SingleDelete;
  using TransactionDB::Write;
  Status Put(const WriteOptions& o, ColumnFamilyHandle* cf, const Slice& key,
             const Slice& value) override;
  Status Delete(const WriteOptions& o, ColumnFamilyHandle* cf,
                const Slice& key) override;
  Status SingleDelete(const WriteOptions& o, ColumnFamilyHandle* cf,
                      const Slice& key) override;
  Status Merge(const WriteOptions& o, ColumnFamilyHandle* cf, const Slice& key,
               const Slice& value) override;
  Status Write(const WriteOptions& o, WriteBatch* updates) override;
  Status Write(const WriteOptions& o,
               const TransactionDBWriteOptimizations& optimizations,
               WriteBatch* updates) override;

  DBImpl* impl() const { return impl_; }
  const TransactionDBOptions& options() const { return options_; }
  PointLockManager* lock_manager() { return &lock_manager_; }
  TransactionID NewTxnID() { return next_txn_id_.fetch_add(1); }

  void RegisterTransaction(Transaction* txn);
  void UnregisterTransaction(Transaction* txn);
  void InsertExpirableTransaction(TransactionID id,
                                  PessimisticTransaction* txn);
  void RemoveExpirableTransaction(TransactionID id);

 private:
  // A transaction for a plain write: default_lock_timeout, no index.
  PessimisticTransaction* BeginInternalTransaction(const WriteOptions& o);
  // The lock manager's steal callback: true when txn id is gone or its
  // locks are now LOCKS_STOLEN.
  bool TryStealingExpiredTransactionLocks(TransactionID id);

  DBImpl* const impl_;
  const TransactionDBOptions options_;
  PointLockManager lock_manager_;
  std::atomic<TransactionID> next_txn_id_{1};

  port::Mutex name_mu_;  // leaf
  std::unordered_map<TransactionName, Transaction*> transactions_
      SKYROCKS_GUARDED_BY(name_mu_);
  port::Mutex expirable_mu_;  // leaf
  std::unordered_map<TransactionID, PessimisticTransaction*> expirable_
      SKYROCKS_GUARDED_BY(expirable_mu_);
};

class PessimisticTransaction : public TransactionBaseImpl {
 public:
  PessimisticTransaction(PessimisticTransactionDB* txn_db,
                         const WriteOptions& write_options,
                         const TransactionOptions& txn_options);
  ~PessimisticTransaction() override;

  // Back to a fresh transaction (BeginTransaction's old_txn).
  void Reinitialize(const WriteOptions& write_options,
                    const TransactionOptions& txn_options);

  Status TryLock(ColumnFamilyHandle* column_family, const Slice& key,
                 bool read_only, bool exclusive, bool do_validate,
                 bool assume_tracked = false) override;

  Status Prepare() override;
  Status Commit() override;
  Status Rollback() override;
  Status RollbackToSavePoint() override;
  Status SetName(const TransactionName& name) override;
  using TransactionBaseImpl::UndoGetForUpdate;
  void UndoGetForUpdate(ColumnFamilyHandle* column_family,
                        const Slice& key) override;
  void Clear() override;

  void SetLockTimeout(int64_t timeout) override { lock_timeout_ = timeout * 1000; }
  TransactionID GetID() const override { return txn_id_; }
  bool IsDeadlockDetect() const override { return deadlock_detect_; }
  std::vector<TransactionID> GetWaitingTxns(uint32_t* column_family_id,
                                            std::string* key) const override;

  // Locks every key of batch (sorted, so that concurrent plain writes do
  // not deadlock), writes it, unlocks (TransactionDB::Write).
  [[nodiscard]] Status CommitBatch(WriteBatch* batch);
  // The column family handles a recovered batch names.
  void RememberHandle(ColumnFamilyHandle* h) { Handle(h); }
  // An expired transaction whose state is STARTED gives up its locks.
  bool TryStealingLocks();

 private:
  void Initialize(const TransactionOptions& txn_options);
  LockRequester Requester() const;
  bool IsExpired() const;
  // Busy when key changed after the snapshot (tracked_at_seq: when this
  // transaction last knew it unchanged; lowered to the snapshot's).
  Status ValidateSnapshot(ColumnFamilyHandle* column_family, const Slice& key,
                          SequenceNumber* tracked_at_seq);
  void UnlockKeys(const TxnKeyTracker& keys);

  PessimisticTransactionDB* const txn_db_;
  TransactionID txn_id_ = 0;
  uint64_t expiration_time_ = 0;  // microseconds (TxnNowMicros); 0: never
  int64_t lock_timeout_ = 0;      // microseconds; < 0: forever
  bool deadlock_detect_ = false;
  int64_t deadlock_detect_depth_ = 50;
  bool skip_concurrency_control_ = false;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_PESSIMISTIC_TRANSACTION_H_
