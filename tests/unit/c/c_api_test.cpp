// The C API (rocksdb/c.h, src/c/) checked against librocksdb 7.8.3: each
// program of tests/c/ is built as C11 twice by `make tests`, against the
// amalgamation ($BUILD/ctests/NAME) and against librocksdb
// ($BUILD/ctests/NAME_rocksdb). Both must succeed and print the same lines,
// and the DB each leaves in DIR/db must read the same through librocksdb
// (the db_tool oracle's dump, a read-only open).
#include <doctest/doctest.h>

#include <string>

#include "support/test_util.h"

namespace {

struct CApiRun {
  int status = -1;
  std::string out;
};

CApiRun RunCProgram(const std::string& binary, const std::string& dir) {
  CApiRun run;
  std::string ignored;
  skyrocks_test::RunCommand("mkdir -p " + dir, &ignored);
  run.status = skyrocks_test::RunCommand(
      skyrocks_test::BuildDir() + "/ctests/" + binary + " " + dir + " 2>&1",
      &run.out);
  return run;
}

std::string DumpWithRocksDB(const std::string& db) {
  std::string out;
  int rc = skyrocks_test::RunCommand(
      skyrocks_test::BuildDir() + "/oracle/db_tool dump " + db + " ro 2>&1",
      &out);
  CHECK_MESSAGE(rc == 0, out);
  CHECK_MESSAGE(out.size() >= 3, out);
  if (out.size() >= 3) CHECK(out.substr(out.size() - 3) == "OK\n");
  return out;
}

// Runs NAME against skyrocks and against librocksdb and compares.
void CompareWithRocksDB(const std::string& name, bool dump_db) {
  skyrocks_test::TempDir dir;
  CApiRun sky = RunCProgram(name, dir.Sub("skyrocks"));
  CApiRun rdb = RunCProgram(name + "_rocksdb", dir.Sub("rocksdb"));
  CHECK_MESSAGE(rdb.status == 0, rdb.out);
  CHECK_MESSAGE(sky.status == 0, sky.out);
  CHECK(sky.out.find("done\n") != std::string::npos);
  CHECK(sky.out == rdb.out);
  if (dump_db) {
    std::string sky_dump = DumpWithRocksDB(dir.Sub("skyrocks/db"));
    std::string rdb_dump = DumpWithRocksDB(dir.Sub("rocksdb/db"));
    CHECK(sky_dump == rdb_dump);
  }
}

}  // namespace

TEST_CASE("c_api: basic (options, open, put/get/delete, batches, iterators, "
          "snapshots, flush, compaction, properties, checkpoint) matches "
          "librocksdb") {
  CompareWithRocksDB("basic", true);
}

TEST_CASE("c_api: column families match librocksdb") {
  CompareWithRocksDB("column_families", true);
}

TEST_CASE("c_api: callback merge operators and comparators, UInt64Add, the "
          "SST file writer and the default Env match librocksdb") {
  CompareWithRocksDB("callbacks", true);
}

TEST_CASE("c_api: compaction filters, filter factories and ingestion of "
          "external SST files match librocksdb") {
  CompareWithRocksDB("bulk_filter", true);
}

TEST_CASE("c_api: a 30,000-operation workload through the calls bindings use "
          "most gives librocksdb's contents") {
  CompareWithRocksDB("bindings_workload", true);
}

TEST_CASE("c_api: options presets, get_options_from_string, "
          "load_latest_options, key_may_exist, approximate_sizes and "
          "delete_file_in_range match librocksdb") {
  CompareWithRocksDB("options_util", true);
}

TEST_CASE("c_api: rocksdb_get_updates_since and rocksdb_wal_iter_* over "
          "live and archived WALs match librocksdb") {
  CompareWithRocksDB("wal_iter", true);
}

TEST_CASE("c_api: rocksdb_open_as_secondary(_column_families) and "
          "rocksdb_try_catch_up_with_primary match librocksdb") {
  CompareWithRocksDB("secondary", true);
}

TEST_CASE("c_api: every function rocksdb/c.h declares is defined") {
  std::string out;
  int rc = skyrocks_test::RunCommand(
      "python3 " + skyrocks_test::SourceDir() +
          "/scripts/c_api_coverage.py --binary " +
          skyrocks_test::BuildDir() + "/ctests/db_cloud 2>&1",
      &out);
  CHECK_MESSAGE(rc == 0, out);
  CHECK(out.find("declared functions defined") != std::string::npos);
}

TEST_CASE("c_api: rocksdb_cloud_* open a DBCloud on the local-directory "
          "store, reopen it from the bucket and open its checkpoint") {
  skyrocks_test::TempDir dir;
  CApiRun run = RunCProgram("db_cloud", dir.Sub("run"));
  REQUIRE_MESSAGE(run.status == 0, run.out);
  CHECK(run.out ==
        "configure an unknown option: Invalid argument\n"
        "get k2 -> value: v2\n"
        "column family: default\n"
        "reopened read-only on a fresh directory:\n"
        "  key: k2\n  value: v2\n  key: k3\n  value: v3\n"
        "put into a read-only cloud DB: Not implemented\n"
        "the checkpoint's copy:\n"
        "  key: k2\n  value: v2\n  key: k3\n  value: v3\n"
        "savepoint of a plain DB: Invalid argument\n"
        "done\n");
}

TEST_CASE("c_api: pessimistic transactions (locks, save points, two-phase "
          "commit, prepared transactions recovered at open) match "
          "librocksdb") {
  CompareWithRocksDB("transactions", true);
}

TEST_CASE("c_api: prefix extractors (fixed and from C callbacks), prefix "
          "seeks, total_order_seek and memtable prefix Bloom filters match "
          "librocksdb") {
  CompareWithRocksDB("prefix", true);
}

TEST_CASE("c_api: statistics, the info LOG's options, the rate limiter and "
          "the PerfContext match librocksdb") {
  CompareWithRocksDB("observe", true);
}
