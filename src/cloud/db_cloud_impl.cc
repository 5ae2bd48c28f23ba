// DBCloud (rocksdb/cloud/db_cloud.h): the open sequence around DB::Open,
// Savepoint, CheckpointToCloud and ListColumnFamilies, over the
// CloudFileSystemImpl of options.env; and the read replica
// (OpenAsSecondary): a secondary DBImpl whose TryCatchUpWithPrimary first
// fetches the bucket's state (CloudFileSystemImpl::CatchUpWithBucket),
// optionally on a thread of its own every replica_catch_up_interval_ms.
// Catch-ups run one at a time (catch_up_mu_); the thread is stopped before
// the DB closes.
#include <algorithm>
#include <chrono>
#include <thread>

#include "cloud/cloud_file_system_impl.h"
#include "db/filename.h"
#include "db/options_check.h"
#include "env/file_util.h"
#include "port/mutex.h"
#include "rocksdb/cloud/db_cloud.h"

namespace ROCKSDB_NAMESPACE {

namespace {

CloudFileSystemImpl* CloudFsOf(const DBOptions& options) {
  Env* env = options.env != nullptr ? options.env : Env::Default();
  return dynamic_cast<CloudFileSystemImpl*>(env->GetFileSystem().get());
}

Status NotCloudEnv() {
  return Status::InvalidArgument(
      "DBCloud: options.env is not over a CloudFileSystem",
      "use NewCompositeEnv(cloud_fs)");
}

// The SSTs among GetLiveFiles' names ("/000012.sst"), as physical names.
std::vector<std::string> LiveSstNames(CloudFileSystemImpl* cfs,
                                      const std::vector<std::string>& files) {
  std::vector<std::string> out;
  for (const std::string& f : files) {
    const std::string base = CloudBasename(f);
    if (ClassifyCloudFile(base) == CloudFileKind::kSst) {
      out.push_back(cfs->RemapFilename(base));
    }
  }
  return out;
}

class DBCloudImpl : public DBCloud {
 public:
  DBCloudImpl(DB* db, CloudFileSystemImpl* cfs) : DBCloud(db), cfs_(cfs) {}
  // A read replica; catch_up_ms > 0 starts its catch-up thread.
  DBCloudImpl(DB* db, CloudFileSystemImpl* cfs, uint64_t catch_up_ms)
      : DBCloud(db), cfs_(cfs), replica_(true) {
    if (catch_up_ms > 0) {
      catch_up_thread_ = std::thread([this, catch_up_ms] {
        while (!StoppedAfter(catch_up_ms)) {
          // A failure is retried at the next tick; TryCatchUpWithPrimary
          // reports its own.
          TryCatchUpWithPrimary().PermitUncheckedError();
        }
      });
    }
  }
  ~DBCloudImpl() override { StopCatchUp(); }

  Status Close() override {
    StopCatchUp();
    return db_->Close();
  }

  Status TryCatchUpWithPrimary() override {
    if (!replica_) return db_->TryCatchUpWithPrimary();
    port::MutexLock one_at_a_time(&catch_up_mu_);
    Status s = cfs_->CatchUpWithBucket();
    if (s.ok()) s = db_->TryCatchUpWithPrimary();
    return s;
  }

  Status Savepoint() override {
    if (!cfs_->HasDestBucket() || cfs_->SrcMatchesDest()) return Status::OK();
    Status s = db_->DisableFileDeletions();
    if (!s.ok()) return s;
    std::vector<std::string> files;
    uint64_t manifest_size = 0;
    s = db_->GetLiveFiles(files, &manifest_size, false);
    // Also what this DB's own clones read through it from its sources.
    std::vector<std::string> names = LiveSstNames(cfs_, files);
    if (s.ok()) s = cfs_->ReferencedByClones(&names);
    if (s.ok()) s = cfs_->CopyMissingToDest(names);
    // Every file it reads is in its own path now: the source may drop them.
    if (s.ok()) s = cfs_->ReleaseSourceReference();
    Status e = db_->EnableFileDeletions(false);
    return s.ok() ? e : s;
  }

  Status CheckpointToCloud(const BucketOptions& destination,
                           const CheckpointToCloudOptions& options) override {
    if (!destination.IsValid()) {
      return Status::InvalidArgument(
          "CheckpointToCloud: the destination needs a bucket and a path");
    }
    Status s = db_->DisableFileDeletions();
    if (!s.ok()) return s;
    s = Checkpoint(destination, options);
    Status e = db_->EnableFileDeletions(false);
    return s.ok() ? e : s;
  }

 private:
  Status Checkpoint(const BucketOptions& destination,
                    const CheckpointToCloudOptions& options) {
    std::vector<std::string> files;
    uint64_t manifest_size = 0;
    Status s = db_->GetLiveFiles(files, &manifest_size, options.flush_memtable);
    if (!s.ok()) return s;
    const std::string dir = db_->GetName();
    std::vector<std::pair<std::string, std::string>> uploads;
    for (const std::string& n : LiveSstNames(cfs_, files)) {
      uploads.emplace_back(dir + "/" + n, n);
    }
    uploads.emplace_back(dir + "/IDENTITY", "IDENTITY");
    s = cfs_->UploadToBucket(uploads, destination,
                             std::max(1, options.thread_count));
    if (!s.ok()) return s;
    // The MANIFEST as of GetLiveFiles, then the CLOUDMANIFEST naming it.
    const std::string manifest = cfs_->RemapFilename("MANIFEST");
    const std::string tmp = dir + "/" + manifest + ".checkpoint";
    FileSystem* base = cfs_->GetBaseFileSystem().get();
    IOStatus io =
        CopyFilePrefix(base, dir + "/" + manifest, tmp, manifest_size);
    if (!io.ok()) return std::move(io);
    const std::string cm =
        CloudManifestName(cfs_->GetCloudFileSystemOptions().new_cookie_on_open);
    s = cfs_->UploadToBucket({{tmp, manifest}}, destination, 1);
    if (s.ok())
      s = cfs_->UploadToBucket({{dir + "/" + cm, cm}}, destination, 1);
    base->DeleteFile(tmp, IOOptions(), nullptr).PermitUncheckedError();
    if (!s.ok()) return s;
    std::string id;
    s = db_->GetDbIdentity(id);
    if (s.ok()) {
      s = cfs_->SaveDbid(destination.GetBucketName(), id,
                         destination.GetObjectPath());
    }
    return s;
  }

  // True once StopCatchUp ran; else after waiting up to ms for it (a
  // spurious wake-up only brings a catch-up forward).
  bool StoppedAfter(uint64_t ms) {
    port::MutexLock l(&stop_mu_);
    if (!stop_) stop_cv_.TimedWaitMicros(ms * 1000);
    return stop_;
  }

  void StopCatchUp() {
    {
      port::MutexLock l(&stop_mu_);
      stop_ = true;
    }
    stop_cv_.SignalAll();
    if (catch_up_thread_.joinable()) catch_up_thread_.join();
  }

  CloudFileSystemImpl* cfs_;
  const bool replica_ = false;
  port::Mutex catch_up_mu_;
  port::Mutex stop_mu_;
  port::CondVar stop_cv_{&stop_mu_};
  bool stop_ SKYROCKS_GUARDED_BY(stop_mu_) = false;
  std::thread catch_up_thread_;
};

}  // namespace

Status DBCloud::Open(const Options& options, const std::string& local_dbname,
                     const std::string& persistent_cache_path,
                     const uint64_t persistent_cache_size_gb, DBCloud** dbptr,
                     bool read_only) {
  std::vector<ColumnFamilyDescriptor> cfs = {ColumnFamilyDescriptor(
      kDefaultColumnFamilyName, ColumnFamilyOptions(options))};
  std::vector<ColumnFamilyHandle*> handles;
  Status s = Open(options, local_dbname, cfs, persistent_cache_path,
                  persistent_cache_size_gb, &handles, dbptr, read_only);
  // The DB keeps its own default handle, as DB::Open.
  if (s.ok()) delete handles[0];
  return s;
}

Status DBCloud::Open(const Options& options, const std::string& local_dbname,
                     const std::vector<ColumnFamilyDescriptor>& column_families,
                     const std::string& /*persistent_cache_path*/,
                     const uint64_t /*persistent_cache_size_gb*/,
                     std::vector<ColumnFamilyHandle*>* handles, DBCloud** dbptr,
                     bool read_only) {
  *dbptr = nullptr;
  CloudFileSystemImpl* cfs = CloudFsOf(options);
  if (cfs == nullptr) return NotCloudEnv();
  // Before anything local or in the bucket changes.
  Status checked = CheckOptionsSupported(options, column_families);
  if (!checked.ok()) return checked;
  if (options.WAL_ttl_seconds != 0 || options.WAL_size_limit_MB != 0) {
    return Status::NotSupported(
        "WAL_ttl_seconds=" + std::to_string(options.WAL_ttl_seconds) +
            ", WAL_size_limit_MB=" + std::to_string(options.WAL_size_limit_MB),
        "a cloud DB does not archive WALs (only 0 is supported)");
  }
  if (options.statistics) cfs->SetStatistics(options.statistics);
  const CloudFileSystemOptions& copts = cfs->GetCloudFileSystemOptions();
  if (!read_only && copts.wal_in_bucket && cfs->HasDestBucket() &&
      options.recycle_log_file_num > 0) {
    return Status::NotSupported(
        "recycle_log_file_num > 0 with CloudFileSystemOptions::wal_in_bucket",
        "a recycled WAL rewrites bytes the bucket already holds");
  }
  bool new_db = false;
  // Once per file system (a CLOUDMANIFEST that ListColumnFamilies only
  // preloaded still needs the whole sequence: claim, roll, reference).
  if (!cfs->OpenSequenceDone()) {
    // WALs are written in wal_dir (if set); with wal_in_bucket their
    // bytes also go to the bucket.
    Status s = cfs->SanitizeAndLoad(local_dbname, read_only,
                                    WalDirFor(local_dbname, options.wal_dir));
    if (s.IsNotFound()) {
      if (read_only || !options.create_if_missing) {
        cfs->ReleaseClaim();
        return Status::NotFound(
            local_dbname,
            "the bucket path has no CLOUDMANIFEST and create_if_missing is "
            "false (or the open is read-only)");
      }
      new_db = true;
      s = cfs->CreateCloudManifest(local_dbname);
    }
    if (!s.ok()) return s;
  }
  DBOptions db_options(options);
  // The whole MANIFEST is uploaded on every sync: keep it small.
  db_options.max_manifest_file_size =
      std::min<uint64_t>(db_options.max_manifest_file_size, 4 << 20);
  DB* db = nullptr;
  Status s = read_only ? DB::OpenForReadOnly(db_options, local_dbname,
                                             column_families, handles, &db)
                       : DB::Open(db_options, local_dbname, column_families,
                                  handles, &db);
  if (!s.ok()) return s;
  if (new_db) {
    // Now the DB exists in the bucket.
    s = cfs->UploadCloudManifest(local_dbname);
    if (!s.ok()) {
      for (ColumnFamilyHandle* h : *handles) delete h;
      handles->clear();
      delete db;
      return s;
    }
  }
  cfs->OpenFinished();
  cfs->GetCloudFileSystemOptions().validate_filesize = false;
  *dbptr = new DBCloudImpl(db, cfs);
  return Status::OK();
}

Status DBCloud::OpenAsSecondary(const Options& options,
                                const std::string& local_dbname,
                                const std::string& secondary_path,
                                DBCloud** dbptr) {
  std::vector<ColumnFamilyHandle*> handles;
  Status s =
      OpenAsSecondary(options, local_dbname, secondary_path,
                      {ColumnFamilyDescriptor(kDefaultColumnFamilyName,
                                              ColumnFamilyOptions(options))},
                      &handles, dbptr);
  if (s.ok()) delete handles[0];  // the DB keeps its own default handle
  return s;
}

Status DBCloud::OpenAsSecondary(
    const Options& options, const std::string& local_dbname,
    const std::string& secondary_path,
    const std::vector<ColumnFamilyDescriptor>& column_families,
    std::vector<ColumnFamilyHandle*>* handles, DBCloud** dbptr) {
  *dbptr = nullptr;
  CloudFileSystemImpl* cfs = CloudFsOf(options);
  if (cfs == nullptr) return NotCloudEnv();
  Status s = CheckOptionsSupported(options, column_families);
  if (!s.ok()) return s;
  if (options.statistics) cfs->SetStatistics(options.statistics);
  if (!cfs->OpenSequenceDone()) {
    // Read-only: nothing is claimed, rolled, sealed or deleted.
    s = cfs->SanitizeAndLoad(local_dbname, true,
                             WalDirFor(local_dbname, options.wal_dir));
    if (s.IsNotFound()) {
      return Status::NotFound(local_dbname,
                              "the bucket path has no CLOUDMANIFEST (a "
                              "replica never creates a DB)");
    }
    if (!s.ok()) return s;
  }
  // The state the DB opens from, read as every catch-up reads it.
  s = cfs->CatchUpWithBucket();
  if (!s.ok()) return s;
  DB* db = nullptr;
  s = DB::OpenAsSecondary(DBOptions(options), local_dbname, secondary_path,
                          column_families, handles, &db);
  if (!s.ok()) return s;
  cfs->OpenFinished();
  cfs->GetCloudFileSystemOptions().validate_filesize = false;
  *dbptr = new DBCloudImpl(
      db, cfs, cfs->GetCloudFileSystemOptions().replica_catch_up_interval_ms);
  return Status::OK();
}

Status DBCloud::ListColumnFamilies(const DBOptions& db_options,
                                   const std::string& name,
                                   std::vector<std::string>* column_families) {
  CloudFileSystemImpl* cfs = CloudFsOf(db_options);
  if (cfs == nullptr) return NotCloudEnv();
  if (!cfs->HasCloudManifest()) {
    Status s = cfs->PreloadCloudManifest(name);
    if (!s.ok()) return s;
  }
  return DB::ListColumnFamilies(db_options, name, column_families);
}

}  // namespace ROCKSDB_NAMESPACE
