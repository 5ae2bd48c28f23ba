// The built-in comparators: bytewise and reverse bytewise, with RocksDB's
// names and separator/successor shortening.
#include "rocksdb/comparator.h"

#include <algorithm>
#include <cstdint>

namespace ROCKSDB_NAMESPACE {

namespace {

class BytewiseComparatorImpl : public Comparator {
 public:
  const char* Name() const override { return "leveldb.BytewiseComparator"; }

  int Compare(const Slice& a, const Slice& b) const override {
    return a.compare(b);
  }
  bool Equal(const Slice& a, const Slice& b) const override { return a == b; }

  void FindShortestSeparator(std::string* start,
                             const Slice& limit) const override {
    const size_t min_length = std::min(start->size(), limit.size());
    size_t diff_index = 0;
    while (diff_index < min_length &&
           (*start)[diff_index] == limit[diff_index]) {
      diff_index++;
    }
    if (diff_index >= min_length) return;  // one is a prefix of the other
    const uint8_t start_byte = static_cast<uint8_t>((*start)[diff_index]);
    const uint8_t limit_byte = static_cast<uint8_t>(limit[diff_index]);
    if (start_byte >= limit_byte) return;  // not ordered; leave alone
    if (diff_index < limit.size() - 1 || start_byte + 1 < limit_byte) {
      (*start)[diff_index]++;
      start->resize(diff_index + 1);
    } else {
      // limit is start[0..diff_index] with that byte one higher and nothing
      // after it: find a later byte of start that can be incremented.
      diff_index++;
      while (diff_index < start->size()) {
        if (static_cast<uint8_t>((*start)[diff_index]) < 0xff) {
          (*start)[diff_index]++;
          start->resize(diff_index + 1);
          break;
        }
        diff_index++;
      }
    }
  }

  void FindShortSuccessor(std::string* key) const override {
    const size_t n = key->size();
    for (size_t i = 0; i < n; i++) {
      const uint8_t byte = static_cast<uint8_t>((*key)[i]);
      if (byte != 0xff) {
        (*key)[i] = static_cast<char>(byte + 1);
        key->resize(i + 1);
        return;
      }
    }
    // *key is a run of 0xffs: leave it alone.
  }
};

class ReverseBytewiseComparatorImpl : public Comparator {
 public:
  const char* Name() const override {
    return "rocksdb.ReverseBytewiseComparator";
  }
  int Compare(const Slice& a, const Slice& b) const override {
    return -a.compare(b);
  }
  bool Equal(const Slice& a, const Slice& b) const override { return a == b; }
  void FindShortestSeparator(std::string* /*start*/,
                             const Slice& /*limit*/) const override {}
  void FindShortSuccessor(std::string* /*key*/) const override {}
};

}  // namespace

const Comparator* BytewiseComparator() {
  static const BytewiseComparatorImpl* bytewise = new BytewiseComparatorImpl;
  return bytewise;
}

const Comparator* ReverseBytewiseComparator() {
  static const ReverseBytewiseComparatorImpl* reverse =
      new ReverseBytewiseComparatorImpl;
  return reverse;
}

}  // namespace ROCKSDB_NAMESPACE
