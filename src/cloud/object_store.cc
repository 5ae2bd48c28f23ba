// Shared parts of every ObjectStore; contract in cloud/object_store.h.
#include "cloud/object_store.h"

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

void ObjectStore::Count(Kind kind, uint64_t bytes_read, uint64_t bytes_written) {
  counts_[static_cast<int>(kind)].fetch_add(1, std::memory_order_relaxed);
  if (bytes_read) bytes_read_.fetch_add(bytes_read, std::memory_order_relaxed);
  if (bytes_written) bytes_written_.fetch_add(bytes_written, std::memory_order_relaxed);
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
      return IOStatus::InvalidArgument("object key has a '.' or '..' segment", key);
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
