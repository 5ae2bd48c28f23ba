// SkipList: the ordered set behind a memtable, leveldb-style.
//
// Thread-safety: Insert needs external synchronization (one writer at a
// time, e.g. the DB's write path holds a mutex), but readers need no locks
// and may run concurrently with that writer: a node's fields are set before
// it is published with a release store, readers follow links with acquire
// loads, and nodes are never deleted until the whole SkipList is destroyed
// (its memory belongs to the Allocator). Keys are immutable once inserted.
//
// Key is copied by value (use a pointer to an encoded entry); Comparator is
// a functor `int operator()(const Key&, const Key&) const` with
// `uint64_t Prefix(const Key&) const`: a summary of a key such that
// Prefix(a) < Prefix(b) implies a < b (e.g. a bytewise key's first eight
// bytes as a big-endian number; a constant if there is no such summary).
// Allocator has `char* AllocateAligned(size_t bytes)` and must outlive the
// list.
//
// Performance: in a large list nearly every node a search visits is a cache
// miss. A key may live in the same allocation as its node (Prepare +
// InsertPrepared), so that a comparison touches one place in memory, not
// two. Each link carries the Prefix of the node it points to, which lets
// the writer's search decide most steps without loading the next node: it
// loads only the nodes it moves to, so the list branches by 2 (fewer moves
// per search than by 4 once the nodes it drops past are free). Readers do
// not use the prefixes (only the writer changes them). Appends (a key after
// every key in the list) skip the search: the list remembers the last node
// of each level.
#ifndef SKYROCKS_DB_SKIPLIST_H_
#define SKYROCKS_DB_SKIPLIST_H_

#include <atomic>
#include <cassert>
#include <cstdint>
#include <new>

#include "port/port.h"
#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

template <typename Key, class Comparator, class Allocator>
class SkipList {
 private:
  struct Node;

 public:
  SkipList(Comparator cmp, Allocator* allocator);
  SkipList(const SkipList&) = delete;
  SkipList& operator=(const SkipList&) = delete;

  // Inserts key; false (nothing changed) if an equal key is present.
  // REQUIRES: external synchronization with other Insert calls.
  bool Insert(const Key& key);

  // A node allocated ahead of its key, with payload bytes right after it.
  class Prepared {
   private:
    friend class SkipList;
    char* mem_ = nullptr;
    int height_ = 0;
  };
  // Allocates a node followed by payload_bytes (returned) for the caller
  // to fill; then InsertPrepared(p, key) with a key referring to them.
  // REQUIRES: external synchronization with other Insert calls.
  char* Prepare(size_t payload_bytes, Prepared* p);
  // Inserts key in the node p; false (nothing changed, the memory stays
  // unused in the allocator) if an equal key is present.
  // REQUIRES: p came from Prepare on this list and is used once.
  bool InsertPrepared(const Prepared& p, const Key& key);

  bool Contains(const Key& key) const;

  // Iterates over the list; valid while the list lives. Sees every key
  // inserted before the iterator's position moved past where it goes.
  class Iterator {
   public:
    explicit Iterator(const SkipList* list) : list_(list), node_(nullptr) {}
    bool Valid() const { return node_ != nullptr; }
    // REQUIRES: Valid()
    const Key& key() const {
      assert(Valid());
      return node_->key;
    }
    // REQUIRES: Valid()
    void Next() {
      assert(Valid());
      node_ = node_->Next(0);
      // Scans (flushes) visit nodes in key order, not memory order: start
      // loading the next one while the caller works on this one.
      if (node_ != nullptr) SKYROCKS_PREFETCH(node_->Next(0));
    }
    // REQUIRES: Valid()
    void Prev() {
      assert(Valid());
      node_ = list_->FindLessThan(node_->key);
      if (node_ == list_->head_) node_ = nullptr;
    }
    // First entry >= target.
    void Seek(const Key& target) {
      node_ = list_->FindGreaterOrEqual(target, nullptr);
    }
    // Last entry <= target.
    void SeekForPrev(const Key& target) {
      Seek(target);
      if (!Valid()) {
        SeekToLast();
      }
      while (Valid() && list_->compare_(target, node_->key) < 0) {
        Prev();
      }
    }
    void SeekToFirst() { node_ = list_->head_->Next(0); }
    void SeekToLast() {
      node_ = list_->FindLast();
      if (node_ == list_->head_) node_ = nullptr;
    }

   private:
    const SkipList* list_;
    Node* node_;
  };

 private:
  // Branching by 2: ample for 2^20 nodes and more.
  static constexpr int kMaxHeight = 24;

  int GetMaxHeight() const {
    return max_height_.load(std::memory_order_relaxed);
  }
  Node* NewNode(const Key& key, int height);
  static size_t NodeSize(int height) {
    return sizeof(Node) + sizeof(typename Node::Link) * (height - 1);
  }
  // Links the node at mem (NodeSize(height) bytes) holding key.
  bool InsertNode(char* mem, int height, const Key& key);
  int RandomHeight();
  bool KeyIsAfterNode(const Key& key, Node* n) const {
    return n != nullptr && compare_(n->key, key) < 0;
  }
  // First node >= key; fills prev[level] with the node before it at each
  // level when prev is not null.
  Node* FindGreaterOrEqual(const Key& key, Node** prev) const;
  // The writer's FindGreaterOrEqual, steered by the links' prefixes
  // (prefix == compare_.Prefix(key)): fills prev like it; true if the list
  // holds a key equal to key.
  bool FindForInsert(const Key& key, uint64_t prefix, Node** prev) const;
  // Last node < key, or head_.
  Node* FindLessThan(const Key& key) const;
  // Last node, or head_ if empty.
  Node* FindLast() const;

  const Comparator compare_;
  Allocator* const allocator_;
  Node* const head_;
  // Only the writer changes it; readers may see a stale value, which is
  // safe (the new levels of head_ are null until linked).
  std::atomic<int> max_height_;
  // Writer-only state of the height generator (xorshift32).
  uint32_t rnd_;
  // Writer-only: the last node of each level (head_ when none).
  Node* tail_[kMaxHeight];
};

template <typename Key, class Comparator, class Allocator>
struct SkipList<Key, Comparator, Allocator>::Node {
  explicit Node(const Key& k) : key(k) {}
  const Key key;

  Node* Next(int n) { return links_[n].next.load(std::memory_order_acquire); }
  void SetNext(int n, Node* x) {
    links_[n].next.store(x, std::memory_order_release);
  }
  Node* NoBarrierNext(int n) {
    return links_[n].next.load(std::memory_order_relaxed);
  }
  void NoBarrierSetNext(int n, Node* x) {
    links_[n].next.store(x, std::memory_order_relaxed);
  }
  // Writer-only: the Prefix of Next(n)'s key (meaningless when null).
  uint64_t NextPrefix(int n) const { return links_[n].prefix; }
  void SetNextPrefix(int n, uint64_t p) { links_[n].prefix = p; }

  struct Link {
    std::atomic<Node*> next;
    uint64_t prefix;
  };

 private:
  // Length is the node's height; allocated past the end of the struct.
  Link links_[1];
};

template <typename Key, class Comparator, class Allocator>
typename SkipList<Key, Comparator, Allocator>::Node*
SkipList<Key, Comparator, Allocator>::NewNode(const Key& key, int height) {
  char* mem = allocator_->AllocateAligned(NodeSize(height));
  return new (mem) Node(key);
}

template <typename Key, class Comparator, class Allocator>
int SkipList<Key, Comparator, Allocator>::RandomHeight() {
  rnd_ ^= rnd_ << 13;
  rnd_ ^= rnd_ >> 17;
  rnd_ ^= rnd_ << 5;
  // One more level per trailing one bit: probability 1/2 each.
  const uint32_t stop = ~rnd_ | (1u << (kMaxHeight - 1));
  return 1 + __builtin_ctz(stop);
}

template <typename Key, class Comparator, class Allocator>
typename SkipList<Key, Comparator, Allocator>::Node*
SkipList<Key, Comparator, Allocator>::FindGreaterOrEqual(const Key& key,
                                                         Node** prev) const {
  Node* x = head_;
  int level = GetMaxHeight() - 1;
  while (true) {
    Node* next = x->Next(level);
    // Comparing with next misses the cache; so would the node we go to
    // next if we drop a level: fetch both at once.
    if (level > 0) SKYROCKS_PREFETCH(x->Next(level - 1));
    if (KeyIsAfterNode(key, next)) {
      x = next;
    } else {
      if (prev != nullptr) prev[level] = x;
      if (level == 0) return next;
      level--;
    }
  }
}

template <typename Key, class Comparator, class Allocator>
bool SkipList<Key, Comparator, Allocator>::FindForInsert(const Key& key,
                                                         uint64_t prefix,
                                                         Node** prev) const {
  Node* x = head_;
  int level = GetMaxHeight() - 1;
  bool equal = false;
  while (true) {
    // Only this thread changes links: no barriers needed.
    Node* next = x->NoBarrierNext(level);
    if (next != nullptr) {
      const uint64_t p = x->NextPrefix(level);
      int c = p < prefix ? -1 : 1;
      if (p == prefix) c = compare_(next->key, key);
      if (c < 0) {
        x = next;
        continue;
      }
      if (level == 0) equal = c == 0;
    }
    prev[level] = x;
    if (level == 0) return equal;
    level--;
  }
}

template <typename Key, class Comparator, class Allocator>
typename SkipList<Key, Comparator, Allocator>::Node*
SkipList<Key, Comparator, Allocator>::FindLessThan(const Key& key) const {
  Node* x = head_;
  int level = GetMaxHeight() - 1;
  while (true) {
    Node* next = x->Next(level);
    if (next == nullptr || compare_(next->key, key) >= 0) {
      if (level == 0) return x;
      level--;
    } else {
      x = next;
    }
  }
}

template <typename Key, class Comparator, class Allocator>
typename SkipList<Key, Comparator, Allocator>::Node*
SkipList<Key, Comparator, Allocator>::FindLast() const {
  Node* x = head_;
  int level = GetMaxHeight() - 1;
  while (true) {
    Node* next = x->Next(level);
    if (next == nullptr) {
      if (level == 0) return x;
      level--;
    } else {
      x = next;
    }
  }
}

template <typename Key, class Comparator, class Allocator>
SkipList<Key, Comparator, Allocator>::SkipList(Comparator cmp,
                                               Allocator* allocator)
    : compare_(cmp),
      allocator_(allocator),
      head_(NewNode(Key(), kMaxHeight)),
      max_height_(1),
      rnd_(0xdeadbeef) {
  for (int i = 0; i < kMaxHeight; i++) {
    head_->SetNext(i, nullptr);
    head_->SetNextPrefix(i, 0);
    tail_[i] = head_;
  }
}

template <typename Key, class Comparator, class Allocator>
bool SkipList<Key, Comparator, Allocator>::Insert(const Key& key) {
  const int height = RandomHeight();
  return InsertNode(allocator_->AllocateAligned(NodeSize(height)), height, key);
}

template <typename Key, class Comparator, class Allocator>
char* SkipList<Key, Comparator, Allocator>::Prepare(size_t payload_bytes,
                                                    Prepared* p) {
  p->height_ = RandomHeight();
  const size_t node_size = NodeSize(p->height_);
  p->mem_ = allocator_->AllocateAligned(node_size + payload_bytes);
  return p->mem_ + node_size;
}

template <typename Key, class Comparator, class Allocator>
bool SkipList<Key, Comparator, Allocator>::InsertPrepared(const Prepared& p,
                                                          const Key& key) {
  return InsertNode(p.mem_, p.height_, key);
}

template <typename Key, class Comparator, class Allocator>
bool SkipList<Key, Comparator, Allocator>::InsertNode(char* mem, int height,
                                                      const Key& key) {
  Node* prev[kMaxHeight];
  Node* x;
  Node* const last = tail_[0];
  const uint64_t prefix = compare_.Prefix(key);
  if (last != head_ && compare_(last->key, key) < 0) {
    // An append: the last node of each level precedes the new one.
    for (int i = 0; i < kMaxHeight; i++) prev[i] = tail_[i];
  } else {
    if (FindForInsert(key, prefix, prev)) return false;
  }
  if (height > GetMaxHeight()) {
    for (int i = GetMaxHeight(); i < height; i++) prev[i] = head_;
    // Readers that see the new height before the links find null at the
    // new levels of head_ and drop down: harmless.
    max_height_.store(height, std::memory_order_relaxed);
  }
  x = new (mem) Node(key);
  for (int i = 0; i < height; i++) {
    // Relaxed is enough here: SetNext(prev) below publishes x.
    Node* const next = prev[i]->NoBarrierNext(i);
    x->NoBarrierSetNext(i, next);
    x->SetNextPrefix(i, prev[i]->NextPrefix(i));
    prev[i]->SetNextPrefix(i, prefix);
    prev[i]->SetNext(i, x);
    if (next == nullptr) tail_[i] = x;
  }
  return true;
}

template <typename Key, class Comparator, class Allocator>
bool SkipList<Key, Comparator, Allocator>::Contains(const Key& key) const {
  Node* x = FindGreaterOrEqual(key, nullptr);
  return x != nullptr && compare_(key, x->key) == 0;
}

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_SKIPLIST_H_
