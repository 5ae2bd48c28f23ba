// Interop with librocksdb 7.8.3 without SSTs, both directions:
// * tests/oracle/db_writer (librocksdb, separate process) writes a DB; we
//   read its MANIFEST (log reader + VersionEdit) and WALs (log reader +
//   WriteBatch::Iterate) and check every record it wrote; re-encoding what
//   we decoded with our writer/encoder must give byte-identical files.
// * We write a WAL and a MANIFEST; `ldb dump_wal` / `ldb manifest_dump`
//   (rocksdb-tools 7.8.3) must parse them and show exactly our records.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "db/filename.h"
#include "db/log_reader.h"
#include "db/log_writer.h"
#include "db/version_edit.h"
#include "db/write_batch_internal.h"
#include "rocksdb/write_batch.h"
#include "support/test_util.h"
#include "unit/db/log_test_util.h"
#include "unit/db/write_batch_recorder.h"

namespace ROCKSDB_NAMESPACE {

using dbtest::ReadWholeFile;
using dbtest::StringSink;
using dbtest::StringSource;
using dbtest::WriteBatchRecorder;
using dbtest::WriteWholeFile;

namespace {

struct FailOnCorruption : public log::Reader::Reporter {
  std::vector<std::string> messages;
  void Corruption(size_t, const Status& s) override {
    messages.push_back(s.ToString());
  }
};

std::vector<std::string> ReadAllRecords(const std::string& path,
                                        uint64_t log_number,
                                        FailOnCorruption* rep) {
  log::Reader reader(std::make_unique<StringSource>(ReadWholeFile(path)), path,
                     rep, true, log_number);
  std::vector<std::string> out;
  Slice rec;
  std::string scratch;
  while (reader.ReadRecord(&rec, &scratch,
                           log::RecoveryMode::kAbsoluteConsistency)) {
    out.push_back(rec.ToString());
  }
  return out;
}

// What tests/oracle/db_writer.cpp writes, one string per WAL record:
// "<sequence>: <records>".
std::vector<std::string> OracleWalRecords() {
  return {
      "1: Put(0,apple,red)",
      "2: Put(1,banana,yellow)",
      "3: Merge(0,list,a)",
      "4: Merge(0,list,b)",
      "5: Delete(0,apple)",
      "6: Put(2,k1,v1) LogData(blob) SingleDelete(2,k0) DeleteRange(1,c,e) "
      "Put(0,zebra,stripes)",
      "10: DeleteRange(0,x,y)",
      "11: Put(0,after,flush)",
      "12: Merge(1,banana,!)",
      "13: Delete(2,k1)",
      "14: Put(0,big," + std::string(100000, 'v') + ")",
  };
}

std::string DescribeBatch(const std::string& rep) {
  WriteBatch b;
  REQUIRE(WriteBatchInternal::SetContents(&b, rep).ok());
  WriteBatchRecorder rec;
  Status s = b.Iterate(&rec);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::string d = std::to_string(WriteBatchInternal::Sequence(&b)) + ":";
  for (const auto& r : rec.log) d += " " + r;
  return d;
}

// Rebuilds a WriteBatch from its description with our API, so that the
// bytes can be compared with RocksDB's.
struct Rebuilder : public WriteBatch::Handler {
  WriteBatch out;
  Status PutCF(uint32_t cf, const Slice& k, const Slice& v) override {
    return WriteBatchInternal::Put(&out, cf, k, v);
  }
  Status DeleteCF(uint32_t cf, const Slice& k) override {
    return WriteBatchInternal::Delete(&out, cf, k);
  }
  Status SingleDeleteCF(uint32_t cf, const Slice& k) override {
    return WriteBatchInternal::SingleDelete(&out, cf, k);
  }
  Status DeleteRangeCF(uint32_t cf, const Slice& b, const Slice& e) override {
    return WriteBatchInternal::DeleteRange(&out, cf, b, e);
  }
  Status MergeCF(uint32_t cf, const Slice& k, const Slice& v) override {
    return WriteBatchInternal::Merge(&out, cf, k, v);
  }
  void LogData(const Slice& blob) override {
    REQUIRE(out.PutLogData(blob).ok());
  }
};

std::vector<std::string> WalFilesIn(const std::string& dir) {
  std::vector<std::string> logs;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    uint64_t n;
    FileType t;
    if (ParseFileName(e.path().filename().string(), &n, &t) && t == kWalFile) {
      logs.push_back(e.path().filename().string());
    }
  }
  std::sort(logs.begin(), logs.end());
  return logs;
}

std::string RunOk(const std::string& cmd) {
  std::string out;
  const int rc = skyrocks_test::RunCommand(cmd, &out);
  REQUIRE_MESSAGE(rc == 0, cmd << "\n" << out);
  return out;
}

std::string Hex(const Slice& s) {
  static const char* kDigits = "0123456789ABCDEF";
  std::string r = "0x";
  for (size_t i = 0; i < s.size(); i++) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    r.push_back(kDigits[c >> 4]);
    r.push_back(kDigits[c & 15]);
  }
  return r;
}

// Formats a batch the way `ldb dump_wal --print_value` does.
struct LdbFormatter : public WriteBatch::Handler {
  std::string text;
  Status PutCF(uint32_t cf, const Slice& k, const Slice& v) override {
    text += "PUT(" + std::to_string(cf) + ") : " + Hex(k) + " : " + Hex(v) +
            " ";
    return Status::OK();
  }
  Status DeleteCF(uint32_t cf, const Slice& k) override {
    text += "DELETE(" + std::to_string(cf) + ") : " + Hex(k) + " ";
    return Status::OK();
  }
  Status SingleDeleteCF(uint32_t cf, const Slice& k) override {
    text += "SINGLE_DELETE(" + std::to_string(cf) + ") : " + Hex(k) + " ";
    return Status::OK();
  }
  Status DeleteRangeCF(uint32_t cf, const Slice& b, const Slice& e) override {
    text += "DELETE_RANGE(" + std::to_string(cf) + ") : " + Hex(b) + " " +
            Hex(e) + " ";
    return Status::OK();
  }
  Status MergeCF(uint32_t cf, const Slice& k, const Slice& v) override {
    text += "MERGE(" + std::to_string(cf) + ") : " + Hex(k) + " : " + Hex(v) +
            " ";
    return Status::OK();
  }
};

}  // namespace

TEST_CASE("rocksdb interop: read a librocksdb 7.8.3 MANIFEST and WALs") {
  skyrocks_test::TempDir tmp;
  const std::string dir = tmp.Sub("db");
  const std::string out =
      RunOk(skyrocks_test::BuildDir() + "/oracle/db_writer " + dir);
  REQUIRE(out == "OK\n");

  // CURRENT names the MANIFEST.
  const std::string current = ReadWholeFile(CurrentFileName(dir));
  REQUIRE(current.size() > 1);
  REQUIRE(current.back() == '\n');
  uint64_t manifest_number = 0;
  FileType type;
  REQUIRE(ParseFileName(current.substr(0, current.size() - 1),
                        &manifest_number, &type));
  REQUIRE(type == kDescriptorFile);
  CHECK(current == CurrentFileContents(manifest_number));
  CHECK(ReadWholeFile(IdentityFileName(dir)).size() == 36);

  // MANIFEST: replay the edits.
  const std::string manifest_path = DescriptorFileName(dir, manifest_number);
  FailOnCorruption rep;
  const std::vector<std::string> records =
      ReadAllRecords(manifest_path, 0, &rep);
  CHECK(rep.messages.empty());
  REQUIRE(records.size() >= 5);
  std::map<uint32_t, std::string> cf_names = {{0, "default"}};
  std::map<uint32_t, std::string> comparators;
  std::map<uint32_t, std::map<uint64_t, std::pair<int, FileMetaData>>> files;
  std::map<uint32_t, uint64_t> log_numbers;
  SequenceNumber last_sequence = 0;
  uint64_t next_file = 0;
  uint64_t min_log_to_keep = 0;
  uint32_t max_cf = 0;
  std::string reencoded_manifest;
  log::Writer manifest_writer(std::make_unique<StringSink>(&reencoded_manifest),
                              0, false);
  for (const std::string& r : records) {
    VersionEdit e;
    Status s = e.DecodeFrom(r);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    // Our encoder writes RocksDB's bytes back.
    std::string again;
    REQUIRE(e.EncodeTo(&again).ok());
    CHECK(again == r);
    REQUIRE(manifest_writer.AddRecord(again).ok());
    const uint32_t cf = e.GetColumnFamily();
    if (e.IsColumnFamilyAdd()) cf_names[cf] = e.GetColumnFamilyName();
    if (e.HasComparatorName()) comparators[cf] = e.GetComparatorName();
    if (e.HasLogNumber()) log_numbers[cf] = e.GetLogNumber();
    if (e.HasLastSequence()) last_sequence = e.GetLastSequence();
    if (e.HasNextFile()) next_file = e.GetNextFile();
    if (e.HasMinLogNumberToKeep()) min_log_to_keep = e.GetMinLogNumberToKeep();
    if (e.HasMaxColumnFamily()) max_cf = e.GetMaxColumnFamily();
    for (const auto& d : e.GetDeletedFiles()) {
      CHECK(files[cf].erase(d.second) == 1);
    }
    for (const auto& nf : e.GetNewFiles()) {
      files[cf][nf.second.number] = nf;
    }
  }
  CHECK(reencoded_manifest == ReadWholeFile(manifest_path));
  CHECK(cf_names == std::map<uint32_t, std::string>{
                        {0, "default"}, {1, "cf1"}, {2, "cf2"}});
  for (uint32_t cf = 0; cf < 3; cf++) {
    CHECK(comparators[cf] == "leveldb.BytewiseComparator");
  }
  CHECK(max_cf <= 2);  // 7.8.3 writes it only after a CF was dropped
  CHECK(last_sequence == 10);  // the flushes happened after sequence 10
  CHECK(min_log_to_keep > 0);
  const std::vector<std::string> wals = WalFilesIn(dir);
  REQUIRE(wals.size() >= 2);
  uint64_t newest_wal = 0;
  REQUIRE(ParseFileName(wals.back(), &newest_wal, &type));
  CHECK(log_numbers[0] == newest_wal);  // flushed CFs point at the new WAL
  CHECK(log_numbers[1] == newest_wal);
  CHECK(log_numbers[2] < newest_wal);  // cf2 was never flushed
  CHECK(next_file > newest_wal);

  // Live files: one L0 SST for default and cf1, none for cf2, matching the
  // files on disk.
  REQUIRE(files[0].size() == 1);
  REQUIRE(files[1].size() == 1);
  CHECK(files[2].empty());
  for (uint32_t cf = 0; cf < 2; cf++) {
    const auto& [level, f] = files[cf].begin()->second;
    CHECK(level == 0);
    const std::string sst = MakeTableFileName(dir, f.number);
    REQUIRE(std::filesystem::exists(sst));
    CHECK(std::filesystem::file_size(sst) == f.file_size);
    CHECK(f.file_checksum_func_name == "Unknown");
    CHECK(f.unique_id.size() == 16);
    CHECK(f.file_creation_time > 0);
  }
  {
    const FileMetaData& f = files[0].begin()->second.second;
    ParsedInternalKey s, l;
    REQUIRE(ParseInternalKey(f.smallest.Encode(), &s).ok());
    REQUIRE(ParseInternalKey(f.largest.Encode(), &l).ok());
    CHECK(s.user_key == Slice("apple"));
    CHECK(s.sequence == 5);
    CHECK(s.type == kTypeDeletion);
    CHECK(l.user_key == Slice("zebra"));
    CHECK(l.sequence == 9);
    CHECK(f.largest_seqno == 10);
  }
  {
    const FileMetaData& f = files[1].begin()->second.second;
    ParsedInternalKey s, l;
    REQUIRE(ParseInternalKey(f.smallest.Encode(), &s).ok());
    REQUIRE(ParseInternalKey(f.largest.Encode(), &l).ok());
    CHECK(s.user_key == Slice("banana"));
    // The range tombstone [c, e) ends the file with a sentinel key.
    CHECK(l.user_key == Slice("e"));
    CHECK(l.sequence == kMaxSequenceNumber);
    CHECK(l.type == kTypeRangeDeletion);
  }

  // WALs: every record the oracle wrote, in order; our writer reproduces
  // the files byte for byte.
  std::vector<std::string> got;
  for (const std::string& name : wals) {
    uint64_t number = 0;
    REQUIRE(ParseFileName(name, &number, &type));
    const std::string path = dir + "/" + name;
    FailOnCorruption wal_rep;
    std::string rebuilt_file;
    log::Writer w(std::make_unique<StringSink>(&rebuilt_file), number, false);
    for (const std::string& r : ReadAllRecords(path, number, &wal_rep)) {
      got.push_back(DescribeBatch(r));
      WriteBatch original(r);
      Rebuilder rb;
      REQUIRE(original.Iterate(&rb).ok());
      WriteBatchInternal::SetSequence(&rb.out,
                                      WriteBatchInternal::Sequence(&original));
      CHECK(rb.out.Data() == r);
      REQUIRE(w.AddRecord(rb.out.Data()).ok());
    }
    CHECK(wal_rep.messages.empty());
    CHECK(rebuilt_file == ReadWholeFile(path));
  }
  CHECK(got == OracleWalRecords());
}

TEST_CASE("rocksdb interop: read recyclable WAL records written by RocksDB") {
  skyrocks_test::TempDir tmp;
  const std::string dir = tmp.Sub("db");
  REQUIRE(RunOk(skyrocks_test::BuildDir() + "/oracle/db_writer " + dir +
                " recycle") == "OK\n");
  const std::vector<std::string> wals = WalFilesIn(dir);
  REQUIRE(wals.size() == 1);
  uint64_t number = 0;
  FileType type;
  REQUIRE(ParseFileName(wals[0], &number, &type));
  const std::string path = dir + "/" + wals[0];
  const std::string raw = ReadWholeFile(path);
  REQUIRE(raw.size() > 11);
  CHECK(static_cast<unsigned char>(raw[6]) == log::kRecyclableFullType);
  FailOnCorruption rep;
  std::vector<std::string> got;
  std::string rebuilt;
  log::Writer w(std::make_unique<StringSink>(&rebuilt), number, true);
  for (const std::string& r : ReadAllRecords(path, number, &rep)) {
    got.push_back(DescribeBatch(r));
    REQUIRE(w.AddRecord(r).ok());
  }
  CHECK(rep.messages.empty());
  CHECK(got == OracleWalRecords());
  CHECK(rebuilt == raw);
  // With another log number every record is "old": the log is empty.
  FailOnCorruption rep2;
  CHECK(ReadAllRecords(path, number + 1, &rep2).empty());
}

TEST_CASE("rocksdb interop: ldb dump_wal reads a WAL we wrote") {
  skyrocks_test::TempDir tmp;
  const std::string path = tmp.Sub("000007.log");
  std::vector<WriteBatch> batches(5);
  REQUIRE(batches[0].Put("walkey", "walvalue").ok());
  REQUIRE(WriteBatchInternal::Put(&batches[1], 3, "k\x01", "v2").ok());
  REQUIRE(WriteBatchInternal::Merge(&batches[1], 3, "m", "op").ok());
  REQUIRE(batches[1].Delete("gone").ok());
  REQUIRE(batches[1].PutLogData("not shown").ok());
  REQUIRE(batches[2].SingleDelete("once").ok());
  REQUIRE(WriteBatchInternal::DeleteRange(&batches[2], 1, "a", "z").ok());
  REQUIRE(batches[2].DeleteRange("b", "c").ok());
  REQUIRE(batches[3].Put("big", std::string(80000, 'x')).ok());
  REQUIRE(batches[4].Merge("list", "tail").ok());
  std::string file;
  std::string expected =
      "Sequence,Count,ByteSize,Physical Offset,Key(s) : value \n";
  {
    log::Writer w(std::make_unique<StringSink>(&file), 7, false);
    SequenceNumber seq = 101;
    for (WriteBatch& b : batches) {
      WriteBatchInternal::SetSequence(&b, seq);
      LdbFormatter fmt;
      REQUIRE(b.Iterate(&fmt).ok());
      expected += std::to_string(seq) + "," + std::to_string(b.Count()) +
                  "," + std::to_string(b.GetDataSize()) + "," +
                  std::to_string(w.file_size()) + "," + fmt.text + "\n";
      REQUIRE(w.AddRecord(b.Data()).ok());
      seq += b.Count();
    }
  }
  REQUIRE(WriteWholeFile(path, file));
  const std::string out =
      RunOk("ldb dump_wal --walfile=" + path + " --header --print_value 2>&1");
  CHECK(out == expected);
}

TEST_CASE("rocksdb interop: ldb manifest_dump reads a MANIFEST we wrote") {
  skyrocks_test::TempDir tmp;
  std::vector<VersionEdit> edits(6);
  edits[0].SetComparatorName("leveldb.BytewiseComparator");
  edits[1].SetLogNumber(0);
  edits[1].SetNextFile(2);
  edits[1].SetLastSequence(0);
  edits[2].SetColumnFamily(1);
  edits[2].AddColumnFamily("users");
  edits[2].SetComparatorName("leveldb.BytewiseComparator");
  edits[2].SetMaxColumnFamily(1);
  FileMetaData f;
  f.number = 9;
  f.file_size = 1856;
  f.smallest = InternalKey("key0", 1, kTypeValue);
  f.largest = InternalKey("key99", 100, kTypeValue);
  f.smallest_seqno = 1;
  f.largest_seqno = 100;
  f.oldest_ancester_time = 1700000000;
  f.file_creation_time = 1700000000;
  f.unique_id = std::string(16, '\x01');
  edits[3].SetLogNumber(8);
  edits[3].SetPrevLogNumber(0);
  edits[3].SetNextFile(10);
  edits[3].SetLastSequence(100);
  edits[3].AddFile(0, f);
  f.number = 7;
  f.smallest = InternalKey("a", 3, kTypeValue);
  f.largest = InternalKey("b", 4, kTypeDeletion);
  edits[3].AddFile(2, f);
  edits[4].SetColumnFamily(1);
  edits[4].SetLogNumber(8);
  edits[4].AddFile(1, f);
  FileMetaData g = f;
  g.number = 6;
  edits[4].AddFile(3, g);
  edits[4].SetMinLogNumberToKeep(8);
  edits[5].SetColumnFamily(1);
  edits[5].DeleteFile(1, 7);
  edits[5].SetLastSequence(120);

  std::string file;
  {
    log::Writer w(std::make_unique<StringSink>(&file), 0, false);
    for (const VersionEdit& e : edits) {
      std::string rec;
      REQUIRE(e.EncodeTo(&rec).ok());
      REQUIRE(w.AddRecord(rec).ok());
    }
  }
  const std::string path = tmp.Sub("MANIFEST-000011");
  REQUIRE(WriteWholeFile(path, file));
  const std::string out =
      RunOk("ldb manifest_dump --verbose --path=" + path + " 2>&1");
  const char* expected_parts[] = {
      "Comparator: leveldb.BytewiseComparator",
      "ColumnFamilyAdd: users",
      "AddFile: 0 9 1856 'key0' seq:1, type:1 .. 'key99' seq:100, type:1",
      "AddFile: 2 7 1856 'a' seq:3, type:1 .. 'b' seq:4, type:0",
      "AddFile: 3 6 1856",
      "DeleteFile: 1 7",
      "LogNumber: 8",
      "MinLogNumberToKeep: 8",
      "Column family \"users\"  (ID 1)",
      // Replayed state: CF1's L1 file was deleted again.
      "--- level 0 --- version# 2 ---\n 9:1856[1 .. 100]['key0' seq:1, "
      "type:1 .. 'key99' seq:100, type:1]",
      "--- level 2 --- version# 2 ---\n 7:1856[1 .. 100]['a' seq:3, type:1 "
      ".. 'b' seq:4, type:0]",
      "--- level 1 --- version# 3 ---\n--- level 2 --- version# 3 ---\n"
      "--- level 3 --- version# 3 ---\n 6:1856",
      "next_file_number 11 last_sequence 120  prev_log_number 0 "
      "max_column_family 1 min_log_number_to_keep 8",
  };
  for (const char* part : expected_parts) {
    CHECK_MESSAGE(out.find(part) != std::string::npos,
                  std::string(part) << "\n" << out);
  }
  CHECK(out.find("Corruption") == std::string::npos);
  CHECK(out.find("Error") == std::string::npos);
}

}  // namespace ROCKSDB_NAMESPACE
