// Azure identity token sources; contract in cloud/azure_identity.h.
#include "cloud/azure_identity.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "cloud/sigv4.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

constexpr const char* kAzureStorageResource = "https://storage.azure.com/";

std::string AzureIdTrimSlash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

IOStatus NewAzureIdentityTokenSource(const AzureIdentityOptions& options,
                                     std::unique_ptr<GcsTokenSource>* tokens) {
  tokens->reset();
  const std::string client_id = GetEnvString("AZURE_CLIENT_ID");
  const std::string token_file = GetEnvString("AZURE_FEDERATED_TOKEN_FILE");
  const std::string tenant = GetEnvString("AZURE_TENANT_ID");
  if (!token_file.empty()) {
    if (client_id.empty() || tenant.empty()) {
      return IOStatus::InvalidArgument(
          "Azure workload identity: AZURE_FEDERATED_TOKEN_FILE is set but "
          "AZURE_CLIENT_ID or AZURE_TENANT_ID is not");
    }
    std::string authority = GetEnvString("AZURE_AUTHORITY_HOST");
    if (authority.empty()) authority = "https://login.microsoftonline.com";
    const std::string url = AzureIdTrimSlash(authority) + "/" +
                            AwsUriEncode(tenant, false) + "/oauth2/v2.0/token";
    auto build = [url, client_id, token_file](int64_t, HttpRequest* req) {
      std::ifstream f(token_file, std::ios::binary);
      std::string assertion((std::istreambuf_iterator<char>(f)),
                            std::istreambuf_iterator<char>());
      while (!assertion.empty() &&
             isspace(static_cast<unsigned char>(assertion.back()))) {
        assertion.pop_back();
      }
      if (!f.good() && !f.eof()) assertion.clear();
      if (assertion.empty()) {
        return IOStatus::InvalidArgument(
            "Azure workload identity: cannot read AZURE_FEDERATED_TOKEN_FILE",
            token_file);
      }
      req->method = "POST";
      req->url = url;
      req->headers["Content-Type"] = "application/x-www-form-urlencoded";
      req->body =
          "grant_type=client_credentials&client_id=" +
          AwsUriEncode(client_id, false) + "&client_assertion_type=" +
          AwsUriEncode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                       false) +
          "&client_assertion=" + AwsUriEncode(assertion, false) +
          "&scope=" + AwsUriEncode("https://storage.azure.com/.default", false);
      return IOStatus::OK();
    };
    *tokens = NewBearerTokenSource(
        "Azure workload identity token request for client " + client_id +
            " to " + url,
        "workload identity of client " + client_id, build, options.transport,
        options.retry, options.now);
    return IOStatus::OK();
  }
  const std::string identity_endpoint = GetEnvString("IDENTITY_ENDPOINT");
  const std::string identity_header = GetEnvString("IDENTITY_HEADER");
  const std::string mode =
      ToLowerAscii(GetEnvString("AZURE_STORAGE_AUTH_MODE"));
  const bool app_service =
      !identity_endpoint.empty() && !identity_header.empty();
  if (!app_service && !options.managed_identity && mode != "login") {
    return IOStatus::OK();
  }
  std::string url;
  if (app_service) {
    url = identity_endpoint + "?api-version=2019-08-01";
  } else {
    std::string host = options.imds_endpoint;
    if (host.empty()) host = GetEnvString("AZURE_POD_IDENTITY_AUTHORITY_HOST");
    if (host.empty()) host = "http://169.254.169.254";
    url = AzureIdTrimSlash(host) +
          "/metadata/identity/oauth2/token?api-version=2018-02-01";
  }
  url += "&resource=" + AwsUriEncode(kAzureStorageResource, false);
  if (!client_id.empty()) url += "&client_id=" + AwsUriEncode(client_id, false);
  auto build = [url, app_service, identity_header](int64_t, HttpRequest* req) {
    req->method = "GET";
    req->url = url;
    if (app_service) {
      req->headers["X-IDENTITY-HEADER"] = identity_header;
    } else {
      req->headers["Metadata"] = "true";
    }
    return IOStatus::OK();
  };
  const std::string which =
      std::string(app_service ? "App Service" : "VM") + " managed identity" +
      (client_id.empty() ? "" : " (client " + client_id + ")");
  *tokens =
      NewBearerTokenSource(which + " token request to " + url, which, build,
                           options.transport, options.retry, options.now);
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
