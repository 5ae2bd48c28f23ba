// The built-in prefix extractors and their ids; contract in
// rocksdb/slice_transform.h. Behaviour as RocksDB 7.8.3's util/slice.cc
// (domains, ranges, full lengths), checked against librocksdb by
// tests/unit/util/slice_transform_test.cpp.
#include "rocksdb/slice_transform.h"

#include <algorithm>
#include <cstdint>

#include "rocksdb/convenience.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class FixedPrefixSliceTransform : public SliceTransform {
 public:
  explicit FixedPrefixSliceTransform(size_t len) : len_(len) {}
  const char* Name() const override { return "rocksdb.FixedPrefix"; }
  std::string GetId() const override {
    return std::string(Name()) + "." + std::to_string(len_);
  }
  Slice Transform(const Slice& key) const override {
    return Slice(key.data(), len_);
  }
  bool InDomain(const Slice& key) const override { return key.size() >= len_; }
  bool InRange(const Slice& dst) const override { return dst.size() == len_; }
  bool FullLengthEnabled(size_t* len) const override {
    *len = len_;
    return true;
  }
  bool SameResultWhenAppended(const Slice& prefix) const override {
    return InDomain(prefix);
  }

 private:
  const size_t len_;
};

class CappedPrefixSliceTransform : public SliceTransform {
 public:
  explicit CappedPrefixSliceTransform(size_t cap) : cap_(cap) {}
  const char* Name() const override { return "rocksdb.CappedPrefix"; }
  std::string GetId() const override {
    return std::string(Name()) + "." + std::to_string(cap_);
  }
  Slice Transform(const Slice& key) const override {
    return Slice(key.data(), std::min(cap_, key.size()));
  }
  bool InDomain(const Slice&) const override { return true; }
  bool InRange(const Slice& dst) const override { return dst.size() <= cap_; }
  bool FullLengthEnabled(size_t* len) const override {
    *len = cap_;
    return true;
  }
  bool SameResultWhenAppended(const Slice& prefix) const override {
    return prefix.size() >= cap_;
  }

 private:
  const size_t cap_;
};

class NoopSliceTransform : public SliceTransform {
 public:
  const char* Name() const override { return "rocksdb.Noop"; }
  Slice Transform(const Slice& key) const override { return key; }
  bool InDomain(const Slice&) const override { return true; }
  bool InRange(const Slice&) const override { return true; }
};

// The decimal after `head` in id, as std::stoull reads it for RocksDB
// (leading zeros, and "-1" wrapping around); false when there is none.
bool ParseSliceTransformLength(const std::string& id, const std::string& head,
                               size_t* len) {
  if (id.size() <= head.size() || id.compare(0, head.size(), head) != 0) {
    return false;
  }
  size_t pos = head.size();
  const bool negative = id[pos] == '-';
  if (negative || id[pos] == '+') pos++;
  if (pos == id.size()) return false;
  uint64_t v = 0;
  for (; pos < id.size(); pos++) {
    if (id[pos] < '0' || id[pos] > '9') return false;
    v = v * 10 + static_cast<uint64_t>(id[pos] - '0');
  }
  if (negative) v = ~v + 1;
  *len = static_cast<size_t>(v);
  return true;
}

}  // namespace

const SliceTransform* NewFixedPrefixTransform(size_t prefix_len) {
  return new FixedPrefixSliceTransform(prefix_len);
}

const SliceTransform* NewCappedPrefixTransform(size_t cap_len) {
  return new CappedPrefixSliceTransform(cap_len);
}

const SliceTransform* NewNoopTransform() { return new NoopSliceTransform; }

Status SliceTransform::CreateFromString(
    const ConfigOptions& config_options, const std::string& value,
    std::shared_ptr<const SliceTransform>* result) {
  std::string id = value;
  if (id.size() >= 2 && id.front() == '{' && id.back() == '}') {
    id = id.substr(1, id.size() - 2);
  }
  if (id.compare(0, 3, "id=") == 0) {
    id = id.substr(3);
    const size_t semi = id.find(';');
    if (semi != std::string::npos) id = id.substr(0, semi);
  }
  if (id.empty() || id == "nullptr") {
    result->reset();
    return Status::OK();
  }
  size_t len = 0;
  if (id == "rocksdb.Noop") {
    result->reset(NewNoopTransform());
  } else if (ParseSliceTransformLength(id, "rocksdb.FixedPrefix.", &len) ||
             ParseSliceTransformLength(id, "fixed:", &len)) {
    result->reset(NewFixedPrefixTransform(len));
  } else if (ParseSliceTransformLength(id, "rocksdb.CappedPrefix.", &len) ||
             ParseSliceTransformLength(id, "capped:", &len)) {
    result->reset(NewCappedPrefixTransform(len));
  } else if (config_options.ignore_unsupported_options) {
    result->reset();  // RocksDB 7.8.3 leaves it unset, and OK
  } else {
    return Status::InvalidArgument("Could not load SliceTransform: " + value);
  }
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
