// CompactionFilter: user code that sees the entries a compaction (and,
// when its factory allows, a flush) writes, and keeps, removes or rewrites
// them; RocksDB 7.8.3's interface and behaviour:
// * Filter / FilterV2(kValue) are called for the newest version of each
//   user key in the job's input when it is a value, whatever snapshots
//   exist (IgnoreSnapshots() must return true; false fails the job with
//   NotSupported). kRemove turns that version into a deletion at its
//   sequence number, so older versions stay visible to the snapshots that
//   saw them.
// * FilterMergeOperand / FilterV2(kMergeOperand) are called for merge
//   operands newer than every snapshot; kRemove drops the operand.
//   skyrocks keeps merge operands as written in flushes and compactions
//   (RocksDB combines some), so operands are offered one by one.
// * kRemoveAndSkipUntil drops the entry and every input entry whose user
//   key is before *skip_until (older versions below the compaction may
//   then show again); a skip_until not after the key means kKeep.
// * kPurge turns the version into a SingleDelete.
// A CompactionFilter given in ColumnFamilyOptions::compaction_filter is
// shared by concurrent compactions and must be thread-safe; one from a
// factory serves one job (one subcompaction or flush) on one thread.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_COMPACTION_FILTER_H_
#define SKYROCKS_INCLUDE_ROCKSDB_COMPACTION_FILTER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/types.h"

namespace ROCKSDB_NAMESPACE {

class CompactionFilter {
 public:
  enum ValueType {
    kValue,
    kMergeOperand,
    kBlobIndex,  // BlobDB's; never passed by skyrocks
  };
  enum class Decision {
    kKeep,
    kRemove,
    kChangeValue,
    kRemoveAndSkipUntil,
    kChangeBlobIndex,  // BlobDB's; fails the job
    kIOError,          // BlobDB's; fails the job
    kPurge,
    kUndetermined,  // fails the job
  };
  // What the job is (passed to CompactionFilterFactory).
  struct Context {
    bool is_full_compaction;    // every file of the column family is input
    bool is_manual_compaction;  // CompactRange / CompactFiles
    uint32_t column_family_id;
    TableFileCreationReason reason;
  };

  virtual ~CompactionFilter() = default;
  static const char* Type() { return "CompactionFilter"; }

  // true: remove the value. To rewrite it, set *new_value and
  // *value_changed and return false.
  virtual bool Filter(int /*level*/, const Slice& /*key*/,
                      const Slice& /*existing_value*/,
                      std::string* /*new_value*/,
                      bool* /*value_changed*/) const {
    return false;
  }
  // true: remove the merge operand.
  virtual bool FilterMergeOperand(int /*level*/, const Slice& /*key*/,
                                  const Slice& /*operand*/) const {
    return false;
  }
  // The general form; the default calls Filter or FilterMergeOperand.
  virtual Decision FilterV2(int level, const Slice& key, ValueType value_type,
                            const Slice& existing_value, std::string* new_value,
                            std::string* /*skip_until*/) const {
    switch (value_type) {
      case ValueType::kValue: {
        bool value_changed = false;
        if (Filter(level, key, existing_value, new_value, &value_changed)) {
          return Decision::kRemove;
        }
        return value_changed ? Decision::kChangeValue : Decision::kKeep;
      }
      case ValueType::kMergeOperand:
        return FilterMergeOperand(level, key, existing_value)
                   ? Decision::kRemove
                   : Decision::kKeep;
      case ValueType::kBlobIndex:
        return Decision::kKeep;
    }
    return Decision::kKeep;
  }
  // Deprecated in RocksDB: must stay true (false fails the job).
  virtual bool IgnoreSnapshots() const { return true; }
  virtual const char* Name() const = 0;
};

// Makes a CompactionFilter per job. Implementations must be thread-safe.
class CompactionFilterFactory {
 public:
  virtual ~CompactionFilterFactory() = default;
  static const char* Type() { return "CompactionFilterFactory"; }

  // Whether jobs writing files for `reason` get a filter (RocksDB's
  // default: compactions only).
  virtual bool ShouldFilterTableFileCreation(
      TableFileCreationReason reason) const {
    return reason == TableFileCreationReason::kCompaction;
  }
  // nullptr: this job is not filtered.
  virtual std::unique_ptr<CompactionFilter> CreateCompactionFilter(
      const CompactionFilter::Context& context) = 0;
  virtual const char* Name() const = 0;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_COMPACTION_FILTER_H_
