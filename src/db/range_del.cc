// RangeTombstones; contract in db/range_del.h.
#include "db/range_del.h"

#include <algorithm>

namespace ROCKSDB_NAMESPACE {

Status RangeTombstones::AddAll(InternalIterator* it) {
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ParsedInternalKey pk;
    Status s = ParseInternalKey(it->key(), &pk);
    if (!s.ok()) return s;
    Add(pk.user_key, it->value(), pk.sequence);
  }
  return it->status();
}

Status RaiseMaxCoveringSeq(InternalIterator* it, const Comparator* ucmp,
                           SequenceNumber read_seq, const Slice& user_key,
                           SequenceNumber* max_seq) {
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ParsedInternalKey pk;
    Status s = ParseInternalKey(it->key(), &pk);
    if (!s.ok()) return s;
    if (pk.sequence > read_seq || pk.sequence <= *max_seq) continue;
    if (ucmp->Compare(pk.user_key, user_key) <= 0 &&
        ucmp->Compare(user_key, it->value()) < 0) {
      *max_seq = pk.sequence;
    }
  }
  return it->status();
}

void RangeTombstones::Add(const Slice& begin, const Slice& end,
                          SequenceNumber seq) {
  if (seq > read_seq_ || ucmp_->Compare(begin, end) >= 0) return;
  pending_.push_back({begin.ToString(), end.ToString(), seq});
}

void RangeTombstones::Finish() {
  fragments_.clear();
  if (pending_.empty()) return;
  // Boundaries: every begin and end, sorted and unique.
  std::vector<std::string> bounds;
  bounds.reserve(2 * pending_.size());
  for (const Tombstone& t : pending_) {
    bounds.push_back(t.begin);
    bounds.push_back(t.end);
  }
  auto less = [this](const std::string& a, const std::string& b) {
    return ucmp_->Compare(a, b) < 0;
  };
  std::sort(bounds.begin(), bounds.end(), less);
  bounds.erase(std::unique(bounds.begin(), bounds.end(),
                           [this](const std::string& a, const std::string& b) {
                             return ucmp_->Compare(a, b) == 0;
                           }),
               bounds.end());
  std::vector<SequenceNumber> seqs(bounds.size(), 0);
  for (const Tombstone& t : pending_) {
    size_t i = std::lower_bound(bounds.begin(), bounds.end(), t.begin, less) -
               bounds.begin();
    for (; i < bounds.size() && ucmp_->Compare(bounds[i], t.end) < 0; i++) {
      seqs[i] = std::max(seqs[i], t.seq);
    }
  }
  // Merge neighbours with the same sequence.
  for (size_t i = 0; i < bounds.size(); i++) {
    if (!fragments_.empty() && fragments_.back().seq == seqs[i]) continue;
    fragments_.push_back({std::move(bounds[i]), seqs[i]});
  }
  pending_.clear();
}

SequenceNumber RangeTombstones::MaxCoveringSeq(const Slice& user_key) const {
  // The last fragment whose begin <= user_key.
  auto it = std::upper_bound(fragments_.begin(), fragments_.end(), user_key,
                             [this](const Slice& k, const Fragment& f) {
                               return ucmp_->Compare(k, f.begin) < 0;
                             });
  if (it == fragments_.begin()) return 0;
  return std::prev(it)->seq;
}

}  // namespace ROCKSDB_NAMESPACE
