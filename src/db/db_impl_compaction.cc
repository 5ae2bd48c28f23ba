// Scheduling compactions (picking and filtering are in db/compaction.h,
// running one in db_impl_compaction_job.cc, CompactRange and CompactFiles
// in their own files): background jobs on the Env's LOW pool, manual
// compactions' turn, write stalls, and the switches: SetOptions,
// EnableAutoCompaction, Pause/ContinueBackgroundWork,
// Disable/EnableManualCompaction.
//
// Several compactions run at once, as in RocksDB: up to the job limit
// (max_background_jobs minus a quarter for flushes, or
// max_background_compactions), which is 1 until compactions fall behind
// (L0 at the speed-up threshold, or pending compaction bytes at a quarter
// of soft_pending_compaction_bytes_limit). A background compaction is
// picked and held (its files and output range, in compactions_) when it is
// queued, so each pick avoids what the others hold; L0 compactions go one
// at a time. A manual compaction waits for its turn (an exclusive one until
// nothing else runs, and meanwhile no automatic compaction starts), then
// per step for the compactions its files conflict with.
#include <algorithm>
#include <cstdlib>

#include "db/compaction.h"
#include "db/db_impl.h"
#include "db/options_parser.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

bool DBImpl::NeedSpeedupCompaction() const {
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    const ColumnFamilyOptions& o = cfd->options;
    if (o.disable_auto_compactions) continue;
    // RocksDB's GetL0ThresholdSpeedupCompaction.
    const int trigger = o.level0_file_num_compaction_trigger;
    const int64_t l0_speedup = std::min<int64_t>(
        int64_t{2} * trigger,
        trigger + (int64_t{o.level0_slowdown_writes_trigger} - trigger) / 4);
    if (trigger >= 0 &&
        static_cast<int64_t>(cfd->current->files[0].size()) >= l0_speedup) {
      return true;
    }
    // More than a quarter of the slowdown limit waits to be compacted (a
    // limit of 0 always speeds up, as in RocksDB).
    if (EstimateCompactionBytesNeeded(o, *cfd->current) >=
        o.soft_pending_compaction_bytes_limit / 4) {
      return true;
    }
  }
  return false;
}

void DBImpl::BackgroundJobLimits(const DBOptions& o, int* max_flushes,
                                 int* max_compactions) {
  if (o.max_background_flushes == -1 && o.max_background_compactions == -1) {
    *max_flushes = std::max(1, o.max_background_jobs / 4);
    *max_compactions = std::max(1, o.max_background_jobs - *max_flushes);
  } else {
    // The legacy options, when either is set.
    *max_flushes = std::max(1, o.max_background_flushes);
    *max_compactions = std::max(1, o.max_background_compactions);
  }
}

int DBImpl::CompactionJobLimit() const {
  int flushes = 1, compactions = 1;
  BackgroundJobLimits(options_, &flushes, &compactions);
  return NeedSpeedupCompaction() ? compactions : 1;
}

void DBImpl::MaybeScheduleCompaction() {
  if (shutting_down_ || IsBGWorkStopped() || read_only_ ||
      bg_work_paused_ > 0 || exclusive_manual_waiting_ > 0 ||
      exclusive_manual_running_) {
    return;
  }
  const int limit = CompactionJobLimit();
  while (bg_compactions_scheduled_ + manual_compactions_running_ < limit) {
    QueuedCompaction q{nullptr, CompactionSpec(), 0};
    for (ColumnFamilyData* c : versions_->LiveColumnFamilies()) {
      if (!c->options.disable_auto_compactions &&
          PickCompaction(*c, &compact_cursors_[c->id], &q.spec,
                         &compactions_)) {
        q.cfd = c;
        break;
      }
    }
    if (q.cfd == nullptr) return;
    // Held from now on, so that the next pick leaves it alone.
    q.ticket = compactions_.Reserve(*q.cfd, q.spec);
    compaction_queue_.push_back(std::move(q));
    bg_compactions_scheduled_++;
    env_->Schedule(&DBImpl::BGWorkCompaction, this, Env::LOW,
                   &bg_compactions_scheduled_, &DBImpl::UnscheduleCompaction);
  }
}

void DBImpl::BGWorkCompaction(void* db) {
  static_cast<DBImpl*>(db)->BackgroundCompaction();
}

void DBImpl::UnscheduleCompaction(void* db) {
  DBImpl* impl = static_cast<DBImpl*>(db);
  port::MutexLock l(&impl->mutex_);
  // Jobs and queue entries pair up: a withdrawn job drops one entry.
  if (!impl->compaction_queue_.empty()) {
    impl->compactions_.Release(impl->compaction_queue_.back().ticket);
    impl->compaction_queue_.pop_back();
  }
  impl->bg_compactions_scheduled_--;
  impl->bg_cv_.SignalAll();
}

void DBImpl::BackgroundCompaction() {
  port::MutexLock l(&mutex_);
  if (compaction_queue_.empty()) {  // cannot happen: one entry per job
    bg_compactions_scheduled_--;
    bg_cv_.SignalAll();
    return;
  }
  QueuedCompaction q = std::move(compaction_queue_.front());
  compaction_queue_.pop_front();
  compactions_.Release(q.ticket);
  Status s;
  if (!shutting_down_ && !IsBGWorkStopped() && !q.cfd->dropped) {
    s = RunCompaction(q.cfd, q.spec);  // records a failure (SetBGError)
  }
  bg_compactions_scheduled_--;
  // After a failure the next flush or a resume picks again: rescheduling
  // now would spin while the error lasts.
  if (s.ok()) MaybeScheduleCompaction();
  bg_cv_.SignalAll();
}

Status DBImpl::ManualCompactionStopReason(
    const std::atomic<bool>* canceled) const {
  if (IsBGWorkStopped()) return bg_error_;
  if (shutting_down_) return Status::ShutdownInProgress(dbname_);
  if (manual_compaction_paused_ > 0 ||
      (canceled != nullptr && canceled->load(std::memory_order_acquire))) {
    return Status::Incomplete(Status::SubCode::kManualCompactionPaused);
  }
  return Status::OK();
}

Status DBImpl::BeginManualCompaction(bool exclusive,
                                     const std::atomic<bool>* canceled) {
  if (exclusive) exclusive_manual_waiting_++;
  Status s;
  for (;;) {
    s = ManualCompactionStopReason(canceled);
    if (!s.ok()) break;
    const bool others = exclusive_manual_running_ ||
                        (exclusive && (bg_compactions_scheduled_ > 0 ||
                                       compactions_running_ > 0));
    if (!others) break;
    // canceled is set without a signal: look again now and then.
    bg_cv_.TimedWaitMicros(100000);
  }
  if (exclusive) {
    exclusive_manual_waiting_--;
    if (s.ok()) exclusive_manual_running_ = true;
  }
  if (!s.ok()) MaybeScheduleCompaction();
  return s;
}

void DBImpl::EndManualCompaction(bool exclusive) {
  if (exclusive) exclusive_manual_running_ = false;
  bg_cv_.SignalAll();
  MaybeScheduleCompaction();
}

Status DBImpl::SetOptions(
    ColumnFamilyHandle* column_family,
    const std::unordered_map<std::string, std::string>& opts_map) {
  if (read_only_) {
    return Status::NotSupported("Not supported operation in read only mode.");
  }
  if (opts_map.empty()) {
    return Status::InvalidArgument("SetOptions: empty list of options");
  }
  port::MutexLock l(&mutex_);
  ColumnFamilyData* cfd = CfdOf(column_family);
  if (cfd->dropped) {
    return Status::InvalidArgument("SetOptions: column family " + cfd->name +
                                   " was dropped");
  }
  ColumnFamilyOptions next = cfd->options;
  for (const auto& kv : opts_map) {
    Status s = ParseMutableCFOption(kv.first, kv.second, &next);
    if (!s.ok()) return s;
  }
  cfd->options = next;
  cfd->SetTableFactory(next.table_factory);
  if (cfd->mem != nullptr) cfd->InstallSuperVersion();  // prefix_extractor
  Status s = WriteOptionsFile();
  if (s.ok()) DeleteObsoleteFiles();  // the previous OPTIONS file
  MaybeScheduleCompaction();
  bg_cv_.SignalAll();  // stalled writers re-check the L0 triggers
  return s;
}

Status DBImpl::EnableAutoCompaction(
    const std::vector<ColumnFamilyHandle*>& column_family_handles) {
  for (ColumnFamilyHandle* h : column_family_handles) {
    Status s = SetOptions(h, {{"disable_auto_compactions", "false"}});
    if (!s.ok()) return s;
  }
  return Status::OK();
}

Status DBImpl::PauseBackgroundWork() {
  port::MutexLock l(&mutex_);
  bg_work_paused_++;
  while ((bg_compactions_scheduled_ > 0 || compactions_running_ > 0 ||
          flushes_running_ > 0) &&
         !shutting_down_) {
    bg_cv_.Wait();
  }
  return Status::OK();
}

Status DBImpl::ContinueBackgroundWork() {
  port::MutexLock l(&mutex_);
  if (bg_work_paused_ == 0) {
    return Status::InvalidArgument(
        "ContinueBackgroundWork without PauseBackgroundWork");
  }
  if (--bg_work_paused_ == 0) MaybeScheduleCompaction();
  return Status::OK();
}

void DBImpl::DisableManualCompaction() {
  port::MutexLock l(&mutex_);
  manual_compaction_paused_++;
  bg_cv_.SignalAll();  // waiting manual compactions give up
  // A manual compaction running now finishes its current step first.
  while (manual_compactions_running_ > 0) {
    bg_cv_.Wait();
  }
}

void DBImpl::EnableManualCompaction() {
  port::MutexLock l(&mutex_);
  if (manual_compaction_paused_ > 0) manual_compaction_paused_--;
}

int DBImpl::NumberLevels(ColumnFamilyHandle* column_family) {
  port::MutexLock l(&mutex_);
  return NumLevelsOf(CfdOf(column_family)->options);
}

Status DBImpl::WaitForCompactions() {
  port::MutexLock l(&mutex_);
  MaybeScheduleCompaction();
  while ((bg_compactions_scheduled_ > 0 || compactions_running_ > 0 ||
          bg_flush_scheduled_) &&
         !IsBGWorkStopped() && !shutting_down_) {
    bg_cv_.Wait();
  }
  return bg_error_;
}

Status DBImpl::StallWritesIfNeeded() {
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    const ColumnFamilyOptions& o = cfd->options;
    if (o.disable_auto_compactions) continue;
    const uint64_t start = env_->NowMicros();
    bool stalled = false;
    // Stop: wait for compactions to bring L0 down.
    // Any background error ends the wait (RocksDB's DelayWrite): after a
    // soft compaction error the compaction that would end it is not
    // retried until the next flush or DB::Resume.
    while (cfd->L0StopsWrites() && bg_error_.ok() && !shutting_down_) {
      stalled = true;
      MaybeScheduleCompaction();
      bg_cv_.Wait();
    }
    if (!bg_error_.ok() && cfd->L0StopsWrites()) {
      return bg_error_;
    }
    // Slowdown: give compactions a millisecond per write.
    if (static_cast<int>(cfd->current->files[0].size()) >=
        o.level0_slowdown_writes_trigger) {
      stalled = true;
      mutex_.Unlock();
      env_->SleepForMicroseconds(1000);
      mutex_.Lock();
    }
    if (stalled) {
      compaction_stats_.stall_count++;
      compaction_stats_.stall_micros += env_->NowMicros() - start;
    }
    if (IsBGWorkStopped()) return bg_error_;
  }
  return Status::OK();
}

std::string DBImpl::LevelStatsString(ColumnFamilyData* cfd) const {
  std::string out = "Level Files Size(MB)\n--------------------\n";
  for (int level = 0; level < kMaxNumLevels; level++) {
    uint64_t bytes = 0;
    for (const auto& f : cfd->current->files[level]) bytes += f->file_size;
    char line[64];
    snprintf(line, sizeof(line), "%5d %5zu %8.0f\n", level,
             cfd->current->files[level].size(), bytes / 1048576.0);
    out += line;
  }
  return out;
}

std::string DBImpl::CompactionStatsString(ColumnFamilyData* cfd) const {
  std::string out = "** Compaction Stats [" + cfd->name + "] **\n";
  out += LevelStatsString(cfd);
  const CompactionStats& c = compaction_stats_;
  char buf[512];
  snprintf(buf, sizeof(buf),
           "Flushes: %llu, flushed bytes: %llu\n"
           "Compactions: %llu (trivial moves %llu), read %llu bytes, written "
           "%llu bytes\n"
           "Entries kept %llu, dropped %llu\n"
           "Write amplification: %.2f\n"
           "Stalls: %llu, %llu micros\n"
           "Subcompactions: %llu, most compactions at once: %d\n",
           static_cast<unsigned long long>(flush_count_),
           static_cast<unsigned long long>(c.bytes_flushed),
           static_cast<unsigned long long>(c.count),
           static_cast<unsigned long long>(c.trivial_moves),
           static_cast<unsigned long long>(c.bytes_read),
           static_cast<unsigned long long>(c.bytes_written),
           static_cast<unsigned long long>(c.entries_kept),
           static_cast<unsigned long long>(c.entries_dropped),
           c.bytes_flushed == 0
               ? 0.0
               : static_cast<double>(c.bytes_flushed + c.bytes_written) /
                     static_cast<double>(c.bytes_flushed),
           static_cast<unsigned long long>(c.stall_count),
           static_cast<unsigned long long>(c.stall_micros),
           static_cast<unsigned long long>(c.subcompactions), c.max_running);
  return out + buf;
}

}  // namespace ROCKSDB_NAMESPACE
