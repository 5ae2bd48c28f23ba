// Background error classification; the contract is in db/error_handler.h.
// The tables follow RocksDB 7.8.3's ErrorSeverityMap,
// DefaultErrorSeverityMap and DefaultReasonMap, most specific first.
#include "db/error_handler.h"

#include "rocksdb/io_status.h"

namespace ROCKSDB_NAMESPACE {

namespace {

using Sev = Status::Severity;
using Reason = BackgroundErrorReason;

// The severity of an error that is not a retryable I/O error.
Sev KnownBackgroundErrorSeverity(const Status& s, Reason reason,
                                 bool paranoid) {
  const bool manifest =
      reason == Reason::kManifestWrite || reason == Reason::kManifestWriteNoWAL;
  const bool write = reason == Reason::kWriteCallback;
  if (s.IsIOError()) {
    switch (s.subcode()) {
      case Status::kNoSpace:
        if (manifest || write) return Status::kHardError;
        if (reason == Reason::kCompaction) {
          return paranoid ? Status::kSoftError : Status::kNoError;
        }
        if (reason == Reason::kFlush || reason == Reason::kFlushNoWAL) {
          return paranoid ? Status::kHardError : Status::kNoError;
        }
        break;
      case Status::kSpaceLimit:
        if (paranoid &&
            (reason == Reason::kCompaction || reason == Reason::kFlush ||
             reason == Reason::kFlushNoWAL)) {
          return Status::kHardError;
        }
        break;
      case Status::kIOFenced:
        if (reason != Reason::kMemTable) return Status::kFatalError;
        break;
      default:
        break;
    }
  }
  if (manifest || reason == Reason::kMemTable) return Status::kFatalError;
  if (!paranoid) return Status::kNoError;
  return s.IsCorruption() ? Status::kUnrecoverableError : Status::kFatalError;
}

}  // namespace

BackgroundErrorClass ClassifyBackgroundError(const Status& s, Reason reason,
                                             bool paranoid_checks) {
  BackgroundErrorClass c;
  if (s.ok()) return c;
  const IOStatus io(s);
  if (io.GetScope() != IOStatus::kIOErrorScopeFile && io.GetDataLoss()) {
    c.severity = Status::kUnrecoverableError;
    return c;
  }
  if (s.subcode() != Status::kNoSpace &&
      (io.GetScope() == IOStatus::kIOErrorScopeFile || io.GetRetryable())) {
    if (reason == Reason::kCompaction) {
      c.severity = Status::kSoftError;
    } else if (reason == Reason::kFlushNoWAL ||
               reason == Reason::kManifestWriteNoWAL) {
      c.severity = Status::kSoftError;
      c.stops_background_work = true;
      c.auto_resume = true;
    } else {
      c.severity = Status::kHardError;
      c.auto_resume = true;
    }
    return c;
  }
  c.severity = KnownBackgroundErrorSeverity(s, reason, paranoid_checks);
  return c;
}

bool BackgroundErrorRetryable(const Status& s) {
  const IOStatus io(s);
  return s.IsIOError() && s.subcode() != Status::kNoSpace &&
         (io.GetRetryable() || io.GetScope() == IOStatus::kIOErrorScopeFile) &&
         !(io.GetDataLoss() && io.GetScope() != IOStatus::kIOErrorScopeFile) &&
         s.severity() <= Status::kHardError;
}

}  // namespace ROCKSDB_NAMESPACE
