// MockSystemClock: a SystemClock whose time only moves when told (SetTime,
// AdvanceMicros) or when something sleeps on it (the sleep returns at once
// and advances the time). Lets tests of timeouts, backoff and periodic work
// run instantly and deterministically. Thread-safe.
#ifndef SKYROCKS_ENV_MOCK_CLOCK_H_
#define SKYROCKS_ENV_MOCK_CLOCK_H_

#include <atomic>

#include "rocksdb/system_clock.h"

namespace ROCKSDB_NAMESPACE {

class MockSystemClock : public SystemClock {
 public:
  explicit MockSystemClock(uint64_t start_micros = 1000000)
      : now_micros_(start_micros) {}
  const char* Name() const override { return "MockSystemClock"; }
  uint64_t NowMicros() override { return now_micros_.load(); }
  uint64_t NowNanos() override { return now_micros_.load() * 1000; }
  void SleepForMicroseconds(int micros) override {
    if (micros > 0) AdvanceMicros(static_cast<uint64_t>(micros));
    sleeps_.fetch_add(1);
  }
  Status GetCurrentTime(int64_t* unix_time) override {
    *unix_time = static_cast<int64_t>(now_micros_.load() / 1000000);
    return Status::OK();
  }
  void SetTime(uint64_t micros) { now_micros_.store(micros); }
  void AdvanceMicros(uint64_t micros) { now_micros_.fetch_add(micros); }
  uint64_t sleeps() const { return sleeps_.load(); }

 private:
  std::atomic<uint64_t> now_micros_;
  std::atomic<uint64_t> sleeps_{0};
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_ENV_MOCK_CLOCK_H_
