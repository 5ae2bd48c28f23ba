// SystemClock: where skyrocks gets the time and sleeps (RocksDB's class of
// the same name). SystemClock::Default() is the real clock; tests inject a
// mock (env/mock_clock.h) to control time. Implementations are
// thread-safe.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_SYSTEM_CLOCK_H_
#define SKYROCKS_INCLUDE_ROCKSDB_SYSTEM_CLOCK_H_

#include <cstdint>
#include <memory>
#include <string>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class SystemClock {
 public:
  virtual ~SystemClock() = default;
  static const char* Type() { return "SystemClock"; }
  virtual const char* Name() const = 0;

  // The process-wide real clock.
  static const std::shared_ptr<SystemClock>& Default();

  // Wall-clock microseconds since the epoch.
  virtual uint64_t NowMicros() = 0;
  // Monotonic nanoseconds (for measuring intervals).
  virtual uint64_t NowNanos() { return NowMicros() * 1000; }
  // CPU time of the calling thread, 0 if not available.
  virtual uint64_t CPUMicros() { return 0; }
  virtual uint64_t CPUNanos() { return CPUMicros() * 1000; }
  virtual void SleepForMicroseconds(int micros) = 0;
  // Seconds since the epoch.
  virtual Status GetCurrentTime(int64_t* unix_time) = 0;
  // "YYYY/MM/DD-HH:MM:SS" (local time) for seconds since the epoch.
  virtual std::string TimeToString(uint64_t time);
};

// Forwards everything to another clock.
class SystemClockWrapper : public SystemClock {
 public:
  explicit SystemClockWrapper(std::shared_ptr<SystemClock> t)
      : target_(std::move(t)) {}
  const char* Name() const override { return "SystemClockWrapper"; }
  uint64_t NowMicros() override { return target_->NowMicros(); }
  uint64_t NowNanos() override { return target_->NowNanos(); }
  uint64_t CPUMicros() override { return target_->CPUMicros(); }
  void SleepForMicroseconds(int micros) override {
    target_->SleepForMicroseconds(micros);
  }
  Status GetCurrentTime(int64_t* unix_time) override {
    return target_->GetCurrentTime(unix_time);
  }
  std::string TimeToString(uint64_t time) override {
    return target_->TimeToString(time);
  }
  const std::shared_ptr<SystemClock>& target() const { return target_; }

 protected:
  std::shared_ptr<SystemClock> target_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_SYSTEM_CLOCK_H_
