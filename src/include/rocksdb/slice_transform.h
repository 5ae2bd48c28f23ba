// SliceTransform: a prefix extractor (ColumnFamilyOptions::prefix_extractor)
// maps a user key to the prefix that SST and memtable Bloom filters hold
// and that prefix seeks (ReadOptions::prefix_same_as_start) stay within.
// RocksDB 7.8.3's interface and built-in transforms: Name() is the class
// name ("rocksdb.FixedPrefix"), AsString() the id stored in SSTs
// (rocksdb.prefix.extractor.name) and OPTIONS files
// ("rocksdb.FixedPrefix.4"); a table whose recorded id differs from the
// current extractor's is not filtered by prefix. Transforms are immutable
// and thread-safe; the built-in factories return objects the caller owns.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_SLICE_TRANSFORM_H_
#define SKYROCKS_INCLUDE_ROCKSDB_SLICE_TRANSFORM_H_

#include <cstddef>
#include <memory>
#include <string>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

struct ConfigOptions;

class SliceTransform {
 public:
  SliceTransform() = default;
  SliceTransform(const SliceTransform&) = delete;
  SliceTransform& operator=(const SliceTransform&) = delete;
  virtual ~SliceTransform() = default;

  virtual const char* Name() const = 0;
  static const char* Type() { return "SliceTransform"; }
  // The id with its parameters ("rocksdb.CappedPrefix.8"); Name() for a
  // transform without parameters (a program's own transform).
  virtual std::string GetId() const { return Name(); }
  // What SSTs and OPTIONS files record: GetId().
  std::string AsString() const { return GetId(); }

  // A transform from its id as RocksDB 7.8.3 parses it:
  // "rocksdb.FixedPrefix.N", "fixed:N", "rocksdb.CappedPrefix.N",
  // "capped:N", "rocksdb.Noop", "id=..." or "{id=...}". "nullptr" and ""
  // give nullptr. An id skyrocks does not know gives nullptr and OK when
  // config_options.ignore_unsupported_options (RocksDB's default), else
  // InvalidArgument.
  static Status CreateFromString(const ConfigOptions& config_options,
                                 const std::string& id,
                                 std::shared_ptr<const SliceTransform>* result);

  // REQUIRES: InDomain(key).
  virtual Slice Transform(const Slice& key) const = 0;
  // Whether key has a prefix (keys outside the domain are never filtered).
  virtual bool InDomain(const Slice& key) const = 0;
  // Whether dst can be a result of Transform.
  virtual bool InRange(const Slice& /*dst*/) const { return false; }
  // True with *len when every prefix of a key of at least *len bytes is
  // its first *len bytes.
  virtual bool FullLengthEnabled(size_t* /*len*/) const { return false; }
  // Whether every key that starts with prefix has prefix as its prefix.
  virtual bool SameResultWhenAppended(const Slice& /*prefix*/) const {
    return false;
  }
};

// The first prefix_len bytes; keys shorter than that are outside the
// domain.
const SliceTransform* NewFixedPrefixTransform(size_t prefix_len);
// The first cap_len bytes, or the whole key when it is shorter.
const SliceTransform* NewCappedPrefixTransform(size_t cap_len);
// The whole key.
const SliceTransform* NewNoopTransform();

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_SLICE_TRANSFORM_H_
