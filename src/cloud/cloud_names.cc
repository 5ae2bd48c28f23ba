// Names in RocksDB-Cloud's bucket layout; see cloud/cloud_names.h.
#include "cloud/cloud_names.h"

#include <cinttypes>
#include <cstdio>

namespace ROCKSDB_NAMESPACE {

namespace {

bool CloudNameEndsWith(const std::string& s, const char* suffix) {
  const std::string t(suffix);
  return s.size() >= t.size() &&
         s.compare(s.size() - t.size(), t.size(), t) == 0;
}

bool CloudNameStartsWith(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Leading '/' removed, runs of '/' collapsed, trailing '/' removed.
std::string CanonicalObjectPath(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '/' && (out.empty() || out.back() == '/')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace

std::string CloudBasename(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string CloudDirname(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

bool IsInfoLogName(const std::string& basename) {
  return basename == "LOG" || basename.compare(0, 8, "LOG.old.") == 0;
}

CloudFileKind ClassifyCloudFile(const std::string& basename) {
  if (CloudNameStartsWith(basename, "CLOUDMANIFEST")) {
    return CloudFileKind::kCloudManifest;
  }
  if (CloudNameStartsWith(basename, "MANIFEST")) {
    // Not MANIFEST-000005.dbtmp or other temporaries of the DB.
    return basename.find('.') == std::string::npos ? CloudFileKind::kManifest
                                                   : CloudFileKind::kOther;
  }
  if (basename == "IDENTITY") return CloudFileKind::kIdentity;
  const size_t dash = basename.rfind('-');
  const std::string stem =
      dash == std::string::npos ? basename : basename.substr(0, dash);
  uint64_t number;
  if ((CloudNameEndsWith(stem, ".sst") || CloudNameEndsWith(stem, ".ldb")) &&
      SstNumber(stem, &number)) {
    return CloudFileKind::kSst;
  }
  return CloudFileKind::kOther;
}

std::string RemoveEpoch(const std::string& basename) {
  const CloudFileKind kind = ClassifyCloudFile(basename);
  if (kind != CloudFileKind::kSst && kind != CloudFileKind::kManifest) {
    return basename;
  }
  const size_t dash = basename.rfind('-');
  return dash == std::string::npos ? basename : basename.substr(0, dash);
}

std::string EpochToString(uint64_t epoch) {
  char buf[24];
  snprintf(buf, sizeof(buf), "%" PRIx64, epoch);
  return buf;
}

std::string SstWithEpoch(uint64_t number, const std::string& epoch) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%06" PRIu64 ".sst", number);
  return epoch.empty() ? std::string(buf) : std::string(buf) + "-" + epoch;
}

std::string ManifestWithEpoch(const std::string& epoch) {
  return epoch.empty() ? std::string("MANIFEST") : "MANIFEST-" + epoch;
}

std::string CloudManifestName(const std::string& cookie) {
  return cookie.empty() ? std::string("CLOUDMANIFEST")
                        : "CLOUDMANIFEST-" + cookie;
}

std::string CookieOf(const std::string& cloud_manifest_basename) {
  const size_t dash = cloud_manifest_basename.find('-');
  return dash == std::string::npos ? std::string()
                                   : cloud_manifest_basename.substr(dash + 1);
}

bool SstNumber(const std::string& basename, uint64_t* number) {
  uint64_t n = 0;
  size_t i = 0;
  for (; i < basename.size() && basename[i] >= '0' && basename[i] <= '9'; i++) {
    if (n > (UINT64_MAX - 9) / 10) return false;
    n = n * 10 + static_cast<uint64_t>(basename[i] - '0');
  }
  if (i == 0 || i >= basename.size() || basename[i] != '.') return false;
  const std::string ext = basename.substr(i, 4);
  if (ext != ".sst" && ext != ".ldb") return false;
  *number = n;
  return true;
}

std::string ObjectKey(const std::string& object_path, const std::string& name) {
  const std::string dir = CanonicalObjectPath(object_path);
  return dir.empty() ? name : dir + "/" + name;
}

std::string ObjectPrefix(const std::string& object_path) {
  const std::string dir = CanonicalObjectPath(object_path);
  return dir.empty() ? dir : dir + "/";
}

std::string WalName(uint64_t number) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%06" PRIu64 ".log", number);
  return buf;
}

bool WalNumber(const std::string& basename, uint64_t* number) {
  const std::string suffix = ".log";
  if (basename.size() <= suffix.size() || basename.size() > 24 ||
      basename.compare(basename.size() - suffix.size(), suffix.size(),
                       suffix) != 0) {
    return false;
  }
  uint64_t n = 0;
  for (size_t i = 0; i + suffix.size() < basename.size(); i++) {
    if (basename[i] < '0' || basename[i] > '9') return false;
    n = n * 10 + static_cast<uint64_t>(basename[i] - '0');
  }
  *number = n;
  return true;
}

}  // namespace ROCKSDB_NAMESPACE
