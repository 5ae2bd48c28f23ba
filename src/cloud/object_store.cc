// Shared parts of every ObjectStore; contract in cloud/object_store.h.
#include "cloud/object_store.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <set>

#include "util/crypto.h"
#include "util/statistics_util.h"

namespace ROCKSDB_NAMESPACE {

ObjectStoreCounts ObjectStore::counts() const {
  ObjectStoreCounts c;
  c.gets = counts_[0].load();
  c.puts = counts_[1].load();
  c.lists = counts_[2].load();
  c.heads = counts_[3].load();
  c.deletes = counts_[4].load();
  c.copies = counts_[5].load();
  c.bytes_read = bytes_read_.load();
  c.bytes_written = bytes_written_.load();
  c.max_buffered_bytes = max_buffered_.load();
  c.request_micros = request_micros_.load();
  return c;
}

namespace {
uint64_t ObjectStoreNowMicros() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now().time_since_epoch())
          .count());
}
}  // namespace

IOStatus ObjectStore::CountedSend(Kind kind, uint64_t bytes_written,
                                  HttpTransport* transport,
                                  const RetryOptions& retry,
                                  const std::function<void(HttpRequest*)>& sign,
                                  HttpRequest request, HttpResponse* response) {
  const uint64_t start = ObjectStoreNowMicros();
  uint64_t sunk = 0;
  const bool sinks = static_cast<bool>(request.body_sink);
  if (sinks) {
    request.body_sink = [&sunk, inner = std::move(request.body_sink)](
                            const char* data, size_t n) {
      sunk += n;
      return inner(data, n);
    };
  }
  auto each = [&](HttpRequest* r) {
    sunk = 0;  // a new attempt starts the body over
    sign(r);
  };
  IOStatus s =
      RetryingSend(transport, retry, each, std::move(request), response);
  const uint64_t micros = ObjectStoreNowMicros() - start;
  request_micros_.fetch_add(micros, std::memory_order_relaxed);
  RecordTick(std::atomic_load(&stats_).get(), SKYROCKS_CLOUD_REQUEST_MICROS,
             micros);
  const bool got = s.ok() && response->status >= 200 && response->status < 300;
  uint64_t read = 0;
  if (kind == Kind::kGet && got) read = sinks ? sunk : response->body.size();
  Count(kind, read, bytes_written);
  return s;
}

ObjectStore::Buffered::Buffered(ObjectStore* store, uint64_t n)
    : store_(store), n_(n) {
  const uint64_t now = store_->buffered_.fetch_add(n_) + n_;
  uint64_t peak = store_->max_buffered_.load();
  while (now > peak &&
         !store_->max_buffered_.compare_exchange_weak(peak, now)) {
  }
}

ObjectStore::Buffered::~Buffered() { store_->buffered_.fetch_sub(n_); }

IOStatus SlicePutSource::Read(uint64_t offset, size_t n,
                              std::string* out) const {
  if (offset > data_.size() || n > data_.size() - offset) {
    return IOStatus::InvalidArgument("upload source read past its end",
                                     std::to_string(offset) + "+" +
                                         std::to_string(n) + " of " +
                                         std::to_string(data_.size()));
  }
  out->assign(data_.data() + offset, n);
  return IOStatus::OK();
}

IOStatus FilePutSource::Read(uint64_t offset, size_t n,
                             std::string* out) const {
  out->resize(n);
  size_t got = 0;
  while (got < n) {
    Slice r;
    IOStatus s = file_->Read(offset + got, n - got, IOOptions(), &r,
                             &(*out)[got], nullptr);
    if (!s.ok()) return s;
    if (r.empty()) {
      return IOStatus::IOError("uploading " + path_ + ": the file ended at " +
                               std::to_string(offset + got) + " of " +
                               std::to_string(size_) + " bytes");
    }
    if (r.data() != &(*out)[got]) memcpy(&(*out)[got], r.data(), r.size());
    got += r.size();
  }
  return IOStatus::OK();
}

IOStatus ObjectStore::ReadWhole(const PutSource& source, std::string* data,
                                std::unique_ptr<Buffered>* held) {
  *held = std::make_unique<Buffered>(this, source.size());
  return source.Read(0, static_cast<size_t>(source.size()), data);
}

IOStatus ObjectStore::SourceMd5Base64(const PutSource& source, size_t chunk,
                                      std::string* md5) {
  Md5Stream hash;
  std::string buf;
  Buffered held(this, chunk);
  for (uint64_t off = 0; off < source.size(); off += chunk) {
    const size_t n =
        static_cast<size_t>(std::min<uint64_t>(chunk, source.size() - off));
    IOStatus s = source.Read(off, n, &buf);
    if (!s.ok()) return s;
    hash.Update(buf);
  }
  *md5 = hash.FinishBase64();
  return IOStatus::OK();
}

IOStatus ObjectStore::PutFrom(const std::string& key, const PutSource& source,
                              const PutOptions& opts, ObjectMeta* meta) {
  std::string data;
  std::unique_ptr<Buffered> held;
  IOStatus s = ReadWhole(source, &data, &held);
  if (!s.ok()) return s;
  return Put(key, data, opts, meta);
}

void ObjectStore::Count(Kind kind, uint64_t bytes_read,
                        uint64_t bytes_written) {
  counts_[static_cast<int>(kind)].fetch_add(1, std::memory_order_relaxed);
  if (bytes_read) bytes_read_.fetch_add(bytes_read, std::memory_order_relaxed);
  if (bytes_written)
    bytes_written_.fetch_add(bytes_written, std::memory_order_relaxed);
  const std::shared_ptr<Statistics> stats = std::atomic_load(&stats_);
  if (stats != nullptr) {
    static constexpr Tickers kRequests[] = {
        SKYROCKS_CLOUD_GET_REQUESTS,    SKYROCKS_CLOUD_PUT_REQUESTS,
        SKYROCKS_CLOUD_LIST_REQUESTS,   SKYROCKS_CLOUD_HEAD_REQUESTS,
        SKYROCKS_CLOUD_DELETE_REQUESTS, SKYROCKS_CLOUD_COPY_REQUESTS};
    stats->recordTick(kRequests[static_cast<int>(kind)], 1);
    if (bytes_read) stats->recordTick(SKYROCKS_CLOUD_BYTES_READ, bytes_read);
    if (bytes_written) {
      stats->recordTick(SKYROCKS_CLOUD_BYTES_WRITTEN, bytes_written);
    }
  }
}

void ObjectStore::SetStatistics(std::shared_ptr<Statistics> stats) {
  std::atomic_store(&stats_, std::move(stats));
}

IOStatus ObjectStore::ListDelimited(const std::string& prefix,
                                    const std::string& delimiter,
                                    std::vector<ObjectMeta>* objects,
                                    std::vector<std::string>* common_prefixes) {
  std::vector<ObjectMeta> all;
  IOStatus s = List(prefix, &all);
  if (!s.ok()) return s;
  objects->clear();
  common_prefixes->clear();
  std::set<std::string> seen;
  for (ObjectMeta& m : all) {
    const size_t d = delimiter.empty() ? std::string::npos
                                       : m.key.find(delimiter, prefix.size());
    if (d == std::string::npos) {
      objects->push_back(std::move(m));
    } else {
      const std::string p = m.key.substr(0, d + delimiter.size());
      if (seen.insert(p).second) common_prefixes->push_back(p);
    }
  }
  return IOStatus::OK();
}

IOStatus ObjectStore::DeleteMany(const std::vector<std::string>& keys) {
  for (const std::string& k : keys) {
    IOStatus s = Delete(k);
    if (!s.ok()) return s;
  }
  return IOStatus::OK();
}

IOStatus ObjectStore::CreateBucketIfMissing(const std::string& /*region*/) {
  return IOStatus::OK();
}

IOStatus ObjectStore::GetToSink(const std::string& key, ObjectSink* sink) {
  std::string data;
  IOStatus s = Get(key, &data);
  if (s.ok()) s = sink->Restart();
  if (s.ok()) s = sink->Append(data);
  return s;
}

IOStatus ResolveLostConditionalPut(ObjectStore* store, const std::string& key,
                                   const std::string& md5,
                                   const PutOptions& opts, const IOStatus& lost,
                                   ObjectMeta* meta) {
  ObjectMeta now;
  IOStatus h = store->Head(key, &now);
  if (!h.ok()) return lost;  // absent or unknown: still ambiguous
  const bool named_version =
      !opts.if_match_etag.empty() && now.etag == opts.if_match_etag;
  if (named_version) return lost;  // ours has not landed (yet?)
  if (!now.content_md5.empty() && now.content_md5 == md5) {
    if (meta != nullptr) *meta = now;
    return IOStatus::OK();
  }
  if (now.content_md5.empty()) return lost;  // cannot tell whose bytes
  IOStatus f = IOStatus::IOFenced(
      std::string(store->Name()) +
          " PUT precondition failed (found another object after a lost "
          "answer)",
      key);
  f.SetHttpDetail(412, "PreconditionFailed", "");
  return f;
}

IOStatus ValidateObjectKey(const std::string& key) {
  if (key.empty()) return IOStatus::InvalidArgument("object key is empty");
  if (key.size() > 1024) {
    return IOStatus::InvalidArgument("object key longer than 1024 bytes",
                                     key.substr(0, 64) + "...");
  }
  if (key[0] == '/' || key.back() == '/') {
    return IOStatus::InvalidArgument("object key starts or ends with '/'", key);
  }
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find('/', start);
    if (end == std::string::npos) end = key.size();
    const std::string seg = key.substr(start, end - start);
    if (seg == "." || seg == "..") {
      return IOStatus::InvalidArgument("object key has a '.' or '..' segment",
                                       key);
    }
    if (seg.empty() && end != key.size()) {
      return IOStatus::InvalidArgument("object key has an empty segment", key);
    }
    start = end + 1;
  }
  if (key.find('\0') != std::string::npos) {
    return IOStatus::InvalidArgument("object key contains a NUL byte");
  }
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
