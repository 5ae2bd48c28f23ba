// Reads, snapshots, column families, properties and live files; see
// db/db_impl.h. Also the DB methods with a default in terms of others.
//
// A read takes, under the mutex, references on what it will read (the
// memtable, the immutable memtables, the current Version) and a sequence
// number, then reads without the mutex. Get walks the sources newest first
// (memtable, immutable memtables, L0 newest first, then one file per
// deeper level) and stops at the first entry that decides the key; range
// tombstones met on the way delete older entries.
#include <algorithm>

#include "db/compaction.h"
#include "db/db_impl.h"
#include "db/db_iter.h"
#include "db/filename.h"
#include "db/log_reader.h"
#include "db/merge_helper.h"
#include "db/merging_iterator.h"
#include "db/range_del.h"
#include "db/transaction_log_iterator.h"
#include "db/wal_files.h"
#include "db/write_batch_internal.h"
#include "table/prefix_seek_iterator.h"
#include "util/coding.h"
#include "util/perf_util.h"
#include "util/statistics_util.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Collects, for one SST, the outcome for one key during Get.
struct TableGetState {
  const Comparator* ucmp;
  Slice user_key;
  SequenceNumber max_covering;  // entries older than this are deleted
  MergeContext* merge_context;
  std::string* value;
  enum {
    kNotFound,
    kFound,
    kDeleted,
    kMerging,
    kCorrupt,
    kUnsupported
  } result = kNotFound;
};

bool TableGetCallback(void* arg, const Slice& ikey, const Slice& v) {
  auto* st = static_cast<TableGetState*>(arg);
  ParsedInternalKey pk;
  if (!ParseInternalKey(ikey, &pk).ok()) {
    st->result = TableGetState::kCorrupt;
    return false;
  }
  if (st->ucmp->Compare(pk.user_key, st->user_key) != 0) return false;
  if (pk.sequence < st->max_covering) {
    st->result = TableGetState::kDeleted;
    return false;
  }
  switch (pk.type) {
    case kTypeValue:
      st->value->assign(v.data(), v.size());
      st->result = TableGetState::kFound;
      return false;
    case kTypeDeletion:
    case kTypeSingleDeletion:
    case kTypeDeletionWithTimestamp:
      st->result = TableGetState::kDeleted;
      return false;
    case kTypeMerge:
      st->merge_context->PushOperand(v);
      st->result = TableGetState::kMerging;
      return true;
    default:
      st->result = TableGetState::kUnsupported;
      return false;
  }
}

}  // namespace

SequenceNumber DBImpl::ReadSequence(const ReadOptions& options) const {
  return options.snapshot != nullptr ? options.snapshot->GetSequenceNumber()
                                     : versions_->LastSequence();
}

Status DBImpl::Get(const ReadOptions& options,
                   ColumnFamilyHandle* column_family, const Slice& key,
                   PinnableSlice* value) {
  ColumnFamilyData* cfd = CfdOf(column_family);
  if (closed_) return Status::ShutdownInProgress(dbname_);
  StopWatch timer(stats_, DB_GET);
  RecordTick(stats_, NUMBER_KEYS_READ);
  // The SuperVersion first, then the sequence: everything up to seq is in
  // what it references.
  const std::shared_ptr<const SuperVersion> sv = cfd->GetSuperVersion();
  const SequenceNumber seq = ReadSequence(options);
  const SuperVersion& rs = *sv;
  const Comparator* ucmp = cfd->options.comparator;
  LookupKey lkey(key, seq);
  MergeContext merge_context;
  SequenceNumber max_covering = 0;
  std::string* out = value->GetSelf();
  Status s;
  bool done = false;
  bool found = false;  // a base value (in *out)
  // The SST files that may hold the key and their already open readers are
  // found before the memtables are searched, and each filter line is
  // prefetched: those memory loads then overlap the memtable search and
  // each other. A file not open yet is opened only if the search gets to
  // it (a memtable hit does no I/O).
  // Readers are held by reference: a compaction may evict them (the file
  // obsolete once this Get's Version goes) while the Get still reads.
  struct Candidate {
    const FileMetaData* file;
    std::shared_ptr<TableReader> table;  // null if not open yet
  };
  constexpr size_t kMaxPrefetchedCandidates = 8;
  Candidate candidates[kMaxPrefetchedCandidates];
  size_t num_candidates = 0;
  bool more_candidates = false;  // then the files are searched unprefetched
  rs.version->ForEachCandidateFile(
      cfd->icmp, lkey.internal_key(), [&](const FileMetaData& f) {
        if (num_candidates == kMaxPrefetchedCandidates) {
          more_candidates = true;
          return false;
        }
        std::shared_ptr<TableReader> t = table_cache_->Lookup(f.number);
        if (t != nullptr) t->PrefetchFilter(lkey.internal_key());
        candidates[num_candidates++] = Candidate{&f, std::move(t)};
        return true;
      });
  {
    PerfTimer memtable_timer(&PerfContext::get_from_memtable_time);
    for (MemTable* m : rs.mems) {
      Status ms = Status::OK();
      if (!m->IsEmpty()) PerfCount(&PerfContext::get_from_memtable_count);
      if (m->Get(lkey, out, &ms, &merge_context, &max_covering)) {
        done = true;
        if (ms.ok()) {
          found = true;
        } else if (!ms.IsNotFound()) {
          s = ms;
        }
        break;
      }
    }
  }
  RecordTick(stats_, done ? MEMTABLE_HIT : MEMTABLE_MISS);
  if (!done) {
    PerfTimer files_timer(&PerfContext::get_from_output_files_time);
    // Returns false to stop the search (s set on an error).
    auto search_file = [&](const FileMetaData& f,
                           std::shared_ptr<TableReader> table) {
      if (table == nullptr) {
        s = table_cache_->Get(f.number, f.file_size, f.largest_seqno,
                              &cfd->icmp, cfd->table_factory().get(), &table);
        if (!s.ok()) return false;
      }
      if (!options.ignore_range_deletions) {
        std::unique_ptr<InternalIterator> rd(
            table->NewRangeTombstoneIterator());
        if (rd != nullptr) {
          s = RaiseMaxCoveringSeq(rd.get(), ucmp, seq, key, &max_covering);
          if (!s.ok()) return false;
        }
      }
      TableGetState st;
      st.ucmp = ucmp;
      st.user_key = key;
      st.max_covering = max_covering;
      st.merge_context = &merge_context;
      st.value = out;
      s = table->Get(lkey.internal_key(), &TableGetCallback, &st,
                     options.verify_checksums, rs.prefix_extractor.get());
      if (!s.ok()) return false;
      if (st.result == TableGetState::kCorrupt) {
        s = Status::Corruption(
            table->file_name(),
            "bad internal key for '" + key.ToString(true) + "'");
        return false;
      }
      if (st.result == TableGetState::kUnsupported) {
        s = Status::NotSupported(
            table->file_name(),
            "blob or wide-column entry for '" + key.ToString(true) + "'");
        return false;
      }
      if (st.result == TableGetState::kFound) {
        found = true;
        done = true;
        return false;
      }
      if (st.result == TableGetState::kDeleted) {
        done = true;
        return false;
      }
      return true;
    };
    if (!more_candidates) {
      for (size_t i = 0; i < num_candidates; i++) {
        if (!search_file(*candidates[i].file, candidates[i].table)) break;
      }
    } else {  // the walk again, reusing the readers already found
      size_t i = 0;
      rs.version->ForEachCandidateFile(
          cfd->icmp, lkey.internal_key(), [&](const FileMetaData& f) {
            std::shared_ptr<TableReader> t =
                i < num_candidates ? candidates[i].table : nullptr;
            i++;
            return search_file(f, std::move(t));
          });
    }
  }
  if (!s.ok()) return s;
  if (merge_context.GetNumOperands() > 0) {
    std::string base = found ? *out : std::string();
    Slice base_slice(base);
    s = FullMergeForRead(cfd->options.merge_operator.get(), key,
                         found ? &base_slice : nullptr,
                         merge_context.GetOperandsNewestFirst(), out);
    if (!s.ok()) return s;
    value->PinSelf();
    RecordTick(stats_, BYTES_READ, value->size());
    PerfCount(&PerfContext::get_read_bytes, value->size());
    return Status::OK();
  }
  if (!found) return Status::NotFound();
  value->PinSelf();
  RecordTick(stats_, BYTES_READ, value->size());
  PerfCount(&PerfContext::get_read_bytes, value->size());
  return Status::OK();
}

Iterator* DBImpl::NewIterator(const ReadOptions& options,
                              ColumnFamilyHandle* column_family) {
  ColumnFamilyData* cfd = CfdOf(column_family);
  if (closed_) return NewErrorIterator(Status::ShutdownInProgress(dbname_));
  const std::shared_ptr<const SuperVersion> rs = cfd->GetSuperVersion();
  const SequenceNumber seq = ReadSequence(options);
  // The iterator keeps the memtables and the Version alive.
  std::shared_ptr<void> pin = std::const_pointer_cast<SuperVersion>(rs);
  const Comparator* ucmp = cfd->options.comparator;
  auto tombstones = std::make_unique<RangeTombstones>(ucmp, seq);
  std::vector<InternalIterator*> children;
  Status s;
  // Prefix seeks: sources whose filters rule the target's prefix out are
  // skipped (table/prefix_seek_iterator.h); memtables only outside
  // auto_prefix_mode, as in RocksDB.
  const bool prefix_seek =
      rs->prefix_extractor != nullptr && !options.total_order_seek;
  PrefixSeekOptions prefix_opts;
  prefix_opts.prefix_extractor = rs->prefix_extractor;
  prefix_opts.upper_bound = options.iterate_upper_bound;
  prefix_opts.auto_prefix_mode = options.auto_prefix_mode;
  for (MemTable* m : rs->mems) {
    children.push_back(NewMemTableInternalIterator(
        m, false, prefix_seek && !options.auto_prefix_mode));
    if (!options.ignore_range_deletions && m->num_range_deletes() > 0) {
      std::unique_ptr<InternalIterator> rd(
          NewMemTableInternalIterator(m, true));
      s = tombstones->AddAll(rd.get());
      if (!s.ok()) break;
    }
  }
  for (int level = 0; level < kMaxNumLevels && s.ok(); level++) {
    for (const FileMetaPtr& f : rs->version->files[level]) {
      std::shared_ptr<TableReader> table;
      s = table_cache_->Get(f->number, f->file_size, f->largest_seqno,
                            &cfd->icmp, cfd->table_factory().get(), &table);
      if (!s.ok()) break;
      if (!options.ignore_range_deletions) {
        std::unique_ptr<InternalIterator> rd(
            table->NewRangeTombstoneIterator());
        if (rd != nullptr) {
          s = tombstones->AddAll(rd.get());
          if (!s.ok()) break;
        }
      }
      // The iterator holds the reader alive after an Evict.
      const TableReader* reader = table.get();
      InternalIterator* it = NewTableIterator(
          std::move(table), options.verify_checksums,
          ScanReadahead(options.readahead_size));
      if (prefix_seek) it = NewPrefixSeekIterator(reader, it, prefix_opts);
      children.push_back(it);
    }
  }
  if (!s.ok()) {
    for (InternalIterator* c : children) delete c;
    return NewErrorIterator(s);
  }
  tombstones->Finish();
  DBIterArgs args;
  args.ucmp = ucmp;
  args.merge_operator = cfd->options.merge_operator.get();
  args.read_seq = seq;
  if (!tombstones->empty()) args.tombstones = std::move(tombstones);
  args.lower_bound = options.iterate_lower_bound;
  args.upper_bound = options.iterate_upper_bound;
  if (options.prefix_same_as_start) {
    args.prefix_same_as_start = rs->prefix_extractor;
  }
  args.pin = std::move(pin);
  args.statistics = stats_;
  return NewDBIterator(NewMergingIterator(&cfd->icmp, std::move(children)),
                       std::move(args));
}

const Snapshot* DBImpl::GetSnapshot() {
  port::MutexLock l(&mutex_);
  const SequenceNumber seq = versions_->LastSequence();
  snapshots_.insert(seq);
  return new SnapshotImpl(seq);
}

void DBImpl::ReleaseSnapshot(const Snapshot* snapshot) {
  if (snapshot == nullptr) return;
  {
    port::MutexLock l(&mutex_);
    auto it = snapshots_.find(snapshot->GetSequenceNumber());
    if (it != snapshots_.end()) snapshots_.erase(it);
  }
  delete static_cast<const SnapshotImpl*>(snapshot);
}

Status DBImpl::CreateColumnFamily(const ColumnFamilyOptions& options,
                                  const std::string& name,
                                  ColumnFamilyHandle** handle) {
  if (read_only_)
    return Status::NotSupported("Not supported operation in read only mode.");
  port::MutexLock l(&mutex_);
  ColumnFamilyData* cfd = nullptr;
  Status s =
      versions_->CreateColumnFamily(name, options, logfile_number_, &cfd);
  if (!s.ok()) return s;
  cfd->mem = cfd->NewMemTable();
  cfd->InstallSuperVersion();
  cfd->log_number = logfile_number_;
  *handle = new ColumnFamilyHandleImpl(cfd);
  s = WriteOptionsFile();
  if (s.ok()) DeleteObsoleteFiles();
  return s;
}

Status DBImpl::DropColumnFamily(ColumnFamilyHandle* column_family) {
  if (read_only_)
    return Status::NotSupported("Not supported operation in read only mode.");
  port::MutexLock l(&mutex_);
  ColumnFamilyData* cfd = CfdOf(column_family);
  if (cfd->dropped)
    return Status::InvalidArgument("column family already dropped: " +
                                   cfd->name);
  Status s = versions_->DropColumnFamily(cfd);
  if (s.ok()) s = WriteOptionsFile();
  if (s.ok()) DeleteObsoleteFiles();
  return s;
}

Status DBImpl::DestroyColumnFamilyHandle(ColumnFamilyHandle* column_family) {
  if (column_family == default_handle_) {
    return Status::InvalidArgument(
        "Cannot destroy the default column family handle");
  }
  ColumnFamilyData* cfd = CfdOf(column_family);
  NotifyColumnFamilyHandleDeletion(column_family);
  delete column_family;
  port::MutexLock l(&mutex_);
  // As RocksDB: a dropped family stays readable through its handle; once
  // the handle goes, its files are deleted when no reader holds them.
  if (!closed_ && versions_ && cfd != nullptr && cfd->dropped) {
    versions_->ReleaseDroppedColumnFamily(cfd);
    DeleteObsoleteFiles();
  }
  return Status::OK();
}

bool DBImpl::GetProperty(ColumnFamilyHandle* column_family,
                         const Slice& property, std::string* value) {
  ColumnFamilyData* cfd = CfdOf(column_family);
  port::MutexLock l(&mutex_);
  const std::string p = property.ToString();
  const std::string level_prefix = "rocksdb.num-files-at-level";
  if (p.compare(0, level_prefix.size(), level_prefix) == 0) {
    Slice digits(p);
    digits.remove_prefix(level_prefix.size());
    uint64_t level;
    if (!ParseDecimalUint64(digits, &level) ||
        level >= static_cast<uint64_t>(kMaxNumLevels)) {
      return false;
    }
    *value = std::to_string(cfd->current->files[level].size());
    return true;
  }
  if (p == "rocksdb.num-entries-active-mem-table") {
    *value = std::to_string(cfd->mem->num_entries());
  } else if (p == "rocksdb.num-entries-imm-mem-tables") {
    uint64_t n = 0;
    for (const auto& m : cfd->imm) n += m.mem->num_entries();
    *value = std::to_string(n);
  } else if (p == "rocksdb.num-immutable-mem-table") {
    *value = std::to_string(cfd->imm.size());
  } else if (p == "rocksdb.cur-size-active-mem-table") {
    *value = std::to_string(cfd->mem->ApproximateMemoryUsage());
  } else if (p == "rocksdb.estimate-num-keys") {
    // RocksDB 7.8.3's estimate: the memtables' entries and the SSTs'
    // (entries - deletions) - deletions, less twice the memtables'
    // deletions (a deletion both adds no key and removes one).
    uint64_t keys = cfd->mem->num_entries();
    uint64_t deletes = cfd->mem->num_deletes();
    for (const auto& m : cfd->imm) {
      keys += m.mem->num_entries();
      deletes += m.mem->num_deletes();
    }
    uint64_t non_deletions = 0, deletions = 0;
    for (const auto& level : cfd->current->files) {
      for (const auto& f : level) {
        std::shared_ptr<TableReader> t;
        if (table_cache_
                ->Get(f->number, f->file_size, f->largest_seqno, &cfd->icmp,
                      cfd->table_factory().get(), &t)
                .ok()) {
          const TableProperties& tp = t->GetTableProperties();
          non_deletions += tp.num_entries - tp.num_deletions;
          deletions += tp.num_deletions;
        }
      }
    }
    if (non_deletions > deletions) keys += non_deletions - deletions;
    *value = std::to_string(keys > 2 * deletes ? keys - 2 * deletes : 0);
  } else if (p == "rocksdb.total-sst-files-size" ||
             p == "rocksdb.live-sst-files-size") {
    *value = std::to_string(cfd->current->TotalFileSize());
  } else if (p == "rocksdb.num-snapshots") {
    *value = std::to_string(snapshots_.size());
  } else if (p == "rocksdb.oldest-snapshot-time") {
    *value = "0";
  } else if (p == "rocksdb.is-write-stopped") {
    bool stopped = false;
    for (ColumnFamilyData* c : versions_->LiveColumnFamilies()) {
      stopped = stopped || c->L0StopsWrites() || c->MemtablesStopWrites();
    }
    *value = stopped ? "1" : "0";
  } else if (p == "rocksdb.mem-table-flush-pending") {
    *value = cfd->imm.empty() ? "0" : "1";
  } else if (p == "rocksdb.num-running-flushes") {
    *value = std::to_string(flushes_running_);
  } else if (p == "rocksdb.background-errors") {
    *value = std::to_string(bg_error_count_);
  } else if (p == "rocksdb.stats" || p == "rocksdb.cfstats") {
    *value = CompactionStatsString(cfd);
  } else if (p == "rocksdb.compaction-pending") {
    int level;
    *value = HighestScore(cfd->options, *cfd->current, &level,
                          &compactions_.files()) >= 1.0
                 ? "1"
                 : "0";
  } else if (p == "rocksdb.num-running-compactions") {
    *value = std::to_string(compactions_running_);
  } else if (p == "rocksdb.estimate-pending-compaction-bytes") {
    *value = std::to_string(
        EstimateCompactionBytesNeeded(cfd->options, *cfd->current));
  } else if (p == "rocksdb.base-level") {
    *value = std::to_string(
        ComputeLevelTargets(cfd->options, *cfd->current).base_level);
  } else if (p == "rocksdb.levelstats") {
    *value = LevelStatsString(cfd);
  } else {
    return false;
  }
  return true;
}

Status DBImpl::GetLiveFiles(std::vector<std::string>& files,
                            uint64_t* manifest_file_size, bool flush_memtable) {
  if (flush_memtable && !read_only_) {
    std::vector<ColumnFamilyData*> cfds;
    {
      port::MutexLock l(&mutex_);
      cfds = versions_->LiveColumnFamilies();
    }
    for (ColumnFamilyData* cfd : cfds) {
      Status s = FlushColumnFamily(cfd, true);
      if (!s.ok()) return s;
    }
  }
  port::MutexLock l(&mutex_);
  // The MANIFEST's name and size as no write is changing them.
  versions_->WaitForManifestWrites();
  std::vector<uint64_t> live;
  versions_->AddLiveFiles(&live);
  files.clear();
  // Names relative to the DB directory, "/"-prefixed as RocksDB returns them.
  for (uint64_t n : live) files.push_back("/" + MakeTableFileName(n));
  files.push_back("/CURRENT");
  files.push_back("/" + DescriptorFileName(versions_->manifest_file_number()));
  std::vector<std::string> children;
  IOStatus io = fs_->GetChildren(dbname_, IOOptions(), &children, nullptr);
  if (!io.ok()) return std::move(io);
  uint64_t newest_options = 0;
  for (const std::string& c : children) {
    uint64_t number;
    FileType type;
    if (ParseFileName(c, &number, &type) && type == kOptionsFile) {
      newest_options = std::max(newest_options, number);
    }
  }
  if (newest_options != 0) {
    files.push_back(
        OptionsFileName(dbname_, newest_options).substr(dbname_.size()));
  }
  *manifest_file_size = versions_->manifest_file_size();
  return Status::OK();
}

Status DBImpl::GetSortedWalFiles(VectorLogPtr& files) {
  return ListSortedWalFiles(fs_.get(), wal_dir_, &files);
}

Status DBImpl::GetUpdatesSince(
    SequenceNumber seq, std::unique_ptr<TransactionLogIterator>* iter,
    const TransactionLogIterator::ReadOptions& read_options) {
  if (seq > versions_->LastSequence()) {
    return Status::NotFound("Requested sequence not yet written in the db");
  }
  VectorLogPtr files;
  Status s = ListSortedWalFiles(fs_.get(), wal_dir_, &files);
  if (!s.ok()) return s;
  RetainProbableWalFiles(&files, seq);
  *iter = std::make_unique<TransactionLogIteratorImpl>(
      fs_, wal_dir_, read_options, seq, std::move(files), versions_.get());
  return (*iter)->status();
}

Status DBImpl::DisableFileDeletions() {
  port::MutexLock l(&mutex_);
  file_deletions_disabled_++;
  return Status::OK();
}

Status DBImpl::EnableFileDeletions(bool force) {
  port::MutexLock l(&mutex_);
  if (force) {
    file_deletions_disabled_ = 0;
  } else if (file_deletions_disabled_ > 0) {
    file_deletions_disabled_--;
  }
  if (file_deletions_disabled_ == 0) DeleteObsoleteFiles();
  return Status::OK();
}

Status DBImpl::GetDbIdentity(std::string& identity) const {
  identity = db_id_;
  return Status::OK();
}

Options DBImpl::GetOptions(ColumnFamilyHandle* column_family) const {
  port::MutexLock l(&mutex_);  // SetOptions changes them
  return Options(options_, CfdOf(column_family)->options);
}

// ---- DB defaults in terms of Write/Get/NewIterator/GetProperty.

// Room for one record (header, tag, column family, two lengths, the
// slices): the batch's buffer is allocated once, not regrown while filled.
static size_t OneRecordBatchSize(const Slice& key, const Slice& value) {
  return 32 + key.size() + value.size();
}

Status DB::Put(const WriteOptions& options, ColumnFamilyHandle* column_family,
               const Slice& key, const Slice& value) {
  WriteBatch batch(OneRecordBatchSize(key, value));
  Status s = batch.Put(column_family, key, value);
  return s.ok() ? Write(options, &batch) : s;
}

Status DB::Delete(const WriteOptions& options,
                  ColumnFamilyHandle* column_family, const Slice& key) {
  WriteBatch batch(OneRecordBatchSize(key, Slice()));
  Status s = batch.Delete(column_family, key);
  return s.ok() ? Write(options, &batch) : s;
}

Status DB::SingleDelete(const WriteOptions& options,
                        ColumnFamilyHandle* column_family, const Slice& key) {
  WriteBatch batch(OneRecordBatchSize(key, Slice()));
  Status s = batch.SingleDelete(column_family, key);
  return s.ok() ? Write(options, &batch) : s;
}

Status DB::DeleteRange(const WriteOptions& options,
                       ColumnFamilyHandle* column_family,
                       const Slice& begin_key, const Slice& end_key) {
  WriteBatch batch(OneRecordBatchSize(begin_key, end_key));
  Status s = batch.DeleteRange(column_family, begin_key, end_key);
  return s.ok() ? Write(options, &batch) : s;
}

Status DB::Merge(const WriteOptions& options, ColumnFamilyHandle* column_family,
                 const Slice& key, const Slice& value) {
  WriteBatch batch(OneRecordBatchSize(key, value));
  Status s = batch.Merge(column_family, key, value);
  return s.ok() ? Write(options, &batch) : s;
}

Status DB::Get(const ReadOptions& options, ColumnFamilyHandle* column_family,
               const Slice& key, std::string* value) {
  // The PinnableSlice writes straight into *value.
  PinnableSlice pinnable(value);
  return Get(options, column_family, key, &pinnable);
}

std::vector<Status> DB::MultiGet(
    const ReadOptions& options,
    const std::vector<ColumnFamilyHandle*>& column_family,
    const std::vector<Slice>& keys, std::vector<std::string>* values) {
  values->assign(keys.size(), std::string());
  std::vector<Status> statuses(keys.size());
  ReadOptions ro = options;
  const Snapshot* snap = nullptr;
  if (ro.snapshot == nullptr) {
    // One consistent view for all keys.
    snap = GetSnapshot();
    ro.snapshot = snap;
  }
  for (size_t i = 0; i < keys.size(); i++) {
    statuses[i] = Get(ro, column_family[i], keys[i], &(*values)[i]);
  }
  if (snap != nullptr) ReleaseSnapshot(snap);
  return statuses;
}

void DB::MultiGet(const ReadOptions& options, ColumnFamilyHandle* column_family,
                  size_t num_keys, const Slice* keys, PinnableSlice* values,
                  Status* statuses, bool /*sorted_input*/) {
  ReadOptions ro = options;
  const Snapshot* snap = nullptr;
  if (ro.snapshot == nullptr) {
    snap = GetSnapshot();
    ro.snapshot = snap;
  }
  for (size_t i = 0; i < num_keys; i++) {
    statuses[i] = Get(ro, column_family, keys[i], &values[i]);
  }
  if (snap != nullptr) ReleaseSnapshot(snap);
}

Status DB::NewIterators(const ReadOptions& options,
                        const std::vector<ColumnFamilyHandle*>& column_families,
                        std::vector<Iterator*>* iterators) {
  iterators->clear();
  ReadOptions ro = options;
  const Snapshot* snap = nullptr;
  if (ro.snapshot == nullptr) {
    snap = GetSnapshot();
    ro.snapshot = snap;
  }
  for (ColumnFamilyHandle* cf : column_families) {
    iterators->push_back(NewIterator(ro, cf));
  }
  // The iterators keep reading at the snapshot's sequence; the snapshot
  // object itself is not needed by them.
  if (snap != nullptr) ReleaseSnapshot(snap);
  return Status::OK();
}

// The properties RocksDB 7.8.3 answers through GetIntProperty (those its
// table gives an integer handler); every other one, such as
// rocksdb.num-files-at-level<N> or rocksdb.stats, is text only and
// GetIntProperty is false for it even when the text is a number.
static bool IsIntProperty(const Slice& property) {
  static const char* const kIntProperties[] = {
      "rocksdb.num-immutable-mem-table",
      "rocksdb.num-immutable-mem-table-flushed",
      "rocksdb.mem-table-flush-pending",
      "rocksdb.compaction-pending",
      "rocksdb.background-errors",
      "rocksdb.cur-size-active-mem-table",
      "rocksdb.cur-size-all-mem-tables",
      "rocksdb.size-all-mem-tables",
      "rocksdb.num-entries-active-mem-table",
      "rocksdb.num-entries-imm-mem-tables",
      "rocksdb.num-deletes-active-mem-table",
      "rocksdb.num-deletes-imm-mem-tables",
      "rocksdb.estimate-num-keys",
      "rocksdb.estimate-table-readers-mem",
      "rocksdb.is-file-deletions-enabled",
      "rocksdb.num-snapshots",
      "rocksdb.oldest-snapshot-time",
      "rocksdb.oldest-snapshot-sequence",
      "rocksdb.num-live-versions",
      "rocksdb.current-super-version-number",
      "rocksdb.estimate-live-data-size",
      "rocksdb.min-log-number-to-keep",
      "rocksdb.min-obsolete-sst-number-to-keep",
      "rocksdb.base-level",
      "rocksdb.total-sst-files-size",
      "rocksdb.live-sst-files-size",
      "rocksdb.estimate-pending-compaction-bytes",
      "rocksdb.num-running-flushes",
      "rocksdb.num-running-compactions",
      "rocksdb.actual-delayed-write-rate",
      "rocksdb.is-write-stopped",
      "rocksdb.estimate-oldest-key-time",
      "rocksdb.block-cache-capacity",
      "rocksdb.block-cache-usage",
      "rocksdb.block-cache-pinned-usage",
      "rocksdb.num-blob-files",
      "rocksdb.total-blob-file-size",
      "rocksdb.live-blob-file-size",
      "rocksdb.live-blob-file-garbage-size",
      "rocksdb.blob-cache-capacity",
      "rocksdb.blob-cache-usage",
      "rocksdb.blob-cache-pinned-usage",
  };
  for (const char* name : kIntProperties) {
    if (property == Slice(name)) return true;
  }
  return false;
}

bool DB::GetIntProperty(ColumnFamilyHandle* column_family,
                        const Slice& property, uint64_t* value) {
  if (!IsIntProperty(property)) return false;
  std::string s;
  return GetProperty(column_family, property, &s) &&
         ParseDecimalUint64(s, value);
}

}  // namespace ROCKSDB_NAMESPACE
