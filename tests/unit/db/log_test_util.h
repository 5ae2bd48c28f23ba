// In-memory files for db/ tests: a writable file that appends to a string
// and a sequential file that reads one, plus whole-file helpers for real
// files (std::fstream, so the tests do not depend on the POSIX FileSystem).
#ifndef SKYROCKS_TESTS_UNIT_DB_LOG_TEST_UTIL_H_
#define SKYROCKS_TESTS_UNIT_DB_LOG_TEST_UTIL_H_

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "rocksdb/file_system.h"

namespace ROCKSDB_NAMESPACE {
namespace dbtest {

class StringSink : public FSWritableFile {
 public:
  explicit StringSink(std::string* dst) : dst_(dst) {}
  IOStatus Append(const Slice& data, const IOOptions&,
                  IODebugContext*) override {
    dst_->append(data.data(), data.size());
    return IOStatus::OK();
  }
  IOStatus Close(const IOOptions&, IODebugContext*) override {
    return IOStatus::OK();
  }
  IOStatus Flush(const IOOptions&, IODebugContext*) override {
    ++flushes;
    return IOStatus::OK();
  }
  IOStatus Sync(const IOOptions&, IODebugContext*) override {
    ++syncs;
    return IOStatus::OK();
  }
  uint64_t GetFileSize(const IOOptions&, IODebugContext*) override {
    return dst_->size();
  }
  int flushes = 0;
  int syncs = 0;

 private:
  std::string* dst_;
};

class StringSource : public FSSequentialFile {
 public:
  explicit StringSource(std::string contents) : data_(std::move(contents)) {}
  IOStatus Read(size_t n, const IOOptions&, Slice* result, char* scratch,
                IODebugContext*) override {
    if (fail_reads) return IOStatus::IOError("injected read error");
    const size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(scratch, data_.data() + pos_, k);
    pos_ += k;
    *result = Slice(scratch, k);
    return IOStatus::OK();
  }
  IOStatus Skip(uint64_t n) override {
    pos_ = std::min<size_t>(data_.size(), pos_ + n);
    return IOStatus::OK();
  }
  bool fail_reads = false;

 private:
  std::string data_;
  size_t pos_ = 0;
};

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline bool WriteWholeFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  return static_cast<bool>(out);
}

}  // namespace dbtest
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TESTS_UNIT_DB_LOG_TEST_UTIL_H_
