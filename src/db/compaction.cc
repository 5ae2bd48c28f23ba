// Compaction picking and the entry filter; contract in db/compaction.h.
#include "db/compaction.h"

#include <algorithm>

namespace ROCKSDB_NAMESPACE {

uint64_t MaxBytesForLevel(const ColumnFamilyOptions& o, int level) {
  double bytes = static_cast<double>(o.max_bytes_for_level_base);
  for (int l = 1; l < level; l++) bytes *= o.max_bytes_for_level_multiplier;
  return static_cast<uint64_t>(bytes);
}

namespace {

int CompactionLastLevel(const ColumnFamilyOptions& o) {
  return std::min(std::max(o.num_levels, 2), kMaxNumLevels) - 1;
}

uint64_t LevelBytes(const Version& v, int level) {
  uint64_t n = 0;
  for (const auto& f : v.files[level]) n += f->file_size;
  return n;
}

// Whether any level below `level` holds a file overlapping [a, b].
bool OverlapsBelow(const ColumnFamilyData& cfd, const Version& v, int level,
                   const Slice& a, const Slice& b) {
  for (int l = level + 1; l < kMaxNumLevels; l++) {
    if (!OverlappingFiles(cfd, v, l, a, b).empty()) return true;
  }
  return false;
}

// The user-key range of files.
void RangeOf(const ColumnFamilyData& cfd, const std::vector<FileMetaPtr>& files,
             std::string* smallest, std::string* largest) {
  const Comparator* ucmp = cfd.options.comparator;
  for (size_t i = 0; i < files.size(); i++) {
    const Slice s = files[i]->smallest.user_key(),
                l = files[i]->largest.user_key();
    if (i == 0 || ucmp->Compare(s, *smallest) < 0) *smallest = s.ToString();
    if (i == 0 || ucmp->Compare(l, *largest) > 0) *largest = l.ToString();
  }
}

void FinishSpec(const ColumnFamilyData& cfd, CompactionSpec* spec) {
  const Version& v = *cfd.current;
  std::string a, b;
  RangeOf(cfd, spec->inputs, &a, &b);
  spec->output_level_inputs =
      OverlappingFiles(cfd, v, spec->output_level, a, b);
  std::vector<FileMetaPtr> all = spec->inputs;
  all.insert(all.end(), spec->output_level_inputs.begin(),
             spec->output_level_inputs.end());
  RangeOf(cfd, all, &a, &b);
  spec->bottommost = !OverlapsBelow(cfd, v, spec->output_level, a, b);
  spec->trivial_move = !spec->manual && spec->level > 0 &&
                       spec->inputs.size() == 1 &&
                       spec->output_level_inputs.empty();
}

}  // namespace

std::vector<FileMetaPtr> OverlappingFiles(const ColumnFamilyData& cfd,
                                          const Version& v, int level,
                                          const Slice& smallest,
                                          const Slice& largest) {
  const Comparator* ucmp = cfd.options.comparator;
  std::vector<FileMetaPtr> out;
  for (const auto& f : v.files[level]) {
    if (ucmp->Compare(f->largest.user_key(), smallest) < 0 ||
        ucmp->Compare(f->smallest.user_key(), largest) > 0) {
      continue;
    }
    out.push_back(f);
  }
  return out;
}

double HighestScore(const ColumnFamilyOptions& o, const Version& v,
                    int* level) {
  double best = 0;
  *level = -1;
  const int last = CompactionLastLevel(o);
  for (int l = 0; l < last; l++) {
    double score;
    if (l == 0) {
      score = static_cast<double>(v.files[0].size()) /
              std::max(1, o.level0_file_num_compaction_trigger);
    } else {
      score =
          static_cast<double>(LevelBytes(v, l)) /
          static_cast<double>(std::max<uint64_t>(1, MaxBytesForLevel(o, l)));
    }
    if (score > best) {
      best = score;
      *level = l;
    }
  }
  return best;
}

bool PickCompaction(const ColumnFamilyData& cfd,
                    std::vector<std::string>* cursors, CompactionSpec* spec) {
  const Version& v = *cfd.current;
  int level = -1;
  if (HighestScore(cfd.options, v, &level) < 1.0 || level < 0) return false;
  *spec = CompactionSpec();
  spec->level = level;
  spec->output_level = level + 1;
  if (level == 0) {
    spec->inputs = v.files[0];
  } else {
    // Round-robin: the first file after the cursor, else the first.
    const Comparator* ucmp = cfd.options.comparator;
    cursors->resize(kMaxNumLevels);
    const std::string& cursor = (*cursors)[level];
    FileMetaPtr pick = v.files[level].front();
    for (const auto& f : v.files[level]) {
      if (cursor.empty() || ucmp->Compare(f->smallest.user_key(), cursor) > 0) {
        pick = f;
        break;
      }
    }
    spec->inputs.push_back(pick);
    (*cursors)[level] = pick->largest.user_key().ToString();
  }
  FinishSpec(cfd, spec);
  return true;
}

bool PickManualCompaction(const ColumnFamilyData& cfd, int level,
                          const Slice* begin, const Slice* end,
                          CompactionSpec* spec) {
  const Version& v = *cfd.current;
  if (level + 1 > CompactionLastLevel(cfd.options)) return false;
  *spec = CompactionSpec();
  spec->level = level;
  spec->output_level = level + 1;
  spec->manual = true;
  if (level == 0) {
    // L0 files overlap each other: take them all (an older one left behind
    // could hide under a newer one moved down).
    spec->inputs = v.files[0];
  } else {
    const Comparator* ucmp = cfd.options.comparator;
    for (const auto& f : v.files[level]) {
      if (begin != nullptr && ucmp->Compare(f->largest.user_key(), *begin) < 0)
        continue;
      if (end != nullptr && ucmp->Compare(f->smallest.user_key(), *end) > 0)
        continue;
      spec->inputs.push_back(f);
    }
  }
  if (spec->inputs.empty()) return false;
  FinishSpec(cfd, spec);
  return true;
}

size_t CompactionFilterState::Stripe(SequenceNumber seq) const {
  return static_cast<size_t>(
      std::lower_bound(snapshots_.begin(), snapshots_.end(), seq) -
      snapshots_.begin());
}

bool CompactionFilterState::Keep(const ParsedInternalKey& key, bool covered) {
  if (!has_current_ || ucmp_->Compare(key.user_key, current_key_) != 0) {
    current_key_.assign(key.user_key.data(), key.user_key.size());
    has_current_ = true;
    decided_stripe_ = SIZE_MAX;
  }
  const size_t stripe = Stripe(key.sequence);
  if (stripe == decided_stripe_) return false;  // hidden by a newer entry
  if (covered && snapshots_.empty()) {
    decided_stripe_ = stripe;
    return false;
  }
  switch (key.type) {
    case kTypeValue:
      decided_stripe_ = stripe;
      return true;
    case kTypeDeletion:
    case kTypeSingleDeletion:
    case kTypeDeletionWithTimestamp:
      decided_stripe_ = stripe;
      // Nothing older remains visible to anyone: the deletion itself can go.
      return !(bottommost_ && stripe == 0);
    default:
      return true;  // merge operands (and anything else) are kept
  }
}

}  // namespace ROCKSDB_NAMESPACE
