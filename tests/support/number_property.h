// GetProperty's text read as a number, for the properties RocksDB 7.8.3
// answers only as text although the text is a number (such as
// rocksdb.num-files-at-level<N>): DB::GetIntProperty is false for those, in
// RocksDB and in skyrocks. Header-only, so that tests built against the
// amalgamation use it too.
#ifndef SKYROCKS_TESTS_SUPPORT_NUMBER_PROPERTY_H_
#define SKYROCKS_TESTS_SUPPORT_NUMBER_PROPERTY_H_

#include <cstdint>
#include <cstdlib>
#include <string>

#include "rocksdb/db.h"

namespace skyrocks_test {

// False if the DB does not know the property or its text is not a plain
// decimal number.
inline bool GetNumberProperty(ROCKSDB_NAMESPACE::DB& db,
                              ROCKSDB_NAMESPACE::ColumnFamilyHandle* cf,
                              const std::string& property, uint64_t* n) {
  std::string text;
  if (!db.GetProperty(cf, property, &text) || text.empty() ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  *n = std::strtoull(text.c_str(), nullptr, 10);
  return true;
}

inline bool GetNumberProperty(ROCKSDB_NAMESPACE::DB& db,
                              const std::string& property, uint64_t* n) {
  return GetNumberProperty(db, db.DefaultColumnFamily(), property, n);
}

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_SUPPORT_NUMBER_PROPERTY_H_
