// DBIter; contract in db/db_iter.h.
//
// Positioning invariant of the internal iterator:
//  - moving forward, it stands at an entry of the current user key (or
//    past it); Next() skips what is left of that key;
//  - moving backward, it stands at the last entry of the key before the
//    current one (or is invalid); Prev() resolves that key.
// A direction change re-seeks around the current user key.
#include "db/db_iter.h"

#include <string>
#include <vector>

#include "db/merge_helper.h"
#include "util/statistics_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class DBIter : public Iterator {
 public:
  DBIter(InternalIterator* internal, DBIterArgs args)
      : internal_(internal), args_(std::move(args)) {
    if (args_.lower_bound != nullptr) {
      lower_ = args_.lower_bound->ToString();
      has_lower_ = true;
    }
    if (args_.upper_bound != nullptr) {
      upper_ = args_.upper_bound->ToString();
      has_upper_ = true;
    }
    args_.lower_bound = args_.upper_bound = nullptr;
  }
  ~DBIter() override {
    Statistics* st = args_.statistics;
    RecordTick(st, NUMBER_DB_NEXT, next_count_);
    RecordTick(st, NUMBER_DB_NEXT_FOUND, next_found_);
    RecordTick(st, NUMBER_DB_PREV, prev_count_);
    RecordTick(st, NUMBER_DB_PREV_FOUND, prev_found_);
    RecordTick(st, ITER_BYTES_READ, step_bytes_);
  }

  bool Valid() const override { return valid_; }
  Slice key() const override { return Slice(saved_key_); }
  Slice value() const override {
    return value_saved_ ? Slice(saved_value_) : internal_->value();
  }
  Status status() const override {
    if (!status_.ok()) return status_;
    return internal_->status();
  }

  void SeekToFirst() override {
    has_prefix_ = false;
    forward_ = true;
    if (has_lower_) {
      SeekInternal(lower_);
    } else {
      internal_->SeekToFirst();
    }
    FindNext(false);
    PrefixFromCurrentKey();
    CountSeek();
  }

  void SeekToLast() override {
    has_prefix_ = false;
    forward_ = false;
    if (has_upper_) {
      SeekBefore(upper_);
    } else {
      internal_->SeekToLast();
    }
    FindPrev();
    PrefixFromCurrentKey();
    CountSeek();
  }

  void Seek(const Slice& user_target) override {
    PrefixFromTarget(user_target);
    Slice target = user_target;
    if (has_lower_ && ucmp()->Compare(target, lower_) < 0) target = lower_;
    forward_ = true;
    SeekInternal(target);
    FindNext(false);
    CountSeek();
  }

  void SeekForPrev(const Slice& user_target) override {
    PrefixFromTarget(user_target);
    forward_ = false;
    if (has_upper_ && ucmp()->Compare(user_target, upper_) >= 0) {
      SeekBefore(upper_);
    } else {
      // The last entry of user_target itself: (target, 0, lowest type).
      std::string ikey;
      AppendInternalKey(&ikey, user_target, 0, kValueTypeForSeekForPrev);
      internal_->SeekForPrev(ikey);
    }
    FindPrev();
    CountSeek();
  }

  void Next() override {
    if (!forward_) {
      // Back onto the current key's entries, then past them.
      forward_ = true;
      std::string ikey;
      AppendInternalKey(&ikey, saved_key_, kMaxSequenceNumber,
                        kValueTypeForSeek);
      internal_->Seek(ikey);
    }
    // saved_key_ is rewritten before it is read again (key() needs
    // Valid()), so its bytes move to skip_key_ without a copy.
    skip_key_.swap(saved_key_);
    FindNext(true);
    CountStep(&next_count_, &next_found_);
  }

  void Prev() override {
    if (forward_) {
      forward_ = false;
      SeekBefore(saved_key_);
    }
    FindPrev();
    CountStep(&prev_count_, &prev_found_);
  }

 private:
  void CountSeek() {
    Statistics* st = args_.statistics;
    if (st == nullptr) return;
    RecordTick(st, NUMBER_DB_SEEK);
    if (valid_) {
      RecordTick(st, NUMBER_DB_SEEK_FOUND);
      RecordTick(st, ITER_BYTES_READ, saved_key_.size() + value().size());
    }
  }
  void CountStep(uint64_t* count, uint64_t* found) {
    if (args_.statistics == nullptr) return;
    (*count)++;
    if (valid_ && status_.ok()) {
      (*found)++;
      step_bytes_ += saved_key_.size() + value().size();
    }
  }

  const Comparator* ucmp() const { return args_.ucmp; }

  void SeekInternal(const Slice& user_key) {
    std::string ikey;
    AppendInternalKey(&ikey, user_key, args_.read_seq, kValueTypeForSeek);
    internal_->Seek(ikey);
  }

  // prefix_same_as_start: the prefix the iterator stays within.
  void PrefixFromTarget(const Slice& target) {
    const SliceTransform* ext = args_.prefix_same_as_start.get();
    has_prefix_ = ext != nullptr && ext->InDomain(target);
    if (has_prefix_) prefix_ = ext->Transform(target).ToString();
  }
  void PrefixFromCurrentKey() {
    if (valid_) PrefixFromTarget(saved_key_);
  }
  // False when prefix_same_as_start ends the iteration before user_key.
  bool InPrefix(const Slice& user_key) const {
    if (!has_prefix_) return true;
    const SliceTransform* ext = args_.prefix_same_as_start.get();
    return ext->InDomain(user_key) &&
           ucmp()->Compare(ext->Transform(user_key), prefix_) == 0;
  }

  // Positions the internal iterator on the last entry whose user key is
  // < user_key.
  void SeekBefore(const Slice& user_key) {
    std::string ikey;
    AppendInternalKey(&ikey, user_key, kMaxSequenceNumber, kValueTypeForSeek);
    internal_->SeekForPrev(ikey);
  }

  bool Covered(const Slice& user_key, SequenceNumber seq) const {
    return args_.tombstones != nullptr &&
           args_.tombstones->ShouldDelete(user_key, seq);
  }

  bool Fail(Status s) {
    status_ = std::move(s);
    valid_ = false;
    return false;
  }

  bool Parse(ParsedInternalKey* pk) {
    Status s = ParseInternalKey(internal_->key(), pk);
    if (!s.ok()) return Fail(s);
    return true;
  }

  // Forward from the internal position to the first visible user key
  // (past skip_key_ when skipping).
  void FindNext(bool skipping) {
    valid_ = false;
    value_saved_ = false;
    while (internal_->Valid()) {
      ParsedInternalKey pk;
      if (!Parse(&pk)) return;
      if (has_upper_ && ucmp()->Compare(pk.user_key, upper_) >= 0) return;
      if (!InPrefix(pk.user_key)) return;
      if (pk.sequence > args_.read_seq ||
          (skipping && ucmp()->Compare(pk.user_key, skip_key_) <= 0)) {
        internal_->Next();
        continue;
      }
      // The newest visible entry of pk.user_key.
      if (pk.type == kTypeDeletion || pk.type == kTypeSingleDeletion ||
          pk.type == kTypeDeletionWithTimestamp ||
          Covered(pk.user_key, pk.sequence)) {
        skipping = true;
        skip_key_.assign(pk.user_key.data(), pk.user_key.size());
        internal_->Next();
        continue;
      }
      if (pk.type == kTypeValue) {
        saved_key_.assign(pk.user_key.data(), pk.user_key.size());
        valid_ = true;
        return;
      }
      if (pk.type != kTypeMerge) {
        Fail(UnsupportedEntry(pk));
        return;
      }
      // Merge operands, newest first, down to a base value or deletion.
      saved_key_.assign(pk.user_key.data(), pk.user_key.size());
      std::vector<std::string> operands;
      operands.push_back(internal_->value().ToString());
      std::string base;
      bool has_base = false;
      for (internal_->Next(); internal_->Valid(); internal_->Next()) {
        ParsedInternalKey older;
        if (!Parse(&older)) return;
        if (ucmp()->Compare(older.user_key, saved_key_) != 0) break;
        if (older.type == kTypeMerge &&
            !Covered(older.user_key, older.sequence)) {
          operands.push_back(internal_->value().ToString());
          continue;
        }
        if (older.type == kTypeValue &&
            !Covered(older.user_key, older.sequence)) {
          base = internal_->value().ToString();
          has_base = true;
        } else if (older.type != kTypeValue && older.type != kTypeMerge &&
                   older.type != kTypeDeletion &&
                   older.type != kTypeSingleDeletion &&
                   older.type != kTypeDeletionWithTimestamp) {
          Fail(UnsupportedEntry(older));
          return;
        }
        break;
      }
      if (!internal_->status().ok()) return;
      Slice base_slice(base);
      Status s = FullMergeForRead(args_.merge_operator, saved_key_,
                                  has_base ? &base_slice : nullptr, operands,
                                  &saved_value_);
      if (!s.ok()) {
        Fail(s);
        return;
      }
      value_saved_ = true;
      valid_ = true;
      return;
    }
  }

  // Backward from the internal position (the last entry of some key) to
  // the previous visible user key.
  void FindPrev() {
    valid_ = false;
    value_saved_ = false;
    while (internal_->Valid()) {
      ParsedInternalKey pk;
      if (!Parse(&pk)) return;
      if (has_lower_ && ucmp()->Compare(pk.user_key, lower_) < 0) return;
      if (!InPrefix(pk.user_key)) return;
      // Collect this key's visible entries; backward they come oldest
      // first.
      std::string user_key = pk.user_key.ToString();
      entries_.clear();
      for (; internal_->Valid(); internal_->Prev()) {
        ParsedInternalKey e;
        if (!Parse(&e)) return;
        if (ucmp()->Compare(e.user_key, user_key) != 0) break;
        if (e.sequence > args_.read_seq) continue;
        entries_.push_back({e.type, e.sequence, internal_->value().ToString()});
      }
      if (!internal_->status().ok()) return;
      bool found = false;
      if (!Resolve(user_key, &found)) return;
      if (found) {
        saved_key_ = std::move(user_key);
        value_saved_ = true;
        valid_ = true;
        return;
      }
    }
  }

  // Decides the key from entries_ (oldest first). Sets *found and
  // saved_value_; false after a failure (status set).
  bool Resolve(const std::string& user_key, bool* found) {
    std::vector<std::string> operands;
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      const bool covered = Covered(user_key, it->seq);
      if (!covered && it->type == kTypeMerge) {
        operands.push_back(std::move(it->value));
        continue;
      }
      const bool is_value = !covered && it->type == kTypeValue;
      if (!covered && !is_value && it->type != kTypeDeletion &&
          it->type != kTypeSingleDeletion &&
          it->type != kTypeDeletionWithTimestamp) {
        ParsedInternalKey pk(user_key, it->seq, it->type);
        return Fail(UnsupportedEntry(pk));
      }
      if (operands.empty()) {
        *found = is_value;
        if (is_value) saved_value_ = std::move(it->value);
        return true;
      }
      Slice base(it->value);
      Status s =
          FullMergeForRead(args_.merge_operator, user_key,
                           is_value ? &base : nullptr, operands, &saved_value_);
      if (!s.ok()) return Fail(s);
      *found = true;
      return true;
    }
    if (operands.empty()) {
      *found = false;
      return true;
    }
    Status s = FullMergeForRead(args_.merge_operator, user_key, nullptr,
                                operands, &saved_value_);
    if (!s.ok()) return Fail(s);
    *found = true;
    return true;
  }

  static Status UnsupportedEntry(const ParsedInternalKey& pk) {
    return Status::NotSupported(
        "entry type " + std::to_string(static_cast<int>(pk.type)) +
        " for key '" + pk.user_key.ToString(true) +
        "' (blob or wide-column entries are not supported)");
  }

  struct Entry {
    ValueType type;
    SequenceNumber seq;
    std::string value;
  };

  std::unique_ptr<InternalIterator> internal_;
  DBIterArgs args_;
  std::string lower_, upper_;
  bool has_lower_ = false, has_upper_ = false;
  std::string prefix_;
  bool has_prefix_ = false;
  bool forward_ = true;
  bool valid_ = false;
  bool value_saved_ = false;
  std::string saved_key_;
  std::string saved_value_;
  std::string skip_key_;
  std::vector<Entry> entries_;
  Status status_;
  // Next/Prev tickers, added to the statistics at deletion.
  uint64_t next_count_ = 0, next_found_ = 0;
  uint64_t prev_count_ = 0, prev_found_ = 0;
  uint64_t step_bytes_ = 0;
};

}  // namespace

Iterator* NewDBIterator(InternalIterator* internal, DBIterArgs args) {
  return new DBIter(internal, std::move(args));
}

}  // namespace ROCKSDB_NAMESPACE
