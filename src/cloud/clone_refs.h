// Clone references (doc/cloud_layout.md, "Clone references"): a durable
// clone records, in its source's path, the source objects it reads, so
// that no writer of the source deletes them while the clone needs them.
//
//   <source path>/refs/<clone bucket>/<clone object path>/CLONE_REF
//
// Text: a header line "clone <bucket>\t<path>\t<region>", then one line
// "file <physical name>" per object of the source the clone may read.
// Created with create-if-absent when the clone is made; deleted when the
// clone no longer needs its source (Savepoint, or the clone dropped).
//
// CloneRefs reads every reference of a path (a LIST, then a GET of each
// reference that is new or changed since the last call), which a writer
// does before each round of deletions. Thread-safe.
#ifndef SKYROCKS_CLOUD_CLONE_REFS_H_
#define SKYROCKS_CLOUD_CLONE_REFS_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cloud/object_store.h"
#include "port/mutex.h"

namespace ROCKSDB_NAMESPACE {

// The key of clone (bucket, path)'s reference under source_path.
std::string CloneRefKey(const std::string& source_path,
                        const std::string& clone_bucket,
                        const std::string& clone_path);
std::string CloneRefBody(const std::string& clone_bucket,
                         const std::string& clone_path,
                         const std::string& clone_region,
                         const std::vector<std::string>& names);
// Who a reference is from (its header line).
struct CloneRefOwner {
  std::string bucket, path, region;
};
// A line of CLONE_SOURCES ("<bucket>\t<path>\t<region>"); false if it
// is not one.
bool ParseCloneSourceLine(const std::string& line, CloneRefOwner* source);

// The names a reference protects and (optional) its owner; Corruption
// naming `key` if malformed.
IOStatus ParseCloneRef(const std::string& key, const std::string& body,
                       std::set<std::string>* names,
                       CloneRefOwner* owner = nullptr);

class CloneRefs {
 public:
  CloneRefs(std::shared_ptr<ObjectStore> store, std::string path);
  // Every name some reference under path/refs/ protects.
  IOStatus Referenced(std::set<std::string>* names);
  // How many references there were at the last call.
  size_t count() const;

 private:
  struct Ref {
    std::string etag;
    std::set<std::string> names;
  };
  const std::shared_ptr<ObjectStore> store_;
  const std::string path_;
  mutable port::Mutex mu_;
  // key -> parsed reference
  std::map<std::string, Ref> cache_ SKYROCKS_GUARDED_BY(mu_);
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_CLONE_REFS_H_
