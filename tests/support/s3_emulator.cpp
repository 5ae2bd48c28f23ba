// S3Emulator; see support/s3_emulator.h.
#include "support/s3_emulator.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace skyrocks_test {

S3Emulator::S3Emulator() {
  const char* env = getenv("SKYROCKS_EMULATOR_DIR");
  const char* home = getenv("HOME");
  module_dir_ = env && *env ? env
                            : std::string(home ? home : "/root") +
                                  "/.cache/skyrocks-emulators";
  module_dir_ += "/s3";
  std::string out;
  if (RunCommand("test -f " + module_dir_ +
                     "/node_modules/@20minutes/s3rver/lib/s3rver.js && command "
                     "-v node",
                 &out) != 0) {
    return;  // not installed
  }
  const std::string data = dir_.Sub("data"), portfile = dir_.Sub("port");
  std::string mk;
  RunCommand("mkdir -p " + data, &mk);
  const std::string script = SourceDir() + "/scripts/emulators/s3_emulator.js";
  pid_ = fork();
  if (pid_ == 0) {
    execlp("node", "node", "--openssl-legacy-provider", script.c_str(),
           module_dir_.c_str(), data.c_str(), portfile.c_str(), nullptr);
    _exit(127);
  }
  for (int i = 0; i < 300 && port_.empty(); i++) {  // bounded: 15 s
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    port_ = ReadWholeFile(portfile);
  }
}

S3Emulator::~S3Emulator() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status;
    waitpid(pid_, &status, 0);
  }
}

}  // namespace skyrocks_test
