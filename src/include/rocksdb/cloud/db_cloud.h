// DBCloud: a DB whose files live in a bucket (RocksDB-Cloud's API).
// options.env must be an Env over a CloudFileSystem
// (NewCompositeEnv(cloud_fs), see rocksdb/cloud/cloud_file_system.h).
//
// Open sanitises the local directory against the bucket, fetches the
// CLOUDMANIFEST and MANIFEST, rolls a new epoch (writable opens), opens the
// DB, and creates a new DB when the bucket path is empty (and
// create_if_missing). The persistent-cache arguments are accepted and
// ignored: the local SST cache is CloudFileSystemOptions'
// sst_file_cache_bytes. Only one writer at a time may use a destination
// path. Thread-safety: as DB.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_CLOUD_DB_CLOUD_H_
#define SKYROCKS_INCLUDE_ROCKSDB_CLOUD_DB_CLOUD_H_

#include <cassert>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/cloud/cloud_file_system.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/iterator.h"
#include "rocksdb/options.h"
#include "rocksdb/utilities/stackable_db.h"
#include "rocksdb/write_batch.h"

namespace ROCKSDB_NAMESPACE {

class DBCloud : public StackableDB {
 public:
  static Status Open(const Options& options, const std::string& local_dbname,
                     const std::string& persistent_cache_path,
                     const uint64_t persistent_cache_size_gb, DBCloud** dbptr,
                     bool read_only = false);
  static Status Open(const Options& options, const std::string& local_dbname,
                     const std::vector<ColumnFamilyDescriptor>& column_families,
                     const std::string& persistent_cache_path,
                     const uint64_t persistent_cache_size_gb,
                     std::vector<ColumnFamilyHandle*>* handles, DBCloud** dbptr,
                     bool read_only = false);

  // A read replica of the DB in the bucket (skyrocks; DB::OpenAsSecondary's
  // semantics): it follows the writer through the bucket path it reads
  // (dest, else src), on any machine, and writes nothing there (no PUT,
  // DELETE or seal; no WRITER claim). local_dbname is where the bucket's
  // state is fetched, as for Open; secondary_path is the instance's own
  // directory, as for DB::OpenAsSecondary (it may be local_dbname).
  // TryCatchUpWithPrimary reads the CLOUDMANIFEST (a new writer's epoch),
  // the MANIFEST and the bucket WAL's logs again, then replaces the
  // replica's view: afterwards every write the writer had acknowledged
  // when the call started is visible (sync=false writes once the bucket
  // holds them). CloudFileSystemOptions::replica_catch_up_interval_ms
  // makes it catch up by itself. Writes are NotSupported.
  static Status OpenAsSecondary(const Options& options,
                                const std::string& local_dbname,
                                const std::string& secondary_path,
                                DBCloud** dbptr);
  static Status OpenAsSecondary(
      const Options& options, const std::string& local_dbname,
      const std::string& secondary_path,
      const std::vector<ColumnFamilyDescriptor>& column_families,
      std::vector<ColumnFamilyHandle*>* handles, DBCloud** dbptr);

  // Makes a clone independent of its sources: copies (server-side where
  // the buckets allow) every live SST that is only in a source's path, and
  // every one its own clones read through it, to the dest path; then
  // releases its reference in the source.
  virtual Status Savepoint() = 0;
  // Uploads a consistent copy of the DB to destination (overwriting),
  // openable with src = destination.
  virtual Status CheckpointToCloud(const BucketOptions& destination,
                                   const CheckpointToCloudOptions& options) = 0;

  // The column families of the DB in the bucket (local dir sanitised first).
  static Status ListColumnFamilies(const DBOptions& db_options,
                                   const std::string& name,
                                   std::vector<std::string>* column_families);

 protected:
  explicit DBCloud(DB* db) : StackableDB(db) {}
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_CLOUD_DB_CLOUD_H_
