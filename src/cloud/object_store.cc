// Shared parts of every ObjectStore; contract in cloud/object_store.h.
#include "cloud/object_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <set>

#include "env/io_posix.h"

namespace ROCKSDB_NAMESPACE {

ObjectStoreCounts ObjectStore::counts() const {
  ObjectStoreCounts c;
  c.gets = counts_[0].load();
  c.puts = counts_[1].load();
  c.lists = counts_[2].load();
  c.heads = counts_[3].load();
  c.deletes = counts_[4].load();
  c.copies = counts_[5].load();
  c.bytes_read = bytes_read_.load();
  c.bytes_written = bytes_written_.load();
  return c;
}

void ObjectStore::Count(Kind kind, uint64_t bytes_read,
                        uint64_t bytes_written) {
  counts_[static_cast<int>(kind)].fetch_add(1, std::memory_order_relaxed);
  if (bytes_read) bytes_read_.fetch_add(bytes_read, std::memory_order_relaxed);
  if (bytes_written)
    bytes_written_.fetch_add(bytes_written, std::memory_order_relaxed);
}

IOStatus ObjectStore::ListDelimited(const std::string& prefix,
                                    const std::string& delimiter,
                                    std::vector<ObjectMeta>* objects,
                                    std::vector<std::string>* common_prefixes) {
  std::vector<ObjectMeta> all;
  IOStatus s = List(prefix, &all);
  if (!s.ok()) return s;
  objects->clear();
  common_prefixes->clear();
  std::set<std::string> seen;
  for (ObjectMeta& m : all) {
    const size_t d = delimiter.empty() ? std::string::npos
                                       : m.key.find(delimiter, prefix.size());
    if (d == std::string::npos) {
      objects->push_back(std::move(m));
    } else {
      const std::string p = m.key.substr(0, d + delimiter.size());
      if (seen.insert(p).second) common_prefixes->push_back(p);
    }
  }
  return IOStatus::OK();
}

IOStatus ObjectStore::DeleteMany(const std::vector<std::string>& keys) {
  for (const std::string& k : keys) {
    IOStatus s = Delete(k);
    if (!s.ok()) return s;
  }
  return IOStatus::OK();
}

IOStatus ObjectStore::CreateBucketIfMissing(const std::string& /*region*/) {
  return IOStatus::OK();
}

IOStatus ObjectStore::GetToFile(const std::string& key,
                                const std::string& local_path) {
  std::string data;
  IOStatus s = Get(key, &data);
  if (!s.ok()) return s;
  const int fd =
      open(local_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return PosixIOError("While creating download target", local_path, errno);
  s = PosixWriteAll(fd, data.data(), data.size(), -1, local_path);
  if (s.ok() && fdatasync(fd) != 0)
    s = PosixIOError("While syncing download", local_path, errno);
  close(fd);
  return s;
}

IOStatus ValidateObjectKey(const std::string& key) {
  if (key.empty()) return IOStatus::InvalidArgument("object key is empty");
  if (key.size() > 1024) {
    return IOStatus::InvalidArgument("object key longer than 1024 bytes",
                                     key.substr(0, 64) + "...");
  }
  if (key[0] == '/' || key.back() == '/') {
    return IOStatus::InvalidArgument("object key starts or ends with '/'", key);
  }
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find('/', start);
    if (end == std::string::npos) end = key.size();
    const std::string seg = key.substr(start, end - start);
    if (seg == "." || seg == "..") {
      return IOStatus::InvalidArgument("object key has a '.' or '..' segment",
                                       key);
    }
    if (seg.empty() && end != key.size()) {
      return IOStatus::InvalidArgument("object key has an empty segment", key);
    }
    start = end + 1;
  }
  if (key.find('\0') != std::string::npos) {
    return IOStatus::InvalidArgument("object key contains a NUL byte");
  }
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
