// SstFileWriter over TableBuilder; contract in rocksdb/sst_file_writer.h.
#include "rocksdb/sst_file_writer.h"

#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "table/block_codecs.h"
#include "table/format.h"
#include "table/table_builder.h"

namespace ROCKSDB_NAMESPACE {

struct SstFileWriter::Rep {
  Options options;
  InternalKeyComparator icmp{BytewiseComparator()};
  std::string path;
  std::unique_ptr<FSWritableFile> file;
  std::unique_ptr<TableBuilder> builder;
  std::string last_user_key;  // info.largest_key once finished
  std::string ikey_buf;       // reused for each internal key
  bool has_last = false;
  ExternalSstFileInfo info;
  uint64_t file_size = 0;

  explicit Rep(const Options& o) : options(o), icmp(o.comparator) {}

  // Files are written through Options::env's FileSystem, as RocksDB does.
  FileSystem* fs() const {
    return (options.env ? options.env : Env::Default())->GetFileSystem().get();
  }

  Status AddPoint(const Slice& user_key, const Slice& value, ValueType type) {
    if (!builder) return Status::InvalidArgument("File is not opened");
    if (has_last && options.comparator->Compare(user_key, last_user_key) <= 0) {
      return Status::InvalidArgument(
          "Keys must be added in strict ascending order.",
          path + ": '" + user_key.ToString(true) + "' after '" +
              Slice(last_user_key).ToString(true) + "'");
    }
    ikey_buf.clear();
    AppendInternalKey(&ikey_buf, user_key, 0, type);
    builder->Add(ikey_buf, value);
    if (!builder->status().ok()) return builder->status();
    if (!has_last) info.smallest_key = user_key.ToString();
    last_user_key.assign(user_key.data(), user_key.size());
    has_last = true;
    return Status::OK();
  }
};

SstFileWriter::SstFileWriter(const EnvOptions& /*env_options*/,
                             const Options& options,
                             ColumnFamilyHandle* /*column_family*/,
                             bool /*invalidate_page_cache*/)
    : rep_(new Rep(options)) {}

SstFileWriter::~SstFileWriter() {
  if (rep_->builder) {
    // Opened but not finished: RocksDB leaves a partial file; remove it so
    // nothing half-written looks like an SST.
    rep_->builder->Abandon();
    if (rep_->file) {
      IOStatus s = rep_->file->Close(IOOptions(), nullptr);
      s.PermitUncheckedError();
    }
    IOStatus d = rep_->fs()->DeleteFile(rep_->path, IOOptions(), nullptr);
    d.PermitUncheckedError();
  }
}

Status SstFileWriter::Open(const std::string& file_path) {
  Rep* r = rep_.get();
  const BlockBasedTableOptions& t =
      r->options.table_factory ? r->options.table_factory->table_options()
                               : BlockBasedTableOptions();
  if (t.index_type != BlockBasedTableOptions::kBinarySearch) {
    return Status::InvalidArgument(file_path,
                                   "skyrocks writes only the kBinarySearch "
                                   "index type");
  }
  if (t.format_version < 2 || t.format_version > 5) {
    return Status::InvalidArgument(
        file_path, "skyrocks writes SST format_version 2..5, not " +
                       std::to_string(t.format_version));
  }
  TableBuilderOptions o = TableBuilderOptionsFor(r->options, &r->icmp);
  if (const char* macro = CodecCompiledOutBy(o.compression)) {
    return Status::NotSupported(
        file_path, std::string("compression ") +
                       CompressionTypeName(o.compression) +
                       ": this skyrocks was compiled without that codec (" +
                       macro + ")");
  }
  IOStatus io =
      r->fs()->NewWritableFile(file_path, FileOptions(), &r->file, nullptr);
  if (!io.ok()) return std::move(io);
  o.column_family_id = kUnknownColumnFamilyId;
  o.db_id = "SST Writer";
  o.db_session_id = NewDbSessionId();
  o.db_host_id = TableHostName();
  o.external_sst_file = true;
  // As RocksDB's SstFileWriter: no creation times, file number 1 (which,
  // with the session id, gives the file its unique ID).
  o.creation_time = 0;
  o.file_creation_time = 0;
  o.orig_file_number = 1;
  r->builder.reset(new TableBuilder(o, r->file.get(), file_path));
  r->path = file_path;
  r->info = ExternalSstFileInfo();
  r->info.file_path = file_path;
  r->has_last = false;
  return Status::OK();
}

Status SstFileWriter::Put(const Slice& user_key, const Slice& value) {
  return rep_->AddPoint(user_key, value, kTypeValue);
}
Status SstFileWriter::Merge(const Slice& user_key, const Slice& value) {
  return rep_->AddPoint(user_key, value, kTypeMerge);
}
Status SstFileWriter::Delete(const Slice& user_key) {
  return rep_->AddPoint(user_key, Slice(), kTypeDeletion);
}
Status SstFileWriter::SingleDelete(const Slice& user_key) {
  return rep_->AddPoint(user_key, Slice(), kTypeSingleDeletion);
}

Status SstFileWriter::DeleteRange(const Slice& begin_key,
                                  const Slice& end_key) {
  Rep* r = rep_.get();
  if (!r->builder) return Status::InvalidArgument("File is not opened");
  const Comparator* ucmp = r->options.comparator;
  if (ucmp->Compare(begin_key, end_key) > 0) {
    return Status::InvalidArgument("end key comes before start key");
  }
  if (ucmp->Compare(begin_key, end_key) == 0) return Status::OK();  // empty
  if (r->info.num_range_del_entries == 0 ||
      ucmp->Compare(begin_key, r->info.smallest_range_del_key) < 0) {
    r->info.smallest_range_del_key = begin_key.ToString();
  }
  if (r->info.num_range_del_entries == 0 ||
      ucmp->Compare(end_key, r->info.largest_range_del_key) > 0) {
    r->info.largest_range_del_key = end_key.ToString();
  }
  r->builder->AddRangeDeletion(begin_key, end_key, 0);
  r->info.num_range_del_entries++;
  return Status::OK();
}

Status SstFileWriter::Finish(ExternalSstFileInfo* file_info) {
  Rep* r = rep_.get();
  if (!r->builder) return Status::InvalidArgument("File is not opened");
  if (r->builder->NumEntries() == 0 && r->info.num_range_del_entries == 0) {
    return Status::InvalidArgument("Cannot create sst file with no entries");
  }
  Status s = r->builder->Finish();
  r->file_size = r->builder->FileSize();
  if (s.ok()) s = r->file->Sync(IOOptions(), nullptr);
  if (s.ok()) s = r->file->Close(IOOptions(), nullptr);
  r->info.num_entries = r->builder->NumEntries();
  if (r->has_last) r->info.largest_key = r->last_user_key;
  r->info.file_size = r->file_size;
  r->builder.reset();
  r->file.reset();
  if (!s.ok()) {
    IOStatus d = r->fs()->DeleteFile(r->path, IOOptions(), nullptr);
    d.PermitUncheckedError();
    return s;
  }
  if (file_info) *file_info = r->info;
  return s;
}

uint64_t SstFileWriter::FileSize() {
  return rep_->builder ? rep_->builder->FileSize() : rep_->file_size;
}

}  // namespace ROCKSDB_NAMESPACE
