// The options API and issue 19 item 3's DB calls against librocksdb 7.8.3:
// tests/oracle/options_diff.cpp is built against both libraries and each
// mode must print the same lines (presets, option strings and maps, the DB
// calls). Across libraries: each loads the OPTIONS file the other wrote
// (LoadLatestOptions) and opens the DB with it; sst_dump (librocksdb's)
// reads the compression of each level's files written with
// compression_per_level.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "rocksdb/utilities/options_util.h"
#include "support/same_lines.h"
#include "support/test_util.h"

namespace {

std::string OptionsDiffRun(const std::string& lib, const std::string& args,
                           bool stderr_too = false) {
  const std::string build = skyrocks_test::BuildDir();
  const std::string bin =
      build + (lib == "rocksdb" ? "/oracle/options_diff" : "/diff/options_diff");
  std::string out;
  const int rc = skyrocks_test::RunCommand(
      bin + " " + args + (stderr_too ? " 2>&1" : " 2>/dev/null"), &out);
  CHECK_MESSAGE(rc == 0, lib << " " << args << ": " << out);
  return out;
}

// "LEVEL ALGO" per SST of a `levels` run, sorted.
std::vector<std::string> LevelCompressions(const std::string& run_output) {
  std::vector<std::string> out;
  std::istringstream in(run_output);
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, 5, "file ") != 0) continue;
    std::istringstream f(line.substr(5));
    int level;
    std::string path;
    f >> level >> path;
    std::string dump;
    REQUIRE(skyrocks_test::RunCommand(
                "sst_dump --file=" + path + " --show_properties 2>&1",
                &dump) == 0);
    const std::string key = "SST file compression algo: ";
    const size_t at = dump.find(key);
    REQUIRE_MESSAGE(at != std::string::npos, dump);
    const size_t end = dump.find('\n', at);
    out.push_back(std::to_string(level) + " " +
                  dump.substr(at + key.size(), end - at - key.size()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The lines of DIR's newest OPTIONS file that set one of `names`, as
// "section: name=value" with DIR shown as "DIR", sorted.
std::vector<std::string> OptionsFileLines(
    const std::string& dir, const std::vector<std::string>& names) {
  std::string file;
  REQUIRE(ROCKSDB_NAMESPACE::GetLatestOptionsFileName(dir, nullptr, &file)
              .ok());
  std::istringstream in(skyrocks_test::ReadWholeFile(dir + "/" + file));
  std::vector<std::string> out;
  std::string line, section;
  while (std::getline(in, line)) {
    const size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    line = line.substr(start);
    if (line[0] == '[') {
      section = line;
      continue;
    }
    const size_t eq = line.find('=');
    if (eq == std::string::npos ||
        std::find(names.begin(), names.end(), line.substr(0, eq)) ==
            names.end()) {
      continue;
    }
    const size_t at = line.find(dir);
    if (at != std::string::npos) line.replace(at, dir.size(), "DIR");
    out.push_back(section + ": " + line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("options_diff: presets set the fields librocksdb 7.8.3 sets") {
  skyrocks_test::CheckSameLines(OptionsDiffRun("skyrocks", "presets"),
                 OptionsDiffRun("rocksdb", "presets"));
}

TEST_CASE("options_diff: option strings and maps parse as librocksdb's") {
  skyrocks_test::CheckSameLines(OptionsDiffRun("skyrocks", "strings"),
                 OptionsDiffRun("rocksdb", "strings"));
}

TEST_CASE("options_diff: the DB calls of issue 19 item 3 answer as librocksdb") {
  skyrocks_test::TempDir dir;
  skyrocks_test::CheckSameLines(OptionsDiffRun("skyrocks", "db " + dir.Sub("sky")),
                 OptionsDiffRun("rocksdb", "db " + dir.Sub("rocks")));
}

TEST_CASE("options_diff: OPTIONS files load across libraries") {
  skyrocks_test::TempDir dir;
  OptionsDiffRun("skyrocks", "write " + dir.Sub("sky"));
  OptionsDiffRun("rocksdb", "write " + dir.Sub("rocks"));
  // Each library loads both files; all four loads must agree (and open).
  const std::string reference = OptionsDiffRun("rocksdb", "load " + dir.Sub("rocks"));
  CHECK(reference.find("open with loaded options OK") != std::string::npos);
  SUBCASE("skyrocks loads librocksdb's") {
    skyrocks_test::CheckSameLines(OptionsDiffRun("skyrocks", "load " + dir.Sub("rocks")),
                   reference);
  }
  SUBCASE("librocksdb loads skyrocks'") {
    skyrocks_test::CheckSameLines(OptionsDiffRun("rocksdb", "load " + dir.Sub("sky")),
                   reference);
  }
  SUBCASE("skyrocks loads its own") {
    skyrocks_test::CheckSameLines(OptionsDiffRun("skyrocks", "load " + dir.Sub("sky")),
                   reference);
  }
}

TEST_CASE("options_diff: OPTIONS files spell the options skyrocks has as "
          "librocksdb") {
  skyrocks_test::TempDir dir;
  OptionsDiffRun("skyrocks", "write " + dir.Sub("sky"));
  OptionsDiffRun("rocksdb", "write " + dir.Sub("rocks"));
  // Set to non-default values by the writer (db_log_dir and wal_dir under
  // DIR); each written once per section.
  const std::vector<std::string> names = {
      "info_log_level", "stats_dump_period_sec",     "db_log_dir",
      "wal_dir",        "allow_2pc",                 "compaction_filter",
      "compaction_filter_factory"};
  const std::vector<std::string> theirs =
      OptionsFileLines(dir.Sub("rocks"), names);
  CHECK(std::find(theirs.begin(), theirs.end(),
                  "[DBOptions]: info_log_level=WARN_LEVEL") != theirs.end());
  CHECK(theirs.size() == 9);  // 5 DB options, 2 of each column family
  CHECK(OptionsFileLines(dir.Sub("sky"), names) == theirs);
}

TEST_CASE("options_diff: compression_per_level picks each level's compression") {
  skyrocks_test::TempDir dir;
  const std::string ours =
      OptionsDiffRun("skyrocks", "levels " + dir.Sub("sky"), true);
  const std::string theirs =
      OptionsDiffRun("rocksdb", "levels " + dir.Sub("rocks"), true);
  const std::vector<std::string> a = LevelCompressions(ours);
  const std::vector<std::string> b = LevelCompressions(theirs);
  CHECK(a == b);
  CHECK(a.size() >= 3);
  std::string out;
  CHECK_MESSAGE(skyrocks_test::RunCommand(
                    "ldb --db=" + dir.Sub("sky") + " checkconsistency 2>&1",
                    &out) == 0,
                out);
}
