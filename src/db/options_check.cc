// CheckOptionsSupported; contract in db/options_check.h.
//
// The audit of every field declared in rocksdb/options.h. Options that
// RocksDB has and skyrocks does not (db_paths, cf_paths, ...) are not
// declared at all, so a program setting them does not compile.
//
// Implemented: create_if_missing, create_missing_column_families,
//   error_if_exists, env, use_fsync, wal_dir, max_background_jobs,
//   max_background_compactions, max_background_flushes, max_subcompactions,
//   max_manifest_file_size, wal_recovery_mode, avoid_flush_during_shutdown,
//   manual_wal_flush, db_host_id, paranoid_checks (the background error
//   severity, as RocksDB), max_bgerror_resume_count,
//   bgerror_resume_retry_interval, info_log, info_log_level, db_log_dir,
//   max_log_file_size, keep_log_file_num, stats_dump_period_sec,
//   listeners; comparator, merge_operator,
//   write_buffer_size, max_write_buffer_number,
//   min_write_buffer_number_to_merge, compression, bottommost_compression,
//   compression_per_level, compression_opts, num_levels, the level0_* triggers,
//   target_file_size_base, target_file_size_multiplier,
//   max_bytes_for_level_base, max_bytes_for_level_multiplier,
//   level_compaction_dynamic_level_bytes, max_compaction_bytes,
//   compaction_style kCompactionStyleLevel, disable_auto_compactions,
//   table_factory (its BlockBasedTableOptions are checked when a table is
//   built), soft_pending_compaction_bytes_limit.
//
// Harmless to ignore (tuning hints and resources: they cannot change what
// is kept, where, or what an acknowledged write survives):
//   statistics,
//   max_total_wal_size (a flush trigger), delete_obsolete_files_period_micros,
//   recycle_log_file_num (WALs are written in the recyclable format but new
//   files are used), manifest_preallocation_size, allow_mmap_reads,
//   allow_mmap_writes, use_direct_reads,
//   use_direct_io_for_flush_and_compaction, is_fd_close_on_exec,
//   db_write_buffer_size, bytes_per_sync, wal_bytes_per_sync (background
//   syncs give no guarantee), enable_pipelined_write,
//   allow_concurrent_memtable_write, avoid_flush_during_recovery (recovered
//   data is flushed to L0 instead of kept in memtables: the same data);
//   paranoid_file_checks, optimize_filters_for_hits,
//   hard_pending_compaction_bytes_limit.
//
// Rejected when this build left their codec out (SKYROCKS_NO_LZ4,
// SKYROCKS_NO_ZSTD; table/block_codecs.h): compression,
//   bottommost_compression and compression_per_level naming LZ4/LZ4HC/ZSTD.
//
// Rejected unless at their default (they decide what is kept or where):
//   max_open_files (-1): skyrocks keeps every table it opened open until
//     the file is deleted; the raw TableReader pointers of point lookups
//     rely on that, so a capacity bound would need reader pinning;
//   atomic_flush (false): RocksDB then flushes all column families as one
//     unit, so that writes made without the WAL survive a crash in every
//     family or in none; skyrocks flushes each family on its own;
//   compaction_style (kCompactionStyleLevel): FIFO drops old data,
//     universal and none keep another shape; skyrocks compacts by level.
#include "db/options_check.h"

#include <string>

#include "table/block_codecs.h"
#include "table/format.h"

namespace ROCKSDB_NAMESPACE {

Status CheckOptionsSupported(
    const DBOptions& db_options,
    const std::vector<ColumnFamilyDescriptor>& column_families) {
  const DBOptions& d = db_options;
  if (d.max_open_files != -1) {
    return Status::NotSupported(
        "max_open_files=" + std::to_string(d.max_open_files),
        "skyrocks keeps every table file open (only -1 is supported)");
  }
  if (d.atomic_flush) {
    return Status::NotSupported(
        "atomic_flush=true", "skyrocks flushes each column family on its own");
  }
  for (const ColumnFamilyDescriptor& cf : column_families) {
    std::vector<CompressionType> types = cf.options.compression_per_level;
    types.push_back(cf.options.compression);
    types.push_back(cf.options.bottommost_compression);
    for (CompressionType t : types) {
      if (const char* macro = CodecCompiledOutBy(t)) {
        return Status::NotSupported(
            std::string("compression ") + CompressionTypeName(t),
            "of column family " + cf.name +
                ": this skyrocks was compiled without that codec (" + macro +
                ")");
      }
    }
    if (cf.options.compaction_style != kCompactionStyleLevel) {
      return Status::NotSupported(
          "compaction_style=" +
              std::to_string(static_cast<int>(cf.options.compaction_style)),
          "of column family " + cf.name +
              ": skyrocks implements only kCompactionStyleLevel");
    }
  }
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
