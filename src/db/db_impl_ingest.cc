// DB::IngestExternalFile (contract in rocksdb/db.h), RocksDB 7.8.3's
// ExternalSstFileIngestionJob:
// 1. Each file is opened with the column family's comparator and checked
//    (SstFileWriter's rocksdb.external_sst_file.version property, entries,
//    keys at sequence 0); its user-key range includes its range
//    tombstones. The files overlap each other when their sorted ranges
//    touch.
// 2. Each is linked (move_files) or copied into the DB under a new file
//    number, kept in pending_outputs_ until the MANIFEST names it. On a
//    cloud DB linking is not supported, so the file is copied through the
//    cloud file system, whose Sync uploads it as a flush's SST.
// 3. With writes stopped: a memtable overlapping the files is flushed
//    (allow_blocking_flush). Each file then goes, in the order given, to
//    the lowest level (L0 or >= the base level) that nothing above it
//    overlaps by key and whose files and running compaction outputs do
//    not overlap its range; it takes sequence number last + 1 when it
//    overlaps keys of the DB, when the files overlap each other (then L0),
//    or when a snapshot exists and snapshot_consistency is set. One
//    MANIFEST edit adds all files, with smallest_seqno = largest_seqno =
//    that number (0 otherwise), which TableReader applies to every key
//    (table/global_seqno_iterator.h); the DB's last sequence advances by
//    the numbers taken.
// 4. On success moved files leave their old path; on failure the copies go.
#include <algorithm>

#include "db/compaction.h"
#include "db/db_impl.h"
#include "db/filename.h"
#include "env/file_util.h"
#include "table/table_builder.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// What ingestion learns of one external file.
struct IngestedFile {
  std::string external_path;
  std::string internal_path;  // set once linked or copied into the DB
  uint64_t file_size = 0;
  uint64_t number = 0;
  std::string smallest, largest;  // user keys
  ValueType smallest_type = kTypeValue, largest_type = kTypeValue;
  bool copied = false;
  int level = 0;
  SequenceNumber seqno = 0;
  TableProperties properties;  // as read from the external file
};

Status IngestFileError(const std::string& path, const Status& s) {
  return AddErrorContext(s, "ingesting external file " + path);
}

// Step 1 for one file.
Status ReadIngestedFile(FileSystem* fs, const ColumnFamilyData& cfd,
                        const IngestExternalFileOptions& options,
                        IngestedFile* f) {
  IOStatus io =
      fs->GetFileSize(f->external_path, IOOptions(), &f->file_size, nullptr);
  if (!io.ok()) return io;
  std::unique_ptr<FSRandomAccessFile> file;
  io = fs->NewRandomAccessFile(f->external_path, FileOptions(), &file, nullptr);
  if (!io.ok()) return io;
  TableReaderOptions ro;
  ro.icmp = &cfd.icmp;
  std::unique_ptr<TableReader> table;
  Status s = TableReader::Open(ro, std::move(file), f->external_path,
                               f->file_size, &table);
  if (!s.ok()) return s;
  if (options.verify_checksums_before_ingest) {
    s = table->VerifyChecksum();
    if (!s.ok()) return s;
  }
  const TableProperties& props = table->GetTableProperties();
  f->properties = props;
  if (props.user_collected_properties.count(
          "rocksdb.external_sst_file.version") == 0) {
    return Status::Corruption(f->external_path,
                              "External file version not found");
  }
  if (props.num_entries == 0 && props.num_range_deletions == 0) {
    return Status::InvalidArgument(f->external_path, "File contain no entries");
  }
  if (props.column_family_id != kUnknownColumnFamilyId &&
      props.column_family_id != cfd.id) {
    return Status::InvalidArgument(f->external_path,
                                   "External file column family id don't "
                                   "match");
  }
  const Comparator* ucmp = cfd.icmp.user_comparator();
  bool have = false;
  std::unique_ptr<InternalIterator> it(table->NewIterator());
  for (int end = 0; end < 2; end++) {
    if (end == 0) {
      it->SeekToFirst();
    } else {
      it->SeekToLast();
    }
    if (!it->Valid()) break;
    ParsedInternalKey pk;
    s = ParseInternalKey(it->key(), &pk);
    if (!s.ok()) return s;
    if (pk.sequence != 0) {
      return Status::Corruption(f->external_path,
                                "external file have non zero sequence number");
    }
    (end == 0 ? f->smallest : f->largest) = pk.user_key.ToString();
    (end == 0 ? f->smallest_type : f->largest_type) = pk.type;
    have = true;
  }
  if (!it->status().ok()) return it->status();
  std::unique_ptr<InternalIterator> rd(table->NewRangeTombstoneIterator());
  for (rd ? rd->SeekToFirst() : void(); rd && rd->Valid(); rd->Next()) {
    ParsedInternalKey pk;
    s = ParseInternalKey(rd->key(), &pk);
    if (!s.ok()) return s;
    if (!have || ucmp->Compare(pk.user_key, f->smallest) < 0) {
      f->smallest = pk.user_key.ToString();
      f->smallest_type = kTypeRangeDeletion;
    }
    if (!have || ucmp->Compare(rd->value(), f->largest) > 0) {
      // The end key is exclusive: RocksDB's largest key is the range
      // tombstone sentinel at the end key.
      f->largest = rd->value().ToString();
      f->largest_type = kTypeRangeDeletion;
    }
    have = true;
  }
  if (rd && !rd->status().ok()) return rd->status();
  return Status::OK();
}

// Whether the files' user-key ranges overlap each other.
bool IngestedFilesOverlap(const Comparator* ucmp,
                          const std::vector<IngestedFile>& files) {
  std::vector<const IngestedFile*> sorted;
  for (const IngestedFile& f : files) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(),
            [ucmp](const IngestedFile* a, const IngestedFile* b) {
              return ucmp->Compare(a->smallest, b->smallest) < 0;
            });
  for (size_t i = 1; i < sorted.size(); i++) {
    if (ucmp->Compare(sorted[i - 1]->largest, sorted[i]->smallest) >= 0) {
      return true;
    }
  }
  return false;
}

// Whether mem holds a key or range tombstone in [smallest, largest].
bool MemTableOverlapsRange(const MemTable& mem, const Comparator* ucmp,
                           const std::string& smallest,
                           const std::string& largest) {
  std::unique_ptr<MemTable::Iterator> it = mem.NewIterator();
  std::string target;
  AppendInternalKey(&target, smallest, kMaxSequenceNumber, kValueTypeForSeek);
  it->Seek(target);
  if (it->Valid() && ucmp->Compare(ExtractUserKey(it->key()), largest) <= 0) {
    return true;
  }
  std::unique_ptr<MemTable::Iterator> rd = mem.NewRangeTombstoneIterator();
  for (rd->SeekToFirst(); rd->Valid(); rd->Next()) {
    if (ucmp->Compare(ExtractUserKey(rd->key()), largest) <= 0 &&
        ucmp->Compare(rd->value(), smallest) > 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

Status DBImpl::IngestExternalFile(
    ColumnFamilyHandle* column_family,
    const std::vector<std::string>& external_files,
    const IngestExternalFileOptions& options) {
  if (read_only_)
    return Status::NotSupported("Not supported operation in read only mode.");
  if (options.ingest_behind) {
    return Status::NotSupported(
        "ingest_behind: skyrocks does not ingest "
        "behind the DB's data");
  }
  if (external_files.empty()) {
    return Status::InvalidArgument("The list of files is empty");
  }
  ColumnFamilyData* cfd = CfdOf(column_family);
  const Comparator* ucmp = cfd->icmp.user_comparator();
  std::vector<IngestedFile> files(external_files.size());
  Status s;
  for (size_t i = 0; s.ok() && i < files.size(); i++) {
    files[i].external_path = external_files[i];
    s = ReadIngestedFile(fs_.get(), *cfd, options, &files[i]);
    if (!s.ok()) s = IngestFileError(external_files[i], s);
  }
  if (!s.ok()) return s;
  const bool files_overlap = IngestedFilesOverlap(ucmp, files);
  if (files_overlap && !options.allow_global_seqno) {
    return Status::InvalidArgument(
        "ingesting " + std::to_string(files.size()) + " external files (" +
            external_files[0] + ", ...)",
        "Global seqno is required, but disabled (the files overlap)");
  }

  // Step 2: into the DB directory.
  {
    port::MutexLock l(&mutex_);
    for (IngestedFile& f : files) {
      f.number = versions_->NewFileNumber();
      pending_outputs_.insert(f.number);
    }
  }
  for (IngestedFile& f : files) {
    if (!s.ok()) break;
    const std::string dst = MakeTableFileName(dbname_, f.number);
    IOStatus io;
    if (options.move_files) {
      io = fs_->LinkFile(f.external_path, dst, IOOptions(), nullptr);
      if (io.ok()) {
        f.internal_path = dst;
      } else if (!io.IsNotSupported() ||
                 !options.failed_move_fall_back_to_copy) {
        s = IngestFileError(f.external_path, io);
        break;
      }
    }
    if (f.internal_path.empty()) {
      f.copied = true;
      io = CopyFilePrefix(fs_.get(), f.external_path, dst, UINT64_MAX);
      if (!io.ok()) {
        fs_->DeleteFile(dst, IOOptions(), nullptr).PermitUncheckedError();
        s = IngestFileError(f.external_path, io);
        break;
      }
      f.internal_path = dst;
    }
  }
  if (s.ok()) s = FsyncDirectory(fs_.get(), dbname_);

  // Step 3: levels, sequence numbers, the MANIFEST.
  port::MutexLock l(&mutex_);
  if (s.ok()) {
    s = WithWritesStopped([&]() SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(
                              mutex_) -> Status {
      if (IsDBStopped()) return bg_error_;
      bool overlaps_mem = false;
      for (const IngestedFile& f : files) {
        if (MemTableOverlapsRange(*cfd->mem, ucmp, f.smallest, f.largest)) {
          overlaps_mem = true;
        }
        for (const ImmutableMemTable& imm : cfd->imm) {
          if (MemTableOverlapsRange(*imm.mem, ucmp, f.smallest, f.largest)) {
            overlaps_mem = true;
          }
        }
      }
      if (overlaps_mem) {
        if (!options.allow_blocking_flush) {
          return Status::InvalidArgument("External file requires flush");
        }
        const size_t imm_before = cfd->imm.size();
        Status fs = SwitchMemTable(cfd);
        if (fs.ok() && cfd->imm.size() > imm_before) {
          cfd->imm.front().flush_reason = FlushReason::kExternalFileIngestion;
        }
        NotifyMemTablesSealed();  // WaitForFlush releases the mutex too
        if (fs.ok()) fs = WaitForFlush(cfd);
        if (!fs.ok()) return fs;
      }
      const Version& v = *cfd->current;
      const int levels = NumLevelsOf(cfd->options);
      const int base_level = ComputeLevelTargets(cfd->options, v).base_level;
      // Whether a key or range tombstone of `level` lies in f's range.
      auto keys_overlap = [&](int level, const IngestedFile& f,
                              bool* overlap) -> Status {
        *overlap = false;
        const Slice lo(f.smallest), hi(f.largest);
        for (const FileMetaPtr& m :
             v.OverlappingInputs(cfd->icmp, level, &lo, &hi)) {
          std::shared_ptr<TableReader> t;
          Status ts =
              table_cache_->Get(m->number, m->file_size, m->largest_seqno,
                                &cfd->icmp, cfd->table_factory().get(), &t);
          if (!ts.ok()) return ts;
          std::unique_ptr<InternalIterator> it(t->NewIterator());
          std::string target;
          AppendInternalKey(&target, f.smallest, kMaxSequenceNumber,
                            kValueTypeForSeek);
          it->Seek(target);
          if (it->Valid() &&
              ucmp->Compare(ExtractUserKey(it->key()), f.largest) <= 0) {
            *overlap = true;
            return Status::OK();
          }
          if (!it->status().ok()) return it->status();
          std::unique_ptr<InternalIterator> rd(t->NewRangeTombstoneIterator());
          for (rd ? rd->SeekToFirst() : void(); rd && rd->Valid(); rd->Next()) {
            if (ucmp->Compare(ExtractUserKey(rd->key()), f.largest) <= 0 &&
                ucmp->Compare(rd->value(), f.smallest) > 0) {
              *overlap = true;
              return Status::OK();
            }
          }
        }
        return Status::OK();
      };
      const bool force_seqno =
          options.snapshot_consistency && !snapshots_.empty();
      SequenceNumber last = versions_->LastAllocatedSequence();
      const SequenceNumber first_last = last;
      VersionEdit edit;
      for (IngestedFile& f : files) {
        f.seqno = 0;
        f.level = 0;
        if (force_seqno) f.seqno = last + 1;
        if (!(force_seqno && files_overlap)) {
          bool overlap_with_db = false;
          for (int lvl = 0; lvl < levels; lvl++) {
            if (lvl > 0 && lvl < base_level) continue;
            if (!v.files[lvl].empty()) {
              bool overlap = false;
              Status os = keys_overlap(lvl, f, &overlap);
              if (!os.ok()) return os;
              if (overlap) {
                overlap_with_db = true;
                break;
              }
            }
            const Slice lo(f.smallest), hi(f.largest);
            const bool fits =
                lvl == 0 || (!v.OverlapInLevel(cfd->icmp, lvl, &lo, &hi) &&
                             !compactions_.WritesInto(cfd->id, lvl, ucmp,
                                                      f.smallest, f.largest));
            if (fits) f.level = lvl;
          }
          if (files_overlap) {
            f.level = 0;
            f.seqno = last + 1;
          }
          if (overlap_with_db && f.seqno == 0) f.seqno = last + 1;
        }
        if (options.fail_if_not_bottommost_level && f.level < levels - 1) {
          return Status::TryAgain(
              f.external_path,
              "Files cannot be ingested to Lmax. Please make sure key range "
              "of Lmax does not overlap with files to ingest.");
        }
        if (f.seqno != 0 && !options.allow_global_seqno) {
          return Status::InvalidArgument(
              f.external_path, "Global seqno is required, but disabled");
        }
        if (f.seqno > last) last = f.seqno;
        FileMetaData meta;
        meta.number = f.number;
        meta.file_size = f.file_size;
        meta.smallest = InternalKey(f.smallest, f.seqno, f.smallest_type);
        meta.largest =
            f.largest_type == kTypeRangeDeletion
                ? InternalKey(f.largest, kMaxSequenceNumber, kTypeRangeDeletion)
                : InternalKey(f.largest, f.seqno, f.largest_type);
        meta.smallest_seqno = f.seqno;
        meta.largest_seqno = f.seqno;
        meta.oldest_ancester_time = env_->NowMicros() / 1000000;
        meta.file_creation_time = meta.oldest_ancester_time;
        edit.AddFile(f.level, meta);
      }
      if (last != first_last) versions_->SetLastSequence(last);
      Status ls = versions_->LogAndApply(cfd, &edit);
      // On failure the numbers stay taken: a later write must not reuse
      // them while a MANIFEST might name these files.
      return ls;
    });
  }
  for (const IngestedFile& f : files) pending_outputs_.erase(f.number);
  if (!s.ok()) {
    for (const IngestedFile& f : files) {
      if (f.internal_path.empty()) continue;
      fs_->DeleteFile(f.internal_path, IOOptions(), nullptr)
          .PermitUncheckedError();
    }
    return s;
  }
  if (options.move_files) {
    for (const IngestedFile& f : files) {
      fs_->DeleteFile(f.external_path, IOOptions(), nullptr)
          .PermitUncheckedError();
    }
  }
  MaybeScheduleCompaction();
  if (!cfd->dropped && !options_.listeners.empty()) {
    std::vector<ExternalFileIngestionInfo> infos(files.size());
    for (size_t i = 0; i < files.size(); i++) {
      infos[i].cf_name = cfd->name;
      infos[i].external_file_path = files[i].external_path;
      infos[i].internal_file_path = files[i].internal_path;
      infos[i].global_seqno = files[i].seqno;
      infos[i].table_properties = files[i].properties;
    }
    NotifyExternalFilesIngested(cfd, infos);
  }
  NotifyStallConditionsChanged();
  return Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
