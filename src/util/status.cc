// Status construction and RocksDB-compatible ToString().
#include "rocksdb/status.h"

#include <cstring>

namespace ROCKSDB_NAMESPACE {

namespace {

// Indexed by Status::SubCode; wording as RocksDB's so logs read the same.
const char* const kStatusSubCodeMessages[] = {
    "",                                                   // kNone
    "Timeout Acquiring Mutex",                            // kMutexTimeout
    "Timeout waiting to lock key",                        // kLockTimeout
    "Failed to acquire lock due to max_num_locks limit",  // kLockLimit
    "No space left on device",                            // kNoSpace
    "Deadlock",                                           // kDeadlock
    "Stale file handle",                                  // kStaleFile
    "Memory limit reached",                               // kMemoryLimit
    "Space limit reached",                                // kSpaceLimit
    "No such file or directory",                          // kPathNotFound
    "Insufficient capacity for merge operands",           // KMergeOperands...
    "Manual compaction paused",  // kManualCompactionPaused
    " (overwritten)",            // kOverwritten
    "Txn not prepared",          // kTxnNotPrepared
    "IO fenced off",             // kIOFenced
};
static_assert(sizeof(kStatusSubCodeMessages) / sizeof(const char*) ==
                  Status::kMaxSubCode,
              "one message per subcode");

std::unique_ptr<const char[]> CopyStatusState(const char* s) {
  if (s == nullptr) return nullptr;
  const size_t n = std::strlen(s) + 1;
  char* r = new char[n];
  std::memcpy(r, s, n);
  return std::unique_ptr<const char[]>(r);
}

}  // namespace

Status::Status(Code code, SubCode subcode, const Slice& msg, const Slice& msg2,
               Severity sev)
    : code_(code), subcode_(subcode), sev_(sev) {
  const size_t len1 = msg.size();
  const size_t len2 = msg2.size();
  const size_t size = len1 + (len2 ? (2 + len2) : 0);
  char* result = new char[size + 1];
  std::memcpy(result, msg.data(), len1);
  if (len2) {
    result[len1] = ':';
    result[len1 + 1] = ' ';
    std::memcpy(result + len1 + 2, msg2.data(), len2);
  }
  result[size] = '\0';
  state_.reset(result);
}

Status::Status(const Status& s, Severity sev)
    : code_(s.code_),
      subcode_(s.subcode_),
      sev_(sev),
      retryable_(s.retryable_),
      data_loss_(s.data_loss_),
      scope_(s.scope_) {
  state_ = CopyStatusState(s.state_.get());
}

Status::Status(const Status& s)
    : code_(s.code_),
      subcode_(s.subcode_),
      sev_(s.sev_),
      retryable_(s.retryable_),
      data_loss_(s.data_loss_),
      scope_(s.scope_) {
  state_ = CopyStatusState(s.state_.get());
}

Status& Status::operator=(const Status& s) {
  if (this != &s) {
    code_ = s.code_;
    subcode_ = s.subcode_;
    sev_ = s.sev_;
    retryable_ = s.retryable_;
    data_loss_ = s.data_loss_;
    scope_ = s.scope_;
    state_ = CopyStatusState(s.state_.get());
  }
  return *this;
}

std::string Status::ToString() const {
  const char* type = nullptr;
  switch (code_) {
    case kOk:
      return "OK";
    case kNotFound:
      type = "NotFound: ";
      break;
    case kCorruption:
      type = "Corruption: ";
      break;
    case kNotSupported:
      type = "Not implemented: ";
      break;
    case kInvalidArgument:
      type = "Invalid argument: ";
      break;
    case kIOError:
      type = "IO error: ";
      break;
    case kMergeInProgress:
      type = "Merge in progress: ";
      break;
    case kIncomplete:
      type = "Result incomplete: ";
      break;
    case kShutdownInProgress:
      type = "Shutdown in progress: ";
      break;
    case kTimedOut:
      type = "Operation timed out: ";
      break;
    case kAborted:
      type = "Operation aborted: ";
      break;
    case kBusy:
      type = "Resource busy: ";
      break;
    case kExpired:
      type = "Operation expired: ";
      break;
    case kTryAgain:
      type = "Operation failed. Try again.: ";
      break;
    case kCompactionTooLarge:
      type = "Compaction too large: ";
      break;
    case kColumnFamilyDropped:
      type = "Column family dropped: ";
      break;
    default:
      type = "Unknown code: ";
      break;
  }
  std::string result(type);
  if (subcode_ != kNone && subcode_ < kMaxSubCode) {
    result.append(kStatusSubCodeMessages[subcode_]);
  }
  if (state_ != nullptr) {
    if (subcode_ != kNone) result.append(": ");
    result.append(state_.get());
  }
  return result;
}

}  // namespace ROCKSDB_NAMESPACE
