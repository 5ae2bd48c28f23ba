// TransactionDB::Open and PessimisticTransactionDB
// (utilities/pessimistic_transaction.h): the transaction registry, plain
// writes that lock, and the recovery of prepared transactions.
#include <memory>

#include "db/db_impl.h"
#include "utilities/pessimistic_transaction.h"

namespace ROCKSDB_NAMESPACE {

Status TransactionDB::Open(const Options& options,
                           const TransactionDBOptions& txn_db_options,
                           const std::string& dbname, TransactionDB** dbptr) {
  DBOptions db_options(options);
  ColumnFamilyOptions cf_options(options);
  std::vector<ColumnFamilyDescriptor> column_families;
  column_families.emplace_back(kDefaultColumnFamilyName, cf_options);
  std::vector<ColumnFamilyHandle*> handles;
  Status s = Open(db_options, txn_db_options, dbname, column_families,
                  &handles, dbptr);
  if (s.ok()) delete handles[0];  // the DB keeps its own default handle
  return s;
}

Status TransactionDB::Open(
    const DBOptions& db_options, const TransactionDBOptions& txn_db_options,
    const std::string& dbname,
    const std::vector<ColumnFamilyDescriptor>& column_families,
    std::vector<ColumnFamilyHandle*>* handles, TransactionDB** dbptr) {
  *dbptr = nullptr;
  if (txn_db_options.write_policy != WRITE_COMMITTED) {
    return Status::NotSupported(
        "TransactionDB " + dbname +
        ": only the WRITE_COMMITTED write policy is supported by skyrocks");
  }
  DBOptions options_2pc = db_options;
  options_2pc.allow_2pc = true;
  DB* db = nullptr;
  Status s = DB::Open(options_2pc, dbname, column_families, handles, &db);
  if (!s.ok()) return s;
  DBImpl* impl = RootDBImpl(db);
  if (impl == nullptr) {
    for (ColumnFamilyHandle* h : *handles) {
      Status ds = db->DestroyColumnFamilyHandle(h);
      (void)ds;
    }
    handles->clear();
    delete db;
    return Status::NotSupported("TransactionDB: " + dbname +
                                " did not open as a skyrocks DB");
  }
  auto txn_db = std::make_unique<PessimisticTransactionDB>(db, impl,
                                                           txn_db_options);
  s = txn_db->Initialize(*handles);
  if (!s.ok()) {
    for (ColumnFamilyHandle* h : *handles) delete h;
    handles->clear();
    return s;
  }
  *dbptr = txn_db.release();
  return Status::OK();
}

PessimisticTransactionDB::PessimisticTransactionDB(
    DB* db, DBImpl* impl, const TransactionDBOptions& options)
    : TransactionDB(db),
      impl_(impl),
      options_(options),
      lock_manager_(options, [this](TransactionID id) {
        return TryStealingExpiredTransactionLocks(id);
      }) {}

PessimisticTransactionDB::~PessimisticTransactionDB() {
  while (true) {
    Transaction* txn = nullptr;
    {
      port::MutexLock l(&name_mu_);
      if (transactions_.empty()) break;
      txn = transactions_.begin()->second;
    }
    delete txn;  // unregisters itself
  }
}

Status PessimisticTransactionDB::Initialize(
    const std::vector<ColumnFamilyHandle*>& handles) {
  std::vector<std::unique_ptr<DBImpl::RecoveredTransaction>> recovered =
      impl_->TakeRecoveredTransactions();
  Status s;
  for (auto& trx : recovered) {
    WriteOptions w_options;
    w_options.sync = true;
    TransactionOptions t_options;
    // As RocksDB: the keys of recovered transactions are not locked (the
    // application settles them before new transactions start).
    t_options.skip_concurrency_control = true;
    auto* txn = static_cast<PessimisticTransaction*>(
        BeginTransaction(w_options, t_options, nullptr));
    for (ColumnFamilyHandle* h : handles) txn->RememberHandle(h);
    txn->SetLogNumber(trx->log_number);
    s = txn->SetName(trx->name);
    if (s.ok()) s = txn->RebuildFromWriteBatch(&trx->batch);
    txn->SetState(Transaction::PREPARED);
    if (!s.ok()) {
      s = Status::Corruption("TransactionDB: recovering prepared transaction '" +
                                 trx->name + "' from WAL " +
                                 std::to_string(trx->log_number),
                             s.ToString());
      break;
    }
  }
  return s;
}

Transaction* PessimisticTransactionDB::BeginTransaction(
    const WriteOptions& write_options, const TransactionOptions& txn_options,
    Transaction* old_txn) {
  if (old_txn != nullptr) {
    static_cast<PessimisticTransaction*>(old_txn)->Reinitialize(write_options,
                                                                txn_options);
    return old_txn;
  }
  return new PessimisticTransaction(this, write_options, txn_options);
}

PessimisticTransaction* PessimisticTransactionDB::BeginInternalTransaction(
    const WriteOptions& o) {
  auto* txn = static_cast<PessimisticTransaction*>(
      BeginTransaction(o, TransactionOptions(), nullptr));
  txn->SetLockTimeout(options_.default_lock_timeout);
  txn->DisableIndexing();
  return txn;
}

Transaction* PessimisticTransactionDB::GetTransactionByName(
    const TransactionName& name) {
  port::MutexLock l(&name_mu_);
  auto it = transactions_.find(name);
  return it == transactions_.end() ? nullptr : it->second;
}

void PessimisticTransactionDB::GetAllPreparedTransactions(
    std::vector<Transaction*>* trans) {
  trans->clear();
  port::MutexLock l(&name_mu_);
  for (const auto& kv : transactions_) {
    if (kv.second->GetState() == Transaction::PREPARED) {
      trans->push_back(kv.second);
    }
  }
}

void PessimisticTransactionDB::RegisterTransaction(Transaction* txn) {
  port::MutexLock l(&name_mu_);
  transactions_[txn->GetName()] = txn;
}

void PessimisticTransactionDB::UnregisterTransaction(Transaction* txn) {
  port::MutexLock l(&name_mu_);
  auto it = transactions_.find(txn->GetName());
  if (it != transactions_.end() && it->second == txn) transactions_.erase(it);
}

void PessimisticTransactionDB::InsertExpirableTransaction(
    TransactionID id, PessimisticTransaction* txn) {
  port::MutexLock l(&expirable_mu_);
  expirable_[id] = txn;
}

void PessimisticTransactionDB::RemoveExpirableTransaction(TransactionID id) {
  port::MutexLock l(&expirable_mu_);
  expirable_.erase(id);
}

bool PessimisticTransactionDB::TryStealingExpiredTransactionLocks(
    TransactionID id) {
  port::MutexLock l(&expirable_mu_);
  auto it = expirable_.find(id);
  if (it == expirable_.end()) return true;  // gone: its locks are free
  return it->second->TryStealingLocks();
}

std::unordered_multimap<uint32_t, KeyLockInfo>
PessimisticTransactionDB::GetLockStatusData() {
  return lock_manager_.GetLockStatusData();
}

std::vector<DeadlockPath> PessimisticTransactionDB::GetDeadlockInfoBuffer() {
  return lock_manager_.GetDeadlockInfoBuffer();
}

void PessimisticTransactionDB::SetDeadlockInfoBufferSize(uint32_t target_size) {
  lock_manager_.Resize(target_size);
}

Status PessimisticTransactionDB::Put(const WriteOptions& o,
                                     ColumnFamilyHandle* cf, const Slice& key,
                                     const Slice& value) {
  std::unique_ptr<PessimisticTransaction> txn(BeginInternalTransaction(o));
  Status s = txn->PutUntracked(cf, key, value);
  if (s.ok()) s = txn->Commit();
  return s;
}

Status PessimisticTransactionDB::Delete(const WriteOptions& o,
                                        ColumnFamilyHandle* cf,
                                        const Slice& key) {
  std::unique_ptr<PessimisticTransaction> txn(BeginInternalTransaction(o));
  Status s = txn->DeleteUntracked(cf, key);
  if (s.ok()) s = txn->Commit();
  return s;
}

Status PessimisticTransactionDB::SingleDelete(const WriteOptions& o,
                                              ColumnFamilyHandle* cf,
                                              const Slice& key) {
  std::unique_ptr<PessimisticTransaction> txn(BeginInternalTransaction(o));
  Status s = txn->SingleDeleteUntracked(cf, key);
  if (s.ok()) s = txn->Commit();
  return s;
}

Status PessimisticTransactionDB::Merge(const WriteOptions& o,
                                       ColumnFamilyHandle* cf,
                                       const Slice& key, const Slice& value) {
  std::unique_ptr<PessimisticTransaction> txn(BeginInternalTransaction(o));
  Status s = txn->MergeUntracked(cf, key, value);
  if (s.ok()) s = txn->Commit();
  return s;
}

Status PessimisticTransactionDB::Write(const WriteOptions& o,
                                       WriteBatch* updates) {
  if (options_.skip_concurrency_control) return GetBaseDB()->Write(o, updates);
  std::unique_ptr<PessimisticTransaction> txn(BeginInternalTransaction(o));
  return txn->CommitBatch(updates);
}

Status PessimisticTransactionDB::Write(
    const WriteOptions& o, const TransactionDBWriteOptimizations& optimizations,
    WriteBatch* updates) {
  if (optimizations.skip_concurrency_control) {
    return GetBaseDB()->Write(o, updates);
  }
  return Write(o, updates);
}

}  // namespace ROCKSDB_NAMESPACE
