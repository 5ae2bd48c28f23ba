// Prefix extractors against librocksdb 7.8.3 (tests/oracle/prefix_diff.cpp,
// built against both libraries; issue 19 item 4): the SSTs skyrocks writes
// with a prefix extractor carry the same filter block, byte for byte, and
// the same prefix properties as librocksdb's, for fixed, capped and no-op
// extractors, with and without whole-key filtering, at format_version 5
// (FastLocalBloom) and 2..4 (legacy Bloom); and a DB written by either
// library reads the same through the other (prefix seeks both ways,
// Gets, total-order and auto_prefix_mode scans), also with another
// extractor than the writer's. librocksdb's statistics show that it skips
// skyrocks' tables through their prefix filters.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "support/same_lines.h"
#include "support/test_util.h"

namespace {

std::string PrefixDiffRun(const std::string& lib, const std::string& args) {
  const std::string build = skyrocks_test::BuildDir();
  const std::string bin =
      build + (lib == "rocksdb" ? "/oracle/prefix_diff" : "/diff/prefix_diff");
  std::string out;
  const int rc = skyrocks_test::RunCommand(bin + " " + args, &out);
  CHECK_MESSAGE(rc == 0, lib << " " << args << ": " << out);
  return out;
}

// The output without librocksdb's '#' lines.
std::string PrefixDiffComparable(const std::string& out) {
  std::istringstream in(out);
  std::string line, r;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#') continue;
    r += line + "\n";
  }
  return r;
}

// BLOOM_FILTER_PREFIX_USEFUL of a librocksdb `read` run.
long PrefixUsefulCount(const std::string& out) {
  const std::string tag = "prefix_useful=";
  const size_t p = out.find(tag);
  return p == std::string::npos ? -1 : std::stol(out.substr(p + tag.size()));
}

}  // namespace

TEST_CASE("prefix_diff: SST filter blocks and properties equal librocksdb's") {
  skyrocks_test::TempDir dir;
  for (const char* ext : {"rocksdb.FixedPrefix.4", "rocksdb.CappedPrefix.3",
                          "rocksdb.Noop", "nullptr"}) {
    for (const char* wkf : {"0", "1"}) {
      for (const char* fv : {"5", "4", "2"}) {
        const std::string args =
            std::string(ext) + " " + wkf + " " + fv;
        INFO(args);
        const std::string theirs =
            PrefixDiffRun("rocksdb", "sst " + dir.Sub("r.sst") + " " + args);
        const std::string ours =
            PrefixDiffRun("skyrocks", "sst " + dir.Sub("s.sst") + " " + args);
        REQUIRE(theirs.find("filter=") != std::string::npos);
        skyrocks_test::CheckSameLines(ours, theirs);
      }
    }
  }
}

TEST_CASE("prefix_diff: DBs with prefix filters read the same across libraries") {
  for (const char* wkf : {"1", "0"}) {
    skyrocks_test::TempDir dir;
    const std::string writer_ext = "rocksdb.FixedPrefix.4";
    for (const char* lib : {"rocksdb", "skyrocks"}) {
      PrefixDiffRun(lib, "write " + dir.Sub(lib) + " " + writer_ext + " " + wkf);
    }
    for (const char* reader_ext :
         {"rocksdb.FixedPrefix.4", "rocksdb.FixedPrefix.3",
          "rocksdb.CappedPrefix.4"}) {
      std::string expected;
      for (const char* writer : {"rocksdb", "skyrocks"}) {
        for (const char* reader : {"rocksdb", "skyrocks"}) {
          INFO("wkf " << wkf << ", " << writer << " writes, " << reader
                      << " reads with " << reader_ext);
          // Each read works on a copy (opening flushes the WAL).
          const std::string copy = dir.Sub("copy");
          std::string ignored;
          REQUIRE(skyrocks_test::RunCommand(
                      "rm -rf " + copy + " && cp -r " + dir.Sub(writer) + " " +
                          copy,
                      &ignored) == 0);
          const std::string out = PrefixDiffRun(
              reader, "read " + copy + " " + reader_ext + " " + wkf);
          if (std::string(reader) == "rocksdb" &&
              std::string(reader_ext) == writer_ext) {
            // librocksdb skipped tables through the filters' prefixes.
            CHECK(PrefixUsefulCount(out) > 100);
          }
          const std::string cmp = PrefixDiffComparable(out);
          REQUIRE(cmp.find("seek p010: p010-0") != std::string::npos);
          if (expected.empty()) {
            expected = cmp;
          } else {
            skyrocks_test::CheckSameLines(cmp, expected);
          }
        }
      }
    }
  }
}
