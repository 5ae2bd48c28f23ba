// Options as text (see options_parser.h): value syntax as RocksDB 7.8.3's
// options_helper (integers with k/m/g/t suffixes, "true"/"false"/"1"/"0",
// enum names, ':'-separated lists, nested "{k=v;...}"), the fields
// skyrocks has, and the 7.8.3 defaults of the options it has not.
#include "db/options_parser.h"

#include <cerrno>
#include <cstdlib>

#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

bool ParseOptionValue(const std::string& v, bool* out) {
  if (v == "true" || v == "1") {
    *out = true;
  } else if (v == "false" || v == "0") {
    *out = false;
  } else {
    return false;
  }
  return true;
}

// Digits with an optional k/m/g/t suffix (binary multiples), as RocksDB's
// ParseUint64.
bool ParseScaledUint64(const std::string& v, uint64_t* out) {
  if (v.size() > 1 && v[0] == '-') {
    // std::stoull's reading, which RocksDB uses: "-1" wraps around.
    uint64_t n;
    if (!ParseScaledUint64(v.substr(1), &n)) return false;
    *out = ~n + 1;
    return true;
  }
  if (v.empty() || v[0] < '0' || v[0] > '9') return false;
  char* end = nullptr;
  errno = 0;
  unsigned long long n = std::strtoull(v.c_str(), &end, 10);
  if (errno != 0) return false;
  const size_t used = static_cast<size_t>(end - v.c_str());
  if (used < v.size()) {
    if (used + 1 != v.size()) return false;
    int shift;
    switch (v[used]) {
      case 'k':
      case 'K':
        shift = 10;
        break;
      case 'm':
      case 'M':
        shift = 20;
        break;
      case 'g':
      case 'G':
        shift = 30;
        break;
      case 't':
      case 'T':
        shift = 40;
        break;
      default:
        return false;
    }
    if (n > (~0ull >> shift)) return false;
    n <<= shift;
  }
  *out = n;
  return true;
}

bool ParseOptionValue(const std::string& v, uint64_t* out) {
  return ParseScaledUint64(v, out);
}

bool ParseOptionValue(const std::string& v, uint32_t* out) {
  uint64_t n;
  if (v.empty() || v[0] == '-' || !ParseScaledUint64(v, &n) ||
      n > 0xffffffffull) {
    return false;
  }
  *out = static_cast<uint32_t>(n);
  return true;
}

bool ParseOptionValue(const std::string& v, int* out) {
  const bool negative = !v.empty() && v[0] == '-';
  uint64_t n;
  if ((negative && v.size() > 1 && v[1] == '-') ||
      !ParseScaledUint64(negative ? v.substr(1) : v, &n) ||
      n > (negative ? 2147483648ull : 2147483647ull)) {
    return false;
  }
  *out = negative ? static_cast<int>(-static_cast<int64_t>(n))
                  : static_cast<int>(n);
  return true;
}

bool ParseOptionValue(const std::string& v, double* out) {
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (v.empty() || end != v.c_str() + v.size()) return false;
  *out = d;
  return true;
}

bool ParseOptionValue(const std::string& v, std::string* out) {
  *out = v;
  return true;
}

template <typename E>
struct EnumName {
  const char* name;
  E value;
};

template <typename E, size_t N>
bool ParseEnumName(const std::string& v, const EnumName<E> (&names)[N],
                   E* out) {
  for (const EnumName<E>& n : names) {
    if (v == n.name) {
      *out = n.value;
      return true;
    }
  }
  return false;
}

bool ParseOptionValue(const std::string& v, CompressionType* out) {
  static const EnumName<CompressionType> kNames[] = {
      {"kNoCompression", kNoCompression},
      {"kSnappyCompression", kSnappyCompression},
      {"kZlibCompression", kZlibCompression},
      {"kBZip2Compression", kBZip2Compression},
      {"kLZ4Compression", kLZ4Compression},
      {"kLZ4HCCompression", kLZ4HCCompression},
      {"kXpressCompression", kXpressCompression},
      {"kZSTD", kZSTD},
      {"kZSTDNotFinalCompression", kZSTDNotFinalCompression},
      {"kDisableCompressionOption", kDisableCompressionOption},
  };
  return ParseEnumName(v, kNames, out);
}

bool ParseOptionValue(const std::string& v, std::vector<CompressionType>* out) {
  std::vector<CompressionType> list;
  size_t pos = 0;
  while (pos <= v.size() && !v.empty()) {
    size_t colon = v.find(':', pos);
    if (colon == std::string::npos) colon = v.size();
    CompressionType c;
    if (!ParseOptionValue(TrimWhitespace(v.substr(pos, colon - pos)), &c)) {
      return false;
    }
    list.push_back(c);
    pos = colon + 1;
  }
  *out = std::move(list);
  return true;
}

bool ParseOptionValue(const std::string& v, WALRecoveryMode* out) {
  static const EnumName<WALRecoveryMode> kNames[] = {
      {"kTolerateCorruptedTailRecords",
       WALRecoveryMode::kTolerateCorruptedTailRecords},
      {"kAbsoluteConsistency", WALRecoveryMode::kAbsoluteConsistency},
      {"kPointInTimeRecovery", WALRecoveryMode::kPointInTimeRecovery},
      {"kSkipAnyCorruptedRecords", WALRecoveryMode::kSkipAnyCorruptedRecords},
  };
  return ParseEnumName(v, kNames, out);
}

// As RocksDB 7.8.3 writes and reads InfoLogLevel (names only).
const EnumName<InfoLogLevel> kInfoLogLevelNames[] = {
    {"DEBUG_LEVEL", DEBUG_LEVEL}, {"INFO_LEVEL", INFO_LEVEL},
    {"WARN_LEVEL", WARN_LEVEL},   {"ERROR_LEVEL", ERROR_LEVEL},
    {"FATAL_LEVEL", FATAL_LEVEL}, {"HEADER_LEVEL", HEADER_LEVEL},
};

bool ParseOptionValue(const std::string& v, InfoLogLevel* out) {
  return ParseEnumName(v, kInfoLogLevelNames, out);
}

bool ParseOptionValue(const std::string& v, CompactionStyle* out) {
  static const EnumName<CompactionStyle> kNames[] = {
      {"kCompactionStyleLevel", kCompactionStyleLevel},
      {"kCompactionStyleUniversal", kCompactionStyleUniversal},
      {"kCompactionStyleFIFO", kCompactionStyleFIFO},
      {"kCompactionStyleNone", kCompactionStyleNone},
  };
  return ParseEnumName(v, kNames, out);
}

bool ParseOptionValue(const std::string& v, ChecksumType* out) {
  static const EnumName<ChecksumType> kNames[] = {
      {"kNoChecksum", kNoChecksum}, {"kCRC32c", kCRC32c},
      {"kxxHash", kxxHash},         {"kxxHash64", kxxHash64},
      {"kXXH3", kXXH3},
  };
  return ParseEnumName(v, kNames, out);
}

bool ParseOptionValue(const std::string& v,
                      BlockBasedTableOptions::IndexType* out) {
  using T = BlockBasedTableOptions;
  static const EnumName<T::IndexType> kNames[] = {
      {"kBinarySearch", T::kBinarySearch},
      {"kHashSearch", T::kHashSearch},
      {"kTwoLevelIndexSearch", T::kTwoLevelIndexSearch},
      {"kBinarySearchWithFirstKey", T::kBinarySearchWithFirstKey},
  };
  return ParseEnumName(v, kNames, out);
}

bool ParseOptionValue(const std::string& v,
                      BlockBasedTableOptions::DataBlockIndexType* out) {
  using T = BlockBasedTableOptions;
  static const EnumName<T::DataBlockIndexType> kNames[] = {
      {"kDataBlockBinarySearch", T::kDataBlockBinarySearch},
      {"kDataBlockBinaryAndHash", T::kDataBlockBinaryAndHash},
  };
  return ParseEnumName(v, kNames, out);
}

bool ParseOptionValue(const std::string& v,
                      BlockBasedTableOptions::IndexShorteningMode* out) {
  using M = BlockBasedTableOptions::IndexShorteningMode;
  static const EnumName<M> kNames[] = {
      {"kNoShortening", M::kNoShortening},
      {"kShortenSeparators", M::kShortenSeparators},
      {"kShortenSeparatorsAndSuccessor", M::kShortenSeparatorsAndSuccessor},
  };
  return ParseEnumName(v, kNames, out);
}

// Splits "k1=v1;k2={a=b;c=d};" into a map; braces of a nested value are
// removed. RocksDB's StringToMap.
Status SplitOptionPairs(const std::string& opts,
                        std::unordered_map<std::string, std::string>* map) {
  map->clear();
  std::string s = TrimWhitespace(opts);
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t semi = s.find(';', pos);
    const size_t eq = s.find('=', pos);
    if (eq == std::string::npos || (semi != std::string::npos && semi < eq)) {
      return Status::InvalidArgument("Mismatched key value pair, '=' expected",
                                     s.substr(pos));
    }
    const std::string key = TrimWhitespace(s.substr(pos, eq - pos));
    if (key.empty()) return Status::InvalidArgument("Empty key found");
    size_t vpos = eq + 1;
    while (vpos < s.size() && s[vpos] == ' ') vpos++;
    std::string value;
    size_t next;
    if (vpos < s.size() && s[vpos] == '{') {
      int depth = 0;
      size_t i = vpos;
      for (; i < s.size(); i++) {
        if (s[i] == '{') depth++;
        if (s[i] == '}' && --depth == 0) break;
      }
      if (i == s.size()) {
        return Status::InvalidArgument("Mismatched curly braces for nested "
                                       "options",
                                       key);
      }
      value = s.substr(vpos + 1, i - vpos - 1);
      next = s.find(';', i + 1);
      if (TrimWhitespace(
              s.substr(i + 1,
                       (next == std::string::npos ? s.size() : next) - i - 1))
              .size() != 0) {
        return Status::InvalidArgument("Unexpected chars after nested options",
                                       key);
      }
    } else {
      next = s.find(';', vpos);
      value = TrimWhitespace(
          s.substr(vpos, (next == std::string::npos ? s.size() : next) - vpos));
    }
    (*map)[key] = value;
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  return Status::OK();
}

// Whether two option texts mean the same value: numbers numerically,
// booleans by meaning, nested maps entry by entry, else as text.
bool SameOptionValue(const std::string& a, const std::string& b) {
  if (a == b) return true;
  bool ba, bb;
  if (ParseOptionValue(a, &ba) && ParseOptionValue(b, &bb)) return ba == bb;
  double da, db;
  if (ParseOptionValue(a, &da) && ParseOptionValue(b, &db)) return da == db;
  std::unordered_map<std::string, std::string> ma, mb;
  if (a.find('=') != std::string::npos && b.find('=') != std::string::npos &&
      SplitOptionPairs(a, &ma).ok() && SplitOptionPairs(b, &mb).ok() &&
      ma.size() == mb.size()) {
    for (const auto& kv : ma) {
      auto it = mb.find(kv.first);
      if (it == mb.end() || !SameOptionValue(kv.second, it->second)) {
        return false;
      }
    }
    return true;
  }
  return false;
}

struct AbsentOption {
  const char* name;
  const char* default_value;
  // Another value 7.8.3 writes for its default, or nullptr.
  const char* other_default = nullptr;
};

// RocksDB 7.8.3's options skyrocks does not have, with the values
// librocksdb 7.8.3 writes for the defaults.
const AbsentOption kAbsentDBOptions[] = {
    {"access_hint_on_compaction_start", "NORMAL"},
    {"advise_random_on_open", "true"},
    {"allow_data_in_errors", "false"},
    {"allow_fallocate", "true"},
    {"allow_ingest_behind", "false"},
    {"avoid_unnecessary_blocking_io", "false"},
    {"best_efforts_recovery", "false"},
    {"compaction_readahead_size", "0"},
    {"delayed_write_rate", "16777216"},
    {"dump_malloc_stats", "false"},
    {"enable_thread_tracking", "false"},
    {"enable_write_thread_adaptive_yield", "true"},
    {"enforce_single_del_contracts", "true"},
    {"fail_if_options_file_error", "false"},
    {"file_checksum_gen_factory", "nullptr"},
    {"flush_verify_memtable_count", "true"},
    {"log_file_time_to_roll", "0"},
    {"log_readahead_size", "0"},
    {"lowest_used_cache_tier", "kNonVolatileBlockTier"},
    {"max_file_opening_threads", "16"},
    {"max_write_batch_group_size_bytes", "1048576"},
    {"persist_stats_to_disk", "false"},
    {"random_access_max_buffer_size", "1048576"},
    {"skip_checking_sst_file_sizes_on_db_open", "false"},
    {"skip_stats_update_on_db_open", "false"},
    {"stats_history_buffer_size", "1048576"},
    {"stats_persist_period_sec", "600"},
    {"strict_bytes_per_sync", "false"},
    {"table_cache_numshardbits", "6"},
    {"track_and_verify_wals_in_manifest", "false"},
    {"two_write_queues", "false"},
    {"unordered_write", "false"},
    {"use_adaptive_mutex", "false"},
    {"verify_sst_unique_id_in_manifest", "true"},
    {"wal_compression", "kNoCompression"},
    {"wal_filter", "nullptr"},
    {"writable_file_max_buffer_size", "1048576"},
    {"write_dbid_to_manifest", "false"},
    {"write_thread_max_yield_usec", "100"},
    {"write_thread_slow_yield_usec", "3"},
};

const AbsentOption kAbsentCFOptions[] = {
    {"blob_compaction_readahead_size", "0"},
    {"blob_compression_type", "kNoCompression"},
    {"blob_file_size", "268435456"},
    {"blob_file_starting_level", "0"},
    {"blob_garbage_collection_age_cutoff", "0.250000"},
    {"blob_garbage_collection_force_threshold", "1.000000"},
    {"bloom_locality", "0"},
    {"bottommost_compression_opts",
     "{max_dict_buffer_bytes=0;enabled=false;max_dict_bytes=0;parallel_"
     "threads=1;zstd_max_train_bytes=0;level=32767;use_zstd_dict_trainer="
     "true;strategy=0;window_bits=-14;}"},
    {"check_flush_compaction_key_order", "true"},
    {"compaction_options_fifo",
     "{allow_compaction=false;age_for_warm=0;max_table_files_size="
     "1073741824;}"},
    {"compaction_options_universal",
     "{incremental=false;compression_size_percent=-1;allow_trivial_move="
     "false;max_size_amplification_percent=200;max_merge_width=4294967295;"
     "stop_style=kCompactionStopStyleTotalSize;min_merge_width=2;size_ratio="
     "1;}"},
    {"compaction_pri", "kMinOverlappingRatio"},
    {"enable_blob_files", "false"},
    {"enable_blob_garbage_collection", "false"},
    {"experimental_mempurge_threshold", "0.000000"},
    {"force_consistency_checks", "true"},
    {"ignore_max_compaction_bytes_for_input", "true"},
    {"inplace_update_num_locks", "10000"},
    {"inplace_update_support", "false"},
    {"last_level_temperature", "kUnknown"},
    {"level_compaction_dynamic_file_size", "true"},
    {"max_sequential_skip_in_iterations", "8"},
    {"max_successive_merges", "0"},
    {"max_write_buffer_number_to_maintain", "0"},
    {"max_write_buffer_size_to_maintain", "0"},
    {"memtable_factory", "SkipListFactory"},
    {"memtable_huge_page_size", "0"},
    {"memtable_insert_with_hint_prefix_extractor", "nullptr"},
    {"memtable_protection_bytes_per_key", "0"},
    {"min_blob_size", "0"},
    // 30 days when the column family has a compaction filter (7.8.3's
    // sanitized default), else 0.
    {"periodic_compaction_seconds", "0", "2592000"},
    {"preclude_last_level_data_seconds", "0"},
    {"prepopulate_blob_cache", "kDisable"},
    {"preserve_internal_time_seconds", "0"},
    {"report_bg_io_stats", "false"},
    {"sample_for_compression", "0"},
    {"sst_partitioner_factory", "nullptr"},
    {"ttl", "2592000"},
};

const AbsentOption kAbsentTableOptions[] = {
    {"cache_index_and_filter_blocks_with_high_priority", "true"},
    {"data_block_hash_table_util_ratio", "0.750000"},
    {"detect_filter_construct_corruption", "false"},
    {"flush_block_policy_factory", "FlushBlockBySizePolicyFactory"},
    {"initial_auto_readahead_size", "8192"},
    {"max_auto_readahead_size", "262144"},
    {"metadata_block_size", "4096"},
    {"metadata_cache_options",
     "{unpartitioned_pinning=kFallback;partition_pinning=kFallback;top_level_"
     "index_pinning=kFallback;}"},
    {"num_file_reads_for_auto_readahead", "2"},
    {"pin_l0_filter_and_index_blocks_in_cache", "false"},
    {"pin_top_level_index_and_filter", "true"},
    {"prepopulate_block_cache", "kDisable"},
    {"read_amp_bytes_per_bit", "0"},
    {"verify_compression", "false"},
    // Not written by RocksDB (no default to compare): block_cache and
    // friends are objects.
};

template <size_t N>
Status CheckAbsentOption(const ConfigOptions& config,
                         const AbsentOption (&table)[N],
                         const std::string& name, const std::string& value) {
  for (const AbsentOption& a : table) {
    if (name != a.name) continue;
    // Braces of a nested default as the file writes it.
    std::string def = a.default_value;
    if (!def.empty() && def.front() == '{') def = def.substr(1, def.size() - 2);
    std::string v = value;
    if (!v.empty() && v.front() == '{' && v.back() == '}')
      v = v.substr(1, v.size() - 2);
    if (config.ignore_unknown_options || SameOptionValue(v, def) ||
        (a.other_default != nullptr && SameOptionValue(v, a.other_default))) {
      return Status::OK();
    }
    return Status::NotSupported("skyrocks does not have option " + name,
                                "value " + value + " (only the default " +
                                    a.default_value + ")");
  }
  if (config.ignore_unknown_options) return Status::OK();
  return Status::NotFound("Unrecognized option: " + name);
}

// Sets the field whose name matches: Field("x", &Opt::x) chains.
template <typename Opt>
class OptionFieldSetter {
 public:
  OptionFieldSetter(const std::string& name, const std::string& value, Opt* o)
      : name_(name), value_(value), o_(o) {}
  template <typename T>
  OptionFieldSetter& Field(const char* n, T Opt::*member) {
    if (!found_ && name_ == n) {
      found_ = true;
      T v;
      ok_ = ParseOptionValue(value_, &v);
      if (ok_) o_->*member = v;
    }
    return *this;
  }
  bool found() const { return found_; }
  Status Result() const {
    if (ok_) return Status::OK();
    return Status::InvalidArgument("Error parsing " + name_ + ": " + value_);
  }

 private:
  const std::string& name_;
  const std::string& value_;
  Opt* o_;
  bool found_ = false;
  bool ok_ = true;
};

bool SetDBField(const std::string& name, const std::string& value,
                DBOptions* o, Status* s) {
  OptionFieldSetter<DBOptions> f(name, value, o);
  f.Field("create_if_missing", &DBOptions::create_if_missing)
      .Field("create_missing_column_families",
             &DBOptions::create_missing_column_families)
      .Field("error_if_exists", &DBOptions::error_if_exists)
      .Field("paranoid_checks", &DBOptions::paranoid_checks)
      .Field("max_open_files", &DBOptions::max_open_files)
      .Field("max_total_wal_size", &DBOptions::max_total_wal_size)
      .Field("use_fsync", &DBOptions::use_fsync)
      .Field("wal_dir", &DBOptions::wal_dir)
      .Field("delete_obsolete_files_period_micros",
             &DBOptions::delete_obsolete_files_period_micros)
      .Field("max_background_jobs", &DBOptions::max_background_jobs)
      .Field("max_background_compactions",
             &DBOptions::max_background_compactions)
      .Field("max_background_flushes", &DBOptions::max_background_flushes)
      .Field("max_subcompactions", &DBOptions::max_subcompactions)
      .Field("max_log_file_size", &DBOptions::max_log_file_size)
      .Field("keep_log_file_num", &DBOptions::keep_log_file_num)
      .Field("recycle_log_file_num", &DBOptions::recycle_log_file_num)
      .Field("max_manifest_file_size", &DBOptions::max_manifest_file_size)
      .Field("WAL_ttl_seconds", &DBOptions::WAL_ttl_seconds)
      .Field("WAL_size_limit_MB", &DBOptions::WAL_size_limit_MB)
      .Field("manifest_preallocation_size",
             &DBOptions::manifest_preallocation_size)
      .Field("allow_mmap_reads", &DBOptions::allow_mmap_reads)
      .Field("allow_mmap_writes", &DBOptions::allow_mmap_writes)
      .Field("use_direct_reads", &DBOptions::use_direct_reads)
      .Field("use_direct_io_for_flush_and_compaction",
             &DBOptions::use_direct_io_for_flush_and_compaction)
      .Field("is_fd_close_on_exec", &DBOptions::is_fd_close_on_exec)
      .Field("db_write_buffer_size", &DBOptions::db_write_buffer_size)
      .Field("bytes_per_sync", &DBOptions::bytes_per_sync)
      .Field("wal_bytes_per_sync", &DBOptions::wal_bytes_per_sync)
      .Field("enable_pipelined_write", &DBOptions::enable_pipelined_write)
      .Field("allow_concurrent_memtable_write",
             &DBOptions::allow_concurrent_memtable_write)
      .Field("wal_recovery_mode", &DBOptions::wal_recovery_mode)
      .Field("avoid_flush_during_recovery",
             &DBOptions::avoid_flush_during_recovery)
      .Field("avoid_flush_during_shutdown",
             &DBOptions::avoid_flush_during_shutdown)
      .Field("manual_wal_flush", &DBOptions::manual_wal_flush)
      .Field("atomic_flush", &DBOptions::atomic_flush)
      .Field("max_bgerror_resume_count", &DBOptions::max_bgerror_resume_count)
      .Field("bgerror_resume_retry_interval",
             &DBOptions::bgerror_resume_retry_interval)
      .Field("db_host_id", &DBOptions::db_host_id)
      .Field("info_log_level", &DBOptions::info_log_level)
      .Field("db_log_dir", &DBOptions::db_log_dir)
      .Field("stats_dump_period_sec", &DBOptions::stats_dump_period_sec)
      .Field("allow_2pc", &DBOptions::allow_2pc);
  if (f.found()) *s = f.Result();
  return f.found();
}

bool SetCFField(const std::string& name, const std::string& value,
                ColumnFamilyOptions* o, Status* s) {
  using C = ColumnFamilyOptions;
  OptionFieldSetter<C> f(name, value, o);
  f.Field("write_buffer_size", &C::write_buffer_size)
      .Field("max_write_buffer_number", &C::max_write_buffer_number)
      .Field("min_write_buffer_number_to_merge",
             &C::min_write_buffer_number_to_merge)
      .Field("compression", &C::compression)
      .Field("bottommost_compression", &C::bottommost_compression)
      .Field("compression_per_level", &C::compression_per_level)
      .Field("num_levels", &C::num_levels)
      .Field("level0_file_num_compaction_trigger",
             &C::level0_file_num_compaction_trigger)
      .Field("level0_slowdown_writes_trigger",
             &C::level0_slowdown_writes_trigger)
      .Field("level0_stop_writes_trigger", &C::level0_stop_writes_trigger)
      .Field("target_file_size_base", &C::target_file_size_base)
      .Field("target_file_size_multiplier", &C::target_file_size_multiplier)
      .Field("max_bytes_for_level_base", &C::max_bytes_for_level_base)
      .Field("max_bytes_for_level_multiplier",
             &C::max_bytes_for_level_multiplier)
      .Field("level_compaction_dynamic_level_bytes",
             &C::level_compaction_dynamic_level_bytes)
      .Field("max_compaction_bytes", &C::max_compaction_bytes)
      .Field("compaction_style", &C::compaction_style)
      .Field("disable_auto_compactions", &C::disable_auto_compactions)
      .Field("paranoid_file_checks", &C::paranoid_file_checks)
      .Field("optimize_filters_for_hits", &C::optimize_filters_for_hits)
      .Field("soft_pending_compaction_bytes_limit",
             &C::soft_pending_compaction_bytes_limit)
      .Field("hard_pending_compaction_bytes_limit",
             &C::hard_pending_compaction_bytes_limit)
      .Field("memtable_prefix_bloom_size_ratio",
             &C::memtable_prefix_bloom_size_ratio)
      .Field("memtable_whole_key_filtering", &C::memtable_whole_key_filtering);
  if (f.found()) *s = f.Result();
  return f.found();
}

Status ParseCompressionOptions(const ConfigOptions& config,
                               const std::string& value,
                               CompressionOptions* o) {
  std::unordered_map<std::string, std::string> map;
  if (value.find('=') == std::string::npos) {
    // The old form: window_bits:level:strategy[:max_dict_bytes[:...]].
    std::vector<std::string> parts;
    size_t pos = 0;
    while (true) {
      const size_t c = value.find(':', pos);
      parts.push_back(value.substr(pos, c == std::string::npos ? c : c - pos));
      if (c == std::string::npos) break;
      pos = c + 1;
    }
    const char* const names[] = {"window_bits", "level", "strategy",
                                 "max_dict_bytes", "zstd_max_train_bytes",
                                 "parallel_threads", "enabled"};
    if (parts.size() < 3 || parts.size() > 7) {
      return Status::InvalidArgument("Error parsing compression_opts: " +
                                     value);
    }
    for (size_t i = 0; i < parts.size(); i++) map[names[i]] = parts[i];
  } else {
    Status s = SplitOptionPairs(value, &map);
    if (!s.ok()) return s;
  }
  CompressionOptions next = *o;
  for (const auto& kv : map) {
    OptionFieldSetter<CompressionOptions> f(kv.first, kv.second, &next);
    f.Field("window_bits", &CompressionOptions::window_bits)
        .Field("level", &CompressionOptions::level)
        .Field("strategy", &CompressionOptions::strategy)
        .Field("max_dict_bytes", &CompressionOptions::max_dict_bytes)
        .Field("zstd_max_train_bytes",
               &CompressionOptions::zstd_max_train_bytes)
        .Field("enabled", &CompressionOptions::enabled);
    Status s;
    if (f.found()) {
      s = f.Result();
    } else {
      static const AbsentOption kAbsent[] = {
          {"parallel_threads", "1"},
          {"max_dict_buffer_bytes", "0"},
          {"use_zstd_dict_trainer", "true"},
      };
      s = CheckAbsentOption(config, kAbsent, kv.first, kv.second);
    }
    if (!s.ok()) return s;
  }
  *o = next;
  return Status::OK();
}

// A nested value as a map holds it ("{a=1;b=2}"): its pairs.
std::string StripOptionBraces(const std::string& v) {
  if (v.size() >= 2 && v.front() == '{' && v.back() == '}') {
    return v.substr(1, v.size() - 2);
  }
  return v;
}

}  // namespace

const char* InfoLogLevelOptionName(InfoLogLevel level) {
  for (const EnumName<InfoLogLevel>& n : kInfoLogLevelNames) {
    if (n.value == level) return n.name;
  }
  return "INFO_LEVEL";
}

Status ParseOptionPairs(const std::string& opts,
                        std::unordered_map<std::string, std::string>* map) {
  return SplitOptionPairs(opts, map);
}

Status ParseDBOption(const ConfigOptions& config, const std::string& name,
                     const std::string& value, DBOptions* o) {
  Status s;
  if (SetDBField(name, value, o, &s)) return s;
  return CheckAbsentOption(config, kAbsentDBOptions, name, value);
}

Status ParseTableOption(const ConfigOptions& config, const std::string& name,
                        const std::string& value, BlockBasedTableOptions* o) {
  using T = BlockBasedTableOptions;
  OptionFieldSetter<T> f(name, value, o);
  f.Field("cache_index_and_filter_blocks", &T::cache_index_and_filter_blocks)
      .Field("index_type", &T::index_type)
      .Field("data_block_index_type", &T::data_block_index_type)
      .Field("checksum", &T::checksum)
      .Field("no_block_cache", &T::no_block_cache)
      .Field("block_size", &T::block_size)
      .Field("block_size_deviation", &T::block_size_deviation)
      .Field("block_restart_interval", &T::block_restart_interval)
      .Field("index_block_restart_interval", &T::index_block_restart_interval)
      .Field("use_delta_encoding", &T::use_delta_encoding)
      .Field("index_shortening", &T::index_shortening)
      .Field("whole_key_filtering", &T::whole_key_filtering)
      .Field("partition_filters", &T::partition_filters)
      .Field("optimize_filters_for_memory", &T::optimize_filters_for_memory)
      .Field("format_version", &T::format_version)
      .Field("enable_index_compression", &T::enable_index_compression)
      .Field("block_align", &T::block_align);
  if (f.found()) return f.Result();
  if (name == "filter_policy") {
    // "nullptr", or "bloomfilter:BITS:false" as RocksDB 7.8.3 writes it
    // (also "bloomfilter:BITS").
    if (value == "nullptr" || value.empty()) {
      o->filter_policy.reset();
      return Status::OK();
    }
    const std::string prefix = "bloomfilter:";
    double bits;
    if (value.compare(0, prefix.size(), prefix) == 0) {
      std::string rest = value.substr(prefix.size());
      const size_t colon = rest.find(':');
      bool legacy = false;
      if (colon != std::string::npos) {
        if (!ParseOptionValue(rest.substr(colon + 1), &legacy)) {
          return Status::InvalidArgument("Error parsing filter_policy: " +
                                         value);
        }
        rest = rest.substr(0, colon);
      }
      if (!ParseOptionValue(rest, &bits) || bits < 0) {
        return Status::InvalidArgument("Error parsing filter_policy: " + value);
      }
      o->filter_policy.reset(NewBloomFilterPolicy(bits, legacy));
      return Status::OK();
    }
    if (config.ignore_unknown_options) return Status::OK();
    return Status::NotSupported("skyrocks has only Bloom filters",
                                "filter_policy=" + value);
  }
  if (name == "block_cache") {
    uint64_t capacity;
    if (!ParseScaledUint64(value, &capacity)) {
      return Status::InvalidArgument("Error parsing block_cache: " + value);
    }
    o->block_cache = NewLRUCache(static_cast<size_t>(capacity));
    return Status::OK();
  }
  return CheckAbsentOption(config, kAbsentTableOptions, name, value);
}

Status ParseCFOption(const ConfigOptions& config, const std::string& name,
                     const std::string& raw_value, ColumnFamilyOptions* o) {
  const std::string value = StripOptionBraces(raw_value);
  Status s;
  if (SetCFField(name, value, o, &s)) return s;
  if (name == "compression_opts") {
    return ParseCompressionOptions(config, value, &o->compression_opts);
  }
  if (name == "prefix_extractor") {
    // RocksDB 7.8.3 parses it with ignore_unsupported_options as given.
    return SliceTransform::CreateFromString(config, raw_value,
                                            &o->prefix_extractor);
  }
  if (name == "comparator") {
    if (value == BytewiseComparator()->Name()) {
      o->comparator = BytewiseComparator();
    } else if (value == ReverseBytewiseComparator()->Name()) {
      o->comparator = ReverseBytewiseComparator();
    }
    // Another name: the program's own comparator, which it sets.
    return Status::OK();
  }
  if (name == "merge_operator") {
    if (value == "nullptr" || value.empty()) o->merge_operator.reset();
    // A name: the program's operator, which it sets (RocksDB keeps the
    // base's too unless it can build one by that name).
    return Status::OK();
  }
  if (name == "compaction_filter" || name == "compaction_filter_factory") {
    // Written by name; "nullptr" unsets it, a name keeps the program's
    // (RocksDB 7.8.3 keeps the base's unless it can build one by that
    // name, which it cannot for a program's class).
    if (value == "nullptr" || value.empty()) {
      if (name == "compaction_filter") {
        o->compaction_filter = nullptr;
      } else {
        o->compaction_filter_factory.reset();
      }
    }
    return Status::OK();
  }
  if (name == "table_factory") {
    if (value == "BlockBasedTable" || value == "BlockBasedTableFactory") {
      return Status::OK();
    }
    if (config.ignore_unknown_options) return Status::OK();
    return Status::NotSupported("skyrocks has only BlockBasedTable",
                                "table_factory=" + value);
  }
  if (name == "block_based_table_factory") {
    std::unordered_map<std::string, std::string> map;
    s = SplitOptionPairs(value, &map);
    if (!s.ok()) return s;
    BlockBasedTableOptions t = o->table_factory
                                   ? o->table_factory->table_options()
                                   : BlockBasedTableOptions();
    for (const auto& kv : map) {
      s = ParseTableOption(config, kv.first, kv.second, &t);
      if (!s.ok()) return s;
    }
    o->table_factory.reset(NewBlockBasedTableFactory(t));
    return Status::OK();
  }
  if (name == "arena_block_size") {
    // Memory allocation only (RocksDB's default depends on
    // write_buffer_size); skyrocks' memtables size their own arena blocks.
    uint64_t n;
    if (!ParseScaledUint64(value, &n)) {
      return Status::InvalidArgument("Error parsing " + name + ": " + value);
    }
    return Status::OK();
  }
  if (name == "max_bytes_for_level_multiplier_additional") {
    // Absent in skyrocks; its default is every level's factor 1.
    size_t pos = 0;
    bool all_ones = true;
    while (pos <= value.size() && !value.empty()) {
      size_t c = value.find(':', pos);
      if (c == std::string::npos) c = value.size();
      int n;
      if (!ParseOptionValue(TrimWhitespace(value.substr(pos, c - pos)), &n)) {
        return Status::InvalidArgument("Error parsing " + name + ": " + value);
      }
      all_ones &= n == 1;
      pos = c + 1;
    }
    if (all_ones || config.ignore_unknown_options) return Status::OK();
    return Status::NotSupported("skyrocks does not have option " + name,
                                "value " + value);
  }
  return CheckAbsentOption(config, kAbsentCFOptions, name, value);
}

Status ParseMutableDBOption(const std::string& name, const std::string& value,
                            DBOptions* o) {
  static const char* const kChangeable[] = {
      "max_background_jobs",      "max_background_compactions",
      "max_background_flushes",   "max_subcompactions",
      "avoid_flush_during_shutdown", "max_total_wal_size",
      "delete_obsolete_files_period_micros", "bytes_per_sync",
      "wal_bytes_per_sync",       "stats_dump_period_sec",
  };
  // RocksDB 7.8.3 changes these too; skyrocks does not have them or
  // cannot change them on an open DB.
  static const char* const kRocksDBMutable[] = {
      "base_background_compactions", "writable_file_max_buffer_size",
      "delayed_write_rate",          "stats_persist_period_sec",
      "stats_history_buffer_size",
      "max_open_files",              "strict_bytes_per_sync",
      "compaction_readahead_size",
  };
  for (const char* n : kChangeable) {
    if (name == n) {
      Status s;
      SetDBField(name, value, o, &s);
      return s;
    }
  }
  for (const char* n : kRocksDBMutable) {
    if (name == n) {
      return Status::InvalidArgument("SetDBOptions: option " + name +
                                     " cannot be changed by skyrocks");
    }
  }
  return Status::NotFound("Unrecognized option: " + name);
}

Status ParseMutableCFOption(const std::string& name, const std::string& value,
                            ColumnFamilyOptions* o) {
  static const char* const kChangeable[] = {
      "disable_auto_compactions",       "level0_file_num_compaction_trigger",
      "level0_slowdown_writes_trigger", "level0_stop_writes_trigger",
      "target_file_size_base",          "max_bytes_for_level_base",
      "max_bytes_for_level_multiplier",
  };
  if (name == "prefix_extractor") {
    ConfigOptions config;
    config.ignore_unsupported_options = false;  // a typo must not unset it
    return SliceTransform::CreateFromString(config, value,
                                            &o->prefix_extractor);
  }
  if (name == "memtable_prefix_bloom_size_ratio" ||
      name == "memtable_whole_key_filtering") {
    // Taken by the next memtable (RocksDB's rule too).
    Status s;
    SetCFField(name, value, o, &s);
    return s;
  }
  for (const char* n : kChangeable) {
    if (name != n) continue;
    ColumnFamilyOptions next = *o;
    Status s;
    // No negative values here (they would wrap around, as std::stoull
    // reads them for RocksDB's option strings).
    if (!value.empty() && value[0] == '-') {
      return Status::InvalidArgument("SetOptions: bad value '" + value +
                                     "' for option " + name);
    }
    SetCFField(name, value, &next, &s);
    if (s.ok() && (next.target_file_size_base == 0 ||
                   next.max_bytes_for_level_base == 0 ||
                   !(next.max_bytes_for_level_multiplier > 0) ||
                   next.level0_file_num_compaction_trigger < 0 ||
                   next.level0_slowdown_writes_trigger < 0 ||
                   next.level0_stop_writes_trigger < 0)) {
      s = Status::InvalidArgument("SetOptions: bad value '" + value +
                                  "' for option " + name);
    }
    if (s.ok()) *o = next;
    return s;
  }
  return Status::InvalidArgument("SetOptions: option " + name +
                                 " cannot be changed by skyrocks");
}

Status ParseOptionsFileText(const ConfigOptions& config,
                            const std::string& text, const std::string& fname,
                            const ColumnFamilyOptions& cf_base,
                            DBOptions* db_options,
                            std::vector<ColumnFamilyDescriptor>* cf_descs) {
  cf_descs->clear();
  enum class Section { kNone, kVersion, kDB, kCF, kTable, kOther };
  Section section = Section::kNone;
  ColumnFamilyOptions* cf = nullptr;
  BlockBasedTableOptions table;
  bool saw_db = false, saw_version = false;
  // The table options of a [TableOptions/...] section go into its column
  // family's factory when the section ends.
  auto finish_table = [&]() {
    if (section == Section::kTable && cf != nullptr) {
      cf->table_factory.reset(NewBlockBasedTableFactory(table));
    }
  };
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string line = TrimWhitespace(text.substr(pos, nl - pos));
    pos = nl + 1;
    line_no++;
    auto error = [&](const std::string& what) {
      return Status::InvalidArgument(
          fname + ":" + std::to_string(line_no) + ": " + what, line);
    };
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      if (line.back() != ']') return error("unterminated section header");
      finish_table();
      const std::string head = line.substr(1, line.size() - 2);
      const size_t q = head.find('"');
      std::string cf_name;
      if (q != std::string::npos) {
        const size_t q2 = head.rfind('"');
        if (q2 == q) return error("unterminated column family name");
        cf_name = head.substr(q + 1, q2 - q - 1);
      }
      const std::string kind = TrimWhitespace(head.substr(0, q));
      if (kind == "Version") {
        section = Section::kVersion;
        saw_version = true;
      } else if (kind == "DBOptions") {
        section = Section::kDB;
        saw_db = true;
      } else if (kind == "CFOptions") {
        section = Section::kCF;
        cf_descs->emplace_back(cf_name, cf_base);
        cf = &cf_descs->back().options;
      } else if (kind.compare(0, 13, "TableOptions/") == 0) {
        if (cf == nullptr || cf_descs->back().name != cf_name) {
          return error("table options of column family '" + cf_name +
                       "' do not follow its [CFOptions] section");
        }
        if (kind != "TableOptions/BlockBasedTable") {
          if (!config.ignore_unknown_options) {
            return Status::NotSupported(fname + ": skyrocks has only "
                                        "BlockBasedTable",
                                        kind);
          }
          section = Section::kOther;
          continue;
        }
        section = Section::kTable;
        table = cf->table_factory ? cf->table_factory->table_options()
                                  : BlockBasedTableOptions();
      } else {
        return error("unknown section");
      }
      continue;
    }
    const size_t eq = line.find('=');
    if (eq == std::string::npos) return error("'=' expected");
    const std::string name = TrimWhitespace(line.substr(0, eq));
    std::string value = TrimWhitespace(line.substr(eq + 1));
    Status s;
    switch (section) {
      case Section::kVersion:
        if (name == "rocksdb_version" || name == "options_file_version") {
          continue;
        }
        return error("unknown [Version] entry");
      case Section::kDB:
        s = ParseDBOption(config, name, value, db_options);
        break;
      case Section::kCF:
        if (!value.empty() && value.front() == '{' && value.back() == '}') {
          value = value.substr(1, value.size() - 2);
        }
        s = ParseCFOption(config, name, value, cf);
        break;
      case Section::kTable:
        if (!value.empty() && value.front() == '{' && value.back() == '}') {
          value = value.substr(1, value.size() - 2);
        }
        s = ParseTableOption(config, name, value, &table);
        break;
      case Section::kOther:
        continue;
      case Section::kNone:
        return error("option outside a section");
    }
    if (!s.ok()) {
      // Name the file and line; keep the code (NotFound, InvalidArgument,
      // NotSupported) callers tell apart.
      const std::string where = fname + ":" + std::to_string(line_no);
      if (s.IsNotFound()) return Status::NotFound(where, s.ToString());
      if (s.IsNotSupported()) return Status::NotSupported(where, s.ToString());
      return Status::InvalidArgument(where, s.ToString());
    }
  }
  finish_table();
  if (!saw_version || !saw_db) {
    return Status::InvalidArgument(fname +
                                   ": not an OPTIONS file ([Version] and "
                                   "[DBOptions] expected)");
  }
  if (cf_descs->empty() || (*cf_descs)[0].name != kDefaultColumnFamilyName) {
    return Status::InvalidArgument(
        fname + ": the first [CFOptions] section must be \"default\"");
  }
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
