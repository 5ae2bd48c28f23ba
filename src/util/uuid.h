// Random identifiers: version-4 UUIDs (RocksDB's IDENTITY text, clone ids)
// and 64-bit epoch ids (RocksDB-Cloud's `<epoch>` file-name suffix, printed
// as lowercase hex without padding). Both draw from std::random_device, so
// two processes started at the same instant still get different ids.
// Thread-safe.
#ifndef SKYROCKS_UTIL_UUID_H_
#define SKYROCKS_UTIL_UUID_H_

#include <cstdint>
#include <string>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lowercase.
std::string NewUuidV4();

// A random non-zero 64-bit value.
uint64_t NewRandomId64();

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_UUID_H_
