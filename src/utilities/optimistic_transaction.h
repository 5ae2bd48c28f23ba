// OptimisticTransactionDBImpl and OptimisticTransaction: RocksDB 7.8.3's
// optimistic concurrency control (rocksdb/utilities/
// optimistic_transaction_db.h). A transaction tracks each key it writes or
// reads for update with the sequence it saw (its snapshot's, else the DB's
// latest at that moment); Commit takes the commit locks of its keys,
// checks with DBImpl::GetLatestSequenceForKey that none changed after its
// tracked sequence (Busy otherwise), writes the batch, and unlocks.
//
// The DB is thread-safe; a transaction is used by one thread at a time.
#ifndef SKYROCKS_UTILITIES_OPTIMISTIC_TRANSACTION_H_
#define SKYROCKS_UTILITIES_OPTIMISTIC_TRANSACTION_H_

#include <memory>
#include <vector>

#include "port/mutex.h"
#include "rocksdb/utilities/optimistic_transaction_db.h"
#include "utilities/transaction_base.h"

namespace ROCKSDB_NAMESPACE {

class DBImpl;

class OptimisticTransactionDBImpl : public OptimisticTransactionDB {
 public:
  // Takes ownership of db, which is a DBImpl or wraps one (StackableDB).
  OptimisticTransactionDBImpl(DB* db, DBImpl* impl,
                              const OptimisticTransactionDBOptions& options);

  Transaction* BeginTransaction(const WriteOptions& write_options,
                                const OptimisticTransactionOptions& txn_options,
                                Transaction* old_txn) override;

  // Transactional DeleteRange is not supported, as in 7.8.3 (the base DB,
  // GetBaseDB(), still takes one).
  using StackableDB::DeleteRange;
  Status DeleteRange(const WriteOptions&, ColumnFamilyHandle*, const Slice&,
                     const Slice&) override {
    return Status::NotSupported(
        "DeleteRange is not supported by OptimisticTransactionDB");
  }

  OccValidationPolicy validate_policy() const { return policy_; }
  DBImpl* impl() const { return impl_; }
  // The commit lock of (cf, key) under kValidateParallel.
  port::Mutex* LockFor(uint32_t cf, const Slice& key);
  // The one commit lock under kValidateSerial.
  port::Mutex* SerialLock() { return &serial_lock_; }

 private:
  DBImpl* const impl_;
  const OccValidationPolicy policy_;
  std::vector<port::Mutex> buckets_;
  port::Mutex serial_lock_;
};

class OptimisticTransaction : public TransactionBaseImpl {
 public:
  OptimisticTransaction(OptimisticTransactionDBImpl* txn_db,
                        const WriteOptions& write_options,
                        const OptimisticTransactionOptions& txn_options);

  // Back to a fresh transaction (BeginTransaction's old_txn).
  void Reinitialize(const WriteOptions& write_options,
                    const OptimisticTransactionOptions& txn_options);

  Status TryLock(ColumnFamilyHandle* column_family, const Slice& key,
                 bool read_only, bool exclusive, bool do_validate,
                 bool assume_tracked = false) override;

  Status Prepare() override;
  Status Commit() override;
  Status Rollback() override;
  Status SetName(const TransactionName& name) override;
  void SetLockTimeout(int64_t /*timeout*/) override {}

 private:
  // Busy naming the first tracked key changed after its tracked sequence.
  Status CheckForConflicts();

  OptimisticTransactionDBImpl* const txn_db_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_OPTIMISTIC_TRANSACTION_H_
