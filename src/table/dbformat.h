// Internal keys: what SSTs, memtables and the WAL order by. An internal key
// is user_key followed by 8 bytes: (sequence << 8) | value_type, little-
// endian (doc/table_format.md, "Internal keys"). Ordering: user
// key ascending by the user comparator, then the packed trailer descending
// (newer first). This lives in table/ because SSTs store internal keys and
// table/ is below db/; db/ uses it too. All functions are thread-safe.
#ifndef SKYROCKS_TABLE_DBFORMAT_H_
#define SKYROCKS_TABLE_DBFORMAT_H_

#include <cstdint>
#include <string>

#include "rocksdb/comparator.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "rocksdb/types.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

// RocksDB 7.8.3's tags. Values are on disk: never renumber.
enum ValueType : unsigned char {
  kTypeDeletion = 0x0,
  kTypeValue = 0x1,
  kTypeMerge = 0x2,
  kTypeLogData = 0x3,
  kTypeColumnFamilyDeletion = 0x4,
  kTypeColumnFamilyValue = 0x5,
  kTypeColumnFamilyMerge = 0x6,
  kTypeSingleDeletion = 0x7,
  kTypeColumnFamilySingleDeletion = 0x8,
  kTypeBeginPrepareXID = 0x9,
  kTypeEndPrepareXID = 0xA,
  kTypeCommitXID = 0xB,
  kTypeRollbackXID = 0xC,
  kTypeNoop = 0xD,
  kTypeColumnFamilyRangeDeletion = 0xE,
  kTypeRangeDeletion = 0xF,
  kTypeColumnFamilyBlobIndex = 0x10,
  kTypeBlobIndex = 0x11,
  kTypeBeginPersistedPrepareXID = 0x12,
  kTypeBeginUnprepareXID = 0x13,
  kTypeDeletionWithTimestamp = 0x14,
  kTypeCommitXIDAndTimestamp = 0x15,
  kTypeWideColumnEntity = 0x16,
  kTypeColumnFamilyWideColumnEntity = 0x17,
  kTypeMaxValid,
  kMaxValue = 0x7F
};

// Seek keys: the largest type sorts first among equal (key, sequence).
constexpr ValueType kValueTypeForSeek = kTypeWideColumnEntity;
constexpr ValueType kValueTypeForSeekForPrev = kTypeDeletion;
constexpr SequenceNumber kMaxSequenceNumber = (uint64_t{1} << 56) - 1;
constexpr size_t kInternalKeyTrailerSize = 8;

// Types that may appear in an SST or memtable entry.
inline bool IsValueTypeInTable(ValueType t) {
  return t == kTypeDeletion || t == kTypeValue || t == kTypeMerge ||
         t == kTypeSingleDeletion || t == kTypeRangeDeletion ||
         t == kTypeBlobIndex || t == kTypeDeletionWithTimestamp ||
         t == kTypeWideColumnEntity;
}

// REQUIRES: seq <= kMaxSequenceNumber
inline uint64_t PackSequenceAndType(SequenceNumber seq, ValueType t) {
  return (seq << 8) | t;
}
inline void UnPackSequenceAndType(uint64_t packed, SequenceNumber* seq,
                                  ValueType* t) {
  *seq = packed >> 8;
  *t = static_cast<ValueType>(packed & 0xff);
}

struct ParsedInternalKey {
  Slice user_key;
  SequenceNumber sequence = 0;
  ValueType type = kTypeDeletion;

  ParsedInternalKey() = default;
  ParsedInternalKey(const Slice& u, SequenceNumber seq, ValueType t)
      : user_key(u), sequence(seq), type(t) {}
  // "'<user key hex>' seq:N, type:T" for messages.
  std::string DebugString() const;
};

void AppendInternalKey(std::string* result, const ParsedInternalKey& key);
void AppendInternalKey(std::string* result, const Slice& user_key,
                       SequenceNumber seq, ValueType t);

// Corruption naming the key (hex) when it is shorter than 8 bytes or has an
// unknown type.
Status ParseInternalKey(const Slice& internal_key, ParsedInternalKey* result);

// REQUIRES: internal_key.size() >= 8
inline Slice ExtractUserKey(const Slice& internal_key) {
  return Slice(internal_key.data(),
               internal_key.size() - kInternalKeyTrailerSize);
}
// REQUIRES: internal_key.size() >= 8
inline uint64_t ExtractInternalKeyFooter(const Slice& internal_key) {
  return DecodeFixed64(internal_key.data() + internal_key.size() -
                       kInternalKeyTrailerSize);
}
// REQUIRES: internal_key.size() >= 8
inline ValueType ExtractValueType(const Slice& internal_key) {
  return static_cast<ValueType>(ExtractInternalKeyFooter(internal_key) & 0xff);
}

// The 8 bytes at p as a big-endian number (compilers emit one load and a
// byte swap).
inline uint64_t DecodeBigEndian64(const char* p) {
  const unsigned char* u = reinterpret_cast<const unsigned char*>(p);
  return (uint64_t{u[0]} << 56) | (uint64_t{u[1]} << 48) |
         (uint64_t{u[2]} << 40) | (uint64_t{u[3]} << 32) |
         (uint64_t{u[4]} << 24) | (uint64_t{u[5]} << 16) |
         (uint64_t{u[6]} << 8) | uint64_t{u[7]};
}

// InternalKeyComparator's order over BytewiseComparator(), inline: user
// keys by memcmp (shorter first on a common prefix), then the newer
// (larger sequence/type) first.
// REQUIRES: alen >= 8 and blen >= 8
inline int CompareBytewiseInternalKeys(const char* a, size_t alen,
                                       const char* b, size_t blen) {
  const size_t au = alen - kInternalKeyTrailerSize;
  const size_t bu = blen - kInternalKeyTrailerSize;
  const size_t n = au < bu ? au : bu;
  // Eight bytes at a time as big-endian words (what memcmp would decide),
  // then the rest bytewise: short keys cost no library call.
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint64_t x = DecodeBigEndian64(a + i);
    const uint64_t y = DecodeBigEndian64(b + i);
    if (x != y) return x < y ? -1 : +1;
  }
  for (; i < n; i++) {
    const unsigned char x = static_cast<unsigned char>(a[i]);
    const unsigned char y = static_cast<unsigned char>(b[i]);
    if (x != y) return x < y ? -1 : +1;
  }
  if (au != bu) return au < bu ? -1 : +1;
  const uint64_t an = DecodeFixed64(a + au);
  const uint64_t bn = DecodeFixed64(b + bu);
  return an > bn ? -1 : (an < bn ? +1 : 0);
}

// Orders internal keys; wraps the user comparator (not owned; it must
// outlive this object). It is a Comparator so that blocks and iterators can
// take either kind.
class InternalKeyComparator : public Comparator {
 public:
  explicit InternalKeyComparator(const Comparator* user_comparator)
      : user_comparator_(user_comparator),
        bytewise_(user_comparator == BytewiseComparator()),
        name_(std::string("rocksdb.InternalKeyComparator:") +
              user_comparator->Name()) {}

  // REQUIRES: a.size() >= 8 and b.size() >= 8
  int Compare(const Slice& a, const Slice& b) const override {
    return CompareInline(a, b);
  }
  // Compare without a virtual call when the user comparator is
  // BytewiseComparator() (hot loops call this directly).
  int CompareInline(const Slice& a, const Slice& b) const {
    if (bytewise_) {
      return CompareBytewiseInternalKeys(a.data(), a.size(), b.data(),
                                         b.size());
    }
    return CompareWithUserComparator(a, b);
  }
  // True when the user comparator is BytewiseComparator().
  bool bytewise() const { return bytewise_; }
  int Compare(const ParsedInternalKey& a, const ParsedInternalKey& b) const;
  const Comparator* user_comparator() const { return user_comparator_; }
  const char* Name() const override { return name_.c_str(); }

  // Shortening for index separators: shortens the user key and, when it
  // did, appends (kMaxSequenceNumber, kValueTypeForSeek).
  void FindShortestSeparator(std::string* start,
                             const Slice& limit) const override;
  void FindShortSuccessor(std::string* key) const override;

 private:
  int CompareWithUserComparator(const Slice& a, const Slice& b) const;

  const Comparator* user_comparator_;
  const bool bytewise_;
  std::string name_;
};

// An owned internal key.
class InternalKey {
 public:
  InternalKey() = default;
  InternalKey(const Slice& user_key, SequenceNumber s, ValueType t) {
    AppendInternalKey(&rep_, user_key, s, t);
  }
  void DecodeFrom(const Slice& s) { rep_.assign(s.data(), s.size()); }
  Slice Encode() const { return rep_; }
  Slice user_key() const { return ExtractUserKey(rep_); }
  bool Valid() const { return rep_.size() >= kInternalKeyTrailerSize; }
  void Clear() { rep_.clear(); }
  std::string* rep() { return &rep_; }

 private:
  std::string rep_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_DBFORMAT_H_
