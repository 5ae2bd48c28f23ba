// The real SystemClock (clock_gettime) and SystemClock::TimeToString.
#include "rocksdb/system_clock.h"

#include <time.h>

#include <cstdio>
#include <thread>

#include "util/no_destructor.h"

namespace ROCKSDB_NAMESPACE {

namespace {

uint64_t ClockNanos(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull +
         static_cast<uint64_t>(ts.tv_nsec);
}

class PosixClock : public SystemClock {
 public:
  const char* Name() const override { return "DefaultClock"; }
  uint64_t NowMicros() override { return ClockNanos(CLOCK_REALTIME) / 1000; }
  uint64_t NowNanos() override { return ClockNanos(CLOCK_MONOTONIC); }
  uint64_t CPUMicros() override {
    return ClockNanos(CLOCK_THREAD_CPUTIME_ID) / 1000;
  }
  uint64_t CPUNanos() override { return ClockNanos(CLOCK_THREAD_CPUTIME_ID); }
  void SleepForMicroseconds(int micros) override {
    if (micros > 0)
      std::this_thread::sleep_for(std::chrono::microseconds(micros));
  }
  Status GetCurrentTime(int64_t* unix_time) override {
    *unix_time =
        static_cast<int64_t>(ClockNanos(CLOCK_REALTIME) / 1000000000ull);
    return Status::OK();
  }
};

}  // namespace

std::string SystemClock::TimeToString(uint64_t time) {
  const time_t seconds = static_cast<time_t>(time);
  struct tm t;
  localtime_r(&seconds, &t);
  char buf[64];
  snprintf(buf, sizeof(buf), "%04d/%02d/%02d-%02d:%02d:%02d", t.tm_year + 1900,
           t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
  return buf;
}

const std::shared_ptr<SystemClock>& SystemClock::Default() {
  static NoDestructor<std::shared_ptr<SystemClock>> clock(
      std::make_shared<PosixClock>());
  return *clock;
}

}  // namespace ROCKSDB_NAMESPACE
