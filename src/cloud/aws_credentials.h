// Where the S3 store's AWS credentials come from, found as the AWS SDKs
// find them, and refreshed before they expire.
//
// The default chain, first configured source wins (decided when the chain
// is built; the environment is read then):
//   1. the options' static keys;
//   2. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN;
//   3. web identity: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN
//      [+ AWS_ROLE_SESSION_NAME], STS AssumeRoleWithWebIdentity (unsigned
//      POST; the token file is read again at each refresh);
//   4. the profile (options, else AWS_PROFILE, else "default"): static keys
//      in the shared credentials file (AWS_SHARED_CREDENTIALS_FILE), else in
//      the config file (AWS_CONFIG_FILE) section "[profile NAME]" (or
//      "[default]"): role_arn + source_profile (STS AssumeRole, a SigV4-
//      signed POST with the source profile's credentials, which may
//      themselves be a role, up to 5 deep), role_arn +
//      web_identity_token_file, credential_process (run through /bin/sh,
//      stdout JSON {Version: 1, AccessKeyId, SecretAccessKey, SessionToken,
//      Expiration}), or static keys;
//   5. ECS/EKS container credentials: GET
//      http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or
//      AWS_CONTAINER_CREDENTIALS_FULL_URI, with Authorization from
//      AWS_CONTAINER_AUTHORIZATION_TOKEN or the file named by
//      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read at each refresh);
//   6. EC2 instance metadata, IMDSv2 (unless AWS_EC2_METADATA_DISABLED is
//      true): PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds,
//      then GET /latest/meta-data/iam/security-credentials/ and /<role>
//      with X-aws-ec2-metadata-token, at http://169.254.169.254 or
//      AWS_EC2_METADATA_SERVICE_ENDPOINT.
// STS is AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, else
// https://sts.<region>.amazonaws.com (the options' sts_endpoint first).
//
// Credentials with an Expiration are fetched again 5 minutes before it
// (halfway for shorter lives); while a refresh fails, unexpired cached
// credentials are still used and the refresh is tried again every 30 s.
// Providers are thread-safe: concurrent
// callers wait for one fetch (the lock is held across it, as the fetch is
// rare and every caller needs its result). Errors name the source, file,
// profile or endpoint, never a secret.
#ifndef SKYROCKS_CLOUD_AWS_CREDENTIALS_H_
#define SKYROCKS_CLOUD_AWS_CREDENTIALS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "cloud/http.h"
#include "cloud/sigv4.h"

namespace ROCKSDB_NAMESPACE {

class AwsCredentialsProvider {
 public:
  virtual ~AwsCredentialsProvider() = default;
  // Credentials valid for at least a few minutes. Anonymous providers give
  // empty ones (send the request unsigned).
  virtual IOStatus Get(AwsCredentials* creds) = 0;
  // Which source, for messages (no secrets).
  virtual std::string Describe() const = 0;
  // Fetches made from the source (tests assert caching and refresh).
  virtual uint64_t fetches() const { return 0; }
};

struct AwsCredentialsOptions {
  enum class Mode {
    kChain,      // the default chain above
    kInstance,   // RocksDB-Cloud's "instance": container, else IMDS only
    kAnonymous,  // unsigned requests
    kProfile,    // RocksDB-Cloud's "config": the profile's files only
  };
  Mode mode = Mode::kChain;
  AwsCredentials static_credentials;  // used first when set
  std::string profile;                // "" : AWS_PROFILE, else "default"
  std::string credentials_file;       // "" : AWS_SHARED_CREDENTIALS_FILE
  std::string region;                 // for STS; "" : us-east-1
  std::string sts_endpoint;           // "" : as above
  // For STS, container and IMDS requests; default libcurl with a 1 s
  // connect and 5 s total timeout.
  std::shared_ptr<HttpTransport> transport;
  RetryOptions retry;  // max_attempts is capped at 3 for these requests
  std::function<int64_t()> now;  // seconds since the epoch; default clock
  // Runs a credential_process command, its stdout to *out (tests, fuzzing);
  // default /bin/sh -c through popen.
  std::function<IOStatus(const std::string& command, std::string* out)>
      run_process;
};

// The provider for options (the chain resolved against the environment
// and files now). InvalidArgument naming every source tried and how to
// configure one when none is configured; a configured source that fails
// fails at the first Get.
IOStatus NewAwsCredentialsProvider(
    const AwsCredentialsOptions& options,
    std::unique_ptr<AwsCredentialsProvider>* provider);

// The JSON credential_process, ECS and IMDS answer with: AccessKeyId,
// SecretAccessKey, SessionToken or Token, Expiration (RFC 3339; absent:
// *expiration = 0, never expires). InvalidArgument naming `source` when
// malformed or incomplete (never the secret values).
IOStatus AwsParseJsonCredentials(const std::string& json,
                                 const std::string& source,
                                 AwsCredentials* creds, int64_t* expiration);
// The same for an STS AssumeRole[WithWebIdentity] answer (XML <Credentials>).
IOStatus AwsParseStsCredentials(const std::string& xml,
                                const std::string& source,
                                AwsCredentials* creds, int64_t* expiration);
// One value of an INI-style AWS file's [section] ("" if absent).
std::string AwsConfigValue(const std::string& path, const std::string& section,
                           const std::string& name);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_AWS_CREDENTIALS_H_
