// The pessimistic TransactionDB against librocksdb 7.8.3, differentially:
// tests/oracle/ptxn_diff.cpp is built against both libraries and runs the
// checked-in script tests/oracle/ptxn_script.txt, whose parts (split at
// `# --- reopen`) run one after the other on one DB directory, each part
// but the last ending with a crash that leaves prepared transactions in the
// WAL. Every sequence of libraries (rocksdb or skyrocks per part) must
// print what librocksdb alone prints: locks, conflicts, two-phase commit,
// and the prepared set each side recovers from the other's WAL.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_util.h"

namespace {

std::vector<std::string> PtxnScriptParts() {
  const std::string script = skyrocks_test::ReadWholeFile(
      skyrocks_test::SourceDir() + "/tests/oracle/ptxn_script.txt");
  std::vector<std::string> parts(1);
  std::istringstream in(script);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# --- reopen", 0) == 0) {
      parts.emplace_back();
      continue;
    }
    parts.back() += line + "\n";
  }
  return parts;
}

// Runs part i with libs[i] ("oracle": librocksdb, "diff": skyrocks).
std::string RunPtxnParts(const std::vector<std::string>& parts,
                         const std::vector<std::string>& libs) {
  skyrocks_test::TempDir dir;
  std::string out;
  for (size_t i = 0; i < parts.size(); i++) {
    const std::string path = dir.Sub("part" + std::to_string(i));
    {
      std::ofstream f(path);
      f << parts[i];
    }
    std::string o;
    REQUIRE(skyrocks_test::RunCommand(skyrocks_test::BuildDir() + "/" +
                                          libs[i] + "/ptxn_diff " +
                                          dir.Sub("db") + " < " + path,
                                      &o) == 0);
    out += o;
  }
  return out;
}

std::string PtxnFirstDifference(const std::string& a, const std::string& b) {
  std::istringstream ia(a), ib(b);
  std::string la, lb;
  for (int n = 1;; n++) {
    const bool ga = static_cast<bool>(std::getline(ia, la));
    const bool gb = static_cast<bool>(std::getline(ib, lb));
    if (!ga && !gb) return "";
    if (!ga || !gb || la != lb) {
      return "line " + std::to_string(n) + "\n  rocksdb:  " + la +
             "\n  other:    " + lb;
    }
  }
}

}  // namespace

TEST_CASE(
    "TransactionDB matches RocksDB 7.8.3 on the checked-in script, and each "
    "recovers the prepared transactions the other left in its WAL") {
  const std::vector<std::string> parts = PtxnScriptParts();
  REQUIRE(parts.size() == 3);
  const std::string rocksdb =
      RunPtxnParts(parts, {"oracle", "oracle", "oracle"});
  CHECK(rocksdb.find("FAIL") == std::string::npos);
  CHECK(rocksdb.find("unknown command") == std::string::npos);
  CHECK(rocksdb.find("no-transaction") == std::string::npos);
  // The script meets lock timeouts, snapshot conflicts, expiry, and
  // recovers a prepared transaction in each reopen.
  CHECK(rocksdb.find("-> 9/2") != std::string::npos);
  CHECK(rocksdb.find("-> 11/0") != std::string::npos);
  CHECK(rocksdb.find("commit 0 -> 12/0") != std::string::npos);
  CHECK(rocksdb.find("prepared -> n=1 x1:state=2") != std::string::npos);
  CHECK(rocksdb.find("prepared -> n=1 y1:state=2") != std::string::npos);
  const std::vector<std::vector<std::string>> sequences = {
      {"diff", "diff", "diff"},
      {"oracle", "diff", "oracle"},
      {"diff", "oracle", "diff"}};
  for (const auto& libs : sequences) {
    CAPTURE(libs[0] + "," + libs[1] + "," + libs[2]);
    const std::string other = RunPtxnParts(parts, libs);
    INFO(PtxnFirstDifference(rocksdb, other));
    CHECK(rocksdb == other);
  }
}
