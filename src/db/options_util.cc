// rocksdb/convenience.h's Get*OptionsFrom{String,Map} and StringToMap, and
// rocksdb/utilities/options_util.h's OPTIONS file loading, over the one
// parser of db/options_parser.h.
#include "rocksdb/utilities/options_util.h"

#include "db/filename.h"
#include "db/options_parser.h"
#include "env/file_util.h"
#include "rocksdb/convenience.h"

namespace ROCKSDB_NAMESPACE {

namespace {

ConfigOptions ConfigFor(bool input_strings_escaped,
                        bool ignore_unknown_options) {
  ConfigOptions c;
  c.input_strings_escaped = input_strings_escaped;
  c.ignore_unknown_options = ignore_unknown_options;
  return c;
}

// Options is both: DB options first, then column family options.
Status ParseOptionsEntry(const ConfigOptions& config, const std::string& name,
                         const std::string& value, Options* o) {
  ConfigOptions strict = config;
  strict.ignore_unknown_options = false;
  Status s = ParseDBOption(strict, name, value, o);
  if (!s.IsNotFound()) return s;
  return ParseCFOption(config, name, value, o);
}

// As RocksDB 7.8.3's Get*OptionsFrom{String,Map}: an unknown option is
// InvalidArgument (naming it); with ignore_unknown_options every option
// that does not apply (unknown, bad value, unsupported) is skipped.
Status PublicOptionStatus(const ConfigOptions& config, const Status& s) {
  if (s.ok() || config.ignore_unknown_options) return Status::OK();
  if (s.IsNotFound()) return Status::InvalidArgument(s.ToString());
  return s;
}

}  // namespace

Status StringToMap(const std::string& opts_str,
                   std::unordered_map<std::string, std::string>* opts_map) {
  return ParseOptionPairs(opts_str, opts_map);
}

// Applies opts_map to a copy of base through parse: *out is base
// changed, or base itself when an option is refused.
template <typename T, typename Parse>
Status ApplyOptionMap(
    const ConfigOptions& config_options, const T& base,
    const std::unordered_map<std::string, std::string>& opts_map, T* out,
    Parse parse) {
  T next = base;
  for (const auto& kv : opts_map) {
    Status s = PublicOptionStatus(
        config_options, parse(config_options, kv.first, kv.second, &next));
    if (!s.ok()) {
      *out = base;
      return s;
    }
  }
  *out = next;
  return Status::OK();
}

Status GetDBOptionsFromMap(
    const ConfigOptions& config_options, const DBOptions& base_options,
    const std::unordered_map<std::string, std::string>& opts_map,
    DBOptions* new_options) {
  return ApplyOptionMap(config_options, base_options, opts_map, new_options,
                        [](const ConfigOptions& c, const std::string& k,
                           const std::string& v, DBOptions* o) {
                          return ParseDBOption(c, k, v, o);
                        });
}

Status GetDBOptionsFromMap(
    const DBOptions& base_options,
    const std::unordered_map<std::string, std::string>& opts_map,
    DBOptions* new_options, bool input_strings_escaped,
    bool ignore_unknown_options) {
  return GetDBOptionsFromMap(
      ConfigFor(input_strings_escaped, ignore_unknown_options), base_options,
      opts_map, new_options);
}

Status GetColumnFamilyOptionsFromMap(
    const ConfigOptions& config_options,
    const ColumnFamilyOptions& base_options,
    const std::unordered_map<std::string, std::string>& opts_map,
    ColumnFamilyOptions* new_options) {
  return ApplyOptionMap(config_options, base_options, opts_map, new_options,
                        [](const ConfigOptions& c, const std::string& k,
                           const std::string& v, ColumnFamilyOptions* o) {
                          return ParseCFOption(c, k, v, o);
                        });
}

Status GetColumnFamilyOptionsFromMap(
    const ColumnFamilyOptions& base_options,
    const std::unordered_map<std::string, std::string>& opts_map,
    ColumnFamilyOptions* new_options, bool input_strings_escaped,
    bool ignore_unknown_options) {
  return GetColumnFamilyOptionsFromMap(
      ConfigFor(input_strings_escaped, ignore_unknown_options), base_options,
      opts_map, new_options);
}

Status GetBlockBasedTableOptionsFromMap(
    const ConfigOptions& config_options,
    const BlockBasedTableOptions& table_options,
    const std::unordered_map<std::string, std::string>& opts_map,
    BlockBasedTableOptions* new_table_options) {
  return ApplyOptionMap(config_options, table_options, opts_map, new_table_options,
                        [](const ConfigOptions& c, const std::string& k,
                           const std::string& v, BlockBasedTableOptions* o) {
                          return ParseTableOption(c, k, v, o);
                        });
}

Status GetBlockBasedTableOptionsFromMap(
    const BlockBasedTableOptions& table_options,
    const std::unordered_map<std::string, std::string>& opts_map,
    BlockBasedTableOptions* new_table_options, bool input_strings_escaped,
    bool ignore_unknown_options) {
  return GetBlockBasedTableOptionsFromMap(
      ConfigFor(input_strings_escaped, ignore_unknown_options), table_options,
      opts_map, new_table_options);
}

Status GetDBOptionsFromString(const ConfigOptions& config_options,
                              const DBOptions& base_options,
                              const std::string& opts_str,
                              DBOptions* new_options) {
  std::unordered_map<std::string, std::string> map;
  Status s = StringToMap(opts_str, &map);
  if (!s.ok()) {
    *new_options = base_options;
    return s;
  }
  return GetDBOptionsFromMap(config_options, base_options, map, new_options);
}

Status GetDBOptionsFromString(const DBOptions& base_options,
                              const std::string& opts_str,
                              DBOptions* new_options) {
  return GetDBOptionsFromString(ConfigFor(false, false), base_options,
                                opts_str, new_options);
}

Status GetColumnFamilyOptionsFromString(const ConfigOptions& config_options,
                                        const ColumnFamilyOptions& base_options,
                                        const std::string& opts_str,
                                        ColumnFamilyOptions* new_options) {
  std::unordered_map<std::string, std::string> map;
  Status s = StringToMap(opts_str, &map);
  if (!s.ok()) {
    *new_options = base_options;
    return s;
  }
  return GetColumnFamilyOptionsFromMap(config_options, base_options, map,
                                       new_options);
}

Status GetColumnFamilyOptionsFromString(const ColumnFamilyOptions& base_options,
                                        const std::string& opts_str,
                                        ColumnFamilyOptions* new_options) {
  return GetColumnFamilyOptionsFromString(ConfigFor(false, false),
                                          base_options, opts_str, new_options);
}

Status GetBlockBasedTableOptionsFromString(
    const ConfigOptions& config_options,
    const BlockBasedTableOptions& table_options, const std::string& opts_str,
    BlockBasedTableOptions* new_table_options) {
  std::unordered_map<std::string, std::string> map;
  Status s = StringToMap(opts_str, &map);
  if (!s.ok()) {
    *new_table_options = table_options;
    return s;
  }
  return GetBlockBasedTableOptionsFromMap(config_options, table_options, map,
                                          new_table_options);
}

Status GetBlockBasedTableOptionsFromString(
    const BlockBasedTableOptions& table_options, const std::string& opts_str,
    BlockBasedTableOptions* new_table_options) {
  return GetBlockBasedTableOptionsFromString(
      ConfigFor(false, false), table_options, opts_str, new_table_options);
}

Status GetOptionsFromString(const ConfigOptions& config_options,
                            const Options& base_options,
                            const std::string& opts_str, Options* new_options) {
  std::unordered_map<std::string, std::string> map;
  Status s = StringToMap(opts_str, &map);
  Options next = base_options;
  for (const auto& kv : map) {
    if (!s.ok()) break;
    s = PublicOptionStatus(
        config_options,
        ParseOptionsEntry(config_options, kv.first, kv.second, &next));
  }
  *new_options = s.ok() ? next : base_options;
  return s;
}

Status GetOptionsFromString(const Options& base_options,
                            const std::string& opts_str, Options* new_options) {
  return GetOptionsFromString(ConfigFor(false, false), base_options, opts_str,
                              new_options);
}

// ---- OPTIONS files.

Status GetLatestOptionsFileName(const std::string& dbpath, Env* env,
                                std::string* options_file_name) {
  FileSystem* fs = (env != nullptr ? env : Env::Default())->GetFileSystem().get();
  std::vector<std::string> children;
  IOStatus io = fs->GetChildren(dbpath, IOOptions(), &children, nullptr);
  if (io.IsPathNotFound() || io.IsNotFound()) {
    return Status::NotFound("No options files found in " + dbpath,
                            io.ToString());
  }
  if (!io.ok()) return std::move(io);
  uint64_t newest = 0;
  for (const std::string& c : children) {
    uint64_t number;
    FileType type;
    if (ParseFileName(c, &number, &type) && type == kOptionsFile &&
        number > newest) {
      newest = number;
    }
  }
  if (newest == 0) {
    return Status::NotFound("No options files found in the DB directory.",
                            dbpath);
  }
  *options_file_name = OptionsFileName("", newest).substr(1);
  return Status::OK();
}

Status LoadOptionsFromFile(const ConfigOptions& config_options,
                           const std::string& options_file_name,
                           DBOptions* db_options,
                           std::vector<ColumnFamilyDescriptor>* cf_descs,
                           std::shared_ptr<Cache>* cache) {
  Env* env = config_options.env != nullptr ? config_options.env
                                           : Env::Default();
  std::string text;
  IOStatus io =
      ReadFileToString(env->GetFileSystem().get(), options_file_name, &text);
  if (!io.ok()) return std::move(io);
  DBOptions db = *db_options;
  std::vector<ColumnFamilyDescriptor> cfs;
  Status s = ParseOptionsFileText(config_options, text, options_file_name,
                                  ColumnFamilyOptions(), &db, &cfs);
  if (!s.ok()) return s;
  if (cache != nullptr && *cache != nullptr) {
    for (ColumnFamilyDescriptor& d : cfs) {
      BlockBasedTableOptions t = d.options.table_factory
                                     ? d.options.table_factory->table_options()
                                     : BlockBasedTableOptions();
      t.block_cache = *cache;
      d.options.table_factory.reset(NewBlockBasedTableFactory(t));
    }
  }
  db.env = config_options.env;
  *db_options = db;
  *cf_descs = std::move(cfs);
  return Status::OK();
}

Status LoadOptionsFromFile(const std::string& options_file_name, Env* env,
                           DBOptions* db_options,
                           std::vector<ColumnFamilyDescriptor>* cf_descs,
                           bool ignore_unknown_options,
                           std::shared_ptr<Cache>* cache) {
  ConfigOptions c = ConfigFor(false, ignore_unknown_options);
  c.env = env;
  return LoadOptionsFromFile(c, options_file_name, db_options, cf_descs,
                             cache);
}

Status LoadLatestOptions(const ConfigOptions& config_options,
                         const std::string& dbpath, DBOptions* db_options,
                         std::vector<ColumnFamilyDescriptor>* cf_descs,
                         std::shared_ptr<Cache>* cache) {
  std::string name;
  Status s = GetLatestOptionsFileName(dbpath, config_options.env, &name);
  if (!s.ok()) return s;
  return LoadOptionsFromFile(config_options, dbpath + "/" + name, db_options,
                             cf_descs, cache);
}

Status LoadLatestOptions(const std::string& dbpath, Env* env,
                         DBOptions* db_options,
                         std::vector<ColumnFamilyDescriptor>* cf_descs,
                         bool ignore_unknown_options,
                         std::shared_ptr<Cache>* cache) {
  ConfigOptions c = ConfigFor(false, ignore_unknown_options);
  c.env = env;
  return LoadLatestOptions(c, dbpath, db_options, cf_descs, cache);
}

}  // namespace ROCKSDB_NAMESPACE
