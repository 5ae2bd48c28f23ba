// BucketWal and the bucket WAL's reader; see cloud/bucket_wal.h.
#include "cloud/bucket_wal.h"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>

#include "cloud/cloud_names.h"
#include "util/coding.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

constexpr size_t kMaxChunkBytes = 16 << 20;
constexpr uint64_t kMaxBackoffMicros = 2 * 1000 * 1000;
constexpr int kDrainAttempts = 3;
constexpr int kFailuresBeforeWaitersFail = 3;

uint64_t SteadyMicros() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

std::string LogBase(uint64_t number, const std::string& epoch) {
  return epoch.empty() ? WalName(number) : WalName(number) + "-" + epoch;
}

// "NNNNNN.log[-epoch]/OFFSET" -> parts; false if it is not such a name.
bool ParseChunkName(const std::string& rest, uint64_t* number,
                    std::string* epoch, uint64_t* offset) {
  const size_t slash = rest.find('/');
  if (slash == std::string::npos) return false;
  const std::string log = rest.substr(0, slash);
  const std::string off = rest.substr(slash + 1);
  if (off.size() != 20 ||
      off.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  const size_t dot = log.find(".log");
  if (dot == 0 || dot == std::string::npos ||
      log.find_first_not_of("0123456789") != dot) {
    return false;
  }
  if (dot + 4 == log.size()) {
    epoch->clear();
  } else if (log[dot + 4] == '-' && dot + 5 < log.size()) {
    *epoch = log.substr(dot + 5);
  } else {
    return false;
  }
  // Digits that overflow 64 bits make no name of ours.
  return ParseDecimalUint64(Slice(log.data(), dot), number) &&
         ParseDecimalUint64(off, offset);
}

}  // namespace

std::string BucketWalLogPrefix(uint64_t number, const std::string& epoch) {
  return "wal/" + LogBase(number, epoch) + "/";
}

std::string BucketWalChunkName(uint64_t number, const std::string& epoch,
                               uint64_t offset) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%020" PRIu64, offset);
  return BucketWalLogPrefix(number, epoch) + buf;
}

BucketWal::BucketWal(std::shared_ptr<ObjectStore> store, std::string path,
                     std::string where, BucketWalOptions options,
                     std::function<IOStatus()> check_fence,
                     std::function<void(const std::string&)> delete_chunk)
    : store_(std::move(store)),
      path_(std::move(path)),
      where_(std::move(where)),
      options_(options),
      check_fence_(std::move(check_fence)),
      delete_chunk_(std::move(delete_chunk)) {}

BucketWal::~BucketWal() {
  {
    port::MutexLock l(&mu_);
    stop_ = true;
  }
  work_cv_.SignalAll();
  for (std::thread& t : threads_) t.join();
}

IOStatus BucketWal::Append(uint64_t number, const std::string& epoch,
                           uint64_t offset, const Slice& data,
                           uint64_t* ticket) {
  port::MutexLock l(&mu_);
  if (!fenced_.ok()) return fenced_;
  if (stop_) return IOStatus::IOError(where_, "bucket WAL is shut down");
  if (data.empty()) {
    *ticket = queued_;
    return IOStatus::OK();
  }
  // The uploaders sleep without a deadline while nothing is pending: the
  // first pending byte starts its interval.
  const bool was_empty = pending_.empty();
  if (was_empty) pending_since_ = SteadyMicros();
  Segment* last = pending_.empty() ? nullptr : &pending_.back();
  if (last != nullptr && last->number == number && last->epoch == epoch &&
      last->offset + last->data.size() == offset &&
      last->data.size() + data.size() <= kMaxChunkBytes) {
    last->data.append(data.data(), data.size());
  } else {
    pending_.push_back(Segment{number, epoch, offset, data.ToString()});
  }
  pending_bytes_ += data.size();
  queued_ += data.size();
  *ticket = queued_;
  if (threads_.empty()) {
    running_ = static_cast<int>(kMaxWalChunksInFlight);
    for (size_t i = 0; i < kMaxWalChunksInFlight; i++) {
      threads_.emplace_back([this] { Run(); });
    }
  }
  if (was_empty || pending_bytes_ >= options_.flush_bytes) {
    work_cv_.Signal();
  }
  return IOStatus::OK();
}

IOStatus BucketWal::WaitStored(uint64_t ticket) {
  port::MutexLock l(&mu_);
  if (stored_ >= ticket) return IOStatus::OK();
  const uint64_t failures = failures_;
  if (ticket > wanted_) {
    wanted_ = ticket;
    work_cv_.Signal();
  }
  while (!(stored_ >= ticket || !fenced_.ok() || failures_ != failures ||
           exited_)) {
    done_cv_.Wait();
  }
  if (stored_ >= ticket) return IOStatus::OK();
  if (!fenced_.ok()) return fenced_;
  if (failures_ != failures) return last_error_;
  return IOStatus::IOError(where_, "bucket WAL shut down before the upload");
}

std::vector<std::string> BucketWal::TakeChunks(uint64_t number) {
  port::MutexLock l(&mu_);
  obsolete_.insert(number);
  auto it = chunks_.find(number);
  if (it == chunks_.end()) return {};
  std::vector<std::string> out = std::move(it->second);
  chunks_.erase(it);
  return out;
}

void BucketWal::Remember(uint64_t number, std::vector<std::string> names) {
  port::MutexLock l(&mu_);
  std::vector<std::string>& known = chunks_[number];
  known.insert(known.end(), names.begin(), names.end());
}

bool BucketWal::Due(uint64_t now) const {
  return stop_ || wanted_ > taken_ || pending_bytes_ >= options_.flush_bytes ||
         now >= pending_since_ + options_.flush_interval_ms * 1000;
}

IOStatus BucketWal::PutChunk(const Segment& seg) {
  const std::string name =
      BucketWalChunkName(seg.number, seg.epoch, seg.offset);
  const std::string key = ObjectKey(path_, name);
  PutOptions create;
  create.if_none_match = true;
  IOStatus s = store_->Put(key, seg.data, create);
  if (!s.IsIOFenced()) return s;
  // The chunk exists: our own earlier attempt (its answer was lost, or a
  // retry after a failure) if it holds our bytes.
  std::string there;
  IOStatus g = store_->Get(key, &there);
  if (g.ok() && there == seg.data) return IOStatus::OK();
  if (!g.ok()) return g;
  // A newer writer sealed the log here: its claim says who.
  if (check_fence_) {
    IOStatus f = check_fence_();
    if (!f.ok()) return f;
  }
  return IOStatus::IOFenced(where_ + " object " + key,
                            "a WAL chunk of this writer holds other bytes "
                            "(another writer used this epoch)");
}

BucketWal::Round* BucketWal::TakeRound() {
  auto round = std::make_unique<Round>();
  while (!pending_.empty() &&
         chunks_out_ + round->segs.size() < kMaxWalChunksInFlight) {
    round->bytes += pending_.front().data.size();
    round->segs.push_back(std::move(pending_.front()));
    pending_.pop_front();
  }
  pending_bytes_ -= round->bytes;
  taken_ += round->bytes;
  round->end = taken_;
  // What stays pending keeps its pending_since_: overdue, it goes as soon
  // as a chunk comes back.
  chunks_out_ += round->segs.size();
  rounds_.push_back(std::move(round));
  return rounds_.back().get();
}

IOStatus BucketWal::StoreRound(const Round& round) {
  // See "Fencing" in bucket_wal.h: a log's first confirmed chunks make it
  // visible to (and so sealed by) any later claimer.
  bool check = check_fence_ &&
               (options_.fence_check_interval_ms == 0 ||
                SteadyMicros() >= fence_checked_at_ +
                                      options_.fence_check_interval_ms * 1000);
  for (const Segment& seg : round.segs) {
    check = check || (check_fence_ &&
                      confirmed_.count({seg.number, seg.epoch}) == 0);
  }
  mu_.Unlock();
  IOStatus s;
  for (const Segment& seg : round.segs) {
    s = PutChunk(seg);
    if (!s.ok()) break;
  }
  if (s.ok() && check) s = check_fence_();
  const uint64_t checked_at = SteadyMicros();
  mu_.Lock();
  if (s.ok() && check) {
    fence_checked_at_ = std::max(fence_checked_at_, checked_at);
    for (const Segment& seg : round.segs) {
      confirmed_.insert({seg.number, seg.epoch});
    }
  }
  return s;
}

std::vector<std::string> BucketWal::AdvanceStored() {
  std::vector<std::string> late;  // chunks of logs already given up
  while (!rounds_.empty() &&
         rounds_.front()->state == Round::State::kStored) {
    Round& round = *rounds_.front();
    for (const Segment& seg : round.segs) {
      std::string name = BucketWalChunkName(seg.number, seg.epoch, seg.offset);
      if (obsolete_.count(seg.number) != 0) {
        late.push_back(std::move(name));
      } else {
        chunks_[seg.number].push_back(std::move(name));
      }
    }
    stored_ = round.end;
    chunks_out_ -= round.segs.size();
    rounds_.pop_front();
  }
  return late;
}

void BucketWal::Run() {
  mu_.Lock();
  for (;;) {
    if (!fenced_.ok()) break;  // nothing more can be acknowledged
    if (stop_ && ((pending_.empty() && rounds_.empty()) ||
                  drain_failures_ >= kDrainAttempts)) {
      break;
    }
    const uint64_t now = SteadyMicros();
    uint64_t wake_at = UINT64_MAX;
    Round* round = nullptr;
    // A failed round goes again first: nothing after it counts until it
    // is stored.
    for (const std::unique_ptr<Round>& r : rounds_) {
      if (r->state != Round::State::kFailed) continue;
      if (r->retry_at <= now) {
        round = r.get();
        break;
      }
      wake_at = std::min(wake_at, r->retry_at);
    }
    if (round == nullptr && !pending_.empty() &&
        chunks_out_ < kMaxWalChunksInFlight) {
      if (Due(now)) {
        round = TakeRound();
      } else {
        wake_at = std::min(wake_at, pending_since_ +
                                        options_.flush_interval_ms * 1000);
      }
    }
    if (round == nullptr) {
      if (wake_at == UINT64_MAX) {
        work_cv_.Wait();
      } else {
        work_cv_.TimedWaitMicros(wake_at - now);
      }
      continue;
    }
    round->state = Round::State::kRunning;
    IOStatus s = StoreRound(*round);
    if (s.ok()) {
      round->state = Round::State::kStored;
      consecutive_failures_ = 0;
      backoff_micros_ = 0;
      std::vector<std::string> late = AdvanceStored();
      if (!late.empty() && delete_chunk_) {
        mu_.Unlock();
        for (const std::string& name : late) delete_chunk_(name);
        mu_.Lock();
      }
    } else if (s.IsIOFenced()) {
      fenced_ = s;
    } else {
      round->state = Round::State::kFailed;
      last_error_ = IOStatus::IOError(where_, "storing WAL bytes: " +
                                                  s.ToString());
      last_error_.SetRetryable(s.GetRetryable());
      // A short run of failures (a lost answer is resolved on the next
      // try) is retried before the waiters hear of it.
      if (++consecutive_failures_ >= kFailuresBeforeWaitersFail) {
        failures_++;
        consecutive_failures_ = 0;
      }
      if (stop_) drain_failures_++;
      backoff_micros_ = std::min(
          kMaxBackoffMicros, backoff_micros_ == 0 ? 50000 : backoff_micros_ * 2);
      round->retry_at = SteadyMicros() + backoff_micros_;
    }
    done_cv_.SignalAll();
    work_cv_.SignalAll();
  }
  if (--running_ == 0) exited_ = true;
  done_cv_.SignalAll();
  work_cv_.SignalAll();
  mu_.Unlock();
}

IOStatus ListBucketWals(ObjectStore* store, const std::string& path,
                        const std::string& where,
                        std::vector<BucketWalLog>* logs) {
  logs->clear();
  const std::string prefix = ObjectPrefix(path) + "wal/";
  std::vector<ObjectMeta> objects;
  IOStatus s = store->List(prefix, &objects);
  if (!s.ok()) return s;
  std::map<std::pair<uint64_t, std::string>, BucketWalLog> by_log;
  for (const ObjectMeta& o : objects) {
    uint64_t number = 0, offset = 0;
    std::string epoch;
    if (!ParseChunkName(o.key.substr(prefix.size()), &number, &epoch,
                        &offset)) {
      return IOStatus::Corruption(where + " object " + o.key,
                                  "is not a WAL chunk name");
    }
    BucketWalLog& log = by_log[{number, epoch}];
    log.number = number;
    log.epoch = epoch;
    log.chunks.push_back(o);
    log.offsets.push_back(offset);
  }
  for (auto& entry : by_log) {
    BucketWalLog& log = entry.second;
    std::vector<size_t> order(log.chunks.size());
    for (size_t i = 0; i < order.size(); i++) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return log.offsets[a] < log.offsets[b];
    });
    BucketWalLog sorted;
    sorted.number = log.number;
    sorted.epoch = log.epoch;
    uint64_t end = 0;    // of the contiguous chunks so far
    bool gapped = false;  // a gap that loses bytes: ReadBucketWal says so
    for (size_t k = 0; k < order.size() && !gapped; k++) {
      const size_t i = order[k];
      const bool sealed =
          !sorted.chunks.empty() && sorted.chunks.back().size == 0;
      const bool gap = log.offsets[i] > end;
      const bool tail_gap = gap && order.size() - k < kMaxWalChunksInFlight;
      gapped = gap && !tail_gap;
      if (sealed || tail_gap) {
        for (; k < order.size(); k++) {
          sorted.beyond.push_back(log.chunks[order[k]]);
        }
        break;
      }
      if (gapped) {
        for (; k < order.size(); k++) {
          sorted.chunks.push_back(log.chunks[order[k]]);
          sorted.offsets.push_back(log.offsets[order[k]]);
        }
        break;
      }
      sorted.chunks.push_back(log.chunks[i]);
      sorted.offsets.push_back(log.offsets[i]);
      end = std::max(end, log.offsets[i] + log.chunks[i].size);
    }
    sorted.size = end;
    for (size_t k = 0; k < sorted.chunks.size(); k++) {
      sorted.size = std::max(sorted.size,
                             sorted.offsets[k] + sorted.chunks[k].size);
    }
    logs->push_back(std::move(sorted));
  }
  return IOStatus::OK();
}

IOStatus ReadBucketWal(ObjectStore* store, const std::string& where,
                       const BucketWalLog& log, std::string* data) {
  data->clear();
  for (size_t i = 0; i < log.chunks.size(); i++) {
    const ObjectMeta& chunk = log.chunks[i];
    if (log.offsets[i] != data->size()) {
      return IOStatus::Corruption(
          where + " WAL " + LogBase(log.number, log.epoch),
          (log.offsets[i] > data->size() ? "gap: no chunk holds bytes "
                                         : "overlap: two chunks hold bytes ") +
              std::to_string(std::min<uint64_t>(data->size(),
                                                log.offsets[i])) +
              ".." + std::to_string(std::max<uint64_t>(data->size(),
                                                       log.offsets[i])) +
              " (next chunk " + chunk.key + ")");
    }
    std::string body;
    IOStatus s;
    // A short body or a failed read is tried again (the store's own
    // retries may be few, or none for a local directory).
    for (int attempt = 0; attempt < 3; attempt++) {
      s = store->Get(chunk.key, &body);
      if (s.ok() && body.size() != chunk.size) {
        s = IOStatus::Corruption(
            where + " object " + chunk.key,
            "read " + std::to_string(body.size()) + " bytes, listed as " +
                std::to_string(chunk.size));
      }
      if (s.ok() || s.IsNotFound()) break;
    }
    if (s.IsNotFound()) {
      return IOStatus::Corruption(where + " object " + chunk.key,
                                  "listed WAL chunk is gone: " + s.ToString());
    }
    if (!s.ok()) return s;
    data->append(body);
  }
  return IOStatus::OK();
}

IOStatus SealBucketWal(ObjectStore* store, const std::string& path,
                       const BucketWalLog& log) {
  PutOptions create;
  create.if_none_match = true;
  return store->Put(
      ObjectKey(path, BucketWalChunkName(log.number, log.epoch, log.size)),
      Slice(), create);
}

IOStatus CopyBucketWal(ObjectStore* store, const std::string& path,
                       const BucketWalLog& log, const std::string& epoch,
                       std::vector<std::string>* names) {
  names->clear();
  for (size_t i = 0; i < log.chunks.size(); i++) {
    const std::string name =
        BucketWalChunkName(log.number, epoch, log.offsets[i]);
    IOStatus s = store->Copy(log.chunks[i].key, ObjectKey(path, name));
    if (!s.ok()) return s;
    names->push_back(name);
  }
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
