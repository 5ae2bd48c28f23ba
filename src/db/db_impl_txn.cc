// DBImpl::GetLatestSequenceForKey: what transactions check, whether a key
// changed after the sequence they read it at; and the DB's side of
// two-phase commit: recovered prepared transactions and the WALs kept for
// prepared sections (doc/transactions.md).
#include <algorithm>
#include <cstdint>
#include <memory>

#include "db/db_impl.h"
#include "db/memtable.h"
#include "db/range_del.h"
#include "db/table_cache.h"
#include "table/dbformat.h"
#include "table/internal_iterator.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Raises *seq (and sets *found) to the sequence of the newest point entry
// of user_key in it, an iterator over internal keys.
Status NewestEntrySequence(InternalIterator* it, const Comparator* ucmp,
                           const Slice& user_key, SequenceNumber* seq,
                           bool* found) {
  LookupKey lkey(user_key, kMaxSequenceNumber);
  it->Seek(lkey.internal_key());
  if (!it->Valid()) return it->status();
  ParsedInternalKey parsed;
  Status s = ParseInternalKey(it->key(), &parsed);
  if (!s.ok()) return s;
  if (ucmp->Compare(parsed.user_key, user_key) == 0) {
    *found = true;
    if (parsed.sequence > *seq) *seq = parsed.sequence;
  }
  return Status::OK();
}

}  // namespace

Status DBImpl::GetLatestSequenceForKey(ColumnFamilyHandle* column_family,
                                       const Slice& key,
                                       SequenceNumber lower_bound,
                                       SequenceNumber* seq, bool* found) {
  *seq = 0;
  *found = false;
  if (closed_) return Status::ShutdownInProgress(dbname_);
  ColumnFamilyData* cfd = CfdOf(column_family);
  const std::shared_ptr<const SuperVersion> sv = cfd->GetSuperVersion();
  const Comparator* ucmp = cfd->options.comparator;
  SequenceNumber covering = 0;
  Status s;
  for (MemTable* m : sv->mems) {
    std::unique_ptr<InternalIterator> it(NewMemTableInternalIterator(m, false));
    s = NewestEntrySequence(it.get(), ucmp, key, seq, found);
    if (!s.ok()) return s;
    if (m->num_range_deletes() > 0) {
      std::unique_ptr<InternalIterator> rd(
          NewMemTableInternalIterator(m, true));
      s = RaiseMaxCoveringSeq(rd.get(), ucmp, kMaxSequenceNumber, key,
                              &covering);
      if (!s.ok()) return s;
    }
  }
  for (int level = 0; level < kMaxNumLevels; level++) {
    for (const FileMetaPtr& f : sv->version->files[level]) {
      if (f->largest_seqno <= lower_bound ||
          ucmp->Compare(key, f->smallest.user_key()) < 0 ||
          ucmp->Compare(key, f->largest.user_key()) > 0) {
        continue;  // nothing newer than lower_bound for key in this file
      }
      std::shared_ptr<TableReader> table;
      s = table_cache_->Get(f->number, f->file_size, f->largest_seqno,
                            &cfd->icmp, cfd->table_factory().get(), &table);
      if (!s.ok()) return s;
      std::unique_ptr<InternalIterator> rd(table->NewRangeTombstoneIterator());
      if (rd != nullptr) {
        s = RaiseMaxCoveringSeq(rd.get(), ucmp, kMaxSequenceNumber, key,
                                &covering);
        if (!s.ok()) return s;
      }
      std::unique_ptr<InternalIterator> it(NewTableIterator(table, true));
      s = NewestEntrySequence(it.get(), ucmp, key, seq, found);
      if (!s.ok()) {
        return Status::Corruption(
            table->file_name(), "reading the newest update of '" +
                                    key.ToString(true) + "': " + s.ToString());
      }
    }
  }
  if (covering > 0) {
    *found = true;
    if (covering > *seq) *seq = covering;
  }
  if (*found && *seq <= lower_bound) *found = false;
  return Status::OK();
}


std::vector<std::unique_ptr<DBImpl::RecoveredTransaction>>
DBImpl::TakeRecoveredTransactions() {
  std::vector<std::unique_ptr<RecoveredTransaction>> out;
  port::MutexLock l(&prep_mu_);
  for (auto& kv : recovered_txns_) out.push_back(std::move(kv.second));
  recovered_txns_.clear();
  std::stable_sort(out.begin(), out.end(),
                   [](const std::unique_ptr<RecoveredTransaction>& a,
                      const std::unique_ptr<RecoveredTransaction>& b) {
                     return a->log_number < b->log_number;
                   });
  return out;
}

void DBImpl::MarkLogAsContainingPrepSection(uint64_t log) {
  port::MutexLock l(&prep_mu_);
  prep_logs_[log]++;
}

void DBImpl::MarkLogAsHavingPrepSectionFlushed(uint64_t log) {
  port::MutexLock l(&prep_mu_);
  auto it = prep_logs_.find(log);
  if (it == prep_logs_.end()) return;
  if (--it->second <= 0) prep_logs_.erase(it);
}

uint64_t DBImpl::MinPrepLogToKeep() const {
  uint64_t min_log = UINT64_MAX;
  {
    port::MutexLock l(&prep_mu_);
    if (!prep_logs_.empty()) min_log = prep_logs_.begin()->first;
  }
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    auto note = [&min_log](const MemTable* m) {
      const uint64_t log = m->GetMinLogContainingPrepSection();
      if (log != 0 && log < min_log) min_log = log;
    };
    note(cfd->mem);
    for (const ImmutableMemTable& imm : cfd->imm) note(imm.mem);
  }
  return min_log;
}

}  // namespace ROCKSDB_NAMESPACE
