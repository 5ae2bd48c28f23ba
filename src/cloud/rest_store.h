// RestObjectStore: the one REST skeleton the HTTP object stores (S3, GCS,
// Azure) share, and RestDialect, what each provider says differently.
//
// The skeleton owns the one request path: a request is built by the
// dialect (URL, fixed headers), authorized once (credentials or a token
// fetched), signed before every attempt (signatures carry the time), sent
// with retries and counted (ObjectStore::CountedSend), sent once more after
// a 401 when the dialect could refresh its token, and scrubbed of secrets;
// a failed answer becomes a status one way (RestDialect::ErrorStatus, over
// HttpErrorStatus). On that path it implements the ObjectStore calls whose
// shape every provider shares: Get, GetRange and GetToSink (one GET; 416 is
// an empty range; a 200 to a ranged GET is cut to the range), Head, Delete
// (a missing key is fine), List and ListDelimited (page after page,
// prefixes once each in byte order), Put and PutFrom (one request with
// Content-MD5, conditions, the lost-answer resolution of object_store.h),
// Copy, DeleteMany and CreateBucketIfMissing.
//
// The dialect gives the provider's URLs and auth, reads its error bodies,
// list pages and metadata, and runs its multi-request protocols (S3's
// multipart upload and batch delete, GCS's resumable upload and rewrite,
// Azure's blocks and copy polling) through the store's Send and Error. A
// provider with calls beyond ObjectStore (Azure leases, GCS generation
// preconditions) subclasses RestObjectStore. The store owns its dialect
// and calls it from many threads: dialects are thread-safe. Contract of the
// calls in cloud/object_store.h.
#ifndef SKYROCKS_CLOUD_REST_STORE_H_
#define SKYROCKS_CLOUD_REST_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cloud/http.h"
#include "cloud/object_store.h"

namespace ROCKSDB_NAMESPACE {

class RestObjectStore;

// Query parameters, raw (unencoded) values, in the order they go out.
using RestQuery = std::vector<std::pair<std::string, std::string>>;
// Request headers a caller adds (Azure's lease id).
using RestHeaders = std::map<std::string, std::string>;

// A request and what its signature covers.
struct RestCall {
  HttpRequest req;
  std::string path;  // encoded, as in the URL
  RestQuery query;
};

// "scheme://host" + path + the query, each name and value URI-encoded.
std::string RestUrl(const std::string& scheme_host, const std::string& path,
                    const RestQuery& query);
// A response header by its lowercase name, "" when absent.
std::string RestHeader(const HttpResponse& resp, const char* name);
// An ETag without its quotes.
std::string RestUnquote(const std::string& s);

// One page of a listing.
struct RestListPage {
  std::vector<ObjectMeta> objects;
  std::vector<std::string> prefixes;  // rolled up at the delimiter
  std::string next;                   // the next page's token; "": the last
};

// The calls the skeleton names in messages (RestDialect::OpName).
enum class RestOp { kRead, kHead, kPut, kDelete, kCopy, kList };

class RestDialect {
 public:
  virtual ~RestDialect() = default;

  // ObjectStore::Name ("s3"), the provider in messages ("S3"), where the
  // objects are ("in bucket b"), and each call's name (by default GET,
  // HEAD, PUT, DELETE, COPY, LIST).
  virtual const char* Name() const = 0;
  virtual const char* Provider() const = 0;
  virtual std::string Where() const = 0;
  virtual std::string OpName(RestOp op) const;

  // URL: a request for key ("": the bucket or container) with the query.
  virtual RestCall Request(const std::string& method, const std::string& key,
                           RestQuery query) const = 0;
  // The object's bytes (range: "bytes=a-b", or null for all of them).
  virtual RestCall ReadRequest(const std::string& key,
                               const std::string* range) const = 0;
  virtual RestCall HeadRequest(const std::string& key) const {
    return Request("HEAD", key, {});
  }
  virtual RestCall DeleteRequest(const std::string& key) const {
    return Request("DELETE", key, {});
  }
  virtual RestCall CopyRequest(const std::string& src,
                               const std::string& dst) const = 0;
  // One page of the keys under prefix (token: "" for the first page).
  virtual RestCall ListRequest(const std::string& prefix,
                               const std::string& delimiter,
                               const std::string& token) const = 0;
  // A one-request upload of body (md5: its base64 MD5) under the
  // conditions; an error when the dialect cannot express them.
  virtual IOStatus PutRequest(const std::string& key, const PutOptions& opts,
                              const std::string& md5, std::string body,
                              RestCall* call) const = 0;

  // Authorization, once per request: *sign (set on OK) adds the
  // signature or token before every attempt. RefreshAuthorization, after
  // a 401: whether new credentials were fetched, so that one more request
  // may succeed (refreshes_authorization() tells whether it ever can).
  virtual IOStatus Authorize(const RestCall& call,
                             std::function<void(HttpRequest*)>* sign) = 0;
  virtual bool refreshes_authorization() const { return false; }
  virtual bool RefreshAuthorization() { return false; }
  // A failed request's status without secrets (Azure's SAS in URLs).
  virtual IOStatus Scrubbed(const IOStatus& s) const { return s; }

  // Errors. ParseError fills code, message, request id, hint and
  // retryable of *e (provider, op, what, where and status are set).
  // ErrorStatus is the status of a failed answer: by default
  // HttpErrorStatus of ParseError's. NotFound: a 404 to an object call.
  // IsFenced: the answer to a conditional write means another writer won;
  // Fenced its IOFenced status (http_status 412).
  virtual void ParseError(const HttpResponse& resp, HttpErrorInfo* e) const = 0;
  virtual IOStatus ErrorStatus(const std::string& op, const std::string& what,
                               const HttpResponse& resp) const;
  virtual IOStatus NotFound(const std::string& op, const std::string& key,
                            const HttpResponse& resp) const = 0;
  virtual bool IsFenced(const HttpResponse& resp) const {
    return resp.status == 412;
  }
  virtual IOStatus Fenced(const std::string& op, const std::string& key,
                          const HttpResponse& resp) const = 0;

  // Answers. HeadAnswered: the 200 to HeadRequest into *meta.
  // PutAnswered: the answer to PutRequest (an error status unless it is
  // a success), *meta (optional) the new object's. DeleteDone: the answer
  // to DeleteRequest means the key is gone (404 included). ParseListPage:
  // a 200 to ListRequest.
  virtual IOStatus HeadAnswered(const std::string& key,
                                const HttpResponse& resp,
                                ObjectMeta* meta) const = 0;
  virtual IOStatus PutAnswered(const std::string& key, uint64_t size,
                               const std::string& md5, const HttpResponse& resp,
                               ObjectMeta* meta) const = 0;
  virtual bool DeleteDone(const HttpResponse& resp) const = 0;
  virtual IOStatus ParseListPage(const std::string& prefix,
                                 const HttpResponse& resp,
                                 RestListPage* page) const = 0;

  // Multi-request protocols, run through store's Send and Error.
  // LargePut: uploads that WantsLargePut (multipart, resumable, blocks),
  // `headers` added to each of its requests that writes the object (a
  // dialect that takes none, as S3's and GCS's, gets none).
  // CopyAnswered: the answer to CopyRequest (not 404), followed up until
  // the copy is done (rewrite calls, polling). DeleteMany and
  // CreateBucketIfMissing as in ObjectStore; the defaults are its.
  virtual bool WantsLargePut(uint64_t /*size*/,
                             const PutOptions& /*opts*/) const {
    return false;
  }
  virtual IOStatus LargePut(RestObjectStore* store, const std::string& key,
                            const PutSource& source, const PutOptions& opts,
                            const RestHeaders& headers, ObjectMeta* meta);
  virtual IOStatus CopyAnswered(RestObjectStore* store, const std::string& src,
                                const std::string& dst,
                                const HttpResponse& resp) = 0;
  virtual IOStatus DeleteMany(RestObjectStore* store,
                              const std::vector<std::string>& keys);
  virtual IOStatus CreateBucketIfMissing(RestObjectStore* store,
                                         const std::string& region);
};

class RestObjectStore : public ObjectStore {
 public:
  RestObjectStore(std::unique_ptr<RestDialect> dialect,
                  std::shared_ptr<HttpTransport> transport, RetryOptions retry);
  ~RestObjectStore() override;

  const char* Name() const override { return dialect_->Name(); }
  IOStatus Get(const std::string& key, std::string* data) override;
  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override;
  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta = nullptr) override;
  IOStatus PutFrom(const std::string& key, const PutSource& source,
                   const PutOptions& opts, ObjectMeta* meta) override;
  IOStatus Head(const std::string& key, ObjectMeta* meta) override;
  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override;
  IOStatus ListDelimited(const std::string& prefix,
                         const std::string& delimiter,
                         std::vector<ObjectMeta>* objects,
                         std::vector<std::string>* common_prefixes) override;
  IOStatus Delete(const std::string& key) override;
  IOStatus Copy(const std::string& src, const std::string& dst) override;
  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override;
  IOStatus DeleteMany(const std::vector<std::string>& keys) override;
  IOStatus CreateBucketIfMissing(const std::string& region) override;

  // For dialects' protocols (and subclasses).
  using ObjectStore::Buffered;
  using ObjectStore::Kind;
  using ObjectStore::SourceMd5Base64;
  RestDialect* dialect() const { return dialect_.get(); }
  const RetryOptions& retry() const { return retry_; }
  // One counted request: authorized, signed before every attempt after
  // `each` (optional) ran, sent with `retry` (null: the store's).
  IOStatus Send(Kind kind, RestCall* call, HttpResponse* resp,
                uint64_t bytes_written = 0,
                const std::function<void(HttpRequest*)>& each = nullptr,
                const RetryOptions* retry = nullptr);
  IOStatus Error(const std::string& op, const std::string& what,
                 const HttpResponse& resp) const {
    return dialect_->ErrorStatus(op, what, resp);
  }
  // Sends a prepared upload (PutRequest, a block list) with its conditions
  // in place: a lost answer to a conditional one is resolved
  // (ResolveLostConditionalPut), a failed condition is Fenced, the answer
  // read by PutAnswered. md5: the object's whole; bytes_written: the
  // object bytes the request carries.
  // PutFrom with `headers` added to the upload's requests.
  IOStatus PutWithHeaders(const std::string& key, const PutSource& source,
                          const PutOptions& opts, const RestHeaders& headers,
                          ObjectMeta* meta);
  // A one-request upload: the source read whole and hashed, the request
  // made by `build` (as RestDialect::PutRequest), then Commit.
  using BuildPut = std::function<IOStatus(const std::string& md5,
                                          std::string body, RestCall* call)>;
  IOStatus PutWhole(const std::string& key, const PutSource& source,
                    const PutOptions& opts, const BuildPut& build,
                    ObjectMeta* meta);
  IOStatus Commit(const std::string& key, uint64_t size, const std::string& md5,
                  const PutOptions& opts, uint64_t bytes_written,
                  RestCall* call, ObjectMeta* meta);

 private:
  IOStatus Fetch(const std::string& key, const std::string* range,
                 uint64_t offset, size_t n, std::string* data);
  IOStatus ListPages(const std::string& prefix, const std::string& delimiter,
                     std::vector<ObjectMeta>* objects,
                     std::vector<std::string>* common_prefixes);

  const std::unique_ptr<RestDialect> dialect_;
  const std::shared_ptr<HttpTransport> transport_;
  const RetryOptions retry_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_REST_STORE_H_
