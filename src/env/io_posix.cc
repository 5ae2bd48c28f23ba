// POSIX helpers; contracts in env/io_posix.h.
#include "env/io_posix.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

namespace ROCKSDB_NAMESPACE {

IOStatus PosixIOError(const std::string& context, const std::string& path,
                      int err_number) {
  const std::string where = path.empty() ? context : context + ": " + path;
  switch (err_number) {
    case ENOSPC:
    case EDQUOT: {
      IOStatus s = IOStatus::NoSpace(where, strerror(err_number));
      s.SetRetryable(true);
      return s;
    }
    case ENOENT:
      return IOStatus::PathNotFound(where, strerror(err_number));
    default:
      return IOStatus::IOError(where, strerror(err_number));
  }
}

IOStatus PosixWriteAll(int fd, const char* data, size_t n, int64_t offset,
                       const std::string& path) {
  while (n > 0) {
    const ssize_t done = offset >= 0
                             ? pwrite(fd, data, n, static_cast<off_t>(offset))
                             : write(fd, data, n);
    if (done < 0) {
      if (errno == EINTR) continue;
      return PosixIOError("While appending to file", path, errno);
    }
    data += done;
    n -= static_cast<size_t>(done);
    if (offset >= 0) offset += done;
  }
  return IOStatus::OK();
}

IOStatus PosixPreadFull(int fd, uint64_t offset, size_t n, char* scratch,
                        size_t* read_bytes, const std::string& path) {
  size_t got = 0;
  while (got < n) {
    const ssize_t r =
        pread(fd, scratch + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0) {
      if (errno == EINTR) continue;
      *read_bytes = got;
      return PosixIOError("While pread offset " + std::to_string(offset) +
                              " len " + std::to_string(n),
                          path, errno);
    }
    if (r == 0) break;  // end of file
    got += static_cast<size_t>(r);
  }
  *read_bytes = got;
  return IOStatus::OK();
}

IOStatus PosixFsyncDir(const std::string& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return PosixIOError("While open directory", dir, errno);
  IOStatus s;
  if (fsync(fd) != 0 && errno != EINVAL) {
    s = PosixIOError("While fsync directory", dir, errno);
  }
  close(fd);
  return s;
}

std::string PosixDirName(const std::string& path) {
  const size_t pos = path.rfind('/');
  if (pos == std::string::npos) return ".";
  if (pos == 0) return "/";
  return path.substr(0, pos);
}

}  // namespace ROCKSDB_NAMESPACE
