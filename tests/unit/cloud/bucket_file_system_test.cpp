// BucketFileSystem (cloud/bucket_file_system.h) and its use as a
// BackupEngine's backup_env: a plain local DB backed up incrementally into
// a bucket path (the local-directory store, and S3 on the emulator),
// verified, purged and restored on a fresh directory after the DB is gone;
// librocksdb 7.8.3 restores the same layout copied out of the bucket; an
// upload failing midway leaves no visible backup and the next one
// succeeds; a file becomes its object only on Close.
#include "cloud/bucket_file_system.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cloud_test_stores.h"
#include "rocksdb/cloud/cloud_file_system.h"
#include "rocksdb/db.h"
#include "rocksdb/utilities/backup_engine.h"
#include "support/s3_emulator.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Fails every Put, PutFrom and Copy once `allowed` more have gone through
// (negative: never), with a retryable-looking IOError naming the key.
class UploadGateStore : public ObjectStore {
 public:
  explicit UploadGateStore(std::shared_ptr<ObjectStore> inner)
      : inner_(std::move(inner)) {}
  void FailAfter(int allowed) { allowed_ = allowed; }
  int failures() const { return failures_; }

  const char* Name() const override { return inner_->Name(); }
  IOStatus Get(const std::string& key, std::string* data) override {
    return inner_->Get(key, data);
  }
  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    return inner_->GetRange(key, offset, n, data);
  }
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    IOStatus s = Gate("PUT", key);
    return s.ok() ? inner_->Put(key, data, opts, meta) : s;
  }
  IOStatus PutFrom(const std::string& key, const PutSource& source,
                   const PutOptions& opts, ObjectMeta* meta) override {
    IOStatus s = Gate("PUT", key);
    return s.ok() ? inner_->PutFrom(key, source, opts, meta) : s;
  }
  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
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
  IOStatus Copy(const std::string& src, const std::string& dst) override {
    IOStatus s = Gate("COPY", dst);
    return s.ok() ? inner_->Copy(src, dst) : s;
  }

 private:
  IOStatus Gate(const char* op, const std::string& key) {
    if (allowed_.load() < 0) return IOStatus::OK();
    if (allowed_.fetch_sub(1) > 0) return IOStatus::OK();
    allowed_ = 0;
    failures_++;
    return IOStatus::IOError(std::string("injected ") + op + " failure", key);
  }

  std::shared_ptr<ObjectStore> inner_;
  std::atomic<int> allowed_{-1};
  std::atomic<int> failures_{0};
};

// Objects whose key starts with prefix.
using CountObjects = std::function<size_t(const std::string& prefix)>;

CountObjects CountIn(std::shared_ptr<ObjectStore> store) {
  return [store](const std::string& prefix) {
    std::vector<ObjectMeta> objects;
    REQUIRE(store->List(prefix, &objects).ok());
    return objects.size();
  };
}

void PutKeysAndFlush(DB* db, int first, int count) {
  for (int i = first; i < first + count; i++) {
    REQUIRE(db->Put(WriteOptions(), "k" + std::to_string(i),
                    "v" + std::to_string(i))
                .ok());
  }
  REQUIRE(db->Flush(FlushOptions()).ok());
}

std::unique_ptr<DB> OpenPlainDb(const std::string& dir) {
  Options options;
  options.create_if_missing = true;
  options.disable_auto_compactions = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(options, dir, &raw).ok());
  return std::unique_ptr<DB>(raw);
}

// Every key of [0, count) with its value, and no more.
void CheckRestoredDb(const std::string& dir, int count) {
  std::unique_ptr<DB> db = OpenPlainDb(dir);
  for (int i = 0; i < count; i++) {
    std::string v;
    INFO("key k" << i << " in " << dir);
    REQUIRE(db->Get(ReadOptions(), "k" + std::to_string(i), &v).ok());
    CHECK(v == "v" + std::to_string(i));
  }
  std::unique_ptr<Iterator> it(db->NewIterator(ReadOptions()));
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
  CHECK(n == count);
}

std::unique_ptr<BackupEngine> OpenBackupEngine(Env* backup_env) {
  BackupEngine* e = nullptr;
  REQUIRE(BackupEngine::Open(Env::Default(),
                             BackupEngineOptions("/backups/db1", backup_env),
                             &e)
              .ok());
  return std::unique_ptr<BackupEngine>(e);
}

// Two backups (the second uploads only the new SST), verified; the DB
// deleted; restored by a fresh read-only engine; purged to one backup.
// `objects` counts the bucket's objects (the file system's root is
// "<root>", the backup directory /backups/db1 below it).
void ScenarioBackupToBucket(const std::shared_ptr<FileSystem>& bucket_fs,
                            const std::string& root,
                            const CountObjects& objects) {
  skyrocks_test::TempDir dir;
  const std::string bk = root + "/backups/db1/";
  std::unique_ptr<Env> env = CloudFileSystemEnv::NewCompositeEnv(bucket_fs);
  std::unique_ptr<DB> db = OpenPlainDb(dir.Sub("db"));
  PutKeysAndFlush(db.get(), 0, 100);
  PutKeysAndFlush(db.get(), 100, 100);
  {
    std::unique_ptr<BackupEngine> be = OpenBackupEngine(env.get());
    BackupID id = 0;
    REQUIRE(be->CreateNewBackup(CreateBackupOptions(), db.get(), &id).ok());
    CHECK(id == 1);
  }
  CHECK(objects(bk + "shared_checksum/") == 2);
  CHECK(objects(bk + "meta/") == 1);
  CHECK(objects(bk + "private/1/") == 3);  // MANIFEST, CURRENT, OPTIONS
  CHECK(objects(bk + "private/1.tmp/") == 0);
  PutKeysAndFlush(db.get(), 200, 100);
  {
    std::unique_ptr<BackupEngine> be = OpenBackupEngine(env.get());
    BackupID id = 0;
    REQUIRE(be->CreateNewBackup(CreateBackupOptions(), db.get(), &id).ok());
    CHECK(id == 2);
    CHECK(be->VerifyBackup(1, true).ok());
    CHECK(be->VerifyBackup(2, true).ok());
    std::vector<BackupInfo> infos;
    be->GetBackupInfo(&infos, true);
    REQUIRE(infos.size() == 2);
    CHECK(infos[1].number_files == infos[0].number_files + 1);
  }
  CHECK(objects(bk + "shared_checksum/") == 3);  // one new SST uploaded
  CHECK(objects(bk + "meta/") == 2);
  db.reset();
  std::filesystem::remove_all(dir.Sub("db"));

  {
    BackupEngineReadOnly* ro = nullptr;
    REQUIRE(
        BackupEngineReadOnly::Open(
            Env::Default(), BackupEngineOptions("/backups/db1", env.get()), &ro)
            .ok());
    std::unique_ptr<BackupEngineReadOnly> be(ro);
    REQUIRE(be->RestoreDBFromBackup(RestoreOptions(), 1, dir.Sub("r1"),
                                    dir.Sub("r1"))
                .ok());
    REQUIRE(be->RestoreDBFromLatestBackup(RestoreOptions(), dir.Sub("r2"),
                                          dir.Sub("r2"))
                .ok());
  }
  CheckRestoredDb(dir.Sub("r1"), 200);
  CheckRestoredDb(dir.Sub("r2"), 300);

  {
    std::unique_ptr<BackupEngine> be = OpenBackupEngine(env.get());
    REQUIRE(be->PurgeOldBackups(1).ok());
    std::vector<BackupInfo> infos;
    be->GetBackupInfo(&infos);
    REQUIRE(infos.size() == 1);
    CHECK(infos[0].backup_id == 2);
    CHECK(be->VerifyBackup(2, true).ok());
    REQUIRE(be->RestoreDBFromLatestBackup(RestoreOptions(), dir.Sub("r3"),
                                          dir.Sub("r3"))
                .ok());
  }
  CHECK(objects(bk + "meta/") == 1);
  CHECK(objects(bk + "private/1/") == 0);
  CHECK(objects(bk + "shared_checksum/") == 3);  // backup 2 uses them all
  CheckRestoredDb(dir.Sub("r3"), 300);
}

// A backup whose uploads fail after `allowed` of them leaves no backup and
// no object of its own; the next backup gets the failed one's id.
void ScenarioBackupFailsMidway(const std::shared_ptr<ObjectStore>& inner,
                               const std::string& bucket) {
  skyrocks_test::TempDir dir;
  auto gate = std::make_shared<UploadGateStore>(inner);
  std::shared_ptr<FileSystem> fs;
  REQUIRE(NewBucketFileSystem(gate, bucket, "midway", FileSystem::Default(),
                              dir.Sub("staging"), &fs)
              .ok());
  const CountObjects objects = CountIn(inner);
  std::unique_ptr<Env> env = CloudFileSystemEnv::NewCompositeEnv(fs);
  std::unique_ptr<DB> db = OpenPlainDb(dir.Sub("db"));
  PutKeysAndFlush(db.get(), 0, 100);
  {
    std::unique_ptr<BackupEngine> be = OpenBackupEngine(env.get());
    REQUIRE(be->CreateNewBackup(db.get()).ok());
  }
  PutKeysAndFlush(db.get(), 100, 100);
  PutKeysAndFlush(db.get(), 200, 100);
  const size_t before = objects("midway/");
  // Failing at each upload or copy in turn, until one goes through.
  BackupID id = 0;
  int allowed = 0;
  for (;; allowed++) {
    CAPTURE(allowed);
    REQUIRE(allowed < 100);
    std::unique_ptr<BackupEngine> be = OpenBackupEngine(env.get());
    gate->FailAfter(allowed);
    IOStatus s = be->CreateNewBackup(CreateBackupOptions(), db.get(), &id);
    gate->FailAfter(-1);
    if (s.ok()) break;
    CHECK(s.ToString().find("injected") != std::string::npos);
    CHECK(s.ToString().find("midway/backups/db1/") != std::string::npos);
    std::vector<BackupInfo> infos;
    be->GetBackupInfo(&infos);
    CHECK(infos.size() == 1);
    be.reset();
    // What it uploaded is gone: the bucket is as before.
    CHECK(objects("midway/") == before);
    CHECK(objects("midway/backups/db1/meta/") == 1);
    // Another engine sees one backup, and it is whole.
    be = OpenBackupEngine(env.get());
    be->GetBackupInfo(&infos);
    CHECK(infos.size() == 1);
    CHECK(be->VerifyBackup(1, true).ok());
  }
  // CURRENT, the MANIFEST, OPTIONS, two SSTs and the meta file, each a PUT
  // and most a COPY: every one of them was a failure point.
  CHECK(allowed >= 10);
  CHECK(gate->failures() >= allowed);
  // The later backup is number 2 (the failed ones used no id).
  std::unique_ptr<BackupEngine> be = OpenBackupEngine(env.get());
  CHECK(id == 2);
  CHECK(be->VerifyBackup(2, true).ok());
  CHECK(objects("midway/backups/db1/shared_checksum/") == 3);
  db.reset();
  REQUIRE(be->RestoreDBFromLatestBackup(RestoreOptions(), dir.Sub("r"),
                                        dir.Sub("r"))
              .ok());
  CheckRestoredDb(dir.Sub("r"), 300);
  // Staged files are gone once uploaded or failed.
  std::vector<std::string> staged;
  REQUIRE(FileSystem::Default()
              ->GetChildren(dir.Sub("staging"), IOOptions(), &staged, nullptr)
              .ok());
  CHECK(staged.empty());
}

}  // namespace

TEST_CASE("bucket fs: a file is its object only once closed") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<ObjectStore> raw;
  REQUIRE(NewLocalDirStore(dir.Sub("bucket"), &raw).ok());
  std::shared_ptr<ObjectStore> inner(raw.release());
  auto gate = std::make_shared<UploadGateStore>(inner);
  std::shared_ptr<FileSystem> fs;
  REQUIRE(NewBucketFileSystem(gate, "b1", "/root//p/", FileSystem::Default(),
                              dir.Sub("staging"), &fs)
              .ok());
  const IOOptions io;
  std::unique_ptr<FSWritableFile> f;
  REQUIRE(fs->NewWritableFile("/d/f", FileOptions(), &f, nullptr).ok());
  REQUIRE(f->Append("hello ", io, nullptr).ok());
  REQUIRE(f->Sync(io, nullptr).ok());
  REQUIRE(f->Append("world", io, nullptr).ok());
  CHECK(fs->FileExists("/d/f", io, nullptr).IsNotFound());
  CHECK(fs->FileExists("/d", io, nullptr).IsNotFound());
  CHECK(CountIn(inner)("") == 0);
  REQUIRE(f->Close(io, nullptr).ok());
  std::string data;
  REQUIRE(inner->Get("root/p/d/f", &data).ok());
  CHECK(data == "hello world");
  CHECK(fs->FileExists("d/f", io, nullptr).ok());
  bool is_dir = true;
  REQUIRE(fs->IsDirectory("/d/f", io, &is_dir, nullptr).ok());
  CHECK(!is_dir);
  REQUIRE(fs->IsDirectory("/d", io, &is_dir, nullptr).ok());
  CHECK(is_dir);
  uint64_t size = 0;
  REQUIRE(fs->GetFileSize("/d/f", io, &size, nullptr).ok());
  CHECK(size == 11);

  // Reads are ranged.
  std::unique_ptr<FSRandomAccessFile> r;
  REQUIRE(fs->NewRandomAccessFile("/d/f", FileOptions(), &r, nullptr).ok());
  char scratch[16];
  Slice got;
  REQUIRE(r->Read(6, 16, io, &got, scratch, nullptr).ok());
  CHECK(got.ToString() == "world");
  std::unique_ptr<FSSequentialFile> sq;
  REQUIRE(fs->NewSequentialFile("/d/f", FileOptions(), &sq, nullptr).ok());
  REQUIRE(sq->Read(5, io, &got, scratch, nullptr).ok());
  CHECK(got.ToString() == "hello");
  REQUIRE(sq->Skip(1).ok());
  REQUIRE(sq->Read(16, io, &got, scratch, nullptr).ok());
  CHECK(got.ToString() == "world");
  REQUIRE(sq->Read(16, io, &got, scratch, nullptr).ok());
  CHECK(got.empty());

  // A file dropped unclosed, or whose upload fails, leaves no object.
  REQUIRE(fs->NewWritableFile("/d/dropped", FileOptions(), &f, nullptr).ok());
  REQUIRE(f->Append("x", io, nullptr).ok());
  f.reset();
  REQUIRE(fs->NewWritableFile("/d/failed", FileOptions(), &f, nullptr).ok());
  REQUIRE(f->Append("x", io, nullptr).ok());
  gate->FailAfter(0);
  IOStatus s = f->Close(io, nullptr);
  gate->FailAfter(-1);
  CHECK(s.IsIOError());
  CHECK(s.ToString().find("b1/root/p/d/failed") != std::string::npos);
  CHECK(CountIn(inner)("") == 1);
  std::vector<std::string> staged;
  REQUIRE(FileSystem::Default()
              ->GetChildren(dir.Sub("staging"), io, &staged, nullptr)
              .ok());
  CHECK(staged.empty());

  // Rename: the target whole, then the source gone; a failed copy keeps
  // the source and makes no target.
  gate->FailAfter(0);
  CHECK(!fs->RenameFile("/d/f", "/e/g", io, nullptr).ok());
  gate->FailAfter(-1);
  CHECK(fs->FileExists("/d/f", io, nullptr).ok());
  CHECK(fs->FileExists("/e/g", io, nullptr).IsNotFound());
  REQUIRE(fs->RenameFile("/d/f", "/e/g", io, nullptr).ok());
  CHECK(fs->FileExists("/d/f", io, nullptr).IsNotFound());
  REQUIRE(inner->Get("root/p/e/g", &data).ok());
  CHECK(data == "hello world");

  // Directories are prefixes.
  REQUIRE(fs->CreateDirIfMissing("/e/h", io, nullptr).ok());
  REQUIRE(inner->Put("root/p/e/h/i", "1", PutOptions()).ok());
  std::vector<std::string> children;
  REQUIRE(fs->GetChildren("/e", io, &children, nullptr).ok());
  std::sort(children.begin(), children.end());
  CHECK(children == std::vector<std::string>{"g", "h"});
  s = fs->DeleteDir("/e", io, nullptr);
  CHECK(s.IsIOError());
  CHECK(s.ToString().find("b1/root/p/e") != std::string::npos);
  REQUIRE(fs->DeleteFile("/e/g", io, nullptr).ok());
  REQUIRE(fs->DeleteFile("/e/h/i", io, nullptr).ok());
  CHECK(fs->DeleteDir("/e", io, nullptr).ok());
  CHECK(fs->FileExists("/e", io, nullptr).IsNotFound());

  // Errors name the object; calls without an object meaning are refused.
  s = fs->GetFileSize("/nope", io, &size, nullptr);
  CHECK(s.IsNotFound());
  CHECK(s.ToString().find("b1/root/p/nope") != std::string::npos);
  CHECK(
      fs->NewSequentialFile("/nope", FileOptions(), &sq, nullptr).IsNotFound());
  s = fs->LinkFile("/d/f", "/d/g", io, nullptr);
  CHECK(s.IsNotSupported());
  CHECK(s.ToString().find("LinkFile") != std::string::npos);
  s = fs->ReopenWritableFile("/d/f", FileOptions(), &f, nullptr);
  CHECK(s.IsNotSupported());
  CHECK(s.ToString().find("ReopenWritableFile") != std::string::npos);
}

TEST_CASE("bucket fs: backups of a local DB in a local-directory bucket") {
  skyrocks_test::TempDir dir;
  CloudFileSystemOptions options;
  options.src_bucket.SetBucketName("");
  options.dest_bucket.SetBucketName("");
  CloudFileSystem* raw = nullptr;
  REQUIRE(CloudFileSystemEnv::NewLocalDirFileSystem(
              FileSystem::Default(), dir.Sub("root"), options, nullptr, &raw)
              .ok());
  std::unique_ptr<CloudFileSystem> cfs(raw);
  BucketOptions where;
  where.SetBucketPrefix("");
  where.SetBucketName("backups-bucket");
  where.SetObjectPath("team/a");
  std::shared_ptr<FileSystem> bucket_fs;
  REQUIRE(cfs->NewBucketFileSystem(where, &bucket_fs).ok());
  cfs.reset();  // the bucket file system stands alone
  std::unique_ptr<ObjectStore> inspect;
  REQUIRE(NewLocalDirStore(dir.Sub("root/backups-bucket"), &inspect).ok());
  ScenarioBackupToBucket(
      bucket_fs, "team/a",
      CountIn(std::shared_ptr<ObjectStore>(inspect.release())));

  // librocksdb 7.8.3 restores the bucket's layout copied to a directory.
  std::filesystem::copy(dir.Sub("root/backups-bucket/team/a/backups/db1"),
                        dir.Sub("copy"),
                        std::filesystem::copy_options::recursive);
  std::string out;
  const int rc = skyrocks_test::RunCommand(
      skyrocks_test::BuildDir() + "/oracle/backup_diff restore " +
          dir.Sub("copy") + " 0 " + dir.Sub("oracle_restored"),
      &out);
  INFO(out);
  REQUIRE(rc == 0);
  CHECK(out.find("keys 300\n") != std::string::npos);
}

TEST_CASE("bucket fs: an upload failing midway leaves no backup (local)") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<ObjectStore> raw;
  REQUIRE(NewLocalDirStore(dir.Sub("bucket"), &raw).ok());
  ScenarioBackupFailsMidway(std::shared_ptr<ObjectStore>(raw.release()),
                            "bucket");
}

TEST_CASE("bucket fs (s3): backups of a local DB in an S3 bucket") {
  skyrocks_test::S3Emulator emu;
  if (S3EmulatorMissing(emu)) return;
  CloudFileSystemOptions options;
  options.src_bucket.SetBucketName("");
  options.dest_bucket.SetBucketName("");
  options.endpoint_override = emu.endpoint();
  options.credentials.InitializeSimple(std::string("S3RVER"),
                                       std::string("S3RVER"));
  CloudFileSystem* raw = nullptr;
  REQUIRE(CloudFileSystemEnv::NewAwsFileSystem(FileSystem::Default(), options,
                                               nullptr, &raw)
              .ok());
  std::unique_ptr<CloudFileSystem> cfs(raw);
  BucketOptions where;
  where.SetBucketPrefix("");
  where.SetBucketName("skyrocks-backups");
  where.SetObjectPath("team/a");
  where.SetRegion(kS3TestRegion);
  std::shared_ptr<FileSystem> bucket_fs;
  REQUIRE(cfs->NewBucketFileSystem(where, &bucket_fs).ok());

  S3StoreOptions so;
  so.bucket = "skyrocks-backups";
  so.region = kS3TestRegion;
  so.endpoint = emu.endpoint();
  so.credentials = AwsCredentials{"S3RVER", "S3RVER", ""};
  std::unique_ptr<ObjectStore> inspect;
  REQUIRE(NewS3Store(so, &inspect).ok());
  std::shared_ptr<ObjectStore> store(inspect.release());
  ScenarioBackupToBucket(bucket_fs, "team/a", CountIn(store));
  ScenarioBackupFailsMidway(store, "skyrocks-backups");
}

}  // namespace ROCKSDB_NAMESPACE
