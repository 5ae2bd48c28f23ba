// File operations BackupEngine needs over any FileSystem: copy a file (or
// its first bytes) while computing its crc32c, compute a file's crc32c, and
// delete a directory tree. Errors are IOStatus naming the file.
#ifndef SKYROCKS_UTILITIES_BACKUP_FILES_H_
#define SKYROCKS_UTILITIES_BACKUP_FILES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rocksdb/file_system.h"
#include "rocksdb/io_status.h"

namespace ROCKSDB_NAMESPACE {

// Copies the first `limit` bytes of src (all of it when shorter) from
// src_fs to dst on dst_fs, created or truncated; syncs it when `sync`.
// *crc32c and *size describe what was copied. on_bytes (may be empty) is
// told each chunk's size and may stop the copy by returning false
// (Incomplete).
[[nodiscard]] IOStatus CopyFileWithCrc(
    FileSystem* src_fs, const std::string& src, FileSystem* dst_fs,
    const std::string& dst, uint64_t limit, bool sync, uint32_t* crc32c,
    uint64_t* size, const std::function<bool(uint64_t)>& on_bytes);

// One file to copy: src on src_fs to dst on dst_fs, at most limit bytes,
// then renamed to rename_to when that is not empty. RunBackupCopies fills
// crc32c and size.
struct BackupCopy {
  FileSystem* src_fs = nullptr;
  std::string src;
  FileSystem* dst_fs = nullptr;
  std::string dst;
  uint64_t limit = UINT64_MAX;
  std::string rename_to;
  uint32_t crc32c = 0;
  uint64_t size = 0;
};

// Runs the copies on up to `threads` threads (at least one; the calling
// thread when one). on_bytes is as for CopyFileWithCrc and may be called
// from several threads at once. After the first error no new copy starts
// and running ones stop; that error is returned.
[[nodiscard]] IOStatus RunBackupCopies(
    std::vector<BackupCopy>* copies, int threads, bool sync,
    const std::function<bool(uint64_t)>& on_bytes);

// crc32c and size of the whole file.
[[nodiscard]] IOStatus FileCrc32c(FileSystem* fs, const std::string& fname,
                                  uint32_t* crc32c, uint64_t* size);

// Deletes dir and everything under it; OK when dir does not exist.
[[nodiscard]] IOStatus DeleteDirRecursively(FileSystem* fs,
                                            const std::string& dir);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_BACKUP_FILES_H_
