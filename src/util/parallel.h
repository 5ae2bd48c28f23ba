// ParallelFor: runs a loop's iterations on a few threads, the caller's
// among them, for work that blocks on I/O (uploads, copies, deletes) or
// runs long (subcompactions). Threads are started per call and joined
// before it returns; there is no pool. fn must be safe to call from
// several threads at once for different indices.
#ifndef SKYROCKS_UTIL_PARALLEL_H_
#define SKYROCKS_UTIL_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

// Calls fn(i) for i in [0, n) on min(n, max(threads, 1)) threads, each
// taking the next index not yet taken. fn returns false to stop handing
// out indices (a failure: the calls already running finish, the rest never
// start). Returns when every call has returned.
template <typename Fn>
void ParallelFor(size_t n, int threads, Fn&& fn) {
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) {
      if (!fn(i)) next.store(n);
    }
  };
  const size_t count = std::min(n, static_cast<size_t>(std::max(threads, 1)));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < count; t++) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_PARALLEL_H_
