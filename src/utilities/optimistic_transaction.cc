// OptimisticTransactionDB::Open, OptimisticTransactionDBImpl and
// OptimisticTransaction (utilities/optimistic_transaction.h).
#include "utilities/optimistic_transaction.h"

#include <algorithm>
#include <set>

#include "db/db_impl.h"
#include "util/hash.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// skyrocks caps the striped commit locks (RocksDB's default is 2^20).
constexpr uint32_t kMaxOccLockBuckets = 1u << 16;

}  // namespace

Status OptimisticTransactionDB::Open(const Options& options,
                                     const std::string& dbname,
                                     OptimisticTransactionDB** dbptr) {
  DBOptions db_options(options);
  ColumnFamilyOptions cf_options(options);
  std::vector<ColumnFamilyDescriptor> column_families;
  column_families.emplace_back(kDefaultColumnFamilyName, cf_options);
  std::vector<ColumnFamilyHandle*> handles;
  Status s = Open(db_options, dbname, column_families, &handles, dbptr);
  if (s.ok()) delete handles[0];  // the DB keeps its own default handle
  return s;
}

Status OptimisticTransactionDB::Open(
    const DBOptions& db_options, const std::string& dbname,
    const std::vector<ColumnFamilyDescriptor>& column_families,
    std::vector<ColumnFamilyHandle*>* handles,
    OptimisticTransactionDB** dbptr) {
  return Open(db_options, OptimisticTransactionDBOptions(), dbname,
              column_families, handles, dbptr);
}

Status OptimisticTransactionDB::Open(
    const DBOptions& db_options,
    const OptimisticTransactionDBOptions& occ_options,
    const std::string& dbname,
    const std::vector<ColumnFamilyDescriptor>& column_families,
    std::vector<ColumnFamilyHandle*>* handles,
    OptimisticTransactionDB** dbptr) {
  *dbptr = nullptr;
  DB* db = nullptr;
  Status s = DB::Open(db_options, dbname, column_families, handles, &db);
  if (!s.ok()) return s;
  DBImpl* impl = RootDBImpl(db);
  if (impl == nullptr) {
    for (ColumnFamilyHandle* h : *handles) {
      Status ds = db->DestroyColumnFamilyHandle(h);
      (void)ds;
    }
    handles->clear();
    delete db;
    return Status::NotSupported("OptimisticTransactionDB: " + dbname +
                                " did not open as a skyrocks DB");
  }
  *dbptr = new OptimisticTransactionDBImpl(db, impl, occ_options);
  return Status::OK();
}

OptimisticTransactionDBImpl::OptimisticTransactionDBImpl(
    DB* db, DBImpl* impl, const OptimisticTransactionDBOptions& options)
    : OptimisticTransactionDB(db),
      impl_(impl),
      policy_(options.validate_policy),
      buckets_(std::max<uint32_t>(
          1, std::min(options.occ_lock_buckets, kMaxOccLockBuckets))) {}

Transaction* OptimisticTransactionDBImpl::BeginTransaction(
    const WriteOptions& write_options,
    const OptimisticTransactionOptions& txn_options, Transaction* old_txn) {
  if (old_txn != nullptr) {
    auto* txn = static_cast<OptimisticTransaction*>(old_txn);
    txn->Reinitialize(write_options, txn_options);
    return txn;
  }
  return new OptimisticTransaction(this, write_options, txn_options);
}

port::Mutex* OptimisticTransactionDBImpl::LockFor(uint32_t cf,
                                                  const Slice& key) {
  const uint32_t h = Hash(key.data(), key.size(), cf);
  return &buckets_[h % buckets_.size()];
}

OptimisticTransaction::OptimisticTransaction(
    OptimisticTransactionDBImpl* txn_db, const WriteOptions& write_options,
    const OptimisticTransactionOptions& txn_options)
    : TransactionBaseImpl(txn_db->GetBaseDB(), write_options, txn_options.cmp),
      txn_db_(txn_db) {
  if (txn_options.set_snapshot) SetSnapshot();
}

void OptimisticTransaction::Reinitialize(
    const WriteOptions& write_options,
    const OptimisticTransactionOptions& txn_options) {
  TransactionBaseImpl::Reinitialize(write_options);
  if (txn_options.set_snapshot) SetSnapshot();
}

Status OptimisticTransaction::TryLock(ColumnFamilyHandle* column_family,
                                      const Slice& key, bool read_only,
                                      bool exclusive, bool do_validate,
                                      bool /*assume_tracked*/) {
  if (!do_validate) return Status::OK();
  SetSnapshotIfNeeded();
  const SequenceNumber seq = snapshot_ != nullptr
                                 ? snapshot_->GetSequenceNumber()
                                 : db_->GetLatestSequenceNumber();
  TrackKey(column_family->GetID(), key.ToString(), seq, read_only, exclusive);
  return Status::OK();  // conflicts are checked at commit
}

Status OptimisticTransaction::CheckForConflicts() {
  for (const auto& cf : tracked_keys_.keys()) {
    ColumnFamilyHandle* h = HandleById(cf.first);
    if (h == nullptr) {
      return Status::InvalidArgument(
          "transaction: no handle for column family id " +
          std::to_string(cf.first));
    }
    for (const auto& k : cf.second) {
      SequenceNumber seq = 0;
      bool found = false;
      Status s = txn_db_->impl()->GetLatestSequenceForKey(
          h, k.first, k.second.seq, &seq, &found);
      if (!s.ok()) return s;
      if (found) {
        return Status::Busy(
            "transaction conflict: key '" + Slice(k.first).ToString(true) +
            "' in column family " + h->GetName() + " written at sequence " +
            std::to_string(seq) + " after this transaction's " +
            std::to_string(k.second.seq));
      }
    }
  }
  return Status::OK();
}

Status OptimisticTransaction::Commit() {
  // Held until Commit returns (a set known only at run time, which
  // clang's analysis does not follow).
  std::vector<std::unique_ptr<port::MutexLock>> held;
  if (txn_db_->validate_policy() == OccValidationPolicy::kValidateSerial) {
    held.push_back(std::make_unique<port::MutexLock>(txn_db_->SerialLock()));
  } else {
    // Each bucket once, in address order: no deadlock between commits.
    std::set<port::Mutex*> locks;
    for (const auto& cf : tracked_keys_.keys()) {
      for (const auto& k : cf.second) {
        locks.insert(txn_db_->LockFor(cf.first, k.first));
      }
    }
    for (port::Mutex* m : locks) {
      held.push_back(std::make_unique<port::MutexLock>(m));
    }
  }
  Status s = CheckForConflicts();
  if (!s.ok()) return s;
  s = db_->Write(write_options_, GetWriteBatch()->GetWriteBatch());
  if (s.ok()) Clear();
  return s;
}

Status OptimisticTransaction::Rollback() {
  Clear();
  return Status::OK();
}

Status OptimisticTransaction::Prepare() {
  return Status::InvalidArgument(
      "Two phase commit not supported for optimistic transactions.");
}

Status OptimisticTransaction::SetName(const TransactionName& /*name*/) {
  return Status::InvalidArgument("Optimistic transactions cannot be named.");
}

Status Transaction::CommitAndTryCreateSnapshot(
    std::shared_ptr<TransactionNotifier> notifier, TxnTimestamp ts,
    std::shared_ptr<const Snapshot>* snapshot) {
  if (snapshot != nullptr) snapshot->reset();
  const TxnTimestamp commit_ts = GetCommitTimestamp();
  if (commit_ts == kMaxTxnTimestamp) {
    if (ts == kMaxTxnTimestamp) {
      return Status::InvalidArgument("Commit timestamp unset");
    }
    Status s = SetCommitTimestamp(ts);
    if (!s.ok()) return s;
  } else if (ts != kMaxTxnTimestamp && ts != commit_ts) {
    return Status::InvalidArgument("Different commit ts specified");
  }
  SetSnapshotOnNextOperation(notifier);
  Status s = Commit();
  if (!s.ok()) return s;
  if (snapshot != nullptr) *snapshot = GetTimestampedSnapshot();
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
