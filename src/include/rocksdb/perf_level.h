// PerfLevel: how much the calling thread's PerfContext measures
// (RocksDB 7.8.3's levels). Per thread, kEnableCount until a program
// sets another, as in RocksDB.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_PERF_LEVEL_H_
#define SKYROCKS_INCLUDE_ROCKSDB_PERF_LEVEL_H_

#include <stdint.h>

#include <string>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

enum PerfLevel : unsigned char {
  kUninitialized = 0,
  kDisable = 1,      // nothing measured
  kEnableCount = 2,  // counters only
  kEnableTimeExceptForMutex = 3,
  kEnableTimeAndCPUTimeExceptForMutex = 4,
  kEnableTime = 5,
  kOutOfBounds = 6
};

// The calling thread's level (kEnableCount until set).
void SetPerfLevel(PerfLevel level);
PerfLevel GetPerfLevel();

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_PERF_LEVEL_H_
