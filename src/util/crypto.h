// Cryptographic hashes skyrocks needs for cloud requests (SHA-256 payload
// hashes, HMAC-SHA256 for SigV4 and SharedKey signing, RS256 for GCS service-
// account tokens): the only place that includes OpenSSL. Pure and thread-safe.
#ifndef SKYROCKS_UTIL_CRYPTO_H_
#define SKYROCKS_UTIL_CRYPTO_H_

#include <string>

#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

// Lowercase hex of bytes.
std::string HexLower(const Slice& bytes);
// SHA-256 of data, as lowercase hex.
std::string Sha256Hex(const Slice& data);
// HMAC-SHA256 of data under key, raw 32 bytes.
std::string HmacSha256(const Slice& key, const Slice& data);
// Base64 (standard alphabet, padded) of bytes.
std::string Base64Encode(const Slice& bytes);
// Decodes standard padded base64 (whitespace not allowed) into *out;
// false, with *out cleared, on anything else.
bool Base64Decode(const Slice& text, std::string* out);
// MD5 of data, base64 (the Content-MD5 header's form).
std::string Md5Base64(const Slice& data);
// MD5 of data, lowercase hex (S3's ETag of a single-part object).
std::string Md5Hex(const Slice& data);
// MD5 of data given piece by piece (an upload streamed from a file).
// Not thread-safe; one object per digest.
class Md5Stream {
 public:
  Md5Stream();
  ~Md5Stream();
  Md5Stream(const Md5Stream&) = delete;
  Md5Stream& operator=(const Md5Stream&) = delete;
  void Update(const Slice& data);
  // The digest, base64; the object is spent after this.
  std::string FinishBase64();

 private:
  void* ctx_;  // an EVP_MD_CTX
};
// Base64url (RFC 4648 section 5: '-' and '_', no padding), as JWTs use.
std::string Base64UrlEncode(const Slice& bytes);
// RS256: an RSASSA-PKCS1-v1_5 signature with SHA-256 of data under the RSA
// private key in pem_private_key (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1
// "BEGIN RSA PRIVATE KEY"), raw bytes into *signature. InvalidArgument if
// the key cannot be read or is not RSA; the message never contains the
// key.
Status RsaSha256Sign(const Slice& pem_private_key, const Slice& data,
                     std::string* signature);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_CRYPTO_H_
