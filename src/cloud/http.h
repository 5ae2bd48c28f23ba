// HTTP for the object stores: a request/response pair, the transport
// interface (libcurl in cloud/http_curl.cc; fakes in tests), and the retry
// policy every store applies.
//
// Transport: Send performs one attempt. A transport-level failure (cannot
// connect, reset, timeout, truncated body) is a non-OK IOStatus with
// retryable set; an HTTP answer, whatever its status code, is OK with
// response->status set. Transports are thread-safe.
//
// RetryPolicy decides whether and when to try again: 5xx, 429, S3's
// SlowDown/RequestTimeout/InternalError codes and retryable transport
// failures are retried with full-jitter exponential backoff (random in
// [0, min(cap, base * 2^attempt)]) up to max_attempts. A request that is
// not idempotent is not retried after it may have reached the server (a
// transport failure after sending); conditional writes are idempotent in
// effect but their outcome is ambiguous, so the caller re-checks (Head)
// instead, see RetryingSend's contract. Sleep and randomness are injected
// so tests run instantly and deterministically.
#ifndef SKYROCKS_CLOUD_HTTP_H_
#define SKYROCKS_CLOUD_HTTP_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "rocksdb/io_status.h"

namespace ROCKSDB_NAMESPACE {

struct HttpRequest {
  std::string method;  // GET, PUT, HEAD, DELETE, POST
  std::string url;
  std::map<std::string, std::string> headers;
  std::string body;
  // Safe to send twice with the same effect (GET, HEAD, DELETE, plain PUT).
  bool idempotent = true;
  // When set, a 2xx response body is handed here piece by piece instead of
  // HttpResponse::body (false aborts the transfer). Error bodies still go
  // to HttpResponse::body.
  std::function<bool(const char* data, size_t n)> body_sink;
};

struct HttpResponse {
  // Set by the transport once any byte of the request went out: after that
  // a failed attempt may still have taken effect.
  bool request_sent = false;
  int status = 0;
  // Set by RetryingSend when a non-idempotent request failed after it may
  // have taken effect (its IOStatus says so in words too).
  bool outcome_unknown = false;
  // Names lowercased; a header sent more than once is one entry, its
  // values joined by ','.
  std::map<std::string, std::string> headers;
  std::string body;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual IOStatus Send(const HttpRequest& request, HttpResponse* response) = 0;
};

struct HttpTimeouts {
  long connect_ms = 5000;
  long total_ms = 60000;
  // Abort when slower than low_speed_bytes per second for low_speed_secs.
  long low_speed_bytes = 1024;
  long low_speed_secs = 20;
};

// The libcurl transport (keep-alive handle pool, TLS verification on for
// https against ca_bundle, a PEM file, or the system's CAs when empty;
// proxies from the environment, no signals).
std::unique_ptr<HttpTransport> NewCurlTransport(
    const HttpTimeouts& timeouts, const std::string& ca_bundle = "");

struct RetryOptions {
  int max_attempts = 8;
  uint64_t base_delay_micros = 50000;
  uint64_t max_delay_micros = 5000000;
  std::function<void(uint64_t micros)> sleep;      // default: real sleep
  std::function<uint64_t(uint64_t bound)> random;  // uniform in [0, bound]
};

// Sleeps before the attempt-th retry (attempt >= 1) with full-jitter
// exponential backoff: a uniform random delay in [0, min(base_delay_micros
// * 2^(attempt-1), max_delay_micros)], through options.sleep and
// options.random when set.
void SleepBeforeRetry(const RetryOptions& options, int attempt);

// Whether a response status (and provider error code) is worth retrying.
bool HttpStatusRetryable(int status, const std::string& provider_code);

// Sends with retries. `sign` is called before every attempt (signatures
// carry the time). Returns OK with the final response when an HTTP answer
// arrived that is not retryable or retries ran out on an HTTP answer; a
// transport failure that could not be retried is returned as is, and for a
// non-idempotent request whose attempt may have reached the server the
// result is an IOError saying the outcome is unknown (not retryable), so
// the caller re-checks before deciding. A 2xx body (to HttpResponse::body
// or the body_sink) whose length is not its Content-Length is a retryable
// transport failure: a short answer is never handed on as the object. So
// is a GET's 2xx body whose digest differs from one the answer states for
// exactly that body (HttpStatedDigests): a corrupted answer is retried,
// then returned as a Corruption naming the request and both digests.
// *attempts (optional) gets the number of attempts made.
IOStatus RetryingSend(HttpTransport* transport, const RetryOptions& options,
                      const std::function<void(HttpRequest*)>& sign,
                      HttpRequest request, HttpResponse* response,
                      int* attempts = nullptr);

// The digests (base64) an answer states for its body, where it states one
// for exactly the bytes it carries: Content-MD5 (RFC 1864; Azure sends it
// for a whole blob stored with an MD5, or a range asked for with
// x-ms-range-get-content-md5); and, for a whole-object answer (200) only,
// GCS's x-goog-hash md5=/crc32c= and S3's x-amz-checksum-crc32c (not a
// multipart composite "<b64>-<parts>"). None for a body with a
// Content-Encoding (the digest is of the stored bytes) or a non-2xx
// answer. `from` names the headers, for messages.
struct HttpBodyDigests {
  std::string md5, crc32c;
  std::string from;
  bool empty() const { return md5.empty() && crc32c.empty(); }
};
HttpBodyDigests HttpStatedDigests(const HttpResponse& response);
// A CRC32C as GCS and S3 write it: base64 of its 4 big-endian bytes.
std::string Crc32cBase64(uint32_t crc);

// What a store read from a failed HTTP answer. HttpErrorStatus is the one
// way every store turns it into an IOStatus: the message is
//   "<provider> <op> <what> <where>: HTTP <status> <code>: <message>
//    (request id <id>)<hint>"
// (parts it lacks left out), with http_status, provider_code and
// request_id set, and retryable when HttpStatusRetryable says so or
// `retryable` is set. Re-wrapping it in ToString() keeps all three.
struct HttpErrorInfo {
  std::string provider;  // "S3", "GCS", "Azure"
  std::string op;        // "PUT", "UploadPart", ...
  std::string what;      // the key or keys
  std::string where;     // "in bucket b", "in container c of account a"
  int status = 0;
  std::string code, message, request_id;
  std::string hint;  // appended as is, e.g. " (check the credentials)"
  bool retryable = false;
};
IOStatus HttpErrorStatus(const HttpErrorInfo& e);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_HTTP_H_
