// Prefix-filtered table seeks; contract in table/prefix_seek_iterator.h.
#include "table/prefix_seek_iterator.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class PrefixSeekTableIterator : public InternalIterator {
 public:
  PrefixSeekTableIterator(const TableReader* table, InternalIterator* base,
                          const PrefixSeekOptions& o)
      : table_(table),
        base_(base),
        extractor_(o.prefix_extractor),
        has_upper_bound_(o.upper_bound != nullptr),
        upper_bound_(o.upper_bound != nullptr ? o.upper_bound->ToString()
                                              : std::string()),
        need_upper_bound_check_(
            o.auto_prefix_mode ||
            table->PrefixExtractorChanged(o.prefix_extractor.get())) {}

  bool Valid() const override { return !filtered_ && base_->Valid(); }
  void SeekToFirst() override {
    filtered_ = false;
    base_->SeekToFirst();
  }
  void SeekToLast() override {
    filtered_ = false;
    base_->SeekToLast();
  }
  void Seek(const Slice& target) override {
    filtered_ = !MayMatch(target);
    if (!filtered_) base_->Seek(target);
  }
  void SeekForPrev(const Slice& target) override {
    // As RocksDB: an upper-bound check says nothing about keys before the
    // target, so such seeks are not filtered.
    filtered_ = !need_upper_bound_check_ && !MayMatch(target);
    if (!filtered_) base_->SeekForPrev(target);
  }
  void Next() override { base_->Next(); }
  void Prev() override { base_->Prev(); }
  Slice key() const override { return base_->key(); }
  Slice value() const override { return base_->value(); }
  Status status() const override { return base_->status(); }

 private:
  bool MayMatch(const Slice& target) const {
    const Slice ub(upper_bound_);
    bool checked = false;
    return table_->PrefixRangeMayMatch(target, extractor_.get(),
                                       has_upper_bound_ ? &ub : nullptr,
                                       need_upper_bound_check_, &checked);
  }

  const TableReader* const table_;
  std::unique_ptr<InternalIterator> base_;
  const std::shared_ptr<const SliceTransform> extractor_;
  const bool has_upper_bound_;
  const std::string upper_bound_;
  const bool need_upper_bound_check_;
  bool filtered_ = false;
};

}  // namespace

InternalIterator* NewPrefixSeekIterator(const TableReader* table,
                                        InternalIterator* base,
                                        const PrefixSeekOptions& options) {
  return new PrefixSeekTableIterator(table, base, options);
}

}  // namespace ROCKSDB_NAMESPACE
