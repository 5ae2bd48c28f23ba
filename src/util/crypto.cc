// Hashes over OpenSSL's libcrypto; contract in util/crypto.h.
#include "util/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace ROCKSDB_NAMESPACE {

std::string HexLower(const Slice& bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (size_t i = 0; i < bytes.size(); i++) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string Sha256Hex(const Slice& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return HexLower(Slice(reinterpret_cast<const char*>(md), len));
}

std::string HmacSha256(const Slice& key, const Slice& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), md,
       &len);
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string Base64Encode(const Slice& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[0]),
                      reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Base64Decode(const Slice& text, std::string* out) {
  out->clear();
  if (text.size() % 4 != 0) return false;
  size_t pad = 0;
  for (size_t i = 0; i < text.size(); i++) {
    const char c = text[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                       (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (c == '=') {
      pad++;
    } else if (!alnum || pad > 0) {
      return false;  // a bad character, or data after padding
    }
  }
  if (pad > 2) return false;
  std::string buf(text.size() / 4 * 3, '\0');
  const int n =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(&buf[0]),
                      reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  if (n < 0) return false;
  buf.resize(static_cast<size_t>(n) - pad);  // DecodeBlock keeps pad zeros
  *out = std::move(buf);
  return true;
}

std::string Md5Hex(const Slice& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_md5(), nullptr);
  return HexLower(Slice(reinterpret_cast<const char*>(md), len));
}

std::string Md5Base64(const Slice& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_md5(), nullptr);
  return Base64Encode(Slice(reinterpret_cast<const char*>(md), len));
}

}  // namespace ROCKSDB_NAMESPACE
