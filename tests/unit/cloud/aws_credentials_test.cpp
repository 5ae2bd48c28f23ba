// AWS credential sources (cloud/aws_credentials.h) against the fake
// endpoints of tests/support/credentials_test_server.py on 127.0.0.1:
// IMDSv2 (token PUT with its TTL header, then the role and its
// credentials with the token), ECS/EKS container credentials with the
// authorization token, STS AssumeRole (the server checks the SigV4
// signature of the source profile) and AssumeRoleWithWebIdentity
// (unsigned), credential_process, refresh before expiry (a test clock
// jumps), the S3 store signing with refreshed credentials, anonymous
// requests, addressing, TLS and retry settings, and the message when no
// source has credentials. 169.254.x.x is never contacted: every endpoint
// is overridden.
#include "cloud/aws_credentials.h"

#include <doctest/doctest.h>

#include <mutex>
#include <vector>

#include "cloud/s3_store.h"
#include "credentials_server.h"
#include "rocksdb/cloud/cloud_file_system.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

using skyrocks_test::ScopedEnv;

// Every AWS variable the chain reads, cleared for one test; files point
// into dir (absent unless the test writes them).
struct AwsCleanEnv {
  explicit AwsCleanEnv(const std::string& dir)
      : e1("AWS_ACCESS_KEY_ID", nullptr),
        e2("AWS_SECRET_ACCESS_KEY", nullptr),
        e3("AWS_SESSION_TOKEN", nullptr),
        e4("AWS_WEB_IDENTITY_TOKEN_FILE", nullptr),
        e5("AWS_ROLE_ARN", nullptr),
        e6("AWS_ROLE_SESSION_NAME", nullptr),
        e7("AWS_PROFILE", nullptr),
        e8("AWS_SHARED_CREDENTIALS_FILE", dir + "/credentials"),
        e9("AWS_CONFIG_FILE", dir + "/config"),
        e10("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", nullptr),
        e11("AWS_CONTAINER_CREDENTIALS_FULL_URI", nullptr),
        e12("AWS_CONTAINER_AUTHORIZATION_TOKEN", nullptr),
        e13("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", nullptr),
        e14("AWS_EC2_METADATA_DISABLED", "true"),
        e15("AWS_EC2_METADATA_SERVICE_ENDPOINT", nullptr),
        e16("AWS_ENDPOINT_URL_STS", nullptr),
        e17("AWS_ENDPOINT_URL", nullptr),
        e18("AWS_ENDPOINT_URL_S3", nullptr) {}
  ScopedEnv e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15,
      e16, e17, e18;
};

AwsCredentialsOptions AwsTestOptions(skyrocks_test::TestClock* clock) {
  AwsCredentialsOptions o;
  o.transport = NewCurlTransport(HttpTimeouts());
  o.retry.sleep = [](uint64_t) {};
  o.now = [clock] { return clock->Now(); };
  return o;
}

}  // namespace

TEST_CASE("aws credentials: EC2 IMDSv2, token header, refresh before expiry") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  AwsCleanEnv env(dir.path());
  ScopedEnv on("AWS_EC2_METADATA_DISABLED", nullptr);
  ScopedEnv ep("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url() + "/");
  skyrocks_test::TestClock clock;
  std::unique_ptr<AwsCredentialsProvider> p;
  REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
  CHECK(p->Describe().find("EC2 instance metadata") != std::string::npos);
  AwsCredentials c;
  IOStatus s = p->Get(&c);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  // The server answers the role only with the token its PUT handed out.
  CHECK(c.access_key_id == "ASIAIMDS1");
  CHECK(c.secret_access_key == "secret-1");
  CHECK(c.session_token == "session-1");
  REQUIRE(p->Get(&c).ok());  // cached
  CHECK(c.access_key_id == "ASIAIMDS1");
  CHECK(server.Count("imds-token") == 1);
  CHECK(server.Count("imds") == 1);
  clock.offset = 3600 - 400;  // 6 minutes before expiry: still fine
  REQUIRE(p->Get(&c).ok());
  CHECK(c.access_key_id == "ASIAIMDS1");
  clock.offset = 3600 - 200;  // within 5 minutes of it: refreshed
  REQUIRE(p->Get(&c).ok());
  CHECK(c.access_key_id == "ASIAIMDS2");
  CHECK(server.Count("imds-token") == 2);
  CHECK(p->fetches() == 2);
}

TEST_CASE("aws credentials: IMDS disabled or unreachable names every source") {
  skyrocks_test::TempDir dir;
  AwsCleanEnv env(dir.path());
  skyrocks_test::TestClock clock;
  std::unique_ptr<AwsCredentialsProvider> p;
  IOStatus s = NewAwsCredentialsProvider(AwsTestOptions(&clock), &p);
  REQUIRE(s.IsInvalidArgument());
  const std::string m = s.ToString();
  MESSAGE(m);
  for (const char* part :
       {"no AWS credentials", "AWS_ACCESS_KEY_ID",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "profile 'default'",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_EC2_METADATA_DISABLED",
        "set AWS_ACCESS_KEY_ID"}) {
    CHECK_MESSAGE(m.find(part) != std::string::npos, part);
  }
  // Enabled but nothing answers: the same list, with the IMDS error.
  ScopedEnv on("AWS_EC2_METADATA_DISABLED", "false");
  ScopedEnv ep("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1");
  REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
  AwsCredentials c;
  s = p->Get(&c);
  REQUIRE_FALSE(s.ok());
  CHECK(s.ToString().find("profile 'default'") != std::string::npos);
  CHECK(s.ToString().find("IMDSv2) at http://127.0.0.1:1") !=
        std::string::npos);
  // So does the S3 store, at open.
  S3StoreOptions so;
  so.bucket = "b";
  so.endpoint = "http://127.0.0.1:1";
  so.retry.sleep = [](uint64_t) {};
  std::unique_ptr<ObjectStore> store;
  s = NewS3Store(so, &store);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("no AWS credentials") != std::string::npos);
}

TEST_CASE("aws credentials: ECS/EKS container credentials with a token file") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  AwsCleanEnv env(dir.path());
  ScopedEnv full("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                 server.url() + "/ecs/credentials");
  skyrocks_test::WriteTestFile(dir.Sub("token"), "ecs-auth-token\n");
  ScopedEnv tf("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", dir.Sub("token"));
  skyrocks_test::TestClock clock;
  std::unique_ptr<AwsCredentialsProvider> p;
  REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
  AwsCredentials c;
  IOStatus s = p->Get(&c);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(c.access_key_id == "ASIAECS1");
  // The token file is read again at the refresh (EKS rotates it).
  skyrocks_test::WriteTestFile(dir.Sub("token"), "rotated-wrong");
  // A failed refresh while the credentials are still valid: they are
  // used, and the endpoint is asked again only 30 s later.
  clock.offset = 3600 - 200;
  REQUIRE(p->Get(&c).ok());
  CHECK(c.access_key_id == "ASIAECS1");
  CHECK(p->fetches() == 2);
  REQUIRE(p->Get(&c).ok());
  CHECK(p->fetches() == 2);
  clock.offset = 3600 - 160;
  REQUIRE(p->Get(&c).ok());
  CHECK(p->fetches() == 3);
  clock.offset = 3600;
  s = p->Get(&c);
  CHECK_FALSE(s.ok());  // expired and refused: no stale credentials
  CHECK(s.ToString().find("HTTP 401") != std::string::npos);
  skyrocks_test::WriteTestFile(dir.Sub("token"), "ecs-auth-token");
  REQUIRE(p->Get(&c).ok());
  CHECK(c.access_key_id == "ASIAECS2");
  {
    // A plain token variable works as well; kInstance (RocksDB-Cloud's
    // "instance") takes the container first.
    ScopedEnv tf2("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", nullptr);
    ScopedEnv tok("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ecs-auth-token");
    ScopedEnv key("AWS_ACCESS_KEY_ID", "AKIAENV");
    ScopedEnv sec("AWS_SECRET_ACCESS_KEY", "envsecret");
    AwsCredentialsOptions o = AwsTestOptions(&clock);
    o.mode = AwsCredentialsOptions::Mode::kInstance;
    REQUIRE(NewAwsCredentialsProvider(o, &p).ok());
    REQUIRE(p->Get(&c).ok());
    CHECK(c.access_key_id == "ASIAECS3");
  }
  // The relative URI is the ECS agent's link-local address (not fetched).
  ScopedEnv off("AWS_CONTAINER_CREDENTIALS_FULL_URI", nullptr);
  ScopedEnv rel("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/x");
  REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
  CHECK(p->Describe() ==
        "container credentials http://169.254.170.2/v2/credentials/x");
}

TEST_CASE("aws credentials: assume-role profile, SigV4-signed STS call") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  AwsCleanEnv env(dir.path());
  ScopedEnv sts("AWS_ENDPOINT_URL_STS", server.url());
  ScopedEnv profile("AWS_PROFILE", "app");
  skyrocks_test::WriteTestFile(dir.Sub("credentials"),
                               "[base]\naws_access_key_id = AKIASOURCE\n"
                               "aws_secret_access_key = source-secret\n"
                               "[wrong]\naws_access_key_id = AKIASOURCE\n"
                               "aws_secret_access_key = not-the-secret\n");
  skyrocks_test::WriteTestFile(
      dir.Sub("config"),
      "[profile app]\nrole_arn = arn:aws:iam::123456789012:role/app\n"
      "source_profile = base\nrole_session_name = skyrocks-test\n"
      "[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/two\n"
      "source_profile = app\n"
      "[profile bad]\nrole_arn = arn:aws:iam::123456789012:role/app\n"
      "source_profile = wrong\n"
      "[profile orphan]\nrole_arn = arn:aws:iam::123456789012:role/app\n");
  skyrocks_test::TestClock clock;
  std::unique_ptr<AwsCredentialsProvider> p;
  REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
  AwsCredentials c;
  IOStatus s = p->Get(&c);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(c.access_key_id == "ASIAROLE1");
  CHECK(c.session_token == "session-1");
  clock.offset = 3600 - 60;
  REQUIRE(p->Get(&c).ok());
  CHECK(c.access_key_id == "ASIAROLE2");
  CHECK(server.Count("sts") == 2);
  {
    // A role whose source is a role: two AssumeRole calls, the second
    // signed with the first's session credentials (which the fake
    // refuses, not knowing them: the signature it checks is the source's).
    ScopedEnv pr("AWS_PROFILE", "chained");
    REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
    s = p->Get(&c);
    CHECK(s.ToString().find("bad credential scope ASIAROLE3/") !=
          std::string::npos);
  }
  {
    ScopedEnv pr("AWS_PROFILE", "bad");
    REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
    s = p->Get(&c);
    CHECK_FALSE(s.ok());
    CHECK(s.ToString().find("HTTP 403: signature does not match") !=
          std::string::npos);
    CHECK(s.ToString().find("not-the-secret") == std::string::npos);
  }
  ScopedEnv pr("AWS_PROFILE", "orphan");
  s = NewAwsCredentialsProvider(AwsTestOptions(&clock), &p);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("neither source_profile") != std::string::npos);
}

TEST_CASE("aws credentials: web identity, unsigned STS call, token re-read") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  AwsCleanEnv env(dir.path());
  ScopedEnv sts("AWS_ENDPOINT_URL_STS", server.url());
  skyrocks_test::WriteTestFile(dir.Sub("jwt"), "eyJhbGciOi.fake.jwt\n");
  ScopedEnv tf("AWS_WEB_IDENTITY_TOKEN_FILE", dir.Sub("jwt"));
  ScopedEnv role("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/pod");
  ScopedEnv sess("AWS_ROLE_SESSION_NAME", "pod-1");
  skyrocks_test::TestClock clock;
  std::unique_ptr<AwsCredentialsProvider> p;
  REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
  AwsCredentials c;
  IOStatus s = p->Get(&c);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(c.access_key_id == "ASIAWEB1");
  skyrocks_test::WriteTestFile(dir.Sub("jwt"), "not-a-jwt");
  clock.offset = 4000;
  s = p->Get(&c);
  CHECK(s.ToString().find("HTTP 403: bad token") != std::string::npos);
}

TEST_CASE("aws credentials: credential_process, Expiration and refresh") {
  skyrocks_test::TempDir dir;
  AwsCleanEnv env(dir.path());
  // The command counts its runs in a file and prints JSON.
  skyrocks_test::WriteTestFile(
      dir.Sub("creds.sh"),
      "echo run >> " + dir.Sub("runs") + "\nn=$(wc -l < " + dir.Sub("runs") +
          ")\nprintf '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROC%d\", "
          "\"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", "
          "\"Expiration\": \"2030-01-01T00:00:00Z\"}' $n\n");
  skyrocks_test::WriteTestFile(
      dir.Sub("config"),
      "[default]\ncredential_process = sh " + dir.Sub("creds.sh") +
          "\n[profile failing]\ncredential_process = sh -c 'exit 3'\n");
  skyrocks_test::TestClock clock;
  std::unique_ptr<AwsCredentialsProvider> p;
  REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
  AwsCredentials c;
  IOStatus s = p->Get(&c);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(c.access_key_id == "ASIAPROC1");
  CHECK(c.session_token == "t");
  REQUIRE(p->Get(&c).ok());
  CHECK(c.access_key_id == "ASIAPROC1");
  const int64_t expiry = 1893456000;  // 2030-01-01
  clock.offset = expiry - 100 - static_cast<int64_t>(time(nullptr));
  REQUIRE(p->Get(&c).ok());
  CHECK(c.access_key_id == "ASIAPROC2");
  ScopedEnv pr("AWS_PROFILE", "failing");
  REQUIRE(NewAwsCredentialsProvider(AwsTestOptions(&clock), &p).ok());
  s = p->Get(&c);
  CHECK(s.ToString().find("credential_process of profile 'failing'") !=
        std::string::npos);
  CHECK(s.ToString().find("exited with status") != std::string::npos);
}

TEST_CASE("aws credentials: the answers' parsers") {
  AwsCredentials c;
  int64_t e = -1;
  REQUIRE(AwsParseJsonCredentials(
              "{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}", "x", &c, &e)
              .ok());
  CHECK(e == 0);  // no Expiration: never expires
  CHECK(c.session_token.empty());
  IOStatus s = AwsParseJsonCredentials(
      "{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"TOPSECRET\","
      "\"Expiration\":\"soon\"}",
      "src", &c, &e);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("TOPSECRET") == std::string::npos);
  CHECK(AwsParseJsonCredentials("[1]", "x", &c, &e).IsInvalidArgument());
  CHECK(AwsParseJsonCredentials("{\"AccessKeyId\":\"A\"}", "x", &c, &e)
            .IsInvalidArgument());
  REQUIRE(AwsParseStsCredentials(
              "<R><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>"
              "S</SecretAccessKey><SessionToken>T</SessionToken><Expiration>"
              "2026-12-07T12:00:00Z</Expiration></Credentials></R>",
              "x", &c, &e)
              .ok());
  CHECK(e == 1796644800);
  CHECK(c.session_token == "T");
  CHECK(AwsParseStsCredentials("<R/>", "x", &c, &e).IsInvalidArgument());
  CHECK(AwsParseStsCredentials("<<<", "x", &c, &e).IsInvalidArgument());
}

namespace {

// Credential requests to the fake endpoints; S3 requests recorded and
// answered 404 (enough to see how each was signed).
class AwsRecordingTransport : public HttpTransport {
 public:
  AwsRecordingTransport() : curl_(NewCurlTransport(HttpTimeouts())) {}
  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    if (req.url.find("/latest/") != std::string::npos) {
      return curl_->Send(req, resp);
    }
    std::lock_guard<std::mutex> l(mu_);
    auto it = req.headers.find("Authorization");
    if (it == req.headers.end()) it = req.headers.find("authorization");
    auths_.push_back(it == req.headers.end() ? "" : it->second);
    urls_.push_back(req.url);
    resp->status = 404;
    return IOStatus::OK();
  }
  std::vector<std::string> auths() {
    std::lock_guard<std::mutex> l(mu_);
    return auths_;
  }
  std::vector<std::string> urls() {
    std::lock_guard<std::mutex> l(mu_);
    return urls_;
  }

 private:
  std::unique_ptr<HttpTransport> curl_;
  std::mutex mu_;
  std::vector<std::string> auths_, urls_;
};

}  // namespace

TEST_CASE("aws credentials: the S3 store signs with refreshed credentials") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  AwsCleanEnv env(dir.path());
  ScopedEnv on("AWS_EC2_METADATA_DISABLED", nullptr);
  ScopedEnv ep("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url());
  skyrocks_test::TestClock clock;
  auto t = std::make_shared<AwsRecordingTransport>();
  S3StoreOptions o;
  o.bucket = "bkt";
  o.endpoint = "http://s3.test";
  o.transport = t;
  o.now = [&clock] { return clock.Now(); };
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewS3Store(o, &store).ok());
  std::string got;
  CHECK(store->Get("k", &got).IsNotFound());
  clock.offset = 3600;
  CHECK(store->Get("k", &got).IsNotFound());
  auto auths = t->auths();
  REQUIRE(auths.size() == 2);
  CHECK(auths[0].find("Credential=ASIAIMDS1/") != std::string::npos);
  CHECK(auths[1].find("Credential=ASIAIMDS2/") != std::string::npos);
  // RocksDB-Cloud's "anonymous": unsigned.
  o.credentials_mode = AwsCredentialsOptions::Mode::kAnonymous;
  REQUIRE(NewS3Store(o, &store).ok());
  CHECK(store->Get("k", &got).IsNotFound());
  auths = t->auths();
  REQUIRE(auths.size() == 3);
  CHECK(auths[2].empty());
}

TEST_CASE("aws credentials: S3 addressing, CA bundle and retry settings") {
  skyrocks_test::TempDir dir;
  AwsCleanEnv env(dir.path());
  ScopedEnv key("AWS_ACCESS_KEY_ID", "AKIA");
  ScopedEnv sec("AWS_SECRET_ACCESS_KEY", "s");
  ScopedEnv reg("AWS_REGION", "eu-west-1");
  ScopedEnv ca("AWS_CA_BUNDLE", "/etc/ssl/custom.pem");
  ScopedEnv mode("AWS_RETRY_MODE", nullptr);
  ScopedEnv att("AWS_MAX_ATTEMPTS", nullptr);
  S3StoreOptions o;
  o.bucket = "my.dotted.bucket";
  S3ResolvedConfig c;
  REQUIRE(ResolveS3Config(o, &c).ok());
  CHECK(c.path_style);  // a dotted name over https: path-style
  CHECK(c.endpoint == "https://s3.eu-west-1.amazonaws.com");
  CHECK(c.ca_bundle == "/etc/ssl/custom.pem");
  CHECK(c.retry.max_attempts == RetryOptions().max_attempts);
  o.addressing_style = S3AddressingStyle::kVirtual;
  REQUIRE(ResolveS3Config(o, &c).ok());
  CHECK_FALSE(c.path_style);
  CHECK(c.host == "my.dotted.bucket.s3.eu-west-1.amazonaws.com");
  o.bucket = "plain";
  o.addressing_style = S3AddressingStyle::kPath;
  REQUIRE(ResolveS3Config(o, &c).ok());
  CHECK(c.path_style);
  CHECK(c.host == "s3.eu-west-1.amazonaws.com");
  o.addressing_style = S3AddressingStyle::kAuto;
  REQUIRE(ResolveS3Config(o, &c).ok());
  CHECK_FALSE(c.path_style);
  o.endpoint = "http://127.0.0.1:9000";
  o.addressing_style = S3AddressingStyle::kVirtual;
  REQUIRE(ResolveS3Config(o, &c).ok());
  CHECK(c.endpoint == "http://plain.127.0.0.1:9000");
  {
    ScopedEnv m("AWS_RETRY_MODE", "standard");
    REQUIRE(ResolveS3Config(o, &c).ok());
    CHECK(c.retry.max_attempts == 3);
    CHECK(c.retry.max_delay_micros == 20000000);
    ScopedEnv a("AWS_MAX_ATTEMPTS", "6");
    REQUIRE(ResolveS3Config(o, &c).ok());
    CHECK(c.retry.max_attempts == 6);
    ScopedEnv m2("AWS_RETRY_MODE", "legacy");
    ScopedEnv a2("AWS_MAX_ATTEMPTS", nullptr);
    REQUIRE(ResolveS3Config(o, &c).ok());
    CHECK(c.retry.max_attempts == 5);
    o.retry.max_attempts = 2;  // explicit options win
    REQUIRE(ResolveS3Config(o, &c).ok());
    CHECK(c.retry.max_attempts == 2);
  }
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

TEST_CASE("aws credentials: RocksDB-Cloud's access types are honoured") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  AwsCleanEnv env(dir.path());
  ScopedEnv key("AWS_ACCESS_KEY_ID", "AKIAENV");
  ScopedEnv sec("AWS_SECRET_ACCESS_KEY", "envsecret");
  auto open = [&](AwsAccessType type, const std::string& config_file) {
    CloudFileSystemOptions o;
    o.dest_bucket.SetBucketName("bkt", "");
    o.dest_bucket.SetObjectPath("db");
    o.create_bucket_if_missing = false;
    o.endpoint_override = "http://127.0.0.1:1";
    o.credentials.type = type;
    o.credentials.config_file = config_file;
    CloudFileSystem* cfs = nullptr;
    Status s = CloudFileSystemEnv::NewAwsFileSystem(nullptr, o, nullptr, &cfs);
    delete cfs;
    return s;
  };
  // kInstance: the instance or task role only, never the keys beside it.
  Status s = open(AwsAccessType::kInstance, "");
  CHECK(s.ToString().find("no AWS credentials") != std::string::npos);
  {
    ScopedEnv full("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                   server.url() + "/ecs/credentials");
    ScopedEnv tok("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ecs-auth-token");
    s = open(AwsAccessType::kInstance, "");
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    CHECK(server.Count("ecs") == 1);
    REQUIRE(open(AwsAccessType::kTaskRole, "").ok());
    CHECK(server.Count("ecs") == 2);
  }
  // kConfig: the profile of the named credentials file only.
  s = open(AwsAccessType::kConfig, dir.Sub("absent"));
  CHECK(s.ToString().find(dir.Sub("absent")) != std::string::npos);
  skyrocks_test::WriteTestFile(dir.Sub("creds"),
                               "[default]\naws_access_key_id = AKIAFILE\n"
                               "aws_secret_access_key = filesecret\n");
  CHECK(open(AwsAccessType::kConfig, dir.Sub("creds")).ok());
  // kAnonymous: nothing needed.
  ScopedEnv nokey("AWS_ACCESS_KEY_ID", nullptr);
  CHECK(open(AwsAccessType::kAnonymous, "").ok());
  CHECK_FALSE(open(AwsAccessType::kEnvironment, "").ok());
}

}  // namespace ROCKSDB_NAMESPACE
