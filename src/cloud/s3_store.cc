// The S3 ObjectStore; contract in cloud/s3_store.h.
#include "cloud/s3_store.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>

#include "cloud/aws_credentials.h"
#include "cloud/http_time.h"
#include "cloud/rest_store.h"
#include "cloud/xml.h"
#include "util/crc32c.h"
#include "util/crypto.h"
#include "util/parallel.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// AWS_RETRY_MODE and AWS_MAX_ATTEMPTS, for retry options left at their
// defaults (explicit options win, as in the SDKs).
void S3RetryFromEnvironment(RetryOptions* r) {
  const RetryOptions d;
  if (r->max_attempts != d.max_attempts ||
      r->base_delay_micros != d.base_delay_micros ||
      r->max_delay_micros != d.max_delay_micros) {
    return;
  }
  const std::string mode = ToLowerAscii(GetEnvString("AWS_RETRY_MODE"));
  if (mode == "legacy") {
    r->max_attempts = 5;
  } else if (mode == "standard" || mode == "adaptive") {
    r->max_attempts = 3;
    r->max_delay_micros = 20000000;
  }
  const std::string attempts = GetEnvString("AWS_MAX_ATTEMPTS");
  char* end = nullptr;
  const long n = strtol(attempts.c_str(), &end, 10);
  if (!attempts.empty() && *end == '\0' && n >= 1 && n <= 100) {
    r->max_attempts = static_cast<int>(n);
  }
}

// The base64 MD5 a single-part object's ETag (32 hex digits) is; "" for a
// multipart ETag ("<hex>-<parts>") or anything else.
std::string S3EtagMd5(const std::string& etag) {
  if (etag.size() != 32) return "";
  std::string raw;
  for (size_t i = 0; i < 32; i += 2) {
    int v = 0;
    for (size_t j = i; j < i + 2; j++) {
      const char c = etag[j];
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0) return "";
      v = v * 16 + d;
    }
    raw.push_back(static_cast<char>(v));
  }
  return Base64Encode(raw);
}

// Asks S3 to answer a whole-object GET with the checksum the object was
// stored with (x-amz-checksum-crc32c for single PUTs here), which
// RetryingSend compares with the body. Servers that do not know it send
// none, and the body is checked by its length alone.
constexpr const char* kChecksumMode = "x-amz-checksum-mode";

// The S3 dialect of the REST skeleton (cloud/rest_store.h): path- or
// virtual-hosted URLs, SigV4, XML errors and ListObjectsV2 pages, and the
// multipart upload, batch delete and bucket creation protocols.
class S3Dialect : public RestDialect {
 public:
  S3Dialect(S3StoreOptions o, std::string scheme_host, std::string host,
            bool path_style, std::shared_ptr<AwsCredentialsProvider> creds)
      : o_(std::move(o)),
        scheme_host_(std::move(scheme_host)),
        host_(std::move(host)),
        path_style_(path_style),
        credentials_(std::move(creds)) {}

  const char* Name() const override { return "s3"; }
  const char* Provider() const override { return "S3"; }
  std::string Where() const override { return "in bucket " + o_.bucket; }

  RestCall Request(const std::string& method, const std::string& key,
                   RestQuery query) const override {
    RestCall call;
    call.req.method = method;
    std::string path = path_style_ ? "/" + o_.bucket : "";
    if (!key.empty()) path += "/" + AwsUriEncode(key, true);
    if (path.empty()) path = "/";
    call.req.url = RestUrl(scheme_host_, path, query);
    call.req.headers["host"] = host_;
    call.path = path;
    call.query = std::move(query);
    return call;
  }

  RestCall ReadRequest(const std::string& key,
                       const std::string* range) const override {
    RestCall call = Request("GET", key, {});
    if (range != nullptr) {
      call.req.headers["Range"] = *range;
    } else {
      call.req.headers[kChecksumMode] = "ENABLED";
    }
    return call;
  }

  RestCall CopyRequest(const std::string& src,
                       const std::string& dst) const override {
    RestCall call = Request("PUT", dst, {});
    call.req.headers["x-amz-copy-source"] =
        "/" + o_.bucket + "/" + AwsUriEncode(src, true);
    return call;
  }

  // ListObjectsV2.
  RestCall ListRequest(const std::string& prefix, const std::string& delimiter,
                       const std::string& token) const override {
    RestQuery q = {{"list-type", "2"}, {"prefix", prefix}};
    if (!delimiter.empty()) q.emplace_back("delimiter", delimiter);
    if (!token.empty()) q.emplace_back("continuation-token", token);
    return Request("GET", "", std::move(q));
  }

  IOStatus PutRequest(const std::string& key, const PutOptions& opts,
                      const std::string& md5, std::string body,
                      RestCall* call) const override {
    *call = Request("PUT", key, {});
    call->req.headers["Content-MD5"] = md5;  // S3 checks the bytes
    // Kept with the object, so a GET can be checked (kChecksumMode).
    call->req.headers["x-amz-checksum-crc32c"] =
        Crc32cBase64(crc32c::Value(body.data(), body.size()));
    call->req.body = std::move(body);
    if (opts.if_none_match) call->req.headers["If-None-Match"] = "*";
    if (!opts.if_match_etag.empty()) {
      call->req.headers["If-Match"] = "\"" + opts.if_match_etag + "\"";
    }
    return IOStatus::OK();
  }

  // The provider's current credentials (refreshed before they expire);
  // anonymous (empty) ones leave the request unsigned.
  IOStatus Authorize(const RestCall& call,
                     std::function<void(HttpRequest*)>* sign) override {
    AwsCredentials creds;
    IOStatus s = credentials_->Get(&creds);
    if (!s.ok()) {
      IOStatus e = IOStatus::IOError("S3 credentials for bucket " + o_.bucket +
                                         " from " + credentials_->Describe(),
                                     s.ToString());
      e.SetRetryable(s.GetRetryable());
      return e;
    }
    *sign = [this, creds, path = call.path,
             query = call.query](HttpRequest* r) {
      if (creds.access_key_id.empty()) return;
      SigV4Request sr;
      sr.method = r->method;
      sr.encoded_path = path;
      sr.query = query;
      sr.headers = r->headers;
      sr.payload_sha256 =
          o_.unsigned_payload ? "UNSIGNED-PAYLOAD" : Sha256Hex(r->body);
      const int64_t now =
          o_.now ? o_.now() : static_cast<int64_t>(time(nullptr));
      SigV4Sign(creds, o_.region, "s3", now, &sr);
      r->headers = sr.headers;
    };
    return IOStatus::OK();
  }

  void ParseError(const HttpResponse& resp, HttpErrorInfo* e) const override {
    e->code = XmlFirstText(resp.body, "Code");
    e->message = XmlFirstText(resp.body, "Message");
    e->request_id = XmlFirstText(resp.body, "RequestId");
    if (e->request_id.empty()) {
      e->request_id = RestHeader(resp, "x-amz-request-id");
    }
    if (resp.status == 403) e->hint = " (check the credentials and the region)";
    e->retryable = e->code == "ConditionalRequestConflict";
  }

  IOStatus NotFound(const std::string& /*op*/, const std::string& key,
                    const HttpResponse& /*resp*/) const override {
    return IOStatus::NotFound("no such object", key);
  }

  IOStatus Fenced(const std::string& op, const std::string& key,
                  const HttpResponse& resp) const override {
    IOStatus f = IOStatus::IOFenced("S3 " + op + " precondition failed", key);
    f.SetHttpDetail(412, "PreconditionFailed",
                    RestHeader(resp, "x-amz-request-id"));
    return f;
  }

  IOStatus HeadAnswered(const std::string& key, const HttpResponse& resp,
                        ObjectMeta* meta) const override {
    meta->key = key;
    meta->size =
        std::strtoull(RestHeader(resp, "content-length").c_str(), nullptr, 10);
    meta->etag = RestUnquote(RestHeader(resp, "etag"));
    meta->content_md5 = S3EtagMd5(meta->etag);
    int64_t secs = 0;
    meta->mtime_micros =
        ParseHttpDate(RestHeader(resp, "last-modified"), &secs) && secs > 0
            ? static_cast<uint64_t>(secs) * 1000000
            : 0;
    return IOStatus::OK();
  }

  IOStatus PutAnswered(const std::string& key, uint64_t size,
                       const std::string& /*md5*/, const HttpResponse& resp,
                       ObjectMeta* meta) const override {
    if (resp.status != 200) return ErrorStatus("PUT", key, resp);
    if (meta != nullptr) {
      meta->key = key;
      meta->size = size;
      meta->etag = RestUnquote(RestHeader(resp, "etag"));
    }
    return IOStatus::OK();
  }

  bool DeleteDone(const HttpResponse& resp) const override {
    return resp.status == 204 || resp.status == 200 || resp.status == 404;
  }

  IOStatus ParseListPage(const std::string& prefix, const HttpResponse& resp,
                         RestListPage* page) const override {
    for (const auto& rec : XmlRecords(resp.body, "Contents")) {
      auto it = rec.find("Key");
      if (it == rec.end()) continue;
      ObjectMeta m;
      m.key = it->second;
      auto sz = rec.find("Size");
      if (sz != rec.end())
        m.size = std::strtoull(sz->second.c_str(), nullptr, 10);
      auto et = rec.find("ETag");
      if (et != rec.end()) m.etag = RestUnquote(et->second);
      auto lm = rec.find("LastModified");
      if (lm != rec.end()) m.mtime_micros = ParseRfc3339Micros(lm->second);
      page->objects.push_back(std::move(m));
    }
    for (const auto& rec : XmlRecords(resp.body, "CommonPrefixes")) {
      auto it = rec.find("Prefix");
      if (it != rec.end()) page->prefixes.push_back(it->second);
    }
    if (XmlFirstText(resp.body, "IsTruncated") != "true") return IOStatus::OK();
    page->next = XmlFirstText(resp.body, "NextContinuationToken");
    if (page->next.empty()) {
      return IOStatus::Corruption(
          "S3 LIST of '" + prefix +
          "' is truncated but has no continuation token");
    }
    return IOStatus::OK();
  }

  IOStatus CopyAnswered(RestObjectStore* /*store*/, const std::string& src,
                        const std::string& dst,
                        const HttpResponse& resp) override {
    // S3 may answer 200 with an error in the body.
    if (resp.status != 200 || resp.body.find("<Error>") != std::string::npos) {
      return ErrorStatus("COPY", src + " -> " + dst, resp);
    }
    return IOStatus::OK();
  }

  bool WantsLargePut(uint64_t size, const PutOptions& opts) const override {
    return !opts.if_none_match && opts.if_match_etag.empty() &&
           size > o_.multipart_threshold && o_.part_size > 0;
  }

  // Every request of a multipart upload counts as a PUT: the create, each
  // part, the completion (the abort after a failure is a DELETE).
  IOStatus LargePut(RestObjectStore* store, const std::string& key,
                    const PutSource& source, const PutOptions& /*opts*/,
                    const RestHeaders& /*headers*/, ObjectMeta* meta) override {
    using Kind = RestObjectStore::Kind;
    const uint64_t size = source.size();
    RestCall init = Request("POST", key, {{"uploads", ""}});
    HttpResponse resp;
    IOStatus s = store->Send(Kind::kPut, &init, &resp);
    if (!s.ok()) return s;
    if (resp.status != 200) {
      return ErrorStatus("CreateMultipartUpload", key, resp);
    }
    const std::string upload_id = XmlFirstText(resp.body, "UploadId");
    if (upload_id.empty()) {
      return IOStatus::Corruption("S3 CreateMultipartUpload for " + key +
                                  " gave no UploadId");
    }
    const size_t parts =
        static_cast<size_t>((size + o_.part_size - 1) / o_.part_size);
    std::vector<std::string> etags(parts);
    std::vector<IOStatus> results(parts);
    ParallelFor(parts, o_.upload_threads, [&](size_t i) {
      const uint64_t off = static_cast<uint64_t>(i) * o_.part_size;
      const size_t n =
          static_cast<size_t>(std::min<uint64_t>(o_.part_size, size - off));
      RestObjectStore::Buffered held(store, n);
      RestCall part = Request(
          "PUT", key,
          {{"partNumber", std::to_string(i + 1)}, {"uploadId", upload_id}});
      IOStatus ps = source.Read(off, n, &part.req.body);
      HttpResponse pr;
      if (ps.ok()) ps = store->Send(Kind::kPut, &part, &pr, n);
      if (ps.ok() && pr.status != 200) ps = ErrorStatus("UploadPart", key, pr);
      if (ps.ok()) etags[i] = RestHeader(pr, "etag");
      results[i] = ps;
      return ps.ok();  // false: stop handing out parts
    });
    for (const IOStatus& r : results) {
      if (!r.ok()) {
        s = r;
        break;
      }
    }
    if (s.ok()) {
      RestCall done = Request("POST", key, {{"uploadId", upload_id}});
      std::string xml = "<CompleteMultipartUpload>";
      for (size_t i = 0; i < parts; i++) {
        xml += "<Part><PartNumber>" + std::to_string(i + 1) +
               "</PartNumber><ETag>" + etags[i] + "</ETag></Part>";
      }
      done.req.body = xml + "</CompleteMultipartUpload>";
      resp = HttpResponse();
      s = store->Send(Kind::kPut, &done, &resp);
      // S3 may answer 200 with an error in the body.
      if (s.ok() && (resp.status != 200 ||
                     resp.body.find("<Error>") != std::string::npos)) {
        s = ErrorStatus("CompleteMultipartUpload", key, resp);
      }
      if (s.ok() && meta != nullptr) {
        meta->key = key;
        meta->size = size;
        meta->etag = RestUnquote(XmlFirstText(resp.body, "ETag"));
      }
    }
    if (!s.ok()) {
      // Abort so no parts are left behind (best effort: the upload failed).
      RestCall abort = Request("DELETE", key, {{"uploadId", upload_id}});
      HttpResponse ar;
      store->Send(Kind::kDelete, &abort, &ar).PermitUncheckedError();
    }
    return s;
  }

  // DeleteObjects, 1000 keys a request.
  IOStatus DeleteMany(RestObjectStore* store,
                      const std::vector<std::string>& keys) override {
    for (size_t start = 0; start < keys.size(); start += 1000) {
      std::string xml = "<Delete><Quiet>true</Quiet>";
      for (size_t i = start; i < std::min(keys.size(), start + 1000); i++) {
        IOStatus v = ValidateObjectKey(keys[i]);
        if (!v.ok()) return v;
        std::string k;
        for (char c : keys[i]) {
          if (c == '&')
            k += "&amp;";
          else if (c == '<')
            k += "&lt;";
          else if (c == '>')
            k += "&gt;";
          else
            k.push_back(c);
        }
        xml += "<Object><Key>" + k + "</Key></Object>";
      }
      xml += "</Delete>";
      RestCall call = Request("POST", "", {{"delete", ""}});
      call.req.body = xml;
      call.req.headers["Content-MD5"] = Md5Base64(xml);
      HttpResponse resp;
      IOStatus s = store->Send(RestObjectStore::Kind::kDelete, &call, &resp);
      if (!s.ok()) return s;
      if (resp.status != 200) {
        return ErrorStatus("DeleteObjects", keys[start] + "...", resp);
      }
      const auto errors = XmlRecords(resp.body, "Error");
      if (!errors.empty()) {
        const auto& e = errors.front();
        auto k = e.find("Key");
        auto c = e.find("Code");
        return IOStatus::IOError("S3 DeleteObjects failed for " +
                                 (k == e.end() ? std::string("?") : k->second) +
                                 ": " +
                                 (c == e.end() ? std::string("?") : c->second));
      }
    }
    return IOStatus::OK();
  }

  IOStatus CreateBucketIfMissing(RestObjectStore* store,
                                 const std::string& region) override {
    using Kind = RestObjectStore::Kind;
    RestCall head = Request("HEAD", "", {});
    HttpResponse resp;
    IOStatus s = store->Send(Kind::kHead, &head, &resp);
    if (!s.ok()) return s;
    if (resp.status == 200) return IOStatus::OK();
    if (resp.status != 404) return ErrorStatus("HEAD bucket", o_.bucket, resp);
    RestCall put = Request("PUT", "", {});
    const std::string where = region.empty() ? o_.region : region;
    if (!where.empty() && where != "us-east-1") {
      put.req.body =
          "<CreateBucketConfiguration "
          "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
          "<LocationConstraint>" +
          where + "</LocationConstraint></CreateBucketConfiguration>";
    }
    resp = HttpResponse();
    s = store->Send(Kind::kPut, &put, &resp);
    if (!s.ok()) return s;
    // 409 BucketAlreadyOwnedByYou: someone (we) created it meanwhile.
    if (resp.status == 200 || resp.status == 409) return IOStatus::OK();
    return ErrorStatus("PUT bucket", o_.bucket, resp);
  }

 private:
  const S3StoreOptions o_;
  const std::string scheme_host_;  // e.g. "http://127.0.0.1:4568"
  const std::string host_;         // Host header
  const bool path_style_;
  const std::shared_ptr<AwsCredentialsProvider> credentials_;
};
}  // namespace

IOStatus ResolveS3Config(const S3StoreOptions& options, S3ResolvedConfig* out) {
  S3ResolvedConfig c;
  if (options.bucket.empty())
    return IOStatus::InvalidArgument("S3 store needs a bucket name");
  c.region = options.region;
  if (c.region.empty()) c.region = GetEnvString("AWS_REGION");
  if (c.region.empty()) c.region = GetEnvString("AWS_DEFAULT_REGION");
  if (c.region.empty())
    c.region = GetEnvString("aws_default_region");  // RocksDB-Cloud's
  if (c.region.empty()) {
    // [default] or [profile NAME] of ~/.aws/config (AWS_CONFIG_FILE).
    std::string file = GetEnvString("AWS_CONFIG_FILE");
    if (file.empty()) file = GetEnvString("HOME") + "/.aws/config";
    std::string profile = GetEnvString("AWS_PROFILE");
    const std::string section = profile.empty() || profile == "default"
                                    ? std::string("default")
                                    : "profile " + profile;
    c.region = AwsConfigValue(file, section, "region");
  }
  if (c.region.empty()) c.region = "us-east-1";
  AwsCredentialsOptions co;
  co.mode = options.credentials_mode;
  co.static_credentials = options.credentials;
  co.credentials_file = options.credentials_file;
  co.region = c.region;
  co.sts_endpoint = options.sts_endpoint;
  co.transport = options.transport;  // tests' fakes; default: libcurl
  co.retry = options.retry;
  co.now = options.now;
  co.run_process = options.run_process;
  std::unique_ptr<AwsCredentialsProvider> provider;
  IOStatus cs = NewAwsCredentialsProvider(co, &provider);
  if (!cs.ok()) return cs;
  // Fetched now, so a missing or refused credential fails at open.
  cs = provider->Get(&c.credentials);
  if (!cs.ok()) return cs;
  c.provider = std::move(provider);
  std::string endpoint = options.endpoint;
  if (endpoint.empty()) endpoint = GetEnvString("AWS_ENDPOINT_URL_S3");
  if (endpoint.empty()) endpoint = GetEnvString("AWS_ENDPOINT_URL");
  // As the AWS SDKs: AWS itself virtual-hosted unless the bucket name has
  // a dot (its TLS certificate covers one label), custom endpoints path-
  // style; addressing_style overrides both.
  const bool custom = !endpoint.empty();
  if (endpoint.empty()) endpoint = "https://s3." + c.region + ".amazonaws.com";
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  const size_t scheme_end = endpoint.find("://");
  if (scheme_end == std::string::npos) {
    return IOStatus::InvalidArgument(
        "S3 endpoint has no scheme (http:// or https://)", endpoint);
  }
  const bool https = endpoint.compare(0, 8, "https://") == 0;
  const bool dotted = options.bucket.find('.') != std::string::npos;
  switch (options.addressing_style) {
    case S3AddressingStyle::kPath:
      c.path_style = true;
      break;
    case S3AddressingStyle::kVirtual:
      c.path_style = false;
      break;
    case S3AddressingStyle::kAuto:
      c.path_style = custom || (dotted && https);
      break;
  }
  c.host = endpoint.substr(scheme_end + 3);
  if (!c.path_style) {
    c.host = options.bucket + "." + c.host;
    endpoint = endpoint.substr(0, scheme_end + 3) + c.host;
  }
  c.endpoint = endpoint;
  c.ca_bundle = options.ca_bundle.empty() ? GetEnvString("AWS_CA_BUNDLE")
                                          : options.ca_bundle;
  c.retry = options.retry;
  S3RetryFromEnvironment(&c.retry);
  *out = std::move(c);
  return IOStatus::OK();
}

IOStatus NewS3Store(const S3StoreOptions& options,
                    std::unique_ptr<ObjectStore>* store) {
  S3ResolvedConfig c;
  IOStatus s = ResolveS3Config(options, &c);
  if (!s.ok()) return s;
  S3StoreOptions o = options;
  o.region = c.region;
  o.credentials = c.credentials;
  o.ca_bundle = c.ca_bundle;
  o.retry = c.retry;
  if (!o.transport) o.transport = NewCurlTransport(o.timeouts, o.ca_bundle);
  std::shared_ptr<HttpTransport> transport = o.transport;
  RetryOptions retry = o.retry;
  *store = std::make_unique<RestObjectStore>(
      std::make_unique<S3Dialect>(std::move(o), c.endpoint, c.host,
                                  c.path_style, std::move(c.provider)),
      std::move(transport), std::move(retry));
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
