// ThreadPool; contract in env/thread_pool.h. Thread i takes jobs only while
// i < the limit (lowering the limit idles the newest threads after their
// current job; raising it wakes them) and exits when JoinAll asks and
// there is nothing left it may run. Threads start when there are more jobs
// than threads, up to the limit.
#include "env/thread_pool.h"

namespace ROCKSDB_NAMESPACE {

void ThreadPool::StartThreadsLocked() {
  while (static_cast<int>(threads_.size()) < limit_ &&
         threads_.size() < queue_.size() + static_cast<size_t>(busy_)) {
    const size_t index = threads_.size();
    threads_.emplace_back([this, index] { Work(index); });
  }
}

void ThreadPool::Schedule(void (*function)(void*), void* arg, void* tag,
                          void (*unschedule)(void*)) {
  port::MutexLock l(&mu_);
  if (exiting_) {
    // After JoinAll nothing runs: the job is withdrawn.
    if (unschedule != nullptr) unschedule(arg);
    return;
  }
  queue_.push_back(Job{function, arg, tag, unschedule});
  StartThreadsLocked();
  cv_.Signal();
}

int ThreadPool::UnSchedule(void* tag) {
  std::vector<Job> removed;
  {
    port::MutexLock l(&mu_);
    for (auto it = queue_.begin(); it != queue_.end();) {
      if (it->tag == tag) {
        removed.push_back(*it);
        it = queue_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const Job& j : removed) {
    if (j.unschedule != nullptr) j.unschedule(j.arg);
  }
  return static_cast<int>(removed.size());
}

void ThreadPool::SetBackgroundThreads(int n) {
  port::MutexLock l(&mu_);
  limit_ = n < 0 ? 0 : n;
  StartThreadsLocked();
  cv_.SignalAll();
}

int ThreadPool::GetBackgroundThreads() {
  port::MutexLock l(&mu_);
  return limit_;
}

unsigned int ThreadPool::QueueLen() {
  port::MutexLock l(&mu_);
  return static_cast<unsigned int>(queue_.size());
}

void ThreadPool::Work(size_t index) {
  port::MutexLock l(&mu_);
  while (true) {
    while ((queue_.empty() || static_cast<int>(index) >= limit_) && !exiting_) {
      cv_.Wait();
    }
    if (exiting_ && (queue_.empty() || static_cast<int>(index) >= limit_)) {
      return;
    }
    Job job = queue_.front();
    queue_.pop_front();
    busy_++;
    mu_.Unlock();
    job.function(job.arg);
    mu_.Lock();
    busy_--;
  }
}

void ThreadPool::JoinAll() {
  std::vector<std::thread> threads;
  {
    port::MutexLock l(&mu_);
    // Queued jobs still run: make sure some thread is there to run them.
    if (!queue_.empty() && limit_ == 0) limit_ = 1;
    // At least one thread per queued job up to the limit.
    StartThreadsLocked();
    exiting_ = true;
    cv_.SignalAll();
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
  port::MutexLock l(&mu_);
  exiting_ = false;
}

}  // namespace ROCKSDB_NAMESPACE
