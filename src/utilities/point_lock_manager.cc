// PointLockManager (utilities/point_lock_manager.h): key locks, waits,
// expiry and deadlock detection, as RocksDB 7.8.3's PointLockManager.
#include "utilities/point_lock_manager.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "util/hash.h"

namespace ROCKSDB_NAMESPACE {

uint64_t TxnNowMicros() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
}

PointLockManager::LockMap::LockMap(size_t n) {
  stripes.reserve(n);
  for (size_t i = 0; i < n; i++) stripes.emplace_back(new Stripe());
}

PointLockManager::Stripe* PointLockManager::LockMap::StripeFor(
    const std::string& key) {
  const uint32_t h = Hash(key.data(), key.size(), 0);
  return stripes[h % stripes.size()].get();
}

PointLockManager::PointLockManager(const TransactionDBOptions& options,
                                   std::function<bool(TransactionID)> steal)
    : num_stripes_(std::max<size_t>(1, options.num_stripes)),
      max_num_locks_(options.max_num_locks),
      steal_(std::move(steal)),
      dlock_capacity_(options.max_num_deadlocks) {}

PointLockManager::LockMap* PointLockManager::GetLockMap(uint32_t cf) {
  port::MutexLock l(&maps_mu_);
  std::unique_ptr<LockMap>& m = lock_maps_[cf];
  if (m == nullptr) m.reset(new LockMap(num_stripes_));
  return m.get();
}

bool PointLockManager::IsLockExpired(TransactionID txn, const LockInfo& info,
                                     uint64_t* expire_hint) {
  if (info.expiration_time == 0) {
    *expire_hint = 0;
    return false;
  }
  bool expired = info.expiration_time <= TxnNowMicros();
  if (!expired) {
    *expire_hint = info.expiration_time;
    return false;
  }
  for (TransactionID id : info.txn_ids) {
    if (id == txn) continue;
    if (!steal_(id)) {
      *expire_hint = 0;
      return false;
    }
  }
  return true;
}

Status PointLockManager::AcquireLocked(LockMap* map, Stripe* stripe,
                                       const std::string& key,
                                       const LockRequester& txn,
                                       bool exclusive, uint64_t* expire_hint,
                                       std::vector<TransactionID>* holders) {
  auto it = stripe->keys.find(key);
  if (it != stripe->keys.end()) {
    LockInfo& info = it->second;
    if (info.exclusive || exclusive) {
      if (info.txn_ids.size() == 1 && info.txn_ids[0] == txn.id) {
        info.exclusive = exclusive;
        info.expiration_time = txn.expiration_time;
      } else if (IsLockExpired(txn.id, info, expire_hint)) {
        info.txn_ids.assign(1, txn.id);
        info.exclusive = exclusive;
        info.expiration_time = txn.expiration_time;
      } else {
        *holders = info.txn_ids;
        return Status::TimedOut(Status::SubCode::kLockTimeout);
      }
    } else {
      // Shared on shared: granted (the expiry never goes down, as RocksDB).
      if (std::find(info.txn_ids.begin(), info.txn_ids.end(), txn.id) ==
          info.txn_ids.end()) {
        info.txn_ids.push_back(txn.id);
      }
      info.expiration_time =
          std::max(info.expiration_time, txn.expiration_time);
    }
    return Status::OK();
  }
  if (max_num_locks_ > 0 &&
      map->lock_cnt.load(std::memory_order_acquire) >= max_num_locks_) {
    return Status::Busy(Status::SubCode::kLockLimit);
  }
  LockInfo info;
  info.txn_ids.push_back(txn.id);
  info.exclusive = exclusive;
  info.expiration_time = txn.expiration_time;
  stripe->keys.emplace(key, std::move(info));
  map->lock_cnt++;
  return Status::OK();
}

Status PointLockManager::TryLock(const LockRequester& txn, uint32_t cf,
                                 const std::string& key, bool exclusive) {
  LockMap* map = GetLockMap(cf);
  Stripe* stripe = map->StripeFor(key);
  const int64_t timeout = txn.timeout;
  const uint64_t end_time =
      timeout > 0 ? TxnNowMicros() + static_cast<uint64_t>(timeout) : 0;
  port::MutexLock lock(&stripe->mu);
  uint64_t expire_hint = 0;
  std::vector<TransactionID> wait_ids;
  Status s = AcquireLocked(map, stripe, key, txn, exclusive, &expire_hint,
                           &wait_ids);
  if (s.ok() || timeout == 0) return s;
  bool timed_out = false;
  do {
    uint64_t cv_end = 0;  // 0: wait until woken
    if (expire_hint > 0 && end_time > 0) {
      cv_end = std::min(expire_hint, end_time);
    } else if (expire_hint > 0) {
      cv_end = expire_hint;
    } else if (end_time > 0) {
      cv_end = end_time;
    }
    if (!wait_ids.empty()) {
      if (txn.deadlock_detect) {
        if (IncrementWaiters(txn, wait_ids, key, cf, exclusive)) {
          return Status::Busy(Status::SubCode::kDeadlock);
        }
      } else {
        port::MutexLock wl(&wait_mu_);
        plain_waits_[txn.id] = WaitInfo{wait_ids, cf, exclusive, key};
      }
    }
    if (cv_end == 0) {
      stripe->cv.Wait();
    } else {
      const uint64_t now = TxnNowMicros();
      if (cv_end > now) {
        if (stripe->cv.TimedWaitMicros(cv_end - now) && end_time > 0 &&
            TxnNowMicros() >= end_time) {
          timed_out = true;
        }
      } else if (end_time > 0 && now >= end_time) {
        timed_out = true;
      }
    }
    if (!wait_ids.empty()) {
      if (txn.deadlock_detect) {
        DecrementWaiters(txn.id, wait_ids);
      } else {
        port::MutexLock wl(&wait_mu_);
        plain_waits_.erase(txn.id);
      }
    }
    // One more try even after the timeout: the lock may have expired
    // without anyone signalling.
    wait_ids.clear();
    s = AcquireLocked(map, stripe, key, txn, exclusive, &expire_hint,
                      &wait_ids);
  } while (!s.ok() && !timed_out);
  return s;
}

void PointLockManager::UnLock(TransactionID txn, uint32_t cf,
                              const std::string& key) {
  LockMap* map = GetLockMap(cf);
  Stripe* stripe = map->StripeFor(key);
  {
    port::MutexLock l(&stripe->mu);
    auto it = stripe->keys.find(key);
    if (it == stripe->keys.end()) return;
    std::vector<TransactionID>& ids = it->second.txn_ids;
    auto pos = std::find(ids.begin(), ids.end(), txn);
    if (pos == ids.end()) return;  // stolen, or never held
    ids.erase(pos);
    if (ids.empty()) {
      stripe->keys.erase(it);
      map->lock_cnt--;
    }
  }
  stripe->cv.SignalAll();
}

bool PointLockManager::IncrementWaiters(
    const LockRequester& txn, const std::vector<TransactionID>& wait_ids,
    const std::string& key, uint32_t cf, bool exclusive) {
  const TransactionID id = txn.id;
  const int depth = static_cast<int>(std::max<int64_t>(0, txn.deadlock_detect_depth));
  std::vector<int> queue_parents(static_cast<size_t>(depth));
  std::vector<TransactionID> queue_values(static_cast<size_t>(depth));
  port::MutexLock l(&wait_mu_);
  wait_txn_map_[id] = WaitInfo{wait_ids, cf, exclusive, key};
  for (TransactionID w : wait_ids) rev_wait_txn_map_[w]++;
  // Nobody waits for this transaction: no cycle through it.
  if (rev_wait_txn_map_.count(id) == 0) return false;
  const std::vector<TransactionID>* next_ids = &wait_ids;
  int parent = -1;
  for (int tail = 0, head = 0; head < depth; head++) {
    int i = 0;
    if (next_ids != nullptr) {
      for (; i < static_cast<int>(next_ids->size()) && tail + i < depth; i++) {
        queue_values[tail + i] = (*next_ids)[i];
        queue_parents[tail + i] = parent;
      }
      tail += i;
    }
    if (tail == head) return false;  // the graph ends: no deadlock
    const TransactionID next = queue_values[head];
    if (next == id) {
      std::vector<DeadlockInfo> path;
      while (head != -1) {
        const WaitInfo& w = wait_txn_map_[queue_values[head]];
        path.push_back({queue_values[head], w.cf, w.exclusive, w.key});
        head = queue_parents[head];
      }
      std::reverse(path.begin(), path.end());
      AddDeadlockPath(DeadlockPath(path, static_cast<int64_t>(time(nullptr))));
      DecrementWaitersLocked(id, wait_ids);
      return true;
    }
    auto it = wait_txn_map_.find(next);
    if (it == wait_txn_map_.end()) {
      next_ids = nullptr;
      continue;
    }
    parent = head;
    next_ids = &it->second.waiting_for;
  }
  // The cycle search went deeper than allowed: assume a deadlock.
  AddDeadlockPath(DeadlockPath(static_cast<int64_t>(time(nullptr)), true));
  DecrementWaitersLocked(id, wait_ids);
  return true;
}

void PointLockManager::DecrementWaiters(
    TransactionID txn, const std::vector<TransactionID>& wait_ids) {
  port::MutexLock l(&wait_mu_);
  DecrementWaitersLocked(txn, wait_ids);
}

void PointLockManager::DecrementWaitersLocked(
    TransactionID txn, const std::vector<TransactionID>& wait_ids) {
  wait_txn_map_.erase(txn);
  for (TransactionID w : wait_ids) {
    auto it = rev_wait_txn_map_.find(w);
    if (it != rev_wait_txn_map_.end() && --it->second <= 0) {
      rev_wait_txn_map_.erase(it);
    }
  }
}

std::vector<TransactionID> PointLockManager::WaitingFor(TransactionID txn,
                                                        uint32_t* cf,
                                                        std::string* key) {
  port::MutexLock l(&wait_mu_);
  for (auto* m : {&wait_txn_map_, &plain_waits_}) {
    auto it = m->find(txn);
    if (it == m->end()) continue;
    if (cf != nullptr) *cf = it->second.cf;
    if (key != nullptr) *key = it->second.key;
    return it->second.waiting_for;
  }
  return {};
}

void PointLockManager::AddDeadlockPath(DeadlockPath path) {
  port::MutexLock l(&dlock_mu_);
  if (dlock_capacity_ == 0) return;
  dlock_paths_.push_front(std::move(path));
  while (dlock_paths_.size() > dlock_capacity_) dlock_paths_.pop_back();
}

std::vector<DeadlockPath> PointLockManager::GetDeadlockInfoBuffer() {
  port::MutexLock l(&dlock_mu_);
  return std::vector<DeadlockPath>(dlock_paths_.begin(), dlock_paths_.end());
}

void PointLockManager::Resize(uint32_t target_size) {
  port::MutexLock l(&dlock_mu_);
  dlock_capacity_ = target_size;
  while (dlock_paths_.size() > dlock_capacity_) dlock_paths_.pop_back();
}

std::unordered_multimap<uint32_t, KeyLockInfo>
PointLockManager::GetLockStatusData() {
  std::unordered_multimap<uint32_t, KeyLockInfo> out;
  std::vector<std::pair<uint32_t, LockMap*>> maps;
  {
    port::MutexLock l(&maps_mu_);
    for (auto& kv : lock_maps_) maps.emplace_back(kv.first, kv.second.get());
  }
  for (auto& m : maps) {
    for (auto& stripe : m.second->stripes) {
      port::MutexLock l(&stripe->mu);
      for (auto& kv : stripe->keys) {
        out.insert({m.first, KeyLockInfo{kv.first, kv.second.txn_ids,
                                         kv.second.exclusive}});
      }
    }
  }
  return out;
}

}  // namespace ROCKSDB_NAMESPACE
