// Mutex, MutexLock and CondVar: thin wrappers over the standard library that
// carry thread-safety annotations, so `SKYROCKS_GUARDED_BY(mu_)` fields are
// checked under clang. Not recursive. CondVar waits release and retake the
// Mutex it was built with.
#ifndef SKYROCKS_PORT_MUTEX_H_
#define SKYROCKS_PORT_MUTEX_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "port/thread_annotations.h"
#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {
namespace port {

class SKYROCKS_LOCKABLE Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() SKYROCKS_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void Unlock() SKYROCKS_UNLOCK_FUNCTION() { mu_.unlock(); }
  void AssertHeld() SKYROCKS_ASSERT_EXCLUSIVE_LOCK() {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

class SKYROCKS_SCOPED_LOCKABLE MutexLock {
 public:
  explicit MutexLock(Mutex* mu) SKYROCKS_EXCLUSIVE_LOCK_FUNCTION(mu)
      : mu_(mu) {
    mu_->Lock();
  }
  ~MutexLock() SKYROCKS_UNLOCK_FUNCTION() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* const mu_;
};

class CondVar {
 public:
  explicit CondVar(Mutex* mu) : mu_(mu) {}
  CondVar(const CondVar&) = delete;
  CondVar& operator=(const CondVar&) = delete;

  // REQUIRES: the mutex is held by the caller.
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  // Returns true if the wait timed out. REQUIRES: the mutex is held.
  bool TimedWaitMicros(uint64_t micros) {
    std::unique_lock<std::mutex> lock(mu_->mu_, std::adopt_lock);
    const bool timed_out = cv_.wait_for(lock, std::chrono::microseconds(
                                                  micros)) ==
                           std::cv_status::timeout;
    lock.release();
    return timed_out;
  }
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
  Mutex* const mu_;
};

}  // namespace port
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_PORT_MUTEX_H_
