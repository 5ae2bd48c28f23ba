// PessimisticTransaction (utilities/pessimistic_transaction.h): locking,
// snapshot validation, two-phase commit, as RocksDB 7.8.3's
// PessimisticTransaction and WriteCommittedTxn.
#include "utilities/pessimistic_transaction.h"

#include <set>

#include "db/db_impl.h"
#include "db/write_batch_internal.h"

namespace ROCKSDB_NAMESPACE {

PessimisticTransaction::PessimisticTransaction(
    PessimisticTransactionDB* txn_db, const WriteOptions& write_options,
    const TransactionOptions& txn_options)
    : TransactionBaseImpl(txn_db->GetBaseDB(), write_options,
                          BytewiseComparator()),
      txn_db_(txn_db) {
  Initialize(txn_options);
}

void PessimisticTransaction::Initialize(const TransactionOptions& txn_options) {
  txn_id_ = txn_db_->NewTxnID();
  SetId(txn_id_);
  // A TransactionDB runs with allow_2pc: the batch starts with the Noop
  // that Prepare turns into BeginPrepare.
  WriteBatchInternal::InsertNoop(GetWriteBatch()->GetWriteBatch());
  GetWriteBatch()->GetWriteBatch()->SetMaxBytes(
      txn_options.max_write_batch_size);
  const int64_t ms = txn_options.lock_timeout < 0
                         ? txn_db_->options().transaction_lock_timeout
                         : txn_options.lock_timeout;
  lock_timeout_ = ms < 0 ? -1 : ms * 1000;
  expiration_time_ =
      txn_options.expiration >= 0
          ? TxnNowMicros() + static_cast<uint64_t>(txn_options.expiration) * 1000
          : 0;
  deadlock_detect_ = txn_options.deadlock_detect;
  deadlock_detect_depth_ = txn_options.deadlock_detect_depth;
  skip_concurrency_control_ = txn_options.skip_concurrency_control;
  if (expiration_time_ > 0) txn_db_->InsertExpirableTransaction(txn_id_, this);
  if (txn_options.set_snapshot) SetSnapshot();
}

PessimisticTransaction::~PessimisticTransaction() {
  UnlockKeys(tracked_keys_);
  if (expiration_time_ > 0) txn_db_->RemoveExpirableTransaction(txn_id_);
  if (!name_.empty() && GetState() != COMMITTED) {
    txn_db_->UnregisterTransaction(this);
  }
}

void PessimisticTransaction::Reinitialize(
    const WriteOptions& write_options, const TransactionOptions& txn_options) {
  if (!name_.empty() && GetState() != COMMITTED) {
    txn_db_->UnregisterTransaction(this);
  }
  if (expiration_time_ > 0) txn_db_->RemoveExpirableTransaction(txn_id_);
  TransactionBaseImpl::Reinitialize(write_options);
  GetWriteBatch()->Clear();
  Initialize(txn_options);
}

void PessimisticTransaction::Clear() {
  UnlockKeys(tracked_keys_);
  TransactionBaseImpl::Clear();
  WriteBatchInternal::InsertNoop(GetWriteBatch()->GetWriteBatch());
}

void PessimisticTransaction::UnlockKeys(const TxnKeyTracker& keys) {
  PointLockManager* lm = txn_db_->lock_manager();
  for (const auto& cf : keys.keys()) {
    for (const auto& k : cf.second) lm->UnLock(txn_id_, cf.first, k.first);
  }
}

LockRequester PessimisticTransaction::Requester() const {
  LockRequester r;
  r.id = txn_id_;
  r.expiration_time = expiration_time_;
  r.timeout = lock_timeout_;
  r.deadlock_detect = deadlock_detect_;
  r.deadlock_detect_depth = deadlock_detect_depth_;
  return r;
}

bool PessimisticTransaction::IsExpired() const {
  return expiration_time_ > 0 && TxnNowMicros() >= expiration_time_;
}

bool PessimisticTransaction::TryStealingLocks() {
  TransactionState expected = STARTED;
  return txn_state_.compare_exchange_strong(expected, LOCKS_STOLEN);
}

std::vector<TransactionID> PessimisticTransaction::GetWaitingTxns(
    uint32_t* column_family_id, std::string* key) const {
  return txn_db_->lock_manager()->WaitingFor(txn_id_, column_family_id, key);
}

Status PessimisticTransaction::ValidateSnapshot(
    ColumnFamilyHandle* column_family, const Slice& key,
    SequenceNumber* tracked_at_seq) {
  const SequenceNumber snap_seq = snapshot_->GetSequenceNumber();
  // Known unchanged since a sequence at or before the snapshot's.
  if (*tracked_at_seq <= snap_seq) return Status::OK();
  *tracked_at_seq = snap_seq;
  SequenceNumber seq = 0;
  bool found = false;
  Status s = txn_db_->impl()->GetLatestSequenceForKey(column_family, key,
                                                      snap_seq, &seq, &found);
  if (!s.ok()) return s;
  if (found) {
    return Status::Busy("write conflict: key '" + key.ToString(true) +
                        "' in column family " + column_family->GetName() +
                        " written at sequence " + std::to_string(seq) +
                        " after the transaction's snapshot " +
                        std::to_string(snap_seq));
  }
  return Status::OK();
}

Status PessimisticTransaction::TryLock(ColumnFamilyHandle* column_family,
                                       const Slice& key, bool read_only,
                                       bool exclusive, bool do_validate,
                                       bool /*assume_tracked*/) {
  if (skip_concurrency_control_) return Status::OK();
  const uint32_t cf = column_family->GetID();
  std::string key_str = key.ToString();
  bool previously_locked = false;
  bool was_exclusive = false;
  SequenceNumber tracked_at_seq = kMaxSequenceNumber;
  auto cf_it = tracked_keys_.keys().find(cf);
  if (cf_it != tracked_keys_.keys().end()) {
    auto k_it = cf_it->second.find(key_str);
    if (k_it != cf_it->second.end()) {
      previously_locked = true;
      was_exclusive = k_it->second.exclusive;
      tracked_at_seq = k_it->second.seq;
    }
  }
  const bool lock_upgrade = previously_locked && exclusive && !was_exclusive;
  Status s;
  if (!previously_locked || lock_upgrade) {
    s = txn_db_->lock_manager()->TryLock(Requester(), cf, key_str, exclusive);
  }
  SetSnapshotIfNeeded();
  if (!do_validate || snapshot_ == nullptr) {
    // Locked now: unchanged since the DB's latest sequence at least.
    if (tracked_at_seq == kMaxSequenceNumber) {
      tracked_at_seq = db_->GetLatestSequenceNumber();
    }
  } else if (s.ok()) {
    s = ValidateSnapshot(column_family, key, &tracked_at_seq);
    if (!s.ok()) {
      if (lock_upgrade) {
        Status d = txn_db_->lock_manager()->TryLock(Requester(), cf, key_str,
                                                    /*exclusive=*/false);
        (void)d;  // a downgrade of our own lock cannot fail
      } else if (!previously_locked) {
        txn_db_->lock_manager()->UnLock(txn_id_, cf, key_str);
      }
    }
  }
  if (s.ok()) TrackKey(cf, key_str, tracked_at_seq, read_only, exclusive);
  return s;
}

void PessimisticTransaction::UndoGetForUpdate(ColumnFamilyHandle* column_family,
                                              const Slice& key) {
  ColumnFamilyHandle* h = Handle(column_family);
  if (UndoGetForUpdateImpl(h, key) == TxnUntrackStatus::kRemoved) {
    txn_db_->lock_manager()->UnLock(txn_id_, h->GetID(), key.ToString());
  }
}

Status PessimisticTransaction::RollbackToSavePoint() {
  if (GetState() != STARTED) {
    return Status::InvalidArgument("Transaction is beyond state for rollback.");
  }
  const TxnKeyTracker* since = KeysSinceSavePoint();
  if (since != nullptr) {
    // Keys only the writes and reads since the save point track lose
    // their locks.
    TxnKeyTracker to_unlock;
    for (const auto& cf : since->keys()) {
      auto all_cf = tracked_keys_.keys().find(cf.first);
      if (all_cf == tracked_keys_.keys().end()) continue;
      for (const auto& k : cf.second) {
        auto all = all_cf->second.find(k.first);
        if (all != all_cf->second.end() &&
            all->second.num_reads == k.second.num_reads &&
            all->second.num_writes == k.second.num_writes) {
          to_unlock.Track(cf.first, k.first, 0, true, true);
        }
      }
    }
    UnlockKeys(to_unlock);
  }
  return TransactionBaseImpl::RollbackToSavePoint();
}

Status PessimisticTransaction::SetName(const TransactionName& name) {
  if (GetState() != STARTED) {
    return Status::InvalidArgument("Transaction is beyond state for naming.");
  }
  if (!name_.empty()) {
    return Status::InvalidArgument("Transaction has already been named.");
  }
  if (txn_db_->GetTransactionByName(name) != nullptr) {
    return Status::InvalidArgument("Transaction name must be unique.");
  }
  if (name.empty() || name.size() > 512) {
    return Status::InvalidArgument(
        "Transaction name length must be between 1 and 512 chars.");
  }
  name_ = name;
  txn_db_->RegisterTransaction(this);
  return Status::OK();
}

Status PessimisticTransaction::Prepare() {
  if (name_.empty()) {
    return Status::InvalidArgument(
        "Cannot prepare a transaction that has not been named.");
  }
  if (IsExpired()) return Status::Expired();
  bool can_prepare = false;
  if (expiration_time_ > 0) {
    TransactionState expected = STARTED;
    can_prepare =
        txn_state_.compare_exchange_strong(expected, AWAITING_PREPARE);
  } else if (GetState() == STARTED) {
    can_prepare = true;
    SetState(AWAITING_PREPARE);
  }
  if (can_prepare) {
    expiration_time_ = 0;  // a prepared transaction does not expire
    WriteBatch* wb = GetWriteBatch()->GetWriteBatch();
    Status s = WriteBatchInternal::MarkEndPrepare(wb, name_);
    if (s.ok()) s = txn_db_->impl()->WritePrepared(write_options_, wb, &log_number_);
    SetState(s.ok() ? PREPARED : STARTED);
    return s;
  }
  switch (GetState()) {
    case LOCKS_STOLEN:
      return Status::Expired();
    case PREPARED:
      return Status::InvalidArgument("Transaction has already been prepared.");
    case COMMITTED:
      return Status::InvalidArgument("Transaction has already been committed.");
    case ROLLEDBACK:
      return Status::InvalidArgument(
          "Transaction has already been rolledback.");
    default:
      return Status::InvalidArgument("Transaction is not in state for commit.");
  }
}

Status PessimisticTransaction::Commit() {
  if (IsExpired()) return Status::Expired();
  bool commit_without_prepare = false;
  bool commit_prepared = false;
  if (expiration_time_ > 0) {
    TransactionState expected = STARTED;
    commit_without_prepare =
        txn_state_.compare_exchange_strong(expected, AWAITING_COMMIT);
  } else if (GetState() == PREPARED) {
    commit_prepared = true;
  } else if (GetState() == STARTED) {
    commit_without_prepare = true;
  }
  Status s;
  if (commit_without_prepare) {
    if (WriteBatchInternal::Count(GetCommitTimeWriteBatch()) > 0) {
      return Status::InvalidArgument(
          "Commit-time batch contains values that will not be committed.");
    }
    SetState(AWAITING_COMMIT);
    s = db_->Write(write_options_, GetWriteBatch()->GetWriteBatch());
    if (!name_.empty()) txn_db_->UnregisterTransaction(this);
    Clear();
    if (s.ok()) SetState(COMMITTED);
  } else if (commit_prepared) {
    SetState(AWAITING_COMMIT);
    // The WAL gets the commit-time updates and the marker; the memtables
    // get those and the prepared updates.
    WriteBatch wal_batch(*GetCommitTimeWriteBatch());
    WriteBatchInternal::MarkCommit(&wal_batch, name_);
    WriteBatch mem_batch(wal_batch);
    s = WriteBatchInternal::Append(&mem_batch,
                                   GetWriteBatch()->GetWriteBatch());
    if (s.ok()) {
      s = txn_db_->impl()->WriteCommitPrepared(write_options_, &wal_batch,
                                               &mem_batch, log_number_);
    }
    if (!s.ok()) return s;
    // The memtables now keep the prepare's WAL alive.
    txn_db_->impl()->MarkLogAsHavingPrepSectionFlushed(log_number_);
    txn_db_->UnregisterTransaction(this);
    Clear();
    SetState(COMMITTED);
  } else if (GetState() == LOCKS_STOLEN) {
    s = Status::Expired();
  } else if (GetState() == COMMITTED) {
    s = Status::InvalidArgument("Transaction has already been committed.");
  } else if (GetState() == ROLLEDBACK) {
    s = Status::InvalidArgument("Transaction has already been rolledback.");
  } else {
    s = Status::InvalidArgument("Transaction is not in state for commit.");
  }
  return s;
}

Status PessimisticTransaction::Rollback() {
  if (GetState() == PREPARED) {
    SetState(AWAITING_ROLLBACK);
    WriteBatch marker;
    WriteBatchInternal::MarkRollback(&marker, name_);
    Status s = db_->Write(write_options_, &marker);
    if (!s.ok()) return s;
    txn_db_->impl()->MarkLogAsHavingPrepSectionFlushed(log_number_);
    Clear();
    SetState(ROLLEDBACK);
    return s;
  }
  if (GetState() == STARTED) {
    Clear();
    return Status::OK();
  }
  if (GetState() == COMMITTED) {
    return Status::InvalidArgument(
        "This transaction has already been committed.");
  }
  return Status::InvalidArgument(
      "Two phase transaction is not in state for rollback.");
}

namespace {

// The keys of a batch by column family, sorted (TransactionDB::Write).
class PessimisticBatchKeys : public WriteBatch::Handler {
 public:
  Status PutCF(uint32_t cf, const Slice& key, const Slice&) override {
    return Add(cf, key);
  }
  Status DeleteCF(uint32_t cf, const Slice& key) override {
    return Add(cf, key);
  }
  Status SingleDeleteCF(uint32_t cf, const Slice& key) override {
    return Add(cf, key);
  }
  Status MergeCF(uint32_t cf, const Slice& key, const Slice&) override {
    return Add(cf, key);
  }
  Status DeleteRangeCF(uint32_t, const Slice&, const Slice&) override {
    return Status::OK();  // not locked, as in RocksDB
  }
  std::map<uint32_t, std::set<std::string>> keys;

 private:
  Status Add(uint32_t cf, const Slice& key) {
    keys[cf].insert(key.ToString());
    return Status::OK();
  }
};

}  // namespace

Status PessimisticTransaction::CommitBatch(WriteBatch* batch) {
  PessimisticBatchKeys collector;
  Status s = batch->Iterate(&collector);
  if (!s.ok()) return s;
  TxnKeyTracker locked;
  for (const auto& cf : collector.keys) {
    for (const std::string& key : cf.second) {
      s = txn_db_->lock_manager()->TryLock(Requester(), cf.first, key, true);
      if (!s.ok()) break;
      locked.Track(cf.first, key, 0, false, true);
    }
    if (!s.ok()) break;
  }
  if (s.ok()) {
    if (IsExpired()) {
      s = Status::Expired();
    } else if (GetState() == STARTED) {
      SetState(AWAITING_COMMIT);
      s = db_->Write(write_options_, batch);
      if (s.ok()) SetState(COMMITTED);
    } else {
      s = Status::InvalidArgument("Transaction is not in state for commit.");
    }
  }
  UnlockKeys(locked);
  return s;
}

}  // namespace ROCKSDB_NAMESPACE
