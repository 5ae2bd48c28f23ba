// The block cache a program gives in BlockBasedTableOptions is the one a
// DB's reads fill, per column family, as in RocksDB 7.8.3; no_block_cache
// reads without one. (skyrocks once read every DB through a private 8 MiB
// cache and ignored the option; the C API test tests/c/basic.c saw it.)
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/table.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::BlockBasedTableOptions;
using ROCKSDB_NAMESPACE::Cache;
using ROCKSDB_NAMESPACE::ColumnFamilyDescriptor;
using ROCKSDB_NAMESPACE::ColumnFamilyHandle;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::WriteOptions;

Options WithCache(const std::shared_ptr<Cache>& cache, bool no_block_cache) {
  Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  BlockBasedTableOptions table;
  table.block_cache = cache;
  table.no_block_cache = no_block_cache;
  options.table_factory.reset(
      ROCKSDB_NAMESPACE::NewBlockBasedTableFactory(table));
  return options;
}

}  // namespace

TEST_CASE("block cache: reads fill each column family's own block cache") {
  skyrocks_test::TempDir dir;
  std::shared_ptr<Cache> default_cache = ROCKSDB_NAMESPACE::NewLRUCache(1 << 20);
  std::shared_ptr<Cache> other_cache = ROCKSDB_NAMESPACE::NewLRUCache(1 << 20);
  Options options = WithCache(default_cache, false);
  std::vector<ColumnFamilyDescriptor> cfs = {
      {"default", options}, {"other", WithCache(other_cache, false)}};
  std::vector<ColumnFamilyHandle*> handles;
  DB* db = nullptr;
  REQUIRE(DB::Open(options, dir.Sub("db"), cfs, &handles, &db).ok());
  REQUIRE(db->Put(WriteOptions(), handles[1], "k", "v").ok());
  REQUIRE(db->Flush(FlushOptions(), handles[1]).ok());
  CHECK(other_cache->GetUsage() == 0);
  std::string value;
  REQUIRE(db->Get(ReadOptions(), handles[1], "k", &value).ok());
  CHECK(value == "v");
  CHECK(other_cache->GetUsage() > 0);
  CHECK(default_cache->GetUsage() == 0);
  for (ColumnFamilyHandle* h : handles) {
    REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
  }
  delete db;
}

TEST_CASE("block cache: no_block_cache reads without the given cache") {
  skyrocks_test::TempDir dir;
  std::shared_ptr<Cache> cache = ROCKSDB_NAMESPACE::NewLRUCache(1 << 20);
  Options options = WithCache(cache, true);
  DB* db = nullptr;
  REQUIRE(DB::Open(options, dir.Sub("db"), &db).ok());
  REQUIRE(db->Put(WriteOptions(), "k", "v").ok());
  REQUIRE(db->Flush(FlushOptions()).ok());
  std::string value;
  REQUIRE(db->Get(ReadOptions(), "k", &value).ok());
  CHECK(value == "v");
  CHECK(cache->GetUsage() == 0);
  delete db;
}
