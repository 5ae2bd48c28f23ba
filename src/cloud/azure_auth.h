// Azure Blob Storage authentication and configuration, as small pure
// functions (no I/O, no clock) so each phase can be checked on its own:
// connection-string parsing, the SharedKey string to sign (canonicalized
// x-ms-* headers and canonicalized resource, query parameters included),
// the Authorization header, SAS tokens appended to URLs, and RFC 1123 dates
// for x-ms-date and Last-Modified.
//
// SharedKey string to sign (x-ms-version 2015-02-21 and later):
//   VERB \n Content-Encoding \n Content-Language \n Content-Length (empty
//   when 0) \n Content-MD5 \n Content-Type \n Date \n If-Modified-Since \n
//   If-Match \n If-None-Match \n If-Unmodified-Since \n Range \n
//   CanonicalizedHeaders CanonicalizedResource
// with CanonicalizedResource = "/" account encoded-URL-path, then
// "\nname:value[,value]" per query parameter (names lowercased, sorted;
// values raw, i.e. URL-decoded, sorted). For path-style endpoints such as
// Azurite's http://127.0.0.1:10000/devstoreaccount1 the URL path starts
// with the account, so the account appears twice.
// Thread-safe (pure). Nothing here logs, and no error message contains a
// key or a SAS signature.
#ifndef SKYROCKS_CLOUD_AZURE_AUTH_H_
#define SKYROCKS_CLOUD_AZURE_AUTH_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "rocksdb/io_status.h"

namespace ROCKSDB_NAMESPACE {

// Where a blob account is and how to authenticate to it.
struct AzureConnectionInfo {
  std::string account;
  std::string key;       // base64 account key (SharedKey); may be empty
  std::string sas;       // SAS token without a leading '?'; may be empty
  std::string endpoint;  // blob endpoint without a trailing '/'
};

// Azurite's well-known development account and its key.
const char* AzureDevAccountName();
const char* AzureDevAccountKey();

// Parses "Name=value;Name=value" (names case-insensitive; values may
// contain '='; empty parts and other services' endpoints ignored):
// AccountName, AccountKey, BlobEndpoint, DefaultEndpointsProtocol (default
// https), EndpointSuffix (default core.windows.net), SharedAccessSignature,
// UseDevelopmentStorage=true (Azurite's account and key at
// http://127.0.0.1:10000/devstoreaccount1). Without BlobEndpoint the
// endpoint is PROTOCOL://ACCOUNT.blob.SUFFIX. InvalidArgument naming the
// part (never a secret value) when a part has no '=' or nothing usable is
// given.
IOStatus ParseAzureConnectionString(const std::string& text,
                                    AzureConnectionInfo* info);

// A request to sign: what the string to sign covers.
struct AzureSignRequest {
  std::string method;
  std::string encoded_path;  // URL path as sent, e.g. "/acct/c/a%20b"
  std::vector<std::pair<std::string, std::string>> query;  // raw values
  std::map<std::string, std::string> headers;              // names any case
  uint64_t content_length = 0;
};

std::string AzureCanonicalizedHeaders(
    const std::map<std::string, std::string>& headers);
std::string AzureCanonicalizedResource(
    const std::string& account, const std::string& encoded_path,
    const std::vector<std::pair<std::string, std::string>>& query);
std::string AzureSharedKeyStringToSign(const std::string& account,
                                       const AzureSignRequest& req);
// Sets headers["Authorization"] = "SharedKey ACCOUNT:base64(HMAC-SHA256(
// decoded key, string to sign))". REQUIRES: x-ms-date and x-ms-version are
// already in req->headers.
void AzureSharedKeySign(const std::string& account,
                        const std::string& key_bytes, AzureSignRequest* req);

// url with the SAS token's parameters appended ('?' or '&' as needed).
std::string AzureAppendSas(const std::string& url, const std::string& sas);
// s with every occurrence of the SAS token, and of its sig= value in raw
// and URL-encoded form, replaced by "<redacted>".
std::string AzureRedactSas(std::string s, const std::string& sas);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_AZURE_AUTH_H_
