// The S3 store on the S3 emulator (@20minutes/s3rver, which verifies SigV4,
// plus scripts/emulators/s3_emulator.js for conditional writes), started on
// 127.0.0.1 and an ephemeral port for this test and killed by PID after:
// the whole ObjectStore contract, a wrong secret (a clear 403), counters.
// Skips, saying so, only when install-deps could not install the emulator.
#include "cloud/s3_store.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "object_store_contract.h"
#include "support/s3_emulator.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

S3StoreOptions EmulatorOptions(const skyrocks_test::S3Emulator& emu,
                               const std::string& secret) {
  S3StoreOptions o;
  o.bucket = "skyrocks-test";
  o.region = "us-east-1";
  o.endpoint = emu.endpoint();
  o.credentials = AwsCredentials{"S3RVER", secret, ""};
  o.retry.max_attempts = 3;
  return o;
}

}  // namespace

TEST_CASE("s3 store: the object store contract on the S3 emulator") {
  skyrocks_test::S3Emulator emu;
  if (!emu.running()) {
    MESSAGE(
        "SKIPPED: the S3 emulator is not installed (bash scripts/install-deps "
        "installs it)");
    return;
  }
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewS3Store(EmulatorOptions(emu, "S3RVER"), &store).ok());
  RunObjectStoreContract(store.get());
  const ObjectStoreCounts c = store->counts();
  CHECK(c.puts >= 2500);
  CHECK(c.lists >= 2);

  // A wrong secret: a clear authentication error, not retried.
  std::unique_ptr<ObjectStore> bad;
  REQUIRE(NewS3Store(EmulatorOptions(emu, "wrong-secret"), &bad).ok());
  IOStatus s = bad->Put("k", "v", PutOptions());
  CHECK_FALSE(s.ok());
  CHECK(s.http_status() == 403);
  CHECK(s.ToString().find("SignatureDoesNotMatch") != std::string::npos);
  CHECK(s.ToString().find("credentials") != std::string::npos);
  CHECK_FALSE(s.GetRetryable());
}

TEST_CASE("s3 store: configuration errors are clear") {
  S3StoreOptions o;
  std::unique_ptr<ObjectStore> store;
  CHECK(NewS3Store(o, &store).IsInvalidArgument());  // no bucket
  o.bucket = "b";
  o.endpoint = "127.0.0.1:4568";
  o.credentials = AwsCredentials{"a", "b", ""};
  IOStatus s = NewS3Store(o, &store);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("scheme") != std::string::npos);
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

namespace {

// Plays back canned HTTP answers (or a reset after sending) per request.
class CannedS3Transport : public HttpTransport {
 public:
  struct Answer {
    int status;  // 0: connection reset after sending
    std::string body;
  };
  explicit CannedS3Transport(std::vector<Answer> answers)
      : answers_(std::move(answers)) {}
  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    requests.push_back(req.method + " " + req.url);
    const Answer a =
        next_ < answers_.size() ? answers_[next_++] : Answer{200, ""};
    resp->request_sent = true;
    if (a.status == 0) {
      IOStatus s = IOStatus::IOError("connection reset by peer");
      s.SetRetryable(true);
      return s;
    }
    resp->status = a.status;
    resp->body = a.body;
    resp->headers["etag"] = "\"abc\"";
    return IOStatus::OK();
  }
  std::vector<std::string> requests;

 private:
  std::vector<Answer> answers_;
  size_t next_ = 0;
};

std::unique_ptr<ObjectStore> CannedStore(std::shared_ptr<CannedS3Transport> t) {
  S3StoreOptions o;
  o.bucket = "b";
  o.endpoint = "http://127.0.0.1:1";
  o.credentials = AwsCredentials{"a", "s", ""};
  o.transport = std::move(t);
  o.retry.sleep = [](uint64_t) {};
  o.retry.max_attempts = 4;
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewS3Store(o, &store).ok());
  return store;
}

}  // namespace

TEST_CASE("s3 store: faults — retried when safe, never a false answer") {
  const std::string slow = "<Error><Code>SlowDown</Code></Error>";
  {
    // Throttled twice, then served: the GET succeeds after 3 attempts.
    auto t = std::make_shared<CannedS3Transport>(
        std::vector<CannedS3Transport::Answer>{
            {503, slow}, {429, ""}, {200, "data"}});
    auto store = CannedStore(t);
    std::string got;
    REQUIRE(store->Get("k", &got).ok());
    CHECK(got == "data");
    CHECK(t->requests.size() == 3);
  }
  {
    // A plain PUT whose answer was lost is simply sent again.
    auto t = std::make_shared<CannedS3Transport>(
        std::vector<CannedS3Transport::Answer>{
            {0, ""},
            {500, "<Error><Code>InternalError</Code></Error>"},
            {200, ""}});
    auto store = CannedStore(t);
    REQUIRE(store->Put("k", "v", PutOptions()).ok());
    CHECK(t->requests.size() == 3);
  }
  {
    // A create-if-absent whose answer was lost: not resent; a HEAD decides.
    // Absent (404): still ambiguous, said so.
    auto t = std::make_shared<CannedS3Transport>(
        std::vector<CannedS3Transport::Answer>{{0, ""}, {404, ""}});
    auto store = CannedStore(t);
    PutOptions create;
    create.if_none_match = true;
    IOStatus s = store->Put("CLOUDMANIFEST", "v", create);
    CHECK_FALSE(s.ok());
    CHECK_FALSE(s.IsIOFenced());
    CHECK(s.ToString().find("outcome unknown") != std::string::npos);
    REQUIRE(t->requests.size() == 2);
    CHECK(t->requests[1].rfind("HEAD ", 0) == 0);
    // Present with someone else's bytes (etag "abc"): we lost the race.
    auto t2 = std::make_shared<CannedS3Transport>(
        std::vector<CannedS3Transport::Answer>{{0, ""}, {200, ""}});
    auto store2 = CannedStore(t2);
    CHECK(store2->Put("CLOUDMANIFEST", "v", create).IsIOFenced());
  }
  {
    // Out of attempts on 503: the error carries the HTTP detail.
    auto t = std::make_shared<CannedS3Transport>(
        std::vector<CannedS3Transport::Answer>{
            {503, slow}, {503, slow}, {503, slow}, {503, slow}});
    auto store = CannedStore(t);
    std::string got;
    IOStatus s = store->Get("k", &got);
    CHECK_FALSE(s.ok());
    CHECK(s.http_status() == 503);
    CHECK(s.GetRetryable());
    CHECK(s.ToString().find("SlowDown") != std::string::npos);
  }
}

}  // namespace ROCKSDB_NAMESPACE
