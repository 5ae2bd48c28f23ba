// skyrocks' C entry points for DBCloud (rocksdb/cloud/c.h): the options
// wrap a CloudFileSystemOptions; a rocksdb_cloud_fs_t owns a
// CloudFileSystem and the composite Env that DBs opened on it use; the DB
// itself is an ordinary rocksdb_t whose rep is the DBCloud.
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "c/c_types.h"
#include "rocksdb/c.h"
#include "rocksdb/cloud/c.h"
#include "rocksdb/cloud/cloud_file_system.h"
#include "rocksdb/cloud/db_cloud.h"

struct rocksdb_cloud_fs_options_t {
  ROCKSDB_NAMESPACE::CloudFileSystemOptions rep;
};

// The file system, and the Env over it that options point at.
struct rocksdb_cloud_fs_t {
  std::shared_ptr<ROCKSDB_NAMESPACE::FileSystem> fs;
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env;
};

namespace ROCKSDB_NAMESPACE {
namespace {

bool CApiNonEmpty(const char* s) { return s != nullptr && s[0] != '\0'; }

void CApiSetBucket(BucketOptions* bucket, const char* bucket_prefix,
                   const char* bucket_name, const char* object_path,
                   const char* region) {
  bucket->SetBucketName(bucket_name,
                        CApiNonEmpty(bucket_prefix) ? bucket_prefix : "");
  bucket->SetObjectPath(object_path);
  if (CApiNonEmpty(region)) bucket->SetRegion(region);
}

rocksdb_cloud_fs_t* CApiWrapCloudFs(const Status& s, CloudFileSystem* cfs,
                                    char** errptr) {
  if (CApiSaveError(errptr, s)) {
    delete cfs;
    return nullptr;
  }
  auto* result = new rocksdb_cloud_fs_t;
  result->fs.reset(cfs);
  result->env = NewCompositeEnv(result->fs);
  return result;
}

DBCloud* CApiCloudDb(rocksdb_t* db, const char* what, char** errptr) {
  auto* cloud = dynamic_cast<DBCloud*>(db->rep);
  if (cloud == nullptr) {
    CApiSaveError(errptr, Status::InvalidArgument(
                              what, "the DB was not opened by rocksdb_cloud_open"));
  }
  return cloud;
}

}  // namespace

extern "C" {

rocksdb_cloud_fs_options_t* rocksdb_cloud_fs_options_create(void) {
  return new rocksdb_cloud_fs_options_t;
}

void rocksdb_cloud_fs_options_destroy(rocksdb_cloud_fs_options_t* options) {
  delete options;
}

void rocksdb_cloud_fs_options_set_src_bucket(
    rocksdb_cloud_fs_options_t* options, const char* bucket_prefix,
    const char* bucket_name, const char* object_path, const char* region) {
  CApiSetBucket(&options->rep.src_bucket, bucket_prefix, bucket_name,
                object_path, region);
}

void rocksdb_cloud_fs_options_set_dest_bucket(
    rocksdb_cloud_fs_options_t* options, const char* bucket_prefix,
    const char* bucket_name, const char* object_path, const char* region) {
  CApiSetBucket(&options->rep.dest_bucket, bucket_prefix, bucket_name,
                object_path, region);
}

void rocksdb_cloud_fs_options_set_credentials(
    rocksdb_cloud_fs_options_t* options, const char* access_key_id,
    const char* secret_key) {
  options->rep.credentials.InitializeSimple(access_key_id, secret_key);
}

void rocksdb_cloud_fs_options_set_endpoint_override(
    rocksdb_cloud_fs_options_t* options, const char* endpoint) {
  options->rep.endpoint_override = endpoint;
}

void rocksdb_cloud_fs_options_set_keep_local_sst_files(
    rocksdb_cloud_fs_options_t* options, unsigned char v) {
  options->rep.keep_local_sst_files = v != 0;
}

void rocksdb_cloud_fs_options_set_sst_file_cache_bytes(
    rocksdb_cloud_fs_options_t* options, uint64_t v) {
  options->rep.sst_file_cache_bytes = v;
}

void rocksdb_cloud_fs_options_set_create_bucket_if_missing(
    rocksdb_cloud_fs_options_t* options, unsigned char v) {
  options->rep.create_bucket_if_missing = v != 0;
}

void rocksdb_cloud_fs_options_set_resync_on_open(
    rocksdb_cloud_fs_options_t* options, unsigned char v) {
  options->rep.resync_on_open = v != 0;
}

void rocksdb_cloud_fs_options_configure(rocksdb_cloud_fs_options_t* options,
                                        const char* opts_str, char** errptr) {
  CApiSaveError(errptr, options->rep.Configure(std::string(opts_str)));
}

char* rocksdb_cloud_fs_options_serialize(
    const rocksdb_cloud_fs_options_t* options, char** errptr) {
  std::string out;
  if (CApiSaveError(errptr, options->rep.Serialize(&out))) return nullptr;
  return CApiCopyString(out);
}

rocksdb_cloud_fs_t* rocksdb_cloud_fs_create_aws(
    const rocksdb_cloud_fs_options_t* options, char** errptr) {
  CloudFileSystem* cfs = nullptr;
  Status s = CloudFileSystemEnv::NewAwsFileSystem(
      FileSystem::Default(), options->rep, nullptr, &cfs);
  return CApiWrapCloudFs(s, cfs, errptr);
}

rocksdb_cloud_fs_t* rocksdb_cloud_fs_create_local_dir(
    const char* root_dir, const rocksdb_cloud_fs_options_t* options,
    char** errptr) {
  CloudFileSystem* cfs = nullptr;
  Status s = CloudFileSystemEnv::NewLocalDirFileSystem(
      FileSystem::Default(), std::string(root_dir), options->rep, nullptr,
      &cfs);
  return CApiWrapCloudFs(s, cfs, errptr);
}

void rocksdb_cloud_fs_destroy(rocksdb_cloud_fs_t* fs) { delete fs; }

void rocksdb_cloud_options_set_fs(rocksdb_options_t* options,
                                  rocksdb_cloud_fs_t* fs) {
  options->rep.env = fs->env.get();
}

rocksdb_t* rocksdb_cloud_open(const rocksdb_options_t* options,
                              const char* local_dbname,
                              const char* persistent_cache_path,
                              uint64_t persistent_cache_size_gb,
                              unsigned char read_only, char** errptr) {
  DBCloud* db = nullptr;
  Status s = DBCloud::Open(
      options->rep, std::string(local_dbname),
      persistent_cache_path == nullptr ? "" : persistent_cache_path,
      persistent_cache_size_gb, &db, read_only != 0);
  if (CApiSaveError(errptr, s)) return nullptr;
  return new rocksdb_t{db};
}

rocksdb_t* rocksdb_cloud_open_column_families(
    const rocksdb_options_t* options, const char* local_dbname,
    int num_column_families, const char* const* column_family_names,
    const rocksdb_options_t* const* column_family_options,
    rocksdb_column_family_handle_t** column_family_handles,
    const char* persistent_cache_path, uint64_t persistent_cache_size_gb,
    unsigned char read_only, char** errptr) {
  std::vector<ColumnFamilyDescriptor> cfs;
  for (int i = 0; i < num_column_families; i++) {
    cfs.emplace_back(std::string(column_family_names[i]),
                     ColumnFamilyOptions(column_family_options[i]->rep));
  }
  std::vector<ColumnFamilyHandle*> handles;
  DBCloud* db = nullptr;
  Status s = DBCloud::Open(
      options->rep, std::string(local_dbname), cfs,
      persistent_cache_path == nullptr ? "" : persistent_cache_path,
      persistent_cache_size_gb, &handles, &db, read_only != 0);
  if (CApiSaveError(errptr, s)) return nullptr;
  for (size_t i = 0; i < handles.size(); i++) {
    column_family_handles[i] = new rocksdb_column_family_handle_t{handles[i]};
  }
  return new rocksdb_t{db};
}

char** rocksdb_cloud_list_column_families(const rocksdb_options_t* options,
                                          const char* local_dbname,
                                          size_t* lencf, char** errptr) {
  std::vector<std::string> names;
  *lencf = 0;
  if (CApiSaveError(errptr, DBCloud::ListColumnFamilies(
                                DBOptions(options->rep),
                                std::string(local_dbname), &names))) {
    return nullptr;
  }
  *lencf = names.size();
  char** list =
      static_cast<char**>(std::malloc(sizeof(char*) * (names.size() + 1)));
  for (size_t i = 0; i < names.size(); i++) list[i] = CApiCopyString(names[i]);
  list[names.size()] = nullptr;
  return list;
}

void rocksdb_cloud_savepoint(rocksdb_t* db, char** errptr) {
  DBCloud* cloud = CApiCloudDb(db, "rocksdb_cloud_savepoint", errptr);
  if (cloud != nullptr) CApiSaveError(errptr, cloud->Savepoint());
}

void rocksdb_cloud_checkpoint_to_cloud(rocksdb_t* db, const char* bucket_prefix,
                                       const char* bucket_name,
                                       const char* object_path,
                                       const char* region, int thread_count,
                                       unsigned char flush_memtable,
                                       char** errptr) {
  DBCloud* cloud = CApiCloudDb(db, "rocksdb_cloud_checkpoint_to_cloud", errptr);
  if (cloud == nullptr) return;
  BucketOptions destination;
  CApiSetBucket(&destination, bucket_prefix, bucket_name, object_path, region);
  CheckpointToCloudOptions options;
  options.thread_count = thread_count;
  options.flush_memtable = flush_memtable != 0;
  CApiSaveError(errptr, cloud->CheckpointToCloud(destination, options));
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
