// The libcurl HttpTransport (NewCurlTransport); the only file that
// includes libcurl. Contract in cloud/http.h.
//
// Easy handles are pooled (keep-alive connections are reused); each Send
// takes one, sets it up from scratch, performs, and returns it. curl's
// global init runs once (thread-safe via a function-local static).
// CURLOPT_NOSIGNAL is set (threads), TLS peers are verified, proxies come
// from curl's usual environment variables. Failures map to IOStatus:
// resolve/connect failures are retryable and the request was not sent;
// timeouts, resets and truncated bodies are retryable after sending.
#include <curl/curl.h>

#include <vector>

#include "cloud/http.h"
#include "port/mutex.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

bool CurlGlobalInit() {
  static const bool ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ok;
}

struct CurlBody {
  const std::string* data;
  size_t pos = 0;
};

size_t CurlRead(char* buf, size_t size, size_t n, void* arg) {
  auto* b = static_cast<CurlBody*>(arg);
  const size_t take = std::min(size * n, b->data->size() - b->pos);
  std::copy_n(b->data->data() + b->pos, take, buf);
  b->pos += take;
  return take;
}

struct CurlSinkContext {
  CURL* handle;
  std::string* body;
  const std::function<bool(const char*, size_t)>* sink;
};

size_t CurlWrite(char* buf, size_t size, size_t n, void* arg) {
  auto* c = static_cast<CurlSinkContext*>(arg);
  if (*c->sink) {
    long status = 0;
    curl_easy_getinfo(c->handle, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300) {
      return (*c->sink)(buf, size * n) ? size * n : 0;
    }
  }
  c->body->append(buf, size * n);
  return size * n;
}

size_t CurlHeader(char* buf, size_t size, size_t n, void* arg) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(arg);
  std::string line(buf, size * n);
  const size_t colon = line.find(':');
  if (colon != std::string::npos) {
    const std::string name = ToLowerAscii(line.substr(0, colon));
    const std::string value = TrimWhitespace(line.substr(colon + 1));
    // A repeated header joins the first, comma-separated (RFC 9110 5.3):
    // GCS sends x-goog-hash once per hash.
    std::string& slot = (*headers)[name];
    slot = slot.empty() ? value : slot + "," + value;
  } else if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after 100-continue or a redirect)
  }
  return size * n;
}

class CurlTransport : public HttpTransport {
 public:
  CurlTransport(const HttpTimeouts& t, std::string ca_bundle)
      : timeouts_(t), ca_bundle_(std::move(ca_bundle)) {}
  ~CurlTransport() override {
    for (CURL* h : pool_) curl_easy_cleanup(h);
  }

  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    if (!CurlGlobalInit()) return IOStatus::IOError("curl_global_init failed");
    CURL* h = Take();
    if (h == nullptr) return IOStatus::IOError("curl_easy_init failed");
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeouts_.connect_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeouts_.total_ms);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, timeouts_.low_speed_bytes);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, timeouts_.low_speed_secs);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!ca_bundle_.empty()) {
      curl_easy_setopt(h, CURLOPT_CAINFO, ca_bundle_.c_str());
    }
    CurlSinkContext sink_ctx{h, &resp->body, &req.body_sink};
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &CurlWrite);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink_ctx);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &CurlHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &resp->headers);
    CurlBody body{&req.body};
    if (req.method == "HEAD") {
      curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else if (req.method == "PUT" || req.method == "POST") {
      curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
      curl_easy_setopt(h, CURLOPT_READFUNCTION, &CurlRead);
      curl_easy_setopt(h, CURLOPT_READDATA, &body);
      curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
                       static_cast<curl_off_t>(req.body.size()));
      if (req.method == "POST")
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "POST");
    } else if (req.method != "GET") {
      curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    }
    struct curl_slist* headers = nullptr;
    for (const auto& kv : req.headers) {
      headers =
          curl_slist_append(headers, (kv.first + ": " + kv.second).c_str());
    }
    // No "Expect: 100-continue" round trip.
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    const CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(headers);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    Give(h);
    resp->status = static_cast<int>(status);
    if (rc == CURLE_OK) {
      resp->request_sent = true;
      return IOStatus::OK();
    }
    const bool not_sent = rc == CURLE_COULDNT_RESOLVE_HOST ||
                          rc == CURLE_COULDNT_CONNECT ||
                          rc == CURLE_COULDNT_RESOLVE_PROXY;
    resp->request_sent = !not_sent;
    IOStatus s =
        IOStatus::IOError(req.method + " " + req.url, curl_easy_strerror(rc));
    // Transport failures are worth another attempt, except a bad setup.
    s.SetRetryable(
        rc != CURLE_URL_MALFORMAT && rc != CURLE_UNSUPPORTED_PROTOCOL &&
        rc != CURLE_SSL_CACERT_BADFILE && rc != CURLE_PEER_FAILED_VERIFICATION);
    return s;
  }

 private:
  CURL* Take() {
    {
      port::MutexLock l(&mu_);
      if (!pool_.empty()) {
        CURL* h = pool_.back();
        pool_.pop_back();
        return h;
      }
    }
    return curl_easy_init();
  }
  void Give(CURL* h) {
    port::MutexLock l(&mu_);
    pool_.push_back(h);
  }

  const HttpTimeouts timeouts_;
  const std::string ca_bundle_;  // PEM file of trusted CAs; "" : system
  port::Mutex mu_;
  std::vector<CURL*> pool_ SKYROCKS_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<HttpTransport> NewCurlTransport(const HttpTimeouts& timeouts,
                                                const std::string& ca_bundle) {
  return std::make_unique<CurlTransport>(timeouts, ca_bundle);
}

}  // namespace ROCKSDB_NAMESPACE
