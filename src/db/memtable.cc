// MemTable: entry encoding, point lookups with range tombstones, and the
// temporary arena (db/memtable.h).
#include "db/memtable.h"

#include <cstring>

#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Decodes the length-prefixed slice at p (an entry or a seek target).
Slice GetMemTableLengthPrefixed(const char* p) {
  uint32_t len = 0;
  const char* q = GetVarint32Ptr(p, p + 5, &len);
  return Slice(q, len);
}

// Encodes an internal key as a memtable seek target into *scratch.
const char* EncodeMemTableSeekKey(std::string* scratch, const Slice& target) {
  scratch->clear();
  PutVarint32(scratch, static_cast<uint32_t>(target.size()));
  scratch->append(target.data(), target.size());
  return scratch->data();
}

}  // namespace

// ---------------------------------------------------------------------------
// LookupKey

LookupKey::LookupKey(const Slice& user_key, SequenceNumber sequence)
    : sequence_(sequence) {
  const size_t usize = user_key.size();
  rep_.reserve(usize + 13);
  PutVarint32(&rep_, static_cast<uint32_t>(usize + 8));
  kstart_ = rep_.size();
  rep_.append(user_key.data(), usize);
  PutFixed64(&rep_, PackSequenceAndType(sequence, kValueTypeForSeek));
}

// ---------------------------------------------------------------------------
// MemTable

void MemTable::Iterator::Seek(const Slice& internal_target) {
  iter_.Seek(EncodeMemTableSeekKey(&tmp_, internal_target));
}

void MemTable::Iterator::SeekForPrev(const Slice& internal_target) {
  iter_.SeekForPrev(EncodeMemTableSeekKey(&tmp_, internal_target));
}

Slice MemTable::Iterator::key() const {
  return GetMemTableLengthPrefixed(iter_.key());
}

Slice MemTable::Iterator::value() const {
  const Slice k = GetMemTableLengthPrefixed(iter_.key());
  return GetMemTableLengthPrefixed(k.data() + k.size());
}

MemTable::MemTable(const InternalKeyComparator& cmp, size_t arena_block_size,
                   MemTableBloomOptions bloom)
    : comparator_(&cmp),
      bloom_opts_(std::move(bloom)),
      arena_(arena_block_size),
      table_(comparator_, &arena_),
      range_del_table_(comparator_, &arena_) {
  if (bloom_opts_.bloom_bits > 0 && (bloom_opts_.prefix_extractor != nullptr ||
                                     bloom_opts_.whole_key_filtering)) {
    bloom_.reset(new MemTableBloom(bloom_opts_.bloom_bits));
  }
}

bool MemTable::PrefixMayMatch(const Slice& internal_key) const {
  if (!has_prefix_bloom()) return true;
  const Slice user_key = ExtractUserKey(internal_key);
  const SliceTransform* ext = bloom_opts_.prefix_extractor.get();
  return !ext->InDomain(user_key) || bloom_->MayContain(ext->Transform(user_key));
}

bool MemTable::BloomMayContain(const Slice& user_key) const {
  if (bloom_ == nullptr) return true;
  // RocksDB: whole keys when both are in the filter (cheaper), else the
  // prefix when the key has one.
  if (bloom_opts_.whole_key_filtering) return bloom_->MayContain(user_key);
  const SliceTransform* ext = bloom_opts_.prefix_extractor.get();
  return !ext->InDomain(user_key) || bloom_->MayContain(ext->Transform(user_key));
}

MemTable::~MemTable() = default;

Status MemTable::Add(SequenceNumber seq, ValueType type, const Slice& key,
                     const Slice& value) {
  if (type != kTypeValue && type != kTypeDeletion &&
      type != kTypeSingleDeletion && type != kTypeMerge &&
      type != kTypeRangeDeletion) {
    return Status::InvalidArgument("MemTable::Add: unsupported value type",
                                   std::to_string(static_cast<int>(type)));
  }
  if (seq > kMaxSequenceNumber) {
    return Status::InvalidArgument("MemTable::Add: sequence out of range");
  }
  const size_t internal_key_size = key.size() + 8;
  const size_t encoded_len = VarintLength(internal_key_size) +
                             internal_key_size + VarintLength(value.size()) +
                             value.size();
  Table& table = type == kTypeRangeDeletion ? range_del_table_ : table_;
  // The entry lives right after its skiplist node.
  Table::Prepared node;
  char* buf = table.Prepare(encoded_len, &node);
  char* p = EncodeVarint32(buf, static_cast<uint32_t>(internal_key_size));
  std::memcpy(p, key.data(), key.size());
  p += key.size();
  EncodeFixed64(p, PackSequenceAndType(seq, type));
  p += 8;
  p = EncodeVarint32(p, static_cast<uint32_t>(value.size()));
  std::memcpy(p, value.data(), value.size());
  if (bloom_ != nullptr && type != kTypeRangeDeletion) {
    // Before the entry is published: a reader that finds it finds its bits.
    const SliceTransform* ext = bloom_opts_.prefix_extractor.get();
    if (ext != nullptr && ext->InDomain(key)) bloom_->Add(ext->Transform(key));
    if (bloom_opts_.whole_key_filtering) bloom_->Add(key);
  }
  if (!table.InsertPrepared(node, buf)) {
    return Status::InvalidArgument(
        "MemTable::Add: duplicate entry",
        ParsedInternalKey(key, seq, type).DebugString());
  }
  num_entries_.fetch_add(1, std::memory_order_relaxed);
  data_size_.fetch_add(encoded_len, std::memory_order_relaxed);
  if (type == kTypeDeletion || type == kTypeSingleDeletion) {
    num_deletes_.fetch_add(1, std::memory_order_relaxed);
  } else if (type == kTypeRangeDeletion) {
    num_range_deletes_.fetch_add(1, std::memory_order_relaxed);
  }
  if (first_seqno_.load(std::memory_order_relaxed) == 0) {
    first_seqno_.store(seq, std::memory_order_relaxed);
  }
  return Status::OK();
}

SequenceNumber MemTable::MaxCoveringTombstoneSeq(
    const Slice& user_key, SequenceNumber read_seq) const {
  if (num_range_deletes_.load(std::memory_order_relaxed) == 0) return 0;
  const Comparator* ucmp = comparator_.comparator->user_comparator();
  SequenceNumber max_seq = 0;
  // Tombstones are sorted by begin key; only those starting at or before
  // user_key can cover it.
  Table::Iterator it(&range_del_table_);
  for (it.SeekToFirst(); it.Valid(); it.Next()) {
    const Slice ikey = GetMemTableLengthPrefixed(it.key());
    const Slice begin = ExtractUserKey(ikey);
    if (ucmp->Compare(begin, user_key) > 0) break;
    SequenceNumber seq;
    ValueType t;
    UnPackSequenceAndType(ExtractInternalKeyFooter(ikey), &seq, &t);
    if (seq > read_seq || seq <= max_seq) continue;
    const Slice end = GetMemTableLengthPrefixed(ikey.data() + ikey.size());
    if (ucmp->Compare(user_key, end) < 0) max_seq = seq;
  }
  return max_seq;
}

bool MemTable::Get(const LookupKey& key, std::string* value, Status* s,
                   MergeContext* merge_context,
                   SequenceNumber* max_covering_tombstone_seq) {
  const SequenceNumber covering =
      MaxCoveringTombstoneSeq(key.user_key(), key.sequence());
  if (covering > *max_covering_tombstone_seq) {
    *max_covering_tombstone_seq = covering;
  }
  const Comparator* ucmp = comparator_.comparator->user_comparator();
  Table::Iterator iter(&table_);
  if (BloomMayContain(key.user_key())) iter.Seek(key.memtable_key().data());
  for (; iter.Valid(); iter.Next()) {
    const Slice ikey = GetMemTableLengthPrefixed(iter.key());
    if (ucmp->Compare(ExtractUserKey(ikey), key.user_key()) != 0) break;
    SequenceNumber seq;
    ValueType type;
    UnPackSequenceAndType(ExtractInternalKeyFooter(ikey), &seq, &type);
    if (seq < *max_covering_tombstone_seq) type = kTypeRangeDeletion;
    switch (type) {
      case kTypeValue: {
        const Slice v = GetMemTableLengthPrefixed(ikey.data() + ikey.size());
        value->assign(v.data(), v.size());
        *s = Status::OK();
        return true;
      }
      case kTypeDeletion:
      case kTypeSingleDeletion:
      case kTypeRangeDeletion:
        *s = Status::NotFound();
        return true;
      case kTypeMerge:
        merge_context->PushOperand(
            GetMemTableLengthPrefixed(ikey.data() + ikey.size()));
        *s = Status::MergeInProgress();
        break;
      default:
        *s = Status::NotSupported(
            "MemTable::Get: unsupported entry type",
            ParsedInternalKey(ExtractUserKey(ikey), seq, type).DebugString());
        return true;
    }
  }
  if (*max_covering_tombstone_seq > 0) {
    // Everything older (in this memtable or below) is covered.
    *s = Status::NotFound();
    return true;
  }
  return false;
}

namespace {

class MemTableInternalIterator : public InternalIterator {
 public:
  // mem: non-null for prefix seeks (its Bloom filter is consulted).
  MemTableInternalIterator(std::unique_ptr<MemTable::Iterator> it,
                           const MemTable* mem)
      : it_(std::move(it)), mem_(mem) {}
  bool Valid() const override { return !filtered_ && it_->Valid(); }
  void SeekToFirst() override {
    filtered_ = false;
    it_->SeekToFirst();
  }
  void SeekToLast() override {
    filtered_ = false;
    it_->SeekToLast();
  }
  void Seek(const Slice& t) override {
    filtered_ = mem_ != nullptr && !mem_->PrefixMayMatch(t);
    if (!filtered_) it_->Seek(t);
  }
  void SeekForPrev(const Slice& t) override {
    filtered_ = mem_ != nullptr && !mem_->PrefixMayMatch(t);
    if (!filtered_) it_->SeekForPrev(t);
  }
  void Next() override { it_->Next(); }
  void Prev() override { it_->Prev(); }
  Slice key() const override { return it_->key(); }
  Slice value() const override { return it_->value(); }
  Status status() const override { return Status::OK(); }

 private:
  std::unique_ptr<MemTable::Iterator> it_;
  const MemTable* const mem_;
  bool filtered_ = false;
};

}  // namespace

InternalIterator* NewMemTableInternalIterator(const MemTable* mem,
                                              bool range_tombstones,
                                              bool prefix_seek) {
  const bool filter = prefix_seek && !range_tombstones && mem->has_prefix_bloom();
  return new MemTableInternalIterator(
      range_tombstones ? mem->NewRangeTombstoneIterator() : mem->NewIterator(),
      filter ? mem : nullptr);
}

}  // namespace ROCKSDB_NAMESPACE
