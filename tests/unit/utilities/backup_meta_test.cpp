// The backup meta file and backup file names (utilities/backup_meta.h),
// checked against a meta file librocksdb 7.8.3 wrote.
#include "utilities/backup_meta.h"

#include <doctest/doctest.h>

#include <string>

namespace {

using ROCKSDB_NAMESPACE::BackupEngineOptions;
using ROCKSDB_NAMESPACE::BackupMeta;

// meta/1 as librocksdb 7.8.3 wrote it (app metadata "hello").
const char kRocksDbMeta[] =
    "1796644060\n"
    "110\n"
    "metadata 68656C6C6F\n"
    "5\n"
    "shared_checksum/000016_s454C8EU8PAHJSBE5LXML_1108.sst crc32 1730734065\n"
    "shared_checksum/000009_sGAD2UQ5Q0Z2POOV6MLPN_1985.sst crc32 1294338056\n"
    "private/1/MANIFEST-000018 crc32 2447874209\n"
    "private/1/CURRENT crc32 4211241649\n"
    "private/1/OPTIONS-000020 crc32 2421670174\n";

}  // namespace

TEST_CASE("BackupMeta: librocksdb's meta file parses and encodes back") {
  BackupMeta meta;
  REQUIRE(
      ROCKSDB_NAMESPACE::DecodeBackupMeta("meta/1", kRocksDbMeta, &meta).ok());
  CHECK(meta.timestamp == 1796644060);
  CHECK(meta.sequence == 110);
  CHECK(meta.app_metadata == "hello");
  REQUIRE(meta.files.size() == 5);
  CHECK(meta.files[0].rel ==
        "shared_checksum/000016_s454C8EU8PAHJSBE5LXML_1108.sst");
  CHECK(meta.files[0].crc32c == 1730734065u);
  CHECK(meta.files[3].crc32c == 4211241649u);
  CHECK(ROCKSDB_NAMESPACE::EncodeBackupMeta(meta) == kRocksDbMeta);
  // Without app metadata there is no metadata line.
  meta.app_metadata.clear();
  const std::string plain = ROCKSDB_NAMESPACE::EncodeBackupMeta(meta);
  CHECK(plain.find("metadata") == std::string::npos);
  CHECK(plain.rfind("1796644060\n110\n5\n", 0) == 0);
  // Binary app metadata survives.
  meta.app_metadata = std::string("\0\xff\n ", 4);
  BackupMeta back;
  REQUIRE(ROCKSDB_NAMESPACE::DecodeBackupMeta(
              "m", ROCKSDB_NAMESPACE::EncodeBackupMeta(meta), &back)
              .ok());
  CHECK(back.app_metadata == meta.app_metadata);
}

TEST_CASE("BackupMeta: schema version 2 fields are read") {
  BackupMeta meta;
  REQUIRE(ROCKSDB_NAMESPACE::DecodeBackupMeta(
              "meta/3",
              "schema_version 2\n12\n34\nni::x 1\n1\n"
              "private/3/CURRENT crc32 7 size 16 temp 2 ni::y z\n",
              &meta)
              .ok());
  CHECK(meta.timestamp == 12);
  CHECK(meta.sequence == 34);
  REQUIRE(meta.files.size() == 1);
  CHECK(meta.files[0].size == 16);
  CHECK(meta.files[0].crc32c == 7);
}

TEST_CASE("BackupMeta: damaged meta files are Corruption naming the file") {
  const char* const kBad[] = {
      "",
      "x\n1\n0\n",
      "1\n2\n",
      "1\n2\n2\nprivate/1/CURRENT crc32 1\n",
      "1\n2\n1\nprivate/1/CURRENT\n",
      "1\n2\n1\nprivate/1/CURRENT crc32 99999999999\n",
      "1\n2\n1\nprivate/1/CURRENT crc32 1 bogus 2\n",
      "1\n2\nmetadata 6\n0\n",
      "schema_version 9\n1\n2\n0\n",
  };
  for (const char* bad : kBad) {
    CAPTURE(bad);
    BackupMeta meta;
    ROCKSDB_NAMESPACE::Status s =
        ROCKSDB_NAMESPACE::DecodeBackupMeta("bk/meta/7", bad, &meta);
    CHECK(s.IsCorruption());
    CHECK(s.ToString().find("bk/meta/7") != std::string::npos);
  }
}

TEST_CASE("BackupMeta: shared file names as librocksdb 7.8.3 gives them") {
  const auto def = static_cast<BackupEngineOptions::ShareFilesNaming>(
      BackupEngineOptions::kUseDbSessionId |
      BackupEngineOptions::kFlagIncludeFileSize);
  CHECK(ROCKSDB_NAMESPACE::SharedChecksumName(
            "000016.sst", "454C8EU8PAHJSBE5LXML", 5, 1108, def) ==
        "000016_s454C8EU8PAHJSBE5LXML_1108.sst");
  CHECK(ROCKSDB_NAMESPACE::SharedChecksumName(
            "000016.sst", "454C8EU8PAHJSBE5LXML", 5, 1108,
            BackupEngineOptions::kUseDbSessionId) ==
        "000016_s454C8EU8PAHJSBE5LXML.sst");
  // No session id, or the legacy naming: crc32c and size.
  CHECK(ROCKSDB_NAMESPACE::SharedChecksumName("000009.sst", "", 20653099, 1985,
                                              def) ==
        "000009_20653099_1985.sst");
  CHECK(ROCKSDB_NAMESPACE::SharedChecksumName(
            "000009.sst", "S", 20653099, 1985,
            BackupEngineOptions::kLegacyCrc32cAndFileSize) ==
        "000009_20653099_1985.sst");
  CHECK(ROCKSDB_NAMESPACE::RestoredFileName(
            "shared_checksum/000016_s454C8EU8PAHJSBE5LXML_1108.sst") ==
        "000016.sst");
  CHECK(ROCKSDB_NAMESPACE::RestoredFileName("shared/000016.sst") ==
        "000016.sst");
  CHECK(ROCKSDB_NAMESPACE::RestoredFileName("private/2/MANIFEST-000020") ==
        "MANIFEST-000020");
  ROCKSDB_NAMESPACE::BackupID id = 0;
  CHECK(ROCKSDB_NAMESPACE::ParseBackupId("42", &id));
  CHECK(id == 42);
  CHECK(!ROCKSDB_NAMESPACE::ParseBackupId("0", &id));
  CHECK(!ROCKSDB_NAMESPACE::ParseBackupId(".3.tmp", &id));
  CHECK(!ROCKSDB_NAMESPACE::ParseBackupId("4294967296", &id));
}
