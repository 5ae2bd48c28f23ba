// User compaction filters in jobs; contract in db/compaction_filter_runner.h.
#include "db/compaction_filter_runner.h"

namespace ROCKSDB_NAMESPACE {

Status SelectCompactionFilter(const CompactionFilter* shared,
                              CompactionFilterFactory* factory,
                              const CompactionFilter::Context& context,
                              std::unique_ptr<CompactionFilter>* owned,
                              const CompactionFilter** filter) {
  *filter = nullptr;
  if (context.reason == TableFileCreationReason::kCompaction &&
      shared != nullptr) {
    *filter = shared;
  } else if (factory != nullptr &&
             factory->ShouldFilterTableFileCreation(context.reason)) {
    *owned = factory->CreateCompactionFilter(context);
    *filter = owned->get();
  }
  if (*filter != nullptr && !(*filter)->IgnoreSnapshots()) {
    return Status::NotSupported(
        std::string("CompactionFilter::IgnoreSnapshots() = false is not "
                    "supported anymore: ") +
        (*filter)->Name());
  }
  return Status::OK();
}

Status CompactionFilterRunner::Decide(const ParsedInternalKey& key,
                                      const Slice& value, Outcome* out) {
  *out = Outcome();
  const bool first =
      !has_current_ || ucmp_->Compare(key.user_key, current_key_) != 0;
  if (first) {
    current_key_.assign(key.user_key.data(), key.user_key.size());
    has_current_ = true;
  }
  CompactionFilter::ValueType vt;
  if (key.type == kTypeValue && first) {
    vt = CompactionFilter::kValue;
  } else if (key.type == kTypeMerge && key.sequence > latest_snapshot_) {
    vt = CompactionFilter::kMergeOperand;
  } else {
    return Status::OK();
  }
  std::string new_value, skip_until;
  using D = CompactionFilter::Decision;
  D d = filter_->FilterV2(level_, key.user_key, vt, value, &new_value,
                          &skip_until);
  if (d == D::kRemoveAndSkipUntil &&
      ucmp_->Compare(skip_until, key.user_key) <= 0) {
    d = D::kKeep;  // cannot skip backwards (RocksDB's rule)
  }
  switch (d) {
    case D::kKeep:
      return Status::OK();
    case D::kRemove:
      if (vt == CompactionFilter::kMergeOperand) {
        out->drop = true;
      } else {
        out->rewrite = true;
        out->type = kTypeDeletion;
      }
      return Status::OK();
    case D::kPurge:
      if (vt == CompactionFilter::kMergeOperand) {
        out->drop = true;
      } else {
        out->rewrite = true;
        out->type = kTypeSingleDeletion;
      }
      return Status::OK();
    case D::kChangeValue:
      out->rewrite = true;
      out->type = key.type;
      out->value = std::move(new_value);
      return Status::OK();
    case D::kRemoveAndSkipUntil:
      out->drop = true;
      out->skip = true;
      out->skip_until = std::move(skip_until);
      return Status::OK();
    default:
      return Status::NotSupported(
          std::string("compaction filter ") + filter_->Name() +
              " returned a decision skyrocks does not take for key ",
          key.user_key.ToString(true));
  }
}

Status AddMemTableThroughFilter(const CompactionFilter* filter,
                                const Comparator* ucmp,
                                SequenceNumber latest_snapshot,
                                MemTable::Iterator* it, TableBuilder* builder,
                                bool* empty) {
  CompactionFilterRunner runner(filter, ucmp, 0, latest_snapshot);
  CompactionFilterRunner::Outcome outcome;
  std::string rewritten;
  it->SeekToFirst();
  while (it->Valid()) {
    ParsedInternalKey pk;
    Status s = ParseInternalKey(it->key(), &pk);
    if (s.ok()) s = runner.Decide(pk, it->value(), &outcome);
    if (!s.ok()) return s;
    if (outcome.skip) {
      rewritten.clear();
      AppendInternalKey(&rewritten, outcome.skip_until, kMaxSequenceNumber,
                        kValueTypeForSeek);
      it->Seek(rewritten);
      continue;
    }
    if (outcome.rewrite) {
      rewritten.clear();
      AppendInternalKey(&rewritten, pk.user_key, pk.sequence, outcome.type);
      builder->Add(rewritten, outcome.value);
      *empty = false;
    } else if (!outcome.drop) {
      builder->Add(it->key(), it->value());
      *empty = false;
    }
    it->Next();
  }
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
