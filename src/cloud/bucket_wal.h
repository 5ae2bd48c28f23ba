// BucketWal: the write-ahead log in the bucket (doc/cloud_layout.md, "The
// WAL in the bucket"). The cloud file system hands it every byte the DB
// appends to a WAL (NNNNNN.log); one background thread stores them, in
// append order, as chunk objects
//   <object path>/wal/NNNNNN.log-<epoch>/<offset: 20 decimal digits>
// each holding the WAL's bytes [offset, offset + object size). A chunk is
// created with create-if-absent, so no two writers ever share one.
//
// Group commit: while a sync waiter (WaitStored) waits, the next upload
// starts as soon as the previous one is stored and carries everything
// appended meanwhile; otherwise bytes go up every flush_interval_ms, or
// as soon as flush_bytes wait.
//
// Fencing: a round of uploads counts as stored only after check_fence
// passes, if the round holds the first chunks of a log, or
// fence_check_interval_ms passed since the last check (0: every round).
// A log with a chunk confirmed that way is visible to any writer that
// claims the path later, and that writer seals it (SealBucketWal: an
// empty chunk at its end, created only if absent) before it reads it: a
// later chunk of ours then finds its offset taken and fails IOFenced, so
// nothing stored without a check can be lost. A fence is sticky and
// fails later Appends.
// A failed upload (after the store's own retries) is retried with
// backoff, the same chunks again; after three failed rounds in a row the
// waiters of that moment get the error.
// Destruction stores what is pending (a bounded number of attempts).
//
// Reading it back (ListBucketWals, ReadBucketWal) checks that a log's
// chunks start at 0 and follow each other without a gap or overlap, and
// that each body has the listed size. Thread-safe.
#ifndef SKYROCKS_CLOUD_BUCKET_WAL_H_
#define SKYROCKS_CLOUD_BUCKET_WAL_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cloud/object_store.h"

namespace ROCKSDB_NAMESPACE {

struct BucketWalOptions {
  uint64_t flush_interval_ms = 100;
  uint64_t flush_bytes = 1 << 20;
  // 0: check the fence after every round (a store whose conditional
  // writes cannot seal logs).
  uint64_t fence_check_interval_ms = 0;
};

// "wal/NNNNNN.log-<epoch>/" (epoch "": "wal/NNNNNN.log/"), relative to the
// DB's object path.
std::string BucketWalLogPrefix(uint64_t number, const std::string& epoch);
// The chunk at `offset` of that log, relative to the object path.
std::string BucketWalChunkName(uint64_t number, const std::string& epoch,
                               uint64_t offset);

class BucketWal {
 public:
  // path: the DB's object path in store; where: "bucket B" for errors;
  // delete_chunk: deletes a chunk of a log TakeChunks gave up, stored
  // only afterwards (name relative to path).
  BucketWal(std::shared_ptr<ObjectStore> store, std::string path,
            std::string where, BucketWalOptions options,
            std::function<IOStatus()> check_fence,
            std::function<void(const std::string&)> delete_chunk);
  BucketWal(const BucketWal&) = delete;
  BucketWal& operator=(const BucketWal&) = delete;
  ~BucketWal();

  // Queues data, appended at `offset` of log `number` (owned by epoch);
  // *ticket: wait for it with WaitStored. Fails once fenced.
  IOStatus Append(uint64_t number, const std::string& epoch, uint64_t offset,
                  const Slice& data, uint64_t* ticket);
  // Blocks until every byte up to ticket is stored (OK), or an upload
  // failed meanwhile, or the writer is fenced (that error).
  IOStatus WaitStored(uint64_t ticket);
  // The chunks stored (or, after Remember, found) for log `number`,
  // relative to the object path; they are forgotten here, and chunks of
  // it stored later go to delete_chunk (the DB no longer needs the log).
  std::vector<std::string> TakeChunks(uint64_t number);
  void Remember(uint64_t number, std::vector<std::string> chunk_names);

 private:
  struct Segment {
    uint64_t number;
    std::string epoch;
    uint64_t offset;
    std::string data;
    bool tried = false;  // never grown once an upload was attempted
  };

  void Run();
  IOStatus PutChunk(const Segment& seg);
  bool Due(uint64_t now_micros) const;

  const std::shared_ptr<ObjectStore> store_;
  const std::string path_;
  const std::string where_;
  const BucketWalOptions options_;
  const std::function<IOStatus()> check_fence_;
  const std::function<void(const std::string&)> delete_chunk_;

  std::mutex mu_;
  std::condition_variable work_cv_;  // the uploader waits here
  std::condition_variable done_cv_;  // WaitStored waits here
  std::deque<Segment> pending_;
  uint64_t pending_bytes_ = 0;
  uint64_t pending_since_ = 0;  // steady micros of the oldest pending byte
  uint64_t queued_ = 0;         // tickets: bytes ever queued
  uint64_t stored_ = 0;         // bytes stored and confirmed by the fence
  int sync_waiters_ = 0;
  uint64_t failures_ = 0;  // failures reported to waiters
  int consecutive_failures_ = 0;
  IOStatus last_error_;
  IOStatus fenced_;  // sticky
  uint64_t backoff_until_ = 0;
  uint64_t backoff_micros_ = 0;
  uint64_t fence_checked_at_ = 0;  // steady micros (uploader thread only)
  std::set<std::pair<uint64_t, std::string>> confirmed_;  // uploader only
  bool stop_ = false;
  bool exited_ = false;  // Run() returned
  std::map<uint64_t, std::vector<std::string>> chunks_;
  std::set<uint64_t> obsolete_;  // logs TakeChunks gave up
  std::thread thread_;
};

// One WAL as the bucket holds it: chunk keys in offset order.
struct BucketWalLog {
  uint64_t number = 0;
  std::string epoch;
  std::vector<ObjectMeta> chunks;  // sorted by offset
  std::vector<uint64_t> offsets;
  uint64_t size = 0;  // bytes, when the chunks are contiguous
};

// Every WAL under path/wal/ in store, by (number, epoch). Keys that are
// not chunk names are Corruption naming them.
IOStatus ListBucketWals(ObjectStore* store, const std::string& path,
                        const std::string& where,
                        std::vector<BucketWalLog>* logs);
// The log's bytes, its chunks concatenated: Corruption naming the object
// for a gap, an overlap or a chunk whose body is not its listed size; a
// failed or short read is tried up to three times.
IOStatus ReadBucketWal(ObjectStore* store, const std::string& where,
                       const BucketWalLog& log, std::string* data);
// Ends the log where the listing ended it: an empty chunk at log.size,
// created only if absent (IOFenced: its writer stored more meanwhile;
// list again). Its writer can never store past it.
IOStatus SealBucketWal(ObjectStore* store, const std::string& path,
                       const BucketWalLog& log);
// Copies the log's chunks to the same offsets under epoch (a new writer
// adopting the log of the writer it fenced); *names: the copies.
IOStatus CopyBucketWal(ObjectStore* store, const std::string& path,
                       const BucketWalLog& log, const std::string& epoch,
                       std::vector<std::string>* names);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_BUCKET_WAL_H_
