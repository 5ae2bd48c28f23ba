// The write path, flushes and obsolete files; see db/db_impl.h.
#include <algorithm>
#include <atomic>
#include <thread>

#include "db/compaction_filter_runner.h"
#include "db/db_impl.h"
#include "db/filename.h"
#include "db/wal_files.h"
#include "db/write_batch_internal.h"
#include "env/file_util.h"
#include "env/rate_limited_file.h"
#include "env/sync_later.h"
#include "rocksdb/merge_operator.h"
#include "table/table_builder.h"
#include "util/perf_util.h"
#include "util/statistics_util.h"

namespace ROCKSDB_NAMESPACE {

struct DBImpl::WriteExtras {
  bool disable_memtable = false;  // a prepare: the WAL only
  bool mark_prep_log = false;     // the WAL keeps a prepared section
  WriteBatch* mem_batch = nullptr;  // the memtables get this instead
  uint64_t prep_log = 0;            // mem_batch commits data prepared there
  uint64_t* log_used = nullptr;     // the WAL written
};

// A write group between leaving the writers' queue and its
// acknowledgement: its WAL bytes are written (not yet durable) and its
// entries are in the memtables (not yet visible).
// Its fields, and a Writer's done and status, are read and written under
// DBImpl::mutex_ only. They carry no SKYROCKS_GUARDED_BY: clang's analysis
// can name a lock only through the object that holds the field, and these
// structs do not hold the DB's mutex.
struct DBImpl::PendingGroup {
  SequenceNumber last_seq = 0;
  std::vector<Writer*> writers;  // the leader first
  bool waited = false;           // the durability wait returned
  bool sync_failed = false;      // that wait failed
  Status status;                 // its result
};

struct DBImpl::Writer {
  explicit Writer(port::Mutex* mu) : cv(mu) {}
  WriteBatch* batch = nullptr;
  bool sync = false;
  bool disable_wal = false;
  bool ignore_missing_cf = false;
  const WriteExtras* extras = nullptr;  // two-phase commit; never grouped
  bool done = false;
  Status status;
  port::CondVar cv;
  // Mirrors done / "now at the front" for followers spinning without the
  // mutex (set under the mutex; only read without it).
  std::atomic<bool> wake{false};
};

// Applies a batch's records to memtables, one sequence number per counted
// record. Two-phase-commit markers: outside recovery they are skipped (a
// commit's batch carries the prepared updates after its marker); during
// WAL replay (wal_number != 0) a prepared section is set aside as a
// recovered transaction until its commit marker applies it or its
// rollback marker drops it (RocksDB 7.8.3's MemTableInserter).
class DBImplMemTableInserter : public WriteBatch::Handler {
 public:
  DBImplMemTableInserter(DBImpl* db, SequenceNumber seq, uint64_t wal_number,
                         bool ignore_missing_cf, uint64_t prep_log)
      : db_(db),
        seq_(seq),
        wal_number_(wal_number),
        ignore_missing_cf_(ignore_missing_cf),
        prep_log_(prep_log) {}

  SequenceNumber sequence() const { return seq_; }

  Status PutCF(uint32_t cf, const Slice& key, const Slice& value) override {
    if (rebuilding_) return Rebuild(WriteBatchInternal::Put(rebuilding_.get(), cf, key, value));
    return Add(cf, kTypeValue, key, value);
  }
  Status DeleteCF(uint32_t cf, const Slice& key) override {
    if (rebuilding_) return Rebuild(WriteBatchInternal::Delete(rebuilding_.get(), cf, key));
    return Add(cf, kTypeDeletion, key, Slice());
  }
  Status SingleDeleteCF(uint32_t cf, const Slice& key) override {
    if (rebuilding_) return Rebuild(WriteBatchInternal::SingleDelete(rebuilding_.get(), cf, key));
    return Add(cf, kTypeSingleDeletion, key, Slice());
  }
  Status DeleteRangeCF(uint32_t cf, const Slice& begin,
                       const Slice& end) override {
    if (rebuilding_) return Rebuild(WriteBatchInternal::DeleteRange(rebuilding_.get(), cf, begin, end));
    return Add(cf, kTypeRangeDeletion, begin, end);
  }
  Status MergeCF(uint32_t cf, const Slice& key, const Slice& value) override {
    if (rebuilding_) return Rebuild(WriteBatchInternal::Merge(rebuilding_.get(), cf, key, value));
    return Add(cf, kTypeMerge, key, value);
  }

  Status MarkNoop(bool) override { return Status::OK(); }
  Status MarkBeginPrepare(bool unprepared) override {
    if (wal_number_ == 0) return Status::OK();
    if (!db_->allow_2pc()) {
      return Status::NotSupported(
          "WAL contains prepared transactions. Open with "
          "TransactionDB::Open().");
    }
    if (unprepared) {
      return Status::NotSupported(
          "WAL holds a WRITE_UNPREPARED transaction section; skyrocks "
          "supports WRITE_COMMITTED only");
    }
    rebuilding_.reset(new WriteBatch());
    WriteBatchInternal::InsertNoop(rebuilding_.get());
    return Status::OK();
  }
  Status MarkEndPrepare(const Slice& xid) override {
    if (wal_number_ == 0) return Status::OK();
    if (!rebuilding_) {
      return Status::Corruption("WAL " + std::to_string(wal_number_) +
                                ": EndPrepare of '" + xid.ToString() +
                                "' without BeginPrepare");
    }
    auto trx = std::make_unique<DBImpl::RecoveredTransaction>();
    trx->name = xid.ToString();
    trx->log_number = wal_number_;
    trx->batch = std::move(*rebuilding_);
    rebuilding_.reset();
    db_->MarkLogAsContainingPrepSection(wal_number_);
    port::MutexLock l(&db_->prep_mu_);
    db_->recovered_txns_[trx->name] = std::move(trx);
    return Status::OK();
  }
  Status MarkCommit(const Slice& xid) override {
    if (wal_number_ == 0) return Status::OK();
    std::unique_ptr<DBImpl::RecoveredTransaction> trx = Take(xid);
    // Not found: the prepared section was in a WAL already dropped (its
    // data is in an SST), as RocksDB assumes.
    if (trx == nullptr) return Status::OK();
    const uint64_t saved = prep_log_;
    prep_log_ = trx->log_number;
    Status s = trx->batch.Iterate(this);
    prep_log_ = saved;
    db_->MarkLogAsHavingPrepSectionFlushed(trx->log_number);
    return s;
  }
  Status MarkCommitWithTimestamp(const Slice& xid, const Slice&) override {
    return MarkCommit(xid);
  }
  Status MarkRollback(const Slice& xid) override {
    if (wal_number_ == 0) return Status::OK();
    std::unique_ptr<DBImpl::RecoveredTransaction> trx = Take(xid);
    if (trx != nullptr) db_->MarkLogAsHavingPrepSectionFlushed(trx->log_number);
    return Status::OK();
  }

 private:
  // As RocksDB's recovery, a prepared record uses up a sequence number.
  Status Rebuild(Status s) {
    seq_++;
    return s;
  }
  std::unique_ptr<DBImpl::RecoveredTransaction> Take(const Slice& xid) {
    port::MutexLock l(&db_->prep_mu_);
    auto it = db_->recovered_txns_.find(xid.ToString());
    if (it == db_->recovered_txns_.end()) return nullptr;
    std::unique_ptr<DBImpl::RecoveredTransaction> trx = std::move(it->second);
    db_->recovered_txns_.erase(it);
    return trx;
  }
  Status Add(uint32_t cf_id, ValueType type, const Slice& key,
             const Slice& value) {
    const SequenceNumber seq = seq_++;
    ColumnFamilyData* cfd = db_->versions_->GetColumnFamily(cf_id);
    if (cfd == nullptr) {
      if (ignore_missing_cf_) return Status::OK();
      return Status::InvalidArgument("write to unknown column family " +
                                     std::to_string(cf_id));
    }
    // During WAL replay: this column family flushed the WAL already.
    if (wal_number_ != 0 && cfd->log_number > wal_number_) return Status::OK();
    if (prep_log_ != 0) cfd->mem->RefLogContainingPrepSection(prep_log_);
    return cfd->mem->Add(seq, type, key, value);
  }

  DBImpl* const db_;
  SequenceNumber seq_;
  const uint64_t wal_number_;
  const bool ignore_missing_cf_;
  uint64_t prep_log_;
  std::unique_ptr<WriteBatch> rebuilding_;  // the prepared section being read
};

Status DBImpl::InsertIntoMemTables(WriteBatch* batch, uint64_t wal_number,
                                   bool ignore_missing_cf, uint64_t prep_log,
                                   SequenceNumber* next_seq) {
  DBImplMemTableInserter inserter(this, WriteBatchInternal::Sequence(batch),
                                  wal_number, ignore_missing_cf, prep_log);
  Status s = batch->Iterate(&inserter);
  if (next_seq != nullptr) *next_seq = inserter.sequence();
  return s;
}

namespace {

// Collects the column family ids other than the default's (0, which always
// exists) a batch writes to: most batches name none and allocate nothing.
class ColumnFamilyCollector : public WriteBatch::Handler {
 public:
  Status PutCF(uint32_t cf, const Slice&, const Slice&) override {
    return Note(cf);
  }
  Status DeleteCF(uint32_t cf, const Slice&) override { return Note(cf); }
  Status SingleDeleteCF(uint32_t cf, const Slice&) override { return Note(cf); }
  Status DeleteRangeCF(uint32_t cf, const Slice&, const Slice&) override {
    return Note(cf);
  }
  Status MergeCF(uint32_t cf, const Slice&, const Slice&) override {
    return Note(cf);
  }
  // Two-phase-commit markers name no column family; a DB without
  // allow_2pc refuses them (its WAL replay could not read them back).
  explicit ColumnFamilyCollector(bool allow_2pc) : allow_2pc_(allow_2pc) {}
  Status MarkBeginPrepare(bool) override { return Marker(); }
  Status MarkEndPrepare(const Slice&) override { return Marker(); }
  Status MarkCommit(const Slice&) override { return Marker(); }
  Status MarkCommitWithTimestamp(const Slice&, const Slice&) override {
    return Marker();
  }
  Status MarkRollback(const Slice&) override { return Marker(); }
  std::vector<uint32_t> ids;

 private:
  Status Note(uint32_t cf) {
    if (cf != 0 && std::find(ids.begin(), ids.end(), cf) == ids.end()) {
      ids.push_back(cf);
    }
    return Status::OK();
  }
  Status Marker() const {
    if (allow_2pc_) return Status::OK();
    return Status::InvalidArgument(
        "WriteBatch holds a two-phase-commit marker; only a DB opened with "
        "allow_2pc (a TransactionDB) takes one");
  }
  const bool allow_2pc_;
};

}  // namespace

Status DBImpl::CheckColumnFamilies(const WriteOptions& options,
                                   WriteBatch* batch) {
  ColumnFamilyCollector collector(options_.allow_2pc);
  Status s = batch->Iterate(&collector);
  if (!s.ok()) return s;
  if (options.ignore_missing_column_families) return Status::OK();
  // Only the default column family: most writes need no lock here.
  if (collector.ids.empty()) return Status::OK();
  port::MutexLock l(&mutex_);
  for (uint32_t id : collector.ids) {
    if (versions_->GetColumnFamily(id) == nullptr) {
      return Status::InvalidArgument(
          "Invalid column family specified in write batch: " +
          std::to_string(id));
    }
  }
  return Status::OK();
}

Status DBImpl::Write(const WriteOptions& options, WriteBatch* updates) {
  return WriteImpl(options, updates, nullptr);
}

Status DBImpl::WritePrepared(const WriteOptions& options, WriteBatch* batch,
                             uint64_t* log_used) {
  WriteExtras extras;
  extras.disable_memtable = true;
  extras.mark_prep_log = true;
  extras.log_used = log_used;
  WriteOptions o = options;
  o.disableWAL = false;  // a prepare exists only in the WAL
  return WriteImpl(o, batch, &extras);
}

Status DBImpl::WriteCommitPrepared(const WriteOptions& options,
                                   WriteBatch* wal_batch, WriteBatch* mem_batch,
                                   uint64_t prep_log) {
  WriteExtras extras;
  extras.mem_batch = mem_batch;
  extras.prep_log = prep_log;
  return WriteImpl(options, wal_batch, &extras);
}

Status DBImpl::WriteImpl(const WriteOptions& options, WriteBatch* updates,
                         const WriteExtras* extras) {
  if (updates == nullptr) return Status::InvalidArgument("WriteBatch is null");
  if (read_only_)
    return Status::NotSupported("Not supported operation in read only mode.");
  if (options.sync && options.disableWAL) {
    return Status::InvalidArgument("Sync writes has to enable WAL.");
  }
  Status s = CheckColumnFamilies(
      options, extras != nullptr && extras->mem_batch != nullptr
                   ? extras->mem_batch
                   : updates);
  if (!s.ok()) return s;
  StopWatch timer(stats_, DB_WRITE);

  Writer w(&mutex_);
  w.extras = extras;
  w.batch = updates;
  w.sync = options.sync;
  w.disable_wal = options.disableWAL;
  w.ignore_missing_cf = options.ignore_missing_column_families;

  port::MutexLock l(&mutex_);
  writers_.push_back(&w);
  if (&w != writers_.front()) {
    // The leader usually finishes within microseconds: yield a little
    // before sleeping on the condition variable (a sleep and a wake-up cost
    // more than the write).
    mutex_.Unlock();
    for (int i = 0; i < 200 && !w.wake.load(std::memory_order_acquire); i++) {
      std::this_thread::yield();
    }
    mutex_.Lock();
  }
  // A follower whose group waits for durability (PendingGroup) has left
  // the queue, which may then be empty.
  while (!w.done && (writers_.empty() || &w != writers_.front())) {
    w.cv.Wait();
  }
  if (w.done) {
    RecordTick(stats_, WRITE_DONE_BY_OTHER);
    return w.status;
  }
  RecordTick(stats_, WRITE_DONE_BY_SELF);
  if (closed_) {
    s = Status::ShutdownInProgress("DB is closed: " + dbname_);
  } else if (IsDBStopped()) {
    s = bg_error_;
  }
  if (s.ok()) s = MakeRoomForWrite();

  // Build the group: followers with the same WAL setting, as long as a
  // non-sync leader does not take a sync follower, up to ~1 MiB.
  Writer* last = &w;
  WriteBatch* group = w.batch;
  bool group_sync = w.sync;
  if (s.ok() && w.extras == nullptr) {
    size_t size = WriteBatchInternal::ByteSize(w.batch);
    const size_t max_size =
        size <= (128 << 10) ? size + (128 << 10) : size_t{1} << 20;
    for (auto it = writers_.begin() + 1; it != writers_.end(); ++it) {
      Writer* f = *it;
      // f->batch == nullptr: a Flush, FlushWAL, ingestion or resume
      // waiting for its own turn at the front.
      if (f->batch == nullptr || f->disable_wal != w.disable_wal ||
          (f->sync && !w.sync) ||
          f->ignore_missing_cf != w.ignore_missing_cf ||
          f->extras != nullptr) {
        break;
      }
      size += WriteBatchInternal::ByteSize(f->batch);
      if (size > max_size) break;
      if (group == w.batch) {
        tmp_batch_.Clear();
        s = WriteBatchInternal::Append(&tmp_batch_, w.batch);
        if (!s.ok()) break;
        group = &tmp_batch_;
      }
      s = WriteBatchInternal::Append(group, f->batch);
      if (!s.ok()) break;
      group_sync = group_sync || f->sync;
      last = f;
    }
  }

  // A sync group whose WAL can sync later (the bucket WAL) leaves the
  // queue before its bytes are durable, so the next group forms and
  // uploads meanwhile; it is acknowledged in WAL order (PendingGroup).
  std::function<IOStatus()> sync_later;
  SequenceNumber last_seq = 0;
  uint64_t log_number = 0;
  if (s.ok()) {
    const SequenceNumber first = versions_->LastAllocatedSequence() + 1;
    WriteBatchInternal::SetSequence(group, first);
    // A prepare uses no sequence number; a commit's memtable batch holds
    // more updates than its WAL record.
    WriteBatch* mem = group;
    uint32_t count = WriteBatchInternal::Count(group);
    if (w.extras != nullptr && w.extras->disable_memtable) {
      mem = nullptr;
      count = 0;
    } else if (w.extras != nullptr && w.extras->mem_batch != nullptr) {
      mem = w.extras->mem_batch;
      WriteBatchInternal::SetSequence(mem, first);
      count = WriteBatchInternal::Count(mem);
    }
    const uint64_t prep_log = w.extras != nullptr ? w.extras->prep_log : 0;
    log::Writer* log = log_.get();
    log_number = log->get_log_number();
    if (w.extras != nullptr && w.extras->log_used != nullptr) {
      *w.extras->log_used = log->get_log_number();
    }
    // Marked before the WAL can hold the section: DeleteObsoleteFiles
    // (under mutex_) never sees it unmarked.
    const bool mark = w.extras != nullptr && w.extras->mark_prep_log;
    if (mark) MarkLogAsContainingPrepSection(log->get_log_number());
    last_seq = first + count - 1;
    versions_->SetLastAllocatedSequence(last_seq);
    bool wal_failed = false;
    {
      // Only the leader writes the WAL and the memtables; readers and new
      // writers proceed meanwhile.
      mutex_.Unlock();
      RecordTick(stats_, NUMBER_KEYS_WRITTEN, count);
      RecordTick(stats_, BYTES_WRITTEN, WriteBatchInternal::ByteSize(group));
      if (!w.disable_wal) {
        PerfTimer wal_timer(&PerfContext::write_wal_time);
        const Slice record = WriteBatchInternal::Contents(group);
        s = log->AddRecord(record);
        RecordTick(stats_, WAL_FILE_BYTES, record.size());
        if (s.ok() && group_sync) {
          StopWatch sync_timer(stats_, WAL_FILE_SYNC_MICROS);
          s = SyncWal(log, w.extras == nullptr ? &sync_later : nullptr);
          if (!sync_later) RecordTick(stats_, WAL_FILE_SYNCED);
        }
        wal_failed = !s.ok();
      }
      if (s.ok() && mem != nullptr) {
        PerfTimer memtable_timer(&PerfContext::write_memtable_time);
        s = InsertIntoMemTables(mem, 0, w.ignore_missing_cf, prep_log);
      }
      if (s.ok() && w.disable_wal) has_unpersisted_data_ = true;
      mutex_.Lock();
    }
    if (wal_failed) {
      // The WAL may end in a partial record: no write is acknowledged
      // until a resume has switched to a new WAL.
      wal_write_failed_ = true;
      s = AddErrorContext(s, "WAL write failed for " + dbname_ + " log " +
                                 std::to_string(log->get_log_number()));
      SetBGError(s, BackgroundErrorReason::kWriteCallback)
          .PermitUncheckedError();
    } else if (!s.ok()) {
      SetBGError(s, BackgroundErrorReason::kMemTable).PermitUncheckedError();
    }
    if (mark && !s.ok()) {
      MarkLogAsHavingPrepSectionFlushed(log->get_log_number());
    }
    if (!s.ok()) sync_later = nullptr;
    if (!sync_later && (s.ok() || !wal_failed) && pending_groups_.empty()) {
      versions_->SetLastSequence(last_seq);
    }
  }
  if (group == &tmp_batch_) tmp_batch_.Clear();

  if (sync_later || !pending_groups_.empty()) {
    // Acknowledged after the groups before it, once durable.
    PendingGroup pending;
    pending.last_seq = last_seq;
    pending.status = s;
    PopWriters(last, [&](Writer* ready) { pending.writers.push_back(ready); });
    pending_groups_.push_back(&pending);
    if (sync_later) {
      mutex_.Unlock();
      IOStatus io;
      {
        StopWatch sync_timer(stats_, WAL_FILE_SYNC_MICROS);
        io = sync_later();
      }
      RecordTick(stats_, WAL_FILE_SYNCED);
      mutex_.Lock();
      if (!io.ok()) {
        pending.status =
            AddErrorContext(io, "WAL sync failed for " + dbname_ + " log " +
                                    std::to_string(log_number));
        pending.sync_failed = true;
      }
    }
    pending.waited = true;
    PublishPendingGroups();
    while (!w.done) w.cv.Wait();
    return w.status;
  }

  PopWriters(last, [&](Writer* ready) {
    if (ready != &w) FinishWriter(ready, s);
  });
  return s;
}

IOStatus DBImpl::SyncWal(log::Writer* log,
                         std::function<IOStatus()>* later) const {
  SyncLaterFile* split =
      later != nullptr ? dynamic_cast<SyncLaterFile*>(log->file()) : nullptr;
  IOStatus s;
  if (split != nullptr) {
    s = log->WriteBuffer();
    if (s.ok()) *later = split->SyncLater();
  } else {
    s = options_.use_fsync ? log->file()->Fsync(IOOptions(), nullptr)
                           : log->Sync();
  }
  // A WAL made by a memtable switch has a name no directory sync covered
  // yet (a flush's comes later): a crash could take the whole file with
  // its acknowledged writes. RocksDB syncs the WAL directory (wal_dir) at the first
  // sync of a new WAL too. Two writers doing it at once is harmless.
  const uint64_t number = log->get_log_number();
  if (s.ok() && wal_dir_synced_.load(std::memory_order_acquire) != number) {
    s = FsyncDirectory(fs_.get(), wal_dir_);
    if (s.ok()) wal_dir_synced_.store(number, std::memory_order_release);
  }
  return s;
}

IOStatus DBImpl::SyncFile(FSWritableFile* file) const {
  return options_.use_fsync ? file->Fsync(IOOptions(), nullptr)
                            : file->Sync(IOOptions(), nullptr);
}

void DBImpl::SetFileMetaFromTable(const TableBuildResult& r,
                                  FileMetaData* meta) const {
  meta->file_size = r.file_size;
  meta->smallest.DecodeFrom(r.smallest_key);
  meta->largest.DecodeFrom(r.largest_key);
  meta->smallest_seqno = r.smallest_seqno;
  meta->largest_seqno = r.largest_seqno;
  meta->oldest_ancester_time = env_->NowMicros() / 1000000;
  meta->file_creation_time = meta->oldest_ancester_time;
}

Status DBImpl::MakeRoomForWrite() {
  // Most writes find every memtable with room and every L0 below the
  // triggers: tell that without the allocations of the full checks.
  bool busy = false;
  versions_->ForEachLiveColumnFamily([&busy](ColumnFamilyData* cfd) {
    const ColumnFamilyOptions& o = cfd->options;
    const int l0 = static_cast<int>(cfd->current->files[0].size());
    busy = busy || cfd->mem->ApproximateMemoryUsage() >= o.write_buffer_size ||
           (!o.disable_auto_compactions &&
            (l0 >= o.level0_slowdown_writes_trigger ||
             l0 >= o.level0_stop_writes_trigger));
  });
  if (!busy) return Status::OK();
  Status stall = StallWritesIfNeeded();
  if (!stall.ok()) return stall;
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    if (cfd->mem->ApproximateMemoryUsage() < cfd->options.write_buffer_size) {
      continue;
    }
    // Too many memtables waiting for a flush: wait (write stall).
    while (cfd->MemtablesStopWrites() && !IsBGWorkStopped() &&
           !shutting_down_) {
      // Tells the sealed memtables (and schedules their flush) and the
      // stop; a wakeup while the listeners ran is not lost: check again.
      if (NotifyMemTablesSealed()) continue;
      bg_cv_.Wait();
    }
    if (IsBGWorkStopped()) return bg_error_;
    if (shutting_down_) return Status::ShutdownInProgress(dbname_);
    Status s = SwitchMemTable(cfd);
    if (!s.ok()) {
      NotifyMemTablesSealed();
      return s;
    }
  }
  // The waits above release the mutex too: the leader re-reads the DB
  // state after this.
  NotifyMemTablesSealed();
  return Status::OK();
}

Status DBImpl::SwitchMemTable(ColumnFamilyData* cfd) {
  if (cfd->mem->IsEmpty() && cfd->mem->num_range_deletes() == 0) {
    return Status::OK();
  }
  // A new WAL, so that once this memtable is flushed the older WALs are
  // no longer needed by this column family.
  Status s = NewWal();
  if (!s.ok()) return s;
  const bool tell = !options_.listeners.empty() && !shutting_down_;
  if (tell) {
    // Queued: NotifyMemTablesSealed tells them once the caller may release
    // the mutex (FlushColumnFamily, for one, reads cfd->imm after this),
    // and then schedules the flush, so that OnMemTableSealed comes before
    // the flush's OnFlushBegin, as in RocksDB.
    MemTableInfo info;
    info.cf_name = cfd->name;
    info.first_seqno = cfd->mem->GetFirstSequenceNumber();
    info.earliest_seqno = cfd->mem_earliest_seqno;
    info.num_entries = cfd->mem->num_entries();
    info.num_deletes = cfd->mem->num_deletes();
    sealed_memtables_.push_back(std::move(info));
  }
  cfd->imm.insert(cfd->imm.begin(),
                  ImmutableMemTable{cfd->mem, logfile_number_});
  cfd->mem = cfd->NewMemTable();
  cfd->mem_earliest_seqno = versions_->LastSequence();
  cfd->InstallSuperVersion();
  if (!tell) ScheduleFlush(cfd);
  return Status::OK();
}

void DBImpl::ScheduleFlush(ColumnFamilyData* /*cfd*/) {
  // One flush job at a time on the Env's HIGH pool; it drains every
  // column family's immutable memtables, oldest first.
  if (bg_flush_scheduled_ || shutting_down_ || !BGFlushAllowed()) return;
  bg_flush_scheduled_ = true;
  env_->Schedule(&DBImpl::BGWorkFlush, this, Env::HIGH, this,
                 &DBImpl::UnscheduleFlush);
}

void DBImpl::BGWorkFlush(void* db) {
  static_cast<DBImpl*>(db)->BackgroundFlush();
}

void DBImpl::UnscheduleFlush(void* db) {
  DBImpl* impl = static_cast<DBImpl*>(db);
  port::MutexLock l(&impl->mutex_);
  impl->bg_flush_scheduled_ = false;
  impl->bg_cv_.SignalAll();
}

void DBImpl::BackgroundFlush() {
  port::MutexLock l(&mutex_);
  while (!shutting_down_ && BGFlushAllowed()) {
    ColumnFamilyData* work = nullptr;
    for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
      if (!cfd->imm.empty()) {
        work = cfd;
        break;
      }
    }
    if (work == nullptr) break;
    flushes_running_++;
    MaybeStartStatsDump();
    Status s = FlushOneImmutable(work);
    flushes_running_--;
    bg_cv_.SignalAll();
    if (!s.ok()) {
      // A resume (or the next Flush) tries again; not this job, which
      // would spin while the error lasts.
      SetBGError(s, versions_->io_status().ok()
                        ? BackgroundErrorReason::kFlush
                        : BackgroundErrorReason::kManifestWrite)
          .PermitUncheckedError();
      break;
    }
  }
  bg_flush_scheduled_ = false;
  bg_cv_.SignalAll();
}

Status DBImpl::FlushOneImmutable(ColumnFamilyData* cfd) {
  const ImmutableMemTable oldest = cfd->imm.back();
  FileMetaData meta;
  FlushEvents ev;
  ev.job_id = NewJobId();
  ev.reason = oldest.flush_reason;
  Status s = WriteLevel0Table(cfd, oldest.mem, &meta,
                              TableFileCreationReason::kFlush, &ev);
  if (!s.ok()) return s;
  VersionEdit edit;
  if (meta.file_size > 0) edit.AddFile(0, meta);
  edit.SetLogNumber(oldest.next_log_number);
  edit.SetPrevLogNumber(0);
  s = AdvanceIdleLogNumbers(cfd, &edit);
  pending_outputs_.erase(meta.number);
  if (!s.ok()) return s;
  // The memtable is in an SST now.
  auto it = std::find_if(
      cfd->imm.begin(), cfd->imm.end(),
      [&](const ImmutableMemTable& m) { return m.mem == oldest.mem; });
  if (it != cfd->imm.end()) cfd->imm.erase(it);
  cfd->InstallSuperVersion();
  oldest.mem->Unref();
  flush_count_++;
  compaction_stats_.bytes_flushed += meta.file_size;
  NotifyFlushCompleted(cfd, meta, ev);
  NotifyStallConditionsChanged();
  DeleteObsoleteFiles();
  MaybeScheduleCompaction();
  return Status::OK();
}

Status DBImpl::AdvanceIdleLogNumbers(ColumnFamilyData* cfd,
                                     VersionEdit* edit) {
  // Column families with nothing unflushed need no WAL at all: move their
  // log number up so that old WALs can go (and are not replayed into them).
  // A write that lands in one while the MANIFEST is written is in a WAL
  // at or above logfile_number_, so the bump never skips it.
  std::vector<ColumnFamilyData*> idle;
  for (ColumnFamilyData* c : versions_->LiveColumnFamilies()) {
    if (c == cfd || !c->imm.empty() || !c->mem->IsEmpty() ||
        c->mem->num_range_deletes() > 0 || c->log_number >= logfile_number_) {
      continue;
    }
    idle.push_back(c);
  }
  std::vector<VersionEdit> bumps(idle.size());
  std::vector<std::pair<ColumnFamilyData*, VersionEdit*>> group;
  if (edit != nullptr) group.emplace_back(cfd, edit);
  for (size_t i = 0; i < idle.size(); i++) {
    bumps[i].SetLogNumber(logfile_number_);
    group.emplace_back(idle[i], &bumps[i]);
  }
  return group.empty() ? Status::OK() : versions_->LogAndApply(group);
}

Status DBImpl::WriteLevel0Table(ColumnFamilyData* cfd, MemTable* mem,
                                FileMetaData* meta,
                                TableFileCreationReason reason,
                                FlushEvents* ev) {
  const uint64_t number = versions_->NewFileNumber();
  pending_outputs_.insert(number);
  meta->number = number;
  meta->file_size = 0;
  mem->Ref();
  const int job_id = ev != nullptr ? ev->job_id : NewJobId();
  if (ev != nullptr) NotifyFlushBegin(cfd, mem, *ev);
  // cfd->options is read under the mutex: SetOptions replaces it.
  const std::shared_ptr<CompactionFilterFactory> filter_factory =
      cfd->options.compaction_filter_factory;
  const SequenceNumber latest_snapshot =
      snapshots_.empty() ? 0 : *snapshots_.rbegin();
  TableBuilderOptions o = NewTableBuilderOptions(cfd, number);
  o.compression = FlushCompression(cfd->options);
  mutex_.Unlock();
  StopWatch timer(stats_, FLUSH_TIME);

  CompactionFilter::Context filter_context;
  filter_context.is_full_compaction = false;
  filter_context.is_manual_compaction = false;
  filter_context.column_family_id = cfd->id;
  filter_context.reason = reason;
  std::unique_ptr<CompactionFilter> owned_filter;
  const CompactionFilter* filter = nullptr;

  const std::string fname = MakeTableFileName(dbname_, number);
  Status s = SelectCompactionFilter(nullptr, filter_factory.get(),
                                    filter_context, &owned_filter, &filter);
  bool empty = true;
  if (s.ok()) {
    std::unique_ptr<FSWritableFile> file;
    NotifyTableFileCreationStarted(cfd->name, fname, job_id, reason);
    IOStatus io = fs_->NewWritableFile(fname, FileOptions(), &file, nullptr);
    RateLimitWritableFile(rate_limiter_, Env::IO_HIGH, &file);
    s = io;
    if (!s.ok()) {
      NotifyTableFileCreated(cfd->name, fname, job_id, reason, nullptr, s);
    }
    if (s.ok()) {
      TableBuilder builder(o, file.get(), fname);
      std::unique_ptr<MemTable::Iterator> it = mem->NewIterator();
      if (filter == nullptr) {
        for (it->SeekToFirst(); it->Valid(); it->Next()) {
          builder.Add(it->key(), it->value());
          empty = false;
        }
      } else {
        s = AddMemTableThroughFilter(filter, cfd->icmp.user_comparator(),
                                latest_snapshot, it.get(), &builder, &empty);
      }
      std::unique_ptr<MemTable::Iterator> rd = mem->NewRangeTombstoneIterator();
      for (rd->SeekToFirst(); s.ok() && rd->Valid(); rd->Next()) {
        ParsedInternalKey pk;
        s = ParseInternalKey(rd->key(), &pk);
        if (!s.ok()) break;
        builder.AddRangeDeletion(pk.user_key, rd->value(), pk.sequence);
        empty = false;
      }
      if (s.ok() && !empty) {
        s = builder.Finish();
        if (s.ok()) s = SyncFile(file.get());
        if (s.ok()) SetFileMetaFromTable(builder.result(), meta);
      } else {
        builder.Abandon();
      }
      IOStatus c = file->Close(IOOptions(), nullptr);
      if (s.ok()) s = c;
      if (!empty) {
        NotifyTableFileCreated(cfd->name, fname, job_id, reason,
                               s.ok() ? &builder.result() : nullptr, s);
      }
      if (ev != nullptr) ev->properties = builder.result().properties;
    }
  }
  if (s.ok() && !empty) {
    // Make the new file's name durable before the MANIFEST refers to it.
    IOStatus d = FsyncDirectory(fs_.get(), wal_dir_);
    s = d;
  }
  if (!s.ok() || empty) {
    fs_->DeleteFile(fname, IOOptions(), nullptr).PermitUncheckedError();
    meta->file_size = 0;
  }
  RecordTick(stats_, FLUSH_WRITE_BYTES, meta->file_size);
  mutex_.Lock();
  mem->Unref();
  if (!s.ok()) {
    pending_outputs_.erase(number);
    // Keeps NoSpace and retryable for the background error handler.
    return AddErrorContext(
        s, "flushing column family " + cfd->name + " to " + fname);
  }
  return s;
}

Status DBImpl::WaitForFlush(ColumnFamilyData* cfd) {
  while (!cfd->imm.empty() && !IsBGWorkStopped() && !shutting_down_) {
    bg_cv_.Wait();
  }
  if (IsBGWorkStopped()) return bg_error_;
  if (!cfd->imm.empty()) return Status::ShutdownInProgress(dbname_);
  return Status::OK();
}

Status DBImpl::Flush(const FlushOptions& options,
                     ColumnFamilyHandle* column_family) {
  if (read_only_)
    return Status::NotSupported("Not supported operation in read only mode.");
  return FlushColumnFamily(CfdOf(column_family), options.wait);
}

void DBImpl::PublishPendingGroups() {
  while (!pending_groups_.empty() && pending_groups_.front()->waited) {
    PendingGroup* g = pending_groups_.front();
    pending_groups_.pop_front();
    Status s = g->status;
    if (g->sync_failed) {
      // As a failed WAL write in WriteImpl: the bucket may hold some of
      // the group's bytes.
      wal_write_failed_ = true;
      SetBGError(s, BackgroundErrorReason::kWriteCallback)
          .PermitUncheckedError();
    } else if (s.ok() && wal_write_failed_) {
      // An earlier group's WAL sync failed: nothing after it is
      // acknowledged until a resume switched to a new WAL.
      s = bg_error_.ok() ? Status::IOError(dbname_, "an earlier WAL sync failed")
                         : bg_error_;
    }
    // Published whatever the outcome: a failed group's entries are in
    // the memtables already (and a resume flushes them), so a failed
    // write, like RocksDB's, may be there, but it never appears only
    // later (when a later write's sequence would publish it).
    if (g->last_seq > versions_->LastSequence()) {
      versions_->SetLastSequence(g->last_seq);
    }
    for (Writer* ready : g->writers) FinishWriter(ready, s);
  }
  if (pending_groups_.empty()) bg_cv_.SignalAll();
}

void DBImpl::EnterWriterQueue(Writer* w) {
  writers_.push_back(w);
  while (w != writers_.front()) w->cv.Wait();
  // Flushes, ingestion and resumes see every write before them published.
  while (!pending_groups_.empty()) bg_cv_.Wait();
}

void DBImpl::LeaveWriterQueue() {
  PopWriters(writers_.front(), [](Writer*) {});
}

void DBImpl::PopWriters(Writer* last,
                        const std::function<void(Writer*)>& each) {
  while (true) {
    Writer* ready = writers_.front();
    writers_.pop_front();
    each(ready);
    if (ready == last) break;
  }
  if (!writers_.empty()) {
    writers_.front()->wake.store(true, std::memory_order_release);
    writers_.front()->cv.Signal();
  }
}

void DBImpl::FinishWriter(Writer* w, const Status& s) {
  w->status = s;
  w->done = true;
  w->wake.store(true, std::memory_order_release);
  w->cv.Signal();
}

Status DBImpl::FlushColumnFamily(ColumnFamilyData* cfd, bool wait) {
  // Take the writers' turn so the switch happens between writes.
  Writer w(&mutex_);
  port::MutexLock l(&mutex_);
  EnterWriterQueue(&w);
  Status s;
  if (IsDBStopped()) s = bg_error_;
  const size_t imm_before = cfd->imm.size();
  if (s.ok()) s = SwitchMemTable(cfd);
  if (s.ok() && cfd->imm.size() > imm_before) {
    cfd->imm.front().flush_reason = FlushReason::kManualFlush;
  }
  LeaveWriterQueue();
  NotifyMemTablesSealed();
  if (!s.ok()) return s;
  if (wait) s = WaitForFlush(cfd);
  return s;
}

Status DBImpl::WithWritesStopped(const std::function<Status()>& fn) {
  Writer w(&mutex_);
  EnterWriterQueue(&w);
  Status s = fn();
  LeaveWriterQueue();
  return s;
}

Status DBImpl::SwitchMemTablesForResume() {
  Writer w(&mutex_);
  EnterWriterQueue(&w);
  if (wal_write_failed_ && log_) {
    // Its tail may be a torn record: nothing more is appended to it, and
    // it goes once the memtables it holds are flushed.
    log_->Close().PermitUncheckedError();
    log_.reset();
  }
  Status s;
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    s = SwitchMemTable(cfd);  // nothing to do for an empty memtable
    if (!s.ok()) break;
  }
  if (s.ok() && !log_) s = NewWal();  // the WAL failed, nothing switched
  if (s.ok()) wal_write_failed_ = false;
  LeaveWriterQueue();
  NotifyMemTablesSealed();  // the resume waits for the flushes next
  return s;
}

// Syncing the WAL includes what a manual_wal_flush buffer holds.
Status DBImpl::SyncWAL() { return FlushWAL(true); }

Status DBImpl::FlushWAL(bool sync) {
  if (read_only_)
    return Status::NotSupported("Not supported operation in read only mode.");
  Writer w(&mutex_);
  port::MutexLock l(&mutex_);
  EnterWriterQueue(&w);
  Status s;
  if (log_) s = log_->WriteBuffer();
  if (s.ok() && sync && log_) s = SyncWal(log_.get());
  LeaveWriterQueue();
  return s;
}

void DBImpl::DeleteObsoleteFiles() {
  if (read_only_ || file_deletions_disabled_ > 0) return;
  // After a failed MANIFEST write the old MANIFEST may or may not hold the
  // last edit: keep every file it might name until a new one is written
  // (as RocksDB disables file deletions until the DB resumes).
  if (!versions_->io_status().ok()) return;
  std::vector<uint64_t> live;
  versions_->AddLiveFiles(&live);
  std::set<uint64_t> keep(live.begin(), live.end());
  keep.insert(pending_outputs_.begin(), pending_outputs_.end());
  // The oldest WAL a column family or an unflushed memtable still needs.
  uint64_t min_log = std::min(versions_->MinLogNumberInUse(), logfile_number_);
  // And the oldest a prepared transaction's section still needs.
  min_log = std::min(min_log, MinPrepLogToKeep());
  std::vector<std::string> children;
  if (!fs_->GetChildren(dbname_, IOOptions(), &children, nullptr).ok()) return;
  std::vector<uint64_t> options_files;
  std::vector<std::string> doomed;
  // Obsolete WALs go to wal_dir/archive instead when archiving is on.
  const bool archive = WalArchivingEnabled(options_);
  std::vector<uint64_t> archived;
  if (wal_dir_ != dbname_) {
    // The WALs are in wal_dir. WALs left in the DB directory by an earlier
    // wal_dir are never deleted (nor by RocksDB); recovery refuses to open
    // while one of them may still hold data.
    std::vector<std::string> wals;
    if (fs_->GetChildren(wal_dir_, IOOptions(), &wals, nullptr).ok()) {
      for (const std::string& c : wals) {
        uint64_t number;
        FileType type;
        if (ParseFileName(c, &number, &type) && type == kWalFile &&
            number < min_log && number != logfile_number_) {
          if (archive) {
            archived.push_back(number);
          } else {
            doomed.push_back(wal_dir_ + "/" + c);
          }
          alive_logs_.erase(
              std::remove(alive_logs_.begin(), alive_logs_.end(), number),
              alive_logs_.end());
        }
      }
    }
  }
  for (const std::string& c : children) {
    uint64_t number;
    FileType type;
    if (!ParseFileName(c, &number, &type)) continue;
    bool remove = false;
    switch (type) {
      case kWalFile:
        remove = wal_dir_ == dbname_ && number < min_log &&
                 number != logfile_number_;
        break;
      case kTableFile:
        remove = keep.count(number) == 0;
        break;
      case kDescriptorFile:
        remove = number < versions_->manifest_file_number();
        break;
      case kOptionsFile:
        options_files.push_back(number);
        break;
      case kTempFile:
        remove = pending_outputs_.count(number) == 0;
        break;
      default:
        break;
    }
    if (!remove) continue;
    if (type == kTableFile) table_cache_->Evict(number);
    if (type == kWalFile && archive) {
      archived.push_back(number);
    } else {
      doomed.push_back(dbname_ + "/" + c);
    }
    if (type == kWalFile) {
      alive_logs_.erase(
          std::remove(alive_logs_.begin(), alive_logs_.end(), number),
          alive_logs_.end());
    }
  }
  // Keep the two newest OPTIONS files, as RocksDB does.
  std::sort(options_files.rbegin(), options_files.rend());
  for (size_t i = 2; i < options_files.size(); i++) {
    doomed.push_back(OptionsFileName(dbname_, options_files[i]));
  }
  // The decisions needed the mutex; the unlinks do not. Numbers are never
  // reused, so nothing can bring a doomed name back meanwhile.
  if (doomed.empty() && !archive) return;
  int64_t now = 0;
  if (archive && !env_->GetCurrentTime(&now).ok()) now = 0;
  uint64_t purged_at = wal_archive_purged_at_;
  const DBOptions options = archive ? options_ : DBOptions();
  mutex_.Unlock();
  std::vector<Status> results;
  for (const std::string& f : doomed) {
    results.push_back(fs_->DeleteFile(f, IOOptions(), nullptr));
  }
  for (uint64_t n : archived) {
    ArchiveWalFile(fs_.get(), wal_dir_, n).PermitUncheckedError();
  }
  if (archive && now > 0) {
    // Two calls racing here may both purge: harmless.
    PurgeArchivedWals(fs_.get(), wal_dir_, options,
                      static_cast<uint64_t>(now), &purged_at);
  }
  NotifyFilesDeleted(doomed, results);
  mutex_.Lock();
  wal_archive_purged_at_ = std::max(wal_archive_purged_at_, purged_at);
}

TableBuilderOptions DBImpl::NewTableBuilderOptions(ColumnFamilyData* cfd,
                                                   uint64_t number) const {
  TableBuilderOptions o = TableBuilderOptionsFor(cfd->options, &cfd->icmp);
  o.column_family_id = cfd->id;
  o.column_family_name = cfd->name;
  o.merge_operator_name = cfd->options.merge_operator
                              ? cfd->options.merge_operator->Name()
                              : "nullptr";
  o.db_id = db_id_;
  o.db_session_id = session_id_;
  o.db_host_id = host_id_;
  const uint64_t now = static_cast<uint64_t>(env_->NowMicros() / 1000000);
  o.creation_time = now;
  o.oldest_key_time = now;
  o.file_creation_time = now;
  o.orig_file_number = number;
  return o;
}

}  // namespace ROCKSDB_NAMESPACE
