// Opening and closing a DB; see db/db_impl.h.
//
// Open: options check (db/options_check.h), LOCK (fcntl; read-only opens
// skip it, as RocksDB; always in the DB directory), CURRENT or a new DB
// (IDENTITY, MANIFEST-000001, CURRENT), MANIFEST recovery, then WAL replay:
// every WAL in wal_dir (DBOptions::wal_dir, created if missing; the DB
// directory by default) numbered at or above the oldest log a column
// family still needs, in order, each record applied to the column families
// that have not flushed it yet. wal_recovery_mode decides what damage does:
//   kTolerateCorruptedTailRecords  a torn last record is dropped; other
//                                  damage fails the open;
//   kAbsoluteConsistency           any damage fails the open;
//   kPointInTimeRecovery (default) replay stops at the first damage (the
//                                  DB is as of the last good record);
//   kSkipAnyCorruptedRecords       damaged records are skipped.
// A writable open then flushes what was replayed to L0, starts a new WAL
// and MANIFEST, writes OPTIONS and deletes the replayed WALs. A read-only
// open keeps the replayed data in memtables and writes nothing.
#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include "db/db_impl.h"
#include "db/filename.h"
#include "db/info_log.h"
#include "db/log_reader.h"
#include "db/options_check.h"
#include "db/options_parser.h"
#include "db/wal_files.h"
#include "db/write_batch_internal.h"
#include "env/file_util.h"
#include "rocksdb/compaction_filter.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/merge_operator.h"
#include "table/table_builder.h"
#include "util/uuid.h"

namespace ROCKSDB_NAMESPACE {

const std::string kDefaultColumnFamilyName("default");

namespace {

// Remembers the first damage a WAL reader reports.
class WalReporter : public log::Reader::Reporter {
 public:
  void Corruption(size_t /*bytes*/, const Status& s) override {
    if (status.ok()) status = s;
  }
  Status status;
};

log::RecoveryMode ToLogMode(WALRecoveryMode m) {
  return static_cast<log::RecoveryMode>(static_cast<char>(m));
}

const char* RecoveryModeName(WALRecoveryMode m) {
  switch (m) {
    case WALRecoveryMode::kTolerateCorruptedTailRecords:
      return "kTolerateCorruptedTailRecords";
    case WALRecoveryMode::kAbsoluteConsistency:
      return "kAbsoluteConsistency";
    case WALRecoveryMode::kPointInTimeRecovery:
      return "kPointInTimeRecovery";
    case WALRecoveryMode::kSkipAnyCorruptedRecords:
      return "kSkipAnyCorruptedRecords";
  }
  return "kPointInTimeRecovery";
}

const char* CompressionOptionName(CompressionType c) {
  switch (c) {
    case kNoCompression:
      return "kNoCompression";
    case kSnappyCompression:
      return "kSnappyCompression";
    case kLZ4Compression:
      return "kLZ4Compression";
    case kZSTD:
      return "kZSTD";
    default:
      return "kDisableCompressionOption";
  }
}

}  // namespace

DBImpl::DBImpl(const DBOptions& options, std::string dbname, bool read_only)
    : options_(options),
      dbname_(std::move(dbname)),
      wal_dir_(WalDirFor(dbname_, options.wal_dir)),
      read_only_(read_only),
      env_(options.env != nullptr ? options.env : Env::Default()),
      fs_(env_->GetFileSystem()),
      stats_(options.statistics.get()),
      rate_limiter_(options.rate_limiter.get()),
      bg_cv_(&mutex_) {
  session_id_ = NewDbSessionId();
  host_id_ = options.db_host_id == "__hostname__" ? TableHostName()
                                                  : options.db_host_id;
  table_cache_ = std::make_unique<TableCache>(dbname_, fs_.get(), stats_);
  versions_ = std::make_unique<VersionSet>(dbname_, fs_.get(), options_);
  // MANIFEST writes (uploads, on a cloud DB) run without the DB mutex.
  versions_->SetDbMutex(&mutex_);
}

DBImpl::~DBImpl() { Close().PermitUncheckedError(); }

Status DBImpl::Close() {
  Status flush_status;
  if (has_unpersisted_data_ && !options_.avoid_flush_during_shutdown &&
      !read_only_) {
    std::vector<ColumnFamilyData*> cfds;
    {
      port::MutexLock l(&mutex_);
      if (!closed_) cfds = versions_->LiveColumnFamilies();
    }
    for (ColumnFamilyData* cfd : cfds) {
      Status f = FlushColumnFamily(cfd, true);
      if (flush_status.ok()) flush_status = f;
    }
  }
  {
    port::MutexLock l(&mutex_);
    if (closed_) return Status::OK();
    closed_ = true;
    shutting_down_ = true;
    bg_cv_.SignalAll();
  }
  EndResume();
  EndStatsDump();
  {
    // Withdraw queued background work or wait for what is running.
    env_->UnSchedule(this, Env::HIGH);
    env_->UnSchedule(&bg_compactions_scheduled_, Env::LOW);
    port::MutexLock l(&mutex_);
    // A write group waiting for its WAL upload still publishes.
    while (bg_flush_scheduled_ || bg_compactions_scheduled_ > 0 ||
           compactions_running_ > 0 || !pending_groups_.empty()) {
      bg_cv_.Wait();
    }
  }
  Status s;
  // As RocksDB, whose DB deletes its default handle at close.
  if (default_handle_ != nullptr) {
    NotifyColumnFamilyHandleDeletion(default_handle_);
  }
  {
    port::MutexLock l(&mutex_);
    if (log_) {
      s = log_->Close();
      log_.reset();
    }
    delete default_handle_;
    default_handle_ = nullptr;
    versions_.reset();
  }
  if (db_lock_) {
    IOStatus u = fs_->UnlockFile(db_lock_.release(), IOOptions(), nullptr);
    if (s.ok()) s = u;
  }
  return flush_status.ok() ? s : flush_status;
}

Status DBImpl::NewWal() {
  const uint64_t number = versions_->NewFileNumber();
  std::unique_ptr<FSWritableFile> file;
  IOStatus io = fs_->NewWritableFile(LogFileName(wal_dir_, number),
                                     FileOptions(), &file, nullptr);
  if (!io.ok()) return std::move(io);
  if (log_) {
    // Everything written so far stays readable; a sync=false write in the
    // old WAL is as durable as the OS makes it.
    Status s = log_->Close();
    if (!s.ok()) return s;
  }
  log_ = std::make_unique<log::Writer>(std::move(file), number,
                                       options_.recycle_log_file_num > 0,
                                       options_.manual_wal_flush);
  logfile_number_ = number;
  alive_logs_.push_back(number);
  return Status::OK();
}

Status DBImpl::ReplayWal(uint64_t number, SequenceNumber* max_seq, bool* stop) {
  const std::string fname = LogFileName(wal_dir_, number);
  std::unique_ptr<FSSequentialFile> file;
  IOStatus io = fs_->NewSequentialFile(fname, FileOptions(), &file, nullptr);
  if (!io.ok()) return std::move(io);
  WalReporter reporter;
  log::Reader reader(std::move(file), fname, &reporter, true, number);
  const WALRecoveryMode mode = options_.wal_recovery_mode;
  Slice record;
  std::string scratch;
  WriteBatch batch;
  while (true) {
    const bool got = reader.ReadRecord(&record, &scratch, ToLogMode(mode));
    if (!reporter.status.ok()) {
      if (mode == WALRecoveryMode::kSkipAnyCorruptedRecords) {
        reporter.status = Status::OK();
      } else if (mode == WALRecoveryMode::kPointInTimeRecovery) {
        *stop = true;  // the DB is as of the last good record
        return Status::OK();
      } else {
        return Status::Corruption(fname, reporter.status.ToString() +
                                             " (wal_recovery_mode " +
                                             RecoveryModeName(mode) + ")");
      }
    }
    if (!got) break;
    if (record.size() < WriteBatchInternal::kHeader) {
      reporter.Corruption(record.size(),
                          Status::Corruption(fname, "log record too small"));
      continue;
    }
    Status s = WriteBatchInternal::SetContents(&batch, record);
    if (!s.ok()) return Status::Corruption(fname, s.ToString());
    const SequenceNumber first = WriteBatchInternal::Sequence(&batch);
    const uint32_t count = WriteBatchInternal::Count(&batch);
    // Column families whose log_number is above this WAL flushed it all.
    SequenceNumber next = 0;
    s = InsertIntoMemTables(&batch, number, true, 0, &next);
    if (s.IsNotSupported()) return Status::NotSupported(fname, s.ToString());
    if (!s.ok()) return Status::Corruption(fname, s.ToString());
    if (count > 0) *max_seq = std::max(*max_seq, first + count - 1);
    // A commit marker applies more updates than its record counts.
    if (next > first) *max_seq = std::max(*max_seq, next - 1);
  }
  return Status::OK();
}

Status DBImpl::RecoverWals(bool error_if_wal_file_exists,
                           SequenceNumber* max_seq,
                           std::vector<uint64_t>* replayed) {
  // With two-phase commit an older WAL may hold a prepared section whose
  // commit is still to come: every WAL from the MANIFEST's
  // MinLogNumberToKeep on is read (the column families' log numbers still
  // decide which updates reach the memtables), as RocksDB does.
  const uint64_t min_log = options_.allow_2pc
                               ? versions_->min_log_number_to_keep()
                               : versions_->MinLogNumberInUse();
  auto needed = [&](uint64_t number) {
    return number >= min_log || number == versions_->prev_log_number();
  };
  // As RocksDB, only wal_dir is read. A WAL that the MANIFEST still needs
  // but that sits in the DB directory while wal_dir is elsewhere (wal_dir
  // was changed) is not replayed by RocksDB, which then loses its writes
  // for good; refuse instead of dropping them.
  if (wal_dir_ != dbname_) {
    std::vector<std::string> db_children;
    IOStatus io = fs_->GetChildren(dbname_, IOOptions(), &db_children, nullptr);
    if (!io.ok()) return std::move(io);
    for (const std::string& c : db_children) {
      uint64_t number;
      FileType type;
      if (!ParseFileName(c, &number, &type) || type != kWalFile) continue;
      versions_->MarkFileNumberUsed(number);
      uint64_t size = 0;
      const std::string stray = LogFileName(dbname_, number);
      if (needed(number) &&
          fs_->GetFileSize(stray, IOOptions(), &size, nullptr).ok() &&
          size > 0) {
        return Status::InvalidArgument(
            stray, "is a WAL the DB still needs, but wal_dir is " + wal_dir_ +
                       ", where it is not replayed from; move it there or "
                       "open with the wal_dir it was written with");
      }
    }
  }
  std::vector<std::string> children;
  IOStatus io = fs_->GetChildren(wal_dir_, IOOptions(), &children, nullptr);
  if (io.IsNotFound() || io.IsPathNotFound()) {
    return Status::InvalidArgument("wal_dir not found", wal_dir_);
  }
  if (!io.ok()) return std::move(io);
  std::vector<uint64_t> logs;
  for (const std::string& c : children) {
    uint64_t number;
    FileType type;
    if (ParseFileName(c, &number, &type) && type == kWalFile) {
      versions_->MarkFileNumberUsed(number);
      if (needed(number)) logs.push_back(number);
    }
  }
  std::sort(logs.begin(), logs.end());
  if (!logs.empty() && error_if_wal_file_exists) {
    return Status::Corruption(
        dbname_, "the DB has WAL files (" + LogFileName(wal_dir_, logs[0]) +
                     ") and error_if_wal_file_exists is set");
  }
  bool stop = false;
  for (uint64_t number : logs) {
    replayed->push_back(number);
    if (stop) continue;
    Status s = ReplayWal(number, max_seq, &stop);
    if (!s.ok()) return s;
  }
  if (!read_only_ && !logs.empty() && WalArchivingEnabled(options_)) {
    // RocksDB truncates the last WAL replayed to its size (dropping
    // preallocated space), which restarts its age for WAL_ttl_seconds once
    // it is archived; do the same so that the archive ages alike. Only
    // with archiving: elsewhere the file's time means nothing.
    const std::string fname = LogFileName(wal_dir_, logs.back());
    uint64_t size = 0;
    std::unique_ptr<FSWritableFile> f;
    if (fs_->GetFileSize(fname, IOOptions(), &size, nullptr).ok() &&
        fs_->ReopenWritableFile(fname, FileOptions(), &f, nullptr).ok()) {
      f->Truncate(size, IOOptions(), nullptr).PermitUncheckedError();
      f->Close(IOOptions(), nullptr).PermitUncheckedError();
    }
  }
  return Status::OK();
}

static const char* OptionBool(bool b) { return b ? "true" : "false"; }

// As RocksDB 7.8.3 writes the list: names joined by ':'.
static std::string CompressionPerLevelValue(const ColumnFamilyOptions& c) {
  std::string v;
  for (size_t i = 0; i < c.compression_per_level.size(); i++) {
    if (i > 0) v += ':';
    v += CompressionOptionName(c.compression_per_level[i]);
  }
  return v;
}

Status DBImpl::WriteOptionsFile() {
  std::ostringstream o;
  o << "# This is a RocksDB option file.\n#\n"
       "# For detailed file format spec, please refer to the example file\n"
       "# in examples/rocksdb_option_file_example.ini\n#\n\n"
       "[Version]\n  rocksdb_version=7.8.3\n  options_file_version=1.1\n\n"
       "[DBOptions]\n";
  const DBOptions& d = options_;
  o << "  max_open_files=" << d.max_open_files << "\n"
    << "  max_background_jobs=" << d.max_background_jobs << "\n"
    << "  max_background_compactions=" << d.max_background_compactions << "\n"
    << "  max_background_flushes=" << d.max_background_flushes << "\n"
    << "  max_subcompactions=" << d.max_subcompactions << "\n"
    << "  use_fsync=" << (d.use_fsync ? "true" : "false") << "\n"
    << "  max_manifest_file_size=" << d.max_manifest_file_size << "\n"
    << "  recycle_log_file_num=" << d.recycle_log_file_num << "\n"
    << "  manual_wal_flush=" << (d.manual_wal_flush ? "true" : "false") << "\n"
    << "  wal_recovery_mode=" << RecoveryModeName(d.wal_recovery_mode) << "\n"
    << "  paranoid_checks=" << (d.paranoid_checks ? "true" : "false") << "\n"
    << "  create_if_missing=" << (d.create_if_missing ? "true" : "false")
    << "\n"
    << "  create_missing_column_families="
    << (d.create_missing_column_families ? "true" : "false") << "\n"
    << "  error_if_exists=" << (d.error_if_exists ? "true" : "false") << "\n"
    << "  max_total_wal_size=" << d.max_total_wal_size << "\n"
    << "  delete_obsolete_files_period_micros="
    << d.delete_obsolete_files_period_micros << "\n"
    << "  max_log_file_size=" << d.max_log_file_size << "\n"
    << "  keep_log_file_num=" << d.keep_log_file_num << "\n"
    << "  WAL_ttl_seconds=" << d.WAL_ttl_seconds << "\n"
    << "  WAL_size_limit_MB=" << d.WAL_size_limit_MB << "\n"
    << "  manifest_preallocation_size=" << d.manifest_preallocation_size
    << "\n"
    << "  allow_mmap_reads=" << OptionBool(d.allow_mmap_reads) << "\n"
    << "  allow_mmap_writes=" << OptionBool(d.allow_mmap_writes) << "\n"
    << "  use_direct_reads=" << OptionBool(d.use_direct_reads) << "\n"
    << "  use_direct_io_for_flush_and_compaction="
    << OptionBool(d.use_direct_io_for_flush_and_compaction) << "\n"
    << "  is_fd_close_on_exec=" << OptionBool(d.is_fd_close_on_exec) << "\n"
    << "  db_write_buffer_size=" << d.db_write_buffer_size << "\n"
    << "  bytes_per_sync=" << d.bytes_per_sync << "\n"
    << "  wal_bytes_per_sync=" << d.wal_bytes_per_sync << "\n"
    << "  enable_pipelined_write=" << OptionBool(d.enable_pipelined_write)
    << "\n"
    << "  allow_concurrent_memtable_write="
    << OptionBool(d.allow_concurrent_memtable_write) << "\n"
    << "  avoid_flush_during_recovery="
    << OptionBool(d.avoid_flush_during_recovery) << "\n"
    << "  avoid_flush_during_shutdown="
    << OptionBool(d.avoid_flush_during_shutdown) << "\n"
    << "  atomic_flush=" << OptionBool(d.atomic_flush) << "\n"
    << "  max_bgerror_resume_count=" << d.max_bgerror_resume_count << "\n"
    << "  bgerror_resume_retry_interval=" << d.bgerror_resume_retry_interval
    << "\n"
    << "  db_host_id=" << d.db_host_id << "\n"
    << "  info_log_level=" << InfoLogLevelOptionName(d.info_log_level) << "\n"
    << "  stats_dump_period_sec=" << d.stats_dump_period_sec << "\n"
    << "  allow_2pc=" << OptionBool(d.allow_2pc) << "\n";
  // RocksDB 7.8.3 leaves out empty values, and a wal_dir that is the DB's
  // own directory.
  if (!d.db_log_dir.empty()) o << "  db_log_dir=" << d.db_log_dir << "\n";
  if (wal_dir_ != dbname_) o << "  wal_dir=" << d.wal_dir << "\n";
  o << "\n";
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    const ColumnFamilyOptions& c = cfd->options;
    // As RocksDB 7.8.3 writes an operator without options of its own.
    const char* merge = c.merge_operator ? c.merge_operator->Name() : "nullptr";
    o << "[CFOptions \"" << cfd->name << "\"]\n"
      << "  comparator=" << c.comparator->Name() << "\n"
      << "  merge_operator=" << merge << "\n"
      << "  compaction_filter="
      << (c.compaction_filter ? c.compaction_filter->Name() : "nullptr")
      << "\n"
      << "  compaction_filter_factory="
      << (c.compaction_filter_factory ? c.compaction_filter_factory->Name()
                                      : "nullptr")
      << "\n"
      << "  write_buffer_size=" << c.write_buffer_size << "\n"
      << "  max_write_buffer_number=" << c.max_write_buffer_number << "\n"
      << "  compression=" << CompressionOptionName(c.compression) << "\n"
      << "  compression_per_level=" << CompressionPerLevelValue(c) << "\n"
      << "  num_levels=" << c.num_levels << "\n"
      << "  level0_file_num_compaction_trigger="
      << c.level0_file_num_compaction_trigger << "\n"
      << "  target_file_size_base=" << c.target_file_size_base << "\n"
      << "  max_bytes_for_level_base=" << c.max_bytes_for_level_base << "\n"
      << "  max_bytes_for_level_multiplier=" << c.max_bytes_for_level_multiplier
      << "\n"
      << "  level_compaction_dynamic_level_bytes="
      << (c.level_compaction_dynamic_level_bytes ? "true" : "false") << "\n"
      << "  level0_slowdown_writes_trigger=" << c.level0_slowdown_writes_trigger
      << "\n"
      << "  level0_stop_writes_trigger=" << c.level0_stop_writes_trigger << "\n"
      << "  disable_auto_compactions="
      << (c.disable_auto_compactions ? "true" : "false") << "\n"
      << "  min_write_buffer_number_to_merge="
      << c.min_write_buffer_number_to_merge << "\n"
      << "  bottommost_compression="
      << CompressionOptionName(c.bottommost_compression) << "\n"
      << "  compression_opts={window_bits=" << c.compression_opts.window_bits
      << ";level=" << c.compression_opts.level
      << ";strategy=" << c.compression_opts.strategy
      << ";max_dict_bytes=" << c.compression_opts.max_dict_bytes
      << ";zstd_max_train_bytes=" << c.compression_opts.zstd_max_train_bytes
      << ";enabled=" << OptionBool(c.compression_opts.enabled) << ";}\n"
      << "  target_file_size_multiplier=" << c.target_file_size_multiplier
      << "\n"
      // RocksDB writes the value it uses: 0 means 25 target files.
      << "  max_compaction_bytes="
      << (c.max_compaction_bytes != 0 ? c.max_compaction_bytes
                                      : 25 * c.target_file_size_base)
      << "\n"
      << "  compaction_style=kCompactionStyleLevel\n"
      << "  paranoid_file_checks=" << OptionBool(c.paranoid_file_checks)
      << "\n"
      << "  optimize_filters_for_hits="
      << OptionBool(c.optimize_filters_for_hits) << "\n"
      << "  soft_pending_compaction_bytes_limit="
      << c.soft_pending_compaction_bytes_limit << "\n"
      << "  hard_pending_compaction_bytes_limit="
      << c.hard_pending_compaction_bytes_limit << "\n"
      << "  memtable_prefix_bloom_size_ratio="
      << c.memtable_prefix_bloom_size_ratio << "\n"
      << "  memtable_whole_key_filtering="
      << OptionBool(c.memtable_whole_key_filtering) << "\n"
      << "  prefix_extractor="
      << (c.prefix_extractor ? c.prefix_extractor->AsString() : "nullptr")
      << "\n"
      << "  table_factory=BlockBasedTable\n\n";
    const BlockBasedTableOptions& t = c.table_factory
                                          ? c.table_factory->table_options()
                                          : BlockBasedTableOptions();
    const char* checksums[] = {"kNoChecksum", "kCRC32c", "kxxHash", "kxxHash64",
                               "kXXH3"};
    static const char* const kIndexTypes[] = {
        "kBinarySearch", "kHashSearch", "kTwoLevelIndexSearch",
        "kBinarySearchWithFirstKey"};
    static const char* const kShortenings[] = {
        "kNoShortening", "kShortenSeparators",
        "kShortenSeparatorsAndSuccessor"};
    const int ck = static_cast<int>(t.checksum);
    o << "[TableOptions/BlockBasedTable \"" << cfd->name << "\"]\n"
      << "  checksum=" << (ck >= 0 && ck <= 4 ? checksums[ck] : "kXXH3") << "\n"
      << "  format_version=" << t.format_version << "\n"
      << "  block_size=" << t.block_size << "\n"
      << "  block_restart_interval=" << t.block_restart_interval << "\n"
      << "  index_block_restart_interval=" << t.index_block_restart_interval
      << "\n"
      << "  whole_key_filtering=" << (t.whole_key_filtering ? "true" : "false")
      << "\n"
      << "  cache_index_and_filter_blocks="
      << OptionBool(t.cache_index_and_filter_blocks) << "\n"
      << "  index_type=" << kIndexTypes[t.index_type & 3] << "\n"
      << "  data_block_index_type="
      << (t.data_block_index_type ==
                  BlockBasedTableOptions::kDataBlockBinaryAndHash
              ? "kDataBlockBinaryAndHash"
              : "kDataBlockBinarySearch")
      << "\n"
      << "  no_block_cache=" << OptionBool(t.no_block_cache) << "\n"
      << "  block_size_deviation=" << t.block_size_deviation << "\n"
      << "  index_shortening="
      << kShortenings[static_cast<int>(t.index_shortening) % 3] << "\n"
      << "  partition_filters=" << OptionBool(t.partition_filters) << "\n"
      << "  optimize_filters_for_memory="
      << OptionBool(t.optimize_filters_for_memory) << "\n"
      << "  enable_index_compression=" << OptionBool(t.enable_index_compression)
      << "\n"
      << "  block_align=" << OptionBool(t.block_align) << "\n";
    if (t.filter_policy) {
      o << "  filter_policy=bloomfilter:" << t.filter_policy->GetBitsPerKey()
        << ":false\n";
    } else {
      o << "  filter_policy=nullptr\n";
    }
    o << "\n";
  }
  const uint64_t number = versions_->NewFileNumber();
  IOStatus io = ReplaceFileAtomically(
      fs_.get(), OptionsFileName(dbname_, number),
      TempOptionsFileName(dbname_, number), o.str(), options_.use_fsync);
  return std::move(io);
}

Status DBImpl::OpenImpl(
    const std::vector<ColumnFamilyDescriptor>& column_families,
    std::vector<ColumnFamilyHandle*>* handles, bool error_if_wal_file_exists) {
  std::map<std::string, ColumnFamilyOptions> cf_options;
  for (const auto& d : column_families) cf_options[d.name] = d.options;
  if (cf_options.count(kDefaultColumnFamilyName) == 0) {
    return Status::InvalidArgument("Default column family not specified");
  }
  if (!read_only_) {
    IOStatus io = fs_->CreateDirIfMissing(dbname_, IOOptions(), nullptr);
    if (io.ok() && wal_dir_ != dbname_) {
      io = fs_->CreateDirIfMissing(wal_dir_, IOOptions(), nullptr);
    }
    if (io.ok() && WalArchivingEnabled(options_)) {
      io = fs_->CreateDirIfMissing(ArchivalDirectory(wal_dir_), IOOptions(),
                                   nullptr);
    }
    if (!io.ok()) return std::move(io);
    FileLock* lock = nullptr;
    io = fs_->LockFile(LockFileName(dbname_), IOOptions(), &lock, nullptr);
    if (!io.ok()) return std::move(io);
    db_lock_.reset(lock);
    // The LOG (after the LOCK: a second opener must not move a running
    // DB's LOG aside). A LOG that cannot be made leaves the DB without one.
    if (options_.info_log == nullptr) {
      DBOptions o = options_;
      o.env = env_;
      if (!CreateLoggerFromOptions(dbname_, o, &options_.info_log).ok()) {
        options_.info_log.reset();
      }
    }
  }
  info_log_ = options_.info_log.get();
  if (info_log_ != nullptr) {
    LogDBOptionsHeader(info_log_, options_);
    for (const auto& d : column_families) {
      LogColumnFamilyOptions(info_log_, d.name, d.options);
    }
  }
  IOStatus exists =
      fs_->FileExists(CurrentFileName(dbname_), IOOptions(), nullptr);
  if (exists.IsNotFound()) {
    if (read_only_ || !options_.create_if_missing) {
      return Status::InvalidArgument(
          CurrentFileName(dbname_),
          "does not exist (create_if_missing is false)");
    }
    // Never start a new DB over the files of an old one whose CURRENT is
    // lost: they would become "obsolete" and be deleted. A lone
    // MANIFEST-000001 beside no table or WAL is what a create killed before
    // it wrote CURRENT leaves (it holds no data); CreateNewDB rewrites it.
    std::vector<std::string> children;
    IOStatus io = fs_->GetChildren(dbname_, IOOptions(), &children, nullptr);
    if (!io.ok()) return std::move(io);
    for (const std::string& c : children) {
      uint64_t number;
      FileType type;
      if (ParseFileName(c, &number, &type) &&
          ((type == kDescriptorFile && number != 1) || type == kTableFile ||
           type == kWalFile)) {
        return Status::Corruption(
            CurrentFileName(dbname_),
            "is missing but the directory holds DB files (" + c +
                "); refusing to create a new DB over them");
      }
    }
    if (wal_dir_ != dbname_) {
      // As RocksDB: a new DB's wal_dir holds no WAL.
      io = fs_->GetChildren(wal_dir_, IOOptions(), &children, nullptr);
      if (!io.ok()) return std::move(io);
      for (const std::string& c : children) {
        uint64_t number;
        FileType type;
        if (ParseFileName(c, &number, &type) && type == kWalFile) {
          return Status::Corruption(
              "While creating a new Db, wal_dir contains existing log file: ",
              LogFileName(wal_dir_, number));
        }
      }
    }
    Status s = VersionSet::CreateNewDB(dbname_, fs_.get(), NewUuidV4());
    if (!s.ok()) return s;
  } else if (!exists.ok()) {
    return std::move(exists);
  } else if (options_.error_if_exists) {
    return Status::InvalidArgument(dbname_, "exists (error_if_exists is true)");
  }

  mutex_.Lock();
  RecoveredColumnFamilies found;
  Status s = versions_->Recover(cf_options, &found);
  // A secondary may open a subset of the column families.
  if (s.ok() && !secondary_ && !found.in_manifest_not_requested.empty()) {
    std::string names;
    for (const auto& n : found.in_manifest_not_requested) {
      names += (names.empty() ? "" : ", ") + n;
    }
    s = Status::InvalidArgument("Column families not opened: " + names);
  }
  if (s.ok()) {
    std::string id;
    IOStatus io = ReadFileToString(fs_.get(), IdentityFileName(dbname_), &id);
    if (io.ok()) {
      while (!id.empty() && (id.back() == '\n' || id.back() == '\r'))
        id.pop_back();
      db_id_ = id;
    } else if (!io.IsPathNotFound() && !io.IsNotFound()) {
      s = std::move(io);
    } else if (!versions_->db_id().empty()) {
      db_id_ = versions_->db_id();
    } else if (!read_only_) {
      // As RocksDB: a DB without IDENTITY (a checkpoint, a copy) gets one.
      db_id_ = NewUuidV4();
      s = ReplaceFileAtomically(fs_.get(), IdentityFileName(dbname_),
                                TempFileName(dbname_, 0), db_id_,
                                options_.use_fsync);
    }
  }
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    if (!s.ok()) break;
    cfd->mem = cfd->NewMemTable();
    cfd->InstallSuperVersion();
  }
  SequenceNumber max_seq = versions_->LastSequence();
  std::vector<uint64_t> replayed;
  if (s.ok()) s = RecoverWals(error_if_wal_file_exists, &max_seq, &replayed);
  if (s.ok()) versions_->SetLastSequence(max_seq);
  if (s.ok() && !read_only_) {
    s = NewWal();
    // Replayed data goes to L0; then no column family needs an old WAL.
    for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
      if (!s.ok()) break;
      VersionEdit edit;
      if (!cfd->mem->IsEmpty() || cfd->mem->num_range_deletes() > 0) {
        FileMetaData meta;
        s = WriteLevel0Table(cfd, cfd->mem, &meta,
                             TableFileCreationReason::kRecovery);
        if (!s.ok()) break;
        if (meta.file_size > 0) edit.AddFile(0, meta);
        cfd->mem->Unref();
        cfd->mem = cfd->NewMemTable();
        cfd->InstallSuperVersion();
      }
      edit.SetLogNumber(logfile_number_);
      s = versions_->LogAndApply(cfd, &edit);
    }
    if (s.ok()) {
      alive_logs_.assign(1, logfile_number_);
      s = WriteOptionsFile();
    }
    if (s.ok()) DeleteObsoleteFiles();
  }
  bool created_families = false;
  if (s.ok()) {
    default_handle_ = new ColumnFamilyHandleImpl(versions_->GetColumnFamily(0));
    // Column families to create.
    for (const auto& d : column_families) {
      if (!s.ok()) break;
      if (versions_->GetColumnFamily(d.name) != nullptr) continue;
      if (!options_.create_missing_column_families || read_only_) {
        s = Status::InvalidArgument("Column family not found: " + d.name);
        break;
      }
      ColumnFamilyData* cfd = nullptr;
      s = versions_->CreateColumnFamily(d.name, d.options, logfile_number_,
                                        &cfd);
      if (s.ok()) {
        cfd->mem = cfd->NewMemTable();
        cfd->InstallSuperVersion();
        cfd->log_number = logfile_number_;
        created_families = true;
      }
    }
  }
  if (s.ok() && created_families) {
    // The OPTIONS file names every column family, the new ones too.
    s = WriteOptionsFile();
    if (s.ok()) DeleteObsoleteFiles();
  }
  if (s.ok()) {
    handles->clear();
    for (const auto& d : column_families) {
      handles->push_back(
          new ColumnFamilyHandleImpl(versions_->GetColumnFamily(d.name)));
    }
    if (!read_only_) {
      // Threads for the job limits (RocksDB's SanitizeOptions).
      int flushes = 1, compactions = 1;
      BackgroundJobLimits(options_, &flushes, &compactions);
      env_->IncBackgroundThreadsIfNeeded(compactions, Env::LOW);
      env_->IncBackgroundThreadsIfNeeded(flushes, Env::HIGH);
    }
    OpenAllTables();
    MaybeScheduleCompaction();
  }
  mutex_.Unlock();
  return s;
}

void DBImpl::OpenAllTables() {
  struct TableToOpen {
    uint64_t number, size;
    SequenceNumber largest_seqno;
    const InternalKeyComparator* icmp;
    const TableFactory* factory;
  };
  std::vector<TableToOpen> todo;
  for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
    for (const auto& level : cfd->current->files) {
      for (const auto& f : level) {
        todo.push_back({f->number, f->file_size, f->largest_seqno, &cfd->icmp,
                        cfd->table_factory().get()});
      }
    }
  }
  if (todo.empty()) return;
  mutex_.Unlock();
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < todo.size(); i = next++) {
      TableReader* reader = nullptr;
      table_cache_
          ->Get(todo[i].number, todo[i].size, todo[i].largest_seqno,
                todo[i].icmp, todo[i].factory, &reader)
          .PermitUncheckedError();
    }
  };
  // On this thread, one table after another for now: threads started
  // inside DB::Open broke programs that fork and open a DB in the child
  // (ThreadSanitizer refuses a child's new thread that reuses the stack of
  // a thread the parent had). Opening them on the DB's background pool
  // is the way to get the parallelism back.
  work();
  mutex_.Lock();
}

Status DB::Open(const Options& options, const std::string& name, DB** dbptr) {
  std::vector<ColumnFamilyHandle*> handles;
  Status s = DB::Open(DBOptions(options), name,
                      {ColumnFamilyDescriptor(kDefaultColumnFamilyName,
                                              ColumnFamilyOptions(options))},
                      &handles, dbptr);
  if (s.ok()) {
    // The DB keeps its own default handle; the listeners see this one go,
    // as RocksDB's.
    for (const auto& l : options.listeners) {
      l->OnColumnFamilyHandleDeletionStarted(handles[0]);
    }
    delete handles[0];
  }
  return s;
}

namespace {

Status OpenDBImpl(const DBOptions& db_options, const std::string& name,
                  const std::vector<ColumnFamilyDescriptor>& column_families,
                  std::vector<ColumnFamilyHandle*>* handles, DB** dbptr,
                  bool read_only, bool error_if_wal_file_exists) {
  *dbptr = nullptr;
  Status s = CheckOptionsSupported(db_options, column_families);
  if (!s.ok()) return s;
  auto impl = std::make_unique<DBImpl>(db_options, name, read_only);
  s = impl->OpenImpl(column_families, handles, error_if_wal_file_exists);
  if (!s.ok()) return s;
  *dbptr = impl.release();
  return s;
}

}  // namespace

Status DB::Open(const DBOptions& db_options, const std::string& name,
                const std::vector<ColumnFamilyDescriptor>& column_families,
                std::vector<ColumnFamilyHandle*>* handles, DB** dbptr) {
  return OpenDBImpl(db_options, name, column_families, handles, dbptr, false,
                    false);
}

Status DB::OpenForReadOnly(const Options& options, const std::string& name,
                           DB** dbptr, bool error_if_wal_file_exists) {
  std::vector<ColumnFamilyHandle*> handles;
  Status s = OpenDBImpl(DBOptions(options), name,
                        {ColumnFamilyDescriptor(kDefaultColumnFamilyName,
                                                ColumnFamilyOptions(options))},
                        &handles, dbptr, true, error_if_wal_file_exists);
  if (s.ok()) delete handles[0];
  return s;
}

Status DB::OpenForReadOnly(
    const DBOptions& db_options, const std::string& name,
    const std::vector<ColumnFamilyDescriptor>& column_families,
    std::vector<ColumnFamilyHandle*>* handles, DB** dbptr,
    bool error_if_wal_file_exists) {
  return OpenDBImpl(db_options, name, column_families, handles, dbptr, true,
                    error_if_wal_file_exists);
}

Status DB::ListColumnFamilies(const DBOptions& db_options,
                              const std::string& name,
                              std::vector<std::string>* column_families) {
  Env* env = db_options.env != nullptr ? db_options.env : Env::Default();
  return VersionSet::ListColumnFamilies(name, env->GetFileSystem().get(),
                                        column_families);
}

Status DestroyDB(const std::string& name, const Options& options,
                 const std::vector<ColumnFamilyDescriptor>& /*cfs*/) {
  Env* env = options.env != nullptr ? options.env : Env::Default();
  FileSystem* fs = env->GetFileSystem().get();
  std::vector<std::string> children;
  IOStatus io = fs->GetChildren(name, IOOptions(), &children, nullptr);
  if (io.IsNotFound() || io.IsPathNotFound()) return Status::OK();
  if (!io.ok()) return std::move(io);
  FileLock* lock = nullptr;
  io = fs->LockFile(LockFileName(name), IOOptions(), &lock, nullptr);
  if (!io.ok()) return std::move(io);
  Status result;
  for (const std::string& c : children) {
    uint64_t number;
    FileType type;
    if (!ParseFileName(c, &number, &type) || type == kDBLockFile) continue;
    IOStatus d = fs->DeleteFile(name + "/" + c, IOOptions(), nullptr);
    if (!d.ok() && result.ok()) result = std::move(d);
  }
  const std::string wal_dir = WalDirFor(name, options.wal_dir);
  std::vector<std::string> wals;
  if (wal_dir != name &&
      fs->GetChildren(wal_dir, IOOptions(), &wals, nullptr).ok()) {
    // As RocksDB: the WALs, then the directory if that empties it.
    for (const std::string& c : wals) {
      uint64_t number;
      FileType type;
      if (!ParseFileName(c, &number, &type) || type != kWalFile) continue;
      IOStatus d = fs->DeleteFile(wal_dir + "/" + c, IOOptions(), nullptr);
      if (!d.ok() && result.ok()) result = std::move(d);
    }
    fs->DeleteDir(wal_dir, IOOptions(), nullptr).PermitUncheckedError();
  }
  fs->UnlockFile(lock, IOOptions(), nullptr).PermitUncheckedError();
  fs->DeleteFile(LockFileName(name), IOOptions(), nullptr)
      .PermitUncheckedError();
  fs->DeleteDir(name, IOOptions(), nullptr).PermitUncheckedError();
  return result;
}

DB::~DB() = default;

}  // namespace ROCKSDB_NAMESPACE
