// Compaction picking and the entry filter; contract in db/compaction.h.
#include "db/compaction.h"

#include <algorithm>
#include <cmath>

#include "db/filename.h"

namespace ROCKSDB_NAMESPACE {

namespace {

uint64_t LevelBytes(const Version& v, int level) {
  uint64_t n = 0;
  for (const auto& f : v.files[level]) n += f->file_size;
  return n;
}

uint64_t BytesFromDouble(double d) {
  return d >= 1.8e19 ? UINT64_MAX : static_cast<uint64_t>(d);
}

// Whether any level below `level` holds a file overlapping [a, b].
bool OverlapsBelow(const ColumnFamilyData& cfd, const Version& v, int level,
                   const Slice& a, const Slice& b) {
  for (int l = level + 1; l < kMaxNumLevels; l++) {
    if (v.OverlapInLevel(cfd.icmp, l, &a, &b)) return true;
  }
  return false;
}

// The user-key range of files, merged into [*smallest, *largest] unless
// *have is false (then set).
void RangeOf(const ColumnFamilyData& cfd, const std::vector<FileMetaPtr>& files,
             std::string* smallest, std::string* largest, bool* have) {
  const Comparator* ucmp = cfd.options.comparator;
  for (const FileMetaPtr& f : files) {
    const Slice s = f->smallest.user_key(), l = f->largest.user_key();
    if (!*have || ucmp->Compare(s, *smallest) < 0) *smallest = s.ToString();
    if (!*have || ucmp->Compare(l, *largest) > 0) *largest = l.ToString();
    *have = true;
  }
}

}  // namespace

std::vector<FileMetaPtr> CompactionInputs(const CompactionSpec& spec) {
  std::vector<FileMetaPtr> all = spec.inputs;
  for (const auto& m : spec.middle_inputs) all.push_back(m.second);
  all.insert(all.end(), spec.output_level_inputs.begin(),
             spec.output_level_inputs.end());
  return all;
}

bool CompactionKeyRange(const ColumnFamilyData& cfd, const CompactionSpec& spec,
                        std::string* smallest, std::string* largest) {
  bool have = false;
  RangeOf(cfd, CompactionInputs(spec), smallest, largest, &have);
  return have;
}

namespace {

// Bottommost: nothing below the output level overlaps the inputs.
void SetBottommost(const ColumnFamilyData& cfd, CompactionSpec* spec) {
  std::string a, b;
  const bool have = CompactionKeyRange(cfd, *spec, &a, &b);
  spec->bottommost =
      !have || !OverlapsBelow(cfd, *cfd.current, spec->output_level, a, b);
}

void FinishSpec(const ColumnFamilyData& cfd, CompactionSpec* spec) {
  const Version& v = *cfd.current;
  std::string a, b;
  bool have = false;
  RangeOf(cfd, spec->inputs, &a, &b, &have);
  const Slice a_s(a), b_s(b);
  spec->output_level_inputs =
      v.OverlappingInputs(cfd.icmp, spec->output_level, &a_s, &b_s);
  SetBottommost(cfd, spec);
  spec->trivial_move = !spec->manual && spec->level > 0 &&
                       spec->inputs.size() == 1 &&
                       spec->output_level_inputs.empty();
  spec->max_output_file_size =
      TargetFileSizeForLevel(cfd.options, spec->output_level);
}

// No two of files overlap (by user key).
bool FilesDisjoint(const Comparator* ucmp, std::vector<FileMetaPtr> files) {
  std::sort(files.begin(), files.end(),
            [ucmp](const FileMetaPtr& a, const FileMetaPtr& b) {
              return ucmp->Compare(a->smallest.user_key(),
                                   b->smallest.user_key()) < 0;
            });
  for (size_t i = 1; i < files.size(); i++) {
    if (ucmp->Compare(files[i - 1]->largest.user_key(),
                      files[i]->smallest.user_key()) >= 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

int OutputLevelFor(const ColumnFamilyData& cfd, int level) {
  if (level == 0) {
    return ComputeLevelTargets(cfd.options, *cfd.current).base_level;
  }
  return level + 1;
}

uint64_t TargetFileSizeForLevel(const ColumnFamilyOptions& o, int level) {
  double size = static_cast<double>(o.target_file_size_base);
  for (int l = 1; l < level; l++) {
    size *= std::max(1, o.target_file_size_multiplier);
  }
  return std::max<uint64_t>(1, BytesFromDouble(size));
}

int NumLevelsOf(const ColumnFamilyOptions& o) {
  return std::min(std::max(o.num_levels, 2), kMaxNumLevels);
}

uint64_t MaxBytesForLevel(const ColumnFamilyOptions& o, int level) {
  double bytes = static_cast<double>(o.max_bytes_for_level_base);
  for (int l = 1; l < level; l++) bytes *= o.max_bytes_for_level_multiplier;
  return BytesFromDouble(bytes);
}

CompressionType FlushCompression(const ColumnFamilyOptions& o) {
  return o.compression_per_level.empty() ? o.compression
                                         : o.compression_per_level[0];
}

CompressionType CompactionCompression(const ColumnFamilyOptions& o,
                                      const Version& v, int output_level) {
  int non_empty_levels = 0;
  for (int l = 0; l < NumLevelsOf(o); l++) {
    if (!v.files[l].empty()) non_empty_levels = l + 1;
  }
  if (o.bottommost_compression != kDisableCompressionOption &&
      output_level >= non_empty_levels - 1) {
    return o.bottommost_compression;
  }
  if (o.compression_per_level.empty()) return o.compression;
  const int base_level = ComputeLevelTargets(o, v).base_level;
  const int idx = output_level == 0 ? 0 : output_level - base_level + 1;
  const int last = static_cast<int>(o.compression_per_level.size()) - 1;
  return o.compression_per_level[static_cast<size_t>(
      std::max(0, std::min(idx, last)))];
}

LevelTargets ComputeLevelTargets(const ColumnFamilyOptions& o,
                                 const Version& v) {
  LevelTargets t;
  const int n = NumLevelsOf(o);
  if (!o.level_compaction_dynamic_level_bytes) {
    for (int l = 1; l < kMaxNumLevels; l++) {
      t.max_bytes[l] = MaxBytesForLevel(o, l);
    }
    return t;
  }
  for (uint64_t& b : t.max_bytes) b = UINT64_MAX;
  // The largest level below L0 stands for the data size (the last level
  // may be smaller for a while after compactions).
  uint64_t largest = 0;
  int first_non_empty = -1;
  for (int l = 1; l < n; l++) {
    const uint64_t bytes = LevelBytes(v, l);
    if (bytes > 0 && first_non_empty < 0) first_non_empty = l;
    largest = std::max(largest, bytes);
  }
  if (largest == 0) {
    t.base_level = n - 1;  // L0 compacts straight into the last level
    return t;
  }
  const double mult = std::max(1.0, o.max_bytes_for_level_multiplier);
  const uint64_t l0_bytes = LevelBytes(v, 0);
  const uint64_t base_max = std::max(o.max_bytes_for_level_base, l0_bytes);
  const double base_min = static_cast<double>(base_max) / mult;
  // The first non-empty level's target when the last level targets
  // `largest`.
  double size = static_cast<double>(largest);
  for (int l = n - 2; l >= first_non_empty; l--) size /= mult;
  double base_size;
  t.base_level = first_non_empty;
  if (size <= base_min) {
    // More levels hold data than the data needs: keep the first one as
    // base, at the smallest target.
    base_size = base_min + 1;
  } else {
    while (t.base_level > 1 && size > static_cast<double>(base_max)) {
      t.base_level--;
      size /= mult;
    }
    base_size = std::min(size, static_cast<double>(base_max));
  }
  double level_mult = mult;
  if (static_cast<double>(l0_bytes) > base_size &&
      (l0_bytes > o.max_bytes_for_level_base ||
       static_cast<int>(v.files[0].size() / 2) >=
           o.level0_file_num_compaction_trigger)) {
    // L0 is backlogged: the base level must take it, and the levels below
    // grow evenly from there to the largest level.
    base_size = static_cast<double>(l0_bytes);
    level_mult = t.base_level == n - 1
                     ? 1.0
                     : std::pow(static_cast<double>(largest) / base_size,
                                1.0 / (n - t.base_level - 1));
  }
  size = base_size;
  for (int l = t.base_level; l < n; l++) {
    if (l > t.base_level) size *= level_mult;
    // Never below the base size: deeper levels smaller than L0 would win
    // every score and starve L0.
    t.max_bytes[l] = std::max(BytesFromDouble(size), base_max);
  }
  return t;
}

std::vector<std::pair<double, int>> LevelScores(
    const ColumnFamilyOptions& o, const Version& v,
    const std::set<uint64_t>* busy) {
  const LevelTargets t = ComputeLevelTargets(o, v);
  auto free_bytes = [&](int level, size_t* count) {
    uint64_t n = 0;
    *count = 0;
    for (const auto& f : v.files[level]) {
      if (busy != nullptr && busy->count(f->number) != 0) continue;
      n += f->file_size;
      (*count)++;
    }
    return n;
  };
  std::vector<std::pair<double, int>> out;
  const int last = NumLevelsOf(o) - 1;
  for (int l = 0; l < last; l++) {
    double score;
    size_t count = 0;
    const uint64_t bytes = free_bytes(l, &count);
    if (l == 0) {
      score = static_cast<double>(count) /
              std::max(1, o.level0_file_num_compaction_trigger);
      // Few but large L0 files count too (RocksDB's rule).
      if (o.level_compaction_dynamic_level_bytes) {
        if (bytes >= o.max_bytes_for_level_base) score = std::max(score, 1.01);
        if (bytes > t.max_bytes[t.base_level]) {
          score = std::max(score, static_cast<double>(bytes) /
                                      static_cast<double>(
                                          std::max(LevelBytes(v, t.base_level),
                                                   t.max_bytes[t.base_level])));
        }
      } else {
        score = std::max(score, static_cast<double>(bytes) /
                                    static_cast<double>(std::max<uint64_t>(
                                        1, o.max_bytes_for_level_base)));
      }
    } else {
      if (t.max_bytes[l] == UINT64_MAX) continue;
      score = static_cast<double>(bytes) /
              static_cast<double>(std::max<uint64_t>(1, t.max_bytes[l]));
    }
    out.emplace_back(score, l);
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const std::pair<double, int>& a, const std::pair<double, int>& b) {
        return a.first > b.first;
      });
  return out;
}

double HighestScore(const ColumnFamilyOptions& o, const Version& v, int* level,
                    const std::set<uint64_t>* busy) {
  const auto scores = LevelScores(o, v, busy);
  if (scores.empty() || scores[0].first <= 0) {
    *level = -1;
    return 0;
  }
  *level = scores[0].second;
  return scores[0].first;
}

uint64_t EstimateCompactionBytesNeeded(const ColumnFamilyOptions& o,
                                       const Version& v) {
  const LevelTargets t = ComputeLevelTargets(o, v);
  const int n = NumLevelsOf(o);
  uint64_t needed = 0, to_next = 0;
  const uint64_t l0 = LevelBytes(v, 0);
  const bool l0_triggered = static_cast<int>(v.files[0].size()) >=
                                o.level0_file_num_compaction_trigger ||
                            l0 >= o.max_bytes_for_level_base;
  if (l0_triggered) needed = to_next = l0;
  uint64_t next_level_bytes = 0;
  for (int level = t.base_level; level < n - 1; level++) {
    uint64_t bytes =
        next_level_bytes > 0 ? next_level_bytes : LevelBytes(v, level);
    next_level_bytes = 0;
    if (level == t.base_level && l0_triggered) needed += bytes;
    bytes += to_next;
    to_next = 0;
    if (bytes > t.max_bytes[level]) {
      to_next = bytes - t.max_bytes[level];
      next_level_bytes = LevelBytes(v, level + 1);
      if (next_level_bytes > 0) {
        // The fan-out: the next level's size over this one's.
        needed += static_cast<uint64_t>(static_cast<double>(to_next) *
                                        (static_cast<double>(next_level_bytes) /
                                             static_cast<double>(bytes) +
                                         1));
      }
    }
  }
  return needed;
}

namespace {

// Spec for compacting `inputs` of `level` (output level per OutputLevelFor)
// unless it conflicts with busy.
bool PickIfFree(const ColumnFamilyData& cfd, int level,
                std::vector<FileMetaPtr> inputs,
                const CompactionsInProgress* busy, CompactionSpec* spec) {
  *spec = CompactionSpec();
  spec->level = level;
  spec->output_level = OutputLevelFor(cfd, level);
  spec->inputs = std::move(inputs);
  FinishSpec(cfd, spec);
  return busy == nullptr || !busy->Conflicts(cfd, *spec);
}

}  // namespace

bool PickCompaction(const ColumnFamilyData& cfd,
                    std::vector<std::string>* cursors, CompactionSpec* spec,
                    const CompactionsInProgress* busy) {
  const Version& v = *cfd.current;
  const std::set<uint64_t>* held = busy != nullptr ? &busy->files() : nullptr;
  auto is_held = [&](const FileMetaPtr& f) {
    return held != nullptr && held->count(f->number) != 0;
  };
  cursors->resize(kMaxNumLevels);
  for (const auto& sl : LevelScores(cfd.options, v, held)) {
    if (sl.first < 1.0) break;
    const int level = sl.second;
    const std::vector<FileMetaPtr>& files = v.files[level];
    if (level == 0) {
      // One L0 compaction at a time: it takes every L0 file there is.
      if (std::any_of(files.begin(), files.end(), is_held)) continue;
      if (PickIfFree(cfd, 0, files, busy, spec)) return true;
      continue;
    }
    // Round-robin: the first free file after the cursor, wrapping around.
    const Comparator* ucmp = cfd.options.comparator;
    std::string& cursor = (*cursors)[level];
    size_t start = 0;
    while (start < files.size() && !cursor.empty() &&
           ucmp->Compare(files[start]->smallest.user_key(), cursor) <= 0) {
      start++;
    }
    for (size_t k = 0; k < files.size(); k++) {
      const FileMetaPtr& f = files[(start + k) % files.size()];
      if (is_held(f) || !PickIfFree(cfd, level, {f}, busy, spec)) continue;
      cursor = f->largest.user_key().ToString();
      return true;
    }
  }
  return false;
}

bool PickManualCompaction(const ColumnFamilyData& cfd, int level,
                          int output_level, const Slice* begin,
                          const Slice* end, uint64_t max_file_num,
                          bool allow_trivial_move, CompactionSpec* spec) {
  const Version& v = *cfd.current;
  const Comparator* ucmp = cfd.options.comparator;
  if (output_level > NumLevelsOf(cfd.options) - 1) return false;
  *spec = CompactionSpec();
  spec->level = level;
  spec->output_level = output_level;
  spec->manual = true;
  for (const FileMetaPtr& f :
       v.OverlappingInputs(cfd.icmp, level, begin, end)) {
    if (level > 0 && f->number >= max_file_num) {
      if (spec->inputs.empty()) continue;
      break;
    }
    spec->inputs.push_back(f);
  }
  if (spec->inputs.empty()) return false;
  FinishSpec(cfd, spec);
  if (output_level == level) spec->output_level_inputs.clear();
  spec->trivial_move = allow_trivial_move && output_level != level &&
                       spec->output_level_inputs.empty() &&
                       (level > 0 || FilesDisjoint(ucmp, spec->inputs));
  return true;
}

Status PickCompactFiles(const ColumnFamilyData& cfd,
                        const std::set<uint64_t>& being_compacted,
                        const std::vector<uint64_t>& numbers, int output_level,
                        CompactionSpec* spec) {
  const Version& v = *cfd.current;
  const int n = NumLevelsOf(cfd.options);
  if (numbers.empty()) {
    return Status::InvalidArgument(
        "CompactFiles: the compaction must include at least one file");
  }
  if (output_level < 0 || output_level >= n) {
    return Status::InvalidArgument(
        "CompactFiles: output level " + std::to_string(output_level) +
        " of column family " + cfd.name + " must be within [0, " +
        std::to_string(n - 1) + "]");
  }
  std::set<uint64_t> wanted;
  int smallest_level = kMaxNumLevels;
  for (uint64_t number : numbers) {
    int found = -1;
    for (int l = 0; l < kMaxNumLevels && found < 0; l++) {
      for (const auto& f : v.files[l]) {
        if (f->number == number) {
          found = l;
          break;
        }
      }
    }
    const std::string name = MakeTableFileName(number);
    if (found < 0) {
      return Status::InvalidArgument("CompactFiles: input file " + name +
                                     " does not exist in column family " +
                                     cfd.name);
    }
    if (being_compacted.count(number) != 0) {
      return Status::Aborted("CompactFiles: input file " + name +
                             " is already being compacted");
    }
    if (found > output_level) {
      return Status::InvalidArgument(
          "CompactFiles: cannot compact file " + name + " of level " +
          std::to_string(found) + " up to output level " +
          std::to_string(output_level));
    }
    wanted.insert(number);
    smallest_level = std::min(smallest_level, found);
  }
  *spec = CompactionSpec();
  spec->level = smallest_level;
  spec->output_level = output_level;
  spec->manual = true;
  const Comparator* ucmp = cfd.options.comparator;
  std::string lo, hi;
  bool have = false;
  for (int l = smallest_level; l <= output_level; l++) {
    const std::vector<FileMetaPtr>& files = v.files[l];
    // The first and last file to take.
    size_t first = files.size(), last = 0;
    for (size_t i = 0; i < files.size(); i++) {
      bool take = wanted.count(files[i]->number) != 0;
      if (!take && l > 0 && have) {
        take = ucmp->Compare(files[i]->largest.user_key(), lo) >= 0 &&
               ucmp->Compare(files[i]->smallest.user_key(), hi) <= 0;
      }
      if (take) {
        first = std::min(first, i);
        last = i;
      }
    }
    if (first == files.size()) continue;
    if (l == 0) {
      // L0 is ordered newest first: everything older than an input must go
      // down with it (it would otherwise end up above newer data).
      if (output_level > 0) last = files.size() - 1;
    } else {
      // Neighbours sharing a boundary user key go too.
      while (first > 0 &&
             ucmp->Compare(files[first - 1]->largest.user_key(),
                           files[first]->smallest.user_key()) >= 0) {
        first--;
      }
      while (last + 1 < files.size() &&
             ucmp->Compare(files[last + 1]->smallest.user_key(),
                           files[last]->largest.user_key()) <= 0) {
        last++;
      }
    }
    std::vector<FileMetaPtr> taken(files.begin() + first,
                                   files.begin() + last + 1);
    for (const FileMetaPtr& f : taken) {
      if (being_compacted.count(f->number) != 0) {
        return Status::Aborted("CompactFiles: file " +
                               MakeTableFileName(f->number) +
                               ", which the compaction needs, is being "
                               "compacted right now");
      }
    }
    RangeOf(cfd, taken, &lo, &hi, &have);
    if (l == smallest_level) {
      spec->inputs = std::move(taken);
    } else if (l == output_level) {
      spec->output_level_inputs = std::move(taken);
    } else {
      for (FileMetaPtr& f : taken) spec->middle_inputs.emplace_back(l, f);
    }
  }
  SetBottommost(cfd, spec);
  return Status::OK();
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
