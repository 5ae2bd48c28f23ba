// The open-time check that no option skyrocks does not honour is set to a
// value that would change where data lives, what is kept, or how durable
// it is. Such a setting is rejected with Status::NotSupported whose
// message starts with the option's name, instead of being silently
// ignored. Every field of DBOptions and ColumnFamilyOptions is classified
// in options_check.cc. Pure function; thread-safe.
#ifndef SKYROCKS_DB_OPTIONS_CHECK_H_
#define SKYROCKS_DB_OPTIONS_CHECK_H_

#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

// OK, or NotSupported("<option> ...") for the first unsupported setting
// (DB options first, then each column family's, named in the message).
Status CheckOptionsSupported(
    const DBOptions& db_options,
    const std::vector<ColumnFamilyDescriptor>& column_families);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_OPTIONS_CHECK_H_
