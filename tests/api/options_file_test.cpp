// OPTIONS files read back (rocksdb/utilities/options_util.h) and the DB
// calls whose failures a differential run with librocksdb cannot show:
// an unknown option fails the load with a Status naming the file, the
// line and the option unless ignore_unknown_options; an option RocksDB has
// and skyrocks lacks is accepted at its default and reported otherwise;
// VerifyChecksum names the damaged SST; the info LOG options, wal_dir,
// allow_2pc and the compaction filters' names are written and read back. tests/unit/db/options_diff_test.cpp
// compares the rest with librocksdb 7.8.3.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/compaction_filter.h"
#include "rocksdb/convenience.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/utilities/options_util.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::ColumnFamilyDescriptor;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::DBOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::Status;

// A DB directory's newest OPTIONS file, with `line` added to its
// [CFOptions "default"] section.
std::string OptionsFileWithLine(const std::string& db, const std::string& line) {
  std::string name;
  REQUIRE(ROCKSDB_NAMESPACE::GetLatestOptionsFileName(db, nullptr, &name).ok());
  const std::string path = db + "/" + name;
  std::string text = skyrocks_test::ReadWholeFile(path);
  const std::string section = "[CFOptions \"default\"]\n";
  const size_t at = text.find(section);
  REQUIRE(at != std::string::npos);
  text.insert(at + section.size(), "  " + line + "\n");
  const std::string out = db + "/edited-options";
  std::ofstream(out) << text;
  return out;
}

class NamedFilter : public ROCKSDB_NAMESPACE::CompactionFilter {
 public:
  const char* Name() const override { return "NamedFilter"; }
};

class NamedFilterFactory : public ROCKSDB_NAMESPACE::CompactionFilterFactory {
 public:
  const char* Name() const override { return "NamedFilterFactory"; }
  std::unique_ptr<ROCKSDB_NAMESPACE::CompactionFilter> CreateCompactionFilter(
      const ROCKSDB_NAMESPACE::CompactionFilter::Context&) override {
    return nullptr;
  }
};

}  // namespace

TEST_CASE("OPTIONS file: unknown options are reported by name") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    Options o;
    o.create_if_missing = true;
    o.write_buffer_size = 1 << 20;
    DB* db = nullptr;
    REQUIRE(DB::Open(o, path, &db).ok());
    delete db;
  }
  DBOptions d;
  std::vector<ColumnFamilyDescriptor> cfs;
  REQUIRE(ROCKSDB_NAMESPACE::LoadLatestOptions(path, nullptr, &d, &cfs).ok());
  REQUIRE(cfs.size() == 1);
  CHECK(cfs[0].options.write_buffer_size == (1u << 20));

  const std::string unknown = OptionsFileWithLine(path, "no_such_thing=1");
  Status s = ROCKSDB_NAMESPACE::LoadOptionsFromFile(unknown, nullptr, &d, &cfs);
  CHECK(s.IsNotFound());
  CHECK(s.ToString().find("no_such_thing") != std::string::npos);
  CHECK(s.ToString().find("edited-options:") != std::string::npos);
  CHECK(ROCKSDB_NAMESPACE::LoadOptionsFromFile(unknown, nullptr, &d, &cfs, true)
            .ok());

  // RocksDB's option at its default: nothing lost, accepted.
  const std::string at_default = OptionsFileWithLine(path, "ttl=2592000");
  CHECK(ROCKSDB_NAMESPACE::LoadOptionsFromFile(at_default, nullptr, &d, &cfs)
            .ok());
  // 7.8.3 writes 30 days for a column family with a compaction filter.
  const std::string periodic =
      OptionsFileWithLine(path, "periodic_compaction_seconds=2592000");
  CHECK(ROCKSDB_NAMESPACE::LoadOptionsFromFile(periodic, nullptr, &d, &cfs)
            .ok());
  // Elsewhere: skyrocks cannot honour it, and says so.
  const std::string changed = OptionsFileWithLine(path, "max_successive_merges=5");
  s = ROCKSDB_NAMESPACE::LoadOptionsFromFile(changed, nullptr, &d, &cfs);
  CHECK(s.IsNotSupported());
  CHECK(s.ToString().find("max_successive_merges") != std::string::npos);
  CHECK(ROCKSDB_NAMESPACE::LoadOptionsFromFile(changed, nullptr, &d, &cfs, true)
            .ok());
  // A bad value names option and value.
  const std::string bad = OptionsFileWithLine(path, "num_levels=seven");
  s = ROCKSDB_NAMESPACE::LoadOptionsFromFile(bad, nullptr, &d, &cfs);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("num_levels: seven") != std::string::npos);
}

TEST_CASE("VerifyChecksum names the damaged SST") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  Options o;
  o.create_if_missing = true;
  o.compression = ROCKSDB_NAMESPACE::kNoCompression;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, path, &raw).ok());
  std::unique_ptr<DB> db(raw);
  for (int i = 0; i < 2000; i++) {
    REQUIRE(db->Put(ROCKSDB_NAMESPACE::WriteOptions(), "key" + std::to_string(i),
                    std::string(50, 'v'))
                .ok());
  }
  REQUIRE(db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  REQUIRE(db->VerifyChecksum().ok());
  std::vector<ROCKSDB_NAMESPACE::LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  REQUIRE(files.size() == 1);
  REQUIRE(db->Close().ok());
  db.reset();
  // One byte of the first data block flipped.
  const std::string sst = path + files[0].name;
  std::FILE* f = std::fopen(sst.c_str(), "r+b");
  REQUIRE(f != nullptr);
  std::fseek(f, 100, SEEK_SET);
  const int c = std::fgetc(f);
  std::fseek(f, 100, SEEK_SET);
  std::fputc(c ^ 0x40, f);
  std::fclose(f);
  o.create_if_missing = false;
  REQUIRE(DB::Open(o, path, &raw).ok());
  db.reset(raw);
  Status s = db->VerifyChecksum();
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find(files[0].name.substr(1)) != std::string::npos);
}

TEST_CASE("OPTIONS file: info LOG options, wal_dir, allow_2pc and filters "
          "round trip") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  static NamedFilter filter;
  Options o;
  o.create_if_missing = true;
  o.info_log_level = ROCKSDB_NAMESPACE::ERROR_LEVEL;
  o.stats_dump_period_sec = 42;
  o.db_log_dir = dir.Sub("logs");
  o.wal_dir = dir.Sub("wal");
  o.allow_2pc = true;
  o.compaction_filter = &filter;
  o.compaction_filter_factory = std::make_shared<NamedFilterFactory>();
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, path, &raw).ok());
  std::unique_ptr<DB> db(raw);
  DBOptions d;
  std::vector<ColumnFamilyDescriptor> cfs;
  REQUIRE(ROCKSDB_NAMESPACE::LoadLatestOptions(path, nullptr, &d, &cfs).ok());
  CHECK(d.info_log_level == ROCKSDB_NAMESPACE::ERROR_LEVEL);
  CHECK(d.stats_dump_period_sec == 42);
  CHECK(d.db_log_dir == dir.Sub("logs"));
  CHECK(d.wal_dir == dir.Sub("wal"));
  CHECK(d.allow_2pc);
  std::string name;
  REQUIRE(ROCKSDB_NAMESPACE::GetLatestOptionsFileName(path, nullptr, &name)
              .ok());
  const std::string text = skyrocks_test::ReadWholeFile(path + "/" + name);
  CHECK(text.find("  info_log_level=ERROR_LEVEL\n") != std::string::npos);
  CHECK(text.find("  compaction_filter=NamedFilter\n") != std::string::npos);
  CHECK(text.find("  compaction_filter_factory=NamedFilterFactory\n") !=
        std::string::npos);
  // A name keeps the program's filter; nullptr unsets it.
  ROCKSDB_NAMESPACE::ColumnFamilyOptions base;
  base.compaction_filter = &filter;
  ROCKSDB_NAMESPACE::ColumnFamilyOptions out;
  REQUIRE(ROCKSDB_NAMESPACE::GetColumnFamilyOptionsFromString(
              base, "compaction_filter=NamedFilter", &out)
              .ok());
  CHECK(out.compaction_filter == &filter);
  REQUIRE(ROCKSDB_NAMESPACE::GetColumnFamilyOptionsFromString(
              base, "compaction_filter=nullptr", &out)
              .ok());
  CHECK(out.compaction_filter == nullptr);

  // Changed on the open DB: in effect and in the next OPTIONS file.
  REQUIRE(db->SetDBOptions({{"stats_dump_period_sec", "5"}}).ok());
  CHECK(db->GetDBOptions().stats_dump_period_sec == 5);
  CHECK(db->SetDBOptions({{"stats_dump_period_sec", "-5"}})
            .IsInvalidArgument());
  CHECK(db->SetDBOptions({{"info_log_level", "WARN_LEVEL"}}).IsNotFound());
  REQUIRE(ROCKSDB_NAMESPACE::LoadLatestOptions(path, nullptr, &d, &cfs).ok());
  CHECK(d.stats_dump_period_sec == 5);
  CHECK(d.info_log_level == ROCKSDB_NAMESPACE::ERROR_LEVEL);
}

TEST_CASE("OPTIONS strings: info LOG options, wal_dir and allow_2pc parse") {
  DBOptions base;
  DBOptions out;
  REQUIRE(ROCKSDB_NAMESPACE::GetDBOptionsFromString(
              base,
              "info_log_level=FATAL_LEVEL;stats_dump_period_sec=1k;"
              "db_log_dir=/var/log/db;wal_dir=/wal;allow_2pc=true",
              &out)
              .ok());
  CHECK(out.info_log_level == ROCKSDB_NAMESPACE::FATAL_LEVEL);
  CHECK(out.stats_dump_period_sec == 1024);
  CHECK(out.db_log_dir == "/var/log/db");
  CHECK(out.wal_dir == "/wal");
  CHECK(out.allow_2pc);
  REQUIRE(ROCKSDB_NAMESPACE::GetDBOptionsFromMap(
              base, {{"info_log_level", "HEADER_LEVEL"},
                     {"stats_dump_period_sec", "0"}},
              &out)
              .ok());
  CHECK(out.info_log_level == ROCKSDB_NAMESPACE::HEADER_LEVEL);
  CHECK(out.stats_dump_period_sec == 0);
  Status s = ROCKSDB_NAMESPACE::GetDBOptionsFromString(
      base, "info_log_level=LOUD", &out);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("info_log_level") != std::string::npos);
  CHECK(ROCKSDB_NAMESPACE::GetDBOptionsFromString(
            base, "stats_dump_period_sec=4294967296", &out)
            .IsInvalidArgument());
}
