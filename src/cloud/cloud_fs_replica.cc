// CloudFileSystemImpl's read-replica side (doc/cloud_layout.md, "Read
// replicas"): before each catch-up of a DBCloud::OpenAsSecondary replica,
// CatchUpWithBucket brings the local directory to the state of the bucket
// path the replica follows: the CLOUDMANIFEST (a new writer rolled an
// epoch), the MANIFEST of its current epoch, and the bucket WAL's logs that
// MANIFEST still needs, written into wal_dir (only the chunks past what
// the local copy holds). The DB's own catch-up (db_impl_secondary.cc) then
// reads them as local files. Only HEAD, GET and LIST requests reach the
// bucket: a replica never writes, seals or deletes there, and claims
// nothing.
//
// A consistent set: a flush may upload a MANIFEST that covers a log and
// then delete that log's chunks, and a new writer may roll the epoch, while
// the replica reads. So the CLOUDMANIFEST and MANIFEST are looked at again
// (HEAD) after the WAL was read; if either changed, or a listed chunk was
// gone, everything is read again (a bounded number of passes).
// Thread-safety: one call at a time (the DBCloud replica serializes them);
// the loaded CLOUDMANIFEST is swapped under mu_ as at open.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cloud/cloud_file_system_impl.h"
#include "env/file_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Passes over CLOUDMANIFEST, MANIFEST and WAL before giving up on a
// writer that changes them faster than the replica reads.
constexpr int kReplicaCatchUpPasses = 8;

}  // namespace

Status CloudFileSystemImpl::CatchUpWithBucket() {
  if (!has_dest() && !has_src()) {
    return Status::InvalidArgument(
        "a read replica needs a bucket to follow (dest or src)");
  }
  std::string local_dbname, wal_dir;
  {
    port::MutexLock l(&mu_);
    local_dbname = local_dbname_;
    wal_dir = wal_dir_;
  }
  const bool from_dest = has_dest();
  ObjectStore* store = from_dest ? dest_store_.get() : src_store_.get();
  const std::string& path = from_dest ? dest_path_ : src_path_;
  const std::string where =
      "bucket " +
      (from_dest ? opts_.dest_bucket : opts_.src_bucket).GetBucketName();
  const std::string cm_name = CloudManifestName(opts_.cookie_on_open);
  const std::string cm_key = ObjectKey(path, cm_name);
  // The etags the previous pass read its WAL under ("" before the first).
  std::string pass_cm, pass_manifest;
  Status last;
  for (int pass = 0; pass < kReplicaCatchUpPasses; pass++) {
    // A pass that fails leaves nothing to compare the next one with.
    const std::string prev_cm = std::move(pass_cm);
    const std::string prev_manifest = std::move(pass_manifest);
    pass_cm.clear();
    pass_manifest.clear();
    ObjectMeta cm_meta;
    IOStatus io = store->Head(cm_key, &cm_meta);
    if (io.IsNotFound()) {
      return Status::NotFound(where + " object " + cm_key,
                              "the followed path holds no DB (no "
                              "CLOUDMANIFEST)");
    }
    if (!io.ok()) return std::move(io);
    if (cm_meta.etag != replica_cm_etag_) {
      std::string data;
      io = store->Get(cm_key, &data);
      if (!io.ok()) return std::move(io);
      if (data.size() != cm_meta.size) {
        last = Status::IOError(where + " object " + cm_key,
                               "changed while it was read");
        continue;
      }
      const std::string local = local_dbname + "/" + cm_name;
      io = ReplaceFileAtomically(base_.get(), local, local + ".tmp", data,
                                 false);
      if (!io.ok()) return std::move(io);
      std::unique_ptr<CloudManifest> cm;
      Status s = CloudManifest::LoadFromFile(base_.get(), local, &cm);
      if (!s.ok()) {
        return Status::Corruption(where + " object " + cm_key, s.ToString());
      }
      SetCloudManifest(std::move(cm));
      replica_cm_etag_ = cm_meta.etag;
      replica_manifest_etag_.clear();
    }
    const std::string manifest = ManifestWithEpoch(GetCurrentEpoch());
    ObjectMeta manifest_meta;
    io = store->Head(ObjectKey(path, manifest), &manifest_meta);
    if (io.IsNotFound()) {
      // Only a CLOUDMANIFEST replaced meanwhile names a missing MANIFEST
      // for a moment (the older epoch's is collected long after).
      last = Status::Corruption(where + " object " + ObjectKey(path, manifest),
                                "the CLOUDMANIFEST names it but it is missing");
      replica_cm_etag_.clear();
      continue;
    }
    if (!io.ok()) return std::move(io);
    if (!prev_cm.empty() && cm_meta.etag == prev_cm &&
        manifest_meta.etag == prev_manifest) {
      return Status::OK();  // the WAL was read under this very state
    }
    const std::string local_manifest = local_dbname + "/" + manifest;
    if (manifest_meta.etag != replica_manifest_etag_) {
      ObjectMeta read;
      io = Download(manifest, local_manifest, &read);
      if (io.IsNotFound()) {
        replica_cm_etag_.clear();
        last = std::move(io);
        continue;
      }
      if (!io.ok()) return std::move(io);
      replica_manifest_etag_ = read.etag;
    }
    Status s = FetchReplicaWals(store, path, where, wal_dir, local_manifest);
    if (s.IsCorruption() || s.IsNotFound()) {
      // A chunk deleted after the listing (its log covered by a newer
      // MANIFEST): read again under the new state. Lasting damage stays.
      last = s;
      continue;
    }
    if (!s.ok()) return s;
    pass_cm = replica_cm_etag_;
    pass_manifest = replica_manifest_etag_;
  }
  return Status::Busy(where + " path " + path,
                      "the writer changed the DB faster than the replica "
                      "could read it (" +
                          std::to_string(kReplicaCatchUpPasses) +
                          " passes); last: " + last.ToString());
}

Status CloudFileSystemImpl::FetchReplicaWals(ObjectStore* store,
                                             const std::string& path,
                                             const std::string& where,
                                             const std::string& wal_dir,
                                             const std::string& manifest) {
  uint64_t next = 0, min_log = 0;
  Status s =
      ReadManifestLiveFiles(base_.get(), manifest, nullptr, &next, &min_log);
  if (!s.ok()) return s;
  std::vector<BucketWalLog> logs;
  IOStatus io;
  if (opts_.wal_in_bucket) {
    io = ListBucketWals(store, path, where, &logs);
    if (!io.ok()) return std::move(io);
  }
  std::shared_ptr<CloudManifest> cm;
  {
    port::MutexLock l(&mu_);
    cm = cm_;
  }
  io = base_->CreateDirIfMissing(wal_dir, IOOptions(), nullptr);
  if (!io.ok()) return std::move(io);
  std::map<uint64_t, ReplicaWal> fetched;
  for (const BucketWalLog& log : logs) {
    // A fenced writer's log (its epoch does not own the number) was never
    // acknowledged; one below the log number is covered by SSTs.
    if (cm->GetEpoch(log.number) != log.epoch || log.number < min_log) {
      continue;
    }
    const std::string local = wal_dir + "/" + WalName(log.number);
    uint64_t from = 0;
    auto had = replica_wals_.find(log.number);
    uint64_t local_size = 0;
    if (had != replica_wals_.end() && had->second.epoch == log.epoch &&
        had->second.size <= log.size &&
        base_->GetFileSize(local, IOOptions(), &local_size, nullptr).ok() &&
        local_size == had->second.size) {
      from = had->second.size;
    }
    // Only the chunks past what the local copy holds; they must start
    // exactly there (else the whole log is read again).
    BucketWalLog tail;
    tail.number = log.number;
    tail.epoch = log.epoch;
    bool starts = from == 0;
    for (size_t i = 0; i < log.chunks.size(); i++) {
      if (log.offsets[i] < from) continue;
      starts = starts || log.offsets[i] == from;
      tail.chunks.push_back(log.chunks[i]);
      tail.offsets.push_back(log.offsets[i] - from);
    }
    if (!starts && from != log.size) {
      from = 0;
      tail.chunks = log.chunks;
      tail.offsets = log.offsets;
    }
    std::string data;
    io = ReadBucketWal(store, where, tail, &data);
    if (!io.ok()) return std::move(io);
    if (from == 0) {
      io = ReplaceFileAtomically(base_.get(), local, local + ".tmp", data,
                                 false);
    } else if (!data.empty()) {
      std::unique_ptr<FSWritableFile> f;
      io = base_->ReopenWritableFile(local, FileOptions(), &f, nullptr);
      if (io.ok()) io = f->Append(data, IOOptions(), nullptr);
      if (io.ok()) io = f->Close(IOOptions(), nullptr);
    }
    if (!io.ok()) {
      replica_wals_.erase(log.number);
      return std::move(io);
    }
    fetched[log.number] = ReplicaWal{log.epoch, from + data.size()};
  }
  replica_wals_ = std::move(fetched);
  // Local WALs the bucket no longer needs (or never had): replayed, they
  // would graft another history onto the writer's.
  std::vector<std::string> children;
  io = base_->GetChildren(wal_dir, IOOptions(), &children, nullptr);
  if (!io.ok()) return std::move(io);
  for (const std::string& c : children) {
    uint64_t n = 0;
    if (!WalNumber(c, &n) || replica_wals_.count(n) != 0) continue;
    io = base_->DeleteFile(wal_dir + "/" + c, IOOptions(), nullptr);
    if (!io.ok() && !io.IsNotFound()) return std::move(io);
  }
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
