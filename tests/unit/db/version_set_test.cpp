// VersionSet::Recover on MANIFESTs written by hand, edit by edit, in RocksDB
// 7.8.3's layout: what a column family drop leaves behind.
#include "db/version_set.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "db/filename.h"
#include "db/log_writer.h"
#include "support/test_util.h"
#include "unit/db/log_test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Writes dir/MANIFEST-000001 holding edits, and CURRENT naming it.
void WriteManifestOf(const std::string& dir, std::vector<VersionEdit> edits) {
  std::string bytes;
  {
    log::Writer w(std::make_unique<dbtest::StringSink>(&bytes), 0, false);
    for (VersionEdit& e : edits) {
      std::string rec;
      REQUIRE(e.EncodeTo(&rec).ok());
      REQUIRE(w.AddRecord(rec).ok());
    }
  }
  REQUIRE(dbtest::WriteWholeFile(DescriptorFileName(dir, 1), bytes));
  REQUIRE(dbtest::WriteWholeFile(CurrentFileName(dir), CurrentFileContents(1)));
}

}  // namespace

TEST_CASE(
    "version set: a drop edit removes the family and keeps its counters") {
  skyrocks_test::TempDir dir;
  std::vector<VersionEdit> edits(5);
  edits[0].SetComparatorName("leveldb.BytewiseComparator");
  edits[0].SetLogNumber(0);
  edits[0].SetNextFile(2);
  edits[0].SetLastSequence(0);
  edits[1].SetColumnFamily(1);
  edits[1].AddColumnFamily("gone");
  edits[1].SetComparatorName("leveldb.BytewiseComparator");
  edits[1].SetMaxColumnFamily(1);
  edits[1].SetNextFile(9);
  edits[1].SetLastSequence(20);
  FileMetaData f;
  f.number = 7;
  f.file_size = 100;
  f.smallest = InternalKey("a", 5, kTypeValue);
  f.largest = InternalKey("b", 6, kTypeValue);
  f.smallest_seqno = 5;
  f.largest_seqno = 6;
  edits[2].SetColumnFamily(1);
  edits[2].AddFile(0, f);
  edits[2].SetLogNumber(8);
  edits[2].SetNextFile(9);
  edits[2].SetLastSequence(20);
  // What RocksDB 7.8.3's LogAndApplyCFHelper writes for a drop.
  edits[3].SetColumnFamily(1);
  edits[3].DropColumnFamily();
  edits[3].SetNextFile(40);
  edits[3].SetLastSequence(77);
  edits[3].SetMaxColumnFamily(1);
  // The same name again, a new id.
  edits[4].SetColumnFamily(2);
  edits[4].AddColumnFamily("gone");
  edits[4].SetComparatorName("leveldb.BytewiseComparator");
  edits[4].SetMaxColumnFamily(2);
  edits[4].SetLogNumber(41);
  WriteManifestOf(dir.path(), edits);

  VersionSet vs(dir.path(), FileSystem::Default().get(), DBOptions());
  RecoveredColumnFamilies found;
  std::map<std::string, ColumnFamilyOptions> opts = {
      {"default", ColumnFamilyOptions()}};
  Status s = vs.Recover(opts, &found);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  // Only the re-created family is left, empty.
  CHECK(found.in_manifest_not_requested == std::vector<std::string>{"gone"});
  CHECK(vs.GetColumnFamily(1) == nullptr);
  ColumnFamilyData* again = vs.GetColumnFamily("gone");
  REQUIRE(again != nullptr);
  CHECK(again->id == 2);
  CHECK(again->current->NumFiles() == 0);
  std::vector<uint64_t> live;
  vs.AddLiveFiles(&live);
  CHECK(live.empty());
  // The drop edit's counters count.
  CHECK(vs.LastSequence() == 77);
  CHECK(vs.current_next_file_number() >= 42);
  CHECK(vs.NewFileNumber() >= 42);

  // Dropped and not re-created: nothing left to name.
  edits.pop_back();
  WriteManifestOf(dir.path(), edits);
  VersionSet vs2(dir.path(), FileSystem::Default().get(), DBOptions());
  RecoveredColumnFamilies found2;
  s = vs2.Recover(opts, &found2);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(found2.in_manifest_not_requested.empty());
  CHECK(vs2.LiveColumnFamilies().size() == 1);
  CHECK(vs2.LastSequence() == 77);
  CHECK(vs2.current_next_file_number() == 40);
}

TEST_CASE("version set: dropping the default column family is corruption") {
  skyrocks_test::TempDir dir;
  std::vector<VersionEdit> edits(2);
  edits[0].SetComparatorName("leveldb.BytewiseComparator");
  edits[0].SetLogNumber(0);
  edits[0].SetNextFile(2);
  edits[0].SetLastSequence(0);
  edits[1].SetColumnFamily(0);
  edits[1].DropColumnFamily();
  WriteManifestOf(dir.path(), edits);
  VersionSet vs(dir.path(), FileSystem::Default().get(), DBOptions());
  RecoveredColumnFamilies found;
  Status s = vs.Recover({{"default", ColumnFamilyOptions()}}, &found);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("MANIFEST-000001") != std::string::npos);
}

}  // namespace ROCKSDB_NAMESPACE
