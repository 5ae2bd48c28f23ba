// Running compactions (picking and filtering are in db/compaction.h): the
// background job on the Env's LOW pool, CompactRange (CompactFiles is in
// db_impl_compact_files.cc), write stalls, and the switches: SetOptions,
// EnableAutoCompaction, Pause/ContinueBackgroundWork,
// Disable/EnableManualCompaction.
//
// One compaction runs at a time per DB (background or manual; the
// background loop yields to a waiting manual one); it merges
// its input files (L0 newest first, then the output level's files) through
// CompactionFilterState into new files of the output level, cut near
// target_file_size_base between user keys, then installs them with one
// MANIFEST edit that deletes the inputs. Inputs stay on disk until no
// Version that lists them is referenced.
#include <algorithm>
#include <cstdlib>

#include "db/compaction.h"
#include "db/db_impl.h"
#include "db/filename.h"
#include "db/merging_iterator.h"
#include "db/range_del.h"
#include "env/file_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// One output file being written.
struct CompactionOutput {
  FileMetaData meta;
  std::unique_ptr<FSWritableFile> file;
  std::unique_ptr<TableBuilder> builder;
  std::string fname;
};

}  // namespace

void DBImpl::MaybeScheduleCompaction() {
  if (bg_compaction_scheduled_ || compaction_running_ || shutting_down_ ||
      !bg_error_.ok() || read_only_ || bg_work_paused_ > 0 ||
      manual_compactions_waiting_ > 0) {
    return;
  }
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    int level;
    if (!cfd->options.disable_auto_compactions &&
        HighestScore(cfd->options, *cfd->current, &level) >= 1.0) {
      bg_compaction_scheduled_ = true;
      env_->Schedule(&DBImpl::BGWorkCompaction, this, Env::LOW,
                     &bg_compaction_scheduled_, &DBImpl::UnscheduleCompaction);
      return;
    }
  }
}

void DBImpl::BGWorkCompaction(void* db) {
  static_cast<DBImpl*>(db)->BackgroundCompaction();
}

void DBImpl::UnscheduleCompaction(void* db) {
  DBImpl* impl = static_cast<DBImpl*>(db);
  port::MutexLock l(&impl->mutex_);
  impl->bg_compaction_scheduled_ = false;
  impl->bg_cv_.SignalAll();
}

void DBImpl::BackgroundCompaction() {
  port::MutexLock l(&mutex_);
  while (!shutting_down_ && bg_error_.ok() && !compaction_running_ &&
         bg_work_paused_ == 0 && manual_compactions_waiting_ == 0) {
    ColumnFamilyData* cfd = nullptr;
    CompactionSpec spec;
    for (ColumnFamilyData* c : versions_->LiveColumnFamilies()) {
      if (!c->options.disable_auto_compactions &&
          PickCompaction(*c, &compact_cursors_[c->id], &spec)) {
        cfd = c;
        break;
      }
    }
    if (cfd == nullptr) break;
    compaction_running_ = true;
    Status s = RunCompaction(cfd, spec);
    compaction_running_ = false;
    if (!s.ok() && !s.IsShutdownInProgress() && bg_error_.ok()) bg_error_ = s;
    bg_cv_.SignalAll();
  }
  bg_compaction_scheduled_ = false;
  bg_cv_.SignalAll();
}

Status DBImpl::RunCompaction(ColumnFamilyData* cfd, const CompactionSpec& spec,
                             std::vector<FileMetaData>* outputs_made,
                             const std::atomic<bool>* canceled) {
  VersionEdit edit;
  if (spec.trivial_move) {
    for (const FileMetaPtr& f : spec.inputs) {
      edit.DeleteFile(spec.level, f->number);
      edit.AddFile(spec.output_level, *f);
    }
    Status s = versions_->LogAndApply(cfd, &edit);
    if (s.ok()) compaction_stats_.trivial_moves++;
    return s;
  }
  // Snapshots, oldest first: what the filter must keep visible.
  std::vector<SequenceNumber> snapshots(snapshots_.begin(), snapshots_.end());
  std::vector<FileMetaPtr> inputs = spec.inputs;
  for (const auto& m : spec.middle_inputs) inputs.push_back(m.second);
  inputs.insert(inputs.end(), spec.output_level_inputs.begin(),
                spec.output_level_inputs.end());
  for (const FileMetaPtr& f : inputs) files_being_compacted_.insert(f->number);
  std::shared_ptr<const Version> pinned = cfd->current;  // inputs stay on disk
  mutex_.Unlock();

  Status s;
  uint64_t bytes_read = 0;
  std::vector<InternalIterator*> children;
  RangeTombstones tombstones(cfd->options.comparator, kMaxSequenceNumber);
  std::vector<std::pair<std::string, std::string>> tombstone_list;  // ikey, end
  for (const FileMetaPtr& f : inputs) {
    std::shared_ptr<TableReader> table;
    s = table_cache_->Get(f->number, f->file_size, &cfd->icmp, &table);
    if (!s.ok()) break;
    bytes_read += f->file_size;
    children.push_back(NewTableIterator(table, true));
    std::unique_ptr<InternalIterator> rd(table->NewRangeTombstoneIterator());
    if (rd != nullptr) {
      for (rd->SeekToFirst(); rd->Valid(); rd->Next()) {
        tombstone_list.emplace_back(rd->key().ToString(),
                                    rd->value().ToString());
      }
      s = rd->status();
      if (s.ok()) s = tombstones.AddAll(rd.get());
      if (!s.ok()) break;
    }
  }
  tombstones.Finish();
  std::unique_ptr<InternalIterator> input(
      NewMergingIterator(&cfd->icmp, std::move(children)));
  const bool drop_tombstones = spec.bottommost && snapshots.empty();
  const bool single_output = !tombstone_list.empty() && !drop_tombstones;
  CompactionFilterState filter(cfd->options.comparator, snapshots,
                               spec.bottommost);
  std::vector<CompactionOutput> outputs;
  std::string last_user_key;
  bool cut_pending = false;
  auto open_output = [&]() -> Status {
    CompactionOutput out;
    {
      port::MutexLock l(&mutex_);
      out.meta.number = versions_->NewFileNumber();
      pending_outputs_.insert(out.meta.number);
    }
    out.fname = MakeTableFileName(dbname_, out.meta.number);
    IOStatus io =
        fs_->NewWritableFile(out.fname, FileOptions(), &out.file, nullptr);
    if (!io.ok()) return std::move(io);
    TableBuilderOptions tbo = NewTableBuilderOptions(cfd, out.meta.number);
    if (spec.compression != kDisableCompressionOption) {
      tbo.compression = spec.compression;
    }
    out.builder =
        std::make_unique<TableBuilder>(tbo, out.file.get(), out.fname);
    outputs.push_back(std::move(out));
    return Status::OK();
  };
  auto finish_output = [&](CompactionOutput* out) -> Status {
    Status fs = out->builder->Finish();
    if (fs.ok()) fs = SyncFile(out->file.get());
    if (fs.ok()) fs = out->file->Close(IOOptions(), nullptr);
    if (!fs.ok()) return fs;
    SetFileMetaFromTable(out->builder->result(), &out->meta);
    return Status::OK();
  };
  uint64_t kept = 0, dropped = 0;
  if (s.ok()) {
    for (input->SeekToFirst(); input->Valid() && s.ok(); input->Next()) {
      ParsedInternalKey pk;
      s = ParseInternalKey(input->key(), &pk);
      if (!s.ok()) break;
      const bool covered = !tombstones.empty() &&
                           tombstones.ShouldDelete(pk.user_key, pk.sequence);
      if (!filter.Keep(pk, covered)) {
        dropped++;
        continue;
      }
      const bool new_user_key =
          outputs.empty() ||
          cfd->options.comparator->Compare(pk.user_key, last_user_key) != 0;
      if (cut_pending && new_user_key) {
        s = finish_output(&outputs.back());
        if (!s.ok()) break;
        cut_pending = false;
        s = open_output();
        if (!s.ok()) break;
      }
      if (outputs.empty()) {
        s = open_output();
        if (!s.ok()) break;
      }
      outputs.back().builder->Add(input->key(), input->value());
      kept++;
      if (new_user_key)
        last_user_key.assign(pk.user_key.data(), pk.user_key.size());
      if (!single_output &&
          outputs.back().builder->FileSize() >= spec.max_output_file_size) {
        cut_pending = true;
      }
      if (shutting_down_) {
        s = Status::ShutdownInProgress("compaction of " + dbname_);
      } else if (canceled != nullptr &&
                 canceled->load(std::memory_order_relaxed)) {
        s = Status::Incomplete(Status::SubCode::kManualCompactionPaused);
      }
    }
    if (s.ok()) s = input->status();
  }
  if (s.ok() && !tombstone_list.empty() && !drop_tombstones) {
    if (outputs.empty()) s = open_output();
    for (size_t i = 0; s.ok() && i < tombstone_list.size(); i++) {
      ParsedInternalKey pk;
      s = ParseInternalKey(tombstone_list[i].first, &pk);
      if (s.ok()) {
        outputs.back().builder->AddRangeDeletion(
            pk.user_key, tombstone_list[i].second, pk.sequence);
      }
    }
  }
  if (s.ok() && !outputs.empty() && !cut_pending)
    s = finish_output(&outputs.back());
  if (s.ok() && !outputs.empty() && cut_pending)
    s = finish_output(&outputs.back());
  if (s.ok() && !outputs.empty()) {
    IOStatus d = FsyncDirectory(fs_.get(), dbname_);
    s = d;
  }
  uint64_t bytes_written = 0;
  for (auto& out : outputs) {
    if (!s.ok()) {
      out.builder->Abandon();
      if (out.file)
        out.file->Close(IOOptions(), nullptr).PermitUncheckedError();
      fs_->DeleteFile(out.fname, IOOptions(), nullptr).PermitUncheckedError();
    } else {
      bytes_written += out.meta.file_size;
    }
  }
  // Done reading the inputs: the version pinning them must not outlive
  // this job, or the DeleteObsoleteFiles below keeps them (locally and in
  // a bucket) until some later job.
  input.reset();
  pinned.reset();
  mutex_.Lock();
  for (const FileMetaPtr& f : inputs) files_being_compacted_.erase(f->number);
  for (auto& out : outputs) pending_outputs_.erase(out.meta.number);
  if (!s.ok()) return s;
  for (const FileMetaPtr& f : spec.inputs)
    edit.DeleteFile(spec.level, f->number);
  for (const auto& m : spec.middle_inputs)
    edit.DeleteFile(m.first, m.second->number);
  for (const FileMetaPtr& f : spec.output_level_inputs) {
    edit.DeleteFile(spec.output_level, f->number);
  }
  for (auto& out : outputs) {
    if (out.meta.file_size == 0) continue;
    edit.AddFile(spec.output_level, out.meta);
    if (outputs_made != nullptr) outputs_made->push_back(out.meta);
  }
  s = versions_->LogAndApply(cfd, &edit);
  if (!s.ok()) return s;
  compaction_stats_.count++;
  compaction_stats_.bytes_read += bytes_read;
  compaction_stats_.bytes_written += bytes_written;
  compaction_stats_.entries_dropped += dropped;
  compaction_stats_.entries_kept += kept;
  DeleteObsoleteFiles();
  return Status::OK();
}

Status DBImpl::AcquireManualCompactionSlot() {
  manual_compactions_waiting_++;
  while (compaction_running_ && bg_error_.ok() && !shutting_down_ &&
         manual_compaction_paused_ == 0) {
    bg_cv_.Wait();
  }
  manual_compactions_waiting_--;
  if (!bg_error_.ok()) return bg_error_;
  if (shutting_down_) return Status::ShutdownInProgress(dbname_);
  if (manual_compaction_paused_ > 0) {
    return Status::Incomplete(Status::SubCode::kManualCompactionPaused);
  }
  compaction_running_ = true;
  manual_compaction_running_ = true;
  return Status::OK();
}

void DBImpl::ReleaseManualCompactionSlot() {
  compaction_running_ = false;
  manual_compaction_running_ = false;
  bg_cv_.SignalAll();
  MaybeScheduleCompaction();
}

namespace {

// One SetOptions entry applied to o; false when the value does not parse.
bool ParseCompactionOptionValue(const std::string& value, bool* out) {
  if (value == "true" || value == "1") {
    *out = true;
  } else if (value == "false" || value == "0") {
    *out = false;
  } else {
    return false;
  }
  return true;
}

bool ParseCompactionOptionValue(const std::string& value, uint64_t* out) {
  if (value.empty() || value.size() > 19 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  *out = std::stoull(value);
  return true;
}

bool ParseCompactionOptionValue(const std::string& value, int* out) {
  uint64_t v;
  if (!ParseCompactionOptionValue(value, &v) || v > 1000000000) return false;
  *out = static_cast<int>(v);
  return true;
}

bool ParseCompactionOptionValue(const std::string& value, double* out) {
  char* end = nullptr;
  const double d = std::strtod(value.c_str(), &end);
  if (value.empty() || end != value.c_str() + value.size() || !(d > 0)) {
    return false;
  }
  *out = d;
  return true;
}

Status SetCompactionOption(const std::string& name, const std::string& value,
                           ColumnFamilyOptions* o) {
  bool ok;
  if (name == "disable_auto_compactions") {
    ok = ParseCompactionOptionValue(value, &o->disable_auto_compactions);
  } else if (name == "level0_file_num_compaction_trigger") {
    ok = ParseCompactionOptionValue(value,
                                    &o->level0_file_num_compaction_trigger);
  } else if (name == "level0_slowdown_writes_trigger") {
    ok = ParseCompactionOptionValue(value, &o->level0_slowdown_writes_trigger);
  } else if (name == "level0_stop_writes_trigger") {
    ok = ParseCompactionOptionValue(value, &o->level0_stop_writes_trigger);
  } else if (name == "target_file_size_base") {
    ok = ParseCompactionOptionValue(value, &o->target_file_size_base) &&
         o->target_file_size_base > 0;
  } else if (name == "max_bytes_for_level_base") {
    ok = ParseCompactionOptionValue(value, &o->max_bytes_for_level_base) &&
         o->max_bytes_for_level_base > 0;
  } else if (name == "max_bytes_for_level_multiplier") {
    ok = ParseCompactionOptionValue(value, &o->max_bytes_for_level_multiplier);
  } else {
    return Status::InvalidArgument("SetOptions: option " + name +
                                   " cannot be changed by skyrocks");
  }
  if (!ok) {
    return Status::InvalidArgument("SetOptions: bad value '" + value +
                                   "' for option " + name);
  }
  return Status::OK();
}

}  // namespace

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
    Status s = SetCompactionOption(kv.first, kv.second, &next);
    if (!s.ok()) return s;
  }
  cfd->options = next;
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
  while ((bg_compaction_scheduled_ || compaction_running_ ||
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
  while (manual_compaction_running_) {
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
  while ((bg_compaction_scheduled_ || compaction_running_ ||
          bg_flush_scheduled_) &&
         bg_error_.ok() && !shutting_down_) {
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
    while (static_cast<int>(cfd->current->files[0].size()) >=
               o.level0_stop_writes_trigger &&
           bg_error_.ok() && !shutting_down_) {
      stalled = true;
      MaybeScheduleCompaction();
      bg_cv_.Wait();
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
    if (!bg_error_.ok()) return bg_error_;
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
  char buf[400];
  snprintf(buf, sizeof(buf),
           "Flushes: %llu, flushed bytes: %llu\n"
           "Compactions: %llu (trivial moves %llu), read %llu bytes, written "
           "%llu bytes\n"
           "Entries kept %llu, dropped %llu\n"
           "Write amplification: %.2f\n"
           "Stalls: %llu, %llu micros\n",
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
           static_cast<unsigned long long>(c.stall_micros));
  return out + buf;
}

}  // namespace ROCKSDB_NAMESPACE
