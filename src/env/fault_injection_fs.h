// FaultInjectionTestFS: a FileSystem wrapper for tests that simulates power
// loss and injects errors.
//
// Power loss (DropUnsyncedData) models what a POSIX file system guarantees:
//   - file data is durable up to the last Sync/Fsync of that file (Close
//     does not sync); DropUnsyncedData cuts every file written through this
//     wrapper back to that size;
//   - a file's creation and a rename become durable only with an Fsync of
//     the directory (FSDirectory::Fsync); DropUnsyncedData deletes files
//     created since, and undoes renames since (restoring a replaced target);
//   - deletions are treated as durable at once (not undone).
// Errors: InjectError makes the next `count` operations of a kind (or all,
// count -1) on paths containing a substring (a file type: ".log", ".sst",
// "MANIFEST") fail with a given IOStatus instead of running; a torn write
// (kWrite with torn = true) first appends half of the data, as a disk
// filling up mid-write does. NoSpaceError/EIOError build the IOStatus the
// POSIX file system returns for ENOSPC (NoSpace, retryable) and EIO.
// SetFilesystemActive(false) makes every operation fail
// ("filesystem inactive"), as a dead disk would. Operation counters let
// tests assert how many syncs or writes happened. Thread-safe.
#ifndef SKYROCKS_ENV_FAULT_INJECTION_FS_H_
#define SKYROCKS_ENV_FAULT_INJECTION_FS_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "port/mutex.h"
#include "rocksdb/file_system.h"

namespace ROCKSDB_NAMESPACE {

class FaultInjectionTestFS : public FileSystemWrapper {
 public:
  enum class Op { kRead, kWrite, kSync, kOpen, kRename, kDelete, kAny };

  explicit FaultInjectionTestFS(std::shared_ptr<FileSystem> base)
      : FileSystemWrapper(std::move(base)) {}
  const char* Name() const override { return "FaultInjectionTestFS"; }

  void SetFilesystemActive(bool active) { active_.store(active); }
  // Simulated power loss; see the file comment. Errors name the file.
  IOStatus DropUnsyncedData();
  void InjectError(Op op, IOStatus error, int count,
                   const std::string& path_substring = "", bool torn = false);
  static IOStatus NoSpaceError(const std::string& what);
  static IOStatus EIOError(const std::string& what);
  void ClearErrors();
  uint64_t Count(Op op) const { return counts_[static_cast<int>(op)].load(); }

  // Checks activity and injected errors for one operation (and counts it);
  // *torn (optional) is set when the error is a torn write.
  IOStatus Check(Op op, const std::string& path, bool* torn = nullptr);
  // Bookkeeping called by the wrapped files.
  void OnAppend(const std::string& path, uint64_t n);
  void OnSync(const std::string& path);
  void OnDirSync(const std::string& dir);

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
  IOStatus NewDirectory(const std::string& d, const IOOptions& o,
                        std::unique_ptr<FSDirectory>* r,
                        IODebugContext* dbg) override;
  IOStatus DeleteFile(const std::string& f, const IOOptions& o,
                      IODebugContext* dbg) override;
  IOStatus RenameFile(const std::string& s, const std::string& t,
                      const IOOptions& o, IODebugContext* dbg) override;
  IOStatus GetChildren(const std::string& d, const IOOptions& o,
                       std::vector<std::string>* r,
                       IODebugContext* dbg) override;
  IOStatus FileExists(const std::string& f, const IOOptions& o,
                      IODebugContext* dbg) override;
  IOStatus GetFileSize(const std::string& f, const IOOptions& o, uint64_t* s,
                       IODebugContext* dbg) override;

 private:
  struct FileState {
    uint64_t size = 0;
    uint64_t synced = 0;
  };
  struct Pending {
    bool is_rename;
    std::string path;       // created file, or rename target
    std::string src;        // rename source
    bool replaced = false;  // rename replaced an existing target
    std::string old_contents;
  };
  struct ErrorRule {
    Op op;
    IOStatus status;
    int remaining;  // -1: forever
    std::string substring;
    bool torn;
  };

  port::Mutex mu_;
  std::map<std::string, FileState> files_ SKYROCKS_GUARDED_BY(mu_);
  std::map<std::string, std::vector<Pending>> pending_ SKYROCKS_GUARDED_BY(mu_);
  std::vector<ErrorRule> rules_ SKYROCKS_GUARDED_BY(mu_);
  std::atomic<bool> active_{true};
  std::atomic<uint64_t> counts_[7] = {};
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_ENV_FAULT_INJECTION_FS_H_
