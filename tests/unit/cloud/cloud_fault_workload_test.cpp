// A DBCloud workload under object-store faults (tests/unit/cloud/
// cloud_faults.h, 10% of requests), checked against a model of what was
// acknowledged: on the local-directory store (FaultyObjectStore: every
// fault reaches the DB, nothing retries) and on the S3 emulator
// (FaultyHttpTransport under the S3 store, which retries: 8 attempts, or 2
// so that about 1% of requests fail through to the DB).
//
// The workload (seeded): single Puts/Deletes and WriteBatches, sync on and
// off, Flush, CompactRange, close and reopen on the same local directory,
// reopen from the bucket on a fresh local directory, and clones of the
// live DB (src = its path, dest = a new one, on a fresh directory; the DB
// delays its bucket deletions, as in production, so the clone's SSTs stay).
// A write, flush or compaction that fails is not acknowledged; the run
// records it and goes on: DB::Resume (and the automatic resume, every 20
// ms) under the faults, or, when the DB cannot resume, a reopen on its
// directory. Opens are
// retried up to kMaxOpenAttempts times and reads kMaxReadAttempts times;
// one that never succeeds fails the test. A run stops after `ops` steps or
// kFaultSeconds, then reopens on its directory and from the bucket.
//
// The durability contract checked (WALs are local):
//   same directory   every acknowledged write reads back (a failed write
//                    may or may not be there);
//   from the bucket  every write acknowledged before the last successful
//                    Flush reads back, or a later write of the key (acked
//                    or not) does;
//   always           no read returns a value never written to that key
//                    (values are unique per write), and an iterator agrees.
// (The DB's uploads are unconditional PUTs; the ambiguity rules of
// conditional writes under lost answers are checked on the S3 store alone,
// at the end.)
// Each run prints its requests, faults by kind, the acknowledged writes
// checked, and the lost and wrong reads (both must be 0). FAULT_SEED=N runs
// one seed instead of the fixed ones; FAULT_DEBUG=1 traces failed steps and
// dumps the bucket when something is lost.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "api/db_cloud_scenarios.h"
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

// One write of a key: its value (absent for a delete), the op index, and
// whether the DB acknowledged it.
struct FaultKeyEvent {
  uint64_t op;
  bool acked;
  bool present;
  std::string value;
};

// What the DB may hold, from the writes it was given.
class FaultModel {
 public:
  uint64_t NextOp() { return ++op_; }
  uint64_t op() const { return op_; }
  void Record(const std::string& key, bool present, const std::string& value,
              uint64_t op, bool acked) {
    hist_[key].push_back({op, acked, present, value});
  }
  // Every op up to now is in the bucket (a Flush succeeded after it).
  void MarkDurable() { durable_op_ = op_; }

  // Index in the key's history of the state the contract guarantees (-1:
  // the initial absent state) for `from_bucket` or the same directory.
  int Base(const std::vector<FaultKeyEvent>& h, bool from_bucket) const {
    int b = -1;
    for (int i = 0; i < static_cast<int>(h.size()); i++) {
      if (h[i].acked && (!from_bucket || h[i].op <= durable_op_)) b = i;
    }
    return b;
  }

  enum Verdict { kOk, kLost, kWrong };
  // Checks one observation; *matched gets the history index it matches
  // (-1: the initial state).
  Verdict Check(const std::string& key, bool found, const std::string& value,
                bool from_bucket, int* matched, bool* covered) const {
    static const std::vector<FaultKeyEvent> kEmpty;
    auto it = hist_.find(key);
    const auto& h = it == hist_.end() ? kEmpty : it->second;
    const int b = Base(h, from_bucket);
    *covered = b >= 0;
    for (int i = static_cast<int>(h.size()) - 1; i >= std::max(b, 0); i--) {
      if (h[i].present == found && (!found || h[i].value == value)) {
        *matched = i;
        return kOk;
      }
    }
    if (b < 0 && !found) {
      *matched = -1;
      return kOk;
    }
    if (!found) return kLost;
    for (const auto& e : h) {
      if (e.present && e.value == value) return kLost;  // an older value
    }
    return kWrong;
  }

  // The DB was seen to hold event `matched` of key: later unacknowledged
  // writes never took effect, and it is acknowledged from now on.
  void Resolve(const std::string& key, int matched) {
    auto& h = hist_[key];
    std::vector<FaultKeyEvent> keep;
    for (int i = 0; i < static_cast<int>(h.size()); i++) {
      if (i <= matched || h[i].acked) keep.push_back(h[i]);
      if (i == matched) keep.back().acked = true;
    }
    if (matched < 0) {
      // The initial absent state: nothing before it, only acked after.
      keep.clear();
      for (const auto& e : h) {
        if (e.acked) keep.push_back(e);
      }
    }
    h = std::move(keep);
  }
  // After a reopen from the bucket: what it holds is all there is.
  void Rebase(const std::string& key, bool found, const std::string& value) {
    hist_[key] = {{op_, true, found, value}};
  }

 private:
  std::map<std::string, std::vector<FaultKeyEvent>> hist_;
  uint64_t op_ = 0;
  uint64_t durable_op_ = 0;
};

struct FaultRunStats {
  uint64_t writes = 0, writes_acked = 0, flushes = 0, flushes_failed = 0;
  uint64_t compactions = 0, compactions_failed = 0;
  uint64_t reopens = 0, bucket_reopens = 0, clones = 0, open_retries = 0;
  uint64_t opens = 0, max_open_attempts = 0;
  uint64_t recoveries = 0, resumes = 0, resume_failures = 0;
  uint64_t checked = 0, lost = 0, wrong = 0;
  uint64_t read_errors = 0;
  std::vector<std::string> first_failures;

  void Fail(const std::string& what) {
    if (first_failures.size() < 8) first_failures.push_back(what);
  }
};

// A bucket behind fault injection, and the plan that drives it.
struct FaultyBucket {
  std::shared_ptr<CloudFaultPlan> plan;
  CloudTestStore store;
  std::string name;
  std::shared_ptr<ObjectStore> inner;  // behind the faults, to inspect
  std::string detail;
};

constexpr int kFaultKeys = 300;
constexpr int kMaxOpenAttempts = 60;
constexpr int kMaxReadAttempts = 40;
constexpr int kMaxResumeAttempts = 100;
constexpr int kFaultSeconds = 25;  // for the steps; the final checks follow

std::string FaultKey(int i) {
  char buf[16];
  snprintf(buf, sizeof(buf), "k%05d", i);
  return buf;
}

class FaultWorkload {
 public:
  FaultWorkload(const FaultyBucket& bucket, uint64_t seed, bool keep_local)
      : bucket_(bucket), rng_(seed), seed_(seed), keep_local_(keep_local) {}

  void Run(int ops) {
    path_ = "dbs/fault-" + std::to_string(seed_);
    dir_ = tmp_.Sub("db0");
    REQUIRE_MESSAGE(Open(dir_, true),
                    "first open failed: " << last_open_error_);
    // Bounded by steps and by time (a slow machine does fewer steps).
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(kFaultSeconds);
    while (step_ < ops && std::chrono::steady_clock::now() < deadline) Step();
    // The end: same directory, then from the bucket.
    Reopen(false);
    Reopen(true);
    db_.Close();
  }

  const FaultRunStats& stats() const { return stats_; }
  int steps() const { return step_; }

 private:
  // Opens path_ on dir, retrying under faults; false if it never opened.
  bool Open(const std::string& dir, bool create) {
    auto o = skyrocks_test::CloudOpts(bucket_.store, path_, path_, keep_local_);
    // As in production: a clone opened from the live DB reads its SSTs,
    // so the DB deletes its obsolete ones in the bucket only later.
    o.cloud_file_deletion_delay = std::chrono::seconds(3600);
    return OpenWith(o, dir, create, &db_);
  }
  bool OpenWith(const CloudFileSystemOptions& o, const std::string& dir,
                bool create, CloudDb* db) {
    for (int attempt = 0; attempt < kMaxOpenAttempts; attempt++) {
      OpenFaultDb(o, dir, create, db);
      Log("open " + dir, db->status);
      if (db->status.ok()) {
        stats_.opens++;
        stats_.max_open_attempts =
            std::max<uint64_t>(stats_.max_open_attempts, attempt + 1);
        return true;
      }
      last_open_error_ = db->status.ToString();
      stats_.open_retries++;
      db->Close();
    }
    stats_.Fail("open of " + dir + " failed " +
                std::to_string(kMaxOpenAttempts) +
                " times, last: " + last_open_error_);
    return false;
  }

  // skyrocks_test::OpenCloudDb with automatic resume every 20 ms.
  void OpenFaultDb(const CloudFileSystemOptions& o, const std::string& dir,
                   bool create, CloudDb* out) {
    out->Close();
    out->status = bucket_.store.make_fs(o, &out->cfs);
    if (!out->status.ok()) return;
    out->fs.reset(out->cfs);
    out->env = NewCompositeEnv(out->fs);
    Options options;
    options.env = out->env.get();
    options.create_if_missing = create;
    options.write_buffer_size = 64 << 10;
    options.max_bgerror_resume_count = 1000;
    options.bgerror_resume_retry_interval = 20000;
    DBCloud* db = nullptr;
    out->status = DBCloud::Open(options, dir, "", 0, &db, false);
    out->db.reset(db);
  }

  std::string NewValue(const std::string& key, uint64_t op) {
    std::string v = "v" + std::to_string(seed_) + "-" + std::to_string(op) +
                    "-" + key + "-";
    v.resize(v.size() + (rng_() % 120), 'x');
    return v;
  }

  void Step() {
    step_++;
    const int r = static_cast<int>(rng_() % 1000);
    if (r < 560) {
      Write(1);
    } else if (r < 760) {
      Write(2 + static_cast<int>(rng_() % 20));
    } else if (r < 820) {
      Flush();
    } else if (r < 840) {
      Compact();
    } else if (r < 855) {
      Reopen(false);
    } else if (r < 870) {
      Reopen(true);
    } else if (r < 878) {
      Clone();
    } else {
      ReadOne();
    }
  }

  void Write(int n) {
    WriteBatch batch;
    struct Pending {
      std::string key;
      bool present;
      std::string value;
    };
    std::vector<Pending> pending;
    const uint64_t op = model_.NextOp();
    for (int i = 0; i < n; i++) {
      const std::string key = FaultKey(static_cast<int>(rng_() % kFaultKeys));
      if (rng_() % 7 == 0) {
        REQUIRE(batch.Delete(key).ok());
        pending.push_back({key, false, ""});
      } else {
        pending.push_back({key, true, NewValue(key, op * 100 + i)});
        REQUIRE(batch.Put(key, pending.back().value).ok());
      }
    }
    WriteOptions wo;
    wo.sync = rng_() % 2 == 0;
    const Status s = db_.db->Write(wo, &batch);
    stats_.writes++;
    if (s.ok()) stats_.writes_acked++;
    for (const Pending& p : pending) {
      model_.Record(p.key, p.present, p.value, op, s.ok());
    }
    if (!s.ok()) Log("write", s);
    if (!s.ok()) Recover();
  }

  void Flush() {
    stats_.flushes++;
    const Status s = db_.db->Flush(FlushOptions());
    Log("flush", s);
    if (s.ok()) {
      model_.MarkDurable();
    } else {
      stats_.flushes_failed++;
      Recover();
    }
  }

  void Compact() {
    stats_.compactions++;
    const Status s =
        db_.db->CompactRange(CompactRangeOptions(), nullptr, nullptr);
    Log("compact", s);
    if (!s.ok()) {
      stats_.compactions_failed++;
      Recover();
    }
  }

  // A failed operation may have left a background error: DB::Resume (the
  // DB also resumes on its own, so Busy means wait), under the faults,
  // then every key is checked; a DB that does not resume (a fatal error,
  // or kMaxResumeAttempts failures) is reopened on its directory.
  void Recover() {
    stats_.recoveries++;
    Status s;
    for (int attempt = 0; attempt < kMaxResumeAttempts; attempt++) {
      s = db_.db->Resume();
      Log("resume", s);
      if (s.ok()) break;
      if (s.IsBusy()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      if (s.severity() > Status::kHardError) break;  // fatal: no resume
    }
    if (!s.ok()) {
      stats_.resume_failures++;
      Reopen(false);
      return;
    }
    stats_.resumes++;
    where_ = "resumed";
    CheckAll(db_.db.get(), false, true);
  }

  // Reads key with retries under faults; false after kMaxReadAttempts.
  bool Read(DB* db, const std::string& key, bool* found, std::string* value) {
    for (int attempt = 0; attempt < kMaxReadAttempts; attempt++) {
      const Status s = db->Get(ReadOptions(), key, value);
      if (s.ok() || s.IsNotFound()) {
        *found = s.ok();
        return true;
      }
      if (attempt == kMaxReadAttempts - 1) {
        stats_.Fail("Get " + key + ": " + s.ToString());
      }
    }
    stats_.read_errors++;
    return false;
  }

  void ReadOne() {
    const std::string key = FaultKey(static_cast<int>(rng_() % kFaultKeys));
    bool found = false;
    std::string value;
    if (!Read(db_.db.get(), key, &found, &value)) return;
    where_ = "live";
    CheckOne(key, found, value, false, nullptr);
  }

  // Checks one observation; *matched (optional) gets the matching event.
  bool CheckOne(const std::string& key, bool found, const std::string& value,
                bool from_bucket, int* matched) {
    int m = -1;
    bool covered = false;
    const FaultModel::Verdict v =
        model_.Check(key, found, value, from_bucket, &m, &covered);
    if (covered) stats_.checked++;
    if (v == FaultModel::kOk) {
      if (matched != nullptr) *matched = m;
      return true;
    }
    (v == FaultModel::kLost ? stats_.lost : stats_.wrong)++;
    stats_.Fail(std::string(v == FaultModel::kLost ? "lost" : "wrong") + " (" +
                where_ + ") " + key + ": " +
                (found ? "'" + value + "'" : std::string("absent")));
    return false;
  }

  // Every key of db against the model; then an iterator finds no key that
  // was never written. resolve: the model learns what db holds.
  void CheckAll(DB* db, bool from_bucket, bool resolve) {
    std::map<std::string, std::string> seen;
    for (int i = 0; i < kFaultKeys; i++) {
      const std::string key = FaultKey(i);
      bool found = false;
      std::string value;
      if (!Read(db, key, &found, &value)) continue;
      int matched = -1;
      const bool ok = CheckOne(key, found, value, from_bucket, &matched);
      if (found) seen[key] = value;
      if (!resolve) continue;
      if (from_bucket) {
        model_.Rebase(key, found, value);
      } else if (ok) {
        model_.Resolve(key, matched);
      }
    }
    for (int attempt = 0; attempt < kMaxReadAttempts; attempt++) {
      std::unique_ptr<Iterator> it(db->NewIterator(ReadOptions()));
      std::map<std::string, std::string> scanned;
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        scanned[it->key().ToString()] = it->value().ToString();
      }
      if (!it->status().ok()) continue;
      for (const auto& kv : scanned) {
        auto s = seen.find(kv.first);
        if (s == seen.end() || s->second != kv.second) {
          stats_.wrong++;
          stats_.Fail("iterator shows " + kv.first + " = '" + kv.second +
                      "', Get " +
                      (s == seen.end() ? "absent" : "'" + s->second + "'"));
        }
      }
      if (scanned.size() != seen.size()) {
        stats_.wrong++;
        stats_.Fail("iterator saw " + std::to_string(scanned.size()) +
                    " keys, Get " + std::to_string(seen.size()));
      }
      return;
    }
    stats_.read_errors++;
  }

  // Closes and reopens: on the same directory, or from the bucket on a
  // fresh one; then checks every key and the model learns the state.
  void Reopen(bool from_bucket) {
    db_.Close();
    if (from_bucket) {
      stats_.bucket_reopens++;
      dir_ = tmp_.Sub("db" + std::to_string(++dirs_));
    } else {
      stats_.reopens++;
    }
    REQUIRE_MESSAGE(Open(dir_, false),
                    "the DB did not reopen: " << last_open_error_);
    const uint64_t lost = stats_.lost;
    where_ = std::string(from_bucket ? "reopened from the bucket on "
                                     : "reopened on ") +
             dir_;
    CheckAll(db_.db.get(), from_bucket, true);
    if (from_bucket) model_.MarkDurable();
    if (stats_.lost > lost && getenv("FAULT_DEBUG") != nullptr) Dump();
  }

  void Log(const std::string& what, const Status& s) {
    if (getenv("FAULT_DEBUG") == nullptr) return;
    fprintf(stderr, "step %d: %s: %s\n", step_, what.c_str(),
            s.ToString().c_str());
  }

  void Dump() {
    fprintf(stderr, "after step %d: lost in %s\n", step_, dir_.c_str());
    std::vector<ObjectMeta> objects;
    if (bucket_.inner && bucket_.inner->List(path_ + "/", &objects).ok()) {
      for (const auto& m : objects) {
        fprintf(stderr, "  %s %llu\n", m.key.c_str(),
                static_cast<unsigned long long>(m.size));
      }
    }
    std::string out;
    skyrocks_test::RunCommand("ls -la " + dir_ + "; tail -50 " + dir_ + "/LOG",
                              &out);
    fprintf(stderr, "%s\n", out.c_str());
  }

  // A clone of the DB's bucket state on a fresh directory; its own writes
  // stay in it.
  void Clone() {
    stats_.clones++;
    const std::string clone_path =
        path_ + "-clone" + std::to_string(stats_.clones);
    auto o =
        skyrocks_test::CloudOpts(bucket_.store, path_, clone_path, keep_local_);
    CloudDb clone;
    const std::string dir = tmp_.Sub("clone" + std::to_string(stats_.clones));
    REQUIRE_MESSAGE(OpenWith(o, dir, true, &clone),
                    "the clone did not open: " << last_open_error_);
    where_ = "clone " + clone_path;
    CheckAll(clone.db.get(), true, false);
    // The clone's own write reads back in it and not in the parent.
    const Status s = clone.db->Put(WriteOptions(), FaultKey(0), "clone-only");
    if (s.ok()) {
      bool found = false;
      std::string value;
      if (Read(clone.db.get(), FaultKey(0), &found, &value) &&
          value != "clone-only") {
        stats_.lost++;
        stats_.Fail("the clone lost its own write: '" + value + "'");
      }
    }
    clone.Close();
  }

  const FaultyBucket& bucket_;
  std::mt19937_64 rng_;
  const uint64_t seed_;
  const bool keep_local_;
  skyrocks_test::TempDir tmp_;
  std::string path_, dir_;
  int dirs_ = 0;
  int step_ = 0;
  std::string where_;  // what is being checked, for messages
  CloudDb db_;
  FaultModel model_;
  FaultRunStats stats_;
  std::string last_open_error_;
};

// Runs the workload on a bucket and reports (and checks) its figures.
void RunFaultWorkload(const FaultyBucket& bucket, uint64_t seed, int ops,
                      bool keep_local) {
  const auto t0 = std::chrono::steady_clock::now();
  const uint64_t requests0 = bucket.plan->requests();
  FaultWorkload w(bucket, seed, keep_local);
  w.Run(ops);
  const auto& st = w.stats();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - t0)
                      .count();
  MESSAGE("fault workload "
          << bucket.name << bucket.detail << " seed=" << seed
          << " keep_local=" << keep_local << ": " << bucket.plan->Describe()
          << " (this run " << bucket.plan->requests() - requests0
          << " requests); steps=" << w.steps() << " writes=" << st.writes
          << " acked=" << st.writes_acked << " flushes=" << st.flushes
          << " (failed " << st.flushes_failed << ") compactions="
          << st.compactions << " (failed " << st.compactions_failed
          << ") reopens=" << st.reopens << " from_bucket=" << st.bucket_reopens
          << " clones=" << st.clones << " resumes=" << st.resumes << " (failed "
          << st.resume_failures << ")"
          << " opens=" << st.opens << " (failed attempts " << st.open_retries
          << ", at most " << st.max_open_attempts << " attempts for one)"
          << "; acknowledged writes checked=" << st.checked
          << " lost=" << st.lost << " wrong=" << st.wrong
          << " read_errors=" << st.read_errors << " in " << ms << " ms");
  for (const std::string& f : st.first_failures) MESSAGE(f);
  CHECK(st.lost == 0);
  CHECK(st.wrong == 0);
  CHECK(st.read_errors == 0);
  CHECK(st.first_failures.empty());
  CHECK(st.checked > 0);
  CHECK(bucket.plan->faults() > 0);
}

const std::vector<CloudFault> kStoreFaultKinds = {
    CloudFault::kStoreError, CloudFault::kShortRead, CloudFault::kSlow,
    CloudFault::kLostAnswer};

const std::vector<CloudFault> kHttpFaultKinds = {
    CloudFault::kHttp500,   CloudFault::kHttp503, CloudFault::kHttp429,
    CloudFault::kNotSent,   CloudFault::kReset,   CloudFault::kTruncated,
    CloudFault::kShortBody, CloudFault::kSlow,    CloudFault::kLostAnswer};

// The local-directory store of root/bucket behind a FaultyObjectStore.
FaultyBucket LocalFaultyBucket(const std::string& root, uint64_t seed) {
  FaultyBucket b;
  b.name = "localdir";
  b.plan = std::make_shared<CloudFaultPlan>(seed, 0.10, kStoreFaultKinds);
  std::unique_ptr<ObjectStore> local;
  REQUIRE(NewLocalDirStore(root + "/bucket", &local).ok());
  b.inner.reset(local.release());
  auto faulty = std::make_shared<FaultyObjectStore>(b.inner, b.plan);
  b.store = ObjectStoreCloudStore("bucket", faulty, b.inner, "faulty-localdir");
  return b;
}

// The S3 store on the emulator with libcurl behind a FaultyHttpTransport;
// max_attempts: the store's retries (8 by default hide nearly every
// fault from the DB; 2 let about 1% of requests fail through to it).
FaultyBucket S3FaultyBucket(const skyrocks_test::S3Emulator& emu, uint64_t seed,
                            int max_attempts) {
  FaultyBucket b;
  b.name = "s3";
  b.detail = " (max_attempts=" + std::to_string(max_attempts) + ")";
  b.plan = std::make_shared<CloudFaultPlan>(seed, 0.10, kHttpFaultKinds);
  S3StoreOptions so;
  so.bucket = "skyrocks-test";
  so.region = "us-east-1";
  so.endpoint = emu.endpoint();
  so.credentials = AwsCredentials{"S3RVER", "S3RVER", ""};
  so.retry.max_attempts = max_attempts;
  so.retry.base_delay_micros = 1000;
  so.retry.max_delay_micros = 20000;
  so.transport = std::make_shared<FaultyHttpTransport>(
      std::shared_ptr<HttpTransport>(NewCurlTransport(HttpTimeouts())), b.plan);
  std::unique_ptr<ObjectStore> s3;
  REQUIRE(NewS3Store(so, &s3).ok());
  std::shared_ptr<ObjectStore> store(s3.release());
  b.store = ObjectStoreCloudStore("skyrocks-test", store, store, "faulty-s3");
  return b;
}

// The fixed seeds, or the one in FAULT_SEED (to explore or replay).
std::vector<uint64_t> FaultSeeds(std::vector<uint64_t> fixed) {
  const char* env = getenv("FAULT_SEED");
  if (env == nullptr) return fixed;
  return {std::strtoull(env, nullptr, 10)};
}

}  // namespace

TEST_CASE("cloud fault workload: local-directory store, 10% faults") {
  for (uint64_t seed : FaultSeeds({1, 2})) {
    skyrocks_test::TempDir root;
    const FaultyBucket bucket = LocalFaultyBucket(root.path(), seed);
    RunFaultWorkload(bucket, seed, 1500, seed % 2 == 1);
  }
}

TEST_CASE("cloud fault workload: S3 emulator, 10% faults") {
  skyrocks_test::S3Emulator emu;
  if (!emu.running()) {
    MESSAGE(
        "SKIPPED: the S3 emulator is not installed (bash scripts/install-deps "
        "installs it)");
    return;
  }
  for (uint64_t seed : FaultSeeds({11, 12})) {
    const FaultyBucket bucket =
        S3FaultyBucket(emu, seed, seed % 2 == 1 ? 8 : 2);
    RunFaultWorkload(bucket, seed, 1500, seed % 2 == 1);
  }
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

// The ambiguity rules under lost answers (every PUT applied by the
// emulator, its answer lost): a create-if-absent that won says OK after
// looking, one that lost says IOFenced, a replace-if-match that landed
// says OK after looking (our bytes under a new etag), and one whose
// outcome cannot be known is an error, never a guess.
TEST_CASE("cloud faults: S3 conditional writes whose answer is lost") {
  skyrocks_test::S3Emulator emu;
  if (!emu.running()) {
    MESSAGE(
        "SKIPPED: the S3 emulator is not installed (bash scripts/install-deps "
        "installs it)");
    return;
  }
  auto plan = std::make_shared<CloudFaultPlan>(
      7, 1.0, std::vector<CloudFault>{CloudFault::kLostAnswer});
  S3StoreOptions so;
  so.bucket = "skyrocks-test";
  so.region = "us-east-1";
  so.endpoint = emu.endpoint();
  so.credentials = AwsCredentials{"S3RVER", "S3RVER", ""};
  so.retry.base_delay_micros = 100;
  so.retry.max_delay_micros = 1000;
  so.transport = std::make_shared<FaultyHttpTransport>(
      std::shared_ptr<HttpTransport>(NewCurlTransport(HttpTimeouts())), plan);
  std::unique_ptr<ObjectStore> s3;
  REQUIRE(NewS3Store(so, &s3).ok());

  PutOptions create;
  create.if_none_match = true;
  IOStatus s = s3->Put("lost/a", "first", create);
  CHECK_MESSAGE(s.ok(), s.ToString());  // ours is there: we won
  s = s3->Put("lost/a", "second", create);
  CHECK_MESSAGE(s.IsIOFenced(), s.ToString());  // another object is there
  std::string data;
  plan->set_enabled(false);
  REQUIRE(s3->Get("lost/a", &data).ok());
  CHECK(data == "first");
  ObjectMeta meta;
  REQUIRE(s3->Head("lost/a", &meta).ok());
  plan->set_enabled(true);
  PutOptions replace;
  replace.if_match_etag = meta.etag;
  ObjectMeta replaced;
  s = s3->Put("lost/a", "third", replace, &replaced);
  CHECK_MESSAGE(s.ok(), s.ToString());  // ours is there, a new version
  CHECK(replaced.etag != meta.etag);
  // Its condition named a version that is gone: another object (ours,
  // "third") is there, so this one lost.
  s = s3->Put("lost/a", "fourth", replace);
  CHECK_MESSAGE(s.IsIOFenced(), s.ToString());
  plan->set_enabled(false);
  REQUIRE(s3->Get("lost/a", &data).ok());
  CHECK(data == "third");
  plan->set_enabled(true);
  // Plain PUTs are retried, and every attempt lands: the object is whole.
  s = s3->Put("lost/b", "plain", PutOptions());
  CHECK(!s.ok());
  plan->set_enabled(false);
  REQUIRE(s3->Get("lost/b", &data).ok());
  CHECK(data == "plain");
  CHECK(plan->count(CloudFault::kLostAnswer) >= 3);
}

}  // namespace ROCKSDB_NAMESPACE
