// Full filters (doc/table_format.md, "Filter block"): building
// RocksDB's FastLocalBloom filter (format_version 5, XXPH3 key hashes,
// 64-byte cache lines) and the legacy Bloom filter of format_version < 5
// (LegacyBloomHash keys, probes within one cache line), and reading both.
// Ribbon and unknown filters are read as "may match" (always correct, never
// a false negative; only the speed-up is lost).
// Builders are not thread-safe; FilterReader is immutable and thread-safe.
#ifndef SKYROCKS_TABLE_FILTER_BLOCK_H_
#define SKYROCKS_TABLE_FILTER_BLOCK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rocksdb/slice.h"
#include "rocksdb/slice_transform.h"

namespace ROCKSDB_NAMESPACE {

// The hash RocksDB filters use: XXPH3 (0.7.2 preview) of the key, seed 0.
uint64_t FilterKeyHash(const Slice& key);

// Builds the full filter RocksDB 7.8.3 writes for a table: FastLocalBloom
// for format_version >= 5, the legacy Bloom filter below that.
class FullFilterBuilder {
 public:
  // bits_per_key as in NewBloomFilterPolicy (e.g. 10.0). prefix_extractor
  // (may be null, not owned) and whole_key_filtering decide what
  // AddUserKey adds.
  FullFilterBuilder(double bits_per_key, uint32_t format_version,
                    const SliceTransform* prefix_extractor = nullptr,
                    bool whole_key_filtering = true);
  // A table's user key, in order, as RocksDB 7.8.3's FullFilterBlockBuilder
  // adds it: the whole key (with whole_key_filtering) and its prefix (when
  // in the extractor's domain), each skipped when equal to the last one of
  // its kind; without whole_key_filtering every prefix, and once the empty
  // string before the second key's (a quirk of RocksDB's partition
  // bookkeeping that shapes the bits; doc/table_format.md, "Filter block").
  void AddUserKey(const Slice& user_key);
  // Adds a key; a key equal to the previous one is skipped.
  void AddKey(const Slice& key);
  size_t NumAdded() const { return hashes_.size(); }
  // The filter block contents (bits + 5-byte metadata); empty when no key
  // was added (RocksDB writes no filter then).
  std::string Finish();
  int millibits_per_key() const { return millibits_per_key_; }
  static int NumProbesFor(int millibits_per_key);

 private:
  std::string FinishFastLocalBloom();
  std::string FinishLegacyBloom();

  int millibits_per_key_;
  bool legacy_;
  // XXPH3 hashes (FastLocalBloom) or legacy 32-bit hashes, consecutive
  // duplicates dropped.
  std::vector<uint64_t> hashes_;
  std::string last_key_;
  bool has_last_ = false;
  // AddUserKey's state (RocksDB's FullFilterBlockBuilder).
  const SliceTransform* prefix_extractor_;
  bool whole_key_filtering_;
  std::string last_whole_key_;
  bool last_whole_key_recorded_ = false;
  std::string last_prefix_;
  bool last_prefix_recorded_ = false;
  bool last_key_in_domain_ = false;
};

// Reads any filter block RocksDB 7.8.3 writes.
class FilterReader {
 public:
  explicit FilterReader(std::string contents);
  // False only if the key is certainly absent.
  bool KeyMayMatch(const Slice& key) const;
  // Starts loading the part of the filter KeyMayMatch(key) will read, so
  // that the probes of several filters overlap their memory latency.
  void Prefetch(const Slice& key) const;
  size_t size() const { return data_.size(); }

 private:
  enum class Kind { kAlwaysTrue, kAlwaysFalse, kFastLocalBloom, kLegacyBloom };
  std::string data_;
  Kind kind_ = Kind::kAlwaysTrue;
  uint32_t len_bytes_ = 0;  // bytes of filter bits
  int num_probes_ = 0;
  uint32_t legacy_num_lines_ = 0;
  int legacy_log2_line_bytes_ = 0;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_FILTER_BLOCK_H_
