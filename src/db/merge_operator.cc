// Default MergeOperator behaviour and the one place the DB applies a merge
// operator (db/merge_helper.h).
#include "rocksdb/merge_operator.h"

#include "db/merge_helper.h"

namespace ROCKSDB_NAMESPACE {

bool MergeOperator::FullMerge(const Slice& /*key*/,
                              const Slice* /*existing_value*/,
                              const std::deque<std::string>& /*operands*/,
                              std::string* /*new_value*/,
                              Logger* /*logger*/) const {
  return false;
}

bool MergeOperator::FullMergeV2(const MergeOperationInput& merge_in,
                                MergeOperationOutput* merge_out) const {
  std::deque<std::string> operands;
  for (const Slice& s : merge_in.operand_list) operands.push_back(s.ToString());
  return FullMerge(merge_in.key, merge_in.existing_value, operands,
                   &merge_out->new_value, merge_in.logger);
}

bool AssociativeMergeOperator::FullMergeV2(
    const MergeOperationInput& merge_in,
    MergeOperationOutput* merge_out) const {
  std::string acc;
  std::string next;
  const Slice* existing = merge_in.existing_value;
  Slice current;
  for (const Slice& operand : merge_in.operand_list) {
    next.clear();
    if (!Merge(merge_in.key, existing, operand, &next, merge_in.logger)) {
      return false;
    }
    acc.swap(next);
    current = Slice(acc);
    existing = &current;
  }
  merge_out->new_value = std::move(acc);
  return true;
}

bool AssociativeMergeOperator::PartialMerge(const Slice& key,
                                            const Slice& left_operand,
                                            const Slice& right_operand,
                                            std::string* new_value,
                                            Logger* logger) const {
  return Merge(key, &left_operand, right_operand, new_value, logger);
}

Status FullMergeForRead(const MergeOperator* op, const Slice& user_key,
                        const Slice* base,
                        const std::vector<std::string>& operands_newest_first,
                        std::string* result) {
  if (op == nullptr) {
    return Status::InvalidArgument(
        "merge_operator is not properly initialized: key '" +
        user_key.ToString(true) + "' has merge operands");
  }
  std::vector<Slice> operands(operands_newest_first.rbegin(),
                              operands_newest_first.rend());
  std::string new_value;
  Slice existing_operand(nullptr, 0);  // set by the operator, or not
  MergeOperator::MergeOperationInput in(user_key, base, operands, nullptr);
  MergeOperator::MergeOperationOutput out(new_value, existing_operand);
  if (!op->FullMergeV2(in, &out)) {
    return Status::Corruption("merge operator " + std::string(op->Name()) +
                              " failed for key '" + user_key.ToString(true) +
                              "'");
  }
  if (existing_operand.data() != nullptr) {
    result->assign(existing_operand.data(), existing_operand.size());
  } else {
    *result = std::move(new_value);
  }
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
