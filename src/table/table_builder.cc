// Block-based table construction; contract in table/table_builder.h.
#include "table/table_builder.h"

#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <random>

#include "env/file_util.h"
#include "table/table_reader.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

namespace {

const char kPropertiesBlockName[] = "rocksdb.properties";
const char kRangeDelBlockName[] = "rocksdb.range_del";
const char kFullFilterBlockPrefix[] = "fullfilter.";
const char kBuiltinBloomFilterName[] = "rocksdb.BuiltinBloomFilter";

void PutVarintProperty(std::map<std::string, std::string>* props,
                       const std::string& name, uint64_t v) {
  std::string s;
  PutVarint64(&s, v);
  (*props)[name] = s;
}

}  // namespace

TableBuilder::TableBuilder(const TableBuilderOptions& options,
                           FSWritableFile* file, std::string fname)
    : opts_(options),
      file_(file),
      fname_(std::move(fname)),
      data_block_(std::max(1, options.block_restart_interval)),
      index_block_(std::max(1, options.index_block_restart_interval),
                   options.format_version >= 4),
      index_block_user_(std::max(1, options.index_block_restart_interval),
                        options.format_version >= 4) {
  assert(opts_.icmp != nullptr);
  if (opts_.filter_bits_per_key > 0) {
    filter_.reset(new FullFilterBuilder(
        opts_.filter_bits_per_key, opts_.format_version,
        opts_.prefix_extractor.get(), opts_.whole_key_filtering));
  }
  // The user-key index needs format_version >= 3.
  index_needs_seq_ = opts_.format_version < 3;
}

TableBuilder::~TableBuilder() = default;

void TableBuilder::UpdateBounds(const Slice& ikey) {
  const InternalKeyComparator& icmp = *opts_.icmp;
  if (result_.smallest_key.empty() ||
      icmp.Compare(ikey, result_.smallest_key) < 0) {
    result_.smallest_key.assign(ikey.data(), ikey.size());
  }
  if (result_.largest_key.empty() ||
      icmp.Compare(ikey, result_.largest_key) > 0) {
    result_.largest_key.assign(ikey.data(), ikey.size());
  }
  const SequenceNumber seq = ExtractInternalKeyFooter(ikey) >> 8;
  result_.smallest_seqno = std::min(result_.smallest_seqno, seq);
  result_.largest_seqno = std::max(result_.largest_seqno, seq);
}

bool TableBuilder::ShouldFlushBeforeAdd(const Slice& key,
                                        const Slice& value) const {
  if (data_block_.empty()) return false;
  const size_t curr = data_block_.CurrentSizeEstimate();
  if (curr >= opts_.block_size) return true;
  if (opts_.block_size_deviation <= 0) return false;
  const size_t limit =
      (opts_.block_size * (100 - opts_.block_size_deviation) + 99) / 100;
  return data_block_.EstimateSizeAfterKV(key, value) > opts_.block_size &&
         curr > limit;
}

void TableBuilder::Add(const Slice& key, const Slice& value) {
  if (closed_ || !status_.ok()) return;
  assert(last_key_.empty() || opts_.icmp->Compare(key, last_key_) > 0);
  if (ShouldFlushBeforeAdd(key, value)) {
    FlushDataBlock();
    if (!status_.ok()) return;
  }
  if (pending_index_entry_) {
    AddIndexEntry(last_key_, &key);
    pending_index_entry_ = false;
  }
  if (filter_) filter_->AddUserKey(ExtractUserKey(key));
  data_block_.Add(key, value);
  // Point keys arrive in order: the first and the last bound them (merged
  // into the result at Finish); only the sequence range needs every key.
  if (first_key_.empty()) first_key_.assign(key.data(), key.size());
  last_key_.assign(key.data(), key.size());
  const SequenceNumber seq = ExtractInternalKeyFooter(key) >> 8;
  result_.smallest_seqno = std::min(result_.smallest_seqno, seq);
  result_.largest_seqno = std::max(result_.largest_seqno, seq);
  result_.num_entries++;
  raw_key_size_ += key.size();
  raw_value_size_ += value.size();
  switch (ExtractValueType(key)) {
    case kTypeDeletion:
    case kTypeSingleDeletion:
    case kTypeDeletionWithTimestamp:
      num_deletions_++;
      break;
    case kTypeMerge:
      num_merges_++;
      break;
    default:
      break;
  }
}

void TableBuilder::AddRangeDeletion(const Slice& begin_user_key,
                                    const Slice& end_user_key,
                                    SequenceNumber seq) {
  std::string ikey;
  AppendInternalKey(&ikey, begin_user_key, seq, kTypeRangeDeletion);
  UpdateBounds(ikey);
  // The tombstone covers user keys up to (not including) end: its upper
  // bound in internal-key order is (end, kMaxSequenceNumber, seek type).
  std::string end_bound;
  AppendInternalKey(&end_bound, end_user_key, kMaxSequenceNumber,
                    kValueTypeForSeek);
  if (result_.largest_key.empty() ||
      opts_.icmp->Compare(end_bound, result_.largest_key) > 0) {
    result_.largest_key = end_bound;
  }
  // RocksDB counts a tombstone as an entry and a deletion, with its
  // internal key and end key in the raw sizes.
  raw_key_size_ += ikey.size();
  raw_value_size_ += end_user_key.size();
  num_deletions_++;
  range_dels_.emplace_back(std::move(ikey), end_user_key.ToString());
  result_.num_range_deletions++;
}

void TableBuilder::FlushDataBlock() {
  if (data_block_.empty()) return;
  WriteBlock(data_block_.Finish(), true, &pending_handle_);
  data_block_.Reset();
  if (!status_.ok()) return;
  data_size_ += pending_handle_.size() + kBlockTrailerSize;
  num_data_blocks_++;
  pending_index_entry_ = true;
}

void TableBuilder::AddIndexEntry(const std::string& last_key,
                                 const Slice* next_key) {
  std::string sep = last_key;
  if (next_key != nullptr) {
    opts_.icmp->FindShortestSeparator(&sep, *next_key);
    if (!index_needs_seq_ &&
        opts_.icmp->user_comparator()->Compare(
            ExtractUserKey(last_key), ExtractUserKey(*next_key)) == 0) {
      index_needs_seq_ = true;
    }
  }
  std::string full, delta;
  pending_handle_.EncodeTo(&full);
  if (index_has_entries_) {
    PutVarsignedint64(&delta, static_cast<int64_t>(pending_handle_.size()) -
                                  static_cast<int64_t>(last_index_size_));
  }
  const Slice delta_slice(delta);
  const Slice* delta_ptr = index_has_entries_ ? &delta_slice : nullptr;
  index_block_.Add(sep, full, delta_ptr);
  if (!index_needs_seq_) {
    index_block_user_.Add(ExtractUserKey(sep), full, delta_ptr);
  }
  last_index_size_ = pending_handle_.size();
  index_has_entries_ = true;
}

void TableBuilder::WriteBlock(const Slice& raw, bool compressible,
                              BlockHandle* handle) {
  CompressionType type = kNoCompression;
  Slice payload = raw;
  if (compressible && opts_.compression != kNoCompression &&
      opts_.compression != kDisableCompressionOption) {
    if (CompressBlockPayload(opts_.compression, raw, opts_.compression_level,
                             &compressed_) &&
        compressed_.size() < raw.size() - raw.size() / 8) {
      type = opts_.compression;
      payload = compressed_;
    }
  }
  WriteRawBlock(payload, type, handle);
}

void TableBuilder::WriteRawBlock(const Slice& payload, CompressionType type,
                                 BlockHandle* handle) {
  *handle = BlockHandle(offset_, payload.size());
  char trailer[kBlockTrailerSize];
  trailer[0] = static_cast<char>(type);
  uint32_t checksum = 0;
  if (opts_.checksum != kTableNoChecksum) {
    checksum = ComputeBlockChecksum(opts_.checksum, payload.data(),
                                    payload.size(), trailer[0]);
  }
  EncodeFixed32(trailer + 1, checksum);
  IOStatus s = file_->Append(payload, IOOptions(), nullptr);
  if (s.ok()) {
    s = file_->Append(Slice(trailer, kBlockTrailerSize), IOOptions(), nullptr);
  }
  if (!s.ok()) {
    status_ = AddErrorContext(s, "writing table " + fname_);
    return;
  }
  offset_ += payload.size() + kBlockTrailerSize;
}

std::string TableBuilder::BuildPropertiesBlock(uint64_t index_size,
                                               bool user_key_index,
                                               uint64_t filter_size) {
  std::map<std::string, std::string> p;
  std::string index_type;
  PutFixed32(&index_type, 0);  // kBinarySearch
  p["rocksdb.block.based.table.index.type"] = index_type;
  p["rocksdb.block.based.table.prefix.filtering"] =
      opts_.prefix_extractor ? "1" : "0";
  p["rocksdb.block.based.table.whole.key.filtering"] =
      opts_.whole_key_filtering ? "1" : "0";
  PutVarintProperty(&p, "rocksdb.column.family.id", opts_.column_family_id);
  if (!opts_.column_family_name.empty()) {  // RocksDB omits an empty name
    p["rocksdb.column.family.name"] = opts_.column_family_name;
  }
  p["rocksdb.comparator"] = opts_.icmp->user_comparator()->Name();
  p["rocksdb.compression"] = CompressionTypeName(opts_.compression);
  p["rocksdb.compression_options"] =
      "window_bits=-14; level=32767; strategy=0; max_dict_bytes=0; "
      "zstd_max_train_bytes=0; enabled=0; max_dict_buffer_bytes=0; "
      "use_zstd_dict_trainer=1; ";
  p["rocksdb.creating.db.identity"] = opts_.db_id;
  p["rocksdb.creating.host.identity"] = opts_.db_host_id;
  p["rocksdb.creating.session.identity"] = opts_.db_session_id;
  PutVarintProperty(&p, "rocksdb.creation.time", opts_.creation_time);
  PutVarintProperty(&p, "rocksdb.data.size", data_size_);
  PutVarintProperty(&p, "rocksdb.deleted.keys", num_deletions_);
  if (opts_.file_creation_time > 0) {
    PutVarintProperty(&p, "rocksdb.file.creation.time",
                      opts_.file_creation_time);
  }
  if (filter_) {
    p["rocksdb.filter.policy"] = "bloomfilter";
    PutVarintProperty(&p, "rocksdb.filter.size", filter_size);
  } else {
    PutVarintProperty(&p, "rocksdb.filter.size", 0);
  }
  PutVarintProperty(&p, "rocksdb.fixed.key.length", 0);
  PutVarintProperty(&p, "rocksdb.format.version", 0);
  PutVarintProperty(&p, "rocksdb.index.key.is.user.key",
                    user_key_index ? 1 : 0);
  PutVarintProperty(&p, "rocksdb.index.size", index_size);
  PutVarintProperty(&p, "rocksdb.index.value.is.delta.encoded",
                    opts_.format_version >= 4 ? 1 : 0);
  PutVarintProperty(&p, "rocksdb.merge.operands", num_merges_);
  p["rocksdb.merge.operator"] = opts_.merge_operator_name;
  PutVarintProperty(&p, "rocksdb.num.data.blocks", num_data_blocks_);
  PutVarintProperty(&p, "rocksdb.num.entries",
                    result_.num_entries + result_.num_range_deletions);
  PutVarintProperty(&p, "rocksdb.num.filter_entries", num_filter_entries_);
  PutVarintProperty(&p, "rocksdb.num.range-deletions",
                    result_.num_range_deletions);
  PutVarintProperty(&p, "rocksdb.oldest.key.time", opts_.oldest_key_time);
  PutVarintProperty(&p, "rocksdb.original.file.number", opts_.orig_file_number);
  p["rocksdb.prefix.extractor.name"] =
      opts_.prefix_extractor ? opts_.prefix_extractor->AsString() : "nullptr";
  p["rocksdb.property.collectors"] = "[]";
  PutVarintProperty(&p, "rocksdb.raw.key.size", raw_key_size_);
  PutVarintProperty(&p, "rocksdb.raw.value.size", raw_value_size_);
  if (opts_.external_sst_file) {
    std::string v;
    PutFixed32(&v, 2);
    p["rocksdb.external_sst_file.version"] = v;
    std::string g;
    PutFixed64(&g, 0);
    p["rocksdb.external_sst_file.global_seqno"] = g;
  }
  // Properties use a single restart point ("infinite" interval).
  BlockBuilder block(0x7fffffff);
  for (const auto& kv : p) {
    block.Add(kv.first, kv.second);
    ApplyTableProperty(kv.first, kv.second, &result_.properties);
  }
  return block.Finish().ToString();
}

Status TableBuilder::Finish() {
  if (closed_) {
    return Status::InvalidArgument(fname_, "table already finished");
  }
  FlushDataBlock();
  closed_ = true;
  if (!status_.ok()) return status_;
  if (!first_key_.empty()) {
    UpdateBounds(first_key_);
    UpdateBounds(last_key_);
  }
  // Filter block (only when keys were added).
  BlockHandle filter_handle;
  uint64_t filter_size = 0;
  if (filter_ && filter_->NumAdded() > 0) {
    num_filter_entries_ = filter_->NumAdded();
    const std::string contents = filter_->Finish();
    filter_size = contents.size();
    WriteRawBlock(contents, kNoCompression, &filter_handle);
  }
  if (pending_index_entry_) {
    AddIndexEntry(last_key_, nullptr);
    pending_index_entry_ = false;
  }
  // Index block.
  const bool user_key_index = !index_needs_seq_;
  BlockBuilder& index = user_key_index ? index_block_user_ : index_block_;
  BlockHandle index_handle;
  const Slice index_contents = index.Finish();
  // As RocksDB: the property is the uncompressed index size + trailer.
  const uint64_t index_size = index_contents.size() + kBlockTrailerSize;
  WriteBlock(index_contents, opts_.enable_index_compression, &index_handle);
  // Range deletions, sorted by internal key.
  BlockHandle range_del_handle;
  if (!range_dels_.empty()) {
    std::sort(range_dels_.begin(), range_dels_.end(),
              [this](const std::pair<std::string, std::string>& a,
                     const std::pair<std::string, std::string>& b) {
                return opts_.icmp->Compare(a.first, b.first) < 0;
              });
    BlockBuilder rd(1);
    for (const auto& kv : range_dels_) rd.Add(kv.first, kv.second);
    WriteRawBlock(rd.Finish(), kNoCompression, &range_del_handle);
  }
  // Properties.
  BlockHandle props_handle;
  WriteRawBlock(BuildPropertiesBlock(index_size, user_key_index, filter_size),
                kNoCompression, &props_handle);
  // Metaindex, sorted by name.
  std::map<std::string, std::string> meta;
  if (!filter_handle.IsNull()) {
    filter_handle.EncodeTo(
        &meta[std::string(kFullFilterBlockPrefix) + kBuiltinBloomFilterName]);
  }
  props_handle.EncodeTo(&meta[kPropertiesBlockName]);
  if (!range_del_handle.IsNull()) {
    range_del_handle.EncodeTo(&meta[kRangeDelBlockName]);
  }
  BlockBuilder metaindex(1);
  for (const auto& kv : meta) metaindex.Add(kv.first, kv.second);
  BlockHandle metaindex_handle;
  WriteRawBlock(metaindex.Finish(), kNoCompression, &metaindex_handle);
  if (!status_.ok()) return status_;
  std::string footer;
  Footer(opts_.checksum, metaindex_handle, index_handle, opts_.format_version)
      .EncodeTo(&footer);
  IOStatus s = file_->Append(footer, IOOptions(), nullptr);
  if (!s.ok()) {
    status_ = AddErrorContext(s, "writing table footer " + fname_);
    return status_;
  }
  offset_ += footer.size();
  result_.file_size = offset_;
  return status_;
}

TableBuilderOptions TableBuilderOptionsFor(const ColumnFamilyOptions& cf,
                                           const InternalKeyComparator* icmp) {
  const BlockBasedTableOptions& t = cf.table_factory
                                        ? cf.table_factory->table_options()
                                        : BlockBasedTableOptions();
  TableBuilderOptions o;
  o.icmp = icmp;
  // As RocksDB's SstFileWriter: bottommost_compression, else the last
  // level's compression_per_level, else compression (flushes and
  // compactions replace it with their level's).
  o.compression = cf.bottommost_compression != kDisableCompressionOption
                      ? cf.bottommost_compression
                  : cf.compression_per_level.empty()
                      ? cf.compression
                      : cf.compression_per_level.back();
  o.compression_level = cf.compression_opts.level;
  o.checksum = static_cast<TableChecksumType>(t.checksum);
  o.format_version = t.format_version;
  o.block_size = t.block_size;
  o.block_size_deviation = t.block_size_deviation;
  o.block_restart_interval = t.block_restart_interval;
  o.index_block_restart_interval = t.index_block_restart_interval;
  o.enable_index_compression = t.enable_index_compression;
  o.filter_bits_per_key =
      t.filter_policy ? t.filter_policy->GetBitsPerKey() : 0;
  o.whole_key_filtering = t.whole_key_filtering;
  o.prefix_extractor = cf.prefix_extractor;
  return o;
}

std::string NewDbSessionId() {
  static const char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::random_device rd;
  std::mt19937_64 rng((uint64_t{rd()} << 32) ^ rd());
  std::string id(20, '0');
  for (auto& c : id) c = kDigits[rng() % 36];
  return id;
}

std::string TableHostName() {
  char buf[256];
  if (gethostname(buf, sizeof(buf)) != 0) return "";
  buf[sizeof(buf) - 1] = '\0';
  return buf;
}

}  // namespace ROCKSDB_NAMESPACE
