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

#include "object_store_contract.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class S3Emulator {
 public:
  S3Emulator() {
    const char* env = getenv("SKYROCKS_EMULATOR_DIR");
    const char* home = getenv("HOME");
    module_dir_ = env && *env ? env : std::string(home ? home : "/root") + "/.cache/skyrocks-emulators";
    module_dir_ += "/s3";
    std::string out;
    if (skyrocks_test::RunCommand("test -f " + module_dir_ +
                                      "/node_modules/@20minutes/s3rver/lib/s3rver.js && command -v node",
                                  &out) != 0) {
      return;  // not installed
    }
    const std::string data = dir_.Sub("data"), portfile = dir_.Sub("port");
    std::string mk;
    skyrocks_test::RunCommand("mkdir -p " + data, &mk);
    const std::string script = skyrocks_test::SourceDir() + "/scripts/emulators/s3_emulator.js";
    pid_ = fork();
    if (pid_ == 0) {
      execlp("node", "node", "--openssl-legacy-provider", script.c_str(), module_dir_.c_str(),
             data.c_str(), portfile.c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 300 && port_.empty(); i++) {  // bounded: 15 s
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      port_ = skyrocks_test::ReadWholeFile(portfile);
    }
  }
  ~S3Emulator() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status;
      waitpid(pid_, &status, 0);
    }
  }
  bool running() const { return !port_.empty(); }
  std::string endpoint() const { return "http://127.0.0.1:" + port_; }

 private:
  skyrocks_test::TempDir dir_;
  std::string module_dir_;
  pid_t pid_ = -1;
  std::string port_;
};

S3StoreOptions EmulatorOptions(const S3Emulator& emu, const std::string& secret) {
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
  S3Emulator emu;
  if (!emu.running()) {
    MESSAGE("SKIPPED: the S3 emulator is not installed (bash scripts/install-deps installs it)");
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
