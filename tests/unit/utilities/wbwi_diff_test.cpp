// WriteBatchWithIndex against librocksdb 7.8.3, differentially: the program
// tests/oracle/wbwi_diff.cpp is built against both libraries; each seeded
// script of random batch updates (both overwrite_key settings, three column
// families, one with a reverse comparator and one without a merge
// operator), save points, DB writes and flushes, point reads from the
// batch and from batch plus DB, and iterator walks over the batch and over
// batch plus DB (with bounds) runs through both, which must print the same
// lines. A checked-in script (tests/oracle/wbwi_script.txt) covers the
// documented cases by name.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_util.h"

namespace {

// One random script: updates and reads interleaved.
std::string WbwiRandomScript(uint32_t seed, int lines) {
  std::mt19937 rnd(seed);
  auto pick = [&](int n) { return static_cast<int>(rnd() % n); };
  const char* const cfs[] = {"0", "1", "2", "n"};
  auto key = [&] { return std::string(1, static_cast<char>('a' + pick(6))); };
  auto cf = [&] { return std::string(cfs[pick(4)]); };
  auto dbcf = [&] { return std::string(cfs[pick(2)]); };  // merge-capable
  auto steps = [&] {
    std::string s;
    const int n = 1 + pick(8);
    for (int i = 0; i < n; i++) {
      switch (pick(6)) {
        case 0:
          s += " F";
          break;
        case 1:
          s += " L";
          break;
        case 2:
          s += " s" + key();
          break;
        case 3:
          s += " r" + key();
          break;
        case 4:
          s += " N";
          break;
        default:
          s += " P";
          break;
      }
    }
    return s;
  };
  std::ostringstream out;
  out << "batch " << pick(2) << "\n";
  int values = 0;
  // No `write` of a batch that may hold a Merge into the column family
  // without a merge operator (skyrocks' DB accepts it, RocksDB's rejects
  // the write: a difference of the DBs, not of the batches) or a
  // SingleDelete (random ones break its contract, undefined behaviour).
  bool unwritable = false;
  for (int i = 0; i < lines; i++) {
    const int op = pick(100);
    const std::string v = "v" + std::to_string(values++);
    if (op < 14) {
      out << "put " << cf() << " " << key() << " " << v << "\n";
    } else if (op < 26) {
      const std::string c = cf();
      unwritable |= c == "2";
      out << "merge " << c << " " << key() << " " << v << "\n";
    } else if (op < 32) {
      out << "del " << cf() << " " << key() << "\n";
    } else if (op < 35) {
      unwritable = true;
      out << "sdel " << cf() << " " << key() << "\n";
    } else if (op < 36) {
      out << "drange " << cf() << " a c\n";
    } else if (op < 37) {
      out << "logdata blob" << i << "\n";
    } else if (op < 41) {
      out << "sp\n";
    } else if (op < 44) {
      out << "rb\n";
    } else if (op < 45) {
      out << "pop\n";
    } else if (op < 46) {
      unwritable = false;
      out << "clear\n";
    } else if (op < 47) {
      unwritable = false;
      out << "batch " << pick(2) << "\n";
    } else if (op < 49) {
      out << "size\n";
    } else if (op < 55) {
      out << "get " << cf() << " " << key() << "\n";
    } else if (op < 61) {
      out << "getdb " << cf() << " " << key() << "\n";
    } else if (op < 62) {
      out << "mgetdb " << dbcf() << " a b c d e f\n";
    } else if (op < 68) {
      out << "iter " << cf() << steps() << "\n";
    } else if (op < 70) {
      out << "iopen " << cf() << "\n";
    } else if (op < 73) {
      out << "istep" << steps() << "\n";
    } else if (op < 82) {
      const std::string lb = pick(3) == 0 ? key() : "-";
      const std::string ub = pick(3) == 0 ? key() : "-";
      out << "base " << cf() << " " << lb << " " << ub << steps() << "\n";
    } else if (op < 88) {
      out << "dbput " << dbcf() << " " << key() << " " << v << "\n";
    } else if (op < 92) {
      out << "dbmerge " << dbcf() << " " << key() << " " << v << "\n";
    } else if (op < 95) {
      out << "dbdel " << dbcf() << " " << key() << "\n";
    } else if (op < 96) {
      out << "flush " << dbcf() << "\n";
    } else if (!unwritable) {
      out << "write\n";
    }
  }
  return out.str();
}

// Runs both builds of wbwi_diff on script; their outputs in *rocksdb and
// *skyrocks.
void RunWbwiDiff(const std::string& script, std::string* rocksdb,
                 std::string* skyrocks) {
  skyrocks_test::TempDir dir;
  const std::string script_path = dir.Sub("script.txt");
  {
    std::ofstream f(script_path);
    f << script;
  }
  const std::string build = skyrocks_test::BuildDir();
  REQUIRE(skyrocks_test::RunCommand(build + "/oracle/wbwi_diff " +
                                        dir.Sub("rocksdb") + " < " +
                                        script_path,
                                    rocksdb) == 0);
  REQUIRE(skyrocks_test::RunCommand(build + "/diff/wbwi_diff " +
                                        dir.Sub("skyrocks") + " < " +
                                        script_path,
                                    skyrocks) == 0);
}

// The first line where a and b differ, for the failure message.
std::string WbwiFirstDifference(const std::string& a, const std::string& b) {
  std::istringstream ia(a), ib(b);
  std::string la, lb;
  int n = 0;
  while (true) {
    n++;
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
    "WriteBatchWithIndex matches RocksDB 7.8.3 on the checked-in script") {
  const std::string script = skyrocks_test::ReadWholeFile(
      skyrocks_test::SourceDir() + "/tests/oracle/wbwi_script.txt");
  REQUIRE(!script.empty());
  std::string rocksdb, skyrocks;
  RunWbwiDiff(script, &rocksdb, &skyrocks);
  // Each script line echoes with its answer.
  CHECK(rocksdb.find("FAIL") == std::string::npos);
  CHECK(rocksdb.find("unknown command") == std::string::npos);
  INFO(WbwiFirstDifference(rocksdb, skyrocks));
  CHECK(rocksdb == skyrocks);
}

TEST_CASE("WriteBatchWithIndex matches RocksDB 7.8.3 on random scripts") {
  for (uint32_t seed = 1; seed <= 24; seed++) {
    CAPTURE(seed);
    const std::string script = WbwiRandomScript(seed, 400);
    std::string rocksdb, skyrocks;
    RunWbwiDiff(script, &rocksdb, &skyrocks);
    INFO(WbwiFirstDifference(rocksdb, skyrocks));
    REQUIRE(rocksdb == skyrocks);
  }
}
