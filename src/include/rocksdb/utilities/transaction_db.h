// TransactionDB: a DB whose transactions lock the keys they write or read
// for update as they go (pessimistic concurrency control; RocksDB 7.8.3's
// class: same names, signatures, defaults and behaviour, WRITE_COMMITTED
// policy only). A lock another transaction holds is waited for up to the
// lock timeout (TimedOut, subcode kLockTimeout), or refused at once as a
// deadlock when deadlock_detect finds a cycle (Busy, subcode kDeadlock);
// max_num_locks caps the locks held per column family (Busy, kLockLimit).
// A transaction with an expiration loses its locks to others once expired
// and its Commit then fails with Expired.
//
// Two-phase commit: a named transaction (SetName) may Prepare, which
// writes its updates to the WAL between BeginPrepare and EndPrepare(name)
// markers; Commit then writes a Commit(name) marker and applies the
// updates, Rollback a Rollback(name) marker. After a crash the DB reopens
// with the prepared transactions (GetAllPreparedTransactions,
// GetTransactionByName), their locks held, to be committed or rolled
// back. The WAL bytes are RocksDB's: each side recovers what the other
// prepared (doc/transactions.md).
//
// Plain writes (Put, Delete, Merge, Write) through a TransactionDB lock
// their keys like a transaction, waiting up to default_lock_timeout.
// Thread-safe; each Transaction is used by one thread at a time and must
// be deleted before the DB.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_TRANSACTION_DB_H_
#define SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_TRANSACTION_DB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rocksdb/comparator.h"
#include "rocksdb/db.h"
#include "rocksdb/utilities/stackable_db.h"
#include "rocksdb/utilities/transaction.h"

namespace ROCKSDB_NAMESPACE {

enum TxnDBWritePolicy {
  WRITE_COMMITTED = 0,  // write only the committed data (the only one here)
  WRITE_PREPARED,       // not supported by skyrocks: Open fails
  WRITE_UNPREPARED      // not supported by skyrocks: Open fails
};

constexpr uint32_t kInitialMaxDeadlocks = 5;

struct TransactionDBOptions {
  // Locks per column family at most; <= 0: no limit.
  int64_t max_num_locks = -1;
  // Deadlock paths kept for GetDeadlockInfoBuffer.
  uint32_t max_num_deadlocks = kInitialMaxDeadlocks;
  // Lock table stripes per column family (more: less contention).
  size_t num_stripes = 16;
  // Milliseconds a transaction waits for a lock when its
  // TransactionOptions::lock_timeout is negative; < 0: forever, 0: no wait.
  int64_t transaction_lock_timeout = 1000;
  // Milliseconds a plain write through the DB waits for its locks.
  int64_t default_lock_timeout = 1000;
  TxnDBWritePolicy write_policy = TxnDBWritePolicy::WRITE_COMMITTED;
  // Plain writes do not lock: the application guarantees no conflict.
  bool skip_concurrency_control = false;
  // Kept for source compatibility; skyrocks commits a transaction's batch
  // at once.
  int64_t default_write_batch_flush_threshold = 0;
};

struct TransactionOptions {
  // SetSnapshot() at BeginTransaction.
  bool set_snapshot = false;
  // Detect deadlocks when waiting for a lock (Busy, kDeadlock).
  bool deadlock_detect = false;
  // Kept for source compatibility (a commit-time batch is always logged).
  bool use_only_the_last_commit_time_batch_for_recovery = false;
  // The transaction's write batch may not grow beyond this (0: no limit).
  size_t max_write_batch_size = 0;
  // Milliseconds to wait for a lock; < 0: the DB's
  // transaction_lock_timeout.
  int64_t lock_timeout = -1;
  // Milliseconds after which other transactions may take this one's
  // locks and its Commit fails with Expired; < 0: never.
  int64_t expiration = -1;
  // How far deadlock detection follows the waits-for graph.
  int64_t deadlock_detect_depth = 50;
  // Take no locks (the application guarantees no conflict).
  bool skip_concurrency_control = false;
  // Commit without Prepare is allowed (RocksDB's default).
  bool skip_prepare = true;
  // Kept for source compatibility.
  int64_t write_batch_flush_threshold = -1;
};

// A lock held (GetLockStatusData).
struct KeyLockInfo {
  std::string key;
  std::vector<TransactionID> ids;
  bool exclusive;
};

// One step of a deadlock: m_txn_id waited for m_waiting_key.
struct DeadlockInfo {
  TransactionID m_txn_id;
  uint32_t m_cf_id;
  bool m_exclusive;
  std::string m_waiting_key;
};

struct DeadlockPath {
  std::vector<DeadlockInfo> path;
  bool limit_exceeded;
  int64_t deadlock_time;

  explicit DeadlockPath(std::vector<DeadlockInfo> path_entry,
                        const int64_t& dl_time)
      : path(path_entry), limit_exceeded(false), deadlock_time(dl_time) {}
  // empty path, limit exceeded constructor and default constructor
  explicit DeadlockPath(const int64_t& dl_time = 0, bool limit = false)
      : path(0), limit_exceeded(limit), deadlock_time(dl_time) {}
  bool empty() { return path.empty() && !limit_exceeded; }
};

// Optimizations a caller may promise for TransactionDB::Write.
struct TransactionDBWriteOptimizations {
  bool skip_concurrency_control = false;
  bool skip_duplicate_key_check = false;
};

class TransactionDB : public StackableDB {
 public:
  using StackableDB::Write;
  // skip_concurrency_control: the batch is written without locks.
  virtual Status Write(const WriteOptions& opts,
                       const TransactionDBWriteOptimizations&,
                       WriteBatch* updates) {
    return Write(opts, updates);
  }

  // As DB::Open, with allow_2pc set; prepared transactions found in the
  // WAL are recovered (GetAllPreparedTransactions). *dbptr is owned by
  // the caller.
  static Status Open(const Options& options,
                     const TransactionDBOptions& txn_db_options,
                     const std::string& dbname, TransactionDB** dbptr);
  static Status Open(const DBOptions& db_options,
                     const TransactionDBOptions& txn_db_options,
                     const std::string& dbname,
                     const std::vector<ColumnFamilyDescriptor>& column_families,
                     std::vector<ColumnFamilyHandle*>* handles,
                     TransactionDB** dbptr);

  ~TransactionDB() override {}

  // A new transaction (caller owns it), or old_txn reset and reused.
  virtual Transaction* BeginTransaction(
      const WriteOptions& write_options,
      const TransactionOptions& txn_options = TransactionOptions(),
      Transaction* old_txn = nullptr) = 0;

  // The live transaction named name (SetName), or nullptr.
  virtual Transaction* GetTransactionByName(const TransactionName& name) = 0;
  // The transactions in state PREPARED (recovered ones included); owned by
  // the DB until the caller deletes them after Commit or Rollback.
  virtual void GetAllPreparedTransactions(std::vector<Transaction*>* trans) = 0;

  // Every lock held: column family id -> key, holders, exclusive.
  virtual std::unordered_multimap<uint32_t, KeyLockInfo>
  GetLockStatusData() = 0;
  // The last deadlocks detected, oldest first.
  virtual std::vector<DeadlockPath> GetDeadlockInfoBuffer() = 0;
  virtual void SetDeadlockInfoBufferSize(uint32_t target_size) = 0;

  TransactionDB(const TransactionDB&) = delete;
  void operator=(const TransactionDB&) = delete;

 protected:
  explicit TransactionDB(DB* db) : StackableDB(db) {}
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_TRANSACTION_DB_H_
