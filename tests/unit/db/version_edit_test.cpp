#include <doctest/doctest.h>

#include <string>

#include "db/version_edit.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

namespace {

FileMetaData MakeFile(uint64_t number, const char* smallest,
                      const char* largest) {
  FileMetaData f;
  f.number = number;
  f.file_size = 1856;
  f.smallest = InternalKey(smallest, 1, kTypeValue);
  f.largest = InternalKey(largest, 100, kTypeValue);
  f.smallest_seqno = 1;
  f.largest_seqno = 100;
  f.oldest_ancester_time = 1700000000;
  f.file_creation_time = 1700000001;
  f.unique_id = std::string(16, '\x5a');
  return f;
}

VersionEdit RoundTrip(const VersionEdit& e) {
  std::string enc;
  REQUIRE(e.EncodeTo(&enc).ok());
  VersionEdit d;
  REQUIRE(d.DecodeFrom(enc).ok());
  std::string enc2;
  REQUIRE(d.EncodeTo(&enc2).ok());
  CHECK(enc == enc2);
  return d;
}

}  // namespace

TEST_CASE("version_edit: comparator record (doc/manifest_format.md)") {
  VersionEdit e;
  e.SetComparatorName("leveldb.BytewiseComparator");
  std::string enc;
  REQUIRE(e.EncodeTo(&enc).ok());
  CHECK(enc == std::string("\x01\x1a" "leveldb.BytewiseComparator", 28));
}

TEST_CASE("version_edit: AddFile edit is RocksDB's (doc/manifest_format.md)") {
  VersionEdit e;
  e.SetLogNumber(8);
  e.SetPrevLogNumber(0);
  e.SetNextFile(10);
  e.SetLastSequence(100);
  FileMetaData f;
  f.number = 9;
  f.file_size = 1856;
  f.smallest = InternalKey("key0", 1, kTypeValue);
  f.largest = InternalKey("key99", 100, kTypeValue);
  f.smallest_seqno = 1;
  f.largest_seqno = 100;
  f.oldest_ancester_time = 5;
  f.file_creation_time = 6;
  f.unique_id = std::string("0123456789abcdef");
  e.AddFile(0, f);
  std::string enc;
  REQUIRE(e.EncodeTo(&enc).ok());
  std::string want("\x02\x08\x09\x00\x03\x0a\x04\x64", 8);
  want += std::string("\x67\x00\x09\xc0\x0e", 5);
  want += std::string("\x0c" "key0\x01\x01\x00\x00\x00\x00\x00\x00", 13);
  want += std::string("\x0d" "key99\x01\x64\x00\x00\x00\x00\x00\x00", 14);
  want += std::string("\x01\x64", 2);
  want += std::string("\x05\x01\x05\x06\x01\x06\x07\x00\x08\x07" "Unknown", 17);
  want += std::string("\x0c\x10" "0123456789abcdef\x01", 19);
  CHECK(enc == want);
}

TEST_CASE("version_edit: every tag round-trips") {
  VersionEdit e;
  e.SetDBId("c7921c7b-f9a4-4dbc-8223-d47db82eeb3a");
  e.SetComparatorName("leveldb.BytewiseComparator");
  e.SetLogNumber(12);
  e.SetPrevLogNumber(3);
  e.SetNextFile(1ull << 40);
  e.SetMaxColumnFamily(7);
  e.SetMinLogNumberToKeep(11);
  e.SetLastSequence((1ull << 56) - 1);
  e.AddCompactCursor(2, InternalKey("cursor", 5, kTypeValue));
  e.DeleteFile(1, 33);
  e.DeleteFile(0, 4);
  FileMetaData f1 = MakeFile(14, "a", "m");
  FileMetaData f2 = MakeFile(15, "n", "z");
  f2.path_id = 2;
  f2.temperature = 2;
  f2.marked_for_compaction = true;
  f2.oldest_blob_file_number = 99;
  f2.file_checksum = std::string("\x01\x02\x03\x04", 4);
  f2.file_checksum_func_name = "FileChecksumCrc32c";
  f2.min_timestamp = "t0";
  f2.max_timestamp = "t9";
  f2.unique_id = std::string(24, '\x11');
  e.AddFile(0, f1);
  e.AddFile(6, f2);
  BlobFileAddition b;
  b.blob_file_number = 20;
  b.total_blob_count = 3;
  b.total_blob_bytes = 300;
  b.checksum_method = "crc";
  b.checksum_value = "xyz";
  e.AddBlobFile(b);
  e.AddBlobFileGarbage(BlobFileGarbage{20, 1, 100});
  e.AddWal(WalAddition{12, true, 4096});
  e.AddWal(WalAddition{13, false, 0});
  e.DeleteWalsBefore(10);
  e.SetColumnFamily(5);
  e.AddColumnFamily("cf5");
  e.MarkAtomicGroup(2);
  e.SetFullHistoryTsLow("ts");

  VersionEdit d = RoundTrip(e);
  CHECK(d.GetDbId() == "c7921c7b-f9a4-4dbc-8223-d47db82eeb3a");
  CHECK(d.GetComparatorName() == "leveldb.BytewiseComparator");
  CHECK(d.GetLogNumber() == 12);
  CHECK(d.GetPrevLogNumber() == 3);
  CHECK(d.GetNextFile() == (1ull << 40));
  CHECK(d.GetMaxColumnFamily() == 7);
  CHECK(d.GetMinLogNumberToKeep() == 11);
  CHECK(d.GetLastSequence() == (1ull << 56) - 1);
  REQUIRE(d.GetCompactCursors().size() == 1);
  CHECK(d.GetCompactCursors()[0].first == 2);
  CHECK(d.GetDeletedFiles().size() == 2);
  CHECK(d.GetDeletedFiles().count({1, 33}) == 1);
  REQUIRE(d.GetNewFiles().size() == 2);
  const FileMetaData& g = d.GetNewFiles()[1].second;
  CHECK(d.GetNewFiles()[1].first == 6);
  CHECK(g.number == 15);
  CHECK(g.path_id == 2);
  CHECK(g.temperature == 2);
  CHECK(g.marked_for_compaction);
  CHECK(g.oldest_blob_file_number == 99);
  CHECK(g.file_checksum == std::string("\x01\x02\x03\x04", 4));
  CHECK(g.file_checksum_func_name == "FileChecksumCrc32c");
  CHECK(g.min_timestamp == "t0");
  CHECK(g.max_timestamp == "t9");
  CHECK(g.unique_id == std::string(24, '\x11'));
  CHECK(g.smallest.Encode() == f2.smallest.Encode());
  CHECK(g.largest.Encode() == f2.largest.Encode());
  CHECK(g.oldest_ancester_time == 1700000000);
  CHECK(g.file_creation_time == 1700000001);
  REQUIRE(d.GetBlobFileAdditions().size() == 1);
  CHECK(d.GetBlobFileAdditions()[0].checksum_value == "xyz");
  REQUIRE(d.GetBlobFileGarbages().size() == 1);
  CHECK(d.GetBlobFileGarbages()[0].garbage_blob_bytes == 100);
  REQUIRE(d.GetWalAdditions().size() == 2);
  CHECK(d.GetWalAdditions()[0].has_synced_size);
  CHECK(d.GetWalAdditions()[0].synced_size_bytes == 4096);
  CHECK(!d.GetWalAdditions()[1].has_synced_size);
  CHECK(d.HasWalDeletion());
  CHECK(d.GetWalDeletionNumber() == 10);
  CHECK(d.GetColumnFamily() == 5);
  CHECK(d.IsColumnFamilyAdd());
  CHECK(d.GetColumnFamilyName() == "cf5");
  CHECK(d.IsInAtomicGroup());
  CHECK(d.GetRemainingEntries() == 2);
  CHECK(d.GetFullHistoryTsLow() == "ts");

  VersionEdit drop;
  drop.SetColumnFamily(3);
  drop.DropColumnFamily();
  VersionEdit dd = RoundTrip(drop);
  CHECK(dd.IsColumnFamilyDrop());
  CHECK(dd.GetColumnFamily() == 3);

  // Min-log-number hack alone (as an old writer emits it) is understood.
  std::string enc;
  VersionEdit hack;
  hack.SetMinLogNumberToKeep(77);
  hack.AddFile(0, MakeFile(3, "a", "b"));
  REQUIRE(hack.EncodeTo(&enc).ok());
  REQUIRE(enc.substr(0, 2) == std::string("\x0a\x4d", 2));
  VersionEdit h2;
  REQUIRE(h2.DecodeFrom(enc.substr(2)).ok());
  CHECK(h2.HasMinLogNumberToKeep());
  CHECK(h2.GetMinLogNumberToKeep() == 77);
}

TEST_CASE("version_edit: legacy tags decode") {
  std::string enc;
  InternalKey s("a", 1, kTypeValue), l("b", 2, kTypeValue);
  // kNewFile2: level, number, size, smallest, largest, seqnos.
  PutVarint32(&enc, kNewFile2);
  PutVarint32(&enc, 1);
  PutVarint64(&enc, 5);
  PutVarint64(&enc, 500);
  PutLengthPrefixedSlice(&enc, s.Encode());
  PutLengthPrefixedSlice(&enc, l.Encode());
  PutVarint64(&enc, 1);
  PutVarint64(&enc, 2);
  // kNewFile3 with path id.
  PutVarint32(&enc, kNewFile3);
  PutVarint32(&enc, 2);
  PutVarint64(&enc, 6);
  PutVarint32(&enc, 1);
  PutVarint64(&enc, 600);
  PutLengthPrefixedSlice(&enc, s.Encode());
  PutLengthPrefixedSlice(&enc, l.Encode());
  PutVarint64(&enc, 3);
  PutVarint64(&enc, 4);
  // kNewFile (no seqnos).
  PutVarint32(&enc, kNewFile);
  PutVarint32(&enc, 3);
  PutVarint64(&enc, 7);
  PutVarint64(&enc, 700);
  PutLengthPrefixedSlice(&enc, s.Encode());
  PutLengthPrefixedSlice(&enc, l.Encode());
  // Legacy WAL addition / deletion (not length-prefixed).
  PutVarint32(&enc, kWalAddition);
  PutVarint64(&enc, 21);
  PutVarint32(&enc, 2);
  PutVarint64(&enc, 1234);
  PutVarint32(&enc, 1);
  PutVarint32(&enc, kWalDeletion);
  PutVarint64(&enc, 19);
  VersionEdit d;
  REQUIRE(d.DecodeFrom(enc).ok());
  REQUIRE(d.GetNewFiles().size() == 3);
  CHECK(d.GetNewFiles()[0].second.file_size == 500);
  CHECK(d.GetNewFiles()[1].second.path_id == 1);
  CHECK(d.GetNewFiles()[1].second.largest_seqno == 4);
  CHECK(d.GetNewFiles()[2].first == 3);
  REQUIRE(d.GetWalAdditions().size() == 1);
  CHECK(d.GetWalAdditions()[0].synced_size_bytes == 1234);
  CHECK(d.GetWalDeletionNumber() == 19);
}

TEST_CASE("version_edit: unknown tags: safe-ignore skipped, others rejected") {
  VersionEdit e;
  e.SetLogNumber(5);
  std::string enc;
  REQUIRE(e.EncodeTo(&enc).ok());
  std::string with_ignorable = enc;
  PutVarint32(&with_ignorable, kTagSafeIgnoreMask + 100);
  PutLengthPrefixedSlice(&with_ignorable, "future stuff");
  PutVarint32(&with_ignorable, kNextFileNumber);
  PutVarint64(&with_ignorable, 9);
  VersionEdit d;
  REQUIRE(d.DecodeFrom(with_ignorable).ok());
  CHECK(d.NumIgnoredTags() == 1);
  CHECK(d.GetNextFile() == 9);

  std::string with_unknown = enc;
  PutVarint32(&with_unknown, 720);  // rocksdb-cloud replication tag
  PutVarint64(&with_unknown, 1);
  Status s = d.DecodeFrom(with_unknown);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("unknown tag") != std::string::npos);
  CHECK(s.ToString().find("720") != std::string::npos);

  // Unknown NewFile4 custom fields: < 64 ignored, with bit 6 rejected.
  VersionEdit nf;
  nf.AddFile(0, MakeFile(3, "a", "b"));
  enc.clear();
  REQUIRE(nf.EncodeTo(&enc).ok());
  std::string ok_field = enc.substr(0, enc.size() - 1);
  PutVarint32(&ok_field, 13);  // kEpochNumber (8.x)
  PutLengthPrefixedSlice(&ok_field, "\x05");
  PutVarint32(&ok_field, 1);
  REQUIRE(d.DecodeFrom(ok_field).ok());
  CHECK(d.GetNewFiles().size() == 1);
  std::string bad_field = enc.substr(0, enc.size() - 1);
  PutVarint32(&bad_field, 64 + 9);
  PutLengthPrefixedSlice(&bad_field, "\x05");
  PutVarint32(&bad_field, 1);
  s = d.DecodeFrom(bad_field);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("not supported") != std::string::npos);
}

TEST_CASE("version_edit: every truncation is a Corruption, never a crash") {
  VersionEdit e;
  e.SetComparatorName("cmp");
  e.SetLogNumber(300);
  e.AddFile(1, MakeFile(7, "aaa", "zzz"));
  e.AddWal(WalAddition{5, true, 10});
  e.SetColumnFamily(2);
  e.AddColumnFamily("x");
  std::string enc;
  REQUIRE(e.EncodeTo(&enc).ok());
  int failures = 0;
  for (size_t n = 1; n < enc.size(); n++) {
    VersionEdit d;
    Status s = d.DecodeFrom(Slice(enc.data(), n));
    if (!s.ok()) {
      CHECK(s.IsCorruption());
      ++failures;
    }
  }
  // Cutting between whole records may decode fine; most cuts must fail.
  CHECK(failures > static_cast<int>(enc.size()) / 2);

  FileMetaData bad;
  bad.number = 1;
  VersionEdit no_keys;
  no_keys.AddFile(0, bad);
  std::string out;
  CHECK(no_keys.EncodeTo(&out).IsInvalidArgument());
  CHECK(out.empty());
}

}  // namespace ROCKSDB_NAMESPACE
