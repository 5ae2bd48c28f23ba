// Small POSIX helpers shared by the POSIX FileSystem and the local-directory
// object store: errno to IOStatus with RocksDB's wording, and EINTR-safe
// full reads and writes. Thread-safe (they keep no state).
#ifndef SKYROCKS_ENV_IO_POSIX_H_
#define SKYROCKS_ENV_IO_POSIX_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "rocksdb/io_status.h"

namespace ROCKSDB_NAMESPACE {

// "<context>: <path>: <strerror>" as IOError, NotFound/PathNotFound for
// ENOENT, NoSpace for ENOSPC/EDQUOT.
IOStatus PosixIOError(const std::string& context, const std::string& path,
                      int err_number);

// Writes all n bytes at the current position (or at offset when
// offset >= 0), retrying on EINTR and short writes.
IOStatus PosixWriteAll(int fd, const char* data, size_t n, int64_t offset,
                       const std::string& path);

// Reads up to n bytes at offset (pread), retrying on EINTR and short reads
// until n bytes or end of file; *read_bytes is what was read.
IOStatus PosixPreadFull(int fd, uint64_t offset, size_t n, char* scratch,
                        size_t* read_bytes, const std::string& path);

// fsync of a directory (makes entries created or renamed in it durable).
IOStatus PosixFsyncDir(const std::string& dir);

// Directory part of a path ("." when there is none).
std::string PosixDirName(const std::string& path);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_ENV_IO_POSIX_H_
