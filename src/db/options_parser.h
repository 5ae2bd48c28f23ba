// Options as text, RocksDB 7.8.3's way: "name=value" pairs joined by ';',
// nested options in braces ("block_based_table_factory={block_size=8k}"),
// and OPTIONS files (INI sections [Version], [DBOptions],
// [CFOptions "name"], [TableOptions/BlockBasedTable "name"]). One parser
// serves GetOptionsFromString and friends (rocksdb/convenience.h),
// LoadOptionsFromFile (rocksdb/utilities/options_util.h), SetOptions and
// SetDBOptions.
//
// Each Parse*Option sets one field from its text and answers:
// * NotFound("Unrecognized option: NAME") for a name RocksDB 7.8.3 does
//   not have;
// * InvalidArgument("Error parsing NAME: VALUE") for a value that does not
//   parse;
// * NotSupported naming the option and value for an option RocksDB has and
//   skyrocks does not, set to anything but 7.8.3's default (at the default
//   it is accepted: nothing is lost).
// With ConfigOptions::ignore_unknown_options the first and the last are
// skipped (OK). Comparators and merge operators other than the built-in
// ones keep the base value: the program supplies them, as with RocksDB.
#ifndef SKYROCKS_DB_OPTIONS_PARSER_H_
#define SKYROCKS_DB_OPTIONS_PARSER_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "rocksdb/convenience.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/status.h"
#include "rocksdb/table.h"

namespace ROCKSDB_NAMESPACE {

[[nodiscard]] Status ParseDBOption(const ConfigOptions& config,
                                   const std::string& name,
                                   const std::string& value, DBOptions* o);
// Also "block_based_table_factory={...}" (table options into o's table
// factory, a new one) and "table_factory=BlockBasedTable".
[[nodiscard]] Status ParseCFOption(const ConfigOptions& config,
                                   const std::string& name,
                                   const std::string& value,
                                   ColumnFamilyOptions* o);
[[nodiscard]] Status ParseTableOption(const ConfigOptions& config,
                                      const std::string& name,
                                      const std::string& value,
                                      BlockBasedTableOptions* o);

// "k1=v1;k2={a=b;c=d};" into {k1: v1, k2: "a=b;c=d"} (RocksDB's
// StringToMap): InvalidArgument for a pair without '=' or unbalanced
// braces.
[[nodiscard]] Status ParseOptionPairs(
    const std::string& opts,
    std::unordered_map<std::string, std::string>* map);

// SetDBOptions' and SetOptions' entries: the options skyrocks can change
// on an open DB (listed in rocksdb/db.h). Other options of RocksDB 7.8.3
// are NotFound("Unrecognized option") when RocksDB cannot change them
// either, else InvalidArgument naming the option.
[[nodiscard]] Status ParseMutableDBOption(const std::string& name,
                                          const std::string& value,
                                          DBOptions* o);
[[nodiscard]] Status ParseMutableCFOption(const std::string& name,
                                          const std::string& value,
                                          ColumnFamilyOptions* o);

// InfoLogLevel as OPTIONS files spell it ("INFO_LEVEL"), the names
// ParseDBOption reads.
const char* InfoLogLevelOptionName(InfoLogLevel level);

// An OPTIONS file's text (fname only names it in errors) into *db_options
// and one descriptor per [CFOptions] section, in file order. Fields the
// file does not name keep the values they had; each column family starts
// from *cf_base.
[[nodiscard]] Status ParseOptionsFileText(
    const ConfigOptions& config, const std::string& text,
    const std::string& fname, const ColumnFamilyOptions& cf_base,
    DBOptions* db_options, std::vector<ColumnFamilyDescriptor>* cf_descs);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_OPTIONS_PARSER_H_
