// What lets compactions run at once: the set of files and output ranges
// the compactions at work hold (CompactionsInProgress), and RocksDB's split
// of one compaction into subcompactions (SubcompactionBoundaries).
// Contracts in db/compaction.h.
#include <algorithm>
#include <cmath>
#include <map>

#include "db/compaction.h"

namespace ROCKSDB_NAMESPACE {

bool CompactionsInProgress::Conflicts(const ColumnFamilyData& cfd,
                                      const CompactionSpec& spec) const {
  auto held = [&](const FileMetaPtr& f) {
    return files_.count(f->number) != 0;
  };
  if (std::any_of(spec.inputs.begin(), spec.inputs.end(), held) ||
      std::any_of(spec.output_level_inputs.begin(),
                  spec.output_level_inputs.end(), held)) {
    return true;
  }
  for (const auto& m : spec.middle_inputs) {
    if (held(m.second)) return true;
  }
  std::string a, b;
  if (!CompactionKeyRange(cfd, spec, &a, &b)) return false;
  const Comparator* ucmp = cfd.options.comparator;
  for (const Held& h : held_) {
    if (h.cf == cfd.id && h.output_level == spec.output_level &&
        ucmp->Compare(h.largest, a) >= 0 && ucmp->Compare(h.smallest, b) <= 0) {
      return true;
    }
  }
  return false;
}

uint64_t CompactionsInProgress::Reserve(const ColumnFamilyData& cfd,
                                        const CompactionSpec& spec) {
  Held h;
  h.ticket = next_ticket_++;
  h.cf = cfd.id;
  h.output_level = spec.output_level;
  CompactionKeyRange(cfd, spec, &h.smallest, &h.largest);
  for (const FileMetaPtr& f : spec.inputs) h.files.push_back(f->number);
  for (const auto& m : spec.middle_inputs) h.files.push_back(m.second->number);
  for (const FileMetaPtr& f : spec.output_level_inputs) {
    h.files.push_back(f->number);
  }
  files_.insert(h.files.begin(), h.files.end());
  held_.push_back(std::move(h));
  return held_.back().ticket;
}

void CompactionsInProgress::Release(uint64_t ticket) {
  for (size_t i = 0; i < held_.size(); i++) {
    if (held_[i].ticket != ticket) continue;
    for (uint64_t n : held_[i].files) files_.erase(n);
    held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(i));
    return;
  }
}

std::vector<std::string> SubcompactionBoundaries(
    const ColumnFamilyData& cfd, const CompactionSpec& spec,
    uint32_t max_subcompactions,
    const std::function<uint64_t(const Slice&, const Slice&)>& size_of) {
  if (max_subcompactions <= 1 || spec.output_level == 0 ||
      (spec.level != 0 && !spec.manual)) {
    return {};
  }
  const Comparator* ucmp = cfd.options.comparator;
  std::vector<std::string> bounds;
  auto add_level = [&](int level, const std::vector<FileMetaPtr>& files) {
    if (files.empty()) return;
    if (level == 0) {
      // L0 files may cover very different ranges: each one's ends.
      for (const FileMetaPtr& f : files) {
        bounds.push_back(f->smallest.user_key().ToString());
        bounds.push_back(f->largest.user_key().ToString());
      }
      return;
    }
    bounds.push_back(files.front()->smallest.user_key().ToString());
    bounds.push_back(files.back()->largest.user_key().ToString());
    if (level == spec.output_level) {
      // The widest level: every file start.
      for (size_t i = 1; i < files.size(); i++) {
        bounds.push_back(files[i]->smallest.user_key().ToString());
      }
    }
  };
  add_level(spec.level, spec.inputs);
  std::map<int, std::vector<FileMetaPtr>> middle;
  for (const auto& m : spec.middle_inputs) middle[m.first].push_back(m.second);
  for (const auto& m : middle) add_level(m.first, m.second);
  if (spec.output_level != spec.level) {
    add_level(spec.output_level, spec.output_level_inputs);
  }
  std::sort(bounds.begin(), bounds.end(),
            [ucmp](const std::string& a, const std::string& b) {
              return ucmp->Compare(a, b) < 0;
            });
  bounds.erase(std::unique(bounds.begin(), bounds.end(),
                           [ucmp](const std::string& a, const std::string& b) {
                             return ucmp->Compare(a, b) == 0;
                           }),
               bounds.end());
  if (bounds.size() < 3) return {};
  // Consecutive bounds make ranges with their approximate input bytes.
  std::vector<uint64_t> sizes;
  uint64_t sum = 0;
  for (size_t i = 0; i + 1 < bounds.size(); i++) {
    sizes.push_back(size_of(bounds[i], bounds[i + 1]));
    sum += sizes.back();
  }
  // No more subcompactions than output files (filled to 4/5) the data
  // makes.
  const double target = static_cast<double>(
      TargetFileSizeForLevel(cfd.options, spec.output_level));
  const double max_outputs =
      std::ceil(static_cast<double>(sum) / (4.0 / 5) / std::max(1.0, target));
  uint64_t n = std::min<uint64_t>(sizes.size(), max_subcompactions);
  if (max_outputs < static_cast<double>(n)) {
    n = static_cast<uint64_t>(std::max(0.0, max_outputs));
  }
  if (n <= 1) return {};
  // Greedily close a subcompaction once it holds the mean size.
  const double mean = static_cast<double>(sum) / static_cast<double>(n);
  std::vector<std::string> cuts;
  uint64_t acc = 0;
  for (size_t i = 0; i + 1 < sizes.size() && n > 1; i++) {
    acc += sizes[i];
    if (static_cast<double>(acc) >= mean) {
      cuts.push_back(bounds[i + 1]);
      n--;
      acc = 0;
    }
  }
  return cuts;
}

}  // namespace ROCKSDB_NAMESPACE
