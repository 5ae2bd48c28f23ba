// Running one compaction (DBImpl::RunCompaction / DoCompaction): its
// input files are merged (L0 newest first, then the output level's files)
// through the user's compaction filter, if any (CompactionFilterRunner,
// one filter per subcompaction), and CompactionFilterState into new files
// of the output level, cut
// near max_output_file_size between user keys, and installed with one
// MANIFEST edit that deletes the inputs. Inputs stay on disk until no
// Version that lists them is referenced. Several compactions run at once
// (db_impl_compaction.cc schedules them); while one runs, its files and
// output range are held in compactions_ so that no other takes or writes
// over them.
//
// Subcompactions (RocksDB's): an L0 or manual compaction into a level > 0
// with max_subcompactions > 1 (the DB's option, or the CompactRange /
// CompactFiles override) is split at user keys taken from its input files'
// boundaries (SubcompactionBoundaries) into up to that many key ranges of
// about equal input bytes; each range is merged by its own thread into its
// own output files (a user key never straddles two ranges, so the filter
// sees all versions of a key in one place), and all outputs are installed
// with one MANIFEST edit. A compaction whose inputs carry range tombstones
// is not split: the tombstones go, whole, into a single output file.
#include <algorithm>

#include "db/compaction.h"
#include "db/compaction_filter_runner.h"
#include "db/db_impl.h"
#include "db/filename.h"
#include "db/merging_iterator.h"
#include "db/range_del.h"
#include "env/file_util.h"
#include "env/rate_limited_file.h"
#include "util/parallel.h"
#include "util/statistics_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// One output file being written.
struct CompactionOutput {
  FileMetaData meta;
  std::unique_ptr<FSWritableFile> file;
  std::unique_ptr<TableBuilder> builder;
  std::string fname;
};

// The internal key a Seek to user_key's first entry uses.
std::string SubcompactionSeekKey(const std::string& user_key) {
  return InternalKey(user_key, kMaxSequenceNumber, kValueTypeForSeek)
      .Encode()
      .ToString();
}

}  // namespace

// One key range of a compaction and what merging it made.
struct DBImpl::SubcompactionJob {
  // [start, end) by user key; an empty flag means unbounded.
  bool has_start = false, has_end = false;
  std::string start, end;
  // Range tombstones to write (only an unsplit compaction has them).
  const std::vector<std::pair<std::string, std::string>>* tombstone_list =
      nullptr;
  std::vector<CompactionOutput> outputs;
  // The user's compaction filter for this range (nullptr: none).
  std::unique_ptr<CompactionFilter> owned_filter;
  const CompactionFilter* filter = nullptr;
  Status status;
  uint64_t kept = 0, dropped = 0;
  int job_id = 0;  // the compaction's (listeners, info LOG)
};

Status DBImpl::RunCompaction(ColumnFamilyData* cfd, const CompactionSpec& spec,
                             std::vector<FileMetaData>* outputs,
                             const std::atomic<bool>* canceled,
                             uint32_t max_subcompactions) {
  const uint64_t ticket = compactions_.Reserve(*cfd, spec);
  compactions_running_++;
  if (spec.manual) manual_compactions_running_++;
  compaction_stats_.max_running =
      std::max(compaction_stats_.max_running, compactions_running_);
  const int job_id = NewJobId();
  CompactionJobInfo info;
  NewCompactionJobInfo(cfd, spec, job_id, &info);
  NotifyCompactionBegin(cfd, spec, info);
  std::vector<FileMetaData> made;
  CompactionCounts counts;
  SystemClock* clock = env_->GetSystemClock().get();
  const uint64_t start = clock->NowMicros(), cpu_start = clock->CPUMicros();
  Status s = DoCompaction(cfd, spec, &made, canceled, max_subcompactions,
                          job_id, &counts);
  counts.micros = clock->NowMicros() - start;
  counts.cpu_micros = clock->CPUMicros() - cpu_start;
  NotifyCompactionCompleted(cfd, spec, &info, s, made, counts);
  NotifyStallConditionsChanged();
  if (outputs != nullptr) {
    outputs->insert(outputs->end(), made.begin(), made.end());
  }
  compactions_.Release(ticket);
  compactions_running_--;
  if (spec.manual) manual_compactions_running_--;
  if (s.IsIOError() || s.IsCorruption()) {
    // As RocksDB's BackgroundCompaction, manual compactions included
    // (cancellation and shutdown are no background errors).
    SetBGError(s, versions_->io_status().ok()
                      ? BackgroundErrorReason::kCompaction
                      : BackgroundErrorReason::kManifestWrite)
        .PermitUncheckedError();
  }
  bg_cv_.SignalAll();
  return s;
}

Status DBImpl::DoCompaction(ColumnFamilyData* cfd, const CompactionSpec& spec,
                            std::vector<FileMetaData>* outputs_made,
                            const std::atomic<bool>* canceled,
                            uint32_t max_subcompactions, int job_id,
                            CompactionCounts* counts) {
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
  const std::vector<SequenceNumber> snapshots(snapshots_.begin(),
                                              snapshots_.end());
  const std::vector<FileMetaPtr> inputs = CompactionInputs(spec);
  std::shared_ptr<const Version> pinned = cfd->current;  // inputs stay on disk
  if (max_subcompactions == 0) max_subcompactions = options_.max_subcompactions;
  // Read under the mutex: SetOptions replaces cfd->options under it. The
  // user comparator comes from cfd->icmp, which never changes.
  const uint64_t target_file_size =
      TargetFileSizeForLevel(cfd->options, spec.output_level);
  const Comparator* ucmp = cfd->icmp.user_comparator();
  const std::shared_ptr<TableFactory> table_factory = cfd->table_factory();
  const CompactionFilter* shared_filter = cfd->options.compaction_filter;
  const std::shared_ptr<CompactionFilterFactory> filter_factory =
      cfd->options.compaction_filter_factory;
  CompactionFilter::Context filter_context;
  filter_context.is_full_compaction =
      inputs.size() == cfd->current->NumFiles();
  filter_context.is_manual_compaction = spec.manual;
  filter_context.column_family_id = cfd->id;
  filter_context.reason = TableFileCreationReason::kCompaction;
  mutex_.Unlock();
  StopWatch timer(stats_, COMPACTION_TIME);

  Status s;
  uint64_t bytes_read = 0;
  std::vector<std::shared_ptr<TableReader>> tables;
  RangeTombstones tombstones(ucmp, kMaxSequenceNumber);
  std::vector<std::pair<std::string, std::string>> tombstone_list;  // ikey, end
  for (const FileMetaPtr& f : inputs) {
    std::shared_ptr<TableReader> table;
    s = table_cache_->Get(f->number, f->file_size, f->largest_seqno, &cfd->icmp,
                          table_factory.get(), &table);
    if (!s.ok()) break;
    bytes_read += f->file_size;
    tables.push_back(table);
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
  // Ranges with tombstones are not split (see the top of the file).
  std::vector<std::string> cuts;
  if (s.ok() && tombstone_list.empty()) {
    std::vector<TableReader::Anchor> anchors;
    for (const auto& t : tables) {
      std::vector<TableReader::Anchor> a = t->ApproximateKeyAnchors();
      anchors.insert(anchors.end(), a.begin(), a.end());
    }
    cuts = SubcompactionBoundaries(ucmp, target_file_size, spec,
                                   max_subcompactions, std::move(anchors),
                                   bytes_read);
  }
  std::vector<SubcompactionJob> jobs(cuts.size() + 1);
  for (size_t i = 0; i < jobs.size(); i++) {
    jobs[i].job_id = job_id;
    if (i > 0) {
      jobs[i].has_start = true;
      jobs[i].start = cuts[i - 1];
    }
    if (i < cuts.size()) {
      jobs[i].has_end = true;
      jobs[i].end = cuts[i];
    }
  }
  const bool drop_tombstones = spec.bottommost && snapshots.empty();
  if (!drop_tombstones) jobs[0].tombstone_list = &tombstone_list;
  for (size_t i = 0; s.ok() && i < jobs.size(); i++) {
    s = SelectCompactionFilter(shared_filter, filter_factory.get(),
                               filter_context, &jobs[i].owned_filter,
                               &jobs[i].filter);
  }
  if (s.ok()) {
    // One thread per subcompaction, this one among them.
    ParallelFor(jobs.size(), static_cast<int>(jobs.size()), [&](size_t i) {
      RunSubcompaction(cfd, spec, tables, tombstones, snapshots, canceled,
                       &jobs[i]);
      return true;
    });
    for (const SubcompactionJob& job : jobs) {
      if (s.ok()) s = job.status;
    }
  }
  bool any_output = false;
  for (const SubcompactionJob& job : jobs) {
    any_output = any_output || !job.outputs.empty();
  }
  if (s.ok() && any_output) {
    IOStatus d = FsyncDirectory(fs_.get(), dbname_);
    s = d;
  }
  uint64_t bytes_written = 0, kept = 0, dropped = 0;
  counts->subcompactions = jobs.size();
  for (SubcompactionJob& job : jobs) {
    kept += job.kept;
    dropped += job.dropped;
    counts->output_records += job.kept;
    counts->input_records += job.kept + job.dropped;
    for (auto& out : job.outputs) {
      if (!s.ok()) {
        if (out.builder) out.builder->Abandon();
        if (out.file)
          out.file->Close(IOOptions(), nullptr).PermitUncheckedError();
        fs_->DeleteFile(out.fname, IOOptions(), nullptr).PermitUncheckedError();
      } else {
        bytes_written += out.meta.file_size;
      }
    }
  }
  // Done reading the inputs: the version pinning them must not outlive
  // this job, or the DeleteObsoleteFiles below keeps them (locally and in
  // a bucket) until some later job.
  tables.clear();
  pinned.reset();
  mutex_.Lock();
  // The outputs stay protected from DeleteObsoleteFiles until the MANIFEST
  // names them: LogAndApply releases the mutex while it writes.
  auto release_outputs = [&]() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    for (SubcompactionJob& job : jobs) {
      for (auto& out : job.outputs) pending_outputs_.erase(out.meta.number);
    }
  };
  if (!s.ok()) {
    release_outputs();
    return s;
  }
  for (const FileMetaPtr& f : spec.inputs)
    edit.DeleteFile(spec.level, f->number);
  for (const auto& m : spec.middle_inputs)
    edit.DeleteFile(m.first, m.second->number);
  for (const FileMetaPtr& f : spec.output_level_inputs) {
    edit.DeleteFile(spec.output_level, f->number);
  }
  for (SubcompactionJob& job : jobs) {
    for (auto& out : job.outputs) {
      if (out.meta.file_size == 0) continue;
      edit.AddFile(spec.output_level, out.meta);
      if (outputs_made != nullptr) outputs_made->push_back(out.meta);
    }
  }
  s = versions_->LogAndApply(cfd, &edit);
  release_outputs();
  if (!s.ok()) return s;
  compaction_stats_.count++;
  if (jobs.size() > 1) compaction_stats_.subcompactions += jobs.size();
  compaction_stats_.bytes_read += bytes_read;
  compaction_stats_.bytes_written += bytes_written;
  compaction_stats_.entries_dropped += dropped;
  compaction_stats_.entries_kept += kept;
  RecordTick(stats_, COMPACT_READ_BYTES, bytes_read);
  RecordTick(stats_, COMPACT_WRITE_BYTES, bytes_written);
  RecordTick(stats_, COMPACTION_KEY_DROP_OBSOLETE, dropped);
  DeleteObsoleteFiles();
  return Status::OK();
}

void DBImpl::RunSubcompaction(
    ColumnFamilyData* cfd, const CompactionSpec& spec,
    const std::vector<std::shared_ptr<TableReader>>& tables,
    const RangeTombstones& tombstones,
    const std::vector<SequenceNumber>& snapshots,
    const std::atomic<bool>* canceled, SubcompactionJob* job) {
  const Comparator* ucmp = cfd->icmp.user_comparator();
  std::vector<InternalIterator*> children;
  // Inputs are read start to end: 4 MiB per request, not a block.
  for (const auto& t : tables) {
    children.push_back(NewTableIterator(t, true, kCompactionReadahead));
  }
  std::unique_ptr<InternalIterator> input(
      NewMergingIterator(&cfd->icmp, std::move(children)));
  // With range tombstones everything goes into one file (not cut).
  const bool single_output =
      job->tombstone_list != nullptr && !job->tombstone_list->empty();
  CompactionFilterState filter(ucmp, snapshots, spec.bottommost);
  std::vector<CompactionOutput>& outputs = job->outputs;
  std::string last_user_key;
  bool cut_pending = false;
  auto open_output = [&]() -> Status {
    CompactionOutput out;
    TableBuilderOptions tbo;
    {
      // cfd->options is read under the mutex: SetOptions replaces it.
      port::MutexLock l(&mutex_);
      out.meta.number = versions_->NewFileNumber();
      pending_outputs_.insert(out.meta.number);
      tbo = NewTableBuilderOptions(cfd, out.meta.number);
      tbo.compression =
          CompactionCompression(cfd->options, *cfd->current, spec.output_level);
    }
    out.fname = MakeTableFileName(dbname_, out.meta.number);
    NotifyTableFileCreationStarted(cfd->name, out.fname, job->job_id,
                                   TableFileCreationReason::kCompaction);
    IOStatus io =
        fs_->NewWritableFile(out.fname, FileOptions(), &out.file, nullptr);
    RateLimitWritableFile(rate_limiter_, Env::IO_LOW, &out.file);
    if (!io.ok()) {
      NotifyTableFileCreated(cfd->name, out.fname, job->job_id,
                             TableFileCreationReason::kCompaction, nullptr, io);
      outputs.push_back(std::move(out));  // its number leaves pending_outputs_
      return std::move(io);
    }
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
    NotifyTableFileCreated(cfd->name, out->fname, job->job_id,
                           TableFileCreationReason::kCompaction,
                           fs.ok() ? &out->builder->result() : nullptr, fs);
    if (!fs.ok()) return fs;
    SetFileMetaFromTable(out->builder->result(), &out->meta);
    return Status::OK();
  };
  Status s;
  if (job->has_start) {
    input->Seek(SubcompactionSeekKey(job->start));
  } else {
    input->SeekToFirst();
  }
  std::unique_ptr<CompactionFilterRunner> user_filter;
  if (job->filter != nullptr) {
    user_filter = std::make_unique<CompactionFilterRunner>(
        job->filter, ucmp, spec.level,
        snapshots.empty() ? 0 : snapshots.back());
  }
  CompactionFilterRunner::Outcome outcome;
  std::string rewritten_key;
  while (input->Valid() && s.ok()) {
    ParsedInternalKey pk;
    s = ParseInternalKey(input->key(), &pk);
    if (!s.ok()) break;
    if (job->has_end && ucmp->Compare(pk.user_key, job->end) >= 0) break;
    Slice key = input->key(), value = input->value();
    if (user_filter != nullptr) {
      s = user_filter->Decide(pk, value, &outcome);
      if (!s.ok()) break;
      if (outcome.skip) {
        // Drops everything before skip_until (bounded by this range).
        job->dropped++;
        if (job->has_end && ucmp->Compare(outcome.skip_until, job->end) >= 0) {
          break;
        }
        input->Seek(SubcompactionSeekKey(outcome.skip_until));
        continue;
      }
      if (outcome.drop) {
        job->dropped++;
        input->Next();
        continue;
      }
      if (outcome.rewrite) {
        pk.type = outcome.type;
        rewritten_key.clear();
        AppendInternalKey(&rewritten_key, pk);
        key = rewritten_key;
        value = outcome.value;
        pk.user_key = ExtractUserKey(key);
      }
    }
    const bool covered = !tombstones.empty() &&
                         tombstones.ShouldDelete(pk.user_key, pk.sequence);
    if (!filter.Keep(pk, covered)) {
      job->dropped++;
      input->Next();
      continue;
    }
    const bool new_user_key =
        outputs.empty() || ucmp->Compare(pk.user_key, last_user_key) != 0;
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
    outputs.back().builder->Add(key, value);
    job->kept++;
    if (new_user_key) {
      last_user_key.assign(pk.user_key.data(), pk.user_key.size());
    }
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
    input->Next();
  }
  if (s.ok()) s = input->status();
  if (s.ok() && single_output) {
    const auto& list = *job->tombstone_list;
    if (outputs.empty()) s = open_output();
    for (size_t i = 0; s.ok() && i < list.size(); i++) {
      ParsedInternalKey pk;
      s = ParseInternalKey(list[i].first, &pk);
      if (s.ok()) {
        outputs.back().builder->AddRangeDeletion(pk.user_key, list[i].second,
                                                 pk.sequence);
      }
    }
  }
  if (s.ok() && !outputs.empty()) s = finish_output(&outputs.back());
  job->status = s;
}

}  // namespace ROCKSDB_NAMESPACE
