// Where the GCS store's bearer tokens come from: a fixed token, none (the
// emulator), application default credentials (below: a gcloud user's
// refresh token, the GCE metadata server), or a service account's OAuth 2.0
// JWT-bearer flow: a JWT
// {iss: client_email, scope, aud: token_uri, iat, exp = iat + 1 h} signed
// RS256 with the account's private key (util/crypto.h) is POSTed to the
// account's token_uri (grant_type=urn:ietf:params:oauth:grant-type:
// jwt-bearer), and the access_token it answers is cached until shortly
// before its expires_in runs out.
//
// Secrets (tokens, the private key, the signed assertion) never appear in
// an error message; errors name the service account's email and the token
// endpoint instead. Token sources are thread-safe: concurrent callers of an
// expired service-account source wait for one token request.
#ifndef SKYROCKS_CLOUD_GCS_AUTH_H_
#define SKYROCKS_CLOUD_GCS_AUTH_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "cloud/http.h"

namespace ROCKSDB_NAMESPACE {

// The OAuth scope the store asks for.
constexpr const char* kGcsReadWriteScope =
    "https://www.googleapis.com/auth/devstorage.read_write";

// What the store uses of a service-account key file.
struct GcsServiceAccount {
  std::string client_email;
  std::string private_key;  // PEM
  std::string private_key_id;
  std::string token_uri;  // default https://oauth2.googleapis.com/token
};

// Reads a service-account key file (JSON, "type": "service_account").
// InvalidArgument naming the file (never its secrets) when it is not one.
IOStatus GcsReadServiceAccountFile(const std::string& path,
                                   GcsServiceAccount* account);
// The same from JSON text; `source` names it in errors.
IOStatus GcsParseServiceAccount(const std::string& json,
                                const std::string& source,
                                GcsServiceAccount* account);

// The signed JWT assertion (header.claims.signature, base64url) for a
// token request at `now` (seconds since the epoch).
IOStatus GcsServiceAccountJwt(const GcsServiceAccount& account,
                              const std::string& scope, int64_t now,
                              std::string* jwt);

class GcsTokenSource {
 public:
  virtual ~GcsTokenSource() = default;
  // The bearer token for the next request; "" means send no Authorization.
  virtual IOStatus Token(std::string* token) = 0;
  // Drops a cached token the server refused (401), so the next Token()
  // fetches a new one. Returns whether there was one to refresh.
  virtual bool Invalidate() { return false; }
  // Whose credentials these are, for error messages (no secrets).
  virtual std::string Describe() const = 0;
  // Token requests made (tests assert the cache works).
  virtual uint64_t token_requests() const { return 0; }
};

// What the store uses of a gcloud `authorized_user` file (the one `gcloud
// auth application-default login` writes): tokens come from the OAuth 2.0
// refresh-token grant POSTed to token_uri.
struct GcsAuthorizedUser {
  std::string client_id, client_secret, refresh_token;
  std::string token_uri;  // default https://oauth2.googleapis.com/token
};
IOStatus GcsParseAuthorizedUser(const std::string& json,
                                const std::string& source,
                                GcsAuthorizedUser* user);

// A bearer token from an OAuth 2.0-style endpoint, cached as above: build
// makes the request at a time (seconds since the epoch); the answer is
// {"access_token", "expires_in" (a number or a string)}, an error
// {"error", "error_description"}. `who` names the request in errors,
// `describe` the credentials. Azure's managed and workload identity
// tokens come from here too (cloud/azure_identity.h).
std::unique_ptr<GcsTokenSource> NewBearerTokenSource(
    std::string who, std::string describe,
    std::function<IOStatus(int64_t, HttpRequest*)> build,
    std::shared_ptr<HttpTransport> transport, RetryOptions retry,
    std::function<int64_t()> now);

// A fixed token ("" for anonymous requests).
std::unique_ptr<GcsTokenSource> NewGcsFixedTokenSource(std::string token);

// The service-account flow over `transport` with `retry`; `now` gives
// seconds since the epoch (default: the clock).
std::unique_ptr<GcsTokenSource> NewGcsServiceAccountTokenSource(
    GcsServiceAccount account, std::shared_ptr<HttpTransport> transport,
    RetryOptions retry, std::function<int64_t()> now);

// The refresh-token grant: grant_type=refresh_token, client_id,
// client_secret, refresh_token.
std::unique_ptr<GcsTokenSource> NewGcsAuthorizedUserTokenSource(
    GcsAuthorizedUser user, std::shared_ptr<HttpTransport> transport,
    RetryOptions retry, std::function<int64_t()> now);

// The GCE metadata server at host ("host[:port]" or a URL): GET
// /computeMetadata/v1/instance/service-accounts/default/token with
// Metadata-Flavor: Google.
std::unique_ptr<GcsTokenSource> NewGcsMetadataTokenSource(
    const std::string& host, std::shared_ptr<HttpTransport> transport,
    RetryOptions retry, std::function<int64_t()> now);

// The source a credentials file names by its "type": service_account or
// authorized_user. InvalidArgument naming the file otherwise.
IOStatus GcsCredentialsFileTokenSource(
    const std::string& path, std::shared_ptr<HttpTransport> transport,
    RetryOptions retry, std::function<int64_t()> now,
    std::unique_ptr<GcsTokenSource>* tokens);

// Application default credentials, as Google's libraries find them:
// GOOGLE_APPLICATION_CREDENTIALS, else gcloud's well-known file
// ($CLOUDSDK_CONFIG or ~/.config/gcloud, application_default_credentials.
// json), else the GCE metadata server (GCE_METADATA_HOST, default
// metadata.google.internal) unless NO_GCE_CHECK is true. InvalidArgument
// naming every place tried when none applies.
IOStatus NewGcsDefaultTokenSource(std::shared_ptr<HttpTransport> transport,
                                  RetryOptions retry,
                                  std::function<int64_t()> now,
                                  std::unique_ptr<GcsTokenSource>* tokens);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_GCS_AUTH_H_
