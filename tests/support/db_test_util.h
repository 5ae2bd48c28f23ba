// What the DB tests share instead of a copy per file: open or fail, a scan
// into a std::map (the model the tests compare with), the option preset
// that leaves compactions to the test, numbered keys, entry counts, polling,
// and a FileSystem that holds SST creation (to keep a flush or compaction
// in flight). Public API only and header-only, so that tests built against
// the amalgamation use it too.
#ifndef SKYROCKS_TESTS_SUPPORT_DB_TEST_UTIL_H_
#define SKYROCKS_TESTS_SUPPORT_DB_TEST_UTIL_H_

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "rocksdb/db.h"
#include "rocksdb/file_system.h"
#include "rocksdb/options.h"

namespace skyrocks_test {

using KvMap = std::map<std::string, std::string>;

// "key" and i zero-padded to `digits` digits: keys sort as numbers do.
inline std::string NumberedKey(int i, int digits = 6) {
  char buf[32];
  snprintf(buf, sizeof(buf), "key%0*d", digits, i);
  return buf;
}

// Opens the DB at path or fails the test with the status.
inline std::unique_ptr<ROCKSDB_NAMESPACE::DB> OpenDbOrFail(
    const ROCKSDB_NAMESPACE::Options& o, const std::string& path) {
  ROCKSDB_NAMESPACE::DB* raw = nullptr;
  ROCKSDB_NAMESPACE::Status s = ROCKSDB_NAMESPACE::DB::Open(o, path, &raw);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return std::unique_ptr<ROCKSDB_NAMESPACE::DB>(raw);
}

// Every key and value of column family cf (null: the default one) at snap
// (null: now); an iterator error fails the test.
inline KvMap ScanToMap(ROCKSDB_NAMESPACE::DB* db,
                       const ROCKSDB_NAMESPACE::Snapshot* snap = nullptr,
                       ROCKSDB_NAMESPACE::ColumnFamilyHandle* cf = nullptr) {
  ROCKSDB_NAMESPACE::ReadOptions ro;
  ro.snapshot = snap;
  std::unique_ptr<ROCKSDB_NAMESPACE::Iterator> it(
      cf != nullptr ? db->NewIterator(ro, cf) : db->NewIterator(ro));
  KvMap out;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    out[it->key().ToString()] = it->value().ToString();
  }
  REQUIRE_MESSAGE(it->status().ok(), it->status().ToString());
  return out;
}

// create_if_missing, automatic compactions off: the test places every file.
inline ROCKSDB_NAMESPACE::Options ManualCompactionOptions() {
  ROCKSDB_NAMESPACE::Options o;
  o.create_if_missing = true;
  o.disable_auto_compactions = true;
  return o;
}

// The entries in the SST files of the default column family.
inline uint64_t SstEntries(ROCKSDB_NAMESPACE::DB* db) {
  ROCKSDB_NAMESPACE::ColumnFamilyMetaData meta;
  db->GetColumnFamilyMetaData(&meta);
  uint64_t n = 0;
  for (const auto& l : meta.levels) {
    for (const auto& f : l.files) n += f.num_entries;
  }
  return n;
}

// Polls cond every 10 ms for up to 20 s; its last answer.
template <typename F>
bool Eventually(F cond) {
  for (int i = 0; i < 2000; i++) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return cond();
}

// A FileSystem over the default one where creating an SST file waits
// while armed: only the first SST after Arm (kFirstOnly: a compaction is
// held while flushes go on) or every one until Release (kAll). Creating
// an SST also sleeps sleep_ms first (compactions stretch out). Thread-safe.
class BlockingSstFs : public ROCKSDB_NAMESPACE::FileSystemWrapper {
 public:
  enum Mode { kFirstOnly, kAll };
  explicit BlockingSstFs(Mode mode)
      : FileSystemWrapper(ROCKSDB_NAMESPACE::FileSystem::Default()),
        mode_(mode) {}
  const char* Name() const override { return "BlockingSstFs"; }
  ROCKSDB_NAMESPACE::IOStatus NewWritableFile(
      const std::string& f, const ROCKSDB_NAMESPACE::FileOptions& o,
      std::unique_ptr<ROCKSDB_NAMESPACE::FSWritableFile>* r,
      ROCKSDB_NAMESPACE::IODebugContext* dbg) override {
    if (f.size() > 4 && f.compare(f.size() - 4, 4, ".sst") == 0) {
      const int ms = sleep_ms.load();
      if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      std::unique_lock<std::mutex> l(mu_);
      if (armed_ && (mode_ == kAll || !blocked_)) {
        blocked_ = true;
        cv_.notify_all();
        cv_.wait(l, [&] { return !armed_; });
      }
    }
    return FileSystemWrapper::NewWritableFile(f, o, r, dbg);
  }
  void Arm() {
    std::lock_guard<std::mutex> l(mu_);
    armed_ = true;
    blocked_ = false;
  }
  // Waits until an SST creation is held.
  void WaitBlocked() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [&] { return blocked_; });
  }
  void Release() {
    std::lock_guard<std::mutex> l(mu_);
    armed_ = false;
    cv_.notify_all();
  }
  std::atomic<int> sleep_ms{0};

 private:
  const Mode mode_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool armed_ = false, blocked_ = false;
};

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_SUPPORT_DB_TEST_UTIL_H_
