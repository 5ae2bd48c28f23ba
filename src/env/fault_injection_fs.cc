// FaultInjectionTestFS; contract in env/fault_injection_fs.h.
#include "env/fault_injection_fs.h"

#include <errno.h>

#include <algorithm>

#include "env/file_util.h"
#include "env/io_posix.h"

namespace ROCKSDB_NAMESPACE {

namespace {

using FIOp = FaultInjectionTestFS::Op;

class FaultSequentialFile : public FSSequentialFile {
 public:
  FaultSequentialFile(std::unique_ptr<FSSequentialFile> t,
                      FaultInjectionTestFS* fs, std::string path)
      : t_(std::move(t)), fs_(fs), path_(std::move(path)) {}
  IOStatus Read(size_t n, const IOOptions& o, Slice* r, char* scratch,
                IODebugContext* dbg) override {
    IOStatus s = fs_->Check(FIOp::kRead, path_);
    return s.ok() ? t_->Read(n, o, r, scratch, dbg) : s;
  }
  IOStatus Skip(uint64_t n) override { return t_->Skip(n); }

 private:
  std::unique_ptr<FSSequentialFile> t_;
  FaultInjectionTestFS* fs_;
  const std::string path_;
};

class FaultRandomAccessFile : public FSRandomAccessFile {
 public:
  FaultRandomAccessFile(std::unique_ptr<FSRandomAccessFile> t,
                        FaultInjectionTestFS* fs, std::string path)
      : t_(std::move(t)), fs_(fs), path_(std::move(path)) {}
  IOStatus Read(uint64_t offset, size_t n, const IOOptions& o, Slice* r,
                char* scratch, IODebugContext* dbg) const override {
    IOStatus s = fs_->Check(FIOp::kRead, path_);
    return s.ok() ? t_->Read(offset, n, o, r, scratch, dbg) : s;
  }

 private:
  std::unique_ptr<FSRandomAccessFile> t_;
  FaultInjectionTestFS* fs_;
  const std::string path_;
};

class FaultWritableFile : public FSWritableFile {
 public:
  FaultWritableFile(std::unique_ptr<FSWritableFile> t, FaultInjectionTestFS* fs,
                    std::string path)
      : t_(std::move(t)), fs_(fs), path_(std::move(path)) {}
  IOStatus Append(const Slice& data, const IOOptions& o,
                  IODebugContext* dbg) override {
    bool torn = false;
    IOStatus s = fs_->Check(FIOp::kWrite, path_, &torn);
    if (!s.ok() && torn) {
      const Slice half(data.data(), data.size() / 2);
      if (t_->Append(half, o, dbg).ok()) fs_->OnAppend(path_, half.size());
      return s;
    }
    if (s.ok()) s = t_->Append(data, o, dbg);
    if (s.ok()) fs_->OnAppend(path_, data.size());
    return s;
  }
  IOStatus Close(const IOOptions& o, IODebugContext* dbg) override {
    return t_->Close(o, dbg);
  }
  IOStatus Flush(const IOOptions& o, IODebugContext* dbg) override {
    IOStatus s = fs_->Check(FIOp::kWrite, path_);
    return s.ok() ? t_->Flush(o, dbg) : s;
  }
  IOStatus Sync(const IOOptions& o, IODebugContext* dbg) override {
    IOStatus s = fs_->Check(FIOp::kSync, path_);
    if (s.ok()) s = t_->Sync(o, dbg);
    if (s.ok()) fs_->OnSync(path_);
    return s;
  }
  IOStatus Fsync(const IOOptions& o, IODebugContext* dbg) override {
    IOStatus s = fs_->Check(FIOp::kSync, path_);
    if (s.ok()) s = t_->Fsync(o, dbg);
    if (s.ok()) fs_->OnSync(path_);
    return s;
  }
  uint64_t GetFileSize(const IOOptions& o, IODebugContext* dbg) override {
    return t_->GetFileSize(o, dbg);
  }

 private:
  std::unique_ptr<FSWritableFile> t_;
  FaultInjectionTestFS* fs_;
  const std::string path_;
};

class FaultDirectory : public FSDirectory {
 public:
  FaultDirectory(std::unique_ptr<FSDirectory> t, FaultInjectionTestFS* fs,
                 std::string dir)
      : t_(std::move(t)), fs_(fs), dir_(std::move(dir)) {}
  IOStatus Fsync(const IOOptions& o, IODebugContext* dbg) override {
    IOStatus s = fs_->Check(FIOp::kSync, dir_);
    if (s.ok()) s = t_->Fsync(o, dbg);
    if (s.ok()) fs_->OnDirSync(dir_);
    return s;
  }

 private:
  std::unique_ptr<FSDirectory> t_;
  FaultInjectionTestFS* fs_;
  const std::string dir_;
};

}  // namespace

IOStatus FaultInjectionTestFS::Check(Op op, const std::string& path,
                                     bool* torn) {
  counts_[static_cast<int>(op)].fetch_add(1);
  if (!active_.load()) {
    return IOStatus::IOError("fault injection: filesystem inactive", path);
  }
  port::MutexLock l(&mu_);
  for (ErrorRule& r : rules_) {
    if ((r.op != op && r.op != Op::kAny) || r.remaining == 0) continue;
    if (!r.substring.empty() && path.find(r.substring) == std::string::npos) {
      continue;
    }
    if (r.remaining > 0) r.remaining--;
    if (torn != nullptr) *torn = r.torn;
    return r.status;
  }
  return IOStatus::OK();
}

void FaultInjectionTestFS::InjectError(Op op, IOStatus error, int count,
                                       const std::string& path_substring,
                                       bool torn) {
  port::MutexLock l(&mu_);
  rules_.push_back({op, std::move(error), count, path_substring, torn});
}

IOStatus FaultInjectionTestFS::NoSpaceError(const std::string& what) {
  return PosixIOError("fault injection: " + what, "", ENOSPC);
}

IOStatus FaultInjectionTestFS::EIOError(const std::string& what) {
  return PosixIOError("fault injection: " + what, "", EIO);
}

void FaultInjectionTestFS::ClearErrors() {
  port::MutexLock l(&mu_);
  rules_.clear();
}

void FaultInjectionTestFS::OnAppend(const std::string& path, uint64_t n) {
  port::MutexLock l(&mu_);
  files_[path].size += n;
}

void FaultInjectionTestFS::OnSync(const std::string& path) {
  port::MutexLock l(&mu_);
  FileState& f = files_[path];
  f.synced = f.size;
}

void FaultInjectionTestFS::OnDirSync(const std::string& dir) {
  port::MutexLock l(&mu_);
  pending_.erase(dir);
}

IOStatus FaultInjectionTestFS::NewSequentialFile(
    const std::string& f, const FileOptions& o,
    std::unique_ptr<FSSequentialFile>* r, IODebugContext* dbg) {
  IOStatus s = Check(Op::kOpen, f);
  if (s.ok()) s = target()->NewSequentialFile(f, o, r, dbg);
  if (s.ok()) r->reset(new FaultSequentialFile(std::move(*r), this, f));
  return s;
}

IOStatus FaultInjectionTestFS::NewRandomAccessFile(
    const std::string& f, const FileOptions& o,
    std::unique_ptr<FSRandomAccessFile>* r, IODebugContext* dbg) {
  IOStatus s = Check(Op::kOpen, f);
  if (s.ok()) s = target()->NewRandomAccessFile(f, o, r, dbg);
  if (s.ok()) r->reset(new FaultRandomAccessFile(std::move(*r), this, f));
  return s;
}

IOStatus FaultInjectionTestFS::NewWritableFile(
    const std::string& f, const FileOptions& o,
    std::unique_ptr<FSWritableFile>* r, IODebugContext* dbg) {
  IOStatus s = Check(Op::kOpen, f);
  if (!s.ok()) return s;
  const bool existed = target()->FileExists(f, IOOptions(), dbg).ok();
  s = target()->NewWritableFile(f, o, r, dbg);
  if (!s.ok()) return s;
  r->reset(new FaultWritableFile(std::move(*r), this, f));
  port::MutexLock l(&mu_);
  files_[f] = FileState();
  if (!existed) pending_[DirectoryOf(f)].push_back({false, f, "", false, ""});
  return s;
}

IOStatus FaultInjectionTestFS::ReopenWritableFile(
    const std::string& f, const FileOptions& o,
    std::unique_ptr<FSWritableFile>* r, IODebugContext* dbg) {
  IOStatus s = Check(Op::kOpen, f);
  if (!s.ok()) return s;
  uint64_t size = 0;
  const bool existed = target()->GetFileSize(f, IOOptions(), &size, dbg).ok();
  s = target()->ReopenWritableFile(f, o, r, dbg);
  if (!s.ok()) return s;
  r->reset(new FaultWritableFile(std::move(*r), this, f));
  port::MutexLock l(&mu_);
  auto it = files_.find(f);
  if (it == files_.end()) {
    // Data written before this wrapper saw the file counts as durable.
    files_[f] = FileState{size, size};
  }
  if (!existed) pending_[DirectoryOf(f)].push_back({false, f, "", false, ""});
  return s;
}

IOStatus FaultInjectionTestFS::NewDirectory(const std::string& d,
                                            const IOOptions& o,
                                            std::unique_ptr<FSDirectory>* r,
                                            IODebugContext* dbg) {
  IOStatus s = Check(Op::kOpen, d);
  if (s.ok()) s = target()->NewDirectory(d, o, r, dbg);
  if (s.ok()) r->reset(new FaultDirectory(std::move(*r), this, d));
  return s;
}

IOStatus FaultInjectionTestFS::DeleteFile(const std::string& f,
                                          const IOOptions& o,
                                          IODebugContext* dbg) {
  IOStatus s = Check(Op::kDelete, f);
  if (s.ok()) s = target()->DeleteFile(f, o, dbg);
  if (s.ok()) {
    port::MutexLock l(&mu_);
    files_.erase(f);
    auto& pend = pending_[DirectoryOf(f)];
    pend.erase(std::remove_if(pend.begin(), pend.end(),
                              [&](const Pending& p) {
                                return !p.is_rename && p.path == f;
                              }),
               pend.end());
  }
  return s;
}

IOStatus FaultInjectionTestFS::RenameFile(const std::string& src,
                                          const std::string& dst,
                                          const IOOptions& o,
                                          IODebugContext* dbg) {
  IOStatus s = Check(Op::kRename, dst);
  if (!s.ok()) return s;
  Pending p{true, dst, src, false, ""};
  if (target()->FileExists(dst, IOOptions(), dbg).ok()) {
    p.replaced = true;
    s = ReadFileToString(target(), dst, &p.old_contents);
    if (!s.ok()) return s;
  }
  s = target()->RenameFile(src, dst, o, dbg);
  if (!s.ok()) return s;
  port::MutexLock l(&mu_);
  auto it = files_.find(src);
  if (it != files_.end()) {
    files_[dst] = it->second;
    files_.erase(it);
  } else {
    files_.erase(dst);
  }
  pending_[DirectoryOf(dst)].push_back(std::move(p));
  return s;
}

IOStatus FaultInjectionTestFS::GetChildren(const std::string& d,
                                           const IOOptions& o,
                                           std::vector<std::string>* r,
                                           IODebugContext* dbg) {
  IOStatus s = Check(Op::kRead, d);
  return s.ok() ? target()->GetChildren(d, o, r, dbg) : s;
}

IOStatus FaultInjectionTestFS::FileExists(const std::string& f,
                                          const IOOptions& o,
                                          IODebugContext* dbg) {
  if (!active_.load()) {
    return IOStatus::IOError("fault injection: filesystem inactive", f);
  }
  return target()->FileExists(f, o, dbg);
}

IOStatus FaultInjectionTestFS::GetFileSize(const std::string& f,
                                           const IOOptions& o, uint64_t* size,
                                           IODebugContext* dbg) {
  IOStatus s = Check(Op::kRead, f);
  return s.ok() ? target()->GetFileSize(f, o, size, dbg) : s;
}

IOStatus FaultInjectionTestFS::DropUnsyncedData() {
  port::MutexLock l(&mu_);
  FileSystem* fs = target();
  // Undo namespace changes no directory fsync made durable, newest first.
  for (auto& dir : pending_) {
    for (auto it = dir.second.rbegin(); it != dir.second.rend(); ++it) {
      IOStatus s;
      if (!it->is_rename) {
        s = fs->DeleteFile(it->path, IOOptions(), nullptr);
        if (s.IsPathNotFound() || s.IsNotFound()) s = IOStatus::OK();
        files_.erase(it->path);
      } else {
        s = fs->RenameFile(it->path, it->src, IOOptions(), nullptr);
        if (s.ok()) {
          auto f = files_.find(it->path);
          if (f != files_.end()) {
            files_[it->src] = f->second;
            files_.erase(f);
          }
        }
        if (s.ok() && it->replaced) {
          std::unique_ptr<FSWritableFile> w;
          s = fs->NewWritableFile(it->path, FileOptions(), &w, nullptr);
          if (s.ok()) s = w->Append(it->old_contents, IOOptions(), nullptr);
          if (s.ok()) s = w->Close(IOOptions(), nullptr);
        }
      }
      if (!s.ok()) return s;
    }
  }
  pending_.clear();
  // Cut every file back to what was synced.
  for (auto& f : files_) {
    if (f.second.synced < f.second.size) {
      IOStatus s = CopyFilePrefix(fs, f.first, f.first, f.second.synced);
      if (!s.ok() && !s.IsPathNotFound()) return s;
    }
    f.second.size = f.second.synced;
  }
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
