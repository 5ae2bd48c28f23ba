// MergingIterator; contract in db/merging_iterator.h. The current child is
// found by a linear scan of the children's keys after each move: the
// children are few (memtables, L0 files, one per deeper level) and a scan
// has no bookkeeping to get wrong on direction changes. Each child's key is
// cached (a child's key stays valid until it moves) and after a Next/Prev
// only the moved child is asked again for its key and status. Forward, ties go
// to the lower child index (newer sources first); backward, to the higher, so
// a backward walk is the exact reverse of a forward one.
#include "db/merging_iterator.h"

#include <algorithm>
#include <memory>

namespace ROCKSDB_NAMESPACE {

namespace {

class MergingIterator : public InternalIterator {
 public:
  MergingIterator(const InternalKeyComparator* cmp,
                  std::vector<InternalIterator*> children)
      : cmp_(cmp) {
    for (InternalIterator* c : children) children_.emplace_back(c);
    keys_.resize(children_.size());
    valid_.resize(children_.size());
  }

  bool Valid() const override { return current_ >= 0 && status_.ok(); }

  void SeekToFirst() override {
    for (auto& c : children_) c->SeekToFirst();
    Rebuild(true);
  }
  void SeekToLast() override {
    for (auto& c : children_) c->SeekToLast();
    Rebuild(false);
  }
  void Seek(const Slice& target) override {
    for (auto& c : children_) c->Seek(target);
    Rebuild(true);
  }
  void SeekForPrev(const Slice& target) override {
    for (auto& c : children_) c->SeekForPrev(target);
    Rebuild(false);
  }

  void Next() override {
    if (!forward_) {
      // Every other child must move to its first entry after key().
      const std::string key = key_of_current();
      for (size_t i = 0; i < children_.size(); i++) {
        if (static_cast<int>(i) == current_) continue;
        InternalIterator* c = children_[i].get();
        c->Seek(key);
        // Equal keys from children listed before current_ were already
        // returned (they win ties); from children after it they come next.
        if (c->Valid() && cmp_->Compare(c->key(), key) == 0 &&
            static_cast<int>(i) < current_) {
          c->Next();
        }
      }
      children_[current_]->Next();
      Rebuild(true);
      return;
    }
    children_[current_]->Next();
    RebuildAfterMove(true);
  }

  void Prev() override {
    if (forward_) {
      const std::string key = key_of_current();
      for (size_t i = 0; i < children_.size(); i++) {
        if (static_cast<int>(i) == current_) continue;
        InternalIterator* c = children_[i].get();
        c->SeekForPrev(key);
        // Forward, equal keys from children listed after current_ came
        // after it, so walking back they are already behind us; those
        // listed before come next.
        if (c->Valid() && cmp_->Compare(c->key(), key) == 0 &&
            static_cast<int>(i) > current_) {
          c->Prev();
        }
      }
      children_[current_]->Prev();
      Rebuild(false);
      return;
    }
    children_[current_]->Prev();
    RebuildAfterMove(false);
  }

  Slice key() const override { return keys_[current_]; }
  Slice value() const override { return children_[current_]->value(); }
  Status status() const override { return status_; }

 private:
  std::string key_of_current() const {
    return children_[current_]->key().ToString();
  }

  // Re-reads child i's validity and key; false (status_ set) on an error.
  // A valid child has an OK status (InternalIterator's contract), so only
  // an invalid one is asked for it.
  bool Refresh(size_t i) {
    InternalIterator* c = children_[i].get();
    if (c->Valid()) {
      valid_[i] = true;
      keys_[i] = c->key();
      return true;
    }
    valid_[i] = false;
    Status s = c->status();
    if (!s.ok()) {
      status_ = std::move(s);
      return false;
    }
    return true;
  }

  // After every child moved.
  void Rebuild(bool forward) {
    for (size_t i = 0; i < children_.size(); i++) {
      if (!Refresh(i)) {
        current_ = -1;
        return;
      }
    }
    Pick(forward);
  }

  // After only the current child moved.
  void RebuildAfterMove(bool forward) {
    if (!Refresh(static_cast<size_t>(current_))) {
      current_ = -1;
      return;
    }
    Pick(forward);
  }

  // Picks the current child: smallest key forward (ties: lowest index),
  // largest backward (ties: highest index).
  void Pick(bool forward) {
    forward_ = forward;
    current_ = -1;
    for (size_t i = 0; i < children_.size(); i++) {
      if (!valid_[i]) continue;
      if (current_ < 0) {
        current_ = static_cast<int>(i);
        continue;
      }
      const int r = cmp_->CompareInline(keys_[i], keys_[current_]);
      if (forward ? r < 0 : r >= 0) current_ = static_cast<int>(i);
    }
  }

  const InternalKeyComparator* cmp_;
  std::vector<std::unique_ptr<InternalIterator>> children_;
  std::vector<Slice> keys_;  // keys_[i] is valid while valid_[i]
  std::vector<char> valid_;
  int current_ = -1;
  bool forward_ = true;
  Status status_;
};

}  // namespace

InternalIterator* NewMergingIterator(const InternalKeyComparator* cmp,
                                     std::vector<InternalIterator*> children) {
  if (children.size() == 1) return children[0];
  return new MergingIterator(cmp, std::move(children));
}

}  // namespace ROCKSDB_NAMESPACE
