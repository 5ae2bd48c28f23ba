// What DBImpl tells the info LOG and the EventListeners about its
// background work, as RocksDB 7.8.3 does: EVENT_LOG_v1 lines (flush_started,
// flush_finished, table_file_creation, table_file_deletion,
// compaction_started, compaction_finished, with RocksDB's field names), the
// callbacks of rocksdb/listener.h, and the stats dumped every
// stats_dump_period_sec. Callbacks run without the DB mutex.
#include <algorithm>
#include <functional>
#include <map>
#include <thread>

#include "db/db_impl.h"
#include "db/event_log.h"
#include "db/filename.h"
#include "db/info_log.h"
#include "table/format.h"

namespace ROCKSDB_NAMESPACE {

namespace {

uint64_t EventThreadId() {
  return static_cast<uint64_t>(
      std::hash<std::thread::id>()(std::this_thread::get_id()));
}

const char* FlushReasonString(FlushReason r) {
  switch (r) {
    case FlushReason::kGetLiveFiles:
      return "Get Live Files";
    case FlushReason::kShutDown:
      return "Shut down";
    case FlushReason::kExternalFileIngestion:
      return "External File Ingestion";
    case FlushReason::kManualCompaction:
      return "Manual Compaction";
    case FlushReason::kWriteBufferManager:
      return "Write Buffer Manager";
    case FlushReason::kWriteBufferFull:
      return "Write Buffer Full";
    case FlushReason::kTest:
      return "Test";
    case FlushReason::kDeleteFiles:
      return "Delete Files";
    case FlushReason::kAutoCompaction:
      return "Auto Compaction";
    case FlushReason::kManualFlush:
      return "Manual Flush";
    case FlushReason::kErrorRecovery:
      return "Error Recovery";
    case FlushReason::kErrorRecoveryRetryFlush:
      return "Error Recovery Retry Flush";
    case FlushReason::kWalFull:
      return "WAL Full";
    default:
      return "Other Reasons";
  }
}

const char* CompactionReasonString(CompactionReason r) {
  switch (r) {
    case CompactionReason::kLevelL0FilesNum:
      return "LevelL0FilesNum";
    case CompactionReason::kLevelMaxLevelSize:
      return "LevelMaxLevelSize";
    case CompactionReason::kManualCompaction:
      return "ManualCompaction";
    default:
      return "Unknown";
  }
}

std::vector<uint64_t> LsmState(const ColumnFamilyData* cfd) {
  std::vector<uint64_t> n;
  for (int level = 0; level < cfd->options.num_levels; level++) {
    n.push_back(cfd->current->files[level].size());
  }
  return n;
}

// The table_properties member of a table_file_creation line.
void AddTableProperties(const TableProperties& p, EventLogLine* e) {
  const uint64_t entries = p.num_entries;
  e->BeginObject("table_properties")
      .Add("data_size", p.data_size)
      .Add("index_size", p.index_size)
      .Add("index_partitions", p.index_partitions)
      .Add("top_level_index_size", p.top_level_index_size)
      .Add("index_key_is_user_key", p.index_key_is_user_key)
      .Add("index_value_is_delta_encoded", p.index_value_is_delta_encoded)
      .Add("filter_size", p.filter_size)
      .Add("raw_key_size", p.raw_key_size)
      .Add("raw_average_key_size",
           entries > 0 ? p.raw_key_size / entries : uint64_t{0})
      .Add("raw_value_size", p.raw_value_size)
      .Add("raw_average_value_size",
           entries > 0 ? p.raw_value_size / entries : uint64_t{0})
      .Add("num_data_blocks", p.num_data_blocks)
      .Add("num_entries", p.num_entries)
      .Add("num_filter_entries", p.num_filter_entries)
      .Add("num_deletions", p.num_deletions)
      .Add("num_merge_operands", p.num_merge_operands)
      .Add("num_range_deletions", p.num_range_deletions)
      .Add("format_version", p.format_version)
      .Add("fixed_key_len", p.fixed_key_len)
      .Add("filter_policy", p.filter_policy_name)
      .Add("column_family_name", p.column_family_name)
      .Add("column_family_id", p.column_family_id)
      .Add("comparator", p.comparator_name)
      .Add("merge_operator", p.merge_operator_name)
      .Add("prefix_extractor_name", p.prefix_extractor_name)
      .Add("property_collectors", p.property_collectors_names)
      .Add("compression", p.compression_name)
      .Add("compression_options", p.compression_options)
      .Add("creation_time", p.creation_time)
      .Add("oldest_key_time", p.oldest_key_time)
      .Add("file_creation_time", p.file_creation_time)
      .Add("slow_compression_estimated_data_size", uint64_t{0})
      .Add("fast_compression_estimated_data_size", uint64_t{0})
      .Add("db_id", p.db_id)
      .Add("db_session_id", p.db_session_id)
      .Add("orig_file_number", p.orig_file_number)
      .Add("seqno_to_time_mapping", "N/A")
      .EndObject();
}

// The picked level's score as RocksDB computes it for level compaction
// (L0: files / trigger; others: bytes / target, without dynamic level
// bytes); manual compactions have none (-1).
double CompactionScore(const ColumnFamilyData* cfd,
                       const CompactionSpec& spec) {
  if (spec.manual) return -1;
  const ColumnFamilyOptions& o = cfd->options;
  if (spec.level == 0) {
    return static_cast<double>(cfd->current->files[0].size()) /
           std::max(1, o.level0_file_num_compaction_trigger);
  }
  double target = static_cast<double>(o.max_bytes_for_level_base);
  for (int l = 1; l < spec.level; l++)
    target *= o.max_bytes_for_level_multiplier;
  uint64_t bytes = 0;
  for (const FileMetaPtr& f : cfd->current->files[spec.level])
    bytes += f->file_size;
  return target > 0 ? static_cast<double>(bytes) / target : 0;
}

}  // namespace

void DBImpl::NotifyFlushBegin(ColumnFamilyData* cfd, MemTable* mem,
                              const FlushEvents& ev) {
  EventLogLine(env_->NowMicros(), ev.job_id, "flush_started")
      .Add("num_memtables", 1)
      .Add("num_entries", mem->num_entries())
      .Add("num_deletes", mem->num_deletes())
      .Add("total_data_size", mem->data_size())
      .Add("memory_usage", static_cast<uint64_t>(mem->ApproximateMemoryUsage()))
      .Add("flush_reason", FlushReasonString(ev.reason))
      .Log(info_log_);
  if (options_.listeners.empty()) return;
  FlushJobInfo info;
  info.cf_id = cfd->id;
  info.cf_name = cfd->name;
  // As RocksDB 7.8.3, which numbers the file later: 0 (and its path).
  info.file_path = MakeTableFileName(dbname_, 0);
  info.file_number = 0;
  info.thread_id = EventThreadId();
  info.job_id = ev.job_id;
  info.flush_reason = ev.reason;
  mutex_.Unlock();
  for (const auto& l : options_.listeners) l->OnFlushBegin(this, info);
  mutex_.Lock();
}

void DBImpl::NotifyFlushCompleted(ColumnFamilyData* cfd,
                                  const FileMetaData& meta,
                                  const FlushEvents& ev) {
  EventLogLine(env_->NowMicros(), ev.job_id, "flush_finished")
      .Add("output_compression", ev.properties.compression_name)
      .Add("lsm_state", LsmState(cfd))
      .Add("immutable_memtables", static_cast<uint64_t>(cfd->imm.size()))
      .Log(info_log_);
  if (options_.listeners.empty() || meta.file_size == 0) return;
  FlushJobInfo info;
  info.cf_id = cfd->id;
  info.cf_name = cfd->name;
  info.file_path = MakeTableFileName(dbname_, meta.number);
  info.file_number = meta.number;
  info.thread_id = EventThreadId();
  info.job_id = ev.job_id;
  info.smallest_seqno = meta.smallest_seqno;
  info.largest_seqno = meta.largest_seqno;
  info.table_properties = ev.properties;
  info.flush_reason = ev.reason;
  mutex_.Unlock();
  for (const auto& l : options_.listeners) l->OnFlushCompleted(this, info);
  mutex_.Lock();
}

void DBImpl::NotifyTableFileCreationStarted(const std::string& cf_name,
                                            const std::string& path, int job_id,
                                            TableFileCreationReason reason) {
  if (options_.listeners.empty()) return;
  TableFileCreationBriefInfo info;
  info.db_name = dbname_;
  info.cf_name = cf_name;
  info.file_path = path;
  info.job_id = job_id;
  info.reason = reason;
  for (const auto& l : options_.listeners) l->OnTableFileCreationStarted(info);
}

void DBImpl::NotifyTableFileCreated(const std::string& cf_name,
                                    const std::string& path, int job_id,
                                    TableFileCreationReason reason,
                                    const TableBuildResult* r,
                                    const Status& s) {
  uint64_t number = 0;
  FileType type;
  const size_t slash = path.rfind('/');
  if (!ParseFileName(path.substr(slash == std::string::npos ? 0 : slash + 1),
                     &number, &type)) {
    number = 0;
  }
  if (s.ok() && r != nullptr) {
    EventLogLine e(env_->NowMicros());
    e.Add("cf_name", cf_name)
        .Add("job", job_id)
        .Add("event", "table_file_creation")
        .Add("file_number", number)
        .Add("file_size", r->file_size)
        .Add("file_checksum", "")
        .Add("file_checksum_func_name", "Unknown")
        .Add("smallest_seqno", r->smallest_seqno)
        .Add("largest_seqno", r->largest_seqno);
    AddTableProperties(r->properties, &e);
    e.Log(info_log_);
  }
  if (options_.listeners.empty()) return;
  TableFileCreationInfo info;
  info.db_name = dbname_;
  info.cf_name = cf_name;
  info.file_path = path;
  info.job_id = job_id;
  info.reason = reason;
  info.status = s;
  if (r != nullptr) {
    info.file_size = r->file_size;
    info.table_properties = r->properties;
  }
  for (const auto& l : options_.listeners) l->OnTableFileCreated(info);
}

void DBImpl::NewCompactionJobInfo(ColumnFamilyData* cfd,
                                  const CompactionSpec& spec, int job_id,
                                  CompactionJobInfo* info) const {
  info->cf_id = cfd->id;
  info->cf_name = cfd->name;
  info->thread_id = EventThreadId();
  info->job_id = job_id;
  info->base_input_level = spec.level;
  info->output_level = spec.output_level;
  info->compaction_reason = spec.manual ? CompactionReason::kManualCompaction
                            : spec.level == 0
                                ? CompactionReason::kLevelL0FilesNum
                                : CompactionReason::kLevelMaxLevelSize;
  info->compression = spec.compression != kDisableCompressionOption
                          ? spec.compression
                          : cfd->options.compression;
  auto add = [&](int level, const FileMetaPtr& f) {
    info->input_files.push_back(MakeTableFileName(dbname_, f->number));
    info->input_file_infos.push_back({level, f->number, 0});
  };
  for (const FileMetaPtr& f : spec.inputs) add(spec.level, f);
  for (const auto& m : spec.middle_inputs) add(m.first, m.second);
  for (const FileMetaPtr& f : spec.output_level_inputs) {
    add(spec.output_level, f);
  }
}

void DBImpl::NotifyCompactionBegin(ColumnFamilyData* cfd,
                                   const CompactionSpec& spec,
                                   const CompactionJobInfo& info) {
  if (!spec.trivial_move) {
    EventLogLine e(env_->NowMicros(), info.job_id, "compaction_started");
    e.Add("compaction_reason", CompactionReasonString(info.compaction_reason));
    // One array per input level, in level order.
    std::map<int, std::vector<uint64_t>> by_level;
    uint64_t input_bytes = 0;
    auto add = [&](int level, const FileMetaPtr& f) {
      by_level[level].push_back(f->number);
      input_bytes += f->file_size;
    };
    for (const FileMetaPtr& f : spec.inputs) add(spec.level, f);
    for (const auto& m : spec.middle_inputs) add(m.first, m.second);
    for (const FileMetaPtr& f : spec.output_level_inputs) {
      add(spec.output_level, f);
    }
    for (const auto& l : by_level) {
      const std::string key = "files_L" + std::to_string(l.first);
      e.Add(key.c_str(), l.second);
    }
    e.Add("score", CompactionScore(cfd, spec))
        .Add("input_data_size", input_bytes)
        .Add("oldest_snapshot_seqno",
             snapshots_.empty() ? int64_t{-1}
                                : static_cast<int64_t>(*snapshots_.begin()));
    e.Log(info_log_);
  }
  if (options_.listeners.empty()) return;
  mutex_.Unlock();
  for (const auto& l : options_.listeners) l->OnCompactionBegin(this, info);
  mutex_.Lock();
}

void DBImpl::NotifyCompactionCompleted(ColumnFamilyData* cfd,
                                       const CompactionSpec& spec,
                                       CompactionJobInfo* info, const Status& s,
                                       const std::vector<FileMetaData>& outputs,
                                       const CompactionCounts& counts) {
  info->status = s;
  if (spec.trivial_move) {
    for (const FileMetaPtr& f : spec.inputs) {
      info->output_files.push_back(MakeTableFileName(dbname_, f->number));
      info->output_file_infos.push_back({spec.output_level, f->number, 0});
    }
  }
  uint64_t total = 0;
  for (const FileMetaData& m : outputs) {
    info->output_files.push_back(MakeTableFileName(dbname_, m.number));
    info->output_file_infos.push_back({spec.output_level, m.number, 0});
    total += m.file_size;
  }
  if (!spec.trivial_move && s.ok()) {
    EventLogLine(env_->NowMicros(), info->job_id, "compaction_finished")
        .Add("compaction_time_micros", counts.micros)
        .Add("compaction_time_cpu_micros", counts.cpu_micros)
        .Add("output_level", spec.output_level)
        .Add("num_output_files", static_cast<uint64_t>(outputs.size()))
        .Add("total_output_size", total)
        .Add("num_input_records", counts.input_records)
        .Add("num_output_records", counts.output_records)
        .Add("num_subcompactions", counts.subcompactions)
        .Add("output_compression", CompressionTypeName(info->compression))
        // Not tracked by skyrocks (RocksDB's counts of odd SingleDeletes).
        .Add("num_single_delete_mismatches", uint64_t{0})
        .Add("num_single_delete_fallthrough", uint64_t{0})
        .Add("lsm_state", LsmState(cfd))
        .Log(info_log_);
  }
  if (options_.listeners.empty()) return;
  mutex_.Unlock();
  for (const auto& l : options_.listeners)
    l->OnCompactionCompleted(this, *info);
  mutex_.Lock();
}

void DBImpl::NotifyFilesDeleted(const std::vector<std::string>& paths,
                                const std::vector<Status>& results) {
  int job_id = 0;
  for (size_t i = 0; i < paths.size(); i++) {
    uint64_t number = 0;
    FileType type;
    const size_t slash = paths[i].rfind('/');
    const std::string base =
        paths[i].substr(slash == std::string::npos ? 0 : slash + 1);
    if (!ParseFileName(base, &number, &type) || type != kTableFile) continue;
    if (job_id == 0) job_id = NewJobId();
    EventLogLine e(env_->NowMicros(), job_id, "table_file_deletion");
    e.Add("file_number", number);
    if (!results[i].ok()) e.Add("status", results[i].ToString());
    e.Log(info_log_);
    if (options_.listeners.empty()) continue;
    TableFileDeletionInfo info;
    info.db_name = dbname_;
    info.file_path = paths[i];
    info.job_id = job_id;
    info.status = results[i];
    for (const auto& l : options_.listeners) l->OnTableFileDeleted(info);
  }
}

void DBImpl::NotifyBackgroundError(BackgroundErrorReason reason, Status* err) {
  if (options_.listeners.empty()) return;
  mutex_.Unlock();
  for (const auto& l : options_.listeners) {
    l->OnBackgroundError(reason, err);
    err->PermitUncheckedError();
  }
  mutex_.Lock();
}

bool DBImpl::NotifyMemTablesSealed() {
  bool released = false;
  if (!sealed_memtables_.empty()) {
    std::vector<MemTableInfo> sealed;
    sealed.swap(sealed_memtables_);
    if (!shutting_down_) {
      mutex_.Unlock();
      for (const MemTableInfo& info : sealed) {
        for (const auto& l : options_.listeners) l->OnMemTableSealed(info);
      }
      mutex_.Lock();
      released = true;
    }
    ScheduleFlush(nullptr);  // SwitchMemTable left it to this
  }
  // The flush is scheduled first: a listener waiting in the callback for
  // the stall to end must not wait for a flush nobody started.
  return NotifyStallConditionsChanged() || released;
}

WriteStallCondition DBImpl::StallConditionOf(const ColumnFamilyData& cfd) {
  if (cfd.L0StopsWrites() || cfd.MemtablesStopWrites()) {
    return WriteStallCondition::kStopped;
  }
  const ColumnFamilyOptions& o = cfd.options;
  if (!o.disable_auto_compactions &&
      static_cast<int>(cfd.current->files[0].size()) >=
          o.level0_slowdown_writes_trigger) {
    return WriteStallCondition::kDelayed;
  }
  return WriteStallCondition::kNormal;
}

bool DBImpl::NotifyStallConditionsChanged() {
  std::vector<WriteStallInfo> changes;
  versions_->ForEachLiveColumnFamily([&changes](ColumnFamilyData* cfd) {
    const WriteStallCondition cur = StallConditionOf(*cfd);
    if (cur == cfd->write_stall) return;
    WriteStallInfo info;
    info.cf_name = cfd->name;
    info.condition.cur = cur;
    info.condition.prev = cfd->write_stall;
    cfd->write_stall = cur;
    changes.push_back(std::move(info));
  });
  if (changes.empty() || options_.listeners.empty() || shutting_down_) {
    return false;
  }
  mutex_.Unlock();
  for (const WriteStallInfo& info : changes) {
    for (const auto& l : options_.listeners) l->OnStallConditionsChanged(info);
  }
  mutex_.Lock();
  return true;
}

void DBImpl::NotifyExternalFilesIngested(
    ColumnFamilyData* /*cfd*/,
    const std::vector<ExternalFileIngestionInfo>& files) {
  if (options_.listeners.empty() || files.empty()) return;
  mutex_.Unlock();
  for (const ExternalFileIngestionInfo& info : files) {
    for (const auto& l : options_.listeners) {
      l->OnExternalFileIngested(this, info);
    }
  }
  mutex_.Lock();
}

void DBImpl::NotifyErrorRecoveryEnd(const Status& old_error,
                                    const Status& new_error) {
  if (options_.listeners.empty()) return;
  BackgroundErrorRecoveryInfo info;
  info.old_bg_error = old_error;
  info.new_bg_error = new_error;
  mutex_.Unlock();
  for (const auto& l : options_.listeners) {
    l->OnErrorRecoveryCompleted(old_error);
    l->OnErrorRecoveryEnd(info);
  }
  mutex_.Lock();
}

void DBImpl::NotifyColumnFamilyHandleDeletion(ColumnFamilyHandle* handle) {
  for (const auto& l : options_.listeners) {
    l->OnColumnFamilyHandleDeletionStarted(handle);
  }
}

void DBImpl::MaybeStartStatsDump() {
  if (stats_dump_started_ || info_log_ == nullptr || read_only_ ||
      options_.stats_dump_period_sec == 0 || shutting_down_) {
    return;
  }
  stats_dump_started_ = true;
  SetStatsDumpPeriod(options_.stats_dump_period_sec);
  stats_dump_thread_ = std::thread([this] {
    stats_dump_mu_.Lock();
    auto last = std::chrono::steady_clock::now();
    while (!stats_dump_end_) {
      // A whole period after the last dump, unless EndStatsDump ends it;
      // a wakeup (spurious, or SetStatsDumpPeriod's) looks again at the
      // period and waits on for the rest.
      const uint64_t period = stats_dump_period_us_;
      if (period == 0) {
        stats_dump_cv_.Wait();
        last = std::chrono::steady_clock::now();
        continue;
      }
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
          last + std::chrono::microseconds(period) -
          std::chrono::steady_clock::now());
      if (left.count() > 0) {
        stats_dump_cv_.TimedWaitMicros(static_cast<uint64_t>(left.count()));
        continue;
      }
      stats_dump_mu_.Unlock();
      DumpStats();
      stats_dump_mu_.Lock();
      last = std::chrono::steady_clock::now();
    }
    stats_dump_mu_.Unlock();
  });
}

void DBImpl::SetStatsDumpPeriod(unsigned int seconds) {
  {
    port::MutexLock l(&stats_dump_mu_);
    stats_dump_period_us_ = seconds * uint64_t{1000000};
  }
  stats_dump_cv_.SignalAll();
}

void DBImpl::DumpStats() {
  std::string text;
  {
    port::MutexLock l(&mutex_);
    if (shutting_down_) return;
    for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
      text += LevelStatsString(cfd);
      text += CompactionStatsString(cfd);
    }
  }
  Info(info_log_, "------- DUMPING STATS -------");
  Info(info_log_, "%s", text.c_str());
  if (stats_ != nullptr) {
    Info(info_log_, "STATISTICS:\n %s", stats_->ToString().c_str());
  }
}

void DBImpl::EndStatsDump() {
  {
    port::MutexLock l(&stats_dump_mu_);
    stats_dump_end_ = true;
  }
  stats_dump_cv_.SignalAll();
  if (stats_dump_thread_.joinable()) stats_dump_thread_.join();
}

}  // namespace ROCKSDB_NAMESPACE
