// The cloud file system: RocksDB-Cloud's API (names, options, defaults and
// bucket layout), so its programs and existing buckets work with skyrocks.
//
// A CloudFileSystem is a FileSystem that wraps a local one and mirrors the
// DB's durable files into a bucket: SSTs are uploaded when closed (as
// NNNNNN.sst-<epoch>), the MANIFEST on every sync (as MANIFEST-<epoch>),
// IDENTITY when it is created; a CLOUDMANIFEST (log format) maps file
// numbers to the epoch of the writer that made them. skyrocks adds the WAL
// (chunks under wal/, so acknowledged writes survive the machine) and a
// WRITER object that fences older writers of the path. Everything else
// (CURRENT, OPTIONS, LOCK) stays local. Object keys are
// "<object path>/<physical name>" with the leading '/' and doubled '/'
// removed, as the AWS SDK stores them for RocksDB-Cloud.
//
// src_bucket is where the DB is read from, dest_bucket where new files go;
// equal for an ordinary durable DB, different for a clone (reads fall back
// from dest to src; nothing of src is ever written or deleted), and dest
// left empty for an ephemeral clone (new files stay local).
//
// Open a DB on it with DBCloud::Open (rocksdb/cloud/db_cloud.h), through an
// Env from NewCompositeEnv(cloud_fs). One CloudFileSystem serves one DB.
// Factories: CloudFileSystemEnv::NewAwsFileSystem (S3 and S3-compatible
// stores; also spelled CloudFileSystem::NewAwsFileSystem) and
// NewLocalDirFileSystem (buckets are directories under a root). Errors
// name the bucket and object. Any of them also gives, through
// NewBucketFileSystem, a FileSystem whose files are the objects under a
// bucket path: BackupEngine's backup_env for backups in a bucket.
//
// Thread-safety: all methods may be called concurrently once the DB is
// open; the open-time methods (PreloadCloudManifest, MigrateFromPureRocksDB)
// run before it.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_CLOUD_CLOUD_FILE_SYSTEM_H_
#define SKYROCKS_INCLUDE_ROCKSDB_CLOUD_CLOUD_FILE_SYSTEM_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rocksdb/convenience.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class Logger;

enum class AwsAccessType {
  kUndefined,
  kSimple,
  kInstance,
  kTaskRole,
  kEnvironment,
  kConfig,
  kAnonymous
};

// Credentials for the S3 store. The default constructor reads
// ROCKSDB_AWS_ACCESS_TYPE, else takes AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
// (kEnvironment) when both are set. Left undefined, the S3 store's own
// chain applies (environment, web identity, ~/.aws profiles with roles and
// credential_process, container and EC2 instance roles).
class AwsCloudAccessCredentials {
 public:
  AwsCloudAccessCredentials();
  void InitializeSimple(const std::string& aws_access_key_id,
                        const std::string& aws_secret_key);
  // As above, for getenv() results: a null pointer leaves that part to the
  // environment instead of crashing.
  void InitializeSimple(const char* aws_access_key_id,
                        const char* aws_secret_key);
  void InitializeConfig(const std::string& aws_config_file);
  // InvalidArgument when kSimple lacks a key or secret (after the
  // environment fallback). kInstance and kTaskRole take the container's or
  // the EC2 instance's role, kAnonymous sends unsigned requests, kConfig
  // reads config_file (a credentials file) for the profile.
  Status HasValid() const;

  std::string access_key_id;
  std::string secret_key;
  std::string session_token;
  std::string config_file;
  AwsAccessType type = AwsAccessType::kUndefined;
};

// A bucket (prefix + name) and an object path inside it. The default
// constructor reads ROCKSDB_CLOUD_[TEST_]BUCKET_PREFIX (default
// "rockset."), ROCKSDB_CLOUD_[TEST_]BUCKET_NAME, ROCKSDB_CLOUD_OBJECT_PATH
// (and RocksDB-Cloud's misspelt ROCKSDB_CLOUD_TEST_OBECT_PATH) and
// ROCKSDB_CLOUD_[TEST_]REGION, as RocksDB-Cloud does.
class BucketOptions {
 public:
  BucketOptions();
  // A non-empty prefix replaces the current one.
  void SetBucketName(const std::string& bucket, const std::string& prefix = "");
  void SetBucketPrefix(const std::string& prefix);
  const std::string& GetBucketPrefix() const { return prefix_; }
  // full: prefix + name; else the name alone.
  std::string GetBucketName(bool full = true) const;
  const std::string& GetObjectPath() const { return object_; }
  void SetObjectPath(const std::string& object) { object_ = object; }
  const std::string& GetRegion() const { return region_; }
  void SetRegion(const std::string& region) { region_ = region; }
  // A bucket name and an object path are both set.
  bool IsValid() const;
  bool operator==(const BucketOptions& other) const;
  bool operator!=(const BucketOptions& other) const {
    return !(*this == other);
  }

 private:
  std::string bucket_;
  std::string prefix_;
  std::string object_;
  std::string region_;
};

struct CheckpointToCloudOptions {
  int thread_count = 8;
  bool flush_memtable = false;
};

// dbid -> object path.
typedef std::map<std::string, std::string> DbidList;

struct CloudFileSystemOptions {
  BucketOptions src_bucket;
  BucketOptions dest_bucket;
  AwsCloudAccessCredentials credentials;

  // true: SSTs stay on local disk after upload (the bucket is a replica);
  // false: reads are ranged GETs, and up to sst_file_cache_bytes of SSTs
  // are kept locally, least recently used out.
  bool keep_local_sst_files = false;
  // skyrocks: the local byte budget for SSTs when keep_local_sst_files is
  // false (0: none; every read is a ranged GET).
  uint64_t sst_file_cache_bytes = 0;
  // WALs are written locally (the Kafka/Kinesis WAL streams of
  // RocksDB-Cloud are not offered; false is refused). Where they are also
  // made durable is wal_in_bucket's business.
  bool keep_local_log_files = true;
  // skyrocks: a DB with a dest bucket stores its WAL in the bucket too
  // (objects under "<object path>/wal/"), so a reopen on another machine
  // loses no acknowledged write. A write with sync=true is acknowledged
  // once the bucket holds it; sync=false writes reach the bucket within
  // wal_flush_interval_ms (plus one upload). false: the WAL is local only,
  // as in RocksDB-Cloud, and a fresh machine sees only flushed data.
  bool wal_in_bucket = true;
  uint64_t wal_flush_interval_ms = 100;
  // An upload starts as soon as this many WAL bytes wait.
  uint64_t wal_flush_bytes = 1 << 20;
  // skyrocks: a read replica (DBCloud::OpenAsSecondary) catches up with
  // the bucket by itself every this many milliseconds, on a thread of its
  // own, besides on TryCatchUpWithPrimary; 0: only on TryCatchUpWithPrimary.
  // Its staleness is then at most this plus one catch-up (and the writer's
  // wal_flush_interval_ms for sync=false writes). Keep it well below
  // cloud_file_deletion_delay: the files a replica reads stay in the bucket
  // only that long after the writer drops them.
  uint64_t replica_catch_up_interval_ms = 0;
  // skyrocks: a read-write open claims the bucket path (the WRITER object)
  // with conditional writes, which fences any earlier writer. A store that
  // ignores conditional writes makes that open fail unless this is true;
  // then two writers of one path are not kept apart.
  bool allow_unfenced_writes = false;
  // During DBCloud::Open, an SST found locally must have the size of its
  // object.
  bool validate_filesize = true;
  bool create_bucket_if_missing = true;
  uint64_t request_timeout_ms = 0;  // 0: the store's default
  // Re-download CLOUDMANIFEST and MANIFEST at open (always when src == dest).
  bool resync_on_open = false;
  bool skip_dbid_verification = false;
  bool skip_cloud_files_in_getchildren = false;
  // Roll a new epoch on every writable open (read-only opens never roll).
  bool roll_cloud_manifest_on_open = true;
  // CLOUDMANIFEST-<cookie> to read at open, and to write when rolling.
  std::string cookie_on_open;
  std::string new_cookie_on_open;
  bool delete_cloud_invisible_files_on_open = true;
  // Cloud deletions run this long after the DB drops a file (an upload of
  // the same name cancels them); nullopt: at once.
  std::optional<std::chrono::seconds> cloud_file_deletion_delay =
      std::chrono::hours(1);
  // skyrocks: the store's endpoint (any provider), e.g.
  // "http://127.0.0.1:9000"; empty: the provider's environment and default.
  std::string endpoint_override;
  // Accepted for source compatibility; skyrocks has no background purger
  // (objects are deleted as the DB drops them).
  bool run_purger = false;
  uint64_t purger_periodicity_millis = 10 * 60 * 1000;
  int number_objects_listed_in_one_iteration = 5000;

  // "key=value; ..." with RocksDB-Cloud's keys (keep_local_sst_files,
  // src.bucket, src.prefix, src.object, src.region, dest.*, ...).
  Status Configure(const std::string& opts_str) {
    return Configure(ConfigOptions(), opts_str);
  }
  Status Serialize(std::string* result) const {
    return Serialize(ConfigOptions(), result);
  }
  // RocksDB-Cloud's signatures.
  Status Configure(const ConfigOptions& config_options,
                   const std::string& opts_str);
  Status Serialize(const ConfigOptions& config_options,
                   std::string* result) const;
};

// Request counts of the file system's object stores (src and dest).
struct CloudStoreCounts {
  uint64_t gets = 0, puts = 0, lists = 0, heads = 0, deletes = 0, copies = 0;
  uint64_t bytes_read = 0, bytes_written = 0;
};

// skyrocks: a garbage-collection pass over a DB's bucket path
// (CloudFileSystem::GarbageCollect; doc/cloud_layout.md, "Garbage
// collection").
struct CloudGcOptions {
  // Report what would be deleted and why; delete nothing.
  bool dry_run = false;
  // Also collect the clones that reference the path (and theirs).
  bool include_clones = true;
  // How long an object must have been unneeded before it is deleted;
  // nullopt: the file system's cloud_file_deletion_delay (0 if nullopt).
  std::optional<std::chrono::seconds> min_age;
  // A path with no CLOUDMANIFEST (a DB or clone being created) and a
  // reference of a clone that does not exist (yet) are left alone this
  // long after their last write.
  std::chrono::seconds creation_grace = std::chrono::minutes(10);
};

// An object the DB and its clones no longer need.
struct CloudGcObject {
  std::string bucket;
  std::string key;
  uint64_t size = 0;
  std::string reason;
  // Wall clock (microseconds since the epoch) from which it may go.
  uint64_t eligible_micros = 0;
  bool deleted = false;
};

struct CloudGcReport {
  // The paths looked at ("bucket/path").
  std::vector<std::string> paths;
  // Every unneeded object: deleted, or left (dry run, or not old enough).
  std::vector<CloudGcObject> garbage;
  // Bytes deleted (in a dry run: that would be deleted now).
  uint64_t bytes_reclaimed = 0;
  // Bytes unneeded but not old enough yet.
  uint64_t bytes_waiting = 0;
  uint64_t objects_kept = 0, bytes_kept = 0;
  // Paths or objects left alone, and why (a damaged path, say).
  std::vector<std::string> notes;
};

class CloudFileSystem : public FileSystem {
 public:
  static const char* kCloud() { return "cloud"; }
  static const char* kAws() { return "aws"; }

  // RocksDB-Cloud's older spelling of CloudFileSystemEnv::NewAwsFileSystem.
  static Status NewAwsFileSystem(const std::shared_ptr<FileSystem>& base_fs,
                                 const std::string& src_cloud_bucket,
                                 const std::string& src_cloud_object,
                                 const std::string& src_cloud_region,
                                 const std::string& dest_cloud_bucket,
                                 const std::string& dest_cloud_object,
                                 const std::string& dest_cloud_region,
                                 const CloudFileSystemOptions& cloud_options,
                                 const std::shared_ptr<Logger>& logger,
                                 CloudFileSystem** cfs);
  static Status NewAwsFileSystem(const std::shared_ptr<FileSystem>& base_fs,
                                 const CloudFileSystemOptions& cloud_options,
                                 const std::shared_ptr<Logger>& logger,
                                 CloudFileSystem** cfs);

  virtual const std::shared_ptr<FileSystem>& GetBaseFileSystem() const = 0;
  virtual const CloudFileSystemOptions& GetCloudFileSystemOptions() const = 0;
  virtual CloudFileSystemOptions& GetCloudFileSystemOptions() = 0;

  std::string GetSrcBucketName() const;
  std::string GetSrcObjectPath() const;
  bool HasSrcBucket() const;
  std::string GetDestBucketName() const;
  std::string GetDestObjectPath() const;
  bool HasDestBucket() const;
  bool SrcMatchesDest() const;

  // Fetches and loads the CLOUDMANIFEST into local_dbname (created), so
  // files can be resolved before the DB opens.
  virtual Status PreloadCloudManifest(const std::string& local_dbname) = 0;
  // Turns a plain RocksDB directory into a cloud DB directory: an
  // empty-epoch CLOUDMANIFEST, its MANIFEST renamed to MANIFEST; existing
  // SSTs keep their names and stay local. Then open it with DBCloud::Open.
  virtual Status MigrateFromPureRocksDB(const std::string& local_dbname) = 0;
  // Physical names of the live SSTs and of the MANIFEST, from the current
  // MANIFEST (downloaded if needed).
  virtual Status FindAllLiveFiles(const std::string& local_dbname,
                                  std::vector<std::string>* live_sst_files,
                                  std::string* manifest_file) = 0;
  // The current epoch (empty before the CLOUDMANIFEST is loaded).
  virtual std::string GetCurrentEpoch() const = 0;
  // The object the logical name (a path or basename) maps to.
  virtual std::string RemapFilename(const std::string& logical) const = 0;

  // The dbid registry (.rockset/dbid/<dbid> in a bucket).
  virtual Status SaveDbid(const std::string& bucket, const std::string& dbid,
                          const std::string& dirname) = 0;
  virtual Status GetPathForDbid(const std::string& bucket,
                                const std::string& dbid,
                                std::string* dirname) = 0;
  virtual Status GetDbidList(const std::string& bucket, DbidList* dblist) = 0;
  virtual Status DeleteDbid(const std::string& bucket,
                            const std::string& dbid) = 0;

  virtual CloudStoreCounts GetStoreCounts() const = 0;

  // skyrocks: deletes from the dest path the objects that no current
  // MANIFEST of the DB, nor any clone referencing it, needs: SSTs and WAL
  // objects the DB dropped, files of fenced or failed writers, MANIFESTs
  // of past epochs, and a dropped DB's objects. Safe while writers and
  // clones run (a running writer's own files are its business) and if
  // killed at any point (a later pass finishes). A path it cannot read
  // safely (damaged) is left alone and named in report->notes.
  virtual Status GarbageCollect(const CloudGcOptions& options,
                                CloudGcReport* report) = 0;
  // skyrocks: drops the DB at the dest path: fences its writer, removes
  // its CLOUDMANIFEST (so it no longer opens), then releases what it
  // references in its sources. Its objects stay for GarbageCollect, which
  // keeps those that clones of it still reference.
  virtual Status DropDatabase() = 0;
  // skyrocks: a FileSystem whose files are objects: the file named P is
  // the object "<bucket's object path>/<P>" (leading and doubled '/'
  // dropped) in bucket.GetBucketName() (prefix included), reached through
  // this file system's provider, endpoint and credentials, and created if
  // missing when create_bucket_if_missing. It is independent of the DB
  // buckets above: with NewCompositeEnv it is the backup_env that puts a
  // BackupEngine's backups of any DB (a plain local one too) in a bucket,
  // to be restored on another machine. A written file becomes its object
  // only on Close (staged meanwhile in $TMPDIR, else /tmp, of the base
  // file system), whole or not at all; RenameFile copies then deletes, so
  // the target appears whole; directories are prefixes. Calls with no
  // object meaning (LinkFile, LockFile, ReopenWritableFile) are
  // NotSupported; errors name the bucket and object. See
  // doc/backup_format.md, "Backups in a bucket".
  virtual Status NewBucketFileSystem(const BucketOptions& bucket,
                                     std::shared_ptr<FileSystem>* fs) = 0;
};

class CloudFileSystemEnv {
 public:
  // S3 and S3-compatible stores. Non-empty bucket (a suffix: the options'
  // prefix applies), object and region arguments override the options'.
  // The endpoint is options.endpoint_override, else AWS_ENDPOINT_URL_S3 /
  // AWS_ENDPOINT_URL, else AWS; credentials options.credentials, else the
  // AWS environment and ~/.aws files. A "file:///dir" endpoint keeps the
  // buckets as directories under /dir (the local-directory store), so an
  // S3 program runs unchanged without a network.
  static Status NewAwsFileSystem(const std::shared_ptr<FileSystem>& base_fs,
                                 const std::string& src_cloud_bucket,
                                 const std::string& src_cloud_object,
                                 const std::string& src_cloud_region,
                                 const std::string& dest_cloud_bucket,
                                 const std::string& dest_cloud_object,
                                 const std::string& dest_cloud_region,
                                 const CloudFileSystemOptions& cloud_options,
                                 const std::shared_ptr<Logger>& logger,
                                 CloudFileSystem** cfs);
  static Status NewAwsFileSystem(const std::shared_ptr<FileSystem>& base_fs,
                                 const CloudFileSystemOptions& cloud_options,
                                 const std::shared_ptr<Logger>& logger,
                                 CloudFileSystem** cfs);
  // skyrocks: Google Cloud Storage. Bucket names are used as given (with
  // the options' prefix); the endpoint is options.endpoint_override, else
  // STORAGE_EMULATOR_HOST (no auth, as Google's libraries), else Google;
  // application default credentials: GOOGLE_APPLICATION_CREDENTIALS (a
  // service account or authorized_user file), gcloud's
  // application_default_credentials.json, else the GCE metadata server.
  static Status NewGcsFileSystem(const std::shared_ptr<FileSystem>& base_fs,
                                 const CloudFileSystemOptions& cloud_options,
                                 const std::shared_ptr<Logger>& logger,
                                 CloudFileSystem** cfs);
  // skyrocks: Azure Blob Storage; a bucket is a container. Account, key or
  // SAS from AZURE_STORAGE_CONNECTION_STRING (UseDevelopmentStorage=true
  // for Azurite), else AZURE_STORAGE_ACCOUNT / AZURE_STORAGE_KEY /
  // AZURE_STORAGE_SAS_TOKEN; options.endpoint_override wins.
  static Status NewAzureFileSystem(const std::shared_ptr<FileSystem>& base_fs,
                                   const CloudFileSystemOptions& cloud_options,
                                   const std::shared_ptr<Logger>& logger,
                                   CloudFileSystem** cfs);
  // skyrocks: buckets are directories under root_dir (created as needed);
  // the embedded default, durable as the disk under root_dir is.
  static Status NewLocalDirFileSystem(
      const std::shared_ptr<FileSystem>& base_fs, const std::string& root_dir,
      const CloudFileSystemOptions& cloud_options,
      const std::shared_ptr<Logger>& logger, CloudFileSystem** cfs);

  static std::unique_ptr<Env> NewCompositeEnv(
      const std::shared_ptr<FileSystem>& fs) {
    return ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
  }
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_CLOUD_CLOUD_FILE_SYSTEM_H_
