// SyncLaterFile: a writable file whose Sync can be split in two, so that
// the writers of a WAL need not wait for each other's durability (the
// bucket WAL: a sync is a wait for an upload that may overlap others).
//
// A file that implements it (besides FSWritableFile) promises: after
// Append and Flush, SyncLater() returns a function that blocks until
// every byte appended before the call is durable, returning what Sync
// would have returned; the function does not use the file (the DB may
// close and destroy it first) and may run on any thread, at the same time
// as further Appends and other such functions. Durability is in append
// order: when a later point is durable, so is every earlier one.
#ifndef SKYROCKS_ENV_SYNC_LATER_H_
#define SKYROCKS_ENV_SYNC_LATER_H_

#include <functional>

#include "rocksdb/io_status.h"

namespace ROCKSDB_NAMESPACE {

class SyncLaterFile {
 public:
  virtual ~SyncLaterFile() = default;
  virtual std::function<IOStatus()> SyncLater() = 0;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_ENV_SYNC_LATER_H_
