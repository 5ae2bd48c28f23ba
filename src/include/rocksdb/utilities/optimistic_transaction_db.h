// OptimisticTransactionDB: a DB whose transactions take no locks while
// they run and check at commit that nothing they read for update or wrote
// changed since (RocksDB 7.8.3's class: same names, signatures and
// behaviour). It is a StackableDB over the opened DB: plain writes and
// reads go straight through; BeginTransaction starts a Transaction
// (rocksdb/utilities/transaction.h).
//
// Commit validation: kValidateParallel (the default) serializes only
// commits that share keys (occ_lock_buckets striped locks, capped at 2^16
// in skyrocks); kValidateSerial serializes every commit. Either way
// skyrocks validates a commit against the other transactions' commits and
// against plain writes that completed before it; a plain write racing
// with the commit itself is not seen (RocksDB's serial policy sees it).
//
// Thread-safe as the DB is; each Transaction is used by one thread.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_OPTIMISTIC_TRANSACTION_DB_H_
#define SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_OPTIMISTIC_TRANSACTION_DB_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rocksdb/comparator.h"
#include "rocksdb/db.h"
#include "rocksdb/utilities/stackable_db.h"

namespace ROCKSDB_NAMESPACE {

class Transaction;

struct OptimisticTransactionOptions {
  // SetSnapshot() at BeginTransaction.
  bool set_snapshot = false;
  // Orders the keys of the transaction's WriteBatchWithIndex when a
  // column family's own comparator is not known.
  const Comparator* cmp = BytewiseComparator();
};

enum class OccValidationPolicy { kValidateSerial = 0, kValidateParallel = 1 };

struct OptimisticTransactionDBOptions {
  OccValidationPolicy validate_policy = OccValidationPolicy::kValidateParallel;
  // Striped commit locks for kValidateParallel.
  uint32_t occ_lock_buckets = (1 << 20);
};

class OptimisticTransactionDB : public StackableDB {
 public:
  // As DB::Open; *dbptr is owned by the caller.
  static Status Open(const Options& options, const std::string& dbname,
                     OptimisticTransactionDB** dbptr);
  static Status Open(const DBOptions& db_options, const std::string& dbname,
                     const std::vector<ColumnFamilyDescriptor>& column_families,
                     std::vector<ColumnFamilyHandle*>* handles,
                     OptimisticTransactionDB** dbptr);
  static Status Open(const DBOptions& db_options,
                     const OptimisticTransactionDBOptions& occ_options,
                     const std::string& dbname,
                     const std::vector<ColumnFamilyDescriptor>& column_families,
                     std::vector<ColumnFamilyHandle*>* handles,
                     OptimisticTransactionDB** dbptr);

  virtual ~OptimisticTransactionDB() {}

  // A new transaction (caller owns it), or old_txn reset and reused.
  virtual Transaction* BeginTransaction(
      const WriteOptions& write_options,
      const OptimisticTransactionOptions& txn_options =
          OptimisticTransactionOptions(),
      Transaction* old_txn = nullptr) = 0;

  OptimisticTransactionDB(const OptimisticTransactionDB&) = delete;
  void operator=(const OptimisticTransactionDB&) = delete;

 protected:
  explicit OptimisticTransactionDB(DB* db) : StackableDB(db) {}
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_OPTIMISTIC_TRANSACTION_DB_H_
