// Applying a MergeOperator when a read meets merge operands: the one place
// reads (Get, iterators) and flushes combine operands with a base value.
#ifndef SKYROCKS_DB_MERGE_HELPER_H_
#define SKYROCKS_DB_MERGE_HELPER_H_

#include <string>
#include <vector>

#include "rocksdb/merge_operator.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

// *result = the merge of operands (newest first, as collected) onto base
// (nullptr: no base value). InvalidArgument naming the key when op is
// nullptr; Corruption naming operator and key when the merge fails.
Status FullMergeForRead(const MergeOperator* op, const Slice& user_key,
                        const Slice* base,
                        const std::vector<std::string>& operands_newest_first,
                        std::string* result);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_MERGE_HELPER_H_
