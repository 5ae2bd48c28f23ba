// Status: the result of every skyrocks operation that can fail. Codes,
// subcodes and severities keep RocksDB's numbering and ToString() keeps its
// wording, so programs that switch on them behave the same. An OK status holds
// no allocation. A Status is a value: copy it freely; it is not safe to mutate
// one Status from two threads.
//
// Messages name what failed (file, object, key) and the operation, e.g.
// Status::Corruption("000012.sst", "bad block checksum at offset 4096").
#ifndef SKYROCKS_INCLUDE_ROCKSDB_STATUS_H_
#define SKYROCKS_INCLUDE_ROCKSDB_STATUS_H_

#include <memory>
#include <string>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"

// SKYROCKS_NODISCARD marks Status and IOStatus [[nodiscard]] only when
// SKYROCKS_STRICT_STATUS is defined. skyrocks' own build (src/, tests/, the
// amalgamation's tests) defines it so that an ignored status is a compile
// error there. RocksDB's Status is not [[nodiscard]], so programs written for
// RocksDB that ignore a Status must build under -Wall -Werror: for them the
// macro is empty unless they define SKYROCKS_STRICT_STATUS themselves.
#ifdef SKYROCKS_STRICT_STATUS
#define SKYROCKS_NODISCARD [[nodiscard]]
#else
#define SKYROCKS_NODISCARD
#endif

namespace ROCKSDB_NAMESPACE {

class SKYROCKS_NODISCARD Status {
 public:
  enum Code : unsigned char {
    kOk = 0,
    kNotFound = 1,
    kCorruption = 2,
    kNotSupported = 3,
    kInvalidArgument = 4,
    kIOError = 5,
    kMergeInProgress = 6,
    kIncomplete = 7,
    kShutdownInProgress = 8,
    kTimedOut = 9,
    kAborted = 10,
    kBusy = 11,
    kExpired = 12,
    kTryAgain = 13,
    kCompactionTooLarge = 14,
    kColumnFamilyDropped = 15,
    kMaxCode
  };

  enum SubCode : unsigned char {
    kNone = 0,
    kMutexTimeout = 1,
    kLockTimeout = 2,
    kLockLimit = 3,
    kNoSpace = 4,
    kDeadlock = 5,
    kStaleFile = 6,
    kMemoryLimit = 7,
    kSpaceLimit = 8,
    kPathNotFound = 9,
    KMergeOperandsInsufficientCapacity = 10,
    kManualCompactionPaused = 11,
    kOverwritten = 12,
    kTxnNotPrepared = 13,
    kIOFenced = 14,
    kMaxSubCode
  };

  enum Severity : unsigned char {
    kNoError = 0,
    kSoftError = 1,
    kHardError = 2,
    kFatalError = 3,
    kUnrecoverableError = 4,
    kMaxSeverity
  };

  Status() = default;
  Status(const Status& s, Severity sev);
  Status(const Status& s);
  Status& operator=(const Status& s);
  Status(Status&& s) noexcept = default;
  Status& operator=(Status&& s) noexcept = default;
  ~Status() = default;

  bool operator==(const Status& rhs) const {
    return code_ == rhs.code_ && subcode_ == rhs.subcode_;
  }
  bool operator!=(const Status& rhs) const { return !(*this == rhs); }

  Code code() const { return code_; }
  SubCode subcode() const { return subcode_; }
  Severity severity() const { return sev_; }
  // The message without the code prefix; nullptr when there is none.
  const char* getState() const { return state_.get(); }

  // RocksDB's ASSERT_STATUS_CHECKED builds require this; here it only
  // documents that ignoring the status is deliberate.
  void PermitUncheckedError() const {}

  static Status OK() { return Status(); }
  static Status NotFound(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kNotFound, kNone, msg, msg2);
  }
  static Status NotFound(SubCode sc = kNone) { return Status(kNotFound, sc); }
  static Status Corruption(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kCorruption, kNone, msg, msg2);
  }
  static Status Corruption(SubCode sc = kNone) {
    return Status(kCorruption, sc);
  }
  static Status NotSupported(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kNotSupported, kNone, msg, msg2);
  }
  static Status NotSupported(SubCode sc = kNone) {
    return Status(kNotSupported, sc);
  }
  static Status InvalidArgument(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kInvalidArgument, kNone, msg, msg2);
  }
  static Status InvalidArgument(SubCode sc = kNone) {
    return Status(kInvalidArgument, sc);
  }
  static Status IOError(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kIOError, kNone, msg, msg2);
  }
  static Status IOError(SubCode sc = kNone) { return Status(kIOError, sc); }
  static Status MergeInProgress(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kMergeInProgress, kNone, msg, msg2);
  }
  static Status MergeInProgress(SubCode sc = kNone) {
    return Status(kMergeInProgress, sc);
  }
  static Status Incomplete(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kIncomplete, kNone, msg, msg2);
  }
  static Status Incomplete(SubCode sc = kNone) {
    return Status(kIncomplete, sc);
  }
  static Status ShutdownInProgress(const Slice& msg,
                                   const Slice& msg2 = Slice()) {
    return Status(kShutdownInProgress, kNone, msg, msg2);
  }
  static Status ShutdownInProgress(SubCode sc = kNone) {
    return Status(kShutdownInProgress, sc);
  }
  static Status TimedOut(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kTimedOut, kNone, msg, msg2);
  }
  static Status TimedOut(SubCode sc = kNone) { return Status(kTimedOut, sc); }
  static Status Aborted(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kAborted, kNone, msg, msg2);
  }
  static Status Aborted(SubCode sc = kNone) { return Status(kAborted, sc); }
  static Status Busy(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kBusy, kNone, msg, msg2);
  }
  static Status Busy(SubCode sc = kNone) { return Status(kBusy, sc); }
  static Status Expired(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kExpired, kNone, msg, msg2);
  }
  static Status Expired(SubCode sc = kNone) { return Status(kExpired, sc); }
  static Status TryAgain(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kTryAgain, kNone, msg, msg2);
  }
  static Status TryAgain(SubCode sc = kNone) { return Status(kTryAgain, sc); }
  static Status CompactionTooLarge(const Slice& msg,
                                   const Slice& msg2 = Slice()) {
    return Status(kCompactionTooLarge, kNone, msg, msg2);
  }
  static Status CompactionTooLarge(SubCode sc = kNone) {
    return Status(kCompactionTooLarge, sc);
  }
  static Status ColumnFamilyDropped(const Slice& msg,
                                    const Slice& msg2 = Slice()) {
    return Status(kColumnFamilyDropped, kNone, msg, msg2);
  }
  static Status ColumnFamilyDropped(SubCode sc = kNone) {
    return Status(kColumnFamilyDropped, sc);
  }
  static Status NoSpace() { return Status(kIOError, kNoSpace); }
  static Status NoSpace(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kIOError, kNoSpace, msg, msg2);
  }
  static Status MemoryLimit() { return Status(kAborted, kMemoryLimit); }
  static Status MemoryLimit(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kAborted, kMemoryLimit, msg, msg2);
  }
  static Status SpaceLimit() { return Status(kIOError, kSpaceLimit); }
  static Status SpaceLimit(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kIOError, kSpaceLimit, msg, msg2);
  }
  static Status PathNotFound() { return Status(kIOError, kPathNotFound); }
  static Status PathNotFound(const Slice& msg, const Slice& msg2 = Slice()) {
    return Status(kIOError, kPathNotFound, msg, msg2);
  }

  bool ok() const { return code_ == kOk; }
  bool IsNotFound() const { return code_ == kNotFound; }
  bool IsCorruption() const { return code_ == kCorruption; }
  bool IsNotSupported() const { return code_ == kNotSupported; }
  bool IsInvalidArgument() const { return code_ == kInvalidArgument; }
  bool IsIOError() const { return code_ == kIOError; }
  bool IsMergeInProgress() const { return code_ == kMergeInProgress; }
  bool IsIncomplete() const { return code_ == kIncomplete; }
  bool IsManualCompactionPaused() const {
    return code_ == kIncomplete && subcode_ == kManualCompactionPaused;
  }
  bool IsShutdownInProgress() const { return code_ == kShutdownInProgress; }
  bool IsTimedOut() const { return code_ == kTimedOut; }
  bool IsAborted() const { return code_ == kAborted; }
  bool IsBusy() const { return code_ == kBusy; }
  bool IsExpired() const { return code_ == kExpired; }
  bool IsTryAgain() const { return code_ == kTryAgain; }
  bool IsCompactionTooLarge() const { return code_ == kCompactionTooLarge; }
  bool IsColumnFamilyDropped() const { return code_ == kColumnFamilyDropped; }
  bool IsNoSpace() const { return code_ == kIOError && subcode_ == kNoSpace; }
  bool IsMemoryLimit() const {
    return code_ == kAborted && subcode_ == kMemoryLimit;
  }
  bool IsPathNotFound() const {
    return (code_ == kIOError || code_ == kNotFound) &&
           subcode_ == kPathNotFound;
  }
  bool IsLockLimit() const {
    return code_ == kAborted && subcode_ == kLockLimit;
  }
  bool IsIOFenced() const { return code_ == kIOError && subcode_ == kIOFenced; }

  // "OK", or e.g. "IO error: No space left on device: 000012.sst".
  std::string ToString() const;

 protected:
  Status(Code code, SubCode subcode, const Slice& msg, const Slice& msg2,
         Severity sev = kNoError);
  Status(Code code, SubCode subcode = kNone) : code_(code), subcode_(subcode) {}

  Code code_ = kOk;
  SubCode subcode_ = kNone;
  Severity sev_ = kNoError;
  // IOStatus's flags, kept here (as RocksDB does) so that an IOStatus
  // passed on as a Status still says whether retrying may help: the
  // background error handler decides on them.
  bool retryable_ = false;
  bool data_loss_ = false;
  unsigned char scope_ = 0;
  // nullptr for OK and for statuses without a message.
  std::unique_ptr<const char[]> state_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_STATUS_H_
