// GCS token sources; contract in cloud/gcs_auth.h.
#include "cloud/gcs_auth.h"

#include <time.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "cloud/json.h"
#include "cloud/sigv4.h"
#include "port/mutex.h"
#include "util/crypto.h"

namespace ROCKSDB_NAMESPACE {

IOStatus GcsParseServiceAccount(const std::string& json,
                                const std::string& source,
                                GcsServiceAccount* account) {
  JsonValue doc;
  std::string error;
  if (!JsonParse(json, &doc, &error) || !doc.is_object()) {
    // The parse error names an offset, never the file's text.
    return IOStatus::InvalidArgument(
        "GCS credentials " + source + " is not a JSON object",
        error.empty() ? Slice() : Slice(error));
  }
  const std::string type = doc.StringMember("type");
  if (type != "service_account") {
    return IOStatus::InvalidArgument(
        "GCS credentials " + source +
        " is not a service-account key (\"type\" is '" + type +
        "'; only \"service_account\" is supported)");
  }
  account->client_email = doc.StringMember("client_email");
  account->private_key = doc.StringMember("private_key");
  account->private_key_id = doc.StringMember("private_key_id");
  account->token_uri = doc.StringMember("token_uri");
  if (account->token_uri.empty()) {
    account->token_uri = "https://oauth2.googleapis.com/token";
  }
  if (account->client_email.empty() || account->private_key.empty()) {
    return IOStatus::InvalidArgument("GCS credentials " + source +
                                     " lacks client_email or private_key");
  }
  return IOStatus::OK();
}

IOStatus GcsReadServiceAccountFile(const std::string& path,
                                   GcsServiceAccount* account) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    return IOStatus::InvalidArgument(
        "cannot read GCS credentials file (GOOGLE_APPLICATION_CREDENTIALS)",
        path);
  }
  std::string text;
  char buf[4096];
  while (f.read(buf, sizeof(buf)) || f.gcount() > 0) {
    text.append(buf, static_cast<size_t>(f.gcount()));
    if (text.size() > (1u << 20)) {
      return IOStatus::InvalidArgument(
          "GCS credentials file is larger than 1 MiB", path);
    }
  }
  return GcsParseServiceAccount(text, "file '" + path + "'", account);
}

IOStatus GcsServiceAccountJwt(const GcsServiceAccount& account,
                              const std::string& scope, int64_t now,
                              std::string* jwt) {
  std::string header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"";
  if (!account.private_key_id.empty()) {
    header += ",\"kid\":" + JsonQuote(account.private_key_id);
  }
  header += "}";
  const std::string claims = "{\"iss\":" + JsonQuote(account.client_email) +
                             ",\"scope\":" + JsonQuote(scope) +
                             ",\"aud\":" + JsonQuote(account.token_uri) +
                             ",\"iat\":" + std::to_string(now) +
                             ",\"exp\":" + std::to_string(now + 3600) + "}";
  const std::string signing_input =
      Base64UrlEncode(header) + "." + Base64UrlEncode(claims);
  std::string signature;
  Status s = RsaSha256Sign(account.private_key, signing_input, &signature);
  if (!s.ok()) {
    return IOStatus::InvalidArgument(
        "GCS service account " + account.client_email +
        ": cannot sign the token request: " + s.ToString());
  }
  *jwt = signing_input + "." + Base64UrlEncode(signature);
  return IOStatus::OK();
}

namespace {

class GcsFixedTokenSource : public GcsTokenSource {
 public:
  explicit GcsFixedTokenSource(std::string token) : token_(std::move(token)) {}
  IOStatus Token(std::string* token) override {
    *token = token_;
    return IOStatus::OK();
  }
  std::string Describe() const override {
    return token_.empty() ? "no credentials (anonymous)"
                          : "the configured access token";
  }

 private:
  const std::string token_;
};

class GcsServiceAccountTokenSource : public GcsTokenSource {
 public:
  GcsServiceAccountTokenSource(GcsServiceAccount account,
                               std::shared_ptr<HttpTransport> transport,
                               RetryOptions retry, std::function<int64_t()> now)
      : account_(std::move(account)),
        transport_(std::move(transport)),
        retry_(std::move(retry)),
        now_(std::move(now)) {}

  // The mutex is held across the token request on purpose: callers that
  // find the token expired all need the new one, and one request serves
  // them (it happens about once an hour).
  IOStatus Token(std::string* token) override {
    port::MutexLock l(&mu_);
    const int64_t now = Now();
    if (!token_.empty() && now < refresh_at_) {
      *token = token_;
      return IOStatus::OK();
    }
    std::string jwt;
    IOStatus s = GcsServiceAccountJwt(account_, kGcsReadWriteScope, now, &jwt);
    if (!s.ok()) return s;
    HttpRequest req;
    req.method = "POST";
    req.url = account_.token_uri;
    req.headers["Content-Type"] = "application/x-www-form-urlencoded";
    req.body =
        "grant_type=" +
        AwsUriEncode("urn:ietf:params:oauth:grant-type:jwt-bearer", false) +
        "&assertion=" + AwsUriEncode(jwt, false);
    req.idempotent = true;  // a second token is harmless
    HttpResponse resp;
    requests_++;
    s = RetryingSend(transport_.get(), retry_, nullptr, req, &resp);
    const std::string who = "GCS token request for service account " +
                            account_.client_email + " to " + account_.token_uri;
    if (!s.ok()) {
      IOStatus e = IOStatus::IOError(who + " failed", s.ToString());
      e.SetRetryable(s.GetRetryable());
      return e;
    }
    JsonValue doc;
    const bool parsed = JsonParse(resp.body, &doc) && doc.is_object();
    if (resp.status != 200) {
      // OAuth errors: {"error": "invalid_grant", "error_description": ...}.
      const std::string code = parsed ? doc.StringMember("error") : "";
      std::string desc = parsed ? doc.StringMember("error_description") : "";
      if (desc.size() > 200) desc.resize(200);
      IOStatus e = IOStatus::IOError(
          who + ": HTTP " + std::to_string(resp.status) +
          (code.empty() ? "" : " " + code) + (desc.empty() ? "" : ": " + desc) +
          " (check the service account key and its permissions)");
      e.SetHttpDetail(resp.status, code, "");
      e.SetRetryable(HttpStatusRetryable(resp.status, ""));
      return e;
    }
    const std::string access = parsed ? doc.StringMember("access_token") : "";
    uint64_t expires_in = 0;
    const JsonValue* exp = parsed ? doc.Find("expires_in") : nullptr;
    if (access.empty() || exp == nullptr || !exp->AsUint64(&expires_in) ||
        expires_in == 0) {
      return IOStatus::Corruption(who +
                                  ": the answer has no access_token or "
                                  "expires_in");
    }
    // Refresh a minute early (or halfway for short-lived tokens), so a
    // request never carries a token that expires in flight.
    const int64_t life =
        static_cast<int64_t>(std::min<uint64_t>(expires_in, uint64_t{1} << 31));
    refresh_at_ = now + (life > 120 ? life - 60 : life / 2);
    token_ = access;
    *token = token_;
    return IOStatus::OK();
  }

  bool Invalidate() override {
    port::MutexLock l(&mu_);
    const bool had = !token_.empty();
    token_.clear();
    return had;
  }

  std::string Describe() const override {
    return "service account " + account_.client_email;
  }

  uint64_t token_requests() const override {
    port::MutexLock l(&mu_);
    return requests_;
  }

 private:
  int64_t Now() const {
    return now_ ? now_() : static_cast<int64_t>(time(nullptr));
  }

  const GcsServiceAccount account_;
  const std::shared_ptr<HttpTransport> transport_;
  const RetryOptions retry_;
  const std::function<int64_t()> now_;
  mutable port::Mutex mu_;
  std::string token_ SKYROCKS_GUARDED_BY(mu_);
  int64_t refresh_at_ SKYROCKS_GUARDED_BY(mu_) = 0;
  uint64_t requests_ SKYROCKS_GUARDED_BY(mu_) = 0;
};

}  // namespace

std::unique_ptr<GcsTokenSource> NewGcsFixedTokenSource(std::string token) {
  return std::make_unique<GcsFixedTokenSource>(std::move(token));
}

std::unique_ptr<GcsTokenSource> NewGcsServiceAccountTokenSource(
    GcsServiceAccount account, std::shared_ptr<HttpTransport> transport,
    RetryOptions retry, std::function<int64_t()> now) {
  return std::make_unique<GcsServiceAccountTokenSource>(
      std::move(account), std::move(transport), std::move(retry),
      std::move(now));
}

}  // namespace ROCKSDB_NAMESPACE
