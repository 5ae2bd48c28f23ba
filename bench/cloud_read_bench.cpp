// What reading a DB kept in a bucket costs (issue 17, "Requests sized for
// object stores"): on the local-directory store and on the S3 emulator,
// each behind a store decorator that adds DELAY ms (argument 2, default
// 20) to every request (a far-away bucket), a DB of MB megabytes
// (argument 1, default 64; 16-byte keys, 1000-byte values, no
// compression) is loaded into 4 MB L0 files without delay, then measured with
// the delay, SSTs read by ranged GETs (keep_local_sst_files=false):
//   compaction  CompactRange of the L0 files (inputs 4 MiB per GET)
//   reopen      a cold open from the bucket (local directory deleted;
//               every table's tail fetched, 16 tables at a time)
//   gets        1,000 random Gets after a cold reopen
//   scan        a full forward scan after a cold reopen (auto readahead,
//               and ReadOptions::readahead_size = 8 MiB)
//   parallel    the same SST bytes fetched with 16 parallel 4 MiB GETs
//               through the same decorator: what the transport allows
// Each row: wall time, GET/HEAD/other requests and MB read. Not a test:
// nothing is asserted; `make bench-reads` builds and runs it.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cloud/cloud_file_system_impl.h"
#include "cloud/object_store.h"
#include "cloud/s3_store.h"
#include "rocksdb/cloud/db_cloud.h"
#include "support/s3_emulator.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {
namespace {

// Forwards to a store after sleeping delay_ms (while on); counts requests
// by kind and bytes read.
class ReadBenchStore : public ObjectStore {
 public:
  ReadBenchStore(std::shared_ptr<ObjectStore> inner, int delay_ms)
      : inner_(std::move(inner)), delay_ms_(delay_ms) {}
  const char* Name() const override { return inner_->Name(); }
  IOStatus Get(const std::string& key, std::string* data) override {
    Delay(&gets_);
    IOStatus s = inner_->Get(key, data);
    if (s.ok()) bytes_ += data->size();
    return s;
  }
  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    Delay(&gets_);
    IOStatus s = inner_->GetRange(key, offset, n, data);
    if (s.ok()) bytes_ += data->size();
    return s;
  }
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    Delay(&others_);
    return inner_->Put(key, data, opts, meta);
  }
  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    Delay(&heads_);
    return inner_->Head(key, meta);
  }
  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override {
    Delay(&others_);
    return inner_->List(prefix, objects);
  }
  IOStatus ListDelimited(const std::string& prefix,
                         const std::string& delimiter,
                         std::vector<ObjectMeta>* objects,
                         std::vector<std::string>* prefixes) override {
    Delay(&others_);
    return inner_->ListDelimited(prefix, delimiter, objects, prefixes);
  }
  IOStatus Delete(const std::string& key) override {
    Delay(&others_);
    return inner_->Delete(key);
  }
  IOStatus DeleteMany(const std::vector<std::string>& keys) override {
    Delay(&others_);
    return inner_->DeleteMany(keys);
  }
  IOStatus Copy(const std::string& src, const std::string& dst) override {
    Delay(&others_);
    return inner_->Copy(src, dst);
  }
  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override {
    Delay(&gets_);
    return inner_->GetToSink(key, sink);
  }
  IOStatus CreateBucketIfMissing(const std::string& region) override {
    return inner_->CreateBucketIfMissing(region);
  }

  void set_delay(bool on) { on_ = on; }
  struct Figures {
    uint64_t gets, heads, others, bytes;
  };
  Figures figures() const { return {gets_, heads_, others_, bytes_}; }
  ObjectStore* inner() { return inner_.get(); }

 private:
  void Delay(std::atomic<uint64_t>* counter) {
    (*counter)++;
    if (on_ && delay_ms_ > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
    }
  }
  std::shared_ptr<ObjectStore> inner_;
  const int delay_ms_;
  std::atomic<bool> on_{false};
  std::atomic<uint64_t> gets_{0}, heads_{0}, others_{0}, bytes_{0};
};

struct ReadBenchDb {
  std::shared_ptr<FileSystem> fs;
  std::unique_ptr<Env> env;
  std::unique_ptr<DBCloud> db;
  void Close() {
    db.reset();
    env.reset();
    fs.reset();
  }
};

Status OpenReadBenchDb(const std::shared_ptr<ReadBenchStore>& store,
                       const std::string& bucket, const std::string& path,
                       const std::string& local, bool create,
                       ReadBenchDb* out) {
  out->Close();
  CloudFileSystemOptions o;
  o.src_bucket.SetBucketName(bucket, "");
  o.src_bucket.SetBucketPrefix("");
  o.src_bucket.SetObjectPath(path);
  o.dest_bucket = o.src_bucket;
  o.keep_local_sst_files = false;
  o.cloud_file_deletion_delay = std::nullopt;
  CloudFileSystem* cfs = nullptr;
  Status s = CloudFileSystemImpl::Create(
      FileSystem::Default(), o,
      [store](const std::string&, const std::string&,
              std::shared_ptr<ObjectStore>* st) {
        *st = store;
        return IOStatus::OK();
      },
      "bench", &cfs);
  if (!s.ok()) return s;
  out->fs.reset(cfs);
  out->env = NewCompositeEnv(out->fs);
  Options options;
  options.env = out->env.get();
  options.create_if_missing = create;
  options.write_buffer_size = 4 << 20;  // L0 files of about 4 MB
  options.disable_auto_compactions = true;
  options.compression = kNoCompression;
  DBCloud* raw = nullptr;
  s = DBCloud::Open(options, local, "", 0, &raw);
  out->db.reset(raw);
  return s;
}

std::string ReadBenchKey(uint64_t i) {
  char k[24];
  snprintf(k, sizeof(k), "%016llu", static_cast<unsigned long long>(i));
  return std::string(k, 16);
}

class ReadBenchRow {
 public:
  ReadBenchRow(const char* target, const char* what, ReadBenchStore* store)
      : target_(target),
        what_(what),
        store_(store),
        start_(store->figures()),
        t0_(std::chrono::steady_clock::now()) {}
  void Print(const std::string& note = "") const {
    const double ms = std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - t0_)
                          .count();
    const ReadBenchStore::Figures f = store_->figures();
    printf("| %-10s | %-22s | %9.0f | %6llu | %5llu | %5llu | %8.1f | %s |\n",
           target_, what_, ms,
           static_cast<unsigned long long>(f.gets - start_.gets),
           static_cast<unsigned long long>(f.heads - start_.heads),
           static_cast<unsigned long long>(f.others - start_.others),
           static_cast<double>(f.bytes - start_.bytes) / (1 << 20),
           note.c_str());
    fflush(stdout);
  }

 private:
  const char* target_;
  const char* what_;
  ReadBenchStore* store_;
  ReadBenchStore::Figures start_;
  std::chrono::steady_clock::time_point t0_;
};

bool ReadBenchCheck(const Status& s, const char* what) {
  if (s.ok()) return true;
  printf("| %s failed: %s |\n", what, s.ToString().c_str());
  return false;
}

void RunReadBench(const char* target, const std::shared_ptr<ReadBenchStore>& store,
                  const std::string& bucket, uint64_t mb) {
  skyrocks_test::TempDir tmp;
  const std::string path = "bench/reads-" + std::to_string(mb);
  const std::string local = tmp.Sub("db");
  ReadBenchDb d;
  store->set_delay(false);
  if (!ReadBenchCheck(OpenReadBenchDb(store, bucket, path, local, true, &d),
                      "open")) {
    return;
  }
  const uint64_t keys = mb * 1000;  // ~1 KiB per entry
  const std::string value(1000, 'v');
  std::mt19937_64 rng(1);
  for (uint64_t i = 0; i < keys;) {
    WriteBatch b;
    for (int j = 0; j < 1000 && i < keys; j++, i++) {
      std::string v = value;
      for (int k = 0; k < 16; k++) v[k * 60] = static_cast<char>('a' + rng() % 26);
      if (!b.Put(ReadBenchKey((i * 7919) % keys), v).ok()) return;
    }
    if (!ReadBenchCheck(d.db->Write(WriteOptions(), &b), "write")) return;
  }
  if (!ReadBenchCheck(d.db->Flush(FlushOptions()), "flush")) return;
  store->set_delay(true);
  {
    ReadBenchRow row(target, "compaction", store.get());
    if (!ReadBenchCheck(
            d.db->CompactRange(CompactRangeOptions(), nullptr, nullptr),
            "compaction")) {
      return;
    }
    std::vector<LiveFileMetaData> meta;
    d.db->GetLiveFilesMetaData(&meta);
    row.Print(std::to_string(meta.size()) + " output files");
  }
  uint64_t db_bytes = 0;
  {
    std::vector<LiveFileMetaData> meta;
    d.db->GetLiveFilesMetaData(&meta);
    for (const auto& m : meta) db_bytes += m.size;
  }
  d.Close();
  auto cold_open = [&](const char* what) {
    std::string out;
    skyrocks_test::RunCommand("rm -rf " + local, &out);
    ReadBenchRow row(target, what, store.get());
    Status s = OpenReadBenchDb(store, bucket, path, local, false, &d);
    row.Print();
    return ReadBenchCheck(s, what);
  };
  if (!cold_open("cold reopen")) return;
  {
    ReadBenchRow row(target, "1,000 random Gets", store.get());
    std::string v;
    for (int n = 0; n < 1000; n++) {
      if (!ReadBenchCheck(
              d.db->Get(ReadOptions(), ReadBenchKey(rng() % keys), &v),
              "get")) {
        return;
      }
    }
    row.Print();
  }
  double scan_ms[2] = {0, 0};
  for (int pass = 0; pass < 2; pass++) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!cold_open("cold reopen")) return;
    ReadBenchRow row(target, pass == 0 ? "scan (auto readahead)" : "scan (8 MiB readahead)",
                     store.get());
    ReadOptions ro;
    ro.readahead_size = pass == 0 ? 0 : (8u << 20);
    std::unique_ptr<Iterator> it(d.db->NewIterator(ro));
    uint64_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
    if (!ReadBenchCheck(it->status(), "scan")) return;
    scan_ms[pass] = std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - t0)
                        .count();
    row.Print(std::to_string(n) + " keys; reopen+scan " +
              std::to_string(static_cast<int>(scan_ms[pass])) + " ms");
  }
  d.Close();
  // The same bytes through the same transport, 16 GETs of 4 MiB at once.
  {
    std::vector<ObjectMeta> listed;
    if (!ReadBenchCheck(store->inner()->List(path + "/", &listed), "list")) {
      return;
    }
    struct Range {
      std::string key;
      uint64_t offset, n;
    };
    std::vector<Range> ranges;
    for (const ObjectMeta& m : listed) {
      if (m.key.find(".sst-") == std::string::npos) continue;
      for (uint64_t off = 0; off < m.size; off += 4u << 20) {
        ranges.push_back({m.key, off, std::min<uint64_t>(4u << 20, m.size - off)});
      }
    }
    ReadBenchRow row(target, "parallel 4 MiB GETs", store.get());
    const auto t0 = std::chrono::steady_clock::now();
    std::atomic<size_t> next{0};
    auto work = [&] {
      std::string data;
      for (size_t i = next++; i < ranges.size(); i = next++) {
        store->GetRange(ranges[i].key, ranges[i].offset, ranges[i].n, &data)
            .PermitUncheckedError();
      }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; t++) threads.emplace_back(work);
    for (auto& t : threads) t.join();
    const double ms = std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - t0)
                          .count();
    char note[160];
    snprintf(note, sizeof(note),
             "%.1f MB of SSTs; reopen+scan takes %.1fx (auto), %.1fx (8 MiB)",
             static_cast<double>(db_bytes) / (1 << 20), scan_ms[0] / ms,
             scan_ms[1] / ms);
    row.Print(note);
  }
  store->set_delay(false);
}

int RunCloudReadBench(int argc, char** argv) {
  const uint64_t mb = argc > 1 ? strtoull(argv[1], nullptr, 10) : 64;
  const int delay = argc > 2 ? atoi(argv[2]) : 20;
  printf("cloud read bench: %llu MB DB, %d ms added per request\n\n",
         static_cast<unsigned long long>(mb), delay);
  printf(
      "| store      | operation              | ms        | GET    | HEAD  | "
      "other | MB read  | note |\n");
  printf(
      "|------------|------------------------|-----------|--------|-------|"
      "-------|----------|------|\n");
  skyrocks_test::TempDir root;
  {
    std::unique_ptr<ObjectStore> local;
    IOStatus s = NewLocalDirStore(root.Sub("bucket"), &local);
    if (!s.ok()) {
      fprintf(stderr, "local store: %s\n", s.ToString().c_str());
      return 1;
    }
    RunReadBench("localdir", std::make_shared<ReadBenchStore>(
                                 std::shared_ptr<ObjectStore>(local.release()),
                                 delay),
                 "bucket", mb);
  }
  skyrocks_test::S3Emulator emu;
  if (!emu.running()) {
    printf(
        "| s3         | skipped: the S3 emulator is not installed "
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
  if (s.ok()) s = s3->CreateBucketIfMissing("us-east-1");
  if (!s.ok()) {
    fprintf(stderr, "s3 store: %s\n", s.ToString().c_str());
    return 1;
  }
  RunReadBench("s3", std::make_shared<ReadBenchStore>(
                         std::shared_ptr<ObjectStore>(s3.release()), delay),
               "skyrocks-test", mb);
  return 0;
}

}  // namespace
}  // namespace ROCKSDB_NAMESPACE

int main(int argc, char** argv) {
  return ROCKSDB_NAMESPACE::RunCloudReadBench(argc, argv);
}
