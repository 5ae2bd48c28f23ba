// The bucket WAL's cost (issue 16): acknowledged durable writes per second
// and acknowledgement latency (p50, p99) with 1, 4 and 64 writer threads,
// sync=true and sync=false, on the local-directory store and on the S3
// emulator behind a store decorator that adds 20 ms to every request (a
// far-away bucket); the PUTs per second of steady writing (all, and those
// of WAL objects), from the decorator's counts; and, for comparison, the
// same workload with wal_in_bucket=false (RocksDB-Cloud's local WAL),
// sync=false.
//
// Each run writes 16-byte keys and 100-byte values from its threads for
// SECONDS (argument 1, default 3) into a new DB (its own bucket path and
// local directory). A write's latency is its Put call; the writes/s of a
// bucket-WAL run count the time until FlushWAL(true) returned after the
// last write, so every write counted is in the bucket ("durable"); the
// local-WAL rows are acknowledged writes/s (their WAL is on local disk
// only). The S3 rows need the emulator (scripts/install-deps); without it
// they are skipped, saying so. Not a test: nothing is asserted; `make
// bench-wal` builds and runs it.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cloud/cloud_file_system_impl.h"
#include "cloud/object_store.h"
#include "cloud/s3_store.h"
#include "rocksdb/cloud/db_cloud.h"
#include "support/s3_emulator.h"
#include "support/test_util.h"
#include "unit/cloud/bucket_wal_options.h"

namespace ROCKSDB_NAMESPACE {
namespace {

// Forwards to a store after sleeping delay_ms; counts PUTs, and PUTs of
// keys under "/wal/".
class WalBenchStore : public ObjectStore {
 public:
  WalBenchStore(std::shared_ptr<ObjectStore> inner, int delay_ms)
      : inner_(std::move(inner)), delay_ms_(delay_ms) {}
  const char* Name() const override { return inner_->Name(); }
  IOStatus Get(const std::string& key, std::string* data) override {
    Delay();
    return inner_->Get(key, data);
  }
  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    Delay();
    return inner_->GetRange(key, offset, n, data);
  }
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    Delay();
    puts_++;
    if (key.find("/wal/") != std::string::npos) wal_puts_++;
    return inner_->Put(key, data, opts, meta);
  }
  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    Delay();
    return inner_->Head(key, meta);
  }
  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override {
    Delay();
    return inner_->List(prefix, objects);
  }
  IOStatus ListDelimited(const std::string& prefix,
                         const std::string& delimiter,
                         std::vector<ObjectMeta>* objects,
                         std::vector<std::string>* prefixes) override {
    Delay();
    return inner_->ListDelimited(prefix, delimiter, objects, prefixes);
  }
  IOStatus Delete(const std::string& key) override {
    Delay();
    return inner_->Delete(key);
  }
  IOStatus Copy(const std::string& src, const std::string& dst) override {
    Delay();
    return inner_->Copy(src, dst);
  }
  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override {
    Delay();
    return inner_->GetToSink(key, sink);
  }
  IOStatus CreateBucketIfMissing(const std::string& region) override {
    return inner_->CreateBucketIfMissing(region);
  }

  uint64_t puts() const { return puts_; }
  uint64_t wal_puts() const { return wal_puts_; }

 private:
  void Delay() {
    if (delay_ms_ > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
    }
  }
  std::shared_ptr<ObjectStore> inner_;
  const int delay_ms_;
  std::atomic<uint64_t> puts_{0}, wal_puts_{0};
};

struct WalBenchTarget {
  std::string name;    // for the table
  std::string bucket;  // in the DB's bucket options
  std::shared_ptr<WalBenchStore> store;
};

struct WalBenchRun {
  bool wal_in_bucket;
  bool sync;
  int threads;
};

struct WalBenchResult {
  bool ok = false;
  std::string error;
  uint64_t writes = 0;
  double seconds = 0;  // writing plus the final FlushWAL(true)
  double p50_ms = 0, p99_ms = 0;
  double puts_per_s = 0, wal_puts_per_s = 0;
};

double Percentile(std::vector<double>* v, double p) {
  if (v->empty()) return 0;
  const size_t at = std::min(
      v->size() - 1, static_cast<size_t>(p * static_cast<double>(v->size())));
  std::nth_element(v->begin(), v->begin() + static_cast<long>(at), v->end());
  return (*v)[at];
}

WalBenchResult RunWalBench(const WalBenchTarget& target, const WalBenchRun& r,
                           double seconds, int index) {
  using Clock = std::chrono::steady_clock;
  WalBenchResult res;
  skyrocks_test::TempDir tmp;
  const std::string path = "bench/wal-" + std::to_string(index);
  CloudFileSystemOptions o;
  o.src_bucket.SetBucketName(target.bucket, "");
  o.src_bucket.SetBucketPrefix("");
  o.src_bucket.SetObjectPath(path);
  o.dest_bucket = o.src_bucket;
  o.keep_local_sst_files = true;
  skyrocks_test::BucketWalSettings w;
  w.wal_in_bucket = r.wal_in_bucket;
  skyrocks_test::ApplyBucketWalSettings(w, &o);
  std::shared_ptr<ObjectStore> store = target.store;
  CloudFileSystem* cfs = nullptr;
  Status s = CloudFileSystemImpl::Create(
      FileSystem::Default(), o,
      [store](const std::string&, const std::string&,
              std::shared_ptr<ObjectStore>* out) {
        *out = store;
        return IOStatus::OK();
      },
      "bench", &cfs);
  if (!s.ok()) {
    res.error = s.ToString();
    return res;
  }
  std::shared_ptr<FileSystem> fs(cfs);
  std::unique_ptr<Env> env = NewCompositeEnv(fs);
  Options options;
  options.env = env.get();
  options.create_if_missing = true;
  DBCloud* raw = nullptr;
  s = DBCloud::Open(options, tmp.Sub("db"), "", 0, &raw);
  if (!s.ok()) {
    res.error = s.ToString();
    return res;
  }
  std::unique_ptr<DBCloud> db(raw);
  const std::string value(100, 'v');
  WriteOptions wo;
  wo.sync = r.sync;
  std::vector<std::vector<double>> lat(r.threads);
  std::atomic<bool> failed{false};
  std::string first_error;
  const uint64_t puts0 = target.store->puts();
  const uint64_t wal_puts0 = target.store->wal_puts();
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int t = 0; t < r.threads; t++) {
    threads.emplace_back([&, t] {
      char key[17];
      for (uint64_t i = 0; Clock::now() < end && !failed; i++) {
        snprintf(key, sizeof(key), "%03d%013llu", t,
                 static_cast<unsigned long long>(i));
        const auto t0 = Clock::now();
        Status ps = db->Put(wo, Slice(key, 16), value);
        const auto t1 = Clock::now();
        if (!ps.ok()) {
          if (!failed.exchange(true)) first_error = ps.ToString();
          return;
        }
        lat[t].push_back(
            std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  }
  for (auto& th : threads) th.join();
  if (failed) {
    res.error = first_error;
    return res;
  }
  if (r.wal_in_bucket) {
    s = db->FlushWAL(true);
    if (!s.ok()) {
      res.error = "FlushWAL: " + s.ToString();
      return res;
    }
  }
  res.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  res.puts_per_s =
      static_cast<double>(target.store->puts() - puts0) / res.seconds;
  res.wal_puts_per_s =
      static_cast<double>(target.store->wal_puts() - wal_puts0) / res.seconds;
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  res.writes = all.size();
  res.p50_ms = Percentile(&all, 0.50);
  res.p99_ms = Percentile(&all, 0.99);
  db.reset();
  res.ok = true;
  return res;
}

void RunWalBenchTarget(const WalBenchTarget& target, double seconds,
                       int* index) {
  const std::vector<WalBenchRun> runs = {
      {true, true, 1},   {true, true, 4},   {true, true, 64},
      {true, false, 1},  {true, false, 4},  {true, false, 64},
      {false, false, 1}, {false, false, 4}, {false, false, 64}};
  double local_64 = 0, bucket_sync_64 = 0, bucket_sync_64_p99 = 0;
  for (const WalBenchRun& r : runs) {
    const WalBenchResult res = RunWalBench(target, r, seconds, (*index)++);
    const char* wal = r.wal_in_bucket ? "bucket" : "local";
    if (!res.ok) {
      printf("| %-14s | %-6s | %-5s | %3d | failed: %s |\n",
             target.name.c_str(), wal, r.sync ? "true" : "false", r.threads,
             res.error.c_str());
      fflush(stdout);
      continue;
    }
    const double wps = static_cast<double>(res.writes) / res.seconds;
    printf(
        "| %-14s | %-6s | %-5s | %3d | %10.0f | %8.2f | %8.2f | %7.1f | "
        "%7.1f |\n",
        target.name.c_str(), wal, r.sync ? "true" : "false", r.threads, wps,
        res.p50_ms, res.p99_ms, res.puts_per_s, res.wal_puts_per_s);
    fflush(stdout);
    if (r.threads == 64 && !r.wal_in_bucket) local_64 = wps;
    if (r.threads == 64 && r.wal_in_bucket && r.sync) {
      bucket_sync_64 = wps;
      bucket_sync_64_p99 = res.p99_ms;
    }
  }
  if (local_64 > 0 && bucket_sync_64 > 0) {
    printf(
        "| %-14s | 64 writers: bucket WAL sync=true / local WAL "
        "sync=false = %.0f%% (goal >= 80%%); p99 %.1f ms |\n",
        target.name.c_str(), 100.0 * bucket_sync_64 / local_64,
        bucket_sync_64_p99);
  }
}

int RunBucketWalBench(int argc, char** argv) {
  const double seconds = argc > 1 ? atof(argv[1]) : 3.0;
  printf("bucket WAL bench: %.1f s per run, 16-byte keys, 100-byte values\n\n",
         seconds);
  printf(
      "| store          | WAL    | sync  | thr | writes/s   | p50 ms   | "
      "p99 ms   | PUT/s   | WAL PUT/s |\n");
  printf(
      "|----------------|--------|-------|-----|------------|----------|"
      "----------|---------|-----------|\n");
  int index = 0;
  skyrocks_test::TempDir root;
  {
    std::unique_ptr<ObjectStore> local;
    IOStatus s = NewLocalDirStore(root.Sub("bucket"), &local);
    if (!s.ok()) {
      fprintf(stderr, "local store: %s\n", s.ToString().c_str());
      return 1;
    }
    WalBenchTarget t{"localdir", "bucket",
                     std::make_shared<WalBenchStore>(
                         std::shared_ptr<ObjectStore>(local.release()), 0)};
    RunWalBenchTarget(t, seconds, &index);
  }
  skyrocks_test::S3Emulator emu;
  if (!emu.running()) {
    printf(
        "| s3+20ms        | skipped: the S3 emulator is not installed "
        "(bash scripts/install-deps) |\n");
    return 0;
  }
  S3StoreOptions so;
  so.bucket = "skyrocks-test";
  so.region = "us-east-1";
  so.endpoint = emu.endpoint();
  so.credentials = AwsCredentials{"S3RVER", "S3RVER", ""};
  std::unique_ptr<ObjectStore> s3;
  IOStatus s = NewS3Store(so, &s3);
  if (!s.ok()) {
    fprintf(stderr, "s3 store: %s\n", s.ToString().c_str());
    return 1;
  }
  WalBenchTarget t{"s3+20ms", "skyrocks-test",
                   std::make_shared<WalBenchStore>(
                       std::shared_ptr<ObjectStore>(s3.release()), 20)};
  RunWalBenchTarget(t, seconds, &index);
  return 0;
}

}  // namespace
}  // namespace ROCKSDB_NAMESPACE

int main(int argc, char** argv) {
  return ROCKSDB_NAMESPACE::RunBucketWalBench(argc, argv);
}
