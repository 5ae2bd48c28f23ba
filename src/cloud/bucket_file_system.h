// BucketFileSystem: a FileSystem whose files are objects under a path of one
// bucket, so that code written against FileSystem (BackupEngine's
// backup_env above all) can keep its files in S3, GCS, Azure or a
// local-directory bucket. Public entry: CloudFileSystem::NewBucketFileSystem
// (rocksdb/cloud/cloud_file_system.h).
//
// The file named P is the object "<root>/<P>", '/' runs collapsed and the
// leading '/' dropped (cloud/cloud_names.h, ObjectPrefix), so "/backups/x"
// and "backups/x" name the same object.
//   Writes: NewWritableFile appends to a temporary file of the local file
//     system (under staging_dir); Close uploads it whole (PutFrom, so a
//     large file goes up part by part) and removes it. Nothing is visible
//     in the bucket before Close succeeds, and a file dropped or failed
//     before that leaves no object. Sync and Flush do nothing more: the
//     object is durable once Close returns OK.
//   Reads: sequential and random-access files are ranged GETs of what is
//     asked (NotFound naming the object at open if it is absent).
//   Directories are prefixes: CreateDir and CreateDirIfMissing do nothing,
//     GetChildren is a delimited LIST (files and sub-prefixes), FileExists
//     and IsDirectory see a directory where some object lies under it,
//     DeleteDir fails only while objects remain under it.
//   RenameFile copies then deletes: the target appears whole (the store's
//     Copy) before the source goes, so a file renamed into place (a
//     backup's meta file) appears at once. A failure between the two
//     leaves both.
//   DeleteFile of a missing file is OK (the store's semantics).
//   ReopenWritableFile, LinkFile, LockFile and UnlockFile are NotSupported
//   naming the call. Errors name the bucket and the object.
// Thread-safe (the store is; files are used by one thread at a time).
#ifndef SKYROCKS_CLOUD_BUCKET_FILE_SYSTEM_H_
#define SKYROCKS_CLOUD_BUCKET_FILE_SYSTEM_H_

#include <memory>
#include <string>

#include "cloud/object_store.h"
#include "rocksdb/file_system.h"

namespace ROCKSDB_NAMESPACE {

// The file system over `store` (named `bucket` in errors) under `root`
// (an object path; "" is the whole bucket); files being written are staged
// in staging_dir of `local` (created if missing).
// REQUIRES: store and local are not null.
IOStatus NewBucketFileSystem(std::shared_ptr<ObjectStore> store,
                             const std::string& bucket, const std::string& root,
                             std::shared_ptr<FileSystem> local,
                             const std::string& staging_dir,
                             std::shared_ptr<FileSystem>* result);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_BUCKET_FILE_SYSTEM_H_
