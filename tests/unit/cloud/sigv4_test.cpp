// cloud/sigv4 against botocore (Debian's python3-botocore, run as a
// separate process by tests/oracle/sigv4_oracle.py): canonical request,
// string to sign and Authorization header for GETs with queries and ranges,
// PUTs with hashed bodies, odd key names, session tokens, unsigned
// payloads, conditional headers, path-style and virtual-hosted addressing.
// Plus the published AWS example signing key.
#include "cloud/sigv4.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "support/filter_oracle.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

struct SigCase {
  std::string name, method, scheme, host, encoded_path;
  std::vector<std::pair<std::string, std::string>> query;
  std::map<std::string, std::string> headers;
  std::string body;
  std::string token;
  bool unsigned_payload = false;
};

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// The value of "field" in a flat JSON object botocore printed.
std::string JsonField(const std::string& json, const std::string& field) {
  const std::string key = "\"" + field + "\": \"";
  size_t pos = json.find(key);
  if (pos == std::string::npos) return "<missing>";
  pos += key.size();
  std::string out;
  for (; pos < json.size() && json[pos] != '"'; pos++) {
    if (json[pos] == '\\' && pos + 1 < json.size()) {
      pos++;
      out.push_back(json[pos] == 'n' ? '\n' : json[pos]);
    } else {
      out.push_back(json[pos]);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("sigv4: the AWS documentation's signing key") {
  // docs.aws.amazon.com, "Examples of how to derive a signing key".
  CHECK(HexLower(SigV4SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                 "20120215", "us-east-1", "iam")) ==
        "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  CHECK(Sha256Hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(AwsTimestamp(1369353600) == "20130524T000000Z");
  CHECK(AwsUriEncode("a b/c+d=e%f~g", true) == "a%20b/c%2Bd%3De%25f~g");
  CHECK(AwsUriEncode("a/b", false) == "a%2Fb");
}

TEST_CASE("sigv4: matches botocore on S3 requests") {
  const std::vector<SigCase> cases = {
      {"get object, path style", "GET", "http", "127.0.0.1:4568", "/bucket/db/000012.sst",
       {}, {{"Range", "bytes=0-4095"}}, "", "", false},
      {"list with query", "GET", "http", "127.0.0.1:4568", "/bucket",
       {{"list-type", "2"}, {"prefix", "db/a b"}, {"continuation-token", "x+y/z="}},
       {}, "", "", false},
      {"put with body and odd key", "PUT", "http", "127.0.0.1:4568",
       "/bucket/" + AwsUriEncode("names/a b+c=d%e~f\xc3\xbc", true), {},
       {{"Content-Type", "application/octet-stream"}}, "hello object store", "", false},
      {"conditional create with session token", "PUT", "https",
       "mybucket.s3.eu-west-1.amazonaws.com", "/CLOUDMANIFEST", {},
       {{"If-None-Match", "*"}, {"Content-Length", "3"}}, "abc", "TOKEN/with+chars=", false},
      {"unsigned payload over https", "PUT", "https", "s3.us-east-1.amazonaws.com",
       "/bucket/big.sst", {{"partNumber", "3"}, {"uploadId", "abc~def"}}, {}, "part data",
       "", true},
      {"delete, virtual host, spaces in header", "DELETE", "https",
       "bucket.s3.amazonaws.com", "/k", {}, {{"X-Amz-Meta-Note", "  two   spaces  "}}, "", "",
       false},
  };
  const AwsCredentials creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  const int64_t now = 1764072000;  // 2025-11-25T12:00:00Z
  skyrocks_test::TempDir dir;
  for (const SigCase& c : cases) {
    CAPTURE(c.name);
    AwsCredentials cr = creds;
    cr.session_token = c.token;
    const std::string region = c.host.find("eu-west-1") != std::string::npos ? "eu-west-1" : "us-east-1";
    SigV4Request req;
    req.method = c.method;
    req.encoded_path = c.encoded_path;
    req.query = c.query;
    req.headers = c.headers;
    req.headers["host"] = c.host;
    req.payload_sha256 = c.unsigned_payload ? "UNSIGNED-PAYLOAD" : Sha256Hex(c.body);
    SigV4Sign(cr, region, "s3", now, &req);

    // The same request for botocore.
    std::string url = c.scheme + "://" + c.host + c.encoded_path;
    std::string q;
    for (const auto& kv : c.query) {
      q += (q.empty() ? "?" : "&") + AwsUriEncode(kv.first, false) + "=" +
           AwsUriEncode(kv.second, false);
    }
    std::string headers;
    for (const auto& kv : c.headers) {
      headers += (headers.empty() ? "" : ", ") + std::string("\"") + JsonEscape(kv.first) +
                 "\": \"" + JsonEscape(kv.second) + "\"";
    }
    const std::string json =
        "{\"method\": \"" + c.method + "\", \"url\": \"" + JsonEscape(url + q) +
        "\", \"headers\": {" + headers + "}, \"body_hex\": \"" + skyrocks_test::ToHex(c.body) +
        "\", \"access_key\": \"" + cr.access_key_id + "\", \"secret_key\": \"" +
        JsonEscape(cr.secret_access_key) + "\", \"token\": \"" + JsonEscape(cr.session_token) +
        "\", \"region\": \"" + region + "\", \"timestamp\": \"" + AwsTimestamp(now) +
        "\", \"unsigned_payload\": " + (c.unsigned_payload ? "true" : "false") + "}";
    {
      std::ofstream f(dir.Sub("req.json"));
      f << json;
    }
    std::string out;
    const int rc = skyrocks_test::RunCommand(
        "/usr/bin/python3 " + skyrocks_test::SourceDir() + "/tests/oracle/sigv4_oracle.py < " +
            dir.Sub("req.json"),
        &out);
    REQUIRE_MESSAGE(rc == 0, out);
    CHECK(SigV4CanonicalRequest(req) == JsonField(out, "canonical"));
    CHECK(req.headers["authorization"] == JsonField(out, "authorization"));
  }
}

}  // namespace ROCKSDB_NAMESPACE
