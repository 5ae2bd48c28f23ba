// Env through the public API: Schedule on each priority, UnSchedule of
// queued jobs, thread counts, WaitForJobsAndJoinAllThreads, StartThread,
// the clock, and file methods forwarding to the FileSystem.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "rocksdb/env.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::Env;

struct Counter {
  std::atomic<int> ran{0};
  std::atomic<int> unscheduled{0};
  std::atomic<int> concurrent{0};
  std::atomic<int> max_concurrent{0};
  std::atomic<bool> release{true};
};

void CountJob(void* arg) {
  auto* c = static_cast<Counter*>(arg);
  const int now = ++c->concurrent;
  int seen = c->max_concurrent.load();
  while (now > seen && !c->max_concurrent.compare_exchange_weak(seen, now)) {
  }
  while (!c->release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  c->concurrent--;
  c->ran++;
}

void CountUnschedule(void* arg) { static_cast<Counter*>(arg)->unscheduled++; }

}  // namespace

TEST_CASE("env: background jobs run on every priority and can be withdrawn") {
  auto env = ROCKSDB_NAMESPACE::NewCompositeEnv(
      ROCKSDB_NAMESPACE::FileSystem::Default());
  Counter c;
  for (auto pri : {Env::LOW, Env::HIGH, Env::BOTTOM}) {
    env->SetBackgroundThreads(2, pri);
    for (int i = 0; i < 50; i++) env->Schedule(&CountJob, &c, pri);
  }
  env->WaitForJobsAndJoinAllThreads();
  CHECK(c.ran == 150);
  CHECK(c.max_concurrent <= 6);

  // One thread, blocked: queued jobs can be withdrawn by tag.
  Counter blocked;
  blocked.release = false;
  env->SetBackgroundThreads(1, Env::LOW);
  int tag = 0;
  env->Schedule(&CountJob, &blocked, Env::LOW);  // occupies the thread
  while (blocked.concurrent.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  for (int i = 0; i < 5; i++) {
    env->Schedule(&CountJob, &blocked, Env::LOW, &tag, &CountUnschedule);
  }
  CHECK(env->GetThreadPoolQueueLen(Env::LOW) == 5);
  CHECK(env->UnSchedule(&tag, Env::LOW) == 5);
  CHECK(blocked.unscheduled == 5);
  CHECK(env->GetThreadPoolQueueLen(Env::LOW) == 0);
  blocked.release = true;
  env->WaitForJobsAndJoinAllThreads();
  CHECK(blocked.ran == 1);
  CHECK(env->GetBackgroundThreads(Env::LOW) == 1);

  // SetBackgroundThreads(1) serialises.
  Counter serial;
  for (int i = 0; i < 20; i++) env->Schedule(&CountJob, &serial, Env::LOW);
  env->WaitForJobsAndJoinAllThreads();
  CHECK(serial.ran == 20);
  CHECK(serial.max_concurrent == 1);

  Counter started;
  env->StartThread(&CountJob, &started);
  env->StartThread(&CountJob, &started);
  env->WaitForJoin();
  CHECK(started.ran == 2);
}

TEST_CASE("env: clock and file methods") {
  Env* env = Env::Default();
  const uint64_t a = env->NowNanos();
  env->SleepForMicroseconds(2000);
  CHECK(env->NowNanos() - a >= 2000000);
  int64_t now = 0;
  CHECK(env->GetCurrentTime(&now).ok());
  CHECK(now > 1700000000);
  CHECK(static_cast<int64_t>(env->NowMicros() / 1000000) - now <= 1);

  skyrocks_test::TempDir dir;
  CHECK(env->CreateDirIfMissing(dir.Sub("d")).ok());
  CHECK(env->FileExists(dir.Sub("d")).ok());
  CHECK(env->FileExists(dir.Sub("missing")).IsNotFound());
  std::vector<std::string> children;
  CHECK(env->GetChildren(dir.path(), &children).ok());
  CHECK(children == std::vector<std::string>{"d"});
  CHECK(env->RenameFile(dir.Sub("d"), dir.Sub("e")).ok());
  CHECK(env->DeleteDir(dir.Sub("e")).ok());
  uint64_t size = 0;
  // As RocksDB: a missing file is an IOError with subcode PathNotFound.
  CHECK(env->GetFileSize(dir.Sub("e"), &size).IsPathNotFound());
}
