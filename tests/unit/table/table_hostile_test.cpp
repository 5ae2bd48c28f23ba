// Hostile SSTs whose checksums are all valid (issue 15, defects 3-5): an
// internal key shorter than its 8-byte trailer, through the block, table,
// SstFileReader and DB::Get paths; and compressed blocks that claim far
// more bytes than their codec can produce.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/sst_file_reader.h"
#include "support/test_util.h"
#include "table/block_builder.h"
#include "table/block_iter.h"
#include "table_test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// User keys sharing no prefix, so every entry starts with shared == 0.
const char* const kHostileUserKeys[] = {"aaa", "bbb", "ccc", "ddd", "eee"};

std::string HostileIkey(const std::string& uk) {
  std::string ik;
  AppendInternalKey(&ik, uk, 7, kTypeValue);
  return ik;
}

// Builds an SST of kHostileUserKeys and shortens the key of entry
// `short_index` of its data block (or of its index block when in_index).
void BuildShortKeyTable(const std::string& fname, int restart_interval,
                        uint32_t format_version, int short_index, bool in_index,
                        const InternalKeyComparator* icmp) {
  TableBuilderOptions opts;
  opts.icmp = icmp;
  opts.compression = kNoCompression;
  opts.block_restart_interval = restart_interval;
  opts.format_version = format_version;
  opts.checksum = kTableCRC32c;
  // One data block per key when the index is the target.
  opts.block_size = in_index ? 1 : 4096;
  std::vector<std::pair<std::string, std::string>> entries;
  for (const char* uk : kHostileUserKeys) {
    entries.emplace_back(HostileIkey(uk), std::string("v-") + uk);
  }
  REQUIRE(BuildTestTable(fname, opts, entries).ok());
  BlockHandle data, index;
  Footer footer;
  REQUIRE(FindTestTableBlocks(fname, icmp, &data, &index, &footer).ok());
  Status s =
      ShortenTestTableKey(fname, in_index ? index : data, footer, short_index);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
}

void CheckShortKeyCorruption(const Status& s, const std::string& fname) {
  CHECK_MESSAGE(s.IsCorruption(), s.ToString());
  CHECK(s.ToString().find(fname) != std::string::npos);
  CHECK(s.ToString().find("shorter than its 8-byte trailer") !=
        std::string::npos);
}

}  // namespace

TEST_CASE(
    "table: a key shorter than its trailer ends iteration as Corruption") {
  InternalKeyComparator icmp(BytewiseComparator());
  skyrocks_test::TempDir dir;
  for (int restart_interval : {1, 16}) {
    CAPTURE(restart_interval);
    const std::string fname =
        dir.Sub("short" + std::to_string(restart_interval) + ".sst");
    BuildShortKeyTable(fname, restart_interval, 5, 1, false, &icmp);
    std::unique_ptr<TableReader> reader;
    REQUIRE(OpenTestTable(fname, &icmp, &reader).ok());
    CHECK(reader->VerifyChecksum().ok());  // the checksums are right
    std::unique_ptr<InternalIterator> it(reader->NewIterator());
    it->SeekToFirst();
    REQUIRE(it->Valid());
    CHECK(it->key() == HostileIkey("aaa"));
    it->Next();
    CHECK(!it->Valid());
    CheckShortKeyCorruption(it->status(), fname);
    CHECK(it->status().ToString().find("data block at offset 0") !=
          std::string::npos);

    it.reset(reader->NewIterator());
    it->SeekToLast();
    // With one restart point the scan to the last entry crosses it.
    CHECK(it->Valid() == (restart_interval == 1));
    if (it->Valid()) CHECK(it->key() == HostileIkey("eee"));
    while (it->Valid()) it->Prev();
    CheckShortKeyCorruption(it->status(), fname);

    it.reset(reader->NewIterator());
    it->Seek(HostileIkey("ccc"));
    if (restart_interval == 16) {  // the scan from "aaa" meets it
      CHECK(!it->Valid());
      CheckShortKeyCorruption(it->status(), fname);
    }
    it.reset(reader->NewIterator());
    it->SeekForPrev(HostileIkey("ccc"));
    while (it->Valid()) it->Prev();
    CheckShortKeyCorruption(it->status(), fname);
  }
}

TEST_CASE("table: a short key at the last entry stops SeekToLast") {
  InternalKeyComparator icmp(BytewiseComparator());
  skyrocks_test::TempDir dir;
  const std::string fname = dir.Sub("last.sst");
  BuildShortKeyTable(fname, 1, 5, 4, false, &icmp);
  std::unique_ptr<TableReader> reader;
  REQUIRE(OpenTestTable(fname, &icmp, &reader).ok());
  std::unique_ptr<InternalIterator> it(reader->NewIterator());
  it->SeekToLast();
  CHECK(!it->Valid());
  CheckShortKeyCorruption(it->status(), fname);
  // With restart interval 1 the binary search meets it first.
  it.reset(reader->NewIterator());
  it->Seek(HostileIkey("ddd"));
  if (it->Valid()) {
    CHECK(it->key() == HostileIkey("ddd"));
    it->Next();
  }
  CHECK(!it->Valid());
  CheckShortKeyCorruption(it->status(), fname);
}

TEST_CASE("SstFileReader: a key shorter than its trailer gives Corruption") {
  InternalKeyComparator icmp(BytewiseComparator());
  skyrocks_test::TempDir dir;
  for (int restart_interval : {1, 16}) {
    CAPTURE(restart_interval);
    const std::string fname =
        dir.Sub("pub" + std::to_string(restart_interval) + ".sst");
    BuildShortKeyTable(fname, restart_interval, 5, 2, false, &icmp);
    Options options;
    SstFileReader reader(options);
    REQUIRE(reader.Open(fname).ok());
    ReadOptions ro;
    std::unique_ptr<Iterator> it(reader.NewIterator(ro));
    it->SeekToFirst();
    REQUIRE(it->Valid());
    CHECK(it->key() == "aaa");
    while (it->Valid()) it->Next();
    CheckShortKeyCorruption(it->status(), fname);

    it.reset(reader.NewIterator(ro));
    it->SeekToLast();
    CHECK(it->Valid() == (restart_interval == 1));
    if (it->Valid()) CHECK(it->key() == "eee");
    while (it->Valid()) it->Prev();
    CheckShortKeyCorruption(it->status(), fname);

    it.reset(reader.NewIterator(ro));
    it->SeekForPrev("ddd");
    while (it->Valid()) it->Prev();
    CheckShortKeyCorruption(it->status(), fname);

    it.reset(reader.NewIterator(ro));
    it->Seek("ddd");
    while (it->Valid()) it->Next();
    if (restart_interval == 16) CheckShortKeyCorruption(it->status(), fname);

    it.reset(reader.NewIterator(ro));
    it->Seek("bbb");
    while (it->Valid()) it->Next();
    CheckShortKeyCorruption(it->status(), fname);
  }
}

TEST_CASE("table: a short index key stops key anchors and lookups") {
  InternalKeyComparator icmp(BytewiseComparator());
  skyrocks_test::TempDir dir;
  const std::string fname = dir.Sub("index.sst");
  // format_version 2: the index holds internal keys with value lengths.
  BuildShortKeyTable(fname, 1, 2, 2, true, &icmp);
  std::unique_ptr<TableReader> reader;
  REQUIRE(OpenTestTable(fname, &icmp, &reader).ok());
  REQUIRE(!reader->index_key_is_user_key());
  CHECK(reader->GetTableProperties().num_data_blocks == 5);
  // Anchors stop at the bad entry instead of splitting it.
  const std::vector<TableReader::Anchor> anchors =
      reader->ApproximateKeyAnchors();
  CHECK(anchors.size() <= 2);
  for (const auto& a : anchors) CHECK(a.user_key.size() <= 3);
  std::unique_ptr<InternalIterator> index(reader->NewIndexIterator());
  for (index->SeekToFirst(); index->Valid(); index->Next()) {
  }
  CHECK_MESSAGE(index->status().IsCorruption(), index->status().ToString());
  CHECK(index->status().ToString().find("index block") != std::string::npos);
  // Lookups through the index meet it too.
  std::unique_ptr<InternalIterator> it(reader->NewIterator());
  it->Seek(HostileIkey("eee"));
  CHECK(!it->Valid());
  CHECK(it->status().IsCorruption());
  it.reset(reader->NewIterator());
  it->SeekToLast();
  while (it->Valid()) it->Prev();
  CHECK(it->status().IsCorruption());
  CHECK(reader->ApproximateOffsetOf(HostileIkey("eee")) <= reader->file_size());
}

TEST_CASE("table: restart points past the entries make the block corrupt") {
  BlockBuilder b(1);
  b.Add("a", "1");
  b.Add("b", "2");
  std::string contents = b.Finish().ToString();
  // Block: entries, restart[0] = 0, restart[1], num_restarts = 2. A second
  // restart point beyond the entries would end every seek early with OK.
  EncodeFixed32(&contents[contents.size() - 8], 1000);
  Block block(contents, "test block");
  std::unique_ptr<InternalIterator> it(block.NewIterator(BytewiseComparator()));
  it->SeekToLast();
  CHECK(!it->Valid());
  CHECK(it->status().IsCorruption());
  it.reset(block.NewIterator(BytewiseComparator()));
  it->SeekToFirst();
  CHECK(!it->Valid());
  CHECK(it->status().IsCorruption());
}

TEST_CASE("DB::Get meeting a key shorter than its trailer returns Corruption") {
  skyrocks_test::TempDir dir;
  const std::string dbname = dir.Sub("db");
  Options options;
  options.create_if_missing = true;
  options.compression = kNoCompression;
  {
    DB* raw = nullptr;
    REQUIRE(DB::Open(options, dbname, &raw).ok());
    std::unique_ptr<DB> db(raw);
    for (const char* uk : kHostileUserKeys) {
      REQUIRE(db->Put(WriteOptions(), uk, std::string("v-") + uk).ok());
    }
    REQUIRE(db->Flush(FlushOptions()).ok());
    REQUIRE(db->Close().ok());
  }
  std::vector<std::string> children;
  REQUIRE(Env::Default()->GetChildren(dbname, &children).ok());
  std::string sst;
  for (const auto& c : children) {
    if (c.size() > 4 && c.compare(c.size() - 4, 4, ".sst") == 0) {
      sst = dbname + "/" + c;
    }
  }
  REQUIRE(!sst.empty());
  // Entry 1 ("bbb") of the only data block loses its trailer; the block's
  // checksum stays valid.
  InternalKeyComparator icmp(BytewiseComparator());
  BlockHandle data, index;
  Footer footer;
  REQUIRE(FindTestTableBlocks(sst, &icmp, &data, &index, &footer).ok());
  REQUIRE(ShortenTestTableKey(sst, data, footer, 1).ok());

  DB* raw = nullptr;
  options.create_if_missing = false;
  Status s = DB::Open(options, dbname, &raw);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::unique_ptr<DB> db(raw);
  std::string value;
  // "aaa" comes before the bad entry: the lookup never meets it.
  s = db->Get(ReadOptions(), "aaa", &value);
  CHECK_MESSAGE(s.ok(), s.ToString());
  CHECK(value == "v-aaa");
  // Keys at or after it, present or not: the seek walks through the bad
  // entry.
  for (const char* uk : {"bbb", "bzz", "ccc", "eee"}) {
    CAPTURE(uk);
    s = db->Get(ReadOptions(), uk, &value);
    CHECK_MESSAGE(s.IsCorruption(), s.ToString());
    CHECK(s.ToString().find(sst) != std::string::npos);
  }
  std::unique_ptr<Iterator> it(db->NewIterator(ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
  }
  CHECK(it->status().IsCorruption());
}

TEST_CASE("table: compressed blocks claiming 1 GiB are refused fast") {
  // A varint32 size claim of 1 GiB, then a few bytes of "compressed" data.
  std::string claim;
  PutVarint32(&claim, uint32_t{1} << 30);
  const std::string tail = "\x10\x00\x00\x00\x00\x00\x00\x00";
  const auto start = std::chrono::steady_clock::now();
  for (CompressionType type :
       {kLZ4Compression, kLZ4HCCompression, kZSTD, kSnappyCompression}) {
    CAPTURE(static_cast<int>(type));
    const std::string block = claim + tail;
    BlockContents out;
    Status s = UncompressBlockPayload(type, block, "hostile.sst", 0, &out);
    CHECK_MESSAGE(s.IsCorruption(), s.ToString());
    CHECK(s.ToString().find("hostile.sst at offset 0") != std::string::npos);
    CHECK(out.size() == 0);
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  CHECK_MESSAGE(ms < 100, ms, " ms to refuse four tiny blocks");
}

TEST_CASE("table: decompression bounds admit every real block") {
  std::string raw_mut;
  for (int i = 0; i < 100000; i++) raw_mut.push_back(i % 7 == 0 ? 'x' : 'a');
  const std::string raw = raw_mut;
  const std::string zeros(1 << 20, '\0');  // the most compressible input
  for (const std::string* input : {&raw, &zeros}) {
    for (CompressionType type : {kLZ4Compression, kZSTD, kSnappyCompression}) {
      CAPTURE(static_cast<int>(type));
      std::string compressed;
      REQUIRE(CompressBlockPayload(type, *input, 32767, &compressed));
      BlockContents out;
      Status s = UncompressBlockPayload(type, compressed, "ok.sst", 0, &out);
      REQUIRE_MESSAGE(s.ok(), s.ToString());
      CHECK(out.slice() == Slice(*input));
    }
  }
  // A ZSTD frame whose content size disagrees with the block's claim.
  std::string compressed;
  REQUIRE(CompressBlockPayload(kZSTD, raw, 3, &compressed));
  Slice in(compressed);
  uint32_t ulen = 0;
  REQUIRE(GetVarint32(&in, &ulen));
  std::string lying;
  PutVarint32(&lying, ulen + 1);
  lying.append(in.data(), in.size());
  BlockContents out;
  Status s = UncompressBlockPayload(kZSTD, lying, "zstd.sst", 9, &out);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("content size") != std::string::npos);
}

}  // namespace ROCKSDB_NAMESPACE
