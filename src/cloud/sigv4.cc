// SigV4; contract in cloud/sigv4.h. Hashes come from util/crypto.
#include "cloud/sigv4.h"

#include <time.h>

#include <algorithm>
#include <cctype>

#include "util/crypto.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

std::string AwsUriEncode(const Slice& s, bool keep_slash) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string AwsTimestamp(int64_t unix_seconds) {
  const time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

namespace {

// Header value as signed: surrounding spaces dropped, inner runs of spaces
// collapsed to one.
std::string SigV4TrimValue(const std::string& v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::map<std::string, std::string> SigV4CanonicalHeaders(
    const SigV4Request& req) {
  std::map<std::string, std::string> h;
  for (const auto& kv : req.headers) {
    const std::string name = ToLowerAscii(kv.first);
    // What botocore leaves out of the signature.
    if (name == "user-agent" || name == "expect" || name == "x-amzn-trace-id" ||
        name == "authorization") {
      continue;
    }
    h[name] = SigV4TrimValue(kv.second);
  }
  return h;
}

}  // namespace

std::string SigV4SignedHeaders(const SigV4Request& req) {
  std::string out;
  for (const auto& kv : SigV4CanonicalHeaders(req)) {
    if (!out.empty()) out.push_back(';');
    out += kv.first;
  }
  return out;
}

std::string SigV4CanonicalRequest(const SigV4Request& req) {
  std::vector<std::pair<std::string, std::string>> q;
  for (const auto& kv : req.query) {
    q.emplace_back(AwsUriEncode(kv.first, false),
                   AwsUriEncode(kv.second, false));
  }
  std::sort(q.begin(), q.end());
  std::string query;
  for (const auto& kv : q) {
    if (!query.empty()) query.push_back('&');
    query += kv.first + "=" + kv.second;
  }
  std::string headers;
  for (const auto& kv : SigV4CanonicalHeaders(req)) {
    headers += kv.first + ":" + kv.second + "\n";
  }
  return req.method + "\n" +
         (req.encoded_path.empty() ? "/" : req.encoded_path) + "\n" + query +
         "\n" + headers + "\n" + SigV4SignedHeaders(req) + "\n" +
         req.payload_sha256;
}

std::string SigV4StringToSign(const std::string& timestamp,
                              const std::string& region,
                              const std::string& service,
                              const std::string& canonical_request) {
  return "AWS4-HMAC-SHA256\n" + timestamp + "\n" + timestamp.substr(0, 8) +
         "/" + region + "/" + service + "/aws4_request\n" +
         Sha256Hex(canonical_request);
}

std::string SigV4SigningKey(const std::string& secret, const std::string& date,
                            const std::string& region,
                            const std::string& service) {
  const std::string k_date = HmacSha256("AWS4" + secret, date);
  const std::string k_region = HmacSha256(k_date, region);
  const std::string k_service = HmacSha256(k_region, service);
  return HmacSha256(k_service, "aws4_request");
}

void SigV4Sign(const AwsCredentials& creds, const std::string& region,
               const std::string& service, int64_t unix_seconds,
               SigV4Request* req) {
  const std::string ts = AwsTimestamp(unix_seconds);
  for (auto it = req->headers.begin(); it != req->headers.end();) {
    const std::string name = ToLowerAscii(it->first);
    if (name == "authorization" || name == "x-amz-date" ||
        name == "x-amz-content-sha256" || name == "x-amz-security-token") {
      it = req->headers.erase(it);
    } else {
      ++it;
    }
  }
  req->headers["x-amz-date"] = ts;
  req->headers["x-amz-content-sha256"] = req->payload_sha256;
  if (!creds.session_token.empty()) {
    req->headers["x-amz-security-token"] = creds.session_token;
  }
  const std::string canonical = SigV4CanonicalRequest(*req);
  const std::string sts = SigV4StringToSign(ts, region, service, canonical);
  const std::string signature =
      HexLower(HmacSha256(SigV4SigningKey(creds.secret_access_key,
                                          ts.substr(0, 8), region, service),
                          sts));
  req->headers["authorization"] =
      "AWS4-HMAC-SHA256 Credential=" + creds.access_key_id + "/" +
      ts.substr(0, 8) + "/" + region + "/" + service +
      "/aws4_request, SignedHeaders=" + SigV4SignedHeaders(*req) +
      ", Signature=" + signature;
}

}  // namespace ROCKSDB_NAMESPACE
