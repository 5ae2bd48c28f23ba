// WriteBatchInternal: the DB's access to a WriteBatch's representation
// (header fields, raw appends, adopting bytes read from a WAL) and a parser
// of single records, kept out of the public WriteBatch API as RocksDB does.
// Layout: doc/write_batch.md. Thread-safety as for
// WriteBatch: mutators need external synchronization.
#ifndef SKYROCKS_DB_WRITE_BATCH_INTERNAL_H_
#define SKYROCKS_DB_WRITE_BATCH_INTERNAL_H_

#include <cstdint>
#include <string>

#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "rocksdb/write_batch.h"
#include "table/dbformat.h"

namespace ROCKSDB_NAMESPACE {

// One decoded record of a WriteBatch rep. Slices point into the rep.
struct WriteBatchRecord {
  ValueType tag = kTypeNoop;  // as stored (column-family or short form)
  uint32_t column_family = 0;
  Slice key;    // key, begin key, blob (LogData) or xid (2PC markers)
  Slice value;  // value, end key, merge operand or commit timestamp
};

class WriteBatchInternal {
 public:
  // u64 sequence + u32 count.
  static constexpr size_t kHeader = 12;

  static uint32_t Count(const WriteBatch* batch);
  static void SetCount(WriteBatch* batch, uint32_t n);
  // The sequence number of the first counted record.
  static SequenceNumber Sequence(const WriteBatch* batch);
  static void SetSequence(WriteBatch* batch, SequenceNumber seq);

  static Slice Contents(const WriteBatch* batch) { return Slice(batch->rep_); }
  static size_t ByteSize(const WriteBatch* batch) { return batch->rep_.size(); }
  // Adopts contents as the rep. InvalidArgument (nothing changed) when it
  // is shorter than the header; the records are checked by Iterate.
  [[nodiscard]] static Status SetContents(WriteBatch* batch,
                                          const Slice& contents);

  // Appends src's records to dst and adds src's count to dst's (group
  // commit); dst keeps its sequence.
  [[nodiscard]] static Status Append(WriteBatch* dst, const WriteBatch* src);

  // Updates addressed by column family id (what WAL replay and the DB use).
  [[nodiscard]] static Status Put(WriteBatch* b, uint32_t cf_id,
                                  const Slice& key, const Slice& value);
  [[nodiscard]] static Status Delete(WriteBatch* b, uint32_t cf_id,
                                     const Slice& key);
  [[nodiscard]] static Status SingleDelete(WriteBatch* b, uint32_t cf_id,
                                           const Slice& key);
  [[nodiscard]] static Status DeleteRange(WriteBatch* b, uint32_t cf_id,
                                          const Slice& begin_key,
                                          const Slice& end_key);
  [[nodiscard]] static Status Merge(WriteBatch* b, uint32_t cf_id,
                                    const Slice& key, const Slice& value);

  // Two-phase commit markers (doc/write_batch.md), as RocksDB 7.8.3's
  // WRITE_COMMITTED transactions write them. InsertNoop appends a Noop:
  // REQUIRES for MarkEndPrepare, the record right after the header, which
  // becomes BeginPrepare; then EndPrepareXID(xid) is appended.
  static void InsertNoop(WriteBatch* b);
  [[nodiscard]] static Status MarkEndPrepare(WriteBatch* b, const Slice& xid);
  static void MarkCommit(WriteBatch* b, const Slice& xid);
  static void MarkRollback(WriteBatch* b, const Slice& xid);

  // Reads the record at the front of *input (which starts after the header
  // or after a previous record) and advances *input past it. Corruption
  // naming the tag when the record is truncated or the tag is unknown.
  [[nodiscard]] static Status ReadRecord(Slice* input,
                                         WriteBatchRecord* record);

  // True for the tags that consume a sequence number (and count).
  static bool IsCountedTag(ValueType tag);
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_WRITE_BATCH_INTERNAL_H_
