// Ingested tables read at their global sequence number; contract in
// table/global_seqno_iterator.h.
#include "table/global_seqno_iterator.h"

#include <memory>

#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class GlobalSeqnoIterator : public InternalIterator {
 public:
  GlobalSeqnoIterator(InternalIterator* inner, const Comparator* ucmp,
                      SequenceNumber seqno)
      : inner_(inner), ucmp_(ucmp), seqno_(seqno) {}

  bool Valid() const override { return inner_->Valid(); }
  void SeekToFirst() override {
    inner_->SeekToFirst();
    Rewrite();
  }
  void SeekToLast() override {
    inner_->SeekToLast();
    Rewrite();
  }
  // The file's entry for the target's user key sorts before the target
  // when its trailer (seqno_, type) is larger than the target's.
  void Seek(const Slice& target) override {
    const Slice user_key = ExtractUserKey(target);
    seek_key_.clear();
    AppendInternalKey(&seek_key_, user_key, kMaxSequenceNumber,
                      kValueTypeForSeek);
    inner_->Seek(seek_key_);
    Rewrite();
    if (Valid() && ucmp_->Compare(ExtractUserKey(key_), user_key) == 0 &&
        ExtractInternalKeyFooter(key_) > ExtractInternalKeyFooter(target)) {
      Next();
    }
  }
  void SeekForPrev(const Slice& target) override {
    const Slice user_key = ExtractUserKey(target);
    seek_key_.clear();
    AppendInternalKey(&seek_key_, user_key, 0, kValueTypeForSeekForPrev);
    inner_->SeekForPrev(seek_key_);
    Rewrite();
    if (Valid() && ucmp_->Compare(ExtractUserKey(key_), user_key) == 0 &&
        ExtractInternalKeyFooter(key_) < ExtractInternalKeyFooter(target)) {
      Prev();
    }
  }
  void Next() override {
    inner_->Next();
    Rewrite();
  }
  void Prev() override {
    inner_->Prev();
    Rewrite();
  }
  Slice key() const override { return key_; }
  Slice value() const override { return inner_->value(); }
  Status status() const override { return inner_->status(); }

 private:
  void Rewrite() {
    if (!inner_->Valid()) return;
    const Slice k = inner_->key();
    if (k.size() < 8) {  // damaged: passed on for the reader to report
      key_.assign(k.data(), k.size());
      return;
    }
    const ValueType t = ExtractValueType(k);
    key_.assign(k.data(), k.size() - 8);
    PutFixed64(&key_, PackSequenceAndType(seqno_, t));
  }

  std::unique_ptr<InternalIterator> inner_;
  const Comparator* const ucmp_;
  const SequenceNumber seqno_;
  std::string key_, seek_key_;
};

}  // namespace

InternalIterator* NewGlobalSeqnoIterator(InternalIterator* inner,
                                         const Comparator* ucmp,
                                         SequenceNumber seqno) {
  return new GlobalSeqnoIterator(inner, ucmp, seqno);
}

Status ExternalFileGlobalSeqno(const UserCollectedProperties& user_props,
                               SequenceNumber largest_seqno,
                               const std::string& fname,
                               SequenceNumber* seqno) {
  *seqno = 0;
  auto version = user_props.find("rocksdb.external_sst_file.version");
  if (version == user_props.end() || version->second.size() != 4 ||
      DecodeFixed32(version->second.data()) < 2) {
    return Status::OK();
  }
  auto global = user_props.find("rocksdb.external_sst_file.global_seqno");
  SequenceNumber in_file = 0;
  if (global != user_props.end() && global->second.size() == 8) {
    in_file = DecodeFixed64(global->second.data());
  }
  if (in_file != 0 && largest_seqno != 0 && in_file != largest_seqno) {
    return Status::Corruption(fname, "global seqno " + std::to_string(in_file) +
                                         " in the file, but " +
                                         std::to_string(largest_seqno) +
                                         " in the MANIFEST");
  }
  *seqno = in_file != 0 ? in_file : largest_seqno;
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
