// An in-memory FileSystem (NewMemFileSystem in rocksdb/file_system.h): a
// tree of directories and files held in maps, with POSIX-like semantics
// where a DB depends on them: an open file keeps its data after the name is
// deleted or renamed over; rename replaces its target atomically;
// NewWritableFile truncates, ReopenWritableFile appends; a second LockFile
// on a held lock fails. Missing files give IOError(PathNotFound) naming the
// path, as the POSIX file system does. Paths are normalised (repeated and
// trailing '/' removed). Sync/Fsync are no-ops: everything is "durable"
// until the process ends. Thread-safe: one mutex for the tree, one per
// file's bytes.
#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "port/mutex.h"
#include "rocksdb/file_system.h"

namespace ROCKSDB_NAMESPACE {

namespace {

struct MemFileData {
  port::Mutex mu;
  std::string bytes SKYROCKS_GUARDED_BY(mu);
  uint64_t mtime = 0;
};

uint64_t MemFsNowSeconds() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
}

std::string MemFsNormalize(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string MemFsParent(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

class MemSequentialFile : public FSSequentialFile {
 public:
  explicit MemSequentialFile(std::shared_ptr<MemFileData> f)
      : f_(std::move(f)) {}
  IOStatus Read(size_t n, const IOOptions&, Slice* result, char* scratch,
                IODebugContext*) override {
    port::MutexLock l(&f_->mu);
    const size_t avail = pos_ < f_->bytes.size() ? f_->bytes.size() - pos_ : 0;
    const size_t take = std::min(n, avail);
    if (take > 0) std::copy_n(f_->bytes.data() + pos_, take, scratch);
    pos_ += take;
    *result = Slice(scratch, take);
    return IOStatus::OK();
  }
  IOStatus Skip(uint64_t n) override {
    port::MutexLock l(&f_->mu);
    pos_ = std::min<uint64_t>(pos_ + n, f_->bytes.size());
    return IOStatus::OK();
  }

 private:
  std::shared_ptr<MemFileData> f_;
  uint64_t pos_ = 0;
};

class MemRandomAccessFile : public FSRandomAccessFile {
 public:
  explicit MemRandomAccessFile(std::shared_ptr<MemFileData> f)
      : f_(std::move(f)) {}
  IOStatus Read(uint64_t offset, size_t n, const IOOptions&, Slice* result,
                char* scratch, IODebugContext*) const override {
    port::MutexLock l(&f_->mu);
    const size_t size = f_->bytes.size();
    const size_t take =
        offset < size ? std::min<uint64_t>(n, size - offset) : 0;
    if (take > 0) std::copy_n(f_->bytes.data() + offset, take, scratch);
    *result = Slice(scratch, take);
    return IOStatus::OK();
  }

 private:
  std::shared_ptr<MemFileData> f_;
};

class MemWritableFile : public FSWritableFile {
 public:
  MemWritableFile(std::shared_ptr<MemFileData> f, std::string name)
      : f_(std::move(f)), name_(std::move(name)) {}
  IOStatus Append(const Slice& data, const IOOptions&,
                  IODebugContext*) override {
    if (closed_) return IOStatus::IOError("Append after Close", name_);
    port::MutexLock l(&f_->mu);
    f_->bytes.append(data.data(), data.size());
    f_->mtime = MemFsNowSeconds();
    return IOStatus::OK();
  }
  IOStatus Close(const IOOptions&, IODebugContext*) override {
    closed_ = true;
    return IOStatus::OK();
  }
  IOStatus Flush(const IOOptions&, IODebugContext*) override {
    return IOStatus::OK();
  }
  IOStatus Sync(const IOOptions&, IODebugContext*) override {
    return IOStatus::OK();
  }
  uint64_t GetFileSize(const IOOptions&, IODebugContext*) override {
    port::MutexLock l(&f_->mu);
    return f_->bytes.size();
  }
  IOStatus Truncate(uint64_t size, const IOOptions&, IODebugContext*) override {
    port::MutexLock l(&f_->mu);
    f_->bytes.resize(size);
    return IOStatus::OK();
  }

 private:
  std::shared_ptr<MemFileData> f_;
  const std::string name_;
  bool closed_ = false;
};

class MemDirectory : public FSDirectory {
 public:
  IOStatus Fsync(const IOOptions&, IODebugContext*) override {
    return IOStatus::OK();
  }
};

class MemFileLock : public FileLock {
 public:
  explicit MemFileLock(std::string p) : path(std::move(p)) {}
  const std::string path;
};

class MemFileSystem : public FileSystem {
 public:
  MemFileSystem() { dirs_.insert("/"); }
  const char* Name() const override { return "MemFileSystem"; }

  IOStatus NewSequentialFile(const std::string& fname, const FileOptions&,
                             std::unique_ptr<FSSequentialFile>* result,
                             IODebugContext*) override {
    std::shared_ptr<MemFileData> f;
    IOStatus s = Find(fname, &f);
    if (s.ok()) result->reset(new MemSequentialFile(f));
    return s;
  }
  IOStatus NewRandomAccessFile(const std::string& fname, const FileOptions&,
                               std::unique_ptr<FSRandomAccessFile>* result,
                               IODebugContext*) override {
    std::shared_ptr<MemFileData> f;
    IOStatus s = Find(fname, &f);
    if (s.ok()) result->reset(new MemRandomAccessFile(f));
    return s;
  }
  IOStatus NewWritableFile(const std::string& fname, const FileOptions&,
                           std::unique_ptr<FSWritableFile>* result,
                           IODebugContext*) override {
    return OpenForWrite(fname, true, result);
  }
  IOStatus ReopenWritableFile(const std::string& fname, const FileOptions&,
                              std::unique_ptr<FSWritableFile>* result,
                              IODebugContext*) override {
    return OpenForWrite(fname, false, result);
  }
  IOStatus NewDirectory(const std::string& name, const IOOptions&,
                        std::unique_ptr<FSDirectory>* result,
                        IODebugContext*) override {
    port::MutexLock l(&mu_);
    if (dirs_.count(MemFsNormalize(name)) == 0) {
      return IOStatus::PathNotFound("While open directory", name);
    }
    result->reset(new MemDirectory);
    return IOStatus::OK();
  }
  IOStatus FileExists(const std::string& fname, const IOOptions&,
                      IODebugContext*) override {
    port::MutexLock l(&mu_);
    const std::string p = MemFsNormalize(fname);
    if (files_.count(p) || dirs_.count(p)) return IOStatus::OK();
    return IOStatus::NotFound(fname);
  }
  IOStatus GetChildren(const std::string& dir, const IOOptions&,
                       std::vector<std::string>* result,
                       IODebugContext*) override {
    port::MutexLock l(&mu_);
    const std::string d = MemFsNormalize(dir);
    if (dirs_.count(d) == 0)
      return IOStatus::PathNotFound("While opendir", dir);
    result->clear();
    for (const auto& kv : files_) {
      if (MemFsParent(kv.first) == d)
        result->push_back(kv.first.substr(kv.first.rfind('/') + 1));
    }
    for (const std::string& sub : dirs_) {
      if (sub != d && MemFsParent(sub) == d)
        result->push_back(sub.substr(sub.rfind('/') + 1));
    }
    return IOStatus::OK();
  }
  IOStatus DeleteFile(const std::string& fname, const IOOptions&,
                      IODebugContext*) override {
    port::MutexLock l(&mu_);
    if (files_.erase(MemFsNormalize(fname)) == 0) {
      return IOStatus::PathNotFound("While unlink() file", fname);
    }
    return IOStatus::OK();
  }
  IOStatus CreateDir(const std::string& dirname, const IOOptions&,
                     IODebugContext*) override {
    port::MutexLock l(&mu_);
    const std::string d = MemFsNormalize(dirname);
    if (dirs_.count(d) || files_.count(d)) {
      return IOStatus::IOError("While mkdir: exists", dirname);
    }
    if (dirs_.count(MemFsParent(d)) == 0) {
      return IOStatus::PathNotFound("While mkdir: no parent", dirname);
    }
    dirs_.insert(d);
    return IOStatus::OK();
  }
  IOStatus CreateDirIfMissing(const std::string& dirname, const IOOptions&,
                              IODebugContext*) override {
    port::MutexLock l(&mu_);
    const std::string d = MemFsNormalize(dirname);
    if (files_.count(d)) {
      return IOStatus::IOError("While mkdir: is a file", dirname);
    }
    // Like mkdir -p for the parents the tree has not seen (tests often use
    // absolute paths whose parents never went through this file system).
    for (std::string p = d; p != "/" && p != "." && dirs_.count(p) == 0;
         p = MemFsParent(p)) {
      dirs_.insert(p);
    }
    return IOStatus::OK();
  }
  IOStatus DeleteDir(const std::string& dirname, const IOOptions&,
                     IODebugContext*) override {
    port::MutexLock l(&mu_);
    const std::string d = MemFsNormalize(dirname);
    if (dirs_.count(d) == 0)
      return IOStatus::PathNotFound("While rmdir", dirname);
    for (const auto& kv : files_) {
      if (MemFsParent(kv.first) == d)
        return IOStatus::IOError("While rmdir: not empty", dirname);
    }
    for (const std::string& sub : dirs_) {
      if (sub != d && MemFsParent(sub) == d) {
        return IOStatus::IOError("While rmdir: not empty", dirname);
      }
    }
    dirs_.erase(d);
    return IOStatus::OK();
  }
  IOStatus GetFileSize(const std::string& fname, const IOOptions&,
                       uint64_t* size, IODebugContext*) override {
    std::shared_ptr<MemFileData> f;
    IOStatus s = Find(fname, &f);
    if (!s.ok()) return s;
    port::MutexLock l(&f->mu);
    *size = f->bytes.size();
    return IOStatus::OK();
  }
  IOStatus GetFileModificationTime(const std::string& fname, const IOOptions&,
                                   uint64_t* mtime, IODebugContext*) override {
    std::shared_ptr<MemFileData> f;
    IOStatus s = Find(fname, &f);
    if (!s.ok()) return s;
    port::MutexLock l(&f->mu);
    *mtime = f->mtime;
    return IOStatus::OK();
  }
  IOStatus RenameFile(const std::string& src, const std::string& target,
                      const IOOptions&, IODebugContext*) override {
    port::MutexLock l(&mu_);
    auto it = files_.find(MemFsNormalize(src));
    if (it == files_.end())
      return IOStatus::PathNotFound("While renaming a file", src);
    const std::string to = MemFsNormalize(target);
    if (dirs_.count(MemFsParent(to)) == 0) {
      return IOStatus::PathNotFound("While renaming a file: no directory",
                                    target);
    }
    std::shared_ptr<MemFileData> f = it->second;
    files_.erase(it);
    files_[to] = std::move(f);
    return IOStatus::OK();
  }
  IOStatus LinkFile(const std::string& src, const std::string& target,
                    const IOOptions&, IODebugContext*) override {
    port::MutexLock l(&mu_);
    auto it = files_.find(MemFsNormalize(src));
    if (it == files_.end()) return IOStatus::PathNotFound("While link", src);
    const std::string to = MemFsNormalize(target);
    if (files_.count(to))
      return IOStatus::IOError("While link: target exists", target);
    files_[to] = it->second;
    return IOStatus::OK();
  }
  IOStatus LockFile(const std::string& fname, const IOOptions&, FileLock** lock,
                    IODebugContext*) override {
    port::MutexLock l(&mu_);
    const std::string p = MemFsNormalize(fname);
    if (locked_.count(p)) {
      return IOStatus::IOError("lock held by this process", fname);
    }
    if (!files_.count(p)) {
      if (dirs_.count(MemFsParent(p)) == 0) {
        return IOStatus::PathNotFound("While open a file for lock", fname);
      }
      files_[p] = std::make_shared<MemFileData>();
    }
    locked_.insert(p);
    *lock = new MemFileLock(p);
    return IOStatus::OK();
  }
  IOStatus UnlockFile(FileLock* lock, const IOOptions&,
                      IODebugContext*) override {
    auto* l = static_cast<MemFileLock*>(lock);
    {
      port::MutexLock g(&mu_);
      locked_.erase(l->path);
    }
    delete l;
    return IOStatus::OK();
  }
  IOStatus GetAbsolutePath(const std::string& db_path, const IOOptions&,
                           std::string* output_path, IODebugContext*) override {
    *output_path = MemFsNormalize(db_path[0] == '/' ? db_path : "/" + db_path);
    return IOStatus::OK();
  }
  IOStatus IsDirectory(const std::string& path, const IOOptions&, bool* is_dir,
                       IODebugContext*) override {
    port::MutexLock l(&mu_);
    const std::string p = MemFsNormalize(path);
    if (dirs_.count(p)) {
      *is_dir = true;
      return IOStatus::OK();
    }
    if (files_.count(p)) {
      *is_dir = false;
      return IOStatus::OK();
    }
    return IOStatus::PathNotFound("While stat", path);
  }

 private:
  IOStatus Find(const std::string& fname, std::shared_ptr<MemFileData>* f) {
    port::MutexLock l(&mu_);
    auto it = files_.find(MemFsNormalize(fname));
    if (it == files_.end())
      return IOStatus::PathNotFound("While open a file", fname);
    *f = it->second;
    return IOStatus::OK();
  }

  IOStatus OpenForWrite(const std::string& fname, bool truncate,
                        std::unique_ptr<FSWritableFile>* result) {
    port::MutexLock l(&mu_);
    const std::string p = MemFsNormalize(fname);
    if (dirs_.count(p))
      return IOStatus::IOError("While open for write: a directory", fname);
    if (dirs_.count(MemFsParent(p)) == 0) {
      return IOStatus::PathNotFound("While open a file for appending", fname);
    }
    auto& slot = files_[p];
    if (!slot || truncate) {
      // A new file object: readers of the old one keep their data.
      slot = std::make_shared<MemFileData>();
      slot->mtime = MemFsNowSeconds();
    }
    result->reset(new MemWritableFile(slot, fname));
    return IOStatus::OK();
  }

  port::Mutex mu_;
  std::map<std::string, std::shared_ptr<MemFileData>> files_
      SKYROCKS_GUARDED_BY(mu_);
  std::set<std::string> dirs_ SKYROCKS_GUARDED_BY(mu_);
  std::set<std::string> locked_ SKYROCKS_GUARDED_BY(mu_);
};

}  // namespace

std::shared_ptr<FileSystem> NewMemFileSystem() {
  return std::make_shared<MemFileSystem>();
}

}  // namespace ROCKSDB_NAMESPACE
