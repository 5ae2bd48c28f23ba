// MergeOperator: user-defined read-modify-write (DB::Merge), with RocksDB
// 7.8.3's interface. A DB stores merge operands as they come and combines
// them with the key's base value (or none) when it reads the key, through
// FullMergeV2 (whose default calls the older FullMerge). Name() is recorded
// in every SST's properties; a DB must be reopened with an operator of the
// same name to read keys that have operands. Implementations must be
// thread-safe and deterministic.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_MERGE_OPERATOR_H_
#define SKYROCKS_INCLUDE_ROCKSDB_MERGE_OPERATOR_H_

#include <deque>
#include <string>
#include <vector>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

class Logger;

class MergeOperator {
 public:
  virtual ~MergeOperator() = default;
  static const char* Type() { return "MergeOperator"; }

  // Older interface: operands oldest first. Default: fails (false).
  virtual bool FullMerge(const Slice& key, const Slice* existing_value,
                         const std::deque<std::string>& operand_list,
                         std::string* new_value, Logger* logger) const;

  struct MergeOperationInput {
    explicit MergeOperationInput(const Slice& _key,
                                 const Slice* _existing_value,
                                 const std::vector<Slice>& _operand_list,
                                 Logger* _logger)
        : key(_key),
          existing_value(_existing_value),
          operand_list(_operand_list),
          logger(_logger) {}
    const Slice& key;
    const Slice* existing_value;             // nullptr: no base value
    const std::vector<Slice>& operand_list;  // oldest first
    Logger* logger;
  };

  struct MergeOperationOutput {
    explicit MergeOperationOutput(std::string& _new_value,
                                  Slice& _existing_operand)
        : new_value(_new_value), existing_operand(_existing_operand) {}
    std::string& new_value;
    // Set instead of new_value when the result is one of the inputs.
    Slice& existing_operand;
  };

  // Returns false on a merge that cannot be done (the read then fails with
  // Corruption). Default: FullMerge over a copy of the operands.
  virtual bool FullMergeV2(const MergeOperationInput& merge_in,
                           MergeOperationOutput* merge_out) const;

  // Combines two adjacent operands into one, if the operator can.
  virtual bool PartialMerge(const Slice& /*key*/, const Slice& /*left*/,
                            const Slice& /*right*/, std::string* /*new_value*/,
                            Logger* /*logger*/) const {
    return false;
  }

  virtual const char* Name() const = 0;
  virtual bool AllowSingleOperand() const { return false; }
};

// A merge operator whose operands and values are of one type and combine
// pairwise (e.g. counters): implement Merge only.
class AssociativeMergeOperator : public MergeOperator {
 public:
  // existing_value nullptr: no value yet. Returns false on failure.
  virtual bool Merge(const Slice& key, const Slice* existing_value,
                     const Slice& value, std::string* new_value,
                     Logger* logger) const = 0;

  bool FullMergeV2(const MergeOperationInput& merge_in,
                   MergeOperationOutput* merge_out) const override;
  bool PartialMerge(const Slice& key, const Slice& left_operand,
                    const Slice& right_operand, std::string* new_value,
                    Logger* logger) const override;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_MERGE_OPERATOR_H_
