// CloudFileSystemImpl::GarbageCollect and DropDatabase: the dest path's
// side of cloud/cloud_gc.h.
#include "cloud/cloud_file_system_impl.h"
#include "cloud/cloud_gc.h"
#include "util/uuid.h"

namespace ROCKSDB_NAMESPACE {

Status CloudFileSystemImpl::GarbageCollect(const CloudGcOptions& options,
                                           CloudGcReport* report) {
  *report = CloudGcReport();
  if (!has_dest()) {
    return Status::InvalidArgument(
        "GarbageCollect: the file system has no dest bucket path");
  }
  const uint64_t min_age =
      options.min_age.has_value()
          ? static_cast<uint64_t>(options.min_age->count()) * 1000000
          : DeletionDelayMicros();
  return RunCloudGc(
      {dest_store_, opts_.dest_bucket.GetBucketName(), dest_path_}, options,
      min_age,
      [this](const std::string& bucket, const std::string& region,
             std::shared_ptr<ObjectStore>* store) {
        return StoreForBucket(bucket, region, store);
      },
      report);
}

Status CloudFileSystemImpl::DropDatabase() {
  if (!has_dest()) {
    return Status::InvalidArgument(
        "DropDatabase: the file system has no dest bucket path");
  }
  const std::string bucket = opts_.dest_bucket.GetBucketName();
  const std::string where = "bucket " + bucket + " path " + dest_path_;
  // Fence whoever writes the path: nothing it does from now on sticks.
  WriterFence fence(dest_store_, ObjectKey(dest_path_, "WRITER"),
                    where + " object WRITER");
  IOStatus io = fence.Claim("drop-" + EpochToString(NewRandomId64()),
                            opts_.allow_unfenced_writes);
  if (!io.ok()) return std::move(io);
  // DROPPED first: a path without CLOUDMANIFEST but with DROPPED is a
  // dropped DB, not a damaged one.
  io = dest_store_->Put(ObjectKey(dest_path_, kDroppedObject),
                        "dropped by " + fence.writer_id() + "\n", PutOptions());
  std::vector<ObjectMeta> objects;
  std::vector<std::string> dirs;
  const std::string prefix = ObjectPrefix(dest_path_);
  if (io.ok()) io = dest_store_->ListDelimited(prefix, "/", &objects, &dirs);
  std::string id;
  bool has_clones = false;
  for (const std::string& d : dirs) has_clones = has_clones || d == prefix + "refs/";
  for (const ObjectMeta& o : objects) {
    const std::string n = o.key.substr(prefix.size());
    if (io.ok() && n == "IDENTITY") io = dest_store_->Get(o.key, &id);
    if (io.ok() && ClassifyCloudFile(n) == CloudFileKind::kCloudManifest) {
      io = dest_store_->Delete(o.key);
    }
  }
  if (!io.ok()) {
    return Status::IOError("dropping the DB at " + where, io.ToString());
  }
  // No longer openable: what it read from its sources may go, unless its
  // own clones still read through it (then the last garbage collection
  // of its path releases them).
  if (!has_clones) {
    io = ReleaseCloneSources(
        {dest_store_, bucket, dest_path_},
        [this](const std::string& b, const std::string& region,
               std::shared_ptr<ObjectStore>* store) {
          return StoreForBucket(b, region, store);
        });
    if (!io.ok()) {
      return Status::IOError("releasing the sources of the DB at " + where,
                             io.ToString());
    }
  }
  std::string registered;
  if (!id.empty() && GetPathForDbid(bucket, id, &registered).ok() &&
      ObjectPrefix(registered) == prefix) {
    Status s = DeleteDbid(bucket, id);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
