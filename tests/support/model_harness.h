// One model harness for every sorted structure (leveldb's table_test.cc
// Constructor/Harness idea): a Constructor builds a block, a table, a
// memtable or a DB from a std::map of user keys and values and hands out an
// iterator over user keys; RunModelHarness feeds it random data and then
// checks a forward scan, a backward scan and a random sequence of Seek /
// SeekToFirst / SeekToLast / Next / Prev against the std::map. The DB
// constructors run on a local FileSystem, on the fault-injection
// FileSystem (closed, unsynced data dropped as by a power loss, reopened)
// and on the cloud file system over the local-directory store. Unit tests
// only (it reaches src/ internals).
#ifndef SKYROCKS_TESTS_SUPPORT_MODEL_HARNESS_H_
#define SKYROCKS_TESTS_SUPPORT_MODEL_HARNESS_H_

#include <doctest/doctest.h>

#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "api/db_cloud_scenarios.h"
#include "db/memtable.h"
#include "env/fault_injection_fs.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "support/db_test_util.h"
#include "support/test_util.h"
#include "table/block.h"
#include "table/block_builder.h"
#include "unit/table/table_test_util.h"

namespace ROCKSDB_NAMESPACE {
namespace model_harness {

using skyrocks_test::KvMap;

// What the harness drives: an iterator over user keys and values.
class KvIterator {
 public:
  virtual ~KvIterator() = default;
  virtual bool Valid() const = 0;
  virtual void SeekToFirst() = 0;
  virtual void SeekToLast() = 0;
  virtual void Seek(const std::string& user_key) = 0;
  virtual void Next() = 0;
  virtual void Prev() = 0;
  virtual std::string key() const = 0;
  virtual std::string value() const = 0;
  virtual Status status() const = 0;
};

// An iterator of src/ (InternalIterator) or of the API (Iterator) as a
// KvIterator. With internal_keys, its keys are internal keys (one entry per
// user key): Seek goes to the user key's first entry and key() is the user
// key; without, its keys are the user keys (a block, a DB).
template <typename It>
class KvIteratorOver : public KvIterator {
 public:
  KvIteratorOver(It* it, bool internal_keys)
      : it_(it), internal_keys_(internal_keys) {}
  bool Valid() const override { return it_->Valid(); }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void SeekToLast() override { it_->SeekToLast(); }
  void Seek(const std::string& user_key) override {
    if (!internal_keys_) return it_->Seek(user_key);
    std::string target;
    AppendInternalKey(&target, user_key, kMaxSequenceNumber,
                      kValueTypeForSeek);
    it_->Seek(target);
  }
  void Next() override { it_->Next(); }
  void Prev() override { it_->Prev(); }
  std::string key() const override {
    return (internal_keys_ ? ExtractUserKey(it_->key()) : it_->key())
        .ToString();
  }
  std::string value() const override { return it_->value().ToString(); }
  Status status() const override { return it_->status(); }

 private:
  std::unique_ptr<It> it_;
  const bool internal_keys_;
};
using InternalKvIterator = KvIteratorOver<InternalIterator>;

// Builds one structure from data (sorted by the bytewise comparator) and
// iterates it. Finish may be called again with other data.
class Constructor {
 public:
  virtual ~Constructor() = default;
  virtual const char* Name() const = 0;
  [[nodiscard]] virtual Status Finish(const KvMap& data) = 0;
  virtual std::unique_ptr<KvIterator> NewIterator() = 0;
};

class BlockConstructor : public Constructor {
 public:
  explicit BlockConstructor(int restart_interval)
      : restart_interval_(restart_interval) {}
  const char* Name() const override { return "block"; }
  Status Finish(const KvMap& data) override {
    BlockBuilder b(restart_interval_);
    for (const auto& kv : data) b.Add(kv.first, kv.second);
    block_ = std::make_unique<Block>(b.Finish().ToString(), "harness block");
    return Status::OK();
  }
  std::unique_ptr<KvIterator> NewIterator() override {
    return std::make_unique<InternalKvIterator>(
        block_->NewIterator(BytewiseComparator()), false);
  }

 private:
  const int restart_interval_;
  std::unique_ptr<Block> block_;
};

class TableConstructor : public Constructor {
 public:
  explicit TableConstructor(size_t block_size) : block_size_(block_size) {}
  const char* Name() const override { return "table"; }
  Status Finish(const KvMap& data) override {
    const std::string fname = dir_.Sub(std::to_string(++number_) + ".sst");
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& kv : data) {
      std::string ik;
      AppendInternalKey(&ik, kv.first, 1, kTypeValue);
      entries.emplace_back(std::move(ik), kv.second);
    }
    TableBuilderOptions opts;
    opts.icmp = &icmp_;
    opts.block_size = block_size_;
    opts.block_restart_interval = 4;
    Status s = BuildTestTable(fname, opts, entries);
    if (s.ok()) s = OpenTestTable(fname, &icmp_, &reader_);
    return s;
  }
  std::unique_ptr<KvIterator> NewIterator() override {
    return std::make_unique<InternalKvIterator>(reader_->NewIterator(), true);
  }

 private:
  const size_t block_size_;
  const InternalKeyComparator icmp_{BytewiseComparator()};
  skyrocks_test::TempDir dir_;
  int number_ = 0;
  std::unique_ptr<TableReader> reader_;
};

class MemTableConstructor : public Constructor {
 public:
  ~MemTableConstructor() override {
    if (mem_ != nullptr) mem_->Unref();
  }
  const char* Name() const override { return "memtable"; }
  Status Finish(const KvMap& data) override {
    if (mem_ != nullptr) mem_->Unref();
    mem_ = new MemTable(icmp_);
    mem_->Ref();
    SequenceNumber seq = 1;
    for (const auto& kv : data) {
      Status s = mem_->Add(seq++, kTypeValue, kv.first, kv.second);
      if (!s.ok()) return s;
    }
    return Status::OK();
  }
  std::unique_ptr<KvIterator> NewIterator() override {
    return std::make_unique<InternalKvIterator>(
        NewMemTableInternalIterator(mem_, false), true);
  }

 private:
  const InternalKeyComparator icmp_{BytewiseComparator()};
  MemTable* mem_ = nullptr;
};

// A DB holding data: the first half flushed into an SST, the rest in the
// memtable (kLocal, kCloudLocalDir); on the fault-injection FileSystem all
// of it flushed, the DB closed, unsynced data dropped and the DB reopened.
class DbConstructor : public Constructor {
 public:
  enum Kind { kLocal, kFaultInjection, kCloudLocalDir };
  explicit DbConstructor(Kind kind) : kind_(kind) {}
  ~DbConstructor() override { Close(); }
  const char* Name() const override {
    return kind_ == kLocal            ? "db (local)"
           : kind_ == kFaultInjection ? "db (fault injection)"
                                      : "db (cloud, local-directory store)";
  }
  Status Finish(const KvMap& data) override {
    Close();
    const std::string name = "db" + std::to_string(++number_);
    Status s = Open(name, true);
    if (!s.ok()) return s;
    size_t i = 0;
    for (const auto& kv : data) {
      if (i++ == data.size() / 2 && kind_ != kFaultInjection) {
        s = db_->Flush(FlushOptions());
        if (!s.ok()) return s;
      }
      s = db_->Put(WriteOptions(), kv.first, kv.second);
      if (!s.ok()) return s;
    }
    if (kind_ == kFaultInjection) {
      s = db_->Flush(FlushOptions());
      if (s.ok()) s = db_->Close();
      Close();
      if (s.ok()) s = fault_fs_->DropUnsyncedData();
      if (s.ok()) s = Open(name, false);
    }
    return s;
  }
  std::unique_ptr<KvIterator> NewIterator() override {
    return std::make_unique<KvIteratorOver<Iterator>>(
        db_->NewIterator(ReadOptions()), false);
  }

 private:
  Status Open(const std::string& name, bool create) {
    if (kind_ == kCloudLocalDir) {
      const skyrocks_test::CloudTestStore store =
          skyrocks_test::LocalStore(dir_.Sub("store"));
      skyrocks_test::OpenCloudDb(
          store, skyrocks_test::CloudOpts(store, "dbs/" + name, "dbs/" + name),
          dir_.Sub(name), &cloud_, create);
      db_ = cloud_.db.get();
      return cloud_.status;
    }
    Options o;
    o.create_if_missing = create;
    if (kind_ == kFaultInjection) {
      if (fault_fs_ == nullptr) {
        fault_fs_ =
            std::make_shared<FaultInjectionTestFS>(FileSystem::Default());
        env_ = NewCompositeEnv(fault_fs_);
      }
      o.env = env_.get();
    }
    DB* raw = nullptr;
    Status s = DB::Open(o, dir_.Sub(name), &raw);
    owned_.reset(raw);
    db_ = raw;
    return s;
  }
  void Close() {
    owned_.reset();
    cloud_.Close();
    db_ = nullptr;
  }

  const Kind kind_;
  skyrocks_test::TempDir dir_;
  int number_ = 0;
  std::shared_ptr<FaultInjectionTestFS> fault_fs_;
  std::unique_ptr<Env> env_;
  std::unique_ptr<DB> owned_;
  skyrocks_test::CloudDb cloud_;
  DB* db_ = nullptr;
};

// Random keys over a small alphabet (so Seek targets often hit and often
// fall between keys) and random values.
inline std::string RandomHarnessString(std::mt19937* rnd, size_t max_len) {
  const size_t len = (*rnd)() % (max_len + 1);
  std::string s(len, 'a');
  for (char& c : s) c = static_cast<char>('a' + (*rnd)() % 5);
  return s;
}

// The check of one structure against data (leveldb's Harness::Test).
inline void CheckAgainstModel(Constructor* c, const KvMap& data,
                              std::mt19937* rnd) {
  INFO(c->Name() << ", " << data.size() << " entries");
  {
    std::unique_ptr<KvIterator> it = c->NewIterator();
    auto m = data.begin();
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++m) {
      REQUIRE(m != data.end());
      REQUIRE(it->key() == m->first);
      REQUIRE(it->value() == m->second);
    }
    CHECK(m == data.end());
    auto r = data.rbegin();
    for (it->SeekToLast(); it->Valid(); it->Prev(), ++r) {
      REQUIRE(r != data.rend());
      REQUIRE(it->key() == r->first);
      REQUIRE(it->value() == r->second);
    }
    CHECK(r == data.rend());
    REQUIRE_MESSAGE(it->status().ok(), it->status().ToString());
  }
  // Random operations; `m` mirrors the iterator (end(): not valid).
  std::unique_ptr<KvIterator> it = c->NewIterator();
  auto m = data.end();
  for (int step = 0; step < 200; step++) {
    const int op = static_cast<int>((*rnd)() % 5);
    std::string target;
    switch (op) {
      case 0:  // Next (only from a valid position)
        if (m == data.end()) continue;
        it->Next();
        ++m;
        break;
      case 1:  // Prev
        if (m == data.end()) continue;
        it->Prev();
        m = m == data.begin() ? data.end() : std::prev(m);
        break;
      case 2:
        target = RandomHarnessString(rnd, 6);
        it->Seek(target);
        m = data.lower_bound(target);
        break;
      case 3:
        it->SeekToFirst();
        m = data.begin();
        break;
      default:
        it->SeekToLast();
        m = data.empty() ? data.end() : std::prev(data.end());
        break;
    }
    CAPTURE(step);
    CAPTURE(op);
    CAPTURE(target);
    if (m == data.end()) {
      REQUIRE_FALSE(it->Valid());
    } else {
      REQUIRE(it->Valid());
      REQUIRE(it->key() == m->first);
      REQUIRE(it->value() == m->second);
    }
  }
  REQUIRE_MESSAGE(it->status().ok(), it->status().ToString());
}

// Random data sets of sizes up to max_entries into c, each checked.
inline void RunModelHarness(Constructor* c, uint32_t seed, int rounds,
                            int max_entries) {
  std::mt19937 rnd(seed);
  for (int round = 0; round < rounds; round++) {
    KvMap data;
    const int n = round == 0 ? 0 : static_cast<int>(rnd() % (max_entries + 1));
    for (int i = 0; i < n; i++) {
      data[RandomHarnessString(&rnd, 6)] = RandomHarnessString(&rnd, 40);
    }
    CAPTURE(seed);
    CAPTURE(round);
    const Status s = c->Finish(data);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    CheckAgainstModel(c, data, &rnd);
  }
}

}  // namespace model_harness
}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TESTS_SUPPORT_MODEL_HARNESS_H_
