// WriterFence; see cloud/writer_fence.h.
#include "cloud/writer_fence.h"

#include <unistd.h>

#include <chrono>
#include <ctime>

#include "util/uuid.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// What WRITER holds: who claimed the path, for people and error messages.
std::string WriterBody(const std::string& writer_id) {
  char host[256] = "";
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  const std::time_t now = std::time(nullptr);
  char when[32] = "";
  std::tm tm{};
  if (gmtime_r(&now, &tm) != nullptr) {
    std::strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
  }
  return "writer " + writer_id + "\nhost " + host + "\npid " +
         std::to_string(static_cast<long>(getpid())) + "\nclaimed " + when +
         "\n";
}

// The first line's value ("writer <id>"), or the body cut short.
std::string WriterOf(const std::string& body) {
  const std::string tag = "writer ";
  if (body.compare(0, tag.size(), tag) == 0) {
    return body.substr(tag.size(), body.find('\n') - tag.size());
  }
  return body.substr(0, 64);
}

const char kClosedTag[] = "closed ";

}  // namespace

bool WriterClosed(const std::string& body, std::string* writer_id) {
  const size_t n = sizeof(kClosedTag) - 1;
  if (body.compare(0, n, kClosedTag) != 0) return false;
  *writer_id = body.substr(n, body.find('\n') - n);
  return true;
}

WriterFence::WriterFence(std::shared_ptr<ObjectStore> store, std::string key,
                         std::string where)
    : store_(std::move(store)), key_(std::move(key)), where_(std::move(where)) {}

IOStatus WriterFence::Claim(const std::string& writer_id,
                            bool allow_unfenced) {
  writer_id_ = writer_id;
  const std::string body = WriterBody(writer_id);
  IOStatus s;
  // Each lost race means another writer claimed meanwhile; the newest
  // wins, so try again over its claim.
  for (int attempt = 0; attempt < 8; attempt++) {
    ObjectMeta now;
    s = store_->Head(key_, &now);
    if (!s.ok() && !s.IsNotFound()) return s;
    const bool exists = s.ok();
    if (exists) {
      s = ProbeConditionalWrites(body);
      if (!s.ok() && !(s.IsNotSupported() && allow_unfenced)) return s;
    }
    PutOptions put;
    put.if_none_match = !exists;
    put.if_match_etag = exists ? now.etag : std::string();
    ObjectMeta mine;
    s = store_->Put(key_, body, put, &mine);
    if (s.IsIOFenced()) continue;
    if (!s.ok()) return s;
    if (!exists) {
      IOStatus p = ProbeConditionalWrites(body);
      if (!p.ok() && !(p.IsNotSupported() && allow_unfenced)) return p;
      if (!p.ok()) {
        // The probe overwrote WRITER: our claim is its current version.
        p = store_->Head(key_, &mine);
        if (!p.ok()) return p;
      }
    }
    port::MutexLock l(&mu_);
    etag_ = mine.etag;
    created_ = !exists;
    fenced_ = IOStatus::OK();
    return IOStatus::OK();
  }
  return IOStatus::IOFenced(where_, "other writers kept claiming the path "
                                    "while this open tried to (8 attempts)");
}

IOStatus WriterFence::ProbeConditionalWrites(const std::string& body) {
  // Both must fail with a precondition error on an object that exists.
  PutOptions create;
  create.if_none_match = true;
  IOStatus s = store_->Put(key_, body, create);
  if (s.ok()) {
    return IOStatus::NotSupported(
        where_,
        "the store ignored If-None-Match (create-if-absent replaced an "
        "existing object): writers of one path cannot be fenced; set "
        "CloudFileSystemOptions::allow_unfenced_writes to open anyway");
  }
  if (!s.IsIOFenced()) return s;
  PutOptions wrong;
  // Digits, so stores whose versions are numbers (GCS generations) accept
  // it; no real version is this.
  wrong.if_match_etag = "9" + std::to_string(NewRandomId64() % 100000000000ull);
  s = store_->Put(key_, body, wrong);
  if (s.ok()) {
    return IOStatus::NotSupported(
        where_,
        "the store ignored If-Match (a replace with a wrong version "
        "succeeded): writers of one path cannot be fenced; set "
        "CloudFileSystemOptions::allow_unfenced_writes to open anyway");
  }
  return s.IsIOFenced() ? IOStatus::OK() : s;
}

void WriterFence::Release() {
  bool created;
  {
    port::MutexLock l(&mu_);
    created = created_;
  }
  if (created && Check().ok()) store_->Delete(key_).PermitUncheckedError();
}

IOStatus WriterFence::MarkClosed() {
  std::string etag;
  {
    port::MutexLock l(&mu_);
    if (!fenced_.ok() || etag_.empty()) return fenced_;
    etag = etag_;
  }
  PutOptions put;
  put.if_match_etag = etag;
  ObjectMeta meta;
  IOStatus s = store_->Put(
      key_, kClosedTag + writer_id_ + "\n" + WriterBody(writer_id_), put,
      &meta);
  if (s.IsIOFenced()) return Check();
  if (!s.ok()) return s;
  port::MutexLock l(&mu_);
  etag_ = meta.etag;
  return IOStatus::OK();
}

IOStatus WriterFence::Check() {
  std::string etag;
  {
    port::MutexLock l(&mu_);
    if (!fenced_.ok()) return fenced_;
    etag = etag_;
  }
  if (etag.empty()) return IOStatus::OK();  // never claimed: nothing to lose
  ObjectMeta now;
  IOStatus s = store_->Head(key_, &now);
  if (s.ok() && now.etag == etag) return IOStatus::OK();
  if (!s.ok() && !s.IsNotFound()) return s;
  std::string owner;
  if (s.ok()) {
    IOStatus g = store_->Get(key_, &owner);
    if (!g.ok() && !g.IsNotFound()) owner.clear();
  }
  return Fenced(owner);
}

IOStatus WriterFence::Fenced(const std::string& owner_body) {
  IOStatus f = IOStatus::IOFenced(
      where_,
      "this writer (" + writer_id_ + ") was fenced: " +
          (owner_body.empty()
               ? std::string("the WRITER object is gone")
               : "the path is now owned by writer " + WriterOf(owner_body)) +
          "; it accepts no more writes (reopen to write again)");
  port::MutexLock l(&mu_);
  if (fenced_.ok()) fenced_ = f;
  return fenced_;
}

}  // namespace ROCKSDB_NAMESPACE
