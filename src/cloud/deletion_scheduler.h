// DeletionScheduler: RocksDB-Cloud's delayed deletion of cloud objects.
// A name scheduled for deletion is handed to the delete function after its
// delay, on the scheduler's own thread (started on first use), together
// with every other name due by then or within kRoundSlackMicros after it:
// one call per round, so a store with a batch delete (S3 DeleteObjects)
// spends one request on it; scheduling a
// name twice keeps the first deadline; Unschedule (an upload of the same
// name) cancels it. Destroying the scheduler abandons what is pending (the
// next open finds those objects again as invisible or obsolete files).
// Thread-safe.
#ifndef SKYROCKS_CLOUD_DELETION_SCHEDULER_H_
#define SKYROCKS_CLOUD_DELETION_SCHEDULER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "port/mutex.h"
#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

class DeletionScheduler {
 public:
  explicit DeletionScheduler(
      std::function<void(const std::vector<std::string>&)> fn)
      : delete_fn_(std::move(fn)) {}
  DeletionScheduler(const DeletionScheduler&) = delete;
  DeletionScheduler& operator=(const DeletionScheduler&) = delete;
  ~DeletionScheduler();

  static constexpr uint64_t kRoundSlackMicros = 100 * 1000;

  void Schedule(const std::string& name, uint64_t delay_micros);
  void Unschedule(const std::string& name);
  size_t NumPending() const;

 private:
  void Run();

  std::function<void(const std::vector<std::string>&)> delete_fn_;
  mutable port::Mutex mu_;
  port::CondVar cv_{&mu_};
  // name -> steady-clock micros
  std::map<std::string, uint64_t> due_ SKYROCKS_GUARDED_BY(mu_);
  bool stop_ SKYROCKS_GUARDED_BY(mu_) = false;
  std::thread thread_ SKYROCKS_GUARDED_BY(mu_);
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_DELETION_SCHEDULER_H_
