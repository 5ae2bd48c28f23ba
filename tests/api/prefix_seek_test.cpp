// Prefix extractors through the public API (issue 19 item 4): the built-in
// transforms' behaviour and ids as RocksDB 7.8.3 gives them; prefix seeks
// (prefix_same_as_start, total_order_seek, SeekForPrev) and Gets over
// memtables and several SSTs checked against a std::map model, with and
// without whole-key filtering and after the extractor changed; SST reads
// counted to show that a prefix seek skips the tables whose filter rules
// the prefix out; prefix_extractor in option strings, OPTIONS files and
// SetOptions.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "rocksdb/convenience.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"
#include "rocksdb/utilities/options_util.h"
#include "support/test_util.h"

namespace {

namespace rdb = ROCKSDB_NAMESPACE;

// Counts reads of SST files (opens read the tail; seeks read data blocks).
class PrefixSstReadCountingFs : public rdb::FileSystemWrapper {
 public:
  PrefixSstReadCountingFs() : FileSystemWrapper(rdb::FileSystem::Default()) {}
  const char* Name() const override { return "PrefixSstReadCountingFs"; }
  rdb::IOStatus NewRandomAccessFile(
      const std::string& f, const rdb::FileOptions& o,
      std::unique_ptr<rdb::FSRandomAccessFile>* r,
      rdb::IODebugContext* dbg) override {
    rdb::IOStatus s = FileSystemWrapper::NewRandomAccessFile(f, o, r, dbg);
    if (s.ok() && f.size() > 4 && f.compare(f.size() - 4, 4, ".sst") == 0) {
      *r = std::make_unique<Counted>(std::move(*r), &sst_reads);
    }
    return s;
  }
  std::atomic<int> sst_reads{0};

 private:
  class Counted : public rdb::FSRandomAccessFile {
   public:
    Counted(std::unique_ptr<rdb::FSRandomAccessFile> f, std::atomic<int>* n)
        : f_(std::move(f)), n_(n) {}
    rdb::IOStatus Read(uint64_t offset, size_t n, const rdb::IOOptions& o,
                       rdb::Slice* result, char* scratch,
                       rdb::IODebugContext* dbg) const override {
      (*n_)++;
      return f_->Read(offset, n, o, result, scratch, dbg);
    }

   private:
    std::unique_ptr<rdb::FSRandomAccessFile> f_;
    std::atomic<int>* n_;
  };
};

rdb::Options PrefixOptions(const rdb::SliceTransform* extractor, bool wkf) {
  rdb::Options o;
  o.create_if_missing = true;
  o.disable_auto_compactions = true;
  o.prefix_extractor.reset(extractor);
  o.memtable_prefix_bloom_size_ratio = 0.1;
  rdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rdb::NewBloomFilterPolicy(10));
  t.whole_key_filtering = wkf;
  o.table_factory.reset(rdb::NewBlockBasedTableFactory(t));
  return o;
}

std::string PrefixKey(int p, int j) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "k%03d%04d", p, j);
  return buf;
}

// What a prefix seek must show: the model's keys from target on while they
// share target's prefix (forward), or up to target (backward).
std::vector<std::string> ModelPrefixRange(
    const std::map<std::string, std::string>& model,
    const rdb::SliceTransform& ext, const std::string& target, bool forward) {
  std::vector<std::string> r;
  const std::string prefix = ext.Transform(target).ToString();
  auto same = [&](const std::string& k) {
    return ext.InDomain(k) && ext.Transform(k).ToString() == prefix;
  };
  if (forward) {
    for (auto it = model.lower_bound(target); it != model.end() && same(it->first);
         ++it) {
      r.push_back(it->first);
    }
  } else {
    auto it = model.upper_bound(target);
    while (it != model.begin()) {
      --it;
      if (!same(it->first)) break;
      r.push_back(it->first);
    }
  }
  return r;
}

std::vector<std::string> PrefixSeekKeys(rdb::DB* db, const std::string& target,
                                        bool forward) {
  rdb::ReadOptions ro;
  ro.prefix_same_as_start = true;
  std::unique_ptr<rdb::Iterator> it(db->NewIterator(ro));
  std::vector<std::string> r;
  if (forward) {
    for (it->Seek(target); it->Valid(); it->Next()) r.push_back(it->key().ToString());
  } else {
    for (it->SeekForPrev(target); it->Valid(); it->Prev()) {
      r.push_back(it->key().ToString());
    }
  }
  REQUIRE(it->status().ok());
  return r;
}

// A seeded workload over 40 prefixes ("kPPP"), in 6 flushed SSTs and the
// memtable, with overwrites and deletes; model holds the result.
void PrefixWorkload(rdb::DB* db, uint32_t seed,
                    std::map<std::string, std::string>* model) {
  std::mt19937 rng(seed);
  for (int round = 0; round < 7; round++) {
    for (int i = 0; i < 150; i++) {
      // Each round favours a few prefixes, so tables differ in prefixes.
      const int p = static_cast<int>((round * 5 + rng() % 6) % 40);
      const std::string k = PrefixKey(p, static_cast<int>(rng() % 30));
      if (rng() % 8 == 0) {
        REQUIRE(db->Delete(rdb::WriteOptions(), k).ok());
        model->erase(k);
      } else {
        const std::string v = "v" + std::to_string(rng());
        REQUIRE(db->Put(rdb::WriteOptions(), k, v).ok());
        (*model)[k] = v;
      }
    }
    if (round < 6) REQUIRE(db->Flush(rdb::FlushOptions()).ok());
  }
}

void CheckPrefixReads(rdb::DB* db, const std::map<std::string, std::string>& model,
                      const rdb::SliceTransform& ext) {
  for (int p = 0; p < 45; p++) {
    for (const std::string& target :
         {PrefixKey(p, 0).substr(0, 4), PrefixKey(p, 7), PrefixKey(p, 9999)}) {
      INFO("target " << target);
      CHECK(PrefixSeekKeys(db, target, true) ==
            ModelPrefixRange(model, ext, target, true));
      CHECK(PrefixSeekKeys(db, target, false) ==
            ModelPrefixRange(model, ext, target, false));
    }
    for (int j = 0; j < 30; j += 3) {
      const std::string k = PrefixKey(p, j);
      std::string v;
      rdb::Status s = db->Get(rdb::ReadOptions(), k, &v);
      auto it = model.find(k);
      if (it == model.end()) {
        CHECK(s.IsNotFound());
      } else {
        CHECK(s.ok());
        CHECK(v == it->second);
      }
    }
  }
  // total_order_seek: every key, in order, from any target.
  rdb::ReadOptions total;
  total.total_order_seek = true;
  std::unique_ptr<rdb::Iterator> it(db->NewIterator(total));
  std::vector<std::string> all, expected;
  for (it->Seek("k0105"); it->Valid(); it->Next()) all.push_back(it->key().ToString());
  for (auto m = model.lower_bound("k0105"); m != model.end(); ++m) {
    expected.push_back(m->first);
  }
  CHECK(all == expected);
}

}  // namespace

TEST_CASE("prefix: the built-in transforms behave and are named as in 7.8.3") {
  std::unique_ptr<const rdb::SliceTransform> fixed(rdb::NewFixedPrefixTransform(4));
  std::unique_ptr<const rdb::SliceTransform> capped(rdb::NewCappedPrefixTransform(3));
  std::unique_ptr<const rdb::SliceTransform> noop(rdb::NewNoopTransform());
  CHECK(std::string(fixed->Name()) == "rocksdb.FixedPrefix");
  CHECK(fixed->AsString() == "rocksdb.FixedPrefix.4");
  CHECK(std::string(capped->Name()) == "rocksdb.CappedPrefix");
  CHECK(capped->AsString() == "rocksdb.CappedPrefix.3");
  CHECK(noop->AsString() == "rocksdb.Noop");
  CHECK_FALSE(fixed->InDomain("abc"));
  CHECK(fixed->Transform("abcdef") == "abcd");
  CHECK(fixed->InRange("abcd"));
  CHECK_FALSE(fixed->InRange("abc"));
  CHECK(capped->Transform("ab") == "ab");
  CHECK(capped->Transform("abcd") == "abc");
  CHECK(capped->InRange("ab"));
  CHECK_FALSE(capped->InRange("abcd"));
  size_t len = 0;
  CHECK(fixed->FullLengthEnabled(&len));
  CHECK(len == 4);
  CHECK(capped->FullLengthEnabled(&len));
  CHECK(len == 3);
  CHECK_FALSE(noop->FullLengthEnabled(&len));
  CHECK(fixed->SameResultWhenAppended("abcd"));
  CHECK_FALSE(fixed->SameResultWhenAppended("ab"));
  CHECK(capped->SameResultWhenAppended("abc"));
  CHECK_FALSE(capped->SameResultWhenAppended("ab"));
}

TEST_CASE("prefix: prefix_extractor in option strings, OPTIONS files and SetOptions") {
  rdb::ConfigOptions config;
  rdb::ColumnFamilyOptions base, out;
  const std::pair<const char*, const char*> cases[] = {
      {"prefix_extractor=rocksdb.FixedPrefix.4", "rocksdb.FixedPrefix.4"},
      {"prefix_extractor=fixed:5", "rocksdb.FixedPrefix.5"},
      {"prefix_extractor=capped:3", "rocksdb.CappedPrefix.3"},
      {"prefix_extractor=rocksdb.CappedPrefix.2", "rocksdb.CappedPrefix.2"},
      {"prefix_extractor=rocksdb.Noop", "rocksdb.Noop"},
      {"prefix_extractor={id=rocksdb.FixedPrefix.7}", "rocksdb.FixedPrefix.7"},
      {"prefix_extractor=rocksdb.FixedPrefix.04", "rocksdb.FixedPrefix.4"},
      {"prefix_extractor=nullptr", ""},
      // RocksDB 7.8.3 ignores an id it cannot load (ignore_unsupported_options).
      {"prefix_extractor=bogus", ""},
  };
  for (const auto& c : cases) {
    INFO(c.first);
    REQUIRE(rdb::GetColumnFamilyOptionsFromString(config, base, c.first, &out).ok());
    CHECK((out.prefix_extractor ? out.prefix_extractor->AsString() : "") ==
          c.second);
  }
  config.ignore_unsupported_options = false;
  CHECK(rdb::GetColumnFamilyOptionsFromString(config, base,
                                              "prefix_extractor=bogus", &out)
            .IsInvalidArgument());

  skyrocks_test::TempDir dir;
  rdb::Options o = PrefixOptions(rdb::NewFixedPrefixTransform(4), true);
  rdb::DB* raw = nullptr;
  REQUIRE(rdb::DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<rdb::DB> db(raw);
  rdb::DBOptions db_opts;
  std::vector<rdb::ColumnFamilyDescriptor> cfs;
  REQUIRE(rdb::LoadLatestOptions(dir.Sub("db"), rdb::Env::Default(), &db_opts, &cfs).ok());
  REQUIRE(cfs[0].options.prefix_extractor.get() != nullptr);
  CHECK(cfs[0].options.prefix_extractor->AsString() == "rocksdb.FixedPrefix.4");
  for (const char* k : {"aaa1", "aab1", "abb1"}) {
    REQUIRE(db->Put(rdb::WriteOptions(), k, "v").ok());
  }
  REQUIRE(db->Flush(rdb::FlushOptions()).ok());
  CHECK(PrefixSeekKeys(db.get(), "aa", true) ==
        std::vector<std::string>{"aaa1", "aab1", "abb1"});  // outside the domain
  CHECK(PrefixSeekKeys(db.get(), "aaa1", true) == std::vector<std::string>{"aaa1"});
  // Changed on the open DB: seeks and the OPTIONS file follow.
  REQUIRE(db->SetOptions({{"prefix_extractor", "rocksdb.FixedPrefix.2"}}).ok());
  CHECK(PrefixSeekKeys(db.get(), "aa", true) ==
        std::vector<std::string>{"aaa1", "aab1"});
  REQUIRE(rdb::LoadLatestOptions(dir.Sub("db"), rdb::Env::Default(), &db_opts, &cfs).ok());
  CHECK(cfs[0].options.prefix_extractor->AsString() == "rocksdb.FixedPrefix.2");
  CHECK(db->SetOptions({{"prefix_extractor", "bogus"}}).IsInvalidArgument());
  REQUIRE(db->SetOptions({{"prefix_extractor", "nullptr"},
                          {"memtable_prefix_bloom_size_ratio", "0.2"},
                          {"memtable_whole_key_filtering", "true"}})
              .ok());
  REQUIRE(rdb::LoadLatestOptions(dir.Sub("db"), rdb::Env::Default(), &db_opts, &cfs).ok());
  CHECK(cfs[0].options.prefix_extractor.get() == nullptr);
  CHECK(cfs[0].options.memtable_prefix_bloom_size_ratio == 0.2);
  CHECK(cfs[0].options.memtable_whole_key_filtering);
}

TEST_CASE("prefix: seeks and Gets match a model, over memtables and SSTs") {
  for (const bool wkf : {true, false}) {
    for (const bool capped : {false, true}) {
      INFO("whole_key_filtering " << wkf << ", capped " << capped);
      skyrocks_test::TempDir dir;
      rdb::Options o = PrefixOptions(capped ? rdb::NewCappedPrefixTransform(4)
                                            : rdb::NewFixedPrefixTransform(4),
                                     wkf);
      rdb::DB* raw = nullptr;
      REQUIRE(rdb::DB::Open(o, dir.Sub("db"), &raw).ok());
      std::unique_ptr<rdb::DB> db(raw);
      std::map<std::string, std::string> model;
      PrefixWorkload(db.get(), wkf ? 7 : 8, &model);
      CheckPrefixReads(db.get(), model, *o.prefix_extractor);
      // Reopened with a shorter prefix: the tables' filters hold 4-byte
      // prefixes and must not be used for 3-byte ones (the WAL's data goes
      // into a new memtable and table with the new extractor).
      db.reset();
      o.prefix_extractor.reset(rdb::NewFixedPrefixTransform(3));
      REQUIRE(rdb::DB::Open(o, dir.Sub("db"), &raw).ok());
      db.reset(raw);
      CheckPrefixReads(db.get(), model, *o.prefix_extractor);
    }
  }
}

TEST_CASE("prefix: a prefix seek reads only the tables whose filter holds the prefix") {
  skyrocks_test::TempDir dir;
  auto fs = std::make_shared<PrefixSstReadCountingFs>();
  std::unique_ptr<rdb::Env> env = rdb::NewCompositeEnv(fs);
  rdb::Options o = PrefixOptions(rdb::NewFixedPrefixTransform(4), false);
  o.env = env.get();
  rdb::DB* raw = nullptr;
  REQUIRE(rdb::DB::Open(o, dir.Sub("db"), &raw).ok());
  // 8 tables with interleaved prefixes: prefix p in table p % 8, so every
  // table has keys after any target.
  for (int f = 0; f < 8; f++) {
    for (int p = f; p < 64; p += 8) {
      for (int j = 0; j < 3; j++) {
        REQUIRE(raw->Put(rdb::WriteOptions(), PrefixKey(p, j), "v").ok());
      }
    }
    REQUIRE(raw->Flush(rdb::FlushOptions()).ok());
  }
  delete raw;
  int prefix_reads = 0, total_reads = 0;
  for (const bool total_order : {false, true}) {
    REQUIRE(rdb::DB::Open(o, dir.Sub("db"), &raw).ok());  // cold block cache
    std::unique_ptr<rdb::DB> db(raw);
    rdb::ReadOptions ro;
    ro.total_order_seek = total_order;
    ro.prefix_same_as_start = true;
    const int before = fs->sst_reads.load();
    std::unique_ptr<rdb::Iterator> it(db->NewIterator(ro));
    std::vector<std::string> keys;
    for (it->Seek("k010"); it->Valid(); it->Next()) keys.push_back(it->key().ToString());
    CHECK(keys == std::vector<std::string>{PrefixKey(10, 0), PrefixKey(10, 1),
                                           PrefixKey(10, 2)});
    (total_order ? total_reads : prefix_reads) = fs->sst_reads.load() - before;
  }
  MESSAGE("SST reads of one seek: " << prefix_reads << " with the prefix "
          "filter, " << total_reads << " in total order");
  CHECK(total_reads >= 8);     // one data block per table
  CHECK(prefix_reads >= 1);    // the table of prefix k010
  CHECK(prefix_reads <= 2);    // (and one false positive at most)
}
