// ClassifyBackgroundError against RocksDB 7.8.3's ErrorHandler maps: the
// severity of each kind of error by what failed, with and without
// paranoid_checks, and which ones resume on their own.
#include "db/error_handler.h"

#include <doctest/doctest.h>

#include "rocksdb/io_status.h"

namespace ROCKSDB_NAMESPACE {

namespace {

using R = BackgroundErrorReason;

IOStatus Retryable(IOStatus s) {
  s.SetRetryable(true);
  return s;
}

}  // namespace

TEST_CASE("error handler: retryable I/O errors are hard and resume") {
  const Status eio = Retryable(IOStatus::IOError("503"));
  for (R r : {R::kFlush, R::kWriteCallback, R::kManifestWrite}) {
    const BackgroundErrorClass c = ClassifyBackgroundError(eio, r, true);
    CHECK(c.severity == Status::kHardError);
    CHECK(c.auto_resume);
    CHECK_FALSE(c.stops_background_work);
  }
  // A compaction's is soft and waits for DB::Resume.
  BackgroundErrorClass c = ClassifyBackgroundError(eio, R::kCompaction, true);
  CHECK(c.severity == Status::kSoftError);
  CHECK_FALSE(c.auto_resume);
  // Nothing in the WAL to lose: soft, but background work waits.
  c = ClassifyBackgroundError(eio, R::kFlushNoWAL, true);
  CHECK(c.severity == Status::kSoftError);
  CHECK(c.auto_resume);
  CHECK(c.stops_background_work);
  // File-scoped errors count as retryable.
  IOStatus scoped = IOStatus::IOError("x");
  scoped.SetScope(IOStatus::kIOErrorScopeFile);
  CHECK(ClassifyBackgroundError(scoped, R::kFlush, true).auto_resume);
  CHECK(BackgroundErrorRetryable(eio));
  CHECK(BackgroundErrorRetryable(scoped));
}

TEST_CASE(
    "error handler: ENOSPC is hard (soft in compactions), never "
    "resumed on its own") {
  const Status nospc = Retryable(IOStatus::NoSpace("full"));
  for (R r : {R::kFlush, R::kWriteCallback, R::kManifestWrite}) {
    const BackgroundErrorClass c = ClassifyBackgroundError(nospc, r, true);
    CHECK(c.severity == Status::kHardError);
    CHECK_FALSE(c.auto_resume);
  }
  CHECK(ClassifyBackgroundError(nospc, R::kCompaction, true).severity ==
        Status::kSoftError);
  // Without paranoid_checks a flush or compaction ENOSPC is ignored, a WAL
  // or MANIFEST one is not.
  CHECK(ClassifyBackgroundError(nospc, R::kFlush, false).severity ==
        Status::kNoError);
  CHECK(ClassifyBackgroundError(nospc, R::kCompaction, false).severity ==
        Status::kNoError);
  CHECK(ClassifyBackgroundError(nospc, R::kWriteCallback, false).severity ==
        Status::kHardError);
  CHECK_FALSE(BackgroundErrorRetryable(nospc));
}

TEST_CASE(
    "error handler: plain EIO, corruption, fencing and data loss are "
    "fatal or worse") {
  const Status eio = IOStatus::IOError("EIO");
  for (R r : {R::kFlush, R::kCompaction, R::kWriteCallback}) {
    CHECK(ClassifyBackgroundError(eio, r, true).severity ==
          Status::kFatalError);
    CHECK(ClassifyBackgroundError(eio, r, false).severity == Status::kNoError);
    CHECK(ClassifyBackgroundError(Status::Corruption("bad block"), r, true)
              .severity == Status::kUnrecoverableError);
  }
  // A MANIFEST write error matters without paranoid_checks too.
  CHECK(ClassifyBackgroundError(eio, R::kManifestWrite, false).severity ==
        Status::kFatalError);
  CHECK(ClassifyBackgroundError(IOStatus::IOFenced("412"), R::kFlush, true)
            .severity == Status::kFatalError);
  IOStatus lost = Retryable(IOStatus::IOError("x"));
  lost.SetDataLoss(true);
  const BackgroundErrorClass c = ClassifyBackgroundError(lost, R::kFlush, true);
  CHECK(c.severity == Status::kUnrecoverableError);
  CHECK_FALSE(c.auto_resume);
  CHECK_FALSE(BackgroundErrorRetryable(eio));
  CHECK_FALSE(BackgroundErrorRetryable(lost));
  CHECK(ClassifyBackgroundError(Status::OK(), R::kFlush, true).severity ==
        Status::kNoError);
}

}  // namespace ROCKSDB_NAMESPACE
