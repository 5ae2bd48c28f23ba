// Options: how a DB, its column families and single reads and writes
// behave (RocksDB's structs, field names and 7.8.3 defaults). Options
// skyrocks does not know are absent, so a RocksDB program that sets one
// fails to compile instead of being silently ignored; of those declared,
// the few skyrocks does not honour but that decide what is kept or where
// (max_open_files, WAL_ttl_seconds, WAL_size_limit_MB, atomic_flush,
// compaction_style) fail DB::Open with NotSupported unless left at their
// defaults; the others are implemented or pure tuning hints (the audit is
// in src/db/options_check.cc). Plain values: copy freely; shared_ptr
// members are shared.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_OPTIONS_H_
#define SKYROCKS_INCLUDE_ROCKSDB_OPTIONS_H_

#include <atomic>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/cache.h"
#include "rocksdb/comparator.h"
#include "rocksdb/compression_type.h"
#include "rocksdb/env.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"

namespace ROCKSDB_NAMESPACE {

class CompactionFilter;
class CompactionFilterFactory;
class EventListener;
class Env;
class MergeOperator;
class Snapshot;
class RateLimiter;
class Statistics;

enum class WALRecoveryMode : char {
  kTolerateCorruptedTailRecords = 0x00,
  kAbsoluteConsistency = 0x01,
  kPointInTimeRecovery = 0x02,
  kSkipAnyCorruptedRecords = 0x03,
};

enum CompactionStyle : char {
  kCompactionStyleLevel = 0x0,
  kCompactionStyleUniversal = 0x1,
  kCompactionStyleFIFO = 0x2,
  kCompactionStyleNone = 0x3,
};

struct CompressionOptions {
  int window_bits = -14;
  int level = 32767;  // kDefaultCompressionLevel
  int strategy = 0;
  uint32_t max_dict_bytes = 0;
  uint32_t zstd_max_train_bytes = 0;
  bool enabled = false;
};

// Options of one column family.
struct ColumnFamilyOptions {
  ColumnFamilyOptions();

  // RocksDB 7.8.3's presets; each changes only the fields named in
  // src/table/options_presets.cc and returns this.
  // The settings of RocksDB major.minor (before 4.7, 5.2 and 5.18).
  ColumnFamilyOptions* OldDefaults(int rocksdb_major_version = 4,
                                   int rocksdb_minor_version = 6);
  // Small memtables and files; a new table factory with index and filter
  // blocks in *cache (nullptr: the default block cache).
  ColumnFamilyOptions* OptimizeForSmallDb(
      std::shared_ptr<Cache>* cache = nullptr);
  // A new table factory: 10-bit Bloom filters, a block cache of
  // block_cache_size_mb MiB, hashed data block index.
  ColumnFamilyOptions* OptimizeForPointLookup(uint64_t block_cache_size_mb);
  // Memtables and levels sized from the memtable budget; no compression on
  // L0 and L1, LZ4 below.
  ColumnFamilyOptions* OptimizeLevelStyleCompaction(
      uint64_t memtable_memory_budget = 512 * 1024 * 1024);

  const Comparator* comparator = BytewiseComparator();
  std::shared_ptr<MergeOperator> merge_operator;
  // Applied to compactions (not owned; must be thread-safe: compactions
  // run at once). Wins over compaction_filter_factory.
  const CompactionFilter* compaction_filter = nullptr;
  // A filter per compaction (and per flush when the factory's
  // ShouldFilterTableFileCreation allows kFlush).
  std::shared_ptr<CompactionFilterFactory> compaction_filter_factory;
  size_t write_buffer_size = 64 << 20;
  int max_write_buffer_number = 2;
  int min_write_buffer_number_to_merge = 1;
  CompressionType compression = kSnappyCompression;
  CompressionType bottommost_compression = kDisableCompressionOption;
  CompressionOptions compression_opts;
  // Non-empty: the compression of each level's SSTs (flush and compaction
  // outputs), the last entry for deeper levels; replaces `compression`.
  // bottommost_compression still wins on the last level when set.
  std::vector<CompressionType> compression_per_level;
  int num_levels = 7;
  int level0_file_num_compaction_trigger = 4;
  int level0_slowdown_writes_trigger = 20;
  int level0_stop_writes_trigger = 36;
  uint64_t target_file_size_base = 64ull << 20;
  int target_file_size_multiplier = 1;
  uint64_t max_bytes_for_level_base = 256ull << 20;
  double max_bytes_for_level_multiplier = 10;
  bool level_compaction_dynamic_level_bytes = false;
  uint64_t max_compaction_bytes = 0;  // 0: 25 x target_file_size_base
  CompactionStyle compaction_style = kCompactionStyleLevel;
  bool disable_auto_compactions = false;
  std::shared_ptr<TableFactory> table_factory;
  bool paranoid_file_checks = false;
  bool optimize_filters_for_hits = false;
  uint64_t soft_pending_compaction_bytes_limit = 64ull << 30;
  uint64_t hard_pending_compaction_bytes_limit = 256ull << 30;
  // The prefix of each key that filters hold and prefix seeks use
  // (rocksdb/slice_transform.h). With a filter_policy, SSTs' filters hold
  // the prefixes too (and only them without whole_key_filtering); an
  // iterator's Seek then skips the tables and memtables whose filter rules
  // the target's prefix out unless ReadOptions::total_order_seek: keys of
  // the target's prefix are all found, later keys may be missing. Changeable
  // with SetOptions.
  std::shared_ptr<const SliceTransform> prefix_extractor;
  // > 0 (at most 0.25): each memtable has a Bloom filter of
  // write_buffer_size * ratio bytes over the prefixes of its keys (and the
  // whole keys with memtable_whole_key_filtering), consulted by Get and by
  // prefix seeks.
  double memtable_prefix_bloom_size_ratio = 0;
  bool memtable_whole_key_filtering = false;
};

// Options of the whole DB.
struct DBOptions {
  // RocksDB 7.8.3's presets (see ColumnFamilyOptions); return this.
  DBOptions* OldDefaults(int rocksdb_major_version = 4,
                         int rocksdb_minor_version = 6);
  // max_open_files = 5000 (which skyrocks' DB::Open refuses: it keeps
  // every table open).
  DBOptions* OptimizeForSmallDb(std::shared_ptr<Cache>* cache = nullptr);
  // max_background_jobs = total_threads, and Env::Default()'s LOW pool
  // total_threads threads, its HIGH pool 1.
  DBOptions* IncreaseParallelism(int total_threads = 16);

  bool create_if_missing = false;
  bool create_missing_column_families = false;
  bool error_if_exists = false;
  bool paranoid_checks = true;
  Env* env = nullptr;  // nullptr: Env::Default()
  int max_open_files = -1;
  uint64_t max_total_wal_size = 0;
  // The info LOG (db/info_log.h): null: DB::Open writes "<db>/LOG" (or
  // into db_log_dir), the previous one kept as LOG.old.<micros>; messages
  // below info_log_level are dropped. Read-only opens write none.
  std::shared_ptr<Logger> info_log;
  InfoLogLevel info_log_level = INFO_LEVEL;
  std::string db_log_dir;
  // Every this many seconds (0: never) the DB writes its stats (and the
  // Statistics' counters) to the info LOG; the timer starts with the
  // DB's first flush. Changeable with SetDBOptions.
  unsigned int stats_dump_period_sec = 600;
  // Called on flushes, compactions, table files made and deleted and
  // background errors (rocksdb/listener.h).
  std::vector<std::shared_ptr<EventListener>> listeners;
  std::shared_ptr<Statistics> statistics;
  // Flush (IO_HIGH) and compaction (IO_LOW) writes draw their bytes from
  // it (rocksdb/rate_limiter.h); null: unlimited.
  std::shared_ptr<RateLimiter> rate_limiter;
  bool use_fsync = false;
  // Where the WALs are written and replayed from; empty (or the DB's own
  // directory): the DB directory. Created if missing, not its parents.
  std::string wal_dir;
  uint64_t delete_obsolete_files_period_micros = 6ull * 60 * 60 * 1000000;
  // Flushes and compactions at once: max(1, jobs / 4) flushes, the rest
  // compactions (one until compactions fall behind, as in RocksDB), unless
  // the legacy limits below are set.
  int max_background_jobs = 2;
  int max_background_compactions = -1;  // > 0: the compaction limit
  int max_background_flushes = -1;      // > 0: the flush limit
  // Splits of one L0 or manual compaction run at once (by key range).
  uint32_t max_subcompactions = 1;
  // The info LOG rolls at this size (0: only at open); at most
  // keep_log_file_num of its files are kept.
  size_t max_log_file_size = 0;
  size_t keep_log_file_num = 1000;
  size_t recycle_log_file_num = 0;
  uint64_t max_manifest_file_size = 1024ull * 1024 * 1024;
  uint64_t WAL_ttl_seconds = 0;
  uint64_t WAL_size_limit_MB = 0;
  size_t manifest_preallocation_size = 4 * 1024 * 1024;
  bool allow_mmap_reads = false;
  bool allow_mmap_writes = false;
  bool use_direct_reads = false;
  bool use_direct_io_for_flush_and_compaction = false;
  bool is_fd_close_on_exec = true;
  size_t db_write_buffer_size = 0;
  uint64_t bytes_per_sync = 0;
  uint64_t wal_bytes_per_sync = 0;
  bool enable_pipelined_write = false;
  bool allow_concurrent_memtable_write = true;
  WALRecoveryMode wal_recovery_mode = WALRecoveryMode::kPointInTimeRecovery;
  bool avoid_flush_during_recovery = false;
  bool avoid_flush_during_shutdown = false;
  bool manual_wal_flush = false;
  bool atomic_flush = false;
  // Two-phase commit (TransactionDB sets it): WAL replay keeps prepared
  // sections apart until their commit marker, and WALs holding prepared
  // but uncommitted data are kept. Without it, opening a DB whose WAL
  // holds a prepared section is NotSupported.
  bool allow_2pc = false;
  // After a retryable background I/O error (a flush or WAL write whose
  // IOStatus is retryable, e.g. an object store answering 503), the DB
  // resumes on its own: up to this many tries (<= 0: never, only
  // DB::Resume), this many microseconds apart. Writes fail meanwhile.
  int max_bgerror_resume_count = INT_MAX;
  uint64_t bgerror_resume_retry_interval = 1000000;
  // Written to IDENTITY when non-empty, else generated.
  std::string db_host_id = "__hostname__";
};

// Options for a DB: DBOptions plus the default column family's options.
struct Options : public DBOptions, public ColumnFamilyOptions {
  Options() = default;
  Options(const DBOptions& db_options, const ColumnFamilyOptions& cf_options)
      : DBOptions(db_options), ColumnFamilyOptions(cf_options) {}

  Options* OldDefaults(int rocksdb_major_version = 4,
                       int rocksdb_minor_version = 6);
  // Both presets, sharing one 16 MiB block cache.
  Options* OptimizeForSmallDb();
  // For loading many keys before reading: no automatic compaction, two
  // levels, no write stalls (then CompactRange).
  Options* PrepareForBulkLoad();
};

enum ReadTier {
  kReadAllTier = 0x0,
  kBlockCacheTier = 0x1,
  kPersistedTier = 0x2,
  kMemtableTier = 0x3,
};

struct ReadOptions {
  ReadOptions() = default;
  ReadOptions(bool cksum, bool cache)
      : verify_checksums(cksum), fill_cache(cache) {}

  // nullptr: read the latest state.
  const Snapshot* snapshot = nullptr;
  // Not owned; must outlive iterators that use them.
  const Slice* iterate_lower_bound = nullptr;
  const Slice* iterate_upper_bound = nullptr;
  size_t readahead_size = 0;
  ReadTier read_tier = kReadAllTier;
  bool verify_checksums = true;
  bool fill_cache = true;
  bool tailing = false;
  // With a prefix_extractor: Seek ignores the prefix filters, and the
  // iterator is ordered over all keys.
  bool total_order_seek = false;
  // With a prefix_extractor: the iterator ends after the keys sharing the
  // prefix of the Seek target (or of the first key, after SeekToFirst).
  bool prefix_same_as_start = false;
  // Total order, but prefix filters are used where they cannot change the
  // result: when iterate_upper_bound keeps the range within the target's
  // prefix (or ends at the next one of the same length).
  bool auto_prefix_mode = false;
  bool pin_data = false;
  bool ignore_range_deletions = false;
};

struct WriteOptions {
  // fsync (fdatasync) the WAL before acknowledging the write.
  bool sync = false;
  bool disableWAL = false;
  bool ignore_missing_column_families = false;
  bool no_slowdown = false;
  bool low_pri = false;
};

struct FlushOptions {
  bool wait = true;
  bool allow_write_stall = false;
};

// What CompactRange does with the last level holding data in the range.
enum class BottommostLevelCompaction {
  kSkip,                    // leave it
  kIfHaveCompactionFilter,  // compact it if the column family has a
                            // compaction filter (or factory), else skip it
  kForce,                   // compact it
  // Compact it, but not the files this CompactRange call wrote into it.
  kForceOptimized,
};

struct CompactRangeOptions {
  // No other compaction runs while this one does (it waits for running
  // ones); false: it runs beside automatic compactions that do not touch
  // its files.
  bool exclusive_manual_compaction = true;
  // Afterwards, move the level the range ended up in to target_level (< 0:
  // the smallest empty level above it that can hold it).
  bool change_level = false;
  int target_level = -1;
  uint32_t target_path_id = 0;
  BottommostLevelCompaction bottommost_level_compaction =
      BottommostLevelCompaction::kIfHaveCompactionFilter;
  // false: wait until the flush this call starts with would not stall
  // writes.
  bool allow_write_stall = false;
  // > 0: replaces DBOptions::max_subcompactions for this call.
  uint32_t max_subcompactions = 0;
  // Set to true (by any thread) to abandon the call: it returns
  // Status::Incomplete (kManualCompactionPaused).
  std::atomic<bool>* canceled = nullptr;
};

// DB::CompactFiles' options.
struct CompactionOptions {
  // The outputs' compression; kDisableCompressionOption: the column
  // family's.
  CompressionType compression = kSnappyCompression;
  // Outputs are cut near this size (between user keys); the default makes
  // one output file.
  uint64_t output_file_size_limit = std::numeric_limits<uint64_t>::max();
  // > 0: replaces DBOptions::max_subcompactions for this call.
  uint32_t max_subcompactions = 0;
};

// DB::IngestExternalFile's options, RocksDB 7.8.3's defaults.
struct IngestExternalFileOptions {
  bool move_files = false;
  bool failed_move_fall_back_to_copy = true;
  bool snapshot_consistency = true;
  bool allow_global_seqno = true;
  bool allow_blocking_flush = true;
  bool ingest_behind = false;  // not supported (NotSupported)
  // Accepted; skyrocks records the global seqno in the MANIFEST only (as
  // RocksDB on a FileSystem without random-access writes).
  bool write_global_seqno = true;
  bool verify_checksums_before_ingest = false;
  size_t verify_checksums_readahead_size = 0;  // accepted, unused
  bool verify_file_checksum = true;            // accepted, unused
  // TryAgain unless every file can go to the last level.
  bool fail_if_not_bottommost_level = false;
};

// DB::GetApproximateSizes' options: at least one of include_memtables and
// include_files must be set. files_size_error_margin is accepted and
// ignored (the estimate is always the precise one).
struct SizeApproximationOptions {
  bool include_memtables = false;
  bool include_files = true;
  double files_size_error_margin = -1.0;
};

// RocksDB's legacy per-file I/O options (SstFileWriter takes one).
struct EnvOptions {
  bool use_mmap_reads = false;
  bool use_mmap_writes = true;
  bool use_direct_reads = false;
  bool use_direct_writes = false;
  bool allow_fallocate = true;
  bool set_fd_cloexec = true;
  uint64_t bytes_per_sync = 0;
  size_t writable_file_max_buffer_size = 1024 * 1024;
};

// The logger DB::Open makes when options.info_log is null: the LOG file
// of dbname (or in options.db_log_dir), rolled per max_log_file_size.
Status CreateLoggerFromOptions(const std::string& dbname,
                               const DBOptions& options,
                               std::shared_ptr<Logger>* logger);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_OPTIONS_H_
