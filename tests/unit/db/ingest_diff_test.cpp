// DB::IngestExternalFile against librocksdb 7.8.3: tests/oracle/ingest_diff.cpp
// built against both libraries must print the same for one scenario
// (levels, sequence numbers, reads, snapshots, errors, reopen), and each
// library's DB must read the same after ingesting the other's SstFileWriter
// output (skyrocks then opens librocksdb's DB, whose ingested file carries
// the global seqno RocksDB wrote into it, and librocksdb opens skyrocks').
#include <doctest/doctest.h>

#include <string>

#include "support/test_util.h"

namespace {

std::string IngestDiffRun(const std::string& lib, const std::string& args) {
  const std::string build = skyrocks_test::BuildDir();
  const std::string bin =
      build + (lib == "rocksdb" ? "/oracle/ingest_diff" : "/diff/ingest_diff");
  std::string out;
  const int rc = skyrocks_test::RunCommand(bin + " " + args + " 2>&1", &out);
  CHECK_MESSAGE(rc == 0, lib << " " << args << ": " << out);
  return out;
}

}  // namespace

TEST_CASE("ingest_diff: one ingestion scenario prints as with librocksdb") {
  skyrocks_test::TempDir dir;
  const std::string theirs =
      IngestDiffRun("rocksdb", "scenario " + dir.Sub("r"));
  const std::string ours =
      IngestDiffRun("skyrocks", "scenario " + dir.Sub("s"));
  CHECK(theirs.find("\nOK\n") != std::string::npos);
  CHECK(ours == theirs);
}

TEST_CASE("ingest_diff: each library ingests the other's SstFileWriter file") {
  skyrocks_test::TempDir dir;
  IngestDiffRun("skyrocks", "write " + dir.Sub("s.sst") + " 300");
  IngestDiffRun("rocksdb", "write " + dir.Sub("r.sst") + " 300");
  // librocksdb ingests skyrocks' file (writing its global seqno into it).
  IngestDiffRun("rocksdb", "ingest " + dir.Sub("dbr") + " " + dir.Sub("s.sst"));
  // skyrocks ingests librocksdb's, and its own.
  IngestDiffRun("skyrocks",
                "ingest " + dir.Sub("dbs") + " " + dir.Sub("r.sst"));
  IngestDiffRun("skyrocks",
                "ingest " + dir.Sub("dbss") + " " + dir.Sub("s.sst"));
  const std::string reference =
      IngestDiffRun("rocksdb", "dump " + dir.Sub("dbr"));
  CHECK(reference.find("e007=db+ext7") != std::string::npos);
  CHECK(reference.find("r3=") == std::string::npos);  // the range deletion
  for (const char* db : {"dbr", "dbs", "dbss"}) {
    INFO(db);
    CHECK(IngestDiffRun("skyrocks", std::string("dump ") + dir.Sub(db)) ==
          reference);
    CHECK(IngestDiffRun("rocksdb", std::string("dump ") + dir.Sub(db)) ==
          reference);
  }
}
