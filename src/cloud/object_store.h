// ObjectStore: the provider-neutral object store every cloud piece of
// skyrocks talks to (S3, GCS, Azure, and a local directory as the embedded
// default and the reference in tests). Keys are '/'-separated names: not
// empty, no leading '/', no "." or ".." segment, at most 1024 bytes;
// anything else is InvalidArgument naming the key.
//
// Semantics all stores share:
//   Get/GetRange: NotFound naming the key if absent; a range past the end
//     returns what exists (possibly nothing), not an error.
//   Put: replaces the whole object. PutOptions::if_none_match creates only
//     if absent; if_match_etag replaces only if the current etag matches.
//     A failed precondition is IOStatus::IOFenced (IsIOFenced()), HTTP 412
//     where there is HTTP, so callers can tell "lost the race" from errors.
//   Head: size and etag (an opaque version token that changes on every
//     Put). List: every key under a prefix, in byte order, pagination done
//     inside (ListDelimited rolls keys up at a delimiter). Delete: deleting
//     a missing key is OK; DeleteMany batches. Copy: src to dst. GetToFile
//     streams an object to a local file.
// Errors are IOStatus carrying, where the store has them, the HTTP status,
// provider error code, request id and whether a retry may succeed.
// Every store counts requests and bytes by kind (counts()), so tests can
// assert what an operation costs. Stores are thread-safe.
#ifndef SKYROCKS_CLOUD_OBJECT_STORE_H_
#define SKYROCKS_CLOUD_OBJECT_STORE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/io_status.h"
#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

struct ObjectMeta {
  std::string key;
  uint64_t size = 0;
  std::string etag;
  uint64_t mtime_micros = 0;
};

struct PutOptions {
  bool if_none_match = false;  // create only if absent
  std::string if_match_etag;   // replace only this version (empty: any)
};

// Requests and bytes by kind.
struct ObjectStoreCounts {
  uint64_t gets = 0, puts = 0, lists = 0, heads = 0, deletes = 0, copies = 0;
  uint64_t bytes_read = 0, bytes_written = 0;
};

class ObjectStore {
 public:
  ObjectStore() = default;
  ObjectStore(const ObjectStore&) = delete;
  ObjectStore& operator=(const ObjectStore&) = delete;
  virtual ~ObjectStore() = default;

  virtual const char* Name() const = 0;
  virtual IOStatus Get(const std::string& key, std::string* data) = 0;
  virtual IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                            std::string* data) = 0;
  // *meta (optional) receives the new object's size and etag.
  virtual IOStatus Put(const std::string& key, const Slice& data,
                       const PutOptions& opts, ObjectMeta* meta = nullptr) = 0;
  virtual IOStatus Head(const std::string& key, ObjectMeta* meta) = 0;
  virtual IOStatus List(const std::string& prefix,
                        std::vector<ObjectMeta>* objects) = 0;
  virtual IOStatus Delete(const std::string& key) = 0;
  virtual IOStatus Copy(const std::string& src, const std::string& dst) = 0;

  // Like List, but keys with `delimiter` after the prefix are rolled up:
  // *common_prefixes gets each distinct "prefix...delimiter" once (as S3's
  // CommonPrefixes), *objects only the keys without one.
  virtual IOStatus ListDelimited(const std::string& prefix,
                                 const std::string& delimiter,
                                 std::vector<ObjectMeta>* objects,
                                 std::vector<std::string>* common_prefixes);
  // Creates the bucket (S3 bucket, Azure container, GCS bucket) when it
  // does not exist; OK when it does. region: where to create it ("" is the
  // store's). The default (stores without buckets) does nothing.
  virtual IOStatus CreateBucketIfMissing(const std::string& region);
  // Deletes many keys (missing ones are fine); the default deletes one by
  // one, stores with a batch call override it.
  virtual IOStatus DeleteMany(const std::vector<std::string>& keys);
  // Writes the object to local_path (created or truncated), streaming
  // rather than holding it in memory where the store can; the file is
  // synced before OK.
  virtual IOStatus GetToFile(const std::string& key,
                             const std::string& local_path);

  ObjectStoreCounts counts() const;

 protected:
  enum class Kind { kGet, kPut, kList, kHead, kDelete, kCopy };
  void Count(Kind kind, uint64_t bytes_read = 0, uint64_t bytes_written = 0);

 private:
  std::atomic<uint64_t> counts_[6] = {};
  std::atomic<uint64_t> bytes_read_{0}, bytes_written_{0};
};

// InvalidArgument naming the key when it breaks the rules above.
IOStatus ValidateObjectKey(const std::string& key);

// A store over a local directory (see cloud/localdir_store.cc); the
// directory is created if missing.
IOStatus NewLocalDirStore(const std::string& dir,
                          std::unique_ptr<ObjectStore>* store);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_OBJECT_STORE_H_
