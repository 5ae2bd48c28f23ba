#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "db/log_reader.h"
#include "db/log_writer.h"
#include "unit/db/log_test_util.h"
#include "util/coding.h"
#include "util/crc32c.h"

namespace ROCKSDB_NAMESPACE {
namespace log {

using dbtest::StringSink;
using dbtest::StringSource;

namespace {

struct CollectingReporter : public Reader::Reporter {
  size_t dropped = 0;
  std::vector<std::string> messages;
  void Corruption(size_t bytes, const Status& s) override {
    dropped += bytes;
    messages.push_back(s.ToString());
  }
  bool Mentions(const std::string& what) const {
    for (const auto& m : messages) {
      if (m.find(what) != std::string::npos) return true;
    }
    return false;
  }
};

std::string WriteLog(const std::vector<std::string>& records,
                     bool recycle = false, uint64_t log_number = 0) {
  std::string file;
  Writer w(std::make_unique<StringSink>(&file), log_number, recycle);
  for (const auto& r : records) REQUIRE(w.AddRecord(r).ok());
  return file;
}

std::vector<std::string> ReadLog(const std::string& file,
                                 CollectingReporter* rep,
                                 RecoveryMode mode =
                                     RecoveryMode::kTolerateCorruptedTailRecords,
                                 uint64_t log_number = 0) {
  Reader r(std::make_unique<StringSource>(file), "test.log", rep, true,
           log_number);
  std::vector<std::string> out;
  Slice rec;
  std::string scratch;
  while (r.ReadRecord(&rec, &scratch, mode)) out.push_back(rec.ToString());
  return out;
}

std::string BigString(const std::string& partial, size_t n) {
  std::string s;
  while (s.size() < n) s.append(partial);
  s.resize(n);
  return s;
}

}  // namespace

TEST_CASE("log: record bytes match RocksDB's WAL (doc/log_format.md)") {
  std::string payload("\x65\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00"
                      "\x01\x06walkey\x08walvalue",
                      29);
  const std::string file = WriteLog({payload});
  const std::string expected =
      std::string("\xe9\x82\x8f\x6e\x1d\x00\x01", 7) + payload;
  CHECK(file == expected);
  CollectingReporter rep;
  CHECK(ReadLog(file, &rep) == std::vector<std::string>{payload});
  CHECK(rep.messages.empty());
}

TEST_CASE("log: MANIFEST first record is RocksDB's (doc/log_format.md)") {
  std::string payload("\x01\x1a" "leveldb.BytewiseComparator", 28);
  const std::string file = WriteLog({payload});
  CHECK(file.substr(0, 7) == std::string("\x56\xf9\xb8\xf8\x1c\x00\x01", 7));
}

TEST_CASE("log: records of many sizes round-trip, fragments at boundaries") {
  const size_t H = kHeaderSize;
  std::vector<std::string> recs = {
      "",
      "small",
      BigString("a", kBlockSize - H - 5 - H - 3),  // leaves exactly a few
      BigString("b", 10),                           // bytes: new block
      BigString("c", kBlockSize),                   // FIRST + LAST
      BigString("d", 3 * kBlockSize + 17),          // FIRST MIDDLE.. LAST
      "",
      BigString("e", kBlockSize - H),  // exactly fills a block
      "x",
  };
  const std::string file = WriteLog(recs);
  CollectingReporter rep;
  CHECK(ReadLog(file, &rep) == recs);
  CHECK(rep.messages.empty());

  // Layout check: the first block ends with zero padding (< 7 bytes) when
  // the leftover is too small for a header, and fragment types are right.
  std::string f2 = WriteLog({BigString("p", kBlockSize - H - 3), "next"});
  // First record ends at kBlockSize - 3; 3 zero bytes, then "next" at the
  // start of block 2.
  CHECK(f2.substr(kBlockSize - 3, 3) == std::string(3, '\0'));
  CHECK(static_cast<unsigned char>(f2[kBlockSize + 6]) == kFullType);
  CHECK(f2.size() == kBlockSize + H + 4);

  std::string f3 = WriteLog({BigString("q", kBlockSize)});
  CHECK(static_cast<unsigned char>(f3[6]) == kFirstType);
  CHECK(static_cast<unsigned char>(f3[kBlockSize + 6]) == kLastType);
  CHECK(f3.size() == kBlockSize + H + H);

  std::string f4 = WriteLog({BigString("r", 2 * kBlockSize)});
  CHECK(static_cast<unsigned char>(f4[kBlockSize + 6]) == kMiddleType);
  CHECK(static_cast<unsigned char>(f4[2 * kBlockSize + 6]) == kLastType);

  // Exactly 7 bytes left: an empty FIRST fragment fills the block.
  std::string f5 = WriteLog({BigString("s", kBlockSize - 2 * H), "tail!"});
  CHECK(static_cast<unsigned char>(f5[kBlockSize - H + 6]) == kFirstType);
  CollectingReporter rep5;
  CHECK(ReadLog(f5, &rep5) ==
        std::vector<std::string>{BigString("s", kBlockSize - 2 * H), "tail!"});
  CHECK(rep5.messages.empty());
}

TEST_CASE("log: appending to an existing log continues the block") {
  std::string file;
  {
    Writer w(std::make_unique<StringSink>(&file), 0, false);
    REQUIRE(w.AddRecord(BigString("a", kBlockSize - 20)).ok());
  }
  {
    Writer w(std::make_unique<StringSink>(&file), 0, false, false,
             file.size());
    REQUIRE(w.AddRecord(BigString("b", 100)).ok());
    CHECK(w.file_size() == file.size());
  }
  CollectingReporter rep;
  CHECK(ReadLog(file, &rep) == std::vector<std::string>{
                                   BigString("a", kBlockSize - 20),
                                   BigString("b", 100)});
  CHECK(rep.messages.empty());
}

TEST_CASE("log: writer flushes per record unless manual_flush") {
  std::string file;
  auto sink = std::make_unique<StringSink>(&file);
  StringSink* raw = sink.get();
  Writer w(std::move(sink), 0, false, /*manual_flush=*/true);
  REQUIRE(w.AddRecord("a").ok());
  CHECK(raw->flushes == 0);
  REQUIRE(w.Sync().ok());
  CHECK(raw->syncs == 1);
}

TEST_CASE("log: torn tails per recovery mode") {
  const std::vector<std::string> recs = {"first", BigString("big", 50000),
                                         "last"};
  const std::string full = WriteLog(recs);
  const size_t last_start = full.size() - kHeaderSize - 4;

  struct Case {
    const char* name;
    std::string file;
    std::vector<std::string> want;
    const char* strict_message;
  };
  std::vector<Case> cases = {
      {"header cut", full.substr(0, last_start + 3),
       {recs[0], recs[1]}, "truncated header"},
      {"body cut", full.substr(0, full.size() - 2),
       {recs[0], recs[1]}, "truncated record body"},
      // Cut inside the second fragment of the big record: FIRST without
      // LAST at the end of the file.
      {"fragment sequence cut", full.substr(0, kBlockSize),
       {recs[0]}, "error reading trailing data"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    for (RecoveryMode mode : {RecoveryMode::kTolerateCorruptedTailRecords,
                              RecoveryMode::kSkipAnyCorruptedRecords}) {
      CollectingReporter rep;
      CHECK(ReadLog(c.file, &rep, mode) == c.want);
      CHECK(rep.messages.empty());
    }
    for (RecoveryMode mode : {RecoveryMode::kAbsoluteConsistency,
                              RecoveryMode::kPointInTimeRecovery}) {
      CollectingReporter rep;
      CHECK(ReadLog(c.file, &rep, mode) == c.want);
      CHECK(rep.Mentions(c.strict_message));
      CHECK(rep.Mentions("test.log"));
    }
  }
}

TEST_CASE("log: bad checksum is reported and reading resumes next block") {
  std::vector<std::string> recs = {"aaa", "bbb", BigString("c", kBlockSize),
                                   "ddd"};
  std::string file = WriteLog(recs);
  file[kHeaderSize + 3 + kHeaderSize] ^= 0x01;  // payload of "bbb"
  for (RecoveryMode mode :
       {RecoveryMode::kTolerateCorruptedTailRecords,
        RecoveryMode::kAbsoluteConsistency, RecoveryMode::kPointInTimeRecovery,
        RecoveryMode::kSkipAnyCorruptedRecords}) {
    CollectingReporter rep;
    // "bbb" and the rest of block 0 (the FIRST fragment of "c") are
    // dropped; the LAST fragment of "c" is reported as missing its start.
    CHECK(ReadLog(file, &rep, mode) == std::vector<std::string>{"aaa", "ddd"});
    CHECK(rep.Mentions("checksum mismatch"));
    CHECK(rep.Mentions("missing start of fragmented record"));
    CHECK(rep.dropped > 0);
  }
  // Without checksum verification the damaged record is returned.
  Reader r(std::make_unique<StringSource>(file), "test.log", nullptr, false,
           0);
  Slice rec;
  std::string scratch;
  REQUIRE(r.ReadRecord(&rec, &scratch));
  REQUIRE(r.ReadRecord(&rec, &scratch));
  CHECK(rec.ToString() != "bbb");
}

TEST_CASE("log: bad length in the middle and unknown record types") {
  std::string file = WriteLog({"aaa", "bbb", BigString("z", kBlockSize)});
  // Make "aaa" claim 200 bytes: beyond the block? No, within block: crc
  // then fails. Make the length exceed the block instead.
  file[4] = static_cast<char>(0xff);
  file[5] = static_cast<char>(0x7f);
  CollectingReporter rep;
  auto got = ReadLog(file, &rep);
  CHECK(rep.Mentions("bad record length"));
  CHECK(got.empty());  // rest of block 0 dropped; block 1 holds LAST only

  std::string f2 = WriteLog({"aaa"});
  f2[6] = 42;  // unknown type, fix the crc so that only the type is odd
  std::string crc_in = std::string(1, 42) + "aaa";
  EncodeFixed32(&f2[0], crc32c::Mask(crc32c::Value(crc_in.data(), 4)));
  CollectingReporter rep2;
  CHECK(ReadLog(f2, &rep2).empty());
  CHECK(rep2.Mentions("unknown record type 42"));
}

TEST_CASE("log: zeroed preallocated space is skipped silently") {
  std::string file = WriteLog({"aaa"});
  file.append(kBlockSize - file.size(), '\0');
  file += WriteLog({"bbb"});
  CollectingReporter rep;
  CHECK(ReadLog(file, &rep) == std::vector<std::string>{"aaa", "bbb"});
  CHECK(rep.messages.empty());
}

TEST_CASE("log: recyclable records carry and check the log number") {
  const std::vector<std::string> recs = {"one", BigString("two", 70000),
                                         "three"};
  const std::string file = WriteLog(recs, true, 0x100000007ull);
  CHECK(static_cast<unsigned char>(file[6]) == kRecyclableFullType);
  CHECK(DecodeFixed32(file.data() + 7) == 7u);  // low 32 bits
  CollectingReporter rep;
  CHECK(ReadLog(file, &rep, RecoveryMode::kTolerateCorruptedTailRecords,
                0x100000007ull) == recs);
  CHECK(rep.messages.empty());

  // A recycled file: new records (log 9) over old ones (log 7). The old
  // records after the new ones end the log.
  std::string recycled = WriteLog({"new1", "new2"}, true, 9);
  recycled += file.substr(recycled.size());
  for (RecoveryMode mode : {RecoveryMode::kTolerateCorruptedTailRecords,
                            RecoveryMode::kPointInTimeRecovery,
                            RecoveryMode::kAbsoluteConsistency}) {
    CollectingReporter r2;
    auto got = ReadLog(recycled, &r2, mode, 9);
    CHECK(got == std::vector<std::string>{"new1", "new2"});
  }
  // Recyclable header size: 11 bytes; block tails < 11 are padded.
  std::string f3 = WriteLog({BigString("p", kBlockSize - kRecyclableHeaderSize -
                                                10),
                             "q"},
                            true, 1);
  CHECK(f3.substr(kBlockSize - 10, 10) == std::string(10, '\0'));
  CollectingReporter r3;
  CHECK(ReadLog(f3, &r3, RecoveryMode::kTolerateCorruptedTailRecords, 1)
            .size() == 2);
  CHECK(r3.messages.empty());
}

TEST_CASE("log: read errors are reported and end the log") {
  std::string file = WriteLog({"aaa"});
  auto src = std::make_unique<StringSource>(file);
  src->fail_reads = true;
  CollectingReporter rep;
  Reader r(std::move(src), "test.log", &rep, true, 0);
  Slice rec;
  std::string scratch;
  CHECK(!r.ReadRecord(&rec, &scratch));
  CHECK(r.hasReadError());
  CHECK(rep.Mentions("injected read error"));
}

TEST_CASE("log: record offsets") {
  std::string file = WriteLog({"aaa", BigString("b", kBlockSize), "ccc"});
  Reader r(std::make_unique<StringSource>(file), "test.log", nullptr, true, 0);
  Slice rec;
  std::string scratch;
  REQUIRE(r.ReadRecord(&rec, &scratch));
  CHECK(r.LastRecordOffset() == 0);
  CHECK(r.LastRecordEnd() == kHeaderSize + 3);
  REQUIRE(r.ReadRecord(&rec, &scratch));
  CHECK(r.LastRecordOffset() == kHeaderSize + 3);
  REQUIRE(r.ReadRecord(&rec, &scratch));
  CHECK(rec.ToString() == "ccc");
  CHECK(r.LastRecordEnd() == file.size());
  CHECK(!r.ReadRecord(&rec, &scratch));
  CHECK(r.IsEOF());
}

}  // namespace log
}  // namespace ROCKSDB_NAMESPACE
