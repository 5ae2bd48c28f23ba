// Differential program for Statistics (issue 19 item 7): built against
// librocksdb 7.8.3 ($(BUILD)/oracle/stats_diff) and against skyrocks
// ($(BUILD)/diff/stats_diff); each mode must print the same lines with
// both (tests/unit/db/stats_diff_test.cpp compares them).
//
//   stats_diff names     every "rocksdb.*" ticker and histogram: value, name
//   stats_diff db DIR    a single-threaded workload on a DB with statistics
//                        (writes, memtable and SST reads through a bloom
//                        filter and a block cache, a flush, a compaction,
//                        a sync write, levels, Reset) and the counters that
//                        both libraries must report alike
//   stats_diff perf DIR  the calling thread's PerfContext over Gets from a
//                        memtable and from an SST (levels off and on)
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/perf_context.h>
#include <rocksdb/perf_level.h>
#include <rocksdb/statistics.h>
#include <rocksdb/table.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>

namespace {

using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::HistogramData;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Statistics;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteOptions;

bool Rocks(const std::string& name) { return name.compare(0, 8, "rocksdb.") == 0; }

int Names() {
  for (const auto& t : ROCKSDB_NAMESPACE::TickersNameMap) {
    if (Rocks(t.second)) std::printf("ticker %u %s\n", t.first, t.second.c_str());
  }
  for (const auto& h : ROCKSDB_NAMESPACE::HistogramsNameMap) {
    if (Rocks(h.second)) std::printf("histogram %u %s\n", h.first, h.second.c_str());
  }
  return 0;
}

void Show(Statistics* st, const char* what, uint32_t ticker) {
  std::printf("%s %llu\n", what,
              static_cast<unsigned long long>(st->getTickerCount(ticker)));
}

void ShowHist(Statistics* st, const char* what, uint32_t hist) {
  HistogramData d;
  st->histogramData(hist, &d);
  std::printf("%s count %llu\n", what, static_cast<unsigned long long>(d.count));
}

std::string Key(int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "key%04d", i);
  return buf;
}

int Db(const std::string& dir) {
  namespace r = ROCKSDB_NAMESPACE;
  Options o;
  o.create_if_missing = true;
  o.statistics = r::CreateDBStatistics();
  r::BlockBasedTableOptions t;
  t.filter_policy.reset(r::NewBloomFilterPolicy(10));
  t.block_cache = r::NewLRUCache(8 << 20);
  o.table_factory.reset(r::NewBlockBasedTableFactory(t));
  Statistics* st = o.statistics.get();
  std::unique_ptr<DB> db;
  {
    DB* raw = nullptr;
    Status s = DB::Open(o, dir, &raw);
    if (!s.ok()) {
      std::printf("open %s\n", s.ToString().c_str());
      return 1;
    }
    db.reset(raw);
  }
  std::printf("level default %d\n", static_cast<int>(st->get_stats_level()));
  for (int i = 0; i <= 200; i += 2) {
    if (!db->Put(WriteOptions(), Key(i), std::string(100, 'v')).ok()) return 1;
  }
  Show(st, "keys written", r::NUMBER_KEYS_WRITTEN);
  Show(st, "bytes written", r::BYTES_WRITTEN);
  Show(st, "done by self", r::WRITE_DONE_BY_SELF);
  Show(st, "done by other", r::WRITE_DONE_BY_OTHER);
  Show(st, "wal synced", r::WAL_FILE_SYNCED);
  ShowHist(st, "db write", r::DB_WRITE);
  // 100 present, 100 absent (odd numbers, inside the key range).
  std::string v;
  auto read_all = [&] {
    int found = 0;
    for (int i = 0; i < 200; i++) {
      if (db->Get(ReadOptions(), Key(i), &v).ok()) found++;
    }
    std::printf("found %d\n", found);
  };
  read_all();
  Show(st, "keys read", r::NUMBER_KEYS_READ);
  Show(st, "bytes read", r::BYTES_READ);
  Show(st, "memtable hit", r::MEMTABLE_HIT);
  Show(st, "memtable miss", r::MEMTABLE_MISS);
  ShowHist(st, "db get", r::DB_GET);
  if (!db->Flush(r::FlushOptions()).ok()) return 1;
  std::printf("flush bytes > 0: %d\n", st->getTickerCount(r::FLUSH_WRITE_BYTES) > 0);
  ShowHist(st, "flush time", r::FLUSH_TIME);
  read_all();
  Show(st, "memtable miss", r::MEMTABLE_MISS);
  Show(st, "bloom useful", r::BLOOM_FILTER_USEFUL);
  Show(st, "bloom full positive", r::BLOOM_FILTER_FULL_POSITIVE);
  Show(st, "data miss", r::BLOCK_CACHE_DATA_MISS);
  Show(st, "data add", r::BLOCK_CACHE_DATA_ADD);
  std::printf("data hit > 0: %d\n", st->getTickerCount(r::BLOCK_CACHE_DATA_HIT) > 0);
  std::printf("cache hit == data hit: %d\n",
              st->getTickerCount(r::BLOCK_CACHE_HIT) ==
                  st->getTickerCount(r::BLOCK_CACHE_DATA_HIT));
  std::printf("cache miss == data miss: %d\n",
              st->getTickerCount(r::BLOCK_CACHE_MISS) ==
                  st->getTickerCount(r::BLOCK_CACHE_DATA_MISS));
  std::printf("cache bytes write > 0: %d\n",
              st->getTickerCount(r::BLOCK_CACHE_BYTES_WRITE) > 0);
  // A second file, then a compaction of both.
  for (int i = 0; i < 200; i += 3) {
    if (!db->Put(WriteOptions(), Key(i), std::string(50, 'w')).ok()) return 1;
  }
  if (!db->Flush(r::FlushOptions()).ok()) return 1;
  if (!db->CompactRange(r::CompactRangeOptions(), nullptr, nullptr).ok()) return 1;
  std::printf("compact read > 0: %d\n", st->getTickerCount(r::COMPACT_READ_BYTES) > 0);
  std::printf("compact write > 0: %d\n", st->getTickerCount(r::COMPACT_WRITE_BYTES) > 0);
  ShowHist(st, "compaction time", r::COMPACTION_TIME);
  WriteOptions sync;
  sync.sync = true;
  if (!db->Put(sync, "synced", "x").ok()) return 1;
  Show(st, "wal synced", r::WAL_FILE_SYNCED);
  std::printf("wal bytes > 0: %d\n", st->getTickerCount(r::WAL_FILE_BYTES) > 0);
  // Without histograms, a Get is counted but not timed.
  st->set_stats_level(r::kExceptHistogramOrTimers);
  db->Get(ReadOptions(), Key(0), &v).PermitUncheckedError();
  ShowHist(st, "db get", r::DB_GET);
  Show(st, "keys read", r::NUMBER_KEYS_READ);
  st->set_stats_level(r::kExceptDetailedTimers);
  // The text form: one line per ticker, then per histogram.
  const std::string text = st->ToString();
  std::printf("first line: %s\n", text.substr(0, text.find(" : ")).c_str());
  std::printf("has get line: %d\n",
              text.find("\nrocksdb.db.get.micros P50 : ") != std::string::npos);
  std::map<std::string, uint64_t> map;
  std::printf("ticker map: %d\n", st->getTickerMap(&map));
  std::printf("map keys written %llu\n",
              static_cast<unsigned long long>(map["rocksdb.number.keys.written"]));
  std::printf("get and reset %llu\n",
              static_cast<unsigned long long>(
                  st->getAndResetTickerCount(r::NUMBER_KEYS_WRITTEN)));
  Show(st, "keys written", r::NUMBER_KEYS_WRITTEN);
  std::printf("reset %s\n", st->Reset().ToString().c_str());
  Show(st, "keys read", r::NUMBER_KEYS_READ);
  ShowHist(st, "db get", r::DB_GET);
  db.reset();
  return 0;
}

int Perf(const std::string& dir) {
  namespace r = ROCKSDB_NAMESPACE;
  Options o;
  o.create_if_missing = true;
  r::BlockBasedTableOptions t;
  t.filter_policy.reset(r::NewBloomFilterPolicy(10));
  t.block_cache = r::NewLRUCache(8 << 20);
  o.table_factory.reset(r::NewBlockBasedTableFactory(t));
  std::unique_ptr<DB> db;
  {
    DB* raw = nullptr;
    if (!DB::Open(o, dir, &raw).ok()) return 1;
    db.reset(raw);
  }
  r::PerfContext* pc = r::get_perf_context();
  std::printf("level %d\n", static_cast<int>(r::GetPerfLevel()));
  for (int i = 0; i <= 200; i += 2) {
    if (!db->Put(WriteOptions(), Key(i), std::string(100, 'v')).ok()) return 1;
  }
  std::string v;
  pc->Reset();
  (void)db->Get(ReadOptions(), Key(0), &v);
  std::printf("default: memtable gets %llu\n",
              static_cast<unsigned long long>(pc->get_from_memtable_count));
  r::SetPerfLevel(r::kDisable);
  pc->Reset();
  (void)db->Get(ReadOptions(), Key(0), &v);
  std::printf("off: memtable gets %llu\n",
              static_cast<unsigned long long>(pc->get_from_memtable_count));
  r::SetPerfLevel(r::kEnableCount);
  std::printf("level %d\n", static_cast<int>(r::GetPerfLevel()));
  for (int i = 0; i < 20; i++) (void)db->Get(ReadOptions(), Key(i), &v);
  auto show = [&](const char* what) {
    std::printf("%s: memtable gets %llu read bytes %llu bloom hit %llu miss %llu "
                "cache hit %llu\n",
                what, static_cast<unsigned long long>(pc->get_from_memtable_count),
                static_cast<unsigned long long>(pc->get_read_bytes),
                static_cast<unsigned long long>(pc->bloom_sst_hit_count),
                static_cast<unsigned long long>(pc->bloom_sst_miss_count),
                static_cast<unsigned long long>(pc->block_cache_hit_count));
  };
  show("memtable");
  if (!db->Flush(r::FlushOptions()).ok()) return 1;
  pc->Reset();
  for (int i = 0; i < 200; i++) (void)db->Get(ReadOptions(), Key(i), &v);
  show("sst");
  std::printf("block reads > 0: %d, bytes > 0: %d\n", pc->block_read_count > 0,
              pc->block_read_byte > 0);
  const std::string text = pc->ToString(true);
  std::printf("text has bloom_sst_miss_count: %d\n",
              text.find("bloom_sst_miss_count = ") != std::string::npos);
  r::PerfContext copy = *pc;
  pc->Reset();
  std::printf("copy keeps %llu, reset %llu\n",
              static_cast<unsigned long long>(copy.bloom_sst_miss_count),
              static_cast<unsigned long long>(pc->bloom_sst_miss_count));
  db.reset();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "names") return Names();
  if (mode == "db" && argc > 2) return Db(argv[2]);
  if (mode == "perf" && argc > 2) return Perf(argv[2]);
  std::fprintf(stderr, "usage: stats_diff names | db DIR | perf DIR\n");
  return 2;
}
