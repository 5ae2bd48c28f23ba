// What lets compactions run at once: the set of files and output ranges
// the compactions at work hold (CompactionsInProgress), and RocksDB's split
// of one compaction into subcompactions (SubcompactionBoundaries).
// Contracts in db/compaction.h.
#include <algorithm>

#include "db/compaction.h"

namespace ROCKSDB_NAMESPACE {

bool CompactionsInProgress::Conflicts(const ColumnFamilyData& cfd,
                                      const CompactionSpec& spec) const {
  const std::vector<FileMetaPtr> inputs = CompactionInputs(spec);
  if (std::any_of(inputs.begin(), inputs.end(), [&](const FileMetaPtr& f) {
        return files_.count(f->number) != 0;
      })) {
    return true;
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

bool CompactionsInProgress::WritesInto(uint32_t cf, int level,
                                       const Comparator* ucmp,
                                       const Slice& smallest,
                                       const Slice& largest) const {
  for (const Held& h : held_) {
    if (h.cf == cf && h.output_level == level &&
        ucmp->Compare(h.largest, smallest) >= 0 &&
        ucmp->Compare(h.smallest, largest) <= 0) {
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
  for (const FileMetaPtr& f : CompactionInputs(spec)) {
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
    const Comparator* ucmp, uint64_t target_file_size,
    const CompactionSpec& spec, uint32_t max_subcompactions,
    std::vector<TableReader::Anchor> anchors, uint64_t total_bytes) {
  if (max_subcompactions <= 1 || spec.output_level == 0 ||
      (spec.level != 0 && !spec.manual)) {
    return {};
  }
  using Anchor = TableReader::Anchor;
  std::sort(anchors.begin(), anchors.end(),
            [ucmp](const Anchor& a, const Anchor& b) {
              return ucmp->Compare(a.user_key, b.user_key) < 0;
            });
  anchors.erase(std::unique(anchors.begin(), anchors.end(),
                            [ucmp](const Anchor& a, const Anchor& b) {
                              return ucmp->Compare(a.user_key, b.user_key) == 0;
                            }),
                anchors.end());
  const uint64_t range_bytes =
      std::max(total_bytes / max_subcompactions, target_file_size);
  if (range_bytes >= total_bytes) return {};
  std::vector<std::string> cuts;
  uint64_t next = range_bytes, so_far = 0;
  for (const Anchor& a : anchors) {
    if (cuts.size() + 1 >= max_subcompactions) break;
    so_far += a.range_size;
    if (so_far > next) {
      next += range_bytes;
      cuts.push_back(a.user_key);
    }
  }
  return cuts;
}

}  // namespace ROCKSDB_NAMESPACE
