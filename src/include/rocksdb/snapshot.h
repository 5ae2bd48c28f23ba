// Snapshot: a consistent point-in-time view of a DB, from DB::GetSnapshot;
// reads through ReadOptions::snapshot see the DB as it was then. Release
// it with DB::ReleaseSnapshot. Immutable and thread-safe.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_SNAPSHOT_H_
#define SKYROCKS_INCLUDE_ROCKSDB_SNAPSHOT_H_

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/types.h"

namespace ROCKSDB_NAMESPACE {

class Snapshot {
 public:
  virtual SequenceNumber GetSequenceNumber() const = 0;

 protected:
  virtual ~Snapshot() = default;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_SNAPSHOT_H_
