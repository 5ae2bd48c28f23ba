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
#include "cloud/sigv4.h"
#include "cloud/xml.h"
#include "util/coding.h"
#include "util/crypto.h"
#include "util/parallel.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

struct AzureStore::Endpoint {
  std::string scheme_host;  // "http://127.0.0.1:10000"
  std::string base_path;    // "/devstoreaccount1", or "" for *.blob.core...
  std::string account;
  std::string key_bytes;  // decoded account key; empty: no SharedKey
  std::string sas;        // without '?'; empty: none
  // Entra ID tokens (cloud/azure_identity.h) when there is no key or SAS.
  std::shared_ptr<GcsTokenSource> bearer;
};

struct AzureStore::Call {
  HttpRequest req;
  std::string path;    // encoded, as in the URL
  Query query;         // raw values
  std::string bearer;  // the token for "Authorization: Bearer", if any
};

namespace {

std::string AzureUnquote(const std::string& s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
    return s.substr(1, s.size() - 2);
  return s;
}

std::string AzureHeader(const HttpResponse& resp, const char* name) {
  auto it = resp.headers.find(name);
  return it == resp.headers.end() ? std::string() : it->second;
}

// The Azure error code: the x-ms-error-code header (also on HEAD, which
// has no body), else the XML body's <Code>.
std::string AzureErrorCode(const HttpResponse& resp) {
  std::string code = AzureHeader(resp, "x-ms-error-code");
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

void AzureMetaFromHeaders(const std::string& key, const HttpResponse& resp,
                          ObjectMeta* meta) {
  meta->key = key;
  meta->size =
      std::strtoull(AzureHeader(resp, "content-length").c_str(), nullptr, 10);
  meta->etag = AzureUnquote(AzureHeader(resp, "etag"));
  meta->content_md5 = AzureHeader(resp, "content-md5");
  int64_t t = 0;
  meta->mtime_micros = ParseHttpDate(AzureHeader(resp, "last-modified"), &t)
                           ? static_cast<uint64_t>(t) * 1000000
                           : 0;
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

}  // namespace

AzureStore::AzureStore(AzureStoreOptions options,
                       std::shared_ptr<const Endpoint> ep)
    : o_(std::move(options)), ep_(std::move(ep)) {}

AzureStore::~AzureStore() = default;

std::string AzureStore::Where(const std::string& key) const {
  return o_.container + "/" + key;
}

AzureStore::Call AzureStore::Request(const std::string& method,
                                     const std::string& key,
                                     Query query) const {
  Call call;
  call.path = ep_->base_path + "/" + o_.container;
  if (!key.empty()) call.path += "/" + AwsUriEncode(key, true);
  std::string qs;
  for (const auto& kv : query) {
    qs += (qs.empty() ? "?" : "&") + AwsUriEncode(kv.first, false) + "=" +
          AwsUriEncode(kv.second, false);
  }
  call.req.method = method;
  call.req.url = AzureAppendSas(ep_->scheme_host + call.path + qs, ep_->sas);
  call.req.headers["x-ms-version"] = o_.api_version;
  call.query = std::move(query);
  return call;
}

void AzureStore::Sign(const Call& call, HttpRequest* r) const {
  const int64_t now = o_.now ? o_.now() : static_cast<int64_t>(time(nullptr));
  r->headers["x-ms-date"] = FormatHttpDate(now);
  if (!call.bearer.empty()) {
    r->headers["Authorization"] = "Bearer " + call.bearer;
    return;
  }
  if (ep_->key_bytes.empty()) return;  // SAS (in the URL) or anonymous
  AzureSignRequest sr;
  sr.method = r->method;
  sr.encoded_path = call.path;
  sr.query = call.query;
  sr.headers = r->headers;
  sr.content_length = r->body.size();
  AzureSharedKeySign(ep_->account, ep_->key_bytes, &sr);
  r->headers = std::move(sr.headers);
}

IOStatus AzureStore::Authorize(Call* call) const {
  if (!ep_->bearer) return IOStatus::OK();
  IOStatus s = ep_->bearer->Token(&call->bearer);
  if (!s.ok()) {
    IOStatus e = IOStatus::IOError("Azure token for container " + o_.container +
                                       " (" + ep_->bearer->Describe() + ")",
                                   s.ToString());
    e.SetRetryable(s.GetRetryable());
    return e;
  }
  return s;
}

IOStatus AzureStore::Send(Kind kind, Call* call, HttpResponse* resp,
                          uint64_t bytes_written,
                          const std::function<void(HttpRequest*)>& each) {
  IOStatus s = Authorize(call);
  if (!s.ok()) return s;
  auto sign = [&](HttpRequest* r) {
    if (each) each(r);
    Sign(*call, r);
  };
  return AzureScrubbed(CountedSend(kind, bytes_written, o_.transport.get(),
                                   o_.retry, sign, std::move(call->req), resp),
                       ep_->sas);
}

IOStatus AzureStore::Error(const std::string& op, const std::string& what,
                           HttpResponse& resp) const {
  const std::string code = AzureErrorCode(resp);
  std::string message = XmlFirstText(resp.body, "Message");
  message = message.substr(0, message.find('\n'));  // drop RequestId/Time lines
  const std::string request_id = AzureHeader(resp, "x-ms-request-id");
  const std::string where =
      " in container " + o_.container + " of account " + ep_->account;
  if (resp.status == 404) {
    IOStatus nf = code == "ContainerNotFound"
                      ? IOStatus::NotFound(
                            "Azure " + op + ": no such container" + where, what)
                      : IOStatus::NotFound(
                            "Azure " + op + ": no such blob" + where, what);
    nf.SetHttpDetail(404, code, request_id);
    return nf;
  }
  HttpErrorInfo e;
  e.provider = "Azure";
  e.op = op;
  e.what = AzureRedactSas(what, ep_->sas);
  e.where = where.substr(1);
  e.status = resp.status;
  e.code = code;
  e.message = AzureRedactSas(message, ep_->sas);
  e.request_id = request_id;
  if (resp.status == 401 || resp.status == 403) {
    e.hint =
        " (authentication failed: check the account key or SAS token for "
        "account " +
        ep_->account + " and its access to container " + o_.container + ")";
  }
  return HttpErrorStatus(e);
}

IOStatus AzureStore::Fenced(const std::string& op, const std::string& key,
                            HttpResponse& resp) const {
  const std::string code = AzureErrorCode(resp);
  IOStatus f =
      IOStatus::IOFenced("Azure " + op + " precondition failed (HTTP " +
                             std::to_string(resp.status) + " " + code + ")",
                         Where(key));
  // 412 whatever Azure said (409 BlobAlreadyExists for If-None-Match: *):
  // the contract's one status for "lost the race".
  f.SetHttpDetail(412, code, AzureHeader(resp, "x-ms-request-id"));
  return f;
}

IOStatus AzureStore::Get(const std::string& key, std::string* data) {
  return Fetch(key, nullptr, data);
}

IOStatus AzureStore::GetRange(const std::string& key, uint64_t offset, size_t n,
                              std::string* data) {
  data->clear();
  if (n == 0) return ValidateObjectKey(key);
  const std::string range =
      "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + n - 1);
  return Fetch(key, &range, data);
}

IOStatus AzureStore::Fetch(const std::string& key, const std::string* range,
                           std::string* data) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  data->clear();
  Call call = Request("GET", key, {});
  if (range != nullptr) call.req.headers["x-ms-range"] = *range;
  HttpResponse resp;
  s = Send(Kind::kGet, &call, &resp);
  const bool got = s.ok() && (resp.status == 200 || resp.status == 206);
  if (!s.ok()) return s;
  if (resp.status == 416)
    return IOStatus::OK();  // the range starts past the end
  if (!got) return Error("GET", key, resp);
  *data = std::move(resp.body);
  return IOStatus::OK();
}

IOStatus AzureStore::Put(const std::string& key, const Slice& data,
                         const PutOptions& opts, ObjectMeta* meta) {
  return PutSourceWithLease(key, SlicePutSource(data), "", opts, meta);
}

IOStatus AzureStore::PutFrom(const std::string& key, const PutSource& source,
                             const PutOptions& opts, ObjectMeta* meta) {
  return PutSourceWithLease(key, source, "", opts, meta);
}

IOStatus AzureStore::PutWithLease(const std::string& key, const Slice& data,
                                  const std::string& lease_id,
                                  const PutOptions& opts, ObjectMeta* meta) {
  return PutSourceWithLease(key, SlicePutSource(data), lease_id, opts, meta);
}

IOStatus AzureStore::PutSourceWithLease(const std::string& key,
                                        const PutSource& source,
                                        const std::string& lease_id,
                                        const PutOptions& opts,
                                        ObjectMeta* meta) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  if (source.size() > o_.block_threshold && o_.block_size > 0) {
    return BlockPut(key, source, lease_id, opts, meta);
  }
  Call call = Request("PUT", key, {});
  std::unique_ptr<Buffered> held;
  s = ReadWhole(source, &call.req.body, &held);
  if (!s.ok()) return s;
  call.req.headers["x-ms-blob-type"] = "BlockBlob";
  const std::string md5 = Md5Base64(call.req.body);
  call.req.headers["Content-MD5"] = md5;  // checked, and kept as the blob's
  const uint64_t carried = call.req.body.size();
  return Commit(key, source.size(), md5, lease_id, opts, carried, &call, meta);
}

IOStatus AzureStore::Commit(const std::string& key, uint64_t size,
                            const std::string& md5, const std::string& lease_id,
                            const PutOptions& opts, uint64_t bytes_written,
                            Call* call, ObjectMeta* meta) {
  const bool conditional = opts.if_none_match || !opts.if_match_etag.empty();
  if (opts.if_none_match) call->req.headers["If-None-Match"] = "*";
  if (!opts.if_match_etag.empty()) {
    call->req.headers["If-Match"] = "\"" + opts.if_match_etag + "\"";
  }
  if (!lease_id.empty()) call->req.headers["x-ms-lease-id"] = lease_id;
  call->req.idempotent = !conditional;
  HttpResponse resp;
  IOStatus s = Send(Kind::kPut, call, &resp, bytes_written);
  if (!s.ok() && resp.outcome_unknown) {
    return ResolveLostConditionalPut(this, key, md5, opts, s, meta);
  }
  if (!s.ok()) return s;
  if (AzureIsFencedResponse(resp.status, AzureErrorCode(resp)))
    return Fenced("PUT", key, resp);
  if (resp.status != 201) return Error("PUT", key, resp);
  if (meta != nullptr) {
    meta->key = key;
    meta->size = size;
    meta->etag = AzureUnquote(AzureHeader(resp, "etag"));
    int64_t t = 0;
    meta->mtime_micros = ParseHttpDate(AzureHeader(resp, "last-modified"), &t)
                             ? static_cast<uint64_t>(t) * 1000000
                             : 0;
  }
  return IOStatus::OK();
}

IOStatus AzureStore::BlockPut(const std::string& key, const PutSource& data,
                              const std::string& lease_id,
                              const PutOptions& opts, ObjectMeta* meta) {
  const size_t blocks = (data.size() + o_.block_size - 1) / o_.block_size;
  if (blocks > 50000) {
    return IOStatus::InvalidArgument(
        "Azure PUT of " + std::to_string(data.size()) +
            " bytes needs more than 50,000 blocks; raise block_size",
        Where(key));
  }
  // The blob's MD5 first, in one sequential pass with one block buffer.
  std::string md5;
  IOStatus s = SourceMd5Base64(data, o_.block_size, &md5);
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
    Buffered held(this, n);
    Call block = Request("PUT", key, {{"comp", "block"}, {"blockid", ids[i]}});
    IOStatus bs = data.Read(off, n, &block.req.body);
    HttpResponse resp;
    if (bs.ok()) {
      block.req.headers["Content-MD5"] = Md5Base64(block.req.body);
      if (!lease_id.empty()) block.req.headers["x-ms-lease-id"] = lease_id;
      bs = Send(Kind::kPut, &block, &resp, n);
    }
    if (bs.ok() && AzureIsFencedResponse(resp.status, AzureErrorCode(resp))) {
      bs = Fenced("Put Block", key, resp);
    } else if (bs.ok() && resp.status != 201) {
      bs = Error("Put Block", key, resp);
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
  Call list = Request("PUT", key, {{"comp", "blocklist"}});
  list.req.body = std::move(xml);
  list.req.headers["x-ms-blob-content-md5"] = md5;  // kept as the blob's MD5
  return Commit(key, data.size(), md5, lease_id, opts, 0, &list, meta);
}

IOStatus AzureStore::Head(const std::string& key, ObjectMeta* meta) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  Call call = Request("HEAD", key, {});
  HttpResponse resp;
  s = Send(Kind::kHead, &call, &resp);
  if (!s.ok()) return s;
  if (resp.status != 200) return Error("HEAD", key, resp);
  AzureMetaFromHeaders(key, resp, meta);
  return IOStatus::OK();
}

IOStatus AzureStore::List(const std::string& prefix,
                          std::vector<ObjectMeta>* objects) {
  return ListPages(prefix, "", objects, nullptr);
}

IOStatus AzureStore::ListDelimited(const std::string& prefix,
                                   const std::string& delimiter,
                                   std::vector<ObjectMeta>* objects,
                                   std::vector<std::string>* common_prefixes) {
  return ListPages(prefix, delimiter, objects, common_prefixes);
}

IOStatus AzureStore::ListPages(const std::string& prefix,
                               const std::string& delimiter,
                               std::vector<ObjectMeta>* objects,
                               std::vector<std::string>* common_prefixes) {
  objects->clear();
  if (common_prefixes != nullptr) common_prefixes->clear();
  std::string marker;
  for (int page = 0; page < 1000000; page++) {
    Query q = {{"restype", "container"}, {"comp", "list"}};
    if (!prefix.empty()) q.emplace_back("prefix", prefix);
    if (!delimiter.empty()) q.emplace_back("delimiter", delimiter);
    if (!marker.empty()) q.emplace_back("marker", marker);
    if (o_.list_page_size > 0)
      q.emplace_back("maxresults", std::to_string(o_.list_page_size));
    Call call = Request("GET", "", std::move(q));
    HttpResponse resp;
    IOStatus s = Send(Kind::kList, &call, &resp);
    if (!s.ok()) return s;
    if (resp.status != 200) return Error("LIST", "'" + prefix + "'", resp);
    for (auto& rec : XmlRecordsDeep(resp.body, "Blob")) {
      auto name = rec.find("Name");
      if (name == rec.end()) continue;
      ObjectMeta m;
      m.key = name->second;
      m.size = std::strtoull(rec["Content-Length"].c_str(), nullptr, 10);
      m.etag = AzureUnquote(rec["Etag"]);
      int64_t t = 0;
      if (ParseHttpDate(rec["Last-Modified"], &t)) {
        m.mtime_micros = static_cast<uint64_t>(t) * 1000000;
      }
      objects->push_back(std::move(m));
    }
    if (common_prefixes != nullptr) {
      for (auto& rec : XmlRecords(resp.body, "BlobPrefix")) {
        auto name = rec.find("Name");
        if (name != rec.end()) common_prefixes->push_back(name->second);
      }
    }
    marker = XmlFirstText(resp.body, "NextMarker");
    if (marker.empty()) return IOStatus::OK();
  }
  return IOStatus::IOError("Azure LIST of '" + prefix + "' in container " +
                           o_.container + " did not end");
}

IOStatus AzureStore::Delete(const std::string& key) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  Call call = Request("DELETE", key, {});
  HttpResponse resp;
  s = Send(Kind::kDelete, &call, &resp);
  if (!s.ok()) return s;
  if (resp.status == 202 || resp.status == 200) return IOStatus::OK();
  if (resp.status == 404 && AzureErrorCode(resp) != "ContainerNotFound")
    return IOStatus::OK();
  if (AzureIsFencedResponse(resp.status, AzureErrorCode(resp)))
    return Fenced("DELETE", key, resp);
  return Error("DELETE", key, resp);
}

IOStatus AzureStore::DeleteMany(const std::vector<std::string>& keys) {
  for (const std::string& k : keys) {
    IOStatus v = ValidateObjectKey(k);
    if (!v.ok()) return v;
  }
  std::vector<IOStatus> results(keys.size());
  ParallelFor(keys.size(), o_.upload_threads, [&](size_t i) {
    results[i] = Delete(keys[i]);
    return results[i].ok();  // stop early
  });
  for (const IOStatus& r : results) {
    if (!r.ok()) return r;
  }
  return IOStatus::OK();
}

IOStatus AzureStore::Copy(const std::string& src, const std::string& dst) {
  IOStatus s = ValidateObjectKey(src);
  if (s.ok()) s = ValidateObjectKey(dst);
  if (!s.ok()) return s;
  Call call = Request("PUT", dst, {});
  // Same account: the request's own authorization covers the source, a
  // SAS token rides along on the source URL.
  call.req.headers["x-ms-copy-source"] =
      AzureAppendSas(ep_->scheme_host + ep_->base_path + "/" + o_.container +
                         "/" + AwsUriEncode(src, true),
                     ep_->sas);
  HttpResponse resp;
  s = Send(Kind::kCopy, &call, &resp);
  if (!s.ok()) return s;
  if (resp.status == 404) return Error("COPY", src, resp);
  if (resp.status != 202 && resp.status != 201)
    return Error("COPY", src + " -> " + dst, resp);
  std::string status = AzureHeader(resp, "x-ms-copy-status");
  // Large or cross-account copies run asynchronously: wait, bounded.
  uint64_t waited = 0;
  while (status == "pending") {
    if (waited >= o_.copy_wait_micros) {
      IOStatus t = IOStatus::TimedOut(
          "Azure COPY " + src + " -> " + dst + " in container " + o_.container +
          " still pending after " + std::to_string(waited / 1000) + " ms");
      t.SetRetryable(true);
      return t;
    }
    AzureSleep(o_.retry, o_.copy_poll_micros);
    waited += std::max<uint64_t>(o_.copy_poll_micros, 1);
    Call head = Request("HEAD", dst, {});
    HttpResponse hr;
    s = Send(Kind::kHead, &head, &hr);
    if (!s.ok()) return s;
    if (hr.status != 200) return Error("COPY (polling)", dst, hr);
    status = AzureHeader(hr, "x-ms-copy-status");
    resp = hr;
  }
  if (!status.empty() && status != "success") {
    return IOStatus::IOError("Azure COPY " + src + " -> " + dst +
                             " in container " + o_.container + " ended " +
                             status + ": " +
                             AzureHeader(resp, "x-ms-copy-status-description"));
  }
  return IOStatus::OK();
}

IOStatus AzureStore::GetToSink(const std::string& key, ObjectSink* sink) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  IOStatus sink_error;
  Call call = Request("GET", key, {});
  call.req.body_sink = [&](const char* data, size_t n) {
    sink_error = sink->Append(Slice(data, n));
    return sink_error.ok();
  };
  HttpResponse resp;
  // A new attempt starts the body over.
  s = Send(Kind::kGet, &call, &resp, 0,
           [&](HttpRequest*) { sink_error = sink->Restart(); });
  if (s.ok() && !sink_error.ok()) s = sink_error;
  if (s.ok() && resp.status != 200) s = Error("GET", key, resp);
  return s;
}

IOStatus AzureStore::CreateContainerIfMissing() {
  Call call = Request("PUT", "", {{"restype", "container"}});
  HttpResponse resp;
  IOStatus s = Send(Kind::kPut, &call, &resp);
  if (!s.ok()) return s;
  if (resp.status == 201) return IOStatus::OK();
  if (resp.status == 409 && AzureErrorCode(resp) == "ContainerAlreadyExists") {
    return IOStatus::OK();
  }
  return Error("Create Container", o_.container, resp);
}

IOStatus AzureStore::Lease(
    const std::string& key, const std::string& action,
    const std::vector<std::pair<std::string, std::string>>& hdrs,
    HttpResponse* resp) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  Call call = Request("PUT", key, {{"comp", "lease"}});
  call.req.headers["x-ms-lease-action"] = action;
  for (const auto& kv : hdrs) call.req.headers[kv.first] = kv.second;
  s = Send(Kind::kPut, &call, resp);
  if (!s.ok()) return s;
  if (AzureIsFencedResponse(resp->status, AzureErrorCode(*resp))) {
    return Fenced("lease " + action, key, *resp);
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
  const std::string granted = AzureHeader(resp, "x-ms-lease-id");
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
    if (!ParseDecimalUint64(AzureHeader(resp, "x-ms-lease-time"), &secs)) {
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
  auto ep = std::make_shared<AzureStore::Endpoint>();
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
  *store = std::make_unique<AzureStore>(std::move(o), std::move(ep));
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
