// Hashes over OpenSSL's libcrypto; contract in util/crypto.h.
#include "util/crypto.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

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

Md5Stream::Md5Stream() : ctx_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_md5(), nullptr);
}

Md5Stream::~Md5Stream() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

void Md5Stream::Update(const Slice& data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}

std::string Md5Stream::FinishBase64() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), md, &len);
  return Base64Encode(Slice(reinterpret_cast<const char*>(md), len));
}

std::string Base64UrlEncode(const Slice& bytes) {
  std::string out = Base64Encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

// An encrypted key is refused instead of OpenSSL prompting on a terminal.
static int CryptoRefusePemPassphrase(char*, int, int, void*) { return 0; }

Status RsaSha256Sign(const Slice& pem_private_key, const Slice& data,
                     std::string* signature) {
  signature->clear();
  if (pem_private_key.size() > (1u << 20)) {
    return Status::InvalidArgument("RS256: private key PEM is too large");
  }
  BIO* bio = BIO_new_mem_buf(pem_private_key.data(),
                             static_cast<int>(pem_private_key.size()));
  if (bio == nullptr) return Status::IOError("RS256: out of memory");
  EVP_PKEY* key =
      PEM_read_bio_PrivateKey(bio, nullptr, CryptoRefusePemPassphrase, nullptr);
  BIO_free(bio);
  ERR_clear_error();  // keep OpenSSL's queue clean for other callers
  if (key == nullptr) {
    return Status::InvalidArgument(
        "RS256: the private key is not a readable PEM private key");
  }
  Status s;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  if (EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
    s = Status::InvalidArgument("RS256: the private key is not an RSA key");
  } else if (ctx == nullptr ||
             EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) !=
                 1 ||
             EVP_DigestSign(ctx, nullptr, &len,
                            reinterpret_cast<const unsigned char*>(data.data()),
                            data.size()) != 1) {
    s = Status::IOError("RS256: signing failed");
  } else {
    signature->resize(len);
    if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(&(*signature)[0]),
                       &len,
                       reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) != 1) {
      s = Status::IOError("RS256: signing failed");
      signature->clear();
    } else {
      signature->resize(len);
    }
  }
  ERR_clear_error();
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return s;
}

}  // namespace ROCKSDB_NAMESPACE
