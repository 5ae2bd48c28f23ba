// The Azure Blob ObjectStore; contract in cloud/azure_store.h.
#include "cloud/azure_store.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

#include "cloud/azure_auth.h"
#include "cloud/azure_identity.h"
#include "cloud/http_time.h"
#include "cloud/rest_store.h"
#include "cloud/sigv4.h"
#include "cloud/xml.h"
#include "util/coding.h"
#include "util/crypto.h"
#include "util/parallel.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// The Azure error code: the x-ms-error-code header (also on HEAD, which
// has no body), else the XML body's <Code>.
std::string AzureErrorCode(const HttpResponse& resp) {
  std::string code = RestHeader(resp, "x-ms-error-code");
  if (code.empty()) code = XmlFirstText(resp.body, "Code");
  return code;
}

// A failed condition: 412 (ConditionNotMet, LeaseIdMissing, ...), or 409
// for If-None-Match: * on an existing blob and for lease conflicts.
bool AzureIsFencedResponse(int status, const std::string& code) {
  if (status == 412) return true;
  return status == 409 &&
         (code == "BlobAlreadyExists" || code.rfind("Lease", 0) == 0);
}

std::string AzureRandomHex(size_t n) {
  thread_local std::mt19937_64 rng(std::random_device{}());
  static const char* kHexDigits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; i++) out.push_back(kHexDigits[rng() & 15]);
  return out;
}

// A random (version 4) GUID, the form lease ids must have.
std::string AzureRandomGuid() {
  std::string h = AzureRandomHex(32);
  h[12] = '4';
  h[16] = "89ab"[h[16] % 4];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
         h.substr(16, 4) + "-" + h.substr(20);
}

// An error status with the SAS signature taken out of its message
// (transport errors name the URL, which carries the SAS token).
IOStatus AzureScrubbed(const IOStatus& s, const std::string& sas) {
  if (s.ok() || sas.empty() || s.getState() == nullptr || !s.IsIOError())
    return s;
  const std::string msg = s.getState();
  const std::string clean = AzureRedactSas(msg, sas);
  if (clean == msg) return s;
  IOStatus r =
      s.IsIOFenced() ? IOStatus::IOFenced(clean) : IOStatus::IOError(clean);
  r.SetRetryable(s.GetRetryable());
  r.SetHttpDetail(s.http_status(), s.provider_code(), s.request_id());
  return r;
}

void AzureSleep(const RetryOptions& retry, uint64_t micros) {
  if (retry.sleep) {
    retry.sleep(micros);
  } else {
    std::this_thread::sleep_for(std::chrono::microseconds(micros));
  }
}

// Where requests go and how they are authenticated.
struct AzureEndpoint {
  std::string scheme_host;  // "http://127.0.0.1:10000"
  std::string base_path;    // "/devstoreaccount1", or "" for *.blob.core...
  std::string account;
  std::string key_bytes;  // decoded account key; empty: no SharedKey
  std::string sas;        // without '?'; empty: none
  // Entra ID tokens (cloud/azure_identity.h) when there is no key or SAS.
  std::shared_ptr<GcsTokenSource> bearer;
};

// The Azure dialect of the REST skeleton (cloud/rest_store.h): URLs under
// the container (a SAS token appended), SharedKey, SAS or bearer auth, XML
// errors with x-ms-error-code, List Blobs pages, blocks and copy polling.
class AzureDialect : public RestDialect {
 public:
  AzureDialect(AzureStoreOptions o, AzureEndpoint ep)
      : o_(std::move(o)), ep_(std::move(ep)) {}

  const char* Name() const override { return "azure"; }
  const char* Provider() const override { return "Azure"; }
  std::string Where() const override {
    return "in container " + o_.container + " of account " + ep_.account;
  }

  RestCall Request(const std::string& method, const std::string& key,
                   RestQuery query) const override {
    RestCall call;
    call.path = ep_.base_path + "/" + o_.container;
    if (!key.empty()) call.path += "/" + AwsUriEncode(key, true);
    call.req.method = method;
    call.req.url =
        AzureAppendSas(RestUrl(ep_.scheme_host, call.path, query), ep_.sas);
    call.req.headers["x-ms-version"] = o_.api_version;
    call.query = std::move(query);
    return call;
  }

  RestCall ReadRequest(const std::string& key,
                       const std::string* range) const override {
    RestCall call = Request("GET", key, {});
    if (range != nullptr) call.req.headers["x-ms-range"] = *range;
    return call;
  }

  RestCall CopyRequest(const std::string& src,
                       const std::string& dst) const override {
    RestCall call = Request("PUT", dst, {});
    // Same account: the request's own authorization covers the source, a
    // SAS token rides along on the source URL.
    call.req.headers["x-ms-copy-source"] =
        AzureAppendSas(ep_.scheme_host + ep_.base_path + "/" + o_.container +
                           "/" + AwsUriEncode(src, true),
                       ep_.sas);
    return call;
  }

  RestCall ListRequest(const std::string& prefix, const std::string& delimiter,
                       const std::string& token) const override {
    RestQuery q = {{"restype", "container"}, {"comp", "list"}};
    if (!prefix.empty()) q.emplace_back("prefix", prefix);
    if (!delimiter.empty()) q.emplace_back("delimiter", delimiter);
    if (!token.empty()) q.emplace_back("marker", token);
    if (o_.list_page_size > 0)
      q.emplace_back("maxresults", std::to_string(o_.list_page_size));
    return Request("GET", "", std::move(q));
  }

  // Put Blob; Content-MD5 is checked, and kept as the blob's.
  IOStatus PutRequest(const std::string& key, const PutOptions& opts,
                      const std::string& md5, std::string body,
                      RestCall* call) const override {
    *call = Request("PUT", key, {});
    call->req.body = std::move(body);
    call->req.headers["x-ms-blob-type"] = "BlockBlob";
    call->req.headers["Content-MD5"] = md5;
    AddConditions(opts, call);
    return IOStatus::OK();
  }

  IOStatus Authorize(const RestCall& call,
                     std::function<void(HttpRequest*)>* sign) override {
    std::string bearer;
    if (ep_.bearer) {
      IOStatus s = ep_.bearer->Token(&bearer);
      if (!s.ok()) {
        IOStatus e =
            IOStatus::IOError("Azure token for container " + o_.container +
                                  " (" + ep_.bearer->Describe() + ")",
                              s.ToString());
        e.SetRetryable(s.GetRetryable());
        return e;
      }
    }
    *sign = [this, bearer, path = call.path,
             query = call.query](HttpRequest* r) {
      const int64_t now =
          o_.now ? o_.now() : static_cast<int64_t>(time(nullptr));
      r->headers["x-ms-date"] = FormatHttpDate(now);
      if (!bearer.empty()) {
        r->headers["Authorization"] = "Bearer " + bearer;
        return;
      }
      if (ep_.key_bytes.empty()) return;  // SAS (in the URL) or anonymous
      AzureSignRequest sr;
      sr.method = r->method;
      sr.encoded_path = path;
      sr.query = query;
      sr.headers = r->headers;
      sr.content_length = r->body.size();
      AzureSharedKeySign(ep_.account, ep_.key_bytes, &sr);
      r->headers = std::move(sr.headers);
    };
    return IOStatus::OK();
  }

  IOStatus Scrubbed(const IOStatus& s) const override {
    return AzureScrubbed(s, ep_.sas);
  }

  void ParseError(const HttpResponse& resp, HttpErrorInfo* e) const override {
    e->code = AzureErrorCode(resp);
    const std::string message = XmlFirstText(resp.body, "Message");
    // The first line: without the RequestId and Time lines.
    e->message = AzureRedactSas(message.substr(0, message.find('\n')), ep_.sas);
    e->what = AzureRedactSas(e->what, ep_.sas);
    e->request_id = RestHeader(resp, "x-ms-request-id");
    if (resp.status == 401 || resp.status == 403) {
      e->hint =
          " (authentication failed: check the account key or SAS token for "
          "account " +
          ep_.account + " and its access to container " + o_.container + ")";
    }
  }

  IOStatus ErrorStatus(const std::string& op, const std::string& what,
                       const HttpResponse& resp) const override {
    if (resp.status == 404) return NotFound(op, what, resp);
    return RestDialect::ErrorStatus(op, what, resp);
  }

  IOStatus NotFound(const std::string& op, const std::string& what,
                    const HttpResponse& resp) const override {
    const std::string code = AzureErrorCode(resp);
    IOStatus nf = IOStatus::NotFound(
        "Azure " + op +
            (code == "ContainerNotFound" ? ": no such container "
                                         : ": no such blob ") +
            Where(),
        what);
    nf.SetHttpDetail(404, code, RestHeader(resp, "x-ms-request-id"));
    return nf;
  }

  bool IsFenced(const HttpResponse& resp) const override {
    return AzureIsFencedResponse(resp.status, AzureErrorCode(resp));
  }

  IOStatus Fenced(const std::string& op, const std::string& key,
                  const HttpResponse& resp) const override {
    const std::string code = AzureErrorCode(resp);
    IOStatus f =
        IOStatus::IOFenced("Azure " + op + " precondition failed (HTTP " +
                               std::to_string(resp.status) + " " + code + ")",
                           o_.container + "/" + key);
    // 412 whatever Azure said (409 BlobAlreadyExists for If-None-Match: *):
    // the contract's one status for "lost the race".
    f.SetHttpDetail(412, code, RestHeader(resp, "x-ms-request-id"));
    return f;
  }

  IOStatus HeadAnswered(const std::string& key, const HttpResponse& resp,
                        ObjectMeta* meta) const override {
    meta->key = key;
    meta->size =
        std::strtoull(RestHeader(resp, "content-length").c_str(), nullptr, 10);
    meta->etag = RestUnquote(RestHeader(resp, "etag"));
    meta->content_md5 = RestHeader(resp, "content-md5");
    meta->mtime_micros = AzureMtime(resp);
    return IOStatus::OK();
  }

  IOStatus PutAnswered(const std::string& key, uint64_t size,
                       const std::string& /*md5*/, const HttpResponse& resp,
                       ObjectMeta* meta) const override {
    if (resp.status != 201) return ErrorStatus("PUT", key, resp);
    if (meta != nullptr) {
      meta->key = key;
      meta->size = size;
      meta->etag = RestUnquote(RestHeader(resp, "etag"));
      meta->mtime_micros = AzureMtime(resp);
    }
    return IOStatus::OK();
  }

  bool DeleteDone(const HttpResponse& resp) const override {
    return resp.status == 202 || resp.status == 200 ||
           (resp.status == 404 && AzureErrorCode(resp) != "ContainerNotFound");
  }

  IOStatus ParseListPage(const std::string& /*prefix*/,
                         const HttpResponse& resp,
                         RestListPage* page) const override {
    for (auto& rec : XmlRecordsDeep(resp.body, "Blob")) {
      auto name = rec.find("Name");
      if (name == rec.end()) continue;
      ObjectMeta m;
      m.key = name->second;
      m.size = std::strtoull(rec["Content-Length"].c_str(), nullptr, 10);
      m.etag = RestUnquote(rec["Etag"]);
      int64_t t = 0;
      if (ParseHttpDate(rec["Last-Modified"], &t)) {
        m.mtime_micros = static_cast<uint64_t>(t) * 1000000;
      }
      page->objects.push_back(std::move(m));
    }
    for (auto& rec : XmlRecords(resp.body, "BlobPrefix")) {
      auto name = rec.find("Name");
      if (name != rec.end()) page->prefixes.push_back(name->second);
    }
    page->next = XmlFirstText(resp.body, "NextMarker");
    return IOStatus::OK();
  }

  // Large or cross-account copies run asynchronously: wait, bounded,
  // polling with HEADs.
  IOStatus CopyAnswered(RestObjectStore* store, const std::string& src,
                        const std::string& dst,
                        const HttpResponse& answer) override {
    if (answer.status != 202 && answer.status != 201)
      return ErrorStatus("COPY", src + " -> " + dst, answer);
    HttpResponse resp = answer;
    std::string status = RestHeader(resp, "x-ms-copy-status");
    uint64_t waited = 0;
    while (status == "pending") {
      if (waited >= o_.copy_wait_micros) {
        IOStatus t = IOStatus::TimedOut("Azure COPY " + src + " -> " + dst +
                                        " in container " + o_.container +
                                        " still pending after " +
                                        std::to_string(waited / 1000) + " ms");
        t.SetRetryable(true);
        return t;
      }
      AzureSleep(store->retry(), o_.copy_poll_micros);
      waited += std::max<uint64_t>(o_.copy_poll_micros, 1);
      RestCall head = Request("HEAD", dst, {});
      HttpResponse hr;
      IOStatus s = store->Send(RestObjectStore::Kind::kHead, &head, &hr);
      if (!s.ok()) return s;
      if (hr.status != 200) return ErrorStatus("COPY (polling)", dst, hr);
      status = RestHeader(hr, "x-ms-copy-status");
      resp = hr;
    }
    if (!status.empty() && status != "success") {
      return IOStatus::IOError(
          "Azure COPY " + src + " -> " + dst + " in container " + o_.container +
          " ended " + status + ": " +
          RestHeader(resp, "x-ms-copy-status-description"));
    }
    return IOStatus::OK();
  }

  bool WantsLargePut(uint64_t size, const PutOptions& /*opts*/) const override {
    return size > o_.block_threshold && o_.block_size > 0;
  }

  // Put Block calls, upload_threads at a time, then one Put Block List
  // carrying the conditions (every request counts as a PUT).
  IOStatus LargePut(RestObjectStore* store, const std::string& key,
                    const PutSource& data, const PutOptions& opts,
                    const RestHeaders& headers, ObjectMeta* meta) override {
    const size_t blocks = (data.size() + o_.block_size - 1) / o_.block_size;
    if (blocks > 50000) {
      return IOStatus::InvalidArgument(
          "Azure PUT of " + std::to_string(data.size()) +
              " bytes needs more than 50,000 blocks; raise block_size",
          o_.container + "/" + key);
    }
    // The blob's MD5 first, in one sequential pass with one block buffer.
    std::string md5;
    IOStatus s = store->SourceMd5Base64(data, o_.block_size, &md5);
    if (!s.ok()) return s;
    // Equal-length ids unique to this upload: "<upload>-<index>".
    const std::string upload = AzureRandomHex(16);
    std::vector<std::string> ids(blocks);
    for (size_t i = 0; i < blocks; i++) {
      char index[32];
      snprintf(index, sizeof(index), "%06zu", i);
      ids[i] = Base64Encode(upload + "-" + index);
    }
    std::vector<IOStatus> results(blocks);
    ParallelFor(blocks, o_.upload_threads, [&](size_t i) {
      const uint64_t off = static_cast<uint64_t>(i) * o_.block_size;
      const size_t n = static_cast<size_t>(
          std::min<uint64_t>(o_.block_size, data.size() - off));
      RestObjectStore::Buffered held(store, n);
      RestCall block =
          Request("PUT", key, {{"comp", "block"}, {"blockid", ids[i]}});
      IOStatus bs = data.Read(off, n, &block.req.body);
      HttpResponse resp;
      if (bs.ok()) {
        block.req.headers["Content-MD5"] = Md5Base64(block.req.body);
        for (const auto& kv : headers) block.req.headers[kv.first] = kv.second;
        bs = store->Send(RestObjectStore::Kind::kPut, &block, &resp, n);
      }
      if (bs.ok() && IsFenced(resp)) {
        bs = Fenced("Put Block", key, resp);
      } else if (bs.ok() && resp.status != 201) {
        bs = ErrorStatus("Put Block", key, resp);
      }
      results[i] = bs;
      return bs.ok();  // false: stop handing out blocks
    });
    // Blocks that were never committed are dropped by the service (after a
    // week); there is nothing to abort.
    for (const IOStatus& r : results) {
      if (!r.ok()) return r;
    }
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>";
    for (const std::string& id : ids) xml += "<Latest>" + id + "</Latest>";
    xml += "</BlockList>";
    RestCall list = Request("PUT", key, {{"comp", "blocklist"}});
    list.req.body = std::move(xml);
    list.req.headers["x-ms-blob-content-md5"] = md5;  // kept as the blob's MD5
    AddConditions(opts, &list);
    for (const auto& kv : headers) list.req.headers[kv.first] = kv.second;
    return store->Commit(key, data.size(), md5, opts, 0, &list, meta);
  }

  // Blob deletes, upload_threads at a time (no batch call is used).
  IOStatus DeleteMany(RestObjectStore* store,
                      const std::vector<std::string>& keys) override {
    for (const std::string& k : keys) {
      IOStatus v = ValidateObjectKey(k);
      if (!v.ok()) return v;
    }
    std::vector<IOStatus> results(keys.size());
    ParallelFor(keys.size(), o_.upload_threads, [&](size_t i) {
      results[i] = store->Delete(keys[i]);
      return results[i].ok();  // stop early
    });
    for (const IOStatus& r : results) {
      if (!r.ok()) return r;
    }
    return IOStatus::OK();
  }

  IOStatus CreateBucketIfMissing(RestObjectStore* store,
                                 const std::string& /*region*/) override {
    RestCall call = Request("PUT", "", {{"restype", "container"}});
    HttpResponse resp;
    IOStatus s = store->Send(RestObjectStore::Kind::kPut, &call, &resp);
    if (!s.ok()) return s;
    if (resp.status == 201) return IOStatus::OK();
    if (resp.status == 409 &&
        AzureErrorCode(resp) == "ContainerAlreadyExists") {
      return IOStatus::OK();
    }
    return ErrorStatus("Create Container", o_.container, resp);
  }

 private:
  static void AddConditions(const PutOptions& opts, RestCall* call) {
    if (opts.if_none_match) call->req.headers["If-None-Match"] = "*";
    if (!opts.if_match_etag.empty()) {
      call->req.headers["If-Match"] = "\"" + opts.if_match_etag + "\"";
    }
  }

  static uint64_t AzureMtime(const HttpResponse& resp) {
    int64_t t = 0;
    return ParseHttpDate(RestHeader(resp, "last-modified"), &t)
               ? static_cast<uint64_t>(t) * 1000000
               : 0;
  }

  const AzureStoreOptions o_;
  const AzureEndpoint ep_;
};

}  // namespace

IOStatus AzureStore::PutWithLease(const std::string& key, const Slice& data,
                                  const std::string& lease_id,
                                  const PutOptions& opts, ObjectMeta* meta) {
  RestHeaders headers;
  if (!lease_id.empty()) headers["x-ms-lease-id"] = lease_id;
  return PutWithHeaders(key, SlicePutSource(data), opts, headers, meta);
}

IOStatus AzureStore::Lease(const std::string& key, const std::string& action,
                           const RestHeaders& headers, HttpResponse* resp) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  RestCall call = dialect()->Request("PUT", key, {{"comp", "lease"}});
  call.req.headers["x-ms-lease-action"] = action;
  for (const auto& kv : headers) call.req.headers[kv.first] = kv.second;
  s = Send(Kind::kPut, &call, resp);
  if (!s.ok()) return s;
  if (dialect()->IsFenced(*resp)) {
    return dialect()->Fenced("lease " + action, key, *resp);
  }
  if (resp->status < 200 || resp->status > 202)
    return Error("lease " + action, key, *resp);
  return IOStatus::OK();
}

IOStatus AzureStore::AcquireLease(const std::string& key, int duration_secs,
                                  std::string* lease_id) {
  // Proposing the id makes a retried acquire harmless: the holder of an id
  // may acquire again.
  if (lease_id->empty()) *lease_id = AzureRandomGuid();
  HttpResponse resp;
  IOStatus s = Lease(key, "acquire",
                     {{"x-ms-lease-duration", std::to_string(duration_secs)},
                      {"x-ms-proposed-lease-id", *lease_id}},
                     &resp);
  if (!s.ok()) return s;
  const std::string granted = RestHeader(resp, "x-ms-lease-id");
  if (!granted.empty()) *lease_id = granted;
  return IOStatus::OK();
}

IOStatus AzureStore::RenewLease(const std::string& key,
                                const std::string& lease_id) {
  HttpResponse resp;
  return Lease(key, "renew", {{"x-ms-lease-id", lease_id}}, &resp);
}

IOStatus AzureStore::ReleaseLease(const std::string& key,
                                  const std::string& lease_id) {
  HttpResponse resp;
  return Lease(key, "release", {{"x-ms-lease-id", lease_id}}, &resp);
}

IOStatus AzureStore::ChangeLease(const std::string& key,
                                 const std::string& lease_id,
                                 const std::string& new_lease_id) {
  HttpResponse resp;
  return Lease(
      key, "change",
      {{"x-ms-lease-id", lease_id}, {"x-ms-proposed-lease-id", new_lease_id}},
      &resp);
}

IOStatus AzureStore::BreakLease(const std::string& key, int break_period_secs,
                                int* remaining_secs) {
  HttpResponse resp;
  IOStatus s = Lease(
      key, "break",
      {{"x-ms-lease-break-period", std::to_string(break_period_secs)}}, &resp);
  if (s.ok() && remaining_secs != nullptr) {
    uint64_t secs = 0;
    // 0 when the header is absent or malformed.
    if (!ParseDecimalUint64(RestHeader(resp, "x-ms-lease-time"), &secs)) {
      secs = 0;
    }
    *remaining_secs = static_cast<int>(std::min<uint64_t>(secs, INT32_MAX));
  }
  return s;
}

namespace {

IOStatus AzureBuildStore(const AzureStoreOptions& options,
                         std::unique_ptr<AzureStore>* store) {
  if (options.container.empty()) {
    return IOStatus::InvalidArgument("Azure store needs a container name");
  }
  AzureConnectionInfo info{options.account, options.key, options.sas,
                           options.endpoint};
  auto merge = [&info](const AzureConnectionInfo& from) {
    if (info.account.empty()) info.account = from.account;
    if (info.endpoint.empty()) info.endpoint = from.endpoint;
    if (info.key.empty() && info.sas.empty()) {
      info.key = from.key;
      info.sas = from.sas;
    }
  };
  for (int source = 0; source < 2; source++) {
    const std::string text =
        source == 0 ? options.connection_string
                    : GetEnvString("AZURE_STORAGE_CONNECTION_STRING");
    if (text.empty()) continue;
    AzureConnectionInfo parsed;
    IOStatus s = ParseAzureConnectionString(text, &parsed);
    if (!s.ok()) {
      return IOStatus::InvalidArgument(
          source == 0 ? "options.connection_string"
                      : "AZURE_STORAGE_CONNECTION_STRING",
          s.getState() == nullptr ? "" : s.getState());
    }
    merge(parsed);
  }
  merge(AzureConnectionInfo{GetEnvString("AZURE_STORAGE_ACCOUNT"),
                            GetEnvString("AZURE_STORAGE_KEY"),
                            GetEnvString("AZURE_STORAGE_SAS_TOKEN"), ""});
  if (info.endpoint.empty()) {
    if (info.account.empty()) {
      return IOStatus::InvalidArgument(
          "Azure store for container " + options.container +
          " needs an account or endpoint: set them in the options, a "
          "connection string, "
          "AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT");
    }
    info.endpoint = "https://" + info.account + ".blob.core.windows.net";
  }
  while (!info.endpoint.empty() && info.endpoint.back() == '/')
    info.endpoint.pop_back();
  auto ep = std::make_unique<AzureEndpoint>();
  const size_t scheme_end = info.endpoint.find("://");
  if (scheme_end == std::string::npos) {
    return IOStatus::InvalidArgument(
        "Azure endpoint has no scheme (http:// or https://)", info.endpoint);
  }
  const size_t path_start = info.endpoint.find('/', scheme_end + 3);
  ep->scheme_host = info.endpoint.substr(0, path_start);
  ep->base_path =
      path_start == std::string::npos ? "" : info.endpoint.substr(path_start);
  ep->account = info.account;
  if (ep->account.empty() && !ep->base_path.empty()) {
    ep->account =
        ep->base_path.substr(1, ep->base_path.find('/', 1) - 1);  // path-style
  }
  const std::string host = ep->scheme_host.substr(scheme_end + 3);
  if (ep->account.empty() && host.find(".blob.") != std::string::npos) {
    ep->account = host.substr(0, host.find(".blob."));  // ACCOUNT.blob.SUFFIX
  }
  if (!info.key.empty() && info.sas.empty()) {
    if (ep->account.empty()) {
      return IOStatus::InvalidArgument(
          "Azure SharedKey signing needs the account name", info.endpoint);
    }
    if (!Base64Decode(info.key, &ep->key_bytes) || ep->key_bytes.empty()) {
      return IOStatus::InvalidArgument("Azure account key for account " +
                                       ep->account + " is not valid base64");
    }
  }
  ep->sas =
      !info.sas.empty() && info.sas[0] == '?' ? info.sas.substr(1) : info.sas;
  AzureStoreOptions o = options;
  if (!o.transport) o.transport = NewCurlTransport(o.timeouts);
  if (info.key.empty() && info.sas.empty()) {
    AzureIdentityOptions io;
    io.managed_identity = o.managed_identity;
    io.imds_endpoint = o.imds_endpoint;
    io.transport = o.transport;
    io.retry = o.retry;
    io.now = o.now;
    std::unique_ptr<GcsTokenSource> tokens;
    IOStatus s = NewAzureIdentityTokenSource(io, &tokens);
    if (!s.ok()) return s;
    ep->bearer = std::move(tokens);
  }
  if (o.block_size == 0) o.block_size = 8 << 20;
  std::shared_ptr<HttpTransport> transport = o.transport;
  RetryOptions retry = o.retry;
  *store = std::make_unique<AzureStore>(
      std::make_unique<AzureDialect>(std::move(o), std::move(*ep)),
      std::move(transport), std::move(retry));
  return IOStatus::OK();
}

}  // namespace

IOStatus NewAzureStore(const AzureStoreOptions& options,
                       std::unique_ptr<AzureStore>* store) {
  return AzureBuildStore(options, store);
}

IOStatus NewAzureStore(const AzureStoreOptions& options,
                       std::unique_ptr<ObjectStore>* store) {
  std::unique_ptr<AzureStore> azure;
  IOStatus s = AzureBuildStore(options, &azure);
  if (s.ok()) *store = std::move(azure);
  return s;
}

}  // namespace ROCKSDB_NAMESPACE
