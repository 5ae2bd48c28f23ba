// DB::GetUpdatesSince, TransactionLogIterator, GetSortedWalFiles and WAL
// archiving against librocksdb 7.8.3: tests/oracle/wal_iter_diff.cpp built
// against both libraries must print the same for one scenario (batches
// from several sequences, a tailing iterator, archiving at flush and at
// reopen, purges by age and size), and a DB with live and archived WALs
// written by either library must read the same in both.
#include <doctest/doctest.h>

#include <string>

#include "support/same_lines.h"
#include "support/test_util.h"

namespace {

std::string WalIterDiffRun(const std::string& lib, const std::string& args) {
  const std::string build = skyrocks_test::BuildDir();
  const std::string bin =
      build + (lib == "rocksdb" ? "/oracle/wal_iter_diff" : "/diff/wal_iter_diff");
  std::string out;
  const int rc = skyrocks_test::RunCommand(bin + " " + args + " 2>&1", &out);
  CHECK_MESSAGE(rc == 0, lib << " " << args << ": " << out);
  return out;
}

}  // namespace

TEST_CASE("wal_iter_diff: GetUpdatesSince and archiving print as with librocksdb") {
  skyrocks_test::TempDir dir;
  const std::string theirs =
      WalIterDiffRun("rocksdb", "scenario " + dir.Sub("r"));
  const std::string ours = WalIterDiffRun("skyrocks", "scenario " + dir.Sub("s"));
  CHECK(theirs.find("\nOK\n") != std::string::npos);
  CHECK(theirs.find("archived start=16") != std::string::npos);
  skyrocks_test::CheckSameLines(ours, theirs);
}

TEST_CASE("wal_iter_diff: each library reads the other's live and archived WALs") {
  skyrocks_test::TempDir dir;
  std::string reference;
  for (const char* writer : {"rocksdb", "skyrocks"}) {
    const std::string written = dir.Sub(std::string("w_") + writer);
    WalIterDiffRun(writer, "write " + written);
    for (const char* reader : {"rocksdb", "skyrocks"}) {
      INFO(writer << " wrote, " << reader << " reads");
      const std::string copy = dir.Sub(std::string(writer) + "_" + reader);
      std::string out;
      REQUIRE(skyrocks_test::RunCommand("cp -r " + written + " " + copy, &out) ==
              0);
      const std::string got = WalIterDiffRun(reader, "read " + copy);
      if (reference.empty()) {
        reference = got;
        CHECK(reference.find("18 count=1 put[0] p2=q") != std::string::npos);
      }
      skyrocks_test::CheckSameLines(got, reference);
    }
  }
}
