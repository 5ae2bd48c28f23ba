// SstFileWriter / SstFileReader through the public API only; built against
// src/ and against the amalgamation.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_reader.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/table.h"
#include "support/test_util.h"

using namespace ROCKSDB_NAMESPACE;  // NOLINT: test file

TEST_CASE("SstFileWriter/SstFileReader: round trip through the public API") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("ingest.sst");
  Options options;
  BlockBasedTableOptions t;
  t.filter_policy.reset(NewBloomFilterPolicy(10));
  options.table_factory.reset(NewBlockBasedTableFactory(t));
  SstFileWriter w(EnvOptions(), options);
  REQUIRE(w.Open(path).ok());
  for (int i = 0; i < 1000; i++) {
    char k[16];
    snprintf(k, sizeof(k), "k%05d", i);
    if (i % 10 == 3) {
      REQUIRE(w.Delete(k).ok());
    } else {
      REQUIRE(w.Put(k, std::string(i % 50, 'v')).ok());
    }
  }
  Status bad = w.Put("a-before-k", "x");
  CHECK(bad.IsInvalidArgument());
  CHECK(bad.ToString().find("strict ascending order") != std::string::npos);
  REQUIRE(w.DeleteRange("z0", "z9").ok());
  ExternalSstFileInfo info;
  REQUIRE(w.Finish(&info).ok());
  CHECK(info.num_entries == 1000);
  CHECK(info.smallest_key == "k00000");
  CHECK(info.largest_key == "k00999");
  CHECK(info.num_range_del_entries == 1);
  CHECK(info.file_size > 0);

  SstFileReader r(options);
  REQUIRE(r.Open(path).ok());
  CHECK(r.VerifyChecksum().ok());
  auto props = r.GetTableProperties();
  REQUIRE(props.get() != nullptr);
  // As librocksdb 7.8.3 records them, the range tombstone counts as an
  // entry and as a deletion in the table properties (not in info).
  CHECK(props->num_entries == 1001);
  CHECK(props->num_deletions == 101);
  CHECK(props->num_range_deletions == 1);
  CHECK(props->comparator_name == "leveldb.BytewiseComparator");
  CHECK(props->filter_policy_name == "bloomfilter");
  std::unique_ptr<Iterator> it(r.NewIterator(ReadOptions()));
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
  CHECK(it->status().ok());
  CHECK(n == 900);
  it->Seek("k00003");  // deleted: lands on k00004
  REQUIRE(it->Valid());
  CHECK(it->key().ToString() == "k00004");
  it->Prev();
  REQUIRE(it->Valid());
  CHECK(it->key().ToString() == "k00002");
  it->Next();
  CHECK(it->key().ToString() == "k00004");
  it->SeekForPrev("k00013");
  CHECK(it->key().ToString() == "k00012");
  it->SeekToLast();
  CHECK(it->key().ToString() == "k00999");
  int back = 0;
  for (; it->Valid(); it->Prev()) back++;
  CHECK(back == 900);
}

TEST_CASE("SstFileReader: damaged files give Corruption naming the file") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("bad.sst");
  Options options;
  SstFileWriter w(EnvOptions(), options);
  REQUIRE(w.Open(path).ok());
  REQUIRE(w.Put("a", "1").ok());
  REQUIRE(w.Finish().ok());
  std::string out;
  // Truncate to 10 bytes: too short for a footer.
  REQUIRE(skyrocks_test::RunCommand("truncate -s 10 " + path, &out) == 0);
  SstFileReader r(options);
  Status s = r.Open(path);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find(path) != std::string::npos);
  // Not an SST at all.
  REQUIRE(skyrocks_test::RunCommand("head -c 4096 /dev/urandom > " + path,
                                    &out) == 0);
  SstFileReader r2(options);
  s = r2.Open(path);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("magic") != std::string::npos);
}

TEST_CASE("SstFileWriter/SstFileReader: files live in Options::env") {
  std::shared_ptr<FileSystem> mem = NewMemFileSystem();
  std::unique_ptr<Env> env = NewCompositeEnv(mem);
  REQUIRE(mem->CreateDirIfMissing("/mem", IOOptions(), nullptr).ok());
  Options options;
  options.env = env.get();
  const std::string path = "/mem/in-env.sst";
  {
    SstFileWriter w(EnvOptions(), options);
    Status s = w.Open(path);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    REQUIRE(w.Put("k1", "v1").ok());
    REQUIRE(w.Put("k2", "v2").ok());
    REQUIRE(w.Finish().ok());
  }
  CHECK(mem->FileExists(path, IOOptions(), nullptr).ok());
  CHECK(!FileSystem::Default()->FileExists(path, IOOptions(), nullptr).ok());
  SstFileReader r(options);
  Status s = r.Open(path);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(r.VerifyChecksum().ok());
  std::unique_ptr<Iterator> it(r.NewIterator(ReadOptions()));
  it->SeekToFirst();
  REQUIRE(it->Valid());
  CHECK(it->key().ToString() == "k1");
  it->Next();
  REQUIRE(it->Valid());
  CHECK(it->value().ToString() == "v2");
  it->Next();
  CHECK(!it->Valid());
  CHECK(it->status().ok());
  // The default FileSystem never had the file.
  SstFileReader on_disk{Options()};
  CHECK(on_disk.Open(path).IsIOError());

  // A file written on disk and copied into the Env is read from there.
  skyrocks_test::TempDir dir;
  const std::string disk_path = dir.Sub("disk.sst");
  {
    const Options disk_options;
    SstFileWriter w(EnvOptions(), disk_options);
    REQUIRE(w.Open(disk_path).ok());
    REQUIRE(w.Put("only", "in memory").ok());
    REQUIRE(w.Finish().ok());
  }
  const std::string bytes = skyrocks_test::ReadWholeFile(disk_path);
  std::unique_ptr<FSWritableFile> f;
  REQUIRE(
      mem->NewWritableFile("/mem/copy.sst", FileOptions(), &f, nullptr).ok());
  REQUIRE(f->Append(bytes, IOOptions(), nullptr).ok());
  REQUIRE(f->Close(IOOptions(), nullptr).ok());
  SstFileReader copy(options);
  REQUIRE(copy.Open("/mem/copy.sst").ok());
  it.reset(copy.NewIterator(ReadOptions()));
  it->SeekToFirst();
  REQUIRE(it->Valid());
  CHECK(it->value().ToString() == "in memory");
}
