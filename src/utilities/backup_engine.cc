// BackupEngine and BackupEngineReadOnly; contract in
// rocksdb/utilities/backup_engine.h, layout in doc/backup_format.md.
//
// A backup is made as RocksDB 7.8.3 makes it: with file deletions
// disabled, the live files are listed (GetLiveFiles, flushing first when
// asked) and the live WALs after them; SSTs go to shared_checksum/ (copied
// to NAME.tmp and renamed) unless a valid backup already holds the same
// name and size; the rest goes to private/<id>.tmp/, renamed to
// private/<id>/ when complete. The meta file is written last
// (meta/.<id>.tmp renamed to meta/<id>), so a backup interrupted at any
// point has no meta file: it does not exist, and GarbageCollect removes
// what it left.
#include "rocksdb/utilities/backup_engine.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "db/filename.h"
#include "env/file_util.h"
#include "port/mutex.h"
#include "rocksdb/sst_file_reader.h"
#include "rocksdb/table_properties.h"
#include "util/crc32c.h"
#include "utilities/backup_files.h"
#include "utilities/backup_meta.h"

namespace ROCKSDB_NAMESPACE {

namespace {

std::string BackupHex32(uint32_t v) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out(8, '0');
  for (int i = 7; i >= 0; i--, v >>= 4) out[i] = kDigits[v & 0xf];
  return out;
}

class BackupEngineImpl : public BackupEngine {
 public:
  BackupEngineImpl(const BackupEngineOptions& options, Env* db_env,
                   bool read_only)
      : options_(options),
        db_env_(db_env != nullptr ? db_env : Env::Default()),
        backup_env_(options.backup_env != nullptr ? options.backup_env
                                                  : db_env_),
        db_fs_(db_env_->GetFileSystem().get()),
        fs_(backup_env_->GetFileSystem().get()),
        dir_(options.backup_dir),
        read_only_(read_only) {
    while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
  }

  IOStatus Initialize();

  IOStatus CreateNewBackupWithMetadata(const CreateBackupOptions& options,
                                       DB* db, const std::string& app_metadata,
                                       BackupID* new_backup_id) override;
  void StopBackup() override { stop_.store(true); }
  IOStatus GarbageCollect() override;
  IOStatus PurgeOldBackups(uint32_t num_backups_to_keep) override;
  IOStatus DeleteBackup(BackupID backup_id) override;

  Status GetLatestBackupInfo(BackupInfo* backup_info,
                             bool include_file_details) const override;
  Status GetBackupInfo(BackupID backup_id, BackupInfo* backup_info,
                       bool include_file_details) const override;
  void GetBackupInfo(std::vector<BackupInfo>* backup_infos,
                     bool include_file_details) const override;
  void GetCorruptedBackups(std::vector<BackupID>* ids) const override;
  IOStatus RestoreDBFromBackup(const RestoreOptions& options,
                               BackupID backup_id, const std::string& db_dir,
                               const std::string& wal_dir) const override;
  IOStatus RestoreDBFromLatestBackup(const RestoreOptions& options,
                                     const std::string& db_dir,
                                     const std::string& wal_dir) const override;
  IOStatus VerifyBackup(BackupID backup_id,
                        bool verify_with_checksum) const override;

 private:
  std::string Abs(const std::string& rel) const { return dir_ + "/" + rel; }
  static std::string MetaRel(BackupID id) {
    return "meta/" + std::to_string(id);
  }
  static std::string PrivateRel(BackupID id) {
    return "private/" + std::to_string(id);
  }
  std::string SharedDirRel() const {
    return options_.share_files_with_checksum ? "shared_checksum" : "shared";
  }
  // Loads meta/<id>; a backup naming a missing file is corrupt.
  void LoadBackup(BackupID id) SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Every file a valid backup references, with its size.
  std::map<std::string, const BackupFileEntry*> ReferencedFiles() const
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // What a backup will hold and the copies that make it.
  struct BackupPlan {
    BackupMeta meta;
    std::vector<BackupCopy> copies;
    // (index in meta.files, index in copies): the entry's crc32c and size
    // come from the copy.
    std::vector<std::pair<size_t, size_t>> copy_entries;
    std::vector<std::string> shared_written;  // rels, deleted on failure
    void Copy(FileSystem* src_fs, const std::string& src, FileSystem* dst_fs,
              const std::string& dst, uint64_t limit,
              const std::string& rename_to, const std::string& rel) {
      BackupCopy c;
      c.src_fs = src_fs;
      c.src = src;
      c.dst_fs = dst_fs;
      c.dst = dst;
      c.limit = limit;
      c.rename_to = rename_to;
      BackupFileEntry e;
      e.rel = rel;
      copy_entries.emplace_back(meta.files.size(), copies.size());
      meta.files.push_back(e);
      copies.push_back(std::move(c));
    }
  };
  // Plans the copy of one SST: shared (unless a valid backup has it
  // already) or private.
  IOStatus PlanTableFile(DB* db, const std::string& src,
                         const std::string& fname, BackupID id,
                         BackupPlan* plan)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Renames private/<id>.tmp to private/<id>.
  IOStatus PublishPrivateDir(const std::string& tmp_rel,
                             const std::string& rel);
  IOStatus DeleteBackupLocked(BackupID id)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  IOStatus GarbageCollectLocked() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  BackupInfo Describe(BackupID id, const BackupMeta& meta,
                      bool include_file_details) const;

  const BackupEngineOptions options_;
  Env* const db_env_;
  Env* const backup_env_;
  FileSystem* const db_fs_;
  FileSystem* const fs_;
  std::string dir_;
  const bool read_only_;
  std::atomic<bool> stop_{false};
  mutable port::Mutex mu_;  // serializes the calls
  // the valid ones
  std::map<BackupID, BackupMeta> backups_ SKYROCKS_GUARDED_BY(mu_);
  // id -> why
  std::map<BackupID, std::string> corrupt_ SKYROCKS_GUARDED_BY(mu_);
  // valid or not
  BackupID latest_id_ SKYROCKS_GUARDED_BY(mu_) = 0;
  bool might_need_gc_ SKYROCKS_GUARDED_BY(mu_) = false;
};

IOStatus BackupEngineImpl::Initialize() {
  // Before the engine is shared: the lock is for the analysis only.
  port::MutexLock lock(&mu_);
  if (!read_only_) {
    if (options_.destroy_old_data) {
      for (const char* sub : {"meta", "private", "shared", "shared_checksum"}) {
        IOStatus s = DeleteDirRecursively(fs_, Abs(sub));
        if (!s.ok()) return s;
      }
    }
    std::vector<std::string> dirs = {dir_, Abs("meta"), Abs("private")};
    if (options_.share_table_files) dirs.push_back(Abs(SharedDirRel()));
    for (const auto& d : dirs) {
      IOStatus s = fs_->CreateDirIfMissing(d, IOOptions(), nullptr);
      if (!s.ok()) return s;
    }
  }
  std::vector<std::string> names;
  IOStatus s = fs_->GetChildren(Abs("meta"), IOOptions(), &names, nullptr);
  if (!s.ok()) {
    if (read_only_ &&
        !fs_->FileExists(Abs("meta"), IOOptions(), nullptr).ok()) {
      return IOStatus::OK();  // no backups yet
    }
    return s;
  }
  std::vector<BackupID> ids;
  for (const auto& n : names) {
    BackupID id;
    if (ParseBackupId(n, &id)) ids.push_back(id);
  }
  std::sort(ids.rbegin(), ids.rend());
  // As RocksDB: a writable engine loads every backup (it must know every
  // reference to a shared file before deleting one); a read-only engine
  // the newest max_valid_backups_to_open valid ones.
  const size_t limit =
      read_only_
          ? static_cast<size_t>(std::max(0, options_.max_valid_backups_to_open))
          : SIZE_MAX;
  for (size_t i = 0; i < ids.size(); i++) {
    latest_id_ = std::max(latest_id_, ids[i]);
    if (backups_.size() < limit) LoadBackup(ids[i]);
  }
  // What an interrupted backup left goes before the next backup.
  might_need_gc_ = !read_only_;
  return IOStatus::OK();
}

void BackupEngineImpl::LoadBackup(BackupID id) {
  std::string data;
  Status s = ReadFileToString(fs_, Abs(MetaRel(id)), &data);
  BackupMeta meta;
  if (s.ok()) s = DecodeBackupMeta(Abs(MetaRel(id)), data, &meta);
  for (size_t i = 0; s.ok() && i < meta.files.size(); i++) {
    auto& f = meta.files[i];
    s = fs_->GetFileSize(Abs(f.rel), IOOptions(), &f.size, nullptr);
  }
  if (s.ok()) {
    backups_[id] = std::move(meta);
  } else {
    corrupt_[id] = s.ToString();
  }
}

std::map<std::string, const BackupFileEntry*>
BackupEngineImpl::ReferencedFiles() const {
  std::map<std::string, const BackupFileEntry*> out;
  for (const auto& b : backups_) {
    for (const auto& f : b.second.files) out[f.rel] = &f;
  }
  return out;
}

IOStatus BackupEngineImpl::PlanTableFile(DB* db, const std::string& src,
                                         const std::string& fname, BackupID id,
                                         BackupPlan* plan) {
  uint64_t size = 0;
  IOStatus s = db_fs_->GetFileSize(src, IOOptions(), &size, nullptr);
  if (!s.ok()) return s;
  if (!options_.share_table_files) {
    plan->Copy(db_fs_, src, fs_, Abs(PrivateRel(id) + ".tmp/" + fname), size,
               "", PrivateRel(id) + "/" + fname);
    return IOStatus::OK();
  }
  std::string name = fname;
  if (options_.share_files_with_checksum) {
    const auto naming = options_.share_files_with_checksum_naming;
    std::string session;
    if ((naming & BackupEngineOptions::kMaskNoNamingFlags) ==
        BackupEngineOptions::kUseDbSessionId) {
      Options opts = db->GetOptions();
      opts.env = db_env_;
      SstFileReader reader(opts);
      if (reader.Open(src).ok()) {
        session = reader.GetTableProperties()->db_session_id;
      }
    }
    uint32_t crc = 0;
    if (session.empty()) {
      s = FileCrc32c(db_fs_, src, &crc, &size);
      if (!s.ok()) return s;
    }
    name = SharedChecksumName(fname, session, crc, size, naming);
  }
  const std::string rel = SharedDirRel() + "/" + name;
  const auto known = ReferencedFiles();
  auto it = known.find(rel);
  if (it != known.end() && it->second->size == size) {
    plan->meta.files.push_back(*it->second);  // incremental: shared
    return IOStatus::OK();
  }
  plan->Copy(db_fs_, src, fs_, Abs(rel) + ".tmp", size, Abs(rel), rel);
  plan->shared_written.push_back(rel);
  return IOStatus::OK();
}

IOStatus BackupEngineImpl::PublishPrivateDir(const std::string& tmp_rel,
                                             const std::string& rel) {
  IOStatus s = fs_->RenameFile(Abs(tmp_rel), Abs(rel), IOOptions(), nullptr);
  if (s.ok()) return s;
  // A file system that renames only files (in memory, object stores): the
  // files one by one. The meta file, written after, still makes the backup
  // appear at once.
  std::vector<std::string> names;
  s = fs_->CreateDirIfMissing(Abs(rel), IOOptions(), nullptr);
  if (s.ok()) s = fs_->GetChildren(Abs(tmp_rel), IOOptions(), &names, nullptr);
  for (size_t i = 0; s.ok() && i < names.size(); i++) {
    s = fs_->RenameFile(Abs(tmp_rel + "/" + names[i]),
                        Abs(rel + "/" + names[i]), IOOptions(), nullptr);
  }
  if (s.ok()) s = fs_->DeleteDir(Abs(tmp_rel), IOOptions(), nullptr);
  return s;
}

IOStatus BackupEngineImpl::CreateNewBackupWithMetadata(
    const CreateBackupOptions& options, DB* db, const std::string& app_metadata,
    BackupID* new_backup_id) {
  port::MutexLock lock(&mu_);
  if (read_only_) return IOStatus::InvalidArgument("read-only backup engine");
  // As librocksdb 7.8.3: once stopped, an engine makes no more backups.
  if (stop_.load()) return IOStatus(Status::Incomplete("Backup stopped"));
  if (might_need_gc_) {
    IOStatus gc = GarbageCollectLocked();
    if (!gc.ok()) return gc;
    might_need_gc_ = false;
  }
  const BackupID id = latest_id_ + 1;
  const std::string tmp_rel = PrivateRel(id) + ".tmp";
  IOStatus s = DeleteDirRecursively(fs_, Abs(tmp_rel));
  if (s.ok()) s = DeleteDirRecursively(fs_, Abs(PrivateRel(id)));
  if (s.ok()) s = fs_->CreateDir(Abs(tmp_rel), IOOptions(), nullptr);
  if (!s.ok()) return s;

  port::Mutex progress_mu;
  uint64_t pending = 0;
  const auto progress = [&](uint64_t n) {
    // As librocksdb 7.8.3 (measured): about one call per
    // callback_trigger_interval_size bytes copied over the whole backup.
    port::MutexLock guard(&progress_mu);
    pending += n;
    const uint64_t every =
        std::max<uint64_t>(1, options_.callback_trigger_interval_size);
    while (pending > every && !stop_.load()) {
      pending -= every;
      if (options.progress_callback) options.progress_callback();
    }
    return !stop_.load();
  };

  Status st = db->DisableFileDeletions();
  if (!st.ok()) {
    return IOStatus(AddErrorContext(st, "backup: DisableFileDeletions"));
  }
  std::vector<std::string> live;
  uint64_t manifest_size = 0;
  st = db->GetLiveFiles(live, &manifest_size, options.flush_before_backup);
  const SequenceNumber seq = db->GetLatestSequenceNumber();
  BackupPlan plan;
  const std::string dbname = db->GetName();
  for (size_t i = 0; st.ok() && i < live.size(); i++) {
    const std::string fname = live[i].substr(live[i].find_first_not_of('/'));
    uint64_t number;
    FileType type;
    if (!ParseFileName(fname, &number, &type)) continue;
    const std::string src = dbname + "/" + fname;
    const std::string dst = Abs(tmp_rel + "/" + fname);
    const std::string rel = PrivateRel(id) + "/" + fname;
    if (type == kTableFile) {
      st = PlanTableFile(db, src, fname, id, &plan);
    } else if (type == kCurrentFile || type == kIdentityFile) {
      continue;  // CURRENT is written below; RocksDB keeps no IDENTITY
    } else if (type == kDescriptorFile) {
      plan.Copy(db_fs_, src, fs_, dst, manifest_size, "", rel);
      const std::string current = fname + "\n";
      BackupFileEntry c;
      c.rel = PrivateRel(id) + "/CURRENT";
      c.crc32c = crc32c::Value(current.data(), current.size());
      c.size = current.size();
      st = ReplaceFileAtomically(fs_, Abs(tmp_rel + "/CURRENT"),
                                 Abs(tmp_rel + "/CURRENT.tmp"), current, false);
      plan.meta.files.push_back(c);
    } else {
      plan.Copy(db_fs_, src, fs_, dst, UINT64_MAX, "", rel);
    }
  }
  VectorLogPtr wals;
  if (st.ok() && options_.backup_log_files) {
    st = db->FlushWAL(false);
    if (st.IsNotSupported()) st = Status::OK();
    if (st.ok()) st = db->GetSortedWalFiles(wals);
  }
  const std::string wal_dir = WalDirFor(dbname, db->GetDBOptions().wal_dir);
  for (size_t i = 0; st.ok() && i < wals.size(); i++) {
    if (wals[i]->Type() != kAliveLogFile || wals[i]->SizeFileBytes() == 0) {
      continue;
    }
    const std::string fname = wals[i]->PathName().substr(1);
    plan.Copy(db_fs_, wal_dir + "/" + fname, fs_, Abs(tmp_rel + "/" + fname),
              wals[i]->SizeFileBytes(), "", PrivateRel(id) + "/" + fname);
  }
  // The copies run with file deletions still disabled.
  if (st.ok()) {
    st = RunBackupCopies(&plan.copies, options_.max_background_operations,
                         options_.sync, progress);
  }
  Status enable = db->EnableFileDeletions(false);
  if (st.ok()) st = enable;
  if (st.ok()) {
    for (const auto& c : plan.copy_entries) {
      BackupFileEntry e = plan.meta.files[c.first];
      e.crc32c = plan.copies[c.second].crc32c;
      e.size = plan.copies[c.second].size;
      plan.meta.files[c.first] = e;
    }
  }
  if (st.ok() && options_.sync) st = FsyncDirectory(fs_, Abs(tmp_rel));
  if (st.ok()) st = PublishPrivateDir(tmp_rel, PrivateRel(id));
  if (st.ok() && options_.sync) st = FsyncDirectory(fs_, Abs("private"));
  if (st.ok() && options_.sync && options_.share_table_files) {
    st = FsyncDirectory(fs_, Abs(SharedDirRel()));
  }
  BackupMeta& meta = plan.meta;
  if (st.ok()) {
    backup_env_->GetCurrentTime(&meta.timestamp).PermitUncheckedError();
    meta.sequence = seq;
    meta.app_metadata = app_metadata;
    st = ReplaceFileAtomically(fs_, Abs(MetaRel(id)),
                               Abs("meta/." + std::to_string(id) + ".tmp"),
                               EncodeBackupMeta(meta), false);
  }
  if (!st.ok()) {
    // Nothing names what was copied: the backup does not exist.
    DeleteDirRecursively(fs_, Abs(tmp_rel)).PermitUncheckedError();
    DeleteDirRecursively(fs_, Abs(PrivateRel(id))).PermitUncheckedError();
    for (const auto& rel : plan.shared_written) {
      fs_->DeleteFile(Abs(rel), IOOptions(), nullptr).PermitUncheckedError();
      fs_->DeleteFile(Abs(rel) + ".tmp", IOOptions(), nullptr)
          .PermitUncheckedError();
    }
    if (st.IsIncomplete())
      return IOStatus(Status::Incomplete("Backup stopped"));
    return IOStatus(AddErrorContext(
        st, "creating backup " + std::to_string(id) + " in " + dir_));
  }
  latest_id_ = id;
  backups_[id] = std::move(meta);
  if (new_backup_id != nullptr) *new_backup_id = id;
  return IOStatus::OK();
}

IOStatus BackupEngineImpl::DeleteBackupLocked(BackupID id) {
  const bool valid = backups_.count(id) > 0;
  if (!valid && corrupt_.count(id) == 0) {
    return IOStatus::NotFound("Backup not found", std::to_string(id));
  }
  IOStatus s = fs_->DeleteFile(Abs(MetaRel(id)), IOOptions(), nullptr);
  if (!s.ok() && !s.IsNotFound()) return s;
  backups_.erase(id);
  corrupt_.erase(id);
  s = DeleteDirRecursively(fs_, Abs(PrivateRel(id)));
  if (!s.ok()) return s;
  return GarbageCollectLocked();
}

IOStatus BackupEngineImpl::GarbageCollectLocked() {
  if (read_only_) return IOStatus::InvalidArgument("read-only backup engine");
  const auto referenced = ReferencedFiles();
  for (const char* shared : {"shared", "shared_checksum"}) {
    std::vector<std::string> names;
    if (!fs_->GetChildren(Abs(shared), IOOptions(), &names, nullptr).ok()) {
      continue;
    }
    for (const auto& n : names) {
      const std::string rel = std::string(shared) + "/" + n;
      if (referenced.count(rel) > 0) continue;
      IOStatus s = fs_->DeleteFile(Abs(rel), IOOptions(), nullptr);
      if (!s.ok()) return s;
    }
  }
  std::vector<std::string> names;
  IOStatus s = fs_->GetChildren(Abs("meta"), IOOptions(), &names, nullptr);
  if (!s.ok()) return s;
  for (const auto& n : names) {
    if (n.rfind('.', 0) != 0) continue;  // meta/.<id>.tmp: never renamed
    s = fs_->DeleteFile(Abs("meta/" + n), IOOptions(), nullptr);
    if (!s.ok()) return s;
  }
  names.clear();
  s = fs_->GetChildren(Abs("private"), IOOptions(), &names, nullptr);
  if (!s.ok()) return s;
  for (const auto& n : names) {
    BackupID id;
    if (ParseBackupId(n, &id) &&
        (backups_.count(id) > 0 || corrupt_.count(id) > 0)) {
      continue;
    }
    s = DeleteDirRecursively(fs_, Abs("private/" + n));
    if (!s.ok()) return s;
  }
  return IOStatus::OK();
}

IOStatus BackupEngineImpl::GarbageCollect() {
  port::MutexLock lock(&mu_);
  return GarbageCollectLocked();
}

IOStatus BackupEngineImpl::PurgeOldBackups(uint32_t num_backups_to_keep) {
  port::MutexLock lock(&mu_);
  while (backups_.size() > num_backups_to_keep) {
    IOStatus s = DeleteBackupLocked(backups_.begin()->first);
    if (!s.ok()) return s;
  }
  return IOStatus::OK();
}

IOStatus BackupEngineImpl::DeleteBackup(BackupID backup_id) {
  port::MutexLock lock(&mu_);
  if (read_only_) return IOStatus::InvalidArgument("read-only backup engine");
  return DeleteBackupLocked(backup_id);
}

BackupInfo BackupEngineImpl::Describe(BackupID id, const BackupMeta& meta,
                                      bool include_file_details) const {
  BackupInfo info(id, meta.timestamp, 0, 0, meta.app_metadata);
  for (const auto& f : meta.files) info.size += f.size;
  info.number_files = static_cast<uint32_t>(meta.files.size());
  info.name_for_open = Abs(PrivateRel(id));
  if (include_file_details) {
    for (const auto& f : meta.files) {
      BackupFileInfo d;
      d.relative_filename = f.rel;
      d.directory = info.name_for_open;  // as RocksDB 7.8.3 fills it
      d.size = f.size;
      uint64_t number;
      FileType type;
      if (ParseFileName(f.rel, &number, &type)) {
        d.file_number = number;
        d.file_type = type;
      }
      info.file_details.push_back(std::move(d));
    }
  }
  return info;
}

Status BackupEngineImpl::GetLatestBackupInfo(BackupInfo* backup_info,
                                             bool include_file_details) const {
  port::MutexLock lock(&mu_);
  if (backups_.empty()) return Status::NotFound("No backup in " + dir_);
  const auto& last = *backups_.rbegin();
  *backup_info = Describe(last.first, last.second, include_file_details);
  return Status::OK();
}

Status BackupEngineImpl::GetBackupInfo(BackupID backup_id,
                                       BackupInfo* backup_info,
                                       bool include_file_details) const {
  port::MutexLock lock(&mu_);
  auto it = backups_.find(backup_id);
  if (it == backups_.end()) {
    return corrupt_.count(backup_id) > 0
               ? Status::Corruption("Backup is corrupted",
                                    std::to_string(backup_id))
               : Status::NotFound("Backup not found",
                                  std::to_string(backup_id));
  }
  *backup_info = Describe(it->first, it->second, include_file_details);
  return Status::OK();
}

void BackupEngineImpl::GetBackupInfo(std::vector<BackupInfo>* backup_infos,
                                     bool include_file_details) const {
  port::MutexLock lock(&mu_);
  backup_infos->clear();
  for (const auto& b : backups_) {
    backup_infos->push_back(Describe(b.first, b.second, include_file_details));
  }
}

void BackupEngineImpl::GetCorruptedBackups(std::vector<BackupID>* ids) const {
  port::MutexLock lock(&mu_);
  ids->clear();
  for (const auto& c : corrupt_) ids->push_back(c.first);
}

IOStatus BackupEngineImpl::VerifyBackup(BackupID backup_id,
                                        bool verify_with_checksum) const {
  port::MutexLock lock(&mu_);
  if (corrupt_.count(backup_id) > 0) {
    return IOStatus::Corruption("Backup is corrupted: " +
                                corrupt_.at(backup_id));
  }
  auto it = backups_.find(backup_id);
  if (it == backups_.end()) {
    return IOStatus::NotFound("Backup not found", std::to_string(backup_id));
  }
  for (const auto& f : it->second.files) {
    const std::string path = Abs(f.rel);
    uint64_t size = 0;
    IOStatus s = fs_->GetFileSize(path, IOOptions(), &size, nullptr);
    if (!s.ok()) {
      if (fs_->FileExists(path, IOOptions(), nullptr).IsNotFound()) {
        return IOStatus::NotFound(path + " not found");
      }
      return s;
    }
    if (size != f.size) {
      return IOStatus::Corruption(path + " corrupted: size " +
                                  std::to_string(size) + ", expected " +
                                  std::to_string(f.size));
    }
    if (verify_with_checksum) {
      uint32_t crc = 0;
      s = FileCrc32c(fs_, path, &crc, &size);
      if (!s.ok()) return s;
      if (crc != f.crc32c) {
        return IOStatus::Corruption(path + " corrupted: expected checksum " +
                                    BackupHex32(f.crc32c) + ", computed " +
                                    BackupHex32(crc));
      }
    }
  }
  return IOStatus::OK();
}

IOStatus BackupEngineImpl::RestoreDBFromBackup(
    const RestoreOptions& options, BackupID backup_id,
    const std::string& db_dir, const std::string& wal_dir) const {
  port::MutexLock lock(&mu_);
  if (corrupt_.count(backup_id) > 0) {
    return IOStatus::Corruption("Backup is corrupted",
                                std::to_string(backup_id));
  }
  auto it = backups_.find(backup_id);
  if (it == backups_.end()) {
    return IOStatus::NotFound("Backup not found", std::to_string(backup_id));
  }
  for (const auto& d : {db_dir, wal_dir}) {
    IOStatus s = db_fs_->CreateDirIfMissing(d, IOOptions(), nullptr);
    if (!s.ok()) return s;
  }
  // As RocksDB: the WALs in wal_dir go unless kept; every other file of
  // db_dir goes (its WALs stay; they belong to wal_dir's rule).
  for (const bool wal_pass : {true, false}) {
    if (wal_pass && options.keep_log_files) continue;
    const std::string& d = wal_pass ? wal_dir : db_dir;
    std::vector<std::string> names;
    IOStatus s = db_fs_->GetChildren(d, IOOptions(), &names, nullptr);
    if (!s.ok()) return s;
    for (const auto& n : names) {
      uint64_t number;
      FileType type;
      const bool parsed = ParseFileName(n, &number, &type);
      if (!wal_pass && parsed && type == kWalFile) continue;
      bool is_dir = false;
      if (db_fs_->IsDirectory(d + "/" + n, IOOptions(), &is_dir, nullptr)
              .ok() &&
          is_dir) {
        continue;
      }
      db_fs_->DeleteFile(d + "/" + n, IOOptions(), nullptr)
          .PermitUncheckedError();
    }
  }
  std::vector<BackupCopy> copies;
  for (const auto& f : it->second.files) {
    const std::string name = RestoredFileName(f.rel);
    uint64_t number;
    FileType type;
    const bool wal = ParseFileName(name, &number, &type) && type == kWalFile;
    BackupCopy c;
    c.src_fs = fs_;
    c.src = Abs(f.rel);
    c.dst_fs = db_fs_;
    c.dst = (wal ? wal_dir : db_dir) + "/" + name;
    copies.push_back(std::move(c));
  }
  IOStatus s =
      RunBackupCopies(&copies, options_.max_background_operations, true, {});
  if (!s.ok()) return s;
  for (size_t i = 0; i < copies.size(); i++) {
    const BackupFileEntry& f = it->second.files[i];
    if (copies[i].crc32c != f.crc32c) {
      return IOStatus::Corruption(
          "While restoring " + copies[i].src + " -> " + copies[i].dst +
          ": expected checksum is " + BackupHex32(f.crc32c) +
          " while computed checksum is " + BackupHex32(copies[i].crc32c));
    }
  }
  return IOStatus::OK();
}

IOStatus BackupEngineImpl::RestoreDBFromLatestBackup(
    const RestoreOptions& options, const std::string& db_dir,
    const std::string& wal_dir) const {
  BackupID latest = 0;
  {
    port::MutexLock lock(&mu_);
    // RocksDB restores the newest backup that is not corrupt.
    if (!backups_.empty()) latest = backups_.rbegin()->first;
  }
  if (latest == 0) return IOStatus::NotFound("No backup to restore in " + dir_);
  return RestoreDBFromBackup(options, latest, db_dir, wal_dir);
}

class BackupEngineReadOnlyImpl : public BackupEngineReadOnly {
 public:
  explicit BackupEngineReadOnlyImpl(std::unique_ptr<BackupEngineImpl> impl)
      : impl_(std::move(impl)) {}
  Status GetLatestBackupInfo(BackupInfo* info, bool details) const override {
    return impl_->GetLatestBackupInfo(info, details);
  }
  Status GetBackupInfo(BackupID id, BackupInfo* info,
                       bool details) const override {
    return impl_->GetBackupInfo(id, info, details);
  }
  void GetBackupInfo(std::vector<BackupInfo>* infos,
                     bool details) const override {
    impl_->GetBackupInfo(infos, details);
  }
  void GetCorruptedBackups(std::vector<BackupID>* ids) const override {
    impl_->GetCorruptedBackups(ids);
  }
  IOStatus RestoreDBFromBackup(const RestoreOptions& options, BackupID id,
                               const std::string& db_dir,
                               const std::string& wal_dir) const override {
    return impl_->RestoreDBFromBackup(options, id, db_dir, wal_dir);
  }
  IOStatus RestoreDBFromLatestBackup(
      const RestoreOptions& options, const std::string& db_dir,
      const std::string& wal_dir) const override {
    return impl_->RestoreDBFromLatestBackup(options, db_dir, wal_dir);
  }
  IOStatus VerifyBackup(BackupID id, bool with_checksum) const override {
    return impl_->VerifyBackup(id, with_checksum);
  }

 private:
  std::unique_ptr<BackupEngineImpl> impl_;
};

}  // namespace

void BackupEngineOptions::Dump(Logger* /*logger*/) const {}

IOStatus BackupEngine::Open(const BackupEngineOptions& options, Env* db_env,
                            BackupEngine** backup_engine_ptr) {
  *backup_engine_ptr = nullptr;
  if (options.schema_version != 1) {
    return IOStatus::NotSupported("BackupEngine schema_version " +
                                  std::to_string(options.schema_version));
  }
  auto impl = std::make_unique<BackupEngineImpl>(options, db_env, false);
  IOStatus s = impl->Initialize();
  if (!s.ok()) return s;
  *backup_engine_ptr = impl.release();
  return IOStatus::OK();
}

IOStatus BackupEngineReadOnly::Open(const BackupEngineOptions& options,
                                    Env* db_env,
                                    BackupEngineReadOnly** backup_engine_ptr) {
  *backup_engine_ptr = nullptr;
  auto impl = std::make_unique<BackupEngineImpl>(options, db_env, true);
  IOStatus s = impl->Initialize();
  if (!s.ok()) return s;
  *backup_engine_ptr = new BackupEngineReadOnlyImpl(std::move(impl));
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
