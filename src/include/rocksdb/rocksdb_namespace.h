// The namespace every public skyrocks name lives in. RocksDB programs see
// `rocksdb::`; define ROCKSDB_NAMESPACE before including any skyrocks header
// (or on the compiler command line) to put skyrocks beside a real librocksdb
// in one binary.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_ROCKSDB_NAMESPACE_H_
#define SKYROCKS_INCLUDE_ROCKSDB_ROCKSDB_NAMESPACE_H_

#ifndef ROCKSDB_NAMESPACE
#define ROCKSDB_NAMESPACE rocksdb
#endif

#endif  // SKYROCKS_INCLUDE_ROCKSDB_ROCKSDB_NAMESPACE_H_
