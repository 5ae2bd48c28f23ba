// The DB through the public API only (built against src/ and against the
// amalgamation): basic operations, reopen with WAL replay and after
// flushes, column families, merges, range deletes, snapshots, and a
// model-checked random workload against a std::map, with reopens and
// background flushes (small write buffers).
#include "rocksdb/db.h"

#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"
#include "support/db_test_util.h"
#include "support/number_property.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::ColumnFamilyDescriptor;
using ROCKSDB_NAMESPACE::ColumnFamilyHandle;
using ROCKSDB_NAMESPACE::ColumnFamilyOptions;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Iterator;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::Snapshot;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteBatch;
using ROCKSDB_NAMESPACE::WriteOptions;

class CommaAppend : public ROCKSDB_NAMESPACE::AssociativeMergeOperator {
 public:
  bool Merge(const Slice&, const Slice* existing, const Slice& value,
             std::string* out, ROCKSDB_NAMESPACE::Logger*) const override {
    *out = existing ? existing->ToString() + "," + value.ToString()
                    : value.ToString();
    return true;
  }
  const char* Name() const override { return "CommaAppend"; }
};

std::string DbGet(DB* db, const std::string& k,
                  const Snapshot* snap = nullptr) {
  ReadOptions ro;
  ro.snapshot = snap;
  std::string v;
  Status s = db->Get(ro, k, &v);
  if (s.IsNotFound()) return "NOT_FOUND";
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return v;
}

std::map<std::string, std::string> DbScan(DB* db,
                                          const Snapshot* snap = nullptr) {
  const std::map<std::string, std::string> out =
      skyrocks_test::ScanToMap(db, snap);
  // And backward, the same.
  ReadOptions ro;
  ro.snapshot = snap;
  std::unique_ptr<Iterator> it(db->NewIterator(ro));
  std::map<std::string, std::string> back;
  for (it->SeekToLast(); it->Valid(); it->Prev()) {
    back[it->key().ToString()] = it->value().ToString();
  }
  REQUIRE(back == out);
  return out;
}

// Counts the SST files opened for reading and the reads of them.
class DbSstOpenCountingFs : public ROCKSDB_NAMESPACE::FileSystemWrapper {
 public:
  DbSstOpenCountingFs()
      : FileSystemWrapper(ROCKSDB_NAMESPACE::FileSystem::Default()) {}
  const char* Name() const override { return "DbSstOpenCountingFs"; }
  ROCKSDB_NAMESPACE::IOStatus NewRandomAccessFile(
      const std::string& f, const ROCKSDB_NAMESPACE::FileOptions& o,
      std::unique_ptr<ROCKSDB_NAMESPACE::FSRandomAccessFile>* r,
      ROCKSDB_NAMESPACE::IODebugContext* dbg) override {
    ROCKSDB_NAMESPACE::IOStatus s =
        FileSystemWrapper::NewRandomAccessFile(f, o, r, dbg);
    if (s.ok() && f.size() > 4 && f.compare(f.size() - 4, 4, ".sst") == 0) {
      sst_opens++;
      *r = std::make_unique<Counted>(std::move(*r), &sst_reads);
    }
    return s;
  }
  std::atomic<int> sst_opens{0};
  std::atomic<int> sst_reads{0};

 private:
  class Counted : public ROCKSDB_NAMESPACE::FSRandomAccessFile {
   public:
    Counted(std::unique_ptr<ROCKSDB_NAMESPACE::FSRandomAccessFile> f,
            std::atomic<int>* reads)
        : f_(std::move(f)), reads_(reads) {}
    ROCKSDB_NAMESPACE::IOStatus Read(
        uint64_t offset, size_t n, const ROCKSDB_NAMESPACE::IOOptions& o,
        ROCKSDB_NAMESPACE::Slice* result, char* scratch,
        ROCKSDB_NAMESPACE::IODebugContext* dbg) const override {
      (*reads_)++;
      return f_->Read(offset, n, o, result, scratch, dbg);
    }

   private:
    std::unique_ptr<ROCKSDB_NAMESPACE::FSRandomAccessFile> f_;
    std::atomic<int>* reads_;
  };
};

}  // namespace

TEST_CASE("db: put, get, delete, iterate, reopen from the WAL and from SSTs") {
  skyrocks_test::TempDir dir;
  Options o;
  o.create_if_missing = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  REQUIRE(db->Put(WriteOptions(), "a", "1").ok());
  REQUIRE(db->Put(WriteOptions(), "b", "2").ok());
  REQUIRE(db->Delete(WriteOptions(), "a").ok());
  CHECK(DbGet(db.get(), "a") == "NOT_FOUND");
  CHECK(DbGet(db.get(), "b") == "2");
  db.reset();
  // Reopen: the WAL is replayed.
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  db.reset(raw);
  CHECK(DbGet(db.get(), "a") == "NOT_FOUND");
  CHECK(DbGet(db.get(), "b") == "2");
  REQUIRE(db->Put(WriteOptions(), "c", "3").ok());
  REQUIRE(db->Flush(FlushOptions()).ok());
  uint64_t files = 0;
  CHECK(skyrocks_test::GetNumberProperty(*db, "rocksdb.num-files-at-level0", &files));
  CHECK(files >= 1);
  db.reset();
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  db.reset(raw);
  CHECK(DbScan(db.get()) ==
        std::map<std::string, std::string>{{"b", "2"}, {"c", "3"}});
  // A second open of the same directory is refused while this one lives.
  DB* second = nullptr;
  CHECK_FALSE(DB::Open(o, dir.Sub("db"), &second).ok());
}

TEST_CASE("db: a Get answered by the memtable reads no SST file") {
  skyrocks_test::TempDir dir;
  auto fs = std::make_shared<DbSstOpenCountingFs>();
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env =
      ROCKSDB_NAMESPACE::NewCompositeEnv(fs);
  Options o;
  o.create_if_missing = true;
  o.env = env.get();
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  REQUIRE(raw->Put(WriteOptions(), "a", "old").ok());
  REQUIRE(raw->Put(WriteOptions(), "b", "sst").ok());
  REQUIRE(raw->Flush(FlushOptions()).ok());
  delete raw;
  const int opens = fs->sst_opens.load();
  // Open opens every table (RocksDB's max_open_files = -1): footer, index
  // and filter in one read; the data block is not read yet.
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  CHECK(fs->sst_opens.load() == opens + 1);
  REQUIRE(db->Put(WriteOptions(), "a", "new").ok());
  const int before = fs->sst_reads.load();
  CHECK(DbGet(db.get(), "a") == "new");
  CHECK(fs->sst_reads.load() == before);
  CHECK(DbGet(db.get(), "b") == "sst");  // and this one reads its block
  CHECK(fs->sst_reads.load() == before + 1);
  CHECK(fs->sst_opens.load() == opens + 1);
}

TEST_CASE("db: errors for a missing DB and error_if_exists") {
  skyrocks_test::TempDir dir;
  Options o;
  DB* raw = nullptr;
  Status s = DB::Open(o, dir.Sub("nodb"), &raw);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("CURRENT") != std::string::npos);
  o.create_if_missing = true;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  delete raw;
  o.error_if_exists = true;
  CHECK(DB::Open(o, dir.Sub("db"), &raw).IsInvalidArgument());
}

TEST_CASE("db: column families, atomic cross-family batches, list and drop") {
  skyrocks_test::TempDir dir;
  Options o;
  o.create_if_missing = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  ColumnFamilyHandle* cf1 = nullptr;
  REQUIRE(db->CreateColumnFamily(ColumnFamilyOptions(), "one", &cf1).ok());
  WriteBatch b;
  REQUIRE(b.Put("k", "default").ok());
  REQUIRE(b.Put(cf1, "k", "one").ok());
  REQUIRE(db->Write(WriteOptions(), &b).ok());
  std::string v;
  REQUIRE(db->Get(ReadOptions(), cf1, "k", &v).ok());
  CHECK(v == "one");
  CHECK(DbGet(db.get(), "k") == "default");
  REQUIRE(db->DestroyColumnFamilyHandle(cf1).ok());
  db.reset();

  std::vector<std::string> names;
  REQUIRE(DB::ListColumnFamilies(o, dir.Sub("db"), &names).ok());
  CHECK(names == std::vector<std::string>{"default", "one"});
  // Opening without naming every column family is refused.
  CHECK(DB::Open(o, dir.Sub("db"), &raw).IsInvalidArgument());
  std::vector<ColumnFamilyHandle*> handles;
  REQUIRE(DB::Open(o, dir.Sub("db"),
                   {ColumnFamilyDescriptor("default", ColumnFamilyOptions()),
                    ColumnFamilyDescriptor("one", ColumnFamilyOptions())},
                   &handles, &raw)
              .ok());
  db.reset(raw);
  REQUIRE(db->Get(ReadOptions(), handles[1], "k", &v).ok());
  CHECK(v == "one");
  REQUIRE(db->DropColumnFamily(handles[1]).ok());
  for (auto* h : handles)
    REQUIRE(db->DestroyColumnFamilyHandle(h).ok() ==
            (h != db->DefaultColumnFamily()));
  db.reset();
  REQUIRE(DB::ListColumnFamilies(o, dir.Sub("db"), &names).ok());
  CHECK(names == std::vector<std::string>{"default"});
}

TEST_CASE("db: Write checks a batch's column families and records") {
  skyrocks_test::TempDir dir;
  Options o;
  o.create_if_missing = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  WriteBatch plain;
  REQUIRE(plain.Put("a", "1").ok());
  REQUIRE(plain.Delete("b").ok());
  REQUIRE(plain.PutLogData("blob").ok());
  CHECK(db->Write(WriteOptions(), &plain).ok());

  // Records for column families 3 and 5, which this DB does not have.
  std::string rep = plain.Data().substr(0, 12);
  rep[8] = 2;                                   // count
  rep += std::string("\x05\x03\x01k\x01v", 6);  // Put to family 3
  rep += std::string("\x04\x05\x01k", 4);       // Delete in family 5
  WriteBatch missing(rep);
  Status s = db->Write(WriteOptions(), &missing);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("column family") != std::string::npos);
  WriteOptions ignore;
  ignore.ignore_missing_column_families = true;
  CHECK(db->Write(ignore, &missing).ok());

  // A wrong count, a truncated record, a two-phase-commit marker.
  std::string miscounted = plain.Data();
  miscounted[8] = 3;
  WriteBatch b1(miscounted);
  CHECK(db->Write(WriteOptions(), &b1).IsCorruption());
  WriteBatch b2(plain.Data().substr(0, plain.Data().size() - 1));
  CHECK(db->Write(WriteOptions(), &b2).IsCorruption());
  std::string marker = plain.Data();
  marker.push_back('\x09');  // kTypeBeginPrepareXID
  WriteBatch b3(marker);
  CHECK_FALSE(db->Write(WriteOptions(), &b3).ok());
  CHECK(DbGet(db.get(), "a") == "1");
}

TEST_CASE("db: merge operator, range deletes and snapshots") {
  skyrocks_test::TempDir dir;
  Options o;
  o.create_if_missing = true;
  o.merge_operator = std::make_shared<CommaAppend>();
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  REQUIRE(db->Put(WriteOptions(), "m", "a").ok());
  REQUIRE(db->Merge(WriteOptions(), "m", "b").ok());
  REQUIRE(db->Flush(FlushOptions()).ok());
  REQUIRE(db->Merge(WriteOptions(), "m", "c").ok());
  CHECK(DbGet(db.get(), "m") == "a,b,c");
  for (char c = 'a'; c <= 'z'; c++) {
    REQUIRE(db->Put(WriteOptions(), std::string("r") + c, "x").ok());
  }
  const Snapshot* snap = db->GetSnapshot();
  REQUIRE(db->DeleteRange(WriteOptions(), db->DefaultColumnFamily(), "rc", "rx")
              .ok());
  CHECK(DbGet(db.get(), "rb") == "x");
  CHECK(DbGet(db.get(), "rc") == "NOT_FOUND");
  CHECK(DbGet(db.get(), "rw") == "NOT_FOUND");
  CHECK(DbGet(db.get(), "rx") == "x");
  CHECK(DbGet(db.get(), "rm", snap) == "x");
  CHECK(DbScan(db.get(), snap).size() == 27);
  CHECK(DbScan(db.get()).size() == 27 - 21);
  db->ReleaseSnapshot(snap);
  REQUIRE(db->Flush(FlushOptions()).ok());
  db.reset();
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  db.reset(raw);
  CHECK(DbGet(db.get(), "rm") == "NOT_FOUND");
  CHECK(DbGet(db.get(), "m") == "a,b,c");
  // Without the operator, reading the merged key fails clearly.
  db.reset();
  o.merge_operator.reset();
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  db.reset(raw);
  std::string v;
  Status s = db->Get(ReadOptions(), "m", &v);
  CHECK(s.IsInvalidArgument());
}

namespace {

// One seeded run of the model-checked workload. Seeds 1-4: flushes only
// matter; 5-8: compaction-heavy (tiny files and levels, so background
// compactions run all the time); 9-12 also CompactFiles of random live
// files racing the background compactions, iterators held across many
// compactions, auto compactions switched off and on (9-10 with dynamic
// level bytes); 13-18 run compactions at once: max_background_jobs 4-8,
// max_subcompactions 2-4 (even seeds with soft_pending_compaction_bytes_limit
// 0, so compactions always run in parallel), 2000 keys, range deletions
// only in 16-18 and rarer (they keep a compaction from splitting), and
// CompactRange with random options.
// Returns the subcompactions rocksdb.stats counted.
uint64_t ModelWorkload(uint32_t seed) {
  CAPTURE(seed);
  skyrocks_test::TempDir dir;
  Options o;
  o.create_if_missing = true;
  o.write_buffer_size = 32 << 10;  // many background flushes
  o.merge_operator = std::make_shared<CommaAppend>();
  if (seed > 4) {
    o.level0_file_num_compaction_trigger = 2;
    o.target_file_size_base = 16 << 10;
    o.max_bytes_for_level_base = 64 << 10;
    o.max_bytes_for_level_multiplier = 4;
  }
  const bool extra = seed > 8;
  const bool concurrent = seed > 12;
  o.level_compaction_dynamic_level_bytes =
      seed == 9 || seed == 10 || seed == 15;
  if (concurrent) {
    o.max_background_jobs = 4 + static_cast<int>(seed % 5);
    o.max_subcompactions = 2 + seed % 3;
    if (seed % 2 == 0) o.soft_pending_compaction_bytes_limit = 0;
  }
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  std::mt19937 rng(seed);
  std::map<std::string, std::string> model;
  struct Snap {
    const Snapshot* snap;
    std::map<std::string, std::string> state;
  };
  std::vector<Snap> snaps;
  struct HeldIter {
    std::unique_ptr<Iterator> it;
    std::map<std::string, std::string> state;
  };
  std::vector<HeldIter> held;
  bool auto_off = false;
  int compact_files_ok = 0, compact_files_raced = 0;
  // rocksdb.stats counts since the open: summed over the reopens.
  uint64_t subcompactions = 0;
  int most_at_once = 0;
  auto add_stats = [&] {
    std::string stats;
    REQUIRE(db->GetProperty("rocksdb.stats", &stats));
    const std::string tag = "Subcompactions: ",
                      most = "most compactions at once: ";
    const size_t at = stats.find(tag), m = stats.find(most);
    REQUIRE(at != std::string::npos);
    REQUIRE(m != std::string::npos);
    subcompactions += std::stoull(stats.substr(at + tag.size()));
    most_at_once =
        std::max(most_at_once, std::stoi(stats.substr(m + most.size())));
  };
  auto key = [&] {
    char buf[16];
    snprintf(buf, sizeof(buf), "k%04u",
             static_cast<unsigned>(rng() % (concurrent ? 2000 : 400)));
    return std::string(buf);
  };
  for (int step = 0; step < (extra ? 1500 : 2500); step++) {
    const int r = rng() % 100;
    if (r < 45) {
      const std::string k = key();
      std::string v =
          "v" + std::to_string(step) + std::string(rng() % 200, 'x');
      // Incompressible values make files large enough to split.
      for (size_t i = 0; concurrent && i < v.size(); i += 2)
        v[i] = static_cast<char>('a' + rng() % 26);
      REQUIRE(db->Put(WriteOptions(), k, v).ok());
      model[k] = v;
    } else if (r < 55) {
      const std::string k = key();
      REQUIRE(db->Delete(WriteOptions(), k).ok());
      model.erase(k);
    } else if (r < 63) {
      const std::string k = key();
      const std::string v = "m" + std::to_string(step);
      REQUIRE(db->Merge(WriteOptions(), k, v).ok());
      auto it = model.find(k);
      model[k] = it == model.end() ? v : it->second + "," + v;
    } else if (r < 66 && (!concurrent || (seed > 15 && rng() % 8 == 0))) {
      std::string a = key(), b = key();
      if (a > b) std::swap(a, b);
      REQUIRE(db->DeleteRange(WriteOptions(), db->DefaultColumnFamily(), a, b)
                  .ok());
      model.erase(model.lower_bound(a), model.lower_bound(b));
    } else if (r < 72) {
      WriteBatch batch;
      for (int i = 0; i < 5; i++) {
        const std::string k = key();
        if (rng() % 3 == 0) {
          REQUIRE(batch.Delete(k).ok());
          model.erase(k);
        } else {
          REQUIRE(batch.Put(k, "b" + std::to_string(step)).ok());
          model[k] = "b" + std::to_string(step);
        }
      }
      REQUIRE(db->Write(WriteOptions(), &batch).ok());
    } else if (r < 80) {
      const std::string k = key();
      auto it = model.find(k);
      CHECK(DbGet(db.get(), k) ==
            (it == model.end() ? "NOT_FOUND" : it->second));
    } else if (r < 82) {
      snaps.push_back({db->GetSnapshot(), model});
    } else if (r < 84 && !snaps.empty()) {
      const size_t i = rng() % snaps.size();
      CHECK(DbScan(db.get(), snaps[i].snap) == snaps[i].state);
      db->ReleaseSnapshot(snaps[i].snap);
      snaps.erase(snaps.begin() + static_cast<long>(i));
    } else if (r < 86) {
      CHECK(DbScan(db.get()) == model);
    } else if (r < 87) {
      if (concurrent && rng() % 2 == 0) {
        ROCKSDB_NAMESPACE::CompactRangeOptions cr;
        cr.exclusive_manual_compaction = rng() % 2 == 0;
        cr.max_subcompactions = rng() % 5;
        cr.bottommost_level_compaction =
            static_cast<ROCKSDB_NAMESPACE::BottommostLevelCompaction>(rng() %
                                                                      4);
        std::string a = key(), b = key();
        if (a > b) std::swap(a, b);
        const ROCKSDB_NAMESPACE::Slice begin(a), end(b);
        const bool ranged = rng() % 2 == 0;
        Status s = db->CompactRange(cr, ranged ? &begin : nullptr,
                                    ranged ? &end : nullptr);
        REQUIRE_MESSAGE(s.ok(), s.ToString());
      } else if (seed > 4 && rng() % 4 == 0) {
        REQUIRE(db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(),
                                 nullptr, nullptr)
                    .ok());
      } else {
        REQUIRE(db->Flush(FlushOptions()).ok());
      }
    } else if (r < 88) {
      for (auto& s : snaps) db->ReleaseSnapshot(s.snap);
      snaps.clear();
      held.clear();
      auto_off = false;
      add_stats();
      db.reset();
      REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
      db.reset(raw);
      CHECK(DbScan(db.get()) == model);
    } else if (extra && r < 91) {
      // An iterator made now must show this state however long it lives.
      if (held.size() < 3 && rng() % 2 == 0) {
        held.push_back(
            {std::unique_ptr<Iterator>(db->NewIterator(ReadOptions())), model});
      } else if (!held.empty()) {
        const size_t i = rng() % held.size();
        std::map<std::string, std::string> seen;
        Iterator* it = held[i].it.get();
        for (it->SeekToFirst(); it->Valid(); it->Next())
          seen[it->key().ToString()] = it->value().ToString();
        REQUIRE_MESSAGE(it->status().ok(), it->status().ToString());
        CHECK(seen == held[i].state);
        held.erase(held.begin() + static_cast<long>(i));
      }
    } else if (extra && r < 94) {
      // CompactFiles of a random live file into its level or deeper; it
      // may race a background compaction of the same file.
      std::vector<ROCKSDB_NAMESPACE::LiveFileMetaData> files;
      db->GetLiveFilesMetaData(&files);
      if (!files.empty()) {
        const auto& f = files[rng() % files.size()];
        const int out = f.level + static_cast<int>(rng() % (7 - f.level));
        Status s = db->CompactFiles(ROCKSDB_NAMESPACE::CompactionOptions(),
                                    {f.name}, out);
        const bool raced =
            s.IsAborted() ||
            (s.IsInvalidArgument() &&
             (s.ToString().find("does not exist") != std::string::npos ||
              s.ToString().find("cannot compact") != std::string::npos));
        CHECK_MESSAGE((s.ok() || raced), s.ToString());
        (s.ok() ? compact_files_ok : compact_files_raced)++;
      }
    } else if (extra && r < 95) {
      if (auto_off) {
        REQUIRE(db->EnableAutoCompaction({db->DefaultColumnFamily()}).ok());
      } else {
        REQUIRE(db->SetOptions({{"disable_auto_compactions", "true"}}).ok());
      }
      auto_off = !auto_off;
    } else {
      // Seek checks.
      const std::string k = key();
      std::unique_ptr<Iterator> it(db->NewIterator(ReadOptions()));
      it->Seek(k);
      auto m = model.lower_bound(k);
      if (m == model.end()) {
        CHECK_FALSE(it->Valid());
      } else {
        REQUIRE(it->Valid());
        CHECK(it->key().ToString() == m->first);
        CHECK(it->value().ToString() == m->second);
      }
    }
  }
  for (auto& s : snaps) db->ReleaseSnapshot(s.snap);
  held.clear();
  if (extra) {
    MESSAGE("CompactFiles: " << compact_files_ok << " ran, "
                             << compact_files_raced << " raced");
    CHECK(compact_files_ok > 10);
  }
  CHECK(DbScan(db.get()) == model);
  if (auto_off)
    REQUIRE(db->EnableAutoCompaction({db->DefaultColumnFamily()}).ok());
  REQUIRE(db->WaitForCompact().ok());
  CHECK(DbScan(db.get()) == model);
  if (seed > 4) {
    std::string stats;
    REQUIRE(db->GetProperty("rocksdb.stats", &stats));
    CHECK(stats.find("Compactions: 0 ") == std::string::npos);
    uint64_t deep = 0, n = 0;
    for (int l = 1; l < 7; l++) {
      REQUIRE(skyrocks_test::GetNumberProperty(
          *db, "rocksdb.num-files-at-level" + std::to_string(l), &n));
      deep += n;
    }
    CHECK(deep > 0);
  }
  add_stats();
  if (concurrent) {
    MESSAGE("subcompactions " << subcompactions << ", most compactions at once "
                              << most_at_once);
  }
  return subcompactions;
}

}  // namespace

TEST_CASE("db: model-checked random workload with flushes and reopens") {
  for (uint32_t seed = 1; seed <= 8; seed++) ModelWorkload(seed);
}

TEST_CASE(
    "db: model-checked workload with CompactFiles, held iterators, dynamic "
    "levels") {
  for (uint32_t seed = 9; seed <= 12; seed++) ModelWorkload(seed);
}

TEST_CASE(
    "db: model-checked workload with compactions and subcompactions at once") {
  uint64_t subcompactions = 0;
  for (uint32_t seed = 13; seed <= 18; seed++)
    subcompactions += ModelWorkload(seed);
  CHECK(subcompactions > 0);
}
