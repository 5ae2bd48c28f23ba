// Differential program for the options API and the DB calls of issue 19
// item 3: built against librocksdb 7.8.3 ($(BUILD)/oracle/options_diff)
// and against skyrocks ($(BUILD)/diff/options_diff); each mode must print
// the same lines with both (tests/unit/db/options_diff_test.cpp compares
// them). Statuses print as their code only.
//
//   options_diff presets        the fields each Options preset sets
//   options_diff strings        Get*OptionsFrom{String,Map}, StringToMap
//   options_diff db DIR         a DB's calls: PinnableSlice, column family
//                               batches, KeyMayExist, size estimates, map
//                               and aggregated properties, SetDBOptions,
//                               DeleteFilesInRange, VerifyChecksum
//   options_diff write DIR      a DB whose OPTIONS file has non-default
//                               options in two column families
//   options_diff load DIR       LoadLatestOptions of DIR (written by
//                               either library), the fields it gives
//   options_diff levels DIR     a DB with compression_per_level, compacted
//                               into several levels (sst_dump checks the
//                               files' compression)
#include <rocksdb/compaction_filter.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using ROCKSDB_NAMESPACE::BlockBasedTableOptions;
using ROCKSDB_NAMESPACE::ColumnFamilyDescriptor;
using ROCKSDB_NAMESPACE::ColumnFamilyHandle;
using ROCKSDB_NAMESPACE::ColumnFamilyOptions;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::DBOptions;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::Status;

std::string Code(const Status& s) {
  const std::string t = s.ToString();
  const size_t colon = t.find(':');
  return colon == std::string::npos ? t : t.substr(0, colon);
}

const BlockBasedTableOptions& TableOf(const ColumnFamilyOptions& o) {
  static const BlockBasedTableOptions kDefault;
  if (!o.table_factory) return kDefault;
  const BlockBasedTableOptions* t =
      o.table_factory->GetOptions<BlockBasedTableOptions>();
  return t ? *t : kDefault;
}

void PrintCF(const ColumnFamilyOptions& o) {
  printf(
      "  cf wbs=%zu mwbn=%d merge=%d comp=%d bcomp=%d nl=%d l0=%d/%d/%d "
      "tfsb=%llu tfsm=%d mbflb=%llu mult=%g dyn=%d mcb=%llu style=%d dac=%d "
      "pfc=%d ofh=%d soft=%llu hard=%llu mpbsr=%g mwkf=%d\n",
      o.write_buffer_size, o.max_write_buffer_number,
      o.min_write_buffer_number_to_merge, static_cast<int>(o.compression),
      static_cast<int>(o.bottommost_compression), o.num_levels,
      o.level0_file_num_compaction_trigger, o.level0_slowdown_writes_trigger,
      o.level0_stop_writes_trigger,
      static_cast<unsigned long long>(o.target_file_size_base),
      o.target_file_size_multiplier,
      static_cast<unsigned long long>(o.max_bytes_for_level_base),
      o.max_bytes_for_level_multiplier, o.level_compaction_dynamic_level_bytes,
      static_cast<unsigned long long>(o.max_compaction_bytes),
      static_cast<int>(o.compaction_style), o.disable_auto_compactions,
      o.paranoid_file_checks, o.optimize_filters_for_hits,
      static_cast<unsigned long long>(o.soft_pending_compaction_bytes_limit),
      static_cast<unsigned long long>(o.hard_pending_compaction_bytes_limit),
      o.memtable_prefix_bloom_size_ratio, o.memtable_whole_key_filtering);
  printf("  cf comparator=%s merge_operator=%s cpl=", o.comparator->Name(),
         o.merge_operator ? "set" : "nullptr");
  for (auto c : o.compression_per_level) printf("%d,", static_cast<int>(c));
  printf(" cfilter=%s cfactory=%s",
         o.compaction_filter ? o.compaction_filter->Name() : "nullptr",
         o.compaction_filter_factory ? o.compaction_filter_factory->Name()
                                     : "nullptr");
  printf(" copts=%d/%d/%d/%u/%u/%d\n", o.compression_opts.window_bits,
         o.compression_opts.level, o.compression_opts.strategy,
         o.compression_opts.max_dict_bytes,
         o.compression_opts.zstd_max_train_bytes, o.compression_opts.enabled);
  const BlockBasedTableOptions& t = TableOf(o);
  printf(
      "  table=%s cif=%d it=%d dbit=%d ck=%d nbc=%d bc=%lld bs=%zu bsd=%d "
      "bri=%d ibri=%d short=%d fp=%s wkf=%d pf=%d ofm=%d fv=%u eic=%d ba=%d\n",
      o.table_factory ? o.table_factory->Name() : "none",
      t.cache_index_and_filter_blocks, static_cast<int>(t.index_type),
      static_cast<int>(t.data_block_index_type), static_cast<int>(t.checksum),
      t.no_block_cache,
      t.block_cache ? static_cast<long long>(t.block_cache->GetCapacity()) : -1,
      t.block_size, t.block_size_deviation, t.block_restart_interval,
      t.index_block_restart_interval, static_cast<int>(t.index_shortening),
      t.filter_policy ? t.filter_policy->Name() : "nullptr",
      t.whole_key_filtering, t.partition_filters,
      t.optimize_filters_for_memory, t.format_version,
      t.enable_index_compression, t.block_align);
}

void PrintDB(const DBOptions& o) {
  printf(
      "  db cim=%d cmcf=%d eie=%d pc=%d mof=%d mtws=%llu fsync=%d "
      "dofpm=%llu mbj=%d mbc=%d mbf=%d msub=%u mlfs=%zu klfn=%zu rlfn=%zu "
      "mmfs=%llu ttl=%llu wslm=%llu mps=%zu mmr=%d mmw=%d dr=%d dio=%d "
      "cloexec=%d dbwbs=%zu bps=%llu wbps=%llu pipe=%d acmw=%d wrm=%d "
      "afdr=%d afds=%d mwf=%d af=%d mberc=%d berri=%llu host=%s\n",
      o.create_if_missing, o.create_missing_column_families, o.error_if_exists,
      o.paranoid_checks, o.max_open_files,
      static_cast<unsigned long long>(o.max_total_wal_size), o.use_fsync,
      static_cast<unsigned long long>(o.delete_obsolete_files_period_micros),
      o.max_background_jobs, o.max_background_compactions,
      o.max_background_flushes, o.max_subcompactions, o.max_log_file_size,
      o.keep_log_file_num, o.recycle_log_file_num,
      static_cast<unsigned long long>(o.max_manifest_file_size),
      static_cast<unsigned long long>(o.WAL_ttl_seconds),
      static_cast<unsigned long long>(o.WAL_size_limit_MB),
      o.manifest_preallocation_size, o.allow_mmap_reads, o.allow_mmap_writes,
      o.use_direct_reads, o.use_direct_io_for_flush_and_compaction,
      o.is_fd_close_on_exec, o.db_write_buffer_size,
      static_cast<unsigned long long>(o.bytes_per_sync),
      static_cast<unsigned long long>(o.wal_bytes_per_sync),
      o.enable_pipelined_write, o.allow_concurrent_memtable_write,
      static_cast<int>(o.wal_recovery_mode), o.avoid_flush_during_recovery,
      o.avoid_flush_during_shutdown, o.manual_wal_flush, o.atomic_flush,
      o.max_bgerror_resume_count,
      static_cast<unsigned long long>(o.bgerror_resume_retry_interval),
      o.db_host_id.c_str());
}

// The info LOG and dump options, wal_dir and allow_2pc, with `dir` (the
// DB's directory, which differs between runs) shown as DIR. Not in PrintDB:
// librocksdb's default info_log_level depends on how it was built.
void PrintObserved(const DBOptions& o, const std::string& dir) {
  auto shown = [&](const std::string& path) {
    if (!dir.empty() && path.compare(0, dir.size(), dir) == 0) {
      return "DIR" + path.substr(dir.size());
    }
    return path;
  };
  printf("  db info_log_level=%d stats_dump_period_sec=%u db_log_dir=%s "
         "wal_dir=%s allow_2pc=%d\n",
         static_cast<int>(o.info_log_level), o.stats_dump_period_sec,
         shown(o.db_log_dir).c_str(), shown(o.wal_dir).c_str(), o.allow_2pc);
}

// A filter and a factory known by name only: neither library can make
// them from an OPTIONS file.
class OracleFilter : public ROCKSDB_NAMESPACE::CompactionFilter {
 public:
  const char* Name() const override { return "OracleFilter"; }
};

class OracleFilterFactory
    : public ROCKSDB_NAMESPACE::CompactionFilterFactory {
 public:
  const char* Name() const override { return "OracleFilterFactory"; }
  std::unique_ptr<ROCKSDB_NAMESPACE::CompactionFilter> CreateCompactionFilter(
      const ROCKSDB_NAMESPACE::CompactionFilter::Context&) override {
    return nullptr;
  }
};

void PrintOptions(const char* what, const Options& o) {
  printf("== %s\n", what);
  PrintDB(o);
  PrintCF(o);
}

void PrintPools() {
  auto* env = ROCKSDB_NAMESPACE::Env::Default();
  printf("  pools low=%d high=%d\n",
         env->GetBackgroundThreads(ROCKSDB_NAMESPACE::Env::LOW),
         env->GetBackgroundThreads(ROCKSDB_NAMESPACE::Env::HIGH));
}

int Presets() {
  {
    Options o;
    PrintOptions("default", o);
  }
  {
    Options o;
    o.IncreaseParallelism();
    PrintOptions("IncreaseParallelism()", o);
    PrintPools();
    o.IncreaseParallelism(5);
    PrintOptions("IncreaseParallelism(5)", o);
    PrintPools();
  }
  for (uint64_t budget : {uint64_t{512} << 20, uint64_t{64} << 20}) {
    Options o;
    o.num_levels = budget == (uint64_t{64} << 20) ? 4 : 7;
    o.OptimizeLevelStyleCompaction(budget);
    PrintOptions("OptimizeLevelStyleCompaction", o);
  }
  {
    Options o;
    o.OptimizeLevelStyleCompaction();
    PrintOptions("OptimizeLevelStyleCompaction()", o);
  }
  {
    Options o;
    BlockBasedTableOptions t;
    t.block_size = 16384;  // replaced, not kept
    o.table_factory.reset(ROCKSDB_NAMESPACE::NewBlockBasedTableFactory(t));
    o.OptimizeForPointLookup(32);
    PrintOptions("OptimizeForPointLookup(32)", o);
  }
  {
    Options o;
    o.OptimizeForSmallDb();
    PrintOptions("Options::OptimizeForSmallDb", o);
  }
  {
    DBOptions d;
    d.OptimizeForSmallDb();
    ColumnFamilyOptions c;
    c.OptimizeForSmallDb();
    PrintOptions("separate OptimizeForSmallDb", Options(d, c));
    std::shared_ptr<ROCKSDB_NAMESPACE::Cache> cache =
        ROCKSDB_NAMESPACE::NewLRUCache(1 << 20);
    ColumnFamilyOptions c2;
    c2.OptimizeForSmallDb(&cache);
    PrintOptions("OptimizeForSmallDb(cache)", Options(d, c2));
  }
  {
    Options o;
    o.PrepareForBulkLoad();
    PrintOptions("PrepareForBulkLoad", o);
  }
  const int versions[][2] = {{4, 6}, {4, 7}, {5, 1}, {5, 2}, {5, 17},
                             {5, 18}, {6, 0}, {3, 9}};
  for (const auto& v : versions) {
    Options o;
    o.OldDefaults(v[0], v[1]);
    std::string what = "OldDefaults(" + std::to_string(v[0]) + "," +
                       std::to_string(v[1]) + ")";
    PrintOptions(what.c_str(), o);
  }
  {
    Options o;
    o.OldDefaults();
    PrintOptions("OldDefaults()", o);
    DBOptions d;
    d.OldDefaults(5, 1);
    ColumnFamilyOptions c;
    c.OldDefaults(5, 1);
    PrintOptions("separate OldDefaults(5,1)", Options(d, c));
  }
  return 0;
}

int Strings() {
  const char* const cf_strings[] = {
      "write_buffer_size=1024;max_write_buffer_number=4",
      "write_buffer_size=4k;target_file_size_base=2M;max_bytes_for_level_base="
      "1G",
      "compression=kLZ4Compression;bottommost_compression=kZSTD",
      "compression_per_level=kNoCompression:kSnappyCompression:kLZ4Compression",
      "compression_per_level=",
      "compaction_style=kCompactionStyleLevel;num_levels=5",
      "level0_file_num_compaction_trigger=8;level0_slowdown_writes_trigger="
      "30;level0_stop_writes_trigger=50",
      "max_bytes_for_level_multiplier=8.5;level_compaction_dynamic_level_"
      "bytes=true",
      "disable_auto_compactions=1;paranoid_file_checks=true",
      "block_based_table_factory={block_size=8192;block_restart_interval=8;"
      "filter_policy=bloomfilter:10:false;whole_key_filtering=false}",
      "block_based_table_factory={checksum=kCRC32c;format_version=4;index_"
      "block_restart_interval=4}",
      "compression_opts={level=5;window_bits=-12;strategy=1;max_dict_bytes="
      "0;zstd_max_train_bytes=0;enabled=true}",
      "compression_opts=-13:4:0",
      "memtable_prefix_bloom_size_ratio=0.1;memtable_whole_key_filtering="
      "true",
      " write_buffer_size = 2048 ; max_write_buffer_number = 3 ;",
      // errors
      "write_buffer_size=abc",
      "no_such_option=1",
      "compression=kNoSuchCompression",
      "max_write_buffer_number",
      "block_based_table_factory={block_size=8192",
      "compaction_style=kCompactionStyleNone;write_buffer_size=-1",
      "block_based_table_factory={no_such_table_option=1}",
      "disable_auto_compactions=maybe",
      // RocksDB options skyrocks lacks, at their defaults and not
      "ttl=2592000;arena_block_size=1048576",
      "max_sequential_skip_in_iterations=8",
  };
  ROCKSDB_NAMESPACE::ConfigOptions lenient;
  lenient.ignore_unknown_options = true;
  for (const char* s : cf_strings) {
    ColumnFamilyOptions base;
    ColumnFamilyOptions out;
    Status st =
        ROCKSDB_NAMESPACE::GetColumnFamilyOptionsFromString(base, s, &out);
    printf("== cf \"%s\": %s\n", s, Code(st).c_str());
    PrintCF(out);
    st = ROCKSDB_NAMESPACE::GetColumnFamilyOptionsFromString(lenient, base, s,
                                                             &out);
    printf("  lenient: %s\n", Code(st).c_str());
  }
  const char* const db_strings[] = {
      "create_if_missing=true;max_background_jobs=8;max_open_files=-1",
      "wal_recovery_mode=kAbsoluteConsistency;use_fsync=true;bytes_per_sync="
      "1M",
      "max_subcompactions=4;max_total_wal_size=1G;db_host_id=myhost",
      "WAL_ttl_seconds=0;manual_wal_flush=true;avoid_flush_during_shutdown=1",
      "create_if_missing=nope", "write_buffer_size=1024",
      "wal_recovery_mode=kBogus", "max_background_jobs=9999999999",
      "stats_dump_period_sec=600",
  };
  for (const char* s : db_strings) {
    DBOptions out;
    Status st = ROCKSDB_NAMESPACE::GetDBOptionsFromString(DBOptions(), s, &out);
    printf("== db \"%s\": %s\n", s, Code(st).c_str());
    PrintDB(out);
  }
  // The observability options, from a base whose info_log_level is set
  // (librocksdb's default depends on its build).
  const char* const observed[] = {
      "info_log_level=WARN_LEVEL;stats_dump_period_sec=77;db_log_dir=/tmp/"
      "logs;allow_2pc=true;wal_dir=/tmp/wal",
      "info_log_level=HEADER_LEVEL;stats_dump_period_sec=1k;db_log_dir=",
      "info_log_level=DEBUG_LEVEL", "info_log_level=3",
      "info_log_level=bogus", "stats_dump_period_sec=-1",
      "stats_dump_period_sec=4294967296", "allow_2pc=maybe",
  };
  for (const char* s : observed) {
    DBOptions base;
    base.info_log_level = ROCKSDB_NAMESPACE::INFO_LEVEL;
    DBOptions out = base;
    Status st = ROCKSDB_NAMESPACE::GetDBOptionsFromString(base, s, &out);
    printf("== db observed \"%s\": %s\n", s, Code(st).c_str());
    if (st.ok()) PrintObserved(out, "");
    std::unordered_map<std::string, std::string> m;
    st = ROCKSDB_NAMESPACE::StringToMap(s, &m);
    out = base;
    if (st.ok()) st = ROCKSDB_NAMESPACE::GetDBOptionsFromMap(base, m, &out);
    printf("  from map: %s\n", Code(st).c_str());
    if (st.ok()) PrintObserved(out, "");
  }
  {
    // A name keeps the base's filter (the program supplies it), nullptr
    // unsets it.
    static OracleFilter filter;
    ColumnFamilyOptions base;
    base.compaction_filter = &filter;
    base.compaction_filter_factory = std::make_shared<OracleFilterFactory>();
    for (const char* s :
         {"compaction_filter=OracleFilter", "compaction_filter=Other",
          "compaction_filter=nullptr", "compaction_filter_factory=Other",
          "compaction_filter_factory=nullptr"}) {
      ColumnFamilyOptions out;
      Status st =
          ROCKSDB_NAMESPACE::GetColumnFamilyOptionsFromString(base, s, &out);
      printf("== cf filter \"%s\": %s\n", s, Code(st).c_str());
      PrintCF(out);
    }
  }
  const char* const both[] = {
      "create_if_missing=true;write_buffer_size=1M;block_based_table_factory="
      "{block_size=16k}",
      "max_background_jobs=3;num_levels=4;unknown_thing=2",
  };
  for (const char* s : both) {
    Options out;
    Status st = ROCKSDB_NAMESPACE::GetOptionsFromString(Options(), s, &out);
    printf("== options \"%s\": %s\n", s, Code(st).c_str());
    PrintOptions("result", out);
    st = ROCKSDB_NAMESPACE::GetOptionsFromString(lenient, Options(), s, &out);
    printf("  lenient: %s\n", Code(st).c_str());
  }
  {
    std::unordered_map<std::string, std::string> m = {
        {"write_buffer_size", "12345"},
        {"compression", "kZSTD"},
        {"block_based_table_factory", "{block_size=2048}"}};
    ColumnFamilyOptions out;
    Status st = ROCKSDB_NAMESPACE::GetColumnFamilyOptionsFromMap(
        ColumnFamilyOptions(), m, &out);
    printf("== cf map: %s\n", Code(st).c_str());
    PrintCF(out);
    m["bogus"] = "1";
    st = ROCKSDB_NAMESPACE::GetColumnFamilyOptionsFromMap(ColumnFamilyOptions(),
                                                          m, &out);
    printf("== cf map with bogus: %s\n", Code(st).c_str());
    PrintCF(out);
    st = ROCKSDB_NAMESPACE::GetColumnFamilyOptionsFromMap(
        ColumnFamilyOptions(), m, &out, false, true);
    printf("== cf map with bogus, ignored: %s\n", Code(st).c_str());
    PrintCF(out);
    std::unordered_map<std::string, std::string> dm = {
        {"max_background_jobs", "6"}, {"paranoid_checks", "false"}};
    DBOptions dout;
    st = ROCKSDB_NAMESPACE::GetDBOptionsFromMap(DBOptions(), dm, &dout);
    printf("== db map: %s\n", Code(st).c_str());
    PrintDB(dout);
    BlockBasedTableOptions t;
    st = ROCKSDB_NAMESPACE::GetBlockBasedTableOptionsFromString(
        BlockBasedTableOptions(), "block_size=1k;cache_index_and_filter_blocks=1",
        &t);
    printf("== table string: %s bs=%zu cif=%d\n", Code(st).c_str(),
           t.block_size, t.cache_index_and_filter_blocks);
  }
  const char* const maps[] = {"a=1;b=2", "a={x=1;y={z=2}};b=3;", "a", "=1",
                              "a=1;;b=2", "a={1"};
  for (const char* s : maps) {
    std::unordered_map<std::string, std::string> m;
    Status st = ROCKSDB_NAMESPACE::StringToMap(s, &m);
    std::map<std::string, std::string> sorted(m.begin(), m.end());
    printf("== map \"%s\": %s", s, Code(st).c_str());
    for (const auto& kv : sorted) {
      printf(" [%s]=[%s]", kv.first.c_str(), kv.second.c_str());
    }
    printf("\n");
  }
  return 0;
}

bool Check(const char* what, const Status& s) {
  if (!s.ok()) {
    printf("%s: %s\n", what, s.ToString().c_str());
    return false;
  }
  return true;
}

std::string Key(int i) {
  char b[16];
  snprintf(b, sizeof(b), "k%06d", i);
  return b;
}

int DbCalls(const std::string& dir) {
  Options o;
  o.create_if_missing = true;
  o.disable_auto_compactions = true;
  o.compression = ROCKSDB_NAMESPACE::kNoCompression;
  DB* db = nullptr;
  if (!Check("open", DB::Open(o, dir, &db))) return 1;
  ROCKSDB_NAMESPACE::WriteOptions wo;
  ROCKSDB_NAMESPACE::ReadOptions ro;
  // PinnableSlice: a value from the memtable is a copy; moves keep it.
  {
    Status s = db->Put(wo, "pin", "value-of-pin");
    ROCKSDB_NAMESPACE::PinnableSlice p;
    s = db->Get(ro, db->DefaultColumnFamily(), "pin", &p);
    printf("pin get %s [%s] pinned=%d\n", Code(s).c_str(),
           p.ToString().c_str(), p.IsPinned());
    ROCKSDB_NAMESPACE::PinnableSlice q(std::move(p));
    printf("pin moved [%s] pinned=%d source=[%s]\n", q.ToString().c_str(),
           q.IsPinned(), p.ToString().c_str());
    ROCKSDB_NAMESPACE::PinnableSlice r;
    r = std::move(q);
    r.remove_prefix(6);
    r.remove_suffix(1);
    printf("pin assigned [%s] source=[%s]\n", r.ToString().c_str(),
           q.ToString().c_str());
    std::string buf;
    ROCKSDB_NAMESPACE::PinnableSlice w(&buf);
    s = db->Get(ro, db->DefaultColumnFamily(), "pin", &w);
    printf("pin into buffer [%s] buf=[%s]\n", w.ToString().c_str(),
           buf.c_str());
    static const char kStatic[] = "static bytes";
    static int released = 0;
    ROCKSDB_NAMESPACE::PinnableSlice e;
    e.PinSlice(Slice(kStatic), [](void*, void*) { released++; }, nullptr,
               nullptr);
    printf("pinned slice [%s] pinned=%d\n", e.ToString().c_str(),
           e.IsPinned());
    e.Reset();
    printf("after reset released=%d pinned=%d size=%zu\n", released,
           e.IsPinned(), e.size());
  }
  // KeyMayExist while the default family has no SST (RocksDB's answer
  // from an SST depends on its block cache: "maybe, value not found").
  for (const char* k : {"pin", "absent"}) {
    std::string v;
    bool found = false;
    const bool may = db->KeyMayExist(ro, k, &v, &found);
    printf("KeyMayExist %s may=%d found=%d value=[%s]\n", k, may, found,
           found ? v.c_str() : "");
  }
  // Column families in batches.
  std::vector<ColumnFamilyHandle*> cfs;
  Status s = db->CreateColumnFamilies(ColumnFamilyOptions(), {"a", "b", "c"},
                                      &cfs);
  printf("create families %s %zu\n", Code(s).c_str(), cfs.size());
  std::vector<ColumnFamilyHandle*> more;
  s = db->CreateColumnFamilies(
      {ColumnFamilyDescriptor("d", ColumnFamilyOptions()),
       ColumnFamilyDescriptor("a", ColumnFamilyOptions())},
      &more);
  printf("create descriptors with a duplicate %s %zu\n", Code(s).c_str(),
         more.size());
  for (ColumnFamilyHandle* h : cfs) s = db->Put(wo, h, "x", h->GetName());
  s = db->Flush(ROCKSDB_NAMESPACE::FlushOptions(), cfs);
  printf("flush families %s\n", Code(s).c_str());
  for (ColumnFamilyHandle* h : cfs) {
    std::string v;
    db->GetProperty(h, "rocksdb.num-files-at-level0", &v);
    printf("  %s L0 files %s\n", h->GetName().c_str(), v.c_str());
  }
  s = db->DropColumnFamilies({cfs[0], cfs[2]});
  printf("drop families %s\n", Code(s).c_str());
  std::vector<std::string> names;
  s = DB::ListColumnFamilies(DBOptions(), dir, &names);
  printf("families %s:", Code(s).c_str());
  for (const auto& n : names) printf(" %s", n.c_str());
  printf("\n");
  for (ColumnFamilyHandle* h : cfs) s = db->DestroyColumnFamilyHandle(h);
  for (ColumnFamilyHandle* h : more) s = db->DestroyColumnFamilyHandle(h);

  // "pin"'s value and its deletion in two files: RocksDB's flush drops a
  // value its memtable already deletes, skyrocks' keeps it.
  s = db->Flush(ROCKSDB_NAMESPACE::FlushOptions());
  s = db->Delete(wo, "pin");
  {
    std::string v;
    bool found = true;
    printf("KeyMayExist deleted may=%d", db->KeyMayExist(ro, "pin", &v, &found));
    printf(" found=%d\n", found);
  }
  s = db->Flush(ROCKSDB_NAMESPACE::FlushOptions());  // the deletion in L0
  // Three flushed files of 400 keys each, then memtable data.
  for (int f = 0; f < 3; f++) {
    for (int i = f * 400; i < (f + 1) * 400; i++) {
      s = db->Put(wo, Key(i), std::string(100, static_cast<char>('a' + f)));
    }
    s = db->Flush(ROCKSDB_NAMESPACE::FlushOptions());
  }
  for (int i = 2000; i < 2100; i++) s = db->Put(wo, Key(i), "mem");
  s = db->Delete(wo, Key(2050));
  {
    const std::string k[] = {Key(0),    Key(400),  Key(1200), Key(100),
                             Key(200),  Key(5000), Key(6000), Key(2000),
                             Key(2100)};
    ROCKSDB_NAMESPACE::Range ranges[] = {{k[0], k[1]}, {k[0], k[2]},
                                         {k[3], k[4]}, {k[5], k[6]},
                                         {k[7], k[8]}};
    uint64_t sizes[5];
    s = db->GetApproximateSizes(ranges, 5, sizes);
    printf("approximate sizes (files) %s:", Code(s).c_str());
    for (uint64_t z : sizes) printf(" %s", z == 0 ? "0" : ">0");
    printf(" ordered=%d\n", sizes[1] > sizes[0] && sizes[0] > sizes[2]);
    // Within 10% of the whole-file figures, as both read the index.
    printf("  whole file near 400 values: %d\n",
           sizes[0] > 40000 && sizes[0] < 48000);
    s = db->GetApproximateSizes(ranges, 5, sizes,
                                DB::SizeApproximationFlags::INCLUDE_MEMTABLES);
    printf("approximate sizes (memtables) %s:", Code(s).c_str());
    for (uint64_t z : sizes) printf(" %s", z == 0 ? "0" : ">0");
    printf("\n");
    ROCKSDB_NAMESPACE::SizeApproximationOptions none;
    none.include_files = false;
    s = db->GetApproximateSizes(none, db->DefaultColumnFamily(), ranges, 1,
                                sizes);
    printf("approximate sizes (nothing) %s\n", Code(s).c_str());
    uint64_t count = 0, size = 0;
    db->GetApproximateMemTableStats(ranges[4], &count, &size);
    printf("memtable stats count>0=%d size>0=%d\n", count > 0, size > 0);
    db->GetApproximateMemTableStats(ranges[3], &count, &size);
    printf("memtable stats elsewhere count=%llu size=%llu\n",
           static_cast<unsigned long long>(count),
           static_cast<unsigned long long>(size));
  }
  // Properties.
  printf("constants %s %s %s %s\n", DB::Properties::kStats.c_str(),
         DB::Properties::kNumFilesAtLevelPrefix.c_str(),
         DB::Properties::kEstimateNumKeys.c_str(),
         DB::Properties::kAggregatedTablePropertiesAtLevel.c_str());
  for (const std::string& p :
       {DB::Properties::kAggregatedTableProperties,
        DB::Properties::kAggregatedTablePropertiesAtLevel + "0",
        DB::Properties::kAggregatedTablePropertiesAtLevel + "1",
        DB::Properties::kNumFilesAtLevelPrefix + "0",
        DB::Properties::kEstimateNumKeys}) {
    std::map<std::string, std::string> m;
    const bool ok = db->GetMapProperty(p, &m);
    printf("map %s -> %d:", p.c_str(), ok);
    for (const auto& kv : m) {
      // Sizes of the encoded blocks match only when the SSTs do byte for
      // byte; the counters always.
      printf(" %s=%s", kv.first.c_str(), kv.second.c_str());
    }
    printf("\n");
  }
  for (const char* p :
       {"rocksdb.num-entries-active-mem-table", "rocksdb.estimate-num-keys",
        "rocksdb.num-immutable-mem-table", "rocksdb.stats",
        "rocksdb.total-sst-files-size", "rocksdb.no-such"}) {
    uint64_t v = 0;
    const bool ok = db->GetAggregatedIntProperty(p, &v);
    printf("aggregated %s -> %d %llu\n", p, ok,
           ok ? static_cast<unsigned long long>(v) : 0ull);
  }
  // SetDBOptions.
  const std::pair<const char*, const char*> sets[] = {
      {"stats_dump_period_sec", "30"}, {"info_log_level", "WARN_LEVEL"},
      {"db_log_dir", "/tmp"},         {"allow_2pc", "true"},
      {"max_background_jobs", "4"},   {"max_background_jobs", "x"},
      {"create_if_missing", "true"},  {"no_such", "1"},
      {"max_subcompactions", "2"},    {"avoid_flush_during_shutdown", "true"},
      {"bytes_per_sync", "1048576"},  {"max_total_wal_size", "1G"},
      {"write_buffer_size", "1024"},
  };
  for (const auto& kv : sets) {
    s = db->SetDBOptions({{kv.first, kv.second}});
    printf("SetDBOptions %s=%s %s\n", kv.first, kv.second, Code(s).c_str());
  }
  s = db->SetDBOptions({});
  printf("SetDBOptions {} %s\n", Code(s).c_str());
  PrintDB(db->GetDBOptions());
  printf("  stats_dump_period_sec=%u\n",
         db->GetDBOptions().stats_dump_period_sec);
  // VerifyChecksum, then DeleteFilesInRange over files moved to L1.
  s = db->VerifyChecksum();
  printf("VerifyChecksum %s\n", Code(s).c_str());
  {
    ROCKSDB_NAMESPACE::CompactRangeOptions cro;
    cro.change_level = true;
    cro.target_level = 1;
    s = db->Flush(ROCKSDB_NAMESPACE::FlushOptions());
    // Each flushed file stays one L1 file: compact them one by one.
    for (int f = 0; f < 4; f++) {
      std::string b = Key(f * 400), e = Key(f * 400 + 399);
      if (f == 3) {
        b = Key(2000);
        e = Key(2099);
      }
      Slice bs(b), es(e);
      s = db->CompactRange(cro, &bs, &es);
    }
    std::string l0, l1;
    db->GetProperty("rocksdb.num-files-at-level0", &l0);
    db->GetProperty("rocksdb.num-files-at-level1", &l1);
    printf("before delete: L0=%s L1=%s\n", l0.c_str(), l1.c_str());
    const std::string k0 = Key(0), k800 = Key(800), k1199 = Key(1199);
    Slice b(k0), e(k800);
    s = ROCKSDB_NAMESPACE::DeleteFilesInRange(db, db->DefaultColumnFamily(),
                                              &b, &e);
    db->GetProperty("rocksdb.num-files-at-level1", &l1);
    printf("DeleteFilesInRange [k0,k800] %s L1=%s\n", Code(s).c_str(),
           l1.c_str());
    Slice b2(k800), e2(k1199);
    s = ROCKSDB_NAMESPACE::DeleteFilesInRange(db, db->DefaultColumnFamily(),
                                              &b2, &e2, false);
    db->GetProperty("rocksdb.num-files-at-level1", &l1);
    printf("DeleteFilesInRange [k800,k1199) %s L1=%s\n", Code(s).c_str(),
           l1.c_str());
    s = ROCKSDB_NAMESPACE::DeleteFilesInRange(db, db->DefaultColumnFamily(),
                                              &b2, nullptr, true);
    db->GetProperty("rocksdb.num-files-at-level1", &l1);
    printf("DeleteFilesInRange [k800,inf] %s L1=%s\n", Code(s).c_str(),
           l1.c_str());
    for (int i : {0, 500, 1000, 2010}) {
      std::string v;
      s = db->Get(ro, Key(i), &v);
      printf("  get %s %s\n", Key(i).c_str(), Code(s).c_str());
    }
  }
  s = db->Close();
  delete db;
  return 0;
}

// A DB whose OPTIONS file records non-default options of two families.
int WriteOptionsDb(const std::string& dir) {
  DBOptions d;
  d.create_if_missing = true;
  d.create_missing_column_families = true;
  d.max_background_jobs = 3;
  d.max_subcompactions = 2;
  d.wal_recovery_mode =
      ROCKSDB_NAMESPACE::WALRecoveryMode::kAbsoluteConsistency;
  d.bytes_per_sync = 1 << 20;
  d.info_log_level = ROCKSDB_NAMESPACE::WARN_LEVEL;
  d.stats_dump_period_sec = 77;
  d.db_log_dir = dir + "/logs";
  d.wal_dir = dir + "/wal";
  d.allow_2pc = true;
  ColumnFamilyOptions a;
  static OracleFilter filter;
  a.compaction_filter = &filter;
  a.compaction_filter_factory = std::make_shared<OracleFilterFactory>();
  a.write_buffer_size = 1 << 20;
  a.compression = ROCKSDB_NAMESPACE::kLZ4Compression;
  a.compression_per_level = {ROCKSDB_NAMESPACE::kNoCompression,
                             ROCKSDB_NAMESPACE::kNoCompression,
                             ROCKSDB_NAMESPACE::kZSTD};
  a.num_levels = 5;
  a.level0_file_num_compaction_trigger = 6;
  a.max_bytes_for_level_multiplier = 7.5;
  a.memtable_prefix_bloom_size_ratio = 0.05;
  BlockBasedTableOptions t;
  t.block_size = 8192;
  t.filter_policy.reset(ROCKSDB_NAMESPACE::NewBloomFilterPolicy(12));
  t.checksum = ROCKSDB_NAMESPACE::kCRC32c;
  t.format_version = 4;
  a.table_factory.reset(ROCKSDB_NAMESPACE::NewBlockBasedTableFactory(t));
  std::vector<ColumnFamilyDescriptor> cfs = {
      ColumnFamilyDescriptor(ROCKSDB_NAMESPACE::kDefaultColumnFamilyName,
                             ColumnFamilyOptions()),
      ColumnFamilyDescriptor("tuned", a)};
  std::vector<ColumnFamilyHandle*> handles;
  DB* db = nullptr;
  if (!Check("open", DB::Open(d, dir, cfs, &handles, &db))) return 1;
  for (ColumnFamilyHandle* h : handles) {
    Status s = db->DestroyColumnFamilyHandle(h);
    if (!Check("destroy handle", s)) return 1;
  }
  delete db;
  printf("written\n");
  return 0;
}

int LoadOptions(const std::string& dir) {
  std::string name;
  Status s = ROCKSDB_NAMESPACE::GetLatestOptionsFileName(
      dir, ROCKSDB_NAMESPACE::Env::Default(), &name);
  printf("latest %s %s\n", Code(s).c_str(),
         name.compare(0, 8, "OPTIONS-") == 0 ? "OPTIONS-*" : name.c_str());
  DBOptions d;
  std::vector<ColumnFamilyDescriptor> cfs;
  s = ROCKSDB_NAMESPACE::LoadLatestOptions(
      dir, ROCKSDB_NAMESPACE::Env::Default(), &d, &cfs);
  printf("load %s families=%zu\n", Code(s).c_str(), cfs.size());
  if (!s.ok()) return 0;
  // create_if_missing and friends are what the writer passed.
  PrintDB(d);
  PrintObserved(d, dir);
  for (const ColumnFamilyDescriptor& c : cfs) {
    printf(" family %s\n", c.name.c_str());
    PrintCF(c.options);
  }
  std::shared_ptr<ROCKSDB_NAMESPACE::Cache> cache =
      ROCKSDB_NAMESPACE::NewLRUCache(3 << 20);
  s = ROCKSDB_NAMESPACE::LoadLatestOptions(
      dir, ROCKSDB_NAMESPACE::Env::Default(), &d, &cfs, false, &cache);
  printf("load with cache %s capacity=%lld\n", Code(s).c_str(),
         static_cast<long long>(
             TableOf(cfs.back().options).block_cache->GetCapacity()));
  // The loaded options open the DB.
  std::vector<ColumnFamilyHandle*> handles;
  DB* db = nullptr;
  s = DB::Open(d, dir, cfs, &handles, &db);
  printf("open with loaded options %s\n", Code(s).c_str());
  if (s.ok()) {
    for (ColumnFamilyHandle* h : handles) s = db->DestroyColumnFamilyHandle(h);
    delete db;
  }
  s = ROCKSDB_NAMESPACE::LoadLatestOptions(
      dir + "/no-such-dir", ROCKSDB_NAMESPACE::Env::Default(), &d, &cfs);
  printf("load missing dir %s\n", Code(s).c_str());
  return 0;
}

// A DB with compression_per_level whose files end up on L0, L1 and L2.
int Levels(const std::string& dir) {
  Options o;
  o.create_if_missing = true;
  o.disable_auto_compactions = true;
  o.num_levels = 4;
  o.compression_per_level = {ROCKSDB_NAMESPACE::kNoCompression,
                             ROCKSDB_NAMESPACE::kSnappyCompression,
                             ROCKSDB_NAMESPACE::kLZ4Compression,
                             ROCKSDB_NAMESPACE::kZSTD};
  DB* db = nullptr;
  if (!Check("open", DB::Open(o, dir, &db))) return 1;
  ROCKSDB_NAMESPACE::WriteOptions wo;
  auto fill = [&](int from, int to) {
    for (int i = from; i < to; i++) {
      Status s = db->Put(wo, Key(i), std::string(200, 'x'));
      if (!s.ok()) return s;
    }
    return db->Flush(ROCKSDB_NAMESPACE::FlushOptions());
  };
  // L0 files compacted into `level` by CompactFiles with the column
  // family's compression (kDisableCompressionOption: the level's).
  auto compact_l0_into = [&](int level) {
    std::vector<ROCKSDB_NAMESPACE::LiveFileMetaData> files;
    db->GetLiveFilesMetaData(&files);
    std::vector<std::string> l0;
    for (const auto& f : files) {
      if (f.level == 0) l0.push_back(f.name);
    }
    ROCKSDB_NAMESPACE::CompactionOptions co;
    co.compression = ROCKSDB_NAMESPACE::kDisableCompressionOption;
    return db->CompactFiles(co, l0, level);
  };
  Status s = fill(0, 300);
  if (s.ok()) s = compact_l0_into(2);
  if (s.ok()) s = fill(300, 600);
  if (s.ok()) s = compact_l0_into(1);
  if (s.ok()) s = fill(600, 900);  // L0
  printf("levels %s\n", Code(s).c_str());
  std::vector<ROCKSDB_NAMESPACE::LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  std::map<int, int> per_level;
  for (const auto& f : files) per_level[f.level]++;
  for (const auto& kv : per_level) printf(" L%d: %d\n", kv.first, kv.second);
  // For sst_dump: "file LEVEL PATH" (names differ between libraries).
  for (const auto& f : files) {
    fprintf(stderr, "file %d %s%s\n", f.level, f.db_path.c_str(),
            f.name.c_str());
  }
  delete db;
  return s.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: options_diff presets|strings|db|write|load|levels [DIR]\n");
    return 2;
  }
  const std::string mode = argv[1];
  const std::string dir = argc > 2 ? argv[2] : "";
  if (mode == "presets") return Presets();
  if (mode == "strings") return Strings();
  if (mode == "db") return DbCalls(dir);
  if (mode == "write") return WriteOptionsDb(dir);
  if (mode == "load") return LoadOptions(dir);
  if (mode == "levels") return Levels(dir);
  fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
