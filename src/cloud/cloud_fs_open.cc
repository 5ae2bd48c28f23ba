// CloudFileSystemImpl's open-time work (doc/cloud_layout.md, "The open
// sequence"):
// sanitizing the local directory against the buckets, fetching and loading
// the CLOUDMANIFEST, cleaning invisible files, rolling a new epoch (new
// MANIFEST-<epoch> uploaded before the CLOUDMANIFEST that names it), and
// the whole-DB operations built on the MANIFEST (live files, migration,
// savepoint and checkpoint copies).
#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "cloud/cloud_file_system_impl.h"
#include "cloud/cloud_gc.h"
#include "env/file_util.h"
#include "util/parallel.h"
#include "util/uuid.h"

namespace ROCKSDB_NAMESPACE {

namespace {

bool LocalFileExists(FileSystem* fs, const std::string& path) {
  return fs->FileExists(path, IOOptions(), nullptr).ok();
}

}  // namespace

// --- sanitize ----------------------------------------------------------------

Status CloudFileSystemImpl::NeedsReinitialization(
    const std::string& local_dbname, bool* reinit) {
  *reinit = true;
  if (!has_src() && !has_dest()) {
    *reinit = false;
    return Status::OK();
  }
  FileSystem* fs = base_.get();
  if (!LocalFileExists(fs, local_dbname + "/CURRENT") ||
      !LocalFileExists(
          fs, local_dbname + "/" + CloudManifestName(opts_.cookie_on_open))) {
    return Status::OK();
  }
  if (opts_.skip_dbid_verification) {
    *reinit = false;
    return Status::OK();
  }
  std::string local_id;
  if (!ReadFileToString(fs, local_dbname + "/IDENTITY", &local_id).ok()) {
    return Status::OK();
  }
  const bool clone = has_dest() && has_src() && !src_is_dest_;
  if (has_src()) {
    std::string src_id;
    Status s = ReadBucketObject(false, "IDENTITY", &src_id);
    if (!s.ok() && !s.IsNotFound()) return s;
    // A clone's id is "<source id>rockset<uuid>".
    if (s.ok() && (local_id.find(src_id) == std::string::npos ||
                   (clone && local_id == src_id))) {
      return Status::OK();
    }
  }
  if (has_dest()) {
    std::string dest_id;
    Status s = ReadBucketObject(true, "IDENTITY", &dest_id);
    if (!s.ok() && !s.IsNotFound()) return s;
    // Not in the bucket (yet): the local state is not the bucket's.
    if (s.IsNotFound() || dest_id != local_id) return Status::OK();
  } else {
    // An ephemeral clone keeps its local state if it is whole.
    std::unique_ptr<CloudManifest> cm;
    const std::string cm_path =
        local_dbname + "/" + CloudManifestName(opts_.cookie_on_open);
    if (!CloudManifest::LoadFromFile(fs, cm_path, &cm).ok() ||
        !LocalFileExists(
            fs, local_dbname + "/" + ManifestWithEpoch(cm->current_epoch()))) {
      return Status::OK();
    }
  }
  *reinit = false;
  return Status::OK();
}

Status CloudFileSystemImpl::ReinitializeLocalDir(
    const std::string& local_dbname, const std::string& wal_dir) {
  std::vector<std::string> children;
  IOStatus io;
  if (!wal_dir.empty() && wal_dir != local_dbname &&
      base_->GetChildren(wal_dir, IOOptions(), &children, nullptr).ok()) {
    // The WALs of the local state being dropped: replayed into the
    // bucket's DB they would resurrect another history.
    for (const std::string& c : children) {
      if (uint64_t n = 0; !WalNumber(c, &n)) continue;
      io = base_->DeleteFile(wal_dir + "/" + c, IOOptions(), nullptr);
      if (!io.ok() && !io.IsNotFound()) return std::move(io);
    }
  }
  children.clear();
  io = base_->GetChildren(local_dbname, IOOptions(), &children, nullptr);
  if (!io.ok()) return std::move(io);
  for (const std::string& c : children) {
    if (c.rfind("LOG", 0) == 0 || c == "LOCK") continue;
    bool dir = false;
    const std::string path = local_dbname + "/" + c;
    if (base_->IsDirectory(path, IOOptions(), &dir, nullptr).ok() && dir) {
      continue;
    }
    io = base_->DeleteFile(path, IOOptions(), nullptr);
    if (!io.ok() && !io.IsNotFound()) return std::move(io);
  }
  // The DB id: the bucket's, or, for a new clone, a new one derived from
  // the source's (and uploaded with it).
  std::string id;
  Status s = has_dest() ? ReadBucketObject(true, "IDENTITY", &id)
                        : Status::NotFound("no dest bucket");
  if (s.IsNotFound() && has_src() && !src_is_dest_) {
    s = ReadBucketObject(false, "IDENTITY", &id);
    if (s.ok()) {
      id += "rockset" + NewUuidV4();
      // Through this file system, whose rename of IDENTITY uploads it to
      // dest and registers the id.
      io = ReplaceFileAtomically(this, local_dbname + "/IDENTITY",
                                 local_dbname + "/IDENTITY.tmp", id, false);
      return std::move(io);
    }
  }
  if (s.IsNotFound()) return Status::OK();  // a brand-new DB
  if (!s.ok()) return s;
  return ReplaceFileAtomically(base_.get(), local_dbname + "/IDENTITY",
                               local_dbname + "/IDENTITY.tmp", id, false);
}

// --- CLOUDMANIFEST -----------------------------------------------------------

Status CloudFileSystemImpl::FetchCloudManifest(const std::string& local_dbname,
                                               bool resync) {
  const std::string name = CloudManifestName(opts_.cookie_on_open);
  const std::string local = local_dbname + "/" + name;
  if (!resync && LocalFileExists(base_.get(), local)) {
    std::unique_ptr<CloudManifest> cm;
    Status s = CloudManifest::LoadFromFile(base_.get(), local, &cm);
    if (s.ok()) SetCloudManifest(std::move(cm));
    return s;
  }
  std::string data;
  std::string etag;  // of dest's copy, which a roll replaces
  Status s = Status::NotFound(name, "no bucket configured");
  for (int attempt = 0; has_dest() && attempt < 3; attempt++) {
    ObjectMeta meta;
    IOStatus h = dest_store_->Head(ObjectKey(dest_path_, name), &meta);
    s = h.ok() ? ReadBucketObject(true, name, &data) : Status(h);
    etag = meta.etag;
    // A body cut short yet called complete would load an older epoch.
    if (!s.ok() || data.size() == meta.size) break;
    s = Status::IOError(ObjectError("short or changed read of", name),
                        "got " + std::to_string(data.size()) +
                            " bytes, the object has " +
                            std::to_string(meta.size));
  }
  from_src_.clear();
  if (s.IsNotFound() && has_src() && !src_is_dest_) {
    etag.clear();
    // A clone being made: the source's version, to see it unchanged
    // once the clone's reference is in place.
    ObjectMeta meta;
    IOStatus h = src_store_->Head(ObjectKey(src_path_, name), &meta);
    s = h.ok() ? ReadBucketObject(false, name, &data) : Status(h);
    if (s.ok()) from_src_.push_back(meta.etag);
  }
  {
    port::MutexLock l(&mu_);
    cm_etag_ = s.ok() ? etag : std::string();
  }
  if (!s.ok()) return s;
  IOStatus io =
      ReplaceFileAtomically(base_.get(), local, local + ".tmp", data, false);
  if (!io.ok()) return std::move(io);
  std::unique_ptr<CloudManifest> cm;
  s = CloudManifest::LoadFromFile(base_.get(), local, &cm);
  if (!s.ok()) {
    return Status::Corruption(ObjectError("damaged", name), s.ToString());
  }
  const std::string manifest = ManifestWithEpoch(cm->current_epoch());
  SetCloudManifest(std::move(cm));
  // The MANIFEST it names, fresh from the bucket.
  ObjectMeta manifest_meta;
  io = Download(manifest, local_dbname + "/" + manifest, &manifest_meta);
  if (io.ok() && !from_src_.empty()) from_src_.push_back(manifest_meta.etag);
  if (io.ok() && manifest_meta.mtime_micros != 0) {
    loaded_manifest_mtime_ = manifest_meta.mtime_micros;
  }
  if (io.IsNotFound()) {
    return Status::Corruption(
        ObjectError("CLOUDMANIFEST names a missing", manifest),
        "the bucket path is damaged; nothing deleted");
  }
  return std::move(io);
}

Status CloudFileSystemImpl::ManifestNamesNoFiles(
    const std::string& local_dbname, const std::string& name, bool* empty) {
  *empty = false;
  const std::string probe = local_dbname + "/" + name + ".probe";
  IOStatus io = Download(name, probe);
  if (!io.ok()) return std::move(io);
  std::vector<uint64_t> live;
  uint64_t next = 0;
  // A MANIFEST that does not parse is not known to be empty.
  *empty = ReadManifestLiveFiles(base_.get(), probe, &live, &next).ok() &&
           live.empty();
  base_->DeleteFile(probe, IOOptions(), nullptr).PermitUncheckedError();
  return Status::OK();
}

Status CloudFileSystemImpl::DeleteInvisibleFiles(
    const std::string& local_dbname) {
  const std::set<std::string> active = {opts_.cookie_on_open,
                                        opts_.new_cookie_on_open};
  auto invisible = [&](const std::string& n) {
    const CloudFileKind kind = ClassifyCloudFile(n);
    if (kind == CloudFileKind::kCloudManifest) {
      const std::string cookie = CookieOf(n);
      return !cookie.empty() && n.find(".tmp") == std::string::npos &&
             active.count(cookie) == 0;
    }
    if (kind != CloudFileKind::kSst && kind != CloudFileKind::kManifest) {
      return false;
    }
    return RemapFilename(RemoveEpoch(n)) != n;
  };
  std::vector<std::string> children;
  if (base_->GetChildren(local_dbname, IOOptions(), &children, nullptr).ok()) {
    for (const std::string& c : children) {
      if (invisible(c)) {
        base_->DeleteFile(local_dbname + "/" + c, IOOptions(), nullptr)
            .PermitUncheckedError();
      }
    }
  }
  if (!has_dest()) return Status::OK();
  std::vector<ObjectMeta> objects;
  std::vector<std::string> dirs;
  const std::string prefix = ObjectPrefix(dest_path_);
  // A failed listing only postpones the cleanup to the next open.
  if (!dest_store_->ListDelimited(prefix, "/", &objects, &dirs).ok()) {
    return Status::OK();
  }
  // SSTs of the loaded MANIFEST's epochs that it does not name went
  // obsolete no later than its upload, and the writer that dropped them
  // is fenced now: their delay counts from then, so the deletions an
  // earlier process did not live to run happen here, on time.
  std::vector<uint64_t> live;
  uint64_t next = 0;
  const bool know_live =
      ReadManifestLiveFiles(
          base_.get(),
          local_dbname + "/" + ManifestWithEpoch(GetCurrentEpoch()), &live,
          &next)
          .ok();
  std::sort(live.begin(), live.end());
  for (const ObjectMeta& o : objects) {
    const std::string n = o.key.substr(prefix.size());
    uint64_t number = 0;
    if (invisible(n)) {
      if (opts_.delete_cloud_invisible_files_on_open) {
        DeleteAgedFromDest(n, o.mtime_micros);
      }
    } else if (know_live && ClassifyCloudFile(n) == CloudFileKind::kSst &&
               SstNumber(n, &number) &&
               !std::binary_search(live.begin(), live.end(), number)) {
      DeleteAgedFromDest(n, std::max(o.mtime_micros, loaded_manifest_mtime_));
    }
  }
  return Status::OK();
}

void CloudFileSystemImpl::DeleteAgedFromDest(const std::string& name,
                                             uint64_t mtime_micros) {
  const uint64_t now = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  uint64_t delay = DeletionDelayMicros();
  // The delay counts from the object's last write, so a process that
  // lives shorter than the delay still cleans up what is old enough.
  if (mtime_micros != 0 && mtime_micros <= now) {
    const uint64_t age = now - mtime_micros;
    delay = age >= delay ? 0 : delay - age;
  }
  if (delay != 0) {
    deletions_->Schedule(name, delay);
  } else {
    DeleteNowFromDest({name}).PermitUncheckedError();
  }
}

Status CloudFileSystemImpl::RollNewEpoch(const std::string& local_dbname,
                                         const std::string& epoch) {
  std::shared_ptr<CloudManifest> cm;
  {
    port::MutexLock l(&mu_);
    cm = cm_;
  }
  const std::string old_manifest =
      local_dbname + "/" + ManifestWithEpoch(cm->current_epoch());
  if (!LocalFileExists(base_.get(), old_manifest)) {
    IOStatus io = Download(CloudBasename(old_manifest), old_manifest);
    if (!io.ok()) {
      return Status::Corruption(old_manifest,
                                "the CLOUDMANIFEST names it but it is "
                                "missing: " +
                                    io.ToString());
    }
  }
  uint64_t next = 0;
  Status s = ReadManifestLiveFiles(base_.get(), old_manifest, nullptr, &next);
  if (!s.ok()) return s;
  std::unique_ptr<CloudManifest> rolled = cm->Clone();
  if (!rolled->AddEpoch(next, epoch)) {
    return Status::InvalidArgument("cannot roll epoch at file number " +
                                   std::to_string(next));
  }
  const std::string new_manifest =
      local_dbname + "/" + ManifestWithEpoch(epoch);
  // Copied, not moved: a crash here leaves the old epoch whole.
  IOStatus io =
      CopyFilePrefix(base_.get(), old_manifest, new_manifest, UINT64_MAX);
  if (!io.ok()) return std::move(io);
  const std::string cm_name = CloudManifestName(opts_.new_cookie_on_open);
  s = rolled->WriteToFile(base_.get(), local_dbname + "/" + cm_name);
  if (!s.ok()) return s;
  // The MANIFEST first: a CLOUDMANIFEST never names a missing MANIFEST.
  io = UploadFile(new_manifest, ManifestWithEpoch(epoch));
  if (!io.ok()) return std::move(io);
  s = UploadCloudManifest(local_dbname);
  if (!s.ok()) return s;
  SetCloudManifest(std::move(rolled));
  return Status::OK();
}

Status CloudFileSystemImpl::ClaimPath(const std::string& epoch) {
  const std::string key = ObjectKey(dest_path_, "WRITER");
  fence_ = std::make_unique<WriterFence>(
      dest_store_, key,
      "bucket " + opts_.dest_bucket.GetBucketName() + " object " + key);
  IOStatus s = fence_->Claim(epoch, opts_.allow_unfenced_writes);
  if (!s.ok()) {
    fence_.reset();
    return std::move(s);
  }
  if (opts_.wal_in_bucket) {
    BucketWalOptions o;
    o.flush_interval_ms = opts_.wal_flush_interval_ms;
    o.flush_bytes = std::max<uint64_t>(1, opts_.wal_flush_bytes);
    // A later claimer seals our logs (AdoptBucketWals), unless the store
    // cannot create-if-absent: then every round is confirmed.
    o.fence_check_interval_ms = opts_.allow_unfenced_writes ? 0 : 1000;
    bucket_wal_ = std::make_unique<BucketWal>(
        dest_store_, dest_path_, "bucket " + opts_.dest_bucket.GetBucketName(),
        o, [this]() { return CheckFence(); },
        [this](const std::string& chunk) {
          DeleteFromDest({chunk}).PermitUncheckedError();
        });
  }
  return Status::OK();
}

Status CloudFileSystemImpl::ReferenceSource(const std::string& local_dbname) {
  std::vector<uint64_t> live;
  uint64_t next = 0;
  Status s = ReadManifestLiveFiles(
      base_.get(), local_dbname + "/" + ManifestWithEpoch(GetCurrentEpoch()),
      &live, &next);
  if (!s.ok()) return s;
  std::vector<std::string> names;
  for (uint64_t n : live) names.push_back(RemapFilename(SstWithEpoch(n, "")));
  const std::string key = CloneRefKey(
      src_path_, opts_.dest_bucket.GetBucketName(), dest_path_);
  IOStatus io = src_store_->Put(
      key,
      CloneRefBody(opts_.dest_bucket.GetBucketName(), dest_path_,
                   opts_.dest_bucket.GetRegion(), names),
      PutOptions());
  if (!io.ok()) {
    return Status::IOError(
        "writing the clone's reference bucket " +
            opts_.src_bucket.GetBucketName() + " object " + key,
        io.ToString());
  }
  // The source's CLOUDMANIFEST and MANIFEST as read: if either changed,
  // its writer may have dropped (and, not seeing this reference yet,
  // deleted) one of those files; start again from its new state.
  ObjectMeta cm_now, manifest_now;
  io = src_store_->Head(
      ObjectKey(src_path_, CloudManifestName(opts_.cookie_on_open)), &cm_now);
  if (io.ok()) {
    io = HeadObject(ManifestWithEpoch(GetCurrentEpoch()), &manifest_now);
  }
  if (!io.ok()) return std::move(io);
  if (from_src_.size() != 2 || cm_now.etag != from_src_[0] ||
      manifest_now.etag != from_src_[1]) {
    return Status::TryAgain(
        "bucket " + opts_.src_bucket.GetBucketName() + " path " + src_path_,
        "the source changed while the clone was made");
  }
  return Status::OK();
}

Status CloudFileSystemImpl::ReleaseSourceReference() {
  if (!has_src() || !has_dest() || src_is_dest_) return Status::OK();
  const std::string key = CloneRefKey(
      src_path_, opts_.dest_bucket.GetBucketName(), dest_path_);
  IOStatus io = src_store_->Delete(key);
  if (!io.ok()) {
    return Status::IOError("releasing the clone's reference bucket " +
                               opts_.src_bucket.GetBucketName() + " object " +
                               key,
                           io.ToString());
  }
  return Status::OK();
}

void CloudFileSystemImpl::ReleaseClaim() {
  bucket_wal_.reset();
  if (fence_) fence_->Release();
  fence_.reset();
}

Status CloudFileSystemImpl::RestoreBucketWal(const std::string& wal_dir,
                                             bool read_only,
                                             bool last_writer) {
  std::vector<std::string> children;
  IOStatus io = base_->GetChildren(wal_dir, IOOptions(), &children, nullptr);
  if (!io.ok() && !io.IsNotFound() && !io.IsPathNotFound()) {
    return std::move(io);
  }
  if (!last_writer) {
    // Another writer (or none known) owned the path since these WALs were
    // written here: replayed, they would graft a history the bucket does
    // not have onto it.
    for (const std::string& c : children) {
      if (uint64_t n = 0; !WalNumber(c, &n)) continue;
      io = base_->DeleteFile(wal_dir + "/" + c, IOOptions(), nullptr);
      if (!io.ok() && !io.IsNotFound()) return std::move(io);
    }
  }
  if (!opts_.wal_in_bucket) return Status::OK();
  const std::string where = "bucket " + opts_.dest_bucket.GetBucketName();
  std::vector<BucketWalLog> logs;
  io = ListBucketWals(dest_store_.get(), dest_path_, where, &logs);
  if (!io.ok()) return std::move(io);
  std::shared_ptr<CloudManifest> cm;
  std::string local_dbname;
  {
    port::MutexLock l(&mu_);
    cm = cm_;
    local_dbname = local_dbname_;
  }
  // WALs older than the MANIFEST's log number are covered by SSTs.
  uint64_t next = 0, min_log = 0;
  if (!ReadManifestLiveFiles(
           base_.get(),
           local_dbname + "/" + ManifestWithEpoch(cm->current_epoch()),
           nullptr, &next, &min_log)
           .ok()) {
    min_log = 0;  // the DB's own open reports a bad MANIFEST
  }
  for (const BucketWalLog& log : logs) {
    // Seals (empty chunks) stay: the writer they fenced may still try to
    // store past its log's end; garbage collection removes them later.
    std::vector<std::string> names;
    for (size_t i = 0; i < log.chunks.size(); i++) {
      if (log.chunks[i].size == 0) continue;
      names.push_back(BucketWalChunkName(log.number, log.epoch, log.offsets[i]));
    }
    // A fenced writer's WAL (its number belongs to a later epoch, so
    // nothing in it was acknowledged), or one a flush covers (since the
    // loaded MANIFEST's upload at the latest).
    const bool fenced_wal = cm->GetEpoch(log.number) != log.epoch;
    if (fenced_wal || log.number < min_log) {
      const std::string object_prefix = ObjectPrefix(dest_path_);
      for (const std::vector<ObjectMeta>* objects : {&log.chunks, &log.beyond}) {
        for (const ObjectMeta& o : *objects) {
          if (read_only || o.size == 0) continue;
          DeleteAgedFromDest(o.key.substr(object_prefix.size()),
                             fenced_wal ? o.mtime_micros
                                        : std::max(o.mtime_micros,
                                                   loaded_manifest_mtime_));
        }
      }
      continue;
    }
    std::string data;
    io = ReadBucketWal(dest_store_.get(), where, log, &data);
    if (!io.ok()) return std::move(io);
    const std::string local = wal_dir + "/" + WalName(log.number);
    std::string have;
    // The last writer's own copy may hold more (sync=false writes not yet
    // uploaded when it stopped): kept when it extends the bucket's.
    const bool keep = last_writer &&
                      ReadFileToString(base_.get(), local, &have).ok() &&
                      have.size() >= data.size() &&
                      have.compare(0, data.size(), data) == 0;
    if (!keep) {
      io = base_->CreateDirIfMissing(wal_dir, IOOptions(), nullptr);
      if (io.ok()) {
        io = ReplaceFileAtomically(base_.get(), local, local + ".tmp", data,
                                   false);
      }
      if (!io.ok()) return std::move(io);
    }
    if (bucket_wal_ && !read_only) {
      bucket_wal_->Remember(log.number, std::move(names));
    }
  }
  return Status::OK();
}

Status CloudFileSystemImpl::LoadCloneSources(bool read_only) {
  // A clone reads the chain of its sources however it is opened: as a
  // clone of src (its src, then src's own chain), or from its own path
  // (src = dest, or no src), where its CLONE_SOURCES holds the chain.
  const bool clone = has_src() && !(has_dest() && src_is_dest_);
  std::string src_chain, dest_chain;
  if (clone) {
    Status s = ReadBucketObject(false, "CLONE_SOURCES", &src_chain);
    if (!s.ok() && !s.IsNotFound()) return s;
  }
  if (has_dest()) {
    Status s = ReadBucketObject(true, "CLONE_SOURCES", &dest_chain);
    if (!s.ok() && !s.IsNotFound()) return s;
  }
  std::vector<std::string> lines;
  auto add = [&](const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      if (std::find(lines.begin(), lines.end(), line) == lines.end()) {
        lines.push_back(line);
      }
    }
  };
  if (clone) {
    add(opts_.src_bucket.GetBucketName() + "\t" + src_path_ + "\t" +
        opts_.src_bucket.GetRegion() + "\n" + src_chain);
  }
  // What an earlier open of this path recorded (an earlier src) stays.
  add(dest_chain);
  std::vector<Location> ancestors;
  for (size_t i = 0; i < lines.size() && ancestors.size() < 64; i++) {
    const std::string& line = lines[i];
    CloneRefOwner source;
    if (!ParseCloneSourceLine(line, &source)) {
      return Status::Corruption(ObjectError("bad line in", "CLONE_SOURCES"),
                                line);
    }
    Location loc;
    loc.bucket = source.bucket;
    loc.path = source.path;
    if (has_dest() && loc.bucket == opts_.dest_bucket.GetBucketName() &&
        ObjectPrefix(loc.path) == ObjectPrefix(dest_path_)) {
      continue;  // itself (a chain that loops back)
    }
    IOStatus io = StoreForBucket(loc.bucket, source.region, &loc.store);
    if (!io.ok()) return std::move(io);
    ancestors.push_back(loc);
  }
  {
    // Reads look in dest and src first, then along the chain.
    port::MutexLock l(&mu_);
    auto where = std::make_shared<std::vector<Location>>(*locations_);
    where->resize(where->size() - (locations_->size() - base_locations_));
    for (const Location& a : ancestors) {
      bool known = false;
      for (const Location& w : *where) {
        known = known || (w.bucket == a.bucket &&
                          ObjectPrefix(w.path) == ObjectPrefix(a.path));
      }
      if (!known) where->push_back(a);
    }
    locations_ = std::move(where);
  }
  if (!has_dest() || !clone || read_only) return Status::OK();
  std::string mine;
  for (const std::string& line : lines) mine += line + "\n";
  if (mine == dest_chain) return Status::OK();
  return dest_store_->Put(ObjectKey(dest_path_, "CLONE_SOURCES"), mine,
                          PutOptions());
}

Status CloudFileSystemImpl::SanitizeAndLoad(const std::string& local_dbname,
                                            bool read_only,
                                            const std::string& wal_dir) {
  {
    port::MutexLock l(&mu_);
    local_dbname_ = local_dbname;
    wal_dir_ = wal_dir;
    while (wal_dir_.size() > 1 && wal_dir_.back() == '/') wal_dir_.pop_back();
  }
  {
    // With its parents: a clone's directory often sits in a fresh tree.
    // Read-only opens too: the directory is where the bucket's state is
    // fetched to.
    IOStatus io;
    for (size_t i = local_dbname.find('/', 1);
         io.ok() && i != std::string::npos; i = local_dbname.find('/', i + 1)) {
      io = base_->CreateDirIfMissing(local_dbname.substr(0, i), IOOptions(),
                                     nullptr);
    }
    if (io.ok()) {
      io = base_->CreateDirIfMissing(local_dbname, IOOptions(), nullptr);
    }
    if (!io.ok()) return std::move(io);
  }
  // A clone's first write anywhere is a reference (naming nothing yet) in
  // its source, so whatever a creation that dies leaves in the clone's
  // path is found from the source (cloud/cloud_gc.h).
  bool provisional_ref = false;
  const std::string ref_key =
      CloneRefKey(src_path_, opts_.dest_bucket.GetBucketName(), dest_path_);
  if (!read_only && has_dest() && has_src() && !src_is_dest_) {
    ObjectMeta meta;
    IOStatus r = src_store_->Head(ref_key, &meta);
    if (r.IsNotFound()) {
      r = src_store_->Put(ref_key,
                          CloneRefBody(opts_.dest_bucket.GetBucketName(),
                                       dest_path_,
                                       opts_.dest_bucket.GetRegion(), {}),
                          PutOptions());
      provisional_ref = r.ok();
    }
    if (!r.ok()) {
      return Status::IOError("writing the clone's reference bucket " +
                                 opts_.src_bucket.GetBucketName() + " object " +
                                 ref_key,
                             r.ToString());
    }
  }
  if (!read_only) {
    bool reinit = false;
    Status s = NeedsReinitialization(local_dbname, &reinit);
    if (!s.ok()) return s;
    if (reinit) {
      s = ReinitializeLocalDir(local_dbname, wal_dir);
      if (!s.ok()) return s;
    }
  }
  // The epoch the local directory was last written under: when the
  // bucket's CLOUDMANIFEST still names it, this directory's WALs are the
  // last writer's.
  std::string prior_epoch;
  {
    std::unique_ptr<CloudManifest> local_cm;
    if (CloudManifest::LoadFromFile(
            base_.get(),
            local_dbname + "/" + CloudManifestName(opts_.cookie_on_open),
            &local_cm)
            .ok()) {
      prior_epoch = local_cm->current_epoch();
    }
  }
  // A writer claims the path before it reads the path's state.
  const bool writer = !read_only && has_dest();
  const std::string epoch = EpochToString(NewRandomId64());
  if (writer) {
    Status c = ClaimPath(epoch);
    if (!c.ok()) return c;
  }
  const bool resync = opts_.resync_on_open ||
                      (has_src() && has_dest() && src_is_dest_) || writer;
  std::string loaded_epoch;
  for (int attempt = 0;; attempt++) {
    Status s = LoadAndRoll(local_dbname, read_only, wal_dir, resync, epoch,
                           &loaded_epoch);
    // Another open replaced the CLOUDMANIFEST between this one's read and
    // its write, and lost the claim to this one since: load again.
    if (s.IsIOFenced() && attempt < 3 && CheckFence().ok()) continue;
    if (s.IsTryAgain() && attempt < 3) continue;
    if (!s.ok()) return s;
    break;
  }
  if (provisional_ref && from_src_.empty()) {
    // Not a creation (the path was already a DB, which needs nothing of
    // src or already holds its reference there): take it back.
    IOStatus r = src_store_->Delete(ref_key);
    if (!r.ok()) return std::move(r);
  }
  if (has_dest()) {
    Status w = RestoreBucketWal(
        wal_dir, read_only, !prior_epoch.empty() && prior_epoch == loaded_epoch);
    if (!w.ok()) return w;
  }
  const std::string current = local_dbname + "/CURRENT";
  if (!LocalFileExists(base_.get(), current)) {
    // Any name does: every MANIFEST maps to MANIFEST-<epoch>. Read-only
    // opens too (as RocksDB-Cloud): the CLOUDMANIFEST and MANIFEST were
    // just fetched into the directory, and DB::OpenForReadOnly needs it.
    IOStatus io = ReplaceFileAtomically(base_.get(), current, current + ".tmp",
                                        "MANIFEST-000001\n", false);
    if (!io.ok()) return std::move(io);
  }
  open_sequence_done_ = true;
  return Status::OK();
}

Status CloudFileSystemImpl::LoadAndRoll(const std::string& local_dbname,
                                        bool read_only,
                                        const std::string& wal_dir,
                                        bool resync, const std::string& epoch,
                                        std::string* loaded_epoch) {
  Status s = FetchCloudManifest(local_dbname, resync);
  *loaded_epoch = s.ok() ? GetCurrentEpoch() : std::string();
  if (s.IsNotFound() && has_dest()) {
    // No CLOUDMANIFEST: a new DB, unless the path holds DB files (a lost
    // CLOUDMANIFEST must not turn them into garbage). MANIFESTs that name
    // no table file are what an open that created the DB and failed
    // before its CLOUDMANIFEST went up leaves behind: nothing to lose, so
    // the new DB goes ahead (their epochs are invisible to it).
    std::vector<ObjectMeta> objects;
    std::vector<std::string> dirs;
    const std::string prefix = ObjectPrefix(dest_path_);
    Status l = dest_store_->ListDelimited(prefix, "/", &objects, &dirs);
    if (!l.ok()) return l;
    bool abandoned = false;
    for (const ObjectMeta& o : objects) {
      if (o.key == prefix + kDroppedObject) {
        // DropDatabase's marker: no DB here, and what is left is for
        // GarbageCollect (a new DB's epochs never meet its files).
        return Status::NotFound(
            "bucket " + opts_.dest_bucket.GetBucketName() + " path " +
                dest_path_,
            "the DB there was dropped (object DROPPED)");
      }
    }
    for (const ObjectMeta& o : objects) {
      const std::string n = o.key.substr(prefix.size());
      const CloudFileKind kind = ClassifyCloudFile(n);
      if (kind != CloudFileKind::kSst && kind != CloudFileKind::kManifest) {
        continue;
      }
      bool empty = false;
      if (kind == CloudFileKind::kManifest && !read_only) {
        l = ManifestNamesNoFiles(local_dbname, n, &empty);
        if (!l.ok()) return l;
      }
      if (!empty) {
        return Status::Corruption(
            ObjectError("no CLOUDMANIFEST but DB files such as", n),
            "refusing to create a new DB over them; nothing deleted");
      }
      abandoned = true;
    }
    if (abandoned) {
      // The failed open's local files belong to its epoch, not the new one.
      l = ReinitializeLocalDir(local_dbname, wal_dir);
      if (!l.ok()) return l;
    }
  }
  if (s.ok()) s = LoadCloneSources(read_only);
  if (s.ok() && !read_only && has_dest() && !from_src_.empty()) {
    s = ReferenceSource(local_dbname);
  }
  if (!s.ok()) return s;
  if (!read_only) {
    s = DeleteInvisibleFiles(local_dbname);
    if (s.ok() && bucket_wal_) s = AdoptBucketWals(local_dbname, epoch);
    if (s.ok() && opts_.roll_cloud_manifest_on_open) {
      s = RollNewEpoch(local_dbname, epoch);
    }
  }
  return s;
}

Status CloudFileSystemImpl::AdoptBucketWals(const std::string& local_dbname,
                                            const std::string& new_epoch) {
  const std::string loaded = GetCurrentEpoch();
  uint64_t next = 0, min_log = 0;
  Status s = ReadManifestLiveFiles(
      base_.get(), local_dbname + "/" + ManifestWithEpoch(loaded), nullptr,
      &next, &min_log);
  if (!s.ok()) return s;
  const std::string where = "bucket " + opts_.dest_bucket.GetBucketName();
  std::vector<BucketWalLog> logs;
  // 1. Seal the logs of the writer this open fenced where they end now
  // (bucket_wal.h, "Fencing"); one it extended meanwhile is listed again.
  for (int attempt = 0;; attempt++) {
    IOStatus io = ListBucketWals(dest_store_.get(), dest_path_, where, &logs);
    if (!io.ok()) return std::move(io);
    if (opts_.allow_unfenced_writes) break;  // nothing to seal with
    bool grew = false;
    for (const BucketWalLog& log : logs) {
      if (log.epoch != loaded || log.number < min_log ||
          (!log.chunks.empty() && log.chunks.back().size == 0)) {
        continue;  // not its, covered, or sealed already
      }
      io = SealBucketWal(dest_store_.get(), dest_path_, log);
      grew = io.IsIOFenced();
      if (grew) break;
      if (!io.ok()) return std::move(io);
    }
    if (!grew) break;
    if (attempt >= 50) {
      return Status::Busy(where + " path " + dest_path_,
                          "the writer this open fenced kept extending its "
                          "WAL (50 attempts to seal it)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * (attempt + 1)));
  }
  if (!opts_.roll_cloud_manifest_on_open) return Status::OK();
  // 2. Its logs numbered at or past the MANIFEST's next file number will
  // belong to new_epoch once the CLOUDMANIFEST rolls, where only chunks
  // of new_epoch count: copied there first, whole, in one object each, so
  // a crash at any point leaves either the copy or the old epoch current.
  for (const BucketWalLog& log : logs) {
    if (log.epoch != loaded || log.number < min_log || log.number < next) {
      continue;
    }
    std::string data;
    IOStatus io = ReadBucketWal(dest_store_.get(), where, log, &data);
    if (!io.ok()) return std::move(io);
    const std::string key =
        ObjectKey(dest_path_, BucketWalChunkName(log.number, new_epoch, 0));
    PutOptions create;
    create.if_none_match = true;
    io = dest_store_->Put(key, data, create);
    if (io.IsIOFenced()) {
      std::string there;
      io = dest_store_->Get(key, &there);
      if (io.ok() && there != data) {
        return Status::Corruption(where + " object " + key,
                                  "holds other bytes than the WAL it copies");
      }
    }
    if (!io.ok()) return std::move(io);
  }
  return Status::OK();
}

Status CloudFileSystemImpl::CreateCloudManifest(
    const std::string& local_dbname) {
  // The epoch this open claimed the path for (WRITER names it).
  auto cm = std::make_unique<CloudManifest>(
      fence_ ? fence_->writer_id() : EpochToString(NewRandomId64()));
  Status s = cm->WriteToFile(
      base_.get(),
      local_dbname + "/" + CloudManifestName(opts_.new_cookie_on_open));
  if (s.ok()) SetCloudManifest(std::move(cm));
  if (s.ok()) open_sequence_done_ = true;
  return s;
}

Status CloudFileSystemImpl::UploadCloudManifest(
    const std::string& local_dbname) {
  const std::string name = CloudManifestName(opts_.new_cookie_on_open);
  PutOptions put;
  if (name == CloudManifestName(opts_.cookie_on_open)) {
    port::MutexLock l(&mu_);
    put.if_match_etag = cm_etag_;
  } else {
    // A new cookie's CLOUDMANIFEST: replace what is there, if anything.
    ObjectMeta now;
    IOStatus h = dest_store_->Head(ObjectKey(dest_path_, name), &now);
    if (!h.ok() && !h.IsNotFound()) return std::move(h);
    put.if_match_etag = h.ok() ? now.etag : std::string();
  }
  put.if_none_match = put.if_match_etag.empty();
  ObjectMeta meta;
  IOStatus io = UploadFile(local_dbname + "/" + name, name, put, &meta);
  if (io.IsIOFenced()) {
    return IOStatus::IOFenced(
        ObjectError("another open replaced", name),
        "after this open loaded it (a concurrent writer's open)");
  }
  if (!io.ok()) return std::move(io);
  if (name == CloudManifestName(opts_.cookie_on_open)) {
    port::MutexLock l(&mu_);
    cm_etag_ = meta.etag;
  }
  return Status::OK();
}

Status CloudFileSystemImpl::PreloadCloudManifest(
    const std::string& local_dbname) {
  {
    port::MutexLock l(&mu_);
    local_dbname_ = local_dbname;
  }
  IOStatus io = base_->CreateDirIfMissing(local_dbname, IOOptions(), nullptr);
  if (!io.ok()) return std::move(io);
  const bool resync =
      opts_.resync_on_open || (has_src() && has_dest() && src_is_dest_);
  Status s = FetchCloudManifest(local_dbname, resync);
  if (s.ok()) s = LoadCloneSources(true);
  if (!s.ok()) return s;
  const std::string current = local_dbname + "/CURRENT";
  if (!LocalFileExists(base_.get(), current)) {
    io = ReplaceFileAtomically(base_.get(), current, current + ".tmp",
                               "MANIFEST-000001\n", false);
  }
  return std::move(io);
}

Status CloudFileSystemImpl::MigrateFromPureRocksDB(
    const std::string& local_dbname) {
  std::string current;
  IOStatus io =
      ReadFileToString(base_.get(), local_dbname + "/CURRENT", &current);
  if (!io.ok()) return std::move(io);
  while (!current.empty() && current.back() == '\n') current.pop_back();
  if (current.rfind("MANIFEST-", 0) != 0) {
    return Status::Corruption(local_dbname + "/CURRENT",
                              "names no MANIFEST: '" + current + "'");
  }
  // Epoch "": existing SSTs keep their names, the MANIFEST becomes
  // MANIFEST; the first writable open rolls a real epoch.
  io = base_->RenameFile(local_dbname + "/" + current,
                         local_dbname + "/MANIFEST", IOOptions(), nullptr);
  if (!io.ok()) return std::move(io);
  auto cm = std::make_unique<CloudManifest>("");
  Status s = cm->WriteToFile(
      base_.get(),
      local_dbname + "/" + CloudManifestName(opts_.new_cookie_on_open));
  if (!s.ok()) return s;
  {
    port::MutexLock l(&mu_);
    local_dbname_ = local_dbname;
  }
  SetCloudManifest(std::move(cm));
  // The SSTs are local only; upload them so the bucket holds the DB.
  std::vector<std::string> children;
  io = base_->GetChildren(local_dbname, IOOptions(), &children, nullptr);
  for (const std::string& c : children) {
    if (!io.ok()) break;
    if (ClassifyCloudFile(c) == CloudFileKind::kSst) {
      io = UploadFile(local_dbname + "/" + c, c);
    }
  }
  if (io.ok()) io = UploadFile(local_dbname + "/MANIFEST", "MANIFEST");
  if (io.ok() && LocalFileExists(base_.get(), local_dbname + "/IDENTITY")) {
    io = UploadFile(local_dbname + "/IDENTITY", "IDENTITY");
  }
  const std::string cm_name = CloudManifestName(opts_.new_cookie_on_open);
  if (io.ok()) io = UploadFile(local_dbname + "/" + cm_name, cm_name);
  return std::move(io);
}

Status CloudFileSystemImpl::FindAllLiveFiles(
    const std::string& local_dbname, std::vector<std::string>* live_sst_files,
    std::string* manifest_file) {
  if (!HasCloudManifest()) {
    Status s = PreloadCloudManifest(local_dbname);
    if (!s.ok()) return s;
  }
  const std::string manifest = ManifestWithEpoch(GetCurrentEpoch());
  const std::string local = local_dbname + "/" + manifest;
  if (!LocalFileExists(base_.get(), local)) {
    IOStatus io = Download(manifest, local);
    if (!io.ok()) return std::move(io);
  }
  std::vector<uint64_t> numbers;
  uint64_t next = 0;
  Status s = ReadManifestLiveFiles(base_.get(), local, &numbers, &next);
  if (!s.ok()) return s;
  live_sst_files->clear();
  for (uint64_t n : numbers) {
    live_sst_files->push_back(RemapFilename(SstWithEpoch(n, "")));
  }
  *manifest_file = manifest;
  return Status::OK();
}

Status CloudFileSystemImpl::CopyMissingToDest(
    const std::vector<std::string>& names) {
  if (!has_dest() || !has_src() || src_is_dest_) return Status::OK();
  const auto where = ReadLocations();
  for (const std::string& n : names) {
    ObjectMeta meta;
    IOStatus io = dest_store_->Head(ObjectKey(dest_path_, n), &meta);
    if (io.ok()) continue;
    if (!io.IsNotFound()) return std::move(io);
    // A clone of a clone also reads (and so copies) its sources' sources.
    for (size_t i = 1; i < where->size(); i++) {
      const Location& from = (*where)[i];
      if (from.store == dest_store_) {
        io = dest_store_->Copy(ObjectKey(from.path, n),
                               ObjectKey(dest_path_, n));
      } else {
        std::string data;
        io = from.store->Get(ObjectKey(from.path, n), &data);
        if (io.ok()) {
          io = dest_store_->Put(ObjectKey(dest_path_, n), data, PutOptions());
        }
      }
      if (!io.IsNotFound()) break;
    }
    if (!io.ok()) {
      return Status::IOError(ObjectError("savepoint copy of", n),
                             io.ToString());
    }
  }
  return Status::OK();
}

Status CloudFileSystemImpl::ReferencedByClones(
    std::vector<std::string>* names) {
  if (!refs_) return Status::OK();
  std::set<std::string> referenced;
  IOStatus io = refs_->Referenced(&referenced);
  if (!io.ok()) return std::move(io);
  names->insert(names->end(), referenced.begin(), referenced.end());
  return Status::OK();
}

Status CloudFileSystemImpl::UploadToBucket(
    const std::vector<std::pair<std::string, std::string>>& files,
    const BucketOptions& destination, int threads) {
  std::shared_ptr<ObjectStore> store;
  IOStatus io = StoreForBucket(destination.GetBucketName(),
                               destination.GetRegion(), &store);
  if (!io.ok()) return std::move(io);
  const std::string path = destination.GetObjectPath();
  port::Mutex mu;
  Status first;
  ParallelFor(files.size(), threads, [&](size_t i) {
    {
      port::MutexLock l(&mu);
      if (!first.ok()) return false;
    }
    const std::pair<std::string, std::string>& file = files[i];
    std::string data;
    IOStatus s = ReadFileToString(base_.get(), file.first, &data);
    if (s.IsNotFound() || s.IsPathNotFound()) {
      // Not kept locally: from the bucket the DB reads.
      s = GetObject(file.second, &data);
    }
    if (s.ok()) {
      s = store->Put(ObjectKey(path, file.second), data, PutOptions());
    }
    if (s.ok()) return true;
    port::MutexLock l(&mu);
    if (first.ok()) {
      first = Status::IOError("checkpoint to bucket " +
                                  destination.GetBucketName() + " object " +
                                  ObjectKey(path, file.second),
                              s.ToString());
    }
    return false;
  });
  return first;
}

}  // namespace ROCKSDB_NAMESPACE
