// kill -9 during clone creation and during garbage collection, on the
// local-directory store (doc/cloud_layout.md, "Garbage collection"):
// * clone creation: a forked child creates a clone of a closed source and
//   is killed at a random moment; a GC pass of the source then either
//   finds the clone whole (it opens from its own path and reads the
//   source's keys) or removes every trace of it (its path is empty and the
//   source holds no reference for it).
// * GC: a source with an open-ended pile of garbage (obsolete SSTs from
//   many compactions, invisible SSTs of failed writers) and a clone; forked
//   GC passes are killed at random moments; a last pass in the test
//   finishes the job: a dry run finds nothing left to delete, and the
//   source and the clone read every key.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <random>

#include "api/db_cloud_gc_scenarios.h"

namespace {

using ROCKSDB_NAMESPACE::CloudGcOptions;
using ROCKSDB_NAMESPACE::CloudGcReport;
using ROCKSDB_NAMESPACE::FlushOptions;
using skyrocks_test::CloudDb;
using skyrocks_test::CloudOpts;
using skyrocks_test::CloudTestStore;

// Kills a forked child running fn after delay_us (or lets it finish);
// delay_us < 0: waits for it. True when the child was killed before it
// finished; *took_us (optional): how long the child ran.
bool KilledDuring(const std::function<void()>& fn, int delay_us,
                  int64_t* took_us = nullptr) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    fn();
    _exit(0);
  }
  if (delay_us >= 0) {
    usleep(delay_us);
    kill(pid, SIGKILL);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  if (took_us != nullptr) {
    *took_us = std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::steady_clock::now() - start)
                   .count();
  }
  if (WIFEXITED(status)) {
    REQUIRE_MESSAGE(WEXITSTATUS(status) == 0, "the child failed");
    return false;
  }
  return true;
}

// Kills forked runs of an action at random moments inside how long one
// run takes: the span starts at one and a half runs measured now, and
// every run that finishes before its kill narrows it to that run's own
// time (a loaded machine, or an action that does less once its work is
// done, can make the first measure too long to land kills in).
class Killer {
 public:
  Killer(const std::function<void()>& timed, uint32_t seed) : rng_(seed) {
    int64_t took = 0;
    KilledDuring(timed, -1, &took);
    span_ = std::max<int64_t>(kMinSpanUs, took * 3 / 2);
  }
  // True when fn's run was killed before it finished.
  bool Run(const std::function<void()>& fn) {
    int64_t took = 0;
    const int delay = static_cast<int>(rng_() % span_);
    const bool killed = KilledDuring(fn, delay, &took);
    if (!killed) span_ = std::max<int64_t>(kMinSpanUs, std::min(span_, took));
    return killed;
  }

 private:
  static constexpr int64_t kMinSpanUs = 200;
  std::mt19937 rng_;
  int64_t span_ = kMinSpanUs;
};

void MakeSource(const CloudTestStore& store, const std::string& path,
                const std::string& dir) {
  CloudDb src;
  auto o = CloudOpts(store, path, path);
  o.cloud_file_deletion_delay = std::chrono::hours(1);
  skyrocks_test::OpenCloudDb(store, o, dir, &src);
  REQUIRE_MESSAGE(src.status.ok(), src.status.ToString());
  for (int round = 0; round < 3; round++) {
    skyrocks_test::PutKeys(src.db.get(), 0, 500, "s-");
    REQUIRE(src.db->Flush(FlushOptions()).ok());
  }
}

}  // namespace

TEST_CASE("gc kill: kill -9 during clone creation, then GC of the source") {
  skyrocks_test::TempDir root, tmp;
  const CloudTestStore store = skyrocks_test::LocalStore(root.path());
  MakeSource(store, "dbs/ks", tmp.Sub("src"));
  auto make_clone = [&](const std::string& clone, const std::string& dir) {
    CloudDb c;
    skyrocks_test::OpenCloudDb(store, CloudOpts(store, "dbs/ks", clone), dir,
                               &c);
    if (!c.status.ok()) _exit(3);
    c.Close();
  };
  Killer killer([&] { make_clone("dbs/kc-timed", tmp.Sub("timed")); }, 27);
  int killed = 0, whole = 0;
  for (int cycle = 0; cycle < 20; cycle++) {
    CAPTURE(cycle);
    const std::string clone = "dbs/kc" + std::to_string(cycle);
    const std::string dir = tmp.Sub("c" + std::to_string(cycle));
    const bool was_killed = killer.Run([&] { make_clone(clone, dir); });
    killed += was_killed ? 1 : 0;
    (void)skyrocks_test::RunGc(store, "dbs/ks", false);
    const bool has_cm =
        skyrocks_test::CountWith(skyrocks_test::NamesUnder(store, clone),
                                 "CLOUDMANIFEST") > 0;
    const int refs = skyrocks_test::CountWith(
        skyrocks_test::NamesUnder(store, "dbs/ks"), "refs/bucket/" + clone + "/");
    if (has_cm) {
      whole++;
      CHECK(refs == 1);
      CloudDb c;
      skyrocks_test::OpenCloudDb(store, CloudOpts(store, clone, clone),
                                 tmp.Sub("o" + std::to_string(cycle)), &c,
                                 false);
      REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
      skyrocks_test::CheckKeys(c.db.get(), 0, 500, "s-");
    } else {
      const auto left = skyrocks_test::NamesUnder(store, clone);
      CHECK_MESSAGE(left.empty(), "left: " << left.size() << " first "
                                           << (left.empty() ? "" : left[0]));
      CHECK(refs == 0);
    }
  }
  MESSAGE("clone creations killed: " << killed << " of 20; whole clones: "
                                     << whole);
  CHECK(killed > 0);
  CloudDb src;
  skyrocks_test::OpenCloudDb(store, CloudOpts(store, "dbs/ks", "dbs/ks"),
                             tmp.Sub("src2"), &src, false);
  REQUIRE_MESSAGE(src.status.ok(), src.status.ToString());
  skyrocks_test::CheckKeys(src.db.get(), 0, 500, "s-");
}

TEST_CASE("gc kill: kill -9 during garbage collection, a later pass finishes") {
  skyrocks_test::TempDir root, tmp;
  const CloudTestStore store = skyrocks_test::LocalStore(root.path());
  {
    CloudDb src;
    auto o = CloudOpts(store, "dbs/gk", "dbs/gk");
    o.cloud_file_deletion_delay = std::chrono::hours(1);
    skyrocks_test::OpenCloudDb(store, o, tmp.Sub("src"), &src);
    REQUIRE_MESSAGE(src.status.ok(), src.status.ToString());
    skyrocks_test::PutKeys(src.db.get(), 0, 500, "g-");
    REQUIRE(src.db->Flush(FlushOptions()).ok());
    CloudDb clone;
    skyrocks_test::OpenCloudDb(store, CloudOpts(store, "dbs/gk", "dbs/gkc"),
                               tmp.Sub("clone"), &clone);
    REQUIRE_MESSAGE(clone.status.ok(), clone.status.ToString());
    // Many compactions: a pile of obsolete SSTs (their deletions wait an
    // hour and die with this writer).
    for (int round = 0; round < 25; round++) {
      skyrocks_test::PutKeys(src.db.get(), 0, 500, "g-");
      REQUIRE(src.db->Flush(FlushOptions()).ok());
      REQUIRE(src.db
                  ->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(),
                                 nullptr, nullptr)
                  .ok());
    }
  }
  // And SSTs of failed writers.
  for (int i = 0; i < 200; i++) {
    REQUIRE(store.put("dbs/gk/" + std::to_string(900000 + i) + ".sst-dead" +
                          std::to_string(i),
                      std::string(1000, 'x')));
  }
  const size_t before = skyrocks_test::NamesUnder(store, "dbs/gk").size();
  auto gc_pass = [&] {
    CloudGcReport r = skyrocks_test::RunGc(store, "dbs/gk", true);
    (void)r;
  };
  // Timed on a dry run (it reads what a real pass reads).
  Killer killer(gc_pass, 72);
  int killed = 0;
  for (int cycle = 0; cycle < 8; cycle++) {
    killed += killer.Run([&] {
      CloudGcReport r = skyrocks_test::RunGc(store, "dbs/gk", false);
      (void)r;
    })
                  ? 1
                  : 0;
  }
  const size_t middle = skyrocks_test::NamesUnder(store, "dbs/gk").size();
  MESSAGE("GC passes killed: " << killed << " of 8; objects " << before
                               << " -> " << middle);
  CHECK(killed > 0);
  CloudGcReport r = skyrocks_test::RunGc(store, "dbs/gk", false);
  r = skyrocks_test::RunGc(store, "dbs/gk", true);
  CHECK(r.bytes_reclaimed == 0);
  CHECK(r.garbage.empty());
  CHECK(skyrocks_test::NamesUnder(store, "dbs/gk").size() < before);
  for (const char* path : {"dbs/gk", "dbs/gkc"}) {
    CAPTURE(path);
    CloudDb c;
    std::string dir = std::string("r-") + path;
    std::replace(dir.begin(), dir.end(), '/', '-');
    skyrocks_test::OpenCloudDb(store, CloudOpts(store, path, path),
                               tmp.Sub(dir), &c, false);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    skyrocks_test::CheckKeys(c.db.get(), 0, 500, "g-");
  }
}
