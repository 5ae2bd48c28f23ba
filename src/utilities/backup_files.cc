// BackupEngine's file operations; contract in utilities/backup_files.h.
#include "utilities/backup_files.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

#include "env/file_util.h"
#include "port/mutex.h"
#include "util/crc32c.h"
#include "util/parallel.h"

namespace ROCKSDB_NAMESPACE {

namespace {

constexpr size_t kBackupCopyChunk = 1 << 20;

}  // namespace

IOStatus CopyFileWithCrc(FileSystem* src_fs, const std::string& src,
                         FileSystem* dst_fs, const std::string& dst,
                         uint64_t limit, bool sync, uint32_t* crc32c,
                         uint64_t* size,
                         const std::function<bool(uint64_t)>& on_bytes) {
  std::unique_ptr<FSSequentialFile> in;
  IOStatus s = src_fs->NewSequentialFile(src, FileOptions(), &in, nullptr);
  if (!s.ok()) return s;
  std::unique_ptr<FSWritableFile> out;
  s = dst_fs->NewWritableFile(dst, FileOptions(), &out, nullptr);
  if (!s.ok()) return s;
  std::vector<char> buf(kBackupCopyChunk);
  uint32_t crc = 0;
  uint64_t done = 0;
  while (done < limit) {
    const size_t want =
        static_cast<size_t>(std::min<uint64_t>(kBackupCopyChunk, limit - done));
    Slice chunk;
    s = in->Read(want, IOOptions(), &chunk, buf.data(), nullptr);
    if (!s.ok()) break;
    if (chunk.empty()) break;
    crc = crc32c::Extend(crc, chunk.data(), chunk.size());
    s = out->Append(chunk, IOOptions(), nullptr);
    if (!s.ok()) break;
    done += chunk.size();
    if (on_bytes && !on_bytes(chunk.size())) {
      s = IOStatus(Status::Incomplete("copying " + src, "backup stopped"));
      break;
    }
    if (chunk.size() < want) break;
  }
  if (s.ok() && sync) s = out->Sync(IOOptions(), nullptr);
  IOStatus c = out->Close(IOOptions(), nullptr);
  if (s.ok()) s = c;
  if (!s.ok()) {
    dst_fs->DeleteFile(dst, IOOptions(), nullptr).PermitUncheckedError();
    return s;
  }
  *crc32c = crc;
  *size = done;
  return IOStatus::OK();
}

IOStatus RunBackupCopies(std::vector<BackupCopy>* copies, int threads,
                         bool sync,
                         const std::function<bool(uint64_t)>& on_bytes) {
  std::atomic<bool> failed{false};
  port::Mutex mu;
  IOStatus first_error;
  const auto bytes = [&](uint64_t n) {
    if (failed.load()) return false;
    return !on_bytes || on_bytes(n);
  };
  ParallelFor(copies->size(), threads, [&](size_t i) {
    if (failed.load()) return false;
    BackupCopy& c = (*copies)[i];
    IOStatus s = CopyFileWithCrc(c.src_fs, c.src, c.dst_fs, c.dst, c.limit,
                                 sync, &c.crc32c, &c.size, bytes);
    if (s.ok() && !c.rename_to.empty()) {
      s = c.dst_fs->RenameFile(c.dst, c.rename_to, IOOptions(), nullptr);
    }
    if (!s.ok() && !s.IsIncomplete()) {
      s = IOStatus(AddErrorContext(s, "copying " + c.src + " to " + c.dst));
    }
    if (!s.ok()) {
      port::MutexLock lock(&mu);
      if (!failed.exchange(true)) first_error = s;
      return false;
    }
    return true;
  });
  return first_error;
}

IOStatus FileCrc32c(FileSystem* fs, const std::string& fname, uint32_t* crc32c,
                    uint64_t* size) {
  std::unique_ptr<FSSequentialFile> in;
  IOStatus s = fs->NewSequentialFile(fname, FileOptions(), &in, nullptr);
  if (!s.ok()) return s;
  std::vector<char> buf(kBackupCopyChunk);
  uint32_t crc = 0;
  uint64_t done = 0;
  for (;;) {
    Slice chunk;
    s = in->Read(buf.size(), IOOptions(), &chunk, buf.data(), nullptr);
    if (!s.ok()) return s;
    if (chunk.empty()) break;
    crc = crc32c::Extend(crc, chunk.data(), chunk.size());
    done += chunk.size();
  }
  *crc32c = crc;
  *size = done;
  return IOStatus::OK();
}

IOStatus DeleteDirRecursively(FileSystem* fs, const std::string& dir) {
  IOStatus s = fs->FileExists(dir, IOOptions(), nullptr);
  if (s.IsNotFound()) return IOStatus::OK();
  std::vector<std::string> children;
  if (s.ok()) s = fs->GetChildren(dir, IOOptions(), &children, nullptr);
  if (!s.ok()) return s;
  for (const auto& c : children) {
    const std::string path = dir + "/" + c;
    bool is_dir = false;
    s = fs->IsDirectory(path, IOOptions(), &is_dir, nullptr);
    if (!s.ok()) return s;
    s = is_dir ? DeleteDirRecursively(fs, path)
               : fs->DeleteFile(path, IOOptions(), nullptr);
    if (!s.ok()) return s;
  }
  return fs->DeleteDir(dir, IOOptions(), nullptr);
}

}  // namespace ROCKSDB_NAMESPACE
