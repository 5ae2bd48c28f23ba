// Model-checked table tests: random entries into a std::map and an SST,
// then random Get / Seek / SeekForPrev / Next / Prev compared step by step,
// across compressions, checksums, restart intervals, block sizes, filters
// and format versions. Plus block-level and corruption tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>

#include "support/test_util.h"
#include "table/block.h"
#include "table/block_builder.h"
#include "table_test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

struct TableModelCase {
  CompressionType compression;
  TableChecksumType checksum;
  int restart_interval;
  size_t block_size;
  double bloom_bits;
  uint32_t format_version;
  size_t value_size;
};

std::string ModelKey(std::mt19937* rng, int space) {
  char buf[32];
  snprintf(buf, sizeof(buf), "key%06d", static_cast<int>((*rng)() % space));
  return buf;
}

void RunTableModel(const TableModelCase& c, uint32_t seed) {
  std::mt19937 rng(seed);
  InternalKeyComparator icmp(BytewiseComparator());
  // model: internal key -> value, ordered like the table.
  struct IkeyLess {
    const InternalKeyComparator* icmp;
    bool operator()(const std::string& a, const std::string& b) const {
      return icmp->Compare(a, b) < 0;
    }
  };
  std::map<std::string, std::string, IkeyLess> model(IkeyLess{&icmp});
  const int n = 1 + static_cast<int>(rng() % 600);
  for (int i = 0; i < n; i++) {
    const std::string uk = ModelKey(&rng, 400);
    const SequenceNumber seq = 1 + rng() % 1000;
    const ValueType t = (rng() % 5 == 0)   ? kTypeDeletion
                        : (rng() % 7 == 0) ? kTypeMerge
                                           : kTypeValue;
    std::string ik;
    AppendInternalKey(&ik, uk, seq, t);
    std::string v(c.value_size ? rng() % (2 * c.value_size) : 0, 'x');
    for (auto& ch : v) ch = static_cast<char>('a' + rng() % 4);  // compressible
    model[ik] = t == kTypeDeletion ? std::string() : v;
  }
  skyrocks_test::TempDir dir;
  const std::string fname = dir.Sub("000001.sst");
  TableBuilderOptions opts;
  opts.icmp = &icmp;
  opts.compression = c.compression;
  opts.checksum = c.checksum;
  opts.block_restart_interval = c.restart_interval;
  opts.block_size = c.block_size;
  opts.filter_bits_per_key = c.bloom_bits;
  opts.format_version = c.format_version;
  std::vector<std::pair<std::string, std::string>> entries(model.begin(),
                                                           model.end());
  TableBuildResult built;
  REQUIRE(BuildTestTable(fname, opts, entries, {}, &built).ok());
  CHECK(built.num_entries == model.size());
  std::unique_ptr<TableReader> reader;
  Status s = OpenTestTable(fname, &icmp, &reader);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(reader->GetTableProperties().num_entries == model.size());
  CHECK(reader->VerifyChecksum().ok());

  // Full scans both ways.
  std::unique_ptr<InternalIterator> it(reader->NewIterator());
  auto mit = model.begin();
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++mit) {
    REQUIRE(mit != model.end());
    REQUIRE(it->key() == Slice(mit->first));
    REQUIRE(it->value() == Slice(mit->second));
  }
  CHECK(mit == model.end());
  CHECK(it->status().ok());
  auto rit = model.rbegin();
  for (it->SeekToLast(); it->Valid(); it->Prev(), ++rit) {
    REQUIRE(rit != model.rend());
    REQUIRE(it->key() == Slice(rit->first));
  }
  CHECK(rit == model.rend());

  // Random walks.
  for (int step = 0; step < 300; step++) {
    std::string target;
    AppendInternalKey(&target, ModelKey(&rng, 450), rng() % 1100,
                      kValueTypeForSeek);
    auto m = model.lower_bound(target);
    if (rng() % 2) {
      it->Seek(target);
    } else {
      // SeekForPrev: last entry <= target.
      it->SeekForPrev(target);
      m = model.upper_bound(target);
      if (m == model.begin()) {
        CHECK_FALSE(it->Valid());
        continue;
      }
      --m;
    }
    for (int k = 0; k < 8; k++) {
      if (m == model.end()) {
        CHECK_FALSE(it->Valid());
        break;
      }
      REQUIRE(it->Valid());
      REQUIRE(it->key() == Slice(m->first));
      if (rng() % 3 == 0) {
        it->Prev();
        if (m == model.begin()) {
          CHECK_FALSE(it->Valid());
          break;
        }
        --m;
      } else {
        it->Next();
        ++m;
      }
    }
  }
  // Get of every user key finds its newest entry; absent keys find none
  // (filter or not).
  for (const auto& kv : model) {
    ParsedInternalKey pk;
    REQUIRE(ParseInternalKey(kv.first, &pk).ok());
    std::string lookup;
    AppendInternalKey(&lookup, pk.user_key, kMaxSequenceNumber,
                      kValueTypeForSeek);
    struct Found {
      std::string key;
      bool any = false;
    } found;
    Status gs = reader->Get(
        lookup,
        [](void* arg, const Slice& k, const Slice&) {
          auto* f = static_cast<Found*>(arg);
          f->key = k.ToString();
          f->any = true;
          return false;
        },
        &found);
    REQUIRE(gs.ok());
    REQUIRE(found.any);
    CHECK(ExtractUserKey(found.key) == pk.user_key);
  }
}

}  // namespace

TEST_CASE("table: model-checked builder/reader across options") {
  const TableModelCase cases[] = {
      {kNoCompression, kTableCRC32c, 16, 4096, 0, 5, 100},
      {kSnappyCompression, kTableXXH3, 16, 4096, 10, 5, 100},
      {kLZ4Compression, kTableXXH3, 1, 512, 10, 5, 30},
      {kZSTD, kTableCRC32c, 16, 256, 0, 4, 60},
      {kSnappyCompression, kTablexxHash, 4, 1024, 10, 3, 10},
      {kNoCompression, kTablexxHash64, 16, 128, 0, 2, 0},
      {kSnappyCompression, kTableXXH3, 16, 4096, 0, 5, 5000},
  };
  uint32_t seed = 1;
  for (const auto& c : cases) {
    CAPTURE(seed);
    RunTableModel(c, seed++);
    RunTableModel(c, seed++);
  }
}

TEST_CASE("table: block with restart points iterates and seeks") {
  BlockBuilder b(3);
  std::vector<std::string> keys;
  for (int i = 0; i < 50; i++) keys.push_back("k" + std::to_string(1000 + i));
  for (const auto& k : keys) b.Add(k, "v" + k);
  Block block(b.Finish().ToString(), "test block");
  CHECK(block.NumRestarts() == 17);
  std::unique_ptr<InternalIterator> it(block.NewIterator(BytewiseComparator()));
  it->Seek("k1025");
  REQUIRE(it->Valid());
  CHECK(it->key() == Slice("k1025"));
  CHECK(it->value() == Slice("vk1025"));
  it->Prev();
  CHECK(it->key() == Slice("k1024"));
  it->Seek("k10245");
  CHECK(it->key() == Slice("k1025"));
  it->SeekForPrev("k10245");
  CHECK(it->key() == Slice("k1024"));
  it->Seek("z");
  CHECK_FALSE(it->Valid());
  it->SeekToLast();
  CHECK(it->key() == Slice("k1049"));
}

// Keys longer than the iterator's inline key buffer, sharing prefixes of
// every length, in and out of restart points: forward, backward and seeks
// must return exactly the keys added.
TEST_CASE("table: block iterator with long shared-prefix keys") {
  std::mt19937 rng(11);
  std::vector<std::string> keys;
  for (int i = 0; i < 300; i++) {
    std::string k(static_cast<size_t>(rng() % 120), 'p');
    k += std::to_string(100000 + i);
    k.append(static_cast<size_t>(rng() % 200), static_cast<char>('a' + i % 26));
    keys.push_back(k);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (int interval : {1, 4, 16}) {
    CAPTURE(interval);
    BlockBuilder b(interval);
    for (const auto& k : keys) b.Add(k, "v" + k.substr(0, 3));
    Block block(b.Finish().ToString(), "long-key block");
    std::unique_ptr<InternalIterator> it(
        block.NewIterator(BytewiseComparator()));
    size_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      REQUIRE(n < keys.size());
      REQUIRE(it->key() == Slice(keys[n]));
      n++;
    }
    CHECK(n == keys.size());
    n = keys.size();
    for (it->SeekToLast(); it->Valid(); it->Prev()) {
      REQUIRE(n > 0);
      REQUIRE(it->key() == Slice(keys[--n]));
    }
    CHECK(n == 0);
    for (int t = 0; t < 200; t++) {
      const size_t i = rng() % keys.size();
      it->Seek(keys[i]);
      REQUIRE(it->Valid());
      CHECK(it->key() == Slice(keys[i]));
      it->Next();
      if (i + 1 < keys.size()) {
        REQUIRE(it->Valid());
        CHECK(it->key() == Slice(keys[i + 1]));
      }
    }
    CHECK(it->status().ok());
  }
}

TEST_CASE("table: garbage blocks give Corruption, not crashes") {
  std::mt19937 rng(7);
  BlockBuilder b(2);
  for (int i = 0; i < 20; i++) b.Add("key" + std::to_string(100 + i), "value");
  const std::string good = b.Finish().ToString();
  for (int trial = 0; trial < 2000; trial++) {
    std::string bad = good;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; f++)
      bad[rng() % bad.size()] = static_cast<char>(rng());
    if (rng() % 3 == 0) bad.resize(rng() % bad.size());
    Block block(bad, "fuzzed block");
    std::unique_ptr<InternalIterator> it(
        block.NewIterator(BytewiseComparator()));
    int steps = 0;
    for (it->SeekToFirst(); it->Valid() && steps < 100; it->Next()) steps++;
    it->Seek("key110");
    for (int k = 0; it->Valid() && k < 5; k++) it->Prev();
    (void)it->status();
  }
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

// Flip, truncate and splice bytes of valid SSTs: every case must either
// open and return exactly the right data, or fail with Corruption (or an
// iterator status of Corruption) -- never crash, hang or return wrong data
// silently. Checksums make "wrong data" impossible unless a flip hits a
// byte no checksum covers and no reader uses (e.g. footer padding).
TEST_CASE("table: fuzzed SSTs give the right data or Corruption") {
  InternalKeyComparator icmp(BytewiseComparator());
  skyrocks_test::TempDir dir;
  std::vector<std::pair<std::string, std::string>> entries;
  for (int i = 0; i < 300; i++) {
    std::string ik;
    char k[16];
    snprintf(k, sizeof(k), "key%05d", i);
    AppendInternalKey(&ik, k, 10 + i, kTypeValue);
    entries.emplace_back(ik, std::string(20 + i % 30, 'a' + i % 26));
  }
  std::mt19937 rng(12345);
  int corrupt = 0, intact = 0;
  for (CompressionType c : {kNoCompression, kSnappyCompression, kZSTD}) {
    TableBuilderOptions opts;
    opts.icmp = &icmp;
    opts.compression = c;
    opts.block_size = 512;
    opts.filter_bits_per_key = 10;
    const std::string good_path = dir.Sub("good.sst");
    REQUIRE(BuildTestTable(good_path, opts, entries).ok());
    std::string good;
    {
      std::unique_ptr<FSSequentialFile> f;
      REQUIRE(FileSystem::Default()
                  ->NewSequentialFile(good_path, FileOptions(), &f, nullptr)
                  .ok());
      std::string buf(1 << 20, '\0');
      Slice got;
      REQUIRE(f->Read(buf.size(), IOOptions(), &got, &buf[0], nullptr).ok());
      good.assign(got.data(), got.size());
    }
    for (int trial = 0; trial < 700; trial++) {
      std::string bad = good;
      switch (rng() % 3) {
        case 0:  // flip bytes
          for (int f = 1 + rng() % 3; f > 0; f--) {
            bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
          }
          break;
        case 1:  // truncate
          bad.resize(rng() % bad.size());
          break;
        default: {  // splice a range of the file over another
          const size_t len = 1 + rng() % 64;
          const size_t from = rng() % (bad.size() - len);
          const size_t to = rng() % (bad.size() - len);
          bad.replace(to, len, good.substr(from, len));
        }
      }
      const std::string path = dir.Sub("bad.sst");
      {
        std::unique_ptr<FSWritableFile> f;
        REQUIRE(FileSystem::Default()
                    ->NewWritableFile(path, FileOptions(), &f, nullptr)
                    .ok());
        REQUIRE(f->Append(bad, IOOptions(), nullptr).ok());
        REQUIRE(f->Close(IOOptions(), nullptr).ok());
      }
      std::unique_ptr<TableReader> reader;
      Status s = OpenTestTable(path, &icmp, &reader);
      if (!s.ok()) {
        CHECK_MESSAGE((s.IsCorruption() || s.IsNotSupported()), s.ToString());
        corrupt++;
        continue;
      }
      std::unique_ptr<InternalIterator> it(reader->NewIterator());
      size_t i = 0;
      bool wrong = false;
      for (it->SeekToFirst(); it->Valid(); it->Next(), i++) {
        if (i >= entries.size() || it->key() != Slice(entries[i].first) ||
            it->value() != Slice(entries[i].second)) {
          wrong = true;
          break;
        }
      }
      if (!it->status().ok()) {
        CHECK(it->status().IsCorruption());
        corrupt++;
      } else {
        CHECK_FALSE(wrong);
        CHECK(i == entries.size());
        intact++;
      }
    }
  }
  MESSAGE("fuzzed SSTs: " << corrupt << " reported corrupt, " << intact
                          << " read intact");
  CHECK(corrupt > 1000);
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

TEST_CASE("table: approximate offsets grow with the key and stay in the file") {
  skyrocks_test::TempDir dir;
  InternalKeyComparator icmp(BytewiseComparator());
  TableBuilderOptions o;
  o.icmp = &icmp;
  o.compression = kNoCompression;
  std::vector<std::pair<std::string, std::string>> points;
  for (int i = 0; i < 5000; i++) {
    char k[16];
    snprintf(k, sizeof(k), "k%06d", i);
    std::string ik;
    AppendInternalKey(&ik, k, 1, kTypeValue);
    points.emplace_back(ik, std::string(200, 'v'));
  }
  const std::string fname = dir.Sub("t.sst");
  REQUIRE(BuildTestTable(fname, o, points, {}).ok());
  std::unique_ptr<TableReader> reader;
  REQUIRE(OpenTestTable(fname, &icmp, &reader).ok());
  uint64_t prev = 0;
  for (int i = 0; i < 5000; i += 250) {
    const uint64_t off = reader->ApproximateOffsetOf(points[i].first);
    CHECK(off >= prev);
    CHECK(off < reader->file_size());
    // About 200+ bytes per entry before it.
    CHECK(off + 8192 >= static_cast<uint64_t>(i) * 200);
    CHECK(off <= static_cast<uint64_t>(i) * 240 + 8192);
    prev = off;
  }
  CHECK(reader->ApproximateOffsetOf(points[0].first) == 0);
  std::string past;
  AppendInternalKey(&past, "zzz", 1, kTypeValue);
  CHECK(reader->ApproximateOffsetOf(past) >= prev);
  CHECK(reader->ApproximateOffsetOf(past) <= reader->file_size());
}

}  // namespace ROCKSDB_NAMESPACE
