// Reading a key out of a WriteBatchWithIndex: resolving its updates in the
// batch (RocksDB 7.8.3's WriteBatchWithIndexInternal::GetFromBatch) and
// applying collected merge operands with the column family's merge
// operator. Shared by GetFromBatch, GetFromBatchAndDB and the iterator
// over batch and DB. Not thread-safe (one per read).
#ifndef SKYROCKS_UTILITIES_WBWI_READ_H_
#define SKYROCKS_UTILITIES_WBWI_READ_H_

#include <string>

#include "db/merge_context.h"
#include "rocksdb/column_family_handle.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "utilities/wbwi_index.h"

namespace ROCKSDB_NAMESPACE {

class WbwiReader {
 public:
  // column_family names the merge operator; nullptr (no handle given) makes
  // every merge fail with InvalidArgument, as in 7.8.3.
  explicit WbwiReader(ColumnFamilyHandle* column_family)
      : column_family_(column_family) {}

  // *result = the merge of the collected operands onto base (nullptr: no
  // base value). InvalidArgument naming the key without a column family
  // handle or without a merge operator.
  [[nodiscard]] Status MergeKey(const Slice& key, const Slice* base,
                                std::string* result) const;

  // Resolves key from the batch: kFound with *value (operands applied to a
  // Put, or to nothing over a Delete), kDeleted, kNotFound,
  // kMergeInProgress (operands left in merge_context()), or kError with
  // *s set. *s is OK otherwise.
  WbwiResult GetFromBatch(const WriteBatchIndex& index, uint32_t cf_id,
                          const Slice& key, std::string* value, Status* s);

  MergeContext* merge_context() { return &merge_context_; }
  size_t GetNumOperands() const { return merge_context_.GetNumOperands(); }

 private:
  ColumnFamilyHandle* const column_family_;
  MergeContext merge_context_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_WBWI_READ_H_
