// Microsoft Entra ID bearer tokens for the Azure store, where neither an
// account key nor a SAS is configured, found as Azure's SDKs find them:
//   1. workload identity (AKS): AZURE_FEDERATED_TOKEN_FILE + AZURE_CLIENT_ID
//      + AZURE_TENANT_ID: POST AZURE_AUTHORITY_HOST (default
//      https://login.microsoftonline.com/) TENANT/oauth2/v2.0/token with
//      grant_type=client_credentials, client_id, client_assertion_type
//      (jwt-bearer), client_assertion (the file, read at each refresh) and
//      scope=https://storage.azure.com/.default;
//   2. App Service / Functions managed identity: IDENTITY_ENDPOINT +
//      IDENTITY_HEADER: GET IDENTITY_ENDPOINT?api-version=2019-08-01&
//      resource=https://storage.azure.com/ with X-IDENTITY-HEADER;
//   3. VM managed identity when asked for (options, or
//      AZURE_STORAGE_AUTH_MODE=login as the az CLI's --auth-mode login):
//      GET http://169.254.169.254/metadata/identity/oauth2/token?
//      api-version=2018-02-01&resource=https://storage.azure.com/ with
//      Metadata: true (host: options, else
//      AZURE_POD_IDENTITY_AUTHORITY_HOST).
// AZURE_CLIENT_ID picks a user-assigned identity in 2 and 3 (client_id=).
// Tokens are cached and refreshed a minute before expiry (cloud/
// gcs_auth.h's bearer source: thread-safe, one request for all waiters);
// the store sends them as "Authorization: Bearer" with x-ms-version
// 2017-11-09 or later. Errors name the endpoint and client id, never a
// token or assertion.
#ifndef SKYROCKS_CLOUD_AZURE_IDENTITY_H_
#define SKYROCKS_CLOUD_AZURE_IDENTITY_H_

#include <functional>
#include <memory>
#include <string>

#include "cloud/gcs_auth.h"
#include "cloud/http.h"

namespace ROCKSDB_NAMESPACE {

struct AzureIdentityOptions {
  bool managed_identity = false;  // also AZURE_STORAGE_AUTH_MODE=login
  std::string imds_endpoint;      // "" : see above
  std::shared_ptr<HttpTransport> transport;
  RetryOptions retry;
  std::function<int64_t()> now;
};

// *tokens is left empty when no identity is configured (the store then
// sends anonymous requests, as before).
IOStatus NewAzureIdentityTokenSource(const AzureIdentityOptions& options,
                                     std::unique_ptr<GcsTokenSource>* tokens);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_AZURE_IDENTITY_H_
