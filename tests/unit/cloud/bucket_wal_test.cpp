// The bucket WAL and writer fencing (issue 16) on the local-directory store
// and the S3 emulator:
// * the scenarios of bucket_wal_scenarios.h (sync writes, FlushWAL, the
//   interval and byte threshold, a gap in the WAL, many threads, column
//   families, WAL objects deleted after a flush, wal_in_bucket=false, two
//   writers, readers that fence nobody), one test case each;
// * kill -9 loops: a forked child opens the DB on a fresh local directory
//   (a new machine each cycle), writes from 4 threads and appends each
//   acknowledged key to a file; the test SIGKILLs it at a random moment
//   (two cycles in three after its first acknowledgement, the others
//   possibly inside its open), opens the bucket path on another fresh
//   directory and checks every acknowledged key (with sync=true: all of
//   them; with sync=false: those acknowledged more than 1 s before the
//   kill, the interval being 100 ms) and that every key read has its
//   value. With sync=true flushes and compactions run while the child is
//   killed (64 KiB write buffer, L0 trigger 2); with sync=false nothing is
//   flushed during a cycle (32 MiB write buffer), so what a fresh
//   directory sees came from the WAL objects. BUCKET_WAL_KILL_CYCLES=N
//   sets the cycles of every loop (default 20; a sync=false cycle lasts
//   1.2-2 s);
// * faults on WAL uploads only (cloud_faults.h: store errors, answers lost
//   after the PUT was applied, slow answers on the local-directory store;
//   500/503/429, connection resets, lost answers through the S3 store's
//   retries), with a merge operator that appends each batch's token to one
//   key: every acknowledged batch is there exactly once, no batch twice,
//   and each batch's Put came with its Merge (a warning, not a failure,
//   when fewer than half the batches were acknowledged).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bucket_wal_scenarios.h"
#include "cloud/cloud_file_system_impl.h"
#include "cloud/s3_store.h"
#include "cloud_faults.h"
#include "cloud_test_stores.h"
#include "support/s3_emulator.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

using skyrocks_test::CloudDb;
using skyrocks_test::CloudTestStore;

// --- kill -9 --------------------------------------------------------------

// One acknowledged write, as the child appends it (one write(2) each, so a
// kill leaves whole records).
struct WalKillAck {
  uint32_t thread;
  uint32_t seq;
  uint64_t mono_ms;  // CLOCK_MONOTONIC, shared by parent and child
};

uint64_t MonoMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

std::string WalKillKey(int cycle, uint32_t thread, uint32_t seq) {
  char buf[48];
  snprintf(buf, sizeof(buf), "c%03d-t%u-%08u", cycle, thread, seq);
  return buf;
}

// sync=true: flushes and compactions while the child is killed (64 KiB
// write buffer, L0 trigger 2).
void WalKillTweakSync(Options* o) {
  o->level0_file_num_compaction_trigger = 2;
  o->target_file_size_base = 64 << 10;
  o->max_bytes_for_level_base = 256 << 10;
}

// sync=false: no flush during a cycle (about 1 MiB is written), so what a
// fresh directory sees older than 1 s came from the WAL objects.
void WalKillTweakNoSync(Options* o) { o->write_buffer_size = 32 << 20; }

int WalKillCycles(int fallback) {
  const char* env = getenv("BUCKET_WAL_KILL_CYCLES");
  return env != nullptr && *env != '\0' ? atoi(env) : fallback;
}

// The forked child: opens the DB, writes from 4 threads until killed.
[[noreturn]] void WalKillChild(const CloudTestStore& store,
                               const CloudFileSystemOptions& o,
                               const std::string& local,
                               const std::string& acks, int cycle, bool sync) {
  CloudDb c;
  skyrocks_test::OpenCloudDb(store, o, local, &c, true, false,
                             sync ? WalKillTweakSync : WalKillTweakNoSync);
  if (!c.status.ok()) {
    fprintf(stderr, "kill child: open failed: %s\n",
            c.status.ToString().c_str());
    _exit(2);
  }
  const int fd = open(acks.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) _exit(3);
  DB* db = c.db.get();
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < 4; t++) {
    threads.emplace_back([db, fd, cycle, sync, t] {
      for (uint32_t seq = 0;; seq++) {
        const std::string k = WalKillKey(cycle, t, seq);
        Status s = db->Put(skyrocks_test::SyncWrite(sync), k,
                           skyrocks_test::WalValue(k));
        if (!s.ok()) {
          fprintf(stderr, "kill child: %s: %s\n", k.c_str(),
                  s.ToString().c_str());
          _exit(4);
        }
        const WalKillAck a{t, seq, MonoMs()};
        if (write(fd, &a, sizeof(a)) != sizeof(a)) _exit(5);
        // sync=false: about 1,000 writes/s a thread, so each cycle's check
        // stays small.
        if (!sync) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  for (;;) pause();
}

std::vector<WalKillAck> ReadAcks(const std::string& path) {
  const std::string bytes = skyrocks_test::ReadWholeFile(path);
  std::vector<WalKillAck> out(bytes.size() / sizeof(WalKillAck));
  if (!out.empty())
    memcpy(out.data(), bytes.data(), out.size() * sizeof(out[0]));
  return out;
}

off_t FileSize(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? st.st_size : 0;
}

void RunWalKillLoop(const CloudTestStore& store, const std::string& path,
                    bool sync, int cycles) {
  skyrocks_test::TempDir tmp;
  skyrocks_test::BucketWalSettings w;
  w.interval_ms = 100;
  const CloudFileSystemOptions o = skyrocks_test::WalOpts(store, path, w);
  std::mt19937 rng(sync ? 16 : 61);
  std::vector<std::string> expected;  // acknowledged (and old enough)
  uint64_t acked_total = 0, too_young = 0;
  int cycles_run = 0;
  for (int cycle = 0; cycle < cycles; cycle++) {
    CAPTURE(cycle);
    const std::string local = tmp.Sub("w" + std::to_string(cycle));
    const std::string acks = tmp.Sub("acks" + std::to_string(cycle));
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) WalKillChild(store, o, local, acks, cycle, sync);
    // The first cycle always lets the DB be created; later ones may kill
    // the child inside its open.
    if (cycle < 2 || cycle % 3 != 2) {
      int exit_status = -1;
      const bool acked = skyrocks_test::WaitFor(
          [&] {
            if (exit_status < 0 && waitpid(pid, &exit_status, WNOHANG) != pid)
              exit_status = -1;
            return exit_status >= 0 ||
                   FileSize(acks) >= static_cast<off_t>(sizeof(WalKillAck));
          },
          60000);
      REQUIRE_MESSAGE(exit_status < 0, "the child exited by itself (status "
                                           << exit_status << ")");
      if (!acked) {
        kill(pid, SIGKILL);
        waitpid(pid, &exit_status, 0);
      }
      REQUIRE_MESSAGE(acked, "no write acknowledged in 60 s");
    }
    const int wait_ms = sync ? 5 + static_cast<int>(rng() % 300)
                             : 1200 + static_cast<int>(rng() % 800);
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    const uint64_t kill_ms = MonoMs();
    REQUIRE(kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE_MESSAGE(WIFSIGNALED(status),
                    "the child exited by itself (status " << status << ")");
    for (const WalKillAck& a : ReadAcks(acks)) {
      acked_total++;
      if (!sync && a.mono_ms + 1000 > kill_ms) {
        too_young++;
        continue;
      }
      expected.push_back(WalKillKey(cycle, a.thread, a.seq));
    }

    // A new machine: the bucket path on a fresh directory.
    CloudDb v;
    skyrocks_test::OpenCloudDb(store, o, tmp.Sub("v" + std::to_string(cycle)),
                               &v, false, false,
                               sync ? WalKillTweakSync : WalKillTweakNoSync);
    REQUIRE_MESSAGE(v.status.ok(), "open after kill: " << v.status.ToString());
    std::unordered_map<std::string, bool> present;
    std::unique_ptr<Iterator> it(v.db->NewIterator(ReadOptions()));
    int wrong = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string k = it->key().ToString();
      if (it->value().ToString() != skyrocks_test::WalValue(k) &&
          wrong++ == 0) {
        CHECK_MESSAGE(false, "wrong value for " << k);
      }
      present[k] = true;
    }
    REQUIRE_MESSAGE(it->status().ok(), it->status().ToString());
    it.reset();
    int lost = 0;
    std::string first_lost;
    for (const std::string& k : expected) {
      if (present.count(k) == 0 && lost++ == 0) first_lost = k;
    }
    CHECK_MESSAGE(lost == 0, lost << " of " << expected.size()
                                  << " acknowledged writes lost; first "
                                  << first_lost);
    CHECK(wrong == 0);
    v.Close();
    std::string out;
    skyrocks_test::RunCommand("rm -rf " + local + " " + acks, &out);
    cycles_run = cycle + 1;
    if (lost > 0) break;
  }
  MESSAGE(
      "kill -9 loop (" << std::string(sync ? "sync=true" : "sync=false")
                       << "): " << cycles_run << " of " << cycles << " cycles, "
                       << acked_total << " writes acknowledged, "
                       << expected.size() << " checked"
                       << (sync ? std::string()
                                : ", " + std::to_string(too_young) +
                                      " younger than 1 s not checked")
                       << "; in the bucket now: "
                       << skyrocks_test::CountWith(
                              skyrocks_test::NamesUnder(store, path), ".sst-")
                       << " SSTs, "
                       << skyrocks_test::WalObjects(store, path).size()
                       << " WAL objects");
  CHECK(!expected.empty());
}

// --- faults on WAL uploads ------------------------------------------------

bool IsWalRequest(const std::string& key_or_url) {
  return key_or_url.find("/wal/") != std::string::npos ||
         key_or_url.find("%2Fwal%2F") != std::string::npos;
}

// Requests for keys under a "/wal/" go to `wal`, the rest to `rest`.
class WalOnlyStore : public ObjectStore {
 public:
  WalOnlyStore(std::shared_ptr<ObjectStore> wal,
               std::shared_ptr<ObjectStore> rest)
      : wal_(std::move(wal)), rest_(std::move(rest)) {}
  const char* Name() const override { return rest_->Name(); }
  IOStatus Get(const std::string& key, std::string* data) override {
    return For(key)->Get(key, data);
  }
  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    return For(key)->GetRange(key, offset, n, data);
  }
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    return For(key)->Put(key, data, opts, meta);
  }
  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    return For(key)->Head(key, meta);
  }
  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override {
    return For(prefix)->List(prefix, objects);
  }
  IOStatus ListDelimited(const std::string& prefix,
                         const std::string& delimiter,
                         std::vector<ObjectMeta>* objects,
                         std::vector<std::string>* prefixes) override {
    return For(prefix)->ListDelimited(prefix, delimiter, objects, prefixes);
  }
  IOStatus Delete(const std::string& key) override {
    return For(key)->Delete(key);
  }
  IOStatus Copy(const std::string& src, const std::string& dst) override {
    return For(dst)->Copy(src, dst);
  }
  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override {
    return For(key)->GetToSink(key, sink);
  }
  IOStatus CreateBucketIfMissing(const std::string& region) override {
    return rest_->CreateBucketIfMissing(region);
  }

 private:
  ObjectStore* For(const std::string& key) {
    return IsWalRequest(key) ? wal_.get() : rest_.get();
  }
  std::shared_ptr<ObjectStore> wal_, rest_;
};

class WalOnlyTransport : public HttpTransport {
 public:
  WalOnlyTransport(std::shared_ptr<HttpTransport> wal,
                   std::shared_ptr<HttpTransport> rest)
      : wal_(std::move(wal)), rest_(std::move(rest)) {}
  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    return (IsWalRequest(req.url) ? wal_ : rest_)->Send(req, resp);
  }

 private:
  std::shared_ptr<HttpTransport> wal_, rest_;
};

class TokenAppend : public AssociativeMergeOperator {
 public:
  bool Merge(const Slice&, const Slice* existing, const Slice& value,
             std::string* out, Logger*) const override {
    *out = existing ? existing->ToString() + "," + value.ToString()
                    : value.ToString();
    return true;
  }
  const char* Name() const override { return "TokenAppend"; }
};

void WalFaultTweak(Options* o) {
  o->merge_operator = std::make_shared<TokenAppend>();
}

// Checks one DB against the batches: each is Merge("tokens", token) + Put
// ("k-" + token); acked ones present exactly once, none twice, and a
// batch's two halves together.
void CheckWalFaultBatches(DB* db, const std::vector<std::string>& tokens,
                          const std::vector<bool>& acked,
                          const std::string& when) {
  CAPTURE(when);
  std::string all;
  Status s = db->Get(ReadOptions(), "tokens", &all);
  REQUIRE_MESSAGE((s.ok() || s.IsNotFound()), s.ToString());
  std::map<std::string, int> seen;
  size_t start = 0;
  while (s.ok() && start <= all.size()) {
    const size_t comma = all.find(',', start);
    const size_t end = comma == std::string::npos ? all.size() : comma;
    seen[all.substr(start, end - start)]++;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  int lost = 0, twice = 0, torn = 0;
  std::string first;
  for (size_t i = 0; i < tokens.size(); i++) {
    const int n = seen.count(tokens[i]) ? seen[tokens[i]] : 0;
    std::string v;
    const bool put = db->Get(ReadOptions(), "k-" + tokens[i], &v).ok();
    if (acked[i] && n == 0) {
      if (lost++ == 0 && first.empty()) first = "lost " + tokens[i];
    }
    if (n > 1 && twice++ == 0 && first.empty()) {
      first = tokens[i] + " applied " + std::to_string(n) + " times";
    }
    if ((n > 0) != put && torn++ == 0 && first.empty()) {
      first = tokens[i] + ": merge and put not together";
    }
  }
  CHECK_MESSAGE(lost == 0, lost << " acknowledged batches lost; " << first);
  CHECK_MESSAGE(twice == 0, twice << " batches applied twice; " << first);
  CHECK_MESSAGE(torn == 0, torn << " batches half applied; " << first);
}

// 4 threads x `each` sync batches under faults on the WAL requests; a
// failed write is retried as a new batch after DB::Resume. Then, faults
// off: a fresh-directory open (the writer still open), and after closing
// both, another.
void RunWalFaultWorkload(const CloudTestStore& store, CloudFaultPlan* plan,
                         const std::string& path, int each) {
  skyrocks_test::TempDir tmp;
  const CloudFileSystemOptions o = skyrocks_test::WalOpts(store, path);
  plan->set_enabled(false);
  CloudDb a;
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("a"), &a, true, false,
                             WalFaultTweak);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  plan->set_enabled(true);
  std::mutex mu;
  std::vector<std::string> tokens;
  std::vector<bool> acked;
  std::atomic<int> failures{0}, resumes{0};
  std::string first_failure;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < each; i++) {
        const std::string token =
            "t" + std::to_string(t) + "-" + std::to_string(i);
        WriteBatch b;
        Status s = b.Merge("tokens", token);
        if (s.ok()) s = b.Put("k-" + token, "v");
        if (s.ok()) s = a.db->Write(skyrocks_test::SyncWrite(), &b);
        {
          std::lock_guard<std::mutex> l(mu);
          tokens.push_back(token);
          acked.push_back(s.ok());
          if (!s.ok() && failures++ == 0) first_failure = s.ToString();
        }
        if (!s.ok()) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
          if (a.db->Resume().ok()) resumes++;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  plan->set_enabled(false);
  int n_acked = 0;
  for (bool b : acked) n_acked += b ? 1 : 0;
  MESSAGE(path << ": " << tokens.size() << " sync batches, " << n_acked
               << " acknowledged, " << failures.load()
               << " failed (first: " << first_failure << "), " << resumes.load()
               << " resumes; WAL requests: " << plan->Describe());
  CHECK(plan->faults() > 0);
  // Not the contract (a failed write may or may not be there), but worth
  // seeing: how many batches a transient fault turned into failures.
  WARN_MESSAGE((n_acked * 2 >= static_cast<int>(tokens.size())),
               "under WAL upload faults only " << n_acked << " of "
                                               << tokens.size()
                                               << " batches acknowledged");
  CloudDb b;
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("b"), &b, false, false,
                             WalFaultTweak);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  CheckWalFaultBatches(b.db.get(), tokens, acked, "fresh open, writer alive");
  a.Close();
  b.Close();
  CloudDb c;
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("c"), &c, false, false,
                             WalFaultTweak);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CheckWalFaultBatches(c.db.get(), tokens, acked, "after both closed");
}

const std::vector<CloudFault> kWalStoreFaults = {
    CloudFault::kStoreError, CloudFault::kLostAnswer, CloudFault::kSlow};
const std::vector<CloudFault> kWalHttpFaults = {
    CloudFault::kHttp500, CloudFault::kHttp503,    CloudFault::kReset,
    CloudFault::kNotSent, CloudFault::kLostAnswer, CloudFault::kSlow};

// WAL chunk PUTs pass through, except that once armed the next one waits
// until released (and with fail_held, it and every retry of it fail) while
// the ones after it go ahead; counts the chunk PUTs done and the most in
// flight at once.
class WalGateStore : public FaultyObjectStore {
 public:
  explicit WalGateStore(std::shared_ptr<ObjectStore> inner)
      : FaultyObjectStore(std::move(inner),
                          std::make_shared<CloudFaultPlan>(
                              1, 0.0, std::vector<CloudFault>{})) {}
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    bool hold = false;
    {
      std::unique_lock<std::mutex> l(mu_);
      in_flight_++;
      max_in_flight_ = std::max(max_in_flight_, in_flight_);
      if (armed_ && held_key_.empty()) {
        held_key_ = key;
        hold = true;
        cv_.notify_all();
        cv_.wait(l, [&] { return released_; });
      } else if (fail_held_ && key == held_key_ && !data.empty()) {
        hold = true;  // the writer's retries; a newer writer's seal passes
      }
    }
    IOStatus s = hold && fail_held_
                     ? IOStatus::IOError("held WAL chunk " + key, "failed")
                     : FaultyObjectStore::Put(key, data, opts, meta);
    std::lock_guard<std::mutex> l(mu_);
    in_flight_--;
    if (s.ok() && !hold) passed_++;
    cv_.notify_all();
    return s;
  }
  void Arm(bool fail_held) {
    std::lock_guard<std::mutex> l(mu_);
    armed_ = true;
    fail_held_ = fail_held;
  }
  // Waits (bounded) until the held PUT waits and `passed` more went by.
  bool WaitHeldAnd(int passed) {
    std::unique_lock<std::mutex> l(mu_);
    return cv_.wait_for(l, std::chrono::seconds(20), [&] {
      return !held_key_.empty() && passed_ >= passed;
    });
  }
  void Release() {
    std::lock_guard<std::mutex> l(mu_);
    released_ = true;
    cv_.notify_all();
  }
  int passed() {
    std::lock_guard<std::mutex> l(mu_);
    return passed_;
  }
  int max_in_flight() {
    std::lock_guard<std::mutex> l(mu_);
    return max_in_flight_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool armed_ = false, fail_held_ = false, released_ = false;
  std::string held_key_;
  int in_flight_ = 0, max_in_flight_ = 0, passed_ = 0;
};

// Two sync writers; the first one's WAL chunk is held in the store.
// The second one's upload goes ahead meanwhile (the groups overlap), yet
// it is neither acknowledged nor visible before the first: WAL order.
// With fail_held the held upload fails: neither write is acknowledged,
// and a fresh open from the bucket (the second chunk stored past a gap)
// opens without either.
void RunOverlappingGroups(bool fail_held) {
  skyrocks_test::TempDir root;
  std::unique_ptr<ObjectStore> local;
  REQUIRE(NewLocalDirStore(root.path() + "/bucket", &local).ok());
  std::shared_ptr<ObjectStore> inner(local.release());
  auto gate = std::make_shared<WalGateStore>(inner);
  const CloudTestStore store = ObjectStoreCloudStore(
      "bucket", std::make_shared<WalOnlyStore>(gate, inner), inner,
      fail_held ? "wal-overlap-fail" : "wal-overlap");
  skyrocks_test::BucketWalSettings w;
  w.interval_ms = 60 * 1000;  // only the sync writers upload
  const CloudFileSystemOptions o =
      skyrocks_test::WalOpts(store, "dbs/overlap", w);
  skyrocks_test::TempDir tmp;
  CloudDb a;
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("a"), &a, true, false,
                             skyrocks_test::NoFlush);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  const int before = gate->passed();
  gate->Arm(fail_held);
  Status s1, s2;
  std::atomic<bool> done1{false}, done2{false};
  std::thread t1([&] {
    s1 = a.db->Put(skyrocks_test::SyncWrite(), "k1", "v1");
    done1 = true;
  });
  REQUIRE(gate->WaitHeldAnd(before));
  std::thread t2([&] {
    s2 = a.db->Put(skyrocks_test::SyncWrite(), "k2", "v2");
    done2 = true;
  });
  const bool overlapped = gate->WaitHeldAnd(before + 1);
  CHECK_MESSAGE(overlapped,
                "the second sync write's upload did not start while the "
                "first one's was in flight");
  CHECK(gate->max_in_flight() >= 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK_FALSE(done2.load());  // stored, but after an unstored chunk
  CHECK_FALSE(done1.load());
  std::string v;
  CHECK(a.db->Get(ReadOptions(), "k2", &v).IsNotFound());
  CHECK(a.db->Get(ReadOptions(), "k1", &v).IsNotFound());
  gate->Release();
  t1.join();
  t2.join();
  if (!fail_held) {
    CHECK_MESSAGE(s1.ok(), s1.ToString());
    CHECK_MESSAGE(s2.ok(), s2.ToString());
    CHECK(a.db->Get(ReadOptions(), "k1", &v).ok());
    CHECK(a.db->Get(ReadOptions(), "k2", &v).ok());
    a.Close();
    return;
  }
  // The held chunk is never stored: neither write is acknowledged (the
  // second one's chunk is stored, but after the gap).
  CHECK(!s1.ok());
  CHECK(!s2.ok());
  // A new writer opens from the bucket while A still retries: the log ends
  // at the gap, A's chunk past it is ignored.
  CloudDb b;
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("b"), &b, false, false,
                             skyrocks_test::NoFlush);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  CHECK(b.db->Get(ReadOptions(), "k1", &v).IsNotFound());
  CHECK(b.db->Get(ReadOptions(), "k2", &v).IsNotFound());
  REQUIRE(b.db->Put(skyrocks_test::SyncWrite(), "k3", "v3").ok());
  a.Close();
  b.Close();
  CloudDb c;
  skyrocks_test::OpenCloudDb(store, o, tmp.Sub("c"), &c, false, false,
                             skyrocks_test::NoFlush);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CHECK(c.db->Get(ReadOptions(), "k3", &v).ok());
  CHECK(c.db->Get(ReadOptions(), "k2", &v).IsNotFound());
  c.Close();
}

}  // namespace

TEST_CASE("bucket wal (localdir): sync groups overlap, acknowledged in "
          "WAL order") {
  RunOverlappingGroups(false);
}

TEST_CASE("bucket wal (localdir): an upload that never succeeds under an "
          "overlapping one: neither acknowledged, the bucket opens") {
  RunOverlappingGroups(true);
}

// One test case per scenario and store (the S3 ones start an emulator
// each and skip, saying so, when it is not installed).
#define SKYROCKS_TEST_ON_LOCALDIR(title, call)                           \
  TEST_CASE("bucket wal (localdir): " title) {                           \
    skyrocks_test::TempDir root;                                         \
    const CloudTestStore store = skyrocks_test::LocalStore(root.path()); \
    call;                                                                \
  }
#define SKYROCKS_TEST_ON_S3(title, call)            \
  TEST_CASE("bucket wal (s3): " title) {            \
    skyrocks_test::S3Emulator emu;                  \
    if (S3EmulatorMissing(emu)) return;             \
    const CloudTestStore store = S3CloudStore(emu); \
    call;                                           \
  }
#define SKYROCKS_TEST_ON_BOTH(title, call) \
  SKYROCKS_TEST_ON_LOCALDIR(title, call)   \
  SKYROCKS_TEST_ON_S3(title, call)

SKYROCKS_TEST_ON_BOTH("sync writes, reopen on a fresh directory",
                      skyrocks_test::ScenarioSyncWritesReopen(store))
SKYROCKS_TEST_ON_BOTH("sync=false then FlushWAL(true)/SyncWAL",
                      skyrocks_test::ScenarioFlushWalReopen(store))
SKYROCKS_TEST_ON_BOTH("sync=false writes are stored within the interval",
                      skyrocks_test::ScenarioUnsyncedWithinInterval(store))
SKYROCKS_TEST_ON_BOTH("wal_flush_bytes uploads without waiting the interval",
                      skyrocks_test::ScenarioFlushBytesThreshold(store))
SKYROCKS_TEST_ON_BOTH("replay detects a missing WAL object",
                      skyrocks_test::ScenarioWalGapDetected(store))
SKYROCKS_TEST_ON_BOTH("8 threads of sync writes",
                      skyrocks_test::ScenarioManyThreadsSync(store))
SKYROCKS_TEST_ON_BOTH("column families",
                      skyrocks_test::ScenarioColumnFamilies(store))
SKYROCKS_TEST_ON_BOTH("a flush deletes the WAL objects it covers, at once",
                      skyrocks_test::ScenarioFlushDeletesWal(store, false))
SKYROCKS_TEST_ON_BOTH(
    "a flush deletes the WAL objects it covers, after the delay",
    skyrocks_test::ScenarioFlushDeletesWal(store, true))
SKYROCKS_TEST_ON_BOTH("wal_in_bucket=false keeps the local WAL",
                      skyrocks_test::ScenarioLocalWalOption(store))
SKYROCKS_TEST_ON_BOTH("fencing: writer A busy across B's open",
                      skyrocks_test::ScenarioTwoWriters(store, false))
SKYROCKS_TEST_ON_BOTH("fencing: writer A idle across B's open, then writing",
                      skyrocks_test::ScenarioTwoWriters(store, true))
SKYROCKS_TEST_ON_BOTH("fencing: read-only opens and clones fence nobody",
                      skyrocks_test::ScenarioReadersDoNotFence(store))
SKYROCKS_TEST_ON_LOCALDIR("kill -9 loop, sync=true",
                          RunWalKillLoop(store, "dbs/kill-sync", true,
                                         WalKillCycles(20)))
SKYROCKS_TEST_ON_LOCALDIR("kill -9 loop, sync=false",
                          RunWalKillLoop(store, "dbs/kill-nosync", false,
                                         WalKillCycles(20)))
SKYROCKS_TEST_ON_S3("kill -9 loop, sync=true",
                    RunWalKillLoop(store, "dbs/kill-sync", true,
                                   WalKillCycles(20)))
SKYROCKS_TEST_ON_S3("kill -9 loop, sync=false",
                    RunWalKillLoop(store, "dbs/kill-nosync", false,
                                   WalKillCycles(20)))

TEST_CASE(
    "bucket wal (localdir): faults on WAL uploads lose and repeat nothing") {
  skyrocks_test::TempDir root;
  std::unique_ptr<ObjectStore> local;
  REQUIRE(NewLocalDirStore(root.path() + "/bucket", &local).ok());
  std::shared_ptr<ObjectStore> inner(local.release());
  auto plan = std::make_shared<CloudFaultPlan>(16, 0.2, kWalStoreFaults);
  auto routed = std::make_shared<WalOnlyStore>(
      std::make_shared<FaultyObjectStore>(inner, plan), inner);
  RunWalFaultWorkload(
      ObjectStoreCloudStore("bucket", routed, inner, "wal-faults-localdir"),
      plan.get(), "dbs/wal-faults", 150);
}

TEST_CASE("bucket wal (s3): faults on WAL uploads lose and repeat nothing") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  auto plan = std::make_shared<CloudFaultPlan>(17, 0.2, kWalHttpFaults);
  std::shared_ptr<HttpTransport> curl(NewCurlTransport(HttpTimeouts()));
  S3StoreOptions so;
  so.bucket = kS3TestBucket;
  so.region = kS3TestRegion;
  so.endpoint = emu.endpoint();
  so.credentials = AwsCredentials{"S3RVER", "S3RVER", ""};
  so.retry.max_attempts = 2;  // some faults reach the DB
  so.retry.base_delay_micros = 1000;
  so.retry.max_delay_micros = 20000;
  so.transport = std::make_shared<WalOnlyTransport>(
      std::make_shared<FaultyHttpTransport>(curl, plan), curl);
  std::unique_ptr<ObjectStore> s3;
  REQUIRE(NewS3Store(so, &s3).ok());
  so.transport = curl;
  std::unique_ptr<ObjectStore> clean;
  REQUIRE(NewS3Store(so, &clean).ok());
  RunWalFaultWorkload(
      ObjectStoreCloudStore(
          kS3TestBucket, std::shared_ptr<ObjectStore>(s3.release()),
          std::shared_ptr<ObjectStore>(clean.release()), "wal-faults-s3"),
      plan.get(), "dbs/wal-faults", 100);
}

}  // namespace ROCKSDB_NAMESPACE

#undef SKYROCKS_TEST_ON_LOCALDIR
#undef SKYROCKS_TEST_ON_S3
#undef SKYROCKS_TEST_ON_BOTH
