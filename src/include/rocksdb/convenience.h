// ConfigOptions: how option strings are read and written, as RocksDB's
// rocksdb/convenience.h declares it; skyrocks' options parsers
// (CloudFileSystemOptions::Configure/Serialize) take it for source
// compatibility and honour ignore_unknown_options and delimiter.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_CONVENIENCE_H_
#define SKYROCKS_INCLUDE_ROCKSDB_CONVENIENCE_H_

#include <string>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

struct ConfigOptions {
  // Unknown keys are skipped instead of being InvalidArgument.
  bool ignore_unknown_options = false;
  bool ignore_unsupported_options = true;
  bool input_strings_escaped = true;
  // Between "key=value" pairs when serializing.
  std::string delimiter = ";";
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_CONVENIENCE_H_
