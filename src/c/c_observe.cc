// The C API of observability (rocksdb/c.h, RocksDB 7.8.3's declarations):
// statistics, the info LOG's options, the stats dump period, the rate
// limiter and the calling thread's PerfContext.
#include <cstring>

#include "c/c_types.h"
#include "rocksdb/perf_context.h"
#include "rocksdb/perf_level.h"
#include "rocksdb/rate_limiter.h"
#include "rocksdb/statistics.h"

// Shares the limiter: options set with it keep it alive after
// rocksdb_ratelimiter_destroy.
struct rocksdb_ratelimiter_t {
  std::shared_ptr<ROCKSDB_NAMESPACE::RateLimiter> rep;
};
// Points at the calling thread's PerfContext (not owned).
struct rocksdb_perfcontext_t {
  ROCKSDB_NAMESPACE::PerfContext* rep;
};

extern "C" {

void rocksdb_options_enable_statistics(rocksdb_options_t* opt) {
  opt->rep.statistics = ROCKSDB_NAMESPACE::CreateDBStatistics();
}

char* rocksdb_options_statistics_get_string(rocksdb_options_t* opt) {
  ROCKSDB_NAMESPACE::Statistics* st = opt->rep.statistics.get();
  return st != nullptr ? ROCKSDB_NAMESPACE::CApiCopyString(st->ToString())
                       : nullptr;
}

void rocksdb_options_set_stats_dump_period_sec(rocksdb_options_t* opt,
                                               unsigned int v) {
  opt->rep.stats_dump_period_sec = v;
}

unsigned int rocksdb_options_get_stats_dump_period_sec(rocksdb_options_t* opt) {
  return opt->rep.stats_dump_period_sec;
}

void rocksdb_options_set_info_log_level(rocksdb_options_t* opt, int v) {
  opt->rep.info_log_level = static_cast<ROCKSDB_NAMESPACE::InfoLogLevel>(v);
}

int rocksdb_options_get_info_log_level(rocksdb_options_t* opt) {
  return static_cast<int>(opt->rep.info_log_level);
}

void rocksdb_options_set_db_log_dir(rocksdb_options_t* opt, const char* v) {
  opt->rep.db_log_dir = v;
}

rocksdb_ratelimiter_t* rocksdb_ratelimiter_create(int64_t rate_bytes_per_sec,
                                                  int64_t refill_period_us,
                                                  int32_t fairness) {
  auto* r = new rocksdb_ratelimiter_t;
  r->rep.reset(ROCKSDB_NAMESPACE::NewGenericRateLimiter(
      rate_bytes_per_sec, refill_period_us, fairness));
  return r;
}

void rocksdb_ratelimiter_destroy(rocksdb_ratelimiter_t* limiter) {
  delete limiter;
}

void rocksdb_options_set_ratelimiter(rocksdb_options_t* opt,
                                     rocksdb_ratelimiter_t* limiter) {
  if (limiter != nullptr) opt->rep.rate_limiter = limiter->rep;
}

void rocksdb_set_perf_level(int v) {
  ROCKSDB_NAMESPACE::SetPerfLevel(static_cast<ROCKSDB_NAMESPACE::PerfLevel>(v));
}

rocksdb_perfcontext_t* rocksdb_perfcontext_create() {
  return new rocksdb_perfcontext_t{ROCKSDB_NAMESPACE::get_perf_context()};
}

void rocksdb_perfcontext_reset(rocksdb_perfcontext_t* context) {
  context->rep->Reset();
}

char* rocksdb_perfcontext_report(rocksdb_perfcontext_t* context,
                                 unsigned char exclude_zero_counters) {
  return ROCKSDB_NAMESPACE::CApiCopyString(
      context->rep->ToString(exclude_zero_counters != 0));
}

uint64_t rocksdb_perfcontext_metric(rocksdb_perfcontext_t* context,
                                    int metric) {
  using PerfContext = ROCKSDB_NAMESPACE::PerfContext;
  // rocksdb/c.h's metric numbers, in its order.
  static const uint64_t PerfContext::*const kFields[] = {
      &PerfContext::user_key_comparison_count,
      &PerfContext::block_cache_hit_count,
      &PerfContext::block_read_count,
      &PerfContext::block_read_byte,
      &PerfContext::block_read_time,
      &PerfContext::block_checksum_time,
      &PerfContext::block_decompress_time,
      &PerfContext::get_read_bytes,
      &PerfContext::multiget_read_bytes,
      &PerfContext::iter_read_bytes,
      &PerfContext::internal_key_skipped_count,
      &PerfContext::internal_delete_skipped_count,
      &PerfContext::internal_recent_skipped_count,
      &PerfContext::internal_merge_count,
      &PerfContext::get_snapshot_time,
      &PerfContext::get_from_memtable_time,
      &PerfContext::get_from_memtable_count,
      &PerfContext::get_post_process_time,
      &PerfContext::get_from_output_files_time,
      &PerfContext::seek_on_memtable_time,
      &PerfContext::seek_on_memtable_count,
      &PerfContext::next_on_memtable_count,
      &PerfContext::prev_on_memtable_count,
      &PerfContext::seek_child_seek_time,
      &PerfContext::seek_child_seek_count,
      &PerfContext::seek_min_heap_time,
      &PerfContext::seek_max_heap_time,
      &PerfContext::seek_internal_seek_time,
      &PerfContext::find_next_user_entry_time,
      &PerfContext::write_wal_time,
      &PerfContext::write_memtable_time,
      &PerfContext::write_delay_time,
      &PerfContext::write_pre_and_post_process_time,
      &PerfContext::db_mutex_lock_nanos,
      &PerfContext::db_condition_wait_nanos,
      &PerfContext::merge_operator_time_nanos,
      &PerfContext::read_index_block_nanos,
      &PerfContext::read_filter_block_nanos,
      &PerfContext::new_table_block_iter_nanos,
      &PerfContext::new_table_iterator_nanos,
      &PerfContext::block_seek_nanos,
      &PerfContext::find_table_nanos,
      &PerfContext::bloom_memtable_hit_count,
      &PerfContext::bloom_memtable_miss_count,
      &PerfContext::bloom_sst_hit_count,
      &PerfContext::bloom_sst_miss_count,
      &PerfContext::key_lock_wait_time,
      &PerfContext::key_lock_wait_count,
      &PerfContext::env_new_sequential_file_nanos,
      &PerfContext::env_new_random_access_file_nanos,
      &PerfContext::env_new_writable_file_nanos,
      &PerfContext::env_reuse_writable_file_nanos,
      &PerfContext::env_new_random_rw_file_nanos,
      &PerfContext::env_new_directory_nanos,
      &PerfContext::env_file_exists_nanos,
      &PerfContext::env_get_children_nanos,
      &PerfContext::env_get_children_file_attributes_nanos,
      &PerfContext::env_delete_file_nanos,
      &PerfContext::env_create_dir_nanos,
      &PerfContext::env_create_dir_if_missing_nanos,
      &PerfContext::env_delete_dir_nanos,
      &PerfContext::env_get_file_size_nanos,
      &PerfContext::env_get_file_modification_time_nanos,
      &PerfContext::env_rename_file_nanos,
      &PerfContext::env_link_file_nanos,
      &PerfContext::env_lock_file_nanos,
      &PerfContext::env_unlock_file_nanos,
      &PerfContext::env_new_logger_nanos,
      &PerfContext::number_async_seek,
      &PerfContext::blob_cache_hit_count,
      &PerfContext::blob_read_count,
      &PerfContext::blob_read_byte,
      &PerfContext::blob_read_time,
      &PerfContext::blob_checksum_time,
      &PerfContext::blob_decompress_time,
      &PerfContext::internal_range_del_reseek_count,
  };
  if (metric < 0 ||
      static_cast<size_t>(metric) >= sizeof(kFields) / sizeof(kFields[0])) {
    return 0;
  }
  return context->rep->*kFields[metric];
}

void rocksdb_perfcontext_destroy(rocksdb_perfcontext_t* context) {
  delete context;
}

}  // extern "C"
