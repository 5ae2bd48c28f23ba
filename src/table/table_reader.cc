// Block-based table reading; contract in table/table_reader.h.
#include "table/table_reader.h"

#include <algorithm>
#include <cstring>

#include "rocksdb/convenience.h"
#include "table/block_iter.h"
#include "table/global_seqno_iterator.h"
#include "table/two_level_iterator.h"
#include "util/coding.h"
#include "util/perf_util.h"
#include "util/statistics_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

const char kTableReaderPropertiesName[] = "rocksdb.properties";
const char kTableReaderOldPropertiesName[] = "rocksdb.stats";
const char kTableReaderRangeDelName[] = "rocksdb.range_del";
const char kTableReaderIndexName[] = "rocksdb.index";
const char kTableReaderFullFilterPrefix[] = "fullfilter.";

// Zeroes the value of rocksdb.external_sst_file.global_seqno in raw, an
// uncompressed properties block of n bytes plus its trailer (entries:
// varint32 shared, non-shared and value lengths, key delta, value; then
// the restart array). False when the block holds no such 8-byte value.
bool ZeroExternalGlobalSeqno(std::string* raw, uint64_t n) {
  static const char kName[] = "rocksdb.external_sst_file.global_seqno";
  if (n < 4 || n > raw->size() || (*raw)[n] != 0) return false;
  const char* base = raw->data();
  const uint32_t restarts = DecodeFixed32(base + n - 4);
  if (uint64_t{restarts} * 4 + 4 > n) return false;
  Slice in(base, static_cast<size_t>(n - 4 - uint64_t{restarts} * 4));
  std::string key;
  while (!in.empty()) {
    uint32_t shared, non_shared, value_len;
    if (!GetVarint32(&in, &shared) || !GetVarint32(&in, &non_shared) ||
        !GetVarint32(&in, &value_len) || shared > key.size() ||
        uint64_t{non_shared} + value_len > in.size()) {
      return false;
    }
    key.resize(shared);
    key.append(in.data(), non_shared);
    in.remove_prefix(non_shared);
    if (key == kName && value_len == 8) {
      const size_t at = static_cast<size_t>(in.data() - base);
      std::fill(raw->begin() + at, raw->begin() + at + 8, '\0');
      return true;
    }
    in.remove_prefix(value_len);
  }
  return false;
}

uint64_t DecodePropertyVarint(const std::string& v) {
  Slice in(v);
  uint64_t r = 0;
  return GetVarint64(&in, &r) ? r : 0;
}

}  // namespace

void ApplyTableProperty(const std::string& name, const std::string& value,
                        TableProperties* props) {
  struct NumericField {
    const char* name;
    uint64_t TableProperties::*field;
  };
  static const NumericField kNumeric[] = {
      {"rocksdb.original.file.number", &TableProperties::orig_file_number},
      {"rocksdb.data.size", &TableProperties::data_size},
      {"rocksdb.index.size", &TableProperties::index_size},
      {"rocksdb.index.partitions", &TableProperties::index_partitions},
      {"rocksdb.top-level.index.size", &TableProperties::top_level_index_size},
      {"rocksdb.index.key.is.user.key",
       &TableProperties::index_key_is_user_key},
      {"rocksdb.index.value.is.delta.encoded",
       &TableProperties::index_value_is_delta_encoded},
      {"rocksdb.filter.size", &TableProperties::filter_size},
      {"rocksdb.raw.key.size", &TableProperties::raw_key_size},
      {"rocksdb.raw.value.size", &TableProperties::raw_value_size},
      {"rocksdb.num.data.blocks", &TableProperties::num_data_blocks},
      {"rocksdb.num.entries", &TableProperties::num_entries},
      {"rocksdb.num.filter_entries", &TableProperties::num_filter_entries},
      {"rocksdb.deleted.keys", &TableProperties::num_deletions},
      {"rocksdb.merge.operands", &TableProperties::num_merge_operands},
      {"rocksdb.num.range-deletions", &TableProperties::num_range_deletions},
      {"rocksdb.format.version", &TableProperties::format_version},
      {"rocksdb.fixed.key.length", &TableProperties::fixed_key_len},
      {"rocksdb.column.family.id", &TableProperties::column_family_id},
      {"rocksdb.creation.time", &TableProperties::creation_time},
      {"rocksdb.oldest.key.time", &TableProperties::oldest_key_time},
      {"rocksdb.file.creation.time", &TableProperties::file_creation_time},
  };
  struct StringField {
    const char* name;
    std::string TableProperties::*field;
  };
  static const StringField kString[] = {
      {"rocksdb.creating.db.identity", &TableProperties::db_id},
      {"rocksdb.creating.session.identity", &TableProperties::db_session_id},
      {"rocksdb.creating.host.identity", &TableProperties::db_host_id},
      {"rocksdb.column.family.name", &TableProperties::column_family_name},
      {"rocksdb.filter.policy", &TableProperties::filter_policy_name},
      {"rocksdb.comparator", &TableProperties::comparator_name},
      {"rocksdb.merge.operator", &TableProperties::merge_operator_name},
      {"rocksdb.prefix.extractor.name",
       &TableProperties::prefix_extractor_name},
      {"rocksdb.property.collectors",
       &TableProperties::property_collectors_names},
      {"rocksdb.compression", &TableProperties::compression_name},
      {"rocksdb.compression_options", &TableProperties::compression_options},
  };
  for (const auto& f : kNumeric) {
    if (name == f.name) {
      props->*(f.field) = DecodePropertyVarint(value);
      return;
    }
  }
  for (const auto& f : kString) {
    if (name == f.name) {
      props->*(f.field) = value;
      return;
    }
  }
  props->user_collected_properties[name] = value;
}


std::string TableProperties::ToString(const std::string& prop_delim,
                                      const std::string& kv_delim) const {
  std::string r;
  auto add = [&](const char* k, const std::string& v) {
    r.append(k).append(kv_delim).append(v).append(prop_delim);
  };
  add("# data blocks", std::to_string(num_data_blocks));
  add("# entries", std::to_string(num_entries));
  add("# deletions", std::to_string(num_deletions));
  add("# merge operands", std::to_string(num_merge_operands));
  add("# range deletions", std::to_string(num_range_deletions));
  add("raw key size", std::to_string(raw_key_size));
  add("raw value size", std::to_string(raw_value_size));
  add("data block size", std::to_string(data_size));
  add("index block size", std::to_string(index_size));
  add("filter block size", std::to_string(filter_size));
  add("column family ID", std::to_string(column_family_id));
  add("column family name", column_family_name);
  add("comparator name", comparator_name);
  add("merge operator name", merge_operator_name);
  add("SST file compression algo", compression_name);
  return r;
}

TableReader::~TableReader() = default;

namespace {

// The first read of a table asks for this much of its end: the tail
// (filter, index, properties, metaindex, footer) is about 1-6% of a
// table RocksDB or TableBuilder writes, so one request usually brings
// all of it; the rest is read with one more request.
uint64_t TailPrefetchGuess(uint64_t file_size) {
  constexpr uint64_t kMinTailPrefetch = 64u << 10;
  return std::min(file_size, std::max(kMinTailPrefetch, file_size / 16));
}

}  // namespace

Status TableReader::Open(const TableReaderOptions& options,
                         std::unique_ptr<FSRandomAccessFile> file,
                         std::string fname, uint64_t file_size,
                         std::unique_ptr<TableReader>* result) {
  std::unique_ptr<TableReader> t(new TableReader);
  t->opts_ = options;
  t->file_ = std::move(file);
  t->fname_ = std::move(fname);
  t->shared_fname_ = std::make_shared<const std::string>(t->fname_);
  t->file_size_ = file_size;
  if (options.block_cache) {
    PutFixed64(&t->cache_key_prefix_, options.block_cache->NewId());
  }
  if (file_size < kLegacyFooterLength) {
    // Corruption naming the file (too short to be an SST).
    return ReadFooterFromFile(t->file_.get(), t->fname_, file_size,
                              &t->footer_);
  }
  PrefetchBuffer tail;
  const uint64_t guess = TailPrefetchGuess(file_size);
  Status s =
      tail.Fill(t->file_.get(), t->fname_, file_size, file_size - guess, guess);
  if (s.ok()) {
    const uint64_t n = std::min<uint64_t>(file_size, kNewVersionsFooterLength);
    s = t->footer_.DecodeFrom(tail.Bytes(file_size - n, n), file_size - n,
                              t->fname_);
  }
  if (s.ok()) s = t->ReadMetaBlocks(&tail);
  if (!s.ok()) return s;
  t->tail_reads_ = tail.fills();
  *result = std::move(t);
  return Status::OK();
}

Status TableReader::EnsureTail(const std::vector<BlockHandle>& handles,
                               PrefetchBuffer* tail) {
  uint64_t lo = file_size_;
  for (const BlockHandle& h : handles) {
    if (h.IsNull()) continue;
    Status s = CheckBlockHandle(fname_, file_size_, h);
    if (!s.ok()) return s;
    lo = std::min(lo, h.offset());
  }
  data_end_ = std::min(data_end_, lo);
  if (tail->Covers(lo, file_size_ - lo)) return Status::OK();
  return tail->Fill(file_.get(), fname_, file_size_, lo, file_size_ - lo);
}

Status TableReader::ReadMetaBlock(const PrefetchBuffer& tail,
                                  const BlockHandle& handle,
                                  BlockContents* contents) const {
  Status s = CheckBlockHandle(fname_, file_size_, handle);
  if (!s.ok()) return s;
  const uint64_t n = handle.size() + kBlockTrailerSize;
  if (!tail.Covers(handle.offset(), n)) {
    return ReadBlockFromFile(file_.get(), fname_, file_size_, footer_, handle,
                             opts_.verify_checksums, contents);
  }
  return DecodeRawBlock(tail.Bytes(handle.offset(), n), fname_, footer_,
                        handle, opts_.verify_checksums, contents);
}

Status TableReader::ReadMetaBlocks(PrefetchBuffer* tail) {
  data_end_ = file_size_;
  Status s = EnsureTail({footer_.metaindex_handle(), footer_.index_handle()},
                        tail);
  if (!s.ok()) return s;
  BlockContents contents;
  s = ReadMetaBlock(*tail, footer_.metaindex_handle(), &contents);
  if (!s.ok()) return s;
  Block metaindex(std::move(contents), fname_ + " metaindex block");
  std::unique_ptr<InternalIterator> it(
      metaindex.NewIterator(BytewiseComparator()));
  BlockHandle props_handle, filter_handle;
  index_handle_ = footer_.index_handle();
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const Slice name = it->key();
    Slice v = it->value();
    BlockHandle h;
    if (!h.DecodeFrom(&v).ok()) {
      return Status::Corruption(fname_,
                                "bad handle for meta block " + name.ToString());
    }
    if (name == kTableReaderPropertiesName ||
        (name == kTableReaderOldPropertiesName && props_handle.IsNull())) {
      props_handle = h;
    } else if (name == kTableReaderRangeDelName) {
      range_del_handle_ = h;
    } else if (name == kTableReaderIndexName) {
      index_handle_ = h;
    } else if (name.starts_with(kTableReaderFullFilterPrefix)) {
      filter_handle = h;
    }
  }
  if (!it->status().ok()) return it->status();
  if (props_handle.IsNull()) {
    return Status::Corruption(fname_, "no properties block");
  }
  if (index_handle_.IsNull()) {
    return Status::Corruption(fname_, "no index block");
  }
  // One more request at most: the blocks the tail read missed.
  s = EnsureTail({props_handle, index_handle_, range_del_handle_,
                  filter_handle},
                 tail);
  if (!s.ok()) return s;
  s = ReadMetaBlock(*tail, props_handle, &contents);
  if (s.IsCorruption() && opts_.verify_checksums &&
      tail->Covers(props_handle.offset(),
                   props_handle.size() + kBlockTrailerSize)) {
    // RocksDB's IngestExternalFile (write_global_seqno) rewrites the
    // global seqno property in place and leaves the block's checksum as
    // SstFileWriter computed it: the checksum holds with the field zeroed.
    std::string raw = tail->Bytes(props_handle.offset(),
                                  props_handle.size() + kBlockTrailerSize)
                          .ToString();
    if (ZeroExternalGlobalSeqno(&raw, props_handle.size()) &&
        DecodeRawBlock(raw, fname_, footer_, props_handle, true, &contents)
            .ok()) {
      s = DecodeRawBlock(tail->Bytes(props_handle.offset(),
                                     props_handle.size() + kBlockTrailerSize),
                         fname_, footer_, props_handle, false, &contents);
    }
  }
  if (!s.ok()) return s;
  {
    Block props(std::move(contents), fname_ + " properties block");
    std::unique_ptr<InternalIterator> pit(
        props.NewIterator(BytewiseComparator()));
    for (pit->SeekToFirst(); pit->Valid(); pit->Next()) {
      ApplyTableProperty(pit->key().ToString(), pit->value().ToString(),
                         &props_);
    }
    if (!pit->status().ok()) return pit->status();
  }
  const char* want = opts_.icmp->user_comparator()->Name();
  if (!props_.comparator_name.empty() && props_.comparator_name != want) {
    return Status::InvalidArgument(
        fname_, "table was written with comparator " + props_.comparator_name +
                    ", but it is opened with " + want);
  }
  s = ExternalFileGlobalSeqno(props_.user_collected_properties,
                              opts_.largest_seqno, fname_, &global_seqno_);
  if (!s.ok()) return s;
  s = ReadMetaBlock(*tail, index_handle_, &contents);
  if (!s.ok()) return s;
  index_block_.reset(new Block(std::move(contents), fname_ + " index block"));
  // Index type (user property, fixed32): 0 binary search, 1 hash search
  // (a binary-searchable index plus hash metadata we do not need),
  // 2 two-level (partitioned); 3 (binary search with first key) changes
  // the index values and is not supported.
  auto it_type = props_.user_collected_properties.find(
      "rocksdb.block.based.table.index.type");
  if (it_type != props_.user_collected_properties.end()) {
    if (it_type->second.size() != 4) {
      return Status::Corruption(fname_, "bad index type property");
    }
    const uint32_t index_type = DecodeFixed32(it_type->second.data());
    if (index_type == 2) {
      partitioned_index_ = true;
    } else if (index_type > 1) {
      return Status::NotSupported(
          fname_, "index type " + std::to_string(index_type) +
                      " (kBinarySearchWithFirstKey) is not supported");
    }
  }
  if (!range_del_handle_.IsNull()) {
    s = ReadMetaBlock(*tail, range_del_handle_, &contents);
    if (!s.ok()) return s;
    range_del_block_.reset(
        new Block(std::move(contents), fname_ + " range deletion block"));
  }
  // A filter built from prefixes only cannot answer for whole keys.
  auto wkf = props_.user_collected_properties.find(
      "rocksdb.block.based.table.whole.key.filtering");
  whole_key_filtering_ =
      wkf == props_.user_collected_properties.end() || wkf->second != "0";
  if (!filter_handle.IsNull()) {
    s = ReadMetaBlock(*tail, filter_handle, &contents);
    if (!s.ok()) return s;
    filter_.reset(new FilterReader(contents.ToString()));
  }
  // An id skyrocks does not build (a program's own extractor) leaves it
  // null: such a table is filtered by prefix only through the current
  // extractor of the same id.
  ConfigOptions config;
  if (!SliceTransform::CreateFromString(config, props_.prefix_extractor_name,
                                        &table_prefix_extractor_)
           .ok()) {
    table_prefix_extractor_.reset();
  }
  return Status::OK();
}

namespace {

void DeleteCachedTableBlock(const Slice& /*key*/, void* value) {
  delete static_cast<std::shared_ptr<Block>*>(value);
}

}  // namespace

Status TableReader::ReadDataBlock(const BlockHandle& handle, bool verify,
                                  std::shared_ptr<Block>* block,
                                  BlockReadahead* readahead) const {
  const uint64_t raw_size = handle.size() + kBlockTrailerSize;
  Cache* cache = opts_.block_cache.get();
  // Cache key: the reader's 8-byte prefix, then varint64(offset).
  char key_buf[8 + kMaxVarint64Length];
  Slice cache_key;
  if (cache != nullptr) {
    std::memcpy(key_buf, cache_key_prefix_.data(), 8);
    char* end = EncodeVarint64(key_buf + 8, handle.offset());
    cache_key = Slice(key_buf, static_cast<size_t>(end - key_buf));
    Cache::Handle* h = cache->Lookup(cache_key);
    if (h != nullptr) {
      *block = *static_cast<std::shared_ptr<Block>*>(cache->Value(h));
      cache->Release(h);
      RecordTick(opts_.statistics, BLOCK_CACHE_HIT);
      RecordTick(opts_.statistics, BLOCK_CACHE_DATA_HIT);
      PerfCount(&PerfContext::block_cache_hit_count);
      if (readahead != nullptr) readahead->Visited(handle.offset(), raw_size);
      return Status::OK();
    }
  }
  BlockContents contents;
  const PrefetchBuffer* from = nullptr;
  Status s;
  PerfCount(&PerfContext::block_read_count);
  PerfCount(&PerfContext::block_read_byte, raw_size);
  PerfTimer read_timer(&PerfContext::block_read_time);
  if (readahead != nullptr) {
    s = CheckBlockHandle(fname_, file_size_, handle);
    if (s.ok()) {
      s = readahead->Prepare(file_.get(), fname_, file_size_, data_end_,
                             handle.offset(), raw_size, &from);
    }
    if (!s.ok()) return s;
  }
  if (from != nullptr) {
    s = DecodeRawBlock(from->Bytes(handle.offset(), raw_size), fname_, footer_,
                       handle, verify && opts_.verify_checksums, &contents);
  } else {
    s = ReadBlockFromFile(file_.get(), fname_, file_size_, footer_, handle,
                          verify && opts_.verify_checksums, &contents);
  }
  if (!s.ok()) return s;
  *block = std::make_shared<Block>(std::move(contents), shared_fname_,
                                   handle.offset());
  if (cache != nullptr) {
    RecordTick(opts_.statistics, BLOCK_CACHE_MISS);
    RecordTick(opts_.statistics, BLOCK_CACHE_DATA_MISS);
    const size_t charge = (*block)->ApproximateMemoryUsage();
    Status cs = cache->Insert(cache_key, new std::shared_ptr<Block>(*block),
                              charge, &DeleteCachedTableBlock);
    if (cs.ok()) {
      RecordTick(opts_.statistics, BLOCK_CACHE_ADD);
      RecordTick(opts_.statistics, BLOCK_CACHE_DATA_ADD);
      RecordTick(opts_.statistics, BLOCK_CACHE_BYTES_WRITE, charge);
      RecordTick(opts_.statistics, BLOCK_CACHE_DATA_BYTES_INSERT, charge);
    } else {
      RecordTick(opts_.statistics, BLOCK_CACHE_ADD_FAILURES);
    }
    cs.PermitUncheckedError();  // a failed insert only costs a re-read
  }
  return Status::OK();
}

InternalIterator* TableReader::NewIndexPartitionIterator(
    const Block& block) const {
  const bool delta = props_.index_value_is_delta_encoded != 0;
  if (props_.index_key_is_user_key) {
    return block.NewIndexIterator(opts_.icmp->user_comparator(), delta);
  }
  return block.NewIndexIterator(opts_.icmp, delta);
}

InternalIterator* TableReader::NewIndexIterator() const {
  InternalIterator* top = NewIndexPartitionIterator(*index_block_);
  if (!partitioned_index_) return top;
  return NewTwoLevelIterator(this, opts_.verify_checksums, top,
                             TwoLevelKind::kIndexPartitions);
}

Slice TableReader::IndexSeekKey(const Slice& internal_key) const {
  return props_.index_key_is_user_key ? ExtractUserKey(internal_key)
                                      : internal_key;
}

InternalIterator* TableReader::NewIterator(
    bool verify_checksums, std::shared_ptr<const TableReader> owner,
    ReadaheadOptions readahead) const {
  InternalIterator* it = NewTwoLevelIterator(
      this, verify_checksums, NewIndexIterator(), TwoLevelKind::kDataBlocks,
      std::move(owner), readahead);
  if (global_seqno_ == 0) return it;
  return NewGlobalSeqnoIterator(it, opts_.icmp->user_comparator(),
                                global_seqno_);
}

InternalIterator* TableReader::NewRangeTombstoneIterator() const {
  if (range_del_block_ == nullptr) return nullptr;
  InternalIterator* it = range_del_block_->NewIterator(opts_.icmp);
  if (global_seqno_ == 0) return it;
  return NewGlobalSeqnoIterator(it, opts_.icmp->user_comparator(),
                                global_seqno_);
}

bool TableReader::PrefixExtractorChanged(const SliceTransform* current) const {
  return current == nullptr || props_.prefix_extractor_name.empty() ||
         props_.prefix_extractor_name != current->AsString();
}

namespace {

// RocksDB's BytewiseComparator::IsSameLengthImmediateSuccessor: t is the
// next string of s's length (s = P x 0xff..., t = P (x+1) 0x00...).
bool IsSameLengthBytewiseSuccessor(const Slice& s, const Slice& t) {
  if (s.size() != t.size() || s.empty()) return false;
  size_t i = 0;
  while (i < s.size() && s[i] == t[i]) i++;
  if (i == s.size()) return false;
  const uint8_t bs = static_cast<uint8_t>(s[i]);
  const uint8_t bt = static_cast<uint8_t>(t[i]);
  if (bs == 0xff || bs + 1 != bt) return false;
  for (i++; i < s.size(); i++) {
    if (static_cast<uint8_t>(s[i]) != 0xff || t[i] != 0) return false;
  }
  return true;
}

}  // namespace

bool TableReader::PrefixRangeMayMatch(const Slice& internal_key,
                                      const SliceTransform* current,
                                      const Slice* upper_bound,
                                      bool need_upper_bound_check,
                                      bool* checked) const {
  *checked = false;
  if (filter_ == nullptr) return true;
  const SliceTransform* ext = table_prefix_extractor_.get();
  if (ext == nullptr) {
    if (need_upper_bound_check || PrefixExtractorChanged(current)) return true;
    ext = current;
  }
  const Slice user_key = ExtractUserKey(internal_key);
  if (!ext->InDomain(user_key)) return true;
  const Slice prefix = ext->Transform(user_key);
  if (need_upper_bound_check) {
    // RocksDB's FullFilterBlockReader::IsFilterCompatible.
    if (upper_bound == nullptr || !ext->InDomain(*upper_bound)) return true;
    const Comparator* ucmp = opts_.icmp->user_comparator();
    if (ucmp->Compare(prefix, ext->Transform(*upper_bound)) != 0) {
      size_t full_len = 0;
      if (!ext->FullLengthEnabled(&full_len) ||
          upper_bound->size() != full_len || ucmp != BytewiseComparator() ||
          !IsSameLengthBytewiseSuccessor(prefix, *upper_bound)) {
        return true;
      }
    }
  }
  *checked = true;
  return filter_->KeyMayMatch(prefix);
}

Status TableReader::Get(const Slice& internal_key, GetCallback callback,
                        void* arg, bool verify_checksums,
                        const SliceTransform* prefix_extractor) const {
  if (filter_) {
    const Slice user_key = ExtractUserKey(internal_key);
    bool checked = false, may_match = true;
    if (whole_key_filtering_) {
      checked = true;
      may_match = filter_->KeyMayMatch(user_key);
    } else if (!PrefixExtractorChanged(prefix_extractor) &&
               prefix_extractor->InDomain(user_key)) {
      checked = true;
      may_match = filter_->KeyMayMatch(prefix_extractor->Transform(user_key));
    }
    if (checked && !may_match) {
      RecordTick(opts_.statistics, BLOOM_FILTER_USEFUL);
      PerfCount(&PerfContext::bloom_sst_miss_count);
      return Status::OK();
    }
    if (checked) {
      RecordTick(opts_.statistics, BLOOM_FILTER_FULL_POSITIVE);
      PerfCount(&PerfContext::bloom_sst_hit_count);
    }
  }
  if (partitioned_index_ || global_seqno_ != 0) {
    std::unique_ptr<InternalIterator> it(NewIterator(verify_checksums));
    for (it->Seek(internal_key); it->Valid(); it->Next()) {
      if (!callback(arg, it->key(), it->value())) break;
    }
    return it->status();
  }
  // One index block: the iterators live on the stack (a lookup allocates
  // only on a block-cache miss). Entries >= internal_key may continue into
  // the following blocks while the callback wants more.
  const bool delta = props_.index_value_is_delta_encoded != 0;
  BlockIter index =
      props_.index_key_is_user_key
          ? BlockIter(index_block_.get(), opts_.icmp->user_comparator(), delta)
          : BlockIter(index_block_.get(), opts_.icmp, delta);
  index.Seek(IndexSeekKey(internal_key));
  for (bool first = true; index.Valid(); index.Next(), first = false) {
    Slice v = index.value();
    BlockHandle handle;
    if (!handle.DecodeFrom(&v).ok()) {
      return Status::Corruption(fname_, "bad index entry");
    }
    std::shared_ptr<Block> block;
    Status s = ReadDataBlock(handle, verify_checksums, &block);
    if (!s.ok()) return s;
    BlockIter data(block.get(), opts_.icmp, false);
    if (first) {
      data.Seek(internal_key);
    } else {
      data.SeekToFirst();
    }
    for (; data.Valid(); data.Next()) {
      if (!callback(arg, data.key(), data.value())) return Status::OK();
    }
    if (!data.status().ok()) return data.status();
  }
  return index.status();
}

uint64_t TableReader::ApproximateOffsetOf(const Slice& internal_key) const {
  std::unique_ptr<InternalIterator> it(NewIndexIterator());
  it->Seek(IndexSeekKey(internal_key));
  if (it->Valid()) {
    Slice v = it->value();
    BlockHandle h;
    if (h.DecodeFrom(&v).ok()) return h.offset();
  }
  // Past the last key (or a bad index): the data ends where the
  // metaindex and friends begin; the footer's metaindex offset is close.
  return footer_.metaindex_handle().offset();
}

std::vector<TableReader::Anchor> TableReader::ApproximateKeyAnchors() const {
  constexpr uint64_t kMaxAnchors = 128;
  const uint64_t per_anchor =
      std::max<uint64_t>(1, props_.num_data_blocks / kMaxAnchors);
  std::vector<Anchor> anchors;
  std::unique_ptr<InternalIterator> it(NewIndexIterator());
  uint64_t count = 0, range_size = 0, prev_end = 0;
  std::string last_key;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Slice v = it->value();
    BlockHandle h;
    if (!h.DecodeFrom(&v).ok()) break;
    const uint64_t end = h.offset() + h.size();
    range_size += end - std::min(prev_end, end);
    prev_end = end;
    const Slice key =
        props_.index_key_is_user_key ? it->key() : ExtractUserKey(it->key());
    if (++count % per_anchor == 0) {
      count = 0;
      anchors.push_back({key.ToString(), range_size});
      range_size = 0;
    } else {
      last_key = key.ToString();
    }
  }
  if (count != 0) anchors.push_back({last_key, range_size});
  return anchors;
}

Status TableReader::VerifyChecksum() const {
  std::unique_ptr<InternalIterator> it(NewIndexIterator());
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Slice v = it->value();
    BlockHandle h;
    Status s = h.DecodeFrom(&v);
    if (!s.ok()) return Status::Corruption(fname_, "bad index entry");
    BlockContents contents;
    s = ReadBlockFromFile(file_.get(), fname_, file_size_, footer_, h, true,
                          &contents);
    if (!s.ok()) return s;
  }
  return it->status();
}

}  // namespace ROCKSDB_NAMESPACE
