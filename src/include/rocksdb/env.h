// Env: RocksDB's bundle of the operating-system services a DB uses — a
// FileSystem, a SystemClock and background thread pools (one per
// Priority) for Schedule. Env::Default() is POSIX files, the real clock and
// lazily started threads; NewCompositeEnv puts another FileSystem (an
// in-memory or fault-injecting one, an object-store cache) behind the same
// threads and clock. File methods return Status and forward to the
// FileSystem. Thread-safe.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_ENV_H_
#define SKYROCKS_INCLUDE_ROCKSDB_ENV_H_

#include <cstdint>
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

 private:
  std::shared_ptr<FileSystem> fs_;
  std::shared_ptr<SystemClock> clock_;
  std::unique_ptr<EnvThreadPools> pools_;
};

// An Env with fs as its file system and the default clock and threads of
// its own.
std::unique_ptr<Env> NewCompositeEnv(const std::shared_ptr<FileSystem>& fs);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_ENV_H_
