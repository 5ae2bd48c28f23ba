// DBImpl: skyrocks' DB. The pieces and where they live:
//   db_impl_open.cc   Open/OpenForReadOnly, recovery (MANIFEST + WAL
//                     replay per wal_recovery_mode), IDENTITY, OPTIONS,
//                     LOCK, Close, DestroyDB, ListColumnFamilies;
//   db_impl_write.cc  the write path: writers queue up and the one at the
//                     front (the leader) writes the whole group as one WAL
//                     record with one sync, inserts it into the memtables
//                     and releases the followers (group commit); full
//                     memtables become immutable and a job on the Env's
//                     HIGH pool flushes them to L0 SSTs; obsolete files
//                     are deleted;
//   db_impl_read.cc   Get/MultiGet, iterators, snapshots, column families,
//                     properties, live files;
//   db_impl_resume.cc background errors (classified by db/error_handler.h),
//                     DB::Resume and the automatic resume thread;
//   db_impl_txn.cc    the newest sequence of a key (transaction conflicts);
//                     two-phase commit: prepared sections recovered from
//                     the WAL, WALs kept while they hold prepared data.
//   db_impl_admin.cc  size estimates, map and aggregated properties,
//                     VerifyChecksum, DeleteFilesInRanges, SetDBOptions.
//   db_impl_secondary.cc  OpenAsSecondary and TryCatchUpWithPrimary.
//   db_impl_events.cc the info LOG's event lines, the EventListener
//                     callbacks and the periodic stats dump.
//
// Locking: mutex_ guards every field below marked SKYROCKS_GUARDED_BY(mutex_)
// (clang checks them, scripts/check_thread_safety.sh), and also the
// VersionSet and ColumnFamilyData, which the analysis cannot see through. WAL
// writes, memtable inserts and SST building happen outside it: only the write
// leader touches log_ and inserts; only the background thread builds SSTs.
// Readers take refs on memtables and Versions under mutex_ and read without it.
#ifndef SKYROCKS_DB_DB_IMPL_H_
#define SKYROCKS_DB_DB_IMPL_H_

#include <atomic>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "db/compaction.h"
#include "db/error_handler.h"
#include "db/log_writer.h"
#include "db/range_del.h"
#include "db/table_cache.h"
#include "db/version_set.h"
#include "port/mutex.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/listener.h"
#include "table/table_builder.h"

namespace ROCKSDB_NAMESPACE {

class ColumnFamilyHandleImpl : public ColumnFamilyHandle {
 public:
  explicit ColumnFamilyHandleImpl(ColumnFamilyData* cfd) : cfd_(cfd) {}
  const std::string& GetName() const override { return cfd_->name; }
  uint32_t GetID() const override { return cfd_->id; }
  const Comparator* GetComparator() const override {
    return cfd_->options.comparator;
  }
  ColumnFamilyData* cfd() const { return cfd_; }

 private:
  ColumnFamilyData* const cfd_;
};

class SnapshotImpl : public Snapshot {
 public:
  explicit SnapshotImpl(SequenceNumber seq) : seq_(seq) {}
  SequenceNumber GetSequenceNumber() const override { return seq_; }
  ~SnapshotImpl() override = default;

 private:
  const SequenceNumber seq_;
};

class DBImpl : public DB {
 public:
  DBImpl(const DBOptions& options, std::string dbname, bool read_only);
  ~DBImpl() override;

  // Makes this (read-only) DBImpl a secondary instance (OpenAsSecondary):
  // it may open a subset of the column families and TryCatchUpWithPrimary
  // refreshes it. REQUIRES: before OpenImpl.
  void SetSecondary() { secondary_ = true; }
  // The body of DB::Open / OpenForReadOnly / OpenAsSecondary.
  Status OpenImpl(const std::vector<ColumnFamilyDescriptor>& column_families,
                  std::vector<ColumnFamilyHandle*>* handles,
                  bool error_if_wal_file_exists);
  // Opens the table readers of every live SST (footer, index, filter),
  // as RocksDB does at open with max_open_files = -1: one request per
  // file at open instead of several at its first reads. One after
  // another for now (see the .cc).
  // Failures are left for the first read of the file to report.
  // Releases mutex_ while the files are read. REQUIRES: no background work
  // scheduled yet.
  void OpenAllTables() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  Status Close() override;
  Status CreateColumnFamily(const ColumnFamilyOptions& options,
                            const std::string& name,
                            ColumnFamilyHandle** handle) override;
  Status DropColumnFamily(ColumnFamilyHandle* column_family) override;
  Status DestroyColumnFamilyHandle(ColumnFamilyHandle* column_family) override;
  ColumnFamilyHandle* DefaultColumnFamily() const override {
    return default_handle_;
  }

  using DB::Write;
  Status Write(const WriteOptions& options, WriteBatch* updates) override;

  using DB::Get;
  Status Get(const ReadOptions& options, ColumnFamilyHandle* column_family,
             const Slice& key, PinnableSlice* value) override;
  using DB::NewIterator;
  Iterator* NewIterator(const ReadOptions& options,
                        ColumnFamilyHandle* column_family) override;
  const Snapshot* GetSnapshot() override;
  void ReleaseSnapshot(const Snapshot* snapshot) override;
  using DB::GetProperty;
  bool GetProperty(ColumnFamilyHandle* column_family, const Slice& property,
                   std::string* value) override;
  using DB::GetMapProperty;
  bool GetMapProperty(ColumnFamilyHandle* column_family, const Slice& property,
                      std::map<std::string, std::string>* value) override;
  bool GetAggregatedIntProperty(const Slice& property,
                                uint64_t* aggregated_value) override;
  using DB::GetApproximateSizes;
  Status GetApproximateSizes(const SizeApproximationOptions& options,
                             ColumnFamilyHandle* column_family,
                             const Range* ranges, int n,
                             uint64_t* sizes) override;
  using DB::GetApproximateMemTableStats;
  void GetApproximateMemTableStats(ColumnFamilyHandle* column_family,
                                   const Range& range, uint64_t* const count,
                                   uint64_t* const size) override;
  using DB::VerifyChecksum;
  Status VerifyChecksum(const ReadOptions& read_options) override;
  Status DeleteFilesInRanges(ColumnFamilyHandle* column_family,
                             const RangePtr* ranges, size_t n,
                             bool include_end) override;
  Status SetDBOptions(
      const std::unordered_map<std::string, std::string>& new_options) override;
  using DB::Flush;
  Status Flush(const FlushOptions& options,
               ColumnFamilyHandle* column_family) override;
  Status SyncWAL() override;
  // Hands the WAL's buffered records (manual_wal_flush) to the OS; sync:
  // then makes them durable.
  Status FlushWAL(bool sync) override;
  using DB::CompactRange;
  Status CompactRange(const CompactRangeOptions& options,
                      ColumnFamilyHandle* column_family, const Slice* begin,
                      const Slice* end) override;
  Status WaitForCompact() override { return WaitForCompactions(); }
  using DB::CompactFiles;
  Status CompactFiles(const CompactionOptions& compact_options,
                      ColumnFamilyHandle* column_family,
                      const std::vector<std::string>& input_file_names,
                      const int output_level, const int output_path_id,
                      std::vector<std::string>* const output_file_names,
                      CompactionJobInfo* compaction_job_info) override;
  using DB::IngestExternalFile;
  Status IngestExternalFile(ColumnFamilyHandle* column_family,
                            const std::vector<std::string>& external_files,
                            const IngestExternalFileOptions& options) override;
  using DB::SetOptions;
  Status SetOptions(
      ColumnFamilyHandle* column_family,
      const std::unordered_map<std::string, std::string>& opts_map) override;
  Status EnableAutoCompaction(
      const std::vector<ColumnFamilyHandle*>& column_family_handles) override;
  Status PauseBackgroundWork() override;
  Status ContinueBackgroundWork() override;
  Status Resume() override;
  void DisableManualCompaction() override;
  void EnableManualCompaction() override;
  using DB::NumberLevels;
  int NumberLevels(ColumnFamilyHandle* column_family) override;
  void GetLiveFilesMetaData(std::vector<LiveFileMetaData>* metadata) override;
  using DB::GetColumnFamilyMetaData;
  void GetColumnFamilyMetaData(ColumnFamilyHandle* column_family,
                               ColumnFamilyMetaData* metadata) override;
  SequenceNumber GetLatestSequenceNumber() const override {
    return versions_->LastSequence();
  }
  // For optimistic transactions' conflict checks (db_impl_txn.cc): *found
  // tells whether column_family holds an update of key (a point entry or a
  // covering range tombstone) with a sequence above lower_bound, and *seq
  // is the newest such sequence. Reads the memtables and only the SSTs
  // whose key range holds key and whose newest sequence is above
  // lower_bound.
  [[nodiscard]] Status GetLatestSequenceForKey(
      ColumnFamilyHandle* column_family, const Slice& key,
      SequenceNumber lower_bound, SequenceNumber* seq, bool* found);

  // ---- two-phase commit (db_impl_txn.cc; doc/transactions.md)
  // A prepared section WAL replay found without its commit or rollback
  // marker: its updates (after a Noop, as a transaction's batch) and the
  // WAL it is in.
  struct RecoveredTransaction {
    std::string name;
    uint64_t log_number = 0;
    WriteBatch batch;
  };
  // Hands the recovered prepared transactions to the caller (the
  // TransactionDB at open), oldest WAL first. Their WALs stay kept until
  // MarkLogAsHavingPrepSectionFlushed.
  std::vector<std::unique_ptr<RecoveredTransaction>>
  TakeRecoveredTransactions();
  // Appends batch (BeginPrepare ... EndPrepareXID) to the WAL only: no
  // memtable, no sequence number. *log_used gets the WAL, which is kept
  // (MarkLogAsContainingPrepSection) until the commit or rollback.
  [[nodiscard]] Status WritePrepared(const WriteOptions& options,
                                     WriteBatch* batch, uint64_t* log_used);
  // The commit of a prepared transaction: wal_batch (commit-time updates
  // and the CommitXID marker) goes to the WAL, mem_batch (the same
  // followed by the prepared batch) to the memtables, which then keep
  // prep_log alive until they are flushed.
  [[nodiscard]] Status WriteCommitPrepared(const WriteOptions& options,
                                           WriteBatch* wal_batch,
                                           WriteBatch* mem_batch,
                                           uint64_t prep_log);
  // The prepared section in log no longer needs it (its commit is in a
  // memtable, or it was rolled back).
  void MarkLogAsHavingPrepSectionFlushed(uint64_t log);
  bool allow_2pc() const { return options_.allow_2pc; }

  Status GetLiveFiles(std::vector<std::string>& files,
                      uint64_t* manifest_file_size,
                      bool flush_memtable) override;
  Status GetSortedWalFiles(VectorLogPtr& files) override;
  // db_impl_secondary.cc.
  Status TryCatchUpWithPrimary() override;
  Status GetUpdatesSince(
      SequenceNumber seq_number, std::unique_ptr<TransactionLogIterator>* iter,
      const TransactionLogIterator::ReadOptions& read_options) override;
  Status DisableFileDeletions() override;
  Status EnableFileDeletions(bool force) override;
  const std::string& GetName() const override { return dbname_; }
  Status GetDbIdentity(std::string& identity) const override;
  DBOptions GetDBOptions() const override {
    port::MutexLock l(&mutex_);  // SetDBOptions changes them
    return options_;
  }
  Options GetOptions(ColumnFamilyHandle* column_family) const override;

 private:
  struct Writer;
  friend class DBImplMemTableInserter;

  // ---- open (db_impl_open.cc)
  Status RecoverWals(bool error_if_wal_file_exists, SequenceNumber* max_seq,
                     std::vector<uint64_t>* replayed);
  Status ReplayWal(uint64_t number, SequenceNumber* max_seq, bool* stop);
  Status WriteOptionsFile();
  Status NewWal() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  // ---- write (db_impl_write.cc)
  struct WriteExtras;  // what a two-phase-commit write needs beyond Write
  Status WriteImpl(const WriteOptions& options, WriteBatch* updates,
                   const WriteExtras* extras);
  Status CheckColumnFamilies(const WriteOptions& options, WriteBatch* batch);
  // Applies batch (sequence already set) to the memtables. During WAL
  // replay (wal_number != 0) column families that flushed that WAL already
  // and unknown (dropped) column families are skipped.
  // prep_log != 0: the data of a prepared transaction in that WAL (the
  // memtables written keep it). *next_seq (optional) gets the sequence
  // after the last one used.
  Status InsertIntoMemTables(WriteBatch* batch, uint64_t wal_number,
                             bool ignore_missing_cf, uint64_t prep_log = 0,
                             SequenceNumber* next_seq = nullptr);
  // ---- two-phase commit (db_impl_txn.cc)
  void MarkLogAsContainingPrepSection(uint64_t log);
  // The oldest WAL a prepared section or a memtable's committed prepared
  // data needs; UINT64_MAX when none.
  uint64_t MinPrepLogToKeep() const SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  Status MakeRoomForWrite() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  Status SwitchMemTable(ColumnFamilyData* cfd)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void ScheduleFlush(ColumnFamilyData* cfd)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  static void BGWorkFlush(void* db);
  static void UnscheduleFlush(void* db);
  void BackgroundFlush();
  Status FlushOneImmutable(ColumnFamilyData* cfd)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Moves the log number of every live family but `cfd` (may be null)
  // that holds nothing unflushed up to the current WAL, so older WALs can
  // go; `edit` (may be null), cfd's own edit, goes in the same MANIFEST
  // write (one sync, one upload for a cloud DB).
  Status AdvanceIdleLogNumbers(ColumnFamilyData* cfd, VersionEdit* edit)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // The memtable's entries through the column family's compaction filter
  // when its factory filters `reason` (rocksdb/compaction_filter.h).
  // ev: a flush job's events (OnFlushBegin, the file's properties).
  struct FlushEvents;
  Status WriteLevel0Table(
      ColumnFamilyData* cfd, MemTable* mem, FileMetaData* meta,
      TableFileCreationReason reason = TableFileCreationReason::kFlush,
      FlushEvents* ev = nullptr) SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  TableBuilderOptions NewTableBuilderOptions(ColumnFamilyData* cfd,
                                             uint64_t number) const;
  // Sync per options_.use_fsync; the first sync of a WAL also syncs the
  // DB directory, so that the new WAL's name is as durable as its bytes.
  // later (optional): when the WAL file can sync later (env/sync_later.h),
  // it only gets the bytes so far and *later gets the wait for them.
  IOStatus SyncWal(log::Writer* log,
                   std::function<IOStatus()>* later = nullptr) const;
  // Write groups waiting for their WAL bytes to be durable (see
  // WriteImpl): each leaves the writers' queue once its bytes are in the
  // WAL and its entries in the memtables, and is published and
  // acknowledged in WAL order.
  struct PendingGroup;
  void PublishPendingGroups() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  IOStatus SyncFile(FSWritableFile* file) const;
  // A finished table's size, bounds and sequence range, stamped now.
  void SetFileMetaFromTable(const TableBuildResult& r,
                            FileMetaData* meta) const;
  // Waits for, and leaves, the front of the writers' queue (Flush and
  // SyncWAL take their turn between writes).
  void EnterWriterQueue(Writer* w) SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void LeaveWriterQueue() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Pops the writers from the front of the queue through `last`, giving
  // each to `each` in queue order, and wakes the new front (no allocation:
  // it runs for every write group).
  void PopWriters(Writer* last, const std::function<void(Writer*)>& each)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Marks w done with status s and wakes it. REQUIRES: mutex_ held (a
  // static member cannot name it for the checker).
  static void FinishWriter(Writer* w, const Status& s);
  // Runs fn at the front of the writers' queue: no write runs meanwhile
  // (fn may release and retake the mutex; it runs with mutex_ held).
  Status WithWritesStopped(const std::function<Status()>& fn)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // mutex_ is released while files are unlinked.
  void DeleteObsoleteFiles() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  Status WaitForFlush(ColumnFamilyData* cfd)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  Status FlushColumnFamily(ColumnFamilyData* cfd, bool wait);

  // ---- compaction (db_impl_compaction.cc)
  // Picks and queues background compactions while the job limit allows
  // (CompactionJobLimit) and a compaction that conflicts with none at work
  // exists.
  void MaybeScheduleCompaction() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // RocksDB's compaction job limit: from max_background_jobs (or
  // max_background_compactions), and 1 unless compactions fall behind
  // (NeedSpeedupCompaction).
  int CompactionJobLimit() const SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // RocksDB's GetBGJobLimits with compactions in parallel.
  static void BackgroundJobLimits(const DBOptions& o, int* max_flushes,
                                  int* max_compactions);
  bool NeedSpeedupCompaction() const;
  static void BGWorkCompaction(void* db);
  static void UnscheduleCompaction(void* db);
  void BackgroundCompaction();
  // Runs spec, holding its files and output range in compactions_ for the
  // time (spec must not conflict with a running compaction); mutex_ is
  // released while files are written. *outputs (optional)
  // gets the files made; canceled (optional): a manual compaction's flag,
  // once set the compaction stops with Status::Incomplete
  // (kManualCompactionPaused); max_subcompactions: 0 for the DB's option.
  // spec.manual counts it in manual_compactions_running_.
  Status RunCompaction(ColumnFamilyData* cfd, const CompactionSpec& spec,
                       std::vector<FileMetaData>* outputs = nullptr,
                       const std::atomic<bool>* canceled = nullptr,
                       uint32_t max_subcompactions = 0)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // The work of RunCompaction once spec is held (mutex_ held on entry and
  // exit, released while files are written).
  // What a compaction did, for the info LOG's compaction_finished.
  struct CompactionCounts {
    uint64_t input_records = 0, output_records = 0, subcompactions = 1;
    uint64_t micros = 0, cpu_micros = 0;  // cpu: this thread's only
  };
  Status DoCompaction(ColumnFamilyData* cfd, const CompactionSpec& spec,
                      std::vector<FileMetaData>* outputs,
                      const std::atomic<bool>* canceled,
                      uint32_t max_subcompactions, int job_id,
                      CompactionCounts* counts)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // One key range of DoCompaction's merge (a subcompaction), run without
  // mutex_: merges the entries of `tables` in the job's range into new
  // files (db_impl_compaction_job.cc).
  struct SubcompactionJob;
  void RunSubcompaction(ColumnFamilyData* cfd, const CompactionSpec& spec,
                        const std::vector<std::shared_ptr<TableReader>>& tables,
                        const RangeTombstones& tombstones,
                        const std::vector<SequenceNumber>& snapshots,
                        const std::atomic<bool>* canceled,
                        SubcompactionJob* job);
  // Waits until a manual compaction may start: an exclusive one until no
  // other compaction is queued or running (automatic ones stop being
  // scheduled meanwhile), any one while an exclusive one runs. Non-OK when
  // the DB stops, manual compaction is disabled or canceled is set.
  Status BeginManualCompaction(bool exclusive,
                               const std::atomic<bool>* canceled)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void EndManualCompaction(bool exclusive)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Why a manual compaction must stop now (OK: it may go on).
  Status ManualCompactionStopReason(const std::atomic<bool>* canceled) const
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // The SST files of cfd as RocksDB's metadata, level by level.
  std::vector<std::vector<SstFileMetaData>> FilesMetaData(ColumnFamilyData* cfd)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  Status WaitForCompactions();
  Status StallWritesIfNeeded() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // rocksdb.levelstats (files and MB per level), and rocksdb.stats: that
  // table, then flush, compaction and stall counters.
  std::string LevelStatsString(ColumnFamilyData* cfd) const
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  std::string CompactionStatsString(ColumnFamilyData* cfd) const
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  // ---- CompactRange (db_impl_compact_range.cc); mutex_ held
  // RocksDB's wait before CompactRange's flush (allow_write_stall false):
  // until one more immutable memtable or L0 file would not stall writes.
  Status WaitUntilFlushWouldNotStallWrites(ColumnFamilyData* cfd)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // The steps of CompactRange, level by level; *final_level gets the level
  // the range ended in (-1: no file overlaps it).
  Status CompactRangeSteps(const CompactRangeOptions& options,
                           ColumnFamilyData* cfd, const Slice* begin,
                           const Slice* end, int* final_level)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Moves every file of `level` to target_level (< 0: the smallest empty
  // level above that can hold them), as RocksDB's change_level does.
  // REQUIRES: background work paused.
  Status ReFitLevel(ColumnFamilyData* cfd, int level, int target_level)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  // ---- background errors (db_impl_resume.cc); mutex_ held
  // Records a background error (classified as RocksDB does, see
  // db/error_handler.h): raises bg_error_ to its severity, counts it and,
  // for a retryable one, starts the resume thread. Returns bg_error_.
  Status SetBGError(const Status& s, BackgroundErrorReason reason)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Writes fail with bg_error_ (hard error or worse).
  bool IsDBStopped() const SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return bg_error_.severity() >= Status::kHardError;
  }
  // No flush or compaction starts but those of a resume.
  bool IsBGWorkStopped() const SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return !bg_error_.ok() &&
           (bg_error_.severity() >= Status::kHardError || soft_no_bg_work_);
  }
  // Background flushes may run: no error stops them, or a resume runs.
  bool BGFlushAllowed() const SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return !IsBGWorkStopped() || recovery_in_prog_;
  }
  // RocksDB's ResumeImpl: after a WAL or MANIFEST error starts a new one,
  // flushes every memtable and clears bg_error_; non-OK (the error met)
  // when that fails or the error is fatal.
  Status ResumeImpl() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void ClearBGError() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Resume's memtable switch, in the writers' turn (db_impl_write.cc):
  // every non-empty memtable becomes immutable on a new WAL; after a WAL
  // error the torn WAL is closed and a new one started even when every
  // memtable is empty.
  Status SwitchMemTablesForResume() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void StartResumeThread() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void ResumeThreadBody();
  // Stops and joins the resume thread (Close). mutex_ not held.
  void EndResume();

  // ---- events (db_impl_events.cc): RocksDB 7.8.3's EVENT_LOG_v1 lines
  // in the info LOG and the listeners' callbacks. The ones that require
  // mutex_ release it around the callbacks (only when there are listeners).
  int NewJobId() { return next_job_id_.fetch_add(1); }
  // What a flush job reports (FlushOneImmutable fills it, WriteLevel0Table
  // notifies with it).
  struct FlushEvents {
    int job_id = 0;
    FlushReason reason = FlushReason::kWriteBufferFull;
    TableProperties properties;  // of the file written
  };
  void NotifyFlushBegin(ColumnFamilyData* cfd, MemTable* mem,
                        const FlushEvents& ev)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void NotifyFlushCompleted(ColumnFamilyData* cfd, const FileMetaData& meta,
                            const FlushEvents& ev)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // A table file's creation started / finished (mutex_ not held); r is
  // null when the file was not finished.
  void NotifyTableFileCreationStarted(const std::string& cf_name,
                                      const std::string& path, int job_id,
                                      TableFileCreationReason reason);
  void NotifyTableFileCreated(const std::string& cf_name,
                              const std::string& path, int job_id,
                              TableFileCreationReason reason,
                              const TableBuildResult* r, const Status& s);
  // CompactionJobInfo of spec before it runs (inputs, levels, reason).
  void NewCompactionJobInfo(ColumnFamilyData* cfd, const CompactionSpec& spec,
                            int job_id, CompactionJobInfo* info) const
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void NotifyCompactionBegin(ColumnFamilyData* cfd, const CompactionSpec& spec,
                             const CompactionJobInfo& info)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // outputs: the files made.
  void NotifyCompactionCompleted(ColumnFamilyData* cfd,
                                 const CompactionSpec& spec,
                                 CompactionJobInfo* info, const Status& s,
                                 const std::vector<FileMetaData>& outputs,
                                 const CompactionCounts& counts)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Files DeleteObsoleteFiles unlinked, with each unlink's result (mutex_
  // not held): the table files are logged and reported.
  void NotifyFilesDeleted(const std::vector<std::string>& paths,
                          const std::vector<Status>& results);
  // The listeners see (and may replace) a background error; OK: ignore it.
  void NotifyBackgroundError(BackgroundErrorReason reason, Status* err)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // OnMemTableSealed for the memtables SwitchMemTable sealed since the last
  // call (SwitchMemTable only queues them: its callers hold state across
  // it), then schedules their flush, then NotifyStallConditionsChanged.
  // Releases mutex_ while the listeners run: call it only where the
  // caller may lose the mutex anyway. Returns whether it released mutex_
  // (a caller about to wait on bg_cv_ checks its condition again).
  bool NotifyMemTablesSealed() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // RocksDB's write stall condition of cfd as skyrocks stalls: kStopped
  // at L0StopsWrites or MemtablesStopWrites, kDelayed at
  // level0_slowdown_writes_trigger (with auto compactions), else kNormal.
  static WriteStallCondition StallConditionOf(const ColumnFamilyData& cfd);
  // OnStallConditionsChanged for each live family whose condition changed
  // since last told (releases mutex_ meanwhile; returns whether it did).
  // Called where versions or memtables change: memtable switches, flush
  // and compaction installs, ingestions, and before a write waits for
  // memtables to flush.
  bool NotifyStallConditionsChanged() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // The end of an error recovery: OnErrorRecoveryCompleted(old_error) and
  // OnErrorRecoveryEnd({old_error, new_error}) for each listener, as
  // RocksDB 7.8.3 (releases mutex_ meanwhile).
  void NotifyErrorRecoveryEnd(const Status& old_error, const Status& new_error)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // OnExternalFileIngested, one call per file (releases mutex_ meanwhile).
  void NotifyExternalFilesIngested(
      ColumnFamilyData* cfd, const std::vector<ExternalFileIngestionInfo>& files)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // OnColumnFamilyHandleDeletionStarted, before handle is deleted.
  void NotifyColumnFamilyHandleDeletion(ColumnFamilyHandle* handle)
      SKYROCKS_LOCKS_EXCLUDED(mutex_);
  // The periodic stats dump (stats_dump_period_sec): started by the first
  // flush with a non-zero period, stopped by Close. SetStatsDumpPeriod
  // (SetDBOptions) makes the next dump due one new period after the last
  // (0: none until the period changes again).
  void MaybeStartStatsDump() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void SetStatsDumpPeriod(unsigned int seconds)
      SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void DumpStats();            // mutex_ not held
  void EndStatsDump();         // mutex_ not held

  // ---- read (db_impl_read.cc)
  SequenceNumber ReadSequence(const ReadOptions& options) const;

  ColumnFamilyData* CfdOf(ColumnFamilyHandle* h) const {
    return static_cast<ColumnFamilyHandleImpl*>(h != nullptr ? h
                                                             : default_handle_)
        ->cfd();
  }

  // SetDBOptions changes its mutable fields under mutex_.
  DBOptions options_;
  const std::string dbname_;
  // Where the WALs are (DBOptions::wal_dir resolved; dbname_ by default).
  const std::string wal_dir_;
  const bool read_only_;
  bool secondary_ = false;  // set once before OpenImpl
  // One TryCatchUpWithPrimary at a time; taken before mutex_.
  port::Mutex catch_up_mu_ SKYROCKS_ACQUIRED_BEFORE(mutex_);
  Env* const env_;
  std::shared_ptr<FileSystem> fs_;
  // DBOptions::statistics and rate_limiter (null when unset), kept alive
  // by options_.
  Statistics* const stats_;
  RateLimiter* const rate_limiter_;
  // options_.info_log (the user's, or the LOG DB::Open made; null for a
  // read-only DB without one) and the listeners, fixed after open.
  Logger* info_log_ = nullptr;
  std::atomic<int> next_job_id_{1};
  // The stats dump thread and its own lock (a leaf: it never takes
  // mutex_ while holding stats_dump_mu_).
  port::Mutex stats_dump_mu_;
  port::CondVar stats_dump_cv_{&stats_dump_mu_};
  bool stats_dump_end_ SKYROCKS_GUARDED_BY(stats_dump_mu_) = false;
  uint64_t stats_dump_period_us_ SKYROCKS_GUARDED_BY(stats_dump_mu_) = 0;
  bool stats_dump_started_ SKYROCKS_GUARDED_BY(mutex_) = false;
  std::thread stats_dump_thread_;
  std::string db_id_;
  std::string session_id_;
  std::string host_id_;

  mutable port::Mutex mutex_;
  // The WAL whose directory entry SyncWal made durable (0: none yet).
  mutable std::atomic<uint64_t> wal_dir_synced_{0};
  port::CondVar bg_cv_;  // flush done, writer queue moved, shutdown
  std::unique_ptr<VersionSet> versions_;
  std::unique_ptr<TableCache> table_cache_;
  std::unique_ptr<FileLock> db_lock_;
  ColumnFamilyHandleImpl* default_handle_ = nullptr;

  // Replaced under mutex_; its records are written by the write leader
  // only, through a pointer taken under mutex_.
  std::unique_ptr<log::Writer> log_ SKYROCKS_GUARDED_BY(mutex_);
  uint64_t logfile_number_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  // WALs that may hold unflushed data
  std::vector<uint64_t> alive_logs_ SKYROCKS_GUARDED_BY(mutex_);

  // Two-phase commit: prepared sections not yet committed or rolled back,
  // per WAL (count); recovered transactions until the TransactionDB takes
  // them. prep_mu_ is a leaf lock (taken under mutex_ or alone).
  mutable port::Mutex prep_mu_ SKYROCKS_ACQUIRED_AFTER(mutex_);
  std::map<uint64_t, int> prep_logs_ SKYROCKS_GUARDED_BY(prep_mu_);
  std::map<std::string, std::unique_ptr<RecoveredTransaction>> recovered_txns_
      SKYROCKS_GUARDED_BY(prep_mu_);

  std::deque<Writer*> writers_ SKYROCKS_GUARDED_BY(mutex_);
  WriteBatch tmp_batch_;  // the leader's group batch
  // In WAL order; bg_cv_ is signalled when it empties. The queue's front
  // (EnterWriterQueue) waits for it to empty.
  std::deque<PendingGroup*> pending_groups_ SKYROCKS_GUARDED_BY(mutex_);
  std::multiset<SequenceNumber> snapshots_ SKYROCKS_GUARDED_BY(mutex_);
  // SSTs being written
  std::set<uint64_t> pending_outputs_ SKYROCKS_GUARDED_BY(mutex_);
  // Sealed memtables not yet told to the listeners (NotifyMemTablesSealed).
  std::vector<MemTableInfo> sealed_memtables_ SKYROCKS_GUARDED_BY(mutex_);
  // The background error (with its severity) and the resume state; see
  // db/error_handler.h.
  Status bg_error_ SKYROCKS_GUARDED_BY(mutex_);
  // a soft error that stops background work
  bool soft_no_bg_work_ SKYROCKS_GUARDED_BY(mutex_) = false;
  // a resume (automatic or by hand) runs
  bool recovery_in_prog_ SKYROCKS_GUARDED_BY(mutex_) = false;
  // The first background error during a resume.
  Status recovery_error_ SKYROCKS_GUARDED_BY(mutex_);
  // the WAL may end in a torn record
  bool wal_write_failed_ SKYROCKS_GUARDED_BY(mutex_) = false;
  // Close: the resume thread stops
  bool end_resume_ SKYROCKS_GUARDED_BY(mutex_) = false;
  // work for the resume thread
  bool resume_requested_ SKYROCKS_GUARDED_BY(mutex_) = false;
  std::thread resume_thread_;      // started at the first retryable error
  // rocksdb.background-errors
  uint64_t bg_error_count_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  std::atomic<bool> shutting_down_{false};  // read by compaction threads
  // A write skipped the WAL: Close flushes (avoid_flush_during_shutdown
  // aside) so that it is not lost.
  std::atomic<bool> has_unpersisted_data_{false};
  std::atomic<bool> closed_{false};
  int flushes_running_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  int file_deletions_disabled_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  // When DeleteObsoleteFiles last purged wal_dir/archive (unix seconds).
  uint64_t wal_archive_purged_at_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  uint64_t flush_count_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  bool bg_flush_scheduled_ SKYROCKS_GUARDED_BY(mutex_) = false;
  // Background compactions picked and held, waiting for their LOW-pool job
  // (each job takes the oldest).
  struct QueuedCompaction {
    ColumnFamilyData* cfd;
    CompactionSpec spec;
    uint64_t ticket;  // in compactions_
  };
  std::deque<QueuedCompaction> compaction_queue_ SKYROCKS_GUARDED_BY(mutex_);
  // LOW-pool jobs queued or running
  int bg_compactions_scheduled_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  // at work, background and manual
  int compactions_running_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  int manual_compactions_running_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  // no automatic compaction starts
  int exclusive_manual_waiting_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  bool exclusive_manual_running_ SKYROCKS_GUARDED_BY(mutex_) = false;
  // DisableManualCompaction calls
  int manual_compaction_paused_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  // PauseBackgroundWork calls
  int bg_work_paused_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  // CompactionJobInfo::job_id
  int compact_files_jobs_ SKYROCKS_GUARDED_BY(mutex_) = 0;
  // What running compactions hold.
  CompactionsInProgress compactions_ SKYROCKS_GUARDED_BY(mutex_);
  std::map<uint32_t, std::vector<std::string>> compact_cursors_
      SKYROCKS_GUARDED_BY(mutex_);
  struct CompactionStats {
    uint64_t count = 0, trivial_moves = 0, bytes_read = 0, bytes_written = 0;
    uint64_t bytes_flushed = 0, entries_kept = 0, entries_dropped = 0;
    uint64_t stall_count = 0, stall_micros = 0;
    uint64_t subcompactions = 0;  // ranges run by split compactions
    int max_running = 0;          // most compactions at work at once
  };
  CompactionStats compaction_stats_ SKYROCKS_GUARDED_BY(mutex_);
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_DB_IMPL_H_
