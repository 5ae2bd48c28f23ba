// OptimisticTransactionDB against librocksdb 7.8.3, differentially: the
// program tests/oracle/txn_diff.cpp is built against both libraries; a
// checked-in script (tests/oracle/txn_script.txt) and seeded random scripts
// of three interleaved transactions (writes tracked and untracked,
// GetForUpdate with and without snapshots, save points, commits that
// conflict with each other and with plain DB writes, flushes) run through
// both, under both validation policies, which must print the same lines.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "support/test_util.h"

namespace {

std::string TxnRandomScript(uint32_t seed, int lines) {
  std::mt19937 rnd(seed);
  auto pick = [&](int n) { return static_cast<int>(rnd() % n); };
  auto key = [&] { return std::string(1, static_cast<char>('a' + pick(5))); };
  auto cf = [&] { return std::to_string(pick(2)); };
  auto t = [&] { return std::to_string(pick(3)); };
  std::ostringstream out;
  int values = 0;
  for (int i = 0; i < lines; i++) {
    const int op = pick(100);
    const std::string v = "v" + std::to_string(values++);
    if (op < 6) {
      out << "begin " << t() << (pick(3) == 0 ? " snap" : "") << "\n";
    } else if (op < 8) {
      out << "reuse " << t() << (pick(2) == 0 ? " snap" : "") << "\n";
    } else if (op < 20) {
      out << "put " << t() << " " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 25) {
      out << "merge " << t() << " " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 29) {
      out << "del " << t() << " " << cf() << " " << key() << "\n";
    } else if (op < 31) {
      out << "putu " << t() << " " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 36) {
      out << (pick(2) ? "get " : "gets ") << t() << " " << cf() << " " << key()
          << "\n";
    } else if (op < 46) {
      static const char* const kGfu[] = {"gfu ", "gfun ", "gfus "};
      out << kGfu[pick(3)] << t() << " " << cf() << " " << key() << "\n";
    } else if (op < 48) {
      out << "mgfu " << t() << " " << cf() << " " << key() << " " << key()
          << "\n";
    } else if (op < 50) {
      out << "undo " << t() << " " << cf() << " " << key() << "\n";
    } else if (op < 52) {
      static const char* const kSnap[] = {"snap ", "snapnext ", "clearsnap ",
                                          "hassnap "};
      out << kSnap[pick(4)] << t() << "\n";
    } else if (op < 56) {
      out << "sp " << t() << "\n";
    } else if (op < 59) {
      out << "rb " << t() << "\n";
    } else if (op < 60) {
      out << "pop " << t() << "\n";
    } else if (op < 70) {
      out << "commit " << t() << "\n";
    } else if (op < 72) {
      out << "rollback " << t() << "\n";
    } else if (op < 74) {
      out << "num " << t() << "\n";
    } else if (op < 77) {
      out << "iter " << t() << " " << cf() << "\n";
    } else if (op < 87) {
      out << "dbput " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 91) {
      out << "dbmerge " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 94) {
      out << "dbdel " << cf() << " " << key() << "\n";
    } else if (op < 98) {
      out << "dbget " << cf() << " " << key() << "\n";
    } else {
      out << "flush " << cf() << "\n";
    }
  }
  return out.str();
}

void RunTxnDiff(const std::string& script, const std::string& policy,
                std::string* rocksdb, std::string* skyrocks) {
  skyrocks_test::TempDir dir;
  const std::string script_path = dir.Sub("script.txt");
  {
    std::ofstream f(script_path);
    f << script;
  }
  const std::string build = skyrocks_test::BuildDir();
  REQUIRE(skyrocks_test::RunCommand(build + "/oracle/txn_diff " +
                                        dir.Sub("rocksdb") + " " + policy +
                                        " < " + script_path,
                                    rocksdb) == 0);
  REQUIRE(skyrocks_test::RunCommand(build + "/diff/txn_diff " +
                                        dir.Sub("skyrocks") + " " + policy +
                                        " < " + script_path,
                                    skyrocks) == 0);
}

std::string TxnFirstDifference(const std::string& a, const std::string& b) {
  std::istringstream ia(a), ib(b);
  std::string la, lb;
  for (int n = 1;; n++) {
    const bool ga = static_cast<bool>(std::getline(ia, la));
    const bool gb = static_cast<bool>(std::getline(ib, lb));
    if (!ga && !gb) return "";
    if (!ga || !gb || la != lb) {
      return "line " + std::to_string(n) + "\n  rocksdb:  " + la +
             "\n  skyrocks: " + lb;
    }
  }
}

}  // namespace

TEST_CASE(
    "OptimisticTransactionDB matches RocksDB 7.8.3 on the checked-in "
    "script") {
  const std::string script = skyrocks_test::ReadWholeFile(
      skyrocks_test::SourceDir() + "/tests/oracle/txn_script.txt");
  REQUIRE(!script.empty());
  for (const char* policy : {"parallel", "serial"}) {
    CAPTURE(policy);
    std::string rocksdb, skyrocks;
    RunTxnDiff(script, policy, &rocksdb, &skyrocks);
    CHECK(rocksdb.find("FAIL") == std::string::npos);
    CHECK(rocksdb.find("unknown command") == std::string::npos);
    // The script exercises both outcomes of a commit.
    CHECK(rocksdb.find("commit 1 -> Resource busy") != std::string::npos);
    CHECK(rocksdb.find("commit 0 -> OK") != std::string::npos);
    INFO(TxnFirstDifference(rocksdb, skyrocks));
    CHECK(rocksdb == skyrocks);
  }
}

TEST_CASE("OptimisticTransactionDB matches RocksDB 7.8.3 on random scripts") {
  for (uint32_t seed = 1; seed <= 16; seed++) {
    CAPTURE(seed);
    const std::string script = TxnRandomScript(seed, 400);
    std::string rocksdb, skyrocks;
    RunTxnDiff(script, seed % 2 ? "parallel" : "serial", &rocksdb, &skyrocks);
    INFO(TxnFirstDifference(rocksdb, skyrocks));
    REQUIRE(rocksdb == skyrocks);
  }
}
