// The persistent state of a DB: which SST files each column family has on
// which level, the WAL numbers still needed, the next file number and the
// last sequence, kept in the MANIFEST (a log of VersionEdits, RocksDB
// 7.8.3's format) named by CURRENT.
//
// Version: an immutable snapshot of one column family's files, shared by
// readers through shared_ptr (files stay readable while a reader holds the
// Version). L0 is ordered newest first; deeper levels by smallest key.
// ColumnFamilyData: one column family's options, comparator, current
// Version and memtables (the memtables are managed by DBImpl).
// VersionSet: recovers all of this from CURRENT + MANIFEST, applies and
// persists edits (LogAndApply), and starts a new MANIFEST (snapshot of the
// whole state, then CURRENT switched atomically) when the DB is opened or
// the MANIFEST outgrows max_manifest_file_size.
//
// Thread-safety: VersionSet and ColumnFamilyData are guarded by the DB
// mutex (the caller holds it); Versions are immutable. Once SetDbMutex
// names that mutex, LogAndApply releases it while it appends and syncs
// the MANIFEST (a sync of a cloud DB's MANIFEST is an upload), so writers
// and readers go on meanwhile; one MANIFEST write runs at a time, the
// others wait their turn (leveldb's and RocksDB's manifest writer queue).
// The MANIFEST's number and size are read only between those writes.
#ifndef SKYROCKS_DB_VERSION_SET_H_
#define SKYROCKS_DB_VERSION_SET_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "db/log_writer.h"
#include "db/memtable.h"
#include "db/version_edit.h"
#include "port/mutex.h"
#include "rocksdb/column_family_handle.h"
#include "rocksdb/file_system.h"
#include "rocksdb/listener.h"
#include "rocksdb/options.h"
#include "table/dbformat.h"

namespace ROCKSDB_NAMESPACE {

constexpr int kMaxNumLevels = 7;

using FileMetaPtr = std::shared_ptr<const FileMetaData>;

// The index of the first of files (sorted, disjoint: a level >= 1) whose
// largest key is >= internal_key; files.size() when there is none
// (leveldb's FindFile).
size_t FindFile(const InternalKeyComparator& icmp,
                const std::vector<FileMetaPtr>& files,
                const Slice& internal_key);

// The queries below binary-search the levels >= 1 (sorted by smallest key,
// disjoint, though neighbours may share a boundary user key) and scan L0
// (its files overlap), as leveldb's Version does. Ranges are user keys.
struct Version {
  std::vector<FileMetaPtr> files[kMaxNumLevels];
  uint64_t NumFiles() const;
  uint64_t TotalFileSize() const;

  // Calls fn(file) for the files that may hold the user key of
  // internal_key, in the order to search them, until fn returns false: the
  // L0 files whose range holds it, newest first, then per deeper level the
  // first file whose largest key is >= internal_key (it holds the newest
  // visible entry), and the next ones only while the user key reaches
  // their largest key (a user key may straddle two files, older versions
  // in the next one, which a Get reaches only if needed). The files stay
  // alive while the Version does.
  template <typename Fn>
  void ForEachCandidateFile(const InternalKeyComparator& icmp,
                            const Slice& internal_key, Fn&& fn) const;

  // The files of `level` whose user-key range meets [begin, end] (null:
  // unbounded), in the level's order. On L0 the range grows by each file
  // taken until no other L0 file overlaps it (leveldb's
  // GetOverlappingInputs): an older L0 file left behind overlaps none of
  // those returned.
  std::vector<FileMetaPtr> OverlappingInputs(const InternalKeyComparator& icmp,
                                             int level, const Slice* begin,
                                             const Slice* end) const;

  // Whether a file of `level` meets [smallest, largest] (null: unbounded).
  bool OverlapInLevel(const InternalKeyComparator& icmp, int level,
                      const Slice* smallest, const Slice* largest) const;
};

template <typename Fn>
void Version::ForEachCandidateFile(const InternalKeyComparator& icmp,
                                   const Slice& internal_key, Fn&& fn) const {
  const Comparator* ucmp = icmp.user_comparator();
  const Slice user_key = ExtractUserKey(internal_key);
  for (const FileMetaPtr& f : files[0]) {
    if (ucmp->Compare(user_key, f->smallest.user_key()) >= 0 &&
        ucmp->Compare(user_key, f->largest.user_key()) <= 0) {
      if (!fn(*f)) return;
    }
  }
  for (int level = 1; level < kMaxNumLevels; level++) {
    const std::vector<FileMetaPtr>& level_files = files[level];
    for (size_t i = FindFile(icmp, level_files, internal_key);
         i < level_files.size() &&
         ucmp->Compare(user_key, level_files[i]->smallest.user_key()) >= 0;
         i++) {
      if (!fn(*level_files[i])) return;
      if (ucmp->Compare(user_key, level_files[i]->largest.user_key()) < 0) {
        break;
      }
    }
  }
}

// A memtable waiting to be flushed, with the number of the WAL opened when
// it stopped taking writes: once it is in an SST, older WALs hold nothing
// of this column family.
struct ImmutableMemTable {
  MemTable* mem;  // referenced
  uint64_t next_log_number;
  // Why it is flushed (listeners and the info LOG).
  FlushReason flush_reason = FlushReason::kWriteBufferFull;
};

// What a read of one column family needs, captured at once: the memtables
// (newest first, referenced until the SuperVersion goes) and the Version.
// Immutable; shared by readers without the DB mutex.
struct SuperVersion {
  std::vector<MemTable*> mems;
  std::shared_ptr<const Version> version;
  // The column family's prefix_extractor when this was installed (reads
  // use it: SetOptions installs a new SuperVersion).
  std::shared_ptr<const SliceTransform> prefix_extractor;
  SuperVersion() = default;
  SuperVersion(const SuperVersion&) = delete;
  SuperVersion& operator=(const SuperVersion&) = delete;
  ~SuperVersion() {
    for (MemTable* m : mems) m->Unref();
  }
};

struct ColumnFamilyData {
  ColumnFamilyData(uint32_t id_in, std::string name_in,
                   const ColumnFamilyOptions& opts);
  ~ColumnFamilyData();
  ColumnFamilyData(const ColumnFamilyData&) = delete;
  ColumnFamilyData& operator=(const ColumnFamilyData&) = delete;

  const uint32_t id;
  const std::string name;
  ColumnFamilyOptions options;
  InternalKeyComparator icmp;
  std::shared_ptr<const Version> current;
  // WALs numbered below this hold nothing this column family needs.
  uint64_t log_number = 0;
  bool dropped = false;
  MemTable* mem = nullptr;             // referenced
  // The DB's last sequence when mem was made by a memtable switch (0 for
  // the memtable of a fresh open), RocksDB's MemTableInfo::earliest_seqno.
  SequenceNumber mem_earliest_seqno = 0;
  // The write stall condition last told to the listeners
  // (DBImpl::NotifyStallConditionsChanged).
  WriteStallCondition write_stall = WriteStallCondition::kNormal;
  std::vector<ImmutableMemTable> imm;  // newest first
  bool flush_scheduled = false;

 private:
  std::shared_ptr<TableFactory> table_factory_;

 public:
  // The table factory that opens this family's tables, safe to read
  // without the DB mutex (SetOptions replaces `options` under the mutex,
  // then this).
  std::shared_ptr<TableFactory> table_factory() const {
    return std::atomic_load(&table_factory_);
  }
  void SetTableFactory(std::shared_ptr<TableFactory> f) {
    std::atomic_store(&table_factory_, std::move(f));
  }

  // A new, referenced memtable with RocksDB's arena block size
  // (write_buffer_size / 8, within [4 KiB, 1 MiB]).
  MemTable* NewMemTable() const;

  // Writes to this family stop (RocksDB's write stall "stop" conditions
  // that skyrocks has): its L0 reached level0_stop_writes_trigger (with
  // auto compactions), or its memtable is full while
  // max_write_buffer_number - 1 wait for their flush. REQUIRES: DB mutex
  // held.
  bool L0StopsWrites() const;
  bool MemtablesStopWrites() const;

  // Publishes mem, imm and current as the SuperVersion readers get.
  // REQUIRES: DB mutex held; mem != nullptr.
  void InstallSuperVersion();
  // The current SuperVersion (no lock needed).
  std::shared_ptr<const SuperVersion> GetSuperVersion() const {
    return std::atomic_load(&super_version_);
  }

 private:
  std::shared_ptr<const SuperVersion> super_version_;

 public:
};

// What Recover found about column families.
struct RecoveredColumnFamilies {
  std::vector<std::string> in_manifest_not_requested;
};

class VersionSet {
 public:
  VersionSet(std::string dbname, FileSystem* fs, const DBOptions& options);
  ~VersionSet();
  VersionSet(const VersionSet&) = delete;
  VersionSet& operator=(const VersionSet&) = delete;

  // Writes a new DB: IDENTITY (db_id), MANIFEST-000001 with {LogNumber 0,
  // NextFileNumber 2, LastSequence 0}, CURRENT.
  static Status CreateNewDB(const std::string& dbname, FileSystem* fs,
                            const std::string& db_id);

  // Reads CURRENT and the MANIFEST. cf_options holds the options of each
  // column family the caller opens (by name; "default" required); a column
  // family of the MANIFEST missing there gets default options and is
  // reported in *found. Errors name CURRENT or the MANIFEST.
  Status Recover(const std::map<std::string, ColumnFamilyOptions>& cf_options,
                 RecoveredColumnFamilies* found);

  // Persists edit (for cfd; nullptr: DB-wide fields only) to the MANIFEST,
  // starting a new one first when none is open or the current one is too
  // large, then applies it. The edit gets NextFileNumber and LastSequence.
  // REQUIRES: the DB mutex held (released while the MANIFEST is written,
  // see above).
  Status LogAndApply(ColumnFamilyData* cfd, VersionEdit* edit);
  // Several edits (each for a different column family) in one MANIFEST
  // write and one sync; applied together or not at all.
  Status LogAndApply(
      const std::vector<std::pair<ColumnFamilyData*, VersionEdit*>>& edits);
  // The DB mutex the callers hold (nullptr: never released).
  void SetDbMutex(port::Mutex* mu);
  // Waits until no MANIFEST write is in progress. REQUIRES: DB mutex held.
  void WaitForManifestWrites();

  // Adds a column family (persisted) whose writes start in WAL
  // log_number. *cfd is owned by the VersionSet.
  Status CreateColumnFamily(const std::string& name,
                            const ColumnFamilyOptions& options,
                            uint64_t log_number, ColumnFamilyData** cfd);
  // Persists the drop. The family's files stay live (readable through
  // its handle) until ReleaseDroppedColumnFamily, called when the handle
  // is destroyed; then only readers still holding its Version keep them.
  // REQUIRES: DB mutex held; for Release, cfd->dropped.
  Status DropColumnFamily(ColumnFamilyData* cfd);
  void ReleaseDroppedColumnFamily(ColumnFamilyData* cfd);

  static Status ListColumnFamilies(const std::string& dbname, FileSystem* fs,
                                   std::vector<std::string>* names);

  uint64_t NewFileNumber() { return next_file_number_++; }
  uint64_t current_next_file_number() const { return next_file_number_; }
  void MarkFileNumberUsed(uint64_t n) {
    if (next_file_number_ <= n) next_file_number_ = n + 1;
  }
  // The last sequence number readers may see (published).
  SequenceNumber LastSequence() const {
    return last_sequence_.load(std::memory_order_acquire);
  }
  // Publishes s; the allocated sequence never falls behind it.
  void SetLastSequence(SequenceNumber s) {
    last_sequence_.store(s, std::memory_order_release);
    if (last_allocated_sequence_.load(std::memory_order_relaxed) < s) {
      last_allocated_sequence_.store(s, std::memory_order_release);
    }
  }
  // The last sequence number given to a write, published or not: ahead of
  // LastSequence while write groups wait for their WAL to be durable
  // (their entries are in the memtables already, so a MANIFEST records
  // this one). Set by the writer at the front of the queue, under the DB
  // mutex.
  SequenceNumber LastAllocatedSequence() const {
    return last_allocated_sequence_.load(std::memory_order_acquire);
  }
  void SetLastAllocatedSequence(SequenceNumber s) {
    last_allocated_sequence_.store(s, std::memory_order_release);
  }
  uint64_t manifest_file_number() const { return manifest_file_number_; }
  // The error of the last MANIFEST write while it stands (RocksDB's
  // io_status()): the MANIFEST may end in a torn record, so the next
  // LogAndApply writes a new one; OK once one succeeded.
  const Status& io_status() const { return io_status_; }
  uint64_t manifest_file_size() const;
  uint64_t prev_log_number() const { return prev_log_number_; }
  // The MANIFEST's MinLogNumberToKeep (RocksDB writes it with allow_2pc);
  // 0 when none was recorded.
  uint64_t min_log_number_to_keep() const { return min_log_number_to_keep_; }
  // The smallest log_number over live column families: WALs below it are
  // obsolete.
  uint64_t MinLogNumberInUse() const;
  const std::string& db_id() const { return db_id_; }
  void set_db_id(const std::string& id) { db_id_ = id; }

  ColumnFamilyData* GetColumnFamily(uint32_t id) const;
  ColumnFamilyData* GetColumnFamily(const std::string& name) const;
  // Live (not dropped) column families, by id.
  std::vector<ColumnFamilyData*> LiveColumnFamilies() const;
  // Calls f(cfd) for each of them, by id, allocating nothing (the write
  // path's per-write checks).
  template <typename F>
  void ForEachLiveColumnFamily(F&& f) const {
    for (const auto& kv : column_families_) {
      if (!kv.second->dropped) f(kv.second.get());
    }
  }
  // Every SST file number a Version still referenced anywhere (the current
  // ones, dropped families' until released, and older ones iterators or
  // reads hold) contains.
  void AddLiveFiles(std::vector<uint64_t>* numbers);

 private:
  Status OpenNewManifest();
  Status WriteSnapshot(log::Writer* log);
  static Status ApplyToVersion(const ColumnFamilyData& cfd,
                               const VersionEdit& edit,
                               std::shared_ptr<const Version>* version);
  ColumnFamilyData* AddColumnFamilyData(uint32_t id, const std::string& name,
                                        const ColumnFamilyOptions& options);

  const std::string dbname_;
  FileSystem* const fs_;
  const bool use_fsync_;
  const uint64_t max_manifest_file_size_;
  std::map<uint32_t, std::unique_ptr<ColumnFamilyData>> column_families_;
  uint64_t next_file_number_ = 2;
  std::atomic<SequenceNumber> last_sequence_{0};
  std::atomic<SequenceNumber> last_allocated_sequence_{0};
  uint64_t manifest_file_number_ = 0;
  uint64_t prev_log_number_ = 0;
  uint64_t min_log_number_to_keep_ = 0;
  uint32_t max_column_family_ = 0;
  std::string db_id_;
  std::unique_ptr<log::Writer> manifest_;
  Status io_status_;
  // The DB mutex (DBImpl::mutex_; nullptr: none). It guards this VersionSet,
  // but the callers hold it as DBImpl::mutex_, a name clang's thread-safety
  // analysis cannot tie to db_mu_, so the fields here are not annotated
  // and the "REQUIRES: DB mutex held" contracts stay comments.
  port::Mutex* db_mu_ = nullptr;
  std::unique_ptr<port::CondVar> manifest_cv_;  // over *db_mu_
  // LogAndApply's release and retake of *db_mu_ around the MANIFEST write
  // (no-ops without a DB mutex).
  void ReleaseDbMutex();
  void RetakeDbMutex();
  bool manifest_writing_ = false;
  // Every Version made current, to find files still in use after they left
  // the current Version (pruned as they expire).
  std::vector<std::weak_ptr<const Version>> all_versions_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_VERSION_SET_H_
