#include "db/filename.h"

#include <doctest/doctest.h>

namespace ROCKSDB_NAMESPACE {

TEST_CASE("filename: names match a RocksDB 7.8.3 directory") {
  CHECK(LogFileName("/db", 8) == "/db/000008.log");
  CHECK(LogFileName(1234567) == "1234567.log");
  CHECK(MakeTableFileName("/db", 13) == "/db/000013.sst");
  CHECK(MakeTableFileName(13) == "000013.sst");
  CHECK(DescriptorFileName("/db", 5) == "/db/MANIFEST-000005");
  CHECK(CurrentFileName("/db") == "/db/CURRENT");
  CHECK(LockFileName("/db") == "/db/LOCK");
  CHECK(IdentityFileName("/db") == "/db/IDENTITY");
  CHECK(OptionsFileName("/db", 11) == "/db/OPTIONS-000011");
  CHECK(TempOptionsFileName("/db", 11) == "/db/OPTIONS-000011.dbtmp");
  CHECK(TempFileName("/db", 5) == "/db/000005.dbtmp");
  CHECK(InfoLogFileName("/db") == "/db/LOG");
  CHECK(ArchivedLogFileName("/db", 3) == "/db/archive/000003.log");
  CHECK(BlobFileName("/db", 4) == "/db/000004.blob");
  // doc/manifest_format.md: CURRENT is "MANIFEST-000005\n".
  CHECK(CurrentFileContents(5) == "MANIFEST-000005\n");
}

TEST_CASE("filename: ParseFileName accepts DB files and rejects others") {
  struct Good {
    const char* name;
    uint64_t number;
    FileType type;
  };
  const Good good[] = {
      {"000008.log", 8, kWalFile},
      {"000013.sst", 13, kTableFile},
      {"000013.ldb", 13, kTableFile},
      {"000004.blob", 4, kBlobFile},
      {"MANIFEST-000005", 5, kDescriptorFile},
      {"CURRENT", 0, kCurrentFile},
      {"IDENTITY", 0, kIdentityFile},
      {"LOCK", 0, kDBLockFile},
      {"LOG", 0, kInfoLogFile},
      {"LOG.old", 0, kInfoLogFile},
      {"LOG.old.1700000000123456", 1700000000123456ull, kInfoLogFile},
      {"OPTIONS-000011", 11, kOptionsFile},
      {"OPTIONS-000011.dbtmp", 11, kTempFile},
      {"000005.dbtmp", 5, kTempFile},
      {"METADB-7", 7, kMetaDatabase},
      {"18446744073709551615.log", 18446744073709551615ull, kWalFile},
  };
  for (const Good& g : good) {
    CAPTURE(g.name);
    uint64_t n = 99;
    FileType t = kBlobFile;
    REQUIRE(ParseFileName(g.name, &n, &t));
    CHECK(n == g.number);
    CHECK(t == g.type);
  }
  uint64_t n;
  FileType t;
  WalFileType wt = kAliveLogFile;
  REQUIRE(ParseFileName("archive/000003.log", &n, &t, &wt));
  CHECK(wt == kArchivedLogFile);
  CHECK(n == 3);
  const char* bad[] = {"",           "foo",         "foo-dx-100.log",
                       ".log",       "100",         "100.",
                       "100.lop",    "MANIFEST",    "MANIFEST-",
                       "MANIFEST-3x", "CURRENTX",   "LOG.old.x",
                       "OPTIONS-1.tmp", "archive/1.sst",
                       "18446744073709551616.log"};
  for (const char* b : bad) {
    CAPTURE(b);
    CHECK(!ParseFileName(b, &n, &t));
  }
}

}  // namespace ROCKSDB_NAMESPACE
