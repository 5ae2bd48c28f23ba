// Whole-file helpers over any FileSystem, for the small files a DB keeps
// (CURRENT, IDENTITY, OPTIONS): read a file into a string, and replace a
// file atomically and durably (write a temp file, sync it, rename it over
// the target, fsync the directory). Errors name the file.
#ifndef SKYROCKS_ENV_FILE_UTIL_H_
#define SKYROCKS_ENV_FILE_UTIL_H_

#include <string>

#include "rocksdb/file_system.h"
#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

IOStatus ReadFileToString(FileSystem* fs, const std::string& fname,
                          std::string* data);

// After an OK return, fname holds contents even across a crash. tmp_fname
// (same directory) is used for the write and is gone afterwards.
IOStatus ReplaceFileAtomically(FileSystem* fs, const std::string& fname,
                               const std::string& tmp_fname,
                               const Slice& contents, bool use_fsync);

// Writes the first `limit` bytes of src (all of it when shorter) to dst,
// which is created or truncated, and syncs it. src and dst may be the same
// file (cutting it short). Reads src into memory: for small files.
IOStatus CopyFilePrefix(FileSystem* fs, const std::string& src,
                        const std::string& dst, uint64_t limit);

// Makes creations, renames and deletions in dir durable.
IOStatus FsyncDirectory(FileSystem* fs, const std::string& dir);

// The directory part of a path ("." when there is none).
std::string DirectoryOf(const std::string& path);

// s with `context` before its message, for callers that say what they
// were doing; code, subcode, severity and the IOStatus flags (retryable,
// data loss, scope) are kept, so that the DB's background error handler
// still classifies the error (db/error_handler.h). OK stays OK.
Status AddErrorContext(const Status& s, const std::string& context);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_ENV_FILE_UTIL_H_
