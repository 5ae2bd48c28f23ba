// TxnKeyTracker (utilities/txn_key_tracker.h): a transaction's tracked keys.
#include "utilities/txn_key_tracker.h"

#include <algorithm>

namespace ROCKSDB_NAMESPACE {

void TxnKeyTracker::Track(uint32_t cf, const std::string& key,
                          SequenceNumber seq, bool read_only, bool exclusive) {
  KeyMap& keys = keys_[cf];
  auto result = keys.try_emplace(key);
  TrackedKeyInfo& info = result.first->second;
  if (result.second) {
    info.seq = seq;
  } else if (seq < info.seq) {
    info.seq = seq;  // the earlier sequence is the stronger guarantee
  }
  if (read_only) {
    info.num_reads++;
  } else {
    info.num_writes++;
  }
  info.exclusive = info.exclusive || exclusive;
}

TxnUntrackStatus TxnKeyTracker::Untrack(uint32_t cf, const std::string& key,
                                        bool read_only) {
  auto cf_it = keys_.find(cf);
  if (cf_it == keys_.end()) return TxnUntrackStatus::kNotTracked;
  auto it = cf_it->second.find(key);
  if (it == cf_it->second.end()) return TxnUntrackStatus::kNotTracked;
  TrackedKeyInfo& info = it->second;
  bool untracked = false;
  uint32_t& count = read_only ? info.num_reads : info.num_writes;
  if (count > 0) {
    count--;
    untracked = true;
  }
  if (info.num_reads == 0 && info.num_writes == 0) {
    cf_it->second.erase(it);
    if (cf_it->second.empty()) keys_.erase(cf_it);
    return TxnUntrackStatus::kRemoved;
  }
  return untracked ? TxnUntrackStatus::kUntracked
                   : TxnUntrackStatus::kNotTracked;
}

void TxnKeyTracker::Subtract(const TxnKeyTracker& other) {
  for (const auto& cf : other.keys_) {
    auto cf_it = keys_.find(cf.first);
    if (cf_it == keys_.end()) continue;
    for (const auto& k : cf.second) {
      auto it = cf_it->second.find(k.first);
      if (it == cf_it->second.end()) continue;
      TrackedKeyInfo& info = it->second;
      info.num_reads -= std::min(info.num_reads, k.second.num_reads);
      info.num_writes -= std::min(info.num_writes, k.second.num_writes);
      if (info.num_reads == 0 && info.num_writes == 0) {
        cf_it->second.erase(it);
      }
    }
    if (cf_it->second.empty()) keys_.erase(cf_it);
  }
}

void TxnKeyTracker::Merge(const TxnKeyTracker& other) {
  for (const auto& cf : other.keys_) {
    KeyMap& keys = keys_[cf.first];
    for (const auto& k : cf.second) {
      auto result = keys.try_emplace(k.first, k.second);
      if (!result.second) {
        TrackedKeyInfo& info = result.first->second;
        info.num_reads += k.second.num_reads;
        info.num_writes += k.second.num_writes;
        info.exclusive = info.exclusive || k.second.exclusive;
      }
    }
  }
}

uint64_t TxnKeyTracker::NumKeys() const {
  uint64_t n = 0;
  for (const auto& cf : keys_) n += cf.second.size();
  return n;
}

}  // namespace ROCKSDB_NAMESPACE
