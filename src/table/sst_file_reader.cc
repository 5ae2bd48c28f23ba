// SstFileReader over TableReader; contract in rocksdb/sst_file_reader.h.
#include "rocksdb/sst_file_reader.h"

#include <vector>

#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "table/internal_iterator.h"
#include "table/table_reader.h"

namespace ROCKSDB_NAMESPACE {

namespace {

struct SstReaderTombstone {
  std::string begin, end;
  SequenceNumber seq;
};

// Presents the newest visible entry of each user key of one table.
class SstFileReaderIter : public Iterator {
 public:
  SstFileReaderIter(InternalIterator* it, const Comparator* ucmp,
                    std::vector<SstReaderTombstone> tombstones)
      : it_(it), ucmp_(ucmp), tombstones_(std::move(tombstones)) {}

  bool Valid() const override { return valid_; }
  Slice key() const override { return key_; }
  Slice value() const override { return value_; }
  Status status() const override {
    return status_.ok() ? it_->status() : status_;
  }

  void SeekToFirst() override {
    it_->SeekToFirst();
    FindNextVisible();
  }
  void SeekToLast() override {
    it_->SeekToLast();
    FindPrevVisible();
  }
  void Seek(const Slice& target) override {
    std::string ik;
    AppendInternalKey(&ik, target, kMaxSequenceNumber, kValueTypeForSeek);
    it_->Seek(ik);
    FindNextVisible();
  }
  void SeekForPrev(const Slice& target) override {
    std::string ik;
    AppendInternalKey(&ik, target, 0, kValueTypeForSeekForPrev);
    it_->SeekForPrev(ik);
    FindPrevVisible();
  }
  void Next() override {
    if (backward_) {
      // it_ is before key_: go back to key_'s entries.
      std::string ik;
      AppendInternalKey(&ik, key_, kMaxSequenceNumber, kValueTypeForSeek);
      it_->Seek(ik);
    }
    SkipUserKeyForward(key_);
    FindNextVisible();
  }
  void Prev() override {
    if (!backward_) {
      // it_ is at key_'s newest entry: move before key_.
      while (it_->Valid() &&
             ucmp_->Compare(ExtractUserKey(it_->key()), key_) >= 0) {
        it_->Prev();
      }
    }
    FindPrevVisible();
  }

 private:
  bool Covered(const Slice& user_key, SequenceNumber seq) const {
    for (const auto& t : tombstones_) {
      if (t.seq > seq && ucmp_->Compare(user_key, t.begin) >= 0 &&
          ucmp_->Compare(user_key, t.end) < 0) {
        return true;
      }
    }
    return false;
  }

  // it_ is at the newest entry of some user key: decide its visibility.
  // Returns true (and sets key_/value_) when visible.
  bool TakeNewest(const Slice& ikey, const Slice& value) {
    ParsedInternalKey pk;
    Status s = ParseInternalKey(ikey, &pk);
    if (!s.ok()) {
      status_ = s;
      return false;
    }
    key_.assign(pk.user_key.data(), pk.user_key.size());
    if (Covered(pk.user_key, pk.sequence)) return false;
    switch (pk.type) {
      case kTypeValue:
        value_.assign(value.data(), value.size());
        return true;
      case kTypeMerge:
        status_ = Status::NotSupported(
            "SstFileReader: key '" + pk.user_key.ToString(true) +
                "' holds a merge operand",
            "skyrocks applies merge operators only inside a DB");
        return false;
      default:
        return false;  // deletions hide the key
    }
  }

  void SkipUserKeyForward(const std::string& uk) {
    while (it_->Valid() &&
           ucmp_->Compare(ExtractUserKey(it_->key()), uk) == 0) {
      it_->Next();
    }
  }

  // Forward: it_ at the newest entry of a user key (or invalid).
  void FindNextVisible() {
    backward_ = false;
    valid_ = false;
    while (status_.ok() && it_->Valid()) {
      if (TakeNewest(it_->key(), it_->value())) {
        valid_ = true;
        return;
      }
      if (!status_.ok()) return;
      SkipUserKeyForward(key_);
    }
  }

  // Backward: it_ at the oldest entry of a user key (or invalid). The
  // newest entry of that key is the last one met going back; afterwards
  // it_ rests before the key.
  void FindPrevVisible() {
    backward_ = true;
    valid_ = false;
    while (status_.ok() && it_->Valid()) {
      const std::string uk = ExtractUserKey(it_->key()).ToString();
      std::string newest_key = it_->key().ToString();
      std::string newest_value = it_->value().ToString();
      it_->Prev();
      while (it_->Valid() &&
             ucmp_->Compare(ExtractUserKey(it_->key()), uk) == 0) {
        newest_key = it_->key().ToString();
        newest_value = it_->value().ToString();
        it_->Prev();
      }
      if (TakeNewest(newest_key, newest_value)) {
        valid_ = true;
        return;
      }
    }
  }

  std::unique_ptr<InternalIterator> it_;
  const Comparator* ucmp_;
  std::vector<SstReaderTombstone> tombstones_;
  bool valid_ = false;
  bool backward_ = false;  // it_ rests before key_ rather than at it
  std::string key_;
  std::string value_;
  Status status_;
};

}  // namespace

struct SstFileReader::Rep {
  Options options;
  InternalKeyComparator icmp;
  std::unique_ptr<TableReader> table;
  explicit Rep(const Options& o) : options(o), icmp(o.comparator) {}
};

SstFileReader::SstFileReader(const Options& options) : rep_(new Rep(options)) {}

SstFileReader::~SstFileReader() = default;

Status SstFileReader::Open(const std::string& file_path) {
  // As RocksDB: through the FileSystem of Options::env, so SSTs in an
  // in-memory or object-store Env are read where they live.
  Env* env = rep_->options.env ? rep_->options.env : Env::Default();
  FileSystem* fs = env->GetFileSystem().get();
  uint64_t size = 0;
  IOStatus io = fs->GetFileSize(file_path, IOOptions(), &size, nullptr);
  if (!io.ok()) return std::move(io);
  std::unique_ptr<FSRandomAccessFile> file;
  io = fs->NewRandomAccessFile(file_path, FileOptions(), &file, nullptr);
  if (!io.ok()) return std::move(io);
  TableReaderOptions ro;
  ro.icmp = &rep_->icmp;
  if (rep_->options.table_factory) {
    ro.block_cache = rep_->options.table_factory->table_options().block_cache;
  }
  return TableReader::Open(ro, std::move(file), file_path, size, &rep_->table);
}

Iterator* SstFileReader::NewIterator(const ReadOptions& options) {
  if (!rep_->table) {
    return NewErrorIterator(Status::InvalidArgument("SstFileReader not open"));
  }
  std::vector<SstReaderTombstone> tombstones;
  std::unique_ptr<InternalIterator> rd(
      rep_->table->NewRangeTombstoneIterator());
  if (rd) {
    for (rd->SeekToFirst(); rd->Valid(); rd->Next()) {
      ParsedInternalKey pk;
      if (!ParseInternalKey(rd->key(), &pk).ok()) {
        return NewErrorIterator(Status::Corruption(rep_->table->file_name(),
                                                   "bad range tombstone key"));
      }
      tombstones.push_back(
          {pk.user_key.ToString(), rd->value().ToString(), pk.sequence});
    }
    if (!rd->status().ok()) return NewErrorIterator(rd->status());
  }
  return new SstFileReaderIter(
      rep_->table->NewIterator(options.verify_checksums),
      rep_->options.comparator, std::move(tombstones));
}

std::shared_ptr<const TableProperties> SstFileReader::GetTableProperties()
    const {
  if (!rep_->table) return nullptr;
  return std::make_shared<TableProperties>(rep_->table->GetTableProperties());
}

Status SstFileReader::VerifyChecksum() {
  if (!rep_->table) return Status::InvalidArgument("SstFileReader not open");
  return rep_->table->VerifyChecksum();
}

Iterator* NewEmptyIterator() {
  return new EmptyIteratorWithStatus<Iterator>(Status::OK());
}
Iterator* NewErrorIterator(const Status& status) {
  return new EmptyIteratorWithStatus<Iterator>(status);
}

}  // namespace ROCKSDB_NAMESPACE
