// WriteBatchWithIndex through the public API only (also run against the
// amalgamation): the index over both overwrite_key settings, reads from the
// batch alone and from batch plus DB with merges, the iterator over batch
// and DB, save points. tests/unit/utilities/wbwi_diff_test.cpp compares the
// same behaviours with librocksdb 7.8.3 line by line.
#include "rocksdb/utilities/write_batch_with_index.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "support/test_util.h"

namespace {

using rocksdb::Slice;
using rocksdb::WriteBatchWithIndex;

class WbwiApiAppend : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const Slice&, const Slice* existing, const Slice& value,
             std::string* out, rocksdb::Logger*) const override {
    *out = existing ? existing->ToString() + "," + value.ToString()
                    : value.ToString();
    return true;
  }
  const char* Name() const override { return "WbwiApiAppend"; }
};

// "type key value" for every entry of the column family, in index order.
std::vector<std::string> WbwiEntries(WriteBatchWithIndex* b,
                                     rocksdb::ColumnFamilyHandle* cf) {
  static const char* const kNames[] = {"put", "merge", "del", "sdel"};
  std::unique_ptr<rocksdb::WBWIIterator> it(cf ? b->NewIterator(cf)
                                               : b->NewIterator());
  std::vector<std::string> out;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const rocksdb::WriteEntry e = it->Entry();
    out.push_back(std::string(kNames[e.type]) + " " + e.key.ToString() + " " +
                  e.value.ToString());
  }
  return out;
}

// "key=value" for every key the iterator over batch and DB shows.
std::vector<std::string> WbwiScan(rocksdb::Iterator* it) {
  std::vector<std::string> out;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    out.push_back(it->key().ToString() + "=" + it->value().ToString());
  }
  REQUIRE(it->status().ok());
  return out;
}

// A DB with a merge operator on the default column family.
struct WbwiDb {
  WbwiDb() {
    rocksdb::Options o;
    o.create_if_missing = true;
    o.merge_operator = std::make_shared<WbwiApiAppend>();
    REQUIRE(rocksdb::DB::Open(o, dir.Sub("db"), &raw).ok());
    db.reset(raw);
  }
  skyrocks_test::TempDir dir;
  rocksdb::DB* raw = nullptr;
  std::unique_ptr<rocksdb::DB> db;
};

}  // namespace

TEST_CASE("api wbwi: without overwrite_key every update is an entry") {
  WriteBatchWithIndex b;
  REQUIRE(b.Put("b", "1").ok());
  REQUIRE(b.Put("a", "2").ok());
  REQUIRE(b.Put("b", "3").ok());
  REQUIRE(b.Delete("a").ok());
  REQUIRE(b.Merge("c", "m").ok());
  CHECK(WbwiEntries(&b, nullptr) ==
        std::vector<std::string>{"put a 2", "del a ", "put b 1", "put b 3",
                                 "merge c m"});
  // The batch holds every record in write order.
  CHECK(b.GetWriteBatch()->Count() == 5);
  CHECK(b.GetDataSize() == b.GetWriteBatch()->GetDataSize());
  std::unique_ptr<rocksdb::WBWIIterator> it(b.NewIterator());
  it->Seek("b");
  REQUIRE(it->Valid());
  CHECK(it->Entry().value == "1");  // the oldest entry of b
  it->SeekForPrev("b");
  REQUIRE(it->Valid());
  CHECK(it->Entry().value == "3");  // the newest entry of b
  it->SeekToLast();
  REQUIRE(it->Valid());
  CHECK(it->Entry().key == "c");
  // An open iterator sees later updates.
  REQUIRE(b.Put("d", "4").ok());
  it->Next();
  REQUIRE(it->Valid());
  CHECK(it->Entry().key == "d");
}

TEST_CASE("api wbwi: overwrite_key keeps one entry per key but merges") {
  WriteBatchWithIndex b(rocksdb::BytewiseComparator(), 0, true);
  REQUIRE(b.Put("a", "1").ok());
  REQUIRE(b.Put("a", "2").ok());
  REQUIRE(b.Delete("b").ok());
  REQUIRE(b.Put("b", "3").ok());
  CHECK(WbwiEntries(&b, nullptr) ==
        std::vector<std::string>{"put a 2", "put b 3"});
  // A Merge adds an entry; the next Put replaces the newest entry only.
  REQUIRE(b.Merge("a", "m").ok());
  REQUIRE(b.Put("a", "4").ok());
  CHECK(WbwiEntries(&b, nullptr) ==
        std::vector<std::string>{"put a 2", "put a 4", "put b 3"});
  // The batch itself still holds all six records.
  CHECK(b.GetWriteBatch()->Count() == 6);
}

TEST_CASE("api wbwi: GetFromBatch resolves puts, deletes and merges") {
  WbwiDb d;
  rocksdb::ColumnFamilyHandle* cf = d.db->DefaultColumnFamily();
  const rocksdb::DBOptions opts;
  WriteBatchWithIndex b;
  REQUIRE(b.Put("p", "base").ok());
  REQUIRE(b.Merge("p", "x").ok());
  REQUIRE(b.Merge("m", "y").ok());
  REQUIRE(b.Delete("d").ok());
  REQUIRE(b.Merge("dm", "z").ok());
  REQUIRE(b.Delete("dm").ok());
  REQUIRE(b.Merge("dm", "w").ok());
  std::string v;
  REQUIRE(b.GetFromBatch(cf, opts, "p", &v).ok());
  CHECK(v == "base,x");
  CHECK(b.GetFromBatch(cf, opts, "m", &v).IsMergeInProgress());
  CHECK(b.GetFromBatch(cf, opts, "d", &v).IsNotFound());
  CHECK(b.GetFromBatch(cf, opts, "absent", &v).IsNotFound());
  REQUIRE(b.GetFromBatch(cf, opts, "dm", &v).ok());
  CHECK(v == "w");  // operands after a Delete merge onto nothing
  // Without a handle there is no merge operator.
  CHECK(b.GetFromBatch(opts, "p", &v).IsInvalidArgument());
  CHECK(b.GetFromBatch(opts, "m", &v).IsMergeInProgress());
}

TEST_CASE("api wbwi: GetFromBatchAndDB merges batch operands onto the DB") {
  WbwiDb d;
  const rocksdb::WriteOptions wo;
  REQUIRE(d.db->Put(wo, "k", "db").ok());
  REQUIRE(d.db->Put(wo, "gone", "db").ok());
  REQUIRE(d.db->Put(wo, "keep", "db").ok());
  REQUIRE(d.db->Merge(wo, "dbm", "d1").ok());
  WriteBatchWithIndex b;
  REQUIRE(b.Merge("k", "b1").ok());
  REQUIRE(b.Merge("k", "b2").ok());
  REQUIRE(b.Delete("gone").ok());
  REQUIRE(b.Merge("new", "n").ok());
  REQUIRE(b.Merge("dbm", "b").ok());
  const rocksdb::ReadOptions ro;
  std::string v;
  REQUIRE(b.GetFromBatchAndDB(d.db.get(), ro, "k", &v).ok());
  CHECK(v == "db,b1,b2");
  CHECK(b.GetFromBatchAndDB(d.db.get(), ro, "gone", &v).IsNotFound());
  REQUIRE(b.GetFromBatchAndDB(d.db.get(), ro, "keep", &v).ok());
  CHECK(v == "db");
  REQUIRE(b.GetFromBatchAndDB(d.db.get(), ro, "new", &v).ok());
  CHECK(v == "n");
  rocksdb::PinnableSlice p;
  REQUIRE(b.GetFromBatchAndDB(d.db.get(), ro, "dbm", &p).ok());
  CHECK(p.ToString() == "d1,b");
  // A snapshot limits the DB part only.
  const rocksdb::Snapshot* snap = d.db->GetSnapshot();
  REQUIRE(d.db->Put(wo, "k", "later").ok());
  rocksdb::ReadOptions at;
  at.snapshot = snap;
  REQUIRE(b.GetFromBatchAndDB(d.db.get(), at, "k", &v).ok());
  CHECK(v == "db,b1,b2");
  REQUIRE(b.GetFromBatchAndDB(d.db.get(), ro, "k", &v).ok());
  CHECK(v == "later,b1,b2");
  d.db->ReleaseSnapshot(snap);
}

TEST_CASE("api wbwi: NewIteratorWithBase overlays the batch on the DB") {
  WbwiDb d;
  const rocksdb::WriteOptions wo;
  for (const char* k : {"a", "c", "e", "g"}) {
    REQUIRE(d.db->Put(wo, k, std::string("db") + k).ok());
  }
  for (bool overwrite : {false, true}) {
    CAPTURE(overwrite);
    WriteBatchWithIndex b(rocksdb::BytewiseComparator(), 0, overwrite);
    REQUIRE(b.Put("b", "1").ok());
    REQUIRE(b.Put("b", "2").ok());
    REQUIRE(b.Delete("c").ok());
    REQUIRE(b.Merge("e", "m").ok());
    REQUIRE(b.Delete("f").ok());  // absent from the DB: nothing to hide
    REQUIRE(b.Put("h", "3").ok());
    std::unique_ptr<rocksdb::Iterator> it(
        b.NewIteratorWithBase(d.db->DefaultColumnFamily(),
                              d.db->NewIterator(rocksdb::ReadOptions())));
    CHECK(WbwiScan(it.get()) ==
          std::vector<std::string>{"a=dba", "b=2", "e=dbe,m", "g=dbg", "h=3"});
    std::vector<std::string> back;
    for (it->SeekToLast(); it->Valid(); it->Prev()) {
      back.push_back(it->key().ToString());
    }
    CHECK(back == std::vector<std::string>{"h", "g", "e", "b", "a"});
    it->Seek("c");
    REQUIRE(it->Valid());
    CHECK(it->key() == "e");
    it->SeekForPrev("d");
    REQUIRE(it->Valid());
    CHECK(it->key() == "b");
    it->Next();  // turns around past the deleted c
    REQUIRE(it->Valid());
    CHECK(it->key() == "e");
  }
}

TEST_CASE("api wbwi: save points roll back batch and index") {
  WriteBatchWithIndex b;
  CHECK(b.RollbackToSavePoint().IsNotFound());
  CHECK(b.PopSavePoint().IsNotFound());
  REQUIRE(b.Put("a", "1").ok());
  b.SetSavePoint();
  const size_t size_at_save_point = b.GetDataSize();
  REQUIRE(b.Put("a", "2").ok());
  REQUIRE(b.Delete("b").ok());
  b.SetSavePoint();
  REQUIRE(b.Put("c", "3").ok());
  REQUIRE(b.PopSavePoint().ok());  // forgets the second save point only
  REQUIRE(b.RollbackToSavePoint().ok());
  CHECK(b.GetDataSize() == size_at_save_point);
  CHECK(WbwiEntries(&b, nullptr) == std::vector<std::string>{"put a 1"});
  std::string v;
  REQUIRE(b.GetFromBatch(rocksdb::DBOptions(), "a", &v).ok());
  CHECK(v == "1");
  CHECK(b.GetFromBatch(rocksdb::DBOptions(), "c", &v).IsNotFound());
  b.SetSavePoint();
  b.Clear();  // forgets save points too
  CHECK(b.RollbackToSavePoint().IsNotFound());
  CHECK(WbwiEntries(&b, nullptr).empty());
  CHECK(b.GetWriteBatch()->Count() == 0);
}

TEST_CASE(
    "api wbwi: DeleteRange is not supported; a full batch indexes "
    "nothing") {
  WriteBatchWithIndex b(rocksdb::BytewiseComparator(), 0, false, 40);
  CHECK(b.DeleteRange("a", "b").IsNotSupported());
  REQUIRE(b.Put("a", "1").ok());
  CHECK(b.Put("b", std::string(100, 'x')).IsMemoryLimit());
  CHECK(WbwiEntries(&b, nullptr) == std::vector<std::string>{"put a 1"});
  REQUIRE(b.PutLogData("blob").ok());  // in the batch, not in the index
  CHECK(WbwiEntries(&b, nullptr) == std::vector<std::string>{"put a 1"});
}

TEST_CASE("api wbwi: each column family has its own entries and order") {
  WbwiDb d;
  rocksdb::ColumnFamilyOptions rev_opts;
  rev_opts.comparator = rocksdb::ReverseBytewiseComparator();
  rocksdb::ColumnFamilyHandle* rev = nullptr;
  REQUIRE(d.db->CreateColumnFamily(rev_opts, "rev", &rev).ok());
  REQUIRE(d.db->Put(rocksdb::WriteOptions(), rev, "b", "dbb").ok());
  WriteBatchWithIndex b;
  REQUIRE(b.Put(rev, "a", "1").ok());
  REQUIRE(b.Put(rev, "c", "2").ok());
  REQUIRE(b.Put("b", "default").ok());
  CHECK(WbwiEntries(&b, rev) == std::vector<std::string>{"put c 2", "put a 1"});
  CHECK(WbwiEntries(&b, nullptr) == std::vector<std::string>{"put b default"});
  std::unique_ptr<rocksdb::Iterator> it(b.NewIteratorWithBase(
      rev, d.db->NewIterator(rocksdb::ReadOptions(), rev)));
  CHECK(WbwiScan(it.get()) == std::vector<std::string>{"c=2", "b=dbb", "a=1"});
  std::string v;
  REQUIRE(b.GetFromBatchAndDB(d.db.get(), rocksdb::ReadOptions(), rev, "b", &v)
              .ok());
  CHECK(v == "dbb");
  it.reset();
  REQUIRE(d.db->DestroyColumnFamilyHandle(rev).ok());
}
