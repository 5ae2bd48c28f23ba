// The C API's DB calls (rocksdb/c.h, "Opening and closing a DB, column
// families", secondary instances, and "Reads and writes"): each forwards to the DB method of the
// same name with RocksDB 7.8.3's C conventions (errptr, malloc()ed
// results, NotFound as a NULL value rather than an error).
#include <cstdlib>
#include <string>
#include <vector>

#include "c/c_types.h"

namespace ROCKSDB_NAMESPACE {
namespace {

std::vector<ColumnFamilyDescriptor> CApiDescriptors(
    int num_column_families, const char* const* column_family_names,
    const rocksdb_options_t* const* column_family_options) {
  std::vector<ColumnFamilyDescriptor> cfs;
  for (int i = 0; i < num_column_families; i++) {
    cfs.emplace_back(std::string(column_family_names[i]),
                     ColumnFamilyOptions(column_family_options[i]->rep));
  }
  return cfs;
}

rocksdb_t* CApiOpenColumnFamilies(
    const rocksdb_options_t* db_options, const char* name,
    int num_column_families, const char* const* column_family_names,
    const rocksdb_options_t* const* column_family_options,
    rocksdb_column_family_handle_t** column_family_handles, bool read_only,
    bool error_if_wal_file_exists, char** errptr) {
  std::vector<ColumnFamilyDescriptor> cfs = CApiDescriptors(
      num_column_families, column_family_names, column_family_options);
  std::vector<ColumnFamilyHandle*> handles;
  DB* db = nullptr;
  Status s =
      read_only
          ? DB::OpenForReadOnly(DBOptions(db_options->rep), std::string(name),
                                cfs, &handles, &db, error_if_wal_file_exists)
          : DB::Open(DBOptions(db_options->rep), std::string(name), cfs,
                     &handles, &db);
  if (CApiSaveError(errptr, s)) return nullptr;
  for (size_t i = 0; i < handles.size(); i++) {
    column_family_handles[i] = new rocksdb_column_family_handle_t{handles[i]};
  }
  return new rocksdb_t{db};
}

void CApiMultiGetResults(const std::vector<Status>& statuses,
                         const std::vector<std::string>& values,
                         char** values_list, size_t* values_list_sizes,
                         char** errs) {
  for (size_t i = 0; i < statuses.size(); i++) {
    errs[i] = nullptr;
    values_list[i] = nullptr;
    values_list_sizes[i] = 0;
    if (statuses[i].ok()) {
      values_list[i] = CApiCopyBytes(values[i]);
      values_list_sizes[i] = values[i].size();
    } else if (!statuses[i].IsNotFound()) {
      errs[i] = CApiCopyString(statuses[i].ToString());
    }
  }
}

rocksdb_pinnableslice_t* CApiGetPinned(rocksdb_t* db,
                                       const rocksdb_readoptions_t* options,
                                       ColumnFamilyHandle* column_family,
                                       const char* key, size_t keylen,
                                       char** errptr) {
  auto* v = new rocksdb_pinnableslice_t;
  Status s =
      db->rep->Get(options->rep, column_family, Slice(key, keylen), &v->rep);
  if (!s.ok()) {
    delete v;
    if (!s.IsNotFound()) CApiSaveError(errptr, s);
    return nullptr;
  }
  return v;
}

}  // namespace

extern "C" {

rocksdb_t* rocksdb_open(const rocksdb_options_t* options, const char* name,
                        char** errptr) {
  DB* db = nullptr;
  if (CApiSaveError(errptr, DB::Open(options->rep, std::string(name), &db))) {
    return nullptr;
  }
  return new rocksdb_t{db};
}

rocksdb_t* rocksdb_open_for_read_only(const rocksdb_options_t* options,
                                      const char* name,
                                      unsigned char error_if_wal_file_exists,
                                      char** errptr) {
  DB* db = nullptr;
  if (CApiSaveError(errptr,
                    DB::OpenForReadOnly(options->rep, std::string(name), &db,
                                        error_if_wal_file_exists != 0))) {
    return nullptr;
  }
  return new rocksdb_t{db};
}

rocksdb_t* rocksdb_open_column_families(
    const rocksdb_options_t* options, const char* name, int num_column_families,
    const char* const* column_family_names,
    const rocksdb_options_t* const* column_family_options,
    rocksdb_column_family_handle_t** column_family_handles, char** errptr) {
  return CApiOpenColumnFamilies(options, name, num_column_families,
                                column_family_names, column_family_options,
                                column_family_handles, false, false, errptr);
}

rocksdb_t* rocksdb_open_for_read_only_column_families(
    const rocksdb_options_t* options, const char* name, int num_column_families,
    const char* const* column_family_names,
    const rocksdb_options_t* const* column_family_options,
    rocksdb_column_family_handle_t** column_family_handles,
    unsigned char error_if_wal_file_exists, char** errptr) {
  return CApiOpenColumnFamilies(options, name, num_column_families,
                                column_family_names, column_family_options,
                                column_family_handles, true,
                                error_if_wal_file_exists != 0, errptr);
}

rocksdb_t* rocksdb_open_as_secondary(const rocksdb_options_t* options,
                                     const char* name,
                                     const char* secondary_path,
                                     char** errptr) {
  DB* db = nullptr;
  if (CApiSaveError(errptr,
                    DB::OpenAsSecondary(options->rep, std::string(name),
                                        std::string(secondary_path), &db))) {
    return nullptr;
  }
  return new rocksdb_t{db};
}

rocksdb_t* rocksdb_open_as_secondary_column_families(
    const rocksdb_options_t* options, const char* name,
    const char* secondary_path, int num_column_families,
    const char* const* column_family_names,
    const rocksdb_options_t* const* column_family_options,
    rocksdb_column_family_handle_t** column_family_handles, char** errptr) {
  std::vector<ColumnFamilyDescriptor> cfs = CApiDescriptors(
      num_column_families, column_family_names, column_family_options);
  std::vector<ColumnFamilyHandle*> handles;
  DB* db = nullptr;
  if (CApiSaveError(errptr, DB::OpenAsSecondary(
                                DBOptions(options->rep), std::string(name),
                                std::string(secondary_path), cfs, &handles,
                                &db))) {
    return nullptr;
  }
  for (size_t i = 0; i < handles.size(); i++) {
    column_family_handles[i] = new rocksdb_column_family_handle_t{handles[i]};
  }
  return new rocksdb_t{db};
}

void rocksdb_try_catch_up_with_primary(rocksdb_t* db, char** errptr) {
  CApiSaveError(errptr, db->rep->TryCatchUpWithPrimary());
}

char** rocksdb_list_column_families(const rocksdb_options_t* options,
                                    const char* name, size_t* lencf,
                                    char** errptr) {
  std::vector<std::string> names;
  *lencf = 0;
  if (CApiSaveError(errptr, DB::ListColumnFamilies(DBOptions(options->rep),
                                                   std::string(name),
                                                   &names))) {
    return nullptr;
  }
  *lencf = names.size();
  char** list =
      static_cast<char**>(std::malloc(sizeof(char*) * (names.size() + 1)));
  for (size_t i = 0; i < names.size(); i++) list[i] = CApiCopyString(names[i]);
  list[names.size()] = nullptr;
  return list;
}

void rocksdb_list_column_families_destroy(char** list, size_t len) {
  for (size_t i = 0; i < len; i++) std::free(list[i]);
  std::free(list);
}

// As in RocksDB, a handle is returned even when the creation fails (its
// rep is then null): destroying it is always allowed.
rocksdb_column_family_handle_t* rocksdb_create_column_family(
    rocksdb_t* db, const rocksdb_options_t* column_family_options,
    const char* column_family_name, char** errptr) {
  auto* handle = new rocksdb_column_family_handle_t{nullptr};
  CApiSaveError(errptr, db->rep->CreateColumnFamily(
                            ColumnFamilyOptions(column_family_options->rep),
                            std::string(column_family_name), &handle->rep));
  return handle;
}

void rocksdb_drop_column_family(rocksdb_t* db,
                                rocksdb_column_family_handle_t* handle,
                                char** errptr) {
  CApiSaveError(errptr, db->rep->DropColumnFamily(handle->rep));
}

void rocksdb_column_family_handle_destroy(
    rocksdb_column_family_handle_t* handle) {
  delete handle->rep;
  delete handle;
}

uint32_t rocksdb_column_family_handle_get_id(
    rocksdb_column_family_handle_t* handle) {
  return handle->rep->GetID();
}

char* rocksdb_column_family_handle_get_name(
    rocksdb_column_family_handle_t* handle, size_t* name_len) {
  const std::string& name = handle->rep->GetName();
  *name_len = name.size();
  return CApiCopyString(name);
}

void rocksdb_close(rocksdb_t* db) {
  delete db->rep;
  delete db;
}

void rocksdb_destroy_db(const rocksdb_options_t* options, const char* name,
                        char** errptr) {
  CApiSaveError(errptr, DestroyDB(std::string(name), options->rep));
}

void rocksdb_put(rocksdb_t* db, const rocksdb_writeoptions_t* options,
                 const char* key, size_t keylen, const char* val,
                 size_t vallen, char** errptr) {
  CApiSaveError(errptr, db->rep->Put(options->rep, Slice(key, keylen),
                                     Slice(val, vallen)));
}

void rocksdb_put_cf(rocksdb_t* db, const rocksdb_writeoptions_t* options,
                    rocksdb_column_family_handle_t* column_family,
                    const char* key, size_t keylen, const char* val,
                    size_t vallen, char** errptr) {
  CApiSaveError(errptr,
                db->rep->Put(options->rep, column_family->rep,
                             Slice(key, keylen), Slice(val, vallen)));
}

void rocksdb_delete(rocksdb_t* db, const rocksdb_writeoptions_t* options,
                    const char* key, size_t keylen, char** errptr) {
  CApiSaveError(errptr, db->rep->Delete(options->rep, Slice(key, keylen)));
}

void rocksdb_delete_cf(rocksdb_t* db, const rocksdb_writeoptions_t* options,
                       rocksdb_column_family_handle_t* column_family,
                       const char* key, size_t keylen, char** errptr) {
  CApiSaveError(errptr, db->rep->Delete(options->rep, column_family->rep,
                                        Slice(key, keylen)));
}

void rocksdb_singledelete(rocksdb_t* db, const rocksdb_writeoptions_t* options,
                          const char* key, size_t keylen, char** errptr) {
  CApiSaveError(errptr,
                db->rep->SingleDelete(options->rep, Slice(key, keylen)));
}

void rocksdb_singledelete_cf(rocksdb_t* db,
                             const rocksdb_writeoptions_t* options,
                             rocksdb_column_family_handle_t* column_family,
                             const char* key, size_t keylen, char** errptr) {
  CApiSaveError(errptr, db->rep->SingleDelete(options->rep, column_family->rep,
                                              Slice(key, keylen)));
}

void rocksdb_delete_range_cf(rocksdb_t* db,
                             const rocksdb_writeoptions_t* options,
                             rocksdb_column_family_handle_t* column_family,
                             const char* start_key, size_t start_key_len,
                             const char* end_key, size_t end_key_len,
                             char** errptr) {
  CApiSaveError(errptr,
                db->rep->DeleteRange(options->rep, column_family->rep,
                                     Slice(start_key, start_key_len),
                                     Slice(end_key, end_key_len)));
}

void rocksdb_merge(rocksdb_t* db, const rocksdb_writeoptions_t* options,
                   const char* key, size_t keylen, const char* val,
                   size_t vallen, char** errptr) {
  CApiSaveError(errptr, db->rep->Merge(options->rep, Slice(key, keylen),
                                       Slice(val, vallen)));
}

void rocksdb_merge_cf(rocksdb_t* db, const rocksdb_writeoptions_t* options,
                      rocksdb_column_family_handle_t* column_family,
                      const char* key, size_t keylen, const char* val,
                      size_t vallen, char** errptr) {
  CApiSaveError(errptr,
                db->rep->Merge(options->rep, column_family->rep,
                               Slice(key, keylen), Slice(val, vallen)));
}

void rocksdb_write(rocksdb_t* db, const rocksdb_writeoptions_t* options,
                   rocksdb_writebatch_t* batch, char** errptr) {
  CApiSaveError(errptr, db->rep->Write(options->rep, &batch->rep));
}

char* rocksdb_get(rocksdb_t* db, const rocksdb_readoptions_t* options,
                  const char* key, size_t keylen, size_t* vallen,
                  char** errptr) {
  std::string value;
  Status s = db->rep->Get(options->rep, Slice(key, keylen), &value);
  return CApiGetResult(s, value, vallen, errptr);
}

char* rocksdb_get_cf(rocksdb_t* db, const rocksdb_readoptions_t* options,
                     rocksdb_column_family_handle_t* column_family,
                     const char* key, size_t keylen, size_t* vallen,
                     char** errptr) {
  std::string value;
  Status s =
      db->rep->Get(options->rep, column_family->rep, Slice(key, keylen), &value);
  return CApiGetResult(s, value, vallen, errptr);
}

void rocksdb_multi_get(rocksdb_t* db, const rocksdb_readoptions_t* options,
                       size_t num_keys, const char* const* keys_list,
                       const size_t* keys_list_sizes, char** values_list,
                       size_t* values_list_sizes, char** errs) {
  std::vector<Slice> keys;
  for (size_t i = 0; i < num_keys; i++) {
    keys.emplace_back(keys_list[i], keys_list_sizes[i]);
  }
  std::vector<std::string> values(num_keys);
  std::vector<Status> statuses = db->rep->MultiGet(options->rep, keys, &values);
  CApiMultiGetResults(statuses, values, values_list, values_list_sizes, errs);
}

void rocksdb_multi_get_cf(
    rocksdb_t* db, const rocksdb_readoptions_t* options,
    const rocksdb_column_family_handle_t* const* column_families,
    size_t num_keys, const char* const* keys_list,
    const size_t* keys_list_sizes, char** values_list,
    size_t* values_list_sizes, char** errs) {
  std::vector<Slice> keys;
  std::vector<ColumnFamilyHandle*> cfs;
  for (size_t i = 0; i < num_keys; i++) {
    keys.emplace_back(keys_list[i], keys_list_sizes[i]);
    cfs.push_back(column_families[i]->rep);
  }
  std::vector<std::string> values(num_keys);
  std::vector<Status> statuses =
      db->rep->MultiGet(options->rep, cfs, keys, &values);
  CApiMultiGetResults(statuses, values, values_list, values_list_sizes, errs);
}

// values[i] is a new pinnable slice for a found key and NULL otherwise;
// errs[i] a malloc()ed message for a failed one, else NULL.
void rocksdb_batched_multi_get_cf(rocksdb_t* db,
                                  const rocksdb_readoptions_t* options,
                                  rocksdb_column_family_handle_t* column_family,
                                  size_t num_keys, const char* const* keys_list,
                                  const size_t* keys_list_sizes,
                                  rocksdb_pinnableslice_t** values, char** errs,
                                  const bool sorted_input) {
  std::vector<Slice> keys;
  for (size_t i = 0; i < num_keys; i++) {
    keys.emplace_back(keys_list[i], keys_list_sizes[i]);
  }
  std::vector<PinnableSlice> found(num_keys);
  std::vector<Status> statuses(num_keys);
  db->rep->MultiGet(options->rep, column_family->rep, num_keys, keys.data(),
                    found.data(), statuses.data(), sorted_input);
  for (size_t i = 0; i < num_keys; i++) {
    values[i] = nullptr;
    errs[i] = nullptr;
    if (statuses[i].ok()) {
      values[i] = new rocksdb_pinnableslice_t;
      values[i]->rep.PinSelf(found[i]);
    } else if (!statuses[i].IsNotFound()) {
      errs[i] = CApiCopyString(statuses[i].ToString());
    }
  }
}

rocksdb_pinnableslice_t* rocksdb_get_pinned(
    rocksdb_t* db, const rocksdb_readoptions_t* options, const char* key,
    size_t keylen, char** errptr) {
  return CApiGetPinned(db, options, db->rep->DefaultColumnFamily(), key,
                       keylen, errptr);
}

rocksdb_pinnableslice_t* rocksdb_get_pinned_cf(
    rocksdb_t* db, const rocksdb_readoptions_t* options,
    rocksdb_column_family_handle_t* column_family, const char* key,
    size_t keylen, char** errptr) {
  return CApiGetPinned(db, options, column_family->rep, key, keylen, errptr);
}

void rocksdb_pinnableslice_destroy(rocksdb_pinnableslice_t* v) { delete v; }

const char* rocksdb_pinnableslice_value(const rocksdb_pinnableslice_t* v,
                                        size_t* vlen) {
  if (v == nullptr) {
    *vlen = 0;
    return nullptr;
  }
  *vlen = v->rep.size();
  return v->rep.data();
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
