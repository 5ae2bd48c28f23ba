// ObjectStore: the provider-neutral object store every cloud piece of
// skyrocks talks to (S3, GCS, Azure, and a local directory as the embedded
// default and the reference in tests). Keys are '/'-separated names: not
// empty, no leading '/', no "." or ".." segment, at most 1024 bytes;
// anything else is InvalidArgument naming the key.
//
// Semantics all stores share:
//   Get/GetRange: NotFound naming the key if absent; a range past the end
//     returns what exists (possibly nothing), not an error.
//   Put: replaces the whole object. PutFrom does the same from a PutSource
//     (a local file) read part by part, so a large upload holds at most a
//     few part-sized buffers (multipart on S3, blocks on Azure, a
//     resumable session on GCS; parts may go up in parallel).
//     PutOptions::if_none_match creates only if absent; if_match_etag replaces
//     only if the current etag matches. A failed precondition is
//     IOStatus::IOFenced (IsIOFenced()), HTTP 412 where there is HTTP, so
//     callers can tell "lost the race" from errors.
//   Head: size and etag (an opaque version token that changes on every
//     Put). List: every key under a prefix, in byte order, pagination done
//     inside (ListDelimited rolls keys up at a delimiter). Delete: deleting
//     a missing key is OK; DeleteMany batches. Copy: src to dst. GetToSink
//     streams an object into an ObjectSink (the cloud file system's writes
//     a file of its base FileSystem).
// Errors are IOStatus carrying, where the store has them, the HTTP status,
// provider error code, request id and whether a retry may succeed.
// Every store counts HTTP requests (one request, one count, whatever the
// operation it serves: a multipart upload's parts are PUTs) and bytes by
// kind, and the most upload bytes it held in memory at once (counts()),
// so tests can assert what an operation costs; with SetStatistics the
// same go to a DB's Statistics (the SKYROCKS_CLOUD_* tickers). Stores are
// thread-safe.
#ifndef SKYROCKS_CLOUD_OBJECT_STORE_H_
#define SKYROCKS_CLOUD_OBJECT_STORE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cloud/http.h"
#include "rocksdb/file_system.h"
#include "rocksdb/io_status.h"
#include "rocksdb/slice.h"
#include "rocksdb/statistics.h"

namespace ROCKSDB_NAMESPACE {

struct ObjectMeta {
  std::string key;
  uint64_t size = 0;
  std::string etag;
  uint64_t mtime_micros = 0;
  // Head only: base64 MD5 of the bytes where the store tells it (S3's
  // single-part ETag, GCS md5Hash, Azure Content-MD5), else "".
  std::string content_md5;
};

struct PutOptions {
  bool if_none_match = false;  // create only if absent
  std::string if_match_etag;   // replace only this version (empty: any)
};

// Requests and bytes by kind. A request is one HTTP request, its retries
// included (one call of the local-directory store), counted in one place
// (CountedSend): CreateMultipartUpload, each part and the completion are
// PUTs, as are a GCS resumable session's requests, an Azure block, block
// list, lease call or container creation; each call of a GCS rewrite is a
// copy; a GCS request repeated with a refreshed token is two. request_micros:
// the time spent in HTTP requests (retries and their backoff included; 0 for
// the local directory). max_buffered_bytes: the peak of the upload bytes the
// store held in memory at once.
struct ObjectStoreCounts {
  uint64_t gets = 0, puts = 0, lists = 0, heads = 0, deletes = 0, copies = 0;
  uint64_t bytes_read = 0, bytes_written = 0;
  uint64_t request_micros = 0;
  uint64_t max_buffered_bytes = 0;
};

// The bytes of an upload, read a part at a time. Read may be called from
// several threads at once (for different parts).
class PutSource {
 public:
  virtual ~PutSource() = default;
  virtual uint64_t size() const = 0;
  // Exactly n bytes at offset into *out (replacing its contents); an error
  // names the source.
  virtual IOStatus Read(uint64_t offset, size_t n, std::string* out) const = 0;
};

// Where a streamed download goes: the body piece by piece as it arrives.
// Restart (before each attempt) drops what came so far.
class ObjectSink {
 public:
  virtual ~ObjectSink() = default;
  virtual IOStatus Append(const Slice& data) = 0;
  virtual IOStatus Restart() = 0;
};

// A PutSource over bytes in memory (which must outlive it).
class SlicePutSource : public PutSource {
 public:
  explicit SlicePutSource(const Slice& data) : data_(data) {}
  uint64_t size() const override { return data_.size(); }
  IOStatus Read(uint64_t offset, size_t n, std::string* out) const override;

 private:
  const Slice data_;
};

// A PutSource over a file of a FileSystem (a local file being uploaded),
// read at offsets from several threads; `path` names it in errors. A file
// that ends before `size` bytes is an IOError naming it.
class FilePutSource : public PutSource {
 public:
  FilePutSource(std::string path, std::unique_ptr<FSRandomAccessFile> file,
                uint64_t size)
      : path_(std::move(path)), file_(std::move(file)), size_(size) {}
  uint64_t size() const override { return size_; }
  IOStatus Read(uint64_t offset, size_t n, std::string* out) const override;

 private:
  const std::string path_;
  const std::unique_ptr<FSRandomAccessFile> file_;
  const uint64_t size_;
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
  // Put from a source, read part_size-ish pieces at a time. The default
  // reads it whole and calls Put (stores without a multipart protocol).
  virtual IOStatus PutFrom(const std::string& key, const PutSource& source,
                           const PutOptions& opts, ObjectMeta* meta = nullptr);
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
  // The whole object into *sink, streamed where the store can (the body
  // handed on as it arrives, never held whole); NotFound naming the key
  // when absent, and then nothing was appended. The default is Get, then
  // one Append.
  virtual IOStatus GetToSink(const std::string& key, ObjectSink* sink);

  ObjectStoreCounts counts() const;
  // Requests, bytes and request time are also recorded here from now on
  // (null: no longer).
  void SetStatistics(std::shared_ptr<Statistics> stats);

 protected:
  enum class Kind { kGet, kPut, kList, kHead, kDelete, kCopy };
  void Count(Kind kind, uint64_t bytes_read = 0, uint64_t bytes_written = 0);

  // Upload bytes held in memory while it lives (for max_buffered_bytes).
  class Buffered {
   public:
    Buffered(ObjectStore* store, uint64_t n);
    ~Buffered();
    Buffered(const Buffered&) = delete;
    Buffered& operator=(const Buffered&) = delete;

   private:
    ObjectStore* const store_;
    const uint64_t n_;
  };

  // One HTTP request with its retries (RetryingSend, cloud/http.h): the one
  // place an HTTP store counts. It counts one `kind` whatever the answer,
  // bytes_written (the object bytes the request carries; 0 for protocol
  // bodies such as a part list), for kGet the bytes of a 2xx answer (to the
  // body_sink, the last attempt's, or to HttpResponse::body) as bytes read,
  // and its time (retries and backoff included) as request_micros.
  IOStatus CountedSend(Kind kind, uint64_t bytes_written,
                       HttpTransport* transport, const RetryOptions& retry,
                       const std::function<void(HttpRequest*)>& sign,
                       HttpRequest request, HttpResponse* response);

  // Reads `source` whole into *data, counted as buffered by *held.
  IOStatus ReadWhole(const PutSource& source, std::string* data,
                     std::unique_ptr<Buffered>* held);
  // MD5 (base64) of the whole source, read chunk bytes at a time.
  IOStatus SourceMd5Base64(const PutSource& source, size_t chunk,
                           std::string* md5);

 private:
  std::atomic<uint64_t> counts_[6] = {};
  std::atomic<uint64_t> bytes_read_{0}, bytes_written_{0};
  std::atomic<uint64_t> buffered_{0}, max_buffered_{0};
  std::atomic<uint64_t> request_micros_{0};
  std::shared_ptr<Statistics> stats_;  // std::atomic_load/store only
};

// The one resolution of a conditional Put whose answer was lost (`lost`:
// the outcome-unknown error of RetryingSend, cloud/http.h): it looks
// instead of guessing. A Head showing our bytes (content_md5 == md5, our
// base64 MD5) under an etag other than the one an if-match named means our
// write landed: OK, *meta (optional) the object's. Another object means we
// lost the race: IOFenced, HTTP 412. Absent, unreadable, or still the
// version the if-match named: `lost` as is, still ambiguous, for the
// caller to decide.
IOStatus ResolveLostConditionalPut(ObjectStore* store, const std::string& key,
                                   const std::string& md5,
                                   const PutOptions& opts, const IOStatus& lost,
                                   ObjectMeta* meta);

// InvalidArgument naming the key when it breaks the rules above.
IOStatus ValidateObjectKey(const std::string& key);

// A store over a local directory (see cloud/localdir_store.cc); the
// directory is created if missing.
IOStatus NewLocalDirStore(const std::string& dir,
                          std::unique_ptr<ObjectStore>* store);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_OBJECT_STORE_H_
