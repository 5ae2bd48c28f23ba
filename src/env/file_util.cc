// Whole-file helpers; contract in env/file_util.h.
#include "env/file_util.h"

#include <memory>

namespace ROCKSDB_NAMESPACE {

IOStatus ReadFileToString(FileSystem* fs, const std::string& fname,
                          std::string* data) {
  data->clear();
  std::unique_ptr<FSSequentialFile> file;
  IOStatus s = fs->NewSequentialFile(fname, FileOptions(), &file, nullptr);
  if (!s.ok()) return s;
  std::string buf(64 * 1024, '\0');
  for (;;) {
    Slice chunk;
    s = file->Read(buf.size(), IOOptions(), &chunk, &buf[0], nullptr);
    if (!s.ok()) return s;
    if (chunk.empty()) return IOStatus::OK();
    data->append(chunk.data(), chunk.size());
  }
}

IOStatus CopyFilePrefix(FileSystem* fs, const std::string& src,
                        const std::string& dst, uint64_t limit) {
  std::string data;
  IOStatus s = ReadFileToString(fs, src, &data);
  if (!s.ok()) return s;
  if (data.size() > limit) data.resize(static_cast<size_t>(limit));
  std::unique_ptr<FSWritableFile> f;
  s = fs->NewWritableFile(dst, FileOptions(), &f, nullptr);
  if (s.ok()) s = f->Append(data, IOOptions(), nullptr);
  if (s.ok()) s = f->Sync(IOOptions(), nullptr);
  if (s.ok()) s = f->Close(IOOptions(), nullptr);
  return s;
}

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

IOStatus FsyncDirectory(FileSystem* fs, const std::string& dir) {
  std::unique_ptr<FSDirectory> d;
  IOStatus s = fs->NewDirectory(dir, IOOptions(), &d, nullptr);
  if (s.ok()) s = d->Fsync(IOOptions(), nullptr);
  return s;
}

IOStatus ReplaceFileAtomically(FileSystem* fs, const std::string& fname,
                               const std::string& tmp_fname,
                               const Slice& contents, bool use_fsync) {
  std::unique_ptr<FSWritableFile> f;
  IOStatus s = fs->NewWritableFile(tmp_fname, FileOptions(), &f, nullptr);
  if (!s.ok()) return s;
  s = f->Append(contents, IOOptions(), nullptr);
  if (s.ok()) {
    s = use_fsync ? f->Fsync(IOOptions(), nullptr)
                  : f->Sync(IOOptions(), nullptr);
  }
  if (s.ok()) s = f->Close(IOOptions(), nullptr);
  if (s.ok()) s = fs->RenameFile(tmp_fname, fname, IOOptions(), nullptr);
  if (s.ok()) s = FsyncDirectory(fs, DirectoryOf(fname));
  if (!s.ok()) {
    fs->DeleteFile(tmp_fname, IOOptions(), nullptr).PermitUncheckedError();
  }
  return s;
}

namespace {

// A Status built from another's code, severity and flags: only a class
// derived from Status may use its protected constructor and fields.
class ContextStatus : public Status {
 public:
  ContextStatus(const Status& s, const std::string& context)
      : Status(s.code(), s.subcode(), context,
               s.getState() != nullptr ? s.getState() : "", s.severity()) {
    const IOStatus io(s);
    retryable_ = io.GetRetryable();
    data_loss_ = io.GetDataLoss();
    scope_ = static_cast<unsigned char>(io.GetScope());
  }
};

}  // namespace

Status AddErrorContext(const Status& s, const std::string& context) {
  if (s.ok()) return s;
  return ContextStatus(s, context);
}

}  // namespace ROCKSDB_NAMESPACE
