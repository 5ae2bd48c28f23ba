// The C API over issue 19's options helpers and DB calls: the Options
// presets, compression_per_level, the memtable Bloom hints,
// rocksdb_get_options_from_string and rocksdb_load_latest_options
// (rocksdb/convenience.h, rocksdb/utilities/options_util.h), and
// KeyMayExist, GetApproximateSizes and DeleteFilesInRange. As RocksDB
// 7.8.3's c.cc: errors through *errptr, malloc()ed results.
#include <cstdlib>
#include <cstring>

#include "c/c_types.h"
#include "rocksdb/convenience.h"
#include "rocksdb/utilities/options_util.h"

using ROCKSDB_NAMESPACE::CApiCopyBytes;
using ROCKSDB_NAMESPACE::CApiCopyString;
using ROCKSDB_NAMESPACE::CApiSaveError;
using ROCKSDB_NAMESPACE::ColumnFamilyDescriptor;
using ROCKSDB_NAMESPACE::CompressionType;
using ROCKSDB_NAMESPACE::DBOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::Range;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::Status;

namespace {

// RocksDB's c.cc: *value is malloc()ed only when found and value_found
// was given.
unsigned char CApiKeyMayExist(
    rocksdb_t* db, const rocksdb_readoptions_t* options,
    rocksdb_column_family_handle_t* column_family, const char* key,
    size_t key_len, char** value, size_t* val_len, const char* timestamp,
    size_t timestamp_len, unsigned char* value_found) {
  std::string tmp;
  std::string time;
  if (timestamp != nullptr) time.assign(timestamp, timestamp_len);
  bool found = false;
  const bool may = db->rep->KeyMayExist(
      options->rep,
      column_family != nullptr ? column_family->rep
                               : db->rep->DefaultColumnFamily(),
      Slice(key, key_len), &tmp, timestamp != nullptr ? &time : nullptr,
      value_found != nullptr ? &found : nullptr);
  if (value_found != nullptr) {
    *value_found = found;
    if (found) {
      *val_len = tmp.size();
      *value = CApiCopyBytes(tmp);
    }
  }
  return may;
}

void CApiApproximateSizes(
    rocksdb_t* db, rocksdb_column_family_handle_t* column_family,
    int num_ranges, const char* const* range_start_key,
    const size_t* range_start_key_len, const char* const* range_limit_key,
    const size_t* range_limit_key_len, uint64_t* sizes, char** errptr) {
  std::vector<Range> ranges(static_cast<size_t>(num_ranges));
  for (int i = 0; i < num_ranges; i++) {
    ranges[i].start = Slice(range_start_key[i], range_start_key_len[i]);
    ranges[i].limit = Slice(range_limit_key[i], range_limit_key_len[i]);
  }
  CApiSaveError(errptr, db->rep->GetApproximateSizes(
                            column_family != nullptr
                                ? column_family->rep
                                : db->rep->DefaultColumnFamily(),
                            ranges.data(), num_ranges, sizes));
}

}  // namespace

extern "C" {

void rocksdb_options_increase_parallelism(rocksdb_options_t* opt,
                                          int total_threads) {
  opt->rep.IncreaseParallelism(total_threads);
}

void rocksdb_options_optimize_for_point_lookup(rocksdb_options_t* opt,
                                               uint64_t block_cache_size_mb) {
  opt->rep.OptimizeForPointLookup(block_cache_size_mb);
}

void rocksdb_options_optimize_level_style_compaction(
    rocksdb_options_t* opt, uint64_t memtable_memory_budget) {
  opt->rep.OptimizeLevelStyleCompaction(memtable_memory_budget);
}

void rocksdb_options_prepare_for_bulk_load(rocksdb_options_t* opt) {
  opt->rep.PrepareForBulkLoad();
}

void rocksdb_options_set_compression_per_level(rocksdb_options_t* opt,
                                               const int* level_values,
                                               size_t num_levels) {
  opt->rep.compression_per_level.resize(num_levels);
  for (size_t i = 0; i < num_levels; ++i) {
    opt->rep.compression_per_level[i] =
        static_cast<CompressionType>(level_values[i]);
  }
}

void rocksdb_options_set_memtable_prefix_bloom_size_ratio(
    rocksdb_options_t* opt, double v) {
  opt->rep.memtable_prefix_bloom_size_ratio = v;
}

double rocksdb_options_get_memtable_prefix_bloom_size_ratio(
    rocksdb_options_t* opt) {
  return opt->rep.memtable_prefix_bloom_size_ratio;
}

void rocksdb_options_set_memtable_whole_key_filtering(rocksdb_options_t* opt,
                                                      unsigned char v) {
  opt->rep.memtable_whole_key_filtering = v;
}

void rocksdb_get_options_from_string(const rocksdb_options_t* base_options,
                                     const char* opts_str,
                                     rocksdb_options_t* new_options,
                                     char** errptr) {
  CApiSaveError(errptr,
                ROCKSDB_NAMESPACE::GetOptionsFromString(
                    base_options->rep, std::string(opts_str), &new_options->rep));
}

void rocksdb_load_latest_options(
    const char* db_path, rocksdb_env_t* env, bool ignore_unknown_options,
    rocksdb_cache_t* cache, rocksdb_options_t** db_options,
    size_t* num_column_families, char*** column_family_names,
    rocksdb_options_t*** column_family_options, char** errptr) {
  DBOptions db_opt;
  std::vector<ColumnFamilyDescriptor> cf_descs;
  Status s = ROCKSDB_NAMESPACE::LoadLatestOptions(
      std::string(db_path), env != nullptr ? env->rep : nullptr, &db_opt,
      &cf_descs, ignore_unknown_options,
      cache != nullptr ? &cache->rep : nullptr);
  if (CApiSaveError(errptr, s)) {
    *db_options = nullptr;
    *num_column_families = 0;
    *column_family_names = nullptr;
    *column_family_options = nullptr;
    return;
  }
  *db_options = new rocksdb_options_t{Options(db_opt, cf_descs[0].options)};
  *num_column_families = cf_descs.size();
  *column_family_names =
      static_cast<char**>(std::malloc(cf_descs.size() * sizeof(char*)));
  *column_family_options = static_cast<rocksdb_options_t**>(
      std::malloc(cf_descs.size() * sizeof(rocksdb_options_t*)));
  for (size_t i = 0; i < cf_descs.size(); ++i) {
    (*column_family_names)[i] = CApiCopyString(cf_descs[i].name);
    (*column_family_options)[i] =
        new rocksdb_options_t{Options(DBOptions(), cf_descs[i].options)};
  }
}

void rocksdb_load_latest_options_destroy(
    rocksdb_options_t* db_options, char** list_column_family_names,
    rocksdb_options_t** list_column_family_options, size_t len) {
  delete db_options;
  if (list_column_family_names != nullptr) {
    for (size_t i = 0; i < len; ++i) std::free(list_column_family_names[i]);
    std::free(list_column_family_names);
  }
  if (list_column_family_options != nullptr) {
    for (size_t i = 0; i < len; ++i) delete list_column_family_options[i];
    std::free(list_column_family_options);
  }
}

unsigned char rocksdb_key_may_exist(rocksdb_t* db,
                                    const rocksdb_readoptions_t* options,
                                    const char* key, size_t key_len,
                                    char** value, size_t* val_len,
                                    const char* timestamp, size_t timestamp_len,
                                    unsigned char* value_found) {
  return CApiKeyMayExist(db, options, nullptr, key, key_len, value, val_len,
                         timestamp, timestamp_len, value_found);
}

unsigned char rocksdb_key_may_exist_cf(
    rocksdb_t* db, const rocksdb_readoptions_t* options,
    rocksdb_column_family_handle_t* column_family, const char* key,
    size_t key_len, char** value, size_t* val_len, const char* timestamp,
    size_t timestamp_len, unsigned char* value_found) {
  return CApiKeyMayExist(db, options, column_family, key, key_len, value,
                         val_len, timestamp, timestamp_len, value_found);
}

void rocksdb_approximate_sizes(rocksdb_t* db, int num_ranges,
                               const char* const* range_start_key,
                               const size_t* range_start_key_len,
                               const char* const* range_limit_key,
                               const size_t* range_limit_key_len,
                               uint64_t* sizes, char** errptr) {
  CApiApproximateSizes(db, nullptr, num_ranges, range_start_key,
                       range_start_key_len, range_limit_key,
                       range_limit_key_len, sizes, errptr);
}

void rocksdb_approximate_sizes_cf(
    rocksdb_t* db, rocksdb_column_family_handle_t* column_family,
    int num_ranges, const char* const* range_start_key,
    const size_t* range_start_key_len, const char* const* range_limit_key,
    const size_t* range_limit_key_len, uint64_t* sizes, char** errptr) {
  CApiApproximateSizes(db, column_family, num_ranges, range_start_key,
                       range_start_key_len, range_limit_key,
                       range_limit_key_len, sizes, errptr);
}

void rocksdb_delete_file_in_range(rocksdb_t* db, const char* start_key,
                                  size_t start_key_len, const char* limit_key,
                                  size_t limit_key_len, char** errptr) {
  rocksdb_delete_file_in_range_cf(db, nullptr, start_key, start_key_len,
                                  limit_key, limit_key_len, errptr);
}

void rocksdb_delete_file_in_range_cf(
    rocksdb_t* db, rocksdb_column_family_handle_t* column_family,
    const char* start_key, size_t start_key_len, const char* limit_key,
    size_t limit_key_len, char** errptr) {
  Slice a, b;
  CApiSaveError(
      errptr,
      ROCKSDB_NAMESPACE::DeleteFilesInRange(
          db->rep,
          column_family != nullptr ? column_family->rep
                                   : db->rep->DefaultColumnFamily(),
          start_key != nullptr ? (a = Slice(start_key, start_key_len), &a)
                               : nullptr,
          limit_key != nullptr ? (b = Slice(limit_key, limit_key_len), &b)
                               : nullptr));
}

}  // extern "C"
