// GCS token sources; contract in cloud/gcs_auth.h.
#include "cloud/gcs_auth.h"

#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include "cloud/json.h"
#include "cloud/sigv4.h"
#include "port/mutex.h"
#include "util/crypto.h"
#include "util/string_util.h"

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

// A token from an OAuth-style endpoint: `build` makes the request at a
// time, the answer is {"access_token", "expires_in"} (a number or, as some
// servers send it, a string). Cached until shortly before it expires.
class GcsOAuthTokenSource : public GcsTokenSource {
 public:
  GcsOAuthTokenSource(std::string who, std::string describe,
                      std::function<IOStatus(int64_t, HttpRequest*)> build,
                      std::shared_ptr<HttpTransport> transport,
                      RetryOptions retry, std::function<int64_t()> now)
      : who_(std::move(who)),
        describe_(std::move(describe)),
        build_(std::move(build)),
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
    HttpRequest req;
    IOStatus s = build_(now, &req);
    if (!s.ok()) return s;
    req.idempotent = true;  // a second token is harmless
    HttpResponse resp;
    requests_++;
    s = RetryingSend(transport_.get(), retry_, nullptr, req, &resp);
    if (!s.ok()) {
      IOStatus e = IOStatus::IOError(who_ + " failed", s.ToString());
      e.SetRetryable(s.GetRetryable());
      return e;
    }
    JsonValue doc;
    const bool parsed = JsonParse(resp.body, &doc) && doc.is_object();
    if (resp.status != 200) {
      // OAuth errors: {"error": "invalid_grant", "error_description": ...}.
      const std::string code = parsed ? doc.StringMember("error") : "";
      std::string desc = parsed ? doc.StringMember("error_description")
                                : resp.body.substr(0, 200);
      if (desc.size() > 200) desc.resize(200);
      IOStatus e = IOStatus::IOError(
          who_ + ": HTTP " + std::to_string(resp.status) +
          (code.empty() ? "" : " " + code) + (desc.empty() ? "" : ": " + desc) +
          " (check the credentials and their permissions)");
      e.SetHttpDetail(resp.status, code, "");
      e.SetRetryable(HttpStatusRetryable(resp.status, ""));
      return e;
    }
    const std::string access = parsed ? doc.StringMember("access_token") : "";
    uint64_t expires_in = 0;
    const JsonValue* exp = parsed ? doc.Find("expires_in") : nullptr;
    if (access.empty() || exp == nullptr || !exp->AsUint64(&expires_in) ||
        expires_in == 0) {
      return IOStatus::Corruption(who_ +
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

  std::string Describe() const override { return describe_; }

  uint64_t token_requests() const override {
    port::MutexLock l(&mu_);
    return requests_;
  }

 private:
  int64_t Now() const {
    return now_ ? now_() : static_cast<int64_t>(time(nullptr));
  }

  const std::string who_, describe_;
  const std::function<IOStatus(int64_t, HttpRequest*)> build_;
  const std::shared_ptr<HttpTransport> transport_;
  const RetryOptions retry_;
  const std::function<int64_t()> now_;
  mutable port::Mutex mu_;
  std::string token_ SKYROCKS_GUARDED_BY(mu_);
  int64_t refresh_at_ SKYROCKS_GUARDED_BY(mu_) = 0;
  uint64_t requests_ SKYROCKS_GUARDED_BY(mu_) = 0;
};

std::string GcsFormBody(
    const std::vector<std::pair<std::string, std::string>>& form) {
  std::string body;
  for (const auto& kv : form) {
    if (!body.empty()) body += "&";
    body += kv.first + "=" + AwsUriEncode(kv.second, false);
  }
  return body;
}

bool GcsReadSmallFile(const std::string& path, std::string* text) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  char buf[4096];
  text->clear();
  while (f.read(buf, sizeof(buf)) || f.gcount() > 0) {
    text->append(buf, static_cast<size_t>(f.gcount()));
    if (text->size() > (1u << 20)) return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<GcsTokenSource> NewGcsFixedTokenSource(std::string token) {
  return std::make_unique<GcsFixedTokenSource>(std::move(token));
}

std::unique_ptr<GcsTokenSource> NewBearerTokenSource(
    std::string who, std::string describe,
    std::function<IOStatus(int64_t, HttpRequest*)> build,
    std::shared_ptr<HttpTransport> transport, RetryOptions retry,
    std::function<int64_t()> now) {
  return std::make_unique<GcsOAuthTokenSource>(
      std::move(who), std::move(describe), std::move(build),
      std::move(transport), std::move(retry), std::move(now));
}

std::unique_ptr<GcsTokenSource> NewGcsServiceAccountTokenSource(
    GcsServiceAccount account, std::shared_ptr<HttpTransport> transport,
    RetryOptions retry, std::function<int64_t()> now) {
  const std::string who = "GCS token request for service account " +
                          account.client_email + " to " + account.token_uri;
  const std::string describe = "service account " + account.client_email;
  auto build = [account](int64_t at, HttpRequest* req) {
    std::string jwt;
    IOStatus s = GcsServiceAccountJwt(account, kGcsReadWriteScope, at, &jwt);
    if (!s.ok()) return s;
    req->method = "POST";
    req->url = account.token_uri;
    req->headers["Content-Type"] = "application/x-www-form-urlencoded";
    req->body = GcsFormBody(
        {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
         {"assertion", jwt}});
    return IOStatus::OK();
  };
  return std::make_unique<GcsOAuthTokenSource>(
      who, describe, build, std::move(transport), std::move(retry),
      std::move(now));
}

IOStatus GcsParseAuthorizedUser(const std::string& json,
                                const std::string& source,
                                GcsAuthorizedUser* user) {
  JsonValue doc;
  std::string error;
  if (!JsonParse(json, &doc, &error) || !doc.is_object() ||
      doc.StringMember("type") != "authorized_user") {
    return IOStatus::InvalidArgument(
        "GCS credentials " + source + " is not an authorized_user file", error);
  }
  user->client_id = doc.StringMember("client_id");
  user->client_secret = doc.StringMember("client_secret");
  user->refresh_token = doc.StringMember("refresh_token");
  user->token_uri = doc.StringMember("token_uri");
  if (user->token_uri.empty()) {
    user->token_uri = "https://oauth2.googleapis.com/token";
  }
  if (user->client_id.empty() || user->client_secret.empty() ||
      user->refresh_token.empty()) {
    return IOStatus::InvalidArgument(
        "GCS credentials " + source +
        " lacks client_id, client_secret or refresh_token (run `gcloud auth "
        "application-default login` again)");
  }
  return IOStatus::OK();
}

std::unique_ptr<GcsTokenSource> NewGcsAuthorizedUserTokenSource(
    GcsAuthorizedUser user, std::shared_ptr<HttpTransport> transport,
    RetryOptions retry, std::function<int64_t()> now) {
  const std::string who = "GCS refresh-token request for client " +
                          user.client_id + " to " + user.token_uri;
  const std::string describe = "the user credentials of client " +
                               user.client_id;
  auto build = [user](int64_t, HttpRequest* req) {
    req->method = "POST";
    req->url = user.token_uri;
    req->headers["Content-Type"] = "application/x-www-form-urlencoded";
    req->body = GcsFormBody({{"grant_type", "refresh_token"},
                             {"client_id", user.client_id},
                             {"client_secret", user.client_secret},
                             {"refresh_token", user.refresh_token}});
    return IOStatus::OK();
  };
  return std::make_unique<GcsOAuthTokenSource>(
      who, describe, build, std::move(transport), std::move(retry),
      std::move(now));
}

std::unique_ptr<GcsTokenSource> NewGcsMetadataTokenSource(
    const std::string& host, std::shared_ptr<HttpTransport> transport,
    RetryOptions retry, std::function<int64_t()> now) {
  const std::string url =
      (host.find("://") == std::string::npos ? "http://" + host : host) +
      "/computeMetadata/v1/instance/service-accounts/default/token";
  auto build = [url](int64_t, HttpRequest* req) {
    req->method = "GET";
    req->url = url;
    req->headers["Metadata-Flavor"] = "Google";
    return IOStatus::OK();
  };
  return std::make_unique<GcsOAuthTokenSource>(
      "GCE metadata server token request to " + url,
      "the GCE metadata server's default service account", build,
      std::move(transport), std::move(retry), std::move(now));
}

IOStatus GcsCredentialsFileTokenSource(
    const std::string& path, std::shared_ptr<HttpTransport> transport,
    RetryOptions retry, std::function<int64_t()> now,
    std::unique_ptr<GcsTokenSource>* tokens) {
  std::string text;
  if (!GcsReadSmallFile(path, &text)) {
    return IOStatus::InvalidArgument(
        "cannot read GCS credentials file (or it is larger than 1 MiB)", path);
  }
  JsonValue doc;
  const std::string type =
      JsonParse(text, &doc) && doc.is_object() ? doc.StringMember("type") : "";
  if (type == "authorized_user") {
    GcsAuthorizedUser user;
    IOStatus s = GcsParseAuthorizedUser(text, "file '" + path + "'", &user);
    if (!s.ok()) return s;
    *tokens = NewGcsAuthorizedUserTokenSource(
        std::move(user), std::move(transport), std::move(retry),
        std::move(now));
    return IOStatus::OK();
  }
  GcsServiceAccount account;
  IOStatus s = GcsParseServiceAccount(text, "file '" + path + "'", &account);
  if (!s.ok()) return s;
  *tokens = NewGcsServiceAccountTokenSource(
      std::move(account), std::move(transport), std::move(retry),
      std::move(now));
  return IOStatus::OK();
}

IOStatus NewGcsDefaultTokenSource(std::shared_ptr<HttpTransport> transport,
                                  RetryOptions retry,
                                  std::function<int64_t()> now,
                                  std::unique_ptr<GcsTokenSource>* tokens) {
  const std::string env = GetEnvString("GOOGLE_APPLICATION_CREDENTIALS");
  if (!env.empty()) {
    return GcsCredentialsFileTokenSource(env, std::move(transport),
                                         std::move(retry), std::move(now),
                                         tokens);
  }
  std::string dir = GetEnvString("CLOUDSDK_CONFIG");
  if (dir.empty()) dir = GetEnvString("HOME") + "/.config/gcloud";
  const std::string well_known = dir + "/application_default_credentials.json";
  std::string probe;
  if (GcsReadSmallFile(well_known, &probe)) {
    return GcsCredentialsFileTokenSource(well_known, std::move(transport),
                                         std::move(retry), std::move(now),
                                         tokens);
  }
  const std::string no_gce = ToLowerAscii(GetEnvString("NO_GCE_CHECK"));
  if (no_gce != "true" && no_gce != "1") {
    std::string host = GetEnvString("GCE_METADATA_HOST");
    if (host.empty()) host = "metadata.google.internal";
    *tokens = NewGcsMetadataTokenSource(host, std::move(transport),
                                        std::move(retry), std::move(now));
    return IOStatus::OK();
  }
  return IOStatus::InvalidArgument(
      "no GCS credentials (tried GOOGLE_APPLICATION_CREDENTIALS: unset; " +
      well_known +
      ": absent; the GCE metadata server: NO_GCE_CHECK is set): set "
      "GOOGLE_APPLICATION_CREDENTIALS to a service-account key, run `gcloud "
      "auth application-default login`, or run on Google Cloud with a "
      "service account");
}

}  // namespace ROCKSDB_NAMESPACE
