// MemTable: the in-memory write buffer of one column family. Point entries
// live in a SkipList ordered by internal key; range tombstones (DeleteRange)
// in a second SkipList. Each entry is one arena allocation:
//
//   varint32 internal_key_len | internal_key | varint32 value_len | value
//
// where internal_key = user_key | u64((sequence << 8) | type). A range
// tombstone is stored as (begin_key, seq, kTypeRangeDeletion) -> end_key.
//
// Thread-safety: Add needs external synchronization (one writer at a
// time); Get, iterators and the counters may be used concurrently with it.
// Lifetime: reference counted (Ref/Unref, thread-safe); the last Unref
// deletes it.
// Iterators must not outlive the memtable.
#ifndef SKYROCKS_DB_MEMTABLE_H_
#define SKYROCKS_DB_MEMTABLE_H_

#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "db/memtable_bloom.h"
#include "db/merge_context.h"
#include "db/skiplist.h"
#include "rocksdb/comparator.h"
#include "rocksdb/slice.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/status.h"
#include "table/dbformat.h"
#include "table/internal_iterator.h"
#include "util/arena.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

// A key for MemTable::Get: user key and the snapshot sequence, encoded
// once in the forms the memtable and SSTs need.
class LookupKey {
 public:
  LookupKey(const Slice& user_key, SequenceNumber sequence);
  LookupKey(const LookupKey&) = delete;
  LookupKey& operator=(const LookupKey&) = delete;

  // varint32 length | internal key (what the memtable skiplist holds).
  Slice memtable_key() const { return Slice(rep_); }
  // user_key | (sequence, kValueTypeForSeek)
  Slice internal_key() const {
    return Slice(rep_.data() + kstart_, rep_.size() - kstart_);
  }
  Slice user_key() const {
    return Slice(rep_.data() + kstart_, rep_.size() - kstart_ - 8);
  }
  SequenceNumber sequence() const { return sequence_; }

 private:
  std::string rep_;
  size_t kstart_;
  SequenceNumber sequence_;
};

// The prefix Bloom filter of a memtable (ColumnFamilyOptions::
// prefix_extractor, memtable_prefix_bloom_size_ratio,
// memtable_whole_key_filtering): none unless bloom_bits > 0 and there is an
// extractor or whole keys to add.
struct MemTableBloomOptions {
  std::shared_ptr<const SliceTransform> prefix_extractor;
  uint64_t bloom_bits = 0;
  bool whole_key_filtering = false;
};

class MemTable {
 public:
  // Orders a skiplist of entry pointers by their internal keys.
  // With the bytewise user comparator (the default) it compares inline:
  // no virtual calls on the skiplist's hot path.
  struct KeyComparator {
    const InternalKeyComparator* comparator;
    bool bytewise;
    explicit KeyComparator(const InternalKeyComparator* c)
        : comparator(c),
          bytewise(c->user_comparator() == BytewiseComparator()) {}
    int operator()(const char* a, const char* b) const {
      uint32_t alen;
      uint32_t blen;
      const char* ak = GetVarint32Ptr(a, a + 5, &alen);
      const char* bk = GetVarint32Ptr(b, b + 5, &blen);
      if (!bytewise) {
        return comparator->Compare(Slice(ak, alen), Slice(bk, blen));
      }
      return CompareBytewiseInternalKeys(ak, alen, bk, blen);
    }
    // The user key's first eight bytes, big-endian, zero-padded: ordered
    // like the keys under the bytewise comparator (0 for other comparators:
    // then every comparison is a full one).
    uint64_t Prefix(const char* entry) const {
      if (!bytewise) return 0;
      uint32_t len;
      const char* k = GetVarint32Ptr(entry, entry + 5, &len);
      const size_t user_len = len - kInternalKeyTrailerSize;
      if (user_len >= 8) return DecodeBigEndian64(k);
      char buf[8] = {0};
      std::memcpy(buf, k, user_len);
      return DecodeBigEndian64(buf);
    }
  };
  using Table = SkipList<const char*, KeyComparator, Arena>;

  // Iterates over point entries (or range tombstones) in internal key
  // order. key() is the internal key, value() the value (the end key for
  // tombstones); both stay valid while the memtable lives.
  class Iterator {
   public:
    explicit Iterator(const Table* table) : iter_(table) {}
    bool Valid() const { return iter_.Valid(); }
    void SeekToFirst() { iter_.SeekToFirst(); }
    void SeekToLast() { iter_.SeekToLast(); }
    // First entry with internal key >= target.
    void Seek(const Slice& internal_target);
    // Last entry with internal key <= target.
    void SeekForPrev(const Slice& internal_target);
    // REQUIRES: Valid()
    void Next() { iter_.Next(); }
    void Prev() { iter_.Prev(); }
    Slice key() const;
    Slice value() const;

   private:
    Table::Iterator iter_;
    std::string tmp_;  // encoded seek target
  };

  // cmp must outlive the memtable. Memory is taken from the arena in
  // blocks of arena_block_size bytes.
  explicit MemTable(const InternalKeyComparator& cmp,
                    size_t arena_block_size = Arena::kDefaultBlockSize,
                    MemTableBloomOptions bloom = MemTableBloomOptions());
  MemTable(const MemTable&) = delete;
  MemTable& operator=(const MemTable&) = delete;

  // Reference counting is atomic: readers release memtables from any
  // thread without the DB mutex.
  void Ref() { refs_.fetch_add(1, std::memory_order_relaxed); }
  // Deletes the memtable when the last reference goes.
  void Unref() {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  // Adds an entry. type is kTypeValue, kTypeDeletion, kTypeSingleDeletion,
  // kTypeMerge or kTypeRangeDeletion (then key is the begin key and value
  // the end key). InvalidArgument for other types; a second entry with the
  // same (key, seq, type) is rejected with InvalidArgument too.
  // REQUIRES: external synchronization with other Add calls.
  [[nodiscard]] Status Add(SequenceNumber seq, ValueType type, const Slice& key,
                           const Slice& value);

  // Looks up key.user_key() as of key.sequence(). Returns true when the
  // search is over:
  // * *s OK: *value is the newest value; if merge_context holds operands
  //   (newer than the value) the caller must merge them onto it.
  // * *s NotFound: deleted (point or range tombstone; operands in
  //   merge_context, if any, are to be merged onto no value).
  // * *s NotSupported: an entry type skyrocks does not handle.
  // Returns false when older data must be consulted: *s is
  // MergeInProgress if operands were collected, else unchanged.
  // *max_covering_tombstone_seq is raised to the newest visible range
  // tombstone covering the key here; entries older than it (including in
  // older memtables/SSTs the caller checks next) are deleted.
  bool Get(const LookupKey& key, std::string* value, Status* s,
           MergeContext* merge_context,
           SequenceNumber* max_covering_tombstone_seq);

  // False when the Bloom filter rules out every key with the prefix of
  // internal_key's user key (RocksDB's prefix-seek check); true without
  // a filter, an extractor, or for a key outside its domain.
  bool PrefixMayMatch(const Slice& internal_key) const;
  bool has_prefix_bloom() const {
    return bloom_ != nullptr && bloom_opts_.prefix_extractor != nullptr;
  }

  // Sequence of the newest visible range tombstone covering user_key
  // (0 if none).
  SequenceNumber MaxCoveringTombstoneSeq(const Slice& user_key,
                                         SequenceNumber read_seq) const;

  std::unique_ptr<Iterator> NewIterator() const {
    return std::make_unique<Iterator>(&table_);
  }
  std::unique_ptr<Iterator> NewRangeTombstoneIterator() const {
    return std::make_unique<Iterator>(&range_del_table_);
  }

  // Bytes held (arena blocks), for write_buffer_size decisions.
  size_t ApproximateMemoryUsage() const { return arena_.MemoryUsage(); }

  uint64_t num_entries() const {
    return num_entries_.load(std::memory_order_relaxed);
  }
  uint64_t num_deletes() const {
    return num_deletes_.load(std::memory_order_relaxed);
  }
  // Bytes of the entries as encoded (RocksDB's get_data_size()).
  uint64_t data_size() const {
    return data_size_.load(std::memory_order_relaxed);
  }
  uint64_t num_range_deletes() const {
    return num_range_deletes_.load(std::memory_order_relaxed);
  }
  bool IsEmpty() const { return first_seqno_.load() == 0; }
  // Sequence of the first entry added (0 when empty).
  SequenceNumber GetFirstSequenceNumber() const {
    return first_seqno_.load(std::memory_order_relaxed);
  }
  const InternalKeyComparator& GetInternalKeyComparator() const {
    return *comparator_.comparator;
  }
  // Two-phase commit: this memtable holds the data of a transaction whose
  // prepare section is in WAL log; that WAL is kept until this memtable
  // is flushed (the commit marker's replay needs the prepare section).
  void RefLogContainingPrepSection(uint64_t log) {
    uint64_t cur = min_prep_log_.load(std::memory_order_relaxed);
    while ((cur == 0 || log < cur) &&
           !min_prep_log_.compare_exchange_weak(cur, log)) {
    }
  }
  // The oldest such WAL; 0 when none.
  uint64_t GetMinLogContainingPrepSection() const {
    return min_prep_log_.load(std::memory_order_relaxed);
  }

 private:
  ~MemTable();

  // Whether Get may find user_key here (the Bloom filter's answer).
  bool BloomMayContain(const Slice& user_key) const;

  KeyComparator comparator_;
  const MemTableBloomOptions bloom_opts_;
  std::unique_ptr<MemTableBloom> bloom_;  // null: no filter
  std::atomic<int> refs_{0};
  Arena arena_;
  Table table_;
  Table range_del_table_;
  std::atomic<uint64_t> num_entries_{0};
  std::atomic<uint64_t> num_deletes_{0};
  std::atomic<uint64_t> data_size_{0};
  std::atomic<uint64_t> num_range_deletes_{0};
  std::atomic<SequenceNumber> first_seqno_{0};
  std::atomic<uint64_t> min_prep_log_{0};
};

// The memtable's point entries (or range tombstones) as an
// InternalIterator. The memtable must outlive it. prefix_seek (point
// entries): Seek and SeekForPrev leave it invalid when
// mem->PrefixMayMatch(target) is false, as RocksDB's prefix seeks do.
InternalIterator* NewMemTableInternalIterator(const MemTable* mem,
                                              bool range_tombstones,
                                              bool prefix_seek = false);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_MEMTABLE_H_
