// S3Emulator: the S3 emulator (@20minutes/s3rver, which verifies SigV4, plus
// scripts/emulators/s3_emulator.js for conditional writes and the
// pre-created bucket "skyrocks-test") started for one test on 127.0.0.1 and
// an ephemeral port, and killed by PID when the object goes away (also when
// the test fails). running() is false only when install-deps could not
// install it; tests then skip, saying so.
#ifndef SKYROCKS_TESTS_SUPPORT_S3_EMULATOR_H_
#define SKYROCKS_TESTS_SUPPORT_S3_EMULATOR_H_

#include <sys/types.h>

#include <string>

#include "support/test_util.h"

namespace skyrocks_test {

class S3Emulator {
 public:
  S3Emulator();
  ~S3Emulator();
  S3Emulator(const S3Emulator&) = delete;
  S3Emulator& operator=(const S3Emulator&) = delete;
  bool running() const { return !port_.empty(); }
  std::string endpoint() const { return "http://127.0.0.1:" + port_; }

 private:
  TempDir dir_;
  std::string module_dir_;
  pid_t pid_ = -1;
  std::string port_;
};

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_SUPPORT_S3_EMULATOR_H_
