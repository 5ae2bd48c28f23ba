// DB::CompactRange with RocksDB 7.8.3's CompactRangeOptions semantics.
//
// The memtable is flushed first (after waiting, unless allow_write_stall,
// until the flush would not stall writes). Then, from the first to the last
// level holding a file that overlaps [begin, end], each level's overlapping
// files are compacted into the next level (L0 into the base level); the
// last such level (when it is not L0) is compacted into itself only with
// bottommost_level_compaction kForce or kForceOptimized, or with
// kIfHaveCompactionFilter when the column family has a compaction filter
// or filter factory (as kForce; else it skips the level like kSkip; with
// a filter no step moves files without rewriting them), and
// with kForce* the step into the last level rewrites instead of moving
// files. change_level then moves the level the range ended in to
// target_level while background work is paused. An exclusive call waits
// for running compactions and keeps automatic ones from starting; a
// non-exclusive one runs beside them, each step waiting for those holding
// its files or writing into its range. `canceled` is checked while waiting,
// between steps and while a step runs.
//
// Deviations from RocksDB, kept on purpose: the flush is not skipped when
// the memtables do not overlap the range, a level's overlapping files are
// compacted in one step (RocksDB cuts steps at max_compaction_bytes), and
// change_level refits the level a dynamic-level L0 step really wrote to
// (RocksDB assumes the last level).
#include "db/compaction.h"
#include "db/db_impl.h"

namespace ROCKSDB_NAMESPACE {

namespace {

bool CompactRangeCanceled(const CompactRangeOptions& o) {
  return o.canceled != nullptr && o.canceled->load(std::memory_order_acquire);
}

}  // namespace

Status DBImpl::CompactRange(const CompactRangeOptions& options,
                            ColumnFamilyHandle* column_family,
                            const Slice* begin, const Slice* end) {
  if (read_only_)
    return Status::NotSupported("Not supported operation in read only mode.");
  if (options.target_path_id > 0) {
    return Status::InvalidArgument(
        "CompactRange: target path id " +
        std::to_string(options.target_path_id) +
        " does not exist (skyrocks has one path, the DB directory " + dbname_ +
        ")");
  }
  ColumnFamilyData* cfd = CfdOf(column_family);
  {
    port::MutexLock l(&mutex_);
    if (manual_compaction_paused_ > 0 || CompactRangeCanceled(options)) {
      return Status::Incomplete(Status::SubCode::kManualCompactionPaused);
    }
    if (!options.allow_write_stall) {
      Status s = WaitUntilFlushWouldNotStallWrites(cfd);
      if (!s.ok()) return s;
    }
  }
  Status s = FlushColumnFamily(cfd, true);
  if (!s.ok()) return s;
  int final_level = -1;
  {
    port::MutexLock l(&mutex_);
    s = CompactRangeSteps(options, cfd, begin, end, &final_level);
  }
  if (!s.ok() || final_level < 0 || !options.change_level) return s;
  DisableManualCompaction();
  s = PauseBackgroundWork();
  if (s.ok()) {
    {
      port::MutexLock l(&mutex_);
      s = ReFitLevel(cfd, final_level, options.target_level);
    }
    Status c = ContinueBackgroundWork();
    if (s.ok()) s = c;
  }
  EnableManualCompaction();
  return s;
}

Status DBImpl::CompactRangeSteps(const CompactRangeOptions& options,
                                 ColumnFamilyData* cfd, const Slice* begin,
                                 const Slice* end, int* final_level) {
  const bool exclusive = options.exclusive_manual_compaction;
  Status s = BeginManualCompaction(exclusive, options.canceled);
  if (!s.ok()) return s;
  const int levels = NumLevelsOf(cfd->options);
  int first = -1, last = -1;
  for (int level = 0; level < levels; level++) {
    if (cfd->current->OverlapInLevel(cfd->icmp, level, begin, end)) {
      if (first < 0) first = level;
      last = level;
    }
  }
  *final_level = last;
  using BLC = BottommostLevelCompaction;
  const BLC blc = options.bottommost_level_compaction;
  const bool has_filter = cfd->options.compaction_filter != nullptr ||
                          cfd->options.compaction_filter_factory != nullptr;
  const bool force = blc == BLC::kForce || blc == BLC::kForceOptimized ||
                     (blc == BLC::kIfHaveCompactionFilter && has_filter);
  // Files this call writes get numbers from here on.
  const uint64_t first_new_file = versions_->current_next_file_number();
  for (int level = first; first >= 0 && level <= last && s.ok(); level++) {
    int output_level = OutputLevelFor(*cfd, level);
    uint64_t max_file_num = UINT64_MAX;
    // A compaction filter must see the keys: no trivial moves (RocksDB's
    // Compaction::IsTrivialMove for manual compactions).
    bool allow_trivial_move = !has_filter;
    if (level == last && level > 0) {
      if (!force) continue;
      output_level = level;
      if (blc == BLC::kForceOptimized) max_file_num = first_new_file;
    } else if (level == last && force) {
      allow_trivial_move = false;
    }
    // A level into itself with kForceOptimized may take several runs of
    // files (the new ones split them); otherwise one step.
    for (bool more = true; more && s.ok();) {
      s = ManualCompactionStopReason(options.canceled);
      if (!s.ok()) break;
      CompactionSpec spec;
      if (!PickManualCompaction(*cfd, level, output_level, begin, end,
                                max_file_num, allow_trivial_move, &spec)) {
        break;
      }
      if (compactions_.Conflicts(*cfd, spec)) {
        // A compaction at work holds some of these files or writes into
        // the range: wait for it, then pick again.
        bg_cv_.TimedWaitMicros(100000);
        continue;
      }
      s = RunCompaction(cfd, spec, nullptr, options.canceled,
                        options.max_subcompactions);
      more = max_file_num != UINT64_MAX;
      if (s.ok()) *final_level = std::max(*final_level, output_level);
    }
  }
  EndManualCompaction(exclusive);
  return s;
}

Status DBImpl::WaitUntilFlushWouldNotStallWrites(ColumnFamilyData* cfd) {
  for (;;) {
    if (IsBGWorkStopped()) return bg_error_;
    if (shutting_down_) return Status::ShutdownInProgress(dbname_);
    if (cfd->dropped) {
      return Status::InvalidArgument("CompactRange: column family " +
                                     cfd->name + " was dropped");
    }
    const ColumnFamilyOptions& o = cfd->options;
    const int imm = static_cast<int>(cfd->imm.size());
    const int l0 = static_cast<int>(cfd->current->files[0].size());
    // Below the flush and compaction triggers nothing in the background
    // would end a stall: do not wait.
    if (imm < o.min_write_buffer_number_to_merge &&
        l0 < o.level0_file_num_compaction_trigger) {
      return Status::OK();
    }
    bool stall = imm + 1 >= o.max_write_buffer_number ||
                 (o.max_write_buffer_number > 3 &&
                  imm + 1 >= o.max_write_buffer_number - 1);
    if (!o.disable_auto_compactions &&
        l0 + 1 >= std::min(o.level0_slowdown_writes_trigger,
                           o.level0_stop_writes_trigger)) {
      stall = true;
    }
    if (!stall) return Status::OK();
    MaybeScheduleCompaction();
    bg_cv_.Wait();
  }
}

Status DBImpl::ReFitLevel(ColumnFamilyData* cfd, int level, int target_level) {
  const int levels = NumLevelsOf(cfd->options);
  if (target_level >= levels) {
    return Status::InvalidArgument(
        "CompactRange: target level " + std::to_string(target_level) +
        " exceeds the number of levels (" + std::to_string(levels) +
        ") of column family " + cfd->name);
  }
  const Version& v = *cfd->current;
  int to = target_level;
  if (to < 0) {
    // The smallest empty level above `level` whose target still holds it.
    const LevelTargets t = ComputeLevelTargets(cfd->options, v);
    uint64_t bytes = 0;
    for (const FileMetaPtr& f : v.files[level]) bytes += f->file_size;
    to = level;
    for (int l = level - 1; l > 0; l--) {
      if (!v.files[l].empty() || t.max_bytes[l] < bytes) break;
      to = l;
    }
  }
  if (to == level) return Status::OK();
  if (to > level && level == 0) {
    return Status::NotSupported("Cannot change from level 0 to other levels.");
  }
  for (int l = std::min(level, to); l <= std::max(level, to); l++) {
    if (l != level && !v.files[l].empty()) {
      return Status::NotSupported(
          "Levels between source and target are not empty for a move.");
    }
  }
  VersionEdit edit;
  for (const FileMetaPtr& f : v.files[level]) {
    edit.DeleteFile(level, f->number);
    edit.AddFile(to, *f);
  }
  return versions_->LogAndApply(cfd, &edit);
}

}  // namespace ROCKSDB_NAMESPACE
