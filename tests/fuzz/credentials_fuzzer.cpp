// Credential and configuration files from the user's machine: the AWS
// shared credentials and config files (read by NewS3Store through
// AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE / AWS_PROFILE, as files in
// /dev/shm), a GCS service-account key file (JSON, then its PEM private
// key when a JWT is signed with it) and an Azure connection string; the
// service-account chunk is also what a profile's credential_process prints
// (no command runs) and is read as ECS/IMDS JSON credentials and as an STS
// answer. Input:
// four 2-byte-length chunks (credentials, config, profile, service
// account), the rest the connection string. The process environment is
// restored afterwards (the unit tests replay this harness).
#include <unistd.h>

#include "cloud/aws_credentials.h"
#include "cloud/azure_auth.h"
#include "cloud/gcs_auth.h"
#include "cloud/s3_store.h"
#include "fuzz/harnesses.h"

namespace skyrocks_fuzz {

namespace {

// Sets (or with value nullptr unsets) an environment variable until
// destroyed.
class CredentialsFuzzEnvVar {
 public:
  CredentialsFuzzEnvVar(const char* name, const char* value) : name_(name) {
    const char* old = getenv(name);
    had_ = old != nullptr;
    if (had_) old_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~CredentialsFuzzEnvVar() {
    if (had_) {
      setenv(name_, old_.c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  CredentialsFuzzEnvVar(const CredentialsFuzzEnvVar&) = delete;
  CredentialsFuzzEnvVar& operator=(const CredentialsFuzzEnvVar&) = delete;

 private:
  const char* name_;
  bool had_ = false;
  std::string old_;
};

void CredentialsFuzzWrite(const std::string& path, const std::string& data) {
  FILE* f = std::fopen(path.c_str(), "wb");
  FuzzCheck(f != nullptr, "create a file in /dev/shm");
  FuzzCheck(std::fwrite(data.data(), 1, data.size(), f) == data.size(),
            "write a file in /dev/shm");
  std::fclose(f);
}

}  // namespace

int FuzzCredentials(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const std::string credentials = in.Chunk(2);
  const std::string config = in.Chunk(2);
  const std::string profile = in.Chunk(2);
  const std::string service_account = in.Chunk(2);
  const std::string connection_string = in.Rest();

  const std::string dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  const std::string base =
      dir + "/skyrocks-fuzz-cred-" + std::to_string(getpid());
  CredentialsFuzzWrite(base + ".credentials", credentials);
  CredentialsFuzzWrite(base + ".config", config);
  {
    const std::string cred_file = base + ".credentials";
    const std::string config_file = base + ".config";
    CredentialsFuzzEnvVar v1("AWS_SHARED_CREDENTIALS_FILE", cred_file.c_str());
    CredentialsFuzzEnvVar v2("AWS_CONFIG_FILE", config_file.c_str());
    CredentialsFuzzEnvVar v3("AWS_PROFILE",
                             profile.empty() ? nullptr : profile.c_str());
    CredentialsFuzzEnvVar v4("AWS_ACCESS_KEY_ID", nullptr);
    CredentialsFuzzEnvVar v5("AWS_SECRET_ACCESS_KEY", nullptr);
    CredentialsFuzzEnvVar v6("AWS_SESSION_TOKEN", nullptr);
    CredentialsFuzzEnvVar v7("AWS_REGION", nullptr);
    CredentialsFuzzEnvVar v8("AWS_DEFAULT_REGION", nullptr);
    // Nothing reaches the network: no web identity, container or IMDS.
    CredentialsFuzzEnvVar v9("AWS_WEB_IDENTITY_TOKEN_FILE", nullptr);
    CredentialsFuzzEnvVar v10("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                              nullptr);
    CredentialsFuzzEnvVar v11("AWS_CONTAINER_CREDENTIALS_FULL_URI", nullptr);
    CredentialsFuzzEnvVar v12("AWS_EC2_METADATA_DISABLED", "true");
    CredentialsFuzzEnvVar v13("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1");
    rocksdb::S3StoreOptions o;
    o.bucket = "fuzz-bucket";
    o.endpoint = "http://127.0.0.1:1";
    FuzzInput no_answers(nullptr, 0);
    o.transport = std::make_shared<ScriptedTransport>(&no_answers);
    o.retry.sleep = [](uint64_t) {};
    o.run_process = [&service_account](const std::string&, std::string* out) {
      *out = service_account;
      return rocksdb::IOStatus::OK();
    };
    std::unique_ptr<rocksdb::ObjectStore> store;
    rocksdb::IOStatus s = rocksdb::NewS3Store(o, &store);
    // An STS call (a profile with a role) meets the scripted transport's
    // end of answers: an IOError.
    FuzzCheck(s.ok() || s.IsInvalidArgument() || s.IsIOError(),
              "NewS3Store: OK, InvalidArgument or IOError");
  }
  unlink((base + ".credentials").c_str());
  unlink((base + ".config").c_str());

  rocksdb::GcsServiceAccount account;
  if (rocksdb::GcsParseServiceAccount(service_account, "fuzz.json", &account)
          .ok()) {
    std::string jwt;
    (void)rocksdb::GcsServiceAccountJwt(account, rocksdb::kGcsReadWriteScope,
                                        1764072000, &jwt);
  }

  rocksdb::AwsCredentials aws;
  int64_t expiration = 0;
  (void)rocksdb::AwsParseJsonCredentials(service_account, "fuzz", &aws,
                                         &expiration);
  (void)rocksdb::AwsParseStsCredentials(service_account, "fuzz", &aws,
                                        &expiration);

  rocksdb::AzureConnectionInfo info;
  (void)rocksdb::ParseAzureConnectionString(connection_string, &info);
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzCredentials)
