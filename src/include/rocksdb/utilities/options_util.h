// Reading a DB's OPTIONS files, as RocksDB 7.8.3's
// rocksdb/utilities/options_util.h: the newest OPTIONS-NNNNNN of a DB
// directory (written by skyrocks or librocksdb) into DBOptions and one
// ColumnFamilyDescriptor per column family, ready for DB::Open. Options
// the file names keep their text's value; comparators and merge operators
// other than the built-in ones must be set by the program afterwards (as
// with RocksDB). Unknown options fail the load with a Status naming the
// file, line and option unless ignore_unknown_options (see
// rocksdb/convenience.h). cache, when given, becomes every column
// family's block cache.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_OPTIONS_UTIL_H_
#define SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_OPTIONS_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "rocksdb/cache.h"
#include "rocksdb/convenience.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/options.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

// NotFound when dbpath holds no OPTIONS file.
Status LoadLatestOptions(const std::string& dbpath, Env* env,
                         DBOptions* db_options,
                         std::vector<ColumnFamilyDescriptor>* cf_descs,
                         bool ignore_unknown_options = false,
                         std::shared_ptr<Cache>* cache = {});
Status LoadLatestOptions(const ConfigOptions& config_options,
                         const std::string& dbpath, DBOptions* db_options,
                         std::vector<ColumnFamilyDescriptor>* cf_descs,
                         std::shared_ptr<Cache>* cache = {});
Status LoadOptionsFromFile(const std::string& options_file_name, Env* env,
                           DBOptions* db_options,
                           std::vector<ColumnFamilyDescriptor>* cf_descs,
                           bool ignore_unknown_options = false,
                           std::shared_ptr<Cache>* cache = {});
Status LoadOptionsFromFile(const ConfigOptions& config_options,
                           const std::string& options_file_name,
                           DBOptions* db_options,
                           std::vector<ColumnFamilyDescriptor>* cf_descs,
                           std::shared_ptr<Cache>* cache = {});
// The name (not the path) of the newest OPTIONS file in dbpath.
Status GetLatestOptionsFileName(const std::string& dbpath, Env* env,
                                std::string* options_file_name);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_OPTIONS_UTIL_H_
