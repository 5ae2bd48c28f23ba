// SstFileCache: the local byte budget for SSTs of a cloud DB that does not
// keep all its SSTs locally (keep_local_sst_files=false). Files are
// recorded with their size, most recently used first; when the total goes
// over the budget the least recently used are deleted from the local disk
// (an open handle on POSIX keeps reading the unlinked file). Files are
// added when a fresh SST was uploaded and when a background download of a
// file read from the bucket completes; readers ask for the local copy on
// each read and use ranged GETs until there is one.
// Thread-safe; downloads run on the cache's own thread.
#ifndef SKYROCKS_CLOUD_SST_FILE_CACHE_H_
#define SKYROCKS_CLOUD_SST_FILE_CACHE_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "port/mutex.h"
#include "rocksdb/file_system.h"

namespace ROCKSDB_NAMESPACE {

class SstFileCache {
 public:
  // download(local_path) fetches the object behind local_path into it.
  SstFileCache(std::shared_ptr<FileSystem> base, uint64_t budget,
               std::function<IOStatus(const std::string&)> download);
  SstFileCache(const SstFileCache&) = delete;
  SstFileCache& operator=(const SstFileCache&) = delete;
  ~SstFileCache();

  uint64_t budget() const { return budget_; }
  // Records a local file; false (nothing recorded) if it alone exceeds
  // the budget: the caller deletes it.
  bool Insert(const std::string& local_path, uint64_t size);
  // The local copy opened for reading (marking it used), or null.
  std::shared_ptr<FSRandomAccessFile> OpenLocal(const std::string& local_path);
  // Queues a background download unless cached, queued or too large.
  void RequestDownload(const std::string& local_path, uint64_t size);
  // The DB deleted the file: forget it (the caller unlinks it).
  void Erase(const std::string& local_path);
  uint64_t bytes() const;
  size_t files() const;
  // Waits until no download is queued or running (tests).
  void WaitForDownloads();

 private:
  struct Entry {
    uint64_t size;
    std::list<std::string>::iterator lru;
    std::shared_ptr<FSRandomAccessFile> file;
  };
  void EvictLocked(std::vector<std::string>* doomed)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RunDownloads();

  std::shared_ptr<FileSystem> base_;
  const uint64_t budget_;
  std::function<IOStatus(const std::string&)> download_;
  mutable port::Mutex mu_;
  port::CondVar cv_{&mu_};
  std::map<std::string, Entry> entries_ SKYROCKS_GUARDED_BY(mu_);
  std::list<std::string> lru_ SKYROCKS_GUARDED_BY(mu_);  // front: most recent
  uint64_t bytes_ SKYROCKS_GUARDED_BY(mu_) = 0;
  std::deque<std::pair<std::string, uint64_t>> queue_ SKYROCKS_GUARDED_BY(mu_);
  std::map<std::string, bool> queued_ SKYROCKS_GUARDED_BY(mu_);
  bool busy_ SKYROCKS_GUARDED_BY(mu_) = false;
  bool stop_ SKYROCKS_GUARDED_BY(mu_) = false;
  std::thread thread_ SKYROCKS_GUARDED_BY(mu_);
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_SST_FILE_CACHE_H_
