// VersionSet; contract in db/version_set.h.
#include "db/version_set.h"

#include <algorithm>

#include "db/filename.h"
#include "db/log_reader.h"
#include "env/file_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

const char kDefaultCfName[] = "default";

// Records the first damage the MANIFEST reader reports.
class ManifestReporter : public log::Reader::Reporter {
 public:
  void Corruption(size_t /*bytes*/, const Status& s) override {
    if (status.ok()) status = s;
  }
  Status status;
};

bool NewestFirst(const FileMetaPtr& a, const FileMetaPtr& b) {
  if (a->largest_seqno != b->largest_seqno) {
    return a->largest_seqno > b->largest_seqno;
  }
  return a->number > b->number;
}

}  // namespace

uint64_t Version::NumFiles() const {
  uint64_t n = 0;
  for (const auto& level : files) n += level.size();
  return n;
}

uint64_t Version::TotalFileSize() const {
  uint64_t n = 0;
  for (const auto& level : files) {
    for (const auto& f : level) n += f->file_size;
  }
  return n;
}

size_t FindFile(const InternalKeyComparator& icmp,
                const std::vector<FileMetaPtr>& files,
                const Slice& internal_key) {
  auto it =
      std::lower_bound(files.begin(), files.end(), internal_key,
                       [&icmp](const FileMetaPtr& f, const Slice& k) {
                         return icmp.CompareInline(f->largest.Encode(), k) < 0;
                       });
  return static_cast<size_t>(it - files.begin());
}

namespace {

// Whether f's user-key range meets [begin, end] (null: unbounded).
bool FileMeetsUserRange(const Comparator* ucmp, const FileMetaData& f,
                        const Slice* begin, const Slice* end) {
  return (begin == nullptr ||
          ucmp->Compare(f.largest.user_key(), *begin) >= 0) &&
         (end == nullptr || ucmp->Compare(f.smallest.user_key(), *end) <= 0);
}

// The index of the first file of a level >= 1 whose largest user key is >=
// begin (0 when begin is null).
size_t FirstFileReaching(const InternalKeyComparator& icmp,
                         const std::vector<FileMetaPtr>& files,
                         const Slice* begin) {
  if (begin == nullptr) return 0;
  // The smallest internal key of user key *begin sorts before every entry
  // of it.
  const InternalKey seek(*begin, kMaxSequenceNumber, kValueTypeForSeek);
  return FindFile(icmp, files, seek.Encode());
}

}  // namespace

std::vector<FileMetaPtr> Version::OverlappingInputs(
    const InternalKeyComparator& icmp, int level, const Slice* begin,
    const Slice* end) const {
  const Comparator* ucmp = icmp.user_comparator();
  const std::vector<FileMetaPtr>& level_files = files[level];
  std::vector<FileMetaPtr> out;
  if (level > 0) {
    for (size_t i = FirstFileReaching(icmp, level_files, begin);
         i < level_files.size() &&
         FileMeetsUserRange(ucmp, *level_files[i], nullptr, end);
         i++) {
      out.push_back(level_files[i]);
    }
    return out;
  }
  std::string lo = begin != nullptr ? begin->ToString() : std::string();
  std::string hi = end != nullptr ? end->ToString() : std::string();
  for (size_t i = 0; i < level_files.size();) {
    const FileMetaData& f = *level_files[i++];
    const Slice lo_s(lo), hi_s(hi);
    if (!FileMeetsUserRange(ucmp, f, begin != nullptr ? &lo_s : nullptr,
                            end != nullptr ? &hi_s : nullptr)) {
      continue;
    }
    out.push_back(level_files[i - 1]);
    bool grew = false;
    if (begin != nullptr && ucmp->Compare(f.smallest.user_key(), lo) < 0) {
      lo = f.smallest.user_key().ToString();
      grew = true;
    }
    if (end != nullptr && ucmp->Compare(f.largest.user_key(), hi) > 0) {
      hi = f.largest.user_key().ToString();
      grew = true;
    }
    if (grew) {  // start over with the wider range
      out.clear();
      i = 0;
    }
  }
  return out;
}

bool Version::OverlapInLevel(const InternalKeyComparator& icmp, int level,
                             const Slice* smallest,
                             const Slice* largest) const {
  const Comparator* ucmp = icmp.user_comparator();
  const std::vector<FileMetaPtr>& level_files = files[level];
  if (level == 0) {
    for (const FileMetaPtr& f : level_files) {
      if (FileMeetsUserRange(ucmp, *f, smallest, largest)) return true;
    }
    return false;
  }
  const size_t i = FirstFileReaching(icmp, level_files, smallest);
  return i < level_files.size() &&
         FileMeetsUserRange(ucmp, *level_files[i], nullptr, largest);
}

ColumnFamilyData::ColumnFamilyData(uint32_t id_in, std::string name_in,
                                   const ColumnFamilyOptions& opts)
    : id(id_in),
      name(std::move(name_in)),
      options(opts),
      icmp(opts.comparator),
      current(std::make_shared<Version>()),
      table_factory_(opts.table_factory) {}

bool ColumnFamilyData::L0StopsWrites() const {
  return !options.disable_auto_compactions &&
         static_cast<int>(current->files[0].size()) >=
             options.level0_stop_writes_trigger;
}

bool ColumnFamilyData::MemtablesStopWrites() const {
  const size_t max_imm =
      static_cast<size_t>(std::max(1, options.max_write_buffer_number - 1));
  return mem->ApproximateMemoryUsage() >= options.write_buffer_size &&
         imm.size() >= max_imm;
}

MemTable* ColumnFamilyData::NewMemTable() const {
  // Large write buffers get huge-page blocks (see util/arena.h).
  const size_t block =
      std::min<size_t>(Arena::kHugePageSize, options.write_buffer_size / 8);
  // RocksDB's memtable_prefix_bloom_bits: the ratio (within [0, 0.25]) of
  // write_buffer_size, in bytes, as bits.
  MemTableBloomOptions bloom;
  bloom.prefix_extractor = options.prefix_extractor;
  bloom.whole_key_filtering = options.memtable_whole_key_filtering;
  const double ratio =
      std::min(0.25, std::max(0.0, options.memtable_prefix_bloom_size_ratio));
  bloom.bloom_bits =
      static_cast<uint64_t>(static_cast<double>(options.write_buffer_size) *
                            ratio) *
      8;
  MemTable* m = new MemTable(icmp, block, std::move(bloom));
  m->Ref();
  return m;
}

void ColumnFamilyData::InstallSuperVersion() {
  auto sv = std::make_shared<SuperVersion>();
  sv->mems.push_back(mem);
  for (const ImmutableMemTable& m : imm) sv->mems.push_back(m.mem);
  for (MemTable* m : sv->mems) m->Ref();
  sv->version = current;
  sv->prefix_extractor = options.prefix_extractor;
  std::atomic_store(&super_version_,
                    std::shared_ptr<const SuperVersion>(std::move(sv)));
}

ColumnFamilyData::~ColumnFamilyData() {
  if (mem != nullptr) mem->Unref();
  for (const ImmutableMemTable& m : imm) m.mem->Unref();
}

VersionSet::VersionSet(std::string dbname, FileSystem* fs,
                       const DBOptions& options)
    : dbname_(std::move(dbname)),
      fs_(fs),
      use_fsync_(options.use_fsync),
      max_manifest_file_size_(options.max_manifest_file_size) {}

VersionSet::~VersionSet() {
  if (manifest_) manifest_->Close().PermitUncheckedError();
}

Status VersionSet::CreateNewDB(const std::string& dbname, FileSystem* fs,
                               const std::string& db_id) {
  IOStatus s = ReplaceFileAtomically(fs, IdentityFileName(dbname),
                                     TempFileName(dbname, 0), db_id, false);
  if (!s.ok()) return std::move(s);
  VersionEdit edit;
  edit.SetLogNumber(0);
  edit.SetNextFile(2);
  edit.SetLastSequence(0);
  std::string record;
  Status es = edit.EncodeTo(&record);
  if (!es.ok()) return es;
  const std::string manifest = DescriptorFileName(dbname, 1);
  std::unique_ptr<FSWritableFile> file;
  s = fs->NewWritableFile(manifest, FileOptions(), &file, nullptr);
  if (!s.ok()) return std::move(s);
  {
    log::Writer log(std::move(file), 0, false);
    s = log.AddRecord(record);
    if (s.ok()) s = log.Sync();
    if (s.ok()) s = log.Close();
  }
  if (s.ok()) {
    s = ReplaceFileAtomically(fs, CurrentFileName(dbname),
                              TempFileName(dbname, 1), CurrentFileContents(1),
                              false);
  }
  if (!s.ok()) {
    fs->DeleteFile(manifest, IOOptions(), nullptr).PermitUncheckedError();
  }
  return std::move(s);
}

ColumnFamilyData* VersionSet::AddColumnFamilyData(
    uint32_t id, const std::string& name, const ColumnFamilyOptions& options) {
  auto cfd = std::make_unique<ColumnFamilyData>(id, name, options);
  ColumnFamilyData* raw = cfd.get();
  column_families_[id] = std::move(cfd);
  max_column_family_ = std::max(max_column_family_, id);
  return raw;
}

Status VersionSet::ApplyToVersion(const ColumnFamilyData& cfd,
                                  const VersionEdit& edit,
                                  std::shared_ptr<const Version>* version) {
  auto v = std::make_shared<Version>(**version);
  for (const auto& del : edit.GetDeletedFiles()) {
    const int level = del.first;
    if (level < 0 || level >= kMaxNumLevels) {
      return Status::Corruption("MANIFEST deletes a file at level " +
                                std::to_string(level));
    }
    auto& files = v->files[level];
    auto it = std::find_if(
        files.begin(), files.end(),
        [&](const FileMetaPtr& f) { return f->number == del.second; });
    if (it == files.end()) {
      return Status::Corruption("MANIFEST deletes file " +
                                std::to_string(del.second) + " at level " +
                                std::to_string(level) + " of column family " +
                                cfd.name + ", which is not there");
    }
    files.erase(it);
  }
  for (const auto& add : edit.GetNewFiles()) {
    const int level = add.first;
    if (level < 0 || level >= kMaxNumLevels) {
      return Status::Corruption("MANIFEST adds a file at level " +
                                std::to_string(level));
    }
    v->files[level].push_back(std::make_shared<FileMetaData>(add.second));
  }
  std::sort(v->files[0].begin(), v->files[0].end(), NewestFirst);
  for (int level = 1; level < kMaxNumLevels; level++) {
    std::sort(v->files[level].begin(), v->files[level].end(),
              [&cfd](const FileMetaPtr& a, const FileMetaPtr& b) {
                return cfd.icmp.Compare(a->smallest.Encode(),
                                        b->smallest.Encode()) < 0;
              });
  }
  *version = std::move(v);
  return Status::OK();
}

Status VersionSet::Recover(
    const std::map<std::string, ColumnFamilyOptions>& cf_options,
    RecoveredColumnFamilies* found) {
  const std::string current_name = CurrentFileName(dbname_);
  std::string current;
  IOStatus io = ReadFileToString(fs_, current_name, &current);
  if (!io.ok()) return std::move(io);
  if (current.empty() || current.back() != '\n') {
    return Status::Corruption(current_name,
                              "CURRENT file does not end with newline");
  }
  current.pop_back();
  uint64_t manifest_number = 0;
  FileType type;
  if (!ParseFileName(current, &manifest_number, &type) ||
      type != kDescriptorFile) {
    return Status::Corruption(current_name,
                              "CURRENT names no MANIFEST: '" + current + "'");
  }
  const std::string manifest_name = dbname_ + "/" + current;
  std::unique_ptr<FSSequentialFile> file;
  io = fs_->NewSequentialFile(manifest_name, FileOptions(), &file, nullptr);
  if (!io.ok()) return std::move(io);
  ManifestReporter reporter;
  log::Reader reader(std::move(file), manifest_name, &reporter, true,
                     manifest_number);

  auto options_for = [&](const std::string& name) {
    auto it = cf_options.find(name);
    return it != cf_options.end() ? it->second : ColumnFamilyOptions();
  };
  column_families_.clear();
  AddColumnFamilyData(0, kDefaultCfName, options_for(kDefaultCfName));
  bool have_next_file = false, have_last_seq = false;
  uint64_t next_file = 0;
  SequenceNumber last_seq = 0;
  Slice record;
  std::string scratch;
  while (reader.ReadRecord(&record, &scratch,
                           log::RecoveryMode::kAbsoluteConsistency)) {
    VersionEdit edit;
    Status s = edit.DecodeFrom(record);
    if (!s.ok()) {
      return Status::Corruption(manifest_name, s.ToString());
    }
    const uint32_t cf_id = edit.GetColumnFamily();
    ColumnFamilyData* cfd = GetColumnFamily(cf_id);
    if (edit.IsColumnFamilyAdd()) {
      if (cfd != nullptr) {
        return Status::Corruption(
            manifest_name,
            "column family " + std::to_string(cf_id) + " added twice");
      }
      cfd = AddColumnFamilyData(cf_id, edit.GetColumnFamilyName(),
                                options_for(edit.GetColumnFamilyName()));
    } else if (cfd == nullptr) {
      return Status::Corruption(
          manifest_name,
          "edit for unknown column family " + std::to_string(cf_id));
    }
    if (edit.IsColumnFamilyDrop()) {
      // The family is forgotten with its files (no longer live, so deleted
      // as obsolete); RocksDB 7.8.3 writes the DB-wide counters into the
      // same edit, applied below.
      if (cf_id == 0) {
        return Status::Corruption(manifest_name,
                                  "drops the default column family");
      }
      column_families_.erase(cf_id);
      cfd = nullptr;
    } else {
      if (edit.HasComparatorName() &&
          edit.GetComparatorName() != cfd->options.comparator->Name()) {
        return Status::InvalidArgument(
            manifest_name, "column family " + cfd->name +
                               " was written with comparator " +
                               edit.GetComparatorName() + ", opened with " +
                               cfd->options.comparator->Name());
      }
      s = ApplyToVersion(*cfd, edit, &cfd->current);
      if (!s.ok()) return Status::Corruption(manifest_name, s.ToString());
    }
    for (const auto& f : edit.GetNewFiles())
      MarkFileNumberUsed(f.second.number);
    if (edit.HasLogNumber()) {
      if (cfd != nullptr) {
        cfd->log_number = std::max(cfd->log_number, edit.GetLogNumber());
      }
      MarkFileNumberUsed(edit.GetLogNumber());
    }
    if (edit.HasPrevLogNumber()) {
      prev_log_number_ = edit.GetPrevLogNumber();
      MarkFileNumberUsed(prev_log_number_);
    }
    if (edit.HasNextFile()) {
      next_file = edit.GetNextFile();
      have_next_file = true;
    }
    if (edit.HasLastSequence()) {
      last_seq = edit.GetLastSequence();
      have_last_seq = true;
    }
    if (edit.HasMaxColumnFamily()) {
      max_column_family_ =
          std::max(max_column_family_, edit.GetMaxColumnFamily());
    }
    if (edit.HasMinLogNumberToKeep()) {
      min_log_number_to_keep_ =
          std::max(min_log_number_to_keep_, edit.GetMinLogNumberToKeep());
    }
    if (edit.HasDbId()) db_id_ = edit.GetDbId();
  }
  if (!reporter.status.ok()) {
    return Status::Corruption(manifest_name, reporter.status.ToString());
  }
  if (!have_next_file || !have_last_seq) {
    return Status::Corruption(
        manifest_name,
        std::string("no ") +
            (have_next_file ? "last sequence" : "next file number") + " entry");
  }
  // Only families still live at the end count: one added and later
  // dropped is not expected among the caller's.
  for (ColumnFamilyData* cfd : LiveColumnFamilies()) {
    if (cf_options.count(cfd->name) == 0) {
      found->in_manifest_not_requested.push_back(cfd->name);
    }
  }
  MarkFileNumberUsed(next_file - 1);
  MarkFileNumberUsed(manifest_number);
  SetLastSequence(last_seq);
  manifest_file_number_ = manifest_number;
  return Status::OK();
}

Status VersionSet::WriteSnapshot(log::Writer* log) {
  for (ColumnFamilyData* cfd : LiveColumnFamilies()) {
    {
      VersionEdit edit;
      if (cfd->id != 0) {
        edit.AddColumnFamily(cfd->name);
        edit.SetColumnFamily(cfd->id);
      }
      edit.SetComparatorName(cfd->options.comparator->Name());
      std::string record;
      Status s = edit.EncodeTo(&record);
      if (!s.ok()) return s;
      IOStatus io = log->AddRecord(record);
      if (!io.ok()) return std::move(io);
    }
    VersionEdit edit;
    edit.SetColumnFamily(cfd->id);
    for (int level = 0; level < kMaxNumLevels; level++) {
      for (const auto& f : cfd->current->files[level]) edit.AddFile(level, *f);
    }
    edit.SetLogNumber(cfd->log_number);
    std::string record;
    Status s = edit.EncodeTo(&record);
    if (!s.ok()) return s;
    IOStatus io = log->AddRecord(record);
    if (!io.ok()) return std::move(io);
  }
  // The DB-wide counters too: CURRENT names the new MANIFEST before the
  // edit that made it follows, and a crash in between must leave a
  // MANIFEST that opens (Recover needs the next file number and the last
  // sequence).
  VersionEdit edit;
  edit.SetNextFile(next_file_number_);
  edit.SetLastSequence(LastAllocatedSequence());
  edit.SetMaxColumnFamily(max_column_family_);
  if (prev_log_number_ != 0) edit.SetPrevLogNumber(prev_log_number_);
  if (min_log_number_to_keep_ != 0) {
    edit.SetMinLogNumberToKeep(min_log_number_to_keep_);
  }
  std::string record;
  Status s = edit.EncodeTo(&record);
  if (!s.ok()) return s;
  IOStatus io = log->AddRecord(record);
  if (!io.ok()) return std::move(io);
  return Status::OK();
}

Status VersionSet::OpenNewManifest() {
  const uint64_t number = NewFileNumber();
  const std::string name = DescriptorFileName(dbname_, number);
  std::unique_ptr<FSWritableFile> file;
  IOStatus io = fs_->NewWritableFile(name, FileOptions(), &file, nullptr);
  if (!io.ok()) return std::move(io);
  auto log = std::make_unique<log::Writer>(std::move(file), 0, false);
  Status s = WriteSnapshot(log.get());
  if (s.ok()) {
    io = use_fsync_ ? log->file()->Fsync(IOOptions(), nullptr) : log->Sync();
    s = io;
  }
  if (s.ok()) {
    s = ReplaceFileAtomically(fs_, CurrentFileName(dbname_),
                              TempFileName(dbname_, number),
                              CurrentFileContents(number), use_fsync_);
  }
  if (!s.ok()) {
    log->Close().PermitUncheckedError();
    fs_->DeleteFile(name, IOOptions(), nullptr).PermitUncheckedError();
    return s;
  }
  const uint64_t old_number = manifest_file_number_;
  if (manifest_) manifest_->Close().PermitUncheckedError();
  manifest_ = std::move(log);
  manifest_file_number_ = number;
  if (old_number != 0 && old_number != number) {
    // The old MANIFEST is no longer named by CURRENT.
    fs_->DeleteFile(DescriptorFileName(dbname_, old_number), IOOptions(),
                    nullptr)
        .PermitUncheckedError();
  }
  return Status::OK();
}

uint64_t VersionSet::manifest_file_size() const {
  return manifest_ ? manifest_->file_size() : 0;
}

void VersionSet::SetDbMutex(port::Mutex* mu) {
  db_mu_ = mu;
  manifest_cv_ = mu != nullptr ? std::make_unique<port::CondVar>(mu) : nullptr;
}

// The caller holds *db_mu_ under another name (DBImpl's mutex_), which
// clang's analysis cannot tie to db_mu_: these two are not analysed.
void VersionSet::ReleaseDbMutex() SKYROCKS_NO_THREAD_SAFETY_ANALYSIS {
  if (db_mu_ != nullptr) db_mu_->Unlock();
}

void VersionSet::RetakeDbMutex() SKYROCKS_NO_THREAD_SAFETY_ANALYSIS {
  if (db_mu_ != nullptr) db_mu_->Lock();
}

void VersionSet::WaitForManifestWrites() {
  while (manifest_writing_) manifest_cv_->Wait();
}

Status VersionSet::LogAndApply(ColumnFamilyData* cfd, VersionEdit* edit) {
  return LogAndApply({{cfd, edit}});
}

Status VersionSet::LogAndApply(
    const std::vector<std::pair<ColumnFamilyData*, VersionEdit*>>& edits) {
  // One MANIFEST writer at a time: the state each edit applies to is the
  // one the previous writer left.
  WaitForManifestWrites();
  manifest_writing_ = true;
  struct Done {
    VersionSet* vs;
    ~Done() {
      vs->manifest_writing_ = false;
      if (vs->manifest_cv_) vs->manifest_cv_->SignalAll();
    }
  } done{this};
  if (!manifest_ || manifest_->file_size() > max_manifest_file_size_) {
    Status s = OpenNewManifest();
    if (!s.ok()) {
      io_status_ = s;
      return s;
    }
  }
  for (size_t i = 0; i < edits.size(); i++) {
    for (size_t j = i + 1; edits[i].first != nullptr && j < edits.size();
         j++) {
      if (edits[j].first == edits[i].first) {
        return Status::InvalidArgument(
            "LogAndApply: two edits of one column family in one group");
      }
    }
  }
  std::vector<std::shared_ptr<const Version>> next(edits.size());
  for (size_t i = 0; i < edits.size(); i++) {
    ColumnFamilyData* cfd = edits[i].first;
    VersionEdit* edit = edits[i].second;
    if (cfd != nullptr) edit->SetColumnFamily(cfd->id);
    for (const auto& f : edit->GetNewFiles()) {
      MarkFileNumberUsed(f.second.number);
    }
    edit->SetNextFile(next_file_number_);
    edit->SetLastSequence(LastAllocatedSequence());
    if (cfd != nullptr) {
      next[i] = cfd->current;
      Status s = ApplyToVersion(*cfd, *edit, &next[i]);
      if (!s.ok()) return s;
    }
  }
  std::vector<std::string> encoded(edits.size());
  for (size_t i = 0; i < edits.size(); i++) {
    Status s = edits[i].second->EncodeTo(&encoded[i]);
    if (!s.ok()) return s;
  }
  // The write and the sync (an upload, for a cloud DB) without the DB
  // mutex; manifest_ is this writer's until it is done.
  log::Writer* log = manifest_.get();
  ReleaseDbMutex();
  IOStatus io;
  for (size_t i = 0; io.ok() && i < encoded.size(); i++) {
    io = log->AddRecord(encoded[i]);
  }
  if (io.ok()) {
    io = use_fsync_ ? log->file()->Fsync(IOOptions(), nullptr) : log->Sync();
  }
  RetakeDbMutex();
  if (!io.ok()) {
    // The MANIFEST may now end in a partial record; the next edit starts a
    // new one.
    manifest_->Close().PermitUncheckedError();
    manifest_.reset();
    // Keeps NoSpace and retryable: the background error handler decides
    // on them.
    io_status_ = AddErrorContext(
        io, "writing MANIFEST " +
                DescriptorFileName(dbname_, manifest_file_number_));
    return io_status_;
  }
  io_status_ = Status::OK();
  for (size_t i = 0; i < edits.size(); i++) {
    ColumnFamilyData* cfd = edits[i].first;
    VersionEdit* edit = edits[i].second;
    if (cfd != nullptr) {
      // The Version being replaced may still be read (iterators, Gets).
      all_versions_.push_back(cfd->current);
      cfd->current = std::move(next[i]);
      if (cfd->mem != nullptr) cfd->InstallSuperVersion();
      if (edit->HasLogNumber()) {
        cfd->log_number = std::max(cfd->log_number, edit->GetLogNumber());
      }
    }
    if (edit->HasPrevLogNumber()) prev_log_number_ = edit->GetPrevLogNumber();
    if (edit->HasMinLogNumberToKeep()) {
      min_log_number_to_keep_ = edit->GetMinLogNumberToKeep();
    }
  }
  return Status::OK();
}

Status VersionSet::CreateColumnFamily(const std::string& name,
                                      const ColumnFamilyOptions& options,
                                      uint64_t log_number,
                                      ColumnFamilyData** result) {
  if (GetColumnFamily(name) != nullptr) {
    return Status::InvalidArgument("column family already exists: " + name);
  }
  const uint32_t id = max_column_family_ + 1;
  VersionEdit edit;
  edit.SetColumnFamily(id);
  edit.AddColumnFamily(name);
  edit.SetComparatorName(options.comparator->Name());
  edit.SetMaxColumnFamily(id);
  edit.SetLogNumber(log_number);  // nothing in older WALs
  Status s = LogAndApply(nullptr, &edit);
  if (!s.ok()) return s;
  ColumnFamilyData* cfd = AddColumnFamilyData(id, name, options);
  cfd->log_number = edit.GetLogNumber();
  *result = cfd;
  return Status::OK();
}

Status VersionSet::DropColumnFamily(ColumnFamilyData* cfd) {
  if (cfd->id == 0) {
    return Status::InvalidArgument(
        "the default column family cannot be dropped");
  }
  VersionEdit edit;
  edit.SetColumnFamily(cfd->id);
  edit.DropColumnFamily();
  // As RocksDB: the id stays used even if the MANIFEST is rewritten.
  edit.SetMaxColumnFamily(max_column_family_);
  Status s = LogAndApply(nullptr, &edit);
  if (s.ok()) cfd->dropped = true;
  return s;
}

void VersionSet::ReleaseDroppedColumnFamily(ColumnFamilyData* cfd) {
  all_versions_.push_back(cfd->current);
  cfd->current = std::make_shared<Version>();
  if (cfd->mem != nullptr) cfd->InstallSuperVersion();
}

Status VersionSet::ListColumnFamilies(const std::string& dbname, FileSystem* fs,
                                      std::vector<std::string>* names) {
  DBOptions opts;
  VersionSet vs(dbname, fs, opts);
  RecoveredColumnFamilies found;
  Status s = vs.Recover({}, &found);
  if (!s.ok()) return s;
  names->clear();
  for (ColumnFamilyData* cfd : vs.LiveColumnFamilies())
    names->push_back(cfd->name);
  return Status::OK();
}

uint64_t VersionSet::MinLogNumberInUse() const {
  uint64_t min_log = UINT64_MAX;
  for (ColumnFamilyData* cfd : LiveColumnFamilies()) {
    min_log = std::min(min_log, cfd->log_number);
  }
  return min_log == UINT64_MAX ? 0 : min_log;
}

ColumnFamilyData* VersionSet::GetColumnFamily(uint32_t id) const {
  auto it = column_families_.find(id);
  return it == column_families_.end() || it->second->dropped ? nullptr
                                                             : it->second.get();
}

ColumnFamilyData* VersionSet::GetColumnFamily(const std::string& name) const {
  for (const auto& kv : column_families_) {
    if (!kv.second->dropped && kv.second->name == name) return kv.second.get();
  }
  return nullptr;
}

std::vector<ColumnFamilyData*> VersionSet::LiveColumnFamilies() const {
  std::vector<ColumnFamilyData*> out;
  for (const auto& kv : column_families_) {
    if (!kv.second->dropped) out.push_back(kv.second.get());
  }
  return out;
}

void VersionSet::AddLiveFiles(std::vector<uint64_t>* numbers) {
  // A dropped family's files too, until ReleaseDroppedColumnFamily.
  for (const auto& kv : column_families_) {
    for (const auto& level : kv.second->current->files) {
      for (const auto& f : level) numbers->push_back(f->number);
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < all_versions_.size(); i++) {
    std::shared_ptr<const Version> v = all_versions_[i].lock();
    if (!v) continue;
    for (const auto& level : v->files) {
      for (const auto& f : level) numbers->push_back(f->number);
    }
    all_versions_[kept++] = all_versions_[i];
  }
  all_versions_.resize(kept);
}

}  // namespace ROCKSDB_NAMESPACE
