// TxnKeyTracker: the keys a transaction has read for update or written,
// per column family, each with the sequence it was first tracked at and
// how many reads and writes track it (RocksDB 7.8.3's PointLockTracker).
// A transaction keeps one for all its keys and one per save point for the
// keys tracked since, so that rolling back to the save point untracks
// exactly those. Not thread-safe (one per transaction).
#ifndef SKYROCKS_UTILITIES_TXN_KEY_TRACKER_H_
#define SKYROCKS_UTILITIES_TXN_KEY_TRACKER_H_

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "rocksdb/types.h"

namespace ROCKSDB_NAMESPACE {

struct TrackedKeyInfo {
  // The earliest sequence the key was tracked at: the transaction has
  // seen the key as of this sequence.
  SequenceNumber seq = 0;
  uint32_t num_writes = 0;
  uint32_t num_reads = 0;
  bool exclusive = false;
};

enum class TxnUntrackStatus { kNotTracked, kUntracked, kRemoved };

class TxnKeyTracker {
 public:
  using KeyMap = std::unordered_map<std::string, TrackedKeyInfo>;
  // Column family id -> keys; ordered so commits visit them alike.
  using CfMap = std::map<uint32_t, KeyMap>;

  // One more read (read_only) or write of key; keeps the smaller sequence.
  void Track(uint32_t cf, const std::string& key, SequenceNumber seq,
             bool read_only, bool exclusive);
  // One read (read_only) or write fewer; the key goes when none is left.
  TxnUntrackStatus Untrack(uint32_t cf, const std::string& key, bool read_only);
  // Takes away other's counts (keys tracked since a save point).
  void Subtract(const TxnKeyTracker& other);
  // Adds other's keys and counts (a popped save point's keys go to the
  // save point below it).
  void Merge(const TxnKeyTracker& other);
  void Clear() { keys_.clear(); }

  uint64_t NumKeys() const;
  const CfMap& keys() const { return keys_; }

 private:
  CfMap keys_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTILITIES_TXN_KEY_TRACKER_H_
