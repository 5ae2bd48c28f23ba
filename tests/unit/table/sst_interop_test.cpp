// SST interop with librocksdb 7.8.3, both directions, over the matrix
// compression x checksum x restart interval x filter x value size:
// * ours -> theirs: `sst_dump --command=verify` and `--command=scan` agree
//   with what we wrote, and the sst_tool oracle (SstFileReader, and with a
//   filter a DB that ingests the file and Gets every key) reads it;
// * theirs -> ours: sst_tool writes with SstFileWriter, TableReader reads
//   every entry and range tombstone back.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "rocksdb/filter_policy.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/table.h"
#include "support/filter_oracle.h"
#include "support/test_util.h"
#include "table_test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

struct InteropEntry {
  char type;  // P, D, M, R
  std::string key, value;
};

std::vector<InteropEntry> InteropEntries(size_t value_size, uint32_t seed) {
  std::mt19937 rng(seed);
  const int n = value_size >= 65536 ? 12 : 150;
  std::vector<InteropEntry> out;
  for (int i = 0; i < n; i++) {
    char key[32];
    snprintf(key, sizeof(key), "key%05d", i * 3);
    const int r = static_cast<int>(rng() % 10);
    const char type = r == 0 ? 'D' : r == 1 ? 'M' : 'P';
    std::string v;
    if (type != 'D') {
      v.resize(value_size);
      for (size_t j = 0; j < v.size(); j++) {
        v[j] = static_cast<char>(j % 2 ? 'a' + rng() % 26 : 'q');
      }
    }
    out.push_back({type, key, v});
  }
  // Range tombstones over gaps between point keys (never covering one).
  out.push_back({'R', "key00001", "key00002"});
  out.push_back({'R', "key00301", "key00302"});
  return out;
}

std::string SpecString(CompressionType c, TableChecksumType cs, int restart,
                       int bloom) {
  const char* cn = c == kNoCompression       ? "none"
                   : c == kSnappyCompression ? "snappy"
                   : c == kLZ4Compression    ? "lz4"
                                             : "zstd";
  return std::string(cn) + "," + (cs == kTableCRC32c ? "crc32c" : "xxh3") +
         "," + std::to_string(restart) + "," + std::to_string(bloom) +
         ",5,4096";
}

void WriteEntriesFile(const std::string& path,
                      const std::vector<InteropEntry>& entries) {
  std::ofstream out(path);
  for (const auto& e : entries) {
    out << e.type << '\t' << skyrocks_test::ToHex(e.key) << '\t'
        << skyrocks_test::ToHex(e.value) << '\n';
  }
}

ValueType InteropType(char t) {
  return t == 'D' ? kTypeDeletion : t == 'M' ? kTypeMerge : kTypeValue;
}

// Our table for the entries, as SstFileWriter would write it (seq 0).
void BuildOurs(const std::string& fname, const std::vector<InteropEntry>& es,
               CompressionType c, TableChecksumType cs, int restart, int bloom,
               const InternalKeyComparator* icmp) {
  TableBuilderOptions o;
  o.icmp = icmp;
  o.compression = c;
  o.checksum = cs;
  o.block_restart_interval = restart;
  o.filter_bits_per_key = bloom;
  o.external_sst_file = true;
  o.merge_operator_name = "OracleKeepMerge";
  std::vector<std::pair<std::string, std::string>> points;
  std::vector<TestRangeDel> ranges;
  for (const auto& e : es) {
    if (e.type == 'R') {
      ranges.push_back({e.key, e.value, 0});
    } else {
      std::string ik;
      AppendInternalKey(&ik, e.key, 0, InteropType(e.type));
      points.emplace_back(ik, e.value);
    }
  }
  REQUIRE(BuildTestTable(fname, o, points, ranges).ok());
}

// sst_dump --command=scan prints "'key' seq:0, type:1 => value" lines.
std::string ExpectedScan(const std::vector<InteropEntry>& es) {
  std::string r;
  for (const auto& e : es) {
    if (e.type == 'R') continue;
    r += "'" + e.key + "' seq:0, type:" +
         std::to_string(static_cast<int>(InteropType(e.type))) + " => " +
         e.value + "\n";
  }
  return r;
}

std::string ScanLines(const std::string& out) {
  std::string r;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t nl = out.find('\n', pos);
    if (nl == std::string::npos) nl = out.size();
    const std::string line = out.substr(pos, nl - pos);
    if (!line.empty() && line[0] == '\'') r += line + "\n";
    pos = nl + 1;
  }
  return r;
}

}  // namespace

TEST_CASE("sst interop: our files read by librocksdb 7.8.3 and theirs by us") {
  const std::string oracle = skyrocks_test::BuildDir() + "/oracle/sst_tool";
  std::string out;
  REQUIRE_MESSAGE(skyrocks_test::RunCommand("test -x " + oracle, &out) == 0,
                  (std::string("oracle not built: ") + oracle));
  REQUIRE_MESSAGE(skyrocks_test::RunCommand("command -v sst_dump", &out) == 0,
                  "sst_dump (rocksdb-tools) is not installed");
  InternalKeyComparator icmp(BytewiseComparator());
  skyrocks_test::TempDir dir;
  uint32_t seed = 100;
  int cases = 0;
  for (CompressionType c :
       {kNoCompression, kSnappyCompression, kLZ4Compression, kZSTD}) {
    for (TableChecksumType cs : {kTableCRC32c, kTableXXH3}) {
      for (int restart : {1, 16}) {
        for (int bloom : {0, 10}) {
          for (size_t vsize : {size_t{0}, size_t{100}, size_t{65536}}) {
            const std::string spec = SpecString(c, cs, restart, bloom);
            CAPTURE(spec);
            CAPTURE(vsize);
            const auto entries = InteropEntries(vsize, seed++);
            const std::string tag = std::to_string(cases++);
            const std::string efile = dir.Sub("entries" + tag);
            WriteEntriesFile(efile, entries);
            // Ours -> theirs.
            const std::string ours = dir.Sub("ours" + tag + ".sst");
            BuildOurs(ours, entries, c, cs, restart, bloom, &icmp);
            int rc = skyrocks_test::RunCommand(
                "sst_dump --file=" + ours + " --command=verify", &out);
            CHECK_MESSAGE(rc == 0, out);
            CHECK_MESSAGE(out.find("corrupt") == std::string::npos, out);
            rc = skyrocks_test::RunCommand(
                "sst_dump --file=" + ours + " --command=scan", &out);
            CHECK(rc == 0);
            CHECK(ScanLines(out) == ExpectedScan(entries));
            rc = skyrocks_test::RunCommand(
                oracle + " read " + ours + " " + spec + " " + efile, &out);
            CHECK_MESSAGE(rc == 0, out);
            // Theirs -> ours.
            const std::string theirs = dir.Sub("theirs" + tag + ".sst");
            rc = skyrocks_test::RunCommand(
                oracle + " write " + theirs + " " + spec + " " + efile, &out);
            REQUIRE_MESSAGE(rc == 0, out);
            std::unique_ptr<TableReader> reader;
            Status s = OpenTestTable(theirs, &icmp, &reader);
            REQUIRE_MESSAGE(s.ok(), s.ToString());
            CHECK(reader->VerifyChecksum().ok());
            std::unique_ptr<InternalIterator> it(reader->NewIterator());
            it->SeekToFirst();
            for (const auto& e : entries) {
              if (e.type == 'R') continue;
              REQUIRE(it->Valid());
              ParsedInternalKey pk;
              REQUIRE(ParseInternalKey(it->key(), &pk).ok());
              CHECK(pk.user_key == Slice(e.key));
              CHECK(pk.type == InteropType(e.type));
              CHECK(it->value() == Slice(e.value));
              it->Next();
            }
            CHECK_FALSE(it->Valid());
            CHECK(it->status().ok());
            std::unique_ptr<InternalIterator> rd(
                reader->NewRangeTombstoneIterator());
            REQUIRE(rd != nullptr);
            int nrd = 0;
            for (rd->SeekToFirst(); rd->Valid(); rd->Next()) nrd++;
            CHECK(nrd == 2);
          }
        }
      }
    }
  }
  CHECK(cases == 96);
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

// Tables librocksdb writes with a partitioned (two-level) index of small
// partitions: every key read back in both directions, random seeks in both
// directions, Get through the filter, checksums verified.
TEST_CASE("sst interop: librocksdb's partitioned index is read") {
  const std::string oracle = skyrocks_test::BuildDir() + "/oracle/sst_tool";
  skyrocks_test::TempDir dir;
  InternalKeyComparator icmp(BytewiseComparator());
  int cases = 0;
  for (const char* base : {"snappy,xxh3,16,10,5,1024", "none,crc32c,1,0,4,256",
                           "zstd,crc32c,16,10,3,4096"}) {
    const std::string spec = std::string(base) + ",partitioned";
    CAPTURE(spec);
    // Many small entries so that the index has many partitions.
    std::vector<InteropEntry> entries = InteropEntries(100, 77);
    std::vector<InteropEntry> more;
    for (int i = 0; i < 3000; i++) {
      char key[32];
      snprintf(key, sizeof(key), "part%06d", i);
      more.push_back({'P', key, std::string(20 + i % 50, 'a' + i % 26)});
    }
    entries.insert(entries.end(), more.begin(), more.end());
    const std::string efile = dir.Sub("pe" + std::to_string(cases));
    WriteEntriesFile(efile, entries);
    const std::string theirs = dir.Sub("pt" + std::to_string(cases++) + ".sst");
    std::string out;
    REQUIRE_MESSAGE(
        skyrocks_test::RunCommand(
            oracle + " write " + theirs + " " + spec + " " + efile, &out) == 0,
        out);
    std::unique_ptr<TableReader> reader;
    Status s = OpenTestTable(theirs, &icmp, &reader);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    CHECK(reader->GetTableProperties().index_partitions > 2);
    CHECK(reader->VerifyChecksum().ok());
    std::vector<std::pair<std::string, std::string>> points;  // sorted
    for (const auto& e : entries) {
      if (e.type != 'R') points.emplace_back(e.key, e.value);
    }
    std::sort(points.begin(), points.end());
    std::unique_ptr<InternalIterator> it(reader->NewIterator());
    size_t i = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next(), i++) {
      REQUIRE(i < points.size());
      REQUIRE(ExtractUserKey(it->key()) == Slice(points[i].first));
      REQUIRE(it->value() == Slice(points[i].second));
    }
    CHECK(it->status().ok());
    CHECK(i == points.size());
    i = points.size();
    for (it->SeekToLast(); it->Valid(); it->Prev()) {
      REQUIRE(i > 0);
      REQUIRE(ExtractUserKey(it->key()) == Slice(points[--i].first));
    }
    CHECK(i == 0);
    std::mt19937 rng(5);
    for (int k = 0; k < 500; k++) {
      const auto& p = points[rng() % points.size()];
      const std::string target = p.first + (k % 2 ? "" : "!");
      std::string ik;
      AppendInternalKey(&ik, target, kMaxSequenceNumber, kValueTypeForSeek);
      it->Seek(ik);
      const auto lb = std::lower_bound(
          points.begin(), points.end(), target,
          [](const auto& a, const std::string& t) { return a.first < t; });
      if (lb == points.end()) {
        CHECK_FALSE(it->Valid());
      } else {
        REQUIRE(it->Valid());
        CHECK(ExtractUserKey(it->key()) == Slice(lb->first));
      }
      ik.clear();
      AppendInternalKey(&ik, target, 0, kTypeValue);
      it->SeekForPrev(ik);
      const auto ub = std::upper_bound(
          points.begin(), points.end(), target,
          [](const std::string& t, const auto& a) { return t < a.first; });
      if (ub == points.begin()) {
        CHECK_FALSE(it->Valid());
      } else {
        REQUIRE(it->Valid());
        CHECK(ExtractUserKey(it->key()) == Slice(std::prev(ub)->first));
      }
    }
    CHECK(it->status().ok());
  }
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

// Without compression (Snappy encoders may legitimately differ), our
// SstFileWriter writes the very bytes librocksdb's does: the files have the
// same size and differ only in the random session id in the properties
// block (20 bytes) and that block's checksum (4 bytes); sst_dump prints the
// same properties for both but for the session id and the unique ID
// derived from it.
TEST_CASE("sst interop: our SstFileWriter output equals librocksdb's bytes") {
  const std::string oracle = skyrocks_test::BuildDir() + "/oracle/sst_tool";
  skyrocks_test::TempDir dir;
  int n = 0;
  for (const char* base : {"none,crc32c,16,10,5,4096", "none,xxh3,1,0,5,1024",
                           "none,crc32c,4,10,4,4096"}) {
    const std::string spec = std::string(base) + ",nomerge";
    CAPTURE(spec);
    std::vector<InteropEntry> entries;
    for (const auto& e : InteropEntries(100, 11)) {
      if (e.type != 'M') entries.push_back(e);
    }
    const std::string tag = std::to_string(n++);
    WriteEntriesFile(dir.Sub("e" + tag), entries);
    const std::string theirs = dir.Sub("theirs" + tag + ".sst");
    std::string out;
    REQUIRE_MESSAGE(
        skyrocks_test::RunCommand(
            oracle + " write " + theirs + " " + spec + " " + dir.Sub("e" + tag),
            &out) == 0,
        out);
    // The same options through the public API.
    std::vector<std::string> f;
    for (size_t pos = 0, next; pos <= spec.size(); pos = next + 1) {
      next = spec.find(',', pos);
      if (next == std::string::npos) next = spec.size();
      f.push_back(spec.substr(pos, next - pos));
    }
    BlockBasedTableOptions t;
    t.checksum = f[1] == "crc32c" ? kCRC32c : kXXH3;
    t.block_restart_interval = std::stoi(f[2]);
    if (std::stoi(f[3]) > 0)
      t.filter_policy.reset(NewBloomFilterPolicy(std::stoi(f[3])));
    t.format_version = static_cast<uint32_t>(std::stoi(f[4]));
    t.block_size = std::stoul(f[5]);
    Options o;
    o.compression = kNoCompression;
    o.table_factory.reset(NewBlockBasedTableFactory(t));
    const std::string ours = dir.Sub("ours" + tag + ".sst");
    SstFileWriter w(EnvOptions(), o);
    REQUIRE(w.Open(ours).ok());
    for (const auto& e : entries) {
      Status s = e.type == 'P'   ? w.Put(e.key, e.value)
                 : e.type == 'D' ? w.Delete(e.key)
                                 : w.DeleteRange(e.key, e.value);
      REQUIRE_MESSAGE(s.ok(), s.ToString());
    }
    REQUIRE(w.Finish().ok());
    const std::string a = skyrocks_test::ReadWholeFile(ours);
    const std::string b = skyrocks_test::ReadWholeFile(theirs);
    REQUIRE(a.size() == b.size());
    size_t differing = 0;
    for (size_t i = 0; i < a.size(); i++) differing += a[i] != b[i];
    CHECK(differing <= 24);
    std::string pa, pb;
    REQUIRE(
        skyrocks_test::RunCommand(
            "sst_dump --show_properties --file=" + ours +
                " | grep -v -e 'options.env' -e Process -e 'session identity'"
                " -e 'unique ID'",
            &pa) == 0);
    REQUIRE(
        skyrocks_test::RunCommand(
            "sst_dump --show_properties --file=" + theirs +
                " | grep -v -e 'options.env' -e Process -e 'session identity'"
                " -e 'unique ID'",
            &pb) == 0);
    CHECK(pa == pb);
  }
}

}  // namespace ROCKSDB_NAMESPACE
