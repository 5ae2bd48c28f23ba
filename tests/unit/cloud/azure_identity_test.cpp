// Azure Entra ID tokens (cloud/azure_identity.h) against the fake endpoints
// of tests/support/credentials_test_server.py on 127.0.0.1: VM managed
// identity (the Metadata header, api-version, resource, a user-assigned
// client id, expires_in as a string, refresh before expiry), App Service
// (X-IDENTITY-HEADER), workload identity (the client_credentials form with
// the federated token as client_assertion, re-read at each refresh), and
// the store sending "Authorization: Bearer" with a recent x-ms-version.
// The IMDS address is always overridden.
#include "cloud/azure_identity.h"

#include <doctest/doctest.h>

#include "cloud/azure_store.h"
#include "credentials_server.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

using skyrocks_test::ScopedEnv;

struct AzureCleanEnv {
  AzureCleanEnv()
      : e1("AZURE_CLIENT_ID", nullptr),
        e2("AZURE_FEDERATED_TOKEN_FILE", nullptr),
        e3("AZURE_TENANT_ID", nullptr),
        e4("AZURE_AUTHORITY_HOST", nullptr),
        e5("IDENTITY_ENDPOINT", nullptr),
        e6("IDENTITY_HEADER", nullptr),
        e7("AZURE_STORAGE_AUTH_MODE", nullptr),
        e8("AZURE_POD_IDENTITY_AUTHORITY_HOST", nullptr),
        e9("AZURE_STORAGE_CONNECTION_STRING", nullptr),
        e10("AZURE_STORAGE_ACCOUNT", nullptr),
        e11("AZURE_STORAGE_KEY", nullptr),
        e12("AZURE_STORAGE_SAS_TOKEN", nullptr) {}
  ScopedEnv e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12;
};

AzureIdentityOptions AzureTestOptions(skyrocks_test::TestClock* clock) {
  AzureIdentityOptions o;
  o.transport = NewCurlTransport(HttpTimeouts());
  o.retry.sleep = [](uint64_t) {};
  o.now = [clock] { return clock->Now(); };
  return o;
}

}  // namespace

TEST_CASE("azure identity: VM managed identity, Metadata header, refresh") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  AzureCleanEnv env;
  skyrocks_test::TestClock clock;
  AzureIdentityOptions o = AzureTestOptions(&clock);
  std::unique_ptr<GcsTokenSource> tokens;
  REQUIRE(NewAzureIdentityTokenSource(o, &tokens).ok());
  CHECK(tokens == nullptr);  // nothing configured: anonymous, as before
  ScopedEnv login("AZURE_STORAGE_AUTH_MODE", "login");
  ScopedEnv host("AZURE_POD_IDENTITY_AUTHORITY_HOST", server.url());
  REQUIRE(NewAzureIdentityTokenSource(o, &tokens).ok());
  REQUIRE(tokens != nullptr);
  std::string token;
  IOStatus s = tokens->Token(&token);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(token == "azure-mi-1");  // expires_in came as a string
  REQUIRE(tokens->Token(&token).ok());
  CHECK(server.Count("azure-mi") == 1);
  clock.offset = 3600;
  REQUIRE(tokens->Token(&token).ok());
  CHECK(token == "azure-mi-2");
  // A user-assigned identity is named by its client id.
  ScopedEnv id("AZURE_CLIENT_ID", "user-assigned-1");
  REQUIRE(NewAzureIdentityTokenSource(o, &tokens).ok());
  REQUIRE(tokens->Token(&token).ok());
  CHECK(token == "azure-mi-user-assigned-1-3");
  CHECK(tokens->Describe() == "VM managed identity (client user-assigned-1)");
}

TEST_CASE("azure identity: App Service identity header") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  AzureCleanEnv env;
  skyrocks_test::TestClock clock;
  ScopedEnv ep("IDENTITY_ENDPOINT", server.url() + "/msi/token");
  ScopedEnv hdr("IDENTITY_HEADER", "app-service-secret");
  std::unique_ptr<GcsTokenSource> tokens;
  REQUIRE(NewAzureIdentityTokenSource(AzureTestOptions(&clock), &tokens).ok());
  std::string token;
  IOStatus s = tokens->Token(&token);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(token == "azure-app-1");
  ScopedEnv wrong("IDENTITY_HEADER", "wrong");
  REQUIRE(NewAzureIdentityTokenSource(AzureTestOptions(&clock), &tokens).ok());
  s = tokens->Token(&token);
  CHECK(s.ToString().find("HTTP 400 invalid_request") != std::string::npos);
}

TEST_CASE("azure identity: workload identity, assertion re-read, store") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CredentialsServer server(dir.path());
  REQUIRE(server.running());
  AzureCleanEnv env;
  skyrocks_test::TestClock clock;
  skyrocks_test::WriteTestFile(dir.Sub("fed"), "eyJfederated.token\n");
  ScopedEnv f("AZURE_FEDERATED_TOKEN_FILE", dir.Sub("fed"));
  ScopedEnv c("AZURE_CLIENT_ID", "wi-client");
  ScopedEnv t("AZURE_TENANT_ID", "wi-tenant");
  ScopedEnv a("AZURE_AUTHORITY_HOST", server.url() + "/");
  std::unique_ptr<GcsTokenSource> tokens;
  REQUIRE(NewAzureIdentityTokenSource(AzureTestOptions(&clock), &tokens).ok());
  std::string token;
  IOStatus s = tokens->Token(&token);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(token == "azure-wi-1");
  skyrocks_test::WriteTestFile(dir.Sub("fed"), "rotated-but-not-a-jwt");
  clock.offset = 3600;
  s = tokens->Token(&token);
  CHECK(s.ToString().find("invalid_client") != std::string::npos);
  CHECK(s.ToString().find("rotated-but-not-a-jwt") == std::string::npos);
  skyrocks_test::WriteTestFile(dir.Sub("fed"), "eyJrotated");

  // The store: no key or SAS, so Bearer tokens (the fake blob endpoint
  // refuses anything else, and x-ms-version before 2017-11-09).
  AzureStoreOptions so;
  so.container = "cont";
  so.endpoint = server.url() + "/acct";
  so.retry.sleep = [](uint64_t) {};
  so.now = [&clock] { return clock.Now(); };
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewAzureStore(so, &store).ok());
  std::string got;
  s = store->Get("some/key", &got);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(got == "blob");
  so.api_version = "2017-04-17";
  REQUIRE(NewAzureStore(so, &store).ok());
  CHECK(store->Get("some/key", &got).ToString().find("HTTP 401") !=
        std::string::npos);
  ScopedEnv bad("AZURE_TENANT_ID", nullptr);
  CHECK(NewAzureStore(so, &store).IsInvalidArgument());
}

}  // namespace ROCKSDB_NAMESPACE
