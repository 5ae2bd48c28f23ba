// TransactionBaseImpl (utilities/transaction_base.h): a transaction's
// writes, reads, snapshot, tracked keys and save points.
#include "utilities/transaction_base.h"

#include "db/db_impl.h"
#include "rocksdb/iterator.h"
#include "rocksdb/options.h"
#include "rocksdb/utilities/stackable_db.h"

namespace ROCKSDB_NAMESPACE {

DBImpl* RootDBImpl(DB* db) {
  while (db != nullptr) {
    if (auto* impl = dynamic_cast<DBImpl*>(db)) return impl;
    auto* stackable = dynamic_cast<StackableDB*>(db);
    if (stackable == nullptr) return nullptr;
    db = stackable->GetBaseDB();
  }
  return nullptr;
}

TransactionBaseImpl::TransactionBaseImpl(DB* db,
                                         const WriteOptions& write_options,
                                         const Comparator* cmp)
    : db_(db),
      write_options_(write_options),
      write_batch_(cmp, 0, /*overwrite_key=*/true, 0),
      start_time_(std::chrono::steady_clock::now()) {}

TransactionBaseImpl::~TransactionBaseImpl() {
  // The snapshot goes back to the DB before the transaction is gone.
  save_points_.clear();
  snapshot_.reset();
}

void TransactionBaseImpl::Clear() {
  save_points_.clear();
  write_batch_.Clear();
  commit_time_batch_.Clear();
  tracked_keys_.Clear();
  num_puts_ = num_deletes_ = num_merges_ = 0;
}

void TransactionBaseImpl::Reinitialize(const WriteOptions& write_options) {
  Clear();
  ClearSnapshot();
  id_ = 0;
  write_options_ = write_options;
  start_time_ = std::chrono::steady_clock::now();
  indexing_enabled_ = true;
  log_number_ = 0;
  name_.clear();
  SetState(STARTED);
}

void TransactionBaseImpl::SetSnapshot() {
  DB* db = db_;
  const Snapshot* snapshot = db->GetSnapshot();
  snapshot_.reset(snapshot,
                  [db](const Snapshot* s) { db->ReleaseSnapshot(s); });
  snapshot_needed_ = false;
  snapshot_notifier_ = nullptr;
}

void TransactionBaseImpl::SetSnapshotOnNextOperation(
    std::shared_ptr<TransactionNotifier> notifier) {
  snapshot_needed_ = true;
  snapshot_notifier_ = std::move(notifier);
}

void TransactionBaseImpl::SetSnapshotIfNeeded() {
  if (!snapshot_needed_) return;
  std::shared_ptr<TransactionNotifier> notifier = snapshot_notifier_;
  SetSnapshot();
  if (notifier != nullptr) notifier->SnapshotCreated(GetSnapshot());
}

void TransactionBaseImpl::ClearSnapshot() {
  snapshot_.reset();
  snapshot_needed_ = false;
  snapshot_notifier_ = nullptr;
}

void TransactionBaseImpl::SetSavePoint() {
  SavePoint sp;
  sp.snapshot = snapshot_;
  sp.snapshot_needed = snapshot_needed_;
  sp.snapshot_notifier = snapshot_notifier_;
  sp.num_puts = num_puts_;
  sp.num_deletes = num_deletes_;
  sp.num_merges = num_merges_;
  save_points_.push_back(std::move(sp));
  write_batch_.SetSavePoint();
}

Status TransactionBaseImpl::RollbackToSavePoint() {
  if (save_points_.empty()) {
    return Status::NotFound("transaction: no save point to roll back to");
  }
  SavePoint& sp = save_points_.back();
  snapshot_ = sp.snapshot;
  snapshot_needed_ = sp.snapshot_needed;
  snapshot_notifier_ = sp.snapshot_notifier;
  num_puts_ = sp.num_puts;
  num_deletes_ = sp.num_deletes;
  num_merges_ = sp.num_merges;
  Status s = write_batch_.RollbackToSavePoint();
  tracked_keys_.Subtract(sp.new_keys);
  save_points_.pop_back();
  return s;
}

Status TransactionBaseImpl::PopSavePoint() {
  if (save_points_.empty()) {
    return Status::NotFound("transaction: no save point to pop");
  }
  // The save point below inherits the keys tracked since this one, so that
  // rolling back to it untracks them too.
  if (save_points_.size() > 1) {
    save_points_[save_points_.size() - 2].new_keys.Merge(
        save_points_.back().new_keys);
  }
  save_points_.pop_back();
  return write_batch_.PopSavePoint();
}

ColumnFamilyHandle* TransactionBaseImpl::Handle(
    ColumnFamilyHandle* column_family) {
  ColumnFamilyHandle* h =
      column_family != nullptr ? column_family : db_->DefaultColumnFamily();
  handles_[h->GetID()] = h;
  return h;
}

ColumnFamilyHandle* TransactionBaseImpl::HandleById(uint32_t id) const {
  auto it = handles_.find(id);
  if (it != handles_.end()) return it->second;
  ColumnFamilyHandle* def = db_->DefaultColumnFamily();
  return def->GetID() == id ? def : nullptr;
}

void TransactionBaseImpl::TrackKey(uint32_t cf, const std::string& key,
                                   SequenceNumber seq, bool read_only,
                                   bool exclusive) {
  tracked_keys_.Track(cf, key, seq, read_only, exclusive);
  if (!save_points_.empty()) {
    save_points_.back().new_keys.Track(cf, key, seq, read_only, exclusive);
  }
}

Status TransactionBaseImpl::Get(const ReadOptions& options,
                                ColumnFamilyHandle* column_family,
                                const Slice& key, std::string* value) {
  return write_batch_.GetFromBatchAndDB(db_, options, Handle(column_family),
                                        key, value);
}

Status TransactionBaseImpl::Get(const ReadOptions& options,
                                ColumnFamilyHandle* column_family,
                                const Slice& key, PinnableSlice* pinnable_val) {
  return write_batch_.GetFromBatchAndDB(db_, options, Handle(column_family),
                                        key, pinnable_val);
}

std::vector<Status> TransactionBaseImpl::MultiGet(
    const ReadOptions& options,
    const std::vector<ColumnFamilyHandle*>& column_family,
    const std::vector<Slice>& keys, std::vector<std::string>* values) {
  values->resize(keys.size());
  std::vector<Status> statuses(keys.size());
  for (size_t i = 0; i < keys.size(); i++) {
    statuses[i] = Get(options, column_family[i], keys[i], &(*values)[i]);
  }
  return statuses;
}

std::vector<Status> TransactionBaseImpl::MultiGet(
    const ReadOptions& options, const std::vector<Slice>& keys,
    std::vector<std::string>* values) {
  return MultiGet(
      options,
      std::vector<ColumnFamilyHandle*>(keys.size(), db_->DefaultColumnFamily()),
      keys, values);
}

Status TransactionBaseImpl::GetForUpdate(const ReadOptions& options,
                                         ColumnFamilyHandle* column_family,
                                         const Slice& key, std::string* value,
                                         bool exclusive,
                                         const bool do_validate) {
  if (!do_validate && options.snapshot != nullptr) {
    return Status::InvalidArgument(
        "If do_validate is false then GetForUpdate with snapshot is not "
        "defined (key '" +
        key.ToString(true) + "')");
  }
  ColumnFamilyHandle* h = Handle(column_family);
  Status s = TryLock(h, key, /*read_only=*/true, exclusive, do_validate);
  if (s.ok() && value != nullptr) s = Get(options, h, key, value);
  return s;
}

Status TransactionBaseImpl::GetForUpdate(const ReadOptions& options,
                                         ColumnFamilyHandle* column_family,
                                         const Slice& key,
                                         PinnableSlice* pinnable_val,
                                         bool exclusive,
                                         const bool do_validate) {
  if (pinnable_val == nullptr) {
    std::string* none = nullptr;
    return GetForUpdate(options, column_family, key, none, exclusive,
                        do_validate);
  }
  Status s = GetForUpdate(options, column_family, key, pinnable_val->GetSelf(),
                          exclusive, do_validate);
  pinnable_val->PinSelf();
  return s;
}

std::vector<Status> TransactionBaseImpl::MultiGetForUpdate(
    const ReadOptions& options,
    const std::vector<ColumnFamilyHandle*>& column_family,
    const std::vector<Slice>& keys, std::vector<std::string>* values) {
  values->resize(keys.size());
  // Every key is tracked, whatever the reads find.
  for (size_t i = 0; i < keys.size(); i++) {
    Status s = TryLock(Handle(column_family[i]), keys[i], /*read_only=*/true,
                       /*exclusive=*/true, /*do_validate=*/true);
    if (!s.ok()) return std::vector<Status>(keys.size(), s);
  }
  std::vector<Status> statuses(keys.size());
  for (size_t i = 0; i < keys.size(); i++) {
    statuses[i] = Get(options, column_family[i], keys[i], &(*values)[i]);
  }
  return statuses;
}

std::vector<Status> TransactionBaseImpl::MultiGetForUpdate(
    const ReadOptions& options, const std::vector<Slice>& keys,
    std::vector<std::string>* values) {
  return MultiGetForUpdate(
      options,
      std::vector<ColumnFamilyHandle*>(keys.size(), db_->DefaultColumnFamily()),
      keys, values);
}

Iterator* TransactionBaseImpl::GetIterator(const ReadOptions& read_options) {
  return GetIterator(read_options, db_->DefaultColumnFamily());
}

Iterator* TransactionBaseImpl::GetIterator(const ReadOptions& read_options,
                                           ColumnFamilyHandle* column_family) {
  ColumnFamilyHandle* h = Handle(column_family);
  return write_batch_.NewIteratorWithBase(h, db_->NewIterator(read_options, h),
                                          &read_options);
}

Status TransactionBaseImpl::Write(WriteKind kind,
                                  ColumnFamilyHandle* column_family,
                                  const Slice& key, const Slice& value,
                                  bool do_validate) {
  ColumnFamilyHandle* h = Handle(column_family);
  Status s =
      TryLock(h, key, /*read_only=*/false, /*exclusive=*/true, do_validate);
  if (!s.ok()) return s;
  WriteBatch* raw = write_batch_.GetWriteBatch();
  switch (kind) {
    case WriteKind::kPut:
      s = indexing_enabled_ ? write_batch_.Put(h, key, value)
                            : raw->Put(h, key, value);
      if (s.ok()) num_puts_++;
      break;
    case WriteKind::kMerge:
      s = indexing_enabled_ ? write_batch_.Merge(h, key, value)
                            : raw->Merge(h, key, value);
      if (s.ok()) num_merges_++;
      break;
    case WriteKind::kDelete:
      s = indexing_enabled_ ? write_batch_.Delete(h, key) : raw->Delete(h, key);
      if (s.ok()) num_deletes_++;
      break;
    case WriteKind::kSingleDelete:
      s = indexing_enabled_ ? write_batch_.SingleDelete(h, key)
                            : raw->SingleDelete(h, key);
      if (s.ok()) num_deletes_++;
      break;
  }
  return s;
}

Status TransactionBaseImpl::Put(ColumnFamilyHandle* column_family,
                                const Slice& key, const Slice& value,
                                const bool assume_tracked) {
  return Write(WriteKind::kPut, column_family, key, value, !assume_tracked);
}

Status TransactionBaseImpl::Put(ColumnFamilyHandle* column_family,
                                const SliceParts& key, const SliceParts& value,
                                const bool assume_tracked) {
  std::string key_buf, value_buf;
  return Put(column_family, Slice(key, &key_buf), Slice(value, &value_buf),
             assume_tracked);
}

Status TransactionBaseImpl::Merge(ColumnFamilyHandle* column_family,
                                  const Slice& key, const Slice& value,
                                  const bool assume_tracked) {
  return Write(WriteKind::kMerge, column_family, key, value, !assume_tracked);
}

Status TransactionBaseImpl::Delete(ColumnFamilyHandle* column_family,
                                   const Slice& key,
                                   const bool assume_tracked) {
  return Write(WriteKind::kDelete, column_family, key, Slice(),
               !assume_tracked);
}

Status TransactionBaseImpl::Delete(ColumnFamilyHandle* column_family,
                                   const SliceParts& key,
                                   const bool assume_tracked) {
  std::string key_buf;
  return Delete(column_family, Slice(key, &key_buf), assume_tracked);
}

Status TransactionBaseImpl::SingleDelete(ColumnFamilyHandle* column_family,
                                         const Slice& key,
                                         const bool assume_tracked) {
  return Write(WriteKind::kSingleDelete, column_family, key, Slice(),
               !assume_tracked);
}

Status TransactionBaseImpl::SingleDelete(ColumnFamilyHandle* column_family,
                                         const SliceParts& key,
                                         const bool assume_tracked) {
  std::string key_buf;
  return SingleDelete(column_family, Slice(key, &key_buf), assume_tracked);
}

Status TransactionBaseImpl::PutUntracked(ColumnFamilyHandle* column_family,
                                         const Slice& key, const Slice& value) {
  return Write(WriteKind::kPut, column_family, key, value, false);
}

Status TransactionBaseImpl::PutUntracked(ColumnFamilyHandle* column_family,
                                         const SliceParts& key,
                                         const SliceParts& value) {
  std::string key_buf, value_buf;
  return PutUntracked(column_family, Slice(key, &key_buf),
                      Slice(value, &value_buf));
}

Status TransactionBaseImpl::MergeUntracked(ColumnFamilyHandle* column_family,
                                           const Slice& key,
                                           const Slice& value) {
  return Write(WriteKind::kMerge, column_family, key, value, false);
}

Status TransactionBaseImpl::DeleteUntracked(ColumnFamilyHandle* column_family,
                                            const Slice& key) {
  return Write(WriteKind::kDelete, column_family, key, Slice(), false);
}

Status TransactionBaseImpl::DeleteUntracked(ColumnFamilyHandle* column_family,
                                            const SliceParts& key) {
  std::string key_buf;
  return DeleteUntracked(column_family, Slice(key, &key_buf));
}

Status TransactionBaseImpl::SingleDeleteUntracked(
    ColumnFamilyHandle* column_family, const Slice& key) {
  return Write(WriteKind::kSingleDelete, column_family, key, Slice(), false);
}

void TransactionBaseImpl::PutLogData(const Slice& blob) {
  // Only MemoryLimit can fail, and the blob is then simply not logged, as
  // RocksDB (which asserts) does in release builds.
  Status s = write_batch_.PutLogData(blob);
  (void)s;
}

uint64_t TransactionBaseImpl::GetElapsedTime() const {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start_time_)
          .count());
}

void TransactionBaseImpl::UndoGetForUpdate(ColumnFamilyHandle* column_family,
                                           const Slice& key) {
  UndoGetForUpdateImpl(column_family, key);
}

TxnUntrackStatus TransactionBaseImpl::UndoGetForUpdateImpl(
    ColumnFamilyHandle* column_family, const Slice& key) {
  const uint32_t cf = Handle(column_family)->GetID();
  const std::string k = key.ToString();
  // Within a save point only a read made since it can be undone.
  if (!save_points_.empty() &&
      save_points_.back().new_keys.Untrack(cf, k, /*read_only=*/true) ==
          TxnUntrackStatus::kNotTracked) {
    return TxnUntrackStatus::kNotTracked;
  }
  return tracked_keys_.Untrack(cf, k, /*read_only=*/true);
}

namespace {

// Replays a batch into a transaction (RebuildFromWriteBatch).
class TxnRebuildHandler : public WriteBatch::Handler {
 public:
  TxnRebuildHandler(Transaction* txn,
                    const std::map<uint32_t, ColumnFamilyHandle*>* handles)
      : txn_(txn), handles_(handles) {}

  Status PutCF(uint32_t cf, const Slice& key, const Slice& value) override {
    ColumnFamilyHandle* h = nullptr;
    Status s = Find(cf, &h);
    return s.ok() ? txn_->Put(h, key, value) : s;
  }
  Status DeleteCF(uint32_t cf, const Slice& key) override {
    ColumnFamilyHandle* h = nullptr;
    Status s = Find(cf, &h);
    return s.ok() ? txn_->Delete(h, key) : s;
  }
  Status SingleDeleteCF(uint32_t cf, const Slice& key) override {
    ColumnFamilyHandle* h = nullptr;
    Status s = Find(cf, &h);
    return s.ok() ? txn_->SingleDelete(h, key) : s;
  }
  Status MergeCF(uint32_t cf, const Slice& key, const Slice& value) override {
    ColumnFamilyHandle* h = nullptr;
    Status s = Find(cf, &h);
    return s.ok() ? txn_->Merge(h, key, value) : s;
  }
  Status DeleteRangeCF(uint32_t, const Slice&, const Slice&) override {
    return Status::NotSupported(
        "RebuildFromWriteBatch: DeleteRange is not supported in transactions");
  }
  Status MarkBeginPrepare(bool) override {
    return Status::InvalidArgument(
        "RebuildFromWriteBatch: the batch holds two-phase-commit markers");
  }
  Status MarkEndPrepare(const Slice&) override {
    return MarkBeginPrepare(false);
  }
  Status MarkCommit(const Slice&) override { return MarkBeginPrepare(false); }
  Status MarkRollback(const Slice&) override { return MarkBeginPrepare(false); }

 private:
  Status Find(uint32_t cf, ColumnFamilyHandle** h) {
    auto it = handles_->find(cf);
    if (it == handles_->end()) {
      return Status::InvalidArgument(
          "RebuildFromWriteBatch: column family id " + std::to_string(cf) +
          " was not used by this transaction (no handle for it)");
    }
    *h = it->second;
    return Status::OK();
  }

  Transaction* const txn_;
  const std::map<uint32_t, ColumnFamilyHandle*>* const handles_;
};

}  // namespace

Status TransactionBaseImpl::RebuildFromWriteBatch(WriteBatch* src_batch) {
  Handle(nullptr);  // the default column family is always known
  TxnRebuildHandler handler(this, &handles_);
  return src_batch->Iterate(&handler);
}

}  // namespace ROCKSDB_NAMESPACE
