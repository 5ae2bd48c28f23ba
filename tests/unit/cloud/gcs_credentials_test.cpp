// GCS application default credentials (cloud/gcs_auth.h) against the fake
// endpoints of tests/support/credentials_test_server.py on 127.0.0.1: the
// GCE metadata server (the Metadata-Flavor header, token expiry and
// refresh), a gcloud authorized_user file found through CLOUDSDK_CONFIG
// (the refresh-token form), the order of the sources and the message when
// none applies. The metadata host is always overridden.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "cloud/gcs_auth.h"
#include "cloud/gcs_store.h"
#include "credentials_server.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

using skyrocks_test::ScopedEnv;

struct GcsCleanEnv {
  explicit GcsCleanEnv(const std::string& dir)
      : e1("GOOGLE_APPLICATION_CREDENTIALS", nullptr),
        e2("CLOUDSDK_CONFIG", dir + "/gcloud"),
        e3("NO_GCE_CHECK", "true"),
        e4("GCE_METADATA_HOST", nullptr),
        e5("STORAGE_EMULATOR_HOST", nullptr) {}
  ScopedEnv e1, e2, e3, e4, e5;
};

RetryOptions GcsNoSleep() {
  RetryOptions r;
  r.sleep = [](uint64_t) {};
  return r;
}

}  // namespace

TEST_CASE("gcs credentials: GCE metadata server, flavor header, refresh") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  GcsCleanEnv env(dir.path());
  ScopedEnv gce("NO_GCE_CHECK", nullptr);
  ScopedEnv host("GCE_METADATA_HOST", server.url().substr(7));  // host:port
  skyrocks_test::TestClock clock;
  std::unique_ptr<GcsTokenSource> tokens;
  REQUIRE(NewGcsDefaultTokenSource(
              NewCurlTransport(HttpTimeouts()), GcsNoSleep(),
              [&clock] { return clock.Now(); }, &tokens)
              .ok());
  CHECK(tokens->Describe().find("GCE metadata server") != std::string::npos);
  std::string token;
  IOStatus s = tokens->Token(&token);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(token == "gce-token-1");  // refused without Metadata-Flavor: Google
  REQUIRE(tokens->Token(&token).ok());
  CHECK(server.Count("gce") == 1);
  clock.offset = 3599 - 30;  // within a minute of expiry
  REQUIRE(tokens->Token(&token).ok());
  CHECK(token == "gce-token-2");
  CHECK(tokens->token_requests() == 2);
}

TEST_CASE("gcs credentials: gcloud authorized_user file, refresh-token grant") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  GcsCleanEnv env(dir.path());
  REQUIRE(mkdir(dir.Sub("gcloud").c_str(), 0700) == 0);
  skyrocks_test::WriteTestFile(
      dir.Sub("gcloud/application_default_credentials.json"),
      "{\"type\": \"authorized_user\", \"client_id\": \"skyrocks-client\", "
      "\"client_secret\": \"client-secret\", \"refresh_token\": "
      "\"1//refresh\", \"token_uri\": \"" +
          server.url() + "/oauth2/token\"}");
  skyrocks_test::TestClock clock;
  auto now = [&clock] { return clock.Now(); };
  std::unique_ptr<GcsTokenSource> tokens;
  REQUIRE(NewGcsDefaultTokenSource(NewCurlTransport(HttpTimeouts()),
                                   GcsNoSleep(), now, &tokens)
              .ok());
  std::string token;
  IOStatus s = tokens->Token(&token);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(token == "user-token-1");
  clock.offset = 3600;
  REQUIRE(tokens->Token(&token).ok());
  CHECK(token == "user-token-2");
  CHECK(server.Count("user") == 2);

  // GOOGLE_APPLICATION_CREDENTIALS comes first; a wrong secret is the
  // endpoint's error, without the secret.
  skyrocks_test::WriteTestFile(
      dir.Sub("other.json"),
      "{\"type\": \"authorized_user\", \"client_id\": \"skyrocks-client\", "
      "\"client_secret\": \"WRONG-SECRET\", \"refresh_token\": \"1//refresh\", "
      "\"token_uri\": \"" +
          server.url() + "/oauth2/token\"}");
  ScopedEnv gac("GOOGLE_APPLICATION_CREDENTIALS", dir.Sub("other.json"));
  REQUIRE(NewGcsDefaultTokenSource(NewCurlTransport(HttpTimeouts()),
                                   GcsNoSleep(), now, &tokens)
              .ok());
  s = tokens->Token(&token);
  CHECK(s.ToString().find("HTTP 400 invalid_grant") != std::string::npos);
  CHECK(s.ToString().find("WRONG-SECRET") == std::string::npos);
}

TEST_CASE("gcs credentials: nothing found names every source") {
  skyrocks_test::TempDir dir;
  GcsCleanEnv env(dir.path());
  GcsStoreOptions o;
  o.bucket = "bkt";
  std::unique_ptr<ObjectStore> store;
  IOStatus s = NewGcsStore(o, &store);
  REQUIRE(s.IsInvalidArgument());
  for (const char* part :
       {"GOOGLE_APPLICATION_CREDENTIALS",
        "application_default_credentials.json", "metadata server",
        "gcloud auth application-default login"}) {
    CHECK_MESSAGE(s.ToString().find(part) != std::string::npos, part);
  }
  GcsAuthorizedUser user;
  CHECK(GcsParseAuthorizedUser("{\"type\":\"service_account\"}", "x", &user)
            .IsInvalidArgument());
  CHECK(GcsParseAuthorizedUser("{\"type\":\"authorized_user\","
                               "\"client_id\":\"c\"}",
                               "x", &user)
            .IsInvalidArgument());
}

}  // namespace ROCKSDB_NAMESPACE
