// Clone references; see cloud/clone_refs.h.
#include "cloud/clone_refs.h"

#include <sstream>

#include "cloud/cloud_names.h"

namespace ROCKSDB_NAMESPACE {

std::string CloneRefKey(const std::string& source_path,
                        const std::string& clone_bucket,
                        const std::string& clone_path) {
  return ObjectKey(source_path, "refs/" + clone_bucket + "/" +
                                    ObjectKey(clone_path, "CLONE_REF"));
}

std::string CloneRefBody(const std::string& clone_bucket,
                         const std::string& clone_path,
                         const std::string& clone_region,
                         const std::vector<std::string>& names) {
  std::string body =
      "clone " + clone_bucket + "\t" + clone_path + "\t" + clone_region + "\n";
  for (const std::string& n : names) body += "file " + n + "\n";
  return body;
}

bool ParseCloneSourceLine(const std::string& line, CloneRefOwner* source) {
  const size_t t1 = line.find('\t');
  const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
  if (t2 == std::string::npos) return false;
  source->bucket = line.substr(0, t1);
  source->path = line.substr(t1 + 1, t2 - t1 - 1);
  source->region = line.substr(t2 + 1);
  return true;
}

IOStatus ParseCloneRef(const std::string& key, const std::string& body,
                       std::set<std::string>* names, CloneRefOwner* owner) {
  std::istringstream in(body);
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (!header) {
      if (line.compare(0, 6, "clone ") != 0) {
        return IOStatus::Corruption(key, "a clone reference must start with "
                                         "'clone ': " + line.substr(0, 80));
      }
      CloneRefOwner who;
      if (!ParseCloneSourceLine(line.substr(6), &who)) {
        return IOStatus::Corruption(key, "a clone reference's header needs "
                                         "bucket, path and region: " +
                                             line.substr(0, 80));
      }
      if (owner != nullptr) *owner = who;
      header = true;
    } else if (line.compare(0, 5, "file ") == 0 && line.size() > 5) {
      names->insert(line.substr(5));
    } else if (!line.empty()) {
      return IOStatus::Corruption(key, "bad line in a clone reference: " +
                                           line.substr(0, 80));
    }
  }
  if (!header) return IOStatus::Corruption(key, "empty clone reference");
  return IOStatus::OK();
}

CloneRefs::CloneRefs(std::shared_ptr<ObjectStore> store, std::string path)
    : store_(std::move(store)), path_(std::move(path)) {}

IOStatus CloneRefs::Referenced(std::set<std::string>* names) {
  std::vector<ObjectMeta> objects;
  IOStatus s = store_->List(ObjectPrefix(path_) + "refs/", &objects);
  if (!s.ok()) return s;
  std::map<std::string, Ref> now;
  {
    port::MutexLock l(&mu_);
    for (const ObjectMeta& o : objects) {
      auto it = cache_.find(o.key);
      if (it != cache_.end() && it->second.etag == o.etag && !o.etag.empty()) {
        now[o.key] = it->second;
      }
    }
  }
  for (const ObjectMeta& o : objects) {
    if (now.count(o.key) != 0) continue;
    std::string body;
    s = store_->Get(o.key, &body);
    if (s.IsNotFound()) continue;  // released meanwhile
    if (!s.ok()) return s;
    Ref ref;
    ref.etag = o.etag;
    s = ParseCloneRef(o.key, body, &ref.names);
    if (!s.ok()) return s;
    now[o.key] = std::move(ref);
  }
  for (const auto& r : now) names->insert(r.second.names.begin(), r.second.names.end());
  port::MutexLock l(&mu_);
  cache_ = std::move(now);
  return IOStatus::OK();
}

size_t CloneRefs::count() const {
  port::MutexLock l(&mu_);
  return cache_.size();
}

}  // namespace ROCKSDB_NAMESPACE
