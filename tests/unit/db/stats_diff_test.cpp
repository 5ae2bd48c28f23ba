// Statistics against librocksdb 7.8.3: tests/oracle/stats_diff.cpp is
// built against both libraries and each mode must print the same lines
// (the ticker and histogram names and values, and a workload's counters).
#include <doctest/doctest.h>

#include <string>

#include "support/same_lines.h"
#include "support/test_util.h"

namespace {

std::string StatsDiffRun(const std::string& lib, const std::string& args) {
  const std::string bin = skyrocks_test::BuildDir() +
                          (lib == "rocksdb" ? "/oracle/stats_diff" : "/diff/stats_diff");
  std::string out;
  const int rc = skyrocks_test::RunCommand(bin + " " + args + " 2>&1", &out);
  CHECK_MESSAGE(rc == 0, lib << " " << args << ": " << out);
  return out;
}

}  // namespace

TEST_CASE("statistics: ticker and histogram names and values as librocksdb 7.8.3's") {
  const std::string theirs = StatsDiffRun("rocksdb", "names");
  CHECK(theirs.find("ticker 0 rocksdb.block.cache.miss") != std::string::npos);
  skyrocks_test::CheckSameLines(StatsDiffRun("skyrocks", "names"), theirs);
}

TEST_CASE("statistics: a workload's counters as librocksdb 7.8.3 reports them") {
  skyrocks_test::TempDir dir;
  const std::string theirs = StatsDiffRun("rocksdb", "db " + dir.Sub("rocksdb"));
  CHECK(theirs.find("keys written 101") != std::string::npos);
  skyrocks_test::CheckSameLines(StatsDiffRun("skyrocks", "db " + dir.Sub("skyrocks")), theirs);
}

TEST_CASE("perf context: a thread's counters as librocksdb 7.8.3's") {
  skyrocks_test::TempDir dir;
  const std::string theirs = StatsDiffRun("rocksdb", "perf " + dir.Sub("rocksdb"));
  CHECK(theirs.find("off: memtable gets 0") != std::string::npos);
  skyrocks_test::CheckSameLines(StatsDiffRun("skyrocks", "perf " + dir.Sub("skyrocks")), theirs);
}
