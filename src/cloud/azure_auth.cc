// Azure SharedKey signing, SAS tokens and connection strings; contract in
// cloud/azure_auth.h.
#include "cloud/azure_auth.h"

#include <time.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "util/crypto.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// A canonicalized header value: trimmed, runs of whitespace folded to one
// space (Azure's rule; quoted strings are not special-cased because no
// header skyrocks sends has repeated whitespace inside quotes).
std::string AzureFoldHeaderValue(const std::string& v) {
  std::string out;
  bool space = false;
  for (char c : TrimWhitespace(v)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string AzurePercentDecode(const std::string& s) {
  // REQUIRES: std::isxdigit(c).
  auto hex = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] == '%' && i + 2 < s.size() &&
        std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

void AzureReplaceAll(std::string* s, const std::string& what,
                     const std::string& with) {
  if (what.empty()) return;
  for (size_t pos = s->find(what); pos != std::string::npos;
       pos = s->find(what, pos + with.size())) {
    s->replace(pos, what.size(), with);
  }
}

}  // namespace

const char* AzureDevAccountName() { return "devstoreaccount1"; }

const char* AzureDevAccountKey() {
  return "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/"
         "K1SZFPTOtr/KBHBeksoGMGw==";
}

IOStatus ParseAzureConnectionString(const std::string& text,
                                    AzureConnectionInfo* info) {
  *info = AzureConnectionInfo();
  std::string protocol = "https", suffix = "core.windows.net";
  bool dev = false;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string part = TrimWhitespace(text.substr(start, end - start));
    start = end + 1;
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string::npos) {
      // Show only the name-like head of the part: it may be a secret.
      return IOStatus::InvalidArgument(
          "Azure connection string: a part has no '=' (starts with '" +
          part.substr(0, 3) + "...')");
    }
    const std::string name = ToLowerAscii(TrimWhitespace(part.substr(0, eq)));
    const std::string value = TrimWhitespace(part.substr(eq + 1));
    if (name == "accountname") {
      info->account = value;
    } else if (name == "accountkey") {
      info->key = value;
    } else if (name == "blobendpoint") {
      info->endpoint = value;
    } else if (name == "defaultendpointsprotocol") {
      protocol = ToLowerAscii(value);
    } else if (name == "endpointsuffix") {
      suffix = value;
    } else if (name == "sharedaccesssignature") {
      info->sas = !value.empty() && value[0] == '?' ? value.substr(1) : value;
    } else if (name == "usedevelopmentstorage") {
      dev = ToLowerAscii(value) == "true";
    }
  }
  if (dev) {
    if (info->account.empty()) info->account = AzureDevAccountName();
    if (info->key.empty() && info->sas.empty())
      info->key = AzureDevAccountKey();
    if (info->endpoint.empty())
      info->endpoint = "http://127.0.0.1:10000/" + info->account;
  }
  if (info->endpoint.empty() && !info->account.empty()) {
    info->endpoint = protocol + "://" + info->account + ".blob." + suffix;
  }
  while (!info->endpoint.empty() && info->endpoint.back() == '/')
    info->endpoint.pop_back();
  if (info->endpoint.empty()) {
    return IOStatus::InvalidArgument(
        "Azure connection string names neither AccountName nor BlobEndpoint "
        "(nor UseDevelopmentStorage=true)");
  }
  return IOStatus::OK();
}

std::string AzureCanonicalizedHeaders(
    const std::map<std::string, std::string>& headers) {
  std::map<std::string, std::string> ms;  // sorted by lowercased name
  for (const auto& kv : headers) {
    const std::string name = ToLowerAscii(kv.first);
    if (name.rfind("x-ms-", 0) == 0) ms[name] = AzureFoldHeaderValue(kv.second);
  }
  std::string out;
  for (const auto& kv : ms) out += kv.first + ":" + kv.second + "\n";
  return out;
}

std::string AzureCanonicalizedResource(
    const std::string& account, const std::string& encoded_path,
    const std::vector<std::pair<std::string, std::string>>& query) {
  std::string out = "/" + account + (encoded_path.empty() ? "/" : encoded_path);
  std::map<std::string, std::vector<std::string>> params;
  for (const auto& kv : query)
    params[ToLowerAscii(kv.first)].push_back(kv.second);
  for (auto& kv : params) {
    std::sort(kv.second.begin(), kv.second.end());
    out += "\n" + kv.first + ":";
    for (size_t i = 0; i < kv.second.size(); i++)
      out += (i ? "," : "") + kv.second[i];
  }
  return out;
}

std::string AzureSharedKeyStringToSign(const std::string& account,
                                       const AzureSignRequest& req) {
  std::map<std::string, std::string> lower;
  for (const auto& kv : req.headers) lower[ToLowerAscii(kv.first)] = kv.second;
  auto header = [&](const char* name) {
    auto it = lower.find(name);
    return it == lower.end() ? std::string() : TrimWhitespace(it->second);
  };
  std::string out = req.method + "\n";
  out += header("content-encoding") + "\n";
  out += header("content-language") + "\n";
  out += (req.content_length == 0 ? std::string()
                                  : std::to_string(req.content_length)) +
         "\n";
  out += header("content-md5") + "\n";
  out += header("content-type") + "\n";
  out += header("date") + "\n";
  out += header("if-modified-since") + "\n";
  out += header("if-match") + "\n";
  out += header("if-none-match") + "\n";
  out += header("if-unmodified-since") + "\n";
  out += header("range") + "\n";
  out += AzureCanonicalizedHeaders(req.headers);
  out += AzureCanonicalizedResource(account, req.encoded_path, req.query);
  return out;
}

void AzureSharedKeySign(const std::string& account,
                        const std::string& key_bytes, AzureSignRequest* req) {
  const std::string sts = AzureSharedKeyStringToSign(account, *req);
  req->headers["Authorization"] =
      "SharedKey " + account + ":" + Base64Encode(HmacSha256(key_bytes, sts));
}

std::string AzureAppendSas(const std::string& url, const std::string& sas) {
  if (sas.empty()) return url;
  const std::string token = sas[0] == '?' ? sas.substr(1) : sas;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + token;
}

std::string AzureRedactSas(std::string s, const std::string& sas) {
  if (sas.empty()) return s;
  const std::string token = sas[0] == '?' ? sas.substr(1) : sas;
  AzureReplaceAll(&s, token, "<redacted>");
  const size_t sig = ("&" + token).find("&sig=");
  if (sig != std::string::npos) {
    const size_t begin = sig + 4;  // in token: after "sig="
    const size_t end = token.find('&', begin);
    const std::string value = token.substr(
        begin, end == std::string::npos ? std::string::npos : end - begin);
    if (value.size() >= 8) {  // never redact trivially short strings
      AzureReplaceAll(&s, value, "<redacted>");
      AzureReplaceAll(&s, AzurePercentDecode(value), "<redacted>");
    }
  }
  return s;
}

}  // namespace ROCKSDB_NAMESPACE
