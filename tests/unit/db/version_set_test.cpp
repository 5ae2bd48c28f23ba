// VersionSet::Recover on MANIFESTs written by hand, edit by edit, in RocksDB
// 7.8.3's layout: what a column family drop leaves behind. Version's file
// queries (FindFile, ForEachCandidateFile, OverlappingInputs,
// OverlapInLevel) on levels built by hand, and against a linear scan of
// random levels.
#include "db/version_set.h"

#include <doctest/doctest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "db/filename.h"
#include "db/log_writer.h"
#include "rocksdb/comparator.h"
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

// A file numbered `number` holding user keys [lo, hi], the smallest entry
// at sequence lo_seq, the largest at hi_seq.
FileMetaPtr FileOf(uint64_t number, const std::string& lo,
                   SequenceNumber lo_seq, const std::string& hi,
                   SequenceNumber hi_seq) {
  auto f = std::make_shared<FileMetaData>();
  f->number = number;
  f->smallest = InternalKey(lo, lo_seq, kTypeValue);
  f->largest = InternalKey(hi, hi_seq, kTypeValue);
  return f;
}

std::vector<uint64_t> NumbersOf(const std::vector<FileMetaPtr>& files) {
  std::vector<uint64_t> out;
  for (const FileMetaPtr& f : files) out.push_back(f->number);
  return out;
}

std::string SeekKey(const std::string& user_key, SequenceNumber seq) {
  return InternalKey(user_key, seq, kValueTypeForSeek).Encode().ToString();
}

// L1 of the lookup tests: [b,d] [f,h] [h,k] (h straddles: newer entries of
// h in file 2, older in file 3) [p,p].
Version LevelOneVersion() {
  Version v;
  v.files[1] = {FileOf(1, "b", 9, "d", 9), FileOf(2, "f", 9, "h", 7),
                FileOf(3, "h", 5, "k", 9), FileOf(4, "p", 9, "p", 8)};
  return v;
}

}  // namespace

TEST_CASE("version: FindFile finds the first file whose largest key reaches") {
  const InternalKeyComparator icmp(BytewiseComparator());
  CHECK(FindFile(icmp, {}, SeekKey("a", 1)) == 0);
  const Version v = LevelOneVersion();
  const std::vector<FileMetaPtr>& files = v.files[1];
  CHECK(FindFile(icmp, files, SeekKey("a", 100)) == 0);  // before the first
  CHECK(FindFile(icmp, files, SeekKey("b", 100)) == 0);
  CHECK(FindFile(icmp, files, SeekKey("d", 100)) == 0);  // the largest key
  CHECK(FindFile(icmp, files, SeekKey("e", 100)) == 1);  // a gap
  // h straddles files 2 and 3: by sequence.
  CHECK(FindFile(icmp, files, SeekKey("h", 8)) == 1);
  CHECK(FindFile(icmp, files, SeekKey("h", 7)) == 1);
  CHECK(FindFile(icmp, files, SeekKey("h", 6)) == 2);
  CHECK(FindFile(icmp, files, SeekKey("p", 7)) == 4);  // below p@8: past all
  CHECK(FindFile(icmp, files, SeekKey("q", 100)) == 4);
}

TEST_CASE("version: candidate files for a key, L0 newest first then by level") {
  const InternalKeyComparator icmp(BytewiseComparator());
  Version v = LevelOneVersion();
  v.files[0] = {FileOf(10, "a", 20, "z", 20), FileOf(11, "m", 15, "n", 16),
                FileOf(12, "g", 12, "i", 13)};
  v.files[3] = {FileOf(20, "a", 1, "h", 1), FileOf(21, "i", 1, "z", 1)};
  auto candidates = [&](const std::string& key, SequenceNumber seq,
                        size_t stop_after) {
    std::vector<uint64_t> out;
    v.ForEachCandidateFile(icmp, SeekKey(key, seq), [&](const FileMetaData& f) {
      out.push_back(f.number);
      return out.size() < stop_after;
    });
    return out;
  };
  CHECK(candidates("h", 100, 99) == std::vector<uint64_t>{10, 12, 2, 3, 20});
  // Seen at a snapshot below h@7: file 2 holds nothing visible.
  CHECK(candidates("h", 6, 99) == std::vector<uint64_t>{10, 12, 3, 20});
  CHECK(candidates("e", 100, 99) == std::vector<uint64_t>{10, 20});
  CHECK(candidates("j", 100, 99) == std::vector<uint64_t>{10, 3, 21});
  CHECK(candidates("0", 100, 99).empty());
  CHECK(candidates("h", 100, 2) == std::vector<uint64_t>{10, 12});  // fn stops
  Version empty;
  CHECK(candidates("h", 100, 99) != std::vector<uint64_t>{});
  std::vector<uint64_t> none;
  empty.ForEachCandidateFile(icmp, SeekKey("h", 1), [&](const FileMetaData& f) {
    none.push_back(f.number);
    return true;
  });
  CHECK(none.empty());
}

TEST_CASE("version: overlaps above L0 at user-key boundaries and gaps") {
  const InternalKeyComparator icmp(BytewiseComparator());
  const Version v = LevelOneVersion();
  auto inputs = [&](const char* lo, const char* hi) {
    const Slice lo_s(lo != nullptr ? lo : ""), hi_s(hi != nullptr ? hi : "");
    return NumbersOf(v.OverlappingInputs(icmp, 1,
                                         lo != nullptr ? &lo_s : nullptr,
                                         hi != nullptr ? &hi_s : nullptr));
  };
  auto overlap = [&](int level, const char* lo, const char* hi) {
    const Slice lo_s(lo != nullptr ? lo : ""), hi_s(hi != nullptr ? hi : "");
    return v.OverlapInLevel(icmp, level, lo != nullptr ? &lo_s : nullptr,
                            hi != nullptr ? &hi_s : nullptr);
  };
  CHECK(inputs(nullptr, nullptr) == std::vector<uint64_t>{1, 2, 3, 4});
  CHECK(inputs("d", "f") == std::vector<uint64_t>{1, 2});  // both ends touch
  CHECK(inputs("h", "h") == std::vector<uint64_t>{2, 3});  // straddling key
  CHECK(inputs("e", "e").empty());                         // a gap
  CHECK(inputs("l", "o").empty());
  CHECK(inputs("q", nullptr).empty());  // past the last
  CHECK(inputs(nullptr, "a").empty());  // before the first
  CHECK(inputs(nullptr, "b") == std::vector<uint64_t>{1});
  CHECK(inputs("p", nullptr) == std::vector<uint64_t>{4});
  CHECK(inputs("i", "z") == std::vector<uint64_t>{3, 4});
  CHECK(overlap(1, "d", "d"));
  CHECK(overlap(1, "h", "h"));
  CHECK(overlap(1, "a", "b"));
  CHECK(overlap(1, nullptr, nullptr));
  CHECK_FALSE(overlap(1, "e", "e"));
  CHECK_FALSE(overlap(1, "l", "o"));
  CHECK_FALSE(overlap(1, "q", nullptr));
  CHECK_FALSE(overlap(1, nullptr, "a"));
  // Empty levels overlap nothing, L0 included.
  CHECK_FALSE(overlap(0, nullptr, nullptr));
  CHECK_FALSE(overlap(2, nullptr, nullptr));
  CHECK(v.OverlappingInputs(icmp, 0, nullptr, nullptr).empty());
  CHECK(v.OverlappingInputs(icmp, 2, nullptr, nullptr).empty());
}

TEST_CASE("version: L0 overlap grows the range by every file taken") {
  const InternalKeyComparator icmp(BytewiseComparator());
  Version v;
  // Newest first: a chain [a,c] [b,f] [e,g], and [x,z] apart. The chain's
  // newest file is the last to join a range starting at g.
  v.files[0] = {FileOf(4, "e", 4, "g", 4), FileOf(3, "x", 3, "z", 3),
                FileOf(2, "b", 2, "f", 2), FileOf(1, "a", 1, "c", 1)};
  auto inputs = [&](const char* lo, const char* hi) {
    const Slice lo_s(lo != nullptr ? lo : ""), hi_s(hi != nullptr ? hi : "");
    return NumbersOf(v.OverlappingInputs(icmp, 0,
                                         lo != nullptr ? &lo_s : nullptr,
                                         hi != nullptr ? &hi_s : nullptr));
  };
  // In L0's order, whichever file the range first meets.
  CHECK(inputs("a", "a") == std::vector<uint64_t>{4, 2, 1});
  CHECK(inputs("g", "g") == std::vector<uint64_t>{4, 2, 1});
  CHECK(inputs("d", "d") == std::vector<uint64_t>{4, 2, 1});
  CHECK(inputs("y", "y") == std::vector<uint64_t>{3});
  CHECK(inputs("h", "w").empty());
  CHECK(inputs("g", "x") == std::vector<uint64_t>{4, 3, 2, 1});
  // An open end stays open; the other end grows.
  CHECK(inputs(nullptr, "a") == std::vector<uint64_t>{4, 2, 1});
  CHECK(inputs("z", nullptr) == std::vector<uint64_t>{3});
  CHECK(inputs(nullptr, nullptr) == std::vector<uint64_t>{4, 3, 2, 1});
  const Slice h("h"), w("w"), c("c");
  CHECK_FALSE(v.OverlapInLevel(icmp, 0, &h, &w));
  CHECK(v.OverlapInLevel(icmp, 0, &c, &c));
  CHECK(v.OverlapInLevel(icmp, 0, &h, nullptr));
}

TEST_CASE("version: binary-searched overlaps agree with a scan of the level") {
  const InternalKeyComparator icmp(BytewiseComparator());
  const Comparator* ucmp = BytewiseComparator();
  std::mt19937 rnd(301);
  auto key = [&]() {
    return std::string(1, static_cast<char>('a' + rnd() % 26));
  };
  for (int round = 0; round < 300; round++) {
    // A sorted, disjoint level; neighbours may share a boundary user key.
    Version v;
    std::string at = key();
    const int n = static_cast<int>(rnd() % 6);
    for (int i = 0; i < n && at < "z"; i++) {
      std::string hi = at;
      while (hi < "z" && rnd() % 3 != 0) hi[0]++;
      // A shared boundary key: older entries in the next file.
      const SequenceNumber seq = 1000 - 10 * static_cast<SequenceNumber>(i);
      v.files[1].push_back(
          FileOf(static_cast<uint64_t>(i + 1), at, seq, hi, seq - 5));
      at = hi;
      if (rnd() % 2 == 0 && at < "z") at[0]++;
    }
    for (int q = 0; q < 20; q++) {
      std::string lo = key(), hi = key();
      if (hi < lo) std::swap(lo, hi);
      const Slice lo_s(lo), hi_s(hi);
      const Slice* b = rnd() % 5 == 0 ? nullptr : &lo_s;
      const Slice* e = rnd() % 5 == 0 ? nullptr : &hi_s;
      std::vector<uint64_t> scan;
      for (const FileMetaPtr& f : v.files[1]) {
        if ((b == nullptr || ucmp->Compare(f->largest.user_key(), *b) >= 0) &&
            (e == nullptr || ucmp->Compare(f->smallest.user_key(), *e) <= 0)) {
          scan.push_back(f->number);
        }
      }
      INFO("round " << round << " range [" << lo << ", " << hi << "]");
      CHECK(NumbersOf(v.OverlappingInputs(icmp, 1, b, e)) == scan);
      CHECK(v.OverlapInLevel(icmp, 1, b, e) == !scan.empty());
    }
  }
}

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
