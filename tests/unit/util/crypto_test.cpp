// util/crypto's base64url against RFC 4648 test vectors, and RS256
// signatures checked by the openssl CLI (`openssl dgst -sha256 -verify`)
// with a key it generated (PKCS#8 and PKCS#1 forms); refusals of keys
// that are not RSA or not keys, without the key in the message.
#include "util/crypto.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

TEST_CASE(
    "crypto: base64url (RFC 4648 section 10 vectors, url alphabet, no "
    "padding)") {
  CHECK(Base64UrlEncode("") == "");
  CHECK(Base64UrlEncode("f") == "Zg");
  CHECK(Base64UrlEncode("fo") == "Zm8");
  CHECK(Base64UrlEncode("foo") == "Zm9v");
  CHECK(Base64UrlEncode("foob") == "Zm9vYg");
  CHECK(Base64UrlEncode("fooba") == "Zm9vYmE");
  CHECK(Base64UrlEncode("foobar") == "Zm9vYmFy");
  CHECK(Base64UrlEncode(std::string("\xfb\xff\xbf", 3)) == "-_-_");
  CHECK(Base64Encode(std::string("\xfb\xff\xbf", 3)) == "+/+/");
  // The JWT header every RS256 token starts with.
  CHECK(Base64UrlEncode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") ==
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9");
}

TEST_CASE("crypto: MD5 given piece by piece equals MD5 of the whole") {
  // RFC 1321's vector: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72.
  Md5Stream abc;
  abc.Update("a");
  abc.Update("");
  abc.Update("bc");
  CHECK(abc.FinishBase64() == "kAFQmDzST7DWlj99KOF/cg==");
  std::string big(3 << 20, '\0');
  for (size_t i = 0; i < big.size(); i++) big[i] = static_cast<char>(i * 7);
  Md5Stream pieces;
  for (size_t off = 0; off < big.size(); off += 100001) {
    pieces.Update(
        Slice(big.data() + off, std::min<size_t>(100001, big.size() - off)));
  }
  CHECK(pieces.FinishBase64() == Md5Base64(big));
}

TEST_CASE("crypto: RS256 signatures verify with the openssl CLI") {
  skyrocks_test::TempDir dir;
  std::string out;
  REQUIRE(skyrocks_test::RunCommand(
              "cd " + dir.path() +
                  " && openssl genpkey -algorithm RSA -pkeyopt "
                  "rsa_keygen_bits:2048 -out key.pem"
                  " 2>&1 && openssl pkey -in key.pem -pubout -out pub.pem 2>&1 "
                  "&& openssl rsa -in "
                  "key.pem -traditional -out rsa.pem 2>&1 && openssl genpkey "
                  "-algorithm EC "
                  "-pkeyopt ec_paramgen_curve:P-256 -out ec.pem 2>&1",
              &out) == 0);
  const std::string data = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0";
  {
    FILE* f = fopen(dir.Sub("data").c_str(), "wb");
    REQUIRE(f != nullptr);
    fwrite(data.data(), 1, data.size(), f);
    fclose(f);
  }
  for (const char* key_file : {"key.pem", "rsa.pem"}) {
    CAPTURE(key_file);
    const std::string pem = skyrocks_test::ReadWholeFile(dir.Sub(key_file));
    REQUIRE(pem.find("PRIVATE KEY") != std::string::npos);
    std::string sig;
    REQUIRE(RsaSha256Sign(pem, data, &sig).ok());
    CHECK(sig.size() == 256);
    FILE* f = fopen(dir.Sub("sig").c_str(), "wb");
    REQUIRE(f != nullptr);
    fwrite(sig.data(), 1, sig.size(), f);
    fclose(f);
    CHECK(skyrocks_test::RunCommand("openssl dgst -sha256 -verify " +
                                        dir.Sub("pub.pem") + " -signature " +
                                        dir.Sub("sig") + " " + dir.Sub("data") +
                                        " 2>&1",
                                    &out) == 0);
    // A changed byte of data no longer verifies (the check can fail).
    std::string other;
    REQUIRE(RsaSha256Sign(pem, data + "x", &other).ok());
    f = fopen(dir.Sub("sig").c_str(), "wb");
    REQUIRE(f != nullptr);
    fwrite(other.data(), 1, other.size(), f);
    fclose(f);
    CHECK(skyrocks_test::RunCommand("openssl dgst -sha256 -verify " +
                                        dir.Sub("pub.pem") + " -signature " +
                                        dir.Sub("sig") + " " + dir.Sub("data") +
                                        " 2>&1",
                                    &out) != 0);
  }
  std::string sig;
  const std::string ec = skyrocks_test::ReadWholeFile(dir.Sub("ec.pem"));
  Status s = RsaSha256Sign(ec, data, &sig);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("not an RSA key") != std::string::npos);
  const std::string junk =
      "-----BEGIN PRIVATE KEY-----\nSECRETJUNK\n-----END PRIVATE KEY-----\n";
  s = RsaSha256Sign(junk, data, &sig);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("SECRETJUNK") == std::string::npos);
  CHECK(sig.empty());
}

}  // namespace ROCKSDB_NAMESPACE
