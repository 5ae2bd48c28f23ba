// Writer fencing and the bucket WAL's building blocks, on the local-directory
// store (cloud/writer_fence.h, cloud/bucket_wal.h):
// * WriterFence: a newer claim fences the older writer (sticky, naming the
//   new owner); a store that ignores conditional writes is refused unless
//   allowed; Release removes a WRITER the claim created.
// * BucketWal: bytes become chunk objects that read back whole; a sync
//   waiter is released only after the fence check; a gap, an overlap and
//   a short chunk are Corruption naming the object; a fenced writer's
//   appends fail.
// * DBCloud: sync writes survive on a fresh directory without a flush; a
//   second writer fences the first (its writes fail with IOFenced naming
//   the new writer) and every write either acknowledged is there after a
//   reopen; a gap in the bucket WAL fails the open naming it.
// * Reads are checked: a GET body shorter than the object (called
//   complete) fails the open instead of loading an older MANIFEST, and a
//   short ranged SST read is an IOError, tried again first.
#include <atomic>
#include <chrono>
#include <thread>
#include <memory>
#include <string>
#include <vector>

#include "cloud/bucket_wal.h"
#include "cloud/cloud_file_system_impl.h"
#include "cloud/writer_fence.h"
#include <doctest/doctest.h>
#include "rocksdb/cloud/db_cloud.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

std::shared_ptr<ObjectStore> LocalDir(const std::string& dir) {
  std::unique_ptr<ObjectStore> s;
  REQUIRE(NewLocalDirStore(dir, &s).ok());
  return std::shared_ptr<ObjectStore>(s.release());
}

// A store that drops every precondition (as some S3-compatible servers
// do), or cuts every GET body short when `short_reads`.
class CarelessStore : public ObjectStore {
 public:
  explicit CarelessStore(std::shared_ptr<ObjectStore> base)
      : base_(std::move(base)) {}
  const char* Name() const override { return "careless"; }
  IOStatus Get(const std::string& k, std::string* d) override {
    IOStatus s = base_->Get(k, d);
    if (s.ok() && short_reads && !d->empty()) d->pop_back();
    return s;
  }
  IOStatus GetRange(const std::string& k, uint64_t o, size_t n,
                    std::string* d) override {
    IOStatus s = base_->GetRange(k, o, n, d);
    if (s.ok() && short_ranges && d->size() > 1) d->resize(d->size() / 2);
    return s;
  }
  IOStatus Put(const std::string& k, const Slice& d, const PutOptions& o,
               ObjectMeta* m) override {
    return base_->Put(k, d, ignore_conditions ? PutOptions() : o, m);
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
  std::atomic<bool> ignore_conditions{true};
  std::atomic<bool> short_reads{false};
  std::atomic<bool> short_ranges{false};

 private:
  std::shared_ptr<ObjectStore> base_;
};

// A DBCloud over one shared store (a bucket path "db").
struct Writer {
  std::shared_ptr<FileSystem> fs;
  std::unique_ptr<Env> env;
  std::unique_ptr<DBCloud> db;
  Status status;
  std::string epoch;

  void Open(std::shared_ptr<ObjectStore> store, const std::string& local,
            bool create = true, bool keep_local = true) {
    CloudFileSystemOptions co;
    co.keep_local_sst_files = keep_local;
    co.src_bucket.SetBucketName("bucket", "");
    co.src_bucket.SetBucketPrefix("");
    co.src_bucket.SetObjectPath("db");
    co.dest_bucket = co.src_bucket;
    co.cloud_file_deletion_delay = std::nullopt;
    CloudFileSystem* cfs = nullptr;
    status = CloudFileSystemImpl::Create(
        FileSystem::Default(), co,
        [store](const std::string&, const std::string&,
                std::shared_ptr<ObjectStore>* s) {
          *s = store;
          return IOStatus::OK();
        },
        "test-localdir", &cfs);
    if (!status.ok()) return;
    fs.reset(cfs);
    env = NewCompositeEnv(fs);
    Options o;
    o.env = env.get();
    o.create_if_missing = create;
    DBCloud* raw = nullptr;
    status = DBCloud::Open(o, local, "", 0, &raw);
    db.reset(raw);
    if (status.ok()) epoch = cfs->GetCurrentEpoch();
  }
  void Close() {
    db.reset();
    env.reset();
    fs.reset();
  }
};

WriteOptions Sync(bool sync) {
  WriteOptions w;
  w.sync = sync;
  return w;
}

}  // namespace

TEST_CASE("writer fence: a newer claim fences the older writer") {
  skyrocks_test::TempDir tmp;
  auto store = LocalDir(tmp.Sub("bucket"));
  WriterFence a(store, "db/WRITER", "bucket b object db/WRITER");
  WriterFence b(store, "db/WRITER", "bucket b object db/WRITER");
  REQUIRE(a.Claim("aaaa", false).ok());
  CHECK(a.Check().ok());
  REQUIRE(b.Claim("bbbb", false).ok());
  CHECK(b.Check().ok());
  IOStatus s = a.Check();
  CHECK(s.IsIOFenced());
  CHECK_MESSAGE(s.ToString().find("bbbb") != std::string::npos, s.ToString());
  CHECK_MESSAGE(s.ToString().find("db/WRITER") != std::string::npos,
                s.ToString());
  // Sticky, even if the newer writer's object went away.
  REQUIRE(store->Delete("db/WRITER").ok());
  CHECK(a.Check().IsIOFenced());
  CHECK(b.Check().IsIOFenced());  // its claim is gone too

  // Release deletes only a WRITER its claim created.
  WriterFence c(store, "db2/WRITER", "w");
  REQUIRE(c.Claim("cccc", false).ok());
  c.Release();
  ObjectMeta m;
  CHECK(store->Head("db2/WRITER", &m).IsNotFound());
  WriterFence d(store, "db/WRITER", "w");
  REQUIRE(store->Put("db/WRITER", "writer zzzz\n", PutOptions()).ok());
  REQUIRE(d.Claim("dddd", false).ok());
  d.Release();
  CHECK(store->Head("db/WRITER", &m).ok());
}

TEST_CASE("writer fence: a store that ignores conditional writes is refused") {
  skyrocks_test::TempDir tmp;
  auto careless = std::make_shared<CarelessStore>(LocalDir(tmp.Sub("bucket")));
  for (bool exists : {false, true}) {
    CAPTURE(exists);
    WriterFence f(careless, "db/WRITER", "bucket b object db/WRITER");
    IOStatus s = f.Claim("aaaa", false);
    CHECK(s.IsNotSupported());
    CHECK_MESSAGE(s.ToString().find("allow_unfenced_writes") !=
                      std::string::npos,
                  s.ToString());
  }
  WriterFence f(careless, "db/WRITER", "w");
  CHECK(f.Claim("aaaa", true).ok());
  CHECK(f.Check().ok());
  // And a DB refuses to open for writing on it, naming the option.
  Writer w;
  w.Open(careless, tmp.Sub("db"));
  CHECK(w.status.IsNotSupported());
  CHECK(w.status.ToString().find("allow_unfenced_writes") != std::string::npos);
}

TEST_CASE("bucket wal: chunks read back whole; gaps and short chunks are errors") {
  skyrocks_test::TempDir tmp;
  auto store = LocalDir(tmp.Sub("bucket"));
  std::atomic<int> checks{0};
  IOStatus fence;  // what the fence check answers
  std::string log12;
  {
    BucketWalOptions o;
    o.flush_interval_ms = 10000;  // only sync waiters make uploads here
    BucketWal wal(store, "db", "bucket b", o,
                  [&]() {
                    checks++;
                    return fence;
                  },
                  nullptr);
    uint64_t t = 0;
    for (int i = 0; i < 5; i++) {
      const std::string rec(100 + i, static_cast<char>('a' + i));
      REQUIRE(wal.Append(12, "e1", log12.size(), rec, &t).ok());
      log12 += rec;
      REQUIRE(wal.WaitStored(t).ok());
    }
    CHECK(checks.load() == 5);  // each round confirmed by the fence
    CHECK(wal.TakeChunks(12).size() == 5);
    // Fenced: the waiter gets the fence, later appends fail.
    fence = IOStatus::IOFenced("test fence");
    REQUIRE(wal.Append(13, "e1", 0, "xyz", &t).ok());
    CHECK(wal.WaitStored(t).IsIOFenced());
    CHECK(wal.Append(13, "e1", 3, "more", &t).IsIOFenced());
  }
  std::vector<BucketWalLog> logs;
  REQUIRE(ListBucketWals(store.get(), "db", "bucket b", &logs).ok());
  REQUIRE(logs.size() == 2);  // 12, and 13's chunk stored before the fence
  CHECK(logs[0].number == 12);
  CHECK(logs[0].epoch == "e1");
  std::string back;
  REQUIRE(ReadBucketWal(store.get(), "bucket b", logs[0], &back).ok());
  CHECK(back == log12);
  // A short body: retried, then Corruption naming the chunk.
  auto careless = std::make_shared<CarelessStore>(store);
  careless->ignore_conditions = false;
  careless->short_reads = true;
  IOStatus s = ReadBucketWal(careless.get(), "bucket b", logs[0], &back);
  CHECK(s.IsCorruption());
  CHECK_MESSAGE(s.ToString().find(logs[0].chunks[0].key) != std::string::npos,
                s.ToString());
  // A gap that more chunks follow than a writer has in flight: the
  // missing bytes are named.
  REQUIRE(store->Delete(logs[0].chunks[0].key).ok());
  REQUIRE(ListBucketWals(store.get(), "db", "bucket b", &logs).ok());
  REQUIRE(logs[0].chunks.size() == kMaxWalChunksInFlight);
  s = ReadBucketWal(store.get(), "bucket b", logs[0], &back);
  CHECK(s.IsCorruption());
  CHECK_MESSAGE(s.ToString().find("gap") != std::string::npos, s.ToString());
  CHECK_MESSAGE(s.ToString().find(logs[0].chunks[0].key) != std::string::npos,
                s.ToString());
  // A name that is not a chunk's is Corruption naming it.
  REQUIRE(store->Put("db/wal/junk", "x", PutOptions()).ok());
  s = ListBucketWals(store.get(), "db", "bucket b", &logs);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("db/wal/junk") != std::string::npos);
}

TEST_CASE("bucket wal: a log ends at its seal or where only chunks in "
          "flight follow a gap") {
  skyrocks_test::TempDir tmp;
  auto store = LocalDir(tmp.Sub("bucket"));
  // Chunks of log 7 (epoch e) at these offsets, 10 bytes each (0: a seal).
  auto put = [&](uint64_t offset, size_t size) {
    REQUIRE(store->Put(ObjectKey("db", BucketWalChunkName(7, "e", offset)),
                       std::string(size, 'x'), PutOptions())
                .ok());
  };
  auto list = [&]() {
    std::vector<BucketWalLog> logs;
    REQUIRE(ListBucketWals(store.get(), "db", "b", &logs).ok());
    REQUIRE(logs.size() == 1);
    return logs[0];
  };
  auto clear = [&]() {
    std::vector<ObjectMeta> all;
    REQUIRE(store->List("db/", &all).ok());
    for (const ObjectMeta& o : all) REQUIRE(store->Delete(o.key).ok());
  };
  std::string back;
  SUBCASE("a gap three chunks follow: the writer stopped there") {
    put(0, 10);
    put(10, 10);
    for (uint64_t off : {30, 40, 50}) put(off, 10);
    BucketWalLog log = list();
    CHECK(log.chunks.size() == 2);
    CHECK(log.beyond.size() == 3);
    CHECK(log.size == 20);
    REQUIRE(ReadBucketWal(store.get(), "b", log, &back).ok());
    CHECK(back.size() == 20);
  }
  SUBCASE("a gap four chunks follow: bytes were lost") {
    put(0, 10);
    for (uint64_t off : {20, 30, 40, 50}) put(off, 10);
    BucketWalLog log = list();
    CHECK(log.beyond.empty());
    IOStatus s = ReadBucketWal(store.get(), "b", log, &back);
    CHECK(s.IsCorruption());
    CHECK_MESSAGE(s.ToString().find("gap") != std::string::npos, s.ToString());
  }
  SUBCASE("nothing after a seal counts") {
    put(0, 10);
    put(10, 0);
    put(20, 10);
    put(30, 10);
    BucketWalLog log = list();
    CHECK(log.chunks.size() == 2);
    CHECK(log.beyond.size() == 2);
    CHECK(log.size == 10);
    // Sealing again where it ends is refused: it is sealed there.
    CHECK(SealBucketWal(store.get(), "db", log).IsIOFenced());
  }
  SUBCASE("a seal goes where the contiguous chunks end") {
    put(0, 10);
    put(20, 10);
    BucketWalLog log = list();
    REQUIRE(SealBucketWal(store.get(), "db", log).ok());
    // The writer's late chunk (created only if absent): its offset is taken.
    PutOptions create;
    create.if_none_match = true;
    CHECK(store->Put(ObjectKey("db", BucketWalChunkName(7, "e", 10)),
                     std::string(10, 'x'), create)
              .IsIOFenced());
    log = list();
    CHECK(log.size == 10);
    CHECK(log.chunks.back().size == 0);
  }
  clear();
}

TEST_CASE("bucket wal: bytes no one waits for go up within the interval") {
  skyrocks_test::TempDir tmp;
  auto store = LocalDir(tmp.Sub("bucket"));
  BucketWalOptions o;
  o.flush_interval_ms = 50;
  BucketWal wal(store, "db", "bucket b", o, nullptr, nullptr);
  uint64_t t = 0, offset = 0;
  for (int burst = 0; burst < 3; burst++) {
    // After the uploader went idle, a lone sync=false append.
    REQUIRE(wal.Append(7, "e", offset, "abc", &t).ok());
    offset += 3;
    const auto start = std::chrono::steady_clock::now();
    size_t chunks = 0;
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(2)) {
      std::vector<ObjectMeta> objects;
      REQUIRE(store->List("db/wal/", &objects).ok());
      chunks = objects.size();
      if (chunks == static_cast<size_t>(burst + 1)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(chunks == static_cast<size_t>(burst + 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

TEST_CASE("bucket wal: sync writes survive on a fresh directory; a second "
          "writer fences the first") {
  skyrocks_test::TempDir tmp;
  auto store = LocalDir(tmp.Sub("bucket"));
  Writer a;
  a.Open(store, tmp.Sub("a"));
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  for (int i = 0; i < 100; i++) {
    REQUIRE(a.db->Put(Sync(i % 2 == 0), "a" + std::to_string(i), "va").ok());
  }
  REQUIRE(a.db->Put(Sync(true), "a-last", "va").ok());
  // B opens the same path on another directory while A still runs: it has
  // every write A acknowledged (sync, or followed by a sync), unflushed.
  Writer b;
  b.Open(store, tmp.Sub("b"), false);
  REQUIRE_MESSAGE(b.status.ok(), b.status.ToString());
  std::string v;
  for (int i = 0; i < 100; i++) {
    REQUIRE_MESSAGE(b.db->Get(ReadOptions(), "a" + std::to_string(i), &v).ok(),
                    i);
  }
  CHECK(b.db->Get(ReadOptions(), "a-last", &v).ok());
  // A is fenced: its next write fails, naming B's claim, and so do later
  // ones (sync or not); nothing it wrote after the fence is acknowledged.
  Status s = a.db->Put(Sync(true), "a-after", "x");
  CHECK(s.IsIOFenced());
  CHECK_MESSAGE(s.ToString().find(b.epoch) != std::string::npos, s.ToString());
  CHECK_FALSE(a.db->Put(Sync(false), "a-after2", "x").ok());
  CHECK_FALSE(a.db->Flush(FlushOptions()).ok());
  for (int i = 0; i < 50; i++) {
    REQUIRE(b.db->Put(Sync(true), "b" + std::to_string(i), "vb").ok());
  }
  a.Close();
  b.Close();
  // A third open (fresh directory) has both writers' acknowledged writes.
  Writer c;
  c.Open(store, tmp.Sub("c"), false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  for (int i = 0; i < 100; i++) {
    CHECK(c.db->Get(ReadOptions(), "a" + std::to_string(i), &v).ok());
  }
  for (int i = 0; i < 50; i++) {
    CHECK(c.db->Get(ReadOptions(), "b" + std::to_string(i), &v).ok());
  }
  CHECK(c.db->Get(ReadOptions(), "a-after", &v).IsNotFound());
  c.Close();
  // A reopen on A's old directory (not the last writer there) replays
  // nothing of A's local WALs: B's writes are there, A's unacknowledged
  // ones are not.
  a.Open(store, tmp.Sub("a"), false);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  CHECK(a.db->Get(ReadOptions(), "b49", &v).ok());
  CHECK(a.db->Get(ReadOptions(), "a-after2", &v).IsNotFound());
}

TEST_CASE("bucket wal: a gap in the bucket's WAL fails the open, naming it") {
  skyrocks_test::TempDir tmp;
  auto store = LocalDir(tmp.Sub("bucket"));
  Writer a;
  a.Open(store, tmp.Sub("a"));
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  for (int i = 0; i < 8; i++) {
    REQUIRE(a.db->Put(Sync(true), "k" + std::to_string(i), "v").ok());
  }
  a.Close();
  std::vector<BucketWalLog> logs;
  REQUIRE(ListBucketWals(store.get(), "db", "b", &logs).ok());
  REQUIRE(!logs.empty());
  // More chunks follow the gap than a writer has in flight.
  REQUIRE(logs.back().chunks.size() >= 2 + kMaxWalChunksInFlight);
  REQUIRE(store->Delete(logs.back().chunks[1].key).ok());
  Writer b;
  b.Open(store, tmp.Sub("b"), false);
  CHECK(b.status.IsCorruption());
  CHECK_MESSAGE(b.status.ToString().find(logs.back().chunks[2].key) !=
                    std::string::npos,
                b.status.ToString());
}

TEST_CASE("bucket reads: a body cut short is never trusted") {
  skyrocks_test::TempDir tmp;
  auto store = LocalDir(tmp.Sub("bucket"));
  auto careless = std::make_shared<CarelessStore>(store);
  careless->ignore_conditions = false;
  Writer a;
  a.Open(careless, tmp.Sub("a"), true, false);
  REQUIRE_MESSAGE(a.status.ok(), a.status.ToString());
  for (int i = 0; i < 2000; i++) {
    REQUIRE(a.db->Put(WriteOptions(), "k" + std::to_string(i),
                      std::string(100, 'v'))
                .ok());
  }
  REQUIRE(a.db->Flush(FlushOptions()).ok());
  a.Close();
  // Whole-object reads (CLOUDMANIFEST, MANIFEST) cut short: the open
  // fails, naming the object, and uploads nothing older.
  careless->short_reads = true;
  Writer b;
  b.Open(careless, tmp.Sub("b"), false, false);
  CHECK_FALSE(b.status.ok());
  CHECK_MESSAGE(b.status.ToString().find("short or changed read") !=
                    std::string::npos,
                b.status.ToString());
  b.Close();
  careless->short_reads = false;
  // Ranged SST reads cut short: an IOError, not Corruption or a miss.
  Writer c;
  c.Open(careless, tmp.Sub("c"), false, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  careless->short_ranges = true;
  std::string v;
  Status s = c.db->Get(ReadOptions(), "k5", &v);
  CHECK(s.IsIOError());
  CHECK_MESSAGE(s.ToString().find("short read") != std::string::npos,
                s.ToString());
  careless->short_ranges = false;
  CHECK(c.db->Get(ReadOptions(), "k5", &v).ok());
}

}  // namespace ROCKSDB_NAMESPACE
