// Version numbers. ROCKSDB_MAJOR/MINOR/PATCH name the RocksDB release whose
// API and on-disk formats skyrocks follows, so RocksDB programs that test
// them compile; SKYROCKS_VERSION_* name skyrocks' own release.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_VERSION_H_
#define SKYROCKS_INCLUDE_ROCKSDB_VERSION_H_

#define ROCKSDB_MAJOR 7
#define ROCKSDB_MINOR 8
#define ROCKSDB_PATCH 3

#define SKYROCKS_VERSION_MAJOR 0
#define SKYROCKS_VERSION_MINOR 1
#define SKYROCKS_VERSION_PATCH 0
#define SKYROCKS_VERSION_STRING "0.1.0"

#endif  // SKYROCKS_INCLUDE_ROCKSDB_VERSION_H_
