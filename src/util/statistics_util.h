// How the engine records into a DB's Statistics (rocksdb/statistics.h),
// which may be null: RecordTick, RecordInHistogram, and StopWatch, which
// adds the micros of its lifetime to a histogram (read from the clock only
// when the statistics' level keeps timers).
#ifndef SKYROCKS_UTIL_STATISTICS_UTIL_H_
#define SKYROCKS_UTIL_STATISTICS_UTIL_H_

#include <chrono>
#include <cstdint>

#include "rocksdb/statistics.h"

namespace ROCKSDB_NAMESPACE {

inline void RecordTick(Statistics* stats, uint32_t ticker, uint64_t n = 1) {
  if (stats != nullptr) stats->recordTick(ticker, n);
}

inline void RecordInHistogram(Statistics* stats, uint32_t histogram,
                              uint64_t value) {
  if (stats != nullptr) stats->recordInHistogram(histogram, value);
}

inline uint64_t StatsNowMicros() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

class StopWatch {
 public:
  StopWatch(Statistics* stats, uint32_t histogram)
      : stats_(stats != nullptr && stats->get_stats_level() > kExceptTimers
                   ? stats
                   : nullptr),
        histogram_(histogram),
        start_(stats_ != nullptr ? StatsNowMicros() : 0) {}
  ~StopWatch() {
    if (stats_ != nullptr) {
      stats_->reportTimeToHistogram(histogram_, StatsNowMicros() - start_);
    }
  }
  StopWatch(const StopWatch&) = delete;
  StopWatch& operator=(const StopWatch&) = delete;

 private:
  Statistics* const stats_;
  const uint32_t histogram_;
  const uint64_t start_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_STATISTICS_UTIL_H_
