// The S3 ObjectStore; contract in cloud/s3_store.h.
#include "cloud/s3_store.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>

#include "cloud/aws_credentials.h"
#include "cloud/http_time.h"
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

std::string S3Unquote(const std::string& s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
    return s.substr(1, s.size() - 2);
  return s;
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

class S3Store : public ObjectStore {
 public:
  S3Store(S3StoreOptions o, std::string scheme_host, std::string host,
          bool path_style, std::shared_ptr<AwsCredentialsProvider> credentials)
      : o_(std::move(o)),
        scheme_host_(std::move(scheme_host)),
        host_(std::move(host)),
        path_style_(path_style),
        credentials_(std::move(credentials)) {}
  const char* Name() const override { return "s3"; }

  IOStatus Get(const std::string& key, std::string* data) override {
    return Fetch(key, nullptr, data);
  }

  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    data->clear();
    if (n == 0) return ValidateObjectKey(key);
    const std::string range = "bytes=" + std::to_string(offset) + "-" +
                              std::to_string(offset + n - 1);
    return Fetch(key, &range, data);
  }

  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    return PutFrom(key, SlicePutSource(data), opts, meta);
  }

  IOStatus PutFrom(const std::string& key, const PutSource& source,
                   const PutOptions& opts, ObjectMeta* meta) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    if (!opts.if_none_match && opts.if_match_etag.empty() &&
        source.size() > o_.multipart_threshold && o_.part_size > 0) {
      return MultipartPut(key, source, meta);
    }
    std::string body;
    std::unique_ptr<Buffered> held;
    s = ReadWhole(source, &body, &held);
    if (!s.ok()) return s;
    const Slice data(body);
    S3Call call = Request("PUT", key, {});
    const std::string md5 = Md5Base64(data);
    call.req.headers["Content-MD5"] = md5;  // S3 checks the bytes
    // Kept with the object, so a GET can be checked (kChecksumMode).
    call.req.headers["x-amz-checksum-crc32c"] =
        Crc32cBase64(crc32c::Value(data.data(), data.size()));
    call.req.body = std::move(body);
    if (opts.if_none_match) call.req.headers["If-None-Match"] = "*";
    if (!opts.if_match_etag.empty()) {
      call.req.headers["If-Match"] = "\"" + opts.if_match_etag + "\"";
    }
    call.req.idempotent = !opts.if_none_match && opts.if_match_etag.empty();
    HttpResponse resp;
    s = Send(Kind::kPut, &call, &resp, data.size());
    if (!s.ok() && resp.outcome_unknown) {
      return ResolveLostConditionalPut(this, key, md5, opts, s, meta);
    }
    if (!s.ok()) return s;
    if (resp.status == 412) {
      IOStatus f = IOStatus::IOFenced("S3 PUT precondition failed", key);
      f.SetHttpDetail(412, "PreconditionFailed",
                      resp.headers["x-amz-request-id"]);
      return f;
    }
    if (resp.status != 200) return Error("PUT", key, resp);
    if (meta != nullptr) {
      meta->key = key;
      meta->size = data.size();
      meta->etag = S3Unquote(resp.headers["etag"]);
    }
    return IOStatus::OK();
  }

  IOStatus CreateBucketIfMissing(const std::string& region) override {
    S3Call head = Request("HEAD", "", {});
    HttpResponse resp;
    IOStatus s = Send(Kind::kHead, &head, &resp);
    if (!s.ok()) return s;
    if (resp.status == 200) return IOStatus::OK();
    if (resp.status != 404) return Error("HEAD bucket", o_.bucket, resp);
    S3Call put = Request("PUT", "", {});
    const std::string where = region.empty() ? o_.region : region;
    if (!where.empty() && where != "us-east-1") {
      put.req.body =
          "<CreateBucketConfiguration "
          "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
          "<LocationConstraint>" +
          where + "</LocationConstraint></CreateBucketConfiguration>";
    }
    resp = HttpResponse();
    s = Send(Kind::kPut, &put, &resp);
    if (!s.ok()) return s;
    // 409 BucketAlreadyOwnedByYou: someone (we) created it meanwhile.
    if (resp.status == 200 || resp.status == 409) return IOStatus::OK();
    return Error("PUT bucket", o_.bucket, resp);
  }

  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    S3Call call = Request("HEAD", key, {});
    HttpResponse resp;
    s = Send(Kind::kHead, &call, &resp);
    if (!s.ok()) return s;
    if (resp.status == 404) return IOStatus::NotFound("no such object", key);
    if (resp.status != 200) return Error("HEAD", key, resp);
    meta->key = key;
    meta->size =
        std::strtoull(resp.headers["content-length"].c_str(), nullptr, 10);
    meta->etag = S3Unquote(resp.headers["etag"]);
    meta->content_md5 = S3EtagMd5(meta->etag);
    int64_t secs = 0;
    meta->mtime_micros =
        ParseHttpDate(resp.headers["last-modified"], &secs) && secs > 0
            ? static_cast<uint64_t>(secs) * 1000000
            : 0;
    return IOStatus::OK();
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

  // ListObjectsV2, page after page (common_prefixes may be null when
  // delimiter is empty).
  IOStatus ListPages(const std::string& prefix, const std::string& delimiter,
                     std::vector<ObjectMeta>* objects,
                     std::vector<std::string>* common_prefixes) {
    objects->clear();
    if (common_prefixes != nullptr) common_prefixes->clear();
    std::string token;
    for (int page = 0; page < 1000000; page++) {
      std::vector<std::pair<std::string, std::string>> q = {{"list-type", "2"},
                                                            {"prefix", prefix}};
      if (!delimiter.empty()) q.emplace_back("delimiter", delimiter);
      if (!token.empty()) q.emplace_back("continuation-token", token);
      S3Call call = Request("GET", "", q);
      HttpResponse resp;
      IOStatus s = Send(Kind::kList, &call, &resp);
      if (!s.ok()) return s;
      if (resp.status != 200) return Error("LIST", prefix, resp);
      for (const auto& rec : XmlRecords(resp.body, "Contents")) {
        auto it = rec.find("Key");
        if (it == rec.end()) continue;
        ObjectMeta m;
        m.key = it->second;
        auto sz = rec.find("Size");
        if (sz != rec.end())
          m.size = std::strtoull(sz->second.c_str(), nullptr, 10);
        auto et = rec.find("ETag");
        if (et != rec.end()) m.etag = S3Unquote(et->second);
        auto lm = rec.find("LastModified");
        if (lm != rec.end()) m.mtime_micros = ParseRfc3339Micros(lm->second);
        objects->push_back(std::move(m));
      }
      for (const auto& rec : XmlRecords(resp.body, "CommonPrefixes")) {
        auto it = rec.find("Prefix");
        if (it != rec.end() && common_prefixes != nullptr) {
          common_prefixes->push_back(it->second);
        }
      }
      if (XmlFirstText(resp.body, "IsTruncated") != "true")
        return IOStatus::OK();
      token = XmlFirstText(resp.body, "NextContinuationToken");
      if (token.empty()) {
        return IOStatus::Corruption(
            "S3 LIST of '" + prefix +
            "' is truncated but has no continuation token");
      }
    }
    return IOStatus::IOError("S3 LIST of '" + prefix + "' did not end");
  }

  IOStatus DeleteMany(const std::vector<std::string>& keys) override {
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
      S3Call call = Request("POST", "", {{"delete", ""}});
      call.req.body = xml;
      call.req.headers["Content-MD5"] = Md5Base64(xml);
      HttpResponse resp;
      IOStatus s = Send(Kind::kDelete, &call, &resp);
      if (!s.ok()) return s;
      if (resp.status != 200)
        return Error("DeleteObjects", keys[start] + "...", resp);
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

  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    IOStatus sink_error;
    S3Call call = Request("GET", key, {});
    call.req.headers[kChecksumMode] = "ENABLED";
    call.req.body_sink = [&](const char* data, size_t n) {
      sink_error = sink->Append(Slice(data, n));
      return sink_error.ok();
    };
    HttpResponse resp;
    // A new attempt starts the body over.
    s = Send(Kind::kGet, &call, &resp, 0,
             [&](HttpRequest*) { sink_error = sink->Restart(); });
    if (s.ok() && !sink_error.ok()) s = sink_error;
    if (s.ok() && resp.status == 404)
      s = IOStatus::NotFound("no such object", key);
    else if (s.ok() && resp.status != 200)
      s = Error("GET", key, resp);
    return s;
  }

  IOStatus Delete(const std::string& key) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    S3Call call = Request("DELETE", key, {});
    HttpResponse resp;
    s = Send(Kind::kDelete, &call, &resp);
    if (!s.ok()) return s;
    if (resp.status == 204 || resp.status == 200 || resp.status == 404)
      return IOStatus::OK();
    return Error("DELETE", key, resp);
  }

  IOStatus Copy(const std::string& src, const std::string& dst) override {
    IOStatus s = ValidateObjectKey(src);
    if (s.ok()) s = ValidateObjectKey(dst);
    if (!s.ok()) return s;
    S3Call call = Request("PUT", dst, {});
    call.req.headers["x-amz-copy-source"] =
        "/" + o_.bucket + "/" + AwsUriEncode(src, true);
    HttpResponse resp;
    s = Send(Kind::kCopy, &call, &resp);
    if (!s.ok()) return s;
    if (resp.status == 404) return IOStatus::NotFound("no such object", src);
    if (resp.status != 200 || resp.body.find("<Error>") != std::string::npos) {
      return Error("COPY", src + " -> " + dst, resp);
    }
    return IOStatus::OK();
  }

 private:
  // A request and what its signature covers.
  struct S3Call {
    HttpRequest req;
    std::string path;  // encoded
    std::vector<std::pair<std::string, std::string>> query;
  };

  S3Call Request(const std::string& method, const std::string& key,
                 std::vector<std::pair<std::string, std::string>> query) {
    S3Call call;
    HttpRequest& req = call.req;
    req.method = method;
    std::string path = path_style_ ? "/" + o_.bucket : "";
    if (!key.empty()) path += "/" + AwsUriEncode(key, true);
    if (path.empty()) path = "/";
    std::string qs;
    for (const auto& kv : query) {
      qs += (qs.empty() ? "?" : "&") + AwsUriEncode(kv.first, false) + "=" +
            AwsUriEncode(kv.second, false);
    }
    req.url = scheme_host_ + path + qs;
    req.headers["host"] = host_;
    call.path = path;
    call.query = std::move(query);
    return call;
  }

  // The provider's current credentials (refreshed before they expire).
  IOStatus Credentials(AwsCredentials* creds) {
    IOStatus s = credentials_->Get(creds);
    if (!s.ok()) {
      IOStatus e = IOStatus::IOError("S3 credentials for bucket " + o_.bucket +
                                         " from " + credentials_->Describe(),
                                     s.ToString());
      e.SetRetryable(s.GetRetryable());
      return e;
    }
    return s;
  }

  // Anonymous (empty) credentials leave the request unsigned.
  void SignRequest(
      const AwsCredentials& creds, const std::string& path,
      const std::vector<std::pair<std::string, std::string>>& query,
      HttpRequest* r) const {
    if (creds.access_key_id.empty()) return;
    SigV4Request sr;
    sr.method = r->method;
    sr.encoded_path = path;
    sr.query = query;
    sr.headers = r->headers;
    sr.payload_sha256 =
        o_.unsigned_payload ? "UNSIGNED-PAYLOAD" : Sha256Hex(r->body);
    const int64_t now = o_.now ? o_.now() : static_cast<int64_t>(time(nullptr));
    SigV4Sign(creds, o_.region, "s3", now, &sr);
    r->headers = sr.headers;
  }

  // One counted request (CountedSend), signed before every attempt after
  // `each` (optional) ran.
  IOStatus Send(Kind kind, S3Call* call, HttpResponse* resp,
                uint64_t bytes_written = 0,
                const std::function<void(HttpRequest*)>& each = nullptr) {
    AwsCredentials creds;
    IOStatus s = Credentials(&creds);
    if (!s.ok()) return s;
    auto sign = [&](HttpRequest* r) {
      if (each) each(r);
      SignRequest(creds, call->path, call->query, r);
    };
    // Moved: a part's body is not copied again.
    return CountedSend(kind, bytes_written, o_.transport.get(), o_.retry, sign,
                       std::move(call->req), resp);
  }

  // Every request of a multipart upload counts as a PUT: the create, each
  // part, the completion (the abort after a failure is a DELETE).
  IOStatus MultipartPut(const std::string& key, const PutSource& source,
                        ObjectMeta* meta) {
    const uint64_t size = source.size();
    S3Call init = Request("POST", key, {{"uploads", ""}});
    HttpResponse resp;
    IOStatus s = Send(Kind::kPut, &init, &resp);
    if (!s.ok()) return s;
    if (resp.status != 200) return Error("CreateMultipartUpload", key, resp);
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
      Buffered held(this, n);
      S3Call part = Request(
          "PUT", key,
          {{"partNumber", std::to_string(i + 1)}, {"uploadId", upload_id}});
      IOStatus ps = source.Read(off, n, &part.req.body);
      HttpResponse pr;
      if (ps.ok()) {
        ps = Send(Kind::kPut, &part, &pr, n);
      }
      if (ps.ok() && pr.status != 200) ps = Error("UploadPart", key, pr);
      if (ps.ok()) etags[i] = pr.headers["etag"];
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
      S3Call done = Request("POST", key, {{"uploadId", upload_id}});
      std::string xml = "<CompleteMultipartUpload>";
      for (size_t i = 0; i < parts; i++) {
        xml += "<Part><PartNumber>" + std::to_string(i + 1) +
               "</PartNumber><ETag>" + etags[i] + "</ETag></Part>";
      }
      done.req.body = xml + "</CompleteMultipartUpload>";
      resp = HttpResponse();
      s = Send(Kind::kPut, &done, &resp);
      // S3 may answer 200 with an error in the body.
      if (s.ok() && (resp.status != 200 ||
                     resp.body.find("<Error>") != std::string::npos)) {
        s = Error("CompleteMultipartUpload", key, resp);
      }
      if (s.ok() && meta != nullptr) {
        meta->key = key;
        meta->size = size;
        meta->etag = S3Unquote(XmlFirstText(resp.body, "ETag"));
      }
    }
    if (!s.ok()) {
      // Abort so no parts are left behind (best effort: the upload failed).
      S3Call abort = Request("DELETE", key, {{"uploadId", upload_id}});
      HttpResponse ar;
      Send(Kind::kDelete, &abort, &ar).PermitUncheckedError();
    }
    return s;
  }

  IOStatus Fetch(const std::string& key, const std::string* range,
                 std::string* data) {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    data->clear();
    S3Call call = Request("GET", key, {});
    if (range != nullptr) {
      call.req.headers["Range"] = *range;
    } else {
      call.req.headers[kChecksumMode] = "ENABLED";
    }
    HttpResponse resp;
    s = Send(Kind::kGet, &call, &resp);
    const bool got = s.ok() && (resp.status == 200 || resp.status == 206);
    if (!s.ok()) return s;
    if (resp.status == 404) return IOStatus::NotFound("no such object", key);
    if (resp.status == 416)
      return IOStatus::OK();  // the range starts past the end
    if (!got) return Error("GET", key, resp);
    *data = std::move(resp.body);
    return IOStatus::OK();
  }

  IOStatus Error(const std::string& op, const std::string& what,
                 HttpResponse& resp) {
    const std::string code = XmlFirstText(resp.body, "Code");
    const std::string message = XmlFirstText(resp.body, "Message");
    const std::string request_id = XmlFirstText(resp.body, "RequestId").empty()
                                       ? resp.headers["x-amz-request-id"]
                                       : XmlFirstText(resp.body, "RequestId");
    HttpErrorInfo e;
    e.provider = "S3";
    e.op = op;
    e.what = what;
    e.where = "in bucket " + o_.bucket;
    e.status = resp.status;
    e.code = code;
    e.message = message;
    e.request_id = request_id;
    if (resp.status == 403) e.hint = " (check the credentials and the region)";
    e.retryable = code == "ConditionalRequestConflict";
    return HttpErrorStatus(e);
  }

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
  *store = std::make_unique<S3Store>(std::move(o), c.endpoint, c.host,
                                     c.path_style, std::move(c.provider));
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
