// Leveled compaction, RocksDB's scheme: L0 holds flushed files that may
// overlap; each deeper level is a sorted run of non-overlapping files whose
// total size targets max_bytes_for_level_base * multiplier^(level-1).
//
// Picking (PickCompaction): every level gets a score (L0: files /
// level0_file_num_compaction_trigger; Ln: bytes / target bytes); the
// highest score >= 1 is compacted. From L0 all files go, with the
// overlapping L1 files; from Ln one file (round-robin after the level's
// compaction cursor) with the overlapping Ln+1 files. A file with nothing
// to merge below is moved down without rewriting (trivial move).
//
// Merging (CompactionFilterState): entries of one user key arrive newest
// first; with the live snapshots cutting sequence numbers into stripes, an
// entry is dropped when a newer entry of its stripe already decides the key
// (a value or a deletion); a deletion is dropped at the bottommost level
// when no snapshot can see what it deletes; an entry covered by a range
// tombstone is dropped when no snapshot exists. Merge operands are kept.
// Outputs are cut at target_file_size_base only between user keys; when
// the inputs carry range tombstones they go, whole, into a single output
// (or are dropped at the bottommost level without snapshots).
// Thread-safety: the functions are pure over their arguments.
#ifndef SKYROCKS_DB_COMPACTION_H_
#define SKYROCKS_DB_COMPACTION_H_

#include <string>
#include <vector>

#include "db/version_set.h"

namespace ROCKSDB_NAMESPACE {

struct CompactionSpec {
  int level = 0;                                 // input level
  int output_level = 1;                          // level + 1
  std::vector<FileMetaPtr> inputs;               // at level
  std::vector<FileMetaPtr> output_level_inputs;  // at output_level
  bool bottommost = false;  // nothing below output_level overlaps
  bool trivial_move = false;
  bool manual = false;
};

// Target bytes of level (>= 1).
uint64_t MaxBytesForLevel(const ColumnFamilyOptions& o, int level);
// The highest level score of v (and the level, via *level).
double HighestScore(const ColumnFamilyOptions& o, const Version& v, int* level);

// Picks per the scores; false when no level needs compaction. cursors[l]
// is the largest user key last compacted from level l (updated).
bool PickCompaction(const ColumnFamilyData& cfd,
                    std::vector<std::string>* cursors, CompactionSpec* spec);

// A compaction of every file of `level` overlapping [begin, end] (null:
// unbounded) into level + 1; false when there is none.
bool PickManualCompaction(const ColumnFamilyData& cfd, int level,
                          const Slice* begin, const Slice* end,
                          CompactionSpec* spec);

// Files of `level` whose user-key range overlaps [smallest, largest].
std::vector<FileMetaPtr> OverlappingFiles(const ColumnFamilyData& cfd,
                                          const Version& v, int level,
                                          const Slice& smallest,
                                          const Slice& largest);

// Decides, entry by entry, what a compaction keeps.
class CompactionFilterState {
 public:
  // snapshots ascending.
  CompactionFilterState(const Comparator* ucmp,
                        std::vector<SequenceNumber> snapshots, bool bottommost)
      : ucmp_(ucmp),
        snapshots_(std::move(snapshots)),
        bottommost_(bottommost) {}
  // covered: a range tombstone of the inputs with a higher sequence covers
  // the entry (only trusted when there are no snapshots).
  bool Keep(const ParsedInternalKey& key, bool covered);

 private:
  size_t Stripe(SequenceNumber seq) const;

  const Comparator* ucmp_;
  const std::vector<SequenceNumber> snapshots_;
  const bool bottommost_;
  std::string current_key_;
  bool has_current_ = false;
  size_t decided_stripe_ = SIZE_MAX;  // stripe already decided for the key
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_COMPACTION_H_
