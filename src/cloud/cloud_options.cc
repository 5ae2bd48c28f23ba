// The public cloud API's plain parts (rocksdb/cloud/cloud_file_system.h):
// BucketOptions and credentials with RocksDB-Cloud's environment
// behaviour, options as "key=value;" strings and CloudFileSystem's
// accessors; contract in
// cloud/cloud_options.h. No network and no library: this file is built
// also with SKYROCKS_NO_CLOUD (scripts/amalgamate.manifest).
#include "cloud/cloud_options.h"

#include <cstdlib>
#include <sstream>

#include "cloud/cloud_names.h"
#include "rocksdb/cloud/cloud_file_system.h"
#include "util/coding.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

std::string CloudEnvValue(const char* name, const char* alt) {
  for (const char* n : {name, alt}) {
    if (n == nullptr) continue;
    std::string v = GetEnvString(n);
    if (!v.empty()) return v;
  }
  return std::string();
}

namespace {

Status ParseCloudBool(const std::string& key, const std::string& v, bool* out) {
  if (v == "true" || v == "1") {
    *out = true;
  } else if (v == "false" || v == "0") {
    *out = false;
  } else {
    return Status::InvalidArgument("option " + key, "not a bool: '" + v + "'");
  }
  return Status::OK();
}

Status ParseCloudUint(const std::string& key, const std::string& v,
                      uint64_t* out) {
  if (!ParseDecimalUint64(v, out)) {
    return Status::InvalidArgument("option " + key,
                                   "not a number: '" + v + "'");
  }
  return Status::OK();
}

Status ConfigureBucket(BucketOptions* b, const std::string& field,
                       const std::string& v, const std::string& key) {
  if (field == "bucket") {
    b->SetBucketName(v);
  } else if (field == "prefix") {
    b->SetBucketPrefix(v);
  } else if (field == "object") {
    b->SetObjectPath(v);
  } else if (field == "region") {
    b->SetRegion(v);
  } else {
    return Status::InvalidArgument("unknown option " + key);
  }
  return Status::OK();
}

}  // namespace

// --- credentials and buckets -------------------------------------------------

AwsCloudAccessCredentials::AwsCloudAccessCredentials() {
  const std::string t =
      CloudEnvValue("ROCKSDB_AWS_ACCESS_TYPE", "rocksdb_aws_access_type");
  if (t == "simple") {
    type = AwsAccessType::kSimple;
  } else if (t == "instance" || t == "EC2") {
    type = AwsAccessType::kInstance;
  } else if (t == "environment") {
    type = AwsAccessType::kEnvironment;
  } else if (t == "config") {
    type = AwsAccessType::kConfig;
  } else if (t == "anonymous") {
    type = AwsAccessType::kAnonymous;
  } else if (t.empty() &&
             !CloudEnvValue("AWS_ACCESS_KEY_ID", nullptr).empty() &&
             !CloudEnvValue("AWS_SECRET_ACCESS_KEY", nullptr).empty()) {
    type = AwsAccessType::kEnvironment;
  }
}

void AwsCloudAccessCredentials::InitializeSimple(
    const std::string& aws_access_key_id, const std::string& aws_secret_key) {
  type = AwsAccessType::kSimple;
  access_key_id = aws_access_key_id;
  secret_key = aws_secret_key;
}

void AwsCloudAccessCredentials::InitializeSimple(const char* aws_access_key_id,
                                                 const char* aws_secret_key) {
  InitializeSimple(std::string(aws_access_key_id ? aws_access_key_id : ""),
                   std::string(aws_secret_key ? aws_secret_key : ""));
}

void AwsCloudAccessCredentials::InitializeConfig(
    const std::string& aws_config_file) {
  type = AwsAccessType::kConfig;
  config_file = aws_config_file;
}

Status AwsCloudAccessCredentials::HasValid() const {
  if (type == AwsAccessType::kSimple) {
    const std::string id = access_key_id.empty()
                               ? CloudEnvValue("AWS_ACCESS_KEY_ID", nullptr)
                               : access_key_id;
    const std::string secret =
        secret_key.empty() ? CloudEnvValue("AWS_SECRET_ACCESS_KEY", nullptr)
                           : secret_key;
    if (id.empty() || secret.empty()) {
      return Status::InvalidArgument(
          "AWS credentials: an access key id and a secret key are needed "
          "(arguments or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)");
    }
  }
  return Status::OK();
}

BucketOptions::BucketOptions() {
  prefix_ = CloudEnvValue("ROCKSDB_CLOUD_TEST_BUCKET_PREFIX",
                          "ROCKSDB_CLOUD_BUCKET_PREFIX");
  if (prefix_.empty()) prefix_ = "rockset.";
  bucket_ = CloudEnvValue("ROCKSDB_CLOUD_TEST_BUCKET_NAME",
                          "ROCKSDB_CLOUD_BUCKET_NAME");
  object_ = CloudEnvValue("ROCKSDB_CLOUD_TEST_OBECT_PATH",
                          "ROCKSDB_CLOUD_OBJECT_PATH");
  region_ = CloudEnvValue("ROCKSDB_CLOUD_TEST_REGION", "ROCKSDB_CLOUD_REGION");
}

void BucketOptions::SetBucketName(const std::string& bucket,
                                  const std::string& prefix) {
  if (!prefix.empty()) prefix_ = prefix;
  bucket_ = bucket;
}

void BucketOptions::SetBucketPrefix(const std::string& prefix) {
  prefix_ = prefix;
}

std::string BucketOptions::GetBucketName(bool full) const {
  if (bucket_.empty()) return std::string();
  return full ? prefix_ + bucket_ : bucket_;
}

bool BucketOptions::IsValid() const {
  return !object_.empty() && !GetBucketName().empty();
}

bool BucketOptions::operator==(const BucketOptions& other) const {
  return IsValid() && other.IsValid() &&
         GetBucketName() == other.GetBucketName() && object_ == other.object_ &&
         region_ == other.region_;
}

// --- options strings ---------------------------------------------------------

Status CloudFileSystemOptions::Configure(const ConfigOptions& config_options,
                                         const std::string& opts_str) {
  const std::string& delim = config_options.delimiter.empty()
                                 ? std::string(";")
                                 : config_options.delimiter;
  size_t start = 0;
  while (start <= opts_str.size()) {
    size_t end = opts_str.find(delim, start);
    if (end == std::string::npos) end = opts_str.size();
    std::string item = TrimWhitespace(opts_str.substr(start, end - start));
    start = end + delim.size();
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidArgument("option without '='", item);
    }
    const std::string key = TrimWhitespace(item.substr(0, eq));
    const std::string v = TrimWhitespace(item.substr(eq + 1));
    Status s;
    uint64_t n = 0;
    if (key == "keep_local_sst_files") {
      s = ParseCloudBool(key, v, &keep_local_sst_files);
    } else if (key == "keep_local_log_files") {
      s = ParseCloudBool(key, v, &keep_local_log_files);
    } else if (key == "wal_in_bucket") {
      s = ParseCloudBool(key, v, &wal_in_bucket);
    } else if (key == "wal_flush_interval_ms") {
      s = ParseCloudUint(key, v, &wal_flush_interval_ms);
    } else if (key == "wal_flush_bytes") {
      s = ParseCloudUint(key, v, &wal_flush_bytes);
    } else if (key == "replica_catch_up_interval_ms") {
      s = ParseCloudUint(key, v, &replica_catch_up_interval_ms);
    } else if (key == "allow_unfenced_writes") {
      s = ParseCloudBool(key, v, &allow_unfenced_writes);
    } else if (key == "validate_filesize") {
      s = ParseCloudBool(key, v, &validate_filesize);
    } else if (key == "create_bucket_if_missing") {
      s = ParseCloudBool(key, v, &create_bucket_if_missing);
    } else if (key == "resync_on_open") {
      s = ParseCloudBool(key, v, &resync_on_open);
    } else if (key == "skip_dbid_verification") {
      s = ParseCloudBool(key, v, &skip_dbid_verification);
    } else if (key == "skip_cloud_children_files") {
      s = ParseCloudBool(key, v, &skip_cloud_files_in_getchildren);
    } else if (key == "run_purger") {
      s = ParseCloudBool(key, v, &run_purger);
    } else if (key == "purger_periodicity_ms") {
      s = ParseCloudUint(key, v, &purger_periodicity_millis);
    } else if (key == "sst_file_cache_bytes") {
      s = ParseCloudUint(key, v, &sst_file_cache_bytes);
    } else if (key == "request_timeout_ms") {
      s = ParseCloudUint(key, v, &request_timeout_ms);
    } else if (key == "roll_cloud_manifest_on_open") {
      s = ParseCloudBool(key, v, &roll_cloud_manifest_on_open);
    } else if (key == "cookie_on_open") {
      cookie_on_open = v;
    } else if (key == "new_cookie_on_open") {
      new_cookie_on_open = v;
    } else if (key == "endpoint_override") {
      endpoint_override = v;
    } else if (key == "cloud_file_deletion_delay_seconds") {
      s = ParseCloudUint(key, v, &n);
      if (s.ok()) cloud_file_deletion_delay = std::chrono::seconds(n);
    } else if (key.rfind("src.", 0) == 0) {
      s = ConfigureBucket(&src_bucket, key.substr(4), v, key);
    } else if (key.rfind("dest.", 0) == 0) {
      s = ConfigureBucket(&dest_bucket, key.substr(5), v, key);
    } else if (!config_options.ignore_unknown_options) {
      s = Status::InvalidArgument("unknown cloud option " + key);
    }
    if (!s.ok()) return s;
  }
  return Status::OK();
}

Status CloudFileSystemOptions::Serialize(const ConfigOptions& config_options,
                                         std::string* result) const {
  std::ostringstream o;
  auto b = [](bool v) { return v ? "true" : "false"; };
  o << "keep_local_sst_files=" << b(keep_local_sst_files)
    << ";keep_local_log_files=" << b(keep_local_log_files)
    << ";wal_in_bucket=" << b(wal_in_bucket)
    << ";wal_flush_interval_ms=" << wal_flush_interval_ms
    << ";wal_flush_bytes=" << wal_flush_bytes
    << ";replica_catch_up_interval_ms=" << replica_catch_up_interval_ms
    << ";allow_unfenced_writes=" << b(allow_unfenced_writes)
    << ";validate_filesize=" << b(validate_filesize)
    << ";create_bucket_if_missing=" << b(create_bucket_if_missing)
    << ";resync_on_open=" << b(resync_on_open)
    << ";skip_dbid_verification=" << b(skip_dbid_verification)
    << ";skip_cloud_children_files=" << b(skip_cloud_files_in_getchildren)
    << ";run_purger=" << b(run_purger)
    << ";purger_periodicity_ms=" << purger_periodicity_millis
    << ";sst_file_cache_bytes=" << sst_file_cache_bytes
    << ";request_timeout_ms=" << request_timeout_ms
    << ";roll_cloud_manifest_on_open=" << b(roll_cloud_manifest_on_open)
    << ";cookie_on_open=" << cookie_on_open
    << ";new_cookie_on_open=" << new_cookie_on_open
    << ";endpoint_override=" << endpoint_override;
  if (cloud_file_deletion_delay.has_value()) {
    o << ";cloud_file_deletion_delay_seconds="
      << cloud_file_deletion_delay->count();
  }
  for (const auto& p : {std::make_pair("src", &src_bucket),
                        std::make_pair("dest", &dest_bucket)}) {
    o << ";" << p.first << ".bucket=" << p.second->GetBucketName(false) << ";"
      << p.first << ".prefix=" << p.second->GetBucketPrefix() << ";" << p.first
      << ".object=" << p.second->GetObjectPath() << ";" << p.first
      << ".region=" << p.second->GetRegion();
  }
  // Built with ';'; no value contains one.
  std::string out = o.str();
  const std::string& delim = config_options.delimiter;
  if (!delim.empty() && delim != ";") {
    std::string joined;
    for (char c : out) {
      if (c == ';') {
        joined += delim;
      } else {
        joined.push_back(c);
      }
    }
    out.swap(joined);
  }
  *result = out;
  return Status::OK();
}

// --- CloudFileSystem accessors
// -------------------------------------------------

std::string CloudFileSystem::GetSrcBucketName() const {
  return GetCloudFileSystemOptions().src_bucket.GetBucketName();
}
std::string CloudFileSystem::GetSrcObjectPath() const {
  return GetCloudFileSystemOptions().src_bucket.GetObjectPath();
}
bool CloudFileSystem::HasSrcBucket() const {
  return GetCloudFileSystemOptions().src_bucket.IsValid();
}
std::string CloudFileSystem::GetDestBucketName() const {
  return GetCloudFileSystemOptions().dest_bucket.GetBucketName();
}
std::string CloudFileSystem::GetDestObjectPath() const {
  return GetCloudFileSystemOptions().dest_bucket.GetObjectPath();
}
bool CloudFileSystem::HasDestBucket() const {
  return GetCloudFileSystemOptions().dest_bucket.IsValid();
}
bool CloudFileSystem::SrcMatchesDest() const {
  return HasSrcBucket() && HasDestBucket() &&
         GetSrcBucketName() == GetDestBucketName() &&
         ObjectPrefix(GetSrcObjectPath()) == ObjectPrefix(GetDestObjectPath());
}

}  // namespace ROCKSDB_NAMESPACE
