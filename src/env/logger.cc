// Logger, the Log/Header/Info... functions and Env::NewLogger; contract in
// rocksdb/env.h. The file logger writes RocksDB's line format:
// "2026/12/07-17:53:39.123456 7f3a2b1c0640 message", the level's name in
// brackets before messages other than INFO and header ones.
#include <pthread.h>
#include <time.h>

#include <cstdio>
#include <string>

#include "port/mutex.h"
#include "rocksdb/env.h"

namespace ROCKSDB_NAMESPACE {

Logger::~Logger() = default;

Status Logger::Close() {
  if (closed_) return Status::OK();
  closed_ = true;
  return CloseImpl();
}

void Logger::Logv(const InfoLogLevel log_level, const char* format,
                  va_list ap) {
  static const char* const kLevelNames[] = {"DEBUG", "INFO", "WARN", "ERROR",
                                            "FATAL"};
  if (log_level < log_level_) return;
  if (log_level == InfoLogLevel::INFO_LEVEL) {
    Logv(format, ap);
  } else if (log_level == InfoLogLevel::HEADER_LEVEL) {
    LogHeader(format, ap);
  } else {
    const int index = log_level < InfoLogLevel::HEADER_LEVEL ? log_level : 4;
    const std::string leveled =
        std::string("[") + kLevelNames[index] + "] " + format;
    Logv(leveled.c_str(), ap);
  }
  if (log_level >= InfoLogLevel::WARN_LEVEL &&
      log_level != InfoLogLevel::HEADER_LEVEL) {
    Flush();
  }
}

namespace {

// Writes each message as one line to a file of the Env's FileSystem.
class FileInfoLogger : public Logger {
 public:
  FileInfoLogger(std::unique_ptr<FSWritableFile> file, SystemClock* clock)
      : file_(std::move(file)), clock_(clock) {}
  ~FileInfoLogger() override { Close().PermitUncheckedError(); }

  void Logv(const char* format, va_list ap) override {
    const uint64_t now = clock_->NowMicros();
    const time_t seconds = static_cast<time_t>(now / 1000000);
    struct tm t;
    localtime_r(&seconds, &t);
    char head[64];
    std::snprintf(head, sizeof(head),
                  "%04d/%02d/%02d-%02d:%02d:%02d.%06d %llx ", t.tm_year + 1900,
                  t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec,
                  static_cast<int>(now % 1000000),
                  static_cast<unsigned long long>(pthread_self()));
    std::string line(head);
    va_list copy;
    va_copy(copy, ap);
    char buf[512];
    const int n = std::vsnprintf(buf, sizeof(buf), format, copy);
    va_end(copy);
    if (n >= 0 && static_cast<size_t>(n) < sizeof(buf)) {
      line.append(buf, static_cast<size_t>(n));
    } else if (n >= 0) {
      std::string big(static_cast<size_t>(n) + 1, '\0');
      std::vsnprintf(&big[0], big.size(), format, ap);
      big.resize(static_cast<size_t>(n));
      line += big;
    }
    if (line.empty() || line.back() != '\n') line += '\n';
    port::MutexLock l(&mu_);
    if (closed_ || file_ == nullptr) return;
    IOStatus s = file_->Append(line, IOOptions(), nullptr);
    if (s.ok()) s = file_->Flush(IOOptions(), nullptr);
    if (s.ok()) size_ += line.size();
    s.PermitUncheckedError();
  }

  size_t GetLogFileSize() const override {
    port::MutexLock l(&mu_);
    return size_;
  }

  void Flush() override {
    port::MutexLock l(&mu_);
    if (file_ != nullptr)
      file_->Flush(IOOptions(), nullptr).PermitUncheckedError();
  }

 protected:
  Status CloseImpl() override {
    port::MutexLock l(&mu_);
    if (file_ == nullptr) return Status::OK();
    IOStatus s = file_->Close(IOOptions(), nullptr);
    file_.reset();
    return s;
  }

 private:
  mutable port::Mutex mu_;
  std::unique_ptr<FSWritableFile> file_ SKYROCKS_GUARDED_BY(mu_);
  SystemClock* const clock_;
  size_t size_ SKYROCKS_GUARDED_BY(mu_) = 0;
};

void LogAtLevel(const InfoLogLevel level, Logger* info_log, const char* format,
                va_list ap) {
  if (info_log == nullptr || info_log->GetInfoLogLevel() > level) return;
  if (level == InfoLogLevel::HEADER_LEVEL) {
    info_log->LogHeader(format, ap);
  } else {
    info_log->Logv(level, format, ap);
  }
}

}  // namespace

Status Env::NewLogger(const std::string& fname,
                      std::shared_ptr<Logger>* result) {
  std::unique_ptr<FSWritableFile> file;
  IOStatus s = fs_->NewWritableFile(fname, FileOptions(), &file, nullptr);
  if (!s.ok()) return s;
  *result = std::make_shared<FileInfoLogger>(std::move(file), clock_.get());
  return Status::OK();
}

void LogFlush(const std::shared_ptr<Logger>& info_log) {
  LogFlush(info_log.get());
}
void LogFlush(Logger* info_log) {
  if (info_log != nullptr) info_log->Flush();
}

// Each logging function forwards its arguments to LogAtLevel.
#define SKYROCKS_LOG_FORWARD(level, logger)  \
  va_list ap;                                \
  va_start(ap, format);                      \
  LogAtLevel((level), (logger), format, ap); \
  va_end(ap)

void Log(const InfoLogLevel log_level, const std::shared_ptr<Logger>& info_log,
         const char* format, ...) {
  SKYROCKS_LOG_FORWARD(log_level, info_log.get());
}
void Log(const InfoLogLevel log_level, Logger* info_log, const char* format,
         ...) {
  SKYROCKS_LOG_FORWARD(log_level, info_log);
}
void Log(const std::shared_ptr<Logger>& info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::INFO_LEVEL, info_log.get());
}
void Log(Logger* info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::INFO_LEVEL, info_log);
}
void Header(const std::shared_ptr<Logger>& info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::HEADER_LEVEL, info_log.get());
}
void Header(Logger* info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::HEADER_LEVEL, info_log);
}
void Debug(const std::shared_ptr<Logger>& info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::DEBUG_LEVEL, info_log.get());
}
void Debug(Logger* info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::DEBUG_LEVEL, info_log);
}
void Info(const std::shared_ptr<Logger>& info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::INFO_LEVEL, info_log.get());
}
void Info(Logger* info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::INFO_LEVEL, info_log);
}
void Warn(const std::shared_ptr<Logger>& info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::WARN_LEVEL, info_log.get());
}
void Warn(Logger* info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::WARN_LEVEL, info_log);
}
void Error(const std::shared_ptr<Logger>& info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::ERROR_LEVEL, info_log.get());
}
void Error(Logger* info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::ERROR_LEVEL, info_log);
}
void Fatal(const std::shared_ptr<Logger>& info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::FATAL_LEVEL, info_log.get());
}
void Fatal(Logger* info_log, const char* format, ...) {
  SKYROCKS_LOG_FORWARD(InfoLogLevel::FATAL_LEVEL, info_log);
}

#undef SKYROCKS_LOG_FORWARD

}  // namespace ROCKSDB_NAMESPACE
