// The few RocksDB names bench/db_bench.cpp uses, mapped onto LevelDB 1.23,
// so that the same benchmark source builds against LevelDB (Debian's
// libleveldb-dev): make bench. Not part of skyrocks.
#ifndef SKYROCKS_BENCH_LEVELDB_AS_ROCKSDB_H_
#define SKYROCKS_BENCH_LEVELDB_AS_ROCKSDB_H_

#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>
#include <leveldb/options.h>
#include <leveldb/write_batch.h>

#include <memory>
#include <string>

namespace rocksdb {

using leveldb::Iterator;
using leveldb::ReadOptions;
using leveldb::Slice;
using leveldb::Status;
using leveldb::WriteOptions;

enum CompressionType { kNoCompression = leveldb::kNoCompression, kSnappyCompression = leveldb::kSnappyCompression };

class Cache {
 public:
  explicit Cache(leveldb::Cache* c) : c_(c) {}
  ~Cache() { delete c_; }
  leveldb::Cache* get() const { return c_; }

 private:
  leveldb::Cache* c_;
};

inline std::shared_ptr<Cache> NewLRUCache(size_t capacity) {
  return std::make_shared<Cache>(leveldb::NewLRUCache(capacity));
}

class FilterPolicy {
 public:
  explicit FilterPolicy(const leveldb::FilterPolicy* p) : p_(p) {}
  ~FilterPolicy() { delete p_; }
  const leveldb::FilterPolicy* get() const { return p_; }

 private:
  const leveldb::FilterPolicy* p_;
};

inline FilterPolicy* NewBloomFilterPolicy(double bits_per_key) {
  return new FilterPolicy(leveldb::NewBloomFilterPolicy(static_cast<int>(bits_per_key)));
}

struct BlockBasedTableOptions {
  std::shared_ptr<const FilterPolicy> filter_policy;
  std::shared_ptr<Cache> block_cache;
};

struct TableFactory {
  BlockBasedTableOptions options;
};

inline TableFactory* NewBlockBasedTableFactory(const BlockBasedTableOptions& o) {
  return new TableFactory{o};
}

struct Options {
  bool create_if_missing = false;
  CompressionType compression = kSnappyCompression;
  std::shared_ptr<TableFactory> table_factory;
  leveldb::Options ToLevelDB() const {
    leveldb::Options o;
    o.create_if_missing = create_if_missing;
    o.compression = static_cast<leveldb::CompressionType>(compression);
    if (table_factory) {
      if (table_factory->options.filter_policy) {
        o.filter_policy = table_factory->options.filter_policy->get();
      }
      if (table_factory->options.block_cache) {
        o.block_cache = table_factory->options.block_cache->get();
      }
    }
    return o;
  }
};

class DB {
 public:
  static Status Open(const Options& options, const std::string& name, DB** db) {
    leveldb::DB* raw = nullptr;
    Status s = leveldb::DB::Open(options.ToLevelDB(), name, &raw);
    *db = s.ok() ? new DB(raw, options) : nullptr;
    return s;
  }
  ~DB() { delete db_; }
  Status Put(const WriteOptions& o, const Slice& k, const Slice& v) { return db_->Put(o, k, v); }
  Status Delete(const WriteOptions& o, const Slice& k) { return db_->Delete(o, k); }
  Status Get(const ReadOptions& o, const Slice& k, std::string* v) { return db_->Get(o, k, v); }
  Iterator* NewIterator(const ReadOptions& o) { return db_->NewIterator(o); }

 private:
  DB(leveldb::DB* db, Options options) : db_(db), options_(std::move(options)) {}
  leveldb::DB* db_;
  Options options_;  // keeps the filter policy and cache alive
};

inline Status DestroyDB(const std::string& name, const Options& options) {
  return leveldb::DestroyDB(name, options.ToLevelDB());
}

}  // namespace rocksdb

#endif  // SKYROCKS_BENCH_LEVELDB_AS_ROCKSDB_H_
