// BucketWal: the write-ahead log in the bucket (doc/cloud_layout.md, "The
// WAL in the bucket"). The cloud file system hands it every byte the DB
// appends to a WAL (NNNNNN.log); background threads store them as chunk
// objects
//   <object path>/wal/NNNNNN.log-<epoch>/<offset: 20 decimal digits>
// each holding the WAL's bytes [offset, offset + object size). A chunk is
// created with create-if-absent, so no two writers ever share one.
//
// Group commit: a round takes every byte appended so far into one chunk
// per log. While a sync waiter (WaitStored) waits for bytes no round has
// taken, a round starts at once; otherwise every flush_interval_ms, or as
// soon as flush_bytes wait. Rounds overlap (at most kMaxWalChunksInFlight
// chunks are out at once: started, and not yet stored with every chunk
// before them), so a writer that appends while a round is in flight
// waits about one PUT, not two. Bytes count as stored in append order:
// a round that completes early waits for the rounds before it.
//
// Fencing: a round counts as stored only after check_fence passes, if the
// round holds the first chunks of a log, or fence_check_interval_ms
// passed since the last check (0: every round). A log with a chunk
// confirmed that way is visible to any writer that claims the path later,
// and that writer seals it (SealBucketWal: an empty chunk where the log's
// contiguous chunks end, created only if absent) before it reads it: a
// later chunk of ours then finds its offset taken and fails IOFenced, or
// lies past the seal or past a gap, which readers ignore; so nothing
// stored without a check can be lost. A fence is sticky and fails later
// Appends.
// A failed round (after the store's own retries) is retried with
// backoff, the same chunks again; after three failures in a row the
// waiters of that moment get the error.
// Destruction stores what is pending (a bounded number of attempts).
//
// Reading it back (ListBucketWals, ReadBucketWal) checks that a log's
// chunks start at 0 and follow each other without a gap or overlap, and
// that each body has the listed size; a log ends at its seal, or at a gap
// that only chunks a writer could have had in flight follow. Thread-safe.
#ifndef SKYROCKS_CLOUD_BUCKET_WAL_H_
#define SKYROCKS_CLOUD_BUCKET_WAL_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cloud/object_store.h"
#include "port/mutex.h"

namespace ROCKSDB_NAMESPACE {

// A writer never has more than this many chunks in flight; so a gap
// followed by fewer chunks is where the writer stopped (those chunks were
// stored out of order and never acknowledged), and a gap followed by
// this many or more lost acknowledged bytes.
constexpr size_t kMaxWalChunksInFlight = 4;

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
  };
  // Chunks uploaded together, then confirmed by the fence check if due.
  struct Round {
    std::vector<Segment> segs;
    uint64_t bytes = 0;
    uint64_t end = 0;  // the ticket of its last byte
    enum class State { kRunning, kFailed, kStored } state = State::kRunning;
    uint64_t retry_at = 0;  // steady micros, when kFailed
  };

  void Run();
  IOStatus PutChunk(const Segment& seg);
  bool Due(uint64_t now_micros) const SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // A new round of the pending segments, as many as chunks may go out.
  Round* TakeRound() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Stores the round's chunks and, if due, checks the fence; mu_ is
  // released meanwhile.
  IOStatus StoreRound(const Round& round)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Counts the rounds at the front that are stored; returns the chunks of
  // logs given up meanwhile, for delete_chunk_.
  std::vector<std::string> AdvanceStored()
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::shared_ptr<ObjectStore> store_;
  const std::string path_;
  const std::string where_;
  const BucketWalOptions options_;
  const std::function<IOStatus()> check_fence_;
  const std::function<void(const std::string&)> delete_chunk_;

  port::Mutex mu_;
  port::CondVar work_cv_{&mu_};  // the uploader waits here
  port::CondVar done_cv_{&mu_};  // WaitStored waits here
  // appended, in no round yet
  std::deque<Segment> pending_ SKYROCKS_GUARDED_BY(mu_);
  uint64_t pending_bytes_ SKYROCKS_GUARDED_BY(mu_) = 0;
  // steady micros of the oldest pending byte
  uint64_t pending_since_ SKYROCKS_GUARDED_BY(mu_) = 0;
  // tickets: bytes ever queued
  uint64_t queued_ SKYROCKS_GUARDED_BY(mu_) = 0;
  // bytes taken into rounds
  uint64_t taken_ SKYROCKS_GUARDED_BY(mu_) = 0;
  // bytes stored (in order) and confirmed
  uint64_t stored_ SKYROCKS_GUARDED_BY(mu_) = 0;
  // the highest ticket a sync waiter awaits
  uint64_t wanted_ SKYROCKS_GUARDED_BY(mu_) = 0;
  // in order, until stored
  std::deque<std::unique_ptr<Round>> rounds_ SKYROCKS_GUARDED_BY(mu_);
  // segments in rounds_
  size_t chunks_out_ SKYROCKS_GUARDED_BY(mu_) = 0;
  // failures reported to waiters
  uint64_t failures_ SKYROCKS_GUARDED_BY(mu_) = 0;
  int consecutive_failures_ SKYROCKS_GUARDED_BY(mu_) = 0;
  // failed rounds since stop_
  int drain_failures_ SKYROCKS_GUARDED_BY(mu_) = 0;
  uint64_t backoff_micros_ SKYROCKS_GUARDED_BY(mu_) = 0;
  IOStatus last_error_ SKYROCKS_GUARDED_BY(mu_);
  IOStatus fenced_ SKYROCKS_GUARDED_BY(mu_);                // sticky
  uint64_t fence_checked_at_ SKYROCKS_GUARDED_BY(mu_) = 0;  // steady micros
  std::set<std::pair<uint64_t, std::string>> confirmed_
      SKYROCKS_GUARDED_BY(mu_);
  bool stop_ SKYROCKS_GUARDED_BY(mu_) = false;
  int running_ SKYROCKS_GUARDED_BY(mu_) = 0;  // uploader threads in Run()
  // every uploader thread returned
  bool exited_ SKYROCKS_GUARDED_BY(mu_) = false;
  std::map<uint64_t, std::vector<std::string>> chunks_ SKYROCKS_GUARDED_BY(mu_);
  // logs TakeChunks gave up
  std::set<uint64_t> obsolete_ SKYROCKS_GUARDED_BY(mu_);
  std::vector<std::thread> threads_ SKYROCKS_GUARDED_BY(mu_);
};

// One WAL as the bucket holds it: chunk keys in offset order.
struct BucketWalLog {
  uint64_t number = 0;
  std::string epoch;
  std::vector<ObjectMeta> chunks;  // sorted by offset
  std::vector<uint64_t> offsets;
  uint64_t size = 0;  // bytes, when the chunks are contiguous
  // Chunks past the log's end: after its seal (an empty chunk), or after
  // a gap that fewer than kMaxWalChunksInFlight chunks follow. Never read;
  // deleted with the log.
  std::vector<ObjectMeta> beyond;
};

// Every WAL under path/wal/ in store, by (number, epoch). Keys that are
// not chunk names are Corruption naming them. A log ends at its seal or
// at a gap only in-flight chunks follow (see BucketWalLog::beyond); any
// other gap or overlap stays in chunks, for ReadBucketWal to report.
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
