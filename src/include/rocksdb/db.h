// DB: RocksDB 7.8.3's database interface. A DB is a directory holding
// RocksDB's files (WALs, SSTs, MANIFEST, CURRENT, IDENTITY, OPTIONS, LOCK),
// readable and writable by librocksdb 7.8.3 too. Open it with DB::Open,
// write with Put/Delete/SingleDelete/DeleteRange/Merge/Write (a WriteBatch
// is applied atomically, across column families), read with Get/MultiGet/
// NewIterator, optionally at a Snapshot. Delete the DB object (or Close it)
// to close; destroy column family handles first.
//
// Thread-safety: every method may be called from several threads at once.
// Errors come back as Status naming the file or key involved.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_DB_H_
#define SKYROCKS_INCLUDE_ROCKSDB_DB_H_

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "rocksdb/column_family_handle.h"
#include "rocksdb/iterator.h"
#include "rocksdb/listener.h"
#include "rocksdb/metadata.h"
#include "rocksdb/options.h"
#include "rocksdb/slice.h"
#include "rocksdb/snapshot.h"
#include "rocksdb/status.h"
#include "rocksdb/transaction_log.h"
#include "rocksdb/types.h"
#include "rocksdb/write_batch.h"

namespace ROCKSDB_NAMESPACE {

extern const std::string kDefaultColumnFamilyName;

struct ColumnFamilyDescriptor {
  std::string name;
  ColumnFamilyOptions options;
  ColumnFamilyDescriptor()
      : name(kDefaultColumnFamilyName), options(ColumnFamilyOptions()) {}
  ColumnFamilyDescriptor(const std::string& _name,
                         const ColumnFamilyOptions& _options)
      : name(_name), options(_options) {}
};

// A key range [start, limit) for size estimates and DeleteFilesInRange.
struct Range {
  Slice start;
  Slice limit;
  Range() = default;
  Range(const Slice& s, const Slice& l) : start(s), limit(l) {}
};

struct RangePtr {
  const Slice* start = nullptr;  // nullptr: unbounded
  const Slice* limit = nullptr;
  RangePtr() = default;
  RangePtr(const Slice* s, const Slice* l) : start(s), limit(l) {}
};

class DB {
 public:
  // Opens the default column family only (the DB must have no others).
  static Status Open(const Options& options, const std::string& name,
                     DB** dbptr);
  // Opens with these column families, which must include "default" and
  // every column family the DB has (missing ones are created when
  // create_missing_column_families is set). handles[i] belongs to
  // column_families[i].
  static Status Open(const DBOptions& db_options, const std::string& name,
                     const std::vector<ColumnFamilyDescriptor>& column_families,
                     std::vector<ColumnFamilyHandle*>* handles, DB** dbptr);
  // Opens without writing anything; the WALs are replayed into memory.
  static Status OpenForReadOnly(const Options& options, const std::string& name,
                                DB** dbptr,
                                bool error_if_wal_file_exists = false);
  static Status OpenForReadOnly(
      const DBOptions& db_options, const std::string& name,
      const std::vector<ColumnFamilyDescriptor>& column_families,
      std::vector<ColumnFamilyHandle*>* handles, DB** dbptr,
      bool error_if_wal_file_exists = false);
  // A secondary instance: read-only like OpenForReadOnly, without the
  // primary's LOCK, so a primary may keep writing name meanwhile (in this
  // process or another); TryCatchUpWithPrimary then reads what it wrote.
  // Writes nothing under name; secondary_path is created for the
  // instance's own files. Any subset of the column families may be opened.
  static Status OpenAsSecondary(const Options& options, const std::string& name,
                                const std::string& secondary_path, DB** dbptr);
  static Status OpenAsSecondary(
      const DBOptions& db_options, const std::string& name,
      const std::string& secondary_path,
      const std::vector<ColumnFamilyDescriptor>& column_families,
      std::vector<ColumnFamilyHandle*>* handles, DB** dbptr);
  // The column families recorded in the DB's MANIFEST.
  static Status ListColumnFamilies(const DBOptions& db_options,
                                   const std::string& name,
                                   std::vector<std::string>* column_families);

  DB() = default;
  DB(const DB&) = delete;
  DB& operator=(const DB&) = delete;
  virtual ~DB();

  // Flushes nothing, stops background work, releases the LOCK. Further
  // calls other than the destructor fail.
  virtual Status Close() = 0;

  virtual Status CreateColumnFamily(const ColumnFamilyOptions& options,
                                    const std::string& column_family_name,
                                    ColumnFamilyHandle** handle) = 0;
  virtual Status DropColumnFamily(ColumnFamilyHandle* column_family) = 0;
  // Creates each; on the first failure stops, keeping those created (their
  // handles in *handles) and returning its error.
  virtual Status CreateColumnFamilies(
      const ColumnFamilyOptions& options,
      const std::vector<std::string>& column_family_names,
      std::vector<ColumnFamilyHandle*>* handles);
  virtual Status CreateColumnFamilies(
      const std::vector<ColumnFamilyDescriptor>& column_families,
      std::vector<ColumnFamilyHandle*>* handles);
  // Drops each in turn, stopping at the first failure.
  virtual Status DropColumnFamilies(
      const std::vector<ColumnFamilyHandle*>& column_families);
  virtual Status DestroyColumnFamilyHandle(
      ColumnFamilyHandle* column_family) = 0;
  virtual ColumnFamilyHandle* DefaultColumnFamily() const = 0;

  virtual Status Put(const WriteOptions& options,
                     ColumnFamilyHandle* column_family, const Slice& key,
                     const Slice& value);
  virtual Status Put(const WriteOptions& options, const Slice& key,
                     const Slice& value) {
    return Put(options, DefaultColumnFamily(), key, value);
  }
  virtual Status Delete(const WriteOptions& options,
                        ColumnFamilyHandle* column_family, const Slice& key);
  virtual Status Delete(const WriteOptions& options, const Slice& key) {
    return Delete(options, DefaultColumnFamily(), key);
  }
  virtual Status SingleDelete(const WriteOptions& options,
                              ColumnFamilyHandle* column_family,
                              const Slice& key);
  virtual Status SingleDelete(const WriteOptions& options, const Slice& key) {
    return SingleDelete(options, DefaultColumnFamily(), key);
  }
  // Deletes [begin_key, end_key).
  virtual Status DeleteRange(const WriteOptions& options,
                             ColumnFamilyHandle* column_family,
                             const Slice& begin_key, const Slice& end_key);
  virtual Status Merge(const WriteOptions& options,
                       ColumnFamilyHandle* column_family, const Slice& key,
                       const Slice& value);
  virtual Status Merge(const WriteOptions& options, const Slice& key,
                       const Slice& value) {
    return Merge(options, DefaultColumnFamily(), key, value);
  }
  // Applies every update of updates atomically.
  virtual Status Write(const WriteOptions& options, WriteBatch* updates) = 0;

  // NotFound when the key is absent.
  virtual Status Get(const ReadOptions& options,
                     ColumnFamilyHandle* column_family, const Slice& key,
                     PinnableSlice* value) = 0;
  virtual Status Get(const ReadOptions& options,
                     ColumnFamilyHandle* column_family, const Slice& key,
                     std::string* value);
  virtual Status Get(const ReadOptions& options, const Slice& key,
                     std::string* value) {
    return Get(options, DefaultColumnFamily(), key, value);
  }
  virtual std::vector<Status> MultiGet(
      const ReadOptions& options,
      const std::vector<ColumnFamilyHandle*>& column_family,
      const std::vector<Slice>& keys, std::vector<std::string>* values);
  virtual std::vector<Status> MultiGet(const ReadOptions& options,
                                       const std::vector<Slice>& keys,
                                       std::vector<std::string>* values) {
    return MultiGet(
        options,
        std::vector<ColumnFamilyHandle*>(keys.size(), DefaultColumnFamily()),
        keys, values);
  }
  virtual void MultiGet(const ReadOptions& options,
                        ColumnFamilyHandle* column_family, size_t num_keys,
                        const Slice* keys, PinnableSlice* values,
                        Status* statuses, bool sorted_input = false);

  // False when the key surely is not there; true when it may be. skyrocks
  // reads as Get does, so the answer is exact and *value is set when it
  // is true; *value_found (when given) is true, as RocksDB leaves it
  // unless its look-up was cut short. *timestamp (no user timestamps) is
  // cleared.
  virtual bool KeyMayExist(const ReadOptions& options,
                           ColumnFamilyHandle* column_family, const Slice& key,
                           std::string* value, std::string* timestamp,
                           bool* value_found = nullptr);
  virtual bool KeyMayExist(const ReadOptions& options,
                           ColumnFamilyHandle* column_family, const Slice& key,
                           std::string* value, bool* value_found = nullptr) {
    return KeyMayExist(options, column_family, key, value, nullptr,
                       value_found);
  }
  virtual bool KeyMayExist(const ReadOptions& options, const Slice& key,
                           std::string* value, bool* value_found = nullptr) {
    return KeyMayExist(options, DefaultColumnFamily(), key, value,
                       value_found);
  }
  virtual bool KeyMayExist(const ReadOptions& options, const Slice& key,
                           std::string* value, std::string* timestamp,
                           bool* value_found = nullptr) {
    return KeyMayExist(options, DefaultColumnFamily(), key, value, timestamp,
                       value_found);
  }

  virtual Iterator* NewIterator(const ReadOptions& options,
                                ColumnFamilyHandle* column_family) = 0;
  virtual Iterator* NewIterator(const ReadOptions& options) {
    return NewIterator(options, DefaultColumnFamily());
  }
  virtual Status NewIterators(
      const ReadOptions& options,
      const std::vector<ColumnFamilyHandle*>& column_families,
      std::vector<Iterator*>* iterators);

  virtual const Snapshot* GetSnapshot() = 0;
  virtual void ReleaseSnapshot(const Snapshot* snapshot) = 0;

  // The property names RocksDB 7.8.3 defines (DB::Properties::kStats is
  // "rocksdb.stats"). skyrocks answers those listed in
  // src/db/db_properties.cc; GetProperty is false for the others.
  struct Properties {
    static const std::string kNumFilesAtLevelPrefix;
    static const std::string kCompressionRatioAtLevelPrefix;
    static const std::string kStats;
    static const std::string kSSTables;
    static const std::string kCFStats;
    static const std::string kCFStatsNoFileHistogram;
    static const std::string kCFFileHistogram;
    static const std::string kDBStats;
    static const std::string kLevelStats;
    static const std::string kBlockCacheEntryStats;
    static const std::string kFastBlockCacheEntryStats;
    static const std::string kNumImmutableMemTable;
    static const std::string kNumImmutableMemTableFlushed;
    static const std::string kMemTableFlushPending;
    static const std::string kNumRunningFlushes;
    static const std::string kCompactionPending;
    static const std::string kNumRunningCompactions;
    static const std::string kBackgroundErrors;
    static const std::string kCurSizeActiveMemTable;
    static const std::string kCurSizeAllMemTables;
    static const std::string kSizeAllMemTables;
    static const std::string kNumEntriesActiveMemTable;
    static const std::string kNumEntriesImmMemTables;
    static const std::string kNumDeletesActiveMemTable;
    static const std::string kNumDeletesImmMemTables;
    static const std::string kEstimateNumKeys;
    static const std::string kEstimateTableReadersMem;
    static const std::string kIsFileDeletionsEnabled;
    static const std::string kNumSnapshots;
    static const std::string kOldestSnapshotTime;
    static const std::string kOldestSnapshotSequence;
    static const std::string kNumLiveVersions;
    static const std::string kCurrentSuperVersionNumber;
    static const std::string kEstimateLiveDataSize;
    static const std::string kMinLogNumberToKeep;
    static const std::string kMinObsoleteSstNumberToKeep;
    static const std::string kTotalSstFilesSize;
    static const std::string kLiveSstFilesSize;
    static const std::string kLiveSstFilesSizeAtTemperature;
    static const std::string kBaseLevel;
    static const std::string kEstimatePendingCompactionBytes;
    static const std::string kAggregatedTableProperties;
    static const std::string kAggregatedTablePropertiesAtLevel;
    static const std::string kActualDelayedWriteRate;
    static const std::string kIsWriteStopped;
    static const std::string kEstimateOldestKeyTime;
    static const std::string kBlockCacheCapacity;
    static const std::string kBlockCacheUsage;
    static const std::string kBlockCachePinnedUsage;
    static const std::string kOptionsStatistics;
    static const std::string kNumBlobFiles;
    static const std::string kBlobStats;
    static const std::string kTotalBlobFileSize;
    static const std::string kLiveBlobFileSize;
    static const std::string kLiveBlobFileGarbageSize;
    static const std::string kBlobCacheCapacity;
    static const std::string kBlobCacheUsage;
    static const std::string kBlobCachePinnedUsage;
  };

  // "rocksdb.num-entries-active-mem-table", "rocksdb.estimate-num-keys",
  // "rocksdb.num-files-at-level<N>", "rocksdb.levelstats", ... (see
  // db/db_properties.cc for the list).
  virtual bool GetProperty(ColumnFamilyHandle* column_family,
                           const Slice& property, std::string* value) = 0;
  virtual bool GetProperty(const Slice& property, std::string* value) {
    return GetProperty(DefaultColumnFamily(), property, value);
  }
  virtual bool GetIntProperty(ColumnFamilyHandle* column_family,
                              const Slice& property, uint64_t* value);
  virtual bool GetIntProperty(const Slice& property, uint64_t* value) {
    return GetIntProperty(DefaultColumnFamily(), property, value);
  }
  // Properties with a map form: "rocksdb.aggregated-table-properties" and
  // "rocksdb.aggregated-table-properties-at-level<N>" (the table
  // properties' counters summed over the files). False for the others, as
  // RocksDB 7.8.3 is for a property without a map form.
  virtual bool GetMapProperty(ColumnFamilyHandle* column_family,
                              const Slice& property,
                              std::map<std::string, std::string>* value) = 0;
  virtual bool GetMapProperty(const Slice& property,
                              std::map<std::string, std::string>* value) {
    return GetMapProperty(DefaultColumnFamily(), property, value);
  }
  // The sum of an integer property over every column family (false when
  // it is not an integer property or one family has no value).
  virtual bool GetAggregatedIntProperty(const Slice& property,
                                        uint64_t* aggregated_value) = 0;

  enum SizeApproximationFlags : uint8_t {
    NONE = 0,
    INCLUDE_MEMTABLES = 1 << 0,
    INCLUDE_FILES = 1 << 1
  };
  // Approximate bytes the keys in each range take in the SSTs (from the
  // index blocks) and/or memtables. InvalidArgument when neither is asked.
  virtual Status GetApproximateSizes(const SizeApproximationOptions& options,
                                     ColumnFamilyHandle* column_family,
                                     const Range* ranges, int n,
                                     uint64_t* sizes) = 0;
  virtual Status GetApproximateSizes(ColumnFamilyHandle* column_family,
                                     const Range* ranges, int n,
                                     uint64_t* sizes,
                                     uint8_t include_flags = INCLUDE_FILES) {
    SizeApproximationOptions o;
    o.include_memtables = (include_flags & INCLUDE_MEMTABLES) != 0;
    o.include_files = (include_flags & INCLUDE_FILES) != 0;
    return GetApproximateSizes(o, column_family, ranges, n, sizes);
  }
  virtual Status GetApproximateSizes(const Range* ranges, int n,
                                     uint64_t* sizes,
                                     uint8_t include_flags = INCLUDE_FILES) {
    return GetApproximateSizes(DefaultColumnFamily(), ranges, n, sizes,
                               include_flags);
  }
  // Entries and bytes of the memtables (active and immutable) in range.
  virtual void GetApproximateMemTableStats(ColumnFamilyHandle* column_family,
                                           const Range& range,
                                           uint64_t* const count,
                                           uint64_t* const size) = 0;
  virtual void GetApproximateMemTableStats(const Range& range,
                                           uint64_t* const count,
                                           uint64_t* const size) {
    GetApproximateMemTableStats(DefaultColumnFamily(), range, count, size);
  }

  // Writes the memtable(s) of the column family to SST files.
  virtual Status Flush(const FlushOptions& options,
                       ColumnFamilyHandle* column_family) = 0;
  virtual Status Flush(const FlushOptions& options) {
    return Flush(options, DefaultColumnFamily());
  }
  // Flushes each column family in turn (skyrocks has no atomic_flush).
  virtual Status Flush(
      const FlushOptions& options,
      const std::vector<ColumnFamilyHandle*>& column_families);
  // Compacts the keys in [begin, end] (nullptr: unbounded) down to the
  // last level, after flushing the memtable.
  virtual Status CompactRange(const CompactRangeOptions& options,
                              ColumnFamilyHandle* column_family,
                              const Slice* begin, const Slice* end) = 0;
  virtual Status CompactRange(const CompactRangeOptions& options,
                              const Slice* begin, const Slice* end) {
    return CompactRange(options, DefaultColumnFamily(), begin, end);
  }
  // Compacts exactly these SST files (and what correctness adds, as
  // RocksDB does: older L0 files, and files of the levels down to
  // output_level overlapping their key range) into output_level, in the
  // calling thread. Names: "000012.sst", "/000012.sst" or a full path (as
  // GetLiveFilesMetaData names them), or the bare number "12". Entries no
  // snapshot can see are dropped, as in any compaction. Errors:
  // InvalidArgument for an unknown file, an output level outside the
  // column family's levels or above an input's level; Aborted when a
  // needed file is being compacted right now; Incomplete
  // (kManualCompactionPaused) after DisableManualCompaction.
  // *output_file_names gets the outputs' full paths.
  virtual Status CompactFiles(
      const CompactionOptions& compact_options,
      ColumnFamilyHandle* column_family,
      const std::vector<std::string>& input_file_names, const int output_level,
      const int output_path_id = -1,
      std::vector<std::string>* const output_file_names = nullptr,
      CompactionJobInfo* compaction_job_info = nullptr) = 0;
  virtual Status CompactFiles(
      const CompactionOptions& compact_options,
      const std::vector<std::string>& input_file_names, const int output_level,
      const int output_path_id = -1,
      std::vector<std::string>* const output_file_names = nullptr,
      CompactionJobInfo* compaction_job_info = nullptr) {
    return CompactFiles(compact_options, DefaultColumnFamily(),
                        input_file_names, output_level, output_path_id,
                        output_file_names, compaction_job_info);
  }

  // Adds SST files written by SstFileWriter (skyrocks' or RocksDB's) to
  // column_family, as RocksDB 7.8.3 does (ingest_behind excepted): the
  // files are hard-linked (move_files; copied when linking fails and
  // failed_move_fall_back_to_copy) or copied into the DB, and each goes to
  // the lowest level whose keys it does not overlap (L0 when the files
  // overlap each other). A file overlapping the DB's keys, or any file
  // while a snapshot exists (snapshot_consistency), gets the next sequence
  // number as its global sequence number, recorded in the MANIFEST (the
  // file is not rewritten: write_global_seqno has no effect, as on a
  // RocksDB FileSystem without random-access writes); a memtable that
  // overlaps is flushed first (allow_blocking_flush, else
  // InvalidArgument). Writes wait while the files are added. Errors name
  // the file: InvalidArgument for an empty list, a file with no entries,
  // another comparator or column family, a needed global sequence number
  // when !allow_global_seqno; Corruption for a file that is no
  // SstFileWriter output; NotSupported for ingest_behind.
  virtual Status IngestExternalFile(
      ColumnFamilyHandle* column_family,
      const std::vector<std::string>& external_files,
      const IngestExternalFileOptions& options) = 0;
  virtual Status IngestExternalFile(
      const std::vector<std::string>& external_files,
      const IngestExternalFileOptions& options) {
    return IngestExternalFile(DefaultColumnFamily(), external_files, options);
  }

  // Changes mutable column family options of a running DB (persisted in a
  // new OPTIONS file). Supported: disable_auto_compactions,
  // level0_file_num_compaction_trigger, level0_slowdown_writes_trigger,
  // level0_stop_writes_trigger, target_file_size_base,
  // max_bytes_for_level_base, max_bytes_for_level_multiplier,
  // prefix_extractor (for new SSTs and reads; tables written with another
  // extractor are then not filtered by prefix),
  // memtable_prefix_bloom_size_ratio and memtable_whole_key_filtering (from
  // the next memtable on). Values as in
  // an OPTIONS file ("true", "4", "1048576"). InvalidArgument for an
  // unknown option or a bad value, NotSupported for a RocksDB option
  // skyrocks cannot change; nothing changes unless every entry is valid.
  virtual Status SetOptions(
      ColumnFamilyHandle* column_family,
      const std::unordered_map<std::string, std::string>& opts_map) = 0;
  virtual Status SetOptions(
      const std::unordered_map<std::string, std::string>& new_options) {
    return SetOptions(DefaultColumnFamily(), new_options);
  }
  // Changes mutable DB options: max_background_jobs,
  // max_background_compactions, max_background_flushes,
  // max_subcompactions, avoid_flush_during_shutdown, max_total_wal_size,
  // delete_obsolete_files_period_micros, bytes_per_sync,
  // wal_bytes_per_sync, stats_dump_period_sec (the next dump is due one
  // new period after the last; 0 stops the dumps) (persisted in a new
  // OPTIONS file).
  // InvalidArgument naming the option for an unknown option, an option
  // that cannot change while the DB is open, or a bad value; nothing
  // changes unless every entry is valid.
  virtual Status SetDBOptions(
      const std::unordered_map<std::string, std::string>& new_options) = 0;
  // Clears disable_auto_compactions of these column families and
  // schedules the compactions they need.
  virtual Status EnableAutoCompaction(
      const std::vector<ColumnFamilyHandle*>& column_family_handles) = 0;
  // Waits for running flushes and compactions, then starts no background
  // compaction until ContinueBackgroundWork was called once per
  // PauseBackgroundWork. Unlike RocksDB, flushes go on (so writes and
  // Flush never wait for a Continue); L0 grows and may stall writes.
  virtual Status PauseBackgroundWork() = 0;
  virtual Status ContinueBackgroundWork() = 0;
  // Recovers from a background error (a failed flush, compaction, WAL or
  // MANIFEST write; see DBOptions::max_bgerror_resume_count): switches to
  // a new WAL and MANIFEST, flushes the memtables again and clears the
  // error. OK when there is none; Busy while the DB resumes on its own;
  // the error when it is fatal (reopen the DB) or the retry fails again.
  virtual Status Resume() { return Status::NotSupported("Resume"); }
  // While disabled (calls nest), CompactRange and CompactFiles return
  // Incomplete (kManualCompactionPaused); a running one finishes first.
  virtual void DisableManualCompaction() = 0;
  virtual void EnableManualCompaction() = 0;
  // Levels of the column family (num_levels, at most 7).
  virtual int NumberLevels(ColumnFamilyHandle* column_family) = 0;
  virtual int NumberLevels() { return NumberLevels(DefaultColumnFamily()); }

  // Every SST file of every column family, with its level.
  virtual void GetLiveFilesMetaData(
      std::vector<LiveFileMetaData>* metadata) = 0;
  // The column family's files, level by level.
  virtual void GetColumnFamilyMetaData(ColumnFamilyHandle* column_family,
                                       ColumnFamilyMetaData* metadata) = 0;
  virtual void GetColumnFamilyMetaData(ColumnFamilyMetaData* metadata) {
    GetColumnFamilyMetaData(DefaultColumnFamily(), metadata);
  }

  // Waits until no flush or compaction is scheduled or running (the
  // background error, if any, is returned). A skyrocks extension in the
  // spirit of RocksDB 8's WaitForCompact.
  virtual Status WaitForCompact() = 0;
  // Reads every block of every live SST, checking its checksum:
  // Corruption naming the file at the first mismatch.
  virtual Status VerifyChecksum(const ReadOptions& read_options) = 0;
  virtual Status VerifyChecksum() { return VerifyChecksum(ReadOptions()); }
  // Deletes the SST files of levels >= 1 whose keys all lie in the ranges
  // (RocksDB's DeleteFilesInRanges; include_end: a file ending at limit
  // counts). L0 files and files being compacted stay. Reached through
  // DeleteFilesInRange(s) in rocksdb/convenience.h.
  virtual Status DeleteFilesInRanges(ColumnFamilyHandle* column_family,
                                     const RangePtr* ranges, size_t n,
                                     bool include_end = true) = 0;

  // Makes every acknowledged write durable in the WAL.
  virtual Status SyncWAL() = 0;
  virtual Status FlushWAL(bool sync) { return sync ? SyncWAL() : Status::OK(); }

  virtual SequenceNumber GetLatestSequenceNumber() const = 0;

  // A secondary instance (OpenAsSecondary) reads the primary's current
  // MANIFEST and WALs again; NotSupported on any other DB.
  virtual Status TryCatchUpWithPrimary() {
    return Status::NotSupported("Supported only by secondary instance");
  }

  // Relative names ("/000012.sst", "/CURRENT", "/MANIFEST-000009",
  // "/OPTIONS-000011") of the files a copy of the DB needs, after flushing
  // the memtables when flush_memtable; *manifest_file_size is the MANIFEST
  // size a copy must take.
  virtual Status GetLiveFiles(std::vector<std::string>& files,
                              uint64_t* manifest_file_size,
                              bool flush_memtable = true) = 0;

  // The WAL files holding writes, archived ones (wal_dir/archive, kept
  // when WAL_ttl_seconds or WAL_size_limit_MB are set) then live ones,
  // oldest first; empty files are left out, as in RocksDB.
  virtual Status GetSortedWalFiles(VectorLogPtr& files) = 0;
  // An iterator over the write batches from the one holding seq_number
  // on (the oldest kept one if seq_number's WAL is gone). NotFound when
  // seq_number is beyond the last sequence written.
  virtual Status GetUpdatesSince(
      SequenceNumber seq_number, std::unique_ptr<TransactionLogIterator>* iter,
      const TransactionLogIterator::ReadOptions& read_options =
          TransactionLogIterator::ReadOptions()) = 0;
  // While disabled (calls nest), no file is deleted, so a copy of the
  // live files can be taken. EnableFileDeletions(force=true) re-enables
  // at once.
  virtual Status DisableFileDeletions() = 0;
  virtual Status EnableFileDeletions(bool force = true) = 0;

  virtual const std::string& GetName() const = 0;
  virtual Status GetDbIdentity(std::string& identity) const = 0;
  virtual DBOptions GetDBOptions() const = 0;
  virtual Options GetOptions(ColumnFamilyHandle* column_family) const = 0;
  virtual Options GetOptions() const {
    return GetOptions(DefaultColumnFamily());
  }
};

// Deletes the DB's files and directory (the DB must not be open).
Status DestroyDB(const std::string& name, const Options& options,
                 const std::vector<ColumnFamilyDescriptor>& column_families =
                     std::vector<ColumnFamilyDescriptor>());

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_DB_H_
