// The S3 ObjectStore (AWS and S3-compatible stores): S3's dialect of the
// REST skeleton (cloud/rest_store.h), signed with SigV4 (cloud/sigv4.h),
// errors and listings read with cloud/xml.h. Contract in
// cloud/object_store.h.
//
// Configuration, explicit options first, then the AWS environment:
//   credentials  options, else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
//                AWS_SESSION_TOKEN, else the [AWS_PROFILE or default]
//                section of ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE);
//   region       options, else AWS_REGION, AWS_DEFAULT_REGION (or
//                RocksDB-Cloud's aws_default_region), the
//                profile's region in ~/.aws/config (AWS_CONFIG_FILE),
//                else "us-east-1";
//   credentials  beyond these, the AWS SDKs' chain (web identity, profiles
//                with roles or credential_process, container, EC2 IMDSv2):
//                cloud/aws_credentials.h; refreshed before they expire;
//   endpoint     options, else AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else
//                https://s3.<region>.amazonaws.com; addressing_style kAuto
//                is path-style for a custom endpoint and for a bucket name
//                with a dot over https, else virtual-hosted;
//   TLS, retry   ca_bundle, else AWS_CA_BUNDLE; retry options left at their
//                defaults follow AWS_RETRY_MODE (legacy: 5 attempts;
//                standard, adaptive: 3 attempts, backoff up to 20 s) and
//                AWS_MAX_ATTEMPTS.
// Payloads are hashed and signed (x-amz-content-sha256). A failed
// condition is IOFenced (412); 409 ConditionalRequestConflict is retryable.
#ifndef SKYROCKS_CLOUD_S3_STORE_H_
#define SKYROCKS_CLOUD_S3_STORE_H_

#include <memory>
#include <string>

#include "cloud/aws_credentials.h"
#include "cloud/http.h"
#include "cloud/object_store.h"
#include "cloud/sigv4.h"

namespace ROCKSDB_NAMESPACE {

enum class S3AddressingStyle { kAuto, kPath, kVirtual };

struct S3StoreOptions {
  std::string bucket;
  std::string region;
  std::string endpoint;  // e.g. "http://127.0.0.1:4568"
  AwsCredentials credentials;
  // How credentials are found when `credentials` is empty
  // (cloud/aws_credentials.h): the chain, RocksDB-Cloud's instance,
  // anonymous or config types.
  AwsCredentialsOptions::Mode credentials_mode =
      AwsCredentialsOptions::Mode::kChain;
  std::string credentials_file;  // "" : AWS_SHARED_CREDENTIALS_FILE
  std::string sts_endpoint;      // "" : AWS_ENDPOINT_URL_STS, ...
  // Runs credential_process commands (tests, fuzzing); default /bin/sh.
  std::function<IOStatus(const std::string&, std::string*)> run_process;
  S3AddressingStyle addressing_style = S3AddressingStyle::kAuto;
  std::string ca_bundle;  // PEM file; "" : AWS_CA_BUNDLE, else the system's
  RetryOptions retry;
  HttpTimeouts timeouts;
  std::shared_ptr<HttpTransport> transport;  // default: libcurl
  // Unconditional puts larger than this go up as a multipart upload of
  // part_size parts, up to upload_threads at a time; a failed upload is
  // aborted.
  size_t multipart_threshold = 16 << 20;
  size_t part_size = 8 << 20;
  int upload_threads = 4;
  // Sign "UNSIGNED-PAYLOAD" instead of the body's SHA-256 (cheaper over
  // https; Content-MD5 still protects the bytes).
  bool unsigned_payload = false;
  // Seconds since the epoch for signatures (tests); default: the clock.
  std::function<int64_t()> now;
};

// The configuration above, resolved once (NewS3Store uses it; every
// caller that names a region passes it in the options, empty for "from the
// environment"). endpoint: "scheme://host[:port]"; host: the Host header.
struct S3ResolvedConfig {
  std::string region, endpoint, host;
  bool path_style = true;
  AwsCredentials credentials;  // the provider's first answer
  std::shared_ptr<AwsCredentialsProvider> provider;
  std::string ca_bundle;
  RetryOptions retry;
};
IOStatus ResolveS3Config(const S3StoreOptions& options, S3ResolvedConfig* out);

IOStatus NewS3Store(const S3StoreOptions& options,
                    std::unique_ptr<ObjectStore>* store);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_S3_STORE_H_
