// CloudManifest (cloud/cloud_manifest.h) and the bucket-layout names
// (cloud/cloud_names.h):
// * epoch lookup across boundaries with RocksDB-Cloud's own example
//   (doc/cloud_layout.md, "CLOUDMANIFEST"), AddEpoch rejecting a step back
//   and a replayed transition;
// * the file layout against a byte string built here by hand (log records
//   with a 7-byte header and a masked CRC32C computed by a bitwise CRC in
//   this file, varints written by hand), and a round trip;
// * Corruption, naming the file, for an empty file, a wrong version, a
//   record count mismatch, an unknown tag, two current epochs, a torn file;
// * RemoveEpoch, ClassifyCloudFile, ObjectKey/ObjectPrefix, CookieOf.
#include "cloud/cloud_manifest.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cloud/cloud_names.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit.
uint32_t CmTestCrc32c(const std::string& data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; k++) {
      crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
    }
  }
  return crc ^ 0xFFFFFFFFu;
}

// RocksDB's crc mask: rotate right by 15 and add a constant.
uint32_t CmTestMask(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

void CmTestPutFixed32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; i++) out->push_back(static_cast<char>(v >> (8 * i)));
}

void CmTestPutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// One full-type (1) log record: masked crc32c(type + payload), u16 length,
// type, payload. (The records here are far below a 32 KiB block.)
std::string CmTestRecord(const std::string& payload) {
  std::string typed(1, '\x01');
  typed += payload;
  std::string out;
  CmTestPutFixed32(&out, CmTestMask(CmTestCrc32c(typed)));
  out.push_back(static_cast<char>(payload.size() & 0xff));
  out.push_back(static_cast<char>(payload.size() >> 8));
  out.push_back('\x01');
  out += payload;
  return out;
}

std::string CmTestHeader(uint64_t version, uint64_t count) {
  std::string r;
  CmTestPutVarint(&r, version);
  CmTestPutVarint(&r, count);
  return r;
}

std::string CmTestPast(const std::string& epoch, uint64_t boundary) {
  std::string r;
  CmTestPutVarint(&r, 1);
  CmTestPutVarint(&r, epoch.size());
  r += epoch;
  CmTestPutVarint(&r, boundary);
  return r;
}

std::string CmTestCurrent(const std::string& epoch, uint64_t tag = 2) {
  std::string r;
  CmTestPutVarint(&r, tag);
  CmTestPutVarint(&r, epoch.size());
  r += epoch;
  return r;
}

void CmTestWrite(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
  REQUIRE(static_cast<bool>(f));
}

Status CmTestLoad(const std::string& path, std::unique_ptr<CloudManifest>* cm) {
  return CloudManifest::LoadFromFile(FileSystem::Default().get(), path, cm);
}

}  // namespace

TEST_CASE(
    "cloud manifest: GetEpoch across boundaries (RocksDB-Cloud example)") {
  CloudManifest cm("first");
  CHECK(cm.GetEpoch(0) == "first");
  CHECK(cm.GetEpoch(1000000) == "first");
  CHECK(cm.AddEpoch(10, "second"));
  CHECK(cm.AddEpoch(10, "third"));
  CHECK(cm.AddEpoch(40, "fourth"));
  for (uint64_t n = 0; n < 10; n++) CHECK(cm.GetEpoch(n) == "first");
  for (uint64_t n = 10; n < 40; n++) CHECK(cm.GetEpoch(n) == "third");
  CHECK(cm.GetEpoch(40) == "fourth");
  CHECK(cm.GetEpoch(41) == "fourth");
  CHECK(cm.GetEpoch(UINT64_MAX) == "fourth");
  CHECK(cm.current_epoch() == "fourth");
  const auto past = cm.past_epochs();
  REQUIRE(past.size() == 3);
  CHECK(past[0] == std::make_pair(uint64_t{10}, std::string("first")));
  CHECK(past[1] == std::make_pair(uint64_t{10}, std::string("second")));
  CHECK(past[2] == std::make_pair(uint64_t{40}, std::string("third")));
  // "second" owns nothing.
  for (uint64_t n = 0; n < 100; n++) CHECK(cm.GetEpoch(n) != "second");

  // A clone is independent.
  std::unique_ptr<CloudManifest> c = cm.Clone();
  CHECK(c->AddEpoch(50, "fifth"));
  CHECK(c->GetEpoch(45) == "fourth");
  CHECK(c->GetEpoch(50) == "fifth");
  CHECK(cm.GetEpoch(50) == "fourth");
  CHECK(cm.past_epochs().size() == 3);
}

TEST_CASE("cloud manifest: AddEpoch rejects a step back and a replay") {
  CloudManifest cm("a");
  REQUIRE(cm.AddEpoch(20, "b"));
  // Going back below the last boundary: rejected, nothing changes.
  CHECK_FALSE(cm.AddEpoch(19, "c"));
  CHECK_FALSE(cm.AddEpoch(0, "c"));
  // Replaying the same last transition (a delta applied twice): rejected.
  CHECK_FALSE(cm.AddEpoch(20, "b"));
  CHECK(cm.current_epoch() == "b");
  CHECK(cm.past_epochs().size() == 1);
  CHECK(cm.GetEpoch(19) == "a");
  CHECK(cm.GetEpoch(20) == "b");
  // The same boundary with a different epoch is a new transition.
  CHECK(cm.AddEpoch(20, "c"));
  CHECK(cm.GetEpoch(20) == "c");
  CHECK(cm.GetEpoch(19) == "a");
  CHECK(cm.AddEpoch(25, "d"));
  CHECK_FALSE(cm.AddEpoch(25, "d"));
  CHECK_FALSE(cm.AddEpoch(24, "e"));
  CHECK(cm.past_epochs().size() == 3);
  // The empty epoch (a migrated DB) is legal.
  CloudManifest empty("");
  CHECK(empty.GetEpoch(7).empty());
  CHECK(empty.AddEpoch(8, "x"));
  CHECK(empty.GetEpoch(7).empty());
  CHECK(empty.GetEpoch(8) == "x");
}

TEST_CASE("cloud manifest: file bytes match a hand-built log, round trip") {
  skyrocks_test::TempDir tmp;
  FileSystem* fs = FileSystem::Default().get();
  CloudManifest cm("first");
  REQUIRE(cm.AddEpoch(10, "second"));
  REQUIRE(cm.AddEpoch(10, "third"));
  REQUIRE(cm.AddEpoch(300, "fourth"));  // a two-byte varint boundary
  const std::string path = tmp.Sub("CLOUDMANIFEST");
  REQUIRE(cm.WriteToFile(fs, path).ok());
  std::string expected;
  expected += CmTestRecord(CmTestHeader(1, 4));
  expected += CmTestRecord(CmTestPast("first", 10));
  expected += CmTestRecord(CmTestPast("second", 10));
  expected += CmTestRecord(CmTestPast("third", 300));
  expected += CmTestRecord(CmTestCurrent("fourth"));
  const std::string actual = skyrocks_test::ReadWholeFile(path);
  CHECK(actual.size() == expected.size());
  CHECK(actual == expected);
  // Spot checks of the hand-built bytes themselves.
  CHECK(expected.substr(4, 3) == std::string("\x02\x00\x01", 3));
  CHECK(expected.substr(7, 2) == std::string("\x01\x04", 2));
  // No temporary is left behind.
  CHECK(fs->FileExists(path + ".tmp", IOOptions(), nullptr).IsNotFound());

  std::unique_ptr<CloudManifest> back;
  REQUIRE(CmTestLoad(path, &back).ok());
  CHECK(back->current_epoch() == "fourth");
  CHECK(back->past_epochs() == cm.past_epochs());
  CHECK(back->GetEpoch(9) == "first");
  CHECK(back->GetEpoch(10) == "third");
  CHECK(back->GetEpoch(299) == "third");
  CHECK(back->GetEpoch(300) == "fourth");

  // A hand-built file loads too (the reader is not just the writer's
  // mirror image), and rewriting replaces the file whole.
  const std::string hand = tmp.Sub("CLOUDMANIFEST-hand");
  CmTestWrite(hand, CmTestRecord(CmTestHeader(1, 2)) +
                        CmTestRecord(CmTestPast("", 7)) +
                        CmTestRecord(CmTestCurrent("e1")));
  REQUIRE(CmTestLoad(hand, &back).ok());
  CHECK(back->GetEpoch(6).empty());
  CHECK(back->GetEpoch(7) == "e1");
  CloudManifest small("only");
  REQUIRE(small.WriteToFile(fs, path).ok());
  CHECK(skyrocks_test::ReadWholeFile(path) ==
        CmTestRecord(CmTestHeader(1, 1)) + CmTestRecord(CmTestCurrent("only")));
}

TEST_CASE("cloud manifest: damaged files are Corruption naming the file") {
  skyrocks_test::TempDir tmp;
  const std::string path = tmp.Sub("CLOUDMANIFEST");
  std::unique_ptr<CloudManifest> cm;
  auto expect_corruption = [&](const std::string& bytes, const char* why) {
    CAPTURE(why);
    CmTestWrite(path, bytes);
    cm.reset();
    Status s = CmTestLoad(path, &cm);
    CHECK_MESSAGE(s.IsCorruption(), s.ToString());
    CHECK(s.ToString().find(path) != std::string::npos);
    CHECK(cm == nullptr);
    return s.ToString();
  };
  const std::string good = CmTestRecord(CmTestHeader(1, 2)) +
                           CmTestRecord(CmTestPast("a", 5)) +
                           CmTestRecord(CmTestCurrent("b"));
  CmTestWrite(path, good);
  REQUIRE(CmTestLoad(path, &cm).ok());  // the baseline loads

  CHECK(expect_corruption("", "empty").find("empty") != std::string::npos);
  CHECK(expect_corruption(
            CmTestRecord(CmTestHeader(2, 1)) + CmTestRecord(CmTestCurrent("b")),
            "version 2")
            .find("version") != std::string::npos);
  CHECK(expect_corruption(CmTestRecord(CmTestHeader(1, 3)) +
                              CmTestRecord(CmTestPast("a", 5)) +
                              CmTestRecord(CmTestCurrent("b")),
                          "count too high")
            .find("announces 3") != std::string::npos);
  expect_corruption(CmTestRecord(CmTestHeader(1, 1)) +
                        CmTestRecord(CmTestPast("a", 5)) +
                        CmTestRecord(CmTestCurrent("b")),
                    "count too low");
  CHECK(expect_corruption(CmTestRecord(CmTestHeader(1, 2)) +
                              CmTestRecord(CmTestPast("a", 5)) +
                              CmTestRecord(CmTestCurrent("b", 3)),
                          "unknown tag")
            .find("unknown tag") != std::string::npos);
  CHECK(expect_corruption(CmTestRecord(CmTestHeader(1, 2)) +
                              CmTestRecord(CmTestCurrent("b")) +
                              CmTestRecord(CmTestCurrent("c")),
                          "two current epochs")
            .find("two current") != std::string::npos);
  expect_corruption(
      CmTestRecord(CmTestHeader(1, 1)) + CmTestRecord(CmTestPast("a", 5)),
      "no current epoch");
  expect_corruption(
      CmTestRecord(CmTestHeader(1, 3)) + CmTestRecord(CmTestPast("a", 9)) +
          CmTestRecord(CmTestPast("b", 5)) + CmTestRecord(CmTestCurrent("c")),
      "past epochs out of order");
  // A torn file: every proper prefix of a good file is refused.
  for (size_t cut = 1; cut < good.size(); cut++) {
    CAPTURE(cut);
    expect_corruption(good.substr(0, cut), "torn");
  }
  // A flipped payload byte: the checksum catches it.
  std::string flipped = good;
  flipped[flipped.size() - 1] ^= 0x01;
  expect_corruption(flipped, "checksum");
  // A missing file is not Corruption.
  cm.reset();
  Status missing = CmTestLoad(tmp.Sub("nope"), &cm);
  CHECK_MESSAGE((missing.IsNotFound() || missing.IsPathNotFound()),
                missing.ToString());
}

TEST_CASE("cloud names: RemoveEpoch and ClassifyCloudFile") {
  CHECK(RemoveEpoch("000012.sst-ab12") == "000012.sst");
  CHECK(RemoveEpoch("000012.sst") == "000012.sst");
  CHECK(RemoveEpoch("000012.ldb-ff") == "000012.ldb");
  CHECK(RemoveEpoch("MANIFEST-000005") == "MANIFEST");
  CHECK(RemoveEpoch("MANIFEST-1a2b3c") == "MANIFEST");
  CHECK(RemoveEpoch("MANIFEST") == "MANIFEST");
  CHECK(RemoveEpoch("OPTIONS-000005") == "OPTIONS-000005");
  CHECK(RemoveEpoch("CLOUDMANIFEST-ck") == "CLOUDMANIFEST-ck");
  CHECK(RemoveEpoch("MANIFEST-000005.dbtmp") == "MANIFEST-000005.dbtmp");
  CHECK(RemoveEpoch("000003.log") == "000003.log");

  CHECK(ClassifyCloudFile("MANIFEST-000005.dbtmp") == CloudFileKind::kOther);
  CHECK(ClassifyCloudFile("000012.sst-abc") == CloudFileKind::kSst);
  CHECK(ClassifyCloudFile("000012.sst") == CloudFileKind::kSst);
  CHECK(ClassifyCloudFile("000012.ldb") == CloudFileKind::kSst);
  CHECK(ClassifyCloudFile("CLOUDMANIFEST-ck") == CloudFileKind::kCloudManifest);
  CHECK(ClassifyCloudFile("CLOUDMANIFEST") == CloudFileKind::kCloudManifest);
  CHECK(ClassifyCloudFile("OPTIONS-000005") == CloudFileKind::kOther);
  CHECK(ClassifyCloudFile("MANIFEST-000005") == CloudFileKind::kManifest);
  CHECK(ClassifyCloudFile("MANIFEST-deadbeef") == CloudFileKind::kManifest);
  CHECK(ClassifyCloudFile("IDENTITY") == CloudFileKind::kIdentity);
  CHECK(ClassifyCloudFile("000003.log") == CloudFileKind::kOther);
  CHECK(ClassifyCloudFile("CURRENT") == CloudFileKind::kOther);
  CHECK(ClassifyCloudFile("LOCK") == CloudFileKind::kOther);
  CHECK(ClassifyCloudFile("LOG.old.1") == CloudFileKind::kOther);
  CHECK(ClassifyCloudFile("000004.blob") == CloudFileKind::kOther);
  CHECK(ClassifyCloudFile("x.sst") == CloudFileKind::kOther);
  CHECK(ClassifyCloudFile(".sst") == CloudFileKind::kOther);

  uint64_t n = 0;
  CHECK(SstNumber("000012.sst-abc", &n));
  CHECK(n == 12);
  CHECK_FALSE(SstNumber("abc.sst", &n));
  CHECK(SstWithEpoch(12, "ab") == "000012.sst-ab");
  CHECK(SstWithEpoch(1234567, "") == "1234567.sst");
  CHECK(ManifestWithEpoch("ab") == "MANIFEST-ab");
  CHECK(ManifestWithEpoch("") == "MANIFEST");
  CHECK(EpochToString(0xdeadbeef01ULL) == "deadbeef01");
  CHECK(CloudBasename("/a/b/000001.sst") == "000001.sst");
  CHECK(CloudDirname("/a/b/000001.sst") == "/a/b");
  CHECK(CloudDirname("000001.sst").empty());
}

TEST_CASE("cloud names: object keys and cookies") {
  CHECK(ObjectKey("/tmp/x//y", "f") == "tmp/x/y/f");
  CHECK(ObjectKey("tmp/x/y/", "f") == "tmp/x/y/f");
  CHECK(ObjectKey("//a///b//", "CLOUDMANIFEST") == "a/b/CLOUDMANIFEST");
  CHECK(ObjectKey("", "IDENTITY") == "IDENTITY");
  CHECK(ObjectKey("/", "IDENTITY") == "IDENTITY");
  CHECK(ObjectPrefix("/tmp/x//y") == "tmp/x/y/");
  CHECK(ObjectPrefix("").empty());
  CHECK(ObjectPrefix("///").empty());

  CHECK(CookieOf("CLOUDMANIFEST").empty());
  CHECK(CookieOf("CLOUDMANIFEST-ck") == "ck");
  CHECK(CookieOf("CLOUDMANIFEST-a-b") == "a-b");
  CHECK(CloudManifestName("") == "CLOUDMANIFEST");
  CHECK(CloudManifestName("ck") == "CLOUDMANIFEST-ck");
  CHECK(CookieOf(CloudManifestName("x1")) == "x1");
}

}  // namespace ROCKSDB_NAMESPACE
