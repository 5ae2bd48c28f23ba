// IOStatus: the Status of a storage operation (FileSystem, object store). On
// top of Status it says whether retrying may help, whether data was lost,
// and, for object stores, the HTTP status, the provider's error code and the
// request id, so an error can be traced on the provider's side. It carries no
// secrets: callers never put credentials or signatures into it.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_IO_STATUS_H_
#define SKYROCKS_INCLUDE_ROCKSDB_IO_STATUS_H_

#include <string>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

// SKYROCKS_NODISCARD: see rocksdb/status.h.
class SKYROCKS_NODISCARD IOStatus : public Status {
 public:
  using Code = Status::Code;
  using SubCode = Status::SubCode;

  enum IOErrorScope : unsigned char {
    kIOErrorScopeFileSystem,
    kIOErrorScopeFile,
    kIOErrorScopeRange,
    kIOErrorScopeMax,
  };

  IOStatus() = default;
  // Wraps a plain Status (keeps code, subcode and message).
  explicit IOStatus(const Status& s) : Status(s) {}

  // The flags live in Status (see there), so they survive a Status copy.
  bool GetRetryable() const { return retryable_; }
  bool GetDataLoss() const { return data_loss_; }
  IOErrorScope GetScope() const { return static_cast<IOErrorScope>(scope_); }
  void SetRetryable(bool retryable) { retryable_ = retryable; }
  void SetDataLoss(bool data_loss) { data_loss_ = data_loss; }
  void SetScope(IOErrorScope scope) { scope_ = scope; }

  // Object-store detail; 0 / empty when the error did not come from HTTP.
  int http_status() const { return http_status_; }
  const std::string& provider_code() const { return provider_code_; }
  const std::string& request_id() const { return request_id_; }
  void SetHttpDetail(int http_status, std::string provider_code,
                     std::string request_id) {
    http_status_ = http_status;
    provider_code_ = std::move(provider_code);
    request_id_ = std::move(request_id);
  }

  static IOStatus OK() { return IOStatus(); }
  static IOStatus NotSupported(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(Status::NotSupported(msg, msg2));
  }
  static IOStatus NotFound(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(Status::NotFound(msg, msg2));
  }
  static IOStatus PathNotFound(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(Status::PathNotFound(msg, msg2));
  }
  static IOStatus Corruption(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(Status::Corruption(msg, msg2));
  }
  static IOStatus InvalidArgument(const Slice& msg,
                                  const Slice& msg2 = Slice()) {
    return IOStatus(Status::InvalidArgument(msg, msg2));
  }
  static IOStatus IOError(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(Status::IOError(msg, msg2));
  }
  static IOStatus NoSpace(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(Status::NoSpace(msg, msg2));
  }
  static IOStatus Busy(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(Status::Busy(msg, msg2));
  }
  static IOStatus TimedOut(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(Status::TimedOut(msg, msg2));
  }
  static IOStatus Aborted(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(Status::Aborted(msg, msg2));
  }
  // The writer was fenced off: another writer owns the DB now.
  static IOStatus IOFenced(const Slice& msg, const Slice& msg2 = Slice()) {
    return IOStatus(kIOError, kIOFenced, msg, msg2);
  }

 private:
  IOStatus(Code code, SubCode subcode, const Slice& msg, const Slice& msg2)
      : Status(code, subcode, msg, msg2) {}

  int http_status_ = 0;
  std::string provider_code_;
  std::string request_id_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_IO_STATUS_H_
