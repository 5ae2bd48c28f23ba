// CloudFileSystemImpl: file routing and bucket access; see
// cloud/cloud_file_system_impl.h.
#include "cloud/cloud_file_system_impl.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "cloud/bucket_file_system.h"
#include "cloud/cloud_fs_files.h"
#include "cloud/cloud_options.h"
#include "env/file_util.h"
#include "util/uuid.h"

namespace ROCKSDB_NAMESPACE {

CloudFileSystemImpl::CloudFileSystemImpl(
    const std::shared_ptr<FileSystem>& base,
    const CloudFileSystemOptions& options, ObjectStoreFactory factory,
    const char* provider_name)
    : base_(base),
      opts_(options),
      factory_(std::move(factory)),
      provider_name_(provider_name) {}

CloudFileSystemImpl::~CloudFileSystemImpl() {
  // What the WAL still holds goes up; pending deletions are abandoned.
  bucket_wal_.reset();
  // A clean close: garbage collection may treat this writer's epoch as
  // settled (cloud/cloud_gc.h).
  if (fence_) fence_->MarkClosed().PermitUncheckedError();
  deletions_.reset();
  sst_cache_.reset();
}

Status CloudFileSystemImpl::Create(const std::shared_ptr<FileSystem>& base,
                                   const CloudFileSystemOptions& options,
                                   ObjectStoreFactory factory,
                                   const char* provider_name,
                                   CloudFileSystem** result) {
  *result = nullptr;
  if (!options.keep_local_log_files) {
    return Status::NotSupported(
        "keep_local_log_files=false",
        "skyrocks has no Kafka/Kinesis WAL; WALs stay local");
  }
  for (const BucketOptions* b : {&options.src_bucket, &options.dest_bucket}) {
    if (!b->GetBucketName().empty() && b->GetObjectPath().empty()) {
      return Status::InvalidArgument("bucket " + b->GetBucketName(),
                                     "has no object path");
    }
  }
  std::unique_ptr<CloudFileSystemImpl> fs(
      new CloudFileSystemImpl(base ? base : FileSystem::Default(), options,
                              std::move(factory), provider_name));
  if (options.src_bucket.IsValid()) {
    IOStatus s =
        fs->StoreForBucket(options.src_bucket.GetBucketName(),
                           options.src_bucket.GetRegion(), &fs->src_store_);
    if (!s.ok()) return std::move(s);
    fs->src_path_ = options.src_bucket.GetObjectPath();
  }
  if (options.dest_bucket.IsValid()) {
    IOStatus s =
        fs->StoreForBucket(options.dest_bucket.GetBucketName(),
                           options.dest_bucket.GetRegion(), &fs->dest_store_);
    if (!s.ok()) return std::move(s);
    fs->dest_path_ = options.dest_bucket.GetObjectPath();
    if (options.create_bucket_if_missing) {
      s = fs->dest_store_->CreateBucketIfMissing(
          options.dest_bucket.GetRegion());
      if (!s.ok()) return std::move(s);
    }
  }
  fs->src_is_dest_ = fs->SrcMatchesDest();
  {
    // Where reads look, in order; clone sources are added at open.
    auto where = std::make_shared<std::vector<Location>>();
    if (fs->has_dest()) {
      where->push_back({fs->dest_store_, options.dest_bucket.GetBucketName(),
                        fs->dest_path_});
    }
    if (fs->has_src() && (!fs->has_dest() || !fs->src_is_dest_)) {
      where->push_back(
          {fs->src_store_, options.src_bucket.GetBucketName(), fs->src_path_});
    }
    fs->base_locations_ = where->size();
    port::MutexLock l(&fs->mu_);
    fs->locations_ = std::move(where);
  }
  CloudFileSystemImpl* raw = fs.get();
  // One round of due deletions is one DeleteNowFromDest: a fenced writer
  // deletes nothing (the new owner may need it), nothing a clone references
  // goes, and the rest is one batch (S3 DeleteObjects). Failures are left
  // for the next open's invisible-file cleanup.
  fs->deletions_ = std::make_unique<DeletionScheduler>(
      [raw](const std::vector<std::string>& names) {
        raw->DeleteNowFromDest(names).PermitUncheckedError();
      });
  if (fs->has_dest()) {
    fs->refs_ = std::make_unique<CloneRefs>(fs->dest_store_, fs->dest_path_);
  }
  if (!options.keep_local_sst_files && options.sst_file_cache_bytes > 0) {
    fs->sst_cache_ = std::make_unique<SstFileCache>(
        fs->base_, options.sst_file_cache_bytes,
        [raw](const std::string& local_path) {
          return raw->Download(CloudBasename(local_path), local_path);
        });
  }
  *result = fs.release();
  return Status::OK();
}

IOStatus CloudFileSystemImpl::StoreForBucket(
    const std::string& bucket, const std::string& region,
    std::shared_ptr<ObjectStore>* store) {
  port::MutexLock l(&mu_);
  auto it = other_stores_.find(bucket);
  if (it != other_stores_.end()) {
    *store = it->second;
    return IOStatus::OK();
  }
  IOStatus s = factory_(bucket, region, store);
  if (s.ok()) other_stores_[bucket] = *store;
  return s;
}

Status CloudFileSystemImpl::NewBucketFileSystem(
    const BucketOptions& bucket, std::shared_ptr<FileSystem>* fs) {
  fs->reset();
  const std::string name = bucket.GetBucketName();
  if (bucket.GetBucketName(false).empty()) {
    return Status::InvalidArgument("NewBucketFileSystem", "no bucket name");
  }
  std::shared_ptr<ObjectStore> store;
  IOStatus s = StoreForBucket(name, bucket.GetRegion(), &store);
  if (s.ok() && opts_.create_bucket_if_missing) {
    s = store->CreateBucketIfMissing(bucket.GetRegion());
  }
  if (!s.ok()) return std::move(s);
  std::string tmp = CloudEnvValue("TMPDIR", nullptr);
  if (tmp.empty()) tmp = "/tmp";
  return ::ROCKSDB_NAMESPACE::NewBucketFileSystem(
      store, name, bucket.GetObjectPath(), base_, tmp, fs);
}

std::shared_ptr<const std::vector<CloudFileSystemImpl::Location>>
CloudFileSystemImpl::ReadLocations() const {
  port::MutexLock l(&mu_);
  return locations_;
}

std::string CloudFileSystemImpl::ObjectError(const std::string& what,
                                             const std::string& name) const {
  std::string where;
  for (const Location& loc : *ReadLocations()) {
    where += std::string(where.empty() ? "" : " or ") + "bucket " + loc.bucket +
             " object " + ObjectKey(loc.path, name);
  }
  return what + " " + (where.empty() ? name + " (no bucket)" : where);
}

uint64_t CloudFileSystemImpl::DeletionDelayMicros() const {
  return opts_.cloud_file_deletion_delay.has_value()
             ? static_cast<uint64_t>(opts_.cloud_file_deletion_delay->count() *
                                     1000000)
             : 0;
}

// --- names -----------------------------------------------------------------

std::string CloudFileSystemImpl::RemapFilename(
    const std::string& logical) const {
  const std::string base = CloudBasename(logical);
  std::shared_ptr<CloudManifest> cm;
  {
    port::MutexLock l(&mu_);
    cm = cm_;
  }
  if (!cm) return base;
  const CloudFileKind kind = ClassifyCloudFile(base);
  if (kind == CloudFileKind::kSst) {
    uint64_t number = 0;
    if (!SstNumber(RemoveEpoch(base), &number)) return base;
    return SstWithEpoch(number, cm->GetEpoch(number));
  }
  if (kind == CloudFileKind::kManifest) {
    return ManifestWithEpoch(cm->current_epoch());
  }
  return base;
}

std::string CloudFileSystemImpl::LocalPath(const std::string& fname) const {
  const std::string dir = CloudDirname(fname);
  const std::string name = RemapFilename(fname);
  return dir.empty() ? name : dir + "/" + name;
}

std::string CloudFileSystemImpl::GetCurrentEpoch() const {
  port::MutexLock l(&mu_);
  return cm_ ? cm_->current_epoch() : std::string();
}

bool CloudFileSystemImpl::HasCloudManifest() const {
  port::MutexLock l(&mu_);
  return cm_ != nullptr;
}

void CloudFileSystemImpl::SetCloudManifest(std::unique_ptr<CloudManifest> cm) {
  port::MutexLock l(&mu_);
  cm_ = std::move(cm);
}

// --- bucket access -----------------------------------------------------------

IOStatus CloudFileSystemImpl::HeadObject(const std::string& name,
                                         ObjectMeta* meta) {
  for (const Location& loc : *ReadLocations()) {
    IOStatus s = loc.store->Head(ObjectKey(loc.path, name), meta);
    if (!s.IsNotFound()) return s;
  }
  return IOStatus::NotFound(ObjectError("no", name));
}

IOStatus CloudFileSystemImpl::ReadObjectRange(const std::string& name,
                                              uint64_t offset, size_t n,
                                              std::string* data,
                                              std::atomic<size_t>* where) {
  const auto locations = ReadLocations();
  const std::vector<Location>& all = *locations;
  const size_t first = where != nullptr ? where->load() : 0;
  if (first != 0 && first < all.size()) {
    const Location& loc = all[first];
    IOStatus s =
        loc.store->GetRange(ObjectKey(loc.path, name), offset, n, data);
    if (!s.IsNotFound()) return s;
  }
  for (size_t i = 0; i < all.size(); i++) {
    if (i == first && first != 0) continue;
    const Location& loc = all[i];
    IOStatus s =
        loc.store->GetRange(ObjectKey(loc.path, name), offset, n, data);
    if (s.IsNotFound()) continue;
    if (s.ok() && where != nullptr) where->store(i);
    return s;
  }
  return IOStatus::NotFound(ObjectError("no", name));
}

Status CloudFileSystemImpl::ReadBucketObject(bool from_dest,
                                             const std::string& name,
                                             std::string* data) {
  ObjectStore* store = from_dest ? dest_store_.get() : src_store_.get();
  if (store == nullptr) return Status::NotFound(name, "no such bucket");
  return store->Get(ObjectKey(from_dest ? dest_path_ : src_path_, name), data);
}

IOStatus CloudFileSystemImpl::GetObject(const std::string& name,
                                        std::string* data) {
  for (const Location& loc : *ReadLocations()) {
    IOStatus s = loc.store->Get(ObjectKey(loc.path, name), data);
    if (!s.IsNotFound()) return s;
  }
  return IOStatus::NotFound(ObjectError("no", name));
}

namespace {

// A download streamed into a file of the base file system; Restart starts
// the file over (a new attempt of the GET).
class CloudDownloadSink : public ObjectSink {
 public:
  CloudDownloadSink(FileSystem* fs, std::string path)
      : fs_(fs), path_(std::move(path)) {}
  ~CloudDownloadSink() override {
    if (file_) file_->Close(IOOptions(), nullptr).PermitUncheckedError();
  }
  IOStatus Append(const Slice& data) override {
    IOStatus s = file_ ? IOStatus::OK() : Restart();
    if (s.ok()) s = file_->Append(data, IOOptions(), nullptr);
    if (s.ok()) bytes_ += data.size();
    return s;
  }
  IOStatus Restart() override {
    if (file_) {
      IOStatus c = file_->Close(IOOptions(), nullptr);
      file_.reset();
      if (!c.ok()) return c;
    }
    bytes_ = 0;
    return fs_->NewWritableFile(path_, FileOptions(), &file_, nullptr);
  }
  // Synced and closed (created empty if nothing came).
  IOStatus Finish() {
    IOStatus s = file_ ? IOStatus::OK() : Restart();
    if (s.ok()) s = file_->Sync(IOOptions(), nullptr);
    if (s.ok()) s = file_->Close(IOOptions(), nullptr);
    file_.reset();
    return s;
  }
  uint64_t bytes() const { return bytes_; }

 private:
  FileSystem* const fs_;
  const std::string path_;
  std::unique_ptr<FSWritableFile> file_;
  uint64_t bytes_ = 0;
};

}  // namespace

IOStatus CloudFileSystemImpl::Download(const std::string& name,
                                       const std::string& local_path,
                                       ObjectMeta* meta_out) {
  // Streamed through a temp name, so a torn download never looks like the
  // file.
  const std::string tmp = local_path + ".tmp-" + EpochToString(NewRandomId64());
  CloudDownloadSink sink(base_.get(), tmp);
  IOStatus s;
  // The body must be the object's size: a proxy or store can cut a body
  // short yet call it complete, and a MANIFEST cut at a record boundary
  // reads as an older, valid one.
  for (int attempt = 0; attempt < 3; attempt++) {
    ObjectMeta meta;
    s = HeadObject(name, &meta);
    if (s.ok()) s = GetObjectToSink(name, &sink);
    if (!s.ok()) break;
    if (meta_out != nullptr) *meta_out = meta;
    if (sink.bytes() == meta.size) break;
    s = IOStatus::IOError(ObjectError("short or changed read of", name),
                          "got " + std::to_string(sink.bytes()) +
                              " bytes, the object has " +
                              std::to_string(meta.size));
    s.SetRetryable(true);
  }
  if (s.ok()) s = sink.Finish();
  if (s.ok()) s = base_->RenameFile(tmp, local_path, IOOptions(), nullptr);
  if (s.ok()) s = FsyncDirectory(base_.get(), DirectoryOf(local_path));
  if (!s.ok()) {
    sink.Finish().PermitUncheckedError();
    base_->DeleteFile(tmp, IOOptions(), nullptr).PermitUncheckedError();
  }
  return s;
}

IOStatus CloudFileSystemImpl::GetObjectToSink(const std::string& name,
                                              ObjectSink* sink) {
  for (const Location& loc : *ReadLocations()) {
    IOStatus s = loc.store->GetToSink(ObjectKey(loc.path, name), sink);
    if (!s.IsNotFound()) return s;
  }
  return IOStatus::NotFound(ObjectError("no", name));
}

IOStatus CloudFileSystemImpl::UploadFile(const std::string& local_path,
                                         const std::string& name,
                                         const PutOptions& put,
                                         ObjectMeta* meta) {
  if (!has_dest()) return IOStatus::OK();
  // Streamed from the file: the store holds a few parts at most.
  uint64_t size = 0;
  IOStatus s = base_->GetFileSize(local_path, IOOptions(), &size, nullptr);
  std::unique_ptr<FSRandomAccessFile> file;
  if (s.ok()) {
    s = base_->NewRandomAccessFile(local_path, FileOptions(), &file, nullptr);
  }
  if (!s.ok()) return s;
  FilePutSource source(local_path, std::move(file), size);
  return UploadFrom(local_path, name, source, put, meta);
}

IOStatus CloudFileSystemImpl::UploadData(const std::string& local_path,
                                         const std::string& name,
                                         const Slice& data,
                                         const PutOptions& put,
                                         ObjectMeta* meta) {
  return UploadFrom(local_path, name, SlicePutSource(data), put, meta);
}

IOStatus CloudFileSystemImpl::UploadFrom(const std::string& local_path,
                                         const std::string& name,
                                         const PutSource& source,
                                         const PutOptions& put,
                                         ObjectMeta* meta) {
  if (!has_dest()) return IOStatus::OK();
  deletions_->Unschedule(name);
  IOStatus s =
      dest_store_->PutFrom(ObjectKey(dest_path_, name), source, put, meta);
  if (s.IsIOFenced()) return s;  // a precondition: the caller decides
  if (!s.ok()) {
    // Keeps retryable (a 5xx or transport failure): the DB's background
    // error handler resumes on its own after those.
    IOStatus e = IOStatus::IOError("uploading " + local_path + " to bucket " +
                                       opts_.dest_bucket.GetBucketName() +
                                       " object " + ObjectKey(dest_path_, name),
                                   s.ToString());
    e.SetRetryable(s.GetRetryable());
    e.SetDataLoss(s.GetDataLoss());
    e.SetHttpDetail(s.http_status(), s.provider_code(), s.request_id());
    return e;
  }
  if (ClassifyCloudFile(name) == CloudFileKind::kSst) {
    port::MutexLock l(&mu_);
    dest_ssts_.insert(name);
    sst_sizes_[name] = KnownSst{source.size(), 0};
  } else if (ClassifyCloudFile(name) == CloudFileKind::kManifest) {
    manifest_uploads_.fetch_add(1);
  }
  return s;
}

size_t CloudFileSystemImpl::SstLocation(const std::string& name) const {
  port::MutexLock l(&mu_);
  auto it = sst_sizes_.find(name);
  return it == sst_sizes_.end() ? 0 : it->second.location;
}

void CloudFileSystemImpl::SstUploaded(const std::string& local_path,
                                      uint64_t size) {
  if (opts_.keep_local_sst_files) return;
  if (sst_cache_ && sst_cache_->Insert(local_path, size)) return;
  base_->DeleteFile(local_path, IOOptions(), nullptr).PermitUncheckedError();
}

IOStatus CloudFileSystemImpl::ListBucketNames(std::vector<std::string>* names) {
  const auto locations = ReadLocations();
  const std::vector<Location>& where = *locations;
  for (size_t i = 0; i < where.size(); i++) {
    const std::string prefix = ObjectPrefix(where[i].path);
    std::vector<ObjectMeta> objects;
    std::vector<std::string> dirs;
    IOStatus s = where[i].store->ListDelimited(prefix, "/", &objects, &dirs);
    if (!s.ok()) return s;
    for (const ObjectMeta& o : objects) {
      const std::string n = o.key.substr(prefix.size());
      if (IsInfoLogName(n)) continue;  // never the DB's (kept local)
      names->push_back(n);
      if (ClassifyCloudFile(n) != CloudFileKind::kSst) continue;
      port::MutexLock l(&mu_);
      sst_sizes_.emplace(n, KnownSst{o.size, i});  // the first location wins
      if (i == 0 && has_dest()) dest_ssts_.insert(n);
    }
  }
  return IOStatus::OK();
}

CloudStoreCounts CloudFileSystemImpl::GetStoreCounts() const {
  CloudStoreCounts c;
  port::MutexLock l(&mu_);
  for (const auto& s : other_stores_) {
    const ObjectStoreCounts o = s.second->counts();
    c.gets += o.gets;
    c.puts += o.puts;
    c.lists += o.lists;
    c.heads += o.heads;
    c.deletes += o.deletes;
    c.copies += o.copies;
    c.bytes_read += o.bytes_read;
    c.bytes_written += o.bytes_written;
  }
  return c;
}

// --- FileSystem ------------------------------------------------------------

IOStatus CloudFileSystemImpl::NewWritableFile(
    const std::string& f, const FileOptions& o,
    std::unique_ptr<FSWritableFile>* r, IODebugContext* dbg) {
  const CloudFileKind kind = ClassifyCloudFile(CloudBasename(f));
  uint64_t wal_number = 0;
  if (bucket_wal_ && IsDbWal(f, &wal_number)) {
    std::unique_ptr<FSWritableFile> local;
    IOStatus s = base_->NewWritableFile(f, o, &local, dbg);
    if (!s.ok()) return s;
    std::shared_ptr<CloudManifest> cm;
    {
      port::MutexLock l(&mu_);
      cm = cm_;
    }
    *r = NewCloudWalFile(bucket_wal_.get(), std::move(local), wal_number,
                         cm ? cm->GetEpoch(wal_number) : std::string());
    return IOStatus::OK();
  }
  if (kind != CloudFileKind::kSst && kind != CloudFileKind::kManifest) {
    return base_->NewWritableFile(f, o, r, dbg);
  }
  const std::string final_path = LocalPath(f);
  std::string write_path = final_path;
  if (kind == CloudFileKind::kManifest &&
      base_->FileExists(final_path, IOOptions(), nullptr).ok()) {
    // The previous MANIFEST of this epoch stays whole until the new one
    // has been synced.
    write_path = final_path + ".tmp";
  }
  std::unique_ptr<FSWritableFile> local;
  IOStatus s = base_->NewWritableFile(write_path, o, &local, dbg);
  if (!s.ok()) return s;
  *r = NewCloudWritableFile(this, std::move(local), kind, write_path,
                            final_path, has_dest());
  return IOStatus::OK();
}

bool CloudFileSystemImpl::IsDbWal(const std::string& f,
                                  uint64_t* number) const {
  if (!WalNumber(CloudBasename(f), number)) return false;
  std::string dir = CloudDirname(f);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  port::MutexLock l(&mu_);
  return !wal_dir_.empty() && dir == wal_dir_;
}

IOStatus CloudFileSystemImpl::ReopenWritableFile(
    const std::string& f, const FileOptions& o,
    std::unique_ptr<FSWritableFile>* r, IODebugContext* dbg) {
  const CloudFileKind kind = ClassifyCloudFile(CloudBasename(f));
  if (kind == CloudFileKind::kSst || kind == CloudFileKind::kManifest) {
    return IOStatus::NotSupported("reopening a cloud file for append", f);
  }
  return base_->ReopenWritableFile(f, o, r, dbg);
}

IOStatus CloudFileSystemImpl::PrepareRead(const std::string& local,
                                          CloudFileKind kind,
                                          uint64_t* remote_size) {
  *remote_size = kLocalCopy;
  if (base_->FileExists(local, IOOptions(), nullptr).ok()) {
    if (kind != CloudFileKind::kSst || !opts_.validate_filesize ||
        !listing_buckets_ || !has_dest()) {
      return IOStatus::OK();
    }
    // While the DB opens: a local SST must be the object's size.
    uint64_t size = 0;
    ObjectMeta meta;
    IOStatus s = base_->GetFileSize(local, IOOptions(), &size, nullptr);
    if (s.ok()) s = HeadObject(CloudBasename(local), &meta);
    if (s.ok() && meta.size != size) {
      s = IOStatus::IOError(local, "local size " + std::to_string(size) +
                                       " differs from the object's (" +
                                       std::to_string(meta.size) + ")");
    }
    return s;
  }
  IOStatus s;
  if (kind == CloudFileKind::kSst && !opts_.keep_local_sst_files) {
    const std::string name = CloudBasename(local);
    {
      port::MutexLock l(&mu_);
      auto it = sst_sizes_.find(name);
      if (it != sst_sizes_.end()) {
        *remote_size = it->second.size;
        return IOStatus::OK();
      }
    }
    ObjectMeta meta;
    s = HeadObject(name, &meta);
    if (s.ok()) *remote_size = meta.size;
  } else {
    s = Download(CloudBasename(local), local);
  }
  if (s.IsNotFound()) {
    // The DB opens only files its MANIFEST names: one missing from the
    // bucket is lost data, never "no such key" (what NotFound would turn
    // into for a read). An IOError, as a missing local file is.
    return IOStatus::PathNotFound(
        ObjectError("missing: the MANIFEST names", CloudBasename(local)),
        s.ToString());
  }
  return s;
}

IOStatus CloudFileSystemImpl::NewRandomAccessFile(
    const std::string& f, const FileOptions& o,
    std::unique_ptr<FSRandomAccessFile>* r, IODebugContext* dbg) {
  const CloudFileKind kind = ClassifyCloudFile(CloudBasename(f));
  if (kind == CloudFileKind::kOther || kind == CloudFileKind::kCloudManifest) {
    return base_->NewRandomAccessFile(f, o, r, dbg);
  }
  const std::string local = LocalPath(f);
  if (sst_cache_) {
    // Read through the cache while it holds the file, by ranged GETs
    // once it has evicted it.
    uint64_t size = 0;
    if (sst_cache_->OpenLocal(local) &&
        base_->GetFileSize(local, IOOptions(), &size, nullptr).ok()) {
      *r = NewCloudRandomAccessFile(this, local, size);
      return IOStatus::OK();
    }
  }
  uint64_t remote_size = 0;
  IOStatus s = PrepareRead(local, kind, &remote_size);
  if (!s.ok()) return s;
  if (remote_size != kLocalCopy) {
    *r = NewCloudRandomAccessFile(this, local, remote_size);
    return IOStatus::OK();
  }
  return base_->NewRandomAccessFile(local, o, r, dbg);
}

IOStatus CloudFileSystemImpl::NewSequentialFile(
    const std::string& f, const FileOptions& o,
    std::unique_ptr<FSSequentialFile>* r, IODebugContext* dbg) {
  const CloudFileKind kind = ClassifyCloudFile(CloudBasename(f));
  if (kind == CloudFileKind::kOther || kind == CloudFileKind::kCloudManifest) {
    return base_->NewSequentialFile(f, o, r, dbg);
  }
  const std::string local = LocalPath(f);
  uint64_t remote_size = 0;
  IOStatus s = PrepareRead(local, kind, &remote_size);
  if (!s.ok()) return s;
  if (remote_size != kLocalCopy) {
    *r = NewCloudSequentialFile(this, local, remote_size);
    return IOStatus::OK();
  }
  return base_->NewSequentialFile(local, o, r, dbg);
}

IOStatus CloudFileSystemImpl::FileExists(const std::string& f,
                                         const IOOptions& o,
                                         IODebugContext* dbg) {
  const CloudFileKind kind = ClassifyCloudFile(CloudBasename(f));
  if (kind == CloudFileKind::kOther || kind == CloudFileKind::kCloudManifest) {
    return base_->FileExists(f, o, dbg);
  }
  const std::string local = LocalPath(f);
  IOStatus s = base_->FileExists(local, o, dbg);
  if (!s.IsNotFound() && !s.IsPathNotFound()) return s;
  ObjectMeta meta;
  return HeadObject(CloudBasename(local), &meta);
}

IOStatus CloudFileSystemImpl::GetFileSize(const std::string& f,
                                          const IOOptions& o, uint64_t* size,
                                          IODebugContext* dbg) {
  const CloudFileKind kind = ClassifyCloudFile(CloudBasename(f));
  if (kind != CloudFileKind::kSst) {
    return base_->GetFileSize(kind == CloudFileKind::kOther ? f : LocalPath(f),
                              o, size, dbg);
  }
  const std::string local = LocalPath(f);
  IOStatus s = base_->GetFileSize(local, o, size, dbg);
  if (!s.IsNotFound() && !s.IsPathNotFound()) return s;
  ObjectMeta meta;
  s = HeadObject(CloudBasename(local), &meta);
  if (s.ok()) *size = meta.size;
  return s;
}

IOStatus CloudFileSystemImpl::GetFileModificationTime(const std::string& f,
                                                      const IOOptions& o,
                                                      uint64_t* t,
                                                      IODebugContext* dbg) {
  const CloudFileKind kind = ClassifyCloudFile(CloudBasename(f));
  if (kind != CloudFileKind::kSst) {
    return base_->GetFileModificationTime(
        kind == CloudFileKind::kOther ? f : LocalPath(f), o, t, dbg);
  }
  const std::string local = LocalPath(f);
  IOStatus s = base_->GetFileModificationTime(local, o, t, dbg);
  if (!s.IsNotFound() && !s.IsPathNotFound()) return s;
  ObjectMeta meta;
  s = HeadObject(CloudBasename(local), &meta);
  if (s.ok()) *t = meta.mtime_micros / 1000000;
  return s;
}

IOStatus CloudFileSystemImpl::GetChildren(const std::string& d,
                                          const IOOptions& o,
                                          std::vector<std::string>* r,
                                          IODebugContext* dbg) {
  std::vector<std::string> names;
  IOStatus s = base_->GetChildren(d, o, &names, dbg);
  if (!s.ok()) return s;
  bool is_db_dir;
  {
    port::MutexLock l(&mu_);
    is_db_dir = !local_dbname_.empty() && d == local_dbname_;
  }
  if (is_db_dir && listing_buckets_ && !opts_.skip_cloud_files_in_getchildren) {
    s = ListBucketNames(&names);
    if (!s.ok()) return s;
  } else if (is_db_dir) {
    // The SSTs this DB has in dest but not locally, without a LIST: the
    // DB finds its obsolete files (and so the bucket's) here.
    port::MutexLock l(&mu_);
    names.insert(names.end(), dest_ssts_.begin(), dest_ssts_.end());
  }
  std::set<std::string> out;
  for (const std::string& n : names) {
    const CloudFileKind kind = ClassifyCloudFile(n);
    if (kind == CloudFileKind::kSst || kind == CloudFileKind::kManifest) {
      // Invisible: a name the CLOUDMANIFEST does not map to (another
      // epoch's file, an old MANIFEST).
      if (RemapFilename(RemoveEpoch(n)) != n) continue;
      out.insert(RemoveEpoch(n));
    } else {
      out.insert(n);
    }
  }
  r->assign(out.begin(), out.end());
  return IOStatus::OK();
}

IOStatus CloudFileSystemImpl::DeleteFile(const std::string& f,
                                         const IOOptions& o,
                                         IODebugContext* dbg) {
  const CloudFileKind kind = ClassifyCloudFile(CloudBasename(f));
  if (kind == CloudFileKind::kManifest) {
    // Every MANIFEST-N of this epoch is the one physical file.
    return IOStatus::OK();
  }
  uint64_t wal_number = 0;
  if (bucket_wal_ && IsDbWal(f, &wal_number)) {
    // The DB no longer needs this WAL (a flush covers it): nor its chunks.
    IOStatus s = base_->DeleteFile(f, o, dbg);
    IOStatus d = DeleteFromDest(bucket_wal_->TakeChunks(wal_number));
    return s.ok() ? d : s;
  }
  if (kind != CloudFileKind::kSst) return base_->DeleteFile(f, o, dbg);
  const std::string local = LocalPath(f);
  if (sst_cache_) sst_cache_->Erase(local);
  IOStatus s = base_->DeleteFile(local, o, dbg);
  if (s.IsNotFound() || s.IsPathNotFound()) s = IOStatus::OK();
  if (has_dest()) {
    const std::string name = CloudBasename(local);
    {
      port::MutexLock l(&mu_);
      dest_ssts_.erase(name);
      sst_sizes_.erase(name);
    }
    IOStatus d = DeleteFromDest({name});
    if (s.ok() && !d.ok()) s = d;
  }
  return s;
}

IOStatus CloudFileSystemImpl::DeleteFromDest(std::vector<std::string> names) {
  if (opts_.cloud_file_deletion_delay.has_value()) {
    for (const std::string& n : names) {
      deletions_->Schedule(n, DeletionDelayMicros());
    }
    return IOStatus::OK();
  }
  return DeleteNowFromDest(std::move(names));
}

IOStatus CloudFileSystemImpl::DeleteNowFromDest(
    std::vector<std::string> names) {
  if (names.empty()) return IOStatus::OK();
  // One fence check and one look at the references for all of them.
  IOStatus s = CheckFence();
  if (!s.ok()) return s;
  if (!KeepReferenced(&names)) return IOStatus::OK();
  // One batch request where the store has one (S3 DeleteObjects).
  std::vector<std::string> keys;
  keys.reserve(names.size());
  for (const std::string& n : names) keys.push_back(ObjectKey(dest_path_, n));
  return dest_store_->DeleteMany(keys);
}

bool CloudFileSystemImpl::KeepReferenced(std::vector<std::string>* names) {
  if (!CheckFence().ok()) return false;
  // A listing of the references is good for every name the MANIFEST had
  // dropped when the listing started: a clone's reference written later
  // was written after its clone read a MANIFEST without those names. So
  // one LIST serves a round of deletions until the next MANIFEST upload.
  IOStatus s;
  std::set<std::string> referenced;
  {
    port::MutexLock l(&refs_mu_);
    const uint64_t uploads = manifest_uploads_.load();
    if (refs_ && refs_listed_at_ != uploads) {
      std::set<std::string> now;
      s = refs_->Referenced(&now);
      if (s.ok()) {
        refs_names_ = std::move(now);
        refs_listed_at_ = uploads;
      }
    }
    referenced = refs_names_;
  }
  // Kept names are looked at again later (the clone may release them).
  const uint64_t recheck =
      std::max<uint64_t>(DeletionDelayMicros(), kReferencedRecheckMicros);
  std::vector<std::string> go;
  for (const std::string& n : *names) {
    if (!s.ok() || referenced.count(n) != 0) {
      deletions_->Schedule(n, recheck);
    } else {
      go.push_back(n);
    }
  }
  *names = std::move(go);
  return s.ok();
}

IOStatus CloudFileSystemImpl::CheckFence() {
  return fence_ ? fence_->Check() : IOStatus::OK();
}

IOStatus CloudFileSystemImpl::RenameFile(const std::string& src,
                                         const std::string& target,
                                         const IOOptions& o,
                                         IODebugContext* dbg) {
  const CloudFileKind kind = ClassifyCloudFile(CloudBasename(target));
  if (kind == CloudFileKind::kSst || kind == CloudFileKind::kManifest) {
    return IOStatus::NotSupported("renaming onto a cloud file", target);
  }
  if (kind == CloudFileKind::kIdentity && has_dest()) {
    // The DB id reaches the bucket before it exists locally.
    std::string id;
    IOStatus s = ReadFileToString(base_.get(), src, &id);
    if (s.ok()) s = UploadData(src, "IDENTITY", id);
    if (!s.ok()) return s;
    Status r = SaveDbid(opts_.dest_bucket.GetBucketName(), id, dest_path_);
    if (!r.ok()) return IOStatus(r);
  }
  return base_->RenameFile(src, target, o, dbg);
}

IOStatus CloudFileSystemImpl::LinkFile(const std::string& s,
                                       const std::string& t, const IOOptions& o,
                                       IODebugContext* dbg) {
  if (has_src() || has_dest()) {
    return IOStatus::NotSupported(
        "hard links in a cloud DB (use CheckpointToCloud)", t);
  }
  return base_->LinkFile(LocalPath(s), LocalPath(t), o, dbg);
}

// --- dbid registry ---------------------------------------------------------

namespace {
std::string DbidKey(const std::string& dbid) { return ".rockset/dbid/" + dbid; }
}  // namespace

Status CloudFileSystemImpl::SaveDbid(const std::string& bucket,
                                     const std::string& dbid,
                                     const std::string& dirname) {
  std::shared_ptr<ObjectStore> store;
  IOStatus s = StoreForBucket(bucket, opts_.dest_bucket.GetRegion(), &store);
  if (!s.ok()) return std::move(s);
  // RocksDB-Cloud keeps the path in object metadata; skyrocks in the body
  // (the interface has no user metadata).
  return store->Put(DbidKey(dbid), dirname, PutOptions());
}

Status CloudFileSystemImpl::GetPathForDbid(const std::string& bucket,
                                           const std::string& dbid,
                                           std::string* dirname) {
  std::shared_ptr<ObjectStore> store;
  IOStatus s = StoreForBucket(bucket, opts_.dest_bucket.GetRegion(), &store);
  if (!s.ok()) return std::move(s);
  return store->Get(DbidKey(dbid), dirname);
}

Status CloudFileSystemImpl::GetDbidList(const std::string& bucket,
                                        DbidList* dblist) {
  std::shared_ptr<ObjectStore> store;
  IOStatus s = StoreForBucket(bucket, opts_.dest_bucket.GetRegion(), &store);
  if (!s.ok()) return std::move(s);
  std::vector<ObjectMeta> objects;
  s = store->List(DbidKey(""), &objects);
  if (!s.ok()) return std::move(s);
  for (const ObjectMeta& m : objects) {
    std::string path;
    s = store->Get(m.key, &path);
    if (!s.ok() && !s.IsNotFound()) return std::move(s);
    (*dblist)[m.key.substr(DbidKey("").size())] = path;
  }
  return Status::OK();
}

Status CloudFileSystemImpl::DeleteDbid(const std::string& bucket,
                                       const std::string& dbid) {
  std::shared_ptr<ObjectStore> store;
  IOStatus s = StoreForBucket(bucket, opts_.dest_bucket.GetRegion(), &store);
  if (!s.ok()) return std::move(s);
  return store->Delete(DbidKey(dbid));
}

}  // namespace ROCKSDB_NAMESPACE
