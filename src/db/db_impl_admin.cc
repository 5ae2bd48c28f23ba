// The DB's estimates and maintenance calls beside reads and writes:
// GetApproximateSizes / GetApproximateMemTableStats, GetMapProperty and
// GetAggregatedIntProperty, VerifyChecksum, DeleteFilesInRanges (and
// convenience.h's DeleteFilesInRange(s)), SetDBOptions; and the DB
// defaults built on the other calls (CreateColumnFamilies,
// DropColumnFamilies, Flush of several column families, KeyMayExist).
#include <algorithm>
#include <set>

#include "db/db_impl.h"
#include "db/options_parser.h"
#include "rocksdb/convenience.h"
#include "util/coding.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

// ---- DB defaults.

Status DB::CreateColumnFamilies(
    const ColumnFamilyOptions& options,
    const std::vector<std::string>& column_family_names,
    std::vector<ColumnFamilyHandle*>* handles) {
  handles->clear();
  for (const std::string& name : column_family_names) {
    ColumnFamilyHandle* h = nullptr;
    Status s = CreateColumnFamily(options, name, &h);
    if (!s.ok()) return s;
    handles->push_back(h);
  }
  return Status::OK();
}

Status DB::CreateColumnFamilies(
    const std::vector<ColumnFamilyDescriptor>& column_families,
    std::vector<ColumnFamilyHandle*>* handles) {
  handles->clear();
  for (const ColumnFamilyDescriptor& d : column_families) {
    ColumnFamilyHandle* h = nullptr;
    Status s = CreateColumnFamily(d.options, d.name, &h);
    if (!s.ok()) return s;
    handles->push_back(h);
  }
  return Status::OK();
}

Status DB::DropColumnFamilies(
    const std::vector<ColumnFamilyHandle*>& column_families) {
  for (ColumnFamilyHandle* h : column_families) {
    Status s = DropColumnFamily(h);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

Status DB::Flush(const FlushOptions& options,
                 const std::vector<ColumnFamilyHandle*>& column_families) {
  for (ColumnFamilyHandle* h : column_families) {
    Status s = Flush(options, h);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

bool DB::KeyMayExist(const ReadOptions& options,
                     ColumnFamilyHandle* column_family, const Slice& key,
                     std::string* value, std::string* timestamp,
                     bool* value_found) {
  if (timestamp != nullptr) timestamp->clear();
  std::string scratch;
  Status s = Get(options, column_family, key, value ? value : &scratch);
  // As RocksDB: *value_found is false only when the answer was incomplete
  // (skyrocks reads everything, so never); a definite NotFound says no,
  // an error leaves "maybe".
  if (value_found != nullptr) *value_found = true;
  return !s.IsNotFound();
}

// ---- Properties.

const std::string DB::Properties::kNumFilesAtLevelPrefix =
    "rocksdb.num-files-at-level";
const std::string DB::Properties::kCompressionRatioAtLevelPrefix =
    "rocksdb.compression-ratio-at-level";
const std::string DB::Properties::kStats = "rocksdb.stats";
const std::string DB::Properties::kSSTables = "rocksdb.sstables";
const std::string DB::Properties::kCFStats = "rocksdb.cfstats";
const std::string DB::Properties::kCFStatsNoFileHistogram =
    "rocksdb.cfstats-no-file-histogram";
const std::string DB::Properties::kCFFileHistogram =
    "rocksdb.cf-file-histogram";
const std::string DB::Properties::kDBStats = "rocksdb.dbstats";
const std::string DB::Properties::kLevelStats = "rocksdb.levelstats";
const std::string DB::Properties::kBlockCacheEntryStats =
    "rocksdb.block-cache-entry-stats";
const std::string DB::Properties::kFastBlockCacheEntryStats =
    "rocksdb.fast-block-cache-entry-stats";
const std::string DB::Properties::kNumImmutableMemTable =
    "rocksdb.num-immutable-mem-table";
const std::string DB::Properties::kNumImmutableMemTableFlushed =
    "rocksdb.num-immutable-mem-table-flushed";
const std::string DB::Properties::kMemTableFlushPending =
    "rocksdb.mem-table-flush-pending";
const std::string DB::Properties::kNumRunningFlushes =
    "rocksdb.num-running-flushes";
const std::string DB::Properties::kCompactionPending =
    "rocksdb.compaction-pending";
const std::string DB::Properties::kNumRunningCompactions =
    "rocksdb.num-running-compactions";
const std::string DB::Properties::kBackgroundErrors =
    "rocksdb.background-errors";
const std::string DB::Properties::kCurSizeActiveMemTable =
    "rocksdb.cur-size-active-mem-table";
const std::string DB::Properties::kCurSizeAllMemTables =
    "rocksdb.cur-size-all-mem-tables";
const std::string DB::Properties::kSizeAllMemTables =
    "rocksdb.size-all-mem-tables";
const std::string DB::Properties::kNumEntriesActiveMemTable =
    "rocksdb.num-entries-active-mem-table";
const std::string DB::Properties::kNumEntriesImmMemTables =
    "rocksdb.num-entries-imm-mem-tables";
const std::string DB::Properties::kNumDeletesActiveMemTable =
    "rocksdb.num-deletes-active-mem-table";
const std::string DB::Properties::kNumDeletesImmMemTables =
    "rocksdb.num-deletes-imm-mem-tables";
const std::string DB::Properties::kEstimateNumKeys =
    "rocksdb.estimate-num-keys";
const std::string DB::Properties::kEstimateTableReadersMem =
    "rocksdb.estimate-table-readers-mem";
const std::string DB::Properties::kIsFileDeletionsEnabled =
    "rocksdb.is-file-deletions-enabled";
const std::string DB::Properties::kNumSnapshots = "rocksdb.num-snapshots";
const std::string DB::Properties::kOldestSnapshotTime =
    "rocksdb.oldest-snapshot-time";
const std::string DB::Properties::kOldestSnapshotSequence =
    "rocksdb.oldest-snapshot-sequence";
const std::string DB::Properties::kNumLiveVersions =
    "rocksdb.num-live-versions";
const std::string DB::Properties::kCurrentSuperVersionNumber =
    "rocksdb.current-super-version-number";
const std::string DB::Properties::kEstimateLiveDataSize =
    "rocksdb.estimate-live-data-size";
const std::string DB::Properties::kMinLogNumberToKeep =
    "rocksdb.min-log-number-to-keep";
const std::string DB::Properties::kMinObsoleteSstNumberToKeep =
    "rocksdb.min-obsolete-sst-number-to-keep";
const std::string DB::Properties::kTotalSstFilesSize =
    "rocksdb.total-sst-files-size";
const std::string DB::Properties::kLiveSstFilesSize =
    "rocksdb.live-sst-files-size";
const std::string DB::Properties::kLiveSstFilesSizeAtTemperature =
    "rocksdb.live-sst-files-size-at-temperature";
const std::string DB::Properties::kBaseLevel = "rocksdb.base-level";
const std::string DB::Properties::kEstimatePendingCompactionBytes =
    "rocksdb.estimate-pending-compaction-bytes";
const std::string DB::Properties::kAggregatedTableProperties =
    "rocksdb.aggregated-table-properties";
const std::string DB::Properties::kAggregatedTablePropertiesAtLevel =
    "rocksdb.aggregated-table-properties-at-level";
const std::string DB::Properties::kActualDelayedWriteRate =
    "rocksdb.actual-delayed-write-rate";
const std::string DB::Properties::kIsWriteStopped = "rocksdb.is-write-stopped";
const std::string DB::Properties::kEstimateOldestKeyTime =
    "rocksdb.estimate-oldest-key-time";
const std::string DB::Properties::kBlockCacheCapacity =
    "rocksdb.block-cache-capacity";
const std::string DB::Properties::kBlockCacheUsage = "rocksdb.block-cache-usage";
const std::string DB::Properties::kBlockCachePinnedUsage =
    "rocksdb.block-cache-pinned-usage";
const std::string DB::Properties::kOptionsStatistics =
    "rocksdb.options-statistics";
const std::string DB::Properties::kNumBlobFiles = "rocksdb.num-blob-files";
const std::string DB::Properties::kBlobStats = "rocksdb.blob-stats";
const std::string DB::Properties::kTotalBlobFileSize =
    "rocksdb.total-blob-file-size";
const std::string DB::Properties::kLiveBlobFileSize =
    "rocksdb.live-blob-file-size";
const std::string DB::Properties::kLiveBlobFileGarbageSize =
    "rocksdb.live-blob-file-garbage-size";
const std::string DB::Properties::kBlobCacheCapacity =
    "rocksdb.blob-cache-capacity";
const std::string DB::Properties::kBlobCacheUsage = "rocksdb.blob-cache-usage";
const std::string DB::Properties::kBlobCachePinnedUsage =
    "rocksdb.blob-cache-pinned-usage";

bool DBImpl::GetMapProperty(ColumnFamilyHandle* column_family,
                            const Slice& property,
                            std::map<std::string, std::string>* value) {
  value->clear();
  const std::string& prefix = Properties::kAggregatedTableProperties;
  const std::string p = property.ToString();
  if (p.compare(0, prefix.size(), prefix) != 0) return false;
  int first_level = 0, last_level = kMaxNumLevels - 1;
  if (p.size() > prefix.size()) {
    const std::string at = "-at-level";
    uint64_t level;
    if (p.compare(prefix.size(), at.size(), at) != 0 ||
        !ParseDecimalUint64(p.substr(prefix.size() + at.size()),
                            &level) ||
        level >= static_cast<uint64_t>(kMaxNumLevels)) {
      return false;
    }
    first_level = last_level = static_cast<int>(level);
  }
  ColumnFamilyData* cfd = CfdOf(column_family);
  std::shared_ptr<const Version> v;
  {
    port::MutexLock l(&mutex_);
    v = cfd->current;
  }
  TableProperties sum;
  for (int level = first_level; level <= last_level; level++) {
    for (const FileMetaPtr& f : v->files[level]) {
      std::shared_ptr<TableReader> t;
      if (!table_cache_
               ->Get(f->number, f->file_size, f->largest_seqno, &cfd->icmp,
                     cfd->table_factory().get(), &t)
               .ok()) {
        return false;
      }
      const TableProperties& tp = t->GetTableProperties();
      sum.data_size += tp.data_size;
      sum.index_size += tp.index_size;
      sum.index_partitions += tp.index_partitions;
      sum.top_level_index_size += tp.top_level_index_size;
      sum.filter_size += tp.filter_size;
      sum.raw_key_size += tp.raw_key_size;
      sum.raw_value_size += tp.raw_value_size;
      sum.num_data_blocks += tp.num_data_blocks;
      sum.num_entries += tp.num_entries;
      sum.num_filter_entries += tp.num_filter_entries;
      sum.num_deletions += tp.num_deletions;
      sum.num_merge_operands += tp.num_merge_operands;
      sum.num_range_deletions += tp.num_range_deletions;
    }
  }
  // RocksDB 7.8.3's GetAggregatablePropertiesAsMap (skyrocks does not
  // sample compression: the two estimates are 0, as RocksDB's are by
  // default).
  auto put = [value](const char* k, uint64_t n) {
    (*value)[k] = std::to_string(n);
  };
  put("data_size", sum.data_size);
  put("index_size", sum.index_size);
  put("index_partitions", sum.index_partitions);
  put("top_level_index_size", sum.top_level_index_size);
  put("filter_size", sum.filter_size);
  put("raw_key_size", sum.raw_key_size);
  put("raw_value_size", sum.raw_value_size);
  put("num_data_blocks", sum.num_data_blocks);
  put("num_entries", sum.num_entries);
  put("num_filter_entries", sum.num_filter_entries);
  put("num_deletions", sum.num_deletions);
  put("num_merge_operands", sum.num_merge_operands);
  put("num_range_deletions", sum.num_range_deletions);
  put("slow_compression_estimated_data_size", 0);
  put("fast_compression_estimated_data_size", 0);
  return true;
}

bool DBImpl::GetAggregatedIntProperty(const Slice& property,
                                      uint64_t* aggregated_value) {
  std::vector<ColumnFamilyData*> cfds;
  {
    port::MutexLock l(&mutex_);
    cfds = versions_->LiveColumnFamilies();
  }
  uint64_t sum = 0;
  for (ColumnFamilyData* cfd : cfds) {
    ColumnFamilyHandleImpl h(cfd);
    uint64_t v;
    if (!GetIntProperty(&h, property, &v)) return false;
    sum += v;
  }
  *aggregated_value = sum;
  return true;
}

// ---- Size estimates.

namespace {

// Bytes of f's data between the internal keys start and end (RocksDB's
// VersionSet::ApproximateSize for one file).
uint64_t ApproximateFileBytes(const InternalKeyComparator& icmp,
                              const FileMetaData& f, const TableReader& t,
                              const Slice& start, const Slice& end) {
  if (icmp.Compare(f.largest.Encode(), start) <= 0) return 0;
  if (icmp.Compare(f.smallest.Encode(), end) > 0) return 0;
  if (icmp.Compare(f.smallest.Encode(), start) >= 0) {
    return t.ApproximateOffsetOf(end);
  }
  if (icmp.Compare(f.largest.Encode(), end) < 0) {
    const uint64_t from = t.ApproximateOffsetOf(start);
    return f.file_size > from ? f.file_size - from : 0;
  }
  const uint64_t a = t.ApproximateOffsetOf(start);
  const uint64_t b = t.ApproximateOffsetOf(end);
  return b > a ? b - a : 0;
}

// Entries and bytes of mem in [start, end) (internal keys).
void MemTableRangeStats(MemTable* mem, const InternalKeyComparator& icmp,
                        const Slice& start, const Slice& end,
                        uint64_t* count, uint64_t* bytes) {
  std::unique_ptr<MemTable::Iterator> it = mem->NewIterator();
  for (it->Seek(start); it->Valid(); it->Next()) {
    if (icmp.Compare(it->key(), end) >= 0) break;
    (*count)++;
    *bytes += it->key().size() + it->value().size();
  }
}

}  // namespace

Status DBImpl::GetApproximateSizes(const SizeApproximationOptions& options,
                                   ColumnFamilyHandle* column_family,
                                   const Range* ranges, int n,
                                   uint64_t* sizes) {
  if (!options.include_memtables && !options.include_files) {
    return Status::InvalidArgument("Invalid options");
  }
  ColumnFamilyData* cfd = CfdOf(column_family);
  for (int i = 0; i < n; i++) {
    std::string start, end;
    AppendInternalKey(&start, ranges[i].start, kMaxSequenceNumber,
                      kValueTypeForSeek);
    AppendInternalKey(&end, ranges[i].limit, kMaxSequenceNumber,
                      kValueTypeForSeek);
    sizes[i] = 0;
    if (options.include_memtables) {
      uint64_t count = 0;
      GetApproximateMemTableStats(column_family, ranges[i], &count, &sizes[i]);
    }
    if (!options.include_files) continue;
    std::shared_ptr<const Version> v;
    {
      port::MutexLock l(&mutex_);
      v = cfd->current;
    }
    for (const auto& level : v->files) {
      for (const FileMetaPtr& f : level) {
        std::shared_ptr<TableReader> t;
        Status s =
            table_cache_->Get(f->number, f->file_size, f->largest_seqno,
                              &cfd->icmp, cfd->table_factory().get(), &t);
        if (!s.ok()) return s;
        sizes[i] += ApproximateFileBytes(cfd->icmp, *f, *t, start, end);
      }
    }
  }
  return Status::OK();
}

void DBImpl::GetApproximateMemTableStats(ColumnFamilyHandle* column_family,
                                         const Range& range,
                                         uint64_t* const count,
                                         uint64_t* const size) {
  ColumnFamilyData* cfd = CfdOf(column_family);
  std::vector<MemTable*> mems;
  {
    port::MutexLock l(&mutex_);
    mems.push_back(cfd->mem);
    for (const ImmutableMemTable& m : cfd->imm) mems.push_back(m.mem);
    for (MemTable* m : mems) m->Ref();
  }
  std::string start, end;
  AppendInternalKey(&start, range.start, kMaxSequenceNumber, kValueTypeForSeek);
  AppendInternalKey(&end, range.limit, kMaxSequenceNumber, kValueTypeForSeek);
  *count = 0;
  *size = 0;
  for (MemTable* m : mems) {
    MemTableRangeStats(m, cfd->icmp, start, end, count, size);
    m->Unref();
  }
}

// ---- Maintenance.

Status DBImpl::VerifyChecksum(const ReadOptions& /*read_options*/) {
  std::vector<std::pair<ColumnFamilyData*, std::shared_ptr<const Version>>>
      versions;
  {
    port::MutexLock l(&mutex_);
    for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
      versions.emplace_back(cfd, cfd->current);
    }
  }
  for (const auto& cv : versions) {
    ColumnFamilyData* cfd = cv.first;
    for (const auto& level : cv.second->files) {
      for (const FileMetaPtr& f : level) {
        std::shared_ptr<TableReader> t;
        Status s =
            table_cache_->Get(f->number, f->file_size, f->largest_seqno,
                              &cfd->icmp, cfd->table_factory().get(), &t);
        if (s.ok()) s = t->VerifyChecksum();
        if (!s.ok()) return s;
      }
    }
  }
  return Status::OK();
}

Status DBImpl::DeleteFilesInRanges(ColumnFamilyHandle* column_family,
                                   const RangePtr* ranges, size_t n,
                                   bool include_end) {
  if (read_only_) {
    return Status::NotSupported("Not supported operation in read only mode.");
  }
  ColumnFamilyData* cfd = CfdOf(column_family);
  const Comparator* ucmp = cfd->icmp.user_comparator();
  port::MutexLock l(&mutex_);
  const Version& v = *cfd->current;
  VersionEdit edit;
  edit.SetColumnFamily(cfd->id);
  std::set<uint64_t> deleted;
  for (size_t r = 0; r < n; r++) {
    const Slice* begin = ranges[r].start;
    const Slice* end = ranges[r].limit;
    // As RocksDB: L0 stays (its files overlap each other).
    for (int level = 1; level < kMaxNumLevels; level++) {
      const std::vector<FileMetaPtr>& files = v.files[level];
      for (size_t i = 0; i < files.size(); i++) {
        const FileMetaData& f = *files[i];
        const Slice lo = f.smallest.user_key();
        const Slice hi = f.largest.user_key();
        if (begin != nullptr && ucmp->Compare(lo, *begin) < 0) continue;
        if (end != nullptr && ucmp->Compare(hi, *end) > 0) continue;
        if (!include_end && end != nullptr && ucmp->Compare(hi, *end) == 0) {
          continue;
        }
        // Only "clean" files: a user key never spans this file and a
        // neighbour (RocksDB's GetCleanInputsWithinInterval).
        if (i > 0 && ucmp->Compare(files[i - 1]->largest.user_key(), lo) == 0)
          continue;
        if (i + 1 < files.size() &&
            ucmp->Compare(files[i + 1]->smallest.user_key(), hi) == 0) {
          continue;
        }
        if (compactions_.files().count(f.number) != 0) continue;
        if (!deleted.insert(f.number).second) continue;
        edit.DeleteFile(level, f.number);
      }
    }
  }
  if (deleted.empty()) return Status::OK();
  Status s = versions_->LogAndApply(cfd, &edit);
  if (s.ok()) DeleteObsoleteFiles();
  MaybeScheduleCompaction();
  return s;
}

Status DeleteFilesInRange(DB* db, ColumnFamilyHandle* column_family,
                          const Slice* begin, const Slice* end,
                          bool include_end) {
  RangePtr range(begin, end);
  return db->DeleteFilesInRanges(column_family, &range, 1, include_end);
}

Status DeleteFilesInRanges(DB* db, ColumnFamilyHandle* column_family,
                           const RangePtr* ranges, size_t n,
                           bool include_end) {
  return db->DeleteFilesInRanges(column_family, ranges, n, include_end);
}

Status DBImpl::SetDBOptions(
    const std::unordered_map<std::string, std::string>& new_options) {
  if (read_only_) {
    return Status::NotSupported("Not supported operation in read only mode.");
  }
  if (new_options.empty()) {
    return Status::InvalidArgument("SetDBOptions: empty list of options");
  }
  port::MutexLock l(&mutex_);
  DBOptions next = options_;
  for (const auto& kv : new_options) {
    Status s = ParseMutableDBOption(kv.first, kv.second, &next);
    if (!s.ok()) return s;
  }
  options_.max_background_jobs = next.max_background_jobs;
  options_.max_background_compactions = next.max_background_compactions;
  options_.max_background_flushes = next.max_background_flushes;
  options_.max_subcompactions = next.max_subcompactions;
  options_.avoid_flush_during_shutdown = next.avoid_flush_during_shutdown;
  options_.max_total_wal_size = next.max_total_wal_size;
  options_.delete_obsolete_files_period_micros =
      next.delete_obsolete_files_period_micros;
  options_.bytes_per_sync = next.bytes_per_sync;
  options_.wal_bytes_per_sync = next.wal_bytes_per_sync;
  options_.stats_dump_period_sec = next.stats_dump_period_sec;
  SetStatsDumpPeriod(options_.stats_dump_period_sec);
  int flushes = 1, compactions = 1;
  BackgroundJobLimits(options_, &flushes, &compactions);
  env_->IncBackgroundThreadsIfNeeded(compactions, Env::LOW);
  env_->IncBackgroundThreadsIfNeeded(flushes, Env::HIGH);
  Status s = WriteOptionsFile();
  if (s.ok()) DeleteObsoleteFiles();  // the previous OPTIONS file
  MaybeScheduleCompaction();
  return s;
}

}  // namespace ROCKSDB_NAMESPACE
