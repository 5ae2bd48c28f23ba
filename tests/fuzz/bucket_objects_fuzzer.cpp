// The skyrocks objects a writer reads back from a bucket path: WAL chunk
// keys and bodies (ListBucketWals, ReadBucketWal), clone references
// (ParseCloneRef, CloneRefs over a listing), the WRITER object a fenced
// writer quotes (WriterFence::Check), and a garbage-collection pass over
// all of it (RunCloudGc: CLOUDMANIFESTs, MANIFESTs, SST names, DROPPED).
// Input: a sequence of objects, each {1 byte kind, 2-byte key length, key,
// 2-byte body length, body}, put under "db/" in an in-memory store (kind
// 0: "db/wal/" + key, 1: "db/refs/" + key, 2: "db/WRITER", 3: "db/" +
// key). Errors are fine; a crash, a hang, a log read back longer than its
// chunks or a dry run that deletes is a defect.
#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "cloud/bucket_wal.h"
#include "cloud/clone_refs.h"
#include "cloud/cloud_gc.h"
#include "cloud/writer_fence.h"
#include "fuzz/harnesses.h"

namespace skyrocks_fuzz {

namespace {

class BucketObjectsFuzzStore : public rocksdb::ObjectStore {
 public:
  const char* Name() const override { return "fuzz-memory"; }
  rocksdb::IOStatus Get(const std::string& key, std::string* data) override {
    std::lock_guard<std::mutex> l(mu_);
    auto it = objects_.find(key);
    if (it == objects_.end()) {
      return rocksdb::IOStatus::NotFound("no such object", key);
    }
    *data = it->second;
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                             std::string* data) override {
    std::string all;
    rocksdb::IOStatus s = Get(key, &all);
    if (!s.ok()) return s;
    *data = offset < all.size() ? all.substr(offset, n) : std::string();
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Put(const std::string& key, const rocksdb::Slice& data,
                        const rocksdb::PutOptions& o,
                        rocksdb::ObjectMeta* meta) override {
    std::lock_guard<std::mutex> l(mu_);
    auto it = objects_.find(key);
    if ((o.if_none_match && it != objects_.end()) ||
        (!o.if_match_etag.empty() &&
         (it == objects_.end() || Etag(it->second) != o.if_match_etag))) {
      return rocksdb::IOStatus::IOFenced("precondition failed", key);
    }
    objects_[key] = data.ToString();
    if (meta != nullptr) {
      meta->key = key;
      meta->size = data.size();
      meta->etag = Etag(data.ToString());
    }
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Head(const std::string& key,
                         rocksdb::ObjectMeta* meta) override {
    std::lock_guard<std::mutex> l(mu_);
    auto it = objects_.find(key);
    if (it == objects_.end()) {
      return rocksdb::IOStatus::NotFound("no such object", key);
    }
    meta->key = key;
    meta->size = it->second.size();
    meta->etag = Etag(it->second);
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus List(const std::string& prefix,
                         std::vector<rocksdb::ObjectMeta>* objects) override {
    std::lock_guard<std::mutex> l(mu_);
    objects->clear();
    for (auto it = objects_.lower_bound(prefix);
         it != objects_.end() &&
         it->first.compare(0, prefix.size(), prefix) == 0;
         ++it) {
      rocksdb::ObjectMeta m;
      m.key = it->first;
      m.size = it->second.size();
      m.etag = Etag(it->second);
      objects->push_back(m);
    }
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Delete(const std::string& key) override {
    std::lock_guard<std::mutex> l(mu_);
    objects_.erase(key);
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Copy(const std::string& src,
                         const std::string& dst) override {
    std::string data;
    rocksdb::IOStatus s = Get(src, &data);
    if (!s.ok()) return s;
    return Put(dst, data, rocksdb::PutOptions(), nullptr);
  }

 private:
  static std::string Etag(const std::string& body) {
    return std::to_string(std::hash<std::string>()(body) % 1000000007ull);
  }
  std::mutex mu_;
  std::map<std::string, std::string> objects_;
};

}  // namespace

int FuzzBucketObjects(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  auto store = std::make_shared<BucketObjectsFuzzStore>();
  for (int i = 0; i < 64 && !in.empty(); i++) {
    const uint8_t kind = in.Byte() % 4;
    const std::string key = in.Chunk(2);
    const std::string body = in.Chunk(2);
    const std::string full = kind == 0   ? "db/wal/" + key
                             : kind == 1 ? "db/refs/" + key
                             : kind == 2 ? std::string("db/WRITER")
                                         : "db/" + key;
    (void)store->Put(full, body, rocksdb::PutOptions(), nullptr);
  }
  std::vector<rocksdb::BucketWalLog> logs;
  if (rocksdb::ListBucketWals(store.get(), "db", "bucket fuzz", &logs).ok()) {
    for (const rocksdb::BucketWalLog& log : logs) {
      FuzzCheck(log.chunks.size() == log.offsets.size(), "chunk offsets");
      std::string bytes;
      if (rocksdb::ReadBucketWal(store.get(), "bucket fuzz", log, &bytes)
              .ok()) {
        uint64_t total = 0;
        for (const rocksdb::ObjectMeta& c : log.chunks) total += c.size;
        FuzzCheck(bytes.size() == total, "a WAL read back is its chunks");
        FuzzCheck(bytes.size() == log.size, "a WAL's size");
      }
    }
  }
  // Garbage collection: a dry run deletes nothing; a real pass returns.
  {
    std::vector<rocksdb::ObjectMeta> before, after;
    (void)store->List("", &before);
    rocksdb::CloudGcOptions o;
    o.dry_run = true;
    o.min_age = std::chrono::seconds(0);
    o.creation_grace = std::chrono::seconds(0);
    rocksdb::CloudGcReport report;
    auto same_store = [store](const std::string&, const std::string&,
                              std::shared_ptr<rocksdb::ObjectStore>* out) {
      *out = store;
      return rocksdb::IOStatus::OK();
    };
    (void)rocksdb::RunCloudGc({store, "fuzz", "db"}, o, 0, same_store,
                              &report);
    (void)store->List("", &after);
    FuzzCheck(before.size() == after.size(), "a dry run deletes nothing");
    o.dry_run = false;
    (void)rocksdb::RunCloudGc({store, "fuzz", "db"}, o, 0, same_store,
                              &report);
  }
  rocksdb::CloneRefs refs(store, "db");
  std::set<std::string> names;
  (void)refs.Referenced(&names);
  // A writer whose claim another one replaced names the new owner.
  rocksdb::WriterFence fence(store, "db/WRITER", "bucket fuzz object db/WRITER");
  if (fence.Claim("fuzz", true).ok()) {
    std::string owner;
    if (store->Get("db/WRITER", &owner).ok()) {
      (void)store->Put("db/WRITER", owner + "x", rocksdb::PutOptions(),
                       nullptr);
      FuzzCheck(fence.Check().IsIOFenced(), "a replaced claim fences");
    }
  }
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzBucketObjects)
