// DB::OpenAsSecondary and DBImpl::TryCatchUpWithPrimary: a read-only
// DBImpl that takes no LOCK, may open a subset of the column families, and
// on demand replaces its view with the primary's current one: the Version
// of each column family from the MANIFEST that CURRENT names (read into a
// scratch VersionSet), and memtables rebuilt from the WALs those Versions
// still need. Readers keep the SuperVersion they took (its memtables and
// Version stay alive), as with a flush. Nothing is written under the
// primary's directory; secondary_path is created for the instance (skyrocks
// keeps no info log there yet). The primary may be this process or another,
// and skyrocks or RocksDB.
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "db/db_impl.h"
#include "db/options_check.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// A MANIFEST or WAL record being appended while it is read shows as a
// torn tail: read the primary again a few times before giving up.
// A flush that finishes during a catch-up makes it read again as well.
constexpr int kCatchUpAttempts = 8;

Status OpenSecondaryImpl(
    const DBOptions& db_options, const std::string& name,
    const std::string& secondary_path,
    const std::vector<ColumnFamilyDescriptor>& column_families,
    std::vector<ColumnFamilyHandle*>* handles, DB** dbptr) {
  *dbptr = nullptr;
  Status s = CheckOptionsSupported(db_options, column_families);
  if (!s.ok()) return s;
  Env* env = db_options.env != nullptr ? db_options.env : Env::Default();
  IOStatus io = env->GetFileSystem()->CreateDirIfMissing(secondary_path,
                                                         IOOptions(), nullptr);
  if (!io.ok()) return std::move(io);
  auto impl = std::make_unique<DBImpl>(db_options, name, true);
  impl->SetSecondary();
  s = impl->OpenImpl(column_families, handles, false);
  if (!s.ok()) return s;
  *dbptr = impl.release();
  return s;
}

}  // namespace

Status DB::OpenAsSecondary(const Options& options, const std::string& name,
                           const std::string& secondary_path, DB** dbptr) {
  std::vector<ColumnFamilyHandle*> handles;
  Status s = OpenSecondaryImpl(
      DBOptions(options), name, secondary_path,
      {ColumnFamilyDescriptor(kDefaultColumnFamilyName,
                              ColumnFamilyOptions(options))},
      &handles, dbptr);
  if (s.ok()) delete handles[0];  // the DB keeps its own default handle
  return s;
}

Status DB::OpenAsSecondary(
    const DBOptions& db_options, const std::string& name,
    const std::string& secondary_path,
    const std::vector<ColumnFamilyDescriptor>& column_families,
    std::vector<ColumnFamilyHandle*>* handles, DB** dbptr) {
  return OpenSecondaryImpl(db_options, name, secondary_path, column_families,
                           handles, dbptr);
}

Status DBImpl::TryCatchUpWithPrimary() {
  if (!secondary_) {
    return Status::NotSupported("Supported only by secondary instance");
  }
  port::MutexLock one_at_a_time(&catch_up_mu_);
  std::map<std::string, ColumnFamilyOptions> cf_options;
  {
    port::MutexLock l(&mutex_);
    for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
      cf_options[cfd->name] = cfd->options;
    }
  }
  // The primary's MANIFEST, read into a VersionSet of our own.
  auto read_primary = [&](std::unique_ptr<VersionSet>* v) {
    *v = std::make_unique<VersionSet>(dbname_, fs_.get(), options_);
    RecoveredColumnFamilies found;
    return (*v)->Recover(cf_options, &found);
  };
  auto retriable = [](const Status& st) {
    return st.IsCorruption() || st.IsPathNotFound() || st.IsNotFound();
  };
  std::unique_ptr<VersionSet> primary;
  Status s;
  for (int attempt = 0; attempt < kCatchUpAttempts; attempt++) {
    if (primary == nullptr) {
      s = read_primary(&primary);
      if (retriable(s)) {
        primary.reset();
        continue;
      }
      if (!s.ok()) return s;
    }
    SequenceNumber max_seq = primary->LastSequence();
    {
      port::MutexLock l(&mutex_);
      for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
        ColumnFamilyData* p = primary->GetColumnFamily(cfd->name);
        if (p == nullptr) {
          // Dropped by the primary: what it held stays readable here, as
          // in RocksDB, and no WAL is replayed into it again.
          cfd->log_number = std::numeric_limits<uint64_t>::max();
          continue;
        }
        cfd->current = p->current;
        cfd->log_number = p->log_number;
        for (ImmutableMemTable& m : cfd->imm) m.mem->Unref();
        cfd->imm.clear();
        cfd->mem->Unref();
        cfd->mem = cfd->NewMemTable();
      }
      std::vector<uint64_t> replayed;
      s = RecoverWals(false, &max_seq, &replayed);
    }
    // The half-filled memtables are not installed until the WALs read are
    // known to be all the MANIFEST needed; a retry replaces them.
    std::unique_ptr<VersionSet> now;
    if (s.ok()) {
      // A WAL the MANIFEST named may have been deleted before the WAL
      // directory was listed (a flush finished in between): its writes are
      // then in neither. The primary deletes a WAL only after a MANIFEST
      // record moves the oldest WAL it keeps past it, so a MANIFEST read
      // now that keeps the same oldest WAL proves none was missed.
      s = read_primary(&now);
      if (s.ok() &&
          (now->MinLogNumberInUse() != primary->MinLogNumberInUse() ||
           now->min_log_number_to_keep() != primary->min_log_number_to_keep())) {
        s = Status::TryAgain(dbname_,
                             "the primary flushed during each of " +
                                 std::to_string(kCatchUpAttempts) +
                                 " catch-up attempts: the WALs read may miss "
                                 "writes; nothing was installed");
        primary = std::move(now);
        continue;
      }
    }
    if (retriable(s) && attempt + 1 < kCatchUpAttempts) {
      // The primary deleted a WAL this MANIFEST still named (a flush
      // finished meanwhile) or was writing its MANIFEST: read it again.
      primary.reset();
      continue;
    }
    if (!s.ok()) return s;
    port::MutexLock l(&mutex_);
    for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
      cfd->InstallSuperVersion();
    }
    versions_->SetLastSequence(max_seq);
    OpenAllTables();  // before the primary deletes any of them
    return Status::OK();
  }
  return s;
}

}  // namespace ROCKSDB_NAMESPACE
