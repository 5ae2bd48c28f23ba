// DB properties and the OPTIONS file through the public API (built against
// src/ and against the amalgamation), where skyrocks once diverged from
// RocksDB 7.8.3: a property name with a huge level number threw out of
// GetProperty, GetIntProperty answered text-only properties, and the
// OPTIONS file said merge_operator=nullptr with an operator set.
// tests/unit/db/db_interop_test.cpp compares the properties with
// librocksdb's answers. Numbers in option strings are parsed strictly
// (util/string_util.h's ParseDecimalUint64), never by a throwing std::sto*.
// rocksdb.is-write-stopped follows L0's stop trigger.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/cloud/cloud_file_system.h"
#include "rocksdb/db.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::WriteOptions;

class PropsTestAppend : public ROCKSDB_NAMESPACE::AssociativeMergeOperator {
 public:
  bool Merge(const Slice&, const Slice* existing, const Slice& value,
             std::string* out, ROCKSDB_NAMESPACE::Logger*) const override {
    *out = (existing ? existing->ToString() : "") + value.ToString();
    return true;
  }
  const char* Name() const override { return "PropsTestAppend"; }
};

// The newest OPTIONS-<n> file of a DB directory.
std::string NewestOptionsFile(const std::string& dir) {
  std::string best;
  uint64_t best_n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("OPTIONS-", 0) != 0) continue;
    const uint64_t n = std::stoull(name.substr(8));
    if (best.empty() || n > best_n) {
      best = e.path().string();
      best_n = n;
    }
  }
  return skyrocks_test::ReadWholeFile(best);
}

std::unique_ptr<DB> OpenPropsDb(const std::string& path, const Options& base) {
  Options o = base;
  o.create_if_missing = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, path, &raw).ok());
  return std::unique_ptr<DB>(raw);
}

}  // namespace

TEST_CASE("properties: a level number out of any range is false, not a throw") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<DB> db = OpenPropsDb(dir.Sub("db"), Options());
  REQUIRE(db->Put(WriteOptions(), "a", "1").ok());
  REQUIRE(db->Flush(FlushOptions()).ok());
  std::string v;
  uint64_t n = 0;
  for (const char* level :
       {"99999999999", "2147483648", "4294967296", "18446744073709551615",
        "18446744073709551616", "999999999999999999999999", "7", "-1", "+1",
        " 1", "1 ", "0x1", ""}) {
    CAPTURE(level);
    const std::string name = std::string("rocksdb.num-files-at-level") + level;
    CHECK_FALSE(db->GetProperty(name, &v));
    CHECK_FALSE(db->GetIntProperty(name, &n));
  }
  REQUIRE(db->GetProperty("rocksdb.num-files-at-level0", &v));
  CHECK(v == "1");
  REQUIRE(db->GetProperty("rocksdb.num-files-at-level00", &v));
  CHECK(v == "1");
}

TEST_CASE(
    "properties: GetIntProperty answers only RocksDB's integer properties") {
  skyrocks_test::TempDir dir;
  std::unique_ptr<DB> db = OpenPropsDb(dir.Sub("db"), Options());
  REQUIRE(db->Put(WriteOptions(), "a", "1").ok());
  REQUIRE(db->Flush(FlushOptions()).ok());
  REQUIRE(db->Put(WriteOptions(), "b", "2").ok());
  uint64_t n = 0;
  std::string v;
  // Text only in RocksDB 7.8.3, even where the text is a number.
  for (const char* name : {"rocksdb.num-files-at-level0", "rocksdb.stats",
                           "rocksdb.cfstats", "rocksdb.levelstats"}) {
    CAPTURE(name);
    CHECK(db->GetProperty(name, &v));
    CHECK_FALSE(db->GetIntProperty(name, &n));
  }
  // Integer properties: the same number both ways.
  for (const char* name :
       {"rocksdb.num-entries-active-mem-table", "rocksdb.estimate-num-keys",
        "rocksdb.total-sst-files-size", "rocksdb.num-immutable-mem-table",
        "rocksdb.base-level", "rocksdb.background-errors"}) {
    CAPTURE(name);
    REQUIRE(db->GetProperty(name, &v));
    REQUIRE(db->GetIntProperty(name, &n));
    CHECK(std::to_string(n) == v);
  }
  REQUIRE(db->GetIntProperty("rocksdb.num-entries-active-mem-table", &n));
  CHECK(n == 1);
  CHECK_FALSE(db->GetIntProperty("rocksdb.no-such-property", &n));
}

TEST_CASE("options file: merge_operator names the operator set") {
  skyrocks_test::TempDir dir;
  {
    Options o;
    o.merge_operator = std::make_shared<PropsTestAppend>();
    std::unique_ptr<DB> db = OpenPropsDb(dir.Sub("with"), o);
    REQUIRE(db->Merge(WriteOptions(), "k", "x").ok());
  }
  // RocksDB 7.8.3 writes an operator without options of its own (a user's
  // class, or its UInt64AddOperator) as its bare Name().
  const std::string with = NewestOptionsFile(dir.Sub("with"));
  CHECK(with.find("\n  merge_operator=PropsTestAppend\n") != std::string::npos);
  CHECK(with.find("merge_operator=nullptr") == std::string::npos);
  { std::unique_ptr<DB> db = OpenPropsDb(dir.Sub("without"), Options()); }
  const std::string without = NewestOptionsFile(dir.Sub("without"));
  CHECK(without.find("\n  merge_operator=nullptr\n") != std::string::npos);
}

TEST_CASE("option strings: a number out of range or signed is refused") {
  ROCKSDB_NAMESPACE::CloudFileSystemOptions cloud;
  REQUIRE(cloud.Configure("sst_file_cache_bytes=18446744073709551615").ok());
  CHECK(cloud.sst_file_cache_bytes == UINT64_MAX);
  for (const char* bad :
       {"sst_file_cache_bytes=18446744073709551616",
        "request_timeout_ms=99999999999999999999", "request_timeout_ms=+5",
        "purger_periodicity_ms=-1", "cloud_file_deletion_delay_seconds=1x"}) {
    CAPTURE(bad);
    CHECK(cloud.Configure(bad).IsInvalidArgument());
  }
  skyrocks_test::TempDir dir;
  std::unique_ptr<DB> db = OpenPropsDb(dir.Sub("db"), Options());
  CHECK(db->SetOptions({{"target_file_size_base", "99999999999999999999"}})
            .IsInvalidArgument());
  CHECK(db->SetOptions({{"target_file_size_base", "-1"}}).IsInvalidArgument());
  REQUIRE(db->SetOptions({{"target_file_size_base", "1048576"}}).ok());
}

TEST_CASE("properties: is-write-stopped while L0 is at its stop trigger") {
  skyrocks_test::TempDir dir;
  Options o;
  o.create_if_missing = true;
  o.level0_file_num_compaction_trigger = 10;  // no compaction on its own
  o.level0_slowdown_writes_trigger = 2;
  o.level0_stop_writes_trigger = 2;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  std::string v;
  for (int i = 0; i < 2; i++) {
    REQUIRE(db->GetProperty("rocksdb.is-write-stopped", &v));
    CHECK(v == "0");
    REQUIRE(db->Put(WriteOptions(), "k" + std::to_string(i), "v").ok());
    REQUIRE(db->Flush(FlushOptions()).ok());
  }
  REQUIRE(db->GetProperty("rocksdb.is-write-stopped", &v));
  CHECK(v == "1");
  REQUIRE(db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(), nullptr,
                           nullptr)
              .ok());
  REQUIRE(db->GetProperty("rocksdb.is-write-stopped", &v));
  CHECK(v == "0");
}
