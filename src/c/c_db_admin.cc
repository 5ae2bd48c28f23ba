// The C API's maintenance calls (rocksdb/c.h, "Properties, flushes,
// compactions, files"): properties, flushes, manual compactions, dynamic
// options, live file metadata and checkpoints. As in RocksDB 7.8.3, the
// rocksdb_compact_range* calls report no error (their Status is dropped);
// a NULL start or limit key means "from the first" / "to the last" key.
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "c/c_types.h"

namespace ROCKSDB_NAMESPACE {
namespace {

char* CApiProperty(DB* db, ColumnFamilyHandle* column_family,
                   const char* propname) {
  std::string value;
  if (!db->GetProperty(column_family, Slice(propname), &value)) return nullptr;
  return CApiCopyString(value);
}

void CApiCompactRange(DB* db, const CompactRangeOptions& options,
                      ColumnFamilyHandle* column_family, const char* start_key,
                      size_t start_key_len, const char* limit_key,
                      size_t limit_key_len) {
  Slice start(start_key == nullptr ? "" : start_key, start_key_len);
  Slice limit(limit_key == nullptr ? "" : limit_key, limit_key_len);
  db->CompactRange(options, column_family,
                   start_key == nullptr ? nullptr : &start,
                   limit_key == nullptr ? nullptr : &limit)
      .PermitUncheckedError();
}

void CApiSetOptions(DB* db, ColumnFamilyHandle* column_family, int count,
                    const char* const keys[], const char* const values[],
                    char** errptr) {
  std::unordered_map<std::string, std::string> options;
  for (int i = 0; i < count; i++) options[keys[i]] = values[i];
  CApiSaveError(errptr, db->SetOptions(column_family, options));
}

}  // namespace

extern "C" {

char* rocksdb_property_value(rocksdb_t* db, const char* propname) {
  return CApiProperty(db->rep, db->rep->DefaultColumnFamily(), propname);
}

char* rocksdb_property_value_cf(rocksdb_t* db,
                                rocksdb_column_family_handle_t* column_family,
                                const char* propname) {
  return CApiProperty(db->rep, column_family->rep, propname);
}

int rocksdb_property_int(rocksdb_t* db, const char* propname,
                         uint64_t* out_val) {
  return db->rep->GetIntProperty(Slice(propname), out_val) ? 0 : -1;
}

int rocksdb_property_int_cf(rocksdb_t* db,
                            rocksdb_column_family_handle_t* column_family,
                            const char* propname, uint64_t* out_val) {
  return db->rep->GetIntProperty(column_family->rep, Slice(propname), out_val)
             ? 0
             : -1;
}

void rocksdb_compact_range(rocksdb_t* db, const char* start_key,
                           size_t start_key_len, const char* limit_key,
                           size_t limit_key_len) {
  CApiCompactRange(db->rep, CompactRangeOptions(),
                   db->rep->DefaultColumnFamily(), start_key, start_key_len,
                   limit_key, limit_key_len);
}

void rocksdb_compact_range_cf(rocksdb_t* db,
                              rocksdb_column_family_handle_t* column_family,
                              const char* start_key, size_t start_key_len,
                              const char* limit_key, size_t limit_key_len) {
  CApiCompactRange(db->rep, CompactRangeOptions(), column_family->rep,
                   start_key, start_key_len, limit_key, limit_key_len);
}

void rocksdb_compact_range_opt(rocksdb_t* db, rocksdb_compactoptions_t* opt,
                               const char* start_key, size_t start_key_len,
                               const char* limit_key, size_t limit_key_len) {
  CApiCompactRange(db->rep, opt->rep, db->rep->DefaultColumnFamily(),
                   start_key, start_key_len, limit_key, limit_key_len);
}

void rocksdb_compact_range_cf_opt(rocksdb_t* db,
                                  rocksdb_column_family_handle_t* column_family,
                                  rocksdb_compactoptions_t* opt,
                                  const char* start_key, size_t start_key_len,
                                  const char* limit_key, size_t limit_key_len) {
  CApiCompactRange(db->rep, opt->rep, column_family->rep, start_key,
                   start_key_len, limit_key, limit_key_len);
}

void rocksdb_flush(rocksdb_t* db, const rocksdb_flushoptions_t* options,
                   char** errptr) {
  CApiSaveError(errptr, db->rep->Flush(options->rep));
}

void rocksdb_flush_cf(rocksdb_t* db, const rocksdb_flushoptions_t* options,
                      rocksdb_column_family_handle_t* column_family,
                      char** errptr) {
  CApiSaveError(errptr, db->rep->Flush(options->rep, column_family->rep));
}

void rocksdb_flush_wal(rocksdb_t* db, unsigned char sync, char** errptr) {
  CApiSaveError(errptr, db->rep->FlushWAL(sync != 0));
}

void rocksdb_disable_file_deletions(rocksdb_t* db, char** errptr) {
  CApiSaveError(errptr, db->rep->DisableFileDeletions());
}

void rocksdb_enable_file_deletions(rocksdb_t* db, unsigned char force,
                                   char** errptr) {
  CApiSaveError(errptr, db->rep->EnableFileDeletions(force != 0));
}

void rocksdb_disable_manual_compaction(rocksdb_t* db) {
  db->rep->DisableManualCompaction();
}

void rocksdb_enable_manual_compaction(rocksdb_t* db) {
  db->rep->EnableManualCompaction();
}

void rocksdb_set_options(rocksdb_t* db, int count, const char* const keys[],
                         const char* const values[], char** errptr) {
  CApiSetOptions(db->rep, db->rep->DefaultColumnFamily(), count, keys, values,
                 errptr);
}

void rocksdb_set_options_cf(rocksdb_t* db,
                            rocksdb_column_family_handle_t* handle, int count,
                            const char* const keys[],
                            const char* const values[], char** errptr) {
  CApiSetOptions(db->rep, handle->rep, count, keys, values, errptr);
}

const rocksdb_livefiles_t* rocksdb_livefiles(rocksdb_t* db) {
  auto* result = new rocksdb_livefiles_t;
  db->rep->GetLiveFilesMetaData(&result->rep);
  return result;
}

int rocksdb_livefiles_count(const rocksdb_livefiles_t* lf) {
  return static_cast<int>(lf->rep.size());
}

const char* rocksdb_livefiles_column_family_name(const rocksdb_livefiles_t* lf,
                                                 int index) {
  return lf->rep[index].column_family_name.c_str();
}

const char* rocksdb_livefiles_name(const rocksdb_livefiles_t* lf, int index) {
  return lf->rep[index].name.c_str();
}

int rocksdb_livefiles_level(const rocksdb_livefiles_t* lf, int index) {
  return lf->rep[index].level;
}

size_t rocksdb_livefiles_size(const rocksdb_livefiles_t* lf, int index) {
  return lf->rep[index].size;
}

const char* rocksdb_livefiles_smallestkey(const rocksdb_livefiles_t* lf,
                                          int index, size_t* size) {
  *size = lf->rep[index].smallestkey.size();
  return lf->rep[index].smallestkey.data();
}

const char* rocksdb_livefiles_largestkey(const rocksdb_livefiles_t* lf,
                                         int index, size_t* size) {
  *size = lf->rep[index].largestkey.size();
  return lf->rep[index].largestkey.data();
}

uint64_t rocksdb_livefiles_entries(const rocksdb_livefiles_t* lf, int index) {
  return lf->rep[index].num_entries;
}

uint64_t rocksdb_livefiles_deletions(const rocksdb_livefiles_t* lf,
                                     int index) {
  return lf->rep[index].num_deletions;
}

void rocksdb_livefiles_destroy(const rocksdb_livefiles_t* lf) { delete lf; }

rocksdb_checkpoint_t* rocksdb_checkpoint_object_create(rocksdb_t* db,
                                                       char** errptr) {
  Checkpoint* checkpoint = nullptr;
  if (CApiSaveError(errptr, Checkpoint::Create(db->rep, &checkpoint))) {
    return nullptr;
  }
  auto* result = new rocksdb_checkpoint_t;
  result->rep.reset(checkpoint);
  return result;
}

void rocksdb_checkpoint_create(rocksdb_checkpoint_t* checkpoint,
                               const char* checkpoint_dir,
                               uint64_t log_size_for_flush, char** errptr) {
  CApiSaveError(errptr, checkpoint->rep->CreateCheckpoint(
                            std::string(checkpoint_dir), log_size_for_flush));
}

void rocksdb_checkpoint_object_destroy(rocksdb_checkpoint_t* checkpoint) {
  delete checkpoint;
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
