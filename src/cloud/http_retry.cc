// The retry policy; contract in cloud/http.h.
#include <chrono>
#include <random>
#include <thread>

#include "cloud/http.h"
#include "util/crc32c.h"
#include "util/crypto.h"

namespace ROCKSDB_NAMESPACE {

bool HttpStatusRetryable(int status, const std::string& provider_code) {
  if (status == 429 || status >= 500) return true;
  return provider_code == "SlowDown" || provider_code == "RequestTimeout" ||
         provider_code == "InternalError" ||
         provider_code == "RequestTimeTooSkewed" ||
         provider_code == "ServerBusy" || provider_code == "OperationTimedOut";
}

IOStatus HttpErrorStatus(const HttpErrorInfo& e) {
  std::string msg =
      e.provider + " " + e.op + " " + e.what +
      (e.where.empty() ? "" : " " + e.where) + ": HTTP " +
      std::to_string(e.status) + (e.code.empty() ? "" : " " + e.code) +
      (e.message.empty() ? "" : ": " + e.message) +
      (e.request_id.empty() ? "" : " (request id " + e.request_id + ")") +
      e.hint;
  IOStatus s = IOStatus::IOError(msg);
  s.SetHttpDetail(e.status, e.code, e.request_id);
  s.SetRetryable(e.retryable || HttpStatusRetryable(e.status, e.code));
  return s;
}

namespace {

// The <Code> of an S3/Azure XML error body, or "".
std::string HttpErrorCode(const std::string& body) {
  const size_t a = body.find("<Code>");
  if (a == std::string::npos) return "";
  const size_t b = body.find("</Code>", a);
  if (b == std::string::npos) return "";
  return body.substr(a + 6, b - a - 6);
}

// A 2xx body shorter (or longer) than its Content-Length: the connection
// ended early and the transport did not notice. Retryable, as libcurl's
// CURLE_PARTIAL_FILE; OK when the lengths agree or there is no length.
IOStatus HttpCheckBodyLength(const HttpRequest& request,
                             const HttpResponse& response, uint64_t received) {
  if (request.method == "HEAD" || response.status < 200 ||
      response.status >= 300) {
    return IOStatus::OK();
  }
  auto it = response.headers.find("content-length");
  if (it == response.headers.end() || it->second.empty()) return IOStatus::OK();
  uint64_t expected = 0;
  for (char c : it->second) {
    if (c < '0' || c > '9' || expected > (UINT64_MAX - 9) / 10) {
      return IOStatus::OK();  // not a length we can check against
    }
    expected = expected * 10 + static_cast<uint64_t>(c - '0');
  }
  if (expected == received) return IOStatus::OK();
  IOStatus s = IOStatus::IOError(
      request.method + " " + request.url,
      "body of " + std::to_string(received) + " bytes, Content-Length " +
          std::to_string(expected) + " (truncated answer)");
  s.SetRetryable(true);
  return s;
}

// The digests of a GET's body as it arrives (MD5 and CRC32C, what
// HttpStatedDigests can name), and their check against the answer's.
class BodyDigester {
 public:
  void Update(const char* data, size_t n) {
    md5_.Update(Slice(data, n));
    crc_ = crc32c::Extend(crc_, data, n);
  }

  // OK when the answer states no digest or the bytes match it; else a
  // retryable Corruption naming the request and both values.
  IOStatus Check(const HttpRequest& request, const HttpResponse& response) {
    const HttpBodyDigests want = HttpStatedDigests(response);
    if (want.empty()) return IOStatus::OK();
    std::string what, stated, got;
    if (!want.md5.empty()) {
      const std::string md5 = md5_.FinishBase64();
      if (md5 != want.md5) what = "MD5", stated = want.md5, got = md5;
    }
    if (what.empty() && !want.crc32c.empty() &&
        Crc32cBase64(crc_) != want.crc32c) {
      what = "CRC32C", stated = want.crc32c, got = Crc32cBase64(crc_);
    }
    if (what.empty()) return IOStatus::OK();
    IOStatus s = IOStatus::Corruption(
        request.method + " " + request.url,
        "body's " + what + " " + got + " differs from " + stated + " in " +
            want.from + " (corrupted answer)");
    s.SetRetryable(true);
    return s;
  }

 private:
  Md5Stream md5_;
  uint32_t crc_ = 0;
};

// The value of `name=` in a comma-separated header ("crc32c=..,md5=..").
std::string HeaderItem(const std::string& header, const std::string& name) {
  const std::string tag = name + "=";
  size_t at = 0;
  while ((at = header.find(tag, at)) != std::string::npos) {
    if (at == 0 || header[at - 1] == ',' || header[at - 1] == ' ') {
      const size_t start = at + tag.size();
      const size_t end = header.find(',', start);
      return header.substr(
          start, end == std::string::npos ? std::string::npos : end - start);
    }
    at += tag.size();
  }
  return "";
}

}  // namespace

std::string Crc32cBase64(uint32_t crc) {
  const char raw[4] = {static_cast<char>(crc >> 24), static_cast<char>(crc >> 16),
                       static_cast<char>(crc >> 8), static_cast<char>(crc)};
  return Base64Encode(Slice(raw, 4));
}

HttpBodyDigests HttpStatedDigests(const HttpResponse& response) {
  HttpBodyDigests d;
  if (response.status < 200 || response.status >= 300) return d;
  auto header = [&response](const char* name) {
    auto it = response.headers.find(name);
    return it == response.headers.end() ? std::string() : it->second;
  };
  const std::string encoding = header("content-encoding");
  if (!encoding.empty() && encoding != "identity") return d;
  auto add = [&d](std::string* slot, const std::string& value,
                  const char* from) {
    if (value.empty() || !slot->empty()) return;
    *slot = value;
    d.from += std::string(d.from.empty() ? "" : " and ") + from;
  };
  add(&d.md5, header("content-md5"), "Content-MD5");
  if (response.status == 200) {
    const std::string goog = header("x-goog-hash");
    add(&d.md5, HeaderItem(goog, "md5"), "x-goog-hash md5");
    add(&d.crc32c, HeaderItem(goog, "crc32c"), "x-goog-hash crc32c");
    const std::string amz = header("x-amz-checksum-crc32c");
    if (amz.find('-') == std::string::npos) {
      add(&d.crc32c, amz, "x-amz-checksum-crc32c");
    }
  }
  return d;
}

void SleepBeforeRetry(const RetryOptions& options, int attempt) {
  uint64_t cap = options.base_delay_micros;
  for (int i = 1; i < attempt && cap < options.max_delay_micros; i++) {
    cap *= 2;
  }
  cap = std::min(cap, options.max_delay_micros);
  uint64_t delay;
  if (options.random) {
    delay = options.random(cap);
  } else {
    thread_local std::mt19937_64 rng(std::random_device{}());
    delay = std::uniform_int_distribution<uint64_t>(0, cap)(rng);
  }
  if (options.sleep) {
    options.sleep(delay);
  } else {
    std::this_thread::sleep_for(std::chrono::microseconds(delay));
  }
}

IOStatus RetryingSend(HttpTransport* transport, const RetryOptions& options,
                      const std::function<void(HttpRequest*)>& sign,
                      HttpRequest request, HttpResponse* response,
                      int* attempts) {
  IOStatus last;
  for (int attempt = 0; attempt < options.max_attempts; attempt++) {
    if (attempts != nullptr) *attempts = attempt + 1;
    if (attempt > 0) SleepBeforeRetry(options, attempt);
    if (sign) sign(&request);
    *response = HttpResponse();
    // A body handed to a sink is counted and digested on its way.
    uint64_t sunk = 0;
    BodyDigester digester;
    HttpRequest counted;
    const HttpRequest* sent = &request;
    if (request.body_sink) {
      counted = request;
      counted.body_sink = [&request, &sunk, &digester](const char* data,
                                                       size_t n) {
        sunk += n;
        digester.Update(data, n);
        return request.body_sink(data, n);
      };
      sent = &counted;
    }
    last = transport->Send(*sent, response);
    if (last.ok()) {
      // Every body is checked against its length, and a GET's against the
      // digest its answer states: a short or corrupted one is never handed
      // on as the object.
      last = HttpCheckBodyLength(
          request, *response, request.body_sink ? sunk : response->body.size());
      if (last.ok() && request.method == "GET") {
        if (!request.body_sink && !HttpStatedDigests(*response).empty()) {
          digester.Update(response->body.data(), response->body.size());
        }
        last = digester.Check(request, *response);
      }
      if (!last.ok()) response->request_sent = true;
    }
    if (!last.ok()) {
      if (!last.GetRetryable()) return last;
      if (!request.idempotent && response->request_sent) {
        IOStatus unknown = IOStatus::IOError(
            "outcome unknown: " + request.method + " " + request.url +
                " may have taken effect before the connection failed",
            last.ToString());
        unknown.SetRetryable(false);
        response->outcome_unknown = true;
        return unknown;
      }
      continue;
    }
    if (!HttpStatusRetryable(response->status, HttpErrorCode(response->body))) {
      return IOStatus::OK();
    }
    // 429 and 503 reject the request; other 5xx may come after it took
    // effect, which a non-idempotent request must not paper over.
    if (!request.idempotent && response->status != 429 &&
        response->status != 503) {
      IOStatus unknown = IOStatus::IOError(
          "outcome unknown: " + request.method + " " + request.url +
          " got HTTP " + std::to_string(response->status) +
          " and may have taken effect");
      unknown.SetRetryable(false);
      response->outcome_unknown = true;
      return unknown;
    }
    last = IOStatus::OK();
  }
  // Out of attempts: the last HTTP answer (the caller maps its status), or
  // the last transport failure.
  return last;
}

}  // namespace ROCKSDB_NAMESPACE
