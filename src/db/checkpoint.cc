// Checkpoint; contract in rocksdb/utilities/checkpoint.h. With file
// deletions disabled, the memtables are flushed (unless log_size_for_flush
// is non-zero and the live WALs are smaller, as in RocksDB) and the live
// files listed; SSTs are hard-linked into a temporary directory (copied
// where the file system cannot link), the MANIFEST is copied up to the
// size it had when listed, OPTIONS copied, and a CURRENT written. Then the
// live WALs, listed after the MANIFEST, are copied from wal_dir up to the
// size they had when listed, into the checkpoint directory itself (as
// RocksDB: the checkpoint opens with the default wal_dir) so that writes
// not flushed are in it too. The directory is then synced and renamed into
// place, so a checkpoint directory either does not exist or is complete.
#include "rocksdb/utilities/checkpoint.h"

#include <memory>

#include "db/filename.h"
#include "env/file_util.h"
#include "rocksdb/env.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class CheckpointImpl : public Checkpoint {
 public:
  explicit CheckpointImpl(DB* db) : db_(db) {}
  Status CreateCheckpoint(const std::string& checkpoint_dir,
                          uint64_t log_size_for_flush,
                          uint64_t* sequence_number_ptr) override;

 private:
  DB* const db_;
};

}  // namespace

Status Checkpoint::Create(DB* db, Checkpoint** checkpoint_ptr) {
  *checkpoint_ptr = new CheckpointImpl(db);
  return Status::OK();
}

Status Checkpoint::CreateCheckpoint(const std::string& /*checkpoint_dir*/,
                                    uint64_t /*log_size_for_flush*/,
                                    uint64_t* /*sequence_number_ptr*/) {
  return Status::NotSupported("Checkpoint::CreateCheckpoint on the base class");
}

Status CheckpointImpl::CreateCheckpoint(const std::string& checkpoint_dir,
                                        uint64_t log_size_for_flush,
                                        uint64_t* sequence_number_ptr) {
  Env* env = db_->GetDBOptions().env != nullptr ? db_->GetDBOptions().env
                                                : Env::Default();
  FileSystem* fs = env->GetFileSystem().get();
  if (fs->FileExists(checkpoint_dir, IOOptions(), nullptr).ok()) {
    return Status::InvalidArgument(checkpoint_dir, "Directory exists");
  }
  const std::string tmp = checkpoint_dir + ".tmp";
  std::vector<std::string> leftovers;
  if (fs->GetChildren(tmp, IOOptions(), &leftovers, nullptr).ok()) {
    // A previous attempt died half-way: start over.
    for (const auto& c : leftovers) {
      fs->DeleteFile(tmp + "/" + c, IOOptions(), nullptr)
          .PermitUncheckedError();
    }
    fs->DeleteDir(tmp, IOOptions(), nullptr).PermitUncheckedError();
  }
  IOStatus io = fs->CreateDir(tmp, IOOptions(), nullptr);
  if (!io.ok()) return std::move(io);

  Status s = db_->DisableFileDeletions();
  if (!s.ok()) return s;
  bool flush = true;
  if (log_size_for_flush > 0) {
    VectorLogPtr wals;
    s = db_->GetSortedWalFiles(wals);
    uint64_t total = 0;
    for (const auto& w : wals) total += w->SizeFileBytes();
    flush = total >= log_size_for_flush;
  }
  std::vector<std::string> files;
  uint64_t manifest_size = 0;
  if (s.ok()) s = db_->GetLiveFiles(files, &manifest_size, flush);
  const SequenceNumber seq = db_->GetLatestSequenceNumber();
  const std::string& dbname = db_->GetName();
  for (size_t i = 0; s.ok() && i < files.size(); i++) {
    const std::string& f = files[i];  // "/NAME"
    uint64_t number;
    FileType type;
    if (!ParseFileName(f.substr(1), &number, &type)) continue;
    const std::string src = dbname + f, dst = tmp + f;
    if (type == kTableFile) {
      io = fs->LinkFile(src, dst, IOOptions(), nullptr);
      if (!io.ok()) io = CopyFilePrefix(fs, src, dst, UINT64_MAX);
    } else if (type == kDescriptorFile) {
      io = CopyFilePrefix(fs, src, dst, manifest_size);
    } else if (type == kCurrentFile) {
      continue;  // written below, naming the copied MANIFEST
    } else {
      io = CopyFilePrefix(fs, src, dst, UINT64_MAX);
    }
    s = io;
    if (s.ok() && type == kDescriptorFile) {
      s = ReplaceFileAtomically(fs, tmp + "/CURRENT", tmp + "/CURRENT.dbtmp",
                                f.substr(1) + "\n", false);
    }
  }
  // The WALs that may hold what the MANIFEST does not: all the live ones
  // (replay skips what a column family has flushed).
  VectorLogPtr wals;
  if (s.ok()) {
    s = db_->FlushWAL(false);  // manual_wal_flush: buffered records too
    if (s.IsNotSupported()) s = Status::OK();  // a read-only DB
  }
  if (s.ok()) s = db_->GetSortedWalFiles(wals);
  const std::string wal_dir = WalDirFor(dbname, db_->GetDBOptions().wal_dir);
  for (size_t i = 0; s.ok() && i < wals.size(); i++) {
    if (wals[i]->Type() != kAliveLogFile) continue;
    const std::string f = wals[i]->PathName();  // "/NAME", in wal_dir
    s = CopyFilePrefix(fs, wal_dir + f, tmp + f, wals[i]->SizeFileBytes());
  }
  Status enable = db_->EnableFileDeletions(false);
  if (s.ok()) s = enable;
  if (s.ok()) s = FsyncDirectory(fs, tmp);
  if (s.ok()) s = fs->RenameFile(tmp, checkpoint_dir, IOOptions(), nullptr);
  if (s.ok()) s = FsyncDirectory(fs, DirectoryOf(checkpoint_dir));
  if (!s.ok()) {
    std::vector<std::string> made;
    if (fs->GetChildren(tmp, IOOptions(), &made, nullptr).ok()) {
      for (const auto& c : made) {
        fs->DeleteFile(tmp + "/" + c, IOOptions(), nullptr)
            .PermitUncheckedError();
      }
    }
    fs->DeleteDir(tmp, IOOptions(), nullptr).PermitUncheckedError();
    return Status::IOError("creating checkpoint " + checkpoint_dir,
                           s.ToString());
  }
  if (sequence_number_ptr != nullptr) *sequence_number_ptr = seq;
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
