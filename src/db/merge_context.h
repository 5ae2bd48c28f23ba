// MergeContext: the merge operands a point lookup collected on its way down
// from the newest data (memtables, then SSTs) before it found a base value
// or a deletion, for the caller to combine with the MergeOperator. Owns
// copies of the operands. Not thread-safe (one per lookup).
#ifndef SKYROCKS_DB_MERGE_CONTEXT_H_
#define SKYROCKS_DB_MERGE_CONTEXT_H_

#include <string>
#include <vector>

#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

class MergeContext {
 public:
  void Clear() { newest_first_.clear(); }
  // Adds an operand older than every operand pushed before.
  void PushOperand(const Slice& operand) {
    newest_first_.push_back(operand.ToString());
  }
  size_t GetNumOperands() const { return newest_first_.size(); }
  // Oldest first: the order MergeOperator::FullMergeV2 takes them.
  std::vector<Slice> GetOperands() const {
    return std::vector<Slice>(newest_first_.rbegin(), newest_first_.rend());
  }
  const std::vector<std::string>& GetOperandsNewestFirst() const {
    return newest_first_;
  }

 private:
  std::vector<std::string> newest_first_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_MERGE_CONTEXT_H_
