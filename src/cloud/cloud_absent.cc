// The public cloud entry points when the pair is compiled with
// SKYROCKS_NO_CLOUD (scripts/amalgamate.manifest leaves the cloud layer out
// of skyrocks.cpp; doc/packaging.md): every factory of a cloud file system
// and every DBCloud call returns NotSupported naming the call and the
// macro, so a local-only program that still mentions them links and fails
// clearly at run time. The options types (cloud/cloud_options.cc) keep
// working. Without the macro this file is empty.
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/cloud/cloud_file_system.h"
#include "rocksdb/cloud/db_cloud.h"

#if defined(SKYROCKS_NO_CLOUD)

namespace ROCKSDB_NAMESPACE {

namespace {

Status CloudCompiledOut(const char* call) {
  return Status::NotSupported(
      call, "skyrocks was compiled with SKYROCKS_NO_CLOUD: there is no cloud "
            "layer (S3, GCS, Azure, local-directory buckets); rebuild "
            "skyrocks.cpp without that macro and link libcurl, OpenSSL and "
            "libxml2");
}

}  // namespace

Status CloudFileSystemEnv::NewAwsFileSystem(
    const std::shared_ptr<FileSystem>& /*base_fs*/,
    const std::string& /*src_cloud_bucket*/,
    const std::string& /*src_cloud_object*/,
    const std::string& /*src_cloud_region*/,
    const std::string& /*dest_cloud_bucket*/,
    const std::string& /*dest_cloud_object*/,
    const std::string& /*dest_cloud_region*/,
    const CloudFileSystemOptions& /*cloud_options*/,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  *cfs = nullptr;
  return CloudCompiledOut("CloudFileSystemEnv::NewAwsFileSystem");
}

Status CloudFileSystemEnv::NewAwsFileSystem(
    const std::shared_ptr<FileSystem>& /*base_fs*/,
    const CloudFileSystemOptions& /*cloud_options*/,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  *cfs = nullptr;
  return CloudCompiledOut("CloudFileSystemEnv::NewAwsFileSystem");
}

Status CloudFileSystemEnv::NewGcsFileSystem(
    const std::shared_ptr<FileSystem>& /*base_fs*/,
    const CloudFileSystemOptions& /*cloud_options*/,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  *cfs = nullptr;
  return CloudCompiledOut("CloudFileSystemEnv::NewGcsFileSystem");
}

Status CloudFileSystemEnv::NewAzureFileSystem(
    const std::shared_ptr<FileSystem>& /*base_fs*/,
    const CloudFileSystemOptions& /*cloud_options*/,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  *cfs = nullptr;
  return CloudCompiledOut("CloudFileSystemEnv::NewAzureFileSystem");
}

Status CloudFileSystemEnv::NewLocalDirFileSystem(
    const std::shared_ptr<FileSystem>& /*base_fs*/,
    const std::string& /*root_dir*/,
    const CloudFileSystemOptions& /*cloud_options*/,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  *cfs = nullptr;
  return CloudCompiledOut("CloudFileSystemEnv::NewLocalDirFileSystem");
}

Status CloudFileSystem::NewAwsFileSystem(
    const std::shared_ptr<FileSystem>& /*base_fs*/,
    const std::string& /*src_cloud_bucket*/,
    const std::string& /*src_cloud_object*/,
    const std::string& /*src_cloud_region*/,
    const std::string& /*dest_cloud_bucket*/,
    const std::string& /*dest_cloud_object*/,
    const std::string& /*dest_cloud_region*/,
    const CloudFileSystemOptions& /*cloud_options*/,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  *cfs = nullptr;
  return CloudCompiledOut("CloudFileSystem::NewAwsFileSystem");
}

Status CloudFileSystem::NewAwsFileSystem(
    const std::shared_ptr<FileSystem>& /*base_fs*/,
    const CloudFileSystemOptions& /*cloud_options*/,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  *cfs = nullptr;
  return CloudCompiledOut("CloudFileSystem::NewAwsFileSystem");
}

Status DBCloud::Open(const Options& /*options*/,
                     const std::string& /*local_dbname*/,
                     const std::string& /*persistent_cache_path*/,
                     const uint64_t /*persistent_cache_size_gb*/,
                     DBCloud** dbptr, bool /*read_only*/) {
  *dbptr = nullptr;
  return CloudCompiledOut("DBCloud::Open");
}

Status DBCloud::Open(
    const Options& /*options*/, const std::string& /*local_dbname*/,
    const std::vector<ColumnFamilyDescriptor>& /*column_families*/,
    const std::string& /*persistent_cache_path*/,
    const uint64_t /*persistent_cache_size_gb*/,
    std::vector<ColumnFamilyHandle*>* /*handles*/, DBCloud** dbptr,
    bool /*read_only*/) {
  *dbptr = nullptr;
  return CloudCompiledOut("DBCloud::Open");
}

Status DBCloud::OpenAsSecondary(const Options& /*options*/,
                                const std::string& /*local_dbname*/,
                                const std::string& /*secondary_path*/,
                                DBCloud** dbptr) {
  *dbptr = nullptr;
  return CloudCompiledOut("DBCloud::OpenAsSecondary");
}

Status DBCloud::OpenAsSecondary(
    const Options& /*options*/, const std::string& /*local_dbname*/,
    const std::string& /*secondary_path*/,
    const std::vector<ColumnFamilyDescriptor>& /*column_families*/,
    std::vector<ColumnFamilyHandle*>* /*handles*/, DBCloud** dbptr) {
  *dbptr = nullptr;
  return CloudCompiledOut("DBCloud::OpenAsSecondary");
}

Status DBCloud::ListColumnFamilies(
    const DBOptions& /*db_options*/, const std::string& /*name*/,
    std::vector<std::string>* /*column_families*/) {
  return CloudCompiledOut("DBCloud::ListColumnFamilies");
}

}  // namespace ROCKSDB_NAMESPACE

#endif  // defined(SKYROCKS_NO_CLOUD)
