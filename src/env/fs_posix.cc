// The POSIX FileSystem behind FileSystem::Default(). Files use pread/read,
// buffered appends with fdatasync (Sync) / fsync (Fsync), O_CLOEXEC always.
// LockFile uses fcntl(F_SETLK), which does not exclude a second lock from
// the same process, so a process-wide set of locked paths does that.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <set>

#include "env/io_posix.h"
#include "port/mutex.h"
#include "rocksdb/file_system.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class PosixSequentialFile : public FSSequentialFile {
 public:
  PosixSequentialFile(std::string fname, int fd)
      : fname_(std::move(fname)), fd_(fd) {}
  ~PosixSequentialFile() override { close(fd_); }

  IOStatus Read(size_t n, const IOOptions& /*options*/, Slice* result,
                char* scratch, IODebugContext* /*dbg*/) override {
    size_t got = 0;
    while (got < n) {
      const ssize_t r = read(fd_, scratch + got, n - got);
      if (r < 0) {
        if (errno == EINTR) continue;
        *result = Slice(scratch, got);
        return PosixIOError("While reading file sequentially", fname_, errno);
      }
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    *result = Slice(scratch, got);
    return IOStatus::OK();
  }

  IOStatus Skip(uint64_t n) override {
    if (lseek(fd_, static_cast<off_t>(n), SEEK_CUR) == -1) {
      return PosixIOError("While lseek to skip " + std::to_string(n) + " bytes",
                          fname_, errno);
    }
    return IOStatus::OK();
  }

 private:
  const std::string fname_;
  const int fd_;
};

class PosixRandomAccessFile : public FSRandomAccessFile {
 public:
  PosixRandomAccessFile(std::string fname, int fd)
      : fname_(std::move(fname)), fd_(fd) {}
  ~PosixRandomAccessFile() override { close(fd_); }

  IOStatus Read(uint64_t offset, size_t n, const IOOptions& /*options*/,
                Slice* result, char* scratch,
                IODebugContext* /*dbg*/) const override {
    size_t got = 0;
    IOStatus s = PosixPreadFull(fd_, offset, n, scratch, &got, fname_);
    *result = Slice(scratch, got);
    return s;
  }

  IOStatus Prefetch(uint64_t offset, size_t n, const IOOptions& /*options*/,
                    IODebugContext* /*dbg*/) override {
    posix_fadvise(fd_, static_cast<off_t>(offset), static_cast<off_t>(n),
                  POSIX_FADV_WILLNEED);
    return IOStatus::OK();
  }

 private:
  const std::string fname_;
  const int fd_;
};

class PosixWritableFile : public FSWritableFile {
 public:
  PosixWritableFile(std::string fname, int fd, uint64_t initial_size,
                    size_t buffer_size)
      : fname_(std::move(fname)),
        fd_(fd),
        filesize_(initial_size),
        buffer_limit_(buffer_size == 0 ? 64 * 1024 : buffer_size) {}

  ~PosixWritableFile() override {
    if (fd_ >= 0) {
      IOStatus s = Close(IOOptions(), nullptr);
      s.PermitUncheckedError();
    }
  }

  IOStatus Append(const Slice& data, const IOOptions& /*options*/,
                  IODebugContext* /*dbg*/) override {
    if (fd_ < 0) return IOStatus::IOError("Append after Close", fname_);
    filesize_ += data.size();
    if (buffer_.size() + data.size() <= buffer_limit_) {
      buffer_.append(data.data(), data.size());
      return IOStatus::OK();
    }
    IOStatus s = FlushBuffer();
    if (!s.ok()) return s;
    if (data.size() <= buffer_limit_) {
      buffer_.append(data.data(), data.size());
      return IOStatus::OK();
    }
    return PosixWriteAll(fd_, data.data(), data.size(), -1, fname_);
  }

  IOStatus Close(const IOOptions& /*options*/,
                 IODebugContext* /*dbg*/) override {
    if (fd_ < 0) return IOStatus::OK();
    IOStatus s = FlushBuffer();
    if (close(fd_) != 0 && s.ok()) {
      s = PosixIOError("While closing file after writing", fname_, errno);
    }
    fd_ = -1;
    return s;
  }

  IOStatus Flush(const IOOptions& /*options*/,
                 IODebugContext* /*dbg*/) override {
    return FlushBuffer();
  }

  IOStatus Sync(const IOOptions& /*options*/,
                IODebugContext* /*dbg*/) override {
    IOStatus s = FlushBuffer();
    if (!s.ok()) return s;
    if (fdatasync(fd_) != 0) {
      return PosixIOError("While fdatasync", fname_, errno);
    }
    return IOStatus::OK();
  }

  IOStatus Fsync(const IOOptions& /*options*/,
                 IODebugContext* /*dbg*/) override {
    IOStatus s = FlushBuffer();
    if (!s.ok()) return s;
    if (fsync(fd_) != 0) return PosixIOError("While fsync", fname_, errno);
    return IOStatus::OK();
  }

  uint64_t GetFileSize(const IOOptions& /*options*/,
                       IODebugContext* /*dbg*/) override {
    return filesize_;
  }

  IOStatus Truncate(uint64_t size, const IOOptions& /*options*/,
                    IODebugContext* /*dbg*/) override {
    IOStatus s = FlushBuffer();
    if (!s.ok()) return s;
    if (ftruncate(fd_, static_cast<off_t>(size)) != 0) {
      return PosixIOError(
          "While ftruncate file to size " + std::to_string(size), fname_,
          errno);
    }
    if (lseek(fd_, static_cast<off_t>(size), SEEK_SET) == -1) {
      return PosixIOError("While lseek after truncate", fname_, errno);
    }
    filesize_ = size;
    return IOStatus::OK();
  }

  IOStatus RangeSync(uint64_t offset, uint64_t nbytes,
                     const IOOptions& /*options*/,
                     IODebugContext* /*dbg*/) override {
    IOStatus s = FlushBuffer();
    if (!s.ok()) return s;
    if (sync_file_range(fd_, static_cast<off_t>(offset),
                        static_cast<off_t>(nbytes),
                        SYNC_FILE_RANGE_WRITE) != 0) {
      return PosixIOError("While sync_file_range", fname_, errno);
    }
    return IOStatus::OK();
  }

 private:
  IOStatus FlushBuffer() {
    if (buffer_.empty()) return IOStatus::OK();
    IOStatus s = PosixWriteAll(fd_, buffer_.data(), buffer_.size(), -1, fname_);
    buffer_.clear();
    return s;
  }

  const std::string fname_;
  int fd_;
  uint64_t filesize_;
  const size_t buffer_limit_;
  std::string buffer_;
};

class PosixDirectory : public FSDirectory {
 public:
  explicit PosixDirectory(std::string name) : name_(std::move(name)) {}
  IOStatus Fsync(const IOOptions& /*options*/,
                 IODebugContext* /*dbg*/) override {
    return PosixFsyncDir(name_);
  }

 private:
  const std::string name_;
};

class PosixFileLock : public FileLock {
 public:
  PosixFileLock(std::string locked_name, int locked_fd)
      : fname(std::move(locked_name)), fd(locked_fd) {}
  const std::string fname;
  const int fd;
};

// Paths this process holds a lock on (fcntl locks are per process).
port::Mutex& PosixLockedFilesMutex() {
  static port::Mutex* mu = new port::Mutex;
  return *mu;
}
std::set<std::string>& PosixLockedFiles()
    SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(PosixLockedFilesMutex()) {
  static std::set<std::string>* files = new std::set<std::string>;
  return *files;
}

class PosixFileSystem : public FileSystem {
 public:
  const char* Name() const override { return "PosixFileSystem"; }

  IOStatus NewSequentialFile(const std::string& fname,
                             const FileOptions& /*file_opts*/,
                             std::unique_ptr<FSSequentialFile>* result,
                             IODebugContext* /*dbg*/) override {
    const int fd = OpenRetryingEintr(fname, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0)
      return PosixIOError("While opening a file for sequentially reading",
                          fname, errno);
    result->reset(new PosixSequentialFile(fname, fd));
    return IOStatus::OK();
  }

  IOStatus NewRandomAccessFile(const std::string& fname,
                               const FileOptions& file_opts,
                               std::unique_ptr<FSRandomAccessFile>* result,
                               IODebugContext* /*dbg*/) override {
    const int fd = OpenRetryingEintr(fname, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0)
      return PosixIOError("While open a file for random read", fname, errno);
    if (file_opts.fadvise_random) {
      posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);
    }
    result->reset(new PosixRandomAccessFile(fname, fd));
    return IOStatus::OK();
  }

  IOStatus NewWritableFile(const std::string& fname,
                           const FileOptions& file_opts,
                           std::unique_ptr<FSWritableFile>* result,
                           IODebugContext* /*dbg*/) override {
    const int fd = OpenRetryingEintr(
        fname, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
      return PosixIOError("While open a file for appending", fname, errno);
    result->reset(new PosixWritableFile(
        fname, fd, 0, file_opts.writable_file_max_buffer_size));
    return IOStatus::OK();
  }

  IOStatus ReopenWritableFile(const std::string& fname,
                              const FileOptions& file_opts,
                              std::unique_ptr<FSWritableFile>* result,
                              IODebugContext* /*dbg*/) override {
    const int fd = OpenRetryingEintr(
        fname, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
      return PosixIOError("While reopen a file for appending", fname, errno);
    struct stat st;
    if (fstat(fd, &st) != 0) {
      const int err = errno;
      close(fd);
      return PosixIOError("While fstat a reopened file", fname, err);
    }
    result->reset(
        new PosixWritableFile(fname, fd, static_cast<uint64_t>(st.st_size),
                              file_opts.writable_file_max_buffer_size));
    return IOStatus::OK();
  }

  IOStatus NewDirectory(const std::string& name, const IOOptions& /*io_opts*/,
                        std::unique_ptr<FSDirectory>* result,
                        IODebugContext* /*dbg*/) override {
    struct stat st;
    if (stat(name.c_str(), &st) != 0) {
      return PosixIOError("While open directory", name, errno);
    }
    if (!S_ISDIR(st.st_mode)) {
      return IOStatus::IOError("While open directory",
                               name + ": not a directory");
    }
    result->reset(new PosixDirectory(name));
    return IOStatus::OK();
  }

  IOStatus FileExists(const std::string& fname, const IOOptions& /*options*/,
                      IODebugContext* /*dbg*/) override {
    if (access(fname.c_str(), F_OK) == 0) return IOStatus::OK();
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) {
      return IOStatus::NotFound("FileExists", fname);
    }
    return PosixIOError("While checking whether file exists", fname, err);
  }

  IOStatus GetChildren(const std::string& dir, const IOOptions& /*options*/,
                       std::vector<std::string>* result,
                       IODebugContext* /*dbg*/) override {
    result->clear();
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) {
      const int err = errno;
      if (err == ENOENT || err == ENOTDIR) {
        return IOStatus::PathNotFound("While opendir", dir);
      }
      return PosixIOError("While opendir", dir, err);
    }
    errno = 0;
    struct dirent* entry;
    while ((entry = readdir(d)) != nullptr) {
      if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) {
        continue;
      }
      result->push_back(entry->d_name);
    }
    const int err = errno;
    closedir(d);
    if (err != 0) return PosixIOError("While readdir", dir, err);
    return IOStatus::OK();
  }

  IOStatus DeleteFile(const std::string& fname, const IOOptions& /*options*/,
                      IODebugContext* /*dbg*/) override {
    if (unlink(fname.c_str()) != 0) {
      return PosixIOError("while unlink() file", fname, errno);
    }
    return IOStatus::OK();
  }

  IOStatus CreateDir(const std::string& name, const IOOptions& /*options*/,
                     IODebugContext* /*dbg*/) override {
    if (mkdir(name.c_str(), 0755) != 0) {
      return PosixIOError("While mkdir", name, errno);
    }
    return IOStatus::OK();
  }

  IOStatus CreateDirIfMissing(const std::string& name,
                              const IOOptions& /*options*/,
                              IODebugContext* /*dbg*/) override {
    if (mkdir(name.c_str(), 0755) != 0) {
      if (errno != EEXIST)
        return PosixIOError("While mkdir if missing", name, errno);
      struct stat st;
      if (stat(name.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        return IOStatus::IOError("While mkdir if missing",
                                 name + ": exists but is not a directory");
      }
    }
    return IOStatus::OK();
  }

  IOStatus DeleteDir(const std::string& name, const IOOptions& /*options*/,
                     IODebugContext* /*dbg*/) override {
    if (rmdir(name.c_str()) != 0) {
      return PosixIOError("While rmdir", name, errno);
    }
    return IOStatus::OK();
  }

  IOStatus GetFileSize(const std::string& fname, const IOOptions& /*options*/,
                       uint64_t* size, IODebugContext* /*dbg*/) override {
    struct stat st;
    if (stat(fname.c_str(), &st) != 0) {
      *size = 0;
      return PosixIOError("while stat a file for size", fname, errno);
    }
    *size = static_cast<uint64_t>(st.st_size);
    return IOStatus::OK();
  }

  IOStatus GetFileModificationTime(const std::string& fname,
                                   const IOOptions& /*options*/,
                                   uint64_t* file_mtime,
                                   IODebugContext* /*dbg*/) override {
    struct stat st;
    if (stat(fname.c_str(), &st) != 0) {
      return PosixIOError("while stat a file for modification time", fname,
                          errno);
    }
    *file_mtime = static_cast<uint64_t>(st.st_mtime);
    return IOStatus::OK();
  }

  IOStatus RenameFile(const std::string& src, const std::string& target,
                      const IOOptions& /*options*/,
                      IODebugContext* /*dbg*/) override {
    if (rename(src.c_str(), target.c_str()) != 0) {
      return PosixIOError("While renaming a file to " + target, src, errno);
    }
    return IOStatus::OK();
  }

  IOStatus LinkFile(const std::string& src, const std::string& target,
                    const IOOptions& /*options*/,
                    IODebugContext* /*dbg*/) override {
    if (link(src.c_str(), target.c_str()) != 0) {
      if (errno == EXDEV || errno == EPERM || errno == EOPNOTSUPP) {
        return IOStatus::NotSupported("No support for hard link", src);
      }
      return PosixIOError("while link file to " + target, src, errno);
    }
    return IOStatus::OK();
  }

  IOStatus LockFile(const std::string& fname, const IOOptions& /*options*/,
                    FileLock** lock, IODebugContext* /*dbg*/) override {
    *lock = nullptr;
    port::MutexLock guard(&PosixLockedFilesMutex());
    if (PosixLockedFiles().count(fname) != 0) {
      return IOStatus::IOError("While lock file",
                               fname + ": already locked by this process");
    }
    const int fd = OpenRetryingEintr(fname, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return PosixIOError("While open a file for lock", fname, errno);
    struct flock f;
    memset(&f, 0, sizeof(f));
    f.l_type = F_WRLCK;
    f.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &f) == -1) {
      const int err = errno;
      close(fd);
      return PosixIOError("While lock file (held by another process?)", fname,
                          err);
    }
    PosixLockedFiles().insert(fname);
    *lock = new PosixFileLock(fname, fd);
    return IOStatus::OK();
  }

  IOStatus UnlockFile(FileLock* lock, const IOOptions& /*options*/,
                      IODebugContext* /*dbg*/) override {
    auto* l = static_cast<PosixFileLock*>(lock);
    port::MutexLock guard(&PosixLockedFilesMutex());
    struct flock f;
    memset(&f, 0, sizeof(f));
    f.l_type = F_UNLCK;
    f.l_whence = SEEK_SET;
    IOStatus s;
    if (fcntl(l->fd, F_SETLK, &f) == -1) {
      s = PosixIOError("unlock", l->fname, errno);
    }
    close(l->fd);
    PosixLockedFiles().erase(l->fname);
    delete l;
    return s;
  }

  IOStatus GetAbsolutePath(const std::string& db_path,
                           const IOOptions& /*options*/,
                           std::string* output_path,
                           IODebugContext* /*dbg*/) override {
    if (!db_path.empty() && db_path[0] == '/') {
      *output_path = db_path;
      return IOStatus::OK();
    }
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof(buf)) == nullptr) {
      return PosixIOError("While getcwd", db_path, errno);
    }
    *output_path = std::string(buf) + "/" + db_path;
    return IOStatus::OK();
  }

  IOStatus IsDirectory(const std::string& path, const IOOptions& /*options*/,
                       bool* is_dir, IODebugContext* /*dbg*/) override {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      return PosixIOError("While stat", path, errno);
    }
    *is_dir = S_ISDIR(st.st_mode);
    return IOStatus::OK();
  }

 private:
  static int OpenRetryingEintr(const std::string& fname, int flags,
                               mode_t mode) {
    int fd;
    do {
      fd = open(fname.c_str(), flags, mode);
    } while (fd < 0 && errno == EINTR);
    return fd;
  }
};

}  // namespace

std::shared_ptr<FileSystem> FileSystem::Default() {
  static std::shared_ptr<FileSystem>* fs =
      new std::shared_ptr<FileSystem>(new PosixFileSystem);
  return *fs;
}

}  // namespace ROCKSDB_NAMESPACE
