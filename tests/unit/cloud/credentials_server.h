// For the credential tests: the fake credential endpoints of
// tests/support/credentials_test_server.py, started on 127.0.0.1 and an
// ephemeral port and killed by PID with the object (bounded wait for its
// port), and an environment variable set (or unset) for one scope.
#ifndef SKYROCKS_TESTS_UNIT_CLOUD_CREDENTIALS_SERVER_H_
#define SKYROCKS_TESTS_UNIT_CLOUD_CREDENTIALS_SERVER_H_

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "cloud/http.h"
#include "support/test_util.h"

namespace skyrocks_test {

class CredentialsServer {
 public:
  explicit CredentialsServer(const std::string& dir) {
    const std::string portfile = dir + "/cred-port";
    pid_ = fork();
    if (pid_ == 0) {
      const std::string script =
          SourceDir() + "/tests/support/credentials_test_server.py";
      execlp("python3", "python3", script.c_str(), portfile.c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 200 && port_.empty(); i++) {  // bounded: 10 s
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      port_ = ReadWholeFile(portfile);
    }
  }
  ~CredentialsServer() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status;
      waitpid(pid_, &status, 0);
    }
  }
  CredentialsServer(const CredentialsServer&) = delete;
  CredentialsServer& operator=(const CredentialsServer&) = delete;

  bool running() const { return !port_.empty(); }
  std::string url() const { return "http://127.0.0.1:" + port_; }
  // How many answers of a kind the server gave (see the script).
  int Count(const std::string& name) const {
    auto t =
        ROCKSDB_NAMESPACE::NewCurlTransport(ROCKSDB_NAMESPACE::HttpTimeouts());
    ROCKSDB_NAMESPACE::HttpRequest req;
    req.method = "GET";
    req.url = url() + "/count/" + name;
    ROCKSDB_NAMESPACE::HttpResponse resp;
    if (!t->Send(req, &resp).ok() || resp.status != 200) return -1;
    return atoi(resp.body.c_str());
  }

 private:
  pid_t pid_ = -1;
  std::string port_;
};

// Sets (value nullptr: unsets) an environment variable until destroyed.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    const char* old = getenv(name);
    had_ = old != nullptr;
    if (had_) old_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ScopedEnv(const char* name, const std::string& value)
      : ScopedEnv(name, value.c_str()) {}
  ~ScopedEnv() {
    if (had_) {
      setenv(name_, old_.c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  bool had_ = false;
  std::string old_;
};

// A clock the test moves: the real time plus an offset.
struct TestClock {
  std::atomic<int64_t> offset{0};
  int64_t Now() const { return static_cast<int64_t>(time(nullptr)) + offset; }
};

inline void WriteTestFile(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << data;
}

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_UNIT_CLOUD_CREDENTIALS_SERVER_H_
