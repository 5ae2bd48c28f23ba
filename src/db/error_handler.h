// Background errors as RocksDB 7.8.3's ErrorHandler classifies them. A
// failed flush, compaction, WAL write or MANIFEST write becomes the DB's
// background error with a severity:
//   kSoftError          writes and background work go on; DB::Resume
//                       clears it (a retryable compaction error, ENOSPC in
//                       a compaction);
//   kHardError          writes fail with the error until the DB resumes:
//                       on its own for retryable I/O errors
//                       (max_bgerror_resume_count tries,
//                       bgerror_resume_retry_interval apart), by DB::Resume
//                       for the others (ENOSPC in a flush, WAL or MANIFEST
//                       write);
//   kFatalError,        non-retryable I/O errors with paranoid_checks, and
//   kUnrecoverableError corruption and data loss: only reopening helps.
// Retryable means IOStatus::GetRetryable() (the POSIX layer sets it for
// ENOSPC, the object stores for 5xx, 429 and transport failures) or a
// file-scoped error; ENOSPC is never auto-resumed (RocksDB needs an
// SstFileManager for that). The state machine lives in DBImpl
// (db/db_impl_resume.cc); this file has the pure decisions.
#ifndef SKYROCKS_DB_ERROR_HANDLER_H_
#define SKYROCKS_DB_ERROR_HANDLER_H_

#include "rocksdb/listener.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

struct BackgroundErrorClass {
  Status::Severity severity = Status::kNoError;  // kNoError: ignore it
  bool auto_resume = false;  // start the background resume loop
  // A soft error that still stops background work until resumed (a
  // retryable flush or MANIFEST error with nothing in the WAL to lose).
  bool stops_background_work = false;
};

BackgroundErrorClass ClassifyBackgroundError(const Status& s,
                                             BackgroundErrorReason reason,
                                             bool paranoid_checks);

// Whether an error seen while resuming is worth another try: a retryable
// I/O error (see above) of at most hard severity.
bool BackgroundErrorRetryable(const Status& s);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_ERROR_HANDLER_H_
