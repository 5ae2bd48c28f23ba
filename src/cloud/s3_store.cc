// The S3 ObjectStore; contract in cloud/s3_store.h.
#include "cloud/s3_store.h"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "cloud/http_time.h"
#include "cloud/xml.h"
#include "env/io_posix.h"
#include "util/crypto.h"

namespace ROCKSDB_NAMESPACE {

namespace {

std::string S3Env(const char* name) {
  const char* v = getenv(name);
  return v != nullptr ? v : "";
}

// The [profile] section's keys of an AWS credentials file.
bool S3ProfileCredentials(const std::string& path, const std::string& profile,
                          AwsCredentials* creds) {
  std::ifstream f(path);
  if (!f) return false;
  std::string line, section;
  bool found = false;
  while (std::getline(f, line)) {
    auto trim = [](std::string s) {
      const size_t a = s.find_first_not_of(" \t\r");
      const size_t b = s.find_last_not_of(" \t\r");
      return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
    };
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      section = trim(line.substr(1, line.find(']') - 1));
      continue;
    }
    if (section != profile) continue;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string k = trim(line.substr(0, eq)),
                      v = trim(line.substr(eq + 1));
    if (k == "aws_access_key_id") creds->access_key_id = v, found = true;
    if (k == "aws_secret_access_key") creds->secret_access_key = v;
    if (k == "aws_session_token") creds->session_token = v;
  }
  return found;
}

// One value of an INI-style AWS file section ("" if absent).
std::string S3ConfigValue(const std::string& path, const std::string& section,
                          const std::string& name) {
  std::ifstream f(path);
  std::string line, current;
  while (std::getline(f, line)) {
    const size_t a = line.find_first_not_of(" \t\r");
    const size_t b = line.find_last_not_of(" \t\r");
    if (a == std::string::npos) continue;
    line = line.substr(a, b - a + 1);
    if (line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      current = line.substr(1, line.find(']') - 1);
      continue;
    }
    const size_t eq = line.find('=');
    if (current != section || eq == std::string::npos) continue;
    std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    k = k.substr(0, k.find_last_not_of(" \t") + 1);
    v = v.substr(v.find_first_not_of(" \t") == std::string::npos
                     ? v.size()
                     : v.find_first_not_of(" \t"));
    if (k == name) return v;
  }
  return "";
}

std::string S3Unquote(const std::string& s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
    return s.substr(1, s.size() - 2);
  return s;
}

class S3Store : public ObjectStore {
 public:
  S3Store(S3StoreOptions o, std::string scheme_host, std::string host,
          bool path_style)
      : o_(std::move(o)),
        scheme_host_(std::move(scheme_host)),
        host_(std::move(host)),
        path_style_(path_style) {}
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
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    Count(Kind::kPut, 0, data.size());
    if (!opts.if_none_match && opts.if_match_etag.empty() &&
        data.size() > o_.multipart_threshold && o_.part_size > 0) {
      return MultipartPut(key, data, meta);
    }
    S3Call call = Request("PUT", key, {});
    call.req.body = data.ToString();
    call.req.headers["Content-MD5"] = Md5Base64(data);  // S3 checks the bytes
    if (opts.if_none_match) call.req.headers["If-None-Match"] = "*";
    if (!opts.if_match_etag.empty()) {
      call.req.headers["If-Match"] = "\"" + opts.if_match_etag + "\"";
    }
    call.req.idempotent = !opts.if_none_match && opts.if_match_etag.empty();
    HttpResponse resp;
    s = Send(&call, &resp);
    if (!s.ok() && opts.if_none_match && resp.outcome_unknown) {
      // The answer to a create-if-absent was lost: look instead of guessing.
      // Our bytes there (S3's single-part ETag is their MD5) mean we won.
      ObjectMeta now;
      IOStatus h = Head(key, &now);
      if (h.ok() && now.etag == Md5Hex(data)) {
        if (meta != nullptr) *meta = now;
        return IOStatus::OK();
      }
      if (h.ok()) {
        IOStatus f = IOStatus::IOFenced(
            "S3 PUT precondition failed (found another object)", key);
        f.SetHttpDetail(412, "PreconditionFailed", "");
        return f;
      }
      return s;  // absent or unknown: still ambiguous, the caller decides
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
    Count(Kind::kHead);
    S3Call head = Request("HEAD", "", {});
    HttpResponse resp;
    IOStatus s = Send(&head, &resp);
    if (!s.ok()) return s;
    if (resp.status == 200) return IOStatus::OK();
    if (resp.status != 404) return Error("HEAD bucket", o_.bucket, resp);
    Count(Kind::kPut);
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
    s = Send(&put, &resp);
    if (!s.ok()) return s;
    // 409 BucketAlreadyOwnedByYou: someone (we) created it meanwhile.
    if (resp.status == 200 || resp.status == 409) return IOStatus::OK();
    return Error("PUT bucket", o_.bucket, resp);
  }

  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    Count(Kind::kHead);
    S3Call call = Request("HEAD", key, {});
    HttpResponse resp;
    s = Send(&call, &resp);
    if (!s.ok()) return s;
    if (resp.status == 404) return IOStatus::NotFound("no such object", key);
    if (resp.status != 200) return Error("HEAD", key, resp);
    meta->key = key;
    meta->size =
        std::strtoull(resp.headers["content-length"].c_str(), nullptr, 10);
    meta->etag = S3Unquote(resp.headers["etag"]);
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
      Count(Kind::kList);
      std::vector<std::pair<std::string, std::string>> q = {{"list-type", "2"},
                                                            {"prefix", prefix}};
      if (!delimiter.empty()) q.emplace_back("delimiter", delimiter);
      if (!token.empty()) q.emplace_back("continuation-token", token);
      S3Call call = Request("GET", "", q);
      HttpResponse resp;
      IOStatus s = Send(&call, &resp);
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
      Count(Kind::kDelete);
      S3Call call = Request("POST", "", {{"delete", ""}});
      call.req.body = xml;
      call.req.headers["Content-MD5"] = Md5Base64(xml);
      HttpResponse resp;
      IOStatus s = Send(&call, &resp);
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

  IOStatus GetToFile(const std::string& key,
                     const std::string& local_path) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    const int fd = open(local_path.c_str(),
                        O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
      return PosixIOError("While creating download target", local_path, errno);
    uint64_t written = 0;
    IOStatus write_error;
    S3Call call = Request("GET", key, {});
    call.req.body_sink = [&](const char* data, size_t n) {
      write_error = PosixWriteAll(fd, data, n, -1, local_path);
      written += n;
      return write_error.ok();
    };
    const std::string path = call.path;
    const auto query = call.query;
    auto sign = [&](HttpRequest* r) {
      // A new attempt starts the file over.
      if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
        write_error =
            PosixIOError("While truncating download", local_path, errno);
      }
      written = 0;
      SignRequest(path, query, r);
    };
    HttpResponse resp;
    s = RetryingSend(o_.transport.get(), o_.retry, sign, call.req, &resp);
    Count(Kind::kGet, written);
    if (s.ok() && !write_error.ok()) s = write_error;
    if (s.ok() && resp.status == 404)
      s = IOStatus::NotFound("no such object", key);
    else if (s.ok() && resp.status != 200)
      s = Error("GET", key, resp);
    if (s.ok() && fdatasync(fd) != 0)
      s = PosixIOError("While syncing download", local_path, errno);
    close(fd);
    return s;
  }

  IOStatus Delete(const std::string& key) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    Count(Kind::kDelete);
    S3Call call = Request("DELETE", key, {});
    HttpResponse resp;
    s = Send(&call, &resp);
    if (!s.ok()) return s;
    if (resp.status == 204 || resp.status == 200 || resp.status == 404)
      return IOStatus::OK();
    return Error("DELETE", key, resp);
  }

  IOStatus Copy(const std::string& src, const std::string& dst) override {
    IOStatus s = ValidateObjectKey(src);
    if (s.ok()) s = ValidateObjectKey(dst);
    if (!s.ok()) return s;
    Count(Kind::kCopy);
    S3Call call = Request("PUT", dst, {});
    call.req.headers["x-amz-copy-source"] =
        "/" + o_.bucket + "/" + AwsUriEncode(src, true);
    HttpResponse resp;
    s = Send(&call, &resp);
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

  void SignRequest(
      const std::string& path,
      const std::vector<std::pair<std::string, std::string>>& query,
      HttpRequest* r) const {
    SigV4Request sr;
    sr.method = r->method;
    sr.encoded_path = path;
    sr.query = query;
    sr.headers = r->headers;
    sr.payload_sha256 =
        o_.unsigned_payload ? "UNSIGNED-PAYLOAD" : Sha256Hex(r->body);
    const int64_t now = o_.now ? o_.now() : static_cast<int64_t>(time(nullptr));
    SigV4Sign(o_.credentials, o_.region, "s3", now, &sr);
    r->headers = sr.headers;
  }

  IOStatus Send(S3Call* call, HttpResponse* resp) {
    auto sign = [&](HttpRequest* r) {
      SignRequest(call->path, call->query, r);
    };
    return RetryingSend(o_.transport.get(), o_.retry, sign, call->req, resp);
  }

  IOStatus MultipartPut(const std::string& key, const Slice& data,
                        ObjectMeta* meta) {
    S3Call init = Request("POST", key, {{"uploads", ""}});
    HttpResponse resp;
    IOStatus s = Send(&init, &resp);
    if (!s.ok()) return s;
    if (resp.status != 200) return Error("CreateMultipartUpload", key, resp);
    const std::string upload_id = XmlFirstText(resp.body, "UploadId");
    if (upload_id.empty()) {
      return IOStatus::Corruption("S3 CreateMultipartUpload for " + key +
                                  " gave no UploadId");
    }
    const size_t parts = (data.size() + o_.part_size - 1) / o_.part_size;
    std::vector<std::string> etags(parts);
    std::vector<IOStatus> results(parts);
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i = next.fetch_add(1); i < parts; i = next.fetch_add(1)) {
        const size_t off = i * o_.part_size;
        const size_t n = std::min(o_.part_size, data.size() - off);
        S3Call part = Request(
            "PUT", key,
            {{"partNumber", std::to_string(i + 1)}, {"uploadId", upload_id}});
        part.req.body.assign(data.data() + off, n);
        HttpResponse pr;
        IOStatus ps = Send(&part, &pr);
        if (ps.ok() && pr.status != 200) ps = Error("UploadPart", key, pr);
        if (ps.ok()) etags[i] = pr.headers["etag"];
        results[i] = ps;
      }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < std::max(1, o_.upload_threads); t++)
      threads.emplace_back(worker);
    for (auto& t : threads) t.join();
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
      s = Send(&done, &resp);
      // S3 may answer 200 with an error in the body.
      if (s.ok() && (resp.status != 200 ||
                     resp.body.find("<Error>") != std::string::npos)) {
        s = Error("CompleteMultipartUpload", key, resp);
      }
      if (s.ok() && meta != nullptr) {
        meta->key = key;
        meta->size = data.size();
        meta->etag = S3Unquote(XmlFirstText(resp.body, "ETag"));
      }
    }
    if (!s.ok()) {
      // Abort so no parts are left behind (best effort: the upload failed).
      S3Call abort = Request("DELETE", key, {{"uploadId", upload_id}});
      HttpResponse ar;
      Send(&abort, &ar).PermitUncheckedError();
    }
    return s;
  }

  IOStatus Fetch(const std::string& key, const std::string* range,
                 std::string* data) {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    data->clear();
    S3Call call = Request("GET", key, {});
    if (range != nullptr) call.req.headers["Range"] = *range;
    HttpResponse resp;
    s = Send(&call, &resp);
    const bool got = s.ok() && (resp.status == 200 || resp.status == 206);
    Count(Kind::kGet, got ? resp.body.size() : 0);
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
    std::string msg = "S3 " + op + " " + what + " in bucket " + o_.bucket +
                      ": HTTP " + std::to_string(resp.status) +
                      (code.empty() ? "" : " " + code) +
                      (message.empty() ? "" : ": " + message);
    if (resp.status == 403) msg += " (check the credentials and the region)";
    IOStatus s = IOStatus::IOError(msg);
    s.SetHttpDetail(resp.status, code, request_id);
    s.SetRetryable(HttpStatusRetryable(resp.status, code) ||
                   code == "ConditionalRequestConflict");
    return s;
  }

  const S3StoreOptions o_;
  const std::string scheme_host_;  // e.g. "http://127.0.0.1:4568"
  const std::string host_;         // Host header
  const bool path_style_;
};

}  // namespace

IOStatus NewS3Store(const S3StoreOptions& options,
                    std::unique_ptr<ObjectStore>* store) {
  S3StoreOptions o = options;
  if (o.bucket.empty())
    return IOStatus::InvalidArgument("S3 store needs a bucket name");
  if (o.region.empty()) o.region = S3Env("AWS_REGION");
  if (o.region.empty()) o.region = S3Env("AWS_DEFAULT_REGION");
  if (o.region.empty()) {
    // [default] or [profile NAME] of ~/.aws/config (AWS_CONFIG_FILE).
    std::string file = S3Env("AWS_CONFIG_FILE");
    if (file.empty()) file = S3Env("HOME") + "/.aws/config";
    std::string profile = S3Env("AWS_PROFILE");
    const std::string section = profile.empty() || profile == "default"
                                    ? std::string("default")
                                    : "profile " + profile;
    o.region = S3ConfigValue(file, section, "region");
  }
  if (o.region.empty()) o.region = "us-east-1";
  if (o.credentials.access_key_id.empty()) {
    o.credentials.access_key_id = S3Env("AWS_ACCESS_KEY_ID");
    o.credentials.secret_access_key = S3Env("AWS_SECRET_ACCESS_KEY");
    o.credentials.session_token = S3Env("AWS_SESSION_TOKEN");
  }
  if (o.credentials.access_key_id.empty()) {
    std::string file = S3Env("AWS_SHARED_CREDENTIALS_FILE");
    if (file.empty()) file = S3Env("HOME") + "/.aws/credentials";
    std::string profile = S3Env("AWS_PROFILE");
    if (profile.empty()) profile = "default";
    if (!S3ProfileCredentials(file, profile, &o.credentials)) {
      return IOStatus::InvalidArgument(
          "no S3 credentials: set them in the options, AWS_ACCESS_KEY_ID/"
          "AWS_SECRET_ACCESS_KEY, or profile '" +
          profile + "' in " + file);
    }
  }
  std::string endpoint = o.endpoint;
  if (endpoint.empty()) endpoint = S3Env("AWS_ENDPOINT_URL_S3");
  if (endpoint.empty()) endpoint = S3Env("AWS_ENDPOINT_URL");
  bool path_style = true;
  if (endpoint.empty()) {
    endpoint = "https://" + o.bucket + ".s3." + o.region + ".amazonaws.com";
    path_style = false;
  }
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  const size_t scheme_end = endpoint.find("://");
  if (scheme_end == std::string::npos) {
    return IOStatus::InvalidArgument(
        "S3 endpoint has no scheme (http:// or https://)", endpoint);
  }
  const std::string host = endpoint.substr(scheme_end + 3);
  if (!o.transport) o.transport = NewCurlTransport(o.timeouts);
  *store = std::make_unique<S3Store>(std::move(o), endpoint, host, path_style);
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
