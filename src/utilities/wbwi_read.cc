// WbwiReader (utilities/wbwi_read.h): a key's value from a
// WriteBatchWithIndex, merge operands applied.
#include "utilities/wbwi_read.h"

#include "db/db_impl.h"
#include "db/merge_helper.h"

namespace ROCKSDB_NAMESPACE {

Status WbwiReader::MergeKey(const Slice& key, const Slice* base,
                            std::string* result) const {
  if (column_family_ == nullptr) {
    return Status::InvalidArgument(
        "WriteBatchWithIndex: merging key '" + key.ToString(true) +
        "' needs a column family handle (Must provide a column_family)");
  }
  // Handles of a skyrocks DB carry the column family's options; any other
  // handle has no merge operator to offer.
  const auto* impl =
      dynamic_cast<const ColumnFamilyHandleImpl*>(column_family_);
  const MergeOperator* op =
      impl != nullptr ? impl->cfd()->options.merge_operator.get() : nullptr;
  if (op == nullptr) {
    return Status::InvalidArgument(
        "WriteBatchWithIndex: Merge_operator must be set for column_family " +
        column_family_->GetName() + " to merge key '" + key.ToString(true) +
        "'");
  }
  return FullMergeForRead(op, key, base,
                          merge_context_.GetOperandsNewestFirst(), result);
}

WbwiResult WbwiReader::GetFromBatch(const WriteBatchIndex& index,
                                    uint32_t cf_id, const Slice& key,
                                    std::string* value, Status* s) {
  *s = Status::OK();
  WbwiIteratorImpl iter(cf_id, &index);
  iter.Seek(key);
  WbwiResult result = iter.FindLatestUpdate(key, &merge_context_);
  switch (result) {
    case WbwiResult::kError:
      *s =
          Status::Corruption("WriteBatchWithIndex: unexpected entry for key '" +
                             key.ToString(true) + "'");
      break;
    case WbwiResult::kFound: {
      const Slice put_value = iter.Entry().value;
      if (merge_context_.GetNumOperands() > 0) {
        *s = MergeKey(key, &put_value, value);
        if (!s->ok()) result = WbwiResult::kError;
      } else {
        value->assign(put_value.data(), put_value.size());
      }
      break;
    }
    case WbwiResult::kDeleted:
      if (merge_context_.GetNumOperands() > 0) {
        *s = MergeKey(key, nullptr, value);
        result = s->ok() ? WbwiResult::kFound : WbwiResult::kError;
      }
      break;
    default:
      break;
  }
  return result;
}

}  // namespace ROCKSDB_NAMESPACE
