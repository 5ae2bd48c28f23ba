// DeletionScheduler; see cloud/deletion_scheduler.h.
#include "cloud/deletion_scheduler.h"

#include <algorithm>
#include <chrono>

namespace ROCKSDB_NAMESPACE {

namespace {

uint64_t DeletionNowMicros() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

}  // namespace

DeletionScheduler::~DeletionScheduler() {
  {
    port::MutexLock l(&mu_);
    stop_ = true;
    due_.clear();
  }
  cv_.SignalAll();
  if (thread_.joinable()) thread_.join();
}

void DeletionScheduler::Schedule(const std::string& name,
                                 uint64_t delay_micros) {
  port::MutexLock l(&mu_);
  if (stop_) return;
  due_.emplace(name, DeletionNowMicros() + delay_micros);
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
  cv_.SignalAll();
}

void DeletionScheduler::Unschedule(const std::string& name) {
  port::MutexLock l(&mu_);
  due_.erase(name);
}

size_t DeletionScheduler::NumPending() const {
  port::MutexLock l(&mu_);
  return due_.size();
}

void DeletionScheduler::Run() {
  mu_.Lock();
  while (!stop_) {
    const uint64_t now = DeletionNowMicros();
    uint64_t next = UINT64_MAX;
    std::vector<std::string> due;
    for (auto it = due_.begin(); it != due_.end();) {
      if (it->second <= now) {
        due.push_back(it->first);
        it = due_.erase(it);
      } else {
        next = std::min(next, it->second);
        ++it;
      }
    }
    if (due.empty()) {
      if (next == UINT64_MAX) {
        cv_.Wait();
      } else {
        // Names due within the slack after the first join its round (a
        // compaction's inputs are scheduled microseconds apart): a
        // deletion may be that late, never early.
        cv_.TimedWaitMicros(next - now + kRoundSlackMicros);
      }
      continue;
    }
    mu_.Unlock();
    delete_fn_(due);
    mu_.Lock();
  }
  mu_.Unlock();
}

}  // namespace ROCKSDB_NAMESPACE
