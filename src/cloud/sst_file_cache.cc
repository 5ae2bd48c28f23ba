// SstFileCache; see cloud/sst_file_cache.h.
#include "cloud/sst_file_cache.h"

#include <vector>

namespace ROCKSDB_NAMESPACE {

SstFileCache::SstFileCache(std::shared_ptr<FileSystem> base, uint64_t budget,
                           std::function<IOStatus(const std::string&)> download)
    : base_(std::move(base)), budget_(budget), download_(std::move(download)) {}

SstFileCache::~SstFileCache() {
  {
    port::MutexLock l(&mu_);
    stop_ = true;
    queue_.clear();
  }
  cv_.SignalAll();
  if (thread_.joinable()) thread_.join();
}

void SstFileCache::EvictLocked(std::vector<std::string>* doomed) {
  while (bytes_ > budget_ && !lru_.empty()) {
    const std::string victim = lru_.back();
    auto it = entries_.find(victim);
    bytes_ -= it->second.size;
    lru_.pop_back();
    entries_.erase(it);
    doomed->push_back(victim);
  }
}

bool SstFileCache::Insert(const std::string& local_path, uint64_t size) {
  if (size > budget_) return false;
  std::vector<std::string> doomed;
  {
    port::MutexLock l(&mu_);
    auto it = entries_.find(local_path);
    if (it != entries_.end()) {
      bytes_ -= it->second.size;
      lru_.erase(it->second.lru);
      entries_.erase(it);
    }
    lru_.push_front(local_path);
    entries_[local_path] = Entry{size, lru_.begin(), nullptr};
    bytes_ += size;
    EvictLocked(&doomed);
  }
  for (const std::string& f : doomed) {
    base_->DeleteFile(f, IOOptions(), nullptr).PermitUncheckedError();
  }
  return true;
}

std::shared_ptr<FSRandomAccessFile> SstFileCache::OpenLocal(
    const std::string& local_path) {
  port::MutexLock l(&mu_);
  auto it = entries_.find(local_path);
  if (it == entries_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  if (!it->second.file) {
    std::unique_ptr<FSRandomAccessFile> f;
    if (!base_->NewRandomAccessFile(local_path, FileOptions(), &f, nullptr)
             .ok()) {
      return nullptr;
    }
    it->second.file = std::move(f);
  }
  return it->second.file;
}

void SstFileCache::RequestDownload(const std::string& local_path,
                                   uint64_t size) {
  port::MutexLock l(&mu_);
  if (stop_ || size > budget_ || entries_.count(local_path) ||
      queued_.count(local_path)) {
    return;
  }
  queued_[local_path] = true;
  queue_.emplace_back(local_path, size);
  if (!thread_.joinable()) thread_ = std::thread([this] { RunDownloads(); });
  cv_.SignalAll();
}

void SstFileCache::RunDownloads() {
  mu_.Lock();
  while (!stop_) {
    if (queue_.empty()) {
      cv_.Wait();
      continue;
    }
    const auto job = queue_.front();
    queue_.pop_front();
    busy_ = true;
    mu_.Unlock();
    // A failed download is not an error: reads keep using ranged GETs.
    const bool ok = download_(job.first).ok();
    if (ok && !Insert(job.first, job.second)) {
      base_->DeleteFile(job.first, IOOptions(), nullptr).PermitUncheckedError();
    }
    mu_.Lock();
    queued_.erase(job.first);
    busy_ = false;
    cv_.SignalAll();
  }
  mu_.Unlock();
}

void SstFileCache::WaitForDownloads() {
  port::MutexLock l(&mu_);
  while (!(stop_ || (queue_.empty() && !busy_))) cv_.Wait();
}

void SstFileCache::Erase(const std::string& local_path) {
  port::MutexLock l(&mu_);
  auto it = entries_.find(local_path);
  if (it == entries_.end()) return;
  bytes_ -= it->second.size;
  lru_.erase(it->second.lru);
  entries_.erase(it);
}

uint64_t SstFileCache::bytes() const {
  port::MutexLock l(&mu_);
  return bytes_;
}

size_t SstFileCache::files() const {
  port::MutexLock l(&mu_);
  return entries_.size();
}

}  // namespace ROCKSDB_NAMESPACE
