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

#include "cloud_test_stores.h"
#include "object_store_contract.h"
#include "cloud_faults.h"
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

TEST_CASE("s3 store: a corrupted answer is retried, then Corruption (x-amz-checksum-crc32c)") {
  skyrocks_test::S3Emulator emu;
  if (!emu.running()) {
    MESSAGE("SKIPPED: the S3 emulator is not installed");
    return;
  }
  // Single PUTs carry their CRC32C; GETs ask for it (checksum mode).
  CheckCorruptedAnswers(
      [&emu](std::shared_ptr<HttpTransport> t) -> std::unique_ptr<ObjectStore> {
        S3StoreOptions o = EmulatorOptions(emu, "S3RVER");
        o.transport = std::move(t);
        std::unique_ptr<ObjectStore> store;
        REQUIRE(NewS3Store(o, &store).ok());
        return store;
      },
      "x-amz-checksum-crc32c", 1000, 100000);
}

TEST_CASE(
    "s3 store: a 64 MiB upload streams in 8 MiB parts, two at a time, every "
    "request counted") {
  skyrocks_test::S3Emulator emu;
  if (!emu.running()) {
    MESSAGE("SKIPPED: the S3 emulator is not installed");
    return;
  }
  S3StoreOptions o = EmulatorOptions(emu, "S3RVER");
  o.part_size = 8 << 20;
  o.multipart_threshold = 8 << 20;
  o.upload_threads = 2;
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewS3Store(o, &store).ok());
  const ContractGeneratedSource source(uint64_t{64} << 20, 3);
  ObjectMeta meta;
  IOStatus s = store->PutFrom("big/streamed", source, PutOptions(), &meta);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  const ObjectStoreCounts c = store->counts();
  MESSAGE("64 MiB streamed: " << c.puts << " PUTs, peak buffered "
                              << c.max_buffered_bytes << " bytes, "
                              << c.request_micros / 1000 << " ms in requests");
  // Create, 8 parts, complete: one count per HTTP request.
  CHECK(c.puts == 1 + 8 + 1);
  CHECK(c.bytes_written == (uint64_t{64} << 20));
  // At most the two parts in flight were in memory.
  CHECK(c.max_buffered_bytes <= 2 * (uint64_t{8} << 20));
  CHECK(c.max_buffered_bytes >= (uint64_t{8} << 20));
  CHECK(c.request_micros > 0);  // time in HTTP requests, counted too
  CHECK(meta.size == source.size());
  std::string got;
  REQUIRE(store->Get("big/streamed", &got).ok());
  CHECK(got == source.All());
}

TEST_CASE(
    "s3 store: ResolveS3Config, one precedence for region, credentials and "
    "endpoint") {
  struct EnvVar {
    EnvVar(const char* n, const char* v) : name(n) {
      const char* old = getenv(n);
      had = old != nullptr;
      if (had) saved = old;
      if (v != nullptr)
        setenv(n, v, 1);
      else
        unsetenv(n);
    }
    ~EnvVar() {
      if (had)
        setenv(name, saved.c_str(), 1);
      else
        unsetenv(name);
    }
    const char* name;
    bool had = false;
    std::string saved;
  };
  skyrocks_test::TempDir tmp;
  EnvVar r1("AWS_REGION", "eu-west-3");
  EnvVar r2("AWS_DEFAULT_REGION", "ap-south-1");
  EnvVar r3("aws_default_region", "sa-east-1");
  EnvVar k1("AWS_ACCESS_KEY_ID", "envkey");
  EnvVar k2("AWS_SECRET_ACCESS_KEY", "envsecret");
  EnvVar e1("AWS_ENDPOINT_URL_S3", nullptr);
  EnvVar e2("AWS_ENDPOINT_URL", nullptr);
  EnvVar cfg("AWS_CONFIG_FILE", (tmp.path() + "/none").c_str());
  S3StoreOptions o;
  o.bucket = "bkt";
  S3ResolvedConfig c;
  REQUIRE(ResolveS3Config(o, &c).ok());
  CHECK(c.region == "eu-west-3");  // AWS_REGION before AWS_DEFAULT_REGION
  CHECK(c.credentials.access_key_id == "envkey");
  CHECK(c.endpoint == "https://bkt.s3.eu-west-3.amazonaws.com");
  CHECK_FALSE(c.path_style);
  {
    EnvVar off("AWS_REGION", nullptr);
    REQUIRE(ResolveS3Config(o, &c).ok());
    CHECK(c.region == "ap-south-1");
    EnvVar off2("AWS_DEFAULT_REGION", nullptr);
    REQUIRE(ResolveS3Config(o, &c).ok());
    CHECK(c.region == "sa-east-1");
    EnvVar off3("aws_default_region", nullptr);
    REQUIRE(ResolveS3Config(o, &c).ok());
    CHECK(c.region == "us-east-1");
  }
  o.region = "us-west-2";  // the options first
  o.credentials = AwsCredentials{"optkey", "optsecret", ""};
  o.endpoint = "http://127.0.0.1:9000/";
  REQUIRE(ResolveS3Config(o, &c).ok());
  CHECK(c.region == "us-west-2");
  CHECK(c.credentials.access_key_id == "optkey");
  CHECK(c.endpoint == "http://127.0.0.1:9000");
  CHECK(c.host == "127.0.0.1:9000");
  CHECK(c.path_style);
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
    resp->headers["etag"] = "\"" + etag + "\"";
    return IOStatus::OK();
  }
  std::vector<std::string> requests;
  std::string etag = "abc";  // every answer's ETag

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

// Every request refused as S3 refuses it: 403 AccessDenied, the request
// id in a header.
class DeniedS3Transport : public HttpTransport {
 public:
  IOStatus Send(const HttpRequest&, HttpResponse* resp) override {
    resp->request_sent = true;
    resp->status = 403;
    resp->body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
        "AccessDenied</Code><Message>Access Denied</Message></Error>";
    resp->headers["x-amz-request-id"] = "4442587FB7D0A2F9";
    return IOStatus::OK();
  }
};

TEST_CASE(
    "s3 store: a refused request's HTTP status, code and request id reach "
    "the caller's Status, through the store and through a DB open") {
  S3StoreOptions o;
  o.bucket = "b";
  o.endpoint = "http://127.0.0.1:1";
  o.credentials = AwsCredentials{"a", "s", ""};
  o.transport = std::make_shared<DeniedS3Transport>();
  std::unique_ptr<ObjectStore> raw;
  REQUIRE(NewS3Store(o, &raw).ok());
  IOStatus s = raw->Put("k", "v", PutOptions());
  CHECK(s.http_status() == 403);
  CHECK(s.provider_code() == "AccessDenied");
  CHECK(s.request_id() == "4442587FB7D0A2F9");
  for (const char* part : {"403", "AccessDenied", "4442587FB7D0A2F9"}) {
    CHECK_MESSAGE(s.ToString().find(part) != std::string::npos, s.ToString());
  }
  // A DB on that bucket: the open fails with all three in its message.
  std::shared_ptr<ObjectStore> store(raw.release());
  skyrocks_test::TempDir tmp;
  auto cloud = ObjectStoreCloudStore("b", store, store, "s3");
  skyrocks_test::CloudDb db;
  skyrocks_test::OpenCloudDb(
      cloud, skyrocks_test::CloudOpts(cloud, "dbs/denied", "dbs/denied"),
      tmp.Sub("db"), &db);
  REQUIRE_FALSE(db.status.ok());
  for (const char* part : {"403", "AccessDenied", "4442587FB7D0A2F9"}) {
    CHECK_MESSAGE(db.status.ToString().find(part) != std::string::npos,
                  db.status.ToString());
  }
}

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
    // Present with someone else's bytes (a single-part ETag, the MD5 of
    // other bytes): we lost the race.
    auto t2 = std::make_shared<CannedS3Transport>(
        std::vector<CannedS3Transport::Answer>{{0, ""}, {200, ""}});
    t2->etag = "0123456789abcdef0123456789abcdef";
    auto store2 = CannedStore(t2);
    CHECK(store2->Put("CLOUDMANIFEST", "v", create).IsIOFenced());
    // Our bytes (ETag = MD5("v")): we won.
    auto t3 = std::make_shared<CannedS3Transport>(
        std::vector<CannedS3Transport::Answer>{{0, ""}, {200, ""}});
    t3->etag = "9e3669d19b675bd57058fd4664205d2a";
    auto store3 = CannedStore(t3);
    CHECK(store3->Put("CLOUDMANIFEST", "v", create).ok());
    // An ETag that is no MD5 (SSE-KMS, multipart): whose bytes cannot be
    // told, so still ambiguous, never a guess.
    auto t4 = std::make_shared<CannedS3Transport>(
        std::vector<CannedS3Transport::Answer>{{0, ""}, {200, ""}});
    s = CannedStore(t4)->Put("CLOUDMANIFEST", "v", create);
    CHECK_FALSE(s.ok());
    CHECK_FALSE(s.IsIOFenced());
    CHECK(s.ToString().find("outcome unknown") != std::string::npos);
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

namespace ROCKSDB_NAMESPACE {

TEST_CASE(
    "s3 store: a server that ignores Range (200, the whole object) still "
    "gives GetRange only the range") {
  auto t = std::make_shared<CannedS3Transport>(
      std::vector<CannedS3Transport::Answer>{{200, "0123456789"},
                                             {200, "0123456789"}});
  auto store = CannedStore(t);
  std::string data;
  REQUIRE(store->GetRange("k", 3, 4, &data).ok());
  CHECK(data == "3456");
  REQUIRE(store->GetRange("k", 12, 4, &data).ok());  // past the end
  CHECK(data.empty());
  CHECK(store->counts().gets == 2);
}

}  // namespace ROCKSDB_NAMESPACE
