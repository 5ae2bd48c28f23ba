// ThreadPool: the background threads of one Env priority (Env::Schedule).
// Jobs run in FIFO order on up to N threads, started when needed; lowering
// N idles the surplus threads after their current job. A queued job can
// be withdrawn by tag (UnSchedule), which runs its unschedule function
// instead. JoinAll runs what is queued, then stops and joins every thread.
// Thread-safe.
#ifndef SKYROCKS_ENV_THREAD_POOL_H_
#define SKYROCKS_ENV_THREAD_POOL_H_

#include <deque>
#include <thread>
#include <vector>

#include "port/mutex.h"
#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

class ThreadPool {
 public:
  ThreadPool() : cv_(&mu_) {}
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ~ThreadPool() { JoinAll(); }

  void Schedule(void (*function)(void*), void* arg, void* tag,
                void (*unschedule)(void*));
  // Removes queued jobs with this tag, running their unschedule function;
  // returns how many were removed.
  int UnSchedule(void* tag);
  void SetBackgroundThreads(int n);
  int GetBackgroundThreads();
  unsigned int QueueLen();
  void JoinAll();

 private:
  struct Job {
    void (*function)(void*);
    void* arg;
    void* tag;
    void (*unschedule)(void*);
  };
  void Work(size_t index);
  void StartThreadsLocked() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  port::Mutex mu_;
  port::CondVar cv_;
  std::deque<Job> queue_ SKYROCKS_GUARDED_BY(mu_);
  std::vector<std::thread> threads_ SKYROCKS_GUARDED_BY(mu_);
  int limit_ SKYROCKS_GUARDED_BY(mu_) = 1;
  int busy_ SKYROCKS_GUARDED_BY(mu_) = 0;  // threads running a job
  bool exiting_ SKYROCKS_GUARDED_BY(mu_) = false;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_ENV_THREAD_POOL_H_
