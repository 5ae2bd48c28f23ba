// Level targets and level_compaction_dynamic_level_bytes.
// * ComputeLevelTargets / HighestScore / PickCompaction on made-up
//   Versions, against RocksDB 7.8.3's rules worked out by hand (base level,
//   per-level targets, L0 backlog, L0 size score).
// * A 200k-key fill with dynamic level bytes: data ends in the last
//   levels, the levels between L0 and the base level stay empty, every key
//   reads back as a std::map model says, also after reopening, and
//   librocksdb 7.8.3 (tests/oracle/db_tool) reads the same.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "db/compaction.h"
#include "rocksdb/db.h"
#include "support/filter_oracle.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

constexpr uint64_t kCtMiB = 1 << 20;

// A file of `bytes` over user keys [a, b].
FileMetaPtr CtFile(uint64_t number, uint64_t bytes, const std::string& a,
                   const std::string& b) {
  auto f = std::make_shared<FileMetaData>();
  f->number = number;
  f->file_size = bytes;
  f->smallest = InternalKey(a, 100, kTypeValue);
  f->largest = InternalKey(b, 100, kTypeValue);
  return f;
}

ColumnFamilyOptions CtDynamic(uint64_t base, double mult) {
  ColumnFamilyOptions o;
  o.level_compaction_dynamic_level_bytes = true;
  o.max_bytes_for_level_base = base;
  o.max_bytes_for_level_multiplier = mult;
  return o;
}

}  // namespace

TEST_CASE("level targets: static and dynamic, as RocksDB computes them") {
  Version v;
  SUBCASE("static: base * multiplier^(level-1), L0 into L1") {
    ColumnFamilyOptions o;
    o.max_bytes_for_level_base = 10 * kCtMiB;
    o.max_bytes_for_level_multiplier = 10;
    const LevelTargets t = ComputeLevelTargets(o, v);
    CHECK(t.base_level == 1);
    CHECK(t.max_bytes[1] == 10 * kCtMiB);
    CHECK(t.max_bytes[3] == 1000 * kCtMiB);
  }
  SUBCASE("dynamic, nothing below L0: L0 goes to the last level") {
    const LevelTargets t = ComputeLevelTargets(CtDynamic(kCtMiB, 10), v);
    CHECK(t.base_level == 6);
    for (int l = 1; l < 7; l++) CHECK(t.max_bytes[l] == UINT64_MAX);
  }
  SUBCASE("dynamic, 10 MiB in L6: base L5 at 1 MiB") {
    v.files[6].push_back(CtFile(10, 10 * kCtMiB, "a", "z"));
    const LevelTargets t = ComputeLevelTargets(CtDynamic(kCtMiB, 10), v);
    CHECK(t.base_level == 5);
    CHECK(t.max_bytes[4] == UINT64_MAX);
    CHECK(t.max_bytes[5] == kCtMiB);
    CHECK(t.max_bytes[6] == 10 * kCtMiB);
  }
  SUBCASE("dynamic, 500 MiB in L6: base L3, targets 1, 5, 50, 500 MiB") {
    v.files[6].push_back(CtFile(10, 500 * kCtMiB, "a", "z"));
    const LevelTargets t = ComputeLevelTargets(CtDynamic(kCtMiB, 10), v);
    CHECK(t.base_level == 3);
    CHECK(t.max_bytes[3] == kCtMiB);  // 0.5 MiB, raised to the base size
    CHECK(t.max_bytes[4] == 5 * kCtMiB);
    CHECK(t.max_bytes[5] == 50 * kCtMiB);
    CHECK(t.max_bytes[6] == 500 * kCtMiB);
  }
  SUBCASE("dynamic, a backlogged L0 sets the base level's target") {
    v.files[6].push_back(CtFile(10, 10 * kCtMiB, "a", "z"));
    for (int i = 0; i < 3; i++) v.files[0].push_back(CtFile(20 + i, kCtMiB, "a", "z"));
    const LevelTargets t = ComputeLevelTargets(CtDynamic(kCtMiB, 10), v);
    CHECK(t.base_level == 5);
    CHECK(t.max_bytes[5] == 3 * kCtMiB);
    // 3 MiB * (10 / 3), rounded either way.
    CHECK(t.max_bytes[6] + 1 >= 10 * kCtMiB);
    CHECK(t.max_bytes[6] <= 10 * kCtMiB);
  }
  SUBCASE("dynamic, data already on more levels than needed") {
    v.files[2].push_back(CtFile(10, 100 << 10, "a", "z"));
    v.files[6].push_back(CtFile(11, 2 * kCtMiB, "a", "z"));
    const LevelTargets t = ComputeLevelTargets(CtDynamic(kCtMiB, 10), v);
    CHECK(t.base_level == 2);  // the first non-empty level stays the base
    CHECK(t.max_bytes[2] == kCtMiB);
    CHECK(t.max_bytes[1] == UINT64_MAX);
  }
}

TEST_CASE("level scores and picks with dynamic level bytes") {
  ColumnFamilyData cfd(0, "default", CtDynamic(kCtMiB, 10));
  auto v = std::make_shared<Version>();
  v->files[6].push_back(CtFile(10, 10 * kCtMiB, "a", "m"));
  v->files[6].push_back(CtFile(11, 10 * kCtMiB, "n", "z"));
  // One L0 file, below the trigger by count but as large as the base.
  v->files[0].push_back(CtFile(20, kCtMiB, "b", "c"));
  cfd.current = v;
  int level = -1;
  CHECK(HighestScore(cfd.options, *v, &level) >= 1.01);
  CHECK(level == 0);
  std::vector<std::string> cursors;
  CompactionSpec spec;
  REQUIRE(PickCompaction(cfd, &cursors, &spec));
  CHECK(spec.level == 0);
  // Base: 20 MiB in L6, 2 MiB in L5 (still above 1 MiB), 0.2 MiB in L4.
  CHECK(spec.output_level == 4);
  CHECK(spec.output_level_inputs.empty());
  CHECK(spec.bottommost == false);  // L6 holds [a, m] below

  // L5 over its target: L5 -> L6 with the overlapping L6 file.
  auto v2 = std::make_shared<Version>(*v);
  v2->files[0].clear();
  v2->files[5].push_back(CtFile(30, 5 * kCtMiB, "o", "p"));
  cfd.current = v2;
  REQUIRE(PickCompaction(cfd, &cursors, &spec));
  CHECK(spec.level == 5);
  CHECK(spec.output_level == 6);
  REQUIRE(spec.output_level_inputs.size() == 1);
  CHECK(spec.output_level_inputs[0]->number == 11);
  CHECK(spec.bottommost);

  // Static: the same L0 file scores by size too (RocksDB's rule).
  ColumnFamilyOptions st;
  st.max_bytes_for_level_base = kCtMiB / 2;
  CHECK(HighestScore(st, *v, &level) == doctest::Approx(2.0));
  CHECK(level == 0);
}

TEST_CASE("dynamic level bytes: a 200k-key fill lands in the last levels, RocksDB reads it") {
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  Options o;
  o.create_if_missing = true;
  o.level_compaction_dynamic_level_bytes = true;
  o.write_buffer_size = 256 << 10;
  o.target_file_size_base = 256 << 10;
  o.max_bytes_for_level_base = 512 << 10;
  o.max_bytes_for_level_multiplier = 4;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, path, &raw).ok());
  std::unique_ptr<DB> db(raw);
  std::mt19937 rng(200);
  std::vector<int> order(200000);
  for (int i = 0; i < 200000; i++) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  std::map<std::string, std::string> model;
  auto key = [](int i) {
    char buf[16];
    snprintf(buf, sizeof(buf), "key%08d", i);
    return std::string(buf);
  };
  auto value = [&](int i) {
    std::string v = std::to_string(i) + "-";
    while (v.size() < 40) v.push_back(static_cast<char>('a' + rng() % 26));
    return v;
  };
  WriteBatch batch;
  for (size_t n = 0; n < order.size(); n++) {
    const std::string k = key(order[n]), v = value(order[n]);
    REQUIRE(batch.Put(k, v).ok());
    model[k] = v;
    if (n % 7 == 0) {  // overwrites and deletions of earlier keys
      const std::string old = key(order[rng() % (n + 1)]);
      if (rng() % 2 == 0) {
        REQUIRE(batch.Delete(old).ok());
        model.erase(old);
      } else {
        REQUIRE(batch.Put(old, "again").ok());
        model[old] = "again";
      }
    }
    if (batch.Count() >= 100) {
      REQUIRE(db->Write(WriteOptions(), &batch).ok());
      batch.Clear();
    }
  }
  REQUIRE(db->Write(WriteOptions(), &batch).ok());
  REQUIRE(db->Flush(FlushOptions()).ok());
  REQUIRE(db->WaitForCompact().ok());

  std::string levelstats, base;
  REQUIRE(db->GetProperty("rocksdb.levelstats", &levelstats));
  REQUIRE(db->GetProperty("rocksdb.base-level", &base));
  MESSAGE("base level " << base << "\n" << levelstats);
  const int base_level = std::stoi(base);
  CHECK(base_level > 1);
  CHECK(base_level < 6);
  ColumnFamilyMetaData meta;
  db->GetColumnFamilyMetaData(&meta);
  REQUIRE(meta.levels.size() == 7);
  for (int l = 1; l < base_level; l++) CHECK(meta.levels[l].files.empty());
  CHECK(meta.levels[0].files.size() < 4);
  // The last level holds most of the data; each level from the base down
  // is larger than the one above.
  CHECK(meta.levels[6].size * 10 > meta.size * 7);
  for (int l = base_level + 1; l < 7; l++) CHECK(meta.levels[l].size > meta.levels[l - 1].size);
  // Every file of a level is within its key order.
  for (int l = 1; l < 7; l++) {
    const auto& files = meta.levels[l].files;
    for (size_t i = 1; i < files.size(); i++) CHECK(files[i - 1].largestkey < files[i].smallestkey);
  }

  auto check_contents = [&](DB* d) {
    std::unique_ptr<Iterator> it(d->NewIterator(ReadOptions()));
    auto m = model.begin();
    size_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++m, ++n) {
      REQUIRE(m != model.end());
      REQUIRE(it->key().ToString() == m->first);
      REQUIRE(it->value().ToString() == m->second);
    }
    REQUIRE(it->status().ok());
    CHECK(m == model.end());
    for (int i = 0; i < 2000; i++) {
      const std::string k = key(static_cast<int>(rng() % 200000));
      std::string v;
      Status s = d->Get(ReadOptions(), k, &v);
      auto e = model.find(k);
      if (e == model.end()) {
        CHECK(s.IsNotFound());
      } else {
        REQUIRE(s.ok());
        CHECK(v == e->second);
      }
    }
  };
  check_contents(db.get());
  db.reset();
  REQUIRE(DB::Open(o, path, &raw).ok());
  db.reset(raw);
  check_contents(db.get());
  db.reset();

  // librocksdb 7.8.3 reads exactly the model.
  std::string expected;
  for (const auto& kv : model) {
    expected += "default\t" + skyrocks_test::ToHex(kv.first) + "\t" + skyrocks_test::ToHex(kv.second) + "\n";
  }
  std::string out;
  const int rc = skyrocks_test::RunCommand(skyrocks_test::BuildDir() + "/oracle/db_tool dump " + path + " ro", &out);
  REQUIRE_MESSAGE(rc == 0, out.substr(0, 2000));
  REQUIRE(out.size() >= 3);
  CHECK(out.compare(out.size() - 3, 3, "OK\n") == 0);
  CHECK(out.substr(0, out.size() - 3) == expected);
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

TEST_CASE(
    "picking beside running compactions: held files and output ranges are "
    "avoided") {
  ColumnFamilyOptions o;
  o.max_bytes_for_level_base = kCtMiB;
  o.level0_file_num_compaction_trigger = 2;
  ColumnFamilyData cfd(0, "default", o);
  auto v = std::make_shared<Version>();
  // L1: four 1 MiB files (score 4); L2: one file under each of the first
  // two.
  v->files[1] = {CtFile(10, kCtMiB, "a", "b"), CtFile(11, kCtMiB, "c", "d"),
                 CtFile(12, kCtMiB, "e", "f"), CtFile(13, kCtMiB, "g", "h")};
  v->files[2] = {CtFile(20, kCtMiB, "a", "b"), CtFile(21, kCtMiB, "c", "d")};
  cfd.current = v;
  CompactionsInProgress busy;
  std::vector<std::string> cursors;
  CompactionSpec first, second, third;
  REQUIRE(PickCompaction(cfd, &cursors, &first, &busy));
  CHECK(first.level == 1);
  CHECK(first.inputs[0]->number == 10);
  CHECK(first.output_level_inputs.size() == 1);
  const uint64_t t1 = busy.Reserve(cfd, first);
  CHECK(busy.Conflicts(cfd, first));
  // The next pick takes another file; a third again another.
  REQUIRE(PickCompaction(cfd, &cursors, &second, &busy));
  CHECK(second.inputs[0]->number == 11);
  const uint64_t t2 = busy.Reserve(cfd, second);
  REQUIRE(PickCompaction(cfd, &cursors, &third, &busy));
  CHECK(third.inputs[0]->number == 12);
  CHECK(third.trivial_move);
  // Held files do not count in the score (2 MiB of 4 held: L1 at 2.0).
  int level = -1;
  CHECK(HighestScore(o, *v, &level, &busy.files()) == doctest::Approx(2.0));
  busy.Release(t1);
  busy.Release(t2);
  CHECK(busy.files().empty());
  CHECK_FALSE(busy.Conflicts(cfd, first));

  // A compaction writing [c, d] into L2 blocks one that would write into
  // that range, even without sharing a file.
  CompactionSpec writer;
  writer.level = 1;
  writer.output_level = 2;
  writer.inputs = {CtFile(30, kCtMiB, "c", "c")};
  const uint64_t t3 = busy.Reserve(cfd, writer);
  CompactionSpec other;
  other.level = 1;
  other.output_level = 2;
  other.inputs = {CtFile(31, kCtMiB, "b", "c")};
  CHECK(busy.Conflicts(cfd, other));
  other.output_level = 3;
  CHECK_FALSE(busy.Conflicts(cfd, other));
  busy.Release(t3);

  // L0: one compaction at a time; while it runs L0 is not picked again.
  auto v0 = std::make_shared<Version>();
  v0->files[0] = {CtFile(40, 1000, "a", "z"), CtFile(41, 1000, "a", "z")};
  cfd.current = v0;
  CompactionSpec l0;
  REQUIRE(PickCompaction(cfd, &cursors, &l0, &busy));
  CHECK(l0.level == 0);
  busy.Reserve(cfd, l0);
  auto v1 = std::make_shared<Version>(*v0);
  v1->files[0].insert(v1->files[0].begin(), CtFile(42, 1000, "a", "z"));
  v1->files[0].insert(v1->files[0].begin(), CtFile(43, 1000, "a", "z"));
  cfd.current = v1;
  CHECK_FALSE(PickCompaction(cfd, &cursors, &l0, &busy));
}

TEST_CASE("subcompaction boundaries: cut from the inputs' key anchors by size (RocksDB 7.8.3)") {
  ColumnFamilyOptions o;
  o.target_file_size_base = 100;
  const uint64_t target = TargetFileSizeForLevel(o, 1);
  const Comparator* ucmp = BytewiseComparator();
  CompactionSpec spec;
  spec.level = 0;
  spec.output_level = 1;
  // Ten anchors of 100 bytes, given out of order and with a duplicate.
  std::vector<TableReader::Anchor> anchors;
  for (const char* k : {"f", "a", "j", "c", "b", "e", "d", "h", "g", "i", "c"}) {
    anchors.push_back({k, 100});
  }
  using Cuts = std::vector<std::string>;
  // Ranges of max(1000 / n, 100) bytes: a cut where the sum passes each
  // multiple.
  CHECK(SubcompactionBoundaries(ucmp, target, spec, 4, anchors, 1000) == Cuts{"c", "f", "h"});
  CHECK(SubcompactionBoundaries(ucmp, target, spec, 2, anchors, 1000) == Cuts{"f"});
  CHECK(SubcompactionBoundaries(ucmp, target, spec, 1, anchors, 1000).empty());
  // The target file size bounds a range from below: 400 bytes -> 3 ranges.
  o.target_file_size_base = 400;
  const uint64_t big = TargetFileSizeForLevel(o, 1);
  CHECK(SubcompactionBoundaries(ucmp, big, spec, 4, anchors, 1000) == Cuts{"e", "i"});
  // All the data fits one output file: no split.
  CHECK(SubcompactionBoundaries(ucmp, big, spec, 4, anchors, 400).empty());
  // Not an L0 or manual compaction: no split (RocksDB's rule).
  spec.level = 1;
  spec.output_level = 2;
  CHECK(SubcompactionBoundaries(ucmp, target, spec, 4, anchors, 1000).empty());
  spec.manual = true;
  CHECK(SubcompactionBoundaries(ucmp, target, spec, 4, anchors, 1000) == Cuts{"c", "f", "h"});
}

}  // namespace ROCKSDB_NAMESPACE
