// The GCS ObjectStore; contract in cloud/gcs_store.h.
#include "cloud/gcs_store.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

#include "cloud/gcs_auth.h"
#include "cloud/http_time.h"
#include "cloud/json.h"
#include "cloud/sigv4.h"
#include "util/crypto.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

constexpr size_t kGcsChunkGranularity = 256 << 10;
// Bounds on loops that depend on the server's answers.
constexpr int kGcsMaxRewriteCalls = 10000;
constexpr int kGcsMaxListPages = 1000000;

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

class GcsStore : public ObjectStore {
 public:
  GcsStore(GcsStoreOptions o, std::string endpoint,
           std::unique_ptr<GcsTokenSource> tokens)
      : o_(std::move(o)),
        endpoint_(std::move(endpoint)),
        tokens_(std::move(tokens)) {}
  const char* Name() const override { return "gcs"; }

  IOStatus Get(const std::string& key, std::string* data) override {
    return Fetch(key, false, 0, 0, data);
  }

  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    data->clear();
    if (n == 0) return ValidateObjectKey(key);
    return Fetch(key, true, offset, n, data);
  }

  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    return PutFrom(key, SlicePutSource(data), opts, meta);
  }

  IOStatus PutFrom(const std::string& key, const PutSource& data,
                   const PutOptions& opts, ObjectMeta* meta) override {
    GcsPreconditions c;
    if (opts.if_none_match) c.if_generation_match = 0;
    if (!opts.if_match_etag.empty()) {
      uint64_t gen = 0;
      if (!GcsParseGeneration(opts.if_match_etag, &gen)) {
        return IOStatus::InvalidArgument(
            "GCS PUT " + key + ": if_match_etag '" + opts.if_match_etag +
            "' is not a GCS generation");
      }
      if (opts.if_none_match) {
        return IOStatus::InvalidArgument(
            "GCS PUT " + key + ": if_none_match and if_match_etag together");
      }
      c.if_generation_match = static_cast<int64_t>(gen);
    }
    return PutWith(key, data, c, meta);
  }

  IOStatus PutWith(const std::string& key, const PutSource& source,
                   const GcsPreconditions& c, ObjectMeta* meta) {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    std::string query = "name=" + GcsEncode(key);
    if (c.if_generation_match >= 0) {
      query += "&ifGenerationMatch=" + std::to_string(c.if_generation_match);
    }
    if (c.if_generation_not_match >= 0) {
      query +=
          "&ifGenerationNotMatch=" + std::to_string(c.if_generation_not_match);
    }
    if (source.size() > o_.resumable_threshold) {
      std::string md5;
      s = SourceMd5Base64(source, o_.chunk_size, &md5);
      if (!s.ok()) return s;
      return ResumablePut(key, query, source, md5, meta);
    }
    std::string body;
    std::unique_ptr<Buffered> held;
    s = ReadWhole(source, &body, &held);
    if (!s.ok()) return s;
    const std::string md5 = Md5Base64(body);
    const bool conditional =
        c.if_generation_match >= 0 || c.if_generation_not_match >= 0;
    HttpRequest req;
    req.method = "POST";
    req.url = UploadUrl() + "?uploadType=media&" + query;
    req.headers["Content-Type"] = "application/octet-stream";
    req.body = std::move(body);
    req.idempotent = !conditional;
    HttpResponse resp;
    s = Send(Kind::kPut, req, &resp, req.body.size());
    if (!s.ok() && conditional && resp.outcome_unknown) {
      PutOptions named;
      named.if_none_match = c.if_generation_match == 0;
      if (c.if_generation_match > 0) {
        named.if_match_etag = std::to_string(c.if_generation_match);
      }
      return ResolveLostConditionalPut(this, key, md5, named, s, meta);
    }
    if (!s.ok()) return s;
    if (resp.status != 200 && resp.status != 201) {
      return Error("upload", key, resp);
    }
    return UploadedMeta(key, md5, resp, meta);
  }

  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    std::string md5;
    return HeadWithMd5(key, meta, &md5);
  }

  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override {
    return ListPages(prefix, "", objects, nullptr);
  }

  IOStatus ListDelimited(const std::string& prefix,
                         const std::string& delimiter,
                         std::vector<ObjectMeta>* objects,
                         std::vector<std::string>* common_prefixes) override {
    return ListPages(prefix, delimiter, objects, common_prefixes);
  }

  IOStatus Delete(const std::string& key) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    HttpRequest req;
    req.method = "DELETE";
    req.url = ObjectUrl(key);
    HttpResponse resp;
    s = Send(Kind::kDelete, req, &resp);
    if (!s.ok()) return s;
    if (resp.status == 204 || resp.status == 200 || resp.status == 404) {
      return IOStatus::OK();
    }
    return Error("delete", key, resp);
  }

  IOStatus Copy(const std::string& src, const std::string& dst) override {
    IOStatus s = ValidateObjectKey(src);
    if (s.ok()) s = ValidateObjectKey(dst);
    if (!s.ok()) return s;
    const std::string what = src + " -> " + dst;
    std::string token;
    for (int call = 0; call < kGcsMaxRewriteCalls; call++) {
      HttpRequest req;
      req.method = "POST";
      req.url = ObjectUrl(src) + "/rewriteTo/b/" + GcsEncode(o_.bucket) +
                "/o/" + GcsEncode(dst);
      if (!token.empty()) req.url += "?rewriteToken=" + GcsEncode(token);
      req.headers["Content-Type"] = "application/json";
      req.body = "{}";
      HttpResponse resp;
      s = Send(Kind::kCopy, req, &resp);
      if (!s.ok()) return s;
      if (resp.status == 404) return NotFound("rewrite", src, resp);
      if (resp.status != 200) return Error("rewrite", what, resp);
      JsonValue doc;
      if (!JsonParse(resp.body, &doc) || !doc.is_object()) {
        return IOStatus::Corruption("GCS rewrite " + what +
                                    " answered unreadable JSON");
      }
      const JsonValue* done = doc.Find("done");
      if (done != nullptr && done->boolean()) return IOStatus::OK();
      const std::string next = doc.StringMember("rewriteToken");
      if (next.empty()) {
        return IOStatus::Corruption("GCS rewrite " + what +
                                    " is not done but gave no rewriteToken");
      }
      token = next;
    }
    return IOStatus::IOError("GCS rewrite " + what + " did not finish after " +
                             std::to_string(kGcsMaxRewriteCalls) + " calls");
  }

  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    IOStatus sink_error;
    HttpRequest req;
    req.method = "GET";
    req.url = ObjectUrl(key) + "?alt=media";
    req.body_sink = [&](const char* data, size_t n) {
      sink_error = sink->Append(Slice(data, n));
      return sink_error.ok();
    };
    auto restart = [&](HttpRequest*) {
      // A new attempt starts the body over.
      sink_error = sink->Restart();
    };
    HttpResponse resp;
    s = Send(Kind::kGet, req, &resp, 0, restart);
    if (s.ok() && !sink_error.ok()) s = sink_error;
    if (s.ok() && resp.status == 404) {
      s = NotFound("download", key, resp);
    } else if (s.ok() && resp.status != 200) {
      s = Error("download", key, resp);
    }
    return s;
  }

 private:
  std::string ObjectUrl(const std::string& key) const {
    return endpoint_ + "/storage/v1/b/" + GcsEncode(o_.bucket) + "/o/" +
           GcsEncode(key);
  }
  std::string UploadUrl() const {
    return endpoint_ + "/upload/storage/v1/b/" + GcsEncode(o_.bucket) + "/o";
  }

  // One counted request (ObjectStore::CountedSend) with the current token;
  // a 401 with a token that can be refreshed is tried once more with a new
  // one (a second request). `each` (optional) runs before every attempt.
  IOStatus Send(Kind kind, const HttpRequest& request, HttpResponse* resp,
                uint64_t bytes_written = 0,
                const std::function<void(HttpRequest*)>& each = nullptr,
                const RetryOptions* retry = nullptr) {
    IOStatus s;
    for (int round = 0; round < 2; round++) {
      std::string token;
      s = tokens_->Token(&token);
      if (!s.ok()) return s;
      auto sign = [&](HttpRequest* r) {
        if (each) each(r);
        if (!token.empty()) r->headers["Authorization"] = "Bearer " + token;
      };
      s = CountedSend(kind, bytes_written, o_.transport.get(),
                      retry ? *retry : o_.retry, sign, request, resp);
      if (!s.ok() || resp->status != 401 || !tokens_->Invalidate()) break;
    }
    return s;
  }

  // An upload's answer (object metadata) into *meta, after checking that
  // GCS stored the bytes we sent.
  IOStatus UploadedMeta(const std::string& key, const std::string& sent_md5,
                        const HttpResponse& resp, ObjectMeta* meta) {
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

  IOStatus MetaFromJson(const std::string& key, const JsonValue& doc,
                        ObjectMeta* meta) const {
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

  IOStatus HeadWithMd5(const std::string& key, ObjectMeta* meta,
                       std::string* md5) {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    HttpRequest req;
    req.method = "GET";
    req.url = ObjectUrl(key);
    HttpResponse resp;
    s = Send(Kind::kHead, req, &resp);
    if (!s.ok()) return s;
    if (resp.status == 404) return NotFound("metadata", key, resp);
    if (resp.status != 200) return Error("metadata", key, resp);
    JsonValue doc;
    if (!JsonParse(resp.body, &doc) || !doc.is_object()) {
      return IOStatus::Corruption("GCS metadata of " + key +
                                  " is unreadable JSON");
    }
    *md5 = doc.StringMember("md5Hash");
    s = MetaFromJson(key, doc, meta);
    meta->content_md5 = *md5;
    return s;
  }

  // A resumable upload: start a session, send chunk after chunk; when a
  // chunk fails, ask the session how much it persisted and go on from
  // there (GCS may keep less than a chunk, in 256 KiB steps).
  // The chunks are read from the source one at a time (one chunk in
  // memory); every request of the session counts as a PUT.
  IOStatus ResumablePut(const std::string& key, const std::string& query,
                        const PutSource& data, const std::string& md5,
                        ObjectMeta* meta) {
    HttpRequest init;
    init.method = "POST";
    init.url = UploadUrl() + "?uploadType=resumable&" + query;
    init.headers["Content-Type"] = "application/json; charset=UTF-8";
    init.headers["X-Upload-Content-Type"] = "application/octet-stream";
    init.headers["X-Upload-Content-Length"] = std::to_string(data.size());
    init.body = "{\"name\":" + JsonQuote(key) + "}";
    HttpResponse resp;
    IOStatus s = Send(Kind::kPut, init, &resp);
    if (!s.ok()) return s;
    if (resp.status != 200 && resp.status != 201) {
      return Error("resumable upload start", key, resp);
    }
    const std::string session = resp.headers["location"];
    if (session.empty()) {
      return IOStatus::Corruption("GCS resumable upload of " + key +
                                  " started without a session Location");
    }
    const uint64_t size = data.size();
    const std::string total = std::to_string(size);
    // Chunk PUTs are not retried blindly: after a failure the session says
    // what it kept.
    RetryOptions once = o_.retry;
    once.max_attempts = 1;
    const int max_tries = std::max(1, o_.retry.max_attempts);
    uint64_t offset = 0;
    int failures = 0;  // failed requests since the last progress
    int stalls = 0;    // answers without progress since the last progress
    while (true) {
      HttpRequest put;
      put.method = "PUT";
      put.url = session;
      std::unique_ptr<Buffered> held;
      if (offset < size) {
        const uint64_t end = std::min<uint64_t>(size, offset + o_.chunk_size);
        put.headers["Content-Range"] = "bytes " + std::to_string(offset) + "-" +
                                       std::to_string(end - 1) + "/" + total;
        held = std::make_unique<Buffered>(this, end - offset);
        s = data.Read(offset, static_cast<size_t>(end - offset), &put.body);
        if (!s.ok()) return s;
        put.idempotent = false;
      } else {
        // All bytes are there but no final answer came: ask for it.
        put.headers["Content-Range"] = "bytes */" + total;
      }
      resp = HttpResponse();
      s = Send(Kind::kPut, put, &resp, put.body.size(), nullptr, &once);
      held.reset();
      const bool failed = !s.ok() || resp.status >= 500 || resp.status == 429;
      if (failed) {
        if (++failures >= max_tries) {
          if (!s.ok()) return s;
          return Error("resumable upload", key, resp);
        }
        SleepBeforeRetry(o_.retry, failures);
        // Where is the session? (Content-Range: bytes */N)
        HttpRequest status_query;
        status_query.method = "PUT";
        status_query.url = session;
        status_query.headers["Content-Range"] = "bytes */" + total;
        resp = HttpResponse();
        s = Send(Kind::kPut, status_query, &resp);
        if (!s.ok()) return s;
      }
      if (resp.status == 200 || resp.status == 201) {
        return UploadedMeta(key, md5, resp, meta);
      }
      if (resp.status == 404 || resp.status == 410) {
        IOStatus e = Error(
            "resumable upload (the session expired or was "
            "cancelled)",
            key, resp);
        e.SetRetryable(true);  // a new Put starts a new session
        return e;
      }
      if (resp.status != 308) return Error("resumable upload", key, resp);
      const uint64_t persisted = GcsPersistedFromRange(resp.headers["range"]);
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
        SleepBeforeRetry(o_.retry, stalls);
      }
      offset = persisted;
    }
  }

  IOStatus Fetch(const std::string& key, bool ranged, uint64_t offset, size_t n,
                 std::string* data) {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    data->clear();
    HttpRequest req;
    req.method = "GET";
    req.url = ObjectUrl(key) + "?alt=media";
    if (ranged) {
      req.headers["Range"] = "bytes=" + std::to_string(offset) + "-" +
                             std::to_string(offset + n - 1);
    }
    HttpResponse resp;
    s = Send(Kind::kGet, req, &resp);
    const bool got = s.ok() && (resp.status == 200 || resp.status == 206);
    if (!s.ok()) return s;
    if (resp.status == 404) return NotFound("download", key, resp);
    if (resp.status == 416) return IOStatus::OK();  // starts past the end
    if (!got) return Error("download", key, resp);
    if (resp.status == 200 && ranged) {
      // The whole object (a server may ignore Range; RetryingSend checked
      // its x-goog-hash): cut.
      if (offset >= resp.body.size()) return IOStatus::OK();
      resp.body = resp.body.substr(offset, n);
    }
    *data = std::move(resp.body);
    return IOStatus::OK();
  }

  IOStatus ListPages(const std::string& prefix, const std::string& delimiter,
                     std::vector<ObjectMeta>* objects,
                     std::vector<std::string>* common_prefixes) {
    objects->clear();
    if (common_prefixes != nullptr) common_prefixes->clear();
    std::set<std::string> rolled_up;
    std::string token;
    for (int page = 0; page < kGcsMaxListPages; page++) {
      HttpRequest req;
      req.method = "GET";
      req.url = endpoint_ + "/storage/v1/b/" + GcsEncode(o_.bucket) +
                "/o?prefix=" + GcsEncode(prefix) +
                "&maxResults=" + std::to_string(o_.list_page_size) +
                "&fields=" +
                GcsEncode(
                    "items(name,size,generation,updated),prefixes,"
                    "nextPageToken");
      if (!delimiter.empty()) req.url += "&delimiter=" + GcsEncode(delimiter);
      if (!token.empty()) req.url += "&pageToken=" + GcsEncode(token);
      HttpResponse resp;
      IOStatus s = Send(Kind::kList, req, &resp);
      if (!s.ok()) return s;
      if (resp.status != 200)
        return Error("list", "prefix '" + prefix + "'", resp);
      JsonValue doc;
      if (!JsonParse(resp.body, &doc) || !doc.is_object()) {
        return IOStatus::Corruption("GCS list of '" + prefix +
                                    "' answered unreadable JSON");
      }
      const JsonValue* items = doc.Find("items");
      if (items != nullptr) {
        for (const JsonValue& item : items->items()) {
          ObjectMeta m;
          s = MetaFromJson(item.StringMember("name"), item, &m);
          if (!s.ok()) return s;
          objects->push_back(std::move(m));
        }
      }
      const JsonValue* prefixes = doc.Find("prefixes");
      if (prefixes != nullptr && common_prefixes != nullptr) {
        for (const JsonValue& p : prefixes->items()) {
          if (p.is_string()) rolled_up.insert(p.text());
        }
      }
      const std::string next = doc.StringMember("nextPageToken");
      if (next.empty()) {
        // Each prefix once, in byte order, even from a server that repeats
        // them on every page (the firebase emulator does).
        if (common_prefixes != nullptr) {
          common_prefixes->assign(rolled_up.begin(), rolled_up.end());
        }
        return IOStatus::OK();
      }
      if (next == token) {
        return IOStatus::Corruption("GCS list of '" + prefix +
                                    "' repeats its page token");
      }
      token = next;
    }
    return IOStatus::IOError("GCS list of '" + prefix + "' did not end");
  }

  IOStatus NotFound(const std::string& op, const std::string& key,
                    HttpResponse& resp) const {
    IOStatus s = IOStatus::NotFound("GCS " + op + ": no object '" + key +
                                    "' in bucket " + o_.bucket);
    s.SetHttpDetail(404, "notFound", RequestId(resp));
    return s;
  }

  static std::string RequestId(HttpResponse& resp) {
    std::string id = resp.headers["x-guploader-uploadid"];
    if (id.empty()) id = resp.headers["x-goog-request-id"];
    return id;
  }

  IOStatus Error(const std::string& op, const std::string& what,
                 HttpResponse& resp) const {
    // {"error": {"code": 403, "message": "...", "errors": [{"reason": ...}]}}
    std::string reason, message;
    JsonValue doc;
    if (JsonParse(resp.body, &doc) && doc.is_object()) {
      const JsonValue* err = doc.Find("error");
      if (err != nullptr && err->is_object()) {
        message = err->StringMember("message");
        const JsonValue* errors = err->Find("errors");
        if (errors != nullptr && !errors->items().empty()) {
          reason = errors->items()[0].StringMember("reason");
        }
      } else if (err != nullptr && err->is_string()) {
        message = err->text();
      }
    } else {
      for (char c : resp.body.substr(0, 200)) {
        message.push_back(c >= 0x20 && c < 0x7f ? c : ' ');
      }
    }
    if (message.size() > 300) message.resize(300);
    if (resp.status == 412) {
      IOStatus f = IOStatus::IOFenced(
          "GCS " + op + " precondition failed in bucket " + o_.bucket, what);
      f.SetHttpDetail(412, reason.empty() ? "conditionNotMet" : reason,
                      RequestId(resp));
      return f;
    }
    HttpErrorInfo e;
    e.provider = "GCS";
    e.op = op;
    e.what = what;
    e.where = "in bucket " + o_.bucket;
    e.status = resp.status;
    e.code = reason;
    e.message = message;
    e.request_id = RequestId(resp);
    if (resp.status == 401 || resp.status == 403) {
      e.hint = " (authentication with " + tokens_->Describe() +
               " was refused; check the credentials and their access to "
               "bucket " +
               o_.bucket + ")";
    }
    e.retryable = reason == "rateLimitExceeded" || reason == "backendError";
    return HttpErrorStatus(e);
  }

  const GcsStoreOptions o_;
  const std::string endpoint_;  // scheme://host[:port], no trailing '/'
  const std::unique_ptr<GcsTokenSource> tokens_;
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
  *store =
      std::make_unique<GcsStore>(std::move(o), endpoint, std::move(tokens));
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
