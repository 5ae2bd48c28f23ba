// Running one compaction (DBImpl::RunCompaction / DoCompaction): its
// input files are merged (L0 newest first, then the output level's files)
// through CompactionFilterState into new files of the output level, cut
// near max_output_file_size between user keys, and installed with one
// MANIFEST edit that deletes the inputs. Inputs stay on disk until no
// Version that lists them is referenced. Several compactions run at once
// (db_impl_compaction.cc schedules them); while one runs, its files and
// output range are held in compactions_ so that no other takes or writes
// over them.
#include <algorithm>

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

Status DBImpl::RunCompaction(ColumnFamilyData* cfd, const CompactionSpec& spec,
                             std::vector<FileMetaData>* outputs,
                             const std::atomic<bool>* canceled,
                             uint32_t max_subcompactions, bool manual) {
  const uint64_t ticket = compactions_.Reserve(*cfd, spec);
  compactions_running_++;
  if (manual) manual_compactions_running_++;
  compaction_stats_.max_running =
      std::max(compaction_stats_.max_running, compactions_running_);
  Status s = DoCompaction(cfd, spec, outputs, canceled, max_subcompactions);
  compactions_.Release(ticket);
  compactions_running_--;
  if (manual) manual_compactions_running_--;
  bg_cv_.SignalAll();
  return s;
}

Status DBImpl::DoCompaction(ColumnFamilyData* cfd, const CompactionSpec& spec,
                            std::vector<FileMetaData>* outputs_made,
                            const std::atomic<bool>* canceled,
                            uint32_t /*max_subcompactions*/) {
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

}  // namespace ROCKSDB_NAMESPACE
