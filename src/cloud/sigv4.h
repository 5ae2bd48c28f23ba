// AWS Signature Version 4 for S3, as small pure functions (no I/O, no
// clock): the caller passes the time, so every phase can be checked
// against botocore. A request to sign is a method, an already URI-encoded
// path, query parameters (raw; encoded here), headers (names any case) and
// the payload's SHA-256 hex or "UNSIGNED-PAYLOAD".
// Thread-safe (pure).
#ifndef SKYROCKS_CLOUD_SIGV4_H_
#define SKYROCKS_CLOUD_SIGV4_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "rocksdb/slice.h"
#include "util/crypto.h"

namespace ROCKSDB_NAMESPACE {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty: none
};

struct SigV4Request {
  std::string method;
  std::string encoded_path;  // e.g. "/bucket/a%20b"
  std::vector<std::pair<std::string, std::string>> query;  // raw
  std::map<std::string, std::string> headers;              // must include host
  std::string payload_sha256;  // hex, or "UNSIGNED-PAYLOAD"
};

// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters
// (A-Z a-z 0-9 - _ . ~) kept, '/' kept when keep_slash, all else %XX.
std::string AwsUriEncode(const Slice& s, bool keep_slash);
// "YYYYMMDDTHHMMSSZ" for seconds since the epoch (UTC).
std::string AwsTimestamp(int64_t unix_seconds);

std::string SigV4CanonicalRequest(const SigV4Request& req);
std::string SigV4SignedHeaders(const SigV4Request& req);
std::string SigV4StringToSign(const std::string& timestamp,
                              const std::string& region,
                              const std::string& service,
                              const std::string& canonical_request);
std::string SigV4SigningKey(const std::string& secret, const std::string& date,
                            const std::string& region,
                            const std::string& service);

// Adds x-amz-date, x-amz-content-sha256, x-amz-security-token (with a
// session token) and authorization to req->headers.
void SigV4Sign(const AwsCredentials& creds, const std::string& region,
               const std::string& service, int64_t unix_seconds,
               SigV4Request* req);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_SIGV4_H_
