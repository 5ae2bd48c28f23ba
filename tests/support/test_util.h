// Helpers shared by tests: a temporary directory removed when the test ends,
// and where the build put the oracle programs.
#ifndef SKYROCKS_TESTS_SUPPORT_TEST_UTIL_H_
#define SKYROCKS_TESTS_SUPPORT_TEST_UTIL_H_

#include <string>

namespace skyrocks_test {

// A fresh directory under $TMPDIR (or /tmp), deleted with everything in it
// when the object goes out of scope. Not copyable.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Runs a shell command; returns its exit status (or -1), output in *out.
int RunCommand(const std::string& cmd, std::string* out);

// The whole contents of a file ("" if it cannot be read).
std::string ReadWholeFile(const std::string& path);

// The repository root (SKYROCKS_SOURCE_DIR, else the current directory):
// where tests find scripts such as tests/oracle/*.py.
std::string SourceDir();

// Directory of the build (where oracle/ programs live); from the
// SKYROCKS_BUILD_DIR environment variable, else "build".
std::string BuildDir();

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_SUPPORT_TEST_UTIL_H_
