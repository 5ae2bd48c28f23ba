// CheckSameLines: two programs' outputs (the oracle built against
// librocksdb and the same program built against skyrocks) compared line
// by line; a failure names the first line that differs and stops there.
#ifndef SKYROCKS_TESTS_SUPPORT_SAME_LINES_H_
#define SKYROCKS_TESTS_SUPPORT_SAME_LINES_H_

#include <doctest/doctest.h>

#include <sstream>
#include <string>

namespace skyrocks_test {

inline void CheckSameLines(const std::string& ours, const std::string& theirs) {
  std::istringstream a(ours), b(theirs);
  std::string la, lb;
  for (int n = 1;; n++) {
    const bool ga = static_cast<bool>(std::getline(a, la));
    const bool gb = static_cast<bool>(std::getline(b, lb));
    if (!ga && !gb) break;
    INFO("line " << n);
    CHECK(la == lb);
    if (la != lb) break;
  }
}

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_SUPPORT_SAME_LINES_H_
