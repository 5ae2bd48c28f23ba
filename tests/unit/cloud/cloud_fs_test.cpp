// The cloud file system's internals (cloud/cloud_file_system_impl.h and
// its helpers), over a local-directory object store wrapped to record and
// to fail requests:
// * upload order: on every open the MANIFEST-<epoch> PUT precedes the
//   CLOUDMANIFEST PUT, and each CLOUDMANIFEST, when PUT, names a MANIFEST
//   object that already exists;
// * DeletionScheduler: delay, Unschedule, first deadline kept, destruction
//   abandons; an upload (UploadFile) cancels a pending deletion;
// * cloud_file_deletion_delay: compaction-obsoleted SST objects outlive the
//   compaction by the delay, then go;
// * SstFileCache: LRU order, byte accounting, too-large files, background
//   downloads;
// * a failed SST upload fails the flush, naming the object, and the bucket
//   never references the SST;
// * kill -9 while flushing: every acknowledged flush is in the bucket;
// * a store outage during a flush (every request answers 503): writes fail
//   meanwhile, the DB resumes on its own once the store is back (or by
//   DB::Resume), and every acknowledged write survives a reopen from the
//   bucket.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/db_cloud_scenarios.h"
#include "cloud/cloud_file_system_impl.h"
#include "cloud/cloud_manifest.h"
#include "cloud/deletion_scheduler.h"
#include "cloud/sst_file_cache.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

using Clock = std::chrono::steady_clock;

int64_t MillisSince(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t)
      .count();
}

// Polls cond every 10 ms for up to max_ms; true once it holds.
template <typename F>
bool WaitUntil(F cond, int max_ms) {
  const auto start = Clock::now();
  while (!cond()) {
    if (MillisSince(start) > max_ms) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// An ObjectStore over another that records every Put key (in order) and
// can fail a chosen Put: the n-th from arming (1 = the next) whose key
// contains `match`, with an IOError. During an outage (set_outage) every
// request fails as a store answering 503 after its retries would: a
// retryable IOError.
class RecordingStore : public ObjectStore {
 public:
  explicit RecordingStore(std::shared_ptr<ObjectStore> inner)
      : inner_(std::move(inner)) {}

  const char* Name() const override { return "recording"; }
  IOStatus Get(const std::string& key, std::string* data) override {
    if (outage_) return Outage("GET", key);
    return inner_->Get(key, data);
  }
  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    if (outage_) return Outage("GET", key);
    return inner_->GetRange(key, offset, n, data);
  }
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    if (outage_) return Outage("PUT", key);
    {
      std::lock_guard<std::mutex> l(mu_);
      if (fail_countdown_ > 0 && key.find(fail_match_) != std::string::npos &&
          --fail_countdown_ == 0) {
        failed_keys_.push_back(key);
        return IOStatus::IOError("injected PUT failure", key);
      }
      puts_.push_back(key);
      if (CloudBasename(key) == "CLOUDMANIFEST") {
        cm_checks_.push_back(CheckCloudManifestLocked(key, data));
      }
    }
    return inner_->Put(key, data, opts, meta);
  }
  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    if (outage_) return Outage("HEAD", key);
    return inner_->Head(key, meta);
  }
  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override {
    if (outage_) return Outage("LIST", prefix);
    return inner_->List(prefix, objects);
  }
  IOStatus ListDelimited(const std::string& prefix,
                         const std::string& delimiter,
                         std::vector<ObjectMeta>* objects,
                         std::vector<std::string>* common_prefixes) override {
    if (outage_) return Outage("LIST", prefix);
    return inner_->ListDelimited(prefix, delimiter, objects, common_prefixes);
  }
  IOStatus Delete(const std::string& key) override {
    if (outage_) return Outage("DELETE", key);
    return inner_->Delete(key);
  }
  IOStatus DeleteMany(const std::vector<std::string>& keys) override {
    if (outage_) return Outage("DELETE", keys.empty() ? "" : keys.front());
    {
      std::lock_guard<std::mutex> l(mu_);
      delete_batches_.push_back(keys);
    }
    return inner_->DeleteMany(keys);
  }
  IOStatus Copy(const std::string& src, const std::string& dst) override {
    if (outage_) return Outage("COPY", src);
    return inner_->Copy(src, dst);
  }
  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override {
    if (outage_) return Outage("GET", key);
    return inner_->GetToSink(key, sink);
  }

  void set_outage(bool on) { outage_ = on; }
  uint64_t outage_failures() const { return outage_failures_; }

  void ArmPutFailure(const std::string& match, int nth) {
    std::lock_guard<std::mutex> l(mu_);
    fail_match_ = match;
    fail_countdown_ = nth;
  }
  std::vector<std::string> TakePuts() {
    std::lock_guard<std::mutex> l(mu_);
    std::vector<std::string> out;
    out.swap(puts_);
    return out;
  }
  std::vector<std::string> TakeCloudManifestChecks() {
    std::lock_guard<std::mutex> l(mu_);
    std::vector<std::string> out;
    out.swap(cm_checks_);
    return out;
  }
  // The keys of each DeleteMany call, in order.
  std::vector<std::vector<std::string>> delete_batches() {
    std::lock_guard<std::mutex> l(mu_);
    return delete_batches_;
  }
  std::vector<std::string> failed_keys() {
    std::lock_guard<std::mutex> l(mu_);
    return failed_keys_;
  }
  void set_scratch(const std::string& path) { scratch_ = path; }

 private:
  // "" when the CLOUDMANIFEST being PUT loads and names an existing
  // MANIFEST object; else what is wrong.
  std::string CheckCloudManifestLocked(const std::string& key,
                                       const Slice& data) {
    {
      std::ofstream f(scratch_, std::ios::binary | std::ios::trunc);
      f.write(data.data(), static_cast<std::streamsize>(data.size()));
    }
    std::unique_ptr<CloudManifest> cm;
    Status s =
        CloudManifest::LoadFromFile(FileSystem::Default().get(), scratch_, &cm);
    if (!s.ok()) return key + ": " + s.ToString();
    const std::string manifest =
        ObjectKey(CloudDirname(key), ManifestWithEpoch(cm->current_epoch()));
    ObjectMeta meta;
    IOStatus h = inner_->Head(manifest, &meta);
    if (!h.ok()) return key + " names " + manifest + ": " + h.ToString();
    if (meta.size == 0) return key + " names an empty " + manifest;
    return "";
  }

  std::shared_ptr<ObjectStore> inner_;
  std::mutex mu_;
  std::vector<std::string> puts_;
  std::vector<std::string> cm_checks_;
  std::vector<std::string> failed_keys_;
  std::vector<std::vector<std::string>> delete_batches_;
  std::string fail_match_;
  int fail_countdown_ = 0;
  std::string scratch_;
  std::atomic<bool> outage_{false};
  std::atomic<uint64_t> outage_failures_{0};

  IOStatus Outage(const char* method, const std::string& key) {
    outage_failures_++;
    IOStatus s = IOStatus::IOError(std::string(method) + " " + key,
                                   "503 Service Unavailable (outage)");
    s.SetRetryable(true);
    s.SetHttpDetail(503, "ServiceUnavailable", "outage-request");
    return s;
  }
};

// A bucket (a local directory) behind a RecordingStore, and a
// CloudTestStore whose file systems are CloudFileSystemImpl over it.
struct RecordedBucket {
  explicit RecordedBucket(const skyrocks_test::TempDir& tmp) {
    std::unique_ptr<ObjectStore> local;
    REQUIRE(NewLocalDirStore(tmp.Sub("bucket"), &local).ok());
    inner.reset(local.release());
    recorder = std::make_shared<RecordingStore>(inner);
    recorder->set_scratch(tmp.Sub("cm-scratch"));
    store.bucket = "bucket";
    auto rec = recorder;
    store.make_fs = [rec](const CloudFileSystemOptions& o,
                          CloudFileSystem** out) {
      return CloudFileSystemImpl::Create(
          FileSystem::Default(), o,
          [rec](const std::string&, const std::string&,
                std::shared_ptr<ObjectStore>* s) {
            *s = rec;
            return IOStatus::OK();
          },
          "recording", out);
    };
    auto in = inner;
    store.list = [in](const std::string& prefix) {
      std::vector<ObjectMeta> objects;
      REQUIRE(in->List(prefix, &objects).ok());
      std::vector<std::string> keys;
      for (const ObjectMeta& m : objects) keys.push_back(m.key);
      return keys;
    };
    store.get = [in](const std::string& key, std::string* data) {
      return in->Get(key, data).ok();
    };
    store.put = [in](const std::string& key, const std::string& data) {
      return in->Put(key, data, PutOptions()).ok();
    };
    store.del = [in](const std::string& key) { return in->Delete(key).ok(); };
  }
  bool Exists(const std::string& key) {
    ObjectMeta m;
    return inner->Head(key, &m).ok();
  }

  std::shared_ptr<ObjectStore> inner;
  std::shared_ptr<RecordingStore> recorder;
  skyrocks_test::CloudTestStore store;
};

size_t IndexOf(const std::vector<std::string>& v, const std::string& s) {
  for (size_t i = 0; i < v.size(); i++) {
    if (v[i] == s) return i;
  }
  return v.size();
}

// The live SST numbers of the MANIFEST the bucket's CLOUDMANIFEST names,
// with their object names; REQUIREs every step.
std::vector<std::string> LiveSstObjects(RecordedBucket* b,
                                        const std::string& path,
                                        const skyrocks_test::TempDir& tmp) {
  std::string data;
  REQUIRE(b->store.get(path + "/CLOUDMANIFEST", &data));
  const std::string cm_file = tmp.Sub("live-cm");
  {
    std::ofstream f(cm_file, std::ios::binary | std::ios::trunc);
    f << data;
  }
  std::unique_ptr<CloudManifest> cm;
  REQUIRE(CloudManifest::LoadFromFile(FileSystem::Default().get(), cm_file, &cm)
              .ok());
  REQUIRE(
      b->store.get(path + "/" + ManifestWithEpoch(cm->current_epoch()), &data));
  const std::string m_file = tmp.Sub("live-manifest");
  {
    std::ofstream f(m_file, std::ios::binary | std::ios::trunc);
    f << data;
  }
  std::vector<uint64_t> live;
  uint64_t next = 0;
  Status s =
      ReadManifestLiveFiles(FileSystem::Default().get(), m_file, &live, &next);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::vector<std::string> out;
  for (uint64_t n : live) {
    out.push_back(path + "/" + SstWithEpoch(n, cm->GetEpoch(n)));
  }
  return out;
}

}  // namespace

TEST_CASE(
    "cloud fs: every open PUTs MANIFEST-<epoch> before the CLOUDMANIFEST "
    "naming it") {
  skyrocks_test::TempDir tmp;
  RecordedBucket b(tmp);
  const auto o = skyrocks_test::CloudOpts(b.store, "dbs/order", "dbs/order");
  skyrocks_test::CloudDb c;
  std::set<std::string> epochs;
  for (int i = 0; i < 3; i++) {
    CAPTURE(i);
    b.recorder->TakePuts();
    b.recorder->TakeCloudManifestChecks();
    skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("db"), &c);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    const std::string epoch = c.cfs->GetCurrentEpoch();
    epochs.insert(epoch);
    const auto puts = b.recorder->TakePuts();
    std::string seq;
    for (const auto& p : puts) seq += p + " ";
    CAPTURE(seq);
    const size_t m = IndexOf(puts, "dbs/order/MANIFEST-" + epoch);
    const size_t cm = IndexOf(puts, "dbs/order/CLOUDMANIFEST");
    REQUIRE(m < puts.size());
    REQUIRE(cm < puts.size());
    CHECK(m < cm);
    // Every CLOUDMANIFEST PUT named a MANIFEST already in the bucket.
    const auto checks = b.recorder->TakeCloudManifestChecks();
    CHECK(!checks.empty());
    for (const auto& err : checks) CHECK_MESSAGE(err.empty(), err);
    // The CLOUDMANIFEST now in the bucket names this open's epoch.
    std::string data;
    REQUIRE(b.store.get("dbs/order/CLOUDMANIFEST", &data));
    {
      std::ofstream f(tmp.Sub("cm"), std::ios::binary | std::ios::trunc);
      f << data;
    }
    std::unique_ptr<CloudManifest> loaded;
    REQUIRE(CloudManifest::LoadFromFile(FileSystem::Default().get(),
                                        tmp.Sub("cm"), &loaded)
                .ok());
    CHECK(loaded->current_epoch() == epoch);
    CHECK(loaded->past_epochs().size() == static_cast<size_t>(i));
    CHECK(b.Exists("dbs/order/MANIFEST-" + epoch));
    skyrocks_test::PutKeys(c.db.get(), i * 100, i * 100 + 100, "o-");
    REQUIRE(c.db->Flush(FlushOptions()).ok());
    c.Close();
  }
  CHECK(epochs.size() == 3);
}

TEST_CASE(
    "cloud fs: an SST goes up on its Sync; one closed or dropped unsynced "
    "(abandoned) never reaches the bucket") {
  skyrocks_test::TempDir tmp;
  RecordedBucket b(tmp);
  auto o = skyrocks_test::CloudOpts(b.store, "dbs/publish", "dbs/publish");
  CloudFileSystem* raw = nullptr;
  REQUIRE(b.store.make_fs(o, &raw).ok());
  std::shared_ptr<FileSystem> fs(raw);
  const std::string dir = tmp.Sub("db");
  REQUIRE(fs->CreateDir(dir, IOOptions(), nullptr).ok());
  auto write = [&](const std::string& name, bool sync, bool close) {
    std::unique_ptr<FSWritableFile> f;
    REQUIRE(
        fs->NewWritableFile(dir + "/" + name, FileOptions(), &f, nullptr).ok());
    REQUIRE(f->Append("table bytes", IOOptions(), nullptr).ok());
    if (sync) REQUIRE(f->Sync(IOOptions(), nullptr).ok());
    if (close) REQUIRE(f->Close(IOOptions(), nullptr).ok());
  };
  write("000010.sst", true, true);
  write("000011.sst", false, true);   // closed unsynced: abandoned
  write("000012.sst", false, false);  // dropped unsynced: abandoned
  CHECK(b.Exists("dbs/publish/000010.sst"));
  CHECK_FALSE(b.Exists("dbs/publish/000011.sst"));
  CHECK_FALSE(b.Exists("dbs/publish/000012.sst"));
  {
    // Uploaded on the Sync, before Close; bytes appended after the Sync go
    // up again at Close.
    std::unique_ptr<FSWritableFile> f;
    REQUIRE(fs->NewWritableFile(dir + "/000013.sst", FileOptions(), &f, nullptr)
                .ok());
    REQUIRE(f->Append("first", IOOptions(), nullptr).ok());
    REQUIRE(f->Sync(IOOptions(), nullptr).ok());
    CHECK(b.Exists("dbs/publish/000013.sst"));
    REQUIRE(f->Append(" and more", IOOptions(), nullptr).ok());
    REQUIRE(f->Close(IOOptions(), nullptr).ok());
  }
  std::string data;
  REQUIRE(b.store.get("dbs/publish/000013.sst", &data));
  CHECK(data == "first and more");
}

TEST_CASE("cloud fs: DeletionScheduler delays, cancels, abandons") {
  std::mutex mu;
  std::vector<std::pair<std::string, int64_t>> deleted;  // name, ms
  int rounds = 0;
  const auto start = Clock::now();
  auto fn = [&](const std::vector<std::string>& names) {
    std::lock_guard<std::mutex> l(mu);
    rounds++;
    for (const auto& name : names) {
      deleted.emplace_back(name, MillisSince(start));
    }
  };
  auto was_deleted = [&](const std::string& name) {
    std::lock_guard<std::mutex> l(mu);
    for (const auto& d : deleted) {
      if (d.first == name) return true;
    }
    return false;
  };
  {
    DeletionScheduler ds(fn);
    ds.Schedule("a", 200 * 1000);
    ds.Schedule("b", 200 * 1000);
    ds.Schedule("c", 200 * 1000);
    ds.Schedule("c", 10 * 1000 * 1000);  // the first deadline stays
    ds.Unschedule("b");
    CHECK(ds.NumPending() == 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK_FALSE(was_deleted("a"));
    CHECK_FALSE(was_deleted("c"));
    REQUIRE(
        WaitUntil([&] { return was_deleted("a") && was_deleted("c"); }, 3000));
    {
      std::lock_guard<std::mutex> l(mu);
      for (const auto& d : deleted) CHECK(d.second >= 195);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    CHECK_FALSE(was_deleted("b"));
    CHECK(ds.NumPending() == 0);
    // Pending when the scheduler goes away: abandoned.
    ds.Schedule("d", 150 * 1000);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK_FALSE(was_deleted("d"));
  std::lock_guard<std::mutex> l(mu);
  CHECK(deleted.size() == 2);
  // "a" and "c", due microseconds apart, went in one round (one batch).
  CHECK(rounds == 1);
}

TEST_CASE(
    "cloud fs: an upload cancels the pending deletion of the same object; "
    "cloud_file_deletion_delay holds compacted SSTs") {
  skyrocks_test::TempDir tmp;
  RecordedBucket b(tmp);
  auto o = skyrocks_test::CloudOpts(b.store, "dbs/delay", "dbs/delay", true);
  o.cloud_file_deletion_delay = std::chrono::seconds(1);
  CloudFileSystem* raw = nullptr;
  REQUIRE(b.store.make_fs(o, &raw).ok());
  std::shared_ptr<FileSystem> fs(raw);
  auto* impl = static_cast<CloudFileSystemImpl*>(raw);
  const std::string dir = tmp.Sub("files");
  REQUIRE(FileSystem::Default()->CreateDir(dir, IOOptions(), nullptr).ok());
  {
    std::ofstream(dir + "/000098.sst") << "ninety-eight";
    std::ofstream(dir + "/000099.sst") << "ninety-nine";
  }
  REQUIRE(impl->UploadFile(dir + "/000098.sst", "000098.sst").ok());
  REQUIRE(impl->UploadFile(dir + "/000099.sst", "000099.sst").ok());
  // No CLOUDMANIFEST loaded: names map to themselves.
  const auto t0 = Clock::now();
  REQUIRE(impl->DeleteFile(dir + "/000098.sst", IOOptions(), nullptr).ok());
  { std::ofstream(dir + "/000099.sst") << "ninety-nine again"; }
  REQUIRE(impl->DeleteFile(dir + "/000099.sst", IOOptions(), nullptr).ok());
  CHECK(b.Exists("dbs/delay/000098.sst"));
  CHECK(b.Exists("dbs/delay/000099.sst"));
  std::ofstream(dir + "/000099.sst") << "ninety-nine again";
  REQUIRE(impl->UploadFile(dir + "/000099.sst", "000099.sst").ok());
  REQUIRE(WaitUntil([&] { return !b.Exists("dbs/delay/000098.sst"); }, 4000));
  CHECK(MillisSince(t0) >= 950);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::string data;
  REQUIRE(b.store.get("dbs/delay/000099.sst", &data));
  CHECK(data == "ninety-nine again");
  fs.reset();

  // A DB: compaction-obsoleted SST objects outlive the compaction by the
  // delay. (Its own path: the loose SSTs above would make DBCloud refuse
  // to create a DB over them.)
  o = skyrocks_test::CloudOpts(b.store, "dbs/delay-db", "dbs/delay-db", true);
  o.cloud_file_deletion_delay = std::chrono::seconds(1);
  skyrocks_test::CloudDb c;
  skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("db"), &c);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  for (int round = 0; round < 3; round++) {
    skyrocks_test::PutKeys(c.db.get(), 0, 300, "r" + std::to_string(round));
    REQUIRE(c.db->Flush(FlushOptions()).ok());
  }
  std::vector<std::string> before;
  for (const auto& k : b.store.list("dbs/delay-db/")) {
    if (k.find(".sst-") != std::string::npos) before.push_back(k);
  }
  REQUIRE(before.size() >= 3);
  const auto t1 = Clock::now();
  REQUIRE(c.db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
  REQUIRE(MillisSince(t1) < 700);  // else the checks below prove nothing
  for (const auto& k : before) CHECK_MESSAGE(b.Exists(k), k);
  const bool gone = WaitUntil(
      [&] {
        for (const auto& k : before) {
          if (b.Exists(k)) return false;
        }
        return true;
      },
      4000);
  CHECK(gone);
  CHECK(MillisSince(t1) >= 950);
  // The compaction's inputs went in one DeleteMany (one DeleteObjects
  // request on S3), not one DELETE each.
  bool one_batch = false;
  for (const auto& batch : b.recorder->delete_batches()) {
    size_t n = 0;
    for (const auto& k : before) {
      n += std::count(batch.begin(), batch.end(), k);
    }
    if (n == before.size()) one_batch = true;
  }
  CHECK(one_batch);
  // Then the bucket holds exactly the live SSTs (intermediate outputs of
  // the manual compaction go the same way), which serve every key.
  std::vector<std::string> live_files;
  uint64_t manifest_size = 0;
  REQUIRE(c.db->GetLiveFiles(live_files, &manifest_size, false).ok());
  std::set<std::string> live;
  for (const auto& f : live_files) {
    if (f.find(".sst") != std::string::npos) {
      live.insert("dbs/delay-db/" + c.cfs->RemapFilename(f));
    }
  }
  REQUIRE(!live.empty());
  std::set<std::string> in_bucket;
  const bool settled = WaitUntil(
      [&] {
        in_bucket.clear();
        for (const auto& k : b.store.list("dbs/delay-db/")) {
          if (k.find(".sst-") != std::string::npos) in_bucket.insert(k);
        }
        return in_bucket == live;
      },
      4000);
  std::string live_s, bucket_s;
  for (const auto& k : live) live_s += k + " ";
  for (const auto& k : in_bucket) bucket_s += k + " ";
  CHECK_MESSAGE(settled, "live: ", live_s, "| bucket: ", bucket_s);
  // And locally: no obsolete SST left behind in the DB directory.
  std::vector<std::string> children;
  REQUIRE(FileSystem::Default()
              ->GetChildren(tmp.Sub("db"), IOOptions(), &children, nullptr)
              .ok());
  std::set<std::string> local_ssts;
  for (const auto& n : children) {
    if (n.find(".sst") != std::string::npos)
      local_ssts.insert("dbs/delay-db/" + n);
  }
  CHECK(local_ssts == live);
  skyrocks_test::CheckKeys(c.db.get(), 0, 300, "r2");
  c.Close();
}

TEST_CASE("cloud fs: SstFileCache LRU, accounting, downloads") {
  skyrocks_test::TempDir tmp;
  std::shared_ptr<FileSystem> base = FileSystem::Default();
  auto write = [&](const std::string& name, size_t n) {
    std::ofstream(tmp.Sub(name), std::ios::binary) << std::string(n, 'x');
    return tmp.Sub(name);
  };
  auto exists = [&](const std::string& path) {
    return base->FileExists(path, IOOptions(), nullptr).ok();
  };
  std::atomic<int> downloads{0};
  SstFileCache cache(base, 100, [&](const std::string& path) {
    downloads++;
    if (path.find("fail") != std::string::npos) {
      return IOStatus::IOError("download refused", path);
    }
    std::ofstream(path, std::ios::binary) << std::string(30, 'd');
    return IOStatus::OK();
  });
  const std::string a = write("a", 40), bb = write("b", 40), c = write("c", 40);
  CHECK(cache.Insert(a, 40));
  CHECK(cache.Insert(bb, 40));
  CHECK(cache.bytes() == 80);
  CHECK(cache.files() == 2);
  // a used more recently than b: b goes first.
  auto ha = cache.OpenLocal(a);
  REQUIRE(ha != nullptr);
  CHECK(cache.Insert(c, 40));
  CHECK(cache.bytes() == 80);
  CHECK(cache.files() == 2);
  CHECK_FALSE(exists(bb));
  CHECK(exists(a));
  CHECK(exists(c));
  CHECK(cache.OpenLocal(bb) == nullptr);
  // Too large alone: refused, nothing changes (the caller deletes it).
  const std::string big = write("big", 150);
  CHECK_FALSE(cache.Insert(big, 150));
  CHECK(exists(big));
  CHECK(cache.bytes() == 80);
  // Re-inserting a file replaces its size (and makes it the newest).
  CHECK(cache.Insert(a, 50));
  CHECK(cache.bytes() == 90);
  // Now c is the oldest: a new 20-byte file evicts it.
  const std::string d = write("d", 20);
  CHECK(cache.Insert(d, 20));
  CHECK(cache.bytes() == 70);
  CHECK_FALSE(exists(c));
  CHECK(exists(a));
  // An evicted file stays readable through a handle taken before.
  CHECK(cache.Insert(write("e", 100), 100));
  CHECK(cache.bytes() == 100);
  CHECK(cache.files() == 1);
  CHECK_FALSE(exists(a));
  char scratch[8];
  Slice got;
  REQUIRE(ha->Read(0, 4, IOOptions(), &got, scratch, nullptr).ok());
  CHECK(got.ToString() == "xxxx");
  cache.Erase(tmp.Sub("e"));
  CHECK(cache.bytes() == 0);
  CHECK(cache.files() == 0);
  CHECK(exists(tmp.Sub("e")));  // Erase leaves the unlink to the caller

  // Background downloads.
  cache.RequestDownload(tmp.Sub("f"), 30);
  cache.RequestDownload(tmp.Sub("f"), 30);  // queued once
  cache.RequestDownload(tmp.Sub("g-too-big"), 101);
  cache.RequestDownload(tmp.Sub("h-fail"), 30);
  cache.WaitForDownloads();
  CHECK(downloads == 2);
  CHECK(cache.files() == 1);
  CHECK(cache.bytes() == 30);
  auto hf = cache.OpenLocal(tmp.Sub("f"));
  REQUIRE(hf != nullptr);
  REQUIRE(hf->Read(0, 8, IOOptions(), &got, scratch, nullptr).ok());
  CHECK(got.ToString() == "dddddddd");
  CHECK(cache.OpenLocal(tmp.Sub("h-fail")) == nullptr);
  cache.RequestDownload(tmp.Sub("f"), 30);  // cached: no download
  cache.WaitForDownloads();
  CHECK(downloads == 2);
}

TEST_CASE(
    "cloud fs: a failed SST upload fails the flush and the bucket never "
    "references it") {
  skyrocks_test::TempDir tmp;
  RecordedBucket b(tmp);
  for (bool keep_local : {true, false}) {
    CAPTURE(keep_local);
    const std::string path = keep_local ? "dbs/fail-keep" : "dbs/fail-nokeep";
    const auto o = skyrocks_test::CloudOpts(b.store, path, path, keep_local);
    const std::string local = tmp.Sub(path.substr(4));
    skyrocks_test::CloudDb c;
    skyrocks_test::OpenCloudDb(b.store, o, local, &c);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    skyrocks_test::PutKeys(c.db.get(), 0, 500, "a-");
    REQUIRE(c.db->Flush(FlushOptions()).ok());
    skyrocks_test::PutKeys(c.db.get(), 500, 1000, "b-");
    b.recorder->ArmPutFailure(".sst-", 1);
    Status s = c.db->Flush(FlushOptions());
    CHECK_FALSE(s.ok());
    const auto failed = b.recorder->failed_keys();
    REQUIRE(!failed.empty());
    const std::string object = failed.back();
    CHECK(object.rfind(path + "/", 0) == 0);
    CHECK_MESSAGE(s.ToString().find(object) != std::string::npos, s.ToString());
    CHECK_FALSE(b.Exists(object));
    // The bucket's MANIFEST references only objects that exist.
    for (const auto& live : LiveSstObjects(&b, path, tmp)) {
      CHECK_MESSAGE(b.Exists(live), live);
      CHECK(live != object);
    }
    c.Close();
    // From the bucket alone: what was flushed before, nothing dangling.
    std::string out;
    skyrocks_test::RunCommand("rm -rf " + local, &out);
    skyrocks_test::OpenCloudDb(b.store, o, local, &c, false);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    skyrocks_test::CheckKeys(c.db.get(), 0, 500, "a-");
    // The failed flush's writes were acknowledged: the bucket WAL has them.
    skyrocks_test::CheckKeys(c.db.get(), 500, 1000, "b-");
    // And the DB writes and flushes normally again.
    skyrocks_test::PutKeys(c.db.get(), 500, 1000, "c-");
    REQUIRE(c.db->Flush(FlushOptions()).ok());
    c.Close();
    skyrocks_test::RunCommand("rm -rf " + local, &out);
    skyrocks_test::OpenCloudDb(b.store, o, local, &c, false);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    skyrocks_test::CheckKeys(c.db.get(), 0, 500, "a-");
    skyrocks_test::CheckKeys(c.db.get(), 500, 1000, "c-");
    for (const auto& live : LiveSstObjects(&b, path, tmp)) {
      CHECK_MESSAGE(b.Exists(live), live);
    }
    c.Close();
  }
}

TEST_CASE(
    "cloud fs: a read-only open from the bucket into an empty directory "
    "writes nothing to the bucket") {
  skyrocks_test::TempDir tmp;
  RecordedBucket b(tmp);
  const auto o = skyrocks_test::CloudOpts(b.store, "dbs/ro", "dbs/ro", false);
  skyrocks_test::CloudDb c;
  skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("db"), &c);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  skyrocks_test::PutKeys(c.db.get(), 0, 300, "ro-");
  REQUIRE(c.db->Flush(FlushOptions()).ok());
  c.Close();
  const auto objects = b.store.list("dbs/ro/");
  b.recorder->TakePuts();
  REQUIRE(FileSystem::Default()
              ->CreateDir(tmp.Sub("reader"), IOOptions(), nullptr)
              .ok());
  skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("reader"), &c, false, true);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  skyrocks_test::CheckKeys(c.db.get(), 0, 300, "ro-");
  CHECK(c.db->Put(WriteOptions(), "k", "v").IsNotSupported());
  c.Close();
  CHECK(b.recorder->TakePuts().empty());
  CHECK(b.store.list("dbs/ro/") == objects);
}

namespace {

std::string KillKey(uint32_t flush, int i) {
  char buf[32];
  snprintf(buf, sizeof(buf), "f%06u-%04d", flush, i);
  return buf;
}

const uint32_t kKillChildOpened = 0xFFFFFFFFu;

// The forked child: opens the DB from the bucket, then flushes batches of
// 100 keys numbered from `first`, reporting each acknowledged flush on fd.
// Never returns.
[[noreturn]] void KillChild(const std::string& root, const std::string& local,
                            uint32_t first, int fd) {
  CloudFileSystemOptions o;
  o.src_bucket.SetBucketName("bucket", "");
  o.src_bucket.SetBucketPrefix("");
  o.src_bucket.SetObjectPath("dbs/kill");
  o.dest_bucket = o.src_bucket;
  o.keep_local_sst_files = false;
  o.cloud_file_deletion_delay = std::nullopt;
  CloudFileSystem* cfs = nullptr;
  if (!CloudFileSystemEnv::NewLocalDirFileSystem(FileSystem::Default(), root, o,
                                                 nullptr, &cfs)
           .ok()) {
    _exit(2);
  }
  std::shared_ptr<FileSystem> fs(cfs);
  std::unique_ptr<Env> env = NewCompositeEnv(fs);
  Options options;
  options.env = env.get();
  options.create_if_missing = true;
  options.write_buffer_size = 64 << 10;
  options.level0_file_num_compaction_trigger = 3;  // compactions too
  DBCloud* db = nullptr;
  if (!DBCloud::Open(options, local, "", 0, &db, false).ok()) _exit(3);
  if (write(fd, &kKillChildOpened, 4) != 4) _exit(4);
  for (uint32_t f = first;; f++) {
    WriteBatch batch;
    for (int i = 0; i < 100; i++) {
      if (!batch.Put(KillKey(f, i), "v" + KillKey(f, i)).ok()) _exit(5);
    }
    if (!db->Write(WriteOptions(), &batch).ok()) _exit(6);
    if (!db->Flush(FlushOptions()).ok()) _exit(7);
    if (write(fd, &f, 4) != 4) _exit(8);
  }
}

}  // namespace

TEST_CASE("cloud fs: kill -9 while flushing keeps every acknowledged flush") {
  skyrocks_test::TempDir tmp;
  const std::string root = tmp.Sub("root");
  const std::string local = tmp.Sub("db");
  const std::string check_local = tmp.Sub("check");
  REQUIRE(FileSystem::Default()->CreateDir(root, IOOptions(), nullptr).ok());
  std::mt19937 rng(8086);
  std::set<uint32_t> acked;
  uint32_t next = 0;
  std::string per_cycle;
  for (int cycle = 0; cycle < 8; cycle++) {
    CAPTURE(cycle);
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      KillChild(root, local, next, fds[1]);
    }
    close(fds[1]);
    // Wait (bounded) for the child to have opened the DB, then let it
    // flush for a random while.
    uint32_t word = 0;
    bool opened = false;
    const auto start = Clock::now();
    while (!opened && MillisSince(start) < 10000) {
      if (read(fds[0], &word, 4) != 4) break;
      opened = word == kKillChildOpened;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(
        std::uniform_int_distribution<int>(10, 300)(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK_MESSAGE(opened, "the child did not open the DB, exit status ",
                  status);
    CHECK_MESSAGE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL),
                  "child ended by itself: status ", status);
    int this_cycle = 0;
    while (read(fds[0], &word, 4) == 4) {
      acked.insert(word);
      next = std::max(next, word + 1);
      this_cycle++;
    }
    close(fds[0]);
    per_cycle += std::to_string(this_cycle) + " ";
    // Keys of a flush not acknowledged may or may not be there; its number
    // is never reused.
    next += 1;
    // The local directory is lost: reopen from the bucket.
    std::string out;
    skyrocks_test::RunCommand(
        "rm -rf " + local + " " + check_local + " && mkdir " + check_local,
        &out);
    CloudFileSystemOptions o;
    o.src_bucket.SetBucketName("bucket", "");
    o.src_bucket.SetBucketPrefix("");
    o.src_bucket.SetObjectPath("dbs/kill");
    o.dest_bucket = o.src_bucket;
    o.keep_local_sst_files = false;
    o.cloud_file_deletion_delay = std::nullopt;
    CloudFileSystem* cfs = nullptr;
    REQUIRE(CloudFileSystemEnv::NewLocalDirFileSystem(FileSystem::Default(),
                                                      root, o, nullptr, &cfs)
                .ok());
    skyrocks_test::CloudDb c;
    c.fs.reset(cfs);
    c.cfs = cfs;
    c.env = NewCompositeEnv(c.fs);
    Options options;
    options.env = c.env.get();
    DBCloud* db = nullptr;
    // Read-only: the check leaves the bucket as the child left it.
    c.status = DBCloud::Open(options, check_local, "", 0, &db, true);
    c.db.reset(db);
    if (acked.empty()) {
      CHECK((c.status.ok() || c.status.IsNotFound()));
      continue;
    }
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    int missing = 0;
    std::string first_missing;
    for (uint32_t f : acked) {
      for (int i = 0; i < 100; i++) {
        std::string v;
        Status s = c.db->Get(ReadOptions(), KillKey(f, i), &v);
        if (!s.ok() || v != "v" + KillKey(f, i)) {
          if (missing++ == 0)
            first_missing = KillKey(f, i) + " " + s.ToString();
        }
      }
    }
    CHECK_MESSAGE(missing == 0, first_missing);
    c.Close();
  }
  MESSAGE("kill -9: flushes acknowledged per cycle: " << per_cycle);
  CHECK(acked.size() >= 3);
}

TEST_CASE(
    "cloud fs: an open that created the DB and failed before its "
    "CLOUDMANIFEST went up does not wedge the path") {
  skyrocks_test::TempDir tmp;
  RecordedBucket b(tmp);
  const auto o = skyrocks_test::CloudOpts(b.store, "dbs/half", "dbs/half");
  skyrocks_test::CloudDb c;
  b.recorder->ArmPutFailure("CLOUDMANIFEST", 1);
  skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("db"), &c);
  REQUIRE(!c.status.ok());
  REQUIRE(b.recorder->failed_keys().size() == 1);
  c.Close();
  // The failed open left MANIFEST-<epoch> (naming no table file) and no
  // CLOUDMANIFEST: the next open creates the DB, on the same directory
  // or another.
  CHECK(b.Exists("dbs/half/IDENTITY"));
  CHECK(!b.Exists("dbs/half/CLOUDMANIFEST"));
  for (const std::string dir : {"db", "other"}) {
    CAPTURE(dir);
    skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub(dir), &c);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    c.Close();
  }
  skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("db"), &c);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  skyrocks_test::PutKeys(c.db.get(), 0, 100, "h-");
  REQUIRE(c.db->Flush(FlushOptions()).ok());
  c.Close();
  skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("fresh"), &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  skyrocks_test::CheckKeys(c.db.get(), 0, 100, "h-");
  c.Close();
  // A DB with data whose CLOUDMANIFEST is lost is still refused.
  REQUIRE(b.store.del("dbs/half/CLOUDMANIFEST"));
  skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("fresh2"), &c);
  CHECK_MESSAGE(c.status.IsCorruption(), c.status.ToString());
}

TEST_CASE(
    "cloud fs: a table file missing from the bucket is an error, never "
    "NotFound") {
  for (bool keep_local : {true, false}) {
    CAPTURE(keep_local);
    skyrocks_test::TempDir tmp;
    RecordedBucket b(tmp);
    const auto o =
        skyrocks_test::CloudOpts(b.store, "dbs/miss", "dbs/miss", keep_local);
    skyrocks_test::CloudDb c;
    skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("db"), &c);
    REQUIRE(c.status.ok());
    skyrocks_test::PutKeys(c.db.get(), 0, 100, "m-");
    REQUIRE(c.db->Flush(FlushOptions()).ok());
    c.Close();
    int deleted = 0;
    for (const std::string& k : b.store.list("dbs/miss/")) {
      if (k.find(".sst-") != std::string::npos) {
        REQUIRE(b.store.del(k));
        deleted++;
      }
    }
    REQUIRE(deleted == 1);
    skyrocks_test::OpenCloudDb(b.store, o, tmp.Sub("fresh"), &c, false);
    if (!c.status.ok()) {
      CHECK_MESSAGE(!c.status.IsNotFound(), c.status.ToString());
      continue;
    }
    std::string v;
    Status s = c.db->Get(ReadOptions(), skyrocks_test::CloudKey(5), &v);
    CHECK_MESSAGE(!s.ok(), v);
    CHECK_MESSAGE(!s.IsNotFound(), s.ToString());
    CHECK(s.ToString().find("dbs/miss/") != std::string::npos);
    std::unique_ptr<Iterator> it(c.db->NewIterator(ReadOptions()));
    it->SeekToFirst();
    CHECK(!it->Valid());
    CHECK(!it->status().ok());
    CHECK(!it->status().IsNotFound());
  }
}

namespace {

// OpenCloudDb with the background error options of the outage tests.
void OpenResumingCloudDb(const skyrocks_test::CloudTestStore& store,
                         const CloudFileSystemOptions& o,
                         const std::string& local_dir, int resume_count,
                         skyrocks_test::CloudDb* out, bool create = true) {
  out->Close();
  out->status = store.make_fs(o, &out->cfs);
  if (!out->status.ok()) return;
  out->fs.reset(out->cfs);
  out->env = NewCompositeEnv(out->fs);
  Options options;
  options.env = out->env.get();
  options.create_if_missing = create;
  options.write_buffer_size = 64 << 10;
  options.max_bgerror_resume_count = resume_count;
  options.bgerror_resume_retry_interval = 20000;  // 20 ms
  DBCloud* db = nullptr;
  out->status = DBCloud::Open(options, local_dir, "", 0, &db, false);
  out->db.reset(db);
}

uint64_t BackgroundErrors(DB* db) {
  std::string v;
  REQUIRE(db->GetProperty("rocksdb.background-errors", &v));
  return std::stoull(v);
}

}  // namespace

// Issue 15 defect 7: with the store unreachable during a flush the DB
// refused every later write until reopened. Now the flush's retryable error
// stops writes only until the store is back.
TEST_CASE(
    "cloud fs: a store outage during a flush stops writes until the DB "
    "resumes, automatically or by DB::Resume, and loses nothing") {
  skyrocks_test::TempDir tmp;
  RecordedBucket b(tmp);
  for (bool automatic : {true, false}) {
    CAPTURE(automatic);
    const std::string path = automatic ? "dbs/outage-auto" : "dbs/outage-man";
    const auto o = skyrocks_test::CloudOpts(b.store, path, path);
    const std::string local = tmp.Sub(path.substr(4));
    skyrocks_test::CloudDb c;
    OpenResumingCloudDb(b.store, o, local, automatic ? INT_MAX : 0, &c);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    skyrocks_test::PutKeys(c.db.get(), 0, 300, "a-");
    REQUIRE(c.db->Flush(FlushOptions()).ok());
    CHECK(BackgroundErrors(c.db.get()) == 0);

    // The store goes away: the WAL is local, so writes are acknowledged,
    // until a flush needs the bucket.
    b.recorder->set_outage(true);
    skyrocks_test::PutKeys(c.db.get(), 300, 600, "b-");
    Status s = c.db->Flush(FlushOptions());
    REQUIRE_FALSE(s.ok());
    CHECK_MESSAGE(s.IsIOError(), s.ToString());
    CHECK(s.severity() == Status::kHardError);
    CHECK(BackgroundErrors(c.db.get()) >= 1);
    // Writes fail with the error; reads go on.
    s = c.db->Put(WriteOptions(), "during-outage", "x");
    CHECK_MESSAGE(s.IsIOError(), s.ToString());
    skyrocks_test::CheckKeys(c.db.get(), 0, 300, "a-");
    skyrocks_test::CheckKeys(c.db.get(), 300, 600, "b-");
    if (automatic) {
      // Retries (20 ms apart) keep failing while the store is down.
      const uint64_t failures = b.recorder->outage_failures();
      CHECK(WaitUntil(
          [&] { return b.recorder->outage_failures() > failures + 2; }, 5000));
      CHECK(c.db->Put(WriteOptions(), "during-outage", "x").IsIOError());
      CHECK(c.db->Resume().IsBusy());  // it is resuming on its own
    } else {
      // By hand: the retry fails again while the store is down.
      s = c.db->Resume();
      CHECK_MESSAGE(s.IsIOError(), s.ToString());
      CHECK(c.db->Put(WriteOptions(), "during-outage", "x").IsIOError());
    }

    b.recorder->set_outage(false);
    if (automatic) {
      CHECK(WaitUntil(
          [&] { return c.db->Put(WriteOptions(), "after-outage", "y").ok(); },
          10000));
    } else {
      // Nothing resumes on its own with max_bgerror_resume_count 0.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      CHECK(c.db->Put(WriteOptions(), "after-outage", "y").IsIOError());
      s = c.db->Resume();
      REQUIRE_MESSAGE(s.ok(), s.ToString());
      CHECK(c.db->Resume().ok());  // nothing left to resume
      REQUIRE(c.db->Put(WriteOptions(), "after-outage", "y").ok());
    }
    skyrocks_test::PutKeys(c.db.get(), 600, 900, "c-");
    REQUIRE(c.db->Flush(FlushOptions()).ok());
    std::string v;
    CHECK(c.db->Get(ReadOptions(), "during-outage", &v).IsNotFound());
    c.Close();

    // From the bucket alone, on a fresh local directory: every
    // acknowledged write (all of them flushed) is there.
    std::string out;
    skyrocks_test::RunCommand("rm -rf " + local, &out);
    OpenResumingCloudDb(b.store, o, local, 0, &c, false);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    skyrocks_test::CheckKeys(c.db.get(), 0, 300, "a-");
    skyrocks_test::CheckKeys(c.db.get(), 300, 600, "b-");
    skyrocks_test::CheckKeys(c.db.get(), 600, 900, "c-");
    REQUIRE(c.db->Get(ReadOptions(), "after-outage", &v).ok());
    CHECK(v == "y");
    CHECK(c.db->Get(ReadOptions(), "during-outage", &v).IsNotFound());
    for (const auto& live : LiveSstObjects(&b, path, tmp)) {
      CHECK_MESSAGE(b.Exists(live), live);
    }
    c.Close();
  }
}

}  // namespace ROCKSDB_NAMESPACE
