// RateLimiter: a budget of bytes per second that flushes and compactions
// draw from before they write (DBOptions::rate_limiter; RocksDB 7.8.3's
// interface). NewGenericRateLimiter's limiter refills
// rate_bytes_per_sec * refill_period_us / 1e6 bytes (its single burst)
// every refill period, up to one burst; a request waits until the budget
// has its bytes, the highest priority first (IO_USER, IO_HIGH, IO_MID,
// IO_LOW), in arrival order within a priority (`fairness` and
// `auto_tuned` are accepted and not used: strict priority, fixed rate).
// A request larger than a burst takes whole bursts. Thread-safe.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_RATE_LIMITER_H_
#define SKYROCKS_INCLUDE_ROCKSDB_RATE_LIMITER_H_

#include <cstddef>
#include <cstdint>

#include "rocksdb/env.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/statistics.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class RateLimiter {
 public:
  enum class OpType { kRead, kWrite };
  enum class Mode { kReadsOnly, kWritesOnly, kAllIo };

  explicit RateLimiter(Mode mode = Mode::kWritesOnly) : mode_(mode) {}
  virtual ~RateLimiter() {}

  virtual void SetBytesPerSecond(int64_t bytes_per_second) = 0;
  virtual Status SetSingleBurstBytes(int64_t /*single_burst_bytes*/) {
    return Status::NotSupported("RateLimiter::SetSingleBurstBytes");
  }
  // Waits until `bytes` may go (the request path every other form takes).
  virtual void Request(const int64_t bytes, const Env::IOPriority pri) = 0;
  virtual void Request(const int64_t bytes, const Env::IOPriority pri,
                       Statistics* /*stats*/) {
    Request(bytes, pri);
  }
  virtual void Request(const int64_t bytes, const Env::IOPriority pri,
                       Statistics* stats, OpType op_type) {
    if (IsRateLimited(op_type)) Request(bytes, pri, stats);
  }
  // At most one burst of `bytes` (rounded down to `alignment`, at least
  // one alignment unit), waited for; returns how many may go.
  virtual size_t RequestToken(size_t bytes, size_t alignment,
                              Env::IOPriority io_priority, Statistics* stats,
                              RateLimiter::OpType op_type);
  virtual int64_t GetSingleBurstBytes() const = 0;
  virtual int64_t GetTotalBytesThrough(
      const Env::IOPriority pri = Env::IO_TOTAL) const = 0;
  virtual int64_t GetTotalRequests(
      const Env::IOPriority pri = Env::IO_TOTAL) const = 0;
  virtual Status GetTotalPendingRequests(
      int64_t* /*total_pending_requests*/,
      const Env::IOPriority /*pri*/ = Env::IO_TOTAL) const {
    return Status::NotSupported("RateLimiter::GetTotalPendingRequests");
  }
  virtual int64_t GetBytesPerSecond() const = 0;
  virtual bool IsRateLimited(OpType op_type) {
    return !((mode_ == Mode::kWritesOnly && op_type == OpType::kRead) ||
             (mode_ == Mode::kReadsOnly && op_type == OpType::kWrite));
  }

 protected:
  Mode GetMode() { return mode_; }

 private:
  const Mode mode_;
};

RateLimiter* NewGenericRateLimiter(
    int64_t rate_bytes_per_sec, int64_t refill_period_us = 100 * 1000,
    int32_t fairness = 10,
    RateLimiter::Mode mode = RateLimiter::Mode::kWritesOnly,
    bool auto_tuned = false);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_RATE_LIMITER_H_
