// See db/wal_files.h.
#include "db/wal_files.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "db/filename.h"
#include "db/log_reader.h"
#include "db/write_batch_internal.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Seconds between two purges of the archive when a size limit is set.
constexpr uint64_t kWalArchivePurgeInterval = 600;

// The sequence of the file's first batch; 0 when it has none yet.
IOStatus ReadWalFirstSequence(FileSystem* fs, const std::string& fname,
                              uint64_t number, SequenceNumber* seq) {
  *seq = 0;
  std::unique_ptr<FSSequentialFile> file;
  IOStatus io = fs->NewSequentialFile(fname, FileOptions(), &file, nullptr);
  if (!io.ok()) return io;
  log::Reader reader(std::move(file), fname, nullptr, true, number);
  Slice record;
  std::string scratch;
  if (reader.ReadRecord(&record, &scratch) &&
      record.size() >= WriteBatchInternal::kHeader) {
    *seq = DecodeFixed64(record.data());
  }
  return IOStatus::OK();
}

// The WALs of dir (type says which kind), sorted by number.
Status ListWalsOfType(FileSystem* fs, const std::string& wal_dir,
                      WalFileType type, VectorLogPtr* out) {
  const std::string dir =
      type == kArchivedLogFile ? ArchivalDirectory(wal_dir) : wal_dir;
  std::vector<std::string> children;
  IOStatus io = fs->GetChildren(dir, IOOptions(), &children, nullptr);
  if (!io.ok()) return std::move(io);
  std::vector<uint64_t> numbers;
  for (const std::string& c : children) {
    uint64_t number;
    FileType ftype;
    if (ParseFileName(c, &number, &ftype) && ftype == kWalFile) {
      numbers.push_back(number);
    }
  }
  std::sort(numbers.begin(), numbers.end());
  for (uint64_t n : numbers) {
    std::string fname = type == kArchivedLogFile
                            ? ArchivedLogFileName(wal_dir, n)
                            : LogFileName(wal_dir, n);
    WalFileType where = type;
    SequenceNumber seq = 0;
    io = ReadWalFirstSequence(fs, fname, n, &seq);
    if (io.IsPathNotFound() && type == kAliveLogFile) {
      // Archived since the listing.
      fname = ArchivedLogFileName(wal_dir, n);
      where = kArchivedLogFile;
      io = ReadWalFirstSequence(fs, fname, n, &seq);
    }
    if (io.IsPathNotFound()) continue;  // purged since the listing
    if (!io.ok()) return std::move(io);
    if (seq == 0) continue;  // nothing written yet
    uint64_t size = 0;
    io = fs->GetFileSize(fname, IOOptions(), &size, nullptr);
    if (io.IsPathNotFound()) continue;
    if (!io.ok()) return std::move(io);
    out->push_back(std::make_unique<WalFileImpl>(n, where, seq, size));
  }
  return Status::OK();
}

}  // namespace

std::string WalFileImpl::PathName() const {
  return type_ == kArchivedLogFile ? "/archive/" + LogFileName(number_)
                                   : "/" + LogFileName(number_);
}

Status ListSortedWalFiles(FileSystem* fs, const std::string& wal_dir,
                          VectorLogPtr* files) {
  // Live ones first, then the archive: a WAL archived in between is then
  // seen in the archive, never missed.
  VectorLogPtr live;
  Status s = ListWalsOfType(fs, wal_dir, kAliveLogFile, &live);
  if (!s.ok()) return s;
  files->clear();
  IOStatus exists =
      fs->FileExists(ArchivalDirectory(wal_dir), IOOptions(), nullptr);
  if (exists.ok()) {
    s = ListWalsOfType(fs, wal_dir, kArchivedLogFile, files);
    if (!s.ok()) return s;
  } else if (!exists.IsNotFound()) {
    return std::move(exists);
  }
  const uint64_t newest_archived = files->empty() ? 0 : files->back()->LogNumber();
  for (auto& f : live) {
    if (f->LogNumber() > newest_archived) files->push_back(std::move(f));
  }
  return Status::OK();
}

void RetainProbableWalFiles(VectorLogPtr* files, SequenceNumber target) {
  int64_t start = 0;
  int64_t end = static_cast<int64_t>(files->size()) - 1;
  while (end >= start) {
    const int64_t mid = start + (end - start) / 2;
    const SequenceNumber first = (*files)[mid]->StartSequence();
    if (first == target) {
      end = mid;
      break;
    } else if (first < target) {
      start = mid + 1;
    } else {
      end = mid - 1;
    }
  }
  const int64_t keep_from = std::max<int64_t>(0, end);
  files->erase(files->begin(), files->begin() + keep_from);
}

IOStatus ArchiveWalFile(FileSystem* fs, const std::string& wal_dir,
                        uint64_t number) {
  return fs->RenameFile(LogFileName(wal_dir, number),
                        ArchivedLogFileName(wal_dir, number), IOOptions(),
                        nullptr);
}

void PurgeArchivedWals(FileSystem* fs, const std::string& wal_dir,
                       const DBOptions& options, uint64_t now_seconds,
                       uint64_t* last_run) {
  const bool ttl = options.WAL_ttl_seconds > 0;
  const bool size_limit = options.WAL_size_limit_MB > 0;
  if (!ttl && !size_limit) return;
  const uint64_t interval = ttl && !size_limit ? options.WAL_ttl_seconds / 2
                                               : kWalArchivePurgeInterval;
  if (*last_run + interval > now_seconds) return;
  *last_run = now_seconds;
  const std::string dir = ArchivalDirectory(wal_dir);
  std::vector<std::string> children;
  if (!fs->GetChildren(dir, IOOptions(), &children, nullptr).ok()) return;
  size_t kept = 0;
  uint64_t largest = 0;
  for (const std::string& c : children) {
    uint64_t number;
    FileType type;
    if (!ParseFileName(c, &number, &type) || type != kWalFile) continue;
    const std::string path = dir + "/" + c;
    if (ttl) {
      uint64_t mtime = 0;
      if (!fs->GetFileModificationTime(path, IOOptions(), &mtime, nullptr)
               .ok()) {
        continue;
      }
      if (now_seconds > mtime && now_seconds - mtime > options.WAL_ttl_seconds) {
        fs->DeleteFile(path, IOOptions(), nullptr).PermitUncheckedError();
        continue;
      }
    }
    if (size_limit) {
      uint64_t size = 0;
      if (!fs->GetFileSize(path, IOOptions(), &size, nullptr).ok()) return;
      if (size > 0) {
        largest = std::max(largest, size);
        kept++;
      } else {
        fs->DeleteFile(path, IOOptions(), nullptr).PermitUncheckedError();
      }
    }
  }
  if (kept == 0 || !size_limit) return;
  const size_t keep =
      static_cast<size_t>(options.WAL_size_limit_MB * 1024 * 1024 / largest);
  if (kept <= keep) return;
  VectorLogPtr archived;
  if (!ListWalsOfType(fs, wal_dir, kArchivedLogFile, &archived).ok()) return;
  const size_t doomed = std::min(kept - keep, archived.size());
  for (size_t i = 0; i < doomed; i++) {
    fs->DeleteFile(wal_dir + archived[i]->PathName(), IOOptions(), nullptr)
        .PermitUncheckedError();
  }
}

}  // namespace ROCKSDB_NAMESPACE
