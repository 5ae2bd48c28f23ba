// Env: RocksDB's bundle of the operating-system services a DB uses — a
// FileSystem, a SystemClock and background thread pools (one per
// Priority) for Schedule. Env::Default() is POSIX files, the real clock and
// lazily started threads; NewCompositeEnv puts another FileSystem (an
// in-memory or fault-injecting one, an object-store cache) behind the same
// threads and clock. File methods return Status and forward to the
// FileSystem. Thread-safe.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_ENV_H_
#define SKYROCKS_INCLUDE_ROCKSDB_ENV_H_

#include <cstdarg>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/file_system.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/status.h"
#include "rocksdb/system_clock.h"

namespace ROCKSDB_NAMESPACE {

class Logger;
class EnvThreadPools;

enum InfoLogLevel : unsigned char {
  DEBUG_LEVEL = 0,
  INFO_LEVEL,
  WARN_LEVEL,
  ERROR_LEVEL,
  FATAL_LEVEL,
  HEADER_LEVEL,
  NUM_INFO_LOG_LEVELS,
};

class Env {
 public:
  enum Priority { BOTTOM, LOW, HIGH, USER, TOTAL };
  // The priority of an I/O request (RateLimiter): flushes are IO_HIGH,
  // compactions IO_LOW.
  enum IOPriority { IO_LOW = 0, IO_MID = 1, IO_HIGH = 2, IO_USER = 3, IO_TOTAL = 4 };

  Env(std::shared_ptr<FileSystem> fs, std::shared_ptr<SystemClock> clock);
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;
  // Runs what is queued, then joins the background threads.
  virtual ~Env();

  // The process-wide default Env (never destroyed).
  static Env* Default();
  virtual const char* Name() const { return "DefaultEnv"; }

  const std::shared_ptr<FileSystem>& GetFileSystem() const { return fs_; }
  const std::shared_ptr<SystemClock>& GetSystemClock() const { return clock_; }

  virtual Status FileExists(const std::string& fname);
  virtual Status GetChildren(const std::string& dir,
                             std::vector<std::string>* result);
  virtual Status DeleteFile(const std::string& fname);
  virtual Status CreateDir(const std::string& dirname);
  virtual Status CreateDirIfMissing(const std::string& dirname);
  virtual Status DeleteDir(const std::string& dirname);
  virtual Status GetFileSize(const std::string& fname, uint64_t* file_size);
  virtual Status RenameFile(const std::string& src, const std::string& target);
  virtual Status LinkFile(const std::string& src, const std::string& target);
  virtual Status LockFile(const std::string& fname, FileLock** lock);
  virtual Status UnlockFile(FileLock* lock);

  // Runs function(arg) on a background thread of priority pri. A job still
  // queued can be withdrawn with UnSchedule(tag), which calls
  // unschedFunction(arg) instead.
  virtual void Schedule(void (*function)(void* arg), void* arg,
                        Priority pri = LOW, void* tag = nullptr,
                        void (*unschedFunction)(void* arg) = nullptr);
  // Returns how many queued jobs with this tag were withdrawn.
  virtual int UnSchedule(void* tag, Priority pri);
  // A thread that is not part of a pool; WaitForJoin joins them all.
  virtual void StartThread(void (*function)(void* arg), void* arg);
  virtual void WaitForJoin();
  virtual unsigned int GetThreadPoolQueueLen(Priority pri = LOW) const;
  virtual void SetBackgroundThreads(int number, Priority pri = LOW);
  virtual int GetBackgroundThreads(Priority pri = LOW);
  virtual void IncBackgroundThreadsIfNeeded(int number, Priority pri);
  // Runs everything queued, then joins every pool thread.
  virtual void WaitForJobsAndJoinAllThreads();

  uint64_t NowMicros() { return clock_->NowMicros(); }
  uint64_t NowNanos() { return clock_->NowNanos(); }
  void SleepForMicroseconds(int micros) {
    clock_->SleepForMicroseconds(micros);
  }
  Status GetCurrentTime(int64_t* unix_time) {
    return clock_->GetCurrentTime(unix_time);
  }
  Status GetHostName(char* name, uint64_t len);
  // A new info log file fname (truncated), written through the Env's
  // FileSystem: each line the time, the thread and the message.
  virtual Status NewLogger(const std::string& fname,
                           std::shared_ptr<Logger>* result);

 private:
  std::shared_ptr<FileSystem> fs_;
  std::shared_ptr<SystemClock> clock_;
  std::unique_ptr<EnvThreadPools> pools_;
};

// Logger: where a DB writes its info LOG (DBOptions::info_log). Messages
// below the logger's level are dropped; HEADER_LEVEL ones always go out.
// Implementations must be thread-safe: flushes, compactions and the
// periodic stats dump log from their own threads.
class Logger {
 public:
  size_t kDoNotSupportGetLogFileSize = (std::numeric_limits<size_t>::max)();

  explicit Logger(const InfoLogLevel log_level = InfoLogLevel::INFO_LEVEL)
      : closed_(false), log_level_(log_level) {}
  Logger(const Logger&) = delete;
  void operator=(const Logger&) = delete;
  virtual ~Logger();

  // Closes the file (once); later messages are dropped.
  virtual Status Close();
  // A line of the header of the file (options, versions).
  virtual void LogHeader(const char* format, va_list ap) {
    Logv(InfoLogLevel::INFO_LEVEL, format, ap);
  }
  // Writes one message; an override of the leveled form need not
  // implement this one.
  virtual void Logv(const char* /*format*/, va_list /*ap*/) {}
  // Writes the message when log_level is at least the logger's level.
  virtual void Logv(const InfoLogLevel log_level, const char* format,
                    va_list ap);
  virtual size_t GetLogFileSize() const { return kDoNotSupportGetLogFileSize; }
  virtual void Flush() {}
  virtual InfoLogLevel GetInfoLogLevel() const { return log_level_; }
  virtual void SetInfoLogLevel(const InfoLogLevel log_level) {
    log_level_ = log_level;
  }

 protected:
  virtual Status CloseImpl() { return Status::NotSupported(); }
  bool closed_;

 private:
  InfoLogLevel log_level_;
};

#if defined(__GNUC__) || defined(__clang__)
#define SKYROCKS_PRINTF_FORMAT_ATTR(format_param, dots_param) \
  __attribute__((__format__(__printf__, format_param, dots_param)))
#else
#define SKYROCKS_PRINTF_FORMAT_ATTR(format_param, dots_param)
#endif

// RocksDB's logging functions: a null logger drops the message.
void LogFlush(const std::shared_ptr<Logger>& info_log);
void LogFlush(Logger* info_log);
void Log(const InfoLogLevel log_level, const std::shared_ptr<Logger>& info_log,
         const char* format, ...) SKYROCKS_PRINTF_FORMAT_ATTR(3, 4);
void Header(const std::shared_ptr<Logger>& info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Debug(const std::shared_ptr<Logger>& info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Info(const std::shared_ptr<Logger>& info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Warn(const std::shared_ptr<Logger>& info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Error(const std::shared_ptr<Logger>& info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Fatal(const std::shared_ptr<Logger>& info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Log(const std::shared_ptr<Logger>& info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Log(const InfoLogLevel log_level, Logger* info_log, const char* format,
         ...) SKYROCKS_PRINTF_FORMAT_ATTR(3, 4);
void Log(Logger* info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Header(Logger* info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Debug(Logger* info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Info(Logger* info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Warn(Logger* info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Error(Logger* info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);
void Fatal(Logger* info_log, const char* format, ...)
    SKYROCKS_PRINTF_FORMAT_ATTR(2, 3);

// An Env with fs as its file system and the default clock and threads of
// its own.
std::unique_ptr<Env> NewCompositeEnv(const std::shared_ptr<FileSystem>& fs);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_ENV_H_
