// NewGenericRateLimiter's token bucket; contract in rocksdb/rate_limiter.h.
#include "rocksdb/rate_limiter.h"

#include <algorithm>
#include <chrono>
#include <deque>

#include "port/mutex.h"

namespace ROCKSDB_NAMESPACE {

size_t RateLimiter::RequestToken(size_t bytes, size_t alignment,
                                 Env::IOPriority io_priority, Statistics* stats,
                                 RateLimiter::OpType op_type) {
  if (!IsRateLimited(op_type)) return bytes;
  bytes = std::min(bytes, static_cast<size_t>(
                              std::max<int64_t>(1, GetSingleBurstBytes())));
  if (alignment > 0) bytes = std::max(alignment, bytes / alignment * alignment);
  Request(static_cast<int64_t>(bytes), io_priority, stats, op_type);
  return bytes;
}

namespace {

class GenericRateLimiter : public RateLimiter {
 public:
  GenericRateLimiter(int64_t rate, int64_t refill_period_us, Mode mode)
      : RateLimiter(mode),
        refill_period_us_(std::max<int64_t>(1, refill_period_us)),
        rate_(std::max<int64_t>(1, rate)),
        available_(Burst()),
        next_refill_us_(NowMicros() + refill_period_us_) {}

  void SetBytesPerSecond(int64_t bytes_per_second) override {
    port::MutexLock l(&mu_);
    rate_ = std::max<int64_t>(1, bytes_per_second);
    cv_.SignalAll();
  }

  void Request(const int64_t bytes, const Env::IOPriority pri) override {
    const int p = pri >= Env::IO_LOW && pri < Env::IO_TOTAL ? pri : Env::IO_LOW;
    port::MutexLock l(&mu_);
    requests_[p]++;
    const uint64_t ticket = next_ticket_++;
    queues_[p].push_back(ticket);
    int64_t left = std::max<int64_t>(0, bytes);
    while (left > 0) {
      Refill();
      // Served when first in the highest waiting priority's queue.
      if (Head() == ticket && available_ > 0) {
        const int64_t take = std::min(left, available_);
        available_ -= take;
        left -= take;
        through_[p] += take;
        continue;
      }
      cv_.TimedWaitMicros(static_cast<uint64_t>(
          std::max<int64_t>(1, next_refill_us_ - NowMicros())));
    }
    queues_[p].pop_front();
    cv_.SignalAll();
  }

  int64_t GetSingleBurstBytes() const override {
    port::MutexLock l(&mu_);
    return Burst();
  }
  int64_t GetTotalBytesThrough(const Env::IOPriority pri) const override {
    port::MutexLock l(&mu_);
    return Sum(through_, pri);
  }
  int64_t GetTotalRequests(const Env::IOPriority pri) const override {
    port::MutexLock l(&mu_);
    return Sum(requests_, pri);
  }
  Status GetTotalPendingRequests(int64_t* pending,
                                 const Env::IOPriority pri) const override {
    port::MutexLock l(&mu_);
    *pending = 0;
    for (int p = 0; p < Env::IO_TOTAL; p++) {
      if (pri == Env::IO_TOTAL || pri == p) {
        *pending += static_cast<int64_t>(queues_[p].size());
      }
    }
    return Status::OK();
  }
  int64_t GetBytesPerSecond() const override {
    port::MutexLock l(&mu_);
    return rate_;
  }

 private:
  static int64_t NowMicros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  int64_t Burst() const SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return std::max<int64_t>(1, rate_ * refill_period_us_ / 1000000);
  }
  // Adds a burst per elapsed refill period, up to one burst.
  void Refill() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    const int64_t now = NowMicros();
    if (now < next_refill_us_) return;
    const int64_t periods = (now - next_refill_us_) / refill_period_us_ + 1;
    available_ = std::min(Burst(), available_ + periods * Burst());
    next_refill_us_ += periods * refill_period_us_;
  }
  // The ticket to serve: the first of the highest non-empty priority.
  uint64_t Head() const SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    for (int p = Env::IO_TOTAL - 1; p >= 0; p--) {
      if (!queues_[p].empty()) return queues_[p].front();
    }
    return 0;
  }
  static int64_t Sum(const int64_t (&by_pri)[Env::IO_TOTAL],
                     Env::IOPriority pri) {
    if (pri >= Env::IO_LOW && pri < Env::IO_TOTAL) return by_pri[pri];
    int64_t n = 0;
    for (int64_t v : by_pri) n += v;
    return n;
  }

  const int64_t refill_period_us_;
  mutable port::Mutex mu_;
  port::CondVar cv_{&mu_};
  int64_t rate_ SKYROCKS_GUARDED_BY(mu_);
  int64_t available_ SKYROCKS_GUARDED_BY(mu_);
  int64_t next_refill_us_ SKYROCKS_GUARDED_BY(mu_);
  uint64_t next_ticket_ SKYROCKS_GUARDED_BY(mu_) = 1;
  std::deque<uint64_t> queues_[Env::IO_TOTAL] SKYROCKS_GUARDED_BY(mu_);
  int64_t through_[Env::IO_TOTAL] SKYROCKS_GUARDED_BY(mu_) = {};
  int64_t requests_[Env::IO_TOTAL] SKYROCKS_GUARDED_BY(mu_) = {};
};

}  // namespace

RateLimiter* NewGenericRateLimiter(int64_t rate_bytes_per_sec,
                                   int64_t refill_period_us,
                                   int32_t /*fairness*/, RateLimiter::Mode mode,
                                   bool /*auto_tuned*/) {
  return new GenericRateLimiter(rate_bytes_per_sec, refill_period_us, mode);
}

}  // namespace ROCKSDB_NAMESPACE
