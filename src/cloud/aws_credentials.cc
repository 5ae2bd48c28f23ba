// AWS credential sources; contract in cloud/aws_credentials.h.
#include "cloud/aws_credentials.h"

#include <stdio.h>
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <vector>

#include "cloud/http_time.h"
#include "cloud/json.h"
#include "cloud/xml.h"
#include "port/mutex.h"
#include "util/crypto.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// The keys of one [section] of an INI-style AWS file; false when the file
// or the section is absent.
bool AwsIniSection(const std::string& path, const std::string& section,
                   std::map<std::string, std::string>* out) {
  std::ifstream f(path);
  if (!f) return false;
  std::string line, current;
  bool found = false;
  while (std::getline(f, line)) {
    line = TrimWhitespace(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      current = TrimWhitespace(line.substr(1, line.find(']') - 1));
      found = found || current == section;
      continue;
    }
    const size_t eq = line.find('=');
    if (current != section || eq == std::string::npos) continue;
    (*out)[TrimWhitespace(line.substr(0, eq))] =
        TrimWhitespace(line.substr(eq + 1));
  }
  return found;
}

// Reads a small file whole (tokens); false if unreadable.
bool AwsReadSmallFile(const std::string& path, std::string* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out->clear();
  char buf[4096];
  while (f.read(buf, sizeof(buf)) || f.gcount() > 0) {
    out->append(buf, static_cast<size_t>(f.gcount()));
    if (out->size() > (1u << 20)) return false;
  }
  return true;
}

// What every fetch needs.
struct AwsCredContext {
  std::shared_ptr<HttpTransport> transport;
  RetryOptions retry;
  std::function<int64_t()> now;
  std::function<IOStatus(const std::string&, std::string*)> run_process;
  std::string region;
  std::string sts_endpoint;
  int64_t Now() const {
    return now ? now() : static_cast<int64_t>(time(nullptr));
  }
};

// Fetches credentials and their expiration (0: never).
using AwsFetch = std::function<IOStatus(AwsCredentials*, int64_t*)>;

class AwsRefreshingProvider : public AwsCredentialsProvider {
 public:
  AwsRefreshingProvider(std::string what, AwsFetch fetch,
                        std::function<int64_t()> now)
      : what_(std::move(what)),
        fetch_(std::move(fetch)),
        now_(std::move(now)) {}

  IOStatus Get(AwsCredentials* creds) override {
    port::MutexLock l(&mu_);
    const int64_t now = now_ ? now_() : static_cast<int64_t>(time(nullptr));
    if (have_ && (expiration_ == 0 || now < refresh_at_)) {
      *creds = creds_;
      return IOStatus::OK();
    }
    AwsCredentials fresh;
    int64_t expiration = 0;
    fetches_++;
    IOStatus s = fetch_(&fresh, &expiration);
    if (!s.ok()) {
      if (have_ && now < expiration_) {
        // Still valid: use them, and try again in 30 s rather than on
        // every request (each try may wait for the endpoint's timeouts).
        refresh_at_ = std::min(now + 30, expiration_);
        *creds = creds_;
        return IOStatus::OK();
      }
      return s;
    }
    const int64_t life = expiration == 0 ? 0 : expiration - now;
    refresh_at_ =
        life > 600 ? expiration - 300 : now + std::max<int64_t>(life / 2, 0);
    creds_ = fresh;
    expiration_ = expiration;
    have_ = true;
    *creds = creds_;
    return IOStatus::OK();
  }
  std::string Describe() const override { return what_; }
  uint64_t fetches() const override {
    port::MutexLock l(&mu_);
    return fetches_;
  }

 private:
  const std::string what_;
  const AwsFetch fetch_;
  const std::function<int64_t()> now_;
  mutable port::Mutex mu_;
  bool have_ SKYROCKS_GUARDED_BY(mu_) = false;
  AwsCredentials creds_ SKYROCKS_GUARDED_BY(mu_);
  int64_t expiration_ SKYROCKS_GUARDED_BY(mu_) = 0;
  int64_t refresh_at_ SKYROCKS_GUARDED_BY(mu_) = 0;
  uint64_t fetches_ SKYROCKS_GUARDED_BY(mu_) = 0;
};

// Sends one credential request; a non-200 answer is an IOError naming
// `who` with the status and the first 200 bytes of the answer (credential
// endpoints put no secrets in their errors).
IOStatus AwsCredSend(const AwsCredContext& ctx, const std::string& who,
                     const std::function<void(HttpRequest*)>& sign,
                     HttpRequest req, HttpResponse* resp) {
  IOStatus s =
      RetryingSend(ctx.transport.get(), ctx.retry, sign, std::move(req), resp);
  if (!s.ok()) {
    IOStatus e = IOStatus::IOError(who + " failed", s.ToString());
    e.SetRetryable(s.GetRetryable());
    return e;
  }
  if (resp->status != 200) {
    std::string detail = XmlFirstText(resp->body, "Message");
    if (detail.empty()) detail = resp->body.substr(0, 200);
    IOStatus e = IOStatus::IOError(
        who + ": HTTP " + std::to_string(resp->status) + ": " + detail);
    e.SetHttpDetail(resp->status, XmlFirstText(resp->body, "Code"), "");
    e.SetRetryable(HttpStatusRetryable(resp->status, ""));
    return e;
  }
  return IOStatus::OK();
}

std::string AwsStsEndpoint(const AwsCredContext& ctx) {
  std::string e = ctx.sts_endpoint;
  if (e.empty()) e = GetEnvString("AWS_ENDPOINT_URL_STS");
  if (e.empty()) e = GetEnvString("AWS_ENDPOINT_URL");
  if (e.empty()) e = "https://sts." + ctx.region + ".amazonaws.com";
  while (!e.empty() && e.back() == '/') e.pop_back();
  return e;
}

std::string AwsFormBody(
    const std::vector<std::pair<std::string, std::string>>& form) {
  std::string body;
  for (const auto& kv : form) {
    if (!body.empty()) body += "&";
    body +=
        AwsUriEncode(kv.first, false) + "=" + AwsUriEncode(kv.second, false);
  }
  return body;
}

// STS AssumeRole signed with `source`'s credentials, or (source null)
// AssumeRoleWithWebIdentity with the token read from token_file.
AwsFetch AwsStsFetch(AwsCredContext ctx,
                     std::shared_ptr<AwsCredentialsProvider> source,
                     std::string role_arn, std::string session,
                     std::string external_id, std::string token_file) {
  return [=](AwsCredentials* creds, int64_t* expiration) -> IOStatus {
    const std::string endpoint = AwsStsEndpoint(ctx);
    const std::string action =
        source ? "AssumeRole" : "AssumeRoleWithWebIdentity";
    const std::string who =
        "STS " + action + " of " + role_arn + " at " + endpoint;
    std::vector<std::pair<std::string, std::string>> form = {
        {"Action", action},
        {"Version", "2011-06-15"},
        {"RoleArn", role_arn},
        {"RoleSessionName", session}};
    if (!external_id.empty()) form.emplace_back("ExternalId", external_id);
    AwsCredentials signer;
    if (source) {
      IOStatus s = source->Get(&signer);
      if (!s.ok()) {
        return IOStatus::IOError(who + ": the source credentials (" +
                                     source->Describe() + ") failed",
                                 s.ToString());
      }
    } else {
      std::string token;
      if (!AwsReadSmallFile(token_file, &token) ||
          TrimWhitespace(token).empty()) {
        return IOStatus::InvalidArgument(
            who + ": cannot read the web identity token file", token_file);
      }
      form.emplace_back("WebIdentityToken", TrimWhitespace(token));
    }
    HttpRequest req;
    req.method = "POST";
    req.url = endpoint + "/";
    const size_t scheme = endpoint.find("://");
    const std::string host =
        scheme == std::string::npos ? endpoint : endpoint.substr(scheme + 3);
    req.headers["host"] = host;
    req.headers["content-type"] =
        "application/x-www-form-urlencoded; charset=utf-8";
    req.body = AwsFormBody(form);
    std::function<void(HttpRequest*)> sign;
    if (source) {
      const std::string region = ctx.region;
      const auto now = ctx.now;
      sign = [signer, region, now](HttpRequest* r) {
        SigV4Request sr;
        sr.method = r->method;
        sr.encoded_path = "/";
        sr.headers = r->headers;
        sr.payload_sha256 = Sha256Hex(r->body);
        SigV4Sign(signer, region, "sts",
                  now ? now() : static_cast<int64_t>(time(nullptr)), &sr);
        r->headers = sr.headers;
      };
    }
    HttpResponse resp;
    IOStatus s = AwsCredSend(ctx, who, sign, std::move(req), &resp);
    if (!s.ok()) return s;
    return AwsParseStsCredentials(resp.body, who, creds, expiration);
  };
}

// GET url (header name/value when set) answering JSON credentials.
AwsFetch AwsContainerFetch(AwsCredContext ctx, std::string url,
                           std::string token, std::string token_file) {
  return [=](AwsCredentials* creds, int64_t* expiration) -> IOStatus {
    const std::string who = "ECS/EKS container credentials from " + url;
    HttpRequest req;
    req.method = "GET";
    req.url = url;
    std::string auth = token;
    if (!token_file.empty()) {
      if (!AwsReadSmallFile(token_file, &auth)) {
        return IOStatus::InvalidArgument(
            who + ": cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            token_file);
      }
      auth = TrimWhitespace(auth);
    }
    if (!auth.empty()) req.headers["Authorization"] = auth;
    HttpResponse resp;
    IOStatus s = AwsCredSend(ctx, who, nullptr, std::move(req), &resp);
    if (!s.ok()) return s;
    return AwsParseJsonCredentials(resp.body, who, creds, expiration);
  };
}

// IMDSv2: a session token, the role's name, the role's credentials.
AwsFetch AwsImdsFetch(AwsCredContext ctx, std::string endpoint) {
  return [=](AwsCredentials* creds, int64_t* expiration) -> IOStatus {
    const std::string who = "EC2 instance metadata (IMDSv2) at " + endpoint;
    HttpRequest put;
    put.method = "PUT";
    put.url = endpoint + "/latest/api/token";
    put.headers["X-aws-ec2-metadata-token-ttl-seconds"] = "21600";
    HttpResponse token;
    IOStatus s = AwsCredSend(ctx, who + " (token)", nullptr, put, &token);
    if (!s.ok()) return s;
    const std::string prefix =
        endpoint + "/latest/meta-data/iam/security-credentials/";
    HttpRequest get;
    get.method = "GET";
    get.url = prefix;
    get.headers["X-aws-ec2-metadata-token"] = TrimWhitespace(token.body);
    HttpResponse roles;
    s = AwsCredSend(ctx, who + " (role)", nullptr, get, &roles);
    if (!s.ok()) return s;
    std::string role = TrimWhitespace(roles.body);
    role = role.substr(0, role.find('\n'));
    if (role.empty()) {
      return IOStatus::InvalidArgument(
          who + ": the instance has no IAM role (attach an instance profile)");
    }
    get.url = prefix + AwsUriEncode(role, false);
    HttpResponse answer;
    s = AwsCredSend(ctx, who + " (role " + role + ")", nullptr, get, &answer);
    if (!s.ok()) return s;
    return AwsParseJsonCredentials(answer.body, who + " role " + role, creds,
                                   expiration);
  };
}

AwsFetch AwsProcessFetch(AwsCredContext ctx, std::string command,
                         std::string profile) {
  return [=](AwsCredentials* creds, int64_t* expiration) -> IOStatus {
    const std::string who = "credential_process of profile '" + profile + "'";
    std::string out;
    IOStatus s = ctx.run_process(command, &out);
    if (!s.ok()) return IOStatus::IOError(who + " failed", s.ToString());
    return AwsParseJsonCredentials(out, who, creds, expiration);
  };
}

IOStatus AwsRunProcess(const std::string& command, std::string* out) {
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return IOStatus::IOError("cannot start", command);
  out->clear();
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) {
    if (out->size() < (1u << 20)) out->append(buf, n);
  }
  const int rc = pclose(p);
  if (rc != 0) {
    return IOStatus::IOError("command '" + command + "' exited with status " +
                             std::to_string(rc));
  }
  return IOStatus::OK();
}

struct AwsProfileFiles {
  std::string credentials, config;
};

// The provider a named profile configures (null with *tried set when it
// configures none). depth bounds source_profile chains.
IOStatus AwsProfileProvider(const AwsCredContext& ctx,
                            const AwsProfileFiles& files,
                            const std::string& name, int depth,
                            std::shared_ptr<AwsCredentialsProvider>* out,
                            std::string* tried) {
  std::map<std::string, std::string> creds, config;
  AwsIniSection(files.credentials, name, &creds);
  AwsIniSection(files.config, name == "default" ? name : "profile " + name,
                &config);
  auto statics = [&](const std::map<std::string, std::string>& m,
                     const std::string& file) -> bool {
    auto id = m.find("aws_access_key_id");
    if (id == m.end() || id->second.empty()) return false;
    AwsCredentials c;
    c.access_key_id = id->second;
    auto it = m.find("aws_secret_access_key");
    if (it != m.end()) c.secret_access_key = it->second;
    it = m.find("aws_session_token");
    if (it != m.end()) c.session_token = it->second;
    *out = std::make_shared<AwsRefreshingProvider>(
        "profile '" + name + "' keys in " + file,
        [c](AwsCredentials* r, int64_t* e) {
          *r = c;
          *e = 0;
          return IOStatus::OK();
        },
        ctx.now);
    return true;
  };
  auto value = [&](const char* key) {
    auto it = config.find(key);
    return it == config.end() ? std::string() : it->second;
  };
  if (depth > 5) {
    return IOStatus::InvalidArgument("AWS profile '" + name +
                                     "': source_profile chain deeper than 5");
  }
  const std::string role = value("role_arn");
  if (!role.empty()) {
    std::string session = value("role_session_name");
    if (session.empty()) session = "skyrocks-" + std::to_string(ctx.Now());
    const std::string source = value("source_profile");
    const std::string token_file = value("web_identity_token_file");
    std::shared_ptr<AwsCredentialsProvider> src;
    if (source == name) {  // the profile's own keys sign the AssumeRole
      if (statics(creds, files.credentials) || statics(config, files.config))
        src = *out;
    } else if (!source.empty()) {
      std::string src_tried;
      IOStatus s =
          AwsProfileProvider(ctx, files, source, depth + 1, &src, &src_tried);
      if (!s.ok()) return s;
    }
    if (!source.empty() && !src) {
      return IOStatus::InvalidArgument("AWS profile '" + name +
                                       "': source_profile '" + source +
                                       "' has no credentials");
    }
    if (source.empty() && token_file.empty()) {
      return IOStatus::InvalidArgument(
          "AWS profile '" + name + "' in " + files.config +
          " has role_arn but neither source_profile nor "
          "web_identity_token_file (credential_source is not supported)");
    }
    *out = std::make_shared<AwsRefreshingProvider>(
        "profile '" + name + "' role " + role,
        AwsStsFetch(ctx, src, role, session, value("external_id"), token_file),
        ctx.now);
    return IOStatus::OK();
  }
  if (statics(creds, files.credentials)) return IOStatus::OK();
  const std::string process = value("credential_process");
  if (!process.empty()) {
    *out = std::make_shared<AwsRefreshingProvider>(
        "profile '" + name + "' credential_process",
        AwsProcessFetch(ctx, process, name), ctx.now);
    return IOStatus::OK();
  }
  if (statics(config, files.config)) return IOStatus::OK();
  *tried = "profile '" + name + "' in " + files.credentials + " and " +
           files.config + ": none";
  out->reset();
  return IOStatus::OK();
}

// Shares a provider (profiles' sources) under the unique_ptr interface.
class AwsSharedProvider : public AwsCredentialsProvider {
 public:
  explicit AwsSharedProvider(std::shared_ptr<AwsCredentialsProvider> p)
      : p_(std::move(p)) {}
  IOStatus Get(AwsCredentials* c) override { return p_->Get(c); }
  std::string Describe() const override { return p_->Describe(); }
  uint64_t fetches() const override { return p_->fetches(); }

 private:
  std::shared_ptr<AwsCredentialsProvider> p_;
};

std::string AwsCredentialsHelp() {
  return ": set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile in "
         "~/.aws/credentials or ~/.aws/config (keys, role_arn + "
         "source_profile, credential_process), AWS_WEB_IDENTITY_TOKEN_FILE + "
         "AWS_ROLE_ARN, or run with a task or instance role";
}

bool AwsEnvTrue(const char* name) {
  const std::string v = ToLowerAscii(GetEnvString(name));
  return v == "true" || v == "1";
}

}  // namespace

std::string AwsConfigValue(const std::string& path, const std::string& section,
                           const std::string& name) {
  std::map<std::string, std::string> m;
  AwsIniSection(path, section, &m);
  auto it = m.find(name);
  return it == m.end() ? std::string() : it->second;
}

IOStatus AwsParseJsonCredentials(const std::string& json,
                                 const std::string& source,
                                 AwsCredentials* creds, int64_t* expiration) {
  JsonValue doc;
  std::string error;
  if (!JsonParse(json, &doc, &error) || !doc.is_object()) {
    return IOStatus::InvalidArgument(
        source + ": the credentials are not a JSON object", error);
  }
  AwsCredentials c;
  c.access_key_id = doc.StringMember("AccessKeyId");
  c.secret_access_key = doc.StringMember("SecretAccessKey");
  c.session_token = doc.StringMember("SessionToken");
  if (c.session_token.empty()) c.session_token = doc.StringMember("Token");
  if (c.access_key_id.empty() || c.secret_access_key.empty()) {
    return IOStatus::InvalidArgument(
        source + ": the credentials lack AccessKeyId or SecretAccessKey");
  }
  const std::string exp = doc.StringMember("Expiration");
  int64_t e = 0;
  if (!exp.empty()) {
    const uint64_t micros = ParseRfc3339Micros(exp);
    if (micros == 0) {
      return IOStatus::InvalidArgument(
          source + ": Expiration is not an RFC 3339 UTC time", exp);
    }
    e = static_cast<int64_t>(micros / 1000000);
  }
  *creds = c;
  *expiration = e;
  return IOStatus::OK();
}

IOStatus AwsParseStsCredentials(const std::string& xml,
                                const std::string& source,
                                AwsCredentials* creds, int64_t* expiration) {
  const auto records = XmlRecords(xml, "Credentials");
  if (records.empty()) {
    return IOStatus::InvalidArgument(source +
                                     ": the answer has no <Credentials>");
  }
  const auto& r = records[0];
  auto get = [&](const char* k) {
    auto it = r.find(k);
    return it == r.end() ? std::string() : it->second;
  };
  AwsCredentials c;
  c.access_key_id = get("AccessKeyId");
  c.secret_access_key = get("SecretAccessKey");
  c.session_token = get("SessionToken");
  const uint64_t micros = ParseRfc3339Micros(get("Expiration"));
  if (c.access_key_id.empty() || c.secret_access_key.empty() ||
      c.session_token.empty() || micros == 0) {
    return IOStatus::InvalidArgument(
        source +
        ": <Credentials> lacks AccessKeyId, SecretAccessKey, SessionToken "
        "or an RFC 3339 Expiration");
  }
  *creds = c;
  *expiration = static_cast<int64_t>(micros / 1000000);
  return IOStatus::OK();
}

IOStatus NewAwsCredentialsProvider(
    const AwsCredentialsOptions& options,
    std::unique_ptr<AwsCredentialsProvider>* provider) {
  using Mode = AwsCredentialsOptions::Mode;
  AwsCredContext ctx;
  ctx.transport = options.transport;
  if (!ctx.transport) {
    HttpTimeouts t;
    t.connect_ms = 1000;
    t.total_ms = 5000;
    ctx.transport = NewCurlTransport(t);
  }
  ctx.retry = options.retry;
  ctx.retry.max_attempts = std::min(ctx.retry.max_attempts, 3);
  ctx.now = options.now;
  ctx.run_process = options.run_process ? options.run_process : AwsRunProcess;
  ctx.region = options.region.empty() ? "us-east-1" : options.region;
  ctx.sts_endpoint = options.sts_endpoint;
  auto fixed = [&](const std::string& what, const AwsCredentials& c) {
    *provider = std::make_unique<AwsRefreshingProvider>(
        what,
        [c](AwsCredentials* r, int64_t* e) {
          *r = c;
          *e = 0;
          return IOStatus::OK();
        },
        ctx.now);
    return IOStatus::OK();
  };
  if (options.mode == Mode::kAnonymous) {
    return fixed("anonymous (unsigned requests)", AwsCredentials());
  }
  std::vector<std::string> tried;
  if (!options.static_credentials.access_key_id.empty()) {
    return fixed("the configured access key", options.static_credentials);
  }
  tried.push_back("the options' keys: none");
  if (options.mode == Mode::kChain) {
    AwsCredentials env;
    env.access_key_id = GetEnvString("AWS_ACCESS_KEY_ID");
    env.secret_access_key = GetEnvString("AWS_SECRET_ACCESS_KEY");
    env.session_token = GetEnvString("AWS_SESSION_TOKEN");
    if (!env.access_key_id.empty()) {
      if (env.secret_access_key.empty()) {
        return IOStatus::InvalidArgument(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
      }
      return fixed("AWS_ACCESS_KEY_ID from the environment", env);
    }
    tried.push_back("AWS_ACCESS_KEY_ID: unset");
    const std::string token_file = GetEnvString("AWS_WEB_IDENTITY_TOKEN_FILE");
    const std::string role = GetEnvString("AWS_ROLE_ARN");
    if (!token_file.empty() && !role.empty()) {
      std::string session = GetEnvString("AWS_ROLE_SESSION_NAME");
      if (session.empty()) session = "skyrocks-" + std::to_string(ctx.Now());
      *provider = std::make_unique<AwsRefreshingProvider>(
          "web identity " + token_file + " for " + role,
          AwsStsFetch(ctx, nullptr, role, session, "", token_file), ctx.now);
      return IOStatus::OK();
    }
    tried.push_back("AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN: unset");
  }
  if (options.mode == Mode::kChain || options.mode == Mode::kProfile) {
    AwsProfileFiles files;
    const std::string home = GetEnvString("HOME");
    files.credentials = options.credentials_file;
    if (files.credentials.empty())
      files.credentials = GetEnvString("AWS_SHARED_CREDENTIALS_FILE");
    if (files.credentials.empty())
      files.credentials = home + "/.aws/credentials";
    files.config = GetEnvString("AWS_CONFIG_FILE");
    if (files.config.empty()) files.config = home + "/.aws/config";
    std::string profile = options.profile;
    if (profile.empty()) profile = GetEnvString("AWS_PROFILE");
    if (profile.empty()) profile = "default";
    std::shared_ptr<AwsCredentialsProvider> p;
    std::string why;
    IOStatus s = AwsProfileProvider(ctx, files, profile, 0, &p, &why);
    if (!s.ok()) return s;
    if (p) {
      *provider = std::make_unique<AwsSharedProvider>(std::move(p));
      return IOStatus::OK();
    }
    tried.push_back(why);
  }
  if (options.mode == Mode::kChain || options.mode == Mode::kInstance) {
    const std::string rel =
        GetEnvString("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    const std::string full = GetEnvString("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    if (!rel.empty() || !full.empty()) {
      const std::string url =
          !rel.empty() ? "http://169.254.170.2" + rel : full;
      *provider = std::make_unique<AwsRefreshingProvider>(
          "container credentials " + url,
          AwsContainerFetch(
              ctx, url, GetEnvString("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
              GetEnvString("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")),
          ctx.now);
      return IOStatus::OK();
    }
    tried.push_back("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI: unset");
    if (!AwsEnvTrue("AWS_EC2_METADATA_DISABLED")) {
      std::string endpoint = GetEnvString("AWS_EC2_METADATA_SERVICE_ENDPOINT");
      if (endpoint.empty()) endpoint = "http://169.254.169.254";
      while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
      // The last resort: its failure names everything tried.
      std::string list;
      for (const auto& t : tried) list += t + "; ";
      AwsFetch imds = AwsImdsFetch(ctx, endpoint);
      AwsFetch fetch = [imds, list](AwsCredentials* c, int64_t* e) {
        IOStatus s = imds(c, e);
        if (s.ok()) return s;
        IOStatus m = IOStatus::InvalidArgument("no AWS credentials (tried " +
                                               list + s.ToString() + ")" +
                                               AwsCredentialsHelp());
        m.SetRetryable(s.GetRetryable());
        return m;
      };
      *provider = std::make_unique<AwsRefreshingProvider>(
          "EC2 instance metadata " + endpoint, fetch, ctx.now);
      return IOStatus::OK();
    }
    tried.push_back("EC2 instance metadata: AWS_EC2_METADATA_DISABLED");
  }
  std::string list;
  for (const auto& t : tried) list += (list.empty() ? "" : "; ") + t;
  return IOStatus::InvalidArgument("no AWS credentials (tried " + list + ")" +
                                   AwsCredentialsHelp());
}

}  // namespace ROCKSDB_NAMESPACE
