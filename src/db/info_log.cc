// The info LOG's files, CreateLoggerFromOptions and the options header;
// contract in db/info_log.h.
#include "db/info_log.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <vector>

#include "port/mutex.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/version.h"
#include "table/format.h"

namespace ROCKSDB_NAMESPACE {

void InfoLogLocation(const std::string& dbname, const std::string& db_log_dir,
                     std::string* dir, std::string* file) {
  if (db_log_dir.empty()) {
    *dir = dbname;
    *file = "LOG";
    return;
  }
  // RocksDB's GetInfoLogPrefix: the path's letters, digits, '-', '.' and
  // '_' kept, every other character but a leading one made '_'.
  std::string prefix;
  for (size_t i = 0; i < dbname.size() && prefix.size() < 495; i++) {
    const char c = dbname[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_') {
      prefix += c;
    } else if (i > 0) {
      prefix += '_';
    }
  }
  *dir = db_log_dir;
  *file = prefix + "_LOG";
}

namespace {

// The DB's LOG: a file logger over dir/file, renamed to file.old.<micros>
// and replaced once it reaches max_size (0: never), keeping at most
// keep_num files.
class RollingInfoLogger : public Logger {
 public:
  RollingInfoLogger(Env* env, std::string dir, std::string file,
                    size_t max_size, size_t keep_num, InfoLogLevel level)
      : Logger(level),
        env_(env),
        dir_(std::move(dir)),
        file_(std::move(file)),
        max_size_(max_size),
        keep_num_(std::max<size_t>(keep_num, 1)) {}
  ~RollingInfoLogger() override { Close().PermitUncheckedError(); }

  // Moves an existing LOG aside, opens a new one and trims the old ones.
  // Without an existing LOG (a new DB, or a cloud DB opened on a fresh
  // directory) there are no old ones to find: the directory is not
  // listed (on a cloud file system a listing is a request to the bucket).
  Status Open() {
    port::MutexLock l(&mu_);
    Status s = MoveCurrentAside();
    if (!s.ok()) return s;
    if (!old_files_.empty()) {
      std::vector<std::string> children;
      s = env_->GetChildren(dir_, &children);
      if (!s.ok()) return s;
      const std::string old_prefix = file_ + ".old.";
      std::vector<std::pair<uint64_t, std::string>> olds;
      for (const std::string& c : children) {
        if (c.compare(0, old_prefix.size(), old_prefix) != 0) continue;
        olds.emplace_back(
            std::strtoull(c.c_str() + old_prefix.size(), nullptr, 10),
            dir_ + "/" + c);
      }
      std::sort(olds.begin(), olds.end());
      old_files_.clear();
      for (auto& o : olds) old_files_.push_back(std::move(o.second));
    }
    return NewFile();
  }

  void Logv(const char* format, va_list ap) override {
    std::shared_ptr<Logger> target;
    {
      port::MutexLock l(&mu_);
      if (max_size_ > 0 && current_ != nullptr &&
          current_->GetLogFileSize() >= max_size_) {
        if (MoveCurrentAside().ok() && NewFile().ok()) {
          for (const std::string& h : headers_) {
            Header(current_.get(), "%s", h.c_str());
          }
        }
      }
      target = current_;
    }
    if (target != nullptr) target->Logv(format, ap);
  }

  void LogHeader(const char* format, va_list ap) override {
    va_list copy;
    va_copy(copy, ap);
    char buf[1024];
    const int n = std::vsnprintf(buf, sizeof(buf), format, copy);
    va_end(copy);
    if (n < 0) return;
    std::string line(buf, std::min(static_cast<size_t>(n), sizeof(buf) - 1));
    std::shared_ptr<Logger> target;
    {
      port::MutexLock l(&mu_);
      headers_.push_back(line);
      target = current_;
    }
    if (target != nullptr) Header(target.get(), "%s", line.c_str());
  }

  size_t GetLogFileSize() const override {
    port::MutexLock l(&mu_);
    return current_ != nullptr ? current_->GetLogFileSize() : 0;
  }
  void Flush() override {
    std::shared_ptr<Logger> target;
    {
      port::MutexLock l(&mu_);
      target = current_;
    }
    if (target != nullptr) target->Flush();
  }

 protected:
  Status CloseImpl() override {
    port::MutexLock l(&mu_);
    if (current_ == nullptr) return Status::OK();
    Status s = current_->Close();
    current_.reset();
    return s;
  }

 private:
  Status MoveCurrentAside() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (current_ != nullptr) {
      current_->Close().PermitUncheckedError();
      current_.reset();
    }
    const std::string path = dir_ + "/" + file_;
    Status exists = env_->FileExists(path);
    if (exists.IsNotFound() || exists.IsPathNotFound()) return Status::OK();
    if (!exists.ok()) return exists;
    uint64_t now = env_->NowMicros();
    std::string old;
    do {
      old = path + ".old." + std::to_string(now++);
    } while (env_->FileExists(old).ok());
    Status s = env_->RenameFile(path, old);
    if (s.ok()) old_files_.push_back(old);
    if (s.IsNotFound()) s = Status::OK();
    return s;
  }

  Status NewFile() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    // The new file counts: keep_num_ - 1 old ones at most.
    while (!old_files_.empty() && old_files_.size() >= keep_num_) {
      env_->DeleteFile(old_files_.front()).PermitUncheckedError();
      old_files_.pop_front();
    }
    std::shared_ptr<Logger> next;
    Status s = env_->NewLogger(dir_ + "/" + file_, &next);
    if (!s.ok()) return s;
    next->SetInfoLogLevel(InfoLogLevel::DEBUG_LEVEL);  // this one filters
    current_ = std::move(next);
    return s;
  }

  Env* const env_;
  const std::string dir_;
  const std::string file_;
  const size_t max_size_;
  const size_t keep_num_;
  mutable port::Mutex mu_;
  std::shared_ptr<Logger> current_ SKYROCKS_GUARDED_BY(mu_);
  std::deque<std::string> old_files_ SKYROCKS_GUARDED_BY(mu_);  // oldest first
  std::vector<std::string> headers_ SKYROCKS_GUARDED_BY(mu_);
};

}  // namespace

Status CreateLoggerFromOptions(const std::string& dbname,
                               const DBOptions& options,
                               std::shared_ptr<Logger>* logger) {
  if (options.info_log != nullptr) {
    *logger = options.info_log;
    return Status::OK();
  }
  Env* env = options.env != nullptr ? options.env : Env::Default();
  std::string dir, file;
  InfoLogLocation(dbname, options.db_log_dir, &dir, &file);
  env->CreateDirIfMissing(dbname).PermitUncheckedError();
  if (dir != dbname) env->CreateDirIfMissing(dir).PermitUncheckedError();
  auto result = std::make_shared<RollingInfoLogger>(
      env, dir, file, options.max_log_file_size, options.keep_log_file_num,
      options.info_log_level);
  Status s = result->Open();
  if (s.ok()) *logger = std::move(result);
  return s;
}

namespace {

const char* OptionsBool(bool b) { return b ? "1" : "0"; }

}  // namespace

void LogDBOptionsHeader(Logger* log, const DBOptions& o) {
  Header(log, "RocksDB version: %d.%d.%d\n", ROCKSDB_MAJOR, ROCKSDB_MINOR,
         ROCKSDB_PATCH);
  Header(log, "DB SUMMARY\n");
  // RocksDB's layout: the names right-aligned before the colon.
#define SKYROCKS_OPT(name, fmt, value) \
  Header(log, "%40s: " fmt, "Options." name, value)
  SKYROCKS_OPT("error_if_exists", "%s", OptionsBool(o.error_if_exists));
  SKYROCKS_OPT("create_if_missing", "%s", OptionsBool(o.create_if_missing));
  SKYROCKS_OPT("paranoid_checks", "%s", OptionsBool(o.paranoid_checks));
  SKYROCKS_OPT("max_open_files", "%d", o.max_open_files);
  SKYROCKS_OPT("max_total_wal_size", "%" PRIu64, o.max_total_wal_size);
  SKYROCKS_OPT("use_fsync", "%s", OptionsBool(o.use_fsync));
  SKYROCKS_OPT("max_log_file_size", "%zu", o.max_log_file_size);
  SKYROCKS_OPT("max_manifest_file_size", "%" PRIu64, o.max_manifest_file_size);
  SKYROCKS_OPT("keep_log_file_num", "%zu", o.keep_log_file_num);
  SKYROCKS_OPT("recycle_log_file_num", "%zu", o.recycle_log_file_num);
  SKYROCKS_OPT("allow_mmap_reads", "%s", OptionsBool(o.allow_mmap_reads));
  SKYROCKS_OPT("allow_mmap_writes", "%s", OptionsBool(o.allow_mmap_writes));
  SKYROCKS_OPT("use_direct_reads", "%s", OptionsBool(o.use_direct_reads));
  SKYROCKS_OPT("create_missing_column_families", "%s",
               OptionsBool(o.create_missing_column_families));
  SKYROCKS_OPT("db_log_dir", "%s", o.db_log_dir.c_str());
  SKYROCKS_OPT("wal_dir", "%s", o.wal_dir.c_str());
  SKYROCKS_OPT("is_fd_close_on_exec", "%s", OptionsBool(o.is_fd_close_on_exec));
  SKYROCKS_OPT("stats_dump_period_sec", "%u", o.stats_dump_period_sec);
  SKYROCKS_OPT("db_write_buffer_size", "%zu", o.db_write_buffer_size);
  SKYROCKS_OPT("WAL_ttl_seconds", "%" PRIu64, o.WAL_ttl_seconds);
  SKYROCKS_OPT("WAL_size_limit_MB", "%" PRIu64, o.WAL_size_limit_MB);
  SKYROCKS_OPT("manifest_preallocation_size", "%zu",
               o.manifest_preallocation_size);
  SKYROCKS_OPT("wal_recovery_mode", "%d",
               static_cast<int>(o.wal_recovery_mode));
  SKYROCKS_OPT("enable_pipelined_write", "%d", o.enable_pipelined_write);
  SKYROCKS_OPT("allow_concurrent_memtable_write", "%d",
               o.allow_concurrent_memtable_write);
  SKYROCKS_OPT("avoid_flush_during_recovery", "%d",
               o.avoid_flush_during_recovery);
  SKYROCKS_OPT("allow_2pc", "%d", o.allow_2pc);
  SKYROCKS_OPT("manual_wal_flush", "%d", o.manual_wal_flush);
  SKYROCKS_OPT("atomic_flush", "%d", o.atomic_flush);
  SKYROCKS_OPT("db_host_id", "%s", o.db_host_id.c_str());
  SKYROCKS_OPT("max_background_jobs", "%d", o.max_background_jobs);
  SKYROCKS_OPT("max_background_compactions", "%d",
               o.max_background_compactions);
  SKYROCKS_OPT("max_subcompactions", "%" PRIu32, o.max_subcompactions);
  SKYROCKS_OPT("avoid_flush_during_shutdown", "%d",
               o.avoid_flush_during_shutdown);
  SKYROCKS_OPT("delete_obsolete_files_period_micros", "%" PRIu64,
               o.delete_obsolete_files_period_micros);
  SKYROCKS_OPT("max_background_flushes", "%d", o.max_background_flushes);
  SKYROCKS_OPT("bytes_per_sync", "%" PRIu64, o.bytes_per_sync);
  SKYROCKS_OPT("wal_bytes_per_sync", "%" PRIu64, o.wal_bytes_per_sync);
}

void LogColumnFamilyOptions(Logger* log, const std::string& name,
                            const ColumnFamilyOptions& o) {
  Header(log, "--------------- Options for column family [%s]:\n",
         name.c_str());
  SKYROCKS_OPT("comparator", "%s", o.comparator->Name());
  SKYROCKS_OPT("merge_operator", "%s",
               o.merge_operator ? o.merge_operator->Name() : "None");
  SKYROCKS_OPT("write_buffer_size", "%zu", o.write_buffer_size);
  SKYROCKS_OPT("max_write_buffer_number", "%d", o.max_write_buffer_number);
  SKYROCKS_OPT("compression", "%s", CompressionTypeName(o.compression));
  SKYROCKS_OPT("num_levels", "%d", o.num_levels);
  SKYROCKS_OPT("min_write_buffer_number_to_merge", "%d",
               o.min_write_buffer_number_to_merge);
  SKYROCKS_OPT("level0_file_num_compaction_trigger", "%d",
               o.level0_file_num_compaction_trigger);
  SKYROCKS_OPT("level0_slowdown_writes_trigger", "%d",
               o.level0_slowdown_writes_trigger);
  SKYROCKS_OPT("level0_stop_writes_trigger", "%d",
               o.level0_stop_writes_trigger);
  SKYROCKS_OPT("target_file_size_base", "%" PRIu64, o.target_file_size_base);
  SKYROCKS_OPT("target_file_size_multiplier", "%d",
               o.target_file_size_multiplier);
  SKYROCKS_OPT("max_bytes_for_level_base", "%" PRIu64,
               o.max_bytes_for_level_base);
  SKYROCKS_OPT("level_compaction_dynamic_level_bytes", "%d",
               o.level_compaction_dynamic_level_bytes);
  SKYROCKS_OPT("max_bytes_for_level_multiplier", "%f",
               o.max_bytes_for_level_multiplier);
  SKYROCKS_OPT("disable_auto_compactions", "%d", o.disable_auto_compactions);
  SKYROCKS_OPT("paranoid_file_checks", "%d", o.paranoid_file_checks);
  SKYROCKS_OPT("optimize_filters_for_hits", "%d", o.optimize_filters_for_hits);
  SKYROCKS_OPT("memtable_prefix_bloom_size_ratio", "%f",
               o.memtable_prefix_bloom_size_ratio);
  SKYROCKS_OPT("memtable_whole_key_filtering", "%d",
               o.memtable_whole_key_filtering);
#undef SKYROCKS_OPT
}

}  // namespace ROCKSDB_NAMESPACE
