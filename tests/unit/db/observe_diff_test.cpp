// The info LOG, EventListener and the iterator tickers against librocksdb
// 7.8.3: tests/oracle/observe_diff.cpp is built against both libraries and
// each mode must print the same lines.
#include <doctest/doctest.h>

#include <string>

#include "support/same_lines.h"
#include "support/test_util.h"

namespace {

std::string ObserveDiffRun(const std::string& lib, const std::string& args) {
  const std::string bin =
      skyrocks_test::BuildDir() +
      (lib == "rocksdb" ? "/oracle/observe_diff" : "/diff/observe_diff");
  std::string out;
  const int rc = skyrocks_test::RunCommand(bin + " " + args + " 2>&1", &out);
  CHECK_MESSAGE(rc == 0, lib << " " << args << ": " << out);
  return out;
}

// Runs mode on a fresh directory with each library and compares.
void ObserveDiffSame(const std::string& mode, const std::string& expect) {
  skyrocks_test::TempDir dir;
  const std::string theirs =
      ObserveDiffRun("rocksdb", mode + " " + dir.Sub("rocksdb"));
  CHECK_MESSAGE(theirs.find(expect) != std::string::npos, theirs);
  skyrocks_test::CheckSameLines(
      ObserveDiffRun("skyrocks", mode + " " + dir.Sub("skyrocks")), theirs);
}

}  // namespace

TEST_CASE("listeners: flush and compaction callbacks as librocksdb 7.8.3's") {
  ObserveDiffSame("listener",
                  "compaction_completed cf=default in=L0:F3,L0:F2, out=L1:F4");
}

TEST_CASE(
    "listeners: sealed memtables, ingested files and deleted handles as "
    "librocksdb 7.8.3's") {
  ObserveDiffSame("ingest", "ingested cf=default ext=ext1.sst");
}

TEST_CASE(
    "listeners: error recovery callbacks of resumes as librocksdb 7.8.3's") {
  ObserveDiffSame("recovery", "recovery_end old=IOError new=Aborted");
}

TEST_CASE(
    "listeners: a failed flush's background error as librocksdb 7.8.3's") {
  ObserveDiffSame("bgerror", "bg_error reason=flush ioerror=1");
}

TEST_CASE("statistics: iterator tickers as librocksdb 7.8.3 counts them") {
  ObserveDiffSame("iter", "after delete: seek 5/4 next 4/3 prev 3/2");
}

TEST_CASE("info LOG: event fields, LOG.old and options as librocksdb 7.8.3's") {
  ObserveDiffSame("log", "event table_file_deletion: time_micros,job,event,");
}

TEST_CASE(
    "info LOG: rolled by max_log_file_size, trimmed to keep_log_file_num") {
  ObserveDiffSame("roll", "LOG 1 LOG.old 2");
}

TEST_CASE("info LOG: periodic stats dump every stats_dump_period_sec") {
  ObserveDiffSame("dump", "dumped 1 statistics 1");
}

TEST_CASE("info LOG: SetDBOptions changes stats_dump_period_sec at run time") {
  ObserveDiffSame("dumpset", "dumped after SetDBOptions 1");
}

TEST_CASE("info LOG: db_log_dir holds the flattened name, not the DB dir") {
  skyrocks_test::TempDir dir;
  const std::string theirs = ObserveDiffRun(
      "rocksdb", "logdir " + dir.Sub("rocksdb") + " " + dir.Sub("rlogs"));
  CHECK(theirs.find("log dir: <db>_LOG.old.<micros>") != std::string::npos);
  skyrocks_test::CheckSameLines(
      ObserveDiffRun("skyrocks",
                     "logdir " + dir.Sub("skyrocks") + " " + dir.Sub("slogs")),
      theirs);
}
