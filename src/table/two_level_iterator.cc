// Table iteration over index + data blocks; contract in
// table/two_level_iterator.h.
#include "table/two_level_iterator.h"

#include <memory>
#include <optional>

#include "table/block_iter.h"
#include "table/table_reader.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class TableTwoLevelIterator : public InternalIterator {
 public:
  TableTwoLevelIterator(const TableReader* table, bool verify,
                        InternalIterator* index, TwoLevelKind kind,
                        std::shared_ptr<const TableReader> owner,
                        ReadaheadOptions readahead)
      : owner_(std::move(owner)),
        table_(table),
        verify_(verify),
        kind_(kind),
        index_(index),
        readahead_(readahead) {}

  bool Valid() const override { return data_.has_value() && data_->Valid(); }
  Slice key() const override { return data_->key(); }
  Slice value() const override { return data_->value(); }
  Status status() const override {
    if (!status_.ok()) return status_;
    if (!index_->status().ok()) return index_->status();
    if (data_.has_value()) return data_->status();
    return Status::OK();
  }

  void Seek(const Slice& target) override {
    index_->Seek(FirstLevelKey(target));
    InitDataBlock();
    if (data_.has_value()) data_->Seek(target);
    SkipEmptyForward();
  }

  void SeekForPrev(const Slice& target) override {
    index_->Seek(FirstLevelKey(target));
    if (!index_->Valid()) index_->SeekToLast();
    InitDataBlock();
    if (data_.has_value()) data_->SeekForPrev(target);
    SkipEmptyBackward();
  }

  void SeekToFirst() override {
    index_->SeekToFirst();
    InitDataBlock();
    if (data_.has_value()) data_->SeekToFirst();
    SkipEmptyForward();
  }

  void SeekToLast() override {
    index_->SeekToLast();
    InitDataBlock();
    if (data_.has_value()) data_->SeekToLast();
    SkipEmptyBackward();
  }

  void Next() override {
    data_->Next();
    SkipEmptyForward();
  }

  void Prev() override {
    data_->Prev();
    SkipEmptyBackward();
  }

 private:
  // True if iteration must stop here (an error or the end).
  bool DataExhausted() const {
    return !data_.has_value() || (!data_->Valid() && data_->status().ok());
  }

  void SkipEmptyForward() {
    while (status_.ok() && DataExhausted()) {
      if (!index_->Valid()) {
        ClearData();
        return;
      }
      index_->Next();
      InitDataBlock();
      if (data_.has_value()) data_->SeekToFirst();
    }
  }

  void SkipEmptyBackward() {
    while (status_.ok() && DataExhausted()) {
      if (!index_->Valid()) {
        ClearData();
        return;
      }
      index_->Prev();
      InitDataBlock();
      if (data_.has_value()) data_->SeekToLast();
    }
  }

  void ClearData() {
    data_.reset();
    block_.reset();
    readahead_.Release();
  }

  void InitDataBlock() {
    if (!index_->Valid()) {
      ClearData();
      return;
    }
    Slice v = index_->value();
    BlockHandle handle;
    if (!handle.DecodeFrom(&v).ok()) {
      status_ = Status::Corruption(table_->file_name(), "bad index entry");
      ClearData();
      return;
    }
    if (data_.has_value() && handle.offset() == block_offset_) return;
    std::shared_ptr<Block> block;
    Status s = table_->ReadDataBlock(handle, verify_, &block, &readahead_);
    if (!s.ok()) {
      status_ = s;
      ClearData();
      return;
    }
    data_.reset();  // before the block it iterates goes
    block_ = std::move(block);
    if (kind_ == TwoLevelKind::kDataBlocks) {
      data_.emplace(block_.get(), table_->icmp(), false);
    } else if (table_->index_key_is_user_key()) {
      data_.emplace(block_.get(), table_->icmp()->user_comparator(),
                    table_->index_value_is_delta_encoded());
    } else {
      data_.emplace(block_.get(), table_->icmp(),
                    table_->index_value_is_delta_encoded());
    }
    block_offset_ = handle.offset();
  }

  // Over data blocks the targets are internal keys and the index may hold
  // user keys; over index partitions the targets are index keys already.
  Slice FirstLevelKey(const Slice& target) const {
    return kind_ == TwoLevelKind::kDataBlocks ? table_->IndexSeekKey(target)
                                              : target;
  }

  const std::shared_ptr<const TableReader> owner_;  // may be null
  const TableReader* table_;
  const bool verify_;
  const TwoLevelKind kind_;
  std::unique_ptr<InternalIterator> index_;
  BlockReadahead readahead_;
  std::shared_ptr<Block> block_;  // keeps the data block alive
  std::optional<BlockIter> data_;
  uint64_t block_offset_ = 0;
  Status status_;
};

}  // namespace

InternalIterator* NewTwoLevelIterator(
    const TableReader* table, bool verify_checksums,
    InternalIterator* first_level, TwoLevelKind kind,
    std::shared_ptr<const TableReader> owner, ReadaheadOptions readahead) {
  return new TableTwoLevelIterator(table, verify_checksums, first_level, kind,
                                   std::move(owner), readahead);
}

}  // namespace ROCKSDB_NAMESPACE
