// util/parallel.h: ParallelFor calls every index once, on at most the
// threads asked for (the caller's among them), and stops handing out
// indices once a call returns false.
#include "util/parallel.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace ROCKSDB_NAMESPACE {

TEST_CASE("parallel: every index once, on at most the threads asked for") {
  for (int threads : {-1, 0, 1, 3, 8}) {
    for (size_t n : {0, 1, 2, 7, 100}) {
      CAPTURE(threads);
      CAPTURE(n);
      std::vector<std::atomic<int>> calls(n);
      std::mutex mu;
      std::set<std::thread::id> ids;
      std::atomic<int> running{0}, most{0};
      ParallelFor(n, threads, [&](size_t i) {
        const int now = running.fetch_add(1) + 1;
        int m = most.load();
        while (now > m && !most.compare_exchange_weak(m, now)) {
        }
        {
          std::lock_guard<std::mutex> l(mu);
          ids.insert(std::this_thread::get_id());
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        calls[i].fetch_add(1);
        running.fetch_sub(1);
        return true;
      });
      for (size_t i = 0; i < n; i++) CHECK(calls[i].load() == 1);
      const size_t allowed =
          std::min(n, static_cast<size_t>(std::max(threads, 1)));
      CHECK(ids.size() <= allowed);
      CHECK(static_cast<size_t>(most.load()) <= allowed);
      if (n == 1) CHECK(ids.count(std::this_thread::get_id()) == 1);
    }
  }
}

TEST_CASE("parallel: a call returning false stops the rest from starting") {
  // One thread: the indices go in order, and nothing after the failure runs.
  std::vector<size_t> seen;
  ParallelFor(10, 1, [&](size_t i) {
    seen.push_back(i);
    return i != 3;
  });
  CHECK(seen == std::vector<size_t>{0, 1, 2, 3});
  // Several threads: the calls already running finish, the rest of the
  // thousand never start.
  std::atomic<int> total{0};
  ParallelFor(1000, 4, [&](size_t i) {
    total.fetch_add(1);
    if (i == 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
  });
  CHECK(total.load() < 1000);
}

}  // namespace ROCKSDB_NAMESPACE
