// The GCS ObjectStore; contract in cloud/gcs_store.h.
#include "cloud/gcs_store.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cloud/gcs_auth.h"
#include "cloud/http_time.h"
#include "cloud/json.h"
#include "cloud/rest_store.h"
#include "cloud/sigv4.h"
#include "util/crypto.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

constexpr size_t kGcsChunkGranularity = 256 << 10;
// Bounds the rewrite loop, which depends on the server's answers.
constexpr int kGcsMaxRewriteCalls = 10000;

std::string GcsEncode(const std::string& s) { return AwsUriEncode(s, false); }

// The end of "bytes=0-N" (GCS's Range on a 308) plus one: the persisted
// size; 0 when absent or malformed.
uint64_t GcsPersistedFromRange(const std::string& range) {
  const size_t dash = range.rfind('-');
  if (range.rfind("bytes=", 0) != 0 || dash == std::string::npos) return 0;
  const std::string end = range.substr(dash + 1);
  if (end.empty() || end.size() > 19) return 0;
  for (char c : end) {
    if (c < '0' || c > '9') return 0;
  }
  return std::strtoull(end.c_str(), nullptr, 10) + 1;
}

// A generation number (what the store gives as etag): 1 .. INT64_MAX.
bool GcsParseGeneration(const std::string& s, uint64_t* gen) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v == 0 || v > static_cast<uint64_t>(INT64_MAX)) return false;
  *gen = v;
  return true;
}

// GCS's generation preconditions for PutOptions: if_none_match is
// ifGenerationMatch=0, if_match_etag ifGenerationMatch=<etag>.
IOStatus GcsConditionsFor(const std::string& key, const PutOptions& opts,
                          GcsPreconditions* c) {
  if (opts.if_none_match) c->if_generation_match = 0;
  if (!opts.if_match_etag.empty()) {
    uint64_t gen = 0;
    if (!GcsParseGeneration(opts.if_match_etag, &gen)) {
      return IOStatus::InvalidArgument("GCS PUT " + key + ": if_match_etag '" +
                                       opts.if_match_etag +
                                       "' is not a GCS generation");
    }
    if (opts.if_none_match) {
      return IOStatus::InvalidArgument(
          "GCS PUT " + key + ": if_none_match and if_match_etag together");
    }
    c->if_generation_match = static_cast<int64_t>(gen);
  }
  return IOStatus::OK();
}

// The GCS dialect of the REST skeleton (cloud/rest_store.h): JSON API URLs,
// bearer tokens refreshed after a 401, JSON errors, object resources as
// metadata and list pages, media and resumable uploads, rewrites.
class GcsDialect : public RestDialect {
 public:
  GcsDialect(GcsStoreOptions o, std::string endpoint,
             std::unique_ptr<GcsTokenSource> tokens)
      : o_(std::move(o)),
        endpoint_(std::move(endpoint)),
        tokens_(std::move(tokens)) {}

  const char* Name() const override { return "gcs"; }
  const char* Provider() const override { return "GCS"; }
  std::string Where() const override { return "in bucket " + o_.bucket; }
  std::string OpName(RestOp op) const override {
    switch (op) {
      case RestOp::kRead:
        return "download";
      case RestOp::kHead:
        return "metadata";
      case RestOp::kPut:
        return "upload";
      case RestOp::kDelete:
        return "delete";
      case RestOp::kCopy:
        return "rewrite";
      case RestOp::kList:
        return "list";
    }
    return "?";
  }

  // An object's resource (key "": the bucket's objects).
  RestCall Request(const std::string& method, const std::string& key,
                   RestQuery query) const override {
    RestCall call;
    call.req.method = method;
    call.path = "/storage/v1/b/" + GcsEncode(o_.bucket) + "/o";
    if (!key.empty()) call.path += "/" + GcsEncode(key);
    call.req.url = RestUrl(endpoint_, call.path, query);
    call.query = std::move(query);
    return call;
  }

  RestCall ReadRequest(const std::string& key,
                       const std::string* range) const override {
    RestCall call = Request("GET", key, {{"alt", "media"}});
    if (range != nullptr) call.req.headers["Range"] = *range;
    return call;
  }

  RestCall HeadRequest(const std::string& key) const override {
    return Request("GET", key, {});
  }

  // objects.rewrite, first call (token "") or a continuation.
  RestCall RewriteRequest(const std::string& src, const std::string& dst,
                          const std::string& token) const {
    RestCall call = Request("POST", src, {});
    call.req.url +=
        "/rewriteTo/b/" + GcsEncode(o_.bucket) + "/o/" + GcsEncode(dst);
    if (!token.empty()) call.req.url += "?rewriteToken=" + GcsEncode(token);
    call.req.headers["Content-Type"] = "application/json";
    call.req.body = "{}";
    return call;
  }

  RestCall CopyRequest(const std::string& src,
                       const std::string& dst) const override {
    return RewriteRequest(src, dst, "");
  }

  RestCall ListRequest(const std::string& prefix, const std::string& delimiter,
                       const std::string& token) const override {
    RestQuery q = {
        {"prefix", prefix},
        {"maxResults", std::to_string(o_.list_page_size)},
        {"fields",
         "items(name,size,generation,updated),prefixes,nextPageToken"}};
    if (!delimiter.empty()) q.emplace_back("delimiter", delimiter);
    if (!token.empty()) q.emplace_back("pageToken", token);
    return Request("GET", "", std::move(q));
  }

  // An upload URL of uploadType with the object's name and conditions.
  RestCall UploadRequest(const std::string& upload_type, const std::string& key,
                         const GcsPreconditions& c) const {
    RestQuery q = {{"uploadType", upload_type}, {"name", key}};
    if (c.if_generation_match >= 0) {
      q.emplace_back("ifGenerationMatch",
                     std::to_string(c.if_generation_match));
    }
    if (c.if_generation_not_match >= 0) {
      q.emplace_back("ifGenerationNotMatch",
                     std::to_string(c.if_generation_not_match));
    }
    RestCall call;
    call.req.method = "POST";
    call.path = "/upload/storage/v1/b/" + GcsEncode(o_.bucket) + "/o";
    call.req.url = RestUrl(endpoint_, call.path, q);
    call.query = std::move(q);
    call.req.idempotent =
        c.if_generation_match < 0 && c.if_generation_not_match < 0;
    return call;
  }

  // A media upload of body under the conditions.
  RestCall MediaRequest(const std::string& key, const GcsPreconditions& c,
                        std::string body) const {
    RestCall call = UploadRequest("media", key, c);
    call.req.headers["Content-Type"] = "application/octet-stream";
    call.req.body = std::move(body);
    return call;
  }

  IOStatus PutRequest(const std::string& key, const PutOptions& opts,
                      const std::string& /*md5*/, std::string body,
                      RestCall* call) const override {
    GcsPreconditions c;
    IOStatus s = GcsConditionsFor(key, opts, &c);
    if (!s.ok()) return s;
    *call = MediaRequest(key, c, std::move(body));
    return IOStatus::OK();
  }

  IOStatus Authorize(const RestCall& /*call*/,
                     std::function<void(HttpRequest*)>* sign) override {
    std::string token;
    IOStatus s = tokens_->Token(&token);
    if (!s.ok()) return s;
    *sign = [token](HttpRequest* r) {
      if (!token.empty()) r->headers["Authorization"] = "Bearer " + token;
    };
    return IOStatus::OK();
  }
  bool refreshes_authorization() const override { return true; }
  bool RefreshAuthorization() override { return tokens_->Invalidate(); }

  // {"error": {"code": 403, "message": "...", "errors": [{"reason": ...}]}}
  void ParseError(const HttpResponse& resp, HttpErrorInfo* e) const override {
    JsonValue doc;
    if (JsonParse(resp.body, &doc) && doc.is_object()) {
      const JsonValue* err = doc.Find("error");
      if (err != nullptr && err->is_object()) {
        e->message = err->StringMember("message");
        const JsonValue* errors = err->Find("errors");
        if (errors != nullptr && !errors->items().empty()) {
          e->code = errors->items()[0].StringMember("reason");
        }
      } else if (err != nullptr && err->is_string()) {
        e->message = err->text();
      }
    } else {
      for (char c : resp.body.substr(0, 200)) {
        e->message.push_back(c >= 0x20 && c < 0x7f ? c : ' ');
      }
    }
    if (e->message.size() > 300) e->message.resize(300);
    e->request_id = RequestId(resp);
    if (resp.status == 401 || resp.status == 403) {
      e->hint = " (authentication with " + tokens_->Describe() +
                " was refused; check the credentials and their access to "
                "bucket " +
                o_.bucket + ")";
    }
    e->retryable = e->code == "rateLimitExceeded" || e->code == "backendError";
  }

  IOStatus ErrorStatus(const std::string& op, const std::string& what,
                       const HttpResponse& resp) const override {
    if (resp.status == 412) return Fenced(op, what, resp);
    return RestDialect::ErrorStatus(op, what, resp);
  }

  IOStatus NotFound(const std::string& op, const std::string& key,
                    const HttpResponse& resp) const override {
    IOStatus s = IOStatus::NotFound("GCS " + op + ": no object '" + key +
                                    "' in bucket " + o_.bucket);
    s.SetHttpDetail(404, "notFound", RequestId(resp));
    return s;
  }

  IOStatus Fenced(const std::string& op, const std::string& what,
                  const HttpResponse& resp) const override {
    HttpErrorInfo e;
    ParseError(resp, &e);
    IOStatus f = IOStatus::IOFenced(
        "GCS " + op + " precondition failed in bucket " + o_.bucket, what);
    f.SetHttpDetail(412, e.code.empty() ? "conditionNotMet" : e.code,
                    RequestId(resp));
    return f;
  }

  IOStatus HeadAnswered(const std::string& key, const HttpResponse& resp,
                        ObjectMeta* meta) const override {
    JsonValue doc;
    if (!JsonParse(resp.body, &doc) || !doc.is_object()) {
      return IOStatus::Corruption("GCS metadata of " + key +
                                  " is unreadable JSON");
    }
    IOStatus s = MetaFromJson(key, doc, meta);
    meta->content_md5 = doc.StringMember("md5Hash");
    return s;
  }

  // An upload's answer (object metadata) into *meta, after checking that
  // GCS stored the bytes we sent.
  IOStatus PutAnswered(const std::string& key, uint64_t /*size*/,
                       const std::string& sent_md5, const HttpResponse& resp,
                       ObjectMeta* meta) const override {
    if (resp.status != 200 && resp.status != 201) {
      return ErrorStatus("upload", key, resp);
    }
    JsonValue doc;
    if (!JsonParse(resp.body, &doc) || !doc.is_object()) {
      return IOStatus::Corruption("GCS upload of " + key +
                                  " answered unreadable object metadata");
    }
    const std::string md5 = doc.StringMember("md5Hash");
    if (!md5.empty() && md5 != sent_md5) {
      return IOStatus::Corruption("GCS upload of " + key +
                                  ": the stored object's MD5 differs from the "
                                  "bytes sent");
    }
    if (meta != nullptr) {
      ObjectMeta m;
      IOStatus s = MetaFromJson(key, doc, &m);
      if (!s.ok()) return s;
      *meta = m;
    }
    return IOStatus::OK();
  }

  bool DeleteDone(const HttpResponse& resp) const override {
    return resp.status == 204 || resp.status == 200 || resp.status == 404;
  }

  IOStatus ParseListPage(const std::string& prefix, const HttpResponse& resp,
                         RestListPage* page) const override {
    JsonValue doc;
    if (!JsonParse(resp.body, &doc) || !doc.is_object()) {
      return IOStatus::Corruption("GCS list of '" + prefix +
                                  "' answered unreadable JSON");
    }
    const JsonValue* items = doc.Find("items");
    if (items != nullptr) {
      for (const JsonValue& item : items->items()) {
        ObjectMeta m;
        IOStatus s = MetaFromJson(item.StringMember("name"), item, &m);
        if (!s.ok()) return s;
        page->objects.push_back(std::move(m));
      }
    }
    const JsonValue* prefixes = doc.Find("prefixes");
    if (prefixes != nullptr) {
      for (const JsonValue& p : prefixes->items()) {
        if (p.is_string()) page->prefixes.push_back(p.text());
      }
    }
    page->next = doc.StringMember("nextPageToken");
    return IOStatus::OK();
  }

  // objects.rewrite is repeated with its token until done (each call a
  // copy request).
  IOStatus CopyAnswered(RestObjectStore* store, const std::string& src,
                        const std::string& dst,
                        const HttpResponse& first) override {
    const std::string what = src + " -> " + dst;
    HttpResponse resp = first;
    for (int call = 1;; call++) {
      if (resp.status == 404) return NotFound("rewrite", src, resp);
      if (resp.status != 200) return ErrorStatus("rewrite", what, resp);
      JsonValue doc;
      if (!JsonParse(resp.body, &doc) || !doc.is_object()) {
        return IOStatus::Corruption("GCS rewrite " + what +
                                    " answered unreadable JSON");
      }
      const JsonValue* done = doc.Find("done");
      if (done != nullptr && done->boolean()) return IOStatus::OK();
      const std::string token = doc.StringMember("rewriteToken");
      if (token.empty()) {
        return IOStatus::Corruption("GCS rewrite " + what +
                                    " is not done but gave no rewriteToken");
      }
      if (call >= kGcsMaxRewriteCalls) break;
      RestCall next = RewriteRequest(src, dst, token);
      resp = HttpResponse();
      IOStatus s = store->Send(RestObjectStore::Kind::kCopy, &next, &resp);
      if (!s.ok()) return s;
    }
    return IOStatus::IOError("GCS rewrite " + what + " did not finish after " +
                             std::to_string(kGcsMaxRewriteCalls) + " calls");
  }

  bool WantsLargePut(uint64_t size, const PutOptions& /*opts*/) const override {
    return size > o_.resumable_threshold;
  }

  IOStatus LargePut(RestObjectStore* store, const std::string& key,
                    const PutSource& source, const PutOptions& opts,
                    const RestHeaders& /*headers*/, ObjectMeta* meta) override {
    GcsPreconditions c;
    IOStatus s = GcsConditionsFor(key, opts, &c);
    if (!s.ok()) return s;
    return ResumablePut(store, key, c, source, meta);
  }

  // A resumable upload: start a session, send chunk after chunk; when a
  // chunk fails, ask the session how much it persisted and go on from
  // there (GCS may keep less than a chunk, in 256 KiB steps).
  // The chunks are read from the source one at a time (one chunk in
  // memory); every request of the session counts as a PUT.
  IOStatus ResumablePut(RestObjectStore* store, const std::string& key,
                        const GcsPreconditions& c, const PutSource& data,
                        ObjectMeta* meta) {
    using Kind = RestObjectStore::Kind;
    std::string md5;
    IOStatus s = store->SourceMd5Base64(data, o_.chunk_size, &md5);
    if (!s.ok()) return s;
    RestCall init = UploadRequest("resumable", key, c);
    init.req.idempotent = true;  // starting a session changes nothing
    init.req.headers["Content-Type"] = "application/json; charset=UTF-8";
    init.req.headers["X-Upload-Content-Type"] = "application/octet-stream";
    init.req.headers["X-Upload-Content-Length"] = std::to_string(data.size());
    init.req.body = "{\"name\":" + JsonQuote(key) + "}";
    HttpResponse resp;
    s = store->Send(Kind::kPut, &init, &resp);
    if (!s.ok()) return s;
    if (resp.status != 200 && resp.status != 201) {
      return ErrorStatus("resumable upload start", key, resp);
    }
    const std::string session = RestHeader(resp, "location");
    if (session.empty()) {
      return IOStatus::Corruption("GCS resumable upload of " + key +
                                  " started without a session Location");
    }
    const uint64_t size = data.size();
    const std::string total = std::to_string(size);
    // Chunk PUTs are not retried blindly: after a failure the session says
    // what it kept.
    RetryOptions once = store->retry();
    once.max_attempts = 1;
    const int max_tries = std::max(1, store->retry().max_attempts);
    uint64_t offset = 0;
    int failures = 0;  // failed requests since the last progress
    int stalls = 0;    // answers without progress since the last progress
    while (true) {
      RestCall put;
      put.req.method = "PUT";
      put.req.url = session;
      std::unique_ptr<RestObjectStore::Buffered> held;
      if (offset < size) {
        const uint64_t end = std::min<uint64_t>(size, offset + o_.chunk_size);
        put.req.headers["Content-Range"] = "bytes " + std::to_string(offset) +
                                           "-" + std::to_string(end - 1) + "/" +
                                           total;
        held = std::make_unique<RestObjectStore::Buffered>(store, end - offset);
        s = data.Read(offset, static_cast<size_t>(end - offset), &put.req.body);
        if (!s.ok()) return s;
        put.req.idempotent = false;
      } else {
        // All bytes are there but no final answer came: ask for it.
        put.req.headers["Content-Range"] = "bytes */" + total;
      }
      resp = HttpResponse();
      const uint64_t carried = put.req.body.size();
      s = store->Send(Kind::kPut, &put, &resp, carried, nullptr, &once);
      held.reset();
      const bool failed = !s.ok() || resp.status >= 500 || resp.status == 429;
      if (failed) {
        if (++failures >= max_tries) {
          if (!s.ok()) return s;
          return ErrorStatus("resumable upload", key, resp);
        }
        SleepBeforeRetry(store->retry(), failures);
        // Where is the session? (Content-Range: bytes */N)
        RestCall status_query;
        status_query.req.method = "PUT";
        status_query.req.url = session;
        status_query.req.headers["Content-Range"] = "bytes */" + total;
        resp = HttpResponse();
        s = store->Send(Kind::kPut, &status_query, &resp);
        if (!s.ok()) return s;
      }
      if (resp.status == 200 || resp.status == 201) {
        return PutAnswered(key, size, md5, resp, meta);
      }
      if (resp.status == 404 || resp.status == 410) {
        IOStatus e = ErrorStatus(
            "resumable upload (the session expired or was "
            "cancelled)",
            key, resp);
        e.SetRetryable(true);  // a new Put starts a new session
        return e;
      }
      if (resp.status != 308) return ErrorStatus("resumable upload", key, resp);
      const uint64_t persisted =
          GcsPersistedFromRange(RestHeader(resp, "range"));
      if (persisted > size) {
        return IOStatus::Corruption("GCS resumable upload of " + key +
                                    " reports more bytes than were sent");
      }
      if (persisted > offset) {
        failures = 0;
        stalls = 0;
      } else if (!failed) {
        if (++stalls >= max_tries) {
          return IOStatus::IOError(
              "GCS resumable upload of " + key + " in bucket " + o_.bucket +
              " makes no progress at offset " + std::to_string(offset));
        }
        SleepBeforeRetry(store->retry(), stalls);
      }
      offset = persisted;
    }
  }

 private:
  static std::string RequestId(const HttpResponse& resp) {
    std::string id = RestHeader(resp, "x-guploader-uploadid");
    if (id.empty()) id = RestHeader(resp, "x-goog-request-id");
    return id;
  }

  static IOStatus MetaFromJson(const std::string& key, const JsonValue& doc,
                               ObjectMeta* meta) {
    const JsonValue* size = doc.Find("size");
    const JsonValue* gen = doc.Find("generation");
    uint64_t n = 0, g = 0;
    if (size == nullptr || gen == nullptr || !size->AsUint64(&n) ||
        !gen->AsUint64(&g)) {
      return IOStatus::Corruption("GCS metadata of " + key +
                                  " lacks a size or generation");
    }
    meta->key = key;
    meta->size = n;
    meta->etag = std::to_string(g);
    meta->mtime_micros = ParseRfc3339Micros(doc.StringMember("updated"));
    return IOStatus::OK();
  }

  const GcsStoreOptions o_;
  const std::string endpoint_;  // scheme://host[:port], no trailing '/'
  const std::unique_ptr<GcsTokenSource> tokens_;
};

// The skeleton with GCS's dialect, plus puts under any generation
// preconditions (GcsPutWithPreconditions).
class GcsStore : public RestObjectStore {
 public:
  GcsStore(std::unique_ptr<GcsDialect> dialect,
           std::shared_ptr<HttpTransport> transport, RetryOptions retry)
      : RestObjectStore(std::move(dialect), std::move(transport),
                        std::move(retry)) {}

  IOStatus PutWith(const std::string& key, const PutSource& source,
                   const GcsPreconditions& c, ObjectMeta* meta) {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    GcsDialect* gcs = static_cast<GcsDialect*>(dialect());
    if (gcs->WantsLargePut(source.size(), PutOptions())) {
      return gcs->ResumablePut(this, key, c, source, meta);
    }
    // The conditions PutOptions can name, for a lost answer's resolution.
    PutOptions named;
    named.if_none_match = c.if_generation_match == 0;
    if (c.if_generation_match > 0) {
      named.if_match_etag = std::to_string(c.if_generation_match);
    }
    return PutWhole(
        key, source, named,
        [&](const std::string& /*md5*/, std::string body, RestCall* call) {
          *call = gcs->MediaRequest(key, c, std::move(body));
          return IOStatus::OK();
        },
        meta);
  }
};

}  // namespace

IOStatus GcsPutWithPreconditions(ObjectStore* store, const std::string& key,
                                 const Slice& data,
                                 const GcsPreconditions& conditions,
                                 ObjectMeta* meta) {
  if (store == nullptr || strcmp(store->Name(), "gcs") != 0) {
    return IOStatus::InvalidArgument(
        "GcsPutWithPreconditions needs a store made by NewGcsStore");
  }
  return static_cast<GcsStore*>(store)->PutWith(key, SlicePutSource(data),
                                                conditions, meta);
}

IOStatus NewGcsStore(const GcsStoreOptions& options,
                     std::unique_ptr<ObjectStore>* store) {
  GcsStoreOptions o = options;
  if (o.bucket.empty()) {
    return IOStatus::InvalidArgument("GCS store needs a bucket name");
  }
  if (o.chunk_size == 0 || o.chunk_size % kGcsChunkGranularity != 0) {
    return IOStatus::InvalidArgument(
        "GCS chunk_size must be a positive multiple of 256 KiB, not " +
        std::to_string(o.chunk_size));
  }
  if (o.list_page_size <= 0) o.list_page_size = 1000;
  const std::string emulator = GetEnvString("STORAGE_EMULATOR_HOST");
  std::string endpoint = o.endpoint;
  if (endpoint.empty() && !emulator.empty()) {
    endpoint = emulator.find("://") == std::string::npos ? "http://" + emulator
                                                         : emulator;
  }
  if (endpoint.empty()) endpoint = "https://storage.googleapis.com";
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  if (endpoint.find("://") == std::string::npos) {
    return IOStatus::InvalidArgument(
        "GCS endpoint has no scheme (http:// or https://)", endpoint);
  }
  if (!o.transport) o.transport = NewCurlTransport(o.timeouts);
  std::unique_ptr<GcsTokenSource> tokens;
  std::string credentials = o.credentials_file;
  if (!o.token.empty()) {
    tokens = NewGcsFixedTokenSource(o.token);
  } else if (credentials.empty() && (o.anonymous || !emulator.empty())) {
    tokens = NewGcsFixedTokenSource("");
  } else {
    IOStatus s =
        credentials.empty()
            ? NewGcsDefaultTokenSource(o.transport, o.retry, o.now, &tokens)
            : GcsCredentialsFileTokenSource(credentials, o.transport, o.retry,
                                            o.now, &tokens);
    if (!s.ok()) {
      return IOStatus::InvalidArgument("GCS bucket " + o.bucket + ": " +
                                       s.ToString());
    }
  }
  std::shared_ptr<HttpTransport> transport = o.transport;
  RetryOptions retry = o.retry;
  *store = std::make_unique<GcsStore>(
      std::make_unique<GcsDialect>(std::move(o), endpoint, std::move(tokens)),
      std::move(transport), std::move(retry));
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
