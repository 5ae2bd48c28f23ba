// What reading a cloud DB costs in object-store requests (issue 17,
// "Requests sized for object stores"), on the local-directory store and
// on the S3 emulator, with SSTs read by ranged GETs (keep_local_sst_files
// false, no SST cache). A DB of a few MB in 3 L0 files is compacted, then
// reopened cold from the bucket (local directory deleted) and read:
//   compaction   at most input bytes / 4 MiB + one GET per input file;
//   cold open    the SSTs a reopen opens cost one GET (the tail) each;
//   1,000 Gets   at most one GET per Get (one data block) plus one per
//                table opened, each GET about one block;
//   full scan    at most size / 2 MiB + a few growth steps per file
//                (ReadOptions::readahead_size 2 MiB: + 2 per file);
//   estimate-num-keys on a reopened DB: at most one GET per file;
//   a fresh clone's open and full scan: as a cold open and scan.
// Each figure is printed (MESSAGE) as well as checked.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <random>
#include <string>

#include "api/db_cloud_scenarios.h"
#include "cloud/cloud_file_system_impl.h"
#include "cloud/object_store.h"
#include "cloud_test_stores.h"
#include "rocksdb/table.h"
#include "support/s3_emulator.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Forwards to a store, counting the GETs (ranged or whole), HEADs and
// bytes read of SST objects (keys with ".sst-"): the figures the
// assertions are about, apart from the MANIFEST and friends.
class SstReadCounter : public ObjectStore {
 public:
  explicit SstReadCounter(std::shared_ptr<ObjectStore> inner)
      : inner_(std::move(inner)) {}
  const char* Name() const override { return inner_->Name(); }
  IOStatus Get(const std::string& key, std::string* data) override {
    IOStatus s = inner_->Get(key, data);
    Note(key, true, s.ok() ? data->size() : 0);
    return s;
  }
  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    IOStatus s = inner_->GetRange(key, offset, n, data);
    Note(key, true, s.ok() ? data->size() : 0);
    return s;
  }
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    return inner_->Put(key, data, opts, meta);
  }
  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    Note(key, false, 0);
    return inner_->Head(key, meta);
  }
  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override {
    return inner_->List(prefix, objects);
  }
  IOStatus ListDelimited(const std::string& prefix,
                         const std::string& delimiter,
                         std::vector<ObjectMeta>* objects,
                         std::vector<std::string>* prefixes) override {
    return inner_->ListDelimited(prefix, delimiter, objects, prefixes);
  }
  IOStatus Delete(const std::string& key) override {
    return inner_->Delete(key);
  }
  IOStatus DeleteMany(const std::vector<std::string>& keys) override {
    return inner_->DeleteMany(keys);
  }
  IOStatus Copy(const std::string& src, const std::string& dst) override {
    return inner_->Copy(src, dst);
  }
  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override {
    Note(key, true, 0);
    return inner_->GetToSink(key, sink);
  }
  IOStatus CreateBucketIfMissing(const std::string& region) override {
    return inner_->CreateBucketIfMissing(region);
  }

  struct Cost {
    uint64_t gets = 0, heads = 0, bytes = 0;
  };
  Cost cost() const { return Cost{gets_, heads_, bytes_}; }

 private:
  void Note(const std::string& key, bool get, uint64_t bytes) {
    if (key.find(".sst-") == std::string::npos) return;
    (get ? gets_ : heads_)++;
    bytes_ += bytes;
  }
  std::shared_ptr<ObjectStore> inner_;
  std::atomic<uint64_t> gets_{0}, heads_{0}, bytes_{0};
};

using ReadCost = SstReadCounter::Cost;

ReadCost CostSince(const SstReadCounter& store, const ReadCost& before) {
  const ReadCost now = store.cost();
  return ReadCost{now.gets - before.gets, now.heads - before.heads,
                  now.bytes - before.bytes};
}

std::string Describe(const ReadCost& c) {
  return "SST GET=" + std::to_string(c.gets) +
         " HEAD=" + std::to_string(c.heads) +
         " bytes=" + std::to_string(c.bytes);
}

constexpr int kReadKeys = 60000;

std::string ReadValue(int i) {
  // 100 bytes that compress poorly, so SST sizes follow the key count.
  std::string v(100, 'v');
  uint64_t x = static_cast<uint64_t>(i) * 0x9e3779b97f4a7c15ull;
  for (size_t j = 0; j < v.size(); j++) {
    x ^= x >> 13;
    x *= 0xff51afd7ed558ccdull;
    v[j] = static_cast<char>('a' + (x % 26));
  }
  return v;
}

void ReadTweak(Options* o) {
  o->write_buffer_size = 8 << 20;
  o->disable_auto_compactions = true;
  o->compression = kNoCompression;
  o->target_file_size_base = 2 << 20;  // a compaction leaves several files
}

uint64_t LiveSstBytes(DB* db, int* files) {
  std::vector<LiveFileMetaData> meta;
  db->GetLiveFilesMetaData(&meta);
  uint64_t total = 0;
  for (const auto& m : meta) total += m.size;
  *files = static_cast<int>(meta.size());
  return total;
}

// store: the store every DB of `cs` goes through (its counts are the
// figures).
void RunReadCostScenario(std::shared_ptr<ObjectStore> inner,
                         const std::string& bucket, const std::string& tag) {
  using skyrocks_test::CloudDb;
  auto counter = std::make_shared<SstReadCounter>(inner);
  const SstReadCounter& store = *counter;
  const auto cs = ObjectStoreCloudStore(bucket, counter, inner, tag.c_str());
  const std::string path = "dbs/reads";
  skyrocks_test::TempDir tmp;
  auto o = skyrocks_test::CloudOpts(cs, path, path, false);
  CloudDb c;
  skyrocks_test::OpenCloudDb(cs, o, tmp.Sub("db"), &c, true, false, ReadTweak);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  // Three L0 files of about 2 MB, overlapping (every third key each).
  for (int part = 0; part < 3; part++) {
    WriteBatch b;
    for (int i = part; i < kReadKeys; i += 3) {
      REQUIRE(b.Put(skyrocks_test::CloudKey(i), ReadValue(i)).ok());
    }
    REQUIRE(c.db->Write(WriteOptions(), &b).ok());
    REQUIRE(c.db->Flush(FlushOptions()).ok());
  }
  int input_files = 0;
  const uint64_t input_bytes = LiveSstBytes(c.db.get(), &input_files);
  REQUIRE(input_files == 3);
  ReadCost before = store.cost();
  REQUIRE(c.db->CompactRange(CompactRangeOptions(), nullptr, nullptr).ok());
  const ReadCost compaction = CostSince(store, before);
  MESSAGE(tag << " compaction of " << input_bytes << " bytes in "
              << input_files << " files: " << Describe(compaction));
  CHECK(compaction.gets <= input_bytes / (4 << 20) + input_files);
  int files = 0;
  const uint64_t db_bytes = LiveSstBytes(c.db.get(), &files);
  c.Close();

  // Cold: the local directory is gone; everything comes from the bucket.
  auto reopen_cold = [&](const char* what) {
    std::string out;
    skyrocks_test::RunCommand("rm -rf " + tmp.Sub("db"), &out);
    const ReadCost b = store.cost();
    skyrocks_test::OpenCloudDb(cs, o, tmp.Sub("db"), &c, false, false,
                               ReadTweak);
    REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
    const ReadCost open = CostSince(store, b);
    MESSAGE(tag << " cold open (" << std::string(what)
                << "): " << Describe(open));
    // Every table opened (in parallel) with one GET of its tail; its size
    // came with the listing.
    CHECK(open.gets == static_cast<uint64_t>(files));
    CHECK(open.heads == 0);
  };

  reopen_cold("then 1,000 Gets");
  before = store.cost();
  std::mt19937 rng(17);
  for (int n = 0; n < 1000; n++) {
    const int i = static_cast<int>(rng() % kReadKeys);
    std::string v;
    REQUIRE(c.db->Get(ReadOptions(), skyrocks_test::CloudKey(i), &v).ok());
    REQUIRE(v == ReadValue(i));
  }
  const ReadCost gets = CostSince(store, before);
  MESSAGE(tag << " 1,000 cold random Gets over " << files << " files ("
              << db_bytes << " bytes): " << Describe(gets));
  // One data block per Get, one tail per table opened.
  CHECK(gets.gets <= 1000 + static_cast<uint64_t>(files));
  const uint64_t tails = static_cast<uint64_t>(files) * (db_bytes / 16 + 1);
  CHECK(gets.bytes <= tails + gets.gets * 8192);

  reopen_cold("then estimate-num-keys");
  before = store.cost();
  std::string keys;
  REQUIRE(c.db->GetProperty("rocksdb.estimate-num-keys", &keys));
  const ReadCost estimate = CostSince(store, before);
  MESSAGE(tag << " estimate-num-keys (" << keys << ") on a reopened DB: "
              << Describe(estimate));
  CHECK(estimate.gets <= static_cast<uint64_t>(files));
  CHECK(std::stoull(keys) == static_cast<uint64_t>(kReadKeys));

  for (uint64_t readahead : {uint64_t{0}, uint64_t{2} << 20}) {
    reopen_cold(readahead == 0 ? "then a full scan" : "then a 2 MiB scan");
    before = store.cost();
    ReadOptions ro;
    ro.readahead_size = readahead;
    std::unique_ptr<Iterator> it(c.db->NewIterator(ro));
    int n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
    REQUIRE_MESSAGE(it->status().ok(), it->status().ToString());
    CHECK(n == kReadKeys);
    it.reset();
    const ReadCost scan = CostSince(store, before);
    MESSAGE(tag << " cold full scan of " << db_bytes << " bytes, readahead "
                << (readahead == 0 ? std::string("auto")
                                   : std::to_string(readahead))
                << ": " << Describe(scan));
    // Auto: the first block alone, then 64 KiB doubling to 2 MiB (six
    // requests before the steady size), plus the tail.
    const uint64_t per_file = readahead == 0 ? 8 : 2;
    CHECK(scan.gets <= db_bytes / (2 << 20) + per_file * files);
    CHECK(scan.bytes <= db_bytes + (2u << 20) * files);
  }
  c.Close();

  // A fresh clone (reading the source's SSTs) opens and scans them alike.
  before = store.cost();
  CloudDb clone;
  skyrocks_test::OpenCloudDb(
      cs, skyrocks_test::CloudOpts(cs, path, path + "-clone", false),
      tmp.Sub("clone"), &clone, true, false, ReadTweak);
  REQUIRE_MESSAGE(clone.status.ok(), clone.status.ToString());
  MESSAGE(tag << " clone open: " << Describe(CostSince(store, before)));
  {
    std::unique_ptr<Iterator> it(clone.db->NewIterator(ReadOptions()));
    int n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
    REQUIRE_MESSAGE(it->status().ok(), it->status().ToString());
    CHECK(n == kReadKeys);
  }
  const ReadCost cloned = CostSince(store, before);
  MESSAGE(tag << " clone open + full scan: " << Describe(cloned));
  CHECK(cloned.gets <= db_bytes / (2 << 20) + 9 * files);
  CHECK(cloned.heads == 0);
  clone.Close();
}

}  // namespace

TEST_CASE("cloud read requests (localdir): compaction, cold Gets, scans") {
  skyrocks_test::TempDir root;
  std::unique_ptr<ObjectStore> local;
  REQUIRE(NewLocalDirStore(root.Sub("bucket"), &local).ok());
  RunReadCostScenario(std::shared_ptr<ObjectStore>(local.release()), "bucket",
                      "localdir");
}

TEST_CASE("cloud read requests (s3): compaction, cold Gets, scans") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  S3StoreOptions so;
  so.bucket = kS3TestBucket;
  so.region = kS3TestRegion;
  so.endpoint = emu.endpoint();
  so.credentials = AwsCredentials{"S3RVER", "S3RVER", ""};
  so.retry.max_attempts = 3;
  std::unique_ptr<ObjectStore> raw;
  REQUIRE(NewS3Store(so, &raw).ok());
  std::shared_ptr<ObjectStore> store(raw.release());
  REQUIRE(store->CreateBucketIfMissing(kS3TestRegion).ok());
  RunReadCostScenario(store, kS3TestBucket, "s3");
}

}  // namespace ROCKSDB_NAMESPACE
