// Where a DB lives: a local directory or a URL, the cloud file system for
// a URL, and opening the DB there (plain DB or DBCloud with a local cache
// directory). The provider rules (credentials, endpoints) are the
// library's: AWS_ENDPOINT_URL[_S3] for s3://, STORAGE_EMULATOR_HOST for
// gs://, AZURE_STORAGE_* for az://.
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tools/cli/cli.h"

namespace skyrocks_cli {

namespace ROCKS = ROCKSDB_NAMESPACE;

namespace {

bool PathExists(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}

std::vector<std::string> SplitPath(const std::string& s) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == '/') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}

std::string JoinPath(const std::vector<std::string>& parts, size_t from,
                     size_t to) {
  std::string out;
  for (size_t i = from; i < to; i++) {
    if (!out.empty()) out += "/";
    out += parts[i];
  }
  return out;
}

// Splits file:///a/b/c into root, bucket and path (see ParseLocation).
Status SplitFileUrl(const std::string& url, const std::string& rest,
                    bool bucket_only, const std::string& root_hint,
                    Location* out) {
  const std::vector<std::string> parts = SplitPath(rest);
  auto assign = [&](size_t b) {
    out->root = "/" + JoinPath(parts, 0, b);
    out->bucket = parts[b];
    out->path = JoinPath(parts, b + 1, parts.size());
  };
  auto usable = [&](size_t b) { return bucket_only || b + 1 < parts.size(); };
  // 1. The root given (--file-root, or the other URL's root).
  if (!root_hint.empty()) {
    const std::vector<std::string> rp = SplitPath(root_hint);
    bool prefix = rp.size() < parts.size();
    for (size_t i = 0; prefix && i < rp.size(); i++) {
      prefix = rp[i] == parts[i];
    }
    if (prefix && usable(rp.size())) {
      assign(rp.size());
      return Status::OK();
    }
  }
  // 2. The first bucket directory holding a dbid registry (every DB
  // created through DBCloud registers itself there).
  for (size_t b = 0; b < parts.size(); b++) {
    const std::string r = "/" + JoinPath(parts, 0, b);
    if (PathExists(r + (b == 0 ? "" : "/") + parts[b] + "/.rockset") &&
        usable(b)) {
      assign(b);
      return Status::OK();
    }
  }
  return Status::InvalidArgument(
      url +
      ": cannot tell the store's root from the bucket and path "
      "(no directory on the path holds a .rockset dbid "
      "registry); give --file-root=DIR");
}

void RemoveTree(const std::string& dir) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

// The column families of the cloud DB at loc, read through a file system
// of its own over a scratch directory: the open's file system must not
// have loaded a CLOUDMANIFEST before DBCloud::Open (a clone's would then
// not be made).
Status ListCloudColumnFamilies(const Location& loc,
                               std::vector<std::string>* names) {
  char tmpl[] = "/tmp/skyrocks-cli-cf-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    return Status::IOError("mkdtemp /tmp/skyrocks-cli-cf-XXXXXX");
  }
  const std::string scratch = tmpl;
  ROCKS::CloudFileSystem* cfs = nullptr;
  Status s = NewCloudFs(&loc, nullptr, &cfs);
  if (s.ok()) {
    std::shared_ptr<ROCKS::FileSystem> fs(cfs);
    std::unique_ptr<ROCKS::Env> env = ROCKS::NewCompositeEnv(fs);
    ROCKS::DBOptions options;
    options.env = env.get();
    s = ROCKS::DBCloud::ListColumnFamilies(options, scratch + "/db", names);
  }
  RemoveTree(scratch);
  return s;
}

}  // namespace

Status ParseLocation(const Args& args, const std::string& spec,
                     bool bucket_only, const std::string& root_hint,
                     Location* out) {
  *out = Location();
  out->url = spec;
  const size_t sep = spec.find("://");
  if (sep == std::string::npos) {
    if (spec.empty()) return Status::InvalidArgument("empty DB path");
    out->local = spec;
    return Status::OK();
  }
  out->scheme = spec.substr(0, sep);
  const std::string rest = spec.substr(sep + 3);
  if (out->scheme == "file") {
    if (rest.empty() || rest[0] != '/') {
      return Status::InvalidArgument(spec +
                                     ": a file URL is file:///DIR/BUCKET/PATH");
    }
    std::string hint = args.Get("file-root", root_hint);
    while (hint.size() > 1 && hint.back() == '/') hint.pop_back();
    return SplitFileUrl(spec, rest, bucket_only, hint, out);
  }
  std::vector<std::string> parts = SplitPath(rest);
  if (out->scheme == "az") {
    if (parts.empty()) {
      return Status::InvalidArgument(
          spec + ": an Azure URL is az://ACCOUNT/CONTAINER/PATH");
    }
    out->account = parts[0];
    parts.erase(parts.begin());
  } else if (out->scheme != "s3" && out->scheme != "gs") {
    return Status::InvalidArgument(
        spec +
        ": unknown scheme (file://, s3://, gs://, az:// or a directory)");
  }
  if (parts.empty() || (!bucket_only && parts.size() < 2)) {
    return Status::InvalidArgument(spec + ": the URL names no " +
                                   (parts.empty() ? "bucket" : "object path"));
  }
  out->bucket = parts[0];
  out->path = JoinPath(parts, 1, parts.size());
  return Status::OK();
}

Status NewCloudFs(const Location* src, const Location* dest,
                  ROCKS::CloudFileSystem** cfs, bool create_bucket) {
  const Location* any = src != nullptr ? src : dest;
  if (any == nullptr || !any->cloud()) {
    return Status::InvalidArgument("not a cloud URL");
  }
  if (src != nullptr && dest != nullptr &&
      (src->scheme != dest->scheme || src->root != dest->root ||
       src->account != dest->account)) {
    return Status::InvalidArgument(src->url + " and " + dest->url +
                                   " are not in one store");
  }
  ROCKS::CloudFileSystemOptions o;
  auto set = [](const Location* l, ROCKS::BucketOptions* b) {
    if (l == nullptr || l->path.empty()) {  // nothing, or a bucket alone
      *b = ROCKS::BucketOptions();
      b->SetBucketName("", "");
      b->SetObjectPath("");
      return;
    }
    b->SetBucketPrefix("");
    b->SetBucketName(l->bucket, "");
    b->SetBucketPrefix("");
    b->SetObjectPath(l->path);
  };
  set(src, &o.src_bucket);
  set(dest, &o.dest_bucket);
  o.create_bucket_if_missing = create_bucket;
  o.keep_local_sst_files = false;
  o.sst_file_cache_bytes = 256ull << 20;
  // The tool's writes (put, load, compact) should not leave deletions
  // pending for an hour after it exits: gc collects them later anyway.
  o.cloud_file_deletion_delay = std::nullopt;
  const auto base = ROCKS::FileSystem::Default();
  if (any->scheme == "file") {
    return ROCKS::CloudFileSystemEnv::NewLocalDirFileSystem(base, any->root, o,
                                                            nullptr, cfs);
  }
  if (any->scheme == "s3") {
    return ROCKS::CloudFileSystemEnv::NewAwsFileSystem(base, o, nullptr, cfs);
  }
  if (any->scheme == "gs") {
    return ROCKS::CloudFileSystemEnv::NewGcsFileSystem(base, o, nullptr, cfs);
  }
  // az://ACCOUNT/...: the account named in the URL, unless a connection
  // string names the account (and its key or endpoint) already.
  if (getenv("AZURE_STORAGE_CONNECTION_STRING") == nullptr) {
    setenv("AZURE_STORAGE_ACCOUNT", any->account.c_str(), 1);
  }
  return ROCKS::CloudFileSystemEnv::NewAzureFileSystem(base, o, nullptr, cfs);
}

OpenDb::~OpenDb() {
  Status s = Close();
  (void)s;
  if (!temp_dir_.empty()) RemoveTree(temp_dir_);
}

Status OpenDb::Close() {
  Status result;
  if (db_ != nullptr) {
    for (auto* h : handles_) {
      Status s = db_->DestroyColumnFamilyHandle(h);
      if (result.ok() && !s.ok()) result = s;
    }
    handles_.clear();
    Status s = db_->Close();
    if (result.ok() && !s.ok() && !s.IsNotSupported()) result = s;
    delete db_;
    db_ = nullptr;
    cloud_db_ = nullptr;
  }
  env_.reset();
  fs_.reset();
  cfs_ = nullptr;
  return result;
}

Status OpenDb::Cf(const Args& args, ROCKS::ColumnFamilyHandle** cf) const {
  const std::string name = args.Get("cf", "default");
  for (auto* h : handles_) {
    if (h->GetName() == name) {
      *cf = h;
      return Status::OK();
    }
  }
  return Status::InvalidArgument("no column family named " + name);
}

Status OpenLocation(const Args& args, const Location& loc, const Location* dest,
                    bool write, OpenDb* out) {
  ROCKS::Options options;
  options.create_if_missing = write && args.Has("create_if_missing");
  std::string dir = loc.local;
  if (loc.cloud()) {
    ROCKS::CloudFileSystem* cfs = nullptr;
    // dest is set for reads too: a read-only open replays the DB's WAL
    // from the bucket only when it has one (it claims and writes nothing).
    // A non-cloud dest: an ephemeral clone (writable, nothing uploaded).
    const Location* to = dest == nullptr ? &loc : dest;
    // Buckets are made only for a new DB or a clone, never by a read.
    const bool create_bucket =
        write && (options.create_if_missing || dest != nullptr);
    Status s =
        NewCloudFs(&loc, to->cloud() ? to : nullptr, &cfs, create_bucket);
    if (!s.ok()) return s;
    out->fs_.reset(cfs);
    out->cfs_ = cfs;
    out->env_ = ROCKS::NewCompositeEnv(out->fs_);
    options.env = out->env_.get();
    dir = args.Get("cache-dir");
    if (dir.empty()) {
      char tmpl[] = "/tmp/skyrocks-cli-XXXXXX";
      if (mkdtemp(tmpl) == nullptr) {
        return Status::IOError("mkdtemp /tmp/skyrocks-cli-XXXXXX");
      }
      out->temp_dir_ = tmpl;
      dir = out->temp_dir_ + "/db";
    }
  } else if (!PathExists(dir) && !options.create_if_missing) {
    return Status::NotFound(dir + ": no such DB directory");
  } else if (!write && !PathExists(dir + "/CURRENT")) {
    return Status::NotFound(dir + ": not a DB (no CURRENT)");
  }
  out->local_dir_ = dir;
  std::vector<std::string> names;
  Status s = loc.cloud() ? ListCloudColumnFamilies(loc, &names)
                         : ROCKS::DB::ListColumnFamilies(options, dir, &names);
  if (!s.ok() || names.empty()) {
    if (!(write && options.create_if_missing)) {
      if (s.ok() || s.IsPathNotFound()) {
        return Status::NotFound(loc.url + ": no DB there" +
                                (s.ok() ? "" : " (" + s.ToString() + ")"));
      }
      return s;
    }
    names = {"default"};
  }
  std::vector<ROCKS::ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) {
    cfs.emplace_back(n, ROCKS::ColumnFamilyOptions(options));
  }
  if (loc.cloud()) {
    ROCKS::DBCloud* db = nullptr;
    s = ROCKS::DBCloud::Open(options, dir, cfs, "", 0, &out->handles_, &db,
                             !write);
    out->cloud_db_ = db;
    out->db_ = db;
  } else if (write) {
    s = ROCKS::DB::Open(options, dir, cfs, &out->handles_, &out->db_);
  } else {
    s = ROCKS::DB::OpenForReadOnly(options, dir, cfs, &out->handles_,
                                   &out->db_);
  }
  if (!s.ok()) out->handles_.clear();
  return s;
}

}  // namespace skyrocks_cli
