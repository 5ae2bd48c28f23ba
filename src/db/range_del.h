// RangeTombstones: the DeleteRange tombstones visible to one read (those
// with sequence <= the read's sequence), from memtables and SSTs, cut into
// non-overlapping fragments so that "is this entry deleted?" is one binary
// search. An entry (user_key, seq) is deleted when a visible tombstone with
// a higher sequence covers user_key: begin <= user_key < end.
// Build with Add*, then Finish once; after that it is immutable and may be
// shared by threads.
#ifndef SKYROCKS_DB_RANGE_DEL_H_
#define SKYROCKS_DB_RANGE_DEL_H_

#include <string>
#include <vector>

#include "rocksdb/comparator.h"
#include "rocksdb/status.h"
#include "table/dbformat.h"
#include "table/internal_iterator.h"

namespace ROCKSDB_NAMESPACE {

class RangeTombstones {
 public:
  // ucmp must outlive this object.
  RangeTombstones(const Comparator* ucmp, SequenceNumber read_seq)
      : ucmp_(ucmp), read_seq_(read_seq) {}

  // Adds every tombstone of a range-deletion iterator (key: internal key
  // (begin, seq, kTypeRangeDeletion), value: end user key). Corruption on
  // a key that does not parse.
  [[nodiscard]] Status AddAll(InternalIterator* it);
  void Add(const Slice& begin, const Slice& end, SequenceNumber seq);
  void Finish();

  bool empty() const { return fragments_.empty(); }
  // Sequence of the newest visible tombstone covering user_key, 0 if none.
  // REQUIRES: Finish() was called.
  SequenceNumber MaxCoveringSeq(const Slice& user_key) const;
  bool ShouldDelete(const Slice& user_key, SequenceNumber seq) const {
    return !fragments_.empty() && MaxCoveringSeq(user_key) > seq;
  }

 private:
  struct Tombstone {
    std::string begin, end;
    SequenceNumber seq;
  };
  // [begin, next fragment's begin) is covered up to seq (0: a gap).
  struct Fragment {
    std::string begin;
    SequenceNumber seq;
  };

  const Comparator* ucmp_;
  SequenceNumber read_seq_;
  std::vector<Tombstone> pending_;
  std::vector<Fragment> fragments_;
};

// For one point lookup: raises *max_seq to the sequence of the newest
// tombstone of `it` (a range-deletion iterator as AddAll takes, in any
// order) that is visible at read_seq and covers user_key. One scan and no
// copies, where a RangeTombstones would copy and sort every tombstone.
// Corruption on a key that does not parse.
[[nodiscard]] Status RaiseMaxCoveringSeq(InternalIterator* it,
                                         const Comparator* ucmp,
                                         SequenceNumber read_seq,
                                         const Slice& user_key,
                                         SequenceNumber* max_seq);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_RANGE_DEL_H_
