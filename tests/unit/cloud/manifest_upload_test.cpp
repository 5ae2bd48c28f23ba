// Writers never wait on the network under the DB mutex: while a flush's
// MANIFEST upload is stuck in the store, Put (sync and not, the WAL in the
// bucket) and Get on the DB complete; the flush finishes once the upload
// goes through. And a flush with idle column families writes the MANIFEST
// once (one upload), not once per family. A writer fenced in the middle
// of a flush loses none of its acknowledged writes.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cloud/cloud_file_system_impl.h"
#include "rocksdb/cloud/db_cloud.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// The local-directory store; PUTs of keys containing `block` wait until
// released, and PUTs of MANIFEST objects are counted.
class GateStore : public ObjectStore {
 public:
  explicit GateStore(std::shared_ptr<ObjectStore> base)
      : base_(std::move(base)) {}
  const char* Name() const override { return "gate"; }
  IOStatus Get(const std::string& k, std::string* d) override {
    return base_->Get(k, d);
  }
  IOStatus GetRange(const std::string& k, uint64_t o, size_t n,
                    std::string* d) override {
    return base_->GetRange(k, o, n, d);
  }
  IOStatus Put(const std::string& k, const Slice& d, const PutOptions& o,
               ObjectMeta* m) override {
    if (k.find("/MANIFEST-") != std::string::npos) manifest_puts++;
    {
      std::unique_lock<std::mutex> l(mu_);
      if (!block_.empty() && k.find(block_) != std::string::npos) {
        blocked_++;
        cv_.notify_all();
        cv_.wait(l, [&] { return block_.empty(); });
      }
    }
    return base_->Put(k, d, o, m);
  }
  IOStatus Head(const std::string& k, ObjectMeta* m) override {
    return base_->Head(k, m);
  }
  IOStatus List(const std::string& p, std::vector<ObjectMeta>* o) override {
    return base_->List(p, o);
  }
  IOStatus Delete(const std::string& k) override { return base_->Delete(k); }
  IOStatus Copy(const std::string& s, const std::string& d) override {
    return base_->Copy(s, d);
  }

  void Block(const std::string& what) {
    std::lock_guard<std::mutex> l(mu_);
    block_ = what;
    blocked_ = 0;
  }
  bool WaitBlocked(int ms) {
    std::unique_lock<std::mutex> l(mu_);
    return cv_.wait_for(l, std::chrono::milliseconds(ms),
                        [&] { return blocked_ > 0; });
  }
  void Release() {
    std::lock_guard<std::mutex> l(mu_);
    block_.clear();
    cv_.notify_all();
  }
  std::atomic<int> manifest_puts{0};

 private:
  std::shared_ptr<ObjectStore> base_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string block_;
  int blocked_ = 0;
};

struct GatedDb {
  std::shared_ptr<GateStore> store;
  std::shared_ptr<FileSystem> fs;
  std::unique_ptr<Env> env;
  std::unique_ptr<DBCloud> db;
  std::vector<ColumnFamilyHandle*> handles;

  Status Open(const std::string& root, const std::string& local,
              const std::vector<std::string>& cf_names) {
    std::unique_ptr<ObjectStore> base;
    IOStatus io = NewLocalDirStore(root, &base);
    if (!io.ok()) return std::move(io);
    store = std::make_shared<GateStore>(
        std::shared_ptr<ObjectStore>(base.release()));
    CloudFileSystemOptions co;
    co.src_bucket.SetBucketName("bucket", "");
    co.src_bucket.SetBucketPrefix("");
    co.src_bucket.SetObjectPath("db");
    co.dest_bucket = co.src_bucket;
    CloudFileSystem* cfs = nullptr;
    auto shared = store;
    Status s = CloudFileSystemImpl::Create(
        FileSystem::Default(), co,
        [shared](const std::string&, const std::string&,
                 std::shared_ptr<ObjectStore>* out) {
          *out = shared;
          return IOStatus::OK();
        },
        "gate", &cfs);
    if (!s.ok()) return s;
    fs.reset(cfs);
    env = NewCompositeEnv(fs);
    Options o;
    o.env = env.get();
    o.create_if_missing = true;
    o.create_missing_column_families = true;
    std::vector<ColumnFamilyDescriptor> descs = {
        ColumnFamilyDescriptor(kDefaultColumnFamilyName, o)};
    for (const std::string& n : cf_names) descs.emplace_back(n, o);
    DBCloud* raw = nullptr;
    s = DBCloud::Open(o, local, descs, "", 0, &handles, &raw);
    db.reset(raw);
    return s;
  }
  void Close() {
    for (ColumnFamilyHandle* h : handles) delete h;
    handles.clear();
    db.reset();
    env.reset();
    fs.reset();
  }
};

}  // namespace

TEST_CASE("manifest upload: writers and readers go on while it is stuck") {
  skyrocks_test::TempDir tmp;
  GatedDb g;
  Status s = g.Open(tmp.Sub("root"), tmp.Sub("db"), {});
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  REQUIRE(g.db->Put(WriteOptions(), "before", "v").ok());
  g.store->Block("/MANIFEST-");
  auto flush = std::async(std::launch::async, [&] {
    return g.db->Flush(FlushOptions());
  });
  REQUIRE(g.store->WaitBlocked(10000));
  // The flush is inside its MANIFEST upload: writes and reads complete.
  auto work = std::async(std::launch::async, [&] {
    WriteOptions sync;
    sync.sync = true;
    std::string v;
    for (int i = 0; i < 50; i++) {
      Status w = g.db->Put(i % 2 ? sync : WriteOptions(),
                           "during" + std::to_string(i), "v");
      if (!w.ok()) return w;
      w = g.db->Get(ReadOptions(), "before", &v);
      if (!w.ok()) return w;
    }
    return Status::OK();
  });
  const bool finished =
      work.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  CHECK_MESSAGE(finished, "Put/Get waited for the MANIFEST upload");
  CHECK(flush.wait_for(std::chrono::milliseconds(0)) !=
        std::future_status::ready);
  g.store->Release();
  REQUIRE(flush.get().ok());
  REQUIRE(work.get().ok());
  std::string v;
  CHECK(g.db->Get(ReadOptions(), "during49", &v).ok());
  g.Close();
}

TEST_CASE("manifest upload: a flush with idle column families is one write") {
  skyrocks_test::TempDir tmp;
  GatedDb g;
  Status s = g.Open(tmp.Sub("root"), tmp.Sub("db"), {"a", "b", "c", "d"});
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  for (int round = 0; round < 3; round++) {
    REQUIRE(g.db->Put(WriteOptions(), "k" + std::to_string(round), "v").ok());
    const int before = g.store->manifest_puts.load();
    REQUIRE(g.db->Flush(FlushOptions()).ok());
    // The flush's edit and the four idle families' log-number edits.
    CHECK(g.store->manifest_puts.load() - before == 1);
  }
  g.Close();
}

// A writer taken over in the middle of a flush: its MANIFEST upload is
// stuck, so the WAL it switched to is numbered past the MANIFEST's next
// file number (a number the new writer's epoch owns once it rolls). Its
// acknowledged sync writes there must reach the new writer and every
// later open (the new writer copies that WAL into its own epoch before it
// rolls).
TEST_CASE("manifest upload: a writer fenced during a flush keeps its new "
          "WAL's writes") {
  skyrocks_test::TempDir tmp;
  GatedDb a;
  Status s = a.Open(tmp.Sub("root"), tmp.Sub("a"), {});
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  WriteOptions sync;
  sync.sync = true;
  REQUIRE(a.db->Put(sync, "before", "v").ok());
  a.store->Block("/MANIFEST-");
  auto flush = std::async(std::launch::async, [&] {
    return a.db->Flush(FlushOptions());
  });
  REQUIRE(a.store->WaitBlocked(10000));
  for (int i = 0; i < 50; i++) {
    REQUIRE(a.db->Put(sync, "during" + std::to_string(i), "v").ok());
  }
  GatedDb b;
  s = b.Open(tmp.Sub("root"), tmp.Sub("b"), {});
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  a.store->Release();
  CHECK_FALSE(flush.get().ok());  // fenced
  a.Close();
  std::string v;
  for (int i = 0; i < 50; i++) {
    CHECK_MESSAGE(b.db->Get(ReadOptions(), "during" + std::to_string(i), &v)
                      .ok(),
                  "during" << i);
  }
  CHECK(b.db->Get(ReadOptions(), "before", &v).ok());
  b.Close();
  GatedDb c;
  s = c.Open(tmp.Sub("root"), tmp.Sub("c"), {});
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  for (int i = 0; i < 50; i++) {
    CHECK_MESSAGE(c.db->Get(ReadOptions(), "during" + std::to_string(i), &v)
                      .ok(),
                  "during" << i);
  }
  c.Close();
}

}  // namespace ROCKSDB_NAMESPACE
