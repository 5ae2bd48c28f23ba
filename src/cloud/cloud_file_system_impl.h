// CloudFileSystemImpl: the CloudFileSystem (rocksdb/cloud/cloud_file_system.h)
// over a base (local) FileSystem and the object stores of the src and dest
// buckets.
//
// Routing by file kind (cloud/cloud_names.h), logical name -> physical name
// through the loaded CLOUDMANIFEST:
//   SST       written locally, uploaded to dest on Close (then dropped
//             locally unless keep_local_sst_files or the SST cache keeps
//             it); read locally if present, else downloaded (keep_local) or
//             read with ranged GETs; deleted locally and, after
//             cloud_file_deletion_delay, in dest (never in src).
//   MANIFEST  every logical MANIFEST-N is MANIFEST-<epoch>; a new one is
//             written beside the old (".tmp") and renamed over it on its
//             first Sync; uploaded whole on every Sync; DeleteFile is a
//             no-op (the name is shared).
//   IDENTITY  uploaded (and the dbid registered) when renamed into place.
//   WAL       NNNNNN.log in the DB's wal_dir: written locally and, with
//             wal_in_bucket and a dest, every byte also handed to the
//             BucketWal (cloud/bucket_wal.h); a sync waits until the bucket
//             holds it. Deleting the WAL deletes its chunks (delayed).
//   other     local only.
// A read-write open with a dest claims the bucket path (WriterFence,
// cloud/writer_fence.h): MANIFEST uploads, WAL chunks and deletions are
// confirmed against the claim, and the CLOUDMANIFEST is replaced only
// over the version this open loaded.
// GetChildren of the DB directory adds the bucket listings (src and dest)
// while the DB opens, with epochs stripped and invisible files (names the
// CLOUDMANIFEST does not map to) dropped; afterwards it is local only, so
// a flush does not cost a LIST.
//
// The open-time sequence (sanitize, load CLOUDMANIFEST, roll epoch) lives
// in cloud/cloud_fs_open.cc; the file classes in cloud/cloud_fs_files.cc.
// Thread-safe.
#ifndef SKYROCKS_CLOUD_CLOUD_FILE_SYSTEM_IMPL_H_
#define SKYROCKS_CLOUD_CLOUD_FILE_SYSTEM_IMPL_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cloud/bucket_wal.h"
#include "cloud/clone_refs.h"
#include "cloud/cloud_manifest.h"
#include "cloud/cloud_names.h"
#include "cloud/deletion_scheduler.h"
#include "cloud/object_store.h"
#include "cloud/sst_file_cache.h"
#include "cloud/writer_fence.h"
#include "port/mutex.h"
#include "port/thread_annotations.h"
#include "rocksdb/cloud/cloud_file_system.h"

namespace ROCKSDB_NAMESPACE {

// Opens the store of a bucket (name with prefix, region).
using ObjectStoreFactory =
    std::function<IOStatus(const std::string& bucket, const std::string& region,
                           std::shared_ptr<ObjectStore>* store)>;

class CloudFileSystemImpl : public CloudFileSystem {
 public:
  // Opens the src and dest stores through factory; InvalidArgument when a
  // bucket has a name but no object path, or an option is unsupported.
  static Status Create(const std::shared_ptr<FileSystem>& base,
                       const CloudFileSystemOptions& options,
                       ObjectStoreFactory factory, const char* provider_name,
                       CloudFileSystem** result);
  ~CloudFileSystemImpl() override;

  const char* Name() const override { return provider_name_; }

  // --- FileSystem --------------------------------------------------------
  IOStatus NewSequentialFile(const std::string& f, const FileOptions& o,
                             std::unique_ptr<FSSequentialFile>* r,
                             IODebugContext* dbg) override;
  IOStatus NewRandomAccessFile(const std::string& f, const FileOptions& o,
                               std::unique_ptr<FSRandomAccessFile>* r,
                               IODebugContext* dbg) override;
  IOStatus NewWritableFile(const std::string& f, const FileOptions& o,
                           std::unique_ptr<FSWritableFile>* r,
                           IODebugContext* dbg) override;
  IOStatus ReopenWritableFile(const std::string& f, const FileOptions& o,
                              std::unique_ptr<FSWritableFile>* r,
                              IODebugContext* dbg) override;
  IOStatus NewDirectory(const std::string& n, const IOOptions& o,
                        std::unique_ptr<FSDirectory>* r,
                        IODebugContext* dbg) override {
    return base_->NewDirectory(n, o, r, dbg);
  }
  IOStatus FileExists(const std::string& f, const IOOptions& o,
                      IODebugContext* dbg) override;
  IOStatus GetChildren(const std::string& d, const IOOptions& o,
                       std::vector<std::string>* r,
                       IODebugContext* dbg) override;
  IOStatus DeleteFile(const std::string& f, const IOOptions& o,
                      IODebugContext* dbg) override;
  IOStatus CreateDir(const std::string& d, const IOOptions& o,
                     IODebugContext* dbg) override {
    return base_->CreateDir(d, o, dbg);
  }
  IOStatus CreateDirIfMissing(const std::string& d, const IOOptions& o,
                              IODebugContext* dbg) override {
    return base_->CreateDirIfMissing(d, o, dbg);
  }
  IOStatus DeleteDir(const std::string& d, const IOOptions& o,
                     IODebugContext* dbg) override {
    return base_->DeleteDir(d, o, dbg);
  }
  IOStatus GetFileSize(const std::string& f, const IOOptions& o, uint64_t* s,
                       IODebugContext* dbg) override;
  IOStatus GetFileModificationTime(const std::string& f, const IOOptions& o,
                                   uint64_t* t, IODebugContext* dbg) override;
  IOStatus RenameFile(const std::string& s, const std::string& t,
                      const IOOptions& o, IODebugContext* dbg) override;
  IOStatus LinkFile(const std::string& s, const std::string& t,
                    const IOOptions& o, IODebugContext* dbg) override;
  IOStatus LockFile(const std::string& f, const IOOptions& o, FileLock** l,
                    IODebugContext* dbg) override {
    return base_->LockFile(f, o, l, dbg);
  }
  IOStatus UnlockFile(FileLock* l, const IOOptions& o,
                      IODebugContext* dbg) override {
    return base_->UnlockFile(l, o, dbg);
  }
  IOStatus GetAbsolutePath(const std::string& p, const IOOptions& o,
                           std::string* out, IODebugContext* dbg) override {
    return base_->GetAbsolutePath(p, o, out, dbg);
  }
  IOStatus IsDirectory(const std::string& p, const IOOptions& o, bool* d,
                       IODebugContext* dbg) override {
    return base_->IsDirectory(p, o, d, dbg);
  }

  // --- CloudFileSystem ---------------------------------------------------
  const std::shared_ptr<FileSystem>& GetBaseFileSystem() const override {
    return base_;
  }
  const CloudFileSystemOptions& GetCloudFileSystemOptions() const override {
    return opts_;
  }
  CloudFileSystemOptions& GetCloudFileSystemOptions() override { return opts_; }
  Status PreloadCloudManifest(const std::string& local_dbname) override;
  Status MigrateFromPureRocksDB(const std::string& local_dbname) override;
  Status FindAllLiveFiles(const std::string& local_dbname,
                          std::vector<std::string>* live_sst_files,
                          std::string* manifest_file) override;
  std::string GetCurrentEpoch() const override;
  std::string RemapFilename(const std::string& logical) const override;
  Status SaveDbid(const std::string& bucket, const std::string& dbid,
                  const std::string& dirname) override;
  Status GetPathForDbid(const std::string& bucket, const std::string& dbid,
                        std::string* dirname) override;
  Status GetDbidList(const std::string& bucket, DbidList* dblist) override;
  Status DeleteDbid(const std::string& bucket,
                    const std::string& dbid) override;
  CloudStoreCounts GetStoreCounts() const override;
  // cloud_fs_gc.cc
  Status GarbageCollect(const CloudGcOptions& options,
                        CloudGcReport* report) override;
  Status DropDatabase() override;
  Status NewBucketFileSystem(const BucketOptions& bucket,
                             std::shared_ptr<FileSystem>* fs) override;

  // --- For DBCloud (cloud/db_cloud_impl.cc) -------------------------------
  // The open sequence before DB::Open: sanitize local_dbname against the
  // buckets, load the CLOUDMANIFEST (NotFound: the bucket path holds no
  // DB), roll a new epoch unless read_only. wal_dir: where the DB's WALs
  // are (DBOptions::wal_dir resolved); a local directory that is reset to
  // the bucket's state loses its WALs there too.
  Status SanitizeAndLoad(const std::string& local_dbname, bool read_only,
                         const std::string& wal_dir);
  // A brand-new DB: a fresh epoch, written locally.
  Status CreateCloudManifest(const std::string& local_dbname);
  // PUTs the local CLOUDMANIFEST[-new_cookie_on_open] to dest, replacing
  // only the version this open loaded (creating it if there was none).
  Status UploadCloudManifest(const std::string& local_dbname);
  bool HasCloudManifest() const;
  // The open sequence (SanitizeAndLoad, or CreateCloudManifest) ran: a
  // CLOUDMANIFEST loaded only by PreloadCloudManifest does not count (the
  // path is not claimed, the epoch not rolled, a clone not referenced).
  bool OpenSequenceDone() const { return open_sequence_done_; }
  // The open found no DB and will not create one: gives up the path's
  // claim (deleting WRITER if this open created it) and the bucket WAL.
  void ReleaseClaim();
  // A read replica (cloud_fs_replica.cc): brings the local directory and
  // wal_dir to the state of the bucket path it follows (dest, else src):
  // the CLOUDMANIFEST, its current MANIFEST, and the WAL logs that MANIFEST
  // still needs, read again until the CLOUDMANIFEST and MANIFEST did not
  // change while the WAL was read. GET, HEAD and LIST only. REQUIRES: one
  // call at a time, SanitizeAndLoad(read_only) done.
  Status CatchUpWithBucket();
  // The DB finished opening: GetChildren stops listing the buckets.
  void OpenFinished() { listing_buckets_ = false; }
  // The requests of the source and destination stores also go to stats
  // (a DB's DBOptions::statistics; SKYROCKS_CLOUD_* tickers).
  void SetStatistics(const std::shared_ptr<Statistics>& stats) {
    if (src_store_) src_store_->SetStatistics(stats);
    if (dest_store_ && dest_store_ != src_store_) dest_store_->SetStatistics(stats);
  }
  // This clone no longer reads src (a savepoint copied what it needs):
  // deletes its reference in src (cloud/clone_refs.h).
  Status ReleaseSourceReference();
  // Copies each object of names that dest lacks into dest, from the first
  // source (src, then src's sources) that has it.
  Status CopyMissingToDest(const std::vector<std::string>& names);
  // The names dest's clones reference (cloud/clone_refs.h).
  Status ReferencedByClones(std::vector<std::string>* names);
  // Uploads (local path, object name) pairs to destination's path with
  // `threads` uploads at a time; a file not kept locally is read from the
  // bucket.
  Status UploadToBucket(
      const std::vector<std::pair<std::string, std::string>>& files,
      const BucketOptions& destination, int threads);

  // --- For the file classes (cloud/cloud_fs_files.cc) ---------------------
  // PUTs the local file at local_path as dest object `name`, cancelling a
  // pending deletion of it.
  // put: the PUT's preconditions; *meta (optional): the new object's.
  IOStatus UploadFile(const std::string& local_path, const std::string& name,
                      const PutOptions& put = PutOptions(),
                      ObjectMeta* meta = nullptr);
  // The same with the bytes in hand (local_path names them in errors).
  IOStatus UploadData(const std::string& local_path, const std::string& name,
                      const Slice& data, const PutOptions& put = PutOptions(),
                      ObjectMeta* meta = nullptr);
  IOStatus UploadFrom(const std::string& local_path, const std::string& name,
                      const PutSource& source, const PutOptions& put,
                      ObjectMeta* meta);
  // Reads [offset, offset+n) of object `name` (dest, then src, then src's
  // sources). *where (optional): the read location to try first (an
  // index; a clone's SST lives in src, so its reads skip dest's 404),
  // set to the one that answered.
  IOStatus ReadObjectRange(const std::string& name, uint64_t offset, size_t n,
                           std::string* data,
                           std::atomic<size_t>* where = nullptr);
  // The read location where the open-time listing found SST `name` (0,
  // dest, when unknown): where its ranged reads go first.
  size_t SstLocation(const std::string& name) const;
  // After an SST's upload: keep the local copy (in the cache) or drop it.
  void SstUploaded(const std::string& local_path, uint64_t size);
  SstFileCache* sst_cache() { return sst_cache_.get(); }
  // OK while this writer owns the bucket path, and for opens that claim
  // nothing (read-only, no dest); IOFenced once a newer writer claimed it.
  IOStatus CheckFence();

 private:
  CloudFileSystemImpl(const std::shared_ptr<FileSystem>& base,
                      const CloudFileSystemOptions& options,
                      ObjectStoreFactory factory, const char* provider_name);

  // Where objects are read from, in order: dest, src, then the sources
  // of src (a clone of a clone reads its grandparent's files).
  struct Location {
    std::shared_ptr<ObjectStore> store;
    std::string bucket;
    std::string path;
  };
  std::shared_ptr<const std::vector<Location>> ReadLocations() const;
  // Reads the chain of sources of this path (src's CLONE_SOURCES for a
  // clone of src, dest's own otherwise) into the read locations and, for a
  // durable clone opened for writing, records it in dest's CLONE_SOURCES
  // (skyrocks' own object; RocksDB-Cloud ignores it).
  Status LoadCloneSources(bool read_only);

  // cloud_file_deletion_delay in microseconds (0 for nullopt).
  uint64_t DeletionDelayMicros() const;
  bool has_src() const { return src_store_ != nullptr; }
  bool has_dest() const { return dest_store_ != nullptr; }
  // dir + "/" + physical name of the basename of fname.
  std::string LocalPath(const std::string& fname) const;
  // HEAD of object `name`: dest first, then src (when different).
  IOStatus HeadObject(const std::string& name, ObjectMeta* meta);
  // Readies a cloud file for reading: *remote_size is kLocalCopy when
  // `local` is there (present, or downloaded now), else the object's size
  // (an SST read with ranged GETs; from sst_sizes_ when known, else a
  // HEAD).
  static constexpr uint64_t kLocalCopy = UINT64_MAX;
  IOStatus PrepareRead(const std::string& local, CloudFileKind kind,
                       uint64_t* remote_size);
  // The whole object `name` (dest, then src).
  IOStatus GetObject(const std::string& name, std::string* data);
  IOStatus GetObjectToSink(const std::string& name, ObjectSink* sink);
  // Downloads object `name` (dest, then src) to local_path, streamed into a
  // temp file of the base file system renamed over it;
  // *meta (optional): the object's, as checked against the body.
  IOStatus Download(const std::string& name, const std::string& local_path,
                    ObjectMeta* meta = nullptr);
  // A clone being made: records in src which of src's objects it reads
  // (cloud/clone_refs.h), then checks src did not change meanwhile
  // (TryAgain if it did).
  Status ReferenceSource(const std::string& local_dbname);
  IOStatus ListBucketNames(std::vector<std::string>* names);
  IOStatus StoreForBucket(const std::string& bucket, const std::string& region,
                          std::shared_ptr<ObjectStore>* store);
  std::string ObjectError(const std::string& what,
                          const std::string& name) const;

  // cloud_fs_replica.cc: the WAL logs `manifest` (a local path) still
  // needs, from the followed path into wal_dir (new chunks only, for a log
  // fetched before); other local WALs deleted.
  Status FetchReplicaWals(ObjectStore* store, const std::string& path,
                          const std::string& where, const std::string& wal_dir,
                          const std::string& manifest);

  // cloud_fs_open.cc
  Status NeedsReinitialization(const std::string& local_dbname, bool* reinit);
  Status ReinitializeLocalDir(const std::string& local_dbname,
                              const std::string& wal_dir);
  Status FetchCloudManifest(const std::string& local_dbname, bool resync);
  // Fetches the CLOUDMANIFEST (*loaded_epoch: its current epoch), checks a
  // path without one, loads the clone sources and, for a writable open,
  // deletes invisible files and rolls to `epoch`. NotFound: a new DB.
  Status LoadAndRoll(const std::string& local_dbname, bool read_only,
                     const std::string& wal_dir, bool resync,
                     const std::string& epoch, std::string* loaded_epoch);
  // Whether dest's MANIFEST `name` names no table file (downloaded beside
  // local_dbname to read it).
  Status ManifestNamesNoFiles(const std::string& local_dbname,
                              const std::string& name, bool* empty);
  // Deletes (after the delay) dest's invisible files, counted from their
  // upload, and the SSTs the loaded MANIFEST no longer names, counted from
  // its upload (a restart does not start their delay over).
  Status DeleteInvisibleFiles(const std::string& local_dbname);
  Status RollNewEpoch(const std::string& local_dbname,
                      const std::string& epoch);
  // Claims dest's path for writer `epoch` and starts the bucket WAL.
  Status ClaimPath(const std::string& epoch);
  // Before the roll to new_epoch: seals the WAL logs of the writer this
  // open fenced, and copies those the roll gives to new_epoch there.
  Status AdoptBucketWals(const std::string& local_dbname,
                         const std::string& new_epoch);
  // Brings wal_dir's WALs to the bucket's (see cloud_fs_open.cc).
  Status RestoreBucketWal(const std::string& wal_dir, bool read_only,
                          bool last_writer);
  // Deletes dest objects `names` after the deletion delay (at once when it
  // is nullopt, if this writer is not fenced).
  IOStatus DeleteFromDest(std::vector<std::string> names);
  // The same for an object found in a listing: the delay counts from
  // mtime_micros (when it was written, or went obsolete), not from now.
  void DeleteAgedFromDest(const std::string& name, uint64_t mtime_micros);
  // Deletes now, unless this writer is fenced or a clone references an
  // object (then it is looked at again later): one fence check and one
  // look at the references for all of them.
  IOStatus DeleteNowFromDest(std::vector<std::string> names);
  // Removes from *names what clones reference (rescheduled); false when
  // nothing may be deleted now (fenced, or the references unreadable).
  bool KeepReferenced(std::vector<std::string>* names);
  static constexpr uint64_t kReferencedRecheckMicros = 10ull * 1000 * 1000;
  // Whether f is a WAL of this DB (in its wal_dir); *number its number.
  bool IsDbWal(const std::string& f, uint64_t* number) const;
  Status ReadBucketObject(bool from_dest, const std::string& name,
                          std::string* data);
  void SetCloudManifest(std::unique_ptr<CloudManifest> cm);

  std::shared_ptr<FileSystem> base_;
  CloudFileSystemOptions opts_;
  ObjectStoreFactory factory_;
  const char* provider_name_;
  std::shared_ptr<ObjectStore> src_store_, dest_store_;
  std::string src_path_, dest_path_;  // object paths
  std::unique_ptr<DeletionScheduler> deletions_;
  // Set while the DB opens (before any other thread uses them).
  std::unique_ptr<WriterFence> fence_;
  std::unique_ptr<BucketWal> bucket_wal_;
  std::unique_ptr<CloneRefs> refs_;  // clones' references to dest's objects
  std::atomic<uint64_t> manifest_uploads_{0};
  port::Mutex refs_mu_;
  // manifest_uploads_ at the LIST
  uint64_t refs_listed_at_ SKYROCKS_GUARDED_BY(refs_mu_) = UINT64_MAX;
  std::set<std::string> refs_names_ SKYROCKS_GUARDED_BY(refs_mu_);
  std::unique_ptr<SstFileCache> sst_cache_;
  std::atomic<bool> listing_buckets_{true};
  std::atomic<bool> open_sequence_done_{false};

  mutable port::Mutex mu_;
  std::shared_ptr<CloudManifest> cm_ SKYROCKS_GUARDED_BY(mu_);
  std::string local_dbname_ SKYROCKS_GUARDED_BY(mu_);
  std::string wal_dir_ SKYROCKS_GUARDED_BY(mu_);
  // dest's CLOUDMANIFEST version as loaded or last written ("": none).
  std::string cm_etag_ SKYROCKS_GUARDED_BY(mu_);
  // Open-time only: a clone being made loaded src's CLOUDMANIFEST and
  // MANIFEST; their etags as read (empty otherwise).
  std::vector<std::string> from_src_;
  // Open-time only: when the loaded MANIFEST was uploaded (UINT64_MAX:
  // unknown, so delays count from now).
  uint64_t loaded_manifest_mtime_ = UINT64_MAX;
  std::map<std::string, std::shared_ptr<ObjectStore>> other_stores_
      SKYROCKS_GUARDED_BY(mu_);
  // ReadLocations(): replaced whole, never changed in place, so a read
  // copies one pointer. The first base_locations_ are dest and src.
  std::shared_ptr<const std::vector<Location>> locations_
      SKYROCKS_GUARDED_BY(mu_);
  size_t base_locations_ = 0;
  bool src_is_dest_ = false;  // SrcMatchesDest(), fixed at creation
  // SSTs of this DB in dest (listed at open, then uploads minus deletes).
  std::set<std::string> dest_ssts_ SKYROCKS_GUARDED_BY(mu_);
  // Sizes of SST objects seen in the open-time listing (every read
  // location) or uploaded: opening one of them for ranged reads needs no
  // HEAD (SST objects never change under one name).
  struct KnownSst {
    uint64_t size;
    size_t location;  // index in ReadLocations()
  };
  std::map<std::string, KnownSst> sst_sizes_ SKYROCKS_GUARDED_BY(mu_);
  // A read replica's view of the bucket, as of its last catch-up
  // (CatchUpWithBucket's caller serializes the calls): the etags of the
  // CLOUDMANIFEST and MANIFEST it holds, and per WAL number the epoch and
  // bytes its local copy holds.
  std::string replica_cm_etag_;
  std::string replica_manifest_etag_;
  struct ReplicaWal {
    std::string epoch;
    uint64_t size = 0;
  };
  std::map<uint64_t, ReplicaWal> replica_wals_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_CLOUD_FILE_SYSTEM_IMPL_H_
