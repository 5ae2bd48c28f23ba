// FastLocalBloom filter building and filter reading; contract in
// table/filter_block.h.
#include "table/filter_block.h"

#include <algorithm>

#include "port/port.h"
#include "util/coding.h"
#include "util/hash.h"
#include "util/xxhash.h"

namespace ROCKSDB_NAMESPACE {

namespace {

constexpr uint32_t kFilterMetadataLen = 5;
constexpr uint32_t kFilterMaxBytes = 0xffffffc0u;
constexpr uint32_t kBloomGoldenRatio = 0x9e3779b9u;
constexpr uint32_t kLegacyBloomLineBytes = 64;

inline uint32_t BloomFastRange32(uint32_t hash, uint32_t range) {
  return static_cast<uint32_t>((uint64_t{hash} * range) >> 32);
}

inline void BloomSetBits(uint32_t h2, int num_probes, char* line) {
  uint32_t h = h2;
  for (int i = 0; i < num_probes; ++i, h *= kBloomGoldenRatio) {
    const uint32_t bitpos = h >> (32 - 9);
    line[bitpos >> 3] = static_cast<char>(
        static_cast<uint8_t>(line[bitpos >> 3]) | (1u << (bitpos & 7)));
  }
}

inline bool BloomCheckBits(uint32_t h2, int num_probes, const char* line) {
  uint32_t h = h2;
  for (int i = 0; i < num_probes; ++i, h *= kBloomGoldenRatio) {
    const uint32_t bitpos = h >> (32 - 9);
    if ((static_cast<uint8_t>(line[bitpos >> 3]) & (1u << (bitpos & 7))) == 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

uint64_t FilterKeyHash(const Slice& key) {
  return xxhash::XXPH3_64bits(key.data(), key.size());
}

FullFilterBuilder::FullFilterBuilder(double bits_per_key,
                                     uint32_t format_version,
                                     const SliceTransform* prefix_extractor,
                                     bool whole_key_filtering)
    : millibits_per_key_(
          static_cast<int>(std::max(0.0, bits_per_key) * 1000.0 + 0.500001)),
      legacy_(format_version < 5),
      prefix_extractor_(prefix_extractor),
      whole_key_filtering_(whole_key_filtering) {}

void FullFilterBuilder::AddUserKey(const Slice& key) {
  const bool add_prefix =
      prefix_extractor_ != nullptr && prefix_extractor_->InDomain(key);
  if (!last_prefix_recorded_ && last_key_in_domain_) {
    AddKey(last_prefix_);
    last_prefix_recorded_ = true;
  }
  if (whole_key_filtering_) {
    if (!add_prefix) {
      AddKey(key);
    } else if (!last_whole_key_recorded_ || Slice(last_whole_key_) != key) {
      AddKey(key);
      last_whole_key_recorded_ = true;
      last_whole_key_.assign(key.data(), key.size());
    }
  }
  last_key_in_domain_ = add_prefix;
  if (!add_prefix) return;
  const Slice prefix = prefix_extractor_->Transform(key);
  if (!whole_key_filtering_) {
    AddKey(prefix);
  } else if (!last_prefix_recorded_ || Slice(last_prefix_) != prefix) {
    AddKey(prefix);
    last_prefix_recorded_ = true;
    last_prefix_.assign(prefix.data(), prefix.size());
  }
}

int FullFilterBuilder::NumProbesFor(int millibits) {
  if (millibits <= 2080) return 1;
  if (millibits <= 3580) return 2;
  if (millibits <= 5100) return 3;
  if (millibits <= 6640) return 4;
  if (millibits <= 8300) return 5;
  if (millibits <= 10070) return 6;
  if (millibits <= 11720) return 7;
  if (millibits <= 14001) return 8;
  if (millibits <= 16050) return 9;
  if (millibits <= 18300) return 10;
  if (millibits <= 22001) return 11;
  if (millibits <= 25501) return 12;
  if (millibits > 50000) return 24;
  return (millibits - 1) / 2000 - 1;
}

void FullFilterBuilder::AddKey(const Slice& key) {
  if (has_last_ && Slice(last_key_) == key) return;
  last_key_.assign(key.data(), key.size());
  has_last_ = true;
  const uint64_t h = legacy_ ? LegacyBloomHash(key) : FilterKeyHash(key);
  if (hashes_.empty() || hashes_.back() != h) hashes_.push_back(h);
}

std::string FullFilterBuilder::Finish() {
  std::string out;
  if (!hashes_.empty() && millibits_per_key_ > 0) {
    out = legacy_ ? FinishLegacyBloom() : FinishFastLocalBloom();
  }
  hashes_.clear();
  has_last_ = false;
  last_whole_key_recorded_ = false;
  last_prefix_recorded_ = false;
  return out;
}

std::string FullFilterBuilder::FinishLegacyBloom() {
  // Whole bits per key; probes ~ ln 2 * bits, in [1, 30]; an odd number of
  // 64-byte lines so that more hash bits choose the line.
  const int bits_per_key = (millibits_per_key_ + 500) / 1000;
  const int num_probes =
      std::min(30, std::max(1, static_cast<int>(bits_per_key * 0.69)));
  const uint32_t line_bits = kLegacyBloomLineBytes * 8;
  const uint64_t total_bits = uint64_t{hashes_.size()} * bits_per_key;
  uint32_t num_lines = static_cast<uint32_t>(
      std::min<uint64_t>((total_bits + line_bits - 1) / line_bits,
                         kFilterMaxBytes / kLegacyBloomLineBytes - 1));
  if (num_lines % 2 == 0) num_lines++;
  const size_t len = size_t{num_lines} * kLegacyBloomLineBytes;
  std::string out(len + kFilterMetadataLen, '\0');
  for (uint64_t h64 : hashes_) {
    uint32_t h = static_cast<uint32_t>(h64);
    const uint32_t delta = (h >> 17) | (h << 15);
    const uint32_t base = (h % num_lines) * line_bits;
    for (int i = 0; i < num_probes; i++) {
      const uint32_t bitpos = base + (h % line_bits);
      out[bitpos / 8] = static_cast<char>(
          static_cast<uint8_t>(out[bitpos / 8]) | (1u << (bitpos % 8)));
      h += delta;
    }
  }
  out[len] = static_cast<char>(num_probes);
  EncodeFixed32(&out[len + 1], num_lines);
  return out;
}

std::string FullFilterBuilder::FinishFastLocalBloom() {
  std::string out;
  const uint64_t bits = uint64_t{hashes_.size()} * millibits_per_key_;
  uint64_t len = (bits + 7999) / 8000;
  len = std::min<uint64_t>((len + 63) / 64 * 64, kFilterMaxBytes);
  const int num_probes = NumProbesFor(millibits_per_key_);
  out.assign(static_cast<size_t>(len) + kFilterMetadataLen, '\0');
  const uint32_t num_lines = static_cast<uint32_t>(len >> 6);
  for (uint64_t h : hashes_) {
    const uint32_t line = BloomFastRange32(static_cast<uint32_t>(h), num_lines);
    BloomSetBits(static_cast<uint32_t>(h >> 32), num_probes,
                 &out[size_t{line} << 6]);
  }
  out[len] = static_cast<char>(0xff);  // new Bloom implementation
  out[len + 1] = 0;                    // sub-implementation FastLocalBloom
  out[len + 2] = static_cast<char>(num_probes);  // 64-byte lines: log2 - 6 = 0
  return out;
}

FilterReader::FilterReader(std::string contents) : data_(std::move(contents)) {
  const size_t n = data_.size();
  if (n <= kFilterMetadataLen) {
    kind_ = Kind::kAlwaysFalse;  // empty filter: nothing was added
    return;
  }
  len_bytes_ = static_cast<uint32_t>(n - kFilterMetadataLen);
  const signed char marker = static_cast<signed char>(data_[len_bytes_]);
  if (marker == -1) {
    const uint8_t sub = static_cast<uint8_t>(data_[len_bytes_ + 1]);
    const uint8_t block_and_probes =
        static_cast<uint8_t>(data_[len_bytes_ + 2]);
    const int log2_line_minus6 = block_and_probes >> 5;
    num_probes_ = block_and_probes & 31;
    if (sub == 0 && log2_line_minus6 == 0 && num_probes_ >= 1 &&
        len_bytes_ % 64 == 0) {
      kind_ = Kind::kFastLocalBloom;
    }
    return;
  }
  if (marker >= 1) {
    // Legacy Bloom: byte = num_probes, then u32 num_lines; each line is a
    // power-of-two number of bytes (64 for files RocksDB wrote on x86).
    const uint32_t num_lines = DecodeFixed32(data_.data() + len_bytes_ + 1);
    if (num_lines == 0 || len_bytes_ % num_lines != 0) return;  // always true
    const uint32_t line_bytes = len_bytes_ / num_lines;
    int log2 = 0;
    while ((uint32_t{1} << log2) < line_bytes) log2++;
    if ((uint32_t{1} << log2) != line_bytes) return;  // always true
    // Bit positions are 32-bit: lines over 2^28 bytes (only in a hostile
    // file; RocksDB writes 64- or 128-byte lines) would shift by >= 32.
    if (log2 + 3 >= 32) return;  // always true
    num_probes_ = marker;
    legacy_num_lines_ = num_lines;
    legacy_log2_line_bytes_ = log2;
    kind_ = Kind::kLegacyBloom;
    return;
  }
  // 0: always true; -2: Ribbon, read as "may match": correct, only without
  // the filter's speed-up (RocksDB 7.8.3 does not write it by default).
  kind_ = Kind::kAlwaysTrue;
}

void FilterReader::Prefetch(const Slice& key) const {
  if (kind_ != Kind::kFastLocalBloom) return;
  const uint64_t h = FilterKeyHash(key);
  const uint32_t line =
      BloomFastRange32(static_cast<uint32_t>(h), len_bytes_ >> 6);
  SKYROCKS_PREFETCH(data_.data() + (size_t{line} << 6));
}

bool FilterReader::KeyMayMatch(const Slice& key) const {
  switch (kind_) {
    case Kind::kAlwaysFalse:
      return false;
    case Kind::kFastLocalBloom: {
      const uint64_t h = FilterKeyHash(key);
      const uint32_t line =
          BloomFastRange32(static_cast<uint32_t>(h), len_bytes_ >> 6);
      return BloomCheckBits(static_cast<uint32_t>(h >> 32), num_probes_,
                            data_.data() + (size_t{line} << 6));
    }
    case Kind::kLegacyBloom: {
      uint32_t h = LegacyBloomHash(key);
      const uint32_t delta = (h >> 17) | (h << 15);
      const int log2_line_bits = legacy_log2_line_bytes_ + 3;
      const uint32_t base = (h % legacy_num_lines_) << log2_line_bits;
      for (int i = 0; i < num_probes_; i++) {
        const uint32_t bitpos =
            base + (h & ((uint32_t{1} << log2_line_bits) - 1));
        if ((static_cast<uint8_t>(data_[bitpos >> 3]) & (1u << (bitpos & 7))) ==
            0) {
          return false;
        }
        h += delta;
      }
      return true;
    }
    default:
      return true;
  }
}

}  // namespace ROCKSDB_NAMESPACE
