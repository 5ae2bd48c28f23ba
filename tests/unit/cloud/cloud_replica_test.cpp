// The read replica's catch-up against a writer that changes the bucket
// between the replica's reads (cloud/cloud_fs_replica.cc): a flush that
// uploads a MANIFEST covering a WAL and deletes that WAL's chunks right
// after the replica read the old MANIFEST, and before it lists the WAL.
// The catch-up must notice (the MANIFEST changed meanwhile) and read
// again, or the flushed writes would be in neither what it replays nor
// the SSTs it knows.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/db_cloud_replica_scenarios.h"
#include "cloud/object_store.h"
#include "cloud_test_stores.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Forwards to inner; a hook, once armed, runs before the next LIST of a
// prefix holding "/wal/" (the replica's listing of the bucket WAL).
class WalListHookStore : public ObjectStore {
 public:
  explicit WalListHookStore(std::shared_ptr<ObjectStore> inner)
      : inner_(std::move(inner)) {}
  void Arm(std::function<void()> hook) {
    std::lock_guard<std::mutex> l(mu_);
    hook_ = std::move(hook);
  }
  const char* Name() const override { return inner_->Name(); }
  IOStatus Get(const std::string& key, std::string* data) override {
    Count(Kind::kGet);
    return inner_->Get(key, data);
  }
  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    Count(Kind::kGet);
    return inner_->GetRange(key, offset, n, data);
  }
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    Count(Kind::kPut);
    return inner_->Put(key, data, opts, meta);
  }
  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    Count(Kind::kHead);
    return inner_->Head(key, meta);
  }
  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override {
    Count(Kind::kList);
    std::function<void()> hook;
    if (prefix.find("/wal/") != std::string::npos) {
      std::lock_guard<std::mutex> l(mu_);
      hook = std::move(hook_);
      hook_ = nullptr;
    }
    if (hook) hook();
    return inner_->List(prefix, objects);
  }
  IOStatus Delete(const std::string& key) override {
    Count(Kind::kDelete);
    return inner_->Delete(key);
  }
  IOStatus Copy(const std::string& src, const std::string& dst) override {
    Count(Kind::kCopy);
    return inner_->Copy(src, dst);
  }

 private:
  std::shared_ptr<ObjectStore> inner_;
  std::mutex mu_;
  std::function<void()> hook_;
};

}  // namespace

TEST_CASE(
    "db cloud replica: a flush between the replica's MANIFEST read "
    "and its WAL listing loses nothing") {
  skyrocks_test::TempDir root;
  std::unique_ptr<ObjectStore> local;
  REQUIRE(NewLocalDirStore(root.path() + "/bucket", &local).ok());
  std::shared_ptr<ObjectStore> inner(local.release());
  auto hooked = std::make_shared<WalListHookStore>(inner);
  const skyrocks_test::CloudTestStore writer_store =
      ObjectStoreCloudStore("bucket", inner, inner, "replica-writer");
  const skyrocks_test::CloudTestStore replica_store =
      ObjectStoreCloudStore("bucket", hooked, inner, "replica-reader");
  // WAL chunks deleted as soon as a flush covers them.
  CloudFileSystemOptions wo =
      skyrocks_test::CloudOpts(writer_store, "db", "db");
  skyrocks_test::CloudDb writer;
  skyrocks_test::OpenCloudDb(writer_store, wo, root.Sub("writer"), &writer);
  REQUIRE_MESSAGE(writer.status.ok(), writer.status.ToString());
  WriteOptions sync;
  sync.sync = true;
  for (int i = 0; i < 100; i++) {
    REQUIRE(writer.db
                ->Put(sync, skyrocks_test::CloudKey(i),
                      "w" + skyrocks_test::CloudKey(i))
                .ok());
  }
  skyrocks_test::CloudDb replica;
  skyrocks_test::OpenCloudReplica(
      replica_store, skyrocks_test::CloudOpts(replica_store, "db", "db", false),
      root.Sub("replica"), &replica);
  REQUIRE_MESSAGE(replica.status.ok(), replica.status.ToString());
  skyrocks_test::CheckKeys(replica.db.get(), 0, 100, "w");
  for (int i = 100; i < 200; i++) {
    REQUIRE(writer.db
                ->Put(sync, skyrocks_test::CloudKey(i),
                      "w" + skyrocks_test::CloudKey(i))
                .ok());
  }
  const auto wal_chunks = [&] {
    int n = 0;
    for (const std::string& k : writer_store.list("db/wal/")) {
      n += k.find(".log") != std::string::npos ? 1 : 0;
    }
    return n;
  };
  const int chunks_before = wal_chunks();
  REQUIRE(chunks_before > 0);
  bool ran = false;
  hooked->Arm([&] {
    ran = true;
    REQUIRE(writer.db->Flush(FlushOptions()).ok());
    // The covered log's chunks leave the bucket (deletion delay 0).
    for (int i = 0; i < 500 && wal_chunks() >= chunks_before; i++) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  REQUIRE(replica.db->TryCatchUpWithPrimary().ok());
  CHECK(ran);
  CHECK(wal_chunks() < chunks_before);
  skyrocks_test::CheckKeys(replica.db.get(), 0, 200, "w");
  const CloudStoreCounts c = replica.cfs->GetStoreCounts();
  CHECK(c.puts == 0);
  CHECK(c.deletes == 0);
}

}  // namespace ROCKSDB_NAMESPACE
