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
#include <random>
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

// A seeded random script of four interleaved transactions on five keys:
// locks that meet (lock timeout 0: TimedOut at once), shared and exclusive
// reads for update, snapshots, save points, names, prepares, commits and
// rollbacks, plain DB writes and flushes.
std::string PtxnRandomScript(uint32_t seed, int lines) {
  std::mt19937 rnd(seed);
  auto pick = [&](int n) { return static_cast<int>(rnd() % n); };
  auto key = [&] { return std::string(1, static_cast<char>('a' + pick(5))); };
  auto cf = [&] { return std::to_string(pick(2)); };
  auto t = [&] { return std::to_string(pick(4)); };
  std::ostringstream out;
  int values = 0;
  int names = 0;
  for (int i = 0; i < lines; i++) {
    const int op = pick(100);
    const std::string v = "v" + std::to_string(values++);
    if (op < 6) {
      out << "begin " << t() << (pick(3) == 0 ? " snap" : "") << "\n";
    } else if (op < 8) {
      out << "reuse " << t() << (pick(2) == 0 ? " snap" : "") << "\n";
    } else if (op < 22) {
      out << "put " << t() << " " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 26) {
      out << "merge " << t() << " " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 30) {
      out << "del " << t() << " " << cf() << " " << key() << "\n";
    } else if (op < 32) {
      out << "putu " << t() << " " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 36) {
      out << "get " << t() << " " << cf() << " " << key() << "\n";
    } else if (op < 42) {
      out << "gfu " << t() << " " << cf() << " " << key() << "\n";
    } else if (op < 45) {
      out << "gfush " << t() << " " << cf() << " " << key() << "\n";
    } else if (op < 47) {
      out << "undo " << t() << " " << cf() << " " << key() << "\n";
    } else if (op < 49) {
      out << "snap " << t() << "\n";
    } else if (op < 52) {
      out << "sp " << t() << "\n";
    } else if (op < 55) {
      out << "rb " << t() << "\n";
    } else if (op < 57) {
      out << "pop " << t() << "\n";
    } else if (op < 60) {
      out << "setname " << t() << " n" << (names++ % 6) << "\n";
    } else if (op < 64) {
      out << "prepare " << t() << "\n";
    } else if (op < 71) {
      out << "commit " << t() << "\n";
    } else if (op < 74) {
      out << "rollback " << t() << "\n";
    } else if (op < 76) {
      out << "num " << t() << "\n";
    } else if (op < 78) {
      out << "state " << t() << "\n";
    } else if (op < 80) {
      out << "iter " << t() << " " << cf() << "\n";
    } else if (op < 87) {
      out << "dbput " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 89) {
      out << "dbwrite " << cf() << " " << key() << " " << v << " " << key()
          << " " << v << "x\n";
    } else if (op < 91) {
      out << "dbdel " << cf() << " " << key() << "\n";
    } else if (op < 95) {
      out << "dbget " << cf() << " " << key() << "\n";
    } else if (op < 97) {
      out << "locks\n";
    } else if (op < 98) {
      out << "prepared\n";
    } else {
      out << "flush " << cf() << "\n";
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("TransactionDB matches RocksDB 7.8.3 on random scripts") {
  for (uint32_t seed = 1; seed <= 12; seed++) {
    CAPTURE(seed);
    const std::vector<std::string> parts = {PtxnRandomScript(seed, 300)};
    const std::string rocksdb = RunPtxnParts(parts, {"oracle"});
    const std::string skyrocks = RunPtxnParts(parts, {"diff"});
    INFO(PtxnFirstDifference(rocksdb, skyrocks));
    REQUIRE(rocksdb == skyrocks);
  }
}

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
