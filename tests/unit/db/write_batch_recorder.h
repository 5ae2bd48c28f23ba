// A WriteBatch::Handler that records every call as text, e.g.
// "Put(3,key,value)", "DeleteRange(0,a,b)", "LogData(blob)".
#ifndef SKYROCKS_TESTS_UNIT_DB_WRITE_BATCH_RECORDER_H_
#define SKYROCKS_TESTS_UNIT_DB_WRITE_BATCH_RECORDER_H_

#include <string>
#include <vector>

#include "rocksdb/write_batch.h"

namespace ROCKSDB_NAMESPACE {
namespace dbtest {

class WriteBatchRecorder : public WriteBatch::Handler {
 public:
  std::vector<std::string> log;

  Status PutCF(uint32_t cf, const Slice& k, const Slice& v) override {
    Add("Put", cf, k, &v);
    return Status::OK();
  }
  Status DeleteCF(uint32_t cf, const Slice& k) override {
    Add("Delete", cf, k, nullptr);
    return Status::OK();
  }
  Status SingleDeleteCF(uint32_t cf, const Slice& k) override {
    Add("SingleDelete", cf, k, nullptr);
    return Status::OK();
  }
  Status DeleteRangeCF(uint32_t cf, const Slice& b, const Slice& e) override {
    Add("DeleteRange", cf, b, &e);
    return Status::OK();
  }
  Status MergeCF(uint32_t cf, const Slice& k, const Slice& v) override {
    Add("Merge", cf, k, &v);
    return Status::OK();
  }
  void LogData(const Slice& blob) override {
    log.push_back("LogData(" + blob.ToString() + ")");
  }

 private:
  void Add(const char* op, uint32_t cf, const Slice& k, const Slice* v) {
    std::string s = std::string(op) + "(" + std::to_string(cf) + "," +
                    k.ToString();
    if (v != nullptr) s += "," + v->ToString();
    log.push_back(s + ")");
  }
};

}  // namespace dbtest
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TESTS_UNIT_DB_WRITE_BATCH_RECORDER_H_
