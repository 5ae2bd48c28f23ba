// RocksDB 7.8.3's option presets (OldDefaults, OptimizeForSmallDb,
// OptimizeForPointLookup, OptimizeLevelStyleCompaction,
// IncreaseParallelism, PrepareForBulkLoad): the same changes to the fields
// skyrocks has, checked field by field against librocksdb by
// tests/oracle/options_diff.cpp. Fields RocksDB also changes and skyrocks
// lacks (compaction_pri, delayed_write_rate, max_file_opening_threads,
// table_cache_numshardbits, write_buffer_manager,
// data_block_hash_table_util_ratio) are left out.
#include "rocksdb/env.h"
#include "rocksdb/options.h"

namespace ROCKSDB_NAMESPACE {

namespace {

bool VersionBefore(int major, int minor, int than_major, int than_minor) {
  return major < than_major || (major == than_major && minor < than_minor);
}

}  // namespace

ColumnFamilyOptions* ColumnFamilyOptions::OldDefaults(
    int rocksdb_major_version, int rocksdb_minor_version) {
  if (VersionBefore(rocksdb_major_version, rocksdb_minor_version, 4, 7)) {
    write_buffer_size = 4 << 20;
    target_file_size_base = 2 * 1048576;
    max_bytes_for_level_base = 10 * 1048576;
    soft_pending_compaction_bytes_limit = 0;
    hard_pending_compaction_bytes_limit = 0;
  }
  if (rocksdb_major_version < 5) {
    level0_stop_writes_trigger = 24;
  } else if (rocksdb_major_version == 5 && rocksdb_minor_version < 2) {
    level0_stop_writes_trigger = 30;
  }
  return this;
}

ColumnFamilyOptions* ColumnFamilyOptions::OptimizeForSmallDb(
    std::shared_ptr<Cache>* cache) {
  write_buffer_size = 2 << 20;
  target_file_size_base = 2 * 1048576;
  max_bytes_for_level_base = 10 * 1048576;
  soft_pending_compaction_bytes_limit = 256 * 1048576;
  hard_pending_compaction_bytes_limit = 1073741824ull;
  BlockBasedTableOptions t;
  if (cache != nullptr) t.block_cache = *cache;
  t.cache_index_and_filter_blocks = true;
  t.index_type = BlockBasedTableOptions::kTwoLevelIndexSearch;
  table_factory.reset(NewBlockBasedTableFactory(t));
  return this;
}

ColumnFamilyOptions* ColumnFamilyOptions::OptimizeForPointLookup(
    uint64_t block_cache_size_mb) {
  BlockBasedTableOptions t;
  t.data_block_index_type = BlockBasedTableOptions::kDataBlockBinaryAndHash;
  t.filter_policy.reset(NewBloomFilterPolicy(10));
  t.block_cache = NewLRUCache(static_cast<size_t>(block_cache_size_mb << 20));
  table_factory.reset(NewBlockBasedTableFactory(t));
  memtable_prefix_bloom_size_ratio = 0.02;
  memtable_whole_key_filtering = true;
  return this;
}

ColumnFamilyOptions* ColumnFamilyOptions::OptimizeLevelStyleCompaction(
    uint64_t memtable_memory_budget) {
  write_buffer_size = static_cast<size_t>(memtable_memory_budget / 4);
  // Merge two memtables when flushing to L0.
  min_write_buffer_number_to_merge = 2;
  // So that writes do not stop while they are merged and flushed.
  max_write_buffer_number = 6;
  // L0 starts compacting at twice the memtable budget / 4.
  level0_file_num_compaction_trigger = 2;
  target_file_size_base = memtable_memory_budget / 8;
  max_bytes_for_level_base = memtable_memory_budget;
  compaction_style = kCompactionStyleLevel;
  // Only compress levels >= 2 (skyrocks has LZ4, RocksDB's first choice).
  compression_per_level.resize(static_cast<size_t>(num_levels));
  for (int i = 0; i < num_levels; ++i) {
    compression_per_level[static_cast<size_t>(i)] =
        i < 2 ? kNoCompression : kLZ4Compression;
  }
  return this;
}

DBOptions* DBOptions::OldDefaults(int /*rocksdb_major_version*/,
                                  int /*rocksdb_minor_version*/) {
  max_open_files = 5000;
  wal_recovery_mode = WALRecoveryMode::kTolerateCorruptedTailRecords;
  return this;
}

DBOptions* DBOptions::OptimizeForSmallDb(std::shared_ptr<Cache>* /*cache*/) {
  max_open_files = 5000;
  return this;
}

DBOptions* DBOptions::IncreaseParallelism(int total_threads) {
  max_background_jobs = total_threads;
  Env* e = env != nullptr ? env : Env::Default();
  e->SetBackgroundThreads(total_threads, Env::LOW);
  e->SetBackgroundThreads(1, Env::HIGH);
  return this;
}

Options* Options::OldDefaults(int rocksdb_major_version,
                              int rocksdb_minor_version) {
  ColumnFamilyOptions::OldDefaults(rocksdb_major_version,
                                   rocksdb_minor_version);
  DBOptions::OldDefaults(rocksdb_major_version, rocksdb_minor_version);
  return this;
}

Options* Options::OptimizeForSmallDb() {
  std::shared_ptr<Cache> cache = NewLRUCache(16 << 20);
  ColumnFamilyOptions::OptimizeForSmallDb(&cache);
  DBOptions::OptimizeForSmallDb(&cache);
  return this;
}

Options* Options::PrepareForBulkLoad() {
  // Never slow down or stop writes; compact at the end (CompactRange).
  level0_file_num_compaction_trigger = (1 << 30);
  level0_slowdown_writes_trigger = (1 << 30);
  level0_stop_writes_trigger = (1 << 30);
  soft_pending_compaction_bytes_limit = 0;
  hard_pending_compaction_bytes_limit = 0;
  disable_auto_compactions = true;
  max_compaction_bytes = (static_cast<uint64_t>(1) << 60);
  // L0 and one level below it: every file goes there in one compaction.
  num_levels = 2;
  max_write_buffer_number = 6;
  min_write_buffer_number_to_merge = 1;
  max_background_flushes = 4;
  max_background_compactions = 2;
  target_file_size_base = 256 * 1024 * 1024;
  return this;
}

}  // namespace ROCKSDB_NAMESPACE
