// FileSystem: the only way skyrocks reaches storage below the object store
// (RocksDB's FileSystem API, with the same names and signatures for the
// calls skyrocks supports). The DB and table layers see files only through
// it; the cloud layer wraps it; tests wrap it to inject faults.
//
// Every call takes IOOptions (and an IODebugContext*, which may be null) and
// returns an IOStatus whose message names the file and the operation, e.g.
// "IO error: While open a file for appending: /db/000007.log: No space left
// on device". A FileSystem is thread-safe; a file object is used by one
// thread at a time unless its class says otherwise.
//
// Defaults: FileSystem::Default() is the POSIX file system (process-wide,
// never destroyed). NewMemFileSystem() and NewFaultInjectionFileSystem() are
// declared in src/env/ for tests.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_FILE_SYSTEM_H_
#define SKYROCKS_INCLUDE_ROCKSDB_FILE_SYSTEM_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/io_status.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

class FileLock;
class FSDirectory;
class FSRandomAccessFile;
class FSSequentialFile;
class FSWritableFile;

enum class IOPriority { kIOLow, kIOHigh, kIOTotal };

enum class IOType {
  kData,
  kFilter,
  kIndex,
  kMetadata,
  kWAL,
  kManifest,
  kLog,
  kUnknown,
  kInvalid,
};

// Per-call options. timeout of zero means none.
struct IOOptions {
  std::chrono::microseconds timeout{0};
  IOPriority prio = IOPriority::kIOLow;
  IOType type = IOType::kUnknown;
  // Fsync directories even where the file system says it is not needed.
  bool force_dir_fsync = false;
};

// Options when opening a file.
struct FileOptions {
  IOOptions io_options;
  bool use_direct_reads = false;
  bool use_direct_writes = false;
  bool use_mmap_reads = false;
  bool use_mmap_writes = false;
  // Hints passed on to the OS (posix_fadvise) where it helps.
  bool fadvise_random = false;
  size_t writable_file_max_buffer_size = 1024 * 1024;
  // Bytes to sync in the background while writing; 0 = never.
  uint64_t bytes_per_sync = 0;
};

// Extra context for a call (tracing); unused fields are fine to ignore.
struct IODebugContext {
  std::string file_path;
  std::string request_id;
};

// A file read from the front to the back.
class FSSequentialFile {
 public:
  FSSequentialFile() = default;
  FSSequentialFile(const FSSequentialFile&) = delete;
  FSSequentialFile& operator=(const FSSequentialFile&) = delete;
  virtual ~FSSequentialFile() = default;

  // Reads up to n bytes. *result points into scratch (or into memory the
  // file owns). A short read (even empty) means end of file.
  // REQUIRES: scratch has room for n bytes.
  virtual IOStatus Read(size_t n, const IOOptions& options, Slice* result,
                        char* scratch, IODebugContext* dbg) = 0;
  // Skips n bytes (to end of file at most).
  virtual IOStatus Skip(uint64_t n) = 0;
};

// A file read at offsets. Thread-safe: Read may be called concurrently.
class FSRandomAccessFile {
 public:
  FSRandomAccessFile() = default;
  FSRandomAccessFile(const FSRandomAccessFile&) = delete;
  FSRandomAccessFile& operator=(const FSRandomAccessFile&) = delete;
  virtual ~FSRandomAccessFile() = default;

  // Reads up to n bytes at offset. *result may be shorter at end of file.
  // REQUIRES: scratch has room for n bytes.
  virtual IOStatus Read(uint64_t offset, size_t n, const IOOptions& options,
                        Slice* result, char* scratch,
                        IODebugContext* dbg) const = 0;
  // A hint that [offset, offset+n) will be read soon.
  virtual IOStatus Prefetch(uint64_t /*offset*/, size_t /*n*/,
                            const IOOptions& /*options*/,
                            IODebugContext* /*dbg*/) {
    return IOStatus::OK();
  }
};

// A file written at its end. Data is durable only after Sync/Fsync.
class FSWritableFile {
 public:
  FSWritableFile() = default;
  FSWritableFile(const FSWritableFile&) = delete;
  FSWritableFile& operator=(const FSWritableFile&) = delete;
  // Closes the file if Close was not called (errors are then lost).
  virtual ~FSWritableFile() = default;

  virtual IOStatus Append(const Slice& data, const IOOptions& options,
                          IODebugContext* dbg) = 0;
  // Flushes and closes; the file object is unusable afterwards.
  virtual IOStatus Close(const IOOptions& options, IODebugContext* dbg) = 0;
  // Pushes buffered data to the OS (not to the disk).
  virtual IOStatus Flush(const IOOptions& options, IODebugContext* dbg) = 0;
  // Makes the data durable (fdatasync).
  virtual IOStatus Sync(const IOOptions& options, IODebugContext* dbg) = 0;
  // Makes data and metadata durable (fsync).
  virtual IOStatus Fsync(const IOOptions& options, IODebugContext* dbg) {
    return Sync(options, dbg);
  }
  // Bytes appended so far.
  virtual uint64_t GetFileSize(const IOOptions& options,
                               IODebugContext* dbg) = 0;
  virtual IOStatus Truncate(uint64_t /*size*/, const IOOptions& /*options*/,
                            IODebugContext* /*dbg*/) {
    return IOStatus::NotSupported("Truncate");
  }
  // A hint that [offset, offset+nbytes) may be written back now.
  virtual IOStatus RangeSync(uint64_t /*offset*/, uint64_t /*nbytes*/,
                             const IOOptions& /*options*/,
                             IODebugContext* /*dbg*/) {
    return IOStatus::OK();
  }
  virtual void SetPreallocationBlockSize(size_t /*size*/) {}
};

// An open directory, to make entries created or renamed in it durable.
class FSDirectory {
 public:
  FSDirectory() = default;
  FSDirectory(const FSDirectory&) = delete;
  FSDirectory& operator=(const FSDirectory&) = delete;
  virtual ~FSDirectory() = default;
  virtual IOStatus Fsync(const IOOptions& options, IODebugContext* dbg) = 0;
  virtual IOStatus Close(const IOOptions& /*options*/,
                         IODebugContext* /*dbg*/) {
    return IOStatus::OK();
  }
};

// An exclusive lock on a file, held until UnlockFile.
class FileLock {
 public:
  FileLock() = default;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  virtual ~FileLock() = default;
};

class FileSystem {
 public:
  FileSystem() = default;
  FileSystem(const FileSystem&) = delete;
  FileSystem& operator=(const FileSystem&) = delete;
  virtual ~FileSystem() = default;

  // The POSIX file system, shared and never destroyed.
  static std::shared_ptr<FileSystem> Default();

  virtual const char* Name() const = 0;

  virtual IOStatus NewSequentialFile(const std::string& fname,
                                     const FileOptions& file_opts,
                                     std::unique_ptr<FSSequentialFile>* result,
                                     IODebugContext* dbg) = 0;
  virtual IOStatus NewRandomAccessFile(
      const std::string& fname, const FileOptions& file_opts,
      std::unique_ptr<FSRandomAccessFile>* result, IODebugContext* dbg) = 0;
  // Creates or truncates fname.
  virtual IOStatus NewWritableFile(const std::string& fname,
                                   const FileOptions& file_opts,
                                   std::unique_ptr<FSWritableFile>* result,
                                   IODebugContext* dbg) = 0;
  // Opens fname for appending, creating it if missing.
  virtual IOStatus ReopenWritableFile(const std::string& fname,
                                      const FileOptions& file_opts,
                                      std::unique_ptr<FSWritableFile>* result,
                                      IODebugContext* dbg) = 0;
  virtual IOStatus NewDirectory(const std::string& name,
                                const IOOptions& io_opts,
                                std::unique_ptr<FSDirectory>* result,
                                IODebugContext* dbg) = 0;

  // OK if it exists, NotFound if not, IOError otherwise.
  virtual IOStatus FileExists(const std::string& fname,
                              const IOOptions& options,
                              IODebugContext* dbg) = 0;
  // Names (not paths) of the entries of dir, without "." and "..".
  virtual IOStatus GetChildren(const std::string& dir, const IOOptions& options,
                               std::vector<std::string>* result,
                               IODebugContext* dbg) = 0;
  virtual IOStatus DeleteFile(const std::string& fname,
                              const IOOptions& options,
                              IODebugContext* dbg) = 0;
  virtual IOStatus CreateDir(const std::string& dirname,
                             const IOOptions& options, IODebugContext* dbg) = 0;
  virtual IOStatus CreateDirIfMissing(const std::string& dirname,
                                      const IOOptions& options,
                                      IODebugContext* dbg) = 0;
  // Deletes an empty directory.
  virtual IOStatus DeleteDir(const std::string& dirname,
                             const IOOptions& options, IODebugContext* dbg) = 0;
  virtual IOStatus GetFileSize(const std::string& fname,
                               const IOOptions& options, uint64_t* file_size,
                               IODebugContext* dbg) = 0;
  virtual IOStatus GetFileModificationTime(const std::string& fname,
                                           const IOOptions& options,
                                           uint64_t* file_mtime,
                                           IODebugContext* dbg) = 0;
  // Atomically replaces target with src.
  virtual IOStatus RenameFile(const std::string& src, const std::string& target,
                              const IOOptions& options,
                              IODebugContext* dbg) = 0;
  // Hard link; NotSupported where the file system has none.
  virtual IOStatus LinkFile(const std::string& /*src*/,
                            const std::string& /*target*/,
                            const IOOptions& /*options*/,
                            IODebugContext* /*dbg*/) {
    return IOStatus::NotSupported("LinkFile");
  }
  // Takes an exclusive lock on fname (creating it), also against other
  // processes; IOError naming the file if someone holds it.
  virtual IOStatus LockFile(const std::string& fname, const IOOptions& options,
                            FileLock** lock, IODebugContext* dbg) = 0;
  virtual IOStatus UnlockFile(FileLock* lock, const IOOptions& options,
                              IODebugContext* dbg) = 0;
  virtual IOStatus GetAbsolutePath(const std::string& db_path,
                                   const IOOptions& options,
                                   std::string* output_path,
                                   IODebugContext* dbg) = 0;
  virtual IOStatus IsDirectory(const std::string& path,
                               const IOOptions& options, bool* is_dir,
                               IODebugContext* dbg) = 0;
};

// A file system held in memory (tests, and ephemeral DBs): POSIX-like
// semantics, nothing persists past the object. Thread-safe.
std::shared_ptr<FileSystem> NewMemFileSystem();

// Forwards every call to a target; subclasses override what they change
// (fault injection, the cloud file system).
class FileSystemWrapper : public FileSystem {
 public:
  explicit FileSystemWrapper(std::shared_ptr<FileSystem> target)
      : target_(std::move(target)) {}

  FileSystem* target() const { return target_.get(); }

  IOStatus NewSequentialFile(const std::string& f, const FileOptions& o,
                             std::unique_ptr<FSSequentialFile>* r,
                             IODebugContext* dbg) override {
    return target_->NewSequentialFile(f, o, r, dbg);
  }
  IOStatus NewRandomAccessFile(const std::string& f, const FileOptions& o,
                               std::unique_ptr<FSRandomAccessFile>* r,
                               IODebugContext* dbg) override {
    return target_->NewRandomAccessFile(f, o, r, dbg);
  }
  IOStatus NewWritableFile(const std::string& f, const FileOptions& o,
                           std::unique_ptr<FSWritableFile>* r,
                           IODebugContext* dbg) override {
    return target_->NewWritableFile(f, o, r, dbg);
  }
  IOStatus ReopenWritableFile(const std::string& f, const FileOptions& o,
                              std::unique_ptr<FSWritableFile>* r,
                              IODebugContext* dbg) override {
    return target_->ReopenWritableFile(f, o, r, dbg);
  }
  IOStatus NewDirectory(const std::string& n, const IOOptions& o,
                        std::unique_ptr<FSDirectory>* r,
                        IODebugContext* dbg) override {
    return target_->NewDirectory(n, o, r, dbg);
  }
  IOStatus FileExists(const std::string& f, const IOOptions& o,
                      IODebugContext* dbg) override {
    return target_->FileExists(f, o, dbg);
  }
  IOStatus GetChildren(const std::string& d, const IOOptions& o,
                       std::vector<std::string>* r,
                       IODebugContext* dbg) override {
    return target_->GetChildren(d, o, r, dbg);
  }
  IOStatus DeleteFile(const std::string& f, const IOOptions& o,
                      IODebugContext* dbg) override {
    return target_->DeleteFile(f, o, dbg);
  }
  IOStatus CreateDir(const std::string& d, const IOOptions& o,
                     IODebugContext* dbg) override {
    return target_->CreateDir(d, o, dbg);
  }
  IOStatus CreateDirIfMissing(const std::string& d, const IOOptions& o,
                              IODebugContext* dbg) override {
    return target_->CreateDirIfMissing(d, o, dbg);
  }
  IOStatus DeleteDir(const std::string& d, const IOOptions& o,
                     IODebugContext* dbg) override {
    return target_->DeleteDir(d, o, dbg);
  }
  IOStatus GetFileSize(const std::string& f, const IOOptions& o, uint64_t* s,
                       IODebugContext* dbg) override {
    return target_->GetFileSize(f, o, s, dbg);
  }
  IOStatus GetFileModificationTime(const std::string& f, const IOOptions& o,
                                   uint64_t* t, IODebugContext* dbg) override {
    return target_->GetFileModificationTime(f, o, t, dbg);
  }
  IOStatus RenameFile(const std::string& s, const std::string& t,
                      const IOOptions& o, IODebugContext* dbg) override {
    return target_->RenameFile(s, t, o, dbg);
  }
  IOStatus LinkFile(const std::string& s, const std::string& t,
                    const IOOptions& o, IODebugContext* dbg) override {
    return target_->LinkFile(s, t, o, dbg);
  }
  IOStatus LockFile(const std::string& f, const IOOptions& o, FileLock** l,
                    IODebugContext* dbg) override {
    return target_->LockFile(f, o, l, dbg);
  }
  IOStatus UnlockFile(FileLock* l, const IOOptions& o,
                      IODebugContext* dbg) override {
    return target_->UnlockFile(l, o, dbg);
  }
  IOStatus GetAbsolutePath(const std::string& p, const IOOptions& o,
                           std::string* out, IODebugContext* dbg) override {
    return target_->GetAbsolutePath(p, o, out, dbg);
  }
  IOStatus IsDirectory(const std::string& p, const IOOptions& o, bool* d,
                       IODebugContext* dbg) override {
    return target_->IsDirectory(p, o, d, dbg);
  }

 protected:
  std::shared_ptr<FileSystem> target_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_FILE_SYSTEM_H_
