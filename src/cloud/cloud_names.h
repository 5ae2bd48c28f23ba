// Names in RocksDB-Cloud's bucket layout (doc/cloud_layout.md, "Buckets and
// keys" and "Epochs and physical names"):
// which files the cloud file system mirrors, epoch suffixes
// ("000012.sst-<epoch>", "MANIFEST-<epoch>"), cookies
// ("CLOUDMANIFEST-<cookie>"), and object keys
// ("<object path>/<name>", leading '/' and doubled '/' removed, so keys
// match what RocksDB-Cloud's AWS SDK stored). Pure functions.
#ifndef SKYROCKS_CLOUD_CLOUD_NAMES_H_
#define SKYROCKS_CLOUD_CLOUD_NAMES_H_

#include <cstdint>
#include <string>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

enum class CloudFileKind {
  kSst,            // NNNNNN.sst / .ldb, with or without an epoch
  kManifest,       // MANIFEST, MANIFEST-<number or epoch>
  kIdentity,       // IDENTITY
  kCloudManifest,  // CLOUDMANIFEST, CLOUDMANIFEST-<cookie>
  kOther           // WAL, CURRENT, OPTIONS, LOCK, LOG, temporaries: local
};

// The last path component.
std::string CloudBasename(const std::string& path);
// The path without its last component ("" when there is none).
std::string CloudDirname(const std::string& path);

// The name without its epoch: everything after the last '-' of an SST or
// MANIFEST name is removed ("000012.sst-ab12" -> "000012.sst",
// "MANIFEST-000005" -> "MANIFEST"); other names are returned unchanged.
std::string RemoveEpoch(const std::string& basename);

CloudFileKind ClassifyCloudFile(const std::string& basename);

// "LOG" or "LOG.old.<micros>": the info LOG, a local file never uploaded
// (as in RocksDB-Cloud); such objects in a bucket are not the DB's.
bool IsInfoLogName(const std::string& basename);

// Lowercase hex, no padding, as RocksDB-Cloud prints epochs.
std::string EpochToString(uint64_t epoch);

// Physical names for a logical SST / MANIFEST under an epoch ("" epoch:
// the bare name).
std::string SstWithEpoch(uint64_t number, const std::string& epoch);
std::string ManifestWithEpoch(const std::string& epoch);
std::string CloudManifestName(const std::string& cookie);
// The cookie of "CLOUDMANIFEST-<cookie>" ("" for CLOUDMANIFEST).
std::string CookieOf(const std::string& cloud_manifest_basename);

// "NNNNNN.log", a WAL's name (at least six digits, as RocksDB names it).
std::string WalName(uint64_t number);
// The number of a WAL's name ("000012.log"); false for other names.
bool WalNumber(const std::string& basename, uint64_t* number);

// The file number of an SST name (with or without epoch); false if none.
bool SstNumber(const std::string& basename, uint64_t* number);

// "<object_path>/<name>" with leading '/' dropped and '//' collapsed.
std::string ObjectKey(const std::string& object_path, const std::string& name);
// The object path alone, canonical as above, with a trailing '/' unless
// empty (the listing prefix).
std::string ObjectPrefix(const std::string& object_path);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_CLOUD_NAMES_H_
