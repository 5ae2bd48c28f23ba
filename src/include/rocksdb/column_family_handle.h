// ColumnFamilyHandle: names one column family of an open DB (RocksDB's
// class of the same name, which RocksDB declares in rocksdb/db.h; skyrocks
// keeps it in this small header so that WriteBatch does not need the whole
// DB API, and rocksdb/db.h includes it). A handle is created by the DB and
// owned by the caller, who destroys it (DB::DestroyColumnFamilyHandle) before
// closing the DB. Thread-safe: the accessors read immutable state.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_COLUMN_FAMILY_HANDLE_H_
#define SKYROCKS_INCLUDE_ROCKSDB_COLUMN_FAMILY_HANDLE_H_

#include <cstdint>
#include <string>

#include "rocksdb/comparator.h"
#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

class ColumnFamilyHandle {
 public:
  ColumnFamilyHandle() = default;
  ColumnFamilyHandle(const ColumnFamilyHandle&) = delete;
  ColumnFamilyHandle& operator=(const ColumnFamilyHandle&) = delete;
  virtual ~ColumnFamilyHandle() = default;

  // The name given at creation ("default" for the default column family).
  virtual const std::string& GetName() const = 0;
  // The id stored in WAL records and the MANIFEST (0 = default).
  virtual uint32_t GetID() const = 0;
  // The user comparator of the column family.
  virtual const Comparator* GetComparator() const = 0;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_COLUMN_FAMILY_HANDLE_H_
