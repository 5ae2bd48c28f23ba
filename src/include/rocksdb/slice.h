// Slice: a pointer and a length into bytes owned by someone else. The caller
// keeps the bytes alive while the Slice is used. Slices are cheap to copy and
// are not thread-safe to mutate, like RocksDB's.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_SLICE_H_
#define SKYROCKS_INCLUDE_ROCKSDB_SLICE_H_

#include <cassert>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

struct SliceParts;

class Slice {
 public:
  Slice() : data_(""), size_(0) {}
  Slice(const char* d, size_t n) : data_(d), size_(n) {}
  Slice(const std::string& s) : data_(s.data()), size_(s.size()) {}   // NOLINT
  Slice(std::string_view sv) : data_(sv.data()), size_(sv.size()) {}  // NOLINT
  Slice(const char* s) : data_(s), size_(strlen(s)) {}                // NOLINT
  // The concatenation of parts, written into *buf (which the Slice points
  // into: it must outlive the Slice).
  Slice(const SliceParts& parts, std::string* buf);

  const char* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // REQUIRES: n < size()
  char operator[](size_t n) const {
    assert(n < size_);
    return data_[n];
  }

  void clear() {
    data_ = "";
    size_ = 0;
  }

  // REQUIRES: n <= size()
  void remove_prefix(size_t n) {
    assert(n <= size_);
    data_ += n;
    size_ -= n;
  }
  // REQUIRES: n <= size()
  void remove_suffix(size_t n) {
    assert(n <= size_);
    size_ -= n;
  }

  std::string ToString(bool hex = false) const;
  std::string_view ToStringView() const { return {data_, size_}; }

  // <0, 0, >0 as *this is less than, equal to or greater than b (memcmp
  // order, shorter first on a common prefix).
  int compare(const Slice& b) const;

  bool starts_with(const Slice& x) const {
    return size_ >= x.size_ && memcmp(data_, x.data_, x.size_) == 0;
  }
  bool ends_with(const Slice& x) const {
    return size_ >= x.size_ &&
           memcmp(data_ + size_ - x.size_, x.data_, x.size_) == 0;
  }
  // Length of the common prefix of *this and b.
  size_t difference_offset(const Slice& b) const;

  const char* data_;
  size_t size_;
};

// A key or value given in pieces (RocksDB's SliceParts): parts[0..num_parts).
struct SliceParts {
  SliceParts(const Slice* _parts, int _num_parts)
      : parts(_parts), num_parts(_num_parts) {}
  SliceParts() : parts(nullptr), num_parts(0) {}

  const Slice* parts;
  int num_parts;
};

inline bool operator==(const Slice& x, const Slice& y) {
  return x.size() == y.size() && memcmp(x.data(), y.data(), x.size()) == 0;
}
inline bool operator!=(const Slice& x, const Slice& y) { return !(x == y); }

inline int Slice::compare(const Slice& b) const {
  const size_t min_len = (size_ < b.size_) ? size_ : b.size_;
  int r = memcmp(data_, b.data_, min_len);
  if (r == 0) {
    if (size_ < b.size_) {
      r = -1;
    } else if (size_ > b.size_) {
      r = +1;
    }
  }
  return r;
}

inline size_t Slice::difference_offset(const Slice& b) const {
  const size_t n = size_ < b.size_ ? size_ : b.size_;
  size_t off = 0;
  while (off < n && data_[off] == b.data_[off]) off++;
  return off;
}

// A Slice that either owns its bytes (a copy in its own buffer, or in a
// caller's std::string given at construction) or points at bytes another
// object keeps alive (PinSlice; IsPinned() is then true and the cleanup
// runs at Reset or destruction). skyrocks' own reads copy (PinSelf), so
// IsPinned() is false after DB::Get. Movable, not copyable.
class PinnableSlice : public Slice {
 public:
  using CleanupFunction = void (*)(void* arg1, void* arg2);

  PinnableSlice() = default;
  explicit PinnableSlice(std::string* buf) : buf_(buf) {}
  PinnableSlice(const PinnableSlice&) = delete;
  PinnableSlice& operator=(const PinnableSlice&) = delete;
  PinnableSlice(PinnableSlice&& other) { *this = std::move(other); }
  PinnableSlice& operator=(PinnableSlice&& other) {
    if (this == &other) return *this;
    ReleaseCleanup();
    cleanup_ = other.cleanup_;
    arg1_ = other.arg1_;
    arg2_ = other.arg2_;
    other.cleanup_ = nullptr;
    size_ = other.size_;
    pinned_ = other.pinned_;
    if (pinned_) {
      data_ = other.data_;
    } else if (other.buf_ == &other.self_space_) {
      self_space_ = std::move(other.self_space_);
      buf_ = &self_space_;
      data_ = buf_->data();
    } else {
      buf_ = other.buf_;
      data_ = other.data_;
    }
    other.self_space_.clear();
    other.buf_ = &other.self_space_;
    other.pinned_ = false;
    other.PinSelf();
    return *this;
  }
  ~PinnableSlice() { ReleaseCleanup(); }

  // Points at s, whose bytes stay valid until release(arg1, arg2) runs
  // (at Reset or destruction; release may be nullptr).
  void PinSlice(const Slice& s, CleanupFunction release, void* arg1,
                void* arg2) {
    ReleaseCleanup();
    pinned_ = true;
    data_ = s.data();
    size_ = s.size();
    cleanup_ = release;
    arg1_ = arg1;
    arg2_ = arg2;
  }
  // Copies s into the owned buffer.
  void PinSelf(const Slice& s) {
    ReleaseCleanup();
    pinned_ = false;
    buf_->assign(s.data(), s.size());
    data_ = buf_->data();
    size_ = buf_->size();
  }
  // Adopts what was written into GetSelf().
  void PinSelf() {
    ReleaseCleanup();
    pinned_ = false;
    data_ = buf_->data();
    size_ = buf_->size();
  }
  void remove_suffix(size_t n) {
    assert(n <= size());
    if (pinned_) {
      size_ -= n;
    } else {
      buf_->erase(size() - n, n);
      PinSelf();
    }
  }
  void remove_prefix(size_t n) {
    assert(n <= size());
    if (pinned_) {
      data_ += n;
      size_ -= n;
    } else {
      buf_->erase(0, n);
      PinSelf();
    }
  }
  std::string* GetSelf() { return buf_; }
  bool IsPinned() const { return pinned_; }
  void Reset() {
    ReleaseCleanup();
    pinned_ = false;
    buf_->clear();
    data_ = "";
    size_ = 0;
  }

 private:
  void ReleaseCleanup() {
    if (cleanup_ != nullptr) cleanup_(arg1_, arg2_);
    cleanup_ = nullptr;
  }

  std::string self_space_;
  std::string* buf_ = &self_space_;
  bool pinned_ = false;
  CleanupFunction cleanup_ = nullptr;
  void* arg1_ = nullptr;
  void* arg2_ = nullptr;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_SLICE_H_
