// How the engine counts into the calling thread's PerfContext
// (rocksdb/perf_context.h): PerfCount adds to a counter at PerfLevel
// kEnableCount and above; PerfTimer adds the nanoseconds of its lifetime
// to a field at kEnableTimeExceptForMutex and above (the clock is read
// only then). Counting is on by default (kEnableCount, as RocksDB's):
// a thread-local load and add per counted event.
#ifndef SKYROCKS_UTIL_PERF_UTIL_H_
#define SKYROCKS_UTIL_PERF_UTIL_H_

#include <chrono>
#include <cstdint>

#include "rocksdb/perf_context.h"

namespace ROCKSDB_NAMESPACE {

extern thread_local PerfLevel tls_perf_level;
extern thread_local PerfContext tls_perf_context;

inline void PerfCount(uint64_t PerfContext::*counter, uint64_t n = 1) {
  if (tls_perf_level >= kEnableCount) tls_perf_context.*counter += n;
}

class PerfTimer {
 public:
  explicit PerfTimer(uint64_t PerfContext::*field)
      : field_(tls_perf_level >= kEnableTimeExceptForMutex ? field : nullptr),
        start_(field_ != nullptr ? Now() : 0) {}
  ~PerfTimer() {
    if (field_ != nullptr) tls_perf_context.*field_ += Now() - start_;
  }
  PerfTimer(const PerfTimer&) = delete;
  PerfTimer& operator=(const PerfTimer&) = delete;

 private:
  static uint64_t Now() {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch())
            .count());
  }
  uint64_t PerfContext::*const field_;
  const uint64_t start_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_PERF_UTIL_H_
