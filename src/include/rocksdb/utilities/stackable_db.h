// StackableDB: a DB that forwards every call to another DB it owns, for
// wrappers that add behaviour around an open DB (DBCloud). As RocksDB's
// utilities/stackable_db.h. Thread-safety: that of the wrapped DB.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_STACKABLE_DB_H_
#define SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_STACKABLE_DB_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "rocksdb/db.h"

namespace ROCKSDB_NAMESPACE {

class StackableDB : public DB {
 public:
  // Takes ownership of db.
  explicit StackableDB(DB* db) : db_(db) {}
  ~StackableDB() override { delete db_; }

  virtual DB* GetBaseDB() { return db_; }

  Status Close() override { return db_->Close(); }
  Status CreateColumnFamily(const ColumnFamilyOptions& options,
                            const std::string& name,
                            ColumnFamilyHandle** handle) override {
    return db_->CreateColumnFamily(options, name, handle);
  }
  Status DropColumnFamily(ColumnFamilyHandle* cf) override {
    return db_->DropColumnFamily(cf);
  }
  Status DestroyColumnFamilyHandle(ColumnFamilyHandle* cf) override {
    return db_->DestroyColumnFamilyHandle(cf);
  }
  ColumnFamilyHandle* DefaultColumnFamily() const override {
    return db_->DefaultColumnFamily();
  }

  using DB::Delete;
  using DB::Get;
  using DB::Merge;
  using DB::MultiGet;
  using DB::Put;
  using DB::SingleDelete;
  Status Put(const WriteOptions& o, ColumnFamilyHandle* cf, const Slice& key,
             const Slice& value) override {
    return db_->Put(o, cf, key, value);
  }
  Status Delete(const WriteOptions& o, ColumnFamilyHandle* cf,
                const Slice& key) override {
    return db_->Delete(o, cf, key);
  }
  Status SingleDelete(const WriteOptions& o, ColumnFamilyHandle* cf,
                      const Slice& key) override {
    return db_->SingleDelete(o, cf, key);
  }
  Status DeleteRange(const WriteOptions& o, ColumnFamilyHandle* cf,
                     const Slice& begin, const Slice& end) override {
    return db_->DeleteRange(o, cf, begin, end);
  }
  Status Merge(const WriteOptions& o, ColumnFamilyHandle* cf, const Slice& key,
               const Slice& value) override {
    return db_->Merge(o, cf, key, value);
  }
  Status Write(const WriteOptions& o, WriteBatch* updates) override {
    return db_->Write(o, updates);
  }
  Status Get(const ReadOptions& o, ColumnFamilyHandle* cf, const Slice& key,
             PinnableSlice* value) override {
    return db_->Get(o, cf, key, value);
  }
  Status Get(const ReadOptions& o, ColumnFamilyHandle* cf, const Slice& key,
             std::string* value) override {
    return db_->Get(o, cf, key, value);
  }
  std::vector<Status> MultiGet(const ReadOptions& o,
                               const std::vector<ColumnFamilyHandle*>& cfs,
                               const std::vector<Slice>& keys,
                               std::vector<std::string>* values) override {
    return db_->MultiGet(o, cfs, keys, values);
  }
  void MultiGet(const ReadOptions& o, ColumnFamilyHandle* cf, size_t n,
                const Slice* keys, PinnableSlice* values, Status* statuses,
                bool sorted_input = false) override {
    db_->MultiGet(o, cf, n, keys, values, statuses, sorted_input);
  }
  using DB::NewIterator;
  Iterator* NewIterator(const ReadOptions& o, ColumnFamilyHandle* cf) override {
    return db_->NewIterator(o, cf);
  }
  Status NewIterators(const ReadOptions& o,
                      const std::vector<ColumnFamilyHandle*>& cfs,
                      std::vector<Iterator*>* iterators) override {
    return db_->NewIterators(o, cfs, iterators);
  }
  const Snapshot* GetSnapshot() override { return db_->GetSnapshot(); }
  void ReleaseSnapshot(const Snapshot* s) override { db_->ReleaseSnapshot(s); }
  using DB::GetIntProperty;
  using DB::GetProperty;
  bool GetProperty(ColumnFamilyHandle* cf, const Slice& property,
                   std::string* value) override {
    return db_->GetProperty(cf, property, value);
  }
  bool GetIntProperty(ColumnFamilyHandle* cf, const Slice& property,
                      uint64_t* value) override {
    return db_->GetIntProperty(cf, property, value);
  }
  using DB::GetMapProperty;
  bool GetMapProperty(ColumnFamilyHandle* cf, const Slice& property,
                      std::map<std::string, std::string>* value) override {
    return db_->GetMapProperty(cf, property, value);
  }
  bool GetAggregatedIntProperty(const Slice& property,
                                uint64_t* value) override {
    return db_->GetAggregatedIntProperty(property, value);
  }
  using DB::GetApproximateSizes;
  Status GetApproximateSizes(const SizeApproximationOptions& o,
                             ColumnFamilyHandle* cf, const Range* ranges,
                             int n, uint64_t* sizes) override {
    return db_->GetApproximateSizes(o, cf, ranges, n, sizes);
  }
  using DB::GetApproximateMemTableStats;
  void GetApproximateMemTableStats(ColumnFamilyHandle* cf, const Range& range,
                                   uint64_t* const count,
                                   uint64_t* const size) override {
    db_->GetApproximateMemTableStats(cf, range, count, size);
  }
  using DB::KeyMayExist;
  bool KeyMayExist(const ReadOptions& o, ColumnFamilyHandle* cf,
                   const Slice& key, std::string* value, std::string* timestamp,
                   bool* value_found = nullptr) override {
    return db_->KeyMayExist(o, cf, key, value, timestamp, value_found);
  }
  Status SetDBOptions(
      const std::unordered_map<std::string, std::string>& opts) override {
    return db_->SetDBOptions(opts);
  }
  using DB::VerifyChecksum;
  Status VerifyChecksum(const ReadOptions& o) override {
    return db_->VerifyChecksum(o);
  }
  Status DeleteFilesInRanges(ColumnFamilyHandle* cf, const RangePtr* ranges,
                             size_t n, bool include_end = true) override {
    return db_->DeleteFilesInRanges(cf, ranges, n, include_end);
  }
  using DB::CompactRange;
  using DB::Flush;
  Status Flush(const FlushOptions& o, ColumnFamilyHandle* cf) override {
    return db_->Flush(o, cf);
  }
  Status CompactRange(const CompactRangeOptions& o, ColumnFamilyHandle* cf,
                      const Slice* begin, const Slice* end) override {
    return db_->CompactRange(o, cf, begin, end);
  }
  Status WaitForCompact() override { return db_->WaitForCompact(); }
  Status SyncWAL() override { return db_->SyncWAL(); }
  Status FlushWAL(bool sync) override { return db_->FlushWAL(sync); }
  SequenceNumber GetLatestSequenceNumber() const override {
    return db_->GetLatestSequenceNumber();
  }
  Status GetLiveFiles(std::vector<std::string>& files,
                      uint64_t* manifest_file_size,
                      bool flush_memtable = true) override {
    return db_->GetLiveFiles(files, manifest_file_size, flush_memtable);
  }
  Status GetSortedWalFiles(VectorLogPtr& files) override {
    return db_->GetSortedWalFiles(files);
  }
  Status TryCatchUpWithPrimary() override {
    return db_->TryCatchUpWithPrimary();
  }
  Status GetUpdatesSince(
      SequenceNumber seq_number, std::unique_ptr<TransactionLogIterator>* iter,
      const TransactionLogIterator::ReadOptions& read_options =
          TransactionLogIterator::ReadOptions()) override {
    return db_->GetUpdatesSince(seq_number, iter, read_options);
  }
  Status DisableFileDeletions() override { return db_->DisableFileDeletions(); }
  Status EnableFileDeletions(bool force = true) override {
    return db_->EnableFileDeletions(force);
  }
  const std::string& GetName() const override { return db_->GetName(); }
  Status GetDbIdentity(std::string& identity) const override {
    return db_->GetDbIdentity(identity);
  }
  DBOptions GetDBOptions() const override { return db_->GetDBOptions(); }
  using DB::CompactFiles;
  Status CompactFiles(
      const CompactionOptions& o, ColumnFamilyHandle* cf,
      const std::vector<std::string>& input_file_names, const int output_level,
      const int output_path_id = -1,
      std::vector<std::string>* const output_file_names = nullptr,
      CompactionJobInfo* info = nullptr) override {
    return db_->CompactFiles(o, cf, input_file_names, output_level,
                             output_path_id, output_file_names, info);
  }
  using DB::IngestExternalFile;
  Status IngestExternalFile(const std::vector<std::string>& files,
                            const IngestExternalFileOptions& o) override {
    return db_->IngestExternalFile(files, o);
  }
  Status IngestExternalFile(ColumnFamilyHandle* cf,
                            const std::vector<std::string>& files,
                            const IngestExternalFileOptions& o) override {
    return db_->IngestExternalFile(cf, files, o);
  }
  using DB::SetOptions;
  Status SetOptions(
      ColumnFamilyHandle* cf,
      const std::unordered_map<std::string, std::string>& opts) override {
    return db_->SetOptions(cf, opts);
  }
  Status EnableAutoCompaction(
      const std::vector<ColumnFamilyHandle*>& cfs) override {
    return db_->EnableAutoCompaction(cfs);
  }
  Status PauseBackgroundWork() override { return db_->PauseBackgroundWork(); }
  Status Resume() override { return db_->Resume(); }
  Status ContinueBackgroundWork() override {
    return db_->ContinueBackgroundWork();
  }
  void DisableManualCompaction() override { db_->DisableManualCompaction(); }
  void EnableManualCompaction() override { db_->EnableManualCompaction(); }
  using DB::NumberLevels;
  int NumberLevels(ColumnFamilyHandle* cf) override {
    return db_->NumberLevels(cf);
  }
  void GetLiveFilesMetaData(std::vector<LiveFileMetaData>* md) override {
    db_->GetLiveFilesMetaData(md);
  }
  using DB::GetColumnFamilyMetaData;
  void GetColumnFamilyMetaData(ColumnFamilyHandle* cf,
                               ColumnFamilyMetaData* md) override {
    db_->GetColumnFamilyMetaData(cf, md);
  }
  using DB::GetOptions;
  Options GetOptions(ColumnFamilyHandle* cf) const override {
    return db_->GetOptions(cf);
  }

 protected:
  DB* db_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_UTILITIES_STACKABLE_DB_H_
