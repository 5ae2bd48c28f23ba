// The per-thread PerfContext and PerfLevel; contract in
// rocksdb/perf_context.h and rocksdb/perf_level.h.
#include "rocksdb/perf_context.h"

#include "util/perf_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Each field's name and member, in the struct's order.
struct PerfField {
  const char* name;
  uint64_t PerfContext::*member;
};

const PerfField kPerfFields[] = {
    {"user_key_comparison_count", &PerfContext::user_key_comparison_count},
    {"block_cache_hit_count", &PerfContext::block_cache_hit_count},
    {"block_read_count", &PerfContext::block_read_count},
    {"block_read_byte", &PerfContext::block_read_byte},
    {"block_read_time", &PerfContext::block_read_time},
    {"block_cache_index_hit_count", &PerfContext::block_cache_index_hit_count},
    {"block_cache_standalone_handle_count", &PerfContext::block_cache_standalone_handle_count},
    {"block_cache_real_handle_count", &PerfContext::block_cache_real_handle_count},
    {"index_block_read_count", &PerfContext::index_block_read_count},
    {"block_cache_filter_hit_count", &PerfContext::block_cache_filter_hit_count},
    {"filter_block_read_count", &PerfContext::filter_block_read_count},
    {"compression_dict_block_read_count", &PerfContext::compression_dict_block_read_count},
    {"secondary_cache_hit_count", &PerfContext::secondary_cache_hit_count},
    {"compressed_sec_cache_insert_real_count", &PerfContext::compressed_sec_cache_insert_real_count},
    {"compressed_sec_cache_insert_dummy_count", &PerfContext::compressed_sec_cache_insert_dummy_count},
    {"compressed_sec_cache_uncompressed_bytes", &PerfContext::compressed_sec_cache_uncompressed_bytes},
    {"compressed_sec_cache_compressed_bytes", &PerfContext::compressed_sec_cache_compressed_bytes},
    {"block_checksum_time", &PerfContext::block_checksum_time},
    {"block_decompress_time", &PerfContext::block_decompress_time},
    {"get_read_bytes", &PerfContext::get_read_bytes},
    {"multiget_read_bytes", &PerfContext::multiget_read_bytes},
    {"iter_read_bytes", &PerfContext::iter_read_bytes},
    {"blob_cache_hit_count", &PerfContext::blob_cache_hit_count},
    {"blob_read_count", &PerfContext::blob_read_count},
    {"blob_read_byte", &PerfContext::blob_read_byte},
    {"blob_read_time", &PerfContext::blob_read_time},
    {"blob_checksum_time", &PerfContext::blob_checksum_time},
    {"blob_decompress_time", &PerfContext::blob_decompress_time},
    {"internal_key_skipped_count", &PerfContext::internal_key_skipped_count},
    {"internal_delete_skipped_count", &PerfContext::internal_delete_skipped_count},
    {"internal_recent_skipped_count", &PerfContext::internal_recent_skipped_count},
    {"internal_merge_count", &PerfContext::internal_merge_count},
    {"internal_range_del_reseek_count", &PerfContext::internal_range_del_reseek_count},
    {"get_snapshot_time", &PerfContext::get_snapshot_time},
    {"get_from_memtable_time", &PerfContext::get_from_memtable_time},
    {"get_from_memtable_count", &PerfContext::get_from_memtable_count},
    {"get_post_process_time", &PerfContext::get_post_process_time},
    {"get_from_output_files_time", &PerfContext::get_from_output_files_time},
    {"seek_on_memtable_time", &PerfContext::seek_on_memtable_time},
    {"seek_on_memtable_count", &PerfContext::seek_on_memtable_count},
    {"next_on_memtable_count", &PerfContext::next_on_memtable_count},
    {"prev_on_memtable_count", &PerfContext::prev_on_memtable_count},
    {"seek_child_seek_time", &PerfContext::seek_child_seek_time},
    {"seek_child_seek_count", &PerfContext::seek_child_seek_count},
    {"seek_min_heap_time", &PerfContext::seek_min_heap_time},
    {"seek_max_heap_time", &PerfContext::seek_max_heap_time},
    {"seek_internal_seek_time", &PerfContext::seek_internal_seek_time},
    {"find_next_user_entry_time", &PerfContext::find_next_user_entry_time},
    {"write_wal_time", &PerfContext::write_wal_time},
    {"write_memtable_time", &PerfContext::write_memtable_time},
    {"write_delay_time", &PerfContext::write_delay_time},
    {"write_scheduling_flushes_compactions_time", &PerfContext::write_scheduling_flushes_compactions_time},
    {"write_pre_and_post_process_time", &PerfContext::write_pre_and_post_process_time},
    {"write_thread_wait_nanos", &PerfContext::write_thread_wait_nanos},
    {"db_mutex_lock_nanos", &PerfContext::db_mutex_lock_nanos},
    {"db_condition_wait_nanos", &PerfContext::db_condition_wait_nanos},
    {"merge_operator_time_nanos", &PerfContext::merge_operator_time_nanos},
    {"read_index_block_nanos", &PerfContext::read_index_block_nanos},
    {"read_filter_block_nanos", &PerfContext::read_filter_block_nanos},
    {"new_table_block_iter_nanos", &PerfContext::new_table_block_iter_nanos},
    {"new_table_iterator_nanos", &PerfContext::new_table_iterator_nanos},
    {"block_seek_nanos", &PerfContext::block_seek_nanos},
    {"find_table_nanos", &PerfContext::find_table_nanos},
    {"bloom_memtable_hit_count", &PerfContext::bloom_memtable_hit_count},
    {"bloom_memtable_miss_count", &PerfContext::bloom_memtable_miss_count},
    {"bloom_sst_hit_count", &PerfContext::bloom_sst_hit_count},
    {"bloom_sst_miss_count", &PerfContext::bloom_sst_miss_count},
    {"key_lock_wait_time", &PerfContext::key_lock_wait_time},
    {"key_lock_wait_count", &PerfContext::key_lock_wait_count},
    {"env_new_sequential_file_nanos", &PerfContext::env_new_sequential_file_nanos},
    {"env_new_random_access_file_nanos", &PerfContext::env_new_random_access_file_nanos},
    {"env_new_writable_file_nanos", &PerfContext::env_new_writable_file_nanos},
    {"env_reuse_writable_file_nanos", &PerfContext::env_reuse_writable_file_nanos},
    {"env_new_random_rw_file_nanos", &PerfContext::env_new_random_rw_file_nanos},
    {"env_new_directory_nanos", &PerfContext::env_new_directory_nanos},
    {"env_file_exists_nanos", &PerfContext::env_file_exists_nanos},
    {"env_get_children_nanos", &PerfContext::env_get_children_nanos},
    {"env_get_children_file_attributes_nanos", &PerfContext::env_get_children_file_attributes_nanos},
    {"env_delete_file_nanos", &PerfContext::env_delete_file_nanos},
    {"env_create_dir_nanos", &PerfContext::env_create_dir_nanos},
    {"env_create_dir_if_missing_nanos", &PerfContext::env_create_dir_if_missing_nanos},
    {"env_delete_dir_nanos", &PerfContext::env_delete_dir_nanos},
    {"env_get_file_size_nanos", &PerfContext::env_get_file_size_nanos},
    {"env_get_file_modification_time_nanos", &PerfContext::env_get_file_modification_time_nanos},
    {"env_rename_file_nanos", &PerfContext::env_rename_file_nanos},
    {"env_link_file_nanos", &PerfContext::env_link_file_nanos},
    {"env_lock_file_nanos", &PerfContext::env_lock_file_nanos},
    {"env_unlock_file_nanos", &PerfContext::env_unlock_file_nanos},
    {"env_new_logger_nanos", &PerfContext::env_new_logger_nanos},
    {"get_cpu_nanos", &PerfContext::get_cpu_nanos},
    {"iter_next_cpu_nanos", &PerfContext::iter_next_cpu_nanos},
    {"iter_prev_cpu_nanos", &PerfContext::iter_prev_cpu_nanos},
    {"iter_seek_cpu_nanos", &PerfContext::iter_seek_cpu_nanos},
    {"encrypt_data_nanos", &PerfContext::encrypt_data_nanos},
    {"decrypt_data_nanos", &PerfContext::decrypt_data_nanos},
    {"number_async_seek", &PerfContext::number_async_seek},
};

}  // namespace

thread_local PerfLevel tls_perf_level = kEnableCount;
thread_local PerfContext tls_perf_context;

void SetPerfLevel(PerfLevel level) {
  if (level > kUninitialized && level < kOutOfBounds) tls_perf_level = level;
}

PerfLevel GetPerfLevel() { return tls_perf_level; }

PerfContext* get_perf_context() { return &tls_perf_context; }

void PerfContextByLevel::Reset() { *this = PerfContextByLevel(); }

PerfContext::~PerfContext() { delete level_to_perf_context; }

PerfContext::PerfContext(const PerfContext& other) { *this = other; }

PerfContext& PerfContext::operator=(const PerfContext& other) {
  if (this == &other) return *this;
  for (const PerfField& f : kPerfFields) this->*f.member = other.*f.member;
  delete level_to_perf_context;
  level_to_perf_context =
      other.level_to_perf_context == nullptr
          ? nullptr
          : new std::map<uint32_t, PerfContextByLevel>(
                *other.level_to_perf_context);
  per_level_perf_context_enabled = other.per_level_perf_context_enabled;
  return *this;
}

PerfContext::PerfContext(PerfContext&& other) noexcept {
  for (const PerfField& f : kPerfFields) this->*f.member = other.*f.member;
  level_to_perf_context = other.level_to_perf_context;
  other.level_to_perf_context = nullptr;
  per_level_perf_context_enabled = other.per_level_perf_context_enabled;
}

void PerfContext::Reset() {
  for (const PerfField& f : kPerfFields) this->*f.member = 0;
  if (level_to_perf_context != nullptr) {
    for (auto& kv : *level_to_perf_context) kv.second.Reset();
  }
}

std::string PerfContext::ToString(bool exclude_zero_counters) const {
  std::string out;
  for (const PerfField& f : kPerfFields) {
    const uint64_t v = this->*f.member;
    if (exclude_zero_counters && v == 0) continue;
    out += std::string(f.name) + " = " + std::to_string(v) + ", ";
  }
  return out;
}

void PerfContext::EnablePerLevelPerfContext() {
  if (level_to_perf_context == nullptr) {
    level_to_perf_context = new std::map<uint32_t, PerfContextByLevel>();
  }
  per_level_perf_context_enabled = true;
}

void PerfContext::DisablePerLevelPerfContext() {
  per_level_perf_context_enabled = false;
}

void PerfContext::ClearPerLevelPerfContext() {
  delete level_to_perf_context;
  level_to_perf_context = nullptr;
  per_level_perf_context_enabled = false;
}

}  // namespace ROCKSDB_NAMESPACE
