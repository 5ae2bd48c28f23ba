// The public cloud API's factories (rocksdb/cloud/cloud_file_system.h),
// which pick the object store per bucket and build a CloudFileSystemImpl.
// The plain parts (credentials, buckets, options strings, accessors) are in
// cloud/cloud_options.cc.
#include "cloud/azure_store.h"
#include "cloud/cloud_file_system_impl.h"
#include "cloud/cloud_options.h"
#include "cloud/gcs_store.h"
#include "cloud/s3_store.h"

namespace ROCKSDB_NAMESPACE {

// --- factories
// -----------------------------------------------------------------

namespace {

// The local-directory store of a bucket: <root>/<bucket>.
IOStatus LocalDirBucketStore(const std::string& root, const std::string& bucket,
                             bool create, std::shared_ptr<ObjectStore>* store) {
  const std::string dir = root + "/" + bucket;
  if (create) {
    IOStatus io =
        FileSystem::Default()->CreateDirIfMissing(root, IOOptions(), nullptr);
    if (!io.ok()) return io;
  }
  if (!create &&
      !FileSystem::Default()->FileExists(dir, IOOptions(), nullptr).ok()) {
    return IOStatus::NotFound("bucket directory " + dir,
                              "does not exist (create_bucket_if_missing "
                              "is false)");
  }
  std::unique_ptr<ObjectStore> local;
  IOStatus io = NewLocalDirStore(dir, &local);
  if (io.ok()) store->reset(local.release());
  return io;
}

void OverrideBucket(BucketOptions* b, const std::string& bucket,
                    const std::string& object, const std::string& region) {
  if (!bucket.empty()) b->SetBucketName(bucket);
  if (!object.empty()) b->SetObjectPath(object);
  if (!region.empty()) b->SetRegion(region);
}

}  // namespace

Status CloudFileSystemEnv::NewAwsFileSystem(
    const std::shared_ptr<FileSystem>& base_fs,
    const std::string& src_cloud_bucket, const std::string& src_cloud_object,
    const std::string& src_cloud_region, const std::string& dest_cloud_bucket,
    const std::string& dest_cloud_object, const std::string& dest_cloud_region,
    const CloudFileSystemOptions& cloud_options,
    const std::shared_ptr<Logger>& logger, CloudFileSystem** cfs) {
  CloudFileSystemOptions o = cloud_options;
  OverrideBucket(&o.src_bucket, src_cloud_bucket, src_cloud_object,
                 src_cloud_region);
  OverrideBucket(&o.dest_bucket, dest_cloud_bucket, dest_cloud_object,
                 dest_cloud_region);
  return NewAwsFileSystem(base_fs, o, logger, cfs);
}

Status CloudFileSystemEnv::NewAwsFileSystem(
    const std::shared_ptr<FileSystem>& base_fs,
    const CloudFileSystemOptions& cloud_options,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  const CloudFileSystemOptions o = cloud_options;
  // A file:// endpoint (options or AWS_ENDPOINT_URL[_S3]) puts the buckets
  // in a local directory: the same program runs without a network.
  std::string endpoint = o.endpoint_override;
  if (endpoint.empty()) {
    endpoint = CloudEnvValue("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
  }
  if (endpoint.rfind("file://", 0) == 0) {
    const std::string root = endpoint.substr(7);
    const bool create = o.create_bucket_if_missing;
    auto local = [root, create](const std::string& bucket,
                                const std::string& /*region*/,
                                std::shared_ptr<ObjectStore>* store) {
      return LocalDirBucketStore(root, bucket, create, store);
    };
    return CloudFileSystemImpl::Create(base_fs, o, local,
                                       CloudFileSystem::kAws(), cfs);
  }
  auto factory = [o](const std::string& bucket, const std::string& region,
                     std::shared_ptr<ObjectStore>* store) {
    S3StoreOptions so;
    so.bucket = bucket;
    so.region = region;  // empty: ResolveS3Config's precedence
    so.endpoint = o.endpoint_override;
    // RocksDB-Cloud's access types: the keys given (kSimple, kUndefined),
    // the environment's chain (kEnvironment), the container or instance
    // role (kInstance, kTaskRole), unsigned (kAnonymous), the profile of
    // a credentials file (kConfig).
    using Mode = AwsCredentialsOptions::Mode;
    switch (o.credentials.type) {
      case AwsAccessType::kInstance:
      case AwsAccessType::kTaskRole:
        so.credentials_mode = Mode::kInstance;
        break;
      case AwsAccessType::kAnonymous:
        so.credentials_mode = Mode::kAnonymous;
        break;
      case AwsAccessType::kConfig:
        so.credentials_mode = Mode::kProfile;
        so.credentials_file = o.credentials.config_file;
        break;
      case AwsAccessType::kEnvironment:
        break;
      case AwsAccessType::kSimple:
      case AwsAccessType::kUndefined:
        so.credentials.access_key_id = o.credentials.access_key_id;
        so.credentials.secret_access_key = o.credentials.secret_key;
        so.credentials.session_token = o.credentials.session_token;
        break;
    }
    if (o.credentials.type == AwsAccessType::kSimple &&
        so.credentials.access_key_id.empty()) {
      return IOStatus(o.credentials.HasValid());
    }
    if (o.request_timeout_ms > 0) {
      so.timeouts.total_ms = static_cast<long>(o.request_timeout_ms);
    }
    std::unique_ptr<ObjectStore> s3;
    IOStatus io = NewS3Store(so, &s3);
    if (io.ok()) store->reset(s3.release());
    return io;
  };
  return CloudFileSystemImpl::Create(base_fs, o, factory,
                                     CloudFileSystem::kAws(), cfs);
}

Status CloudFileSystemEnv::NewLocalDirFileSystem(
    const std::shared_ptr<FileSystem>& base_fs, const std::string& root_dir,
    const CloudFileSystemOptions& cloud_options,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  if (root_dir.empty()) {
    return Status::InvalidArgument("NewLocalDirFileSystem: empty root_dir");
  }
  const bool create = cloud_options.create_bucket_if_missing;
  auto factory = [root_dir, create](const std::string& bucket,
                                    const std::string& /*region*/,
                                    std::shared_ptr<ObjectStore>* store) {
    return LocalDirBucketStore(root_dir, bucket, create, store);
  };
  return CloudFileSystemImpl::Create(base_fs, cloud_options, factory,
                                     CloudFileSystem::kCloud(), cfs);
}

namespace {

// The factory of a provider whose options have a bucket (or container)
// field, `endpoint` and `timeouts`: one store per bucket, opened by open.
template <typename StoreOptions>
ObjectStoreFactory ProviderStoreFactory(
    const CloudFileSystemOptions& o, std::string StoreOptions::*bucket_field,
    IOStatus (*open)(const StoreOptions&, std::unique_ptr<ObjectStore>*)) {
  return [o, bucket_field, open](const std::string& bucket,
                                 const std::string& /*region*/,
                                 std::shared_ptr<ObjectStore>* store) {
    StoreOptions so;
    so.*bucket_field = bucket;
    so.endpoint = o.endpoint_override;
    if (o.request_timeout_ms > 0) {
      so.timeouts.total_ms = static_cast<long>(o.request_timeout_ms);
    }
    std::unique_ptr<ObjectStore> opened;
    IOStatus io = open(so, &opened);
    if (io.ok()) store->reset(opened.release());
    return io;
  };
}

}  // namespace

Status CloudFileSystemEnv::NewGcsFileSystem(
    const std::shared_ptr<FileSystem>& base_fs,
    const CloudFileSystemOptions& cloud_options,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  return CloudFileSystemImpl::Create(
      base_fs, cloud_options,
      ProviderStoreFactory(cloud_options, &GcsStoreOptions::bucket,
                           &NewGcsStore),
      "gcs", cfs);
}

Status CloudFileSystemEnv::NewAzureFileSystem(
    const std::shared_ptr<FileSystem>& base_fs,
    const CloudFileSystemOptions& cloud_options,
    const std::shared_ptr<Logger>& /*logger*/, CloudFileSystem** cfs) {
  IOStatus (*open)(const AzureStoreOptions&, std::unique_ptr<ObjectStore>*) =
      &NewAzureStore;
  return CloudFileSystemImpl::Create(
      base_fs, cloud_options,
      ProviderStoreFactory(cloud_options, &AzureStoreOptions::container, open),
      "azure", cfs);
}

Status CloudFileSystem::NewAwsFileSystem(
    const std::shared_ptr<FileSystem>& base_fs,
    const std::string& src_cloud_bucket, const std::string& src_cloud_object,
    const std::string& src_cloud_region, const std::string& dest_cloud_bucket,
    const std::string& dest_cloud_object, const std::string& dest_cloud_region,
    const CloudFileSystemOptions& cloud_options,
    const std::shared_ptr<Logger>& logger, CloudFileSystem** cfs) {
  return CloudFileSystemEnv::NewAwsFileSystem(
      base_fs, src_cloud_bucket, src_cloud_object, src_cloud_region,
      dest_cloud_bucket, dest_cloud_object, dest_cloud_region, cloud_options,
      logger, cfs);
}

Status CloudFileSystem::NewAwsFileSystem(
    const std::shared_ptr<FileSystem>& base_fs,
    const CloudFileSystemOptions& cloud_options,
    const std::shared_ptr<Logger>& logger, CloudFileSystem** cfs) {
  return CloudFileSystemEnv::NewAwsFileSystem(base_fs, cloud_options, logger,
                                              cfs);
}

}  // namespace ROCKSDB_NAMESPACE
