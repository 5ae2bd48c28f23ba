// WriteBatch: a list of updates applied to a DB atomically (RocksDB's class,
// same names, signatures and byte representation). The representation is
// exactly a WAL record payload (doc/write_batch.md):
//
//   u64 sequence | u32 count | record*
//   record := tag [varint32 cf_id] lpstr key [lpstr value ...]
//
// where the short tags (kTypeValue, kTypeDeletion, ...) are used for the
// default column family (id 0) and the kTypeColumnFamily* tags otherwise.
// Data() returns those bytes; WriteBatch(rep) adopts bytes read from a WAL.
//
// Thread-safety: const methods may be called concurrently; anything that
// modifies the batch needs external synchronization.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_WRITE_BATCH_H_
#define SKYROCKS_INCLUDE_ROCKSDB_WRITE_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/column_family_handle.h"
#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class WriteBatch {
 public:
  // reserved_bytes: initial capacity; max_bytes: 0 for unlimited, otherwise
  // an update that would make the rep larger fails with MemoryLimit.
  explicit WriteBatch(size_t reserved_bytes = 0, size_t max_bytes = 0);
  // Adopts an encoded rep (e.g. a WAL record). Not validated until Iterate.
  explicit WriteBatch(const std::string& rep);
  explicit WriteBatch(std::string&& rep);
  WriteBatch(const WriteBatch& src);
  WriteBatch(WriteBatch&& src) noexcept;
  WriteBatch& operator=(const WriteBatch& src);
  WriteBatch& operator=(WriteBatch&& src) noexcept;
  ~WriteBatch();

  // Store the mapping key->value in the database. A null column_family
  // means the default column family.
  Status Put(ColumnFamilyHandle* column_family, const Slice& key,
             const Slice& value);
  Status Put(const Slice& key, const Slice& value) {
    return Put(nullptr, key, value);
  }

  // Erase the mapping for key, if any.
  Status Delete(ColumnFamilyHandle* column_family, const Slice& key);
  Status Delete(const Slice& key) { return Delete(nullptr, key); }

  // Erase the mapping for key, assuming it was Put exactly once since the
  // last deletion (RocksDB's SingleDelete contract).
  Status SingleDelete(ColumnFamilyHandle* column_family, const Slice& key);
  Status SingleDelete(const Slice& key) { return SingleDelete(nullptr, key); }

  // Erase every key in [begin_key, end_key).
  Status DeleteRange(ColumnFamilyHandle* column_family, const Slice& begin_key,
                     const Slice& end_key);
  Status DeleteRange(const Slice& begin_key, const Slice& end_key) {
    return DeleteRange(nullptr, begin_key, end_key);
  }

  // Merge value into the existing value of key with the column family's
  // merge operator.
  Status Merge(ColumnFamilyHandle* column_family, const Slice& key,
               const Slice& value);
  Status Merge(const Slice& key, const Slice& value) {
    return Merge(nullptr, key, value);
  }

  // A blob written to the WAL with this batch but not applied to the DB and
  // not counted (Handler::LogData sees it on replay).
  Status PutLogData(const Slice& blob);

  // Removes every update; the sequence number is reset to 0.
  void Clear();

  // Save points: RollbackToSavePoint drops every update made since the
  // matching SetSavePoint (NotFound if there is none); PopSavePoint forgets
  // the most recent save point without rolling back.
  void SetSavePoint();
  Status RollbackToSavePoint();
  Status PopSavePoint();

  // Receives the records of a batch in order from Iterate. The *CF methods
  // are called for every record; their defaults forward default-column-
  // family records to the non-CF methods and reject other column families
  // with InvalidArgument, as RocksDB's do.
  class Handler {
   public:
    virtual ~Handler();

    virtual Status PutCF(uint32_t column_family_id, const Slice& key,
                         const Slice& value);
    virtual void Put(const Slice& /*key*/, const Slice& /*value*/) {}

    virtual Status DeleteCF(uint32_t column_family_id, const Slice& key);
    virtual void Delete(const Slice& /*key*/) {}

    virtual Status SingleDeleteCF(uint32_t column_family_id, const Slice& key);
    virtual void SingleDelete(const Slice& /*key*/) {}

    virtual Status DeleteRangeCF(uint32_t column_family_id,
                                 const Slice& begin_key, const Slice& end_key);

    virtual Status MergeCF(uint32_t column_family_id, const Slice& key,
                           const Slice& value);
    virtual void Merge(const Slice& /*key*/, const Slice& /*value*/) {}

    // BlobDB and wide-column records: skyrocks does not write them; a
    // handler that does not override these rejects them.
    virtual Status PutBlobIndexCF(uint32_t column_family_id, const Slice& key,
                                  const Slice& value);
    virtual Status PutEntityCF(uint32_t column_family_id, const Slice& key,
                               const Slice& entity);

    // The blob of a PutLogData record.
    virtual void LogData(const Slice& /*blob*/) {}

    // Two-phase-commit markers (written by transactions).
    virtual Status MarkBeginPrepare(bool /*unprepared*/ = false);
    virtual Status MarkEndPrepare(const Slice& xid);
    virtual Status MarkNoop(bool empty_batch);
    virtual Status MarkRollback(const Slice& xid);
    virtual Status MarkCommit(const Slice& xid);
    virtual Status MarkCommitWithTimestamp(const Slice& xid,
                                           const Slice& commit_ts);

    // Iterate stops early (successfully) once this returns false.
    virtual bool Continue() { return true; }
  };

  // Calls handler for each record. Corruption (naming the offset) on a
  // malformed rep: too small, unknown tag, truncated record, or a count in
  // the header that differs from the records found; a handler error stops
  // the iteration and is returned.
  Status Iterate(Handler* handler) const;

  // The encoded batch (the WAL record payload).
  const std::string& Data() const { return rep_; }
  size_t GetDataSize() const { return rep_.size(); }

  // Number of counted records (Put, Delete, SingleDelete, DeleteRange,
  // Merge; not LogData).
  uint32_t Count() const;

  bool HasPut() const;
  bool HasDelete() const;
  bool HasSingleDelete() const;
  bool HasDeleteRange() const;
  bool HasMerge() const;

  size_t GetMaxBytes() const { return max_bytes_; }
  void SetMaxBytes(size_t max_bytes) { max_bytes_ = max_bytes; }

  WriteBatch* GetWriteBatch() { return this; }

 private:
  friend class WriteBatchInternal;

  struct SavePointEntry {
    size_t size;
    uint32_t count;
    uint32_t content_flags;
  };

  // Appends one record; rolls back and returns MemoryLimit when the rep
  // would exceed max_bytes_.
  Status AddRecord(uint32_t cf_id, unsigned char default_tag,
                   unsigned char cf_tag, const Slice& key, const Slice* value,
                   uint32_t flag);
  // Recomputes content_flags_ by scanning the rep (after adopting a rep).
  uint32_t ComputeContentFlags() const;

  std::string rep_;
  size_t max_bytes_ = 0;
  // Bit set of record kinds present; kDeferred until computed.
  mutable uint32_t content_flags_ = 0;
  std::vector<SavePointEntry> save_points_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_INCLUDE_ROCKSDB_WRITE_BATCH_H_
