// The DB's info LOG as RocksDB 7.8.3 keeps it: "<db>/LOG", or with
// DBOptions::db_log_dir "<db_log_dir>/<db path flattened>_LOG"; at open
// the previous one becomes LOG.old.<micros>. With max_log_file_size the
// logger rolls the file the same way once it reaches that size, writing
// the header lines again at the top of the new file; at most
// keep_log_file_num files (the current one included) are kept. The LOG
// is a local file: on a cloud DB the cloud file system writes it to the
// local directory only and never uploads it (cloud/cloud_names.h).
#ifndef SKYROCKS_DB_INFO_LOG_H_
#define SKYROCKS_DB_INFO_LOG_H_

#include <memory>
#include <string>

#include "rocksdb/env.h"
#include "rocksdb/options.h"

namespace ROCKSDB_NAMESPACE {

// The directory of the info LOG and its file name there ("LOG", or the
// flattened DB path + "_LOG" in db_log_dir).
void InfoLogLocation(const std::string& dbname, const std::string& db_log_dir,
                     std::string* dir, std::string* file);

// The header lines RocksDB writes at open: the version, then every DB
// option skyrocks has ("Options.<name>: <value>"), then each column
// family's as "Options for column family [<name>]:".
void LogDBOptionsHeader(Logger* log, const DBOptions& o);
void LogColumnFamilyOptions(Logger* log, const std::string& name,
                            const ColumnFamilyOptions& o);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_INFO_LOG_H_
