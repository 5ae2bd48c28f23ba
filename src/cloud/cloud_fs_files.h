// The file objects of the cloud file system (cloud/cloud_file_system_impl.h):
//   CloudWritableFile   a local file that reaches the bucket: an SST on
//                       Close, a MANIFEST on every Sync (written to a temp
//                       name first when its physical name exists, renamed
//                       over it on the first Sync).
//   CloudWalFile        a local WAL whose every byte also goes to the
//                       bucket WAL; Sync waits until the bucket holds them
//                       (the local copy is not fsynced: the bucket is the
//                       durable one).
//   CloudReadableFile   an object read with ranged GETs (random access and
//                       sequential), switching to the local copy once the
//                       SST cache has one.
// Not thread-safe beyond what FileSystem files promise (one writer; reads
// of a random-access file may be concurrent).
#ifndef SKYROCKS_CLOUD_CLOUD_FS_FILES_H_
#define SKYROCKS_CLOUD_CLOUD_FS_FILES_H_

#include <memory>
#include <string>

#include "cloud/cloud_names.h"
#include "rocksdb/file_system.h"

namespace ROCKSDB_NAMESPACE {

class CloudFileSystemImpl;

// kind: kSst or kManifest. write_path differs from final_path for a
// MANIFEST written beside its predecessor.
std::unique_ptr<FSWritableFile> NewCloudWritableFile(
    CloudFileSystemImpl* fs, std::unique_ptr<FSWritableFile> local,
    CloudFileKind kind, const std::string& write_path,
    const std::string& final_path, bool upload);

class BucketWal;
// Log `number`, owned by `epoch`.
std::unique_ptr<FSWritableFile> NewCloudWalFile(
    BucketWal* wal, std::unique_ptr<FSWritableFile> local, uint64_t number,
    const std::string& epoch);

// The object behind local_path (physical basename), size bytes.
std::unique_ptr<FSRandomAccessFile> NewCloudRandomAccessFile(
    CloudFileSystemImpl* fs, const std::string& local_path, uint64_t size);
std::unique_ptr<FSSequentialFile> NewCloudSequentialFile(
    CloudFileSystemImpl* fs, const std::string& local_path, uint64_t size);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_CLOUD_FS_FILES_H_
