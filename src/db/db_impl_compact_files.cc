// DB::CompactFiles and the file metadata it is driven by
// (GetLiveFilesMetaData, GetColumnFamilyMetaData).
//
// CompactFiles runs in the calling thread: it resolves the names, checks
// and expands the inputs (PickCompactFiles in db/compaction.h), waits while
// an exclusive manual compaction runs, checks again against the files as
// they are then (Aborted, as RocksDB, when a running compaction holds a
// file or writes into the range at the output level), and runs the
// compaction beside the others (snapshots respected, obsolete entries
// dropped). Thread-safe; the metadata is read under the
// DB mutex.
#include <functional>
#include <thread>

#include "db/compaction.h"
#include "db/db_impl.h"
#include "db/filename.h"
#include "util/coding.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// RocksDB's input name forms: "000012.sst", "/000012.sst", "<dir>/000012.sst"
// (only the base name counts, as in RocksDB), and the bare number "12".
bool CompactFilesInputNumber(const std::string& name, uint64_t* number) {
  const size_t slash = name.find_last_of('/');
  const std::string base =
      slash == std::string::npos ? name : name.substr(slash + 1);
  if (ParseDecimalUint64(base, number)) return true;
  FileType type;
  return ParseFileName(base, number, &type) && type == kTableFile;
}

}  // namespace

Status DBImpl::CompactFiles(const CompactionOptions& compact_options,
                            ColumnFamilyHandle* column_family,
                            const std::vector<std::string>& input_file_names,
                            const int output_level, const int output_path_id,
                            std::vector<std::string>* const output_file_names,
                            CompactionJobInfo* compaction_job_info) {
  if (read_only_) {
    return Status::NotSupported("Not supported operation in read only mode.");
  }
  if (output_path_id > 0) {
    return Status::InvalidArgument(
        "CompactFiles: output path id " + std::to_string(output_path_id) +
        " does not exist (skyrocks has one path, the DB directory " + dbname_ +
        ")");
  }
  std::vector<uint64_t> numbers;
  for (const std::string& name : input_file_names) {
    uint64_t number = 0;
    if (!CompactFilesInputNumber(name, &number)) {
      return Status::InvalidArgument("CompactFiles: '" + name +
                                     "' names no table file");
    }
    numbers.push_back(number);
  }
  ColumnFamilyData* cfd = CfdOf(column_family);
  port::MutexLock l(&mutex_);
  if (cfd->dropped) {
    return Status::InvalidArgument("CompactFiles: column family " + cfd->name +
                                   " was dropped");
  }
  if (manual_compaction_paused_ > 0) {
    return Status::Incomplete(Status::SubCode::kManualCompactionPaused);
  }
  if (shutting_down_) return Status::ShutdownInProgress(dbname_);
  // Fail at once on bad inputs or inputs a running compaction rewrites.
  CompactionSpec spec;
  Status s = PickCompactFiles(*cfd, compactions_.files(), numbers, output_level,
                              &spec);
  if (!s.ok()) return s;
  s = BeginManualCompaction(false, nullptr);
  if (!s.ok()) return s;
  // The files may have changed while an exclusive compaction ran.
  s = PickCompactFiles(*cfd, compactions_.files(), numbers, output_level,
                       &spec);
  if (s.ok() && compactions_.Conflicts(*cfd, spec)) {
    s = Status::Aborted(
        "CompactFiles: a running compaction writes into the key range of "
        "the inputs at output level " +
        std::to_string(output_level) + " of column family " + cfd->name);
  }
  std::vector<FileMetaData> outputs;
  if (s.ok()) {
    spec.max_output_file_size =
        std::max<uint64_t>(1, compact_options.output_file_size_limit);
    spec.compression = compact_options.compression;
    s = RunCompaction(cfd, spec, &outputs, nullptr,
                      compact_options.max_subcompactions);
  }
  EndManualCompaction(false);
  if (output_file_names != nullptr) {
    for (const FileMetaData& f : outputs) {
      output_file_names->push_back(MakeTableFileName(dbname_, f.number));
    }
  }
  if (compaction_job_info != nullptr) {
    CompactionJobInfo& info = *compaction_job_info;
    info.cf_id = cfd->id;
    info.cf_name = cfd->name;
    info.status = s;
    info.thread_id = std::hash<std::thread::id>()(std::this_thread::get_id());
    info.job_id = ++compact_files_jobs_;
    info.base_input_level = spec.level;
    info.output_level = output_level;
    info.compaction_reason = CompactionReason::kManualCompaction;
    info.compression = spec.compression != kDisableCompressionOption
                           ? spec.compression
                           : cfd->options.compression;
    auto add_input = [&](int level, const FileMetaPtr& f) {
      info.input_files.push_back(MakeTableFileName(dbname_, f->number));
      info.input_file_infos.push_back({level, f->number, 0});
    };
    for (const FileMetaPtr& f : spec.inputs) add_input(spec.level, f);
    for (const auto& m : spec.middle_inputs) add_input(m.first, m.second);
    for (const FileMetaPtr& f : spec.output_level_inputs) {
      add_input(spec.output_level, f);
    }
    for (const FileMetaData& f : outputs) {
      info.output_files.push_back(MakeTableFileName(dbname_, f.number));
      info.output_file_infos.push_back({output_level, f.number, 0});
    }
  }
  return s;
}

std::vector<std::vector<SstFileMetaData>> DBImpl::FilesMetaData(
    ColumnFamilyData* cfd) {
  const Version& v = *cfd->current;
  int levels = NumLevelsOf(cfd->options);
  for (int l = levels; l < kMaxNumLevels; l++) {
    if (!v.files[l].empty()) levels = l + 1;
  }
  std::vector<std::vector<SstFileMetaData>> out(levels);
  for (int l = 0; l < levels; l++) {
    for (const FileMetaPtr& f : v.files[l]) {
      SstFileMetaData m;
      m.relative_filename = MakeTableFileName(f->number);
      m.name = "/" + m.relative_filename;
      m.directory = dbname_;
      m.db_path = dbname_;
      m.file_number = f->number;
      m.size = f->file_size;
      m.file_checksum = f->file_checksum;
      m.file_checksum_func_name = f->file_checksum_func_name;
      m.smallest_seqno = f->smallest_seqno;
      m.largest_seqno = f->largest_seqno;
      m.smallestkey = f->smallest.user_key().ToString();
      m.largestkey = f->largest.user_key().ToString();
      m.being_compacted = compactions_.files().count(f->number) != 0;
      m.oldest_ancester_time = f->oldest_ancester_time;
      m.file_creation_time = f->file_creation_time;
      std::shared_ptr<TableReader> table;
      if (table_cache_
              ->Get(f->number, f->file_size, f->largest_seqno, &cfd->icmp,
                    cfd->table_factory().get(), &table)
              .ok()) {
        m.num_entries = table->GetTableProperties().num_entries;
        m.num_deletions = table->GetTableProperties().num_deletions;
      }
      out[l].push_back(std::move(m));
    }
  }
  return out;
}

void DBImpl::GetLiveFilesMetaData(std::vector<LiveFileMetaData>* metadata) {
  metadata->clear();
  port::MutexLock l(&mutex_);
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    std::vector<std::vector<SstFileMetaData>> levels = FilesMetaData(cfd);
    for (size_t level = 0; level < levels.size(); level++) {
      for (SstFileMetaData& f : levels[level]) {
        LiveFileMetaData m;
        static_cast<SstFileMetaData&>(m) = std::move(f);
        m.column_family_name = cfd->name;
        m.level = static_cast<int>(level);
        metadata->push_back(std::move(m));
      }
    }
  }
}

void DBImpl::GetColumnFamilyMetaData(ColumnFamilyHandle* column_family,
                                     ColumnFamilyMetaData* metadata) {
  ColumnFamilyData* cfd = CfdOf(column_family);
  port::MutexLock l(&mutex_);
  std::vector<std::vector<SstFileMetaData>> levels = FilesMetaData(cfd);
  metadata->name = cfd->name;
  metadata->size = 0;
  metadata->file_count = 0;
  metadata->levels.clear();
  for (size_t level = 0; level < levels.size(); level++) {
    uint64_t bytes = 0;
    for (const SstFileMetaData& f : levels[level]) bytes += f.size;
    metadata->size += bytes;
    metadata->file_count += levels[level].size();
    metadata->levels.emplace_back(static_cast<int>(level), bytes,
                                  std::move(levels[level]));
  }
}

}  // namespace ROCKSDB_NAMESPACE
