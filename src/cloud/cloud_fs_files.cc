// The cloud file system's file objects; see cloud/cloud_fs_files.h.
#include "cloud/cloud_fs_files.h"

#include <atomic>
#include <cstring>

#include "cloud/bucket_wal.h"
#include "cloud/cloud_file_system_impl.h"
#include "env/sync_later.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class CloudWritableFile : public FSWritableFile {
 public:
  CloudWritableFile(CloudFileSystemImpl* fs,
                    std::unique_ptr<FSWritableFile> local, CloudFileKind kind,
                    std::string write_path, std::string final_path, bool upload)
      : fs_(fs),
        local_(std::move(local)),
        kind_(kind),
        write_path_(std::move(write_path)),
        final_path_(std::move(final_path)),
        upload_(upload) {}

  ~CloudWritableFile() override {
    if (!closed_) Close(IOOptions(), nullptr).PermitUncheckedError();
  }

  IOStatus Append(const Slice& data, const IOOptions& o,
                  IODebugContext* dbg) override {
    return local_->Append(data, o, dbg);
  }
  IOStatus Flush(const IOOptions& o, IODebugContext* dbg) override {
    return local_->Flush(o, dbg);
  }
  IOStatus Sync(const IOOptions& o, IODebugContext* dbg) override {
    IOStatus s = local_->Sync(o, dbg);
    return s.ok() ? Publish() : s;
  }
  IOStatus Fsync(const IOOptions& o, IODebugContext* dbg) override {
    IOStatus s = local_->Fsync(o, dbg);
    return s.ok() ? Publish() : s;
  }
  uint64_t GetFileSize(const IOOptions& o, IODebugContext* dbg) override {
    return local_->GetFileSize(o, dbg);
  }
  IOStatus Truncate(uint64_t size, const IOOptions& o,
                    IODebugContext* dbg) override {
    return local_->Truncate(size, o, dbg);
  }
  IOStatus RangeSync(uint64_t off, uint64_t n, const IOOptions& o,
                     IODebugContext* dbg) override {
    return local_->RangeSync(off, n, o, dbg);
  }
  void SetPreallocationBlockSize(size_t size) override {
    local_->SetPreallocationBlockSize(size);
  }

  // An SST goes up on the Sync that ends it (the DB syncs a finished table
  // before it records it in the MANIFEST); one closed without a Sync was
  // abandoned (an empty flush, a failed job) and never reaches the bucket.
  // Bytes appended after the upload go up again at Close.
  IOStatus Close(const IOOptions& o, IODebugContext* dbg) override {
    if (closed_) return IOStatus::OK();
    closed_ = true;
    const uint64_t size = local_->GetFileSize(o, dbg);
    IOStatus s = local_->Close(o, dbg);
    if (!s.ok()) return s;
    if (kind_ == CloudFileKind::kManifest) return Publish();
    if (!upload_ || !published_) return s;
    if (size != published_size_) s = PublishSst(size);
    if (s.ok()) fs_->SstUploaded(final_path_, size);
    return s;
  }

 private:
  IOStatus PublishSst(uint64_t size) {
    IOStatus s = fs_->UploadFile(final_path_, CloudBasename(final_path_));
    if (s.ok()) {
      published_ = true;
      published_size_ = size;
    }
    return s;
  }

  // An SST: up to the bucket. A MANIFEST: in place under its physical
  // name, then in the bucket.
  IOStatus Publish() {
    if (kind_ == CloudFileKind::kSst) {
      if (!upload_) return IOStatus::OK();
      const uint64_t size = local_->GetFileSize(IOOptions(), nullptr);
      if (published_ && size == published_size_) return IOStatus::OK();
      return PublishSst(size);
    }
    if (kind_ != CloudFileKind::kManifest) return IOStatus::OK();
    if (write_path_ != final_path_) {
      IOStatus s = fs_->GetBaseFileSystem()->RenameFile(
          write_path_, final_path_, IOOptions(), nullptr);
      if (!s.ok()) return s;
      write_path_ = final_path_;
    }
    if (!upload_) return IOStatus::OK();
    IOStatus s = fs_->UploadFile(final_path_, CloudBasename(final_path_));
    // Counts only while this writer owns the path (cloud/writer_fence.h).
    return s.ok() ? fs_->CheckFence() : s;
  }

  CloudFileSystemImpl* fs_;
  std::unique_ptr<FSWritableFile> local_;
  const CloudFileKind kind_;
  std::string write_path_;
  const std::string final_path_;
  const bool upload_;
  bool closed_ = false;
  bool published_ = false;  // an SST's bytes up to published_size_ are up
  uint64_t published_size_ = 0;
};

// A WAL whose bytes also go to the bucket WAL: a sync waits for them to
// be stored there, and can wait later, off the writers' queue.
class CloudWalFile : public FSWritableFile, public SyncLaterFile {
 public:
  CloudWalFile(BucketWal* wal, std::unique_ptr<FSWritableFile> local,
               uint64_t number, std::string epoch)
      : wal_(wal),
        local_(std::move(local)),
        number_(number),
        epoch_(std::move(epoch)) {}

  IOStatus Append(const Slice& data, const IOOptions& o,
                  IODebugContext* dbg) override {
    IOStatus s = local_->Append(data, o, dbg);
    if (s.ok()) s = wal_->Append(number_, epoch_, offset_, data, &ticket_);
    // The next bytes' offset follows the local file even after an error,
    // so the two never disagree about where a byte is.
    offset_ += data.size();
    return s;
  }
  IOStatus Flush(const IOOptions& o, IODebugContext* dbg) override {
    return local_->Flush(o, dbg);
  }
  IOStatus Sync(const IOOptions& o, IODebugContext* dbg) override {
    IOStatus s = local_->Flush(o, dbg);
    return s.ok() ? wal_->WaitStored(ticket_) : s;
  }
  std::function<IOStatus()> SyncLater() override {
    // The BucketWal outlives every DB on this file system.
    BucketWal* wal = wal_;
    const uint64_t ticket = ticket_;
    return [wal, ticket] { return wal->WaitStored(ticket); };
  }
  IOStatus Fsync(const IOOptions& o, IODebugContext* dbg) override {
    return Sync(o, dbg);
  }
  uint64_t GetFileSize(const IOOptions& o, IODebugContext* dbg) override {
    return local_->GetFileSize(o, dbg);
  }
  IOStatus Truncate(uint64_t size, const IOOptions&, IODebugContext*) override {
    return IOStatus::NotSupported("truncating a WAL kept in the bucket (to " +
                                  std::to_string(size) + " bytes)");
  }
  IOStatus Close(const IOOptions& o, IODebugContext* dbg) override {
    // Its bytes are queued already; they go up in order.
    return local_->Close(o, dbg);
  }

 private:
  BucketWal* wal_;
  std::unique_ptr<FSWritableFile> local_;
  const uint64_t number_;
  const std::string epoch_;
  uint64_t offset_ = 0;
  uint64_t ticket_ = 0;
};

class CloudReadableFile : public FSRandomAccessFile {
 public:
  CloudReadableFile(CloudFileSystemImpl* fs, std::string local_path,
                    uint64_t size)
      : fs_(fs),
        local_path_(std::move(local_path)),
        name_(CloudBasename(local_path_)),
        size_(size),
        where_(fs->SstLocation(name_)) {
    if (fs_->sst_cache() != nullptr) {
      fs_->sst_cache()->RequestDownload(local_path_, size_);
    }
  }

  IOStatus Read(uint64_t offset, size_t n, const IOOptions& o, Slice* result,
                char* scratch, IODebugContext* dbg) const override {
    if (fs_->sst_cache() != nullptr) {
      std::shared_ptr<FSRandomAccessFile> local =
          fs_->sst_cache()->OpenLocal(local_path_);
      if (local) return local->Read(offset, n, o, result, scratch, dbg);
    }
    if (offset >= size_ || n == 0) {
      *result = Slice(scratch, 0);
      return IOStatus::OK();
    }
    const size_t want =
        static_cast<size_t>(std::min<uint64_t>(n, size_ - offset));
    std::string data;
    IOStatus s;
    // The range lies inside the object: a shorter answer is a cut body
    // (tried again), never the end of the file.
    for (int attempt = 0; attempt < 3; attempt++) {
      s = fs_->ReadObjectRange(name_, offset, want, &data, &where_);
      if (!s.ok() || data.size() >= want) break;
      s = IOStatus::IOError(
          "short read of " + name_ + " at " + std::to_string(offset),
          "got " + std::to_string(data.size()) + " of " + std::to_string(want) +
              " bytes");
      s.SetRetryable(true);
    }
    if (!s.ok()) return s;
    if (data.size() > want) data.resize(want);
    memcpy(scratch, data.data(), data.size());
    *result = Slice(scratch, data.size());
    return IOStatus::OK();
  }

  uint64_t size() const { return size_; }

 private:
  CloudFileSystemImpl* fs_;
  const std::string local_path_;
  const std::string name_;
  const uint64_t size_;
  // The read location that holds the object (learned by the first read).
  mutable std::atomic<size_t> where_;
};

class CloudSequentialFile : public FSSequentialFile {
 public:
  explicit CloudSequentialFile(std::unique_ptr<CloudReadableFile> file)
      : file_(std::move(file)) {}
  IOStatus Read(size_t n, const IOOptions& o, Slice* result, char* scratch,
                IODebugContext* dbg) override {
    IOStatus s = file_->Read(offset_, n, o, result, scratch, dbg);
    if (s.ok()) offset_ += result->size();
    return s;
  }
  IOStatus Skip(uint64_t n) override {
    offset_ = std::min(file_->size(), offset_ + n);
    return IOStatus::OK();
  }

 private:
  std::unique_ptr<CloudReadableFile> file_;
  uint64_t offset_ = 0;
};

}  // namespace

std::unique_ptr<FSWritableFile> NewCloudWritableFile(
    CloudFileSystemImpl* fs, std::unique_ptr<FSWritableFile> local,
    CloudFileKind kind, const std::string& write_path,
    const std::string& final_path, bool upload) {
  return std::make_unique<CloudWritableFile>(fs, std::move(local), kind,
                                             write_path, final_path, upload);
}

std::unique_ptr<FSWritableFile> NewCloudWalFile(
    BucketWal* wal, std::unique_ptr<FSWritableFile> local, uint64_t number,
    const std::string& epoch) {
  return std::make_unique<CloudWalFile>(wal, std::move(local), number, epoch);
}

std::unique_ptr<FSRandomAccessFile> NewCloudRandomAccessFile(
    CloudFileSystemImpl* fs, const std::string& local_path, uint64_t size) {
  return std::make_unique<CloudReadableFile>(fs, local_path, size);
}

std::unique_ptr<FSSequentialFile> NewCloudSequentialFile(
    CloudFileSystemImpl* fs, const std::string& local_path, uint64_t size) {
  return std::make_unique<CloudSequentialFile>(
      std::make_unique<CloudReadableFile>(fs, local_path, size));
}

}  // namespace ROCKSDB_NAMESPACE
