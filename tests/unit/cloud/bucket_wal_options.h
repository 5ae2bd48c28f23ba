// The bucket WAL's CloudFileSystemOptions (wal_in_bucket,
// wal_flush_interval_ms, wal_flush_bytes, allow_unfenced_writes) as one
// struct the tests and bench/bucket_wal_bench.cpp set in one call.
#ifndef SKYROCKS_TESTS_UNIT_CLOUD_BUCKET_WAL_OPTIONS_H_
#define SKYROCKS_TESTS_UNIT_CLOUD_BUCKET_WAL_OPTIONS_H_

#include <cstdint>

#include "rocksdb/cloud/cloud_file_system.h"

namespace skyrocks_test {

struct BucketWalSettings {
  bool wal_in_bucket = true;
  uint64_t interval_ms = 100;
  uint64_t flush_bytes = 1 << 20;
  bool allow_unfenced_writes = false;
};

inline void ApplyBucketWalSettings(
    const BucketWalSettings& w, ROCKSDB_NAMESPACE::CloudFileSystemOptions* o) {
  o->wal_in_bucket = w.wal_in_bucket;
  o->wal_flush_interval_ms = w.interval_ms;
  o->wal_flush_bytes = w.flush_bytes;
  o->allow_unfenced_writes = w.allow_unfenced_writes;
}

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_UNIT_CLOUD_BUCKET_WAL_OPTIONS_H_
