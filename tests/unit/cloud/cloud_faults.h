// Object-store fault injection for tests: decorators that make a fraction
// of requests fail the ways real object stores and networks do.
//
//   FaultyHttpTransport  an HttpTransport (cloud/http.h) over another one
//                        (libcurl to the S3 emulator): 500 InternalError /
//                        503 SlowDown / 429 with S3's XML error body, a
//                        connection that fails before sending, a reset
//                        mid-body (a GET's sink gets part of the body),
//                        a truncated body reported as libcurl reports it
//                        (CURLE_PARTIAL_FILE), a short body the transport
//                        answers as complete (its Content-Length intact:
//                        what a store must not trust), slow answers, and a
//                        PUT/POST/DELETE the server applied whose answer
//                        is lost (request_sent, retryable transport error),
//                        a GET body with a bit flipped (CheckCorruptedAnswers
//                        runs that on a real store).
//   FaultyObjectStore    an ObjectStore (cloud/object_store.h) over another
//                        one (the local-directory store) with the kinds
//                        that exist there: retryable errors before the
//                        call, writes applied whose answer is lost, short
//                        reads reported as errors, slow answers.
//
// Decisions come from one seeded generator under a mutex: the sequence of
// decisions is fixed by the seed; which request gets which depends on the
// interleaving of the DB's threads. Faults can be paused (set_enabled) to
// inspect the bucket. Counts are by kind. Thread-safe.
#ifndef SKYROCKS_TESTS_UNIT_CLOUD_CLOUD_FAULTS_H_
#define SKYROCKS_TESTS_UNIT_CLOUD_CLOUD_FAULTS_H_

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cloud/http.h"
#include "cloud/object_store.h"

namespace ROCKSDB_NAMESPACE {

enum class CloudFault {
  kNone,
  kHttp500,     // 500 InternalError (not applied)
  kHttp503,     // 503 SlowDown (not applied)
  kHttp429,     // 429 (not applied)
  kNotSent,     // cannot connect: nothing sent
  kReset,       // reset mid-body; GET: part of the body reached the sink
  kTruncated,   // GET body cut short, reported as libcurl does (error)
  kShortBody,   // GET body cut short, answered as complete (OK)
  kSlow,        // answered correctly, slowly
  kLostAnswer,  // PUT/POST/DELETE applied, answer lost
  kStoreError,  // (store) a retryable error before the call
  kShortRead,   // (store) a read cut short, reported as an error
  kFlipBit,     // GET body with one bit flipped, answered as complete (OK)
  kCount
};

inline const char* CloudFaultName(CloudFault f) {
  static const char* const kNames[] = {
      "none",     "http500",     "http503",     "http429",
      "not_sent", "reset",       "truncated",   "short_body",
      "slow",     "lost_answer", "store_error", "short_read",
      "flip_bit"};
  return kNames[static_cast<int>(f)];
}

// The generator and counters both decorators share.
class CloudFaultPlan {
 public:
  CloudFaultPlan(uint64_t seed, double rate, std::vector<CloudFault> kinds)
      : rng_(seed), rate_(rate), kinds_(std::move(kinds)) {}

  void set_enabled(bool on) { enabled_ = on; }
  bool enabled() const { return enabled_; }

  // The fault for the next request among `allowed` (kNone mostly).
  CloudFault Next(const std::vector<CloudFault>& allowed) {
    requests_++;
    if (!enabled_) return CloudFault::kNone;
    CloudFault f = CloudFault::kNone;
    {
      std::lock_guard<std::mutex> l(mu_);
      if (std::uniform_real_distribution<double>(0, 1)(rng_) >= rate_) {
        return CloudFault::kNone;
      }
      std::vector<CloudFault> fit;
      for (CloudFault k : kinds_) {
        if (std::find(allowed.begin(), allowed.end(), k) != allowed.end())
          fit.push_back(k);
      }
      if (fit.empty()) return CloudFault::kNone;
      f = fit[std::uniform_int_distribution<size_t>(0, fit.size() - 1)(rng_)];
    }
    counts_[static_cast<int>(f)]++;
    return f;
  }
  // A fraction in (0, 1) for where a body is cut.
  double Fraction() {
    std::lock_guard<std::mutex> l(mu_);
    return std::uniform_real_distribution<double>(0.05, 0.95)(rng_);
  }

  uint64_t requests() const { return requests_; }
  uint64_t count(CloudFault f) const { return counts_[static_cast<int>(f)]; }
  uint64_t faults() const {
    uint64_t n = 0;
    for (int i = 1; i < static_cast<int>(CloudFault::kCount); i++)
      n += counts_[i];
    return n;
  }
  std::string Describe() const {
    std::string s = "requests=" + std::to_string(requests()) +
                    " faults=" + std::to_string(faults());
    for (int i = 1; i < static_cast<int>(CloudFault::kCount); i++) {
      if (counts_[i] == 0) continue;
      s += std::string(" ") + CloudFaultName(static_cast<CloudFault>(i)) + "=" +
           std::to_string(counts_[i]);
    }
    return s;
  }

  static void Sleep() {
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
  }

 private:
  std::mutex mu_;
  std::mt19937_64 rng_;
  const double rate_;
  const std::vector<CloudFault> kinds_;
  std::atomic<bool> enabled_{true};
  std::atomic<uint64_t> requests_{0};
  std::atomic<uint64_t> counts_[static_cast<int>(CloudFault::kCount)] = {};
};

class FaultyHttpTransport : public HttpTransport {
 public:
  FaultyHttpTransport(std::shared_ptr<HttpTransport> inner,
                      std::shared_ptr<CloudFaultPlan> plan)
      : inner_(std::move(inner)), plan_(std::move(plan)) {}

  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    const bool is_get = req.method == "GET";
    const bool is_write =
        req.method == "PUT" || req.method == "POST" || req.method == "DELETE";
    std::vector<CloudFault> allowed = {
        CloudFault::kHttp500, CloudFault::kHttp503, CloudFault::kHttp429,
        CloudFault::kNotSent, CloudFault::kReset,   CloudFault::kSlow};
    if (is_get) {
      allowed.push_back(CloudFault::kTruncated);
      allowed.push_back(CloudFault::kShortBody);
      allowed.push_back(CloudFault::kFlipBit);
    }
    if (is_write) allowed.push_back(CloudFault::kLostAnswer);
    const CloudFault f = plan_->Next(allowed);
    switch (f) {
      case CloudFault::kHttp500:
        return ErrorAnswer(resp, 500, "InternalError",
                           "We encountered an internal error. Please try "
                           "again.");
      case CloudFault::kHttp503:
        return ErrorAnswer(resp, 503, "SlowDown",
                           "Please reduce your request rate.");
      case CloudFault::kHttp429:
        return ErrorAnswer(resp, 429, "TooManyRequests", "Too many requests.");
      case CloudFault::kNotSent:
        resp->request_sent = false;
        return TransportError(req, "Couldn't connect to server");
      case CloudFault::kReset:
        if (!is_get) {
          // The request body was cut: the server never completed it.
          resp->request_sent = true;
          return TransportError(req, "Send failure: Connection reset by peer");
        }
        return CutGet(req, resp, "Recv failure: Connection reset by peer",
                      true);
      case CloudFault::kTruncated:
        return CutGet(req, resp, "Transferred a partial file", true);
      case CloudFault::kShortBody:
        return CutGet(req, resp, "", false);
      case CloudFault::kFlipBit:
        return FlipGet(req, resp);
      case CloudFault::kSlow:
        CloudFaultPlan::Sleep();
        return inner_->Send(req, resp);
      case CloudFault::kLostAnswer: {
        IOStatus s = inner_->Send(req, resp);
        if (!s.ok()) return s;
        *resp = HttpResponse();
        resp->request_sent = true;
        return TransportError(req, "Recv failure: Connection reset by peer");
      }
      default:
        return inner_->Send(req, resp);
    }
  }

 private:
  static IOStatus ErrorAnswer(HttpResponse* resp, int status,
                              const std::string& code,
                              const std::string& message) {
    resp->request_sent = true;
    resp->status = status;
    resp->headers["content-type"] = "application/xml";
    resp->headers["x-amz-request-id"] = "FAULT0000000000";
    resp->body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" +
                 code + "</Code><Message>" + message +
                 "</Message><RequestId>FAULT0000000000</RequestId></Error>";
    return IOStatus::OK();
  }

  static IOStatus TransportError(const HttpRequest& req,
                                 const std::string& what) {
    IOStatus s =
        IOStatus::IOError(req.method + " " + req.url, what + " (injected)");
    s.SetRetryable(true);
    return s;
  }

  // Serves the GET through inner_ with its 2xx body into *full (taken out
  // of resp->body, or kept from the caller's sink); *whole says a 2xx body
  // was served, else the status or answer is to be returned as is.
  IOStatus ServeWhole(const HttpRequest& req, HttpResponse* resp,
                      std::string* full, bool* whole) {
    HttpRequest r = req;
    if (req.body_sink) {
      r.body_sink = [full](const char* d, size_t n) {
        full->append(d, n);
        return true;
      };
    }
    IOStatus s = inner_->Send(r, resp);
    *whole = s.ok() && resp->status >= 200 && resp->status < 300;
    if (*whole && !req.body_sink) full->swap(resp->body);
    return s;
  }

  // Serves the GET, then cuts its 2xx body short: reported as a transport
  // error (report) or answered as complete with the original headers.
  IOStatus CutGet(const HttpRequest& req, HttpResponse* resp,
                  const std::string& what, bool report) {
    std::string full;
    bool whole = false;
    IOStatus s = ServeWhole(req, resp, &full, &whole);
    if (!whole) return s;
    const bool sink = static_cast<bool>(req.body_sink);
    const size_t keep =
        full.empty() ? 0 : static_cast<size_t>(full.size() * plan_->Fraction());
    if (sink) {
      if (keep > 0 && !req.body_sink(full.data(), keep)) {
        return TransportError(req, "Failed writing received data");
      }
    } else {
      resp->body = full.substr(0, keep);
    }
    if (!report) return IOStatus::OK();
    return TransportError(req, what);
  }

  // Serves the GET, then flips one bit of its 2xx body (a corrupted
  // answer with the original headers and length).
  IOStatus FlipGet(const HttpRequest& req, HttpResponse* resp) {
    std::string full;
    bool whole = false;
    IOStatus s = ServeWhole(req, resp, &full, &whole);
    if (!whole) return s;
    const bool sink = static_cast<bool>(req.body_sink);
    if (!full.empty()) {
      full[static_cast<size_t>(full.size() * plan_->Fraction())] ^= 0x10;
    }
    if (!sink) {
      resp->body = std::move(full);
    } else if (!full.empty() && !req.body_sink(full.data(), full.size())) {
      return TransportError(req, "Failed writing received data");
    }
    return IOStatus::OK();
  }

  std::shared_ptr<HttpTransport> inner_;
  std::shared_ptr<CloudFaultPlan> plan_;
};

class FaultyObjectStore : public ObjectStore {
 public:
  FaultyObjectStore(std::shared_ptr<ObjectStore> inner,
                    std::shared_ptr<CloudFaultPlan> plan)
      : inner_(std::move(inner)), plan_(std::move(plan)) {}

  const char* Name() const override { return inner_->Name(); }

  IOStatus Get(const std::string& key, std::string* data) override {
    Count(Kind::kGet);
    switch (plan_->Next(kReadFaults)) {
      case CloudFault::kStoreError:
        return Injected("GET", key);
      case CloudFault::kShortRead:
        return ShortRead(inner_->Get(key, data), key, data);
      case CloudFault::kSlow:
        CloudFaultPlan::Sleep();
        break;
      default:
        break;
    }
    return inner_->Get(key, data);
  }
  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    Count(Kind::kGet);
    switch (plan_->Next(kReadFaults)) {
      case CloudFault::kStoreError:
        return Injected("GET", key);
      case CloudFault::kShortRead:
        return ShortRead(inner_->GetRange(key, offset, n, data), key, data);
      case CloudFault::kSlow:
        CloudFaultPlan::Sleep();
        break;
      default:
        break;
    }
    return inner_->GetRange(key, offset, n, data);
  }
  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override {
    Count(Kind::kGet);
    switch (plan_->Next(kReadFaults)) {
      case CloudFault::kStoreError:
        return Injected("GET", key);
      case CloudFault::kShortRead: {
        // Part of the body reached the sink, then the read failed.
        std::string data;
        IOStatus s = inner_->Get(key, &data);
        if (!s.ok()) return s;
        s = sink->Restart();
        if (s.ok()) s = sink->Append(Slice(data.data(), data.size() / 2));
        if (!s.ok()) return s;
        return Injected("GET (short read)", key);
      }
      case CloudFault::kSlow:
        CloudFaultPlan::Sleep();
        break;
      default:
        break;
    }
    return inner_->GetToSink(key, sink);
  }
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    Count(Kind::kPut, 0, data.size());
    const CloudFault f = plan_->Next(kWriteFaults);
    if (f == CloudFault::kStoreError) return Injected("PUT", key);
    if (f == CloudFault::kSlow) CloudFaultPlan::Sleep();
    IOStatus s = inner_->Put(key, data, opts, meta);
    if (s.ok() && f == CloudFault::kLostAnswer) return Injected("PUT", key);
    return s;
  }
  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    Count(Kind::kHead);
    const CloudFault f = plan_->Next(kOtherFaults);
    if (f == CloudFault::kStoreError) return Injected("HEAD", key);
    if (f == CloudFault::kSlow) CloudFaultPlan::Sleep();
    return inner_->Head(key, meta);
  }
  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override {
    Count(Kind::kList);
    const CloudFault f = plan_->Next(kOtherFaults);
    if (f == CloudFault::kStoreError) return Injected("LIST", prefix);
    if (f == CloudFault::kSlow) CloudFaultPlan::Sleep();
    return inner_->List(prefix, objects);
  }
  IOStatus ListDelimited(const std::string& prefix,
                         const std::string& delimiter,
                         std::vector<ObjectMeta>* objects,
                         std::vector<std::string>* prefixes) override {
    Count(Kind::kList);
    const CloudFault f = plan_->Next(kOtherFaults);
    if (f == CloudFault::kStoreError) return Injected("LIST", prefix);
    if (f == CloudFault::kSlow) CloudFaultPlan::Sleep();
    return inner_->ListDelimited(prefix, delimiter, objects, prefixes);
  }
  IOStatus Delete(const std::string& key) override {
    Count(Kind::kDelete);
    const CloudFault f = plan_->Next(kWriteFaults);
    if (f == CloudFault::kStoreError) return Injected("DELETE", key);
    if (f == CloudFault::kSlow) CloudFaultPlan::Sleep();
    IOStatus s = inner_->Delete(key);
    if (s.ok() && f == CloudFault::kLostAnswer) return Injected("DELETE", key);
    return s;
  }
  IOStatus Copy(const std::string& src, const std::string& dst) override {
    Count(Kind::kCopy);
    const CloudFault f = plan_->Next(kWriteFaults);
    if (f == CloudFault::kStoreError) return Injected("COPY", src);
    if (f == CloudFault::kSlow) CloudFaultPlan::Sleep();
    IOStatus s = inner_->Copy(src, dst);
    if (s.ok() && f == CloudFault::kLostAnswer) return Injected("COPY", src);
    return s;
  }
  IOStatus CreateBucketIfMissing(const std::string& region) override {
    return inner_->CreateBucketIfMissing(region);
  }

 private:
  IOStatus Injected(const std::string& op, const std::string& key) {
    IOStatus s = IOStatus::IOError("injected store fault: " + op, key);
    s.SetRetryable(true);
    return s;
  }
  IOStatus ShortRead(IOStatus s, const std::string& key, std::string* data) {
    if (!s.ok()) return s;
    data->resize(data->size() / 2);
    return Injected("GET (short read)", key);
  }

  const std::vector<CloudFault> kReadFaults = {
      CloudFault::kStoreError, CloudFault::kShortRead, CloudFault::kSlow};
  const std::vector<CloudFault> kWriteFaults = {
      CloudFault::kStoreError, CloudFault::kLostAnswer, CloudFault::kSlow};
  const std::vector<CloudFault> kOtherFaults = {CloudFault::kStoreError,
                                                CloudFault::kSlow};

  std::shared_ptr<ObjectStore> inner_;
  std::shared_ptr<CloudFaultPlan> plan_;
};

// Corrupted answers on a real store (an emulator): make(transport) builds
// the store over the given transport. Objects `small` and `big` (block or
// multipart uploads where the store has them) are written, then read with
// every GET body corrupted (kFlipBit): Get and GetToSink are Corruption
// naming the key and `header` (the digest header the store answers with).
// With half the answers corrupted, every read that succeeds has exactly
// the object's bytes and some succeed.
inline void CheckCorruptedAnswers(
    const std::function<std::unique_ptr<ObjectStore>(
        std::shared_ptr<HttpTransport>)>& make,
    const std::string& header, size_t small, size_t big) {
  for (double rate : {1.0, 0.5}) {
    CAPTURE(rate);
    auto plan = std::make_shared<CloudFaultPlan>(
        11, rate, std::vector<CloudFault>{CloudFault::kFlipBit});
    plan->set_enabled(false);
    std::unique_ptr<ObjectStore> store = make(std::make_shared<FaultyHttpTransport>(
        NewCurlTransport(HttpTimeouts()), plan));
    std::vector<std::pair<std::string, std::string>> objects;
    for (size_t n : {small, big}) {
      std::string data(n, '\0');
      for (size_t i = 0; i < n; i++) data[i] = static_cast<char>(i * 131 + n);
      const std::string key = "flip/" + std::to_string(n);
      IOStatus s = store->Put(key, data, PutOptions());
      REQUIRE_MESSAGE(s.ok(), s.ToString());
      objects.emplace_back(key, data);
    }
    plan->set_enabled(true);
    int ok = 0;
    for (int round = 0; round < (rate == 1.0 ? 1 : 8); round++) {
      for (const auto& [key, data] : objects) {
        CAPTURE(key);
        std::string got;
        IOStatus s = store->Get(key, &got);
        struct Sink : public ObjectSink {
          std::string bytes;
          IOStatus Append(const Slice& d) override {
            bytes.append(d.data(), d.size());
            return IOStatus::OK();
          }
          IOStatus Restart() override {
            bytes.clear();
            return IOStatus::OK();
          }
        } sink;
        IOStatus t = store->GetToSink(key, &sink);
        for (const auto& [st, bytes] :
             {std::make_pair(s, got), std::make_pair(t, sink.bytes)}) {
          if (st.ok()) {
            CHECK(bytes == data);
            ok++;
          } else {
            CHECK_MESSAGE(st.IsCorruption(), st.ToString());
            CHECK(st.ToString().find(header) != std::string::npos);
            CHECK(st.ToString().find("corrupted answer") != std::string::npos);
          }
        }
      }
    }
    CHECK(plan->count(CloudFault::kFlipBit) > 0);
    if (rate == 1.0) {
      CHECK(ok == 0);
    } else {
      CHECK(ok > 0);
    }
  }
}

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TESTS_UNIT_CLOUD_CLOUD_FAULTS_H_
