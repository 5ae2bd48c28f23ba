// Leveled compaction, RocksDB's scheme: L0 holds flushed files that may
// overlap; each deeper level is a sorted run of non-overlapping files with
// a target size (LevelTargets):
// * static (level_compaction_dynamic_level_bytes=false): level n >= 1
//   targets max_bytes_for_level_base * multiplier^(n-1); L0 compacts into
//   L1;
// * dynamic: the targets are derived from the largest level's size, down
//   by the multiplier per level, and the base level is the first level
//   whose target still exceeds max_bytes_for_level_base; L0 compacts
//   straight into the base level, and the levels between stay empty. With
//   no data below L0 yet, the base level is the last level.
//
// Picking (PickCompaction): every level gets a score (L0: files /
// level0_file_num_compaction_trigger, raised when L0 holds more bytes than
// max_bytes_for_level_base; Ln: bytes / target bytes); the highest score
// >= 1 is compacted. From L0 all files go, with the overlapping base-level
// files; from Ln one file (round-robin after the level's compaction
// cursor) with the overlapping Ln+1 files. A file with nothing to merge
// below is moved down without rewriting (trivial move). CompactFiles
// (PickCompactFiles) names its inputs; they are expanded as RocksDB does.
//
// Merging (CompactionFilterState): entries of one user key arrive newest
// first; with the live snapshots cutting sequence numbers into stripes, an
// entry is dropped when a newer entry of its stripe already decides the key
// (a value or a deletion); a deletion is dropped at the bottommost level
// when no snapshot can see what it deletes; an entry covered by a range
// tombstone is dropped when no snapshot exists. Merge operands are kept.
// (The user's CompactionFilter runs before it: db/compaction_filter_runner.h.)
// Outputs are cut at the spec's max_output_file_size only between user
// keys; when the inputs carry range tombstones they go, whole, into a
// single output (or are dropped at the bottommost level without
// snapshots).
// Thread-safety: the functions are pure over their arguments.
#ifndef SKYROCKS_DB_COMPACTION_H_
#define SKYROCKS_DB_COMPACTION_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "db/version_set.h"
#include "table/table_reader.h"

namespace ROCKSDB_NAMESPACE {

struct CompactionSpec {
  int level = 0;         // the smallest input level
  int output_level = 1;  // level + 1, L0's base level, or CompactFiles' choice
  std::vector<FileMetaPtr> inputs;  // at level
  // CompactFiles only: inputs of the levels strictly between level and
  // output_level.
  std::vector<std::pair<int, FileMetaPtr>> middle_inputs;
  // At output_level (empty when output_level == level).
  std::vector<FileMetaPtr> output_level_inputs;
  bool bottommost = false;  // nothing below output_level overlaps
  bool trivial_move = false;
  bool manual = false;
  uint64_t max_output_file_size = UINT64_MAX;  // outputs cut near this size
  // kDisableCompressionOption: the column family's compression.
  CompressionType compression = kDisableCompressionOption;
};

// Every level's target size and the level L0 compacts into.
struct LevelTargets {
  int base_level = 1;
  // Target bytes of each level >= 1; UINT64_MAX: no size trigger (the
  // levels above the base level in dynamic mode).
  uint64_t max_bytes[kMaxNumLevels] = {};
};

// The levels a column family uses: num_levels within [2, kMaxNumLevels].
int NumLevelsOf(const ColumnFamilyOptions& o);
// The target size of the files compactions write into level
// (target_file_size_base, times target_file_size_multiplier per level
// below L1).
uint64_t TargetFileSizeForLevel(const ColumnFamilyOptions& o, int level);
// Static target bytes of level (>= 1).
uint64_t MaxBytesForLevel(const ColumnFamilyOptions& o, int level);
// The targets for v per o (static or dynamic, see above).
LevelTargets ComputeLevelTargets(const ColumnFamilyOptions& o,
                                 const Version& v);
// The compression of a flush's SST (RocksDB's GetCompressionFlush for
// level compaction: compression_per_level[0], else compression).
CompressionType FlushCompression(const ColumnFamilyOptions& o);
// The compression of a compaction's outputs into output_level of v
// (RocksDB's GetCompressionType): bottommost_compression, when set, at or
// below the last non-empty level; else compression_per_level's entry for
// the level (counted from base_level, the last entry for deeper levels);
// else compression.
CompressionType CompactionCompression(const ColumnFamilyOptions& o,
                                      const Version& v, int output_level);
// What the compactions at work hold: their input files, and per column
// family and output level the user-key range each writes. Another
// compaction must take none of those files and write into none of those
// ranges (RocksDB's AreFilesInCompaction and
// FilesRangeOverlapWithCompaction): the outputs of two compactions into
// one level would overlap. Not thread-safe (the DB mutex guards it).
class CompactionsInProgress {
 public:
  // Whether spec takes a held file or writes into a held range.
  bool Conflicts(const ColumnFamilyData& cfd, const CompactionSpec& spec) const;
  // Holds spec's files and output range until Release(ticket).
  uint64_t Reserve(const ColumnFamilyData& cfd, const CompactionSpec& spec);
  void Release(uint64_t ticket);
  const std::set<uint64_t>& files() const { return files_; }
  // Whether a running compaction of column family cf writes into
  // [smallest, largest] (user keys) at `level`.
  bool WritesInto(uint32_t cf, int level, const Comparator* ucmp,
                  const Slice& smallest, const Slice& largest) const;

 private:
  struct Held {
    uint64_t ticket;
    uint32_t cf;
    int output_level;
    std::string smallest, largest;  // user keys
    std::vector<uint64_t> files;
  };
  std::set<uint64_t> files_;
  std::vector<Held> held_;
  uint64_t next_ticket_ = 1;
};

// Every level's score, highest first (ties: lower level first), as RocksDB
// computes them: files held by busy (optional) do not count.
std::vector<std::pair<double, int>> LevelScores(
    const ColumnFamilyOptions& o, const Version& v,
    const std::set<uint64_t>* busy = nullptr);
// The highest level score of v (and the level, via *level).
double HighestScore(const ColumnFamilyOptions& o, const Version& v, int* level,
                    const std::set<uint64_t>* busy = nullptr);

// RocksDB's estimate of the bytes compactions must still rewrite to bring
// every level within its target (estimate-pending-compaction-bytes).
uint64_t EstimateCompactionBytesNeeded(const ColumnFamilyOptions& o,
                                       const Version& v);

// Picks per the scores, highest first, the first compaction that does not
// conflict with busy (optional): from L0 all its files (none while an L0
// compaction runs: one at a time, as RocksDB), from Ln the first free file
// after the level's cursor. False when no level needing compaction has
// one. cursors[l] is the largest user key last compacted from level l
// (updated).
bool PickCompaction(const ColumnFamilyData& cfd,
                    std::vector<std::string>* cursors, CompactionSpec* spec,
                    const CompactionsInProgress* busy = nullptr);

// RocksDB 7.8.3's subcompaction split of spec (only L0 or manual
// compactions into a level > 0, with max_subcompactions > 1): the inputs'
// key anchors (TableReader::ApproximateKeyAnchors of every input file)
// sorted by user key are walked, and a cut is made at the anchor where the
// bytes so far pass the next multiple of max(total_bytes /
// max_subcompactions, target_file_size: the output level's target file
// size), up to max_subcompactions ranges. Range i holds user keys in
// [cuts[i-1], cuts[i]). Empty: do not split. Takes values, not the
// ColumnFamilyData: it runs outside the DB mutex, and SetOptions replaces
// cfd.options under it.
std::vector<std::string> SubcompactionBoundaries(
    const Comparator* ucmp, uint64_t target_file_size,
    const CompactionSpec& spec, uint32_t max_subcompactions,
    std::vector<TableReader::Anchor> anchors, uint64_t total_bytes);

// CompactRange's step for `level` (RocksDB's manual compaction): the files
// of `level` overlapping [begin, end] (null: unbounded) into output_level
// (level + 1, L0's base level, or `level` itself for the bottom level).
// L0 takes the files overlapping the range, widened until no other L0 file
// overlaps those taken (an older file left behind overlaps none moved
// down). Files numbered >= max_file_num are passed over and the inputs are
// the first contiguous run of the others (kForceOptimized: the files this
// CompactRange wrote into the bottom level stay). Inputs that overlap
// nothing at output_level, nor each other, are moved without rewriting
// unless allow_trivial_move is false. False when there is nothing to do.
bool PickManualCompaction(const ColumnFamilyData& cfd, int level,
                          int output_level, const Slice* begin,
                          const Slice* end, uint64_t max_file_num,
                          bool allow_trivial_move, CompactionSpec* spec);

// The level a compaction out of `level` writes to: level + 1, or for L0
// the base level.
int OutputLevelFor(const ColumnFamilyData& cfd, int level);

// CompactFiles' compaction of the files numbered `numbers` into
// output_level, expanded as RocksDB does: an L0 input brings every older
// L0 file (output_level > 0) or the L0 files between the inputs
// (output_level 0); every level from the smallest input level down to
// output_level adds the files overlapping the key range gathered so far,
// and the files between its first and last input. Errors (naming the
// file): InvalidArgument when no file is given, a file is not in the
// column family, output_level is out of range or above an input's level;
// Aborted when a file needed is in being_compacted.
Status PickCompactFiles(const ColumnFamilyData& cfd,
                        const std::set<uint64_t>& being_compacted,
                        const std::vector<uint64_t>& numbers, int output_level,
                        CompactionSpec* spec);

// All of spec's input files: inputs, middle_inputs, output_level_inputs.
std::vector<FileMetaPtr> CompactionInputs(const CompactionSpec& spec);

// The user-key range of all of spec's input files (false: it has none).
bool CompactionKeyRange(const ColumnFamilyData& cfd, const CompactionSpec& spec,
                        std::string* smallest, std::string* largest);

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
