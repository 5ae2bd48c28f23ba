// skyrocks' C entry points for RocksDB-Cloud's DBCloud (RocksDB-Cloud has
// no C API): CloudFileSystemOptions, the cloud file system (an S3 or
// S3-compatible store, or the local-directory store whose buckets are
// directories), and opening a DB on it, in the style of rocksdb/c.h
// (opaque types, *_create/*_destroy, `char** errptr` last, malloc()ed
// results). A DB opened here is a rocksdb_t: every rocksdb_* call works on
// it, and rocksdb_close closes it. The implementation is in
// src/c/c_cloud.cc; the semantics are DBCloud's
// (rocksdb/cloud/db_cloud.h).
//
// Lifetimes: a rocksdb_cloud_fs_t must outlive every DB opened on it (close
// them first); options given to rocksdb_cloud_options_set_fs only point at
// it. One cloud file system serves one DB at a time.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_CLOUD_C_H_
#define SKYROCKS_INCLUDE_ROCKSDB_CLOUD_C_H_

#include "rocksdb/c.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rocksdb_cloud_fs_options_t rocksdb_cloud_fs_options_t;
typedef struct rocksdb_cloud_fs_t rocksdb_cloud_fs_t;

/* CloudFileSystemOptions. create: RocksDB-Cloud's defaults (buckets and
   credentials from the environment variables RocksDB-Cloud reads). */
extern ROCKSDB_LIBRARY_API rocksdb_cloud_fs_options_t*
rocksdb_cloud_fs_options_create(void);
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_options_destroy(
    rocksdb_cloud_fs_options_t* options);
/* The bucket the DB is read from (src) and where new files go (dest):
   equal for a durable DB, different for a clone. bucket_prefix NULL or ""
   keeps the current prefix ("rockset." by default); region NULL or ""
   keeps the current one. */
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_options_set_src_bucket(
    rocksdb_cloud_fs_options_t* options, const char* bucket_prefix,
    const char* bucket_name, const char* object_path, const char* region);
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_options_set_dest_bucket(
    rocksdb_cloud_fs_options_t* options, const char* bucket_prefix,
    const char* bucket_name, const char* object_path, const char* region);
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_options_set_credentials(
    rocksdb_cloud_fs_options_t* options, const char* access_key_id,
    const char* secret_key);
/* "http://host:port" for an S3-compatible store, or "file:///dir" for the
   local-directory store under /dir. */
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_options_set_endpoint_override(
    rocksdb_cloud_fs_options_t* options, const char* endpoint);
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_options_set_keep_local_sst_files(
    rocksdb_cloud_fs_options_t* options, unsigned char v);
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_options_set_sst_file_cache_bytes(
    rocksdb_cloud_fs_options_t* options, uint64_t v);
extern ROCKSDB_LIBRARY_API void
rocksdb_cloud_fs_options_set_create_bucket_if_missing(
    rocksdb_cloud_fs_options_t* options, unsigned char v);
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_options_set_resync_on_open(
    rocksdb_cloud_fs_options_t* options, unsigned char v);
/* Options from RocksDB-Cloud's option string ("keep_local_sst_files=true;
   ..."), and the options as such a string (malloc()ed). */
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_options_configure(
    rocksdb_cloud_fs_options_t* options, const char* opts_str, char** errptr);
extern ROCKSDB_LIBRARY_API char* rocksdb_cloud_fs_options_serialize(
    const rocksdb_cloud_fs_options_t* options, char** errptr);

/* A cloud file system over the local disk: on S3 (or the endpoint
   override; AWS_ENDPOINT_URL when there is none), or on the local-directory
   store with its buckets under root_dir. NULL on error. */
extern ROCKSDB_LIBRARY_API rocksdb_cloud_fs_t* rocksdb_cloud_fs_create_aws(
    const rocksdb_cloud_fs_options_t* options, char** errptr);
extern ROCKSDB_LIBRARY_API rocksdb_cloud_fs_t* rocksdb_cloud_fs_create_local_dir(
    const char* root_dir, const rocksdb_cloud_fs_options_t* options,
    char** errptr);
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_fs_destroy(rocksdb_cloud_fs_t* fs);
/* Makes options open DBs on fs (their Env becomes fs's). */
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_options_set_fs(
    rocksdb_options_t* options, rocksdb_cloud_fs_t* fs);

/* DBCloud::Open. The persistent cache arguments are accepted and ignored,
   as DBCloud's are (the local SST cache is sst_file_cache_bytes). */
extern ROCKSDB_LIBRARY_API rocksdb_t* rocksdb_cloud_open(
    const rocksdb_options_t* options, const char* local_dbname,
    const char* persistent_cache_path, uint64_t persistent_cache_size_gb,
    unsigned char read_only, char** errptr);
extern ROCKSDB_LIBRARY_API rocksdb_t* rocksdb_cloud_open_column_families(
    const rocksdb_options_t* options, const char* local_dbname,
    int num_column_families, const char* const* column_family_names,
    const rocksdb_options_t* const* column_family_options,
    rocksdb_column_family_handle_t** column_family_handles,
    const char* persistent_cache_path, uint64_t persistent_cache_size_gb,
    unsigned char read_only, char** errptr);
/* The DB's column families as the bucket records them; free the list with
   rocksdb_list_column_families_destroy. */
extern ROCKSDB_LIBRARY_API char** rocksdb_cloud_list_column_families(
    const rocksdb_options_t* options, const char* local_dbname, size_t* lencf,
    char** errptr);
/* DBCloud::Savepoint and DBCloud::CheckpointToCloud; db must have been
   opened by rocksdb_cloud_open*. */
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_savepoint(rocksdb_t* db,
                                                        char** errptr);
extern ROCKSDB_LIBRARY_API void rocksdb_cloud_checkpoint_to_cloud(
    rocksdb_t* db, const char* bucket_prefix, const char* bucket_name,
    const char* object_path, const char* region, int thread_count,
    unsigned char flush_memtable, char** errptr);

#ifdef __cplusplus
}  /* end extern "C" */
#endif

#endif  // SKYROCKS_INCLUDE_ROCKSDB_CLOUD_C_H_
