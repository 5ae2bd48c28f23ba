// DB::OpenAsSecondary and TryCatchUpWithPrimary against librocksdb 7.8.3:
// tests/oracle/secondary_diff.cpp built against both libraries must print
// the same with the primary in the same process, and in a separate process
// with every pairing (librocksdb primary and skyrocks secondary, and the
// reverse).
#include <doctest/doctest.h>

#include <string>

#include "support/same_lines.h"
#include "support/test_util.h"

namespace {

std::string SecondaryDiffBin(const std::string& lib) {
  return skyrocks_test::BuildDir() +
         (lib == "rocksdb" ? "/oracle/secondary_diff" : "/diff/secondary_diff");
}

std::string SecondaryDiffRun(const std::string& lib, const std::string& args) {
  std::string out;
  const int rc = skyrocks_test::RunCommand(
      SecondaryDiffBin(lib) + " " + args + " 2>&1", &out);
  CHECK_MESSAGE(rc == 0, lib << " " << args << ": " << out);
  return out;
}

}  // namespace

TEST_CASE("secondary_diff: a secondary beside its primary in one process "
          "prints as with librocksdb") {
  skyrocks_test::TempDir dir;
  const std::string theirs = SecondaryDiffRun("rocksdb", "inproc " + dir.Sub("r"));
  const std::string ours = SecondaryDiffRun("skyrocks", "inproc " + dir.Sub("s"));
  CHECK(theirs.find("\nOK\n") != std::string::npos);
  CHECK(theirs.find("unchanged by the secondary: 1") != std::string::npos);
  skyrocks_test::CheckSameLines(ours, theirs);
}

TEST_CASE("secondary_diff: a secondary in another process follows a primary, "
          "each library with the other") {
  skyrocks_test::TempDir dir;
  std::string reference;
  for (const char* primary : {"rocksdb", "skyrocks"}) {
    for (const char* secondary : {"rocksdb", "skyrocks"}) {
      INFO(primary << " primary, " << secondary << " secondary");
      const std::string db = dir.Sub(std::string(primary) + "_" + secondary);
      // The two processes hand over through files (see the program).
      const std::string cmd =
          SecondaryDiffBin(primary) + " primary " + db + " >" + db +
          ".primary_out 2>&1 & pid=$!; " + SecondaryDiffBin(secondary) +
          " secondary " + db + " 2>&1; rc=$?; wait $pid || rc=1; exit $rc";
      std::string out;
      CHECK_MESSAGE(skyrocks_test::RunCommand(cmd, &out) == 0, out);
      if (reference.empty()) {
        reference = out;
        CHECK(reference.find("(136 keys, ok)") != std::string::npos);
      }
      skyrocks_test::CheckSameLines(out, reference);
    }
  }
}
