// RocksDB-Cloud's example programs (examples/*.cc, built against the
// amalgamation by `make tests`) run as a user would run them: against the
// local-directory store (AWS_ENDPOINT_URL=file://...) and against the S3
// emulator, twice for the durable example (the second run reopens), after
// losing the local directory, and the clone example.
#include <doctest/doctest.h>

#include <string>

#include "support/s3_emulator.h"
#include "support/test_util.h"

namespace {

// Runs an example with the given endpoint; returns its output.
int RunExample(const std::string& name, const std::string& endpoint,
               const std::string& db_path, std::string* out) {
  const std::string cmd =
      "AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER "
      "AWS_ENDPOINT_URL=" +
      endpoint + " EXAMPLE_DB_PATH=" + db_path + " " +
      skyrocks_test::BuildDir() + "/examples/" + name + " 2>&1";
  return skyrocks_test::RunCommand(cmd, out);
}

void RunAllExamples(const std::string& endpoint, const std::string& dir) {
  std::string out;
  const std::string db = dir + "/durable";
  CHECK_MESSAGE(RunExample("cloud_durable_example", endpoint, db, &out) == 0,
                out);
  CHECK(out.find("key2: value") != std::string::npos);
  CHECK(out.find("cloud_durable_example: OK") != std::string::npos);
  // A fresh machine: nothing local, everything from the bucket.
  skyrocks_test::RunCommand("rm -rf " + db, &out);
  CHECK_MESSAGE(RunExample("cloud_durable_example", endpoint, db, &out) == 0,
                out);
  CHECK(out.find("key2: value") != std::string::npos);
  CHECK_MESSAGE(
      RunExample("clone_example", endpoint, dir + "/clone", &out) == 0, out);
  CHECK(out.find("clone_example: OK") != std::string::npos);
}

}  // namespace

TEST_CASE(
    "examples: cloud_durable_example and clone_example on the local-directory "
    "store") {
  skyrocks_test::TempDir dir;
  RunAllExamples("file://" + dir.Sub("buckets"), dir.path());
  std::string out;
  skyrocks_test::RunCommand(
      "find " + dir.Sub("buckets") + " -name 'CLOUDMANIFEST' | wc -l", &out);
  CHECK(std::stoi(out) == 3);  // durable, main and clone1
}

TEST_CASE(
    "examples: cloud_durable_example and clone_example on the S3 emulator") {
  skyrocks_test::S3Emulator emu;
  if (!emu.running()) {
    MESSAGE(
        "SKIPPED: the S3 emulator is not installed (bash scripts/install-deps "
        "installs it)");
    return;
  }
  skyrocks_test::TempDir dir;
  RunAllExamples(emu.endpoint(), dir.path());
}
