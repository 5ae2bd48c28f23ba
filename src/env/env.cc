// Env: file methods forwarding to the FileSystem, thread pools per
// priority, Env::Default and NewCompositeEnv; contract in rocksdb/env.h.
#include "rocksdb/env.h"

#include <unistd.h>

#include <thread>

#include "env/thread_pool.h"
#include "port/mutex.h"
#include "util/no_destructor.h"

namespace ROCKSDB_NAMESPACE {

class EnvThreadPools {
 public:
  ThreadPool pools[Env::TOTAL];
  port::Mutex mu;
  std::vector<std::thread> started SKYROCKS_GUARDED_BY(mu);
};

Env::Env(std::shared_ptr<FileSystem> fs, std::shared_ptr<SystemClock> clock)
    : fs_(std::move(fs)),
      clock_(std::move(clock)),
      pools_(std::make_unique<EnvThreadPools>()) {
  // RocksDB's defaults: one thread each for LOW and HIGH, none for BOTTOM.
  pools_->pools[BOTTOM].SetBackgroundThreads(0);
}

Env::~Env() {
  WaitForJobsAndJoinAllThreads();
  WaitForJoin();
}

Env* Env::Default() {
  static NoDestructor<Env> env(FileSystem::Default(), SystemClock::Default());
  return env.get();
}

std::unique_ptr<Env> NewCompositeEnv(const std::shared_ptr<FileSystem>& fs) {
  return std::make_unique<Env>(fs, SystemClock::Default());
}

Status Env::FileExists(const std::string& fname) {
  return fs_->FileExists(fname, IOOptions(), nullptr);
}

Status Env::GetChildren(const std::string& dir,
                        std::vector<std::string>* result) {
  return fs_->GetChildren(dir, IOOptions(), result, nullptr);
}

Status Env::DeleteFile(const std::string& fname) {
  return fs_->DeleteFile(fname, IOOptions(), nullptr);
}

Status Env::CreateDir(const std::string& dirname) {
  return fs_->CreateDir(dirname, IOOptions(), nullptr);
}

Status Env::CreateDirIfMissing(const std::string& dirname) {
  return fs_->CreateDirIfMissing(dirname, IOOptions(), nullptr);
}

Status Env::DeleteDir(const std::string& dirname) {
  return fs_->DeleteDir(dirname, IOOptions(), nullptr);
}

Status Env::GetFileSize(const std::string& fname, uint64_t* file_size) {
  return fs_->GetFileSize(fname, IOOptions(), file_size, nullptr);
}

Status Env::RenameFile(const std::string& src, const std::string& target) {
  return fs_->RenameFile(src, target, IOOptions(), nullptr);
}

Status Env::LinkFile(const std::string& src, const std::string& target) {
  return fs_->LinkFile(src, target, IOOptions(), nullptr);
}

Status Env::LockFile(const std::string& fname, FileLock** lock) {
  return fs_->LockFile(fname, IOOptions(), lock, nullptr);
}

Status Env::UnlockFile(FileLock* lock) {
  return fs_->UnlockFile(lock, IOOptions(), nullptr);
}

void Env::Schedule(void (*function)(void* arg), void* arg, Priority pri,
                   void* tag, void (*unschedFunction)(void* arg)) {
  pools_->pools[pri < TOTAL ? pri : LOW].Schedule(function, arg, tag,
                                                  unschedFunction);
}

int Env::UnSchedule(void* tag, Priority pri) {
  return pools_->pools[pri < TOTAL ? pri : LOW].UnSchedule(tag);
}

void Env::StartThread(void (*function)(void* arg), void* arg) {
  port::MutexLock l(&pools_->mu);
  pools_->started.emplace_back([function, arg] { function(arg); });
}

void Env::WaitForJoin() {
  std::vector<std::thread> threads;
  {
    port::MutexLock l(&pools_->mu);
    threads.swap(pools_->started);
  }
  for (auto& t : threads) t.join();
}

unsigned int Env::GetThreadPoolQueueLen(Priority pri) const {
  return pools_->pools[pri < TOTAL ? pri : LOW].QueueLen();
}

void Env::SetBackgroundThreads(int number, Priority pri) {
  pools_->pools[pri < TOTAL ? pri : LOW].SetBackgroundThreads(number);
}

int Env::GetBackgroundThreads(Priority pri) {
  return pools_->pools[pri < TOTAL ? pri : LOW].GetBackgroundThreads();
}

void Env::IncBackgroundThreadsIfNeeded(int number, Priority pri) {
  ThreadPool& p = pools_->pools[pri < TOTAL ? pri : LOW];
  if (p.GetBackgroundThreads() < number) p.SetBackgroundThreads(number);
}

void Env::WaitForJobsAndJoinAllThreads() {
  for (ThreadPool& p : pools_->pools) p.JoinAll();
}

Status Env::GetHostName(char* name, uint64_t len) {
  if (gethostname(name, static_cast<size_t>(len)) != 0) {
    return Status::IOError("gethostname failed");
  }
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
