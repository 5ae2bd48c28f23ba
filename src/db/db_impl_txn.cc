// DBImpl::GetLatestSequenceForKey: what optimistic transactions check at
// commit, whether a key changed after the sequence they read it at.
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
      s = table_cache_->Get(f->number, f->file_size, &cfd->icmp,
                            cfd->options.table_factory.get(), &table);
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

}  // namespace ROCKSDB_NAMESPACE
