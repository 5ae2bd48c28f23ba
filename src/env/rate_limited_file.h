// A writable file whose appends first draw their bytes from a RateLimiter
// (rocksdb/rate_limiter.h), a burst at a time, at one I/O priority: how
// flushes (IO_HIGH) and compactions (IO_LOW) honour
// DBOptions::rate_limiter. Everything else forwards to the wrapped file.
#ifndef SKYROCKS_ENV_RATE_LIMITED_FILE_H_
#define SKYROCKS_ENV_RATE_LIMITED_FILE_H_

#include <memory>

#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/rate_limiter.h"

namespace ROCKSDB_NAMESPACE {

// *file wrapped when limiter is set (the limiter must outlive it).
void RateLimitWritableFile(RateLimiter* limiter, Env::IOPriority pri,
                           std::unique_ptr<FSWritableFile>* file);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_ENV_RATE_LIMITED_FILE_H_
