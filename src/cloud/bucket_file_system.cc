// BucketFileSystem: files as objects under a bucket path; contract in
// cloud/bucket_file_system.h.
#include "cloud/bucket_file_system.h"

#include <cstring>
#include <utility>
#include <vector>

#include "cloud/cloud_names.h"
#include "env/file_util.h"
#include "util/uuid.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// "bucket/key" for messages.
std::string BucketFsObjectName(const std::string& bucket,
                               const std::string& key) {
  return "object " + bucket + "/" + key;
}

class BucketFsRandomAccessFile : public FSRandomAccessFile {
 public:
  BucketFsRandomAccessFile(std::shared_ptr<ObjectStore> store, std::string key)
      : store_(std::move(store)), key_(std::move(key)) {}

  IOStatus Read(uint64_t offset, size_t n, const IOOptions& /*options*/,
                Slice* result, char* scratch,
                IODebugContext* /*dbg*/) const override {
    std::string data;
    IOStatus s =
        n == 0 ? IOStatus::OK() : store_->GetRange(key_, offset, n, &data);
    if (!s.ok()) return s;
    if (data.size() > n) data.resize(n);
    if (!data.empty()) memcpy(scratch, data.data(), data.size());
    *result = Slice(scratch, data.size());
    return IOStatus::OK();
  }

 private:
  const std::shared_ptr<ObjectStore> store_;
  const std::string key_;
};

class BucketFsSequentialFile : public FSSequentialFile {
 public:
  BucketFsSequentialFile(std::shared_ptr<ObjectStore> store, std::string key)
      : file_(std::move(store), std::move(key)) {}

  IOStatus Read(size_t n, const IOOptions& options, Slice* result,
                char* scratch, IODebugContext* dbg) override {
    IOStatus s = file_.Read(offset_, n, options, result, scratch, dbg);
    if (s.ok()) offset_ += result->size();
    return s;
  }
  IOStatus Skip(uint64_t n) override {
    offset_ += n;
    return IOStatus::OK();
  }

 private:
  BucketFsRandomAccessFile file_;
  uint64_t offset_ = 0;
};

// Appends to a local staging file; Close uploads it as the object.
class BucketFsWritableFile : public FSWritableFile {
 public:
  BucketFsWritableFile(std::shared_ptr<ObjectStore> store, std::string bucket,
                       std::string key, std::shared_ptr<FileSystem> local,
                       std::string staging, std::unique_ptr<FSWritableFile> f)
      : store_(std::move(store)),
        bucket_(std::move(bucket)),
        key_(std::move(key)),
        local_(std::move(local)),
        staging_(std::move(staging)),
        file_(std::move(f)) {}
  ~BucketFsWritableFile() override {
    if (file_ != nullptr) Discard();
  }

  IOStatus Append(const Slice& data, const IOOptions& options,
                  IODebugContext* dbg) override {
    if (file_ == nullptr) return Closed("Append");
    IOStatus s = file_->Append(data, options, dbg);
    if (s.ok()) size_ += data.size();
    return s;
  }
  IOStatus Flush(const IOOptions& /*options*/,
                 IODebugContext* /*dbg*/) override {
    return file_ == nullptr ? Closed("Flush") : IOStatus::OK();
  }
  IOStatus Sync(const IOOptions& /*options*/,
                IODebugContext* /*dbg*/) override {
    return file_ == nullptr ? Closed("Sync") : IOStatus::OK();
  }
  uint64_t GetFileSize(const IOOptions& /*options*/,
                       IODebugContext* /*dbg*/) override {
    return size_;
  }
  IOStatus Close(const IOOptions& options, IODebugContext* dbg) override {
    if (file_ == nullptr) return Closed("Close");
    IOStatus s = file_->Close(options, dbg);
    std::unique_ptr<FSRandomAccessFile> in;
    if (s.ok()) {
      s = local_->NewRandomAccessFile(staging_, FileOptions(), &in, nullptr);
    }
    if (s.ok()) {
      FilePutSource source(staging_, std::move(in), size_);
      s = store_->PutFrom(key_, source, PutOptions());
    }
    Discard();
    if (!s.ok()) {
      return IOStatus(AddErrorContext(
          s, "uploading " + BucketFsObjectName(bucket_, key_) + " on Close"));
    }
    return s;
  }

 private:
  IOStatus Closed(const char* call) const {
    return IOStatus::IOError(std::string(call) + " after Close",
                             BucketFsObjectName(bucket_, key_));
  }
  void Discard() {
    file_.reset();
    local_->DeleteFile(staging_, IOOptions(), nullptr).PermitUncheckedError();
  }

  const std::shared_ptr<ObjectStore> store_;
  const std::string bucket_, key_;
  const std::shared_ptr<FileSystem> local_;
  const std::string staging_;
  std::unique_ptr<FSWritableFile> file_;  // null once closed
  uint64_t size_ = 0;
};

class BucketFsDirectory : public FSDirectory {
 public:
  // Objects are durable once written: nothing to sync.
  IOStatus Fsync(const IOOptions& /*options*/,
                 IODebugContext* /*dbg*/) override {
    return IOStatus::OK();
  }
};

class BucketFileSystemImpl : public FileSystem {
 public:
  BucketFileSystemImpl(std::shared_ptr<ObjectStore> store, std::string bucket,
                       std::string root, std::shared_ptr<FileSystem> local,
                       std::string staging_dir)
      : store_(std::move(store)),
        bucket_(std::move(bucket)),
        root_(std::move(root)),
        local_(std::move(local)),
        staging_dir_(std::move(staging_dir)) {}

  const char* Name() const override { return "BucketFileSystem"; }

  IOStatus NewSequentialFile(const std::string& f, const FileOptions& /*o*/,
                             std::unique_ptr<FSSequentialFile>* r,
                             IODebugContext* /*dbg*/) override {
    std::string key;
    IOStatus s = ExistingObject(f, &key);
    if (s.ok()) r->reset(new BucketFsSequentialFile(store_, key));
    return s;
  }
  IOStatus NewRandomAccessFile(const std::string& f, const FileOptions& /*o*/,
                               std::unique_ptr<FSRandomAccessFile>* r,
                               IODebugContext* /*dbg*/) override {
    std::string key;
    IOStatus s = ExistingObject(f, &key);
    if (s.ok()) r->reset(new BucketFsRandomAccessFile(store_, key));
    return s;
  }
  IOStatus NewWritableFile(const std::string& f, const FileOptions& o,
                           std::unique_ptr<FSWritableFile>* r,
                           IODebugContext* dbg) override {
    std::string key;
    IOStatus s = KeyOf(f, &key);
    if (!s.ok()) return s;
    s = local_->CreateDirIfMissing(staging_dir_, IOOptions(), dbg);
    const std::string staging =
        staging_dir_ + "/skyrocks-upload-" + NewUuidV4() + ".tmp";
    std::unique_ptr<FSWritableFile> local_file;
    if (s.ok()) s = local_->NewWritableFile(staging, o, &local_file, dbg);
    if (!s.ok()) {
      return IOStatus(AddErrorContext(s, "staging " +
                                             BucketFsObjectName(bucket_, key) +
                                             " in " + staging_dir_));
    }
    r->reset(new BucketFsWritableFile(store_, bucket_, key, local_, staging,
                                      std::move(local_file)));
    return IOStatus::OK();
  }
  IOStatus ReopenWritableFile(const std::string& f, const FileOptions& /*o*/,
                              std::unique_ptr<FSWritableFile>* /*r*/,
                              IODebugContext* /*dbg*/) override {
    return Unsupported("ReopenWritableFile", f);
  }
  IOStatus NewDirectory(const std::string& /*name*/, const IOOptions& /*o*/,
                        std::unique_ptr<FSDirectory>* r,
                        IODebugContext* /*dbg*/) override {
    r->reset(new BucketFsDirectory());
    return IOStatus::OK();
  }

  IOStatus FileExists(const std::string& f, const IOOptions& o,
                      IODebugContext* dbg) override {
    bool is_dir = false;
    return IsDirectory(f, o, &is_dir, dbg);
  }
  IOStatus IsDirectory(const std::string& path, const IOOptions& /*o*/,
                       bool* is_dir, IODebugContext* /*dbg*/) override {
    std::string key;
    IOStatus s = KeyOf(path, &key);
    if (!s.ok()) return s;
    if (!key.empty()) {
      ObjectMeta meta;
      s = store_->Head(key, &meta);
      if (s.ok()) {
        *is_dir = false;
        return s;
      }
      if (!s.IsNotFound()) return s;
    }
    bool any = false;
    s = AnyUnder(key, &any);
    if (!s.ok()) return s;
    if (!any && !key.empty()) {
      return IOStatus::NotFound(BucketFsObjectName(bucket_, key),
                                "no such object or prefix");
    }
    *is_dir = true;
    return IOStatus::OK();
  }
  IOStatus GetChildren(const std::string& dir, const IOOptions& /*o*/,
                       std::vector<std::string>* r,
                       IODebugContext* /*dbg*/) override {
    std::string key;
    IOStatus s = KeyOf(dir, &key);
    if (!s.ok()) return s;
    const std::string prefix = key.empty() ? key : key + "/";
    std::vector<ObjectMeta> objects;
    std::vector<std::string> prefixes;
    s = store_->ListDelimited(prefix, "/", &objects, &prefixes);
    if (!s.ok()) {
      return IOStatus(
          AddErrorContext(s, "listing " + BucketFsObjectName(bucket_, prefix)));
    }
    r->clear();
    for (const auto& m : objects) r->push_back(m.key.substr(prefix.size()));
    for (const auto& p : prefixes) {
      r->push_back(p.substr(prefix.size(), p.size() - prefix.size() - 1));
    }
    return IOStatus::OK();
  }
  IOStatus DeleteFile(const std::string& f, const IOOptions& /*o*/,
                      IODebugContext* /*dbg*/) override {
    std::string key;
    IOStatus s = KeyOf(f, &key);
    if (s.ok()) s = store_->Delete(key);
    return s;
  }
  IOStatus CreateDir(const std::string& d, const IOOptions& /*o*/,
                     IODebugContext* /*dbg*/) override {
    std::string key;
    return KeyOf(d, &key);  // a prefix exists once an object lies under it
  }
  IOStatus CreateDirIfMissing(const std::string& d, const IOOptions& o,
                              IODebugContext* dbg) override {
    return CreateDir(d, o, dbg);
  }
  IOStatus DeleteDir(const std::string& d, const IOOptions& /*o*/,
                     IODebugContext* /*dbg*/) override {
    std::string key;
    IOStatus s = KeyOf(d, &key);
    bool any = false;
    if (s.ok()) s = AnyUnder(key, &any);
    if (s.ok() && any) {
      return IOStatus::IOError("DeleteDir " + BucketFsObjectName(bucket_, key),
                               "objects remain under it");
    }
    return s;
  }
  IOStatus GetFileSize(const std::string& f, const IOOptions& /*o*/,
                       uint64_t* size, IODebugContext* /*dbg*/) override {
    ObjectMeta meta;
    IOStatus s = HeadOf(f, &meta);
    if (s.ok()) *size = meta.size;
    return s;
  }
  IOStatus GetFileModificationTime(const std::string& f, const IOOptions& /*o*/,
                                   uint64_t* t,
                                   IODebugContext* /*dbg*/) override {
    ObjectMeta meta;
    IOStatus s = HeadOf(f, &meta);
    if (s.ok()) *t = meta.mtime_micros / 1000000;
    return s;
  }
  IOStatus RenameFile(const std::string& src, const std::string& target,
                      const IOOptions& /*o*/,
                      IODebugContext* /*dbg*/) override {
    std::string from, to;
    IOStatus s = KeyOf(src, &from);
    if (s.ok()) s = KeyOf(target, &to);
    if (!s.ok()) return s;
    if (from == to) return IOStatus::OK();
    // The target whole first, then the source goes.
    s = store_->Copy(from, to);
    if (s.ok()) s = store_->Delete(from);
    if (!s.ok()) {
      return IOStatus(AddErrorContext(
          s, "renaming " + BucketFsObjectName(bucket_, from) + " to " + to));
    }
    return s;
  }
  IOStatus LinkFile(const std::string& src, const std::string& /*target*/,
                    const IOOptions& /*o*/, IODebugContext* /*dbg*/) override {
    return Unsupported("LinkFile", src);
  }
  IOStatus LockFile(const std::string& f, const IOOptions& /*o*/,
                    FileLock** /*lock*/, IODebugContext* /*dbg*/) override {
    return Unsupported("LockFile", f);
  }
  IOStatus UnlockFile(FileLock* /*lock*/, const IOOptions& /*o*/,
                      IODebugContext* /*dbg*/) override {
    return Unsupported("UnlockFile", "");
  }
  IOStatus GetAbsolutePath(const std::string& db_path, const IOOptions& /*o*/,
                           std::string* output_path,
                           IODebugContext* /*dbg*/) override {
    *output_path = db_path;
    return IOStatus::OK();
  }

 private:
  // The object key of the file named `path`.
  IOStatus KeyOf(const std::string& path, std::string* key) const {
    *key = ObjectPrefix(root_ + "/" + path);
    if (!key->empty()) key->pop_back();
    if (key->empty()) return IOStatus::OK();  // the root itself
    IOStatus s = ValidateObjectKey(*key);
    if (!s.ok()) {
      return IOStatus(AddErrorContext(
          s, "file " + path + " in bucket " + bucket_ + " under " + root_));
    }
    return s;
  }
  IOStatus HeadOf(const std::string& path, ObjectMeta* meta) {
    std::string key;
    IOStatus s = KeyOf(path, &key);
    if (s.ok() && key.empty()) {
      return IOStatus::InvalidArgument(path, "is the bucket path, not a file");
    }
    if (s.ok()) s = store_->Head(key, meta);
    if (s.IsNotFound()) {
      return IOStatus::NotFound(BucketFsObjectName(bucket_, key),
                                "no such object");
    }
    return s;
  }
  IOStatus ExistingObject(const std::string& path, std::string* key) {
    ObjectMeta meta;
    IOStatus s = HeadOf(path, &meta);
    if (s.ok()) s = KeyOf(path, key);
    return s;
  }
  // Whether some object lies under the prefix key + "/".
  IOStatus AnyUnder(const std::string& key, bool* any) {
    const std::string prefix = key.empty() ? key : key + "/";
    std::vector<ObjectMeta> objects;
    std::vector<std::string> prefixes;
    IOStatus s = store_->ListDelimited(prefix, "/", &objects, &prefixes);
    if (!s.ok()) {
      return IOStatus(
          AddErrorContext(s, "listing " + BucketFsObjectName(bucket_, prefix)));
    }
    *any = !objects.empty() || !prefixes.empty();
    return s;
  }
  static IOStatus Unsupported(const char* call, const std::string& f) {
    return IOStatus::NotSupported(
        std::string(call) + " on a bucket file system (files are objects)", f);
  }

  const std::shared_ptr<ObjectStore> store_;
  const std::string bucket_, root_;
  const std::shared_ptr<FileSystem> local_;
  const std::string staging_dir_;
};

}  // namespace

IOStatus NewBucketFileSystem(std::shared_ptr<ObjectStore> store,
                             const std::string& bucket, const std::string& root,
                             std::shared_ptr<FileSystem> local,
                             const std::string& staging_dir,
                             std::shared_ptr<FileSystem>* result) {
  if (staging_dir.empty()) {
    return IOStatus::InvalidArgument("bucket file system of " + bucket,
                                     "empty staging directory");
  }
  result->reset(new BucketFileSystemImpl(std::move(store), bucket, root,
                                         std::move(local), staging_dir));
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
