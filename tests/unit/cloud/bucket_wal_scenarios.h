// The bucket WAL and writer fencing (issue 16), written once against the
// public API and run on every store the tests reach (local directory, S3,
// GCS and Azure emulators, decorated stores): tests/unit/cloud/
// bucket_wal_test.cpp, gcs_store_test.cpp, azure_store_test.cpp.
//
// The contract checked:
//   * a DB with a dest bucket keeps its WAL in the bucket, under
//     "<object path>/wal/" (CloudFileSystemOptions::wal_in_bucket, the
//     default); a write with sync=true is acknowledged once its WAL bytes
//     are stored, FlushWAL(true) waits for every earlier write; a
//     read-write open on a fresh local directory replays the bucket WAL;
//     WAL objects a flush covers are deleted (with the deletion delay);
//     wal_in_bucket=false is RocksDB-Cloud's local WAL;
//   * a read-write open fences every earlier writer of the path: the
//     fenced writer's next WAL or MANIFEST upload fails, its writes return
//     IsIOFenced() naming the fencing writer's epoch, and it accepts no
//     more writes; everything either writer acknowledged survives; read-only
//     opens and clones fence nobody;
//   * a store that ignores conditional writes refuses a read-write open,
//     naming allow_unfenced_writes, unless it is set.
// "The machine died" is shown without closing the writer: a second DB opens
// the path on a fresh local directory while the first is still open (so a
// clean close cannot upload what the WAL should have); the kill -9 loops in
// bucket_wal_test.cpp show it with real crashes.
#ifndef SKYROCKS_TESTS_UNIT_CLOUD_BUCKET_WAL_SCENARIOS_H_
#define SKYROCKS_TESTS_UNIT_CLOUD_BUCKET_WAL_SCENARIOS_H_

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/db_cloud_scenarios.h"
#include "bucket_wal_options.h"
#include "cloud/bucket_wal.h"
#include "rocksdb/merge_operator.h"

namespace skyrocks_test {

// The bucket WAL's options (bucket_wal_options.h) on top of CloudOpts
// (immediate deletions).
inline ROCKSDB_NAMESPACE::CloudFileSystemOptions WalOpts(
    const CloudTestStore& store, const std::string& path,
    const BucketWalSettings& w = BucketWalSettings(), bool keep_local = false) {
  ROCKSDB_NAMESPACE::CloudFileSystemOptions o =
      CloudOpts(store, path, path, keep_local);
  ApplyBucketWalSettings(w, &o);
  // A store known to ignore conditional writes opts out, as CloudOpts does.
  o.allow_unfenced_writes =
      w.allow_unfenced_writes || !store.conditional_writes;
  return o;
}

inline ROCKSDB_NAMESPACE::WriteOptions SyncWrite(bool sync = true) {
  ROCKSDB_NAMESPACE::WriteOptions wo;
  wo.sync = sync;
  return wo;
}

inline std::string WalValue(const std::string& key) {
  return "val-" + key + std::string(key.size() * 7 % 90, 'w');
}

// One Put per key, each with its own sync setting; REQUIREs every one.
inline void PutEach(ROCKSDB_NAMESPACE::DB* db, const std::string& prefix,
                    int from, int to, bool sync) {
  for (int i = from; i < to; i++) {
    const std::string k = prefix + CloudKey(i);
    ROCKSDB_NAMESPACE::Status s = db->Put(SyncWrite(sync), k, WalValue(k));
    REQUIRE_MESSAGE(s.ok(), k << ": " << s.ToString());
  }
}

// How many of prefix+[from, to) do not read back their WalValue; the first
// in *first.
inline int MissingKeys(ROCKSDB_NAMESPACE::DB* db, const std::string& prefix,
                       int from, int to, std::string* first = nullptr) {
  int bad = 0;
  for (int i = from; i < to; i++) {
    const std::string k = prefix + CloudKey(i);
    std::string v;
    ROCKSDB_NAMESPACE::Status s =
        db->Get(ROCKSDB_NAMESPACE::ReadOptions(), k, &v);
    if (!s.ok() || v != WalValue(k)) {
      if (bad++ == 0 && first != nullptr) *first = k + ": " + s.ToString();
    }
  }
  return bad;
}

inline void CheckEach(ROCKSDB_NAMESPACE::DB* db, const std::string& prefix,
                      int from, int to) {
  std::string first;
  const int bad = MissingKeys(db, prefix, from, to, &first);
  CHECK_MESSAGE(bad == 0, bad << " of " << (to - from) << " keys " << prefix
                              << "[" << from << "," << to << ") missing; first "
                              << first);
}

inline std::vector<std::string> WalObjects(const CloudTestStore& store,
                                           const std::string& path) {
  return store.list(path + "/wal/");
}

inline int Count(const std::vector<std::string>& v, const std::string& what) {
  return CountWith(v, what);
}

// Polls until pred() or `ms` pass; returns pred().
inline bool WaitFor(const std::function<bool()>& pred, int ms) {
  const auto end =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (!pred() && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

// --- the WAL in the bucket ----------------------------------------------

// A 16 MiB write buffer: nothing is flushed while a scenario writes, so
// what a fresh directory sees came from the WAL objects.
inline void NoFlush(ROCKSDB_NAMESPACE::Options* o) {
  o->write_buffer_size = 16 << 20;
}

// Sync writes, no flush: the bucket has WAL objects and no SST; (a) a
// second writer on a fresh directory while the first is still open sees
// every one; (b) after a clean close, a fresh directory sees every one,
// and the SSTs in the bucket did not change across the close (the data came
// from the WAL, not from a flush at close).
inline void ScenarioSyncWritesReopen(const CloudTestStore& store) {
  TempDir tmp;
  const std::string path = "dbs/wal-sync";
  const auto o = WalOpts(store, path);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a, true, false, NoFlush);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutEach(a.db.get(), "s-", 0, 300, true);
  CHECK_MESSAGE(!WalObjects(store, path).empty(),
                "no object under " << path << "/wal/ after 300 sync writes");
  CHECK(Count(NamesUnder(store, path), ".sst-") == 0);

  CloudDb b;  // the machine of `a` is gone: open elsewhere, `a` still open
  OpenCloudDb(store, o, tmp.Sub("b"), &b, false, false, NoFlush);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  CheckEach(b.db.get(), "s-", 0, 300);
  a.Close();
  PutEach(b.db.get(), "t-", 0, 300, true);
  const int ssts = Count(NamesUnder(store, path), ".sst-");
  b.Close();
  CHECK_MESSAGE(Count(NamesUnder(store, path), ".sst-") == ssts,
                "a clean close uploaded SSTs: the test would not show the "
                "WAL replay");
  CloudDb c;
  OpenCloudDb(store, o, tmp.Sub("c"), &c, false, false, NoFlush);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CheckEach(c.db.get(), "s-", 0, 300);
  CheckEach(c.db.get(), "t-", 0, 300);
}

// sync=false writes with a long interval, then FlushWAL(true): every one is
// in the bucket; a writer on a fresh directory (the first still open) sees
// them all. SyncWAL likewise.
inline void ScenarioFlushWalReopen(const CloudTestStore& store) {
  TempDir tmp;
  const std::string path = "dbs/wal-flushwal";
  BucketWalSettings w;
  w.interval_ms = 60 * 1000;  // nothing goes up by itself during the test
  const auto o = WalOpts(store, path, w);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a, true, false, NoFlush);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutEach(a.db.get(), "f-", 0, 500, false);
  ROCKSDB_NAMESPACE::Status s = a.db->FlushWAL(true);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  PutEach(a.db.get(), "g-", 0, 100, false);
  s = a.db->SyncWAL();
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CloudDb b;
  OpenCloudDb(store, o, tmp.Sub("b"), &b, false, false, NoFlush);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  CheckEach(b.db.get(), "f-", 0, 500);
  CheckEach(b.db.get(), "g-", 0, 100);
}

// sync=false writes reach the bucket by themselves within the interval:
// three bursts 300 ms apart (so the uploader has gone idle before the
// second and third), far below wal_flush_bytes, then 1.5 s (the interval
// plus generous room for one upload on a loaded machine) before a fresh
// directory looks.
inline void ScenarioUnsyncedWithinInterval(const CloudTestStore& store) {
  TempDir tmp;
  const std::string path = "dbs/wal-interval";
  BucketWalSettings w;
  w.interval_ms = 100;
  const auto o = WalOpts(store, path, w);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a, true, false, NoFlush);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  for (int burst = 0; burst < 3; burst++) {
    PutEach(a.db.get(), "u-", burst * 100, burst * 100 + 100, false);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CloudDb b;
  OpenCloudDb(store, o, tmp.Sub("b"), &b, false, false, NoFlush);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  CheckEach(b.db.get(), "u-", 0, 100);
  CheckEach(b.db.get(), "u-", 100, 200);
  CheckEach(b.db.get(), "u-", 200, 300);
}

// wal_flush_bytes: with a 60 s interval and a 4 KiB threshold, about
// 100 KiB of sync=false writes reach the bucket without FlushWAL; a fresh
// directory sees all but (at most) the last threshold's worth.
inline void ScenarioFlushBytesThreshold(const CloudTestStore& store) {
  TempDir tmp;
  const std::string path = "dbs/wal-bytes";
  BucketWalSettings w;
  w.interval_ms = 60 * 1000;
  w.flush_bytes = 4096;
  const auto o = WalOpts(store, path, w);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a, true, false, NoFlush);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutEach(a.db.get(), "b-", 0, 800, false);  // ~100 KiB
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  CHECK_MESSAGE(!WalObjects(store, path).empty(),
                "nothing under " << path
                                 << "/wal/ 2 s after 100 KiB of writes with "
                                    "wal_flush_bytes=4096");
  CloudDb b;
  OpenCloudDb(store, o, tmp.Sub("b"), &b, false, false, NoFlush);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  CheckEach(b.db.get(), "b-", 0, 700);  // the last ~12 KiB may wait
}

// Replay detects a gap: with a WAL object in the middle deleted, a fresh
// open fails naming what is missing instead of skipping acknowledged
// writes. (Needs more WAL objects after the victim than a writer has in
// flight, or the gap reads as where the writer stopped: each sync write
// of a lone writer is one upload.)
inline void ScenarioWalGapDetected(const CloudTestStore& store) {
  TempDir tmp;
  const std::string path = "dbs/wal-gap";
  const auto o = WalOpts(store, path);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a, true, false, NoFlush);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutEach(a.db.get(), "g-", 0, 20, true);
  a.Close();
  const auto wal = WalObjects(store, path);
  REQUIRE_MESSAGE(wal.size() >= 2 * ROCKSDB_NAMESPACE::kMaxWalChunksInFlight + 1,
                  wal.size() << " WAL objects after 20 "
                                              << "sync writes of one writer");
  const std::string victim = wal[wal.size() / 2];
  REQUIRE(store.del(victim));
  CloudDb b;
  OpenCloudDb(store, o, tmp.Sub("b"), &b, false, false, NoFlush);
  CHECK_MESSAGE(!b.status.ok(),
                "open succeeded with " << victim << " missing from the WAL");
  if (!b.status.ok()) {
    // Named: the WAL the missing chunk belongs to (its "directory").
    const std::string dir = victim.substr(0, victim.rfind('/'));
    const std::string log = dir.substr(dir.rfind('/') + 1);
    CHECK_MESSAGE(b.status.ToString().find(log) != std::string::npos,
                  "the error does not name the WAL of " << victim << ": "
                                                        << b.status.ToString());
  }
}

// 8 threads of sync writes (group commit): all there from a fresh
// directory, and far fewer WAL PUTs than writes would be a bonus, not a
// requirement (the benchmark measures it).
inline void ScenarioManyThreadsSync(const CloudTestStore& store) {
  TempDir tmp;
  const std::string path = "dbs/wal-threads";
  const auto o = WalOpts(store, path);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a, true, false, NoFlush);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  constexpr int kThreads = 8, kEach = 150;
  std::atomic<int> failures{0};
  std::mutex mu;
  std::string first_failure;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      const std::string prefix = "m" + std::to_string(t) + "-";
      for (int i = 0; i < kEach; i++) {
        const std::string k = prefix + CloudKey(i);
        ROCKSDB_NAMESPACE::Status s = a.db->Put(SyncWrite(), k, WalValue(k));
        if (!s.ok() && failures++ == 0) {
          std::lock_guard<std::mutex> l(mu);
          first_failure = k + ": " + s.ToString();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE_MESSAGE(failures == 0, first_failure);
  CloudDb b;
  OpenCloudDb(store, o, tmp.Sub("b"), &b, false, false, NoFlush);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  for (int t = 0; t < kThreads; t++) {
    CheckEach(b.db.get(), "m" + std::to_string(t) + "-", 0, kEach);
  }
}

// Column families: sync writes to three families, one of them flushed in
// the middle; the fresh-directory open (with the families named) sees all.
inline void ScenarioColumnFamilies(const CloudTestStore& store) {
  using namespace ROCKSDB_NAMESPACE;
  TempDir tmp;
  const std::string path = "dbs/wal-cf";
  const auto o = WalOpts(store, path);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  ColumnFamilyHandle* one = nullptr;
  ColumnFamilyHandle* two = nullptr;
  REQUIRE(a.db->CreateColumnFamily(ColumnFamilyOptions(), "one", &one).ok());
  REQUIRE(a.db->CreateColumnFamily(ColumnFamilyOptions(), "two", &two).ok());
  for (int i = 0; i < 200; i++) {
    const std::string k = CloudKey(i);
    WriteBatch b;
    REQUIRE(b.Put(k, WalValue("d" + k)).ok());
    REQUIRE(b.Put(one, k, WalValue("1" + k)).ok());
    REQUIRE(b.Put(two, k, WalValue("2" + k)).ok());
    REQUIRE(a.db->Write(SyncWrite(), &b).ok());
    if (i == 100) REQUIRE(a.db->Flush(FlushOptions(), one).ok());
  }
  // Reopen elsewhere with the families named, the first still open.
  CloudDb b;
  b.status = store.make_fs(o, &b.cfs);
  REQUIRE(b.status.ok());
  b.fs.reset(b.cfs);
  b.env = NewCompositeEnv(b.fs);
  Options options;
  options.env = b.env.get();
  std::vector<ColumnFamilyDescriptor> cfs = {
      {kDefaultColumnFamilyName, ColumnFamilyOptions()},
      {"one", ColumnFamilyOptions()},
      {"two", ColumnFamilyOptions()}};
  std::vector<ColumnFamilyHandle*> handles;
  DBCloud* raw = nullptr;
  Status s = DBCloud::Open(options, tmp.Sub("b"), cfs, "", 0, &handles, &raw);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  b.db.reset(raw);
  int bad = 0;
  std::string first;
  for (int i = 0; i < 200; i++) {
    const std::string k = CloudKey(i);
    const char* tags[] = {"d", "1", "2"};
    for (int c = 0; c < 3; c++) {
      std::string v;
      Status g = b.db->Get(ReadOptions(), handles[c], k, &v);
      if (!g.ok() || v != WalValue(tags[c] + k)) {
        if (bad++ == 0) first = std::string(tags[c]) + k + ": " + g.ToString();
      }
    }
  }
  CHECK_MESSAGE(bad == 0, bad << " of 600 column family values missing; "
                              << "first " << first);
  for (auto* h : handles) REQUIRE(b.db->DestroyColumnFamilyHandle(h).ok());
  REQUIRE(a.db->DestroyColumnFamilyHandle(one).ok());
  REQUIRE(a.db->DestroyColumnFamilyHandle(two).ok());
}

// A flush makes the WAL objects it covers obsolete: with immediate
// deletion they leave the bucket at once (within a short poll); with a
// deletion delay they stay for the delay and then go. Writes after the
// flush keep their WAL objects.
inline void ScenarioFlushDeletesWal(const CloudTestStore& store, bool delayed) {
  TempDir tmp;
  const std::string path = delayed ? "dbs/wal-del-delay" : "dbs/wal-del-now";
  auto o = WalOpts(store, path);
  if (delayed) o.cloud_file_deletion_delay = std::chrono::seconds(3);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutEach(a.db.get(), "x-", 0, 200, true);
  const auto before = WalObjects(store, path);
  REQUIRE_MESSAGE(!before.empty(), "no WAL object under " << path << "/wal/");
  REQUIRE(a.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  auto still_there = [&] {
    const auto now = WalObjects(store, path);
    int n = 0;
    for (const auto& k : before) {
      n += std::find(now.begin(), now.end(), k) != now.end() ? 1 : 0;
    }
    return n;
  };
  if (delayed) {
    CHECK_MESSAGE(still_there() == static_cast<int>(before.size()),
                  "WAL objects deleted before the 3 s deletion delay");
    CHECK_MESSAGE(WaitFor([&] { return still_there() == 0; }, 10000),
                  still_there() << " of " << before.size()
                                << " flushed WAL objects still in the bucket "
                                   "10 s after the flush (delay 3 s)");
  } else {
    CHECK_MESSAGE(WaitFor([&] { return still_there() == 0; }, 2000),
                  still_there() << " of " << before.size()
                                << " flushed WAL objects still in the bucket "
                                   "2 s after the flush (no deletion delay)");
  }
  // The DB is whole from a fresh directory: flushed and newer writes.
  PutEach(a.db.get(), "y-", 0, 50, true);
  CHECK(!WalObjects(store, path).empty());
  CloudDb b;
  OpenCloudDb(store, o, tmp.Sub("b"), &b, false);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  CheckEach(b.db.get(), "x-", 0, 200);
  CheckEach(b.db.get(), "y-", 0, 50);
}

// wal_in_bucket=false: RocksDB-Cloud's local WAL. Nothing under wal/;
// sync writes not flushed are not in a (read-only) fresh-directory open,
// and are in a reopen of the same directory.
inline void ScenarioLocalWalOption(const CloudTestStore& store) {
  TempDir tmp;
  const std::string path = "dbs/wal-local";
  BucketWalSettings w;
  w.wal_in_bucket = false;
  const auto o = WalOpts(store, path, w);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutEach(a.db.get(), "f-", 0, 100, true);
  REQUIRE(a.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  PutEach(a.db.get(), "l-", 0, 100, true);
  REQUIRE(a.db->FlushWAL(true).ok());
  CHECK(WalObjects(store, path).empty());
  a.Close();
  CloudDb b;  // read-only: the bucket stays as `a` left it
  OpenCloudDb(store, o, tmp.Sub("b"), &b, false, true);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  CheckEach(b.db.get(), "f-", 0, 100);
  CHECK_MESSAGE(MissingKeys(b.db.get(), "l-", 0, 100) == 100,
                "wal_in_bucket=false: unflushed writes reached a fresh "
                "directory");
  b.Close();
  CloudDb same;
  OpenCloudDb(store, o, tmp.Sub("a"), &same, false);
  REQUIRE_MESSAGE(same.status.ok(), same.status.ToString());
  CheckEach(same.db.get(), "l-", 0, 100);
}

// --- writer fencing --------------------------------------------------------

// Writer A on the path writes (sync) and flushes; writer B opens the path
// read-write on another directory while A is busy writing from a thread
// (a_idle=false) or idle (a_idle=true, it writes after B's open). A's next
// write fails IsIOFenced naming B's epoch, and A accepts nothing after it;
// B sees every write A acknowledged; A's flush cannot change the bucket;
// after both close, a fresh open has A's acknowledged writes and B's.
inline void ScenarioTwoWriters(const CloudTestStore& store, bool a_idle) {
  using namespace ROCKSDB_NAMESPACE;
  TempDir tmp;
  const std::string path = a_idle ? "dbs/fence-idle" : "dbs/fence-busy";
  const auto o = WalOpts(store, path);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutEach(a.db.get(), "a-", 0, 100, true);
  REQUIRE(a.db->Flush(FlushOptions()).ok());
  PutEach(a.db.get(), "a-", 100, 200, true);

  std::atomic<int> a_acked{200};  // keys a-[0, a_acked) acknowledged
  std::atomic<bool> stop{false};
  std::atomic<bool> a_done{false};  // the busy writer saw a failure
  Status a_failure;
  std::thread busy;
  if (!a_idle) {
    busy = std::thread([&] {
      for (int i = 200; !stop; i++) {
        const std::string k = "a-" + CloudKey(i);
        Status s = a.db->Put(SyncWrite(), k, WalValue(k));
        if (!s.ok()) {
          a_failure = s;
          a_done = true;
          return;
        }
        a_acked = i + 1;
      }
    });
    if (!WaitFor([&] { return a_acked >= 220 || a_done; }, 30000) || a_done) {
      stop = true;
      busy.join();
      FAIL("writer A acknowledged " << a_acked - 200 << " busy writes in 30 s: "
                                    << a_failure.ToString());
    }
  }
  CloudDb b;
  OpenCloudDb(store, o, tmp.Sub("b"), &b, false);
  const Status b_open = b.status;
  if (!a_idle) {
    // A must fail by itself (its next upload is fenced); bounded.
    const bool failed = WaitFor([&] { return a_done.load(); }, 30000);
    stop = true;
    busy.join();
    CHECK_MESSAGE(failed, "writer A still acknowledging 30 s after B opened");
  }
  REQUIRE_MESSAGE(b_open.ok(), b_open.ToString());
  const std::string b_epoch = b.cfs->GetCurrentEpoch();
  if (a_idle) {
    const std::string k = "a-" + CloudKey(200);
    a_failure = a.db->Put(SyncWrite(), k, WalValue(k));
  }
  CHECK_MESSAGE(a_failure.IsIOFenced(),
                "writer A's write after B's open: " << a_failure.ToString());
  CHECK_MESSAGE(a_failure.ToString().find(b_epoch) != std::string::npos,
                "A's fenced status does not name B's epoch "
                    << b_epoch << ": " << a_failure.ToString());
  // A accepts nothing more, sync or not, and its flush fails.
  Status s = a.db->Put(SyncWrite(false), "a-after", "x");
  CHECK_MESSAGE(!s.ok(), "fenced writer A acknowledged a sync=false write");
  s = a.db->Put(SyncWrite(true), "a-after2", "x");
  CHECK_MESSAGE(!s.ok(), "fenced writer A acknowledged a sync=true write");
  s = a.db->Flush(FlushOptions());
  CHECK_MESSAGE(!s.ok(), "fenced writer A's flush succeeded");

  const int acked = a_acked;
  CheckEach(b.db.get(), "a-", 0, acked);
  PutEach(b.db.get(), "b-", 0, 200, true);
  REQUIRE(b.db->Flush(FlushOptions()).ok());
  PutEach(b.db.get(), "b-", 200, 300, true);
  a.Close();  // A's close must not damage the bucket
  CheckEach(b.db.get(), "a-", 0, acked);
  CheckEach(b.db.get(), "b-", 0, 300);
  b.Close();
  CloudDb c;
  OpenCloudDb(store, o, tmp.Sub("c"), &c, false);
  REQUIRE_MESSAGE(c.status.ok(),
                  "the bucket is left unopenable: " << c.status.ToString());
  CheckEach(c.db.get(), "a-", 0, acked);
  CheckEach(c.db.get(), "b-", 0, 300);
  std::string v;
  CHECK(c.db->Get(ReadOptions(), "a-after", &v).IsNotFound());
  CHECK(c.db->Get(ReadOptions(), "a-after2", &v).IsNotFound());
  CheckKeys(c.db.get(), 0, 0, "");  // a full scan reads without error
}

// A read-only open and a clone of the path fence nobody: the writer keeps
// acknowledging sync writes, and a fresh open has them all.
inline void ScenarioReadersDoNotFence(const CloudTestStore& store) {
  using namespace ROCKSDB_NAMESPACE;
  TempDir tmp;
  const std::string path = "dbs/fence-readers";
  const auto o = WalOpts(store, path);
  CloudDb a;
  OpenCloudDb(store, o, tmp.Sub("a"), &a);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutEach(a.db.get(), "a-", 0, 100, true);
  REQUIRE(a.db->Flush(FlushOptions()).ok());
  PutEach(a.db.get(), "a-", 100, 200, true);

  CloudDb ro;
  OpenCloudDb(store, o, tmp.Sub("ro"), &ro, false, true);
  REQUIRE_MESSAGE(ro.status.ok(), ro.status.ToString());
  CheckEach(ro.db.get(), "a-", 0, 100);
  // The writer's acknowledged WAL is part of the DB a reader opens.
  CheckEach(ro.db.get(), "a-", 100, 200);
  PutEach(a.db.get(), "a-", 200, 300, true);
  ro.Close();

  auto co = WalOpts(store, path);
  co.dest_bucket.SetObjectPath("dbs/fence-readers-clone");
  CloudDb clone;
  OpenCloudDb(store, co, tmp.Sub("clone"), &clone);
  REQUIRE_MESSAGE(clone.status.ok(), clone.status.ToString());
  CheckEach(clone.db.get(), "a-", 0, 100);
  PutEach(clone.db.get(), "c-", 0, 50, true);
  PutEach(a.db.get(), "a-", 300, 400, true);  // not fenced by the clone
  REQUIRE(a.db->Flush(FlushOptions()).ok());
  clone.Close();
  a.Close();
  CloudDb c;
  OpenCloudDb(store, o, tmp.Sub("c"), &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CheckEach(c.db.get(), "a-", 0, 400);
  CHECK(MissingKeys(c.db.get(), "c-", 0, 50) == 50);  // the clone's stay out
}

// A store that ignores conditional writes: a read-write open is refused,
// naming allow_unfenced_writes; with it set, the DB opens and works; a
// read-only open needs no fencing.
inline void ScenarioUnfencedStoreRefused(const CloudTestStore& store) {
  TempDir tmp;
  const std::string path = "dbs/unfenced";
  BucketWalSettings w;
  CloudDb a;
  OpenCloudDb(store, WalOpts(store, path, w), tmp.Sub("a"), &a);
  CHECK_MESSAGE(!a.status.ok(),
                "read-write open on a store without conditional writes "
                "succeeded");
  CHECK_MESSAGE(
      a.status.ToString().find("allow_unfenced_writes") != std::string::npos,
      a.status.ToString());
  a.Close();
  w.allow_unfenced_writes = true;
  OpenCloudDb(store, WalOpts(store, path, w), tmp.Sub("b"), &a);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  PutEach(a.db.get(), "u-", 0, 50, true);
  a.Close();
  OpenCloudDb(store, WalOpts(store, path), tmp.Sub("c"), &a, false, true);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  CheckEach(a.db.get(), "u-", 0, 50);
}

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_UNIT_CLOUD_BUCKET_WAL_SCENARIOS_H_
