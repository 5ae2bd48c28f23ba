// cloud/http: the retry policy through a scripted fake transport (5xx, 429,
// S3 error codes, resets before and after sending, lost answers to
// conditional writes, attempt caps, backoff bounds), and the libcurl
// transport against a local Python HTTP server started and stopped by PID
// (tests/support/http_test_server.py, 127.0.0.1, ephemeral port).
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "cloud/http.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Answers from a script: an HTTP status, or a transport failure before
// (kRefused) or after (kReset) the request went out.
class ScriptedTransport : public HttpTransport {
 public:
  static constexpr int kRefused = -1;
  static constexpr int kReset = -2;
  explicit ScriptedTransport(std::deque<int> script) : script_(std::move(script)) {}
  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    sent.push_back(req);
    const int next = script_.empty() ? 200 : script_.front();
    if (!script_.empty()) script_.pop_front();
    if (next == kRefused || next == kReset) {
      resp->request_sent = next == kReset;
      IOStatus s = IOStatus::IOError(next == kReset ? "connection reset" : "refused");
      s.SetRetryable(true);
      return s;
    }
    resp->request_sent = true;
    resp->status = next;
    resp->body = next >= 400 ? "<Error><Code>" + code_for(next) + "</Code></Error>" : "ok";
    return IOStatus::OK();
  }
  std::vector<HttpRequest> sent;

 private:
  static std::string code_for(int status) {
    return status == 503 ? "SlowDown" : status == 500 ? "InternalError" : "Other";
  }
  std::deque<int> script_;
};

RetryOptions InstantRetries(std::vector<uint64_t>* sleeps) {
  RetryOptions o;
  o.max_attempts = 5;
  o.base_delay_micros = 100;
  o.max_delay_micros = 1000;
  o.sleep = [sleeps](uint64_t us) { sleeps->push_back(us); };
  o.random = [](uint64_t bound) { return bound; };  // the worst case
  return o;
}

}  // namespace

TEST_CASE("retry: transient failures are retried with capped backoff") {
  std::vector<uint64_t> sleeps;
  ScriptedTransport t({503, 429, ScriptedTransport::kRefused, ScriptedTransport::kReset, 200});
  HttpRequest req;
  req.method = "GET";
  req.url = "http://127.0.0.1/x";
  HttpResponse resp;
  int attempts = 0, signed_count = 0;
  IOStatus s = RetryingSend(&t, InstantRetries(&sleeps),
                            [&](HttpRequest* r) {
                              r->headers["authorization"] = "sig" + std::to_string(++signed_count);
                            },
                            req, &resp, &attempts);
  REQUIRE(s.ok());
  CHECK(resp.status == 200);
  CHECK(attempts == 5);
  CHECK(signed_count == 5);  // re-signed for every attempt
  CHECK(t.sent.back().headers["authorization"] == "sig5");
  CHECK(sleeps == std::vector<uint64_t>{100, 200, 400, 800});
}

TEST_CASE("retry: SleepBeforeRetry draws in [0, the attempt's capped delay]") {
  std::vector<uint64_t> sleeps, bounds;
  RetryOptions o = InstantRetries(&sleeps);
  o.random = [&bounds](uint64_t bound) {
    bounds.push_back(bound);
    return bound / 2;
  };
  for (int attempt = 1; attempt <= 6; attempt++) SleepBeforeRetry(o, attempt);
  CHECK(bounds == std::vector<uint64_t>{100, 200, 400, 800, 1000, 1000});
  CHECK(sleeps == std::vector<uint64_t>{50, 100, 200, 400, 500, 500});
  // A base above the cap: the cap from the first retry on.
  o.base_delay_micros = 5000;
  bounds.clear();
  SleepBeforeRetry(o, 1);
  CHECK(bounds == std::vector<uint64_t>{1000});
  // Without an injected random source the draw stays within the bound.
  o.random = nullptr;
  o.base_delay_micros = 3;
  o.max_delay_micros = 3;
  sleeps.clear();
  for (int i = 0; i < 50; i++) SleepBeforeRetry(o, 1);
  REQUIRE(sleeps.size() == 50);
  for (uint64_t us : sleeps) CHECK(us <= 3);
}

TEST_CASE("retry: the attempt cap returns the last answer") {
  std::vector<uint64_t> sleeps;
  ScriptedTransport t({500, 500, 500, 500, 500, 500});
  HttpRequest req;
  req.method = "GET";
  HttpResponse resp;
  int attempts = 0;
  IOStatus s = RetryingSend(&t, InstantRetries(&sleeps), nullptr, req, &resp, &attempts);
  CHECK(s.ok());
  CHECK(resp.status == 500);
  CHECK(attempts == 5);
  // Client errors are final at once.
  ScriptedTransport t2({404, 200});
  s = RetryingSend(&t2, InstantRetries(&sleeps), nullptr, req, &resp, &attempts);
  CHECK(s.ok());
  CHECK(resp.status == 404);
  CHECK(attempts == 1);
}

TEST_CASE("retry: a conditional write is never retried blindly") {
  std::vector<uint64_t> sleeps;
  HttpRequest put;
  put.method = "PUT";
  put.url = "http://127.0.0.1/bucket/CLOUDMANIFEST";
  put.headers["if-none-match"] = "*";
  put.idempotent = false;
  HttpResponse resp;
  int attempts = 0;
  // Refused before sending: safe to retry.
  ScriptedTransport refused({ScriptedTransport::kRefused, 200});
  CHECK(RetryingSend(&refused, InstantRetries(&sleeps), nullptr, put, &resp, &attempts).ok());
  CHECK(attempts == 2);
  // 503/429 reject the request: safe to retry.
  ScriptedTransport slow({503, 200});
  CHECK(RetryingSend(&slow, InstantRetries(&sleeps), nullptr, put, &resp, &attempts).ok());
  CHECK(attempts == 2);
  // A reset after sending, or a 500: the write may have happened.
  ScriptedTransport reset({ScriptedTransport::kReset, 200});
  IOStatus s = RetryingSend(&reset, InstantRetries(&sleeps), nullptr, put, &resp, &attempts);
  CHECK_FALSE(s.ok());
  CHECK_FALSE(s.GetRetryable());
  CHECK(s.ToString().find("outcome unknown") != std::string::npos);
  CHECK(resp.outcome_unknown);
  CHECK(attempts == 1);
  ScriptedTransport internal({500, 200});
  s = RetryingSend(&internal, InstantRetries(&sleeps), nullptr, put, &resp, &attempts);
  CHECK(s.ToString().find("outcome unknown") != std::string::npos);
  CHECK(attempts == 1);
}

TEST_CASE("http: the curl transport against a local server") {
  skyrocks_test::TempDir dir;
  const std::string portfile = dir.Sub("port");
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string script = skyrocks_test::SourceDir() + "/tests/support/http_test_server.py";
    execl("/usr/bin/python3", "python3", script.c_str(), portfile.c_str(), nullptr);
    _exit(127);
  }
  std::string port;
  for (int i = 0; i < 200 && port.empty(); i++) {  // bounded: 10 s at most
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    port = skyrocks_test::ReadWholeFile(portfile);
  }
  REQUIRE_MESSAGE(!port.empty(), "test HTTP server did not start");
  const std::string base = "http://127.0.0.1:" + port;
  auto transport = NewCurlTransport(HttpTimeouts());
  HttpRequest req;
  HttpResponse resp;

  req.method = "GET";
  req.url = base + "/hello";
  REQUIRE(transport->Send(req, &resp).ok());
  CHECK(resp.status == 200);
  CHECK(resp.body == "hello world");
  CHECK(resp.headers["x-test"] == "yes");
  CHECK(resp.headers["content-length"] == "11");

  req.method = "HEAD";
  resp = HttpResponse();
  REQUIRE(transport->Send(req, &resp).ok());
  CHECK(resp.status == 200);
  CHECK(resp.body.empty());

  req.method = "PUT";
  req.url = base + "/echo";
  req.body = std::string(100000, 'p');
  resp = HttpResponse();
  REQUIRE(transport->Send(req, &resp).ok());
  CHECK(resp.body == "got 100000 bytes: pppppppppppppppp");

  req.method = "DELETE";
  req.body.clear();
  req.url = base + "/status/503";
  resp = HttpResponse();
  REQUIRE(transport->Send(req, &resp).ok());
  CHECK(resp.status == 503);
  CHECK(resp.body.find("Code503") != std::string::npos);

  // A connection dropped without an answer: retryable, after sending.
  req.method = "GET";
  req.url = base + "/reset";
  resp = HttpResponse();
  IOStatus s = transport->Send(req, &resp);
  CHECK_FALSE(s.ok());
  CHECK(s.GetRetryable());
  CHECK(resp.request_sent);

  // A header sent twice is one entry with both values, and a GET is
  // checked against them: the right hashes pass, a wrong MD5 is a
  // Corruption naming it after the retries.
  req.url = base + "/hashed";
  resp = HttpResponse();
  std::vector<uint64_t> no_sleeps;
  REQUIRE(RetryingSend(transport.get(), InstantRetries(&no_sleeps), nullptr, req, &resp).ok());
  CHECK(resp.headers["x-goog-hash"] == "crc32c=yZRlqg==,md5=XrY7u+Ae7tCTyyK7j1rNww==");
  CHECK(resp.body == "hello world");
  req.url = base + "/hashed-wrong";
  s = RetryingSend(transport.get(), InstantRetries(&no_sleeps), nullptr, req, &resp);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("x-goog-hash md5") != std::string::npos);
  CHECK(s.ToString().find("/hashed-wrong") != std::string::npos);

  // Keep-alive handles are reused across many requests.
  for (int i = 0; i < 50; i++) {
    req.url = base + "/hello";
    resp = HttpResponse();
    REQUIRE(transport->Send(req, &resp).ok());
    REQUIRE(resp.status == 200);
  }

  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  // Nothing listens now: refused, retryable, not sent.
  req.url = base + "/hello";
  resp = HttpResponse();
  s = transport->Send(req, &resp);
  CHECK_FALSE(s.ok());
  CHECK(s.GetRetryable());
  CHECK_FALSE(resp.request_sent);
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

namespace {

// Answers a GET with a 10-byte object whose first `short_answers` bodies
// are cut to 4 bytes, Content-Length intact (a transport that did not
// notice the connection ending), to the body or to the body sink.
class ShortBodyTransport : public HttpTransport {
 public:
  explicit ShortBodyTransport(int short_answers) : short_(short_answers) {}
  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    calls++;
    const std::string full = "0123456789";
    const std::string body = short_-- > 0 ? full.substr(0, 4) : full;
    resp->request_sent = true;
    resp->status = 200;
    resp->headers["content-length"] = std::to_string(full.size());
    if (req.body_sink) {
      if (!req.body_sink(body.data(), body.size())) {
        return IOStatus::IOError("sink refused");
      }
    } else {
      resp->body = body;
    }
    return IOStatus::OK();
  }
  int calls = 0;

 private:
  int short_;
};

// Answers a GET with "hello world" and the digest headers given, the body
// corrupted (one bit) in the first `bad_answers` answers.
class DigestTransport : public HttpTransport {
 public:
  DigestTransport(int status, std::map<std::string, std::string> headers, int bad_answers)
      : status_(status), headers_(std::move(headers)), bad_(bad_answers) {}
  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    calls++;
    std::string body = "hello world";
    if (bad_-- > 0) body[3] ^= 1;
    resp->request_sent = true;
    resp->status = status_;
    resp->headers = headers_;
    if (req.body_sink) {
      if (!req.body_sink(body.data(), body.size())) return IOStatus::IOError("sink refused");
    } else {
      resp->body = body;
    }
    return IOStatus::OK();
  }
  int calls = 0;

 private:
  const int status_;
  const std::map<std::string, std::string> headers_;
  int bad_;
};

}  // namespace

TEST_CASE("retry: a GET body that differs from the digest its answer states is retried, then Corruption") {
  const std::string md5 = "XrY7u+Ae7tCTyyK7j1rNww==", crc = "yZRlqg==";
  struct Case {
    int status;
    std::map<std::string, std::string> headers;
    bool checked;
  };
  const std::vector<Case> cases = {
      {200, {{"content-md5", md5}}, true},                      // Azure, whole blob
      {206, {{"content-md5", md5}}, true},                      // Azure, a range asked with MD5
      {200, {{"x-goog-hash", "crc32c=" + crc + ",md5=" + md5}}, true},  // GCS
      {200, {{"x-goog-hash", "crc32c=" + crc}}, true},
      {200, {{"x-amz-checksum-crc32c", crc}}, true},            // S3 with checksum mode
      {206, {{"x-goog-hash", "crc32c=AAAAAA=="}}, false},       // the whole object's, not the range's
      {200, {{"x-amz-checksum-crc32c", "AAAAAA==-3"}}, false},  // multipart composite
      {200, {{"content-md5", "AAAAAAAAAAAAAAAAAAAAAA=="}, {"content-encoding", "gzip"}}, false},
      {200, {}, false},
  };
  for (size_t i = 0; i < cases.size(); i++) {
    for (bool sink : {false, true}) {
      CAPTURE(i);
      CAPTURE(sink);
      std::vector<uint64_t> sleeps;
      std::string sunk;
      HttpRequest req;
      req.method = "GET";
      req.url = "http://127.0.0.1/b/obj";
      if (sink) {
        req.body_sink = [&sunk](const char* d, size_t n) {
          sunk.append(d, n);
          return true;
        };
      }
      auto restart = [&](HttpRequest*) { sunk.clear(); };
      // Corrupted twice: a checked answer is retried to the good body; an
      // unchecked one is handed on as it came (nothing to check it by).
      DigestTransport twice(cases[i].status, cases[i].headers, 2);
      HttpResponse resp;
      int attempts = 0;
      IOStatus s = RetryingSend(&twice, InstantRetries(&sleeps), restart, req, &resp, &attempts);
      REQUIRE_MESSAGE(s.ok(), s.ToString());
      CHECK(attempts == (cases[i].checked ? 3 : 1));
      CHECK(((sink ? sunk : resp.body) == "hello world") == cases[i].checked);
      if (!cases[i].checked) continue;
      // Always corrupted: a Corruption naming the request and the header.
      DigestTransport always(cases[i].status, cases[i].headers, 100);
      resp = HttpResponse();
      s = RetryingSend(&always, InstantRetries(&sleeps), restart, req, &resp);
      CHECK(s.IsCorruption());
      CHECK(s.ToString().find("GET http://127.0.0.1/b/obj") != std::string::npos);
      CHECK(s.ToString().find("corrupted answer") != std::string::npos);
      CHECK(always.calls == 5);
    }
  }
  // A PUT's answer is not a body to check.
  std::vector<uint64_t> sleeps;
  DigestTransport put_answer(200, {{"content-md5", "AAAAAAAAAAAAAAAAAAAAAA=="}}, 0);
  HttpRequest put;
  put.method = "PUT";
  put.url = "http://127.0.0.1/b/obj";
  HttpResponse resp;
  CHECK(RetryingSend(&put_answer, InstantRetries(&sleeps), nullptr, put, &resp).ok());
}

TEST_CASE("retry: a body shorter than its Content-Length is retried, never returned") {
  for (bool sink : {false, true}) {
    CAPTURE(sink);
    std::vector<uint64_t> sleeps;
    std::string sunk;
    HttpRequest req;
    req.method = "GET";
    req.url = "http://127.0.0.1/obj";
    if (sink) {
      req.body_sink = [&sunk](const char* d, size_t n) {
        sunk.append(d, n);
        return true;
      };
    }
    // Short twice, then whole: the whole object after three attempts.
    ShortBodyTransport t(2);
    HttpResponse resp;
    int attempts = 0;
    IOStatus s = RetryingSend(&t, InstantRetries(&sleeps),
                              [&](HttpRequest*) { sunk.clear(); }, req, &resp,
                              &attempts);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    CHECK(attempts == 3);
    CHECK((sink ? sunk : resp.body) == "0123456789");
    // Always short: an error (retryable, naming the lengths), not 4 bytes.
    ShortBodyTransport always(100);
    resp = HttpResponse();
    s = RetryingSend(&always, InstantRetries(&sleeps),
                     [&](HttpRequest*) { sunk.clear(); }, req, &resp);
    CHECK(!s.ok());
    CHECK(s.GetRetryable());
    CHECK(s.ToString().find("Content-Length 10") != std::string::npos);
    CHECK(always.calls == 5);
  }
}

}  // namespace ROCKSDB_NAMESPACE
