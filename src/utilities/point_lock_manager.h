// PointLockManager: the key locks of a TransactionDB (RocksDB 7.8.3's
// PointLockManager). Per column family a table of locked keys, split into
// stripes by key hash, each with its mutex and condition variable. A lock
// is exclusive (one holder) or shared (several). A transaction that finds
// a key locked waits on the stripe's condition variable up to its lock
// timeout (TimedOut, kLockTimeout); with deadlock detection it first adds
// itself to the waits-for graph and gives up at once (Busy, kDeadlock)
// when the holders wait, transitively, for it. A lock whose holders all
// expired is taken over (their transactions go to LOCKS_STOLEN).
//
// Thread-safe. Lock order: a stripe's mutex, then the waits-for graph's
// (wait_mu_) or the deadlock buffer's; none calls back into the DB except
// the steal callback (under a stripe mutex; it takes the DB's transaction
// map lock, a leaf).
#ifndef SKYROCKS_UTILITIES_POINT_LOCK_MANAGER_H_
#define SKYROCKS_UTILITIES_POINT_LOCK_MANAGER_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "port/mutex.h"
#include "rocksdb/status.h"
#include "rocksdb/utilities/transaction_db.h"

namespace ROCKSDB_NAMESPACE {

// Microseconds on the clock lock timeouts and expirations use.
uint64_t TxnNowMicros();

// What the lock manager needs to know of a transaction asking for a lock.
struct LockRequester {
  TransactionID id = 0;
  uint64_t expiration_time = 0;  // microseconds; 0: never expires
  int64_t timeout = 0;           // microseconds; < 0: forever
  bool deadlock_detect = false;
  int64_t deadlock_detect_depth = 50;
};

class PointLockManager {
 public:
  // steal(id): the DB's verdict on taking an expired holder's locks
  // (true when the holder is gone or now LOCKS_STOLEN).
  PointLockManager(const TransactionDBOptions& options,
                   std::function<bool(TransactionID)> steal);
  PointLockManager(const PointLockManager&) = delete;
  void operator=(const PointLockManager&) = delete;

  // Locks key of column family cf for txn (a shared lock upgrades to an
  // exclusive one when txn is its only holder).
  [[nodiscard]] Status TryLock(const LockRequester& txn, uint32_t cf,
                               const std::string& key, bool exclusive);
  // Releases txn's hold on key (nothing if it holds none) and wakes the
  // stripe's waiters.
  void UnLock(TransactionID txn, uint32_t cf, const std::string& key);

  std::unordered_multimap<uint32_t, KeyLockInfo> GetLockStatusData();
  std::vector<DeadlockPath> GetDeadlockInfoBuffer();  // newest first
  void Resize(uint32_t target_size);

  // What txn waits for now (Transaction::GetWaitingTxns).
  std::vector<TransactionID> WaitingFor(TransactionID txn, uint32_t* cf,
                                        std::string* key);

 private:
  struct LockInfo {
    std::vector<TransactionID> txn_ids;
    bool exclusive = true;
    uint64_t expiration_time = 0;
  };
  struct Stripe {
    port::Mutex mu;
    port::CondVar cv{&mu};
    std::unordered_map<std::string, LockInfo> keys SKYROCKS_GUARDED_BY(mu);
  };
  struct LockMap {
    explicit LockMap(size_t stripes);
    std::vector<std::unique_ptr<Stripe>> stripes;
    std::atomic<int64_t> lock_cnt{0};
    Stripe* StripeFor(const std::string& key);
  };
  struct WaitInfo {
    std::vector<TransactionID> waiting_for;
    uint32_t cf = 0;
    bool exclusive = false;
    std::string key;
  };

  LockMap* GetLockMap(uint32_t cf);
  // On conflict *holders gets the holders and *expire_hint when their lock
  // expires (0: never).
  Status AcquireLocked(LockMap* map, Stripe* stripe, const std::string& key,
                       const LockRequester& txn, bool exclusive,
                       uint64_t* expire_hint,
                       std::vector<TransactionID>* holders)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(stripe->mu);
  // True when every holder but txn expired and gave up its locks.
  bool IsLockExpired(TransactionID txn, const LockInfo& info,
                     uint64_t* expire_hint);
  // Adds txn's wait; true (and the wait removed, the path recorded) when
  // it closes a cycle or the search exceeds the depth.
  bool IncrementWaiters(const LockRequester& txn,
                        const std::vector<TransactionID>& wait_ids,
                        const std::string& key, uint32_t cf, bool exclusive);
  void DecrementWaiters(TransactionID txn,
                        const std::vector<TransactionID>& wait_ids);
  void DecrementWaitersLocked(TransactionID txn,
                              const std::vector<TransactionID>& wait_ids)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(wait_mu_);
  void AddDeadlockPath(DeadlockPath path);

  const size_t num_stripes_;
  const int64_t max_num_locks_;
  const std::function<bool(TransactionID)> steal_;

  port::Mutex maps_mu_;
  std::map<uint32_t, std::unique_ptr<LockMap>> lock_maps_
      SKYROCKS_GUARDED_BY(maps_mu_);

  port::Mutex wait_mu_;
  std::unordered_map<TransactionID, WaitInfo> wait_txn_map_
      SKYROCKS_GUARDED_BY(wait_mu_);
  std::unordered_map<TransactionID, int> rev_wait_txn_map_
      SKYROCKS_GUARDED_BY(wait_mu_);
  // Waits of transactions without deadlock detection (GetWaitingTxns).
  std::unordered_map<TransactionID, WaitInfo> plain_waits_
      SKYROCKS_GUARDED_BY(wait_mu_);

  port::Mutex dlock_mu_;
  uint32_t dlock_capacity_ SKYROCKS_GUARDED_BY(dlock_mu_);
  std::deque<DeadlockPath> dlock_paths_
      SKYROCKS_GUARDED_BY(dlock_mu_);  // newest first
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_POINT_LOCK_MANAGER_H_
