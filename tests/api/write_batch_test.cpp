// WriteBatch through the public API only (also run against the
// amalgamation).
#include "rocksdb/write_batch.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

struct ApiRecorder : public rocksdb::WriteBatch::Handler {
  std::vector<std::string> ops;
  void Put(const rocksdb::Slice& k, const rocksdb::Slice& v) override {
    ops.push_back("put " + k.ToString() + "=" + v.ToString());
  }
  void Delete(const rocksdb::Slice& k) override {
    ops.push_back("del " + k.ToString());
  }
  void Merge(const rocksdb::Slice& k, const rocksdb::Slice& v) override {
    ops.push_back("merge " + k.ToString() + "+" + v.ToString());
  }
  void LogData(const rocksdb::Slice& b) override {
    ops.push_back("log " + b.ToString());
  }
};

}  // namespace

TEST_CASE("api write_batch: build, inspect and iterate") {
  rocksdb::WriteBatch b;
  CHECK(b.Count() == 0);
  CHECK(b.GetDataSize() == 12);
  REQUIRE(b.Put("walkey", "walvalue").ok());
  // RocksDB's bytes: 12-byte header (sequence 0, count 1), then the record.
  CHECK(b.Data() == std::string("\0\0\0\0\0\0\0\0\x01\0\0\0"
                                "\x01\x06walkey\x08walvalue",
                                29));
  REQUIRE(b.Delete("gone").ok());
  REQUIRE(b.Merge("m", "x").ok());
  REQUIRE(b.PutLogData("note").ok());
  CHECK(b.Count() == 3);
  ApiRecorder r;
  REQUIRE(b.Iterate(&r).ok());
  CHECK(r.ops == std::vector<std::string>{"put walkey=walvalue", "del gone",
                                          "merge m+x", "log note"});
  rocksdb::WriteBatch copy(b.Data());
  ApiRecorder r2;
  REQUIRE(copy.Iterate(&r2).ok());
  CHECK(r2.ops == r.ops);
  rocksdb::WriteBatch bad(std::string("\0\0\0\0\0\0\0\0\x01\0\0\0\x63", 13));
  CHECK(bad.Iterate(&r2).IsCorruption());
  b.Clear();
  CHECK(b.Count() == 0);
}
