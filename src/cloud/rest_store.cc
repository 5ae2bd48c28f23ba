// The REST skeleton of the HTTP object stores; contract in
// cloud/rest_store.h.
#include "cloud/rest_store.h"

#include <set>

#include "cloud/sigv4.h"
#include "util/crypto.h"

namespace ROCKSDB_NAMESPACE {

// Bounds a listing that depends on the server's answers.
constexpr int kRestMaxListPages = 1000000;

std::string RestUrl(const std::string& scheme_host, const std::string& path,
                    const RestQuery& query) {
  std::string qs;
  for (const auto& kv : query) {
    qs += (qs.empty() ? "?" : "&") + AwsUriEncode(kv.first, false) + "=" +
          AwsUriEncode(kv.second, false);
  }
  return scheme_host + path + qs;
}

std::string RestHeader(const HttpResponse& resp, const char* name) {
  auto it = resp.headers.find(name);
  return it == resp.headers.end() ? std::string() : it->second;
}

std::string RestUnquote(const std::string& s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
    return s.substr(1, s.size() - 2);
  return s;
}

std::string RestDialect::OpName(RestOp op) const {
  switch (op) {
    case RestOp::kRead:
      return "GET";
    case RestOp::kHead:
      return "HEAD";
    case RestOp::kPut:
      return "PUT";
    case RestOp::kDelete:
      return "DELETE";
    case RestOp::kCopy:
      return "COPY";
    case RestOp::kList:
      return "LIST";
  }
  return "?";
}

IOStatus RestDialect::ErrorStatus(const std::string& op,
                                  const std::string& what,
                                  const HttpResponse& resp) const {
  HttpErrorInfo e;
  e.provider = Provider();
  e.op = op;
  e.what = what;
  e.where = Where();
  e.status = resp.status;
  ParseError(resp, &e);
  return HttpErrorStatus(e);
}

IOStatus RestDialect::LargePut(RestObjectStore* /*store*/,
                               const std::string& key,
                               const PutSource& /*source*/,
                               const PutOptions& /*opts*/,
                               const RestHeaders& /*headers*/,
                               ObjectMeta* /*meta*/) {
  return IOStatus::NotSupported(
      std::string(Provider()) + " has no large-upload protocol", key);
}

IOStatus RestDialect::DeleteMany(RestObjectStore* store,
                                 const std::vector<std::string>& keys) {
  return store->ObjectStore::DeleteMany(keys);
}

IOStatus RestDialect::CreateBucketIfMissing(RestObjectStore* store,
                                            const std::string& region) {
  return store->ObjectStore::CreateBucketIfMissing(region);
}

RestObjectStore::RestObjectStore(std::unique_ptr<RestDialect> dialect,
                                 std::shared_ptr<HttpTransport> transport,
                                 RetryOptions retry)
    : dialect_(std::move(dialect)),
      transport_(std::move(transport)),
      retry_(std::move(retry)) {}

RestObjectStore::~RestObjectStore() = default;

IOStatus RestObjectStore::Send(Kind kind, RestCall* call, HttpResponse* resp,
                               uint64_t bytes_written,
                               const std::function<void(HttpRequest*)>& each,
                               const RetryOptions* retry) {
  // A request that may go twice (after a 401) is copied, else moved: a
  // part's body is not copied again.
  const bool again = dialect_->refreshes_authorization();
  IOStatus s;
  for (int round = 0; round < 2; round++) {
    std::function<void(HttpRequest*)> authorize;
    s = dialect_->Authorize(*call, &authorize);
    if (!s.ok()) return s;
    auto sign = [&](HttpRequest* r) {
      if (each) each(r);
      authorize(r);
    };
    s = CountedSend(kind, bytes_written, transport_.get(),
                    retry != nullptr ? *retry : retry_, sign,
                    again ? call->req : std::move(call->req), resp);
    if (!again || !s.ok() || resp->status != 401 ||
        !dialect_->RefreshAuthorization()) {
      break;
    }
  }
  return dialect_->Scrubbed(s);
}

IOStatus RestObjectStore::Get(const std::string& key, std::string* data) {
  return Fetch(key, nullptr, 0, 0, data);
}

IOStatus RestObjectStore::GetRange(const std::string& key, uint64_t offset,
                                   size_t n, std::string* data) {
  data->clear();
  if (n == 0) return ValidateObjectKey(key);
  const std::string range =
      "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + n - 1);
  return Fetch(key, &range, offset, n, data);
}

IOStatus RestObjectStore::Fetch(const std::string& key,
                                const std::string* range, uint64_t offset,
                                size_t n, std::string* data) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  data->clear();
  RestCall call = dialect_->ReadRequest(key, range);
  HttpResponse resp;
  s = Send(Kind::kGet, &call, &resp);
  if (!s.ok()) return s;
  const std::string op = dialect_->OpName(RestOp::kRead);
  if (resp.status == 404) return dialect_->NotFound(op, key, resp);
  if (resp.status == 416) return IOStatus::OK();  // starts past the end
  if (resp.status != 200 && resp.status != 206) return Error(op, key, resp);
  if (resp.status == 200 && range != nullptr) {
    // The whole object (a server may ignore Range; RetryingSend checked
    // its stated digest): cut.
    if (offset >= resp.body.size()) return IOStatus::OK();
    resp.body = resp.body.substr(static_cast<size_t>(offset), n);
  }
  *data = std::move(resp.body);
  return IOStatus::OK();
}

IOStatus RestObjectStore::GetToSink(const std::string& key, ObjectSink* sink) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  IOStatus sink_error;
  RestCall call = dialect_->ReadRequest(key, nullptr);
  call.req.body_sink = [&](const char* data, size_t n) {
    sink_error = sink->Append(Slice(data, n));
    return sink_error.ok();
  };
  HttpResponse resp;
  // A new attempt starts the body over.
  s = Send(Kind::kGet, &call, &resp, 0,
           [&](HttpRequest*) { sink_error = sink->Restart(); });
  if (s.ok() && !sink_error.ok()) s = sink_error;
  const std::string op = dialect_->OpName(RestOp::kRead);
  if (s.ok() && resp.status == 404) {
    s = dialect_->NotFound(op, key, resp);
  } else if (s.ok() && resp.status != 200) {
    s = Error(op, key, resp);
  }
  return s;
}

IOStatus RestObjectStore::Put(const std::string& key, const Slice& data,
                              const PutOptions& opts, ObjectMeta* meta) {
  return PutFrom(key, SlicePutSource(data), opts, meta);
}

IOStatus RestObjectStore::PutFrom(const std::string& key,
                                  const PutSource& source,
                                  const PutOptions& opts, ObjectMeta* meta) {
  return PutWithHeaders(key, source, opts, {}, meta);
}

IOStatus RestObjectStore::PutWithHeaders(const std::string& key,
                                         const PutSource& source,
                                         const PutOptions& opts,
                                         const RestHeaders& headers,
                                         ObjectMeta* meta) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  if (dialect_->WantsLargePut(source.size(), opts)) {
    return dialect_->LargePut(this, key, source, opts, headers, meta);
  }
  return PutWhole(
      key, source, opts,
      [&](const std::string& md5, std::string body, RestCall* call) {
        IOStatus r =
            dialect_->PutRequest(key, opts, md5, std::move(body), call);
        for (const auto& kv : headers) call->req.headers[kv.first] = kv.second;
        return r;
      },
      meta);
}

IOStatus RestObjectStore::PutWhole(const std::string& key,
                                   const PutSource& source,
                                   const PutOptions& opts,
                                   const BuildPut& build, ObjectMeta* meta) {
  std::string body;
  std::unique_ptr<Buffered> held;
  IOStatus s = ReadWhole(source, &body, &held);
  if (!s.ok()) return s;
  const std::string md5 = Md5Base64(body);
  const uint64_t size = body.size();
  RestCall call;
  s = build(md5, std::move(body), &call);
  if (!s.ok()) return s;
  return Commit(key, size, md5, opts, size, &call, meta);
}

IOStatus RestObjectStore::Commit(const std::string& key, uint64_t size,
                                 const std::string& md5, const PutOptions& opts,
                                 uint64_t bytes_written, RestCall* call,
                                 ObjectMeta* meta) {
  // Conditions the dialect put in the URL may have cleared it already.
  call->req.idempotent =
      call->req.idempotent && !opts.if_none_match && opts.if_match_etag.empty();
  HttpResponse resp;
  IOStatus s = Send(Kind::kPut, call, &resp, bytes_written);
  if (!s.ok() && resp.outcome_unknown) {
    return ResolveLostConditionalPut(this, key, md5, opts, s, meta);
  }
  if (!s.ok()) return s;
  if (dialect_->IsFenced(resp)) {
    return dialect_->Fenced(dialect_->OpName(RestOp::kPut), key, resp);
  }
  return dialect_->PutAnswered(key, size, md5, resp, meta);
}

IOStatus RestObjectStore::Head(const std::string& key, ObjectMeta* meta) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  RestCall call = dialect_->HeadRequest(key);
  HttpResponse resp;
  s = Send(Kind::kHead, &call, &resp);
  if (!s.ok()) return s;
  const std::string op = dialect_->OpName(RestOp::kHead);
  if (resp.status == 404) return dialect_->NotFound(op, key, resp);
  if (resp.status != 200) return Error(op, key, resp);
  return dialect_->HeadAnswered(key, resp, meta);
}

IOStatus RestObjectStore::Delete(const std::string& key) {
  IOStatus s = ValidateObjectKey(key);
  if (!s.ok()) return s;
  RestCall call = dialect_->DeleteRequest(key);
  HttpResponse resp;
  s = Send(Kind::kDelete, &call, &resp);
  if (!s.ok()) return s;
  if (dialect_->DeleteDone(resp)) return IOStatus::OK();
  const std::string op = dialect_->OpName(RestOp::kDelete);
  if (dialect_->IsFenced(resp)) return dialect_->Fenced(op, key, resp);
  return Error(op, key, resp);
}

IOStatus RestObjectStore::DeleteMany(const std::vector<std::string>& keys) {
  return dialect_->DeleteMany(this, keys);
}

IOStatus RestObjectStore::CreateBucketIfMissing(const std::string& region) {
  return dialect_->CreateBucketIfMissing(this, region);
}

IOStatus RestObjectStore::Copy(const std::string& src, const std::string& dst) {
  IOStatus s = ValidateObjectKey(src);
  if (s.ok()) s = ValidateObjectKey(dst);
  if (!s.ok()) return s;
  RestCall call = dialect_->CopyRequest(src, dst);
  HttpResponse resp;
  s = Send(Kind::kCopy, &call, &resp);
  if (!s.ok()) return s;
  if (resp.status == 404) {
    return dialect_->NotFound(dialect_->OpName(RestOp::kCopy), src, resp);
  }
  return dialect_->CopyAnswered(this, src, dst, resp);
}

IOStatus RestObjectStore::List(const std::string& prefix,
                               std::vector<ObjectMeta>* objects) {
  return ListPages(prefix, "", objects, nullptr);
}

IOStatus RestObjectStore::ListDelimited(
    const std::string& prefix, const std::string& delimiter,
    std::vector<ObjectMeta>* objects,
    std::vector<std::string>* common_prefixes) {
  return ListPages(prefix, delimiter, objects, common_prefixes);
}

IOStatus RestObjectStore::ListPages(const std::string& prefix,
                                    const std::string& delimiter,
                                    std::vector<ObjectMeta>* objects,
                                    std::vector<std::string>* common_prefixes) {
  objects->clear();
  if (common_prefixes != nullptr) common_prefixes->clear();
  // Each prefix once, in byte order, even from a server that repeats them
  // on every page (the firebase emulator does).
  std::set<std::string> rolled_up;
  const std::string what = std::string(dialect_->Provider()) + " " +
                           dialect_->OpName(RestOp::kList) + " of '" + prefix +
                           "' " + dialect_->Where();
  std::string token;
  for (int page = 0; page < kRestMaxListPages; page++) {
    RestCall call = dialect_->ListRequest(prefix, delimiter, token);
    HttpResponse resp;
    IOStatus s = Send(Kind::kList, &call, &resp);
    if (!s.ok()) return s;
    if (resp.status != 200) {
      return Error(dialect_->OpName(RestOp::kList), "'" + prefix + "'", resp);
    }
    RestListPage answer;
    s = dialect_->ParseListPage(prefix, resp, &answer);
    if (!s.ok()) return s;
    for (ObjectMeta& m : answer.objects) objects->push_back(std::move(m));
    if (common_prefixes != nullptr) {
      rolled_up.insert(answer.prefixes.begin(), answer.prefixes.end());
    }
    if (answer.next.empty()) {
      if (common_prefixes != nullptr) {
        common_prefixes->assign(rolled_up.begin(), rolled_up.end());
      }
      return IOStatus::OK();
    }
    if (answer.next == token) {
      return IOStatus::Corruption(what + " repeats its page token");
    }
    token = std::move(answer.next);
  }
  return IOStatus::IOError(what + " did not end");
}

}  // namespace ROCKSDB_NAMESPACE
