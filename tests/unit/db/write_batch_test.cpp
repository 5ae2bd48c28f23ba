#include "rocksdb/write_batch.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "db/write_batch_internal.h"
#include "unit/db/write_batch_recorder.h"

namespace ROCKSDB_NAMESPACE {

using dbtest::WriteBatchRecorder;

namespace {

class TestCfHandle : public ColumnFamilyHandle {
 public:
  TestCfHandle(std::string name, uint32_t id)
      : name_(std::move(name)), id_(id) {}
  const std::string& GetName() const override { return name_; }
  uint32_t GetID() const override { return id_; }
  const Comparator* GetComparator() const override {
    return BytewiseComparator();
  }

 private:
  std::string name_;
  uint32_t id_;
};

}  // namespace

TEST_CASE("write_batch: Put is RocksDB's WAL payload (doc/write_batch.md)") {
  WriteBatch b;
  REQUIRE(b.Put("walkey", "walvalue").ok());
  WriteBatchInternal::SetSequence(&b, 101);
  const std::string expected(
      "\x65\x00\x00\x00\x00\x00\x00\x00"
      "\x01\x00\x00\x00"
      "\x01\x06walkey\x08walvalue",
      29);
  CHECK(b.Data() == expected);
  CHECK(b.GetDataSize() == 29);
  CHECK(b.Count() == 1);
  CHECK(WriteBatchInternal::Sequence(&b) == 101);
}

TEST_CASE("write_batch: every record kind round-trips through Iterate") {
  TestCfHandle cf3("three", 3);
  WriteBatch b;
  REQUIRE(b.Put("k1", "v1").ok());
  REQUIRE(b.Put(&cf3, "k2", "v2").ok());
  REQUIRE(b.Delete("k3").ok());
  REQUIRE(b.Delete(&cf3, "k4").ok());
  REQUIRE(b.SingleDelete("k5").ok());
  REQUIRE(b.SingleDelete(&cf3, "k6").ok());
  REQUIRE(b.DeleteRange("a", "b").ok());
  REQUIRE(b.DeleteRange(&cf3, "c", "d").ok());
  REQUIRE(b.Merge("k7", "m1").ok());
  REQUIRE(b.Merge(&cf3, "k8", "m2").ok());
  REQUIRE(b.PutLogData("blob").ok());
  REQUIRE(b.Put(std::string("\0z", 2), "").ok());
  CHECK(b.Count() == 11);
  CHECK(b.HasPut());
  CHECK(b.HasDelete());
  CHECK(b.HasSingleDelete());
  CHECK(b.HasDeleteRange());
  CHECK(b.HasMerge());

  WriteBatchRecorder rec;
  REQUIRE(b.Iterate(&rec).ok());
  const std::vector<std::string> expected = {
      "Put(0,k1,v1)",       "Put(3,k2,v2)",
      "Delete(0,k3)",       "Delete(3,k4)",
      "SingleDelete(0,k5)", "SingleDelete(3,k6)",
      "DeleteRange(0,a,b)", "DeleteRange(3,c,d)",
      "Merge(0,k7,m1)",     "Merge(3,k8,m2)",
      "LogData(blob)",      std::string("Put(0,\0z,)", 10)};
  CHECK(rec.log == expected);

  // The CF tags are exactly RocksDB's: 0x05 kTypeColumnFamilyValue etc.
  WriteBatch one;
  REQUIRE(one.Put(&cf3, "k", "v").ok());
  CHECK(one.Data().substr(12) == std::string("\x05\x03\x01k\x01v", 6));
  WriteBatch dr;
  REQUIRE(dr.DeleteRange(&cf3, "a", "b").ok());
  CHECK(dr.Data().substr(12) == std::string("\x0e\x03\x01"
                                            "a\x01"
                                            "b",
                                            6));

  // Adopting the bytes gives the same records; a copy too.
  WriteBatch adopted(b.Data());
  WriteBatchRecorder rec2;
  REQUIRE(adopted.Iterate(&rec2).ok());
  CHECK(rec2.log == expected);
  CHECK(adopted.HasMerge());
  WriteBatch copy = b;
  CHECK(copy.Data() == b.Data());
}

TEST_CASE("write_batch: default handler rejects other column families") {
  struct PutOnly : WriteBatch::Handler {
    std::vector<std::string> keys;
    void Put(const Slice& k, const Slice&) override {
      keys.push_back(k.ToString());
    }
  };
  WriteBatch b;
  REQUIRE(b.Put("a", "1").ok());
  REQUIRE(WriteBatchInternal::Put(&b, 7, "b", "2").ok());
  PutOnly h;
  Status s = b.Iterate(&h);
  CHECK(s.IsInvalidArgument());
  CHECK(h.keys == std::vector<std::string>{"a"});
  WriteBatch dr;
  REQUIRE(dr.DeleteRange("a", "b").ok());
  CHECK(dr.Iterate(&h).IsInvalidArgument());
}

TEST_CASE("write_batch: corrupt reps give Corruption") {
  WriteBatchRecorder rec;
  {
    WriteBatch b(std::string("short"));
    Status s = b.Iterate(&rec);
    CHECK(s.IsCorruption());
    CHECK(s.ToString().find("too small") != std::string::npos);
  }
  WriteBatch good;
  REQUIRE(good.Put("key", "value").ok());
  REQUIRE(good.Merge("key", "x").ok());
  {
    std::string rep = good.Data();
    rep[12] = 0x42;  // unknown tag
    WriteBatch b(rep);
    Status s = b.Iterate(&rec);
    CHECK(s.IsCorruption());
    CHECK(s.ToString().find("unknown WriteBatch tag 0x42") !=
          std::string::npos);
    CHECK(s.ToString().find("offset 12") != std::string::npos);
  }
  // Every truncation inside the records is detected, never a crash.
  for (size_t len = 13; len < good.Data().size(); len++) {
    WriteBatch b(good.Data().substr(0, len));
    WriteBatchRecorder r;
    Status s = b.Iterate(&r);
    CHECK_MESSAGE(s.IsCorruption(), "len " << len);
  }
  {
    WriteBatch b(good.Data().substr(0, 12 + 1 + 1 + 3 + 1 + 5));  // one rec
    Status s = b.Iterate(&rec);
    CHECK(s.IsCorruption());
    CHECK(s.ToString().find("wrong count") != std::string::npos);
  }
  {
    WriteBatch b(good);
    WriteBatchInternal::SetCount(&b, 5);
    CHECK(b.Iterate(&rec).IsCorruption());
  }
  WriteBatch b;
  CHECK(WriteBatchInternal::SetContents(&b, "tiny").IsInvalidArgument());
  Slice in(
      "\x01\x05"
      "ab",
      4);
  WriteBatchRecord r;
  CHECK(WriteBatchInternal::ReadRecord(&in, &r).IsCorruption());
}

TEST_CASE("write_batch: Append, Clear, save points, max_bytes") {
  WriteBatch a;
  REQUIRE(a.Put("a", "1").ok());
  WriteBatchInternal::SetSequence(&a, 42);
  WriteBatch b;
  REQUIRE(b.Delete("b").ok());
  REQUIRE(b.Merge("c", "2").ok());
  REQUIRE(WriteBatchInternal::Append(&a, &b).ok());
  CHECK(a.Count() == 3);
  CHECK(WriteBatchInternal::Sequence(&a) == 42);
  CHECK(a.HasDelete());
  WriteBatchRecorder rec;
  REQUIRE(a.Iterate(&rec).ok());
  CHECK(rec.log ==
        std::vector<std::string>{"Put(0,a,1)", "Delete(0,b)", "Merge(0,c,2)"});

  a.SetSavePoint();
  REQUIRE(a.Put("d", "4").ok());
  a.SetSavePoint();
  REQUIRE(a.Put("e", "5").ok());
  CHECK(a.Count() == 5);
  REQUIRE(a.RollbackToSavePoint().ok());
  CHECK(a.Count() == 4);
  REQUIRE(a.PopSavePoint().ok());
  CHECK(a.RollbackToSavePoint().IsNotFound());
  CHECK(a.Count() == 4);

  a.Clear();
  CHECK(a.Count() == 0);
  CHECK(a.GetDataSize() == WriteBatchInternal::kHeader);
  CHECK(WriteBatchInternal::Sequence(&a) == 0);
  CHECK(!a.HasPut());

  WriteBatch limited(0, 30);
  REQUIRE(limited.Put("k", "v").ok());       // 12 + 5 = 17 bytes
  Status s = limited.Put("key2", "value2");  // would be 17 + 13 = 30: fits
  CHECK(s.ok());
  s = limited.Put("k3", "v");
  CHECK(s.IsMemoryLimit());
  CHECK(limited.Count() == 2);
  CHECK(limited.GetDataSize() == 30);
}

TEST_CASE("write_batch: Continue() false stops early without count check") {
  struct StopAfterOne : WriteBatch::Handler {
    int seen = 0;
    void Put(const Slice&, const Slice&) override { ++seen; }
    bool Continue() override { return seen < 1; }
  };
  WriteBatch b;
  REQUIRE(b.Put("a", "1").ok());
  REQUIRE(b.Put("b", "2").ok());
  StopAfterOne h;
  CHECK(b.Iterate(&h).ok());
  CHECK(h.seen == 1);
}

}  // namespace ROCKSDB_NAMESPACE
